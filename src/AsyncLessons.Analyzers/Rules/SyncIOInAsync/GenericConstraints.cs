using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncLessons.Internals;

/// <summary>Whether type arguments satisfy a generic method's constraints (the compiler's check, for the common forms).</summary>
internal static class GenericConstraints
{
    /// <summary>
    /// True when <paramref name="typeArguments"/> satisfy every constraint of <paramref name="method"/>'s type parameters:
    /// <c>class</c>, <c>struct</c>, <c>unmanaged</c>, <c>new()</c> and constraint types (with the method's own type
    /// parameters replaced by the arguments). Unknown shapes count as satisfied, so no diagnostic is lost to them.
    /// </summary>
    public static bool AreSatisfied(Compilation compilation, IMethodSymbol method, ImmutableArray<ITypeSymbol> typeArguments)
    {
        var parameters = method.TypeParameters;
        if (parameters.Length != typeArguments.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var argument = typeArguments[i];
            if (argument.TypeKind == TypeKind.Error)
            {
                continue;
            }

            if ((parameter.HasReferenceTypeConstraint && !argument.IsReferenceType)
                || (parameter.HasValueTypeConstraint && !argument.IsValueType)
                || (parameter.HasUnmanagedTypeConstraint && !argument.IsUnmanagedType)
                || (parameter.HasConstructorConstraint && !HasParameterlessConstructor(argument)))
            {
                return false;
            }

            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (Substitute(compilation, constraint, parameters, typeArguments) is not { } target)
                {
                    continue;
                }

                var conversion = compilation.ClassifyCommonConversion(argument, target);
                if (!conversion.Exists || !conversion.IsImplicit || conversion.IsUserDefined)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool HasParameterlessConstructor(ITypeSymbol type)
    {
        switch (type)
        {
            case ITypeParameterSymbol typeParameter:
                return typeParameter.HasConstructorConstraint || typeParameter.HasValueTypeConstraint || typeParameter.HasUnmanagedTypeConstraint;
            case INamedTypeSymbol { IsValueType: true }:
                return true;
            case INamedTypeSymbol { IsAbstract: false } named:
                foreach (var constructor in named.InstanceConstructors)
                {
                    if (constructor.Parameters.IsEmpty && constructor.DeclaredAccessibility == Accessibility.Public)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The constraint type with the method's type parameters replaced; null when it has a shape not handled here.</summary>
    private static ITypeSymbol? Substitute(Compilation compilation, ITypeSymbol type, ImmutableArray<ITypeParameterSymbol> parameters, ImmutableArray<ITypeSymbol> arguments)
    {
        switch (type)
        {
            case ITypeParameterSymbol typeParameter:
                for (var i = 0; i < parameters.Length; i++)
                {
                    if (parameters[i].IsEqualTo(typeParameter))
                    {
                        return arguments[i];
                    }
                }

                // A type parameter of a containing type: not substituted here, so not judged.
                return null;
            case IArrayTypeSymbol array:
                return Substitute(compilation, array.ElementType, parameters, arguments) is { } element
                    ? compilation.CreateArrayTypeSymbol(element, array.Rank)
                    : null;
            case INamedTypeSymbol { IsGenericType: true } named:
                if (named.ContainingType is { IsGenericType: true })
                {
                    return null;
                }

                var substituted = new ITypeSymbol[named.TypeArguments.Length];
                for (var i = 0; i < substituted.Length; i++)
                {
                    if (Substitute(compilation, named.TypeArguments[i], parameters, arguments) is not { } argument)
                    {
                        return null;
                    }

                    substituted[i] = argument;
                }

                return named.ConstructedFrom.Construct(substituted);
            default:
                return type;
        }
    }
}
