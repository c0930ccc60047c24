using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>Small questions about operations that several rules ask the same way.</summary>
internal static class OperationExtensions
{
    /// <summary>The value as written: <paramref name="operation"/> under the implicit conversions the compiler added.</summary>
    public static IOperation WalkDownImplicitConversions(this IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary><paramref name="operation"/> under every conversion, the casts written in the code included.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
