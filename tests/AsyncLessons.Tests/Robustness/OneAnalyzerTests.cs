using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// The package exports one analyzer for every rule (<see cref="AsyncLessonsAnalyzer"/>), and the rule tests run each
/// rule alone: the two must report the same diagnostics, to the location and message, on every source the tests have.
/// </summary>
[Trait("Category", RobustnessHarness.Category)]
public class OneAnalyzerTests
{
    private const int SeedsPerCompilation = 100;

    [Fact]
    public async Task ExportedAnalyzer_ReportsWhatTheRulesReportAlone_OnTheCorpusAndSamples()
    {
        var trees = RobustnessHarness.Corpus.Select(f => RobustnessHarness.Parse(f.Text, f.Name))
            .Concat(RobustnessHarness.Seeds.Where(s => s.Name.StartsWith("samples", StringComparison.Ordinal)).Select(s => RobustnessHarness.Parse(s.Text, s.Name)));
        var (exported, alone) = await BothAsync(RobustnessHarness.Compile(trees));
        foreach (var rule in RuleCatalogTests.Rules)
        {
            var id = rule.SupportedDiagnostics[0].Id;
            Assert.True(exported.Any(d => d.StartsWith(id, StringComparison.Ordinal)), $"{id} reports nothing on the corpus and samples: the comparison would prove little.");
        }

        Assert.Equal(alone, exported);
    }

    [Fact]
    public async Task ExportedAnalyzer_ReportsWhatTheRulesReportAlone_OnTheRuleTestSources()
    {
        // The rule tests' sources, a hundred to a compilation: their duplicate type names are errors that both
        // configurations see alike.
        var seeds = RobustnessHarness.Seeds.Where(s => !s.Name.StartsWith("samples", StringComparison.Ordinal)).ToList();
        Assert.True(seeds.Count > SeedsPerCompilation);
        var reported = 0;
        for (var start = 0; start < seeds.Count; start += SeedsPerCompilation)
        {
            var trees = seeds.Skip(start).Take(SeedsPerCompilation).Select((s, i) => RobustnessHarness.Parse(s.Text, $"/seed{start + i}.cs"));
            var (exported, alone) = await BothAsync(RobustnessHarness.Compile(trees));
            Assert.Equal(alone, exported);
            reported += exported.Count;
        }

        Assert.True(reported > 0);
    }

    private static async Task<(IReadOnlyList<string> Exported, IReadOnlyList<string> Alone)> BothAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentBag<string>();
        var exported = await RobustnessHarness.AnalyzeAsync(compilation, exceptions, analyzers: ImmutableArray.Create<DiagnosticAnalyzer>(new AsyncLessonsAnalyzer()));
        var alone = await RobustnessHarness.AnalyzeAsync(compilation, exceptions, analyzers: RuleCatalogTests.Rules.ToImmutableArray());
        Assert.Empty(exceptions);
        return (Describe(exported), Describe(alone));
    }

    private static IReadOnlyList<string> Describe(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} {string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value))}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
}
