using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0007: a <c>foreach</c> whose only statement awaits one independent call per item runs the items one after
/// another; <c>Task.WhenAll</c> over the items runs them together (the <c>asyncio.gather(*(f(x) for x in xs))</c> lesson).
/// Shares AL0001's independence analysis.
/// </summary>
public sealed class AwaitInLoopAnalyzer : RuleAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.AwaitInLoop,
        title: "Run independent loop iterations together with Task.WhenAll",
        messageFormat: "Each item awaits an independent call before the next one starts; the items could run concurrently with Task.WhenAll",
        category: RuleIds.PerformanceCategory,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A foreach loop whose body only awaits a call that depends on the current item, and shares nothing unsafe between items, takes the sum of all calls. Starting one task per item and awaiting Task.WhenAll (or Parallel.ForEachAsync for bounded concurrency) takes about as long as the slowest call.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.AwaitInLoop));

    public AwaitInLoopAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (o) => o is IForEachLoopOperation { IsAsynchronous: false, Syntax: ForEachStatementSyntax }, static (a, c) => a.AnalyzeLoop(c), OperationKind.Loop);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Task is null || types.TaskOfT is null)
        {
            return null;
        }

        var hasParallelForEachAsync = false;
        foreach (var member in types.Parallel?.GetMembers("ForEachAsync") ?? ImmutableArray<ISymbol>.Empty)
        {
            hasParallelForEachAsync |= member is IMethodSymbol { IsStatic: true };
        }

        // A multi-targeting project must build on every target: Parallel.ForEachAsync only when they all have it.
        hasParallelForEachAsync &= TargetFrameworks.AllAreNet6OrLater(options.AnalyzerConfigOptionsProvider);
        var analysis = new Analysis(types, new IndependenceAnalysis(compilation, options), hasParallelForEachAsync, TestCode.For(compilation, options, RuleIds.AwaitInLoop));
        return analysis;
    }

    private sealed class Analysis
    {
        private readonly KnownTypes _types;
        private readonly IndependenceAnalysis _independence;
        private readonly bool _hasParallelForEachAsync;
        private readonly TestCode? _testCode;

        public Analysis(KnownTypes types, IndependenceAnalysis independence, bool hasParallelForEachAsync, TestCode? testCode)
        {
            _testCode = testCode;
            _types = types;
            _independence = independence;
            _hasParallelForEachAsync = hasParallelForEachAsync;
        }

        public void AnalyzeLoop(OperationAnalysisContext context)
        {
            if (context.Operation is not IForEachLoopOperation { IsAsynchronous: false } loop
                || loop.Syntax is not ForEachStatementSyntax syntax
                || loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: { } item }
                || SingleStatement(loop.Body) is not IExpressionStatementOperation statement
                || _testCode?.Skips(syntax.SyntaxTree) == true)
            {
                return;
            }

            // `await F(item);` or `results.Add(await F(item));` with `results` declared before the loop.
            ILocalSymbol? results = null;
            var awaitOperation = statement.Operation;
            if (awaitOperation is IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list, Arguments.Length: 1 } add)
            {
                if (!IsDeclaredBefore(list.Local, syntax) || !IsCollection(list.Local.Type))
                {
                    return;
                }

                results = list.Local;
                awaitOperation = add.Arguments[0].Value;
            }

            if (!AwaitedCall.TryCreate(awaitOperation, _types, out var awaited)
                || OrderedSteps.IsOrderedStep(awaited.Call))
            {
                return;
            }

            var footprint = CallFootprint.Of(awaited.Call);
            if (!footprint.IsValid
                || footprint.ContainsAwait
                || footprint.Writes.Count > 0
                || !footprint.Reads.Contains(item)
                || (results is not null && (footprint.Reads.Contains(results) || IsRootedAt(loop.Collection, results))))
            {
                return;
            }

            var asyncContext = AsyncContext.Of(loop, context.ContainingSymbol);
            if (!asyncContext.IsAsync
                || asyncContext.InsideLock
                || _independence.Conflict(footprint, footprint, _independence.SafeTypesFor(syntax.SyntaxTree), item))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, awaited.Await.Syntax.GetLocation(), Properties(loop, syntax, item, in awaited, results)));
        }

        /// <summary>What the fix needs to know: the task's kind, its <c>ConfigureAwait</c>, the result list, and which rewrite fits.</summary>
        private ImmutableDictionary<string, string?> Properties(IForEachLoopOperation loop, ForEachStatementSyntax syntax, ILocalSymbol item, in AwaitedCall awaited, ILocalSymbol? results)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            if (awaited.IsValueTask)
            {
                properties.Add(DiagnosticProperties.IsValueTask, "true");
            }

            if (awaited.Configuration == AwaitConfiguration.NoContext)
            {
                properties.Add(DiagnosticProperties.ConfigureAwaitFalse, "true");
            }

            if (results is not null)
            {
                properties.Add(DiagnosticProperties.CollectsResults, "true");
            }

            if (awaited.Configuration == AwaitConfiguration.Other
                || !CanSelect(loop, syntax, item)
                || (results is not null && !IsListOf(results.Type, ResultType(awaited.Call.Type))))
            {
                properties.Add(DiagnosticProperties.NoFix, "shape");
            }
            else if (results is null && _hasParallelForEachAsync)
            {
                properties.Add(DiagnosticProperties.CanUseParallelForEach, "true");
            }

            return properties.ToImmutable();
        }

        private static IOperation? SingleStatement(IOperation body) => body switch
        {
            IBlockOperation { Operations.Length: 1 } block => block.Operations[0],
            IBlockOperation => null,
            _ => body,
        };

        private static bool IsDeclaredBefore(ILocalSymbol local, SyntaxNode loop)
        {
            foreach (var reference in local.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree != loop.SyntaxTree || reference.Span.Start >= loop.SpanStart)
                {
                    return false;
                }
            }

            return local.DeclaringSyntaxReferences.Length > 0;
        }

        private static bool IsCollection(ITypeSymbol type)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (@interface.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_ICollection_T)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRootedAt(IOperation collection, ILocalSymbol local)
        {
            collection = collection.WalkDownConversions();

            return collection is ILocalReferenceOperation reference && reference.Local.IsEqualTo(local);
        }

        /// <summary>
        /// The fixes rewrite the loop as <c>items.Select(item =&gt; ...)</c>: the collection must be an
        /// <c>IEnumerable&lt;T&gt;</c> of exactly the loop variable's type (no cast hidden in the foreach).
        /// </summary>
        private bool CanSelect(IForEachLoopOperation loop, ForEachStatementSyntax syntax, ILocalSymbol item)
        {
            if (_types.IEnumerableOfT is null || syntax.Identifier.ValueText.Length == 0)
            {
                return false;
            }

            var info = loop.SemanticModel?.GetForEachStatementInfo(syntax);
            if (info is not { ElementType: { } elementType } forEach
                || !forEach.ElementConversion.IsIdentity
                || !elementType.IsEqualTo(item.Type))
            {
                return false;
            }

            var collection = loop.Collection;
            collection = collection.WalkDownImplicitConversions();

            if (collection.Type is not { } collectionType)
            {
                return false;
            }

            if (IsEnumerableOf(collectionType, elementType))
            {
                return true;
            }

            foreach (var @interface in collectionType.AllInterfaces)
            {
                if (IsEnumerableOf(@interface, elementType))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsEnumerableOf(ITypeSymbol type, ITypeSymbol elementType) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.OriginalDefinition.IsEqualTo(_types.IEnumerableOfT)
            && named.TypeArguments[0].IsEqualTo(elementType);

        private static ITypeSymbol? ResultType(ITypeSymbol? taskType) =>
            taskType is INamedTypeSymbol { TypeArguments.Length: 1 } named ? named.TypeArguments[0] : null;

        private bool IsListOf(ITypeSymbol listType, ITypeSymbol? elementType) =>
            elementType is not null
            && listType is INamedTypeSymbol { TypeArguments.Length: 1 } named
            && named.OriginalDefinition.IsEqualTo(_types.ListOfT)
            && named.TypeArguments[0].IsEqualTo(elementType);
    }
}
