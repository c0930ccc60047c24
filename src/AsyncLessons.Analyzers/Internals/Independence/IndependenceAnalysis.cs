using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Internals;

/// <summary>
/// Decides whether two awaited calls may run at the same time without changing what the program does: the gather
/// question of AL0001 (consecutive awaits) and AL0007 (one await per loop iteration). Built once per compilation.
/// <para>
/// Two calls conflict when one writes a variable the other uses, or when they reach the same object: the same
/// receiver or argument variable, the same <c>this</c>, a common owner (<c>_db.Users</c> and <c>_db.Orders</c>), or
/// the same string constant. Sharing is allowed for objects of concurrency-safe types (HttpClient and the
/// <c>async_lessons.AL0001.concurrent_safe_types</c> option), for CancellationToken, and for immutable values
/// (numbers, strings, Guid...) when both calls only read by their names (<c>GetUserAsync(id)</c>, <c>GetOrdersAsync(id)</c>):
/// a write and a read of the same file, stream, key or object are never considered independent.
/// </para>
/// </summary>
internal sealed class IndependenceAnalysis
{
    /// <summary>The <c>.editorconfig</c> key naming extra concurrency-safe types (a list read by <see cref="ConfiguredSymbols"/>).</summary>
    public const string ConcurrentSafeTypesOption = "async_lessons.AL0001.concurrent_safe_types";

    private readonly Compilation _compilation;
    private readonly KnownTypes _types;
    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly ImmutableArray<INamedTypeSymbol> _defaultSafeTypes;
    private readonly ConcurrentDictionary<string, Box<ImmutableArray<INamedTypeSymbol>>> _configuredSafeTypes = new(StringComparer.Ordinal);
    private readonly ImmutableArray<INamedTypeSymbol> _resourceTypes;
    private readonly ConcurrentDictionary<ITypeSymbol, Box<ImmutableArray<ITypeSymbol>>> _heldResources = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _isResource = new(SymbolEqualityComparer.Default);

