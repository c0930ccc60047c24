using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

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

    private AsyncCounterparts(Compilation compilation) => _types = KnownTypes.Get(compilation);

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
            if (!DeclaresMemberNamed(type, asyncName))
            {
                // The names come from the declarations (or the metadata's name table): no member symbols are built.
                continue;
            }

            foreach (var member in type.GetMembers(asyncName))
            {
                if (member is not IMethodSymbol candidate
                    || candidate.IsStatic != method.IsStatic
                    || candidate.Arity != method.Arity
                    || candidate.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.Protected or Accessibility.ProtectedOrInternal)
                    || _types.IsObsolete(candidate)
                    || !ReturnsAwaitableOf(candidate, method))
                {
                    continue;
                }

                switch (MatchParameters(method, candidate))
                {
                    case ParameterMatch.Exact:
                        exact ??= candidate;
                        break;
                    case ParameterMatch.WithToken:
                        withToken ??= candidate;
                        break;
                }
            }
        }

        return (exact is null && withToken is null) || IsExcludedByDefault(method) ? null : new Counterpart(asyncName, exact, withToken);
    }

    private static bool DeclaresMemberNamed(INamedTypeSymbol type, string name)
    {
        foreach (var memberName in type.MemberNames)
        {
            if (memberName == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Entity Framework's Add/AddRange (AddAsync exists only for special value generators), test-framework assertions, and
    /// System.Xml's readers and writers (their async methods throw unless the settings ask for Async).
    /// </summary>
    private static bool IsExcludedByDefault(IMethodSymbol method)
    {
        var ns = method.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "Microsoft.EntityFrameworkCore" && method.Name is "Add" or "AddRange")
        {
            return true;
        }

        return ns == "Xunit" || ns.StartsWith("Xunit.", System.StringComparison.Ordinal)
            || ns == "NUnit.Framework" || ns.StartsWith("NUnit.Framework.", System.StringComparison.Ordinal)
            || ns == "Microsoft.VisualStudio.TestTools.UnitTesting"
            || ns == "FluentAssertions" || ns.StartsWith("FluentAssertions.", System.StringComparison.Ordinal)
            || ns == "AwesomeAssertions" || ns.StartsWith("AwesomeAssertions.", System.StringComparison.Ordinal)
            || ns == "Shouldly"
            || ns == "System.Xml";
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
            return SymbolEqualityComparer.Default.Equals(definition, _types.Task) || SymbolEqualityComparer.Default.Equals(definition, _types.ValueTask);
        }

        return (SymbolEqualityComparer.Default.Equals(definition, _types.TaskOfT) || SymbolEqualityComparer.Default.Equals(definition, _types.ValueTaskOfT))
            && Equivalent(returnType.TypeArguments[0], method.ReturnType, allowMemory: false);
    }

    private enum ParameterMatch
    {
        None,
        Exact,
        WithToken,
    }

    private ParameterMatch MatchParameters(IMethodSymbol method, IMethodSymbol candidate)
    {
        var count = method.Parameters.Length;
        ParameterMatch match;
        if (candidate.Parameters.Length == count)
        {
            match = ParameterMatch.Exact;
        }
        else if (candidate.Parameters.Length == count + 1
            && SymbolEqualityComparer.Default.Equals(candidate.Parameters[count].Type, _types.CancellationToken)
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
            var parameter = method.Parameters[i];
            var other = candidate.Parameters[i];
            if (parameter.RefKind != other.RefKind
                || parameter.IsParams != other.IsParams
                || (parameter.IsOptional && !other.IsOptional)
                || !Equivalent(other.Type, parameter.Type, allowMemory: true))
            {
                return ParameterMatch.None;
            }
        }

        return match;
    }

    /// <summary>
    /// Same type, with the methods' own type parameters matched by position; with <paramref name="allowMemory"/>,
    /// <c>Memory&lt;T&gt;</c> stands for <c>Span&lt;T&gt;</c> and <c>ReadOnlyMemory&lt;T&gt;</c> for <c>ReadOnlySpan&lt;T&gt;</c>.
    /// </summary>
    private bool Equivalent(ITypeSymbol asyncType, ITypeSymbol syncType, bool allowMemory)
    {
        if (SymbolEqualityComparer.Default.Equals(asyncType, syncType))
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
                var sameDefinition = SymbolEqualityComparer.Default.Equals(asyncNamed.OriginalDefinition, syncNamed.OriginalDefinition)
                    || (allowMemory
                        && ((SymbolEqualityComparer.Default.Equals(asyncNamed.OriginalDefinition, _types.Memory) && SymbolEqualityComparer.Default.Equals(syncNamed.OriginalDefinition, _types.Span))
                            || (SymbolEqualityComparer.Default.Equals(asyncNamed.OriginalDefinition, _types.ReadOnlyMemory) && SymbolEqualityComparer.Default.Equals(syncNamed.OriginalDefinition, _types.ReadOnlySpan))));
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
