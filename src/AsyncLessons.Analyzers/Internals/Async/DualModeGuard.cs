using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Dual-mode methods: one body that serves a synchronous and an asynchronous API and chooses at run time,
/// <c>if (async) await s.ReadAsync(...); else s.Read(...);</c>. The guard is recognised by structure, not by name:
/// a <c>bool</c> parameter or local (possibly captured from an enclosing function), alone or negated, chooses between
/// two sides of which exactly one awaits. The side that does not await runs only for synchronous callers.
/// </summary>
/// <remarks>
/// The forms: <c>if/else</c> (blocks or single statements), ternaries (anywhere an expression goes: initializers,
/// returns, arguments, switch arms, loop conditions), and early exits, where an <c>if</c> without <c>else</c> ends in
/// <c>return</c>, <c>throw</c>, <c>break</c> or <c>continue</c> and so the rest of its block is the other side
/// (<c>if (!async) { s.Flush(); return; } await s.FlushAsync();</c>). Compound conditions (<c>async &amp;&amp; x</c>)
/// are not guards. Only asked after a rule has found something to report, so the walks stay off the hot path.
/// </remarks>
internal static class DualModeGuard
{
    /// <summary>
    /// True when <paramref name="operation"/> sits on the synchronous side of a dual-mode guard of its own function:
    /// the other side awaits and the side that holds the operation does not.
    /// </summary>
    public static bool IsInSynchronousBranch(IOperation operation)
    {
        var child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case IConditionalOperation conditional when IsGuard(conditional.Condition)
                    && (child == conditional.WhenTrue || child == conditional.WhenFalse):
                    if (ContainsAwait(child))
                    {
                        return false;
                    }

                    var other = child == conditional.WhenTrue ? conditional.WhenFalse : conditional.WhenTrue;
                    if (other is not null ? ContainsAwait(other) : EndsInJump(child) && RestOfBlockAwaits(conditional))
                    {
                        return true;
                    }

                    break;
                case IBlockOperation block when EarlyExitBefore(block, child):
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when the body of the function holding <paramref name="operation"/> chooses between a sync and an async side anywhere.</summary>
    public static bool IsInDualModeFunction(IOperation operation)
    {
        var root = operation;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return ContainsGuard(lambda.Body);
                case ILocalFunctionOperation local:
                    return ContainsGuard(local);
            }

            root = current;
        }

        return ContainsGuard(root);
    }

    private static bool ContainsGuard(IOperation operation)
    {
        foreach (var child in operation.ChildOperations)
        {
            if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            if (child is IConditionalOperation conditional && IsGuard(conditional.Condition))
            {
                var whenTrueAwaits = ContainsAwait(conditional.WhenTrue);
                var choosesAside = conditional.WhenFalse is { } whenFalse
                    ? whenTrueAwaits != ContainsAwait(whenFalse)
                    : EndsInJump(conditional.WhenTrue) && whenTrueAwaits != RestOfBlockAwaits(conditional);
                if (choosesAside)
                {
                    return true;
                }
            }

            if (ContainsGuard(child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="statement"/> follows, in <paramref name="block"/>, an <c>if (guard) { ...await...; return; }</c>
    /// without <c>else</c>: it runs only when the guard chose the other side, and nothing between awaits.
    /// </summary>
    private static bool EarlyExitBefore(IBlockOperation block, IOperation statement)
    {
        var operations = block.Operations;
        var index = operations.IndexOf(statement);
        for (var i = index - 1; i >= 0; i--)
        {
            if (operations[i] is IConditionalOperation { WhenFalse: null } conditional
                && IsGuard(conditional.Condition)
                && EndsInJump(conditional.WhenTrue)
                && ContainsAwait(conditional.WhenTrue))
            {
                for (var j = i + 1; j <= index; j++)
                {
                    if (ContainsAwait(operations[j]))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>The statements after <paramref name="conditional"/> in its block await.</summary>
    private static bool RestOfBlockAwaits(IConditionalOperation conditional)
    {
        if (conditional.Parent is not IBlockOperation block)
        {
            return false;
        }

        var operations = block.Operations;
        for (var i = operations.IndexOf(conditional) + 1; i < operations.Length; i++)
        {
            if (ContainsAwait(operations[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A <c>bool</c> parameter or local, or its negation: nothing else decides a mode.</summary>
    private static bool IsGuard(IOperation condition)
    {
        while (true)
        {
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    condition = not.Operand;
                    continue;
                case IConversionOperation { IsImplicit: true } conversion:
                    condition = conversion.Operand;
                    continue;
                case IParameterReferenceOperation or ILocalReferenceOperation:
                    return condition.Type?.SpecialType == SpecialType.System_Boolean;
                default:
                    return false;
            }
        }
    }

    /// <summary>The side cannot fall through: it ends in <c>return</c>, <c>throw</c>, <c>break</c>, <c>continue</c> or <c>goto</c>.</summary>
    private static bool EndsInJump(IOperation side)
    {
        while (side is IBlockOperation { Operations.Length: > 0 } block)
        {
            side = block.Operations[block.Operations.Length - 1];
        }

        return side is IReturnOperation or IBranchOperation or IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation;
    }

    /// <summary>An <c>await</c>, <c>await using</c> or <c>await foreach</c> in <paramref name="operation"/>, not counting nested functions.</summary>
    public static bool ContainsAwait(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return false;
            case IAwaitOperation:
            case IUsingOperation { IsAsynchronous: true }:
            case IUsingDeclarationOperation { IsAsynchronous: true }:
            case IForEachLoopOperation { IsAsynchronous: true }:
                return true;
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                return false;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (ContainsAwait(child))
            {
                return true;
            }
        }

        return false;
    }
}
