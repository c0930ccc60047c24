using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0008: operations that run at the same time — combined in <c>Task.WhenAll</c>/<c>Task.WhenAny</c>, or run per item
/// by <c>Parallel.ForEachAsync</c>, <c>Parallel.ForEach</c>, <c>Parallel.For</c> or <c>Select</c> + <c>WhenAll</c> —
/// use one resource that allows one operation at a time: a DbContext, a connection, a stream, a writer, or a file one
/// of them writes. The other half of the gather lesson: only independent work may run together.
/// </summary>
public sealed class SharedResourceAnalyzer : RuleAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.SharedResource,
        title: "Do not run operations on a shared resource together",
        messageFormat: "{0} runs operations on {1} at the same time, but {2}; run them one after another",
        category: RuleIds.ReliabilityCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Task.WhenAll, Task.WhenAny and the Parallel loops run their operations at the same time. When two of them use one DbContext, connection, stream, writer or socket, or one writes a file the other reads, they race: EF Core throws 'A second operation was started on this context instance', a stream interleaves or corrupts data, and a read sees a half-written file. Await them one after another, or give each operation a resource of its own.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.SharedResource));

    public SharedResourceAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (o) => ((IInvocationOperation)o).TargetMethod is { IsStatic: true, Name: "WhenAll" or "WhenAny" or "ForEachAsync" or "ForEach" or "For" or "Invoke" }, static (a, c) => a.AnalyzeInvocation(c), OperationKind.Invocation);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null)
        {
            return null;
        }

        var analysis = new Analysis(
            types,
            new ExclusiveResources(compilation),
            new IndependenceAnalysis(compilation, options),
            new ConfiguredSymbols.Reader(compilation, options.AnalyzerConfigOptionsProvider, ExclusiveResources.ExclusiveTypesOption, methods: false),
            types.Enumerable);
        return analysis;
    }

    /// <summary>The kinds of combination the fixer knows how to take apart.</summary>
    internal static class Forms
    {
        /// <summary>Operations written in the combinator's arguments, or started into locals just before it.</summary>
        public const string Listed = "Listed";

        /// <summary>One operation per item: a <c>Select</c> lambda, a <c>Parallel</c> loop body, a task added in a loop.</summary>
        public const string PerItem = "PerItem";
    }

    /// <summary>An operation that runs together with the others.</summary>
    private sealed class Started
    {
        public Started(IOperation operation, TextSpan scope, bool perItem, SyntaxNode reportAt, TextSpan startsAt, ILocalSymbol? local)
        {
            Operation = operation;
            Scope = scope;
            PerItem = perItem;
            ReportAt = reportAt;
            StartsAt = startsAt;
            Local = local;
        }

        public IOperation Operation { get; }

        /// <summary>Variables declared in here belong to one run of the operation.</summary>
        public TextSpan Scope { get; }

        /// <summary>True when the operation runs once per item, so it runs together with itself.</summary>
        public bool PerItem { get; }

        /// <summary>Where a collision with an earlier operation is reported: the operation as the combinator lists it.</summary>
        public SyntaxNode ReportAt { get; }

        /// <summary>Where the operation starts: its local's declaration, or the combinator.</summary>
        public TextSpan StartsAt { get; }

        /// <summary>The local the task was stored in before it was combined, if any.</summary>
        public ILocalSymbol? Local { get; }
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly ExclusiveResources _resources;
        private readonly IndependenceAnalysis _independence;
        private readonly ConfiguredSymbols.Reader _exclusiveTypes;
        private readonly INamedTypeSymbol? _enumerable;
        private readonly ConcurrentDictionary<ITypeSymbol, ITypeSymbol?> _heldContexts = new(SymbolEqualityComparer.Default);

        public Analysis(KnownTypes types, ExclusiveResources resources, IndependenceAnalysis independence, ConfiguredSymbols.Reader exclusiveTypes, INamedTypeSymbol? enumerable)
        {
            _types = types;
            _resources = resources;
            _independence = independence;
            _exclusiveTypes = exclusiveTypes;
            _enumerable = enumerable;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            bool isTask;
            switch (method.Name)
            {
                case "WhenAll" or "WhenAny":
                    isTask = true;
                    break;
                case "ForEachAsync" or "ForEach" or "For" or "Invoke":
                    isTask = false;
                    break;
                default:
                    return;
            }

            if (!method.IsStatic || !method.ContainingType.IsEqualTo(isTask ? _types.Task : _types.Parallel))
            {
                return;
            }

            var started = new List<Started>();
            if (isTask)
            {
                CollectCombined(invocation, started);
            }
            else
            {
                CollectParallel(invocation, started);
            }

            if (started.Count == 0 || (started.Count == 1 && !started[0].PerItem))
            {
                return;
            }

            var tree = invocation.Syntax.SyntaxTree;
            var uses = new ResourceUses(_resources, _exclusiveTypes.For(tree), _independence.SafeTypesFor(tree), invocation.SemanticModel, _heldContexts, context.CancellationToken);
            Check(context, invocation, started, uses);
        }

        private void Check(OperationAnalysisContext context, IInvocationOperation combinator, List<Started> started, ResourceUses collector)
        {
            var usesOf = new List<ResourceUse>[started.Count];
            for (var j = 0; j < started.Count; j++)
            {
                var item = started[j];
                var uses = usesOf[j] = item.Operation is IMethodReferenceOperation group ? collector.OfMethodGroup(group) : collector.Of(item.Operation, item.Scope);
                if (uses.Count == 0)
                {
                    continue;
                }

                if (item.PerItem)
                {
                    // Each item runs the same operation: a use collides with its own next run.
                    foreach (var use in uses)
                    {
                        foreach (var other in uses)
                        {
                            if (use.CollidesWith(other, _resources))
                            {
                                Report(context, combinator, use, other, use.Site.Syntax, earlier: null, Forms.PerItem);
                                return;
                            }
                        }
                    }
                }

                for (var i = 0; i < j; i++)
                {
                    if (AwaitedBefore(started[i], item))
                    {
                        continue;
                    }

                    foreach (var earlierUse in usesOf[i])
                    {
                        foreach (var use in uses)
                        {
                            if (earlierUse.CollidesWith(use, _resources))
                            {
                                var form = started[i].PerItem || item.PerItem ? Forms.PerItem : Forms.Listed;
                                Report(context, combinator, use, earlierUse, item.ReportAt, started[i].ReportAt, form);
                                return;
                            }
                        }
                    }
                }
            }
        }

        private void Report(OperationAnalysisContext context, IInvocationOperation combinator, ResourceUse use, ResourceUse other, SyntaxNode at, SyntaxNode? earlier, string form)
        {
            var method = combinator.TargetMethod;
            var additional = earlier is null
                ? new[] { combinator.Syntax.GetLocation() }
                : new[] { combinator.Syntax.GetLocation(), earlier.GetLocation() };
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.CombinedForm, form);
            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                at.GetLocation(),
                additional,
                properties,
                method.ContainingType.Name + "." + method.Name,
                use.Display(other),
                use.Kind == ResourceKind.File ? "a write of a file must not overlap a read or another write of it" : _resources.Describe(use.Type, use.Kind)));
        }

        /// <summary>True when the earlier operation's task is awaited (or waited for) before the later one starts.</summary>
        private static bool AwaitedBefore(Started earlier, Started later)
        {
            if (earlier.Local is not { } local || earlier.PerItem || later.StartsAt.Start <= earlier.StartsAt.End)
            {
                return false;
            }

            var body = earlier.Operation.Syntax.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
            if (body is null)
            {
                return false;
            }

            var between = TextSpan.FromBounds(earlier.StartsAt.End, later.StartsAt.Start);
            foreach (var node in body.DescendantNodes(between))
            {
                if (node is IdentifierNameSyntax identifier && between.Contains(identifier.Span) && identifier.Identifier.ValueText == local.Name
                    && IsWaitedFor(identifier))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>await task</c>, <c>await task.ConfigureAwait(false)</c>, <c>task.Wait()</c>, <c>task.Result</c>, <c>task.GetAwaiter().GetResult()</c>.</summary>
        private static bool IsWaitedFor(IdentifierNameSyntax identifier)
        {
            SyntaxNode node = identifier;
            while (node.Parent is ParenthesizedExpressionSyntax)
            {
                node = node.Parent;
            }

            if (node.Parent is AwaitExpressionSyntax)
            {
                return true;
            }

            return node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access && access.Expression == node
                && (name is "Wait" or "Result" or "GetAwaiter"
                    || (name == "ConfigureAwait" && access.Parent?.Parent is AwaitExpressionSyntax));
        }

        /// <summary>The operations a <c>Task.WhenAll</c>/<c>Task.WhenAny</c> combines.</summary>
        private void CollectCombined(IInvocationOperation invocation, List<Started> started)
        {
            if (invocation.Arguments.Length == 2)
            {
                // Task.WhenAny(a, b): the two-task overload.
                foreach (var task in invocation.Arguments)
                {
                    AddListed(task.Value, invocation, started);
                }

                return;
            }

            if (invocation.Arguments.Length != 1)
            {
                return;
            }

            var argument = invocation.Arguments[0];
            var elements = ParamsArguments.Elements(argument);
            if (elements.IsDefault)
            {
                var value = WithoutConversions(argument.Value);
                if (value is ILocalReferenceOperation { Local: var list } && Initializer(list, invocation) is { } initializer)
                {
                    CollectList(list, initializer, invocation, started);
                    return;
                }

                elements = ParamsArguments.Elements(value);
                if (elements.IsDefault)
                {
                    AddPerItem(value, invocation.Syntax.Span, started);
                    return;
                }
            }

            foreach (var element in elements)
            {
                AddListed(element, invocation, started);
            }
        }

        /// <summary>A local list or array of tasks: its initializer's elements, and the tasks added to it.</summary>
        private void CollectList(ILocalSymbol list, IOperation initializer, IInvocationOperation combinator, List<Started> started)
        {
            var elements = ParamsArguments.Elements(initializer);
            if (!elements.IsDefault)
            {
                foreach (var element in elements)
                {
                    AddListed(element, combinator, started);
                }

                return;
            }

            if (initializer is IObjectCreationOperation creation)
            {
                if (creation.Initializer is { } collection)
                {
                    foreach (var add in collection.Initializers)
                    {
                        if (add is IInvocationOperation { Arguments.Length: 1 } call)
                        {
                            started.Add(new Started(call.Arguments[0].Value, call.Arguments[0].Syntax.Span, perItem: false, call.Arguments[0].Syntax, initializer.Syntax.Span, local: null));
                        }
                    }
                }

                CollectAdds(list, combinator, started);
                return;
            }

            AddPerItem(initializer, initializer.Syntax.Span, started);
        }

        /// <summary>The tasks added to <paramref name="list"/> in the function: <c>tasks.Add(SaveAsync(x))</c>, once per item inside a loop.</summary>
        private static void CollectAdds(ILocalSymbol list, IInvocationOperation combinator, List<Started> started)
        {
            var function = FunctionOf(combinator);
            if (function is null)
            {
                return;
            }

            foreach (var operation in function.Descendants())
            {
                if (operation is not IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: ILocalReferenceOperation target } add
                    || !target.Local.IsEqualTo(list) || add.Syntax.SpanStart > combinator.Syntax.SpanStart)
                {
                    continue;
                }

                var value = add.Arguments[0].Value;
                var loop = LoopAround(add, function);
                started.Add(loop is null
                    ? new Started(value, value.Syntax.Span, perItem: false, value.Syntax, add.Syntax.Span, local: null)
                    : new Started(value, loop.Syntax.Span, perItem: true, value.Syntax, add.Syntax.Span, local: null));
            }
        }

        private static ILoopOperation? LoopAround(IOperation operation, IOperation function)
        {
            for (var current = operation.Parent; current is not null && current != function; current = current.Parent)
            {
                if (current is ILoopOperation loop)
                {
                    return loop;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>One operation the combinator lists: a call written there, or a local that holds a task started before.</summary>
        private void AddListed(IOperation element, IInvocationOperation combinator, List<Started> started)
        {
            var value = WithoutConversions(element);
            if (value is ILocalReferenceOperation { Local: var local })
            {
                if (Initializer(local, combinator) is { } initializer && initializer.Syntax.FirstAncestorOrSelf<StatementSyntax>() is { } declaration)
                {
                    started.Add(new Started(initializer, initializer.Syntax.Span, perItem: false, element.Syntax, declaration.Span, local));
                }

                return;
            }

            started.Add(new Started(value, value.Syntax.Span, perItem: false, element.Syntax, combinator.Syntax.Span, local: null));
        }

        /// <summary><c>items.Select(x =&gt; F(x))</c> (with <c>ToList()</c> or <c>ToArray()</c> after it): one operation per item.</summary>
        private void AddPerItem(IOperation value, TextSpan startsAt, List<Started> started)
        {
            value = WithoutConversions(value);
            while (value is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" or "AsEnumerable", Arguments.Length: 1 } materialized
                && IsEnumerable(materialized.TargetMethod))
            {
                value = WithoutConversions(materialized.Arguments[0].Value);
            }

            if (value is not IInvocationOperation { TargetMethod.Name: "Select", Arguments.Length: 2 } select || !IsEnumerable(select.TargetMethod))
            {
                return;
            }

            AddBody(select.Arguments[1].Value, select.Syntax, startsAt, started);
        }

        /// <summary>The operations of <c>Parallel.ForEachAsync</c>, <c>ForEach</c> and <c>For</c> (per item) and <c>Invoke</c> (each action).</summary>
        private static void CollectParallel(IInvocationOperation invocation, List<Started> started)
        {
            if (invocation.TargetMethod.Name == "Invoke")
            {
                var actions = ParamsArguments.Elements(invocation.Arguments[invocation.Arguments.Length - 1]);
                if (!actions.IsDefault)
                {
                    foreach (var action in actions)
                    {
                        if (WithoutConversions(action) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                        {
                            started.Add(new Started(lambda.Body, lambda.Syntax.Span, perItem: false, action.Syntax, invocation.Syntax.Span, local: null));
                        }
                    }
                }

                return;
            }

            if (invocation.Arguments.Length < 2)
            {
                return;
            }

            AddBody(invocation.Arguments[invocation.Arguments.Length - 1].Value, invocation.Syntax, invocation.Syntax.Span, started);
        }

        private static void AddBody(IOperation body, SyntaxNode reportAt, TextSpan startsAt, List<Started> started)
        {
            switch (WithoutConversions(body))
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                    started.Add(new Started(lambda.Body, lambda.Syntax.Span, perItem: true, reportAt, startsAt, local: null));
                    break;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation group }:
                    started.Add(new Started(group, group.Syntax.Span, perItem: true, reportAt, startsAt, local: null));
                    break;
            }
        }

        private bool IsEnumerable(IMethodSymbol method) =>
            (method.ReducedFrom ?? method).ContainingType.IsEqualTo(_enumerable);

        /// <summary>
        /// The value a local was declared with, in the same function and before <paramref name="use"/>, when nothing
        /// assigns the local again.
        /// </summary>
        private static IOperation? Initializer(ILocalSymbol local, IOperation use)
        {
            if (local.DeclaringSyntaxReferences.Length != 1 || use.SemanticModel is not { } model
                || local.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator
                || declarator.SyntaxTree != model.SyntaxTree || declarator.SpanStart > use.Syntax.SpanStart
                || FunctionOf(use) is not { } function || !function.Syntax.Span.Contains(declarator.Span))
            {
                return null;
            }

            foreach (var node in function.Syntax.DescendantNodes())
            {
                if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax assigned } && assigned.Identifier.ValueText == local.Name)
                {
                    return null;
                }
            }

            return model.GetOperation(value) is { } operation ? WithoutConversions(operation) : null;
        }

        /// <summary>The method, local function, lambda or top-level code <paramref name="operation"/> belongs to.</summary>
        private static IOperation? FunctionOf(IOperation operation)
        {
            IOperation? last = null;
            for (var current = operation; current is not null; current = current.Parent)
            {
                last = current;
                if (current is IMethodBodyOperation or IConstructorBodyOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return last;
        }

        private static IOperation WithoutConversions(IOperation operation)
        {
            operation = operation.WalkDownConversions();

            return operation;
        }
    }
}
