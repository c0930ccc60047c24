using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// The framework types the rules ask about, resolved once per compilation and shared by every analyzer and code fix:
/// the one place a type is looked up by name. A member is null when the compilation does not reference that type;
/// rules that need it then register nothing.
/// </summary>
internal sealed class KnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, KnownTypes> Cache = new();

    private readonly Compilation _compilation;
    private readonly IAssemblySymbol? _coreLibrary;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _byName = new(StringComparer.Ordinal);

    private KnownTypes(Compilation compilation)
    {
        var coreLibrary = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
        _compilation = compilation;
        _coreLibrary = coreLibrary;
        INamedTypeSymbol? Resolve(string metadataName) => Find(compilation, coreLibrary, metadataName);

        Task = Resolve("System.Threading.Tasks.Task");
        TaskOfT = Resolve("System.Threading.Tasks.Task`1");
        ValueTask = Resolve("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Resolve("System.Threading.Tasks.ValueTask`1");
        Thread = Resolve("System.Threading.Thread");
        CancellationToken = Resolve("System.Threading.CancellationToken");
        TimeSpan = Resolve("System.TimeSpan");
        EventArgs = Resolve("System.EventArgs");
        EventHandler = Resolve("System.EventHandler");
        EventHandlerOfT = Resolve("System.EventHandler`1");
        ListOfT = Resolve("System.Collections.Generic.List`1");
        TaskStatus = Resolve("System.Threading.Tasks.TaskStatus");
        ConfiguredTaskAwaitable = Resolve("System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
        ConfiguredTaskAwaitableOfT = Resolve("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
        ConfiguredValueTaskAwaitable = Resolve("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
        ConfiguredValueTaskAwaitableOfT = Resolve("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
        AsyncDisposable = Resolve("System.IAsyncDisposable");
        ObsoleteAttribute = Resolve("System.ObsoleteAttribute");
        STAThreadAttribute = Resolve("System.STAThreadAttribute");
        Span = Resolve("System.Span`1");
        ReadOnlySpan = Resolve("System.ReadOnlySpan`1");
        Memory = Resolve("System.Memory`1");
        ReadOnlyMemory = Resolve("System.ReadOnlyMemory`1");
        HttpClient = Resolve("System.Net.Http.HttpClient");
        IEnumerableOfT = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T) is { TypeKind: not TypeKind.Error } enumerable ? enumerable : null;
        Parallel = Resolve("System.Threading.Tasks.Parallel");
        Guid = Resolve("System.Guid");
        DateTimeOffset = Resolve("System.DateTimeOffset");
        Enumerable = Resolve("System.Linq.Enumerable");
    }

    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? EventArgs { get; }
    public INamedTypeSymbol? EventHandler { get; }
    public INamedTypeSymbol? EventHandlerOfT { get; }
    public INamedTypeSymbol? ListOfT { get; }
    public INamedTypeSymbol? TaskStatus { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaitable { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaitableOfT { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaitable { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaitableOfT { get; }
    public INamedTypeSymbol? AsyncDisposable { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }
    public INamedTypeSymbol? STAThreadAttribute { get; }
    public INamedTypeSymbol? Span { get; }
    public INamedTypeSymbol? ReadOnlySpan { get; }
    public INamedTypeSymbol? Memory { get; }
    public INamedTypeSymbol? ReadOnlyMemory { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? IEnumerableOfT { get; }
    public INamedTypeSymbol? Parallel { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? Enumerable { get; }

    /// <summary>
    /// The type named <paramref name="metadataName"/>: first in the core library, which holds most of the types the
    /// rules ask about and answers from one assembly's table; then in the compilation's merged global namespace
    /// (<see cref="TryFindInGlobalNamespace"/>); where that cannot decide, by the search of the whole compilation (its
    /// own source and every reference, which costs a look in each referenced assembly: a cold compilation of a small
    /// project references some 160). Null when it is in none, or ambiguous among the references.
    /// </summary>
    internal static INamedTypeSymbol? Find(Compilation compilation, IAssemblySymbol? coreLibrary, string metadataName) =>
        coreLibrary?.GetTypeByMetadataName(metadataName) is { DeclaredAccessibility: Accessibility.Public } inCore
            ? inCore
            : TryFindInGlobalNamespace(compilation, metadataName, out var found)
                ? found
                : compilation.GetTypeByMetadataName(metadataName);

    /// <summary>
    /// Any other type a rule or a fix asks about, by metadata name (<c>System.IO.File</c>, <c>System.Lazy`1</c>),
    /// resolved as the members above (<see cref="Find"/>) and kept for the compilation, a miss included.
    /// </summary>
    public INamedTypeSymbol? Named(string metadataName) =>
        _byName.TryGetValue(metadataName, out var known) ? known : _byName.GetOrAdd(metadataName, Find(_compilation, _coreLibrary, metadataName));

    /// <summary>
    /// Looks <paramref name="metadataName"/> up in the merged global namespace, which the compiler builds for its own
    /// binding: a namespace there holds only the assemblies that declare it, where the search by metadata name looks
    /// in every reference. True when that decides: no assembly, the source included, has the name's namespace
    /// (<c>NSubstitute</c>, <c>Windows.Foundation</c>: the rules ask about many libraries a compilation does not
    /// reference; <paramref name="found"/> is null), or exactly one type of that name and arity is there. False, for
    /// the search to decide, when several are (the search's rules for duplicates then apply), none is although the
    /// namespace exists, or the name is nested (<c>+</c>). Neither sees a reference with an extern alias and no
    /// <c>global</c> one.
    /// </summary>
    private static bool TryFindInGlobalNamespace(Compilation compilation, string metadataName, out INamedTypeSymbol? found)
    {
        found = null;
        if (metadataName.IndexOf('+') >= 0)
        {
            return false;
        }

        var scope = compilation.GlobalNamespace;
        var start = 0;
        for (var dot = metadataName.IndexOf('.'); dot >= 0; dot = metadataName.IndexOf('.', start))
        {
            if (NamespaceNamed(scope, metadataName.Substring(start, dot - start)) is not { } inner)
            {
                return true;
            }

            scope = inner;
            start = dot + 1;
        }

        var name = metadataName.Substring(start);
        var arity = 0;
        var tick = name.IndexOf('`');
        if (tick >= 0)
        {
            if (!int.TryParse(name.Substring(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arity))
            {
                return false;
            }

            name = name.Substring(0, tick);
        }

        var types = scope.GetTypeMembers(name, arity);
        if (types.Length != 1 || types[0].TypeKind == TypeKind.Error)
        {
            return false;
        }

        found = types[0];
        return true;
    }

    private static INamespaceSymbol? NamespaceNamed(INamespaceSymbol scope, string name)
    {
        foreach (var member in scope.GetMembers(name))
        {
            if (member is INamespaceSymbol inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>The types of <paramref name="metadataNames"/> the compilation has, in order; the missing ones left out.</summary>
    public ImmutableArray<INamedTypeSymbol> AllNamed(params string[] metadataNames)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(metadataNames.Length);
        foreach (var name in metadataNames)
        {
            if (Named(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The shared instance for <paramref name="compilation"/>.</summary>
    public static KnownTypes Get(Compilation compilation) => Cache.GetValue(compilation, static c => new KnownTypes(c));

    /// <summary>True for exactly Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt; (any type arguments); false for null.</summary>
    public bool IsTaskOrValueTask(INamedTypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return definition is not null
            && (definition.IsEqualTo(Task) || definition.IsEqualTo(TaskOfT) || definition.IsEqualTo(ValueTask) || definition.IsEqualTo(ValueTaskOfT));
    }

    /// <summary>True for Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt; (and types derived from Task).</summary>
    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || named.SpecialType != SpecialType.None)
        {
            return false;
        }

        if (named.TypeKind == TypeKind.Struct)
        {
            var definition = named.OriginalDefinition;
            return definition.IsEqualTo(ValueTask) || definition.IsEqualTo(ValueTaskOfT);
        }

        if (named.TypeKind != TypeKind.Class)
        {
            return false;
        }

        for (INamedTypeSymbol? current = named; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition.IsEqualTo(Task))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for Task, ValueTask and their ConfigureAwait results: the types <c>X.GetAwaiter().GetResult()</c> blocks on.</summary>
    public bool IsTaskOrConfiguredAwaitable(ITypeSymbol? type)
    {
        if (IsTaskLike(type))
        {
            return true;
        }

        var definition = (type as INamedTypeSymbol)?.OriginalDefinition;
        return definition is not null
            && (definition.IsEqualTo(ConfiguredTaskAwaitable)
                || definition.IsEqualTo(ConfiguredTaskAwaitableOfT)
                || definition.IsEqualTo(ConfiguredValueTaskAwaitable)
                || definition.IsEqualTo(ConfiguredValueTaskAwaitableOfT));
    }

    /// <summary>True when <paramref name="symbol"/> carries <c>[Obsolete]</c>.</summary>
    public bool IsObsolete(ISymbol symbol) => symbol.HasAttribute(ObsoleteAttribute);
}
