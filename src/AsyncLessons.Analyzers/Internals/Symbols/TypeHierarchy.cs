using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>
/// "Is this type one of those, or derived from one, or does it implement one": the walks over base types and
/// interfaces the rules share. Generic types are compared by their definitions (<c>DbSet&lt;User&gt;</c> is a
/// <c>DbSet&lt;T&gt;</c>).
/// </summary>
internal static class TypeHierarchy
{
    /// <summary>True when <paramref name="type"/> or one of its base classes is <paramref name="baseType"/>.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition.IsEqualTo(baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> or one of its base classes is one of <paramref name="candidates"/>.</summary>
    public static bool DerivesFromAny(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsOneOf(candidates, current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="interfaceType"/> or implements it.</summary>
    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? interfaceType)
    {
        if (type is null || interfaceType is null)
        {
            return false;
        }

        if (type.OriginalDefinition.IsEqualTo(interfaceType))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.IsEqualTo(interfaceType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="type"/>, a base class of it, or an interface it implements is one of <paramref name="candidates"/>.</summary>
    public static bool InheritsFromOrImplementsAny(ITypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
    {
        if (candidates.IsEmpty)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsOneOf(candidates, current.OriginalDefinition))
            {
                return true;
            }
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (IsOneOf(candidates, implemented.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOneOf(ImmutableArray<INamedTypeSymbol> candidates, ITypeSymbol type)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.IsEqualTo(type))
            {
                return true;
            }
        }

        return false;
    }
}
