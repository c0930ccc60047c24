using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLessons.Internals;

/// <summary>
/// "Can a value of this type be awaited?", answered once per type and compilation and shared by every analyzer.
/// Awaitable means Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; (and types derived from Task), or any type with the
/// awaitable pattern: a parameterless, non-generic instance <c>GetAwaiter()</c> (or, in scope, an extension method or a C# 14 extension member)
/// whose result has a <c>bool IsCompleted { get; }</c>, a parameterless <c>GetResult()</c>, and implements
/// <see cref="INotifyCompletion"/>. <c>dynamic</c> is not considered awaitable: nothing is known about it.
/// </summary>
internal sealed class Awaitables
{
    private static readonly ConditionalWeakTable<Compilation, Awaitables> Cache = new();

    private readonly KnownTypes _types;
    private readonly INamedTypeSymbol? _notifyCompletion;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _byInstancePattern = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ScopeKey, bool> _byExtension = new();
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _extensionApplies = new(SymbolEqualityComparer.Default);
    private readonly System.Lazy<ExtensionAwaiters> _extensionAwaiters;

    private Awaitables(Compilation compilation)
    {
        _types = KnownTypes.Get(compilation);
        _notifyCompletion = KnownTypes.Get(compilation).Named("System.Runtime.CompilerServices.INotifyCompletion");
        _extensionAwaiters = new(() => ExtensionAwaiters.Find(compilation));
    }

    /// <summary>The shared instance for <paramref name="compilation"/>.</summary>
    public static Awaitables Get(Compilation compilation) => Cache.GetValue(compilation, static c => new Awaitables(c));

    /// <summary>True when <paramref name="type"/> is awaitable through its own members (no extension methods).</summary>
    public bool IsAwaitable(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.Dynamic or TypeKind.Pointer or TypeKind.FunctionPointer
            || type.SpecialType != SpecialType.None)
        {
            return false;
        }

        if (_types.IsTaskLike(type))
        {
            return true;
        }