    public IndependenceAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        _compilation = compilation;
        _types = KnownTypes.Get(compilation);
        _options = options.AnalyzerConfigOptionsProvider;
        _defaultSafeTypes = _types.HttpClient is { } httpClient ? ImmutableArray.Create(httpClient) : ImmutableArray<INamedTypeSymbol>.Empty;
        _resourceTypes = _types.AllNamed("Microsoft.EntityFrameworkCore.DbContext", "System.Data.Common.DbConnection", "System.Data.IDbConnection");
    }

    /// <summary>The concurrency-safe types that apply to code in <paramref name="tree"/> (the option may differ per folder).</summary>
    public ImmutableArray<INamedTypeSymbol> SafeTypesFor(SyntaxTree tree)
    {
        if (!_options.GetOptions(tree).TryGetValue(ConcurrentSafeTypesOption, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return _defaultSafeTypes;
        }

        return _configuredSafeTypes.GetOrAdd(value, ParseSafeTypes).Value;
    }

    private Box<ImmutableArray<INamedTypeSymbol>> ParseSafeTypes(string value)
    {
        var configured = ConfiguredSymbols.ParseTypes(_compilation, value).Types;
        return new(configured.IsEmpty ? _defaultSafeTypes : _defaultSafeTypes.AddRange(configured));
    }

    /// <summary>
    /// True when <paramref name="first"/> and <paramref name="second"/> must not run together. Pass the same footprint
    /// twice to ask whether a call may run concurrently with itself over the items of a loop; paths rooted at
    /// <paramref name="perIteration"/> (the loop variable) then differ from one run to the next.
    /// </summary>
    public bool Conflict(CallFootprint first, CallFootprint second, ImmutableArray<INamedTypeSymbol> safeTypes, ISymbol? perIteration = null)
    {
        if (!first.IsValid || !second.IsValid || Overlaps(first.Writes, second.Reads) || Overlaps(second.Writes, first.Reads))
        {
            return true;
        }

        if (ShareResource(first, second))
        {
            return true;
        }

        var bothRead = first.IsReadByName && second.IsReadByName;
        foreach (var a in first.Paths)
        {
            if (perIteration is not null && a.Root.Key is ISymbol rootA && rootA.IsEqualTo(perIteration))
            {
                continue;
            }

            foreach (var b in second.Paths)
            {
                if (SharesObject(a, b, safeTypes, bothRead))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// True when the variables the two calls start from were built from one object that is not safe to share
    /// (<c>var reader = pipe.Reader; var writer = pipe.Writer;</c>, a wrapper over a local): see <see cref="ObjectOrigins"/>.
    /// Immutable values, CancellationToken and concurrency-safe types may be shared.
    /// </summary>
    public bool ShareOrigin(CallFootprint first, CallFootprint second, ObjectOrigins origins, ImmutableArray<INamedTypeSymbol> safeTypes)
    {
        var fromFirst = origins.Closure(first);
        if (fromFirst.Count == 0)
        {
            return false;
        }

        HashSet<ISymbol>? firstRoots = null, secondRoots = null;
        foreach (var variable in origins.Closure(second))
        {
            if (!fromFirst.Contains(variable))
            {
                continue;
            }

            // A variable both calls name themselves is the direct-sharing check's to judge (`cts.Token` in both).
            firstRoots ??= ObjectOrigins.Roots(first);
            secondRoots ??= ObjectOrigins.Roots(second);
            if (firstRoots.Contains(variable) && secondRoots.Contains(variable))
            {
                continue;
            }

            var type = variable switch
            {
                ILocalSymbol local => local.Type,
                IParameterSymbol parameter => parameter.Type,
                _ => null,
            };
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                return true;
            }

            if (!type.IsEqualTo(_types.CancellationToken) && !IsConcurrencySafe(type, safeTypes) && !IsImmutableValue(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Two receivers of different variables may still wrap one non-thread-safe resource: repositories built on the
    /// same scoped DbContext or connection. When both receivers' types hold (in a field, property or constructor
    /// parameter) the same DbContext or connection type, they are treated as sharing it.
    /// </summary>
    private bool ShareResource(CallFootprint first, CallFootprint second)
    {
        if (_resourceTypes.IsEmpty)
        {
            return false;
        }

        var heldByA = HeldResources(first);
        if (heldByA.IsEmpty)
        {
            return false;
        }

        foreach (var held in HeldResources(second))
        {
            foreach (var other in heldByA)
            {
                if (held.IsEqualTo(other))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ITypeSymbol? ReceiverType(Microsoft.CodeAnalysis.Operations.IInvocationOperation call) =>
        call.Instance?.Type
        ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value.Type : null);

    /// <summary>What the call's receiver holds, looked up once per call (a run compares every pair of calls).</summary>
    private ImmutableArray<ITypeSymbol> HeldResources(CallFootprint footprint)
    {
        if (footprint.HeldResources is { } known)
        {
            return known;
        }

        var held = ReceiverType(footprint.Call) is { } receiver ? _heldResources.GetOrAdd(receiver, FindHeldResources).Value : ImmutableArray<ITypeSymbol>.Empty;
        footprint.HeldResources = held;
        return held;
    }

    private Box<ImmutableArray<ITypeSymbol>> FindHeldResources(ITypeSymbol type)
    {
        var builder = ImmutableArray.CreateBuilder<ITypeSymbol>();
        AddIfResource(type, builder);
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { IsStatic: false } field:
                    AddIfResource(field.Type, builder);
                    break;
                case IPropertySymbol { IsStatic: false } property:
                    AddIfResource(property.Type, builder);
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor:
                    foreach (var parameter in constructor.Parameters)
                    {
                        AddIfResource(parameter.Type, builder);
                    }

                    break;
            }
        }

        return new(builder.ToImmutable());
    }

    private void AddIfResource(ITypeSymbol type, ImmutableArray<ITypeSymbol>.Builder builder)
    {
        // Special types (string, int, ...) are never a DbContext or a connection; the rest is answered once per
        // definition: the resource types are not generic, so type arguments cannot change the answer.
        if (type.TypeKind != TypeKind.Error && type.SpecialType == SpecialType.None
            && _isResource.GetOrAdd(type.OriginalDefinition, IsResource))
        {
            builder.Add(type);
        }
    }

    /// <summary>True for a DbContext or a database connection (and their subtypes), answered once per type definition.</summary>
    public bool IsSharedResource(ITypeSymbol? type) =>
        type is { TypeKind: not TypeKind.Error, SpecialType: SpecialType.None } && !_resourceTypes.IsEmpty
        && _isResource.GetOrAdd(type.OriginalDefinition, IsResource);

    private bool IsResource(ITypeSymbol type) => TypeHierarchy.InheritsFromOrImplementsAny(type, _resourceTypes);

    private bool SharesObject(AccessPath a, AccessPath b, ImmutableArray<INamedTypeSymbol> safeTypes, bool bothRead)
    {
        var length = Math.Min(a.Steps.Length, b.Steps.Length);
        var common = 0;
        while (common < length && a.Steps[common].SameKey(b.Steps[common]))
        {
            common++;
        }

        if (common == 0)
        {
            return false;
        }

        // `_users.GetAsync()` and `_orders.GetAsync()` hang off the same `this` without using it themselves.
        if (common == 1 && a.Root.Key == CallFootprint.ThisRoot && a.Steps.Length > 1 && b.Steps.Length > 1)
        {
            return false;
        }

        var shared = a.Steps[common - 1].Type;
        if (shared is null || shared.TypeKind == TypeKind.Error)
        {
            return true;
        }

        if (shared.IsEqualTo(_types.CancellationToken) || IsConcurrencySafe(shared, safeTypes))
        {
            return false;
        }

        return !(bothRead && IsImmutableValue(shared));
    }

    private static bool IsConcurrencySafe(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> safeTypes) =>
        TypeHierarchy.InheritsFromOrImplementsAny(type, safeTypes);

    /// <summary>Values no call can change: numbers, bool, char, string, enums, Guid, dates and times.</summary>
    private bool IsImmutableValue(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Decimal:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_String:
            case SpecialType.System_DateTime:
                return true;
        }

        return type.TypeKind == TypeKind.Enum
            || type.IsEqualTo(_types.Guid)
            || type.IsEqualTo(_types.TimeSpan)
            || type.IsEqualTo(_types.DateTimeOffset);
    }

    private static bool Overlaps(System.Collections.Generic.HashSet<ISymbol> writes, System.Collections.Generic.HashSet<ISymbol> reads)
    {
        if (writes.Count == 0)
        {
            return false;
        }

        foreach (var write in writes)
        {
            if (reads.Contains(write))
            {
                return true;
            }
        }

        return false;
    }
}
