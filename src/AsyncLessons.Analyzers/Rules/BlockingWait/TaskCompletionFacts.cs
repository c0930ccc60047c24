using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Internals;

/// <summary>
/// Answers "is this task already known to be complete here?" from the code before it: an earlier <c>await t</c>
/// (or <c>await Task.WhenAll(..., t, ...)</c>, also through an array or list that holds <c>t</c>), an enclosing
/// <c>if (t.IsCompleted)</c>-style guard (or an early exit when it is false), <c>Task.FromResult</c> and friends.
/// Only walks statements that run before the operation on every path; any write to the variable in between ends the
/// search with "unknown". Used only once a blocking call was found, so its cost is paid rarely.
/// </summary>
internal sealed class TaskCompletionFacts
{
    private const int RanToCompletion = 5;
    private const int Canceled = 6;
    private const int Faulted = 7;

    private readonly KnownTypes _types;

    public TaskCompletionFacts(KnownTypes types) => _types = types;

    private enum Outcome
    {
        None,
        Complete,
        Unknown,
    }

    /// <summary>True when <paramref name="task"/>, used by <paramref name="use"/>, is known to be complete at <paramref name="use"/>.</summary>
    public bool IsKnownComplete(IOperation task, IOperation use)
    {
        var unwrapped = UnwrapAwaitable(task);
        if (IsCompletedExpression(unwrapped))
        {
            return true;
        }

        if (ElementContainer(unwrapped) is { } container)
        {
            return IsMaterialized(container, use) && ScanUp(use, new Target(container, isContainer: true), out _);
        }

        if (ReferencedSymbol(unwrapped) is not { } symbol)
        {
            return false;
        }

        if (ScanUp(use, new Target(symbol, isContainer: false), out var foreachLoop))
        {
            return true;
        }

        // `t is Task<int> typed`, `var typed = (Task<int>)t;`, `t as Task<int>`: the same task under another name.
        if (AliasSource(symbol, unwrapped) is { } source && ScanUp(use, new Target(source, isContainer: false), out _))
        {
            return true;
        }

        // foreach (var t in tasks) ... t.Result, after await Task.WhenAll(tasks).
        return foreachLoop is not null
            && ReferencedSymbol(Unwrap(foreachLoop.Collection)) is { } collection
            && IsMaterialized(collection, foreachLoop)
            && ScanUp(foreachLoop, new Target(collection, isContainer: true), out _);
    }

    /// <summary>
    /// True when every task held by <paramref name="container"/> (an array, list or enumerable of tasks in a local,
    /// parameter or field) is known to be complete at <paramref name="use"/>: an earlier <c>await Task.WhenAll(tasks)</c>
    /// (or <c>Task.WhenAll([..tasks])</c>) on every path, with no write to the container in between.
    /// </summary>
    public bool IsContainerKnownComplete(IOperation container, IOperation use) =>
        ReferencedSymbol(Unwrap(container)) is { } symbol && IsMaterialized(symbol, use) && ScanUp(use, new Target(symbol, isContainer: true), out _);

    /// <summary>
    /// False for a local typed as a plain <c>IEnumerable&lt;T&gt;</c> (or <c>IEnumerable</c>) that is initialized with
    /// something other than a collection: a deferred query (<c>items.Select(i =&gt; LoadAsync(i))</c>) starts new tasks
    /// each time it is enumerated, so awaiting <c>Task.WhenAll</c> over it says nothing about the tasks a later
    /// enumeration produces. Arrays, lists and other collections hold the tasks themselves; parameters, fields and locals
    /// without a visible initializer get the benefit of the doubt (what they hold is not visible here).
    /// </summary>
    private bool IsMaterialized(ISymbol container, IOperation use)
    {
        if (container is not ILocalSymbol local || !IsPlainEnumerable(local.Type))
        {
            return true;
        }

        if (local.DeclaringSyntaxReferences.Length != 1
            || use.SemanticModel is not { } semanticModel
            || semanticModel.GetOperation(local.DeclaringSyntaxReferences[0].GetSyntax()) is not IVariableDeclaratorOperation declarator
            || (declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value) is not { } initializer)
        {
            // Not declared with a visible initializer (a foreach or pattern variable, say): what it holds is not known here.
            return true;
        }

        // The initializer's own type: a List<Task> stored in an IEnumerable<Task> local is still a list.
        return Unwrap(initializer) is { Type: { } valueType } && !IsPlainEnumerable(valueType);
    }

