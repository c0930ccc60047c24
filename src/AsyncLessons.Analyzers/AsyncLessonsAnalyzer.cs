using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using AsyncLessons.Internals;
using AsyncLessons.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

[assembly: SuppressMessage(
    "MicrosoftCodeAnalysisCorrectness",
    "RS1001:Missing diagnostic analyzer attribute",
    Scope = "namespaceanddescendants",
    Target = "~N:AsyncLessons.Rules",
    Justification = "The rules are exported through AsyncLessonsAnalyzer; as analyzers of their own they run only in tests.")]

namespace AsyncLessons;

/// <summary>
/// The one analyzer the package exports: every rule of <c>Rules/</c>, started from a single compilation-start action.
/// The compiler's analyzer driver does work per analyzer that no analyzer is charged for (for each declaration, it
/// walks the operations once per analyzer that registered operation callbacks, and keeps per-analyzer state for every
/// symbol and tree); with the rules as eight analyzers, that work was most of what AsyncLessons added to a build
/// (docs/performance.md, "One analyzer for every rule"). Each rule keeps its own class, descriptor, registrations and
/// tests, and still does nothing in a compilation where it is off for every file (<see cref="RuleAnalyzer.Start"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncLessonsAnalyzer : DiagnosticAnalyzer
{
    public AsyncLessonsAnalyzer()
    {
        Rules = ImmutableArray.Create<RuleAnalyzer>(
            new SequentialAwaitsAnalyzer(),
            new ThreadSleepInAsyncAnalyzer(),
            new UnobservedTaskAnalyzer(),
            new BlockingWaitAnalyzer(),
            new SyncIOInAsyncAnalyzer(),
            new AsyncVoidAnalyzer(),
            new AwaitInLoopAnalyzer(),
            new SharedResourceAnalyzer());
        var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>(Rules.Length);
        foreach (var rule in Rules)
        {
            descriptors.AddRange(rule.SupportedDiagnostics);
        }

        SupportedDiagnostics = descriptors.MoveToImmutable();
    }

    /// <summary>The rules, in the order of their ids; each is also an analyzer of its own, which the tests run alone.</summary>
    internal ImmutableArray<RuleAnalyzer> Rules { get; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(Start);
    }

    private void Start(CompilationStartAnalysisContext context)
    {
        foreach (var rule in Rules)
        {
            rule.Start(context);
        }
    }
}
