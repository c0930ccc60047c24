using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Answers "does this synchronous method have an async counterpart?" once per method and compilation, negative
/// answers included (most calls have none). A counterpart of <c>M</c> is a method named <c>MAsync</c> on the same
/// type or a base type (static for static, instance for instance, same arity), not <c>[Obsolete]</c>, whose parameters
/// are <c>M</c>'s (a <c>Span</c>/<c>ReadOnlySpan</c> may become <c>Memory</c>/<c>ReadOnlyMemory</c>), optionally followed
/// by a <c>CancellationToken</c>, and which returns <c>Task</c>/<c>ValueTask</c> of <c>M</c>'s result
/// (<c>Task</c>/<c>ValueTask</c> for <c>void</c>).
/// </summary>
internal sealed class AsyncCounterparts
{
    private static readonly ConditionalWeakTable<Compilation, AsyncCounterparts> Cache = new();

    private readonly KnownTypes _types;
    private readonly ConcurrentDictionary<IMethodSymbol, Counterpart?> _answers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _mayHaveExtensionCounterpart = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ExtensionCallKey, Counterpart?> _extensionAnswers = new();
    private readonly ExtensionMethodNames _extensionNames;

    private readonly Compilation _compilation;

    private AsyncCounterparts(Compilation compilation)
    {
        _compilation = compilation;
        _types = KnownTypes.Get(compilation);
        _extensionNames = new ExtensionMethodNames(compilation);
    }

    /// <summary>The shared instance for <paramref name="compilation"/>.</summary>
    public static AsyncCounterparts Get(Compilation compilation) => Cache.GetValue(compilation, static c => new AsyncCounterparts(c));

    /// <summary>The async counterparts of <paramref name="method"/>, or null when it has none.</summary>
    public Counterpart? Find(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (_answers.TryGetValue(definition, out var known))
        {
            return known;
        }

        return _answers.GetOrAdd(definition, Compute(definition));
    }

    /// <summary>
    /// For an instance call <c>x.M(...)</c> with no counterpart on <c>x</c>'s type: an extension method
    /// <c>MAsync(this T x, ...)</c> in scope at the call, found by the binder's own lookup (made only when some static
    /// class in the compilation's reach declares a method of that name). Non-generic methods only.
    /// </summary>
    public Counterpart? FindExtension(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic
            || method.IsExtensionMethod
            || method.Arity != 0
            || invocation.Instance?.Type is not { TypeKind: not TypeKind.Error } receiverType
            || invocation.SemanticModel is not { } model)
        {
            return null;
        }

        var definition = method.OriginalDefinition;
        if (!_mayHaveExtensionCounterpart.TryGetValue(definition, out var may))
        {
            may = definition.MethodKind == MethodKind.Ordinary
                && !definition.Name.EndsWith("Async", System.StringComparison.Ordinal)
                && !_types.IsTaskLike(definition.ReturnType)
                && definition.ContainingType is { } containingType
                && !_types.IsTaskLike(containingType)
                && _extensionNames.MayDeclare(definition.Name + "Async", cancellationToken)
                && !SyncIOPolicy.IsExcludedByDefault(definition);
            _mayHaveExtensionCounterpart.TryAdd(definition, may);
        }

        if (!may)
        {
            return null;
        }

        // What is in scope depends on the file's usings: one lookup per method, receiver type and file.
        var key = new ExtensionCallKey(definition, receiverType, invocation.Syntax.SyntaxTree);
        if (_extensionAnswers.TryGetValue(key, out var known))
        {
            return known;
        }

