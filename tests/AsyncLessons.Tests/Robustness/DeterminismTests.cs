using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>Concurrent analysis (as the compiler runs it) and sequential analysis report the same diagnostics, run after run.</summary>
[Trait("Category", RobustnessHarness.Category)]
public class DeterminismTests
{
    private const int ConcurrentRuns = 4;

    [Fact]
    public async Task ConcurrentAndSequentialAnalysis_ReportTheSameDiagnostics()
    {
        var trees = RobustnessHarness.Corpus.Select(f => RobustnessHarness.Parse(f.Text, f.Name))
            .Concat(RobustnessHarness.Seeds.Where(s => s.Name.StartsWith("samples", StringComparison.Ordinal)).Select(s => RobustnessHarness.Parse(s.Text, s.Name)))
            .ToList();
        var exceptions = new ConcurrentBag<string>();

        // A fresh compilation each run, so no run reuses another's bound state or per-compilation caches.
        var sequential = await RunAsync(trees, concurrent: false, exceptions);
        Assert.NotEmpty(sequential);
        for (var run = 0; run < ConcurrentRuns; run++)
        {
            var concurrent = await RunAsync(trees, concurrent: true, exceptions);
            Assert.Equal(sequential, concurrent);
        }

        Assert.Empty(exceptions);
    }

    [Fact]
    public async Task ConcurrentAnalysesOfOneCompilation_ReportTheSameDiagnostics()
    {
        // Several analyses of the same compilation at once share its per-compilation caches (KnownTypes and the like).
        var compilation = RobustnessHarness.CompileCorpus().WithOptions(RobustnessHarness.Empty.Options.WithConcurrentBuild(true));
        var exceptions = new ConcurrentBag<string>();
        var runs = await Task.WhenAll(Enumerable.Range(0, ConcurrentRuns).Select(_ => Task.Run(async () =>
            Describe(await RobustnessHarness.AnalyzeAsync(compilation, exceptions, concurrent: true)))));
        foreach (var run in runs)
        {
            Assert.Equal(runs[0], run);
        }

        Assert.NotEmpty(runs[0]);
        Assert.Empty(exceptions);
    }

    private static async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<SyntaxTree> trees, bool concurrent, ConcurrentBag<string> exceptions)
    {
        var compilation = RobustnessHarness.Compile(trees);
        compilation = compilation.WithOptions(((CSharpCompilationOptions)compilation.Options).WithConcurrentBuild(concurrent));
        return Describe(await RobustnessHarness.AnalyzeAsync(compilation, exceptions, concurrent));
    }

    private static IReadOnlyList<string> Describe(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(RobustnessHarness.Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
}
