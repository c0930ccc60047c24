using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>Small questions about symbols that every rule and fix asks the same way.</summary>
internal static class SymbolExtensions
{
    /// <summary>
    /// The same symbol as <paramref name="other"/>, by <see cref="SymbolEqualityComparer.Default"/> (nullable
    /// annotations ignored); two nulls are equal, as there.
    /// </summary>
    public static bool IsEqualTo(this ISymbol? symbol, ISymbol? other) => SymbolEqualityComparer.Default.Equals(symbol, other);

    /// <summary>True when <paramref name="symbol"/> carries an attribute of class <paramref name="attributeType"/> (false when that type is missing).</summary>
    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.IsEqualTo(attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