        return _extensionAnswers.GetOrAdd(key, LookupExtension(invocation, method, receiverType, model));
    }

    /// <summary>
    /// The static counterparts of <paramref name="method"/> declared on another type, <paramref name="type"/>
    /// (Entity Framework's <c>EntityFrameworkQueryableExtensions.AnyAsync</c> for <c>Queryable.Any</c>). With
    /// <paramref name="relaxSource"/>, the counterpart's first parameter may be <c>IQueryable&lt;T&gt;</c> where the
    /// method takes <c>IEnumerable&lt;T&gt;</c> (<c>Enumerable.ToList</c> over a query).
    /// </summary>
    public Counterpart? FindIn(IMethodSymbol method, INamedTypeSymbol type, bool relaxSource)
    {
        var asyncName = method.Name + "Async";
        if (method.MethodKind != MethodKind.Ordinary || !DeclaresMemberNamed(type, asyncName))
        {
            return null;
        }

        IMethodSymbol? exact = null;
        IMethodSymbol? withToken = null;
        foreach (var member in type.GetMembers(asyncName))
        {
            if (member is not IMethodSymbol { IsStatic: true } candidate
                || candidate.Arity != method.Arity
                || candidate.DeclaredAccessibility != Accessibility.Public
                || _types.IsObsolete(candidate)
                || !ReturnsAwaitableOf(candidate, method))
            {
                continue;
            }

            Keep(MatchParameters(method, candidate, skipped: 0, relaxSource), candidate, ref exact, ref withToken);
        }

        return exact is null && withToken is null ? null : new Counterpart(asyncName, exact, withToken);
    }

    private Counterpart? LookupExtension(IInvocationOperation invocation, IMethodSymbol method, ITypeSymbol receiverType, SemanticModel model)
    {
        var asyncName = method.Name + "Async";
        IMethodSymbol? exact = null;
        IMethodSymbol? withToken = null;
        foreach (var symbol in model.LookupSymbols(invocation.Syntax.SpanStart, receiverType, asyncName, includeReducedExtensionMethods: true))
        {
            if (symbol is not IMethodSymbol { ReducedFrom: not null, Arity: 0 } candidate
                || _types.IsObsolete(candidate.ReducedFrom)
                || !ReturnsAwaitableOf(candidate, method))
            {
                continue;
            }

            Keep(MatchParameters(method, candidate, skipped: 0), candidate, ref exact, ref withToken);
        }

        return exact is null && withToken is null ? null : new Counterpart(asyncName, exact, withToken);
    }

    private Counterpart? Compute(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary
            || method.ContainingType is not { } containingType
            || method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || _types.IsTaskLike(method.ReturnType)
            || _types.IsTaskLike(containingType))
        {
            return null;
        }

        var asyncName = method.Name + "Async";
        IMethodSymbol? exact = null;
        IMethodSymbol? withToken = null;
        for (INamedTypeSymbol? type = containingType; type is not null; type = method.IsStatic ? null : type.BaseType)
        {
            Collect(method, type, asyncName, method.IsStatic, skipped: 0, ref exact, ref withToken);
        }

        // A sync extension method M(this T x, ...) whose receiver type offers an instance MAsync(...).
        if (method.IsExtensionMethod && method.Parameters.Length > 0 && method.Parameters[0].Type is INamedTypeSymbol receiver)
        {
            for (INamedTypeSymbol? type = receiver; type is not null; type = type.BaseType)
            {
                Collect(method, type, asyncName, isStatic: false, skipped: 1, ref exact, ref withToken);
            }

            if (receiver.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in receiver.AllInterfaces)
                {
                    Collect(method, implemented, asyncName, isStatic: false, skipped: 1, ref exact, ref withToken);
                }
            }
        }

        return (exact is null && withToken is null) || SyncIOPolicy.IsExcludedByDefault(method) ? null : new Counterpart(asyncName, exact, withToken);
    }

    /// <summary>
    /// Adds <paramref name="type"/>'s methods named <paramref name="asyncName"/> that are counterparts of
    /// <paramref name="method"/> without its first <paramref name="skipped"/> parameters (1: an extension's receiver).
    /// </summary>
    private void Collect(IMethodSymbol method, INamedTypeSymbol type, string asyncName, bool isStatic, int skipped, ref IMethodSymbol? exact, ref IMethodSymbol? withToken)
    {
        if (!DeclaresMemberNamed(type, asyncName))
        {
            // The names come from the declarations (or the metadata's name table): no member symbols are built.
            return;
        }

        foreach (var member in type.GetMembers(asyncName))
        {
            if (member is not IMethodSymbol candidate
                || candidate.IsStatic != isStatic
                || candidate.Arity != method.Arity
                || candidate.DeclaredAccessibility == Accessibility.NotApplicable
                || _types.IsObsolete(candidate)
                || !ReturnsAwaitableOf(candidate, method))
            {
                continue;
            }

            Keep(MatchParameters(method, candidate, skipped), candidate, ref exact, ref withToken);
        }
    }

    /// <summary>Keeps the first candidate of each kind of match.</summary>
    private static void Keep(ParameterMatch match, IMethodSymbol candidate, ref IMethodSymbol? exact, ref IMethodSymbol? withToken)
    {
        switch (match)
        {
            case ParameterMatch.Exact:
                exact ??= candidate;
                break;
            case ParameterMatch.WithToken:
                withToken ??= candidate;
                break;
        }
    }

    private static bool DeclaresMemberNamed(INamedTypeSymbol type, string name)
    {
        var memberNames = type.MemberNames;
        if (memberNames is ICollection<string> collection)
        {
            // The compiler keeps the names as a set (from the declarations, or the metadata's name table).
            return collection.Contains(name);
        }

        foreach (var memberName in memberNames)
        {
            if (memberName == name)
            {
                return true;
            }
        }

        return false;
    }

    private bool ReturnsAwaitableOf(IMethodSymbol candidate, IMethodSymbol method)
    {
        if (candidate.ReturnType is not INamedTypeSymbol returnType)
        {
            return false;
        }

        var definition = returnType.OriginalDefinition;
        if (method.ReturnsVoid)
        {
            return definition.IsEqualTo(_types.Task) || definition.IsEqualTo(_types.ValueTask);
        }

        return (definition.IsEqualTo(_types.TaskOfT) || definition.IsEqualTo(_types.ValueTaskOfT))
            && Equivalent(returnType.TypeArguments[0], method.ReturnType, allowMemory: false);
    }

    private enum ParameterMatch
    {
        None,
        Exact,
        WithToken,
    }

    private ParameterMatch MatchParameters(IMethodSymbol method, IMethodSymbol candidate, int skipped, bool relaxSource = false)
    {
        var count = method.Parameters.Length - skipped;
        ParameterMatch match;
        if (candidate.Parameters.Length == count)
        {
            match = ParameterMatch.Exact;
        }
        else if (candidate.Parameters.Length == count + 1
            && candidate.Parameters[count].Type.IsEqualTo(_types.CancellationToken)
            && candidate.Parameters[count].RefKind == RefKind.None)
        {
            match = ParameterMatch.WithToken;
        }
        else
        {
            return ParameterMatch.None;
        }

        for (var i = 0; i < count; i++)
        {
            var parameter = method.Parameters[i + skipped];
            var other = candidate.Parameters[i];
            if (i == 0 && relaxSource && IsQueryOfSameElement(other.Type, parameter.Type))
            {
                continue;
            }

            if (!(parameter.RefKind == other.RefKind || (parameter.RefKind == RefKind.In && other.RefKind == RefKind.None))
                || parameter.IsParams != other.IsParams
                || (parameter.IsOptional && !other.IsOptional)
                || !(Equivalent(other.Type, parameter.Type, allowMemory: true) || (other.RefKind == RefKind.None && ConvertsImplicitly(parameter.Type, other.Type))))
            {
                return ParameterMatch.None;
            }
        }

        return match;
    }

    /// <summary><c>IQueryable&lt;T&gt;</c> against <c>IEnumerable&lt;T&gt;</c>, the element types matched as <see cref="Equivalent"/> does.</summary>
    private bool IsQueryOfSameElement(ITypeSymbol asyncType, ITypeSymbol syncType) =>
        asyncType is INamedTypeSymbol { Name: "IQueryable", TypeArguments.Length: 1 } query
        && query.ContainingNamespace?.ToDisplayString() == "System.Linq"
        && syncType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } sequence
        && Equivalent(query.TypeArguments[0], sequence.TypeArguments[0], allowMemory: false);

    /// <summary>
    /// An argument for <paramref name="syncType"/> is also one for <paramref name="asyncType"/> by an identity or
    /// implicit reference conversion (<c>List&lt;T&gt;</c> → <c>IEnumerable&lt;T&gt;</c>); types that mention a method's
    /// type parameters are left to <see cref="Equivalent"/>.
    /// </summary>
    private bool ConvertsImplicitly(ITypeSymbol syncType, ITypeSymbol asyncType)
    {
        if (MentionsTypeParameter(syncType) || MentionsTypeParameter(asyncType))
        {
            return false;
        }

        var conversion = _compilation.ClassifyCommonConversion(syncType, asyncType);
        return conversion.Exists && (conversion.IsIdentity || (conversion.IsImplicit && conversion.IsReference));
    }

    private static bool MentionsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => MentionsTypeParameter(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } named => AnyMentionsTypeParameter(named.TypeArguments),
        _ => false,
    };

    private static bool AnyMentionsTypeParameter(ImmutableArray<ITypeSymbol> types)
    {
        foreach (var type in types)
        {
            if (MentionsTypeParameter(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Same type, with the methods' own type parameters matched by position; with <paramref name="allowMemory"/>,
    /// <c>Memory&lt;T&gt;</c> stands for <c>Span&lt;T&gt;</c> and <c>ReadOnlyMemory&lt;T&gt;</c> for <c>ReadOnlySpan&lt;T&gt;</c>.
    /// </summary>
    private bool Equivalent(ITypeSymbol asyncType, ITypeSymbol syncType, bool allowMemory)
    {
        if (asyncType.IsEqualTo(syncType))
        {
            return true;
        }

        switch (asyncType)
        {
            case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } asyncParameter:
                return syncType is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } syncParameter
                    && asyncParameter.Ordinal == syncParameter.Ordinal;
            case IArrayTypeSymbol asyncArray:
                return syncType is IArrayTypeSymbol syncArray && asyncArray.Rank == syncArray.Rank
                    && Equivalent(asyncArray.ElementType, syncArray.ElementType, allowMemory: false);
            case INamedTypeSymbol { IsGenericType: true } asyncNamed when syncType is INamedTypeSymbol { IsGenericType: true } syncNamed:
                var sameDefinition = asyncNamed.OriginalDefinition.IsEqualTo(syncNamed.OriginalDefinition)
                    || (allowMemory
                        && ((asyncNamed.OriginalDefinition.IsEqualTo(_types.Memory) && syncNamed.OriginalDefinition.IsEqualTo(_types.Span))
                            || (asyncNamed.OriginalDefinition.IsEqualTo(_types.ReadOnlyMemory) && syncNamed.OriginalDefinition.IsEqualTo(_types.ReadOnlySpan))));
                if (!sameDefinition || asyncNamed.TypeArguments.Length != syncNamed.TypeArguments.Length)
                {
                    return false;
                }

                for (var i = 0; i < asyncNamed.TypeArguments.Length; i++)
                {
                    if (!Equivalent(asyncNamed.TypeArguments[i], syncNamed.TypeArguments[i], allowMemory: false))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}

/// <summary>The async counterparts of one method: the one with its exact parameters, and the one that also takes a CancellationToken.</summary>
internal sealed class Counterpart
{
    public Counterpart(string name, IMethodSymbol? exact, IMethodSymbol? withToken)
    {
        Name = name;
        Exact = exact;
        WithToken = withToken;
    }

    public string Name { get; }

    public IMethodSymbol? Exact { get; }

    public IMethodSymbol? WithToken { get; }

    /// <summary>Every counterpart, for accessibility checks.</summary>
    public ImmutableArray<IMethodSymbol> All =>
        Exact is null ? ImmutableArray.Create(WithToken!) : WithToken is null ? ImmutableArray.Create(Exact) : ImmutableArray.Create(Exact, WithToken);
}

/// <summary>
/// A (method, receiver type, file) key, compared with symbol equality. A class, not a tuple: a dictionary keyed by a
/// reference type runs the runtime's shared, precompiled code, where a struct key would be compiled afresh in every
/// compiler process.
/// </summary>
internal sealed class ExtensionCallKey(IMethodSymbol method, ITypeSymbol receiver, SyntaxTree tree) : System.IEquatable<ExtensionCallKey>
{
    private readonly IMethodSymbol _method = method;
    private readonly ITypeSymbol _receiver = receiver;
    private readonly SyntaxTree _tree = tree;

    public bool Equals(ExtensionCallKey? other) =>
        other is not null && _method.IsEqualTo(other._method) && _receiver.IsEqualTo(other._receiver) && _tree == other._tree;

    public override bool Equals(object? obj) => Equals(obj as ExtensionCallKey);

    public override int GetHashCode() =>
        (SymbolEqualityComparer.Default.GetHashCode(_method) * 31 + SymbolEqualityComparer.Default.GetHashCode(_receiver)) * 31 + _tree.GetHashCode();
}
