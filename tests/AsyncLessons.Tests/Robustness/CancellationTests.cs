using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// Analyzers and fixes stop when their CancellationToken is cancelled: cancellation surfaces as
/// <see cref="OperationCanceledException"/> (never as another exception, a result, or an AD0001), and leaves nothing
/// behind that changes the next run. No timing is asserted: cancellation is triggered at a known point.
/// </summary>
[Trait("Category", RobustnessHarness.Category)]
public class CancellationTests
{
    /// <summary>The exported analyzer and each rule alone.</summary>
    private static readonly DiagnosticAnalyzer[] AnalyzersAndRules = RobustnessHarness.Analyzers.Concat(RuleCatalogTests.Rules).ToArray();

    public static TheoryData<string> AnalyzerData()
    {
        var data = new TheoryData<string>();
        foreach (var analyzer in AnalyzersAndRules)
        {
            data.Add(analyzer.GetType().Name);
        }

        return data;
    }

    [Fact]
    public async Task Analysis_WithCancelledToken_ThrowsOperationCanceled()
    {
        var exceptions = new ConcurrentBag<string>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RobustnessHarness.AnalyzeAsync(RobustnessHarness.CompileCorpus(), exceptions, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Empty(exceptions);
    }

    [Theory]
    [MemberData(nameof(AnalyzerData))]
    public async Task Analysis_CancelledWhileRunning_StopsAndLeavesNoStaleState(string analyzerName)
    {
        var analyzer = AnalyzersAndRules.Single(a => a.GetType().Name == analyzerName);
        var compilation = RobustnessHarness.CompileCorpus();
        var exceptions = new ConcurrentBag<string>();
        using var source = new CancellationTokenSource();

        // The trigger cancels from inside the analysis, once the analyzer under test has been started on this compilation.
        var trigger = new CancelOnFirstCallbackAnalyzer(source);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RobustnessHarness.AnalyzeAsync(compilation, exceptions, analyzers: ImmutableArray.Create(analyzer, trigger), cancellationToken: source.Token));
        Assert.True(trigger.Cancelled, "The trigger analyzer never ran.");
        Assert.Empty(exceptions);

        // The same compilation (and whatever the analyzer cached for it) gives the same answer as a fresh one.
        var again = await RobustnessHarness.AnalyzeAsync(compilation, exceptions, analyzers: ImmutableArray.Create(analyzer));
        var fresh = await RobustnessHarness.AnalyzeAsync(RobustnessHarness.CompileCorpus(), exceptions, analyzers: ImmutableArray.Create(analyzer));
        Assert.Equal(Describe(fresh), Describe(again));
        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task CodeFixes_WithCancelledToken_ComputeNoChange()
    {
        var (project, diagnostics) = await AnalyzeCorpusAsync();
        var cancelled = new CancellationToken(canceled: true);
        var failures = new List<string>();
        var actionsChecked = 0;
        foreach (var diagnostic in diagnostics.Where(d => RobustnessHarness.FixableIds.Contains(d.Id)))
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree)!;
            foreach (var fixer in RobustnessHarness.FixersFor(diagnostic.Id))
            {
                // Registering with a cancelled token: cancel or finish (registering is cheap; the work is in the action), never fail.
                try
                {
                    await RobustnessHarness.GetActionsAsync(fixer, document, diagnostic, cancelled);
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception exception)
                {
                    failures.Add($"{fixer.GetType().Name} registering for {diagnostic.Id}: {exception}");
                }

                // Computing a registered action with a cancelled token: cancel, never a result.
                foreach (var action in await RobustnessHarness.GetActionsAsync(fixer, document, diagnostic))
                {
                    actionsChecked++;
                    try
                    {
                        await action.GetOperationsAsync(cancelled);
                        failures.Add($"'{action.Title}' ({fixer.GetType().Name}) produced its change although cancelled");
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    catch (Exception exception)
                    {
                        failures.Add($"'{action.Title}' ({fixer.GetType().Name}): {exception}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(actionsChecked > 0, "No fix was offered on the corpus: nothing was checked.");
    }

    [Fact]
    public async Task FixAll_WithCancelledToken_ThrowsOperationCanceledOrReturnsNothing()
    {
        var (project, diagnostics) = await AnalyzeCorpusAsync();
        var failures = new List<string>();
        foreach (var fixer in RobustnessHarness.CodeFixes)
        {
            var provider = fixer.GetFixAllProvider();
            var fixable = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
            if (provider is null || fixable.IsEmpty)
            {
                continue;
            }

            var actions = await RobustnessHarness.GetActionsAsync(fixer, project.GetDocument(fixable[0].Location.SourceTree)!, fixable[0]);
            foreach (var key in actions.Select(a => a.EquivalenceKey).Distinct())
            {
                using var source = new CancellationTokenSource();
                source.Cancel();
                var context = new FixAllContext(
                    project, fixer, FixAllScope.Project, key, fixer.FixableDiagnosticIds,
                    new RobustnessHarness.FixedDiagnosticProvider(fixable), source.Token);
                try
                {
                    var action = await provider.GetFixAsync(context);
                    if (action is not null)
                    {
                        await action.GetOperationsAsync(source.Token);
                        failures.Add($"Fix All '{key}' ({fixer.GetType().Name}) produced its change although cancelled");
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception exception)
                {
                    failures.Add($"Fix All '{key}' ({fixer.GetType().Name}): {exception}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task<(Project Project, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeCorpusAsync()
    {
        var project = RobustnessHarness.CreateProject(RobustnessHarness.Corpus.Select(f => (f.Name, f.Text)));
        var compilation = (await project.GetCompilationAsync())!;
        var exceptions = new ConcurrentBag<string>();
        var diagnostics = await RobustnessHarness.AnalyzeAsync(compilation, exceptions);
        Assert.Empty(exceptions);
        return (project, diagnostics.AddRange(compilation.GetDiagnostics().Where(d => RobustnessHarness.FixableIds.Contains(d.Id))));
    }

    private static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(RobustnessHarness.Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();

    /// <summary>Cancels the analysis from its first operation callback, so cancellation lands while analyzers are running.</summary>
#pragma warning disable RS1001, RS1025, RS1026, RS2008 // a test-only trigger, not a shipped analyzer
    private sealed class CancelOnFirstCallbackAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("TEST0001", "Trigger", "Trigger", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);
        private readonly CancellationTokenSource _source;
        private int _cancelled;

        public CancelOnFirstCallbackAnalyzer(CancellationTokenSource source) => _source = source;

        public bool Cancelled => Volatile.Read(ref _cancelled) == 1;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                _ =>
                {
                    if (Interlocked.Exchange(ref _cancelled, 1) == 0)
                    {
                        _source.Cancel();
                    }
                },
                OperationKind.Invocation);
        }
    }
#pragma warning restore RS1001, RS1025, RS1026, RS2008
}
