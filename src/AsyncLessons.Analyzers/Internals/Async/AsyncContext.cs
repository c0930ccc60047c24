using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Where an operation runs: the innermost function that contains it (async method, async lambda, async local
/// function, top-level statements), and what stands between the operation and that function's boundary.
/// </summary>
internal readonly struct AsyncContext
{
    private AsyncContext(IMethodSymbol? function, IOperation? functionOperation, bool insideLock)
    {
        Function = function;
        FunctionOperation = functionOperation;
        InsideLock = insideLock;
    }

    /// <summary>The innermost method, local function or anonymous function whose body holds the operation.</summary>
    public IMethodSymbol? Function { get; }

    /// <summary>The <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/>, or null for the containing member.</summary>
    public IOperation? FunctionOperation { get; }

    /// <summary>True when a <c>lock</c> statement of the same function encloses the operation (no <c>await</c> allowed there).</summary>
    public bool InsideLock { get; }

    /// <summary>True when the innermost function is <c>async</c> (including top-level statements that await).</summary>
    public bool IsAsync => Function is { IsAsync: true };

    /// <summary>
    /// True when the operation sits directly in the body of the compilation's synchronous entry point: a
    /// <c>static void Main</c> / <c>static int Main</c>, or top-level statements that do not await (not in a nested function).
    /// </summary>
    public bool IsSynchronousEntryPoint(Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (FunctionOperation is not null
            || Function is not { IsStatic: true, IsAsync: false, MethodKind: MethodKind.Ordinary } function
            || (function.Name != "Main" && function.Name != WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
            || (!function.ReturnsVoid && function.ReturnType.SpecialType != SpecialType.System_Int32))
        {
            return false;
        }

        return compilation.GetEntryPoint(cancellationToken).IsEqualTo(function);
    }

    /// <summary>
    /// True when <paramref name="operation"/> runs only for synchronous callers of a dual-mode function: it sits on the
    /// side of an <c>if (async) ... else ...</c> (or a ternary, or an early exit) that does not await (see <see cref="DualModeGuard"/>).
    /// </summary>
    public static bool IsInSynchronousBranch(IOperation operation) => DualModeGuard.IsInSynchronousBranch(operation);

    /// <summary>True when the function holding <paramref name="operation"/> is dual-mode: somewhere it chooses between a sync and an async side.</summary>
    public static bool IsInDualModeFunction(IOperation operation) => DualModeGuard.IsInDualModeFunction(operation);

    /// <summary>Finds the context of <paramref name="operation"/>, walking its parents up to the first function boundary.</summary>
    public static AsyncContext Of(IOperation operation, ISymbol containingSymbol)
    {
        var insideLock = false;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return new AsyncContext(lambda.Symbol, lambda, insideLock);
                case ILocalFunctionOperation localFunction:
                    return new AsyncContext(localFunction.Symbol, localFunction, insideLock);
                case ILockOperation:
                    insideLock = true;
                    break;
            }
        }

        return new AsyncContext(containingSymbol as IMethodSymbol, null, insideLock);
    }

    /// <summary>
    /// The first parameter of type <paramref name="cancellationTokenType"/> that code at the operation can use:
    /// a parameter of the innermost function, or of an enclosing one it may capture (static functions capture nothing).
    /// </summary>
    public IParameterSymbol? FindCancellationTokenParameter(INamedTypeSymbol cancellationTokenType, ISymbol containingSymbol)
    {
        for (var current = FunctionOperation; current is not null; current = current.Parent)
        {
            IMethodSymbol? function = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation localFunction => localFunction.Symbol,
                _ => null,
            };
            if (function is null)
            {
                continue;
            }

            if (FindIn(function, cancellationTokenType) is { } found)
            {
                return found;
            }

            if (function.IsStatic)
            {
                return null;
            }
        }

        return containingSymbol is IMethodSymbol method ? FindIn(method, cancellationTokenType) : null;
    }

    private static IParameterSymbol? FindIn(IMethodSymbol method, INamedTypeSymbol cancellationTokenType)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind is RefKind.None or RefKind.In
                && parameter.Type.IsEqualTo(cancellationTokenType)
                && parameter.Name is { Length: > 0 } name
                && name != "_")
            {
                return parameter;
            }
        }

        return null;
    }
}
