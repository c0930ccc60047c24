using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// The tasks listed in a call such as <c>Task.WaitAll(a, b)</c>, whichever overload it binds to. Up to C# 12 the list
/// is a <c>params Task[]</c>: an implicit array creation, <see cref="ArgumentKind.ParamArray"/>. From C# 13 on .NET 9+,
/// <c>Task.WaitAll(a, b)</c>, <c>Task.WhenAll(a, b)</c> and <c>Task.WhenAny(a, b, c)</c> bind to the
/// <c>params ReadOnlySpan&lt;Task&gt;</c> overloads: ArgumentKind.ParamCollection, whose value is a collection
/// expression. We compile against Roslyn 4.8, which has neither ArgumentKind.ParamCollection nor
/// ICollectionExpressionOperation, so the kind is compared by value and the elements are read through
/// <see cref="IOperation.ChildOperations"/>; a newer Roslyn at run time fills them in.
/// </summary>
internal static class ParamsArguments
{
    /// <summary>ArgumentKind.ParamCollection (Roslyn 4.11 and later): the argument gathers the elements of a C# 13 params collection.</summary>
    private const ArgumentKind ParamCollection = (ArgumentKind)4;

    /// <summary>
    /// OperationKind.CollectionExpression (Roslyn 4.9 and later). A public enum's values never change, and a Roslyn
    /// without the kind never gives an operation this value; naming it by its value spares a reflection look-up of
    /// the enum's names in every compiler process.
    /// </summary>
    private const OperationKind CollectionExpressionKind = (OperationKind)0x7F;

    /// <summary>OperationKind.Spread (Roslyn 4.9 and later), as <see cref="CollectionExpressionKind"/>.</summary>
    private const OperationKind SpreadKind = (OperationKind)0x80;

    /// <summary>
    /// The collection spread by <paramref name="element"/> (<c>..tasks</c> in <c>[a, ..tasks]</c>), without implicit
    /// conversions; null when the element is not a spread. Read through <see cref="IOperation.ChildOperations"/>
    /// (ISpreadOperation.Operand is its only child) since Roslyn 4.8 has no ISpreadOperation.
    /// </summary>
    public static IOperation? SpreadOperand(IOperation element)
    {
        if (element.Kind != SpreadKind)
        {
            return null;
        }

        foreach (var child in element.ChildOperations)
        {
            var operand = child;
            operand = operand.WalkDownImplicitConversions();

            return operand;
        }

        return null;
    }

    /// <summary>True when the compiler gathered several written arguments into this one (a params array or params collection).</summary>
    public static bool IsParams(IArgumentOperation argument) =>
        argument.ArgumentKind == ArgumentKind.ParamArray || argument.ArgumentKind == ParamCollection;

    /// <summary>True when <paramref name="operation"/> is a collection expression (<c>[a, b]</c>, or the elements of a params collection).</summary>
    public static bool IsCollectionExpression(IOperation operation) =>
        operation.Kind == CollectionExpressionKind;

    /// <summary>
    /// The elements listed by <paramref name="value"/>: a params argument's value, an array creation with an initializer
    /// (<c>new[] { a, b }</c>) or a collection expression (<c>[a, b]</c>). Each element keeps its implicit conversion to
    /// the element type; a spread (<c>..more</c>) is returned as it is, so callers that want variables reject it.
    /// Default (<see cref="ImmutableArray{T}.IsDefault"/>) when the value lists no elements it can see.
    /// </summary>
    public static ImmutableArray<IOperation> Elements(IOperation value)
    {
        value = value.WalkDownImplicitConversions();

        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            return initializer.ElementValues;
        }

        if (!IsCollectionExpression(value))
        {
            return default;
        }

        var elements = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var element in value.ChildOperations)
        {
            elements.Add(element);
        }

        return elements.ToImmutable();
    }

    /// <summary>The elements of <paramref name="argument"/> when it is a params array or params collection; default otherwise.</summary>
    public static ImmutableArray<IOperation> Elements(IArgumentOperation argument) =>
        IsParams(argument) ? Elements(argument.Value) : default;
}