    private bool IsPlainEnumerable(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Collections_IEnumerable
        || type.OriginalDefinition.IsEqualTo(_types.IEnumerableOfT);

    /// <summary>The operation without implicit conversions, <c>ConfigureAwait(...)</c> and <c>WaitAsync(...)</c> around the task.</summary>
    public IOperation UnwrapAwaitable(IOperation operation)
    {
        while (true)
        {
            operation = Unwrap(operation);
            if (operation is IInvocationOperation { Instance: { } instance } invocation
                && (invocation.TargetMethod.Name is "ConfigureAwait" or "WaitAsync")
                && _types.IsTaskLike(invocation.TargetMethod.ContainingType))
            {
                operation = instance;
                continue;
            }

            return operation;
        }
    }

    private static IOperation Unwrap(IOperation operation)
    {
        operation = operation.WalkDownImplicitConversions();

        return operation;
    }

    /// <summary>
    /// The variable a local is another name for: its initializer is that variable through a cast or <c>as</c>
    /// (<c>var typed = (Task&lt;int&gt;)t;</c>), or it is declared by a type pattern over it (<c>t is Task&lt;int&gt; typed</c>).
    /// </summary>
    private static ISymbol? AliasSource(ISymbol symbol, IOperation reference)
    {
        if (symbol is not ILocalSymbol local || reference.SemanticModel is not { } model || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        IOperation? source = local.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer } when initializer.SyntaxTree == model.SyntaxTree
                => model.GetOperation(initializer),
            Microsoft.CodeAnalysis.CSharp.Syntax.SingleVariableDesignationSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.DeclarationPatternSyntax { Parent: Microsoft.CodeAnalysis.CSharp.Syntax.IsPatternExpressionSyntax isPattern } }
                when isPattern.SyntaxTree == model.SyntaxTree
                => (model.GetOperation(isPattern) as IIsPatternOperation)?.Value,
            _ => null,
        };
        source = source?.WalkDownConversions();