        return _byInstancePattern.GetOrAdd(type, t => HasInstanceGetAwaiter(t));
    }

    /// <summary>
    /// True when <paramref name="type"/> is awaitable at <paramref name="position"/> of <paramref name="semanticModel"/>'s
    /// tree: through its own members, or through a <c>GetAwaiter</c> extension method in scope there.
    /// </summary>
    public bool IsAwaitable(ITypeSymbol? type, SemanticModel semanticModel, int position)
    {
        if (IsAwaitable(type))
        {
            return true;
        }

        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.Dynamic or TypeKind.Pointer or TypeKind.FunctionPointer
            || type.SpecialType != SpecialType.None)
        {
            return false;
        }

        if (!MayBeAwaitableByExtension(type))
        {
            return false;
        }

        // The extension methods in scope depend only on the usings and the enclosing namespaces, which are the same
        // everywhere inside one namespace block (or, outside any, in the whole compilation unit): the answer is kept per block.
        var tree = semanticModel.SyntaxTree;
        return _byExtension.GetOrAdd(new ScopeKey(tree, ImportScope(tree, position), type), key => HasExtensionGetAwaiter(key.Type, semanticModel, position));
    }

    /// <summary>
    /// False when no <c>GetAwaiter</c> extension method anywhere in the compilation's reach applies to
    /// <paramref name="type"/> with an awaiter as its result: then no position can make it awaitable, and the scoped
    /// lookup is skipped. Most compilations declare no such extension at all.
    /// </summary>
    private bool MayBeAwaitableByExtension(ITypeSymbol type)
    {
        var index = _extensionAwaiters.Value;
        if (!index.IsComplete)
        {
            return true;
        }

        if (index.Candidates.IsEmpty)
        {
            return false;
        }

        return _extensionApplies.GetOrAdd(type, t =>
        {
            foreach (var candidate in index.Candidates)
            {
                if (candidate.ReduceExtensionMethod(t) is { } reduced && IsAwaiter(reduced.ReturnType))
                {
                    return true;
                }
            }

            return false;
        });
    }

    /// <summary>
    /// Names the innermost namespace declaration (block or file-scoped) around <paramref name="position"/> by where it
    /// starts, or -1 for the compilation unit: the node whose usings and namespace decide which extension methods are
    /// in scope there. A position rather than the node: red nodes may be recreated, a position stays the same.
    /// </summary>
    private static int ImportScope(SyntaxTree tree, int position)
    {
        for (var node = tree.GetRoot().FindToken(position).Parent; node is not null; node = node.Parent)
        {
            if (node is BaseNamespaceDeclarationSyntax)
            {
                return node.SpanStart;
            }
        }

        return -1;
    }

    private bool HasInstanceGetAwaiter(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol typeParameter)
        {
            foreach (var constraint in typeParameter.ConstraintTypes)
            {
                if (IsAwaitable(constraint))
                {
                    return true;
                }
            }

            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (HasGetAwaiterMember(current))
            {
                return true;
            }
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var inherited in type.AllInterfaces)
            {
                if (HasGetAwaiterMember(inherited))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool HasGetAwaiterMember(ITypeSymbol type)
    {
        foreach (var member in type.GetMembers("GetAwaiter"))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.IsEmpty: true, IsGenericMethod: false } method
                && IsAwaiter(method.ReturnType))
            {
                return true;
            }
        }

        return false;
    }

    private bool HasExtensionGetAwaiter(ITypeSymbol type, SemanticModel semanticModel, int position)
    {
        foreach (var symbol in semanticModel.LookupSymbols(position, type, "GetAwaiter", includeReducedExtensionMethods: true))
        {
            // A classic extension method comes back reduced (ReducedFrom set); a C# 14 extension block member comes back
            // as a parameterless instance method of the extension. The type's own instance methods were checked before.
            if (symbol is IMethodSymbol { Parameters.IsEmpty: true, IsGenericMethod: false } method
                && (method.ReducedFrom is not null || !method.IsStatic)
                && IsAwaiter(method.ReturnType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The awaiter half of the pattern: <c>bool IsCompleted { get; }</c>, <c>GetResult()</c> and <see cref="INotifyCompletion"/>.</summary>
    private bool IsAwaiter(ITypeSymbol awaiter)
    {
        if (awaiter.TypeKind == TypeKind.Error || _notifyCompletion is null)
        {
            return false;
        }

        var implementsNotifyCompletion = awaiter.IsEqualTo(_notifyCompletion);
        foreach (var implemented in awaiter.AllInterfaces)
        {
            implementsNotifyCompletion |= implemented.IsEqualTo(_notifyCompletion);
        }

        if (!implementsNotifyCompletion)
        {
            return false;
        }

        bool hasIsCompleted = false, hasGetResult = false;
        for (var current = awaiter; current is not null && !(hasIsCompleted && hasGetResult); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case IPropertySymbol { Name: "IsCompleted", IsStatic: false, GetMethod: not null, Type.SpecialType: SpecialType.System_Boolean, Parameters.IsEmpty: true }:
                        hasIsCompleted = true;
                        break;
                    case IMethodSymbol { Name: "GetResult", IsStatic: false, Parameters.IsEmpty: true, IsGenericMethod: false }:
                        hasGetResult = true;
                        break;
                }
            }
        }

        return hasIsCompleted && hasGetResult;
    }

    /// <summary>
    /// A type in one import scope of one file. A class, not a tuple: a dictionary keyed by a reference type runs the
    /// runtime's shared, precompiled code, where a struct key would be compiled afresh in every compiler process.
    /// </summary>
    private sealed class ScopeKey(SyntaxTree tree, int scope, ITypeSymbol type) : System.IEquatable<ScopeKey>
    {
        private readonly SyntaxTree _tree = tree;
        private readonly int _scope = scope;

        public ITypeSymbol Type { get; } = type;

        public bool Equals(ScopeKey? other) =>
            other is not null && ReferenceEquals(_tree, other._tree) && _scope == other._scope && Type.IsEqualTo(other.Type);

        public override bool Equals(object? obj) => Equals(obj as ScopeKey);

        public override int GetHashCode() => (((_tree.GetHashCode() * 397) ^ _scope) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(Type);
    }
}
