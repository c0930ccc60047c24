using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0001: two or more consecutive statements each await one independent call; started together and awaited with
/// <c>Task.WhenAll</c> they take as long as the slowest instead of the sum (the <c>asyncio.gather</c> lesson).
/// </summary>
public sealed class SequentialAwaitsAnalyzer : RuleAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.SequentialAwaits,
        title: "Run independent awaits together with Task.WhenAll",
        messageFormat: "{0} independent awaits run one after another; start them together and await Task.WhenAll",
        category: RuleIds.PerformanceCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Consecutive statements that each await a call which does not use the others' results, receivers or arguments wait for the sum of their durations. Start every call first and await Task.WhenAll: the run takes about as long as the slowest call.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.SequentialAwaits));

    public SequentialAwaitsAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (o) => Analysis.SyntaxMayHaveTwoAwaitStatements(o.Syntax), static (a, c) => a.AnalyzeBlock(c), OperationKind.Block);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null || types.TaskOfT is null)
        {
            return null;
        }

        var analysis = new Analysis(types, new IndependenceAnalysis(compilation, options), TestCode.For(compilation, options, RuleIds.SequentialAwaits));
        return analysis;
    }

    /// <summary>One statement of a run: the awaited call, and the variable its result goes to (if any). A class, not a struct, for the reason <see cref="AccessStep"/> gives.</summary>
    private sealed class Step
    {
        public Step(AwaitedCall awaited, CallFootprint footprint, ISymbol? target)
        {
            Awaited = awaited;
            Footprint = footprint;
            Target = target;
        }

        public AwaitedCall Awaited { get; }
        public CallFootprint Footprint { get; }
        public ISymbol? Target { get; }
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly IndependenceAnalysis _independence;
        private readonly TestCode? _testCode;

        public Analysis(KnownTypes types, IndependenceAnalysis independence, TestCode? testCode)
        {
            _types = types;
            _independence = independence;
            _testCode = testCode;
        }

        public void AnalyzeBlock(OperationAnalysisContext context)
        {
            var block = (IBlockOperation)context.Operation;

            // Syntax first: it is already there, while the block's child operations are built on first access.
            if (!SyntaxMayHaveTwoAwaitStatements(block.Syntax))
            {
                return;
            }

            var statements = block.Operations;
            if (statements.Length < 2 || block.Parent is ILoopOperation || !HasTwoAwaitStatements(statements)
                || _testCode?.Skips(block.Syntax.SyntaxTree) == true)
            {
                return;
            }

            var safeTypes = _independence.SafeTypesFor(block.Syntax.SyntaxTree);
            ObjectOrigins? origins = null;
            var run = new List<Step>();
            var checkedAsync = false;
            foreach (var statement in statements)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (!TryGetStep(statement, out var step))
                {
                    Report(context, run);
                    run.Clear();
                    continue;
                }

                if (!checkedAsync)
                {
                    // Every statement of the block shares one function: ask once.
                    var asyncContext = AsyncContext.Of(statement, context.ContainingSymbol);
                    if (!asyncContext.IsAsync || asyncContext.InsideLock)
                    {
                        return;
                    }

                    checkedAsync = true;
                }

                if (!IsIndependentOfRun(step, run, safeTypes, ref origins))
                {
                    Report(context, run);
                    run.Clear();
                }

                run.Add(step);
            }

            Report(context, run);
        }

        /// <summary>
        /// The same question as <see cref="HasTwoAwaitStatements"/>, asked of the syntax: false only when no two adjacent
        /// statements can be awaits. Blocks of other shapes (none today) go on to the operation check.
        /// </summary>
        internal static bool SyntaxMayHaveTwoAwaitStatements(SyntaxNode syntax)
        {
            var previous = false;
            switch (syntax)
            {
                case BlockSyntax block:
                    foreach (var statement in block.Statements)
                    {
                        var current = IsAwaitStatement(statement);
                        if (current && previous)
                        {
                            return true;
                        }

                        previous = current;
                    }

                    return false;
                case CompilationUnitSyntax unit:
                    foreach (var member in unit.Members)
                    {
                        var current = member is GlobalStatementSyntax { Statement: var statement } && IsAwaitStatement(statement);
                        if (current && previous)
                        {
                            return true;
                        }

                        previous = current;
                    }

                    return false;
                case ArrowExpressionClauseSyntax or ExpressionSyntax:
                    // The implicit block of an expression body holds one statement.
                    return false;
                default:
                    return true;
            }
        }

        private static bool IsAwaitStatement(StatementSyntax statement) => statement switch
        {
            ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment } => IsAwait(assignment.Right),
            ExpressionStatementSyntax expression => IsAwait(expression.Expression),
            LocalDeclarationStatementSyntax declaration => declaration.Declaration.Variables.Count == 1
                && declaration.Declaration.Variables[0].Initializer is { } initializer
                && IsAwait(initializer.Value),
            _ => false,
        };

        private static bool IsAwait(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression is AwaitExpressionSyntax;
        }

        /// <summary>A cheap first look: most blocks do not hold two statements that start with an await.</summary>
        private static bool HasTwoAwaitStatements(ImmutableArray<IOperation> statements)
        {
            var previous = false;
            foreach (var statement in statements)
            {
                var current = AwaitOf(statement) is not null;
                if (current && previous)
                {
                    return true;
                }

                previous = current;
            }

            return false;
        }

        /// <summary>The await of <c>await F();</c>, <c>var x = await F();</c> or <c>x = await F();</c>.</summary>
        private static IOperation? AwaitOf(IOperation statement) => statement switch
        {
            IExpressionStatementOperation { Operation: IAwaitOperation await } => await,
            IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Value: IAwaitOperation await } } => await,
            IVariableDeclarationGroupOperation group => SingleDeclaratorAwait(group),
            _ => null,
        };

        private static IOperation? SingleDeclaratorAwait(IVariableDeclarationGroupOperation group) =>
            group.Declarations.Length == 1
            && group.Declarations[0].Declarators.Length == 1
            && group.Declarations[0].Declarators[0].Initializer?.Value is IAwaitOperation await
                ? await
                : null;

        private bool TryGetStep(IOperation statement, out Step step)
        {
            step = null!; // read only when this returns true
            if (!AwaitedCall.TryCreate(AwaitOf(statement), _types, out var awaited)
                || OrderedSteps.IsOrderedStep(awaited.Call))
            {
                return false;
            }

            ISymbol? target = null;
            switch (statement)
            {
                case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }:
                    target = assignment.Target switch
                    {
                        ILocalReferenceOperation { Local.RefKind: RefKind.None } local => local.Local,
                        IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter => parameter.Parameter,
                        // Fields of this object or static fields: nothing to evaluate before the value is stored.
                        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } field => field.Field,
                        _ => null,
                    };
                    if (target is null)
                    {
                        return false;
                    }

                    break;
                case IVariableDeclarationGroupOperation group:
                    if (group.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, IsConst: false }
                        || group.Declarations[0].Declarators[0].Symbol is not { RefKind: RefKind.None } declared)
                    {
                        return false;
                    }

                    target = declared;
                    break;
            }

            step = new Step(awaited, CallFootprint.Of(awaited.Call), target);
            return step.Footprint.IsValid;
        }

        private bool IsIndependentOfRun(Step step, List<Step> run, ImmutableArray<INamedTypeSymbol> safeTypes, ref ObjectOrigins? origins)
        {
            foreach (var earlier in run)
            {
                // The later call must not use what an earlier statement stored, nor share anything with its call.
                if (earlier.Target is not null && step.Footprint.Reads.Contains(earlier.Target))
                {
                    return false;
                }

                if (_independence.Conflict(earlier.Footprint, step.Footprint, safeTypes))
                {
                    return false;
                }
            }

            // Objects built from one another (two views of one pipe, a wrapper over a local): asked last, once a run forms.
            if (run.Count > 0)
            {
                origins ??= ObjectOrigins.Of(step.Footprint.Call, _independence.IsSharedResource);
                foreach (var earlier in run)
                {
                    if (_independence.ShareOrigin(earlier.Footprint, step.Footprint, origins, safeTypes))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static void Report(OperationAnalysisContext context, List<Step> run)
        {
            if (run.Count < 2)
            {
                return;
            }

            var additional = new List<Location>(run.Count - 1);
            var kinds = new StringBuilder(run.Count);
            var allNoContext = true;
            var allCapture = true;
            for (var i = 0; i < run.Count; i++)
            {
                var awaited = run[i].Awaited;
                if (i > 0)
                {
                    additional.Add(awaited.Await.Syntax.GetLocation());
                }

                kinds.Append(awaited.IsValueTask ? 'V' : 'T');
                allNoContext &= awaited.Configuration == AwaitConfiguration.NoContext;
                allCapture &= awaited.Configuration == AwaitConfiguration.CapturesContext;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.AwaitedKinds, kinds.ToString());
            if (allNoContext)
            {
                properties.Add(DiagnosticProperties.ConfigureAwaitFalse, "true");
            }
            else if (!allCapture)
            {
                // Mixed ConfigureAwait: no single WhenAll keeps every continuation where it was.
                properties.Add(DiagnosticProperties.NoFix, "ConfigureAwait");
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Rule,
                run[0].Awaited.Await.Syntax.GetLocation(),
                additional,
                properties.ToImmutable(),
                run.Count));
        }
    }
}