        return source is null || ReferencedSymbol(source).IsEqualTo(symbol) ? null : ReferencedSymbol(source);
    }

    /// <summary>Locals, parameters and fields (of <c>this</c> or static) name one task across statements; anything else may not.</summary>
    private static ISymbol? ReferencedSymbol(IOperation operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        _ => null,
    };

    private static bool Refers(IOperation? operation, ISymbol symbol) =>
        operation is not null && ReferencedSymbol(Unwrap(operation)).IsEqualTo(symbol);

    /// <summary><c>tasks[i]</c> → <c>tasks</c>.</summary>
    private static ISymbol? ElementContainer(IOperation operation) => operation switch
    {
        IArrayElementReferenceOperation element => ReferencedSymbol(Unwrap(element.ArrayReference)),
        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } => ReferencedSymbol(Unwrap(instance)),
        _ => null,
    };

    /// <summary><c>Task.CompletedTask</c>, <c>Task.FromResult(x)</c>, <c>new ValueTask&lt;T&gt;(value)</c>, <c>await Task.WhenAny(...)</c>...</summary>
    private bool IsCompletedExpression(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: null, Property.Name: "CompletedTask" } property:
                return _types.IsTaskOrValueTask(property.Property.ContainingType);
            case IInvocationOperation { Instance: null } invocation
                when invocation.TargetMethod.Name is "FromResult" or "FromException" or "FromCanceled":
                return _types.IsTaskOrValueTask(invocation.TargetMethod.ContainingType);
            case IObjectCreationOperation { Constructor: { } constructor }
                when constructor.ContainingType.OriginalDefinition is { } created
                    && created.IsEqualTo(_types.ValueTaskOfT):
                return constructor.OriginalDefinition.Parameters.Length == 1 && constructor.OriginalDefinition.Parameters[0].Type is ITypeParameterSymbol;
            case IDefaultValueOperation defaultValue:
                return defaultValue.Type is INamedTypeSymbol type
                    && (type.OriginalDefinition.IsEqualTo(_types.ValueTask)
                        || type.OriginalDefinition.IsEqualTo(_types.ValueTaskOfT));
            case IAwaitOperation await:
                // await Task.WhenAny(...) hands back the task that finished.
                return UnwrapAwaitable(await.Operation) is IInvocationOperation { Instance: null, TargetMethod.Name: "WhenAny" } whenAny
                    && whenAny.TargetMethod.ContainingType.IsEqualTo(_types.Task);
            default:
                return false;
        }
    }

    private readonly struct Target
    {
        public Target(ISymbol symbol, bool isContainer)
        {
            Symbol = symbol;
            IsContainer = isContainer;
        }

        /// <summary>The task variable, or (for a container) the array or list variable that holds the tasks.</summary>
        public ISymbol Symbol { get; }

        public bool IsContainer { get; }
    }

    /// <summary>Walks from <paramref name="use"/> to the root, looking at what ran before on every path.</summary>
    private bool ScanUp(IOperation use, Target target, out IForEachLoopOperation? foreachOfTarget)
    {
        foreachOfTarget = null;
        var containers = new List<ISymbol>();
        for (IOperation child = use, parent = use.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            switch (parent)
            {
                case IBlockOperation or ISwitchCaseOperation:
                    var statements = parent is IBlockOperation block ? block.Operations : ((ISwitchCaseOperation)parent).Body;
                    var outcome = ScanBefore(statements, child, target, containers);
                    if (outcome != Outcome.None)
                    {
                        return outcome == Outcome.Complete;
                    }

                    break;
                case IForEachLoopOperation loop when ContainsLocal(loop.Locals, target.Symbol):
                    foreachOfTarget = loop;
                    return false;
                case ILoopOperation loop:
                    // A later iteration sees what the rest of the body wrote.
                    if (Scan(loop, target, containers, conditional: true) != Outcome.None)
                    {
                        return false;
                    }

                    break;
                default:
                    if (!target.IsContainer && IsGuardedBy(parent, child, target.Symbol))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="child"/> runs only where <paramref name="parent"/>'s condition says the task is complete:
    /// the matching branch of an <c>if</c> or <c>?:</c>, the right operand of <c>&amp;&amp;</c> or <c>||</c>.
    /// </summary>
    private bool IsGuardedBy(IOperation parent, IOperation child, ISymbol task) => parent switch
    {
        IConditionalOperation conditional =>
            (child == conditional.WhenTrue && Implies(conditional.Condition, true, task))
            || (child == conditional.WhenFalse && Implies(conditional.Condition, false, task)),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andAlso =>
            child == andAlso.RightOperand && Implies(andAlso.LeftOperand, true, task),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orElse =>
            child == orElse.RightOperand && Implies(orElse.LeftOperand, false, task),
        _ => false,
    };

    private static bool ContainsLocal(System.Collections.Immutable.ImmutableArray<ILocalSymbol> locals, ISymbol symbol)
    {
        foreach (var local in locals)
        {
            if (local.IsEqualTo(symbol))
            {
                return true;
            }
        }

        return false;
    }

    private Outcome ScanBefore(System.Collections.Immutable.ImmutableArray<IOperation> statements, IOperation child, Target target, List<ISymbol> containers)
    {
        var index = statements.IndexOf(child);
        for (var i = index - 1; i >= 0; i--)
        {
            var outcome = ScanStatement(statements[i], target, containers);
            if (outcome != Outcome.None)
            {
                return outcome;
            }
        }

        return Outcome.None;
    }

    private Outcome ScanStatement(IOperation statement, Target target, List<ISymbol> containers)
    {
        if (!target.IsContainer)
        {
            // if (!t.IsCompleted) { ...; return; }   or   if (!t.IsCompleted) { await t; }
            if (statement is IConditionalOperation { WhenFalse: null } guard
                && Implies(guard.Condition, false, target.Symbol)
                && (EndsWithJump(guard.WhenTrue) || Scan(guard.WhenTrue, target, new List<ISymbol>(), conditional: false) == Outcome.Complete))
            {
                return Outcome.Complete;
            }

            // while (!t.IsCompleted) { await Task.Delay(10); }
            if (statement is IWhileLoopOperation { ConditionIsUntil: false, Condition: { } condition } loop
                && Implies(condition, false, target.Symbol)
                && !ContainsBreak(loop.Body)
                && Scan(loop.Body, target, containers, conditional: true) == Outcome.None)
            {
                return Outcome.Complete;
            }
        }

        return Scan(statement, target, containers, conditional: false);
    }

    /// <summary>
    /// Looks through <paramref name="operation"/>: Complete when it establishes completion on every path through it,
    /// Unknown when it writes the variable, None otherwise. Writes win: their order against the await is not tracked.
    /// </summary>
    private Outcome Scan(IOperation operation, Target target, List<ISymbol> containers, bool conditional)
    {
        var scanner = new Scanner(this, target, containers);
        scanner.Visit(operation, conditional);
        return scanner.Written ? Outcome.Unknown : scanner.Complete ? Outcome.Complete : Outcome.None;
    }

    /// <summary>What <see cref="Visit"/> does after a node: its children next, nothing more, or the node was not a fact.</summary>
    private enum Next
    {
        NotAFact,
        Children,
        Stop,
    }

    /// <summary>
    /// One walk of <see cref="Scan"/>: records whether the code completes the target (an await, a blocking wait, a
    /// completed value assigned) or writes it in a way that hides what it holds. Code that may not run (a branch, a
    /// loop, a <c>try</c>, a lambda) is conditional: it can write the target but never completes it.
    /// </summary>
    private sealed class Scanner(TaskCompletionFacts facts, Target target, List<ISymbol> containers)
    {
        private readonly TaskCompletionFacts _facts = facts;
        private readonly Target _target = target;
        private readonly List<ISymbol> _containers = containers;

        public bool Complete { get; private set; }

        public bool Written { get; private set; }

        public void Visit(IOperation node, bool isConditional)
        {
            switch (Record(node, isConditional))
            {
                case Next.Stop:
                    return;
                case Next.NotAFact:
                    if (VisitBranches(node, isConditional))
                    {
                        return;
                    }

                    if (node is ILoopOperation or ITryOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        isConditional = true;
                    }

                    break;
            }

            foreach (var child in node.ChildOperations)
            {
                Visit(child, isConditional);
            }
        }

        /// <summary>The node as a fact about the target: it completes it, or writes it.</summary>
        private Next Record(IOperation node, bool isConditional)
        {
            var target = _target;
            switch (node)
            {
                case IAwaitOperation await when !isConditional:
                    Complete |= _facts.Awaits(await.Operation, target, _containers);
                    return Next.Children;
                case IInvocationOperation blockingInvocation when !isConditional && _facts.BlocksUntilComplete(blockingInvocation, target):
                    Complete = true;
                    return Next.Children;
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } resultOf } when !isConditional && !target.IsContainer
                    && _facts._types.IsTaskLike(resultOf.Type) && Refers(resultOf, target.Symbol):
                    Complete = true;
                    return Next.Children;
                case IVariableDeclaratorOperation declarator when declarator.Symbol.IsEqualTo(target.Symbol):
                    RecordValue(!isConditional && !target.IsContainer && declarator.Initializer is { } initializer && _facts.IsCompletedExpression(Unwrap(initializer.Value)));
                    return Next.Stop;
                case IVariableDeclaratorOperation declarator when !isConditional && ContainsSymbol(_containers, declarator.Symbol):
                    Complete |= declarator.Initializer is { } containerInitializer && HoldsElement(containerInitializer.Value, target.Symbol);
                    return Next.Children;
                case ISimpleAssignmentOperation assignment when Refers(assignment.Target, target.Symbol):
                    RecordValue(!isConditional && !target.IsContainer && _facts.IsCompletedExpression(Unwrap(assignment.Value)));
                    Visit(assignment.Value, isConditional);
                    return Next.Stop;
                case IAssignmentOperation assignment when Refers(assignment.Target, target.Symbol)
                    || (target.IsContainer && assignment.Target is IArrayElementReferenceOperation element && Refers(element.ArrayReference, target.Symbol)):
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when Refers(argument.Value, target.Symbol):
                case IDeconstructionAssignmentOperation deconstruction when ContainsReference(deconstruction.Target, target.Symbol):
                case IInvocationOperation { Instance: { } instance } invocation when Refers(instance, target.Symbol) && target.IsContainer
                    && invocation.TargetMethod.Name is "Add" or "AddRange" or "Insert" or "InsertRange" or "Push" or "Enqueue" or "Clear":
                    Written = true;
                    return Next.Children;
                case IInvocationOperation { Instance: { } instance, TargetMethod.Name: "Add", Arguments.Length: 1 } added
                    when !isConditional && !target.IsContainer && Refers(added.Arguments[0].Value, target.Symbol) && ContainsReference(instance, _containers):
                    Complete = true;
                    return Next.Children;
                default:
                    return Next.NotAFact;
            }
        }

        /// <summary>A value stored into the target: a completed one completes it, any other hides what it holds.</summary>
        private void RecordValue(bool completed)
        {
            if (completed)
            {
                Complete = true;
            }
            else
            {
                Written = true;
            }
        }

        /// <summary>Visits a node whose parts may not all run, the parts that may not run as conditional; false for other nodes.</summary>
        private bool VisitBranches(IOperation node, bool isConditional)
        {
            switch (node)
            {
                case IConditionalOperation conditionalOperation:
                    Visit(conditionalOperation.Condition, isConditional);
                    Visit(conditionalOperation.WhenTrue, true);
                    if (conditionalOperation.WhenFalse is { } whenFalse)
                    {
                        Visit(whenFalse, true);
                    }

                    return true;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    Visit(logical.LeftOperand, isConditional);
                    Visit(logical.RightOperand, true);
                    return true;
                case ICoalesceOperation coalesce:
                    Visit(coalesce.Value, isConditional);
                    Visit(coalesce.WhenNull, true);
                    return true;
                case ICoalesceAssignmentOperation coalesceAssignment:
                    if (Refers(coalesceAssignment.Target, _target.Symbol))
                    {
                        Written = true;
                    }

                    Visit(coalesceAssignment.Value, true);
                    return true;
                case IConditionalAccessOperation conditionalAccess:
                    Visit(conditionalAccess.Operation, isConditional);
                    Visit(conditionalAccess.WhenNotNull, true);
                    return true;
                case ISwitchOperation switchOperation:
                    Visit(switchOperation.Value, isConditional);
                    foreach (var section in switchOperation.Cases)
                    {
                        Visit(section, true);
                    }

                    return true;
                case ISwitchExpressionOperation switchExpression:
                    Visit(switchExpression.Value, isConditional);
                    foreach (var arm in switchExpression.Arms)
                    {
                        Visit(arm, true);
                    }

                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// An earlier blocking wait that returned also means the task is complete (that wait is the one to report):
    /// <c>t.Wait()</c> or <c>t.Wait(token)</c>, <c>t.GetAwaiter().GetResult()</c>, <c>Task.WaitAll(..., t, ...)</c> without a timeout.
    /// </summary>
    private bool BlocksUntilComplete(IInvocationOperation invocation, Target target)
    {
        var method = invocation.TargetMethod;
        if (!method.ContainingType.IsEqualTo(_types.Task) && !(method.Name == "GetResult" && !target.IsContainer))
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Type.SpecialType == SpecialType.System_Int32 || parameter.Type.IsEqualTo(_types.TimeSpan))
            {
                return false;
            }
        }

        switch (method.Name)
        {
            case "Wait" when !method.IsStatic && !target.IsContainer:
                return Refers(invocation.Instance, target.Symbol);
            case "GetResult":
                return invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable }
                    && Refers(UnwrapAwaitable(awaitable), target.Symbol);
            case "WaitAll" when method.IsStatic:
                foreach (var argument in invocation.Arguments)
                {
                    if (target.IsContainer ? Refers(argument.Value, target.Symbol) : HoldsElement(argument.Value, target.Symbol))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary><c>await t</c>, <c>await Task.WhenAll(a, t)</c>, <c>await Task.WhenAll(new[] { a, t })</c>; <c>await Task.WhenAll(tasks)</c> remembers <c>tasks</c>.</summary>
    private bool Awaits(IOperation awaited, Target target, List<ISymbol> containers)
    {
        var operation = UnwrapAwaitable(awaited);
        if (!target.IsContainer && Refers(operation, target.Symbol))
        {
            return true;
        }

        // var all = Task.WhenAll(a, b); ... await all;  (the declaration of 'all', met later in the scan, is checked for t)
        if (!target.IsContainer && operation is ILocalReferenceOperation awaitedLocal)
        {
            containers.Add(awaitedLocal.Local);
            return false;
        }

        if (operation is not IInvocationOperation { Instance: null, TargetMethod.Name: "WhenAll" } whenAll
            || !whenAll.TargetMethod.ContainingType.IsEqualTo(_types.Task))
        {
            return false;
        }

        foreach (var argument in whenAll.Arguments)
        {
            var value = Unwrap(argument.Value);
            // Task.WhenAll([..tasks]) or Task.WhenAll([a, ..rest]): the spread collections are awaited as a whole.
            if (ParamsArguments.IsCollectionExpression(value))
            {
                foreach (var element in value.ChildOperations)
                {
                    if (ParamsArguments.SpreadOperand(element) is { } spread
                        && ReferencedSymbol(spread) is { } spreadContainer
                        && AwaitsContainer(spreadContainer, target, containers) is { } spreadAnswer)
                    {
                        return spreadAnswer;
                    }
                }
            }

            if (ReferencedSymbol(value) is { } container)
            {
                if (AwaitsContainer(container, target, containers) is { } answer)
                {
                    return answer;
                }
            }
            else if (!target.IsContainer && HoldsElement(value, target.Symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A container awaited as a whole: the answer when it is the target itself (awaited, if the target is a
    /// container); otherwise null, and a task's scan remembers it (the task may be one of its elements).
    /// </summary>
    private static bool? AwaitsContainer(ISymbol container, Target target, List<ISymbol> containers)
    {
        if (container.IsEqualTo(target.Symbol))
        {
            return target.IsContainer;
        }

        if (!target.IsContainer)
        {
            containers.Add(container);
        }

        return null;
    }

    /// <summary>An array creation, collection initializer or collection expression that lists <paramref name="symbol"/> as an element.</summary>
    private static bool HoldsElement(IOperation value, ISymbol symbol)
    {
        value = Unwrap(value);
        if (value is IInvocationOperation { Instance: null, TargetMethod.Name: "WhenAll" } whenAll)
        {
            foreach (var argument in whenAll.Arguments)
            {
                if (Refers(argument.Value, symbol) || HoldsElement(argument.Value, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        IOperation? elements = value switch
        {
            IArrayCreationOperation arrayCreation => arrayCreation.Initializer,
            IObjectCreationOperation objectCreation => objectCreation.Initializer,
            // [a, b], and the params ReadOnlySpan<Task> that Task.WhenAll(a, b) binds to from C# 13 on .NET 9+.
            _ when ParamsArguments.IsCollectionExpression(value) || value.Kind == OperationKind.None => value,
            _ => null,
        };
        if (elements is null)
        {
            return false;
        }

        foreach (var element in elements.ChildOperations)
        {
            var item = Unwrap(element);
            if (item is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } added)
            {
                item = Unwrap(added.Arguments[0].Value);
            }

            if (Refers(item, symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsSymbol(List<ISymbol> symbols, ISymbol symbol)
    {
        foreach (var candidate in symbols)
        {
            if (candidate.IsEqualTo(symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsReference(IOperation operation, List<ISymbol> symbols) =>
        ReferencedSymbol(Unwrap(operation)) is { } symbol && ContainsSymbol(symbols, symbol);

    private static bool ContainsReference(IOperation operation, ISymbol symbol)
    {
        if (Refers(operation, symbol))
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (ContainsReference(child, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="condition"/> having the value <paramref name="value"/> means the task is complete.</summary>
    private bool Implies(IOperation condition, bool value, ISymbol symbol)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case IPropertyReferenceOperation property
                when property.Property.Name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled"
                    && _types.IsTaskLike(property.Property.ContainingType)
                    && Refers(UnwrapAwaitable(property.Instance ?? property), symbol):
                return value;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                return Implies(negation.Operand, !value, symbol);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } andAlso:
                return value && (Implies(andAlso.LeftOperand, true, symbol) || Implies(andAlso.RightOperand, true, symbol));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } orElse:
                return !value && (Implies(orElse.LeftOperand, false, symbol) || Implies(orElse.RightOperand, false, symbol));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                var equals = comparison.OperatorKind == BinaryOperatorKind.Equals;
                return ImpliesComparison(comparison.LeftOperand, comparison.RightOperand, equals == value, symbol)
                    || ImpliesComparison(comparison.RightOperand, comparison.LeftOperand, equals == value, symbol);
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isPattern:
                return ImpliesComparison(isPattern.Value, constant.Value, value, symbol);
            case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation constant } } isNotPattern:
                return ImpliesComparison(isNotPattern.Value, constant.Value, !value, symbol);
            default:
                return false;
        }
    }

    /// <summary><c>t.Status == TaskStatus.RanToCompletion</c> (or Faulted, Canceled), <c>t.IsCompleted == true</c>.</summary>
    private bool ImpliesComparison(IOperation operand, IOperation constant, bool equal, ISymbol symbol)
    {
        var value = Unwrap(constant).ConstantValue;
        // if (await Task.WhenAny(t, timeout) == t), also through `var winner = await Task.WhenAny(t, timeout);`
        if (equal && Refers(constant, symbol) && (IsCompletedExpression(Unwrap(operand)) || WhenAnyOf(operand) is not null))
        {
            return true;
        }

        // if (winner == timeout) return; ... t.Result: of two tasks, the winner that is not the other one is this one.
        if (!equal && WhenAnyOf(operand) is { } whenAny && OtherOfTwo(whenAny, constant) is { } remaining && Refers(remaining, symbol))
        {
            return true;
        }

        if (!value.HasValue)
        {
            return false;
        }

        if (value.Value is bool boolean)
        {
            return Implies(operand, equal ? boolean : !boolean, symbol);
        }

        return equal
            && value.Value is RanToCompletion or Canceled or Faulted
            && Unwrap(constant).Type.IsEqualTo(_types.TaskStatus)
            && Unwrap(operand) is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } status
            && status.Property.ContainingType.IsEqualTo(_types.Task)
            && Refers(instance, symbol);
    }

    /// <summary>
    /// The <c>Task.WhenAny(...)</c> whose winner <paramref name="operand"/> is: <c>await Task.WhenAny(...)</c> itself, or a
    /// local initialized with it (<c>var winner = await Task.WhenAny(t, timeout);</c>).
    /// </summary>
    private IInvocationOperation? WhenAnyOf(IOperation operand)
    {
        operand = Unwrap(operand);
        if (operand is ILocalReferenceOperation { Local: { } local } && operand.SemanticModel is { } model
            && local.DeclaringSyntaxReferences.Length == 1
            && local.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            && initializer.SyntaxTree == model.SyntaxTree
            && model.GetOperation(initializer) is { } initial)
        {
            operand = Unwrap(initial);
        }

        return operand is IAwaitOperation await
            && UnwrapAwaitable(await.Operation) is IInvocationOperation { Instance: null, TargetMethod.Name: "WhenAny" } whenAny
            && whenAny.TargetMethod.ContainingType.IsEqualTo(_types.Task)
                ? whenAny
                : null;
    }

    /// <summary>In <c>Task.WhenAny(a, b)</c>, the task that is not <paramref name="one"/>; null unless there are exactly two.</summary>
    private static IOperation? OtherOfTwo(IInvocationOperation whenAny, IOperation one)
    {
        // WhenAny(Task, Task) has an overload of its own; otherwise the tasks come as params (array or span).
        var elements = whenAny.Arguments.Length == 2
            ? System.Collections.Immutable.ImmutableArray.Create(whenAny.Arguments[0].Value, whenAny.Arguments[1].Value)
            : whenAny.Arguments.Length == 1 ? ParamsArguments.Elements(whenAny.Arguments[0].Value) : default;
        if (elements.IsDefault || elements.Length != 2 || ReferencedSymbol(Unwrap(one)) is not { } symbol)
        {
            return null;
        }

        if (Refers(elements[0], symbol))
        {
            return elements[1];
        }

        return Refers(elements[1], symbol) ? elements[0] : null;
    }

    private static bool EndsWithJump(IOperation operation)
    {
        if (operation is IBlockOperation block)
        {
            return block.Operations.Length > 0 && EndsWithJump(block.Operations[block.Operations.Length - 1]);
        }

        return operation is IReturnOperation or IBranchOperation or IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation;
    }

    /// <summary>A <c>break</c> or <c>goto</c> that may leave the loop early (inner loops and switches keep their own breaks).</summary>
    private static bool ContainsBreak(IOperation operation)
    {
        if (operation is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.GoTo })
        {
            return true;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation or ILoopOperation or ISwitchOperation) && ContainsBreak(child))
            {
                return true;
            }
        }

        return false;
    }
}
