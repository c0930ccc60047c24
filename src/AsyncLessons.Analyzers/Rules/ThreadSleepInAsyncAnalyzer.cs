using System.Collections.Immutable;
using AsyncLessons.Internals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLessons.Rules;

/// <summary>
/// AL0002: <c>Thread.Sleep</c> inside async code blocks the thread for the whole wait; <c>await Task.Delay</c>
/// pauses only this piece of work (the <c>asyncio.sleep</c> versus <c>time.sleep</c> lesson).
/// </summary>
public sealed class ThreadSleepInAsyncAnalyzer : RuleAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        id: RuleIds.ThreadSleepInAsync,
        title: "Do not block with Thread.Sleep in async code",
        messageFormat: "'Thread.Sleep' blocks the thread inside async code; use '{0}' so other work can run while this waits",
        category: RuleIds.UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Thread.Sleep holds a thread-pool (or UI) thread for the whole duration. In an async method, lambda or local function, await Task.Delay instead: only this operation pauses, and the thread serves other work meanwhile.",
        helpLinkUri: RuleIds.HelpLink(RuleIds.ThreadSleepInAsync));

    public ThreadSleepInAsyncAnalyzer()
        : base(Rule)
    {
    }

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var analysis = Deferred(context.Compilation, context.Options, static (compilation, options) => CreateAnalysis(compilation, options));
        RegisterOperationAction(context, analysis, static (o) => ((IInvocationOperation)o).TargetMethod.Name == "Sleep", static (a, c) => a.AnalyzeInvocation(c), OperationKind.Invocation);
    }

    /// <summary>What the rule needs from the compilation, or null when the compilation lacks it.</summary>
    private static Analysis? CreateAnalysis(Compilation compilation, AnalyzerOptions options)
    {
        var types = KnownTypes.Get(compilation);
        if (types.Thread is null || types.Task is null)
        {
            return null;
        }

        var sleepMethods = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var member in types.Thread.GetMembers("Sleep"))
        {
            if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 1 } method)
            {
                sleepMethods.Add(method);
            }
        }

        if (sleepMethods.Count == 0)
        {
            return null;
        }

        IFieldSymbol? timeSpanZero = null;
        foreach (var member in types.TimeSpan?.GetMembers("Zero") ?? ImmutableArray<ISymbol>.Empty)
        {
            timeSpanZero ??= member as IFieldSymbol;
        }

        var analysis = new Analysis(sleepMethods.ToImmutable(), types.CancellationToken, timeSpanZero);
        return analysis;
    }

    private sealed class Analysis
    {
        private readonly ImmutableHashSet<IMethodSymbol> _sleepMethods;
        private readonly INamedTypeSymbol? _cancellationToken;
        private readonly IFieldSymbol? _timeSpanZero;

        public Analysis(ImmutableHashSet<IMethodSymbol> sleepMethods, INamedTypeSymbol? cancellationToken, IFieldSymbol? timeSpanZero)
        {
            _sleepMethods = sleepMethods;
            _cancellationToken = cancellationToken;
            _timeSpanZero = timeSpanZero;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_sleepMethods.Contains(invocation.TargetMethod) || invocation.Arguments.Length != 1)
            {
                return;
            }

            var asyncContext = AsyncContext.Of(invocation, context.ContainingSymbol);
            if (!asyncContext.IsAsync || AsyncContext.IsInSynchronousBranch(invocation))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            if (asyncContext.InsideLock)
            {
                properties.Add(DiagnosticProperties.NoFix, "lock");
            }

            var replacement = "await Task.Delay(...)";
            if (IsZero(invocation.Arguments[0].Value))
            {
                // The fix writes Task.Yield() here, so the message names it too.
                properties.Add(DiagnosticProperties.UseYield, "true");
                replacement = "await Task.Yield()";
            }
            else if (_cancellationToken is not null
                && asyncContext.FindCancellationTokenParameter(_cancellationToken, context.ContainingSymbol) is { } token)
            {
                properties.Add(DiagnosticProperties.CancellationTokenName, token.Name);
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties.ToImmutable(), replacement));
        }

        /// <summary><c>Thread.Sleep(0)</c> and <c>Thread.Sleep(TimeSpan.Zero)</c> give up the time slice: the async equivalent is <c>Task.Yield()</c>.</summary>
        private bool IsZero(IOperation argument)
        {
            if (argument.ConstantValue is { HasValue: true, Value: 0 })
            {
                return true;
            }

            return argument is IFieldReferenceOperation fieldReference
                && fieldReference.Field.IsEqualTo(_timeSpanZero);
        }
    }
}
