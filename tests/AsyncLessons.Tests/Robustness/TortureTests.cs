using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// Torture: every source of the samples and the rule tests, mutated many ways with fixed seeds, analyzed by every
/// AsyncLessons analyzer (no AD0001), with every code fix provider asked to fix every diagnostic found (no exception).
/// The variant count is fixed, so the run stays short as rules and tests are added.
/// </summary>
[Trait("Category", RobustnessHarness.Category)]
public class TortureTests
{
    /// <summary>Variants per mutation kind (and per reference set); a few thousand in all.</summary>
    private const int VariantsPerMutation = 400;

    /// <summary>Variants per test whose diagnostics are handed to the fixers (fixing costs far more than analyzing).</summary>
    private const int FixedVariantsPerTest = 50;

    /// <summary>Reference sets for the dropped-references test: none, System.Runtime alone, and random halves.</summary>
    private static readonly Lazy<IReadOnlyList<CSharpCompilation>> LazyReducedReferenceBases = new(() =>
    {
        var random = new Random(77);
        var all = TestReferences.Net;
        var sets = new List<IEnumerable<MetadataReference>>
        {
            Array.Empty<MetadataReference>(),
            all.Where(r => r.Display?.EndsWith("System.Runtime.dll", StringComparison.OrdinalIgnoreCase) == true).ToArray(),
        };
        for (var i = 0; i < 4; i++)
        {
            sets.Add(all.Where(_ => random.Next(2) == 0).ToArray());
        }

        return sets.Select(set => RobustnessHarness.Empty.WithReferences(set)).ToList();
    });

    public static TheoryData<string> MutationData()
    {
        var data = new TheoryData<string>();
        foreach (var mutation in SourceMutator.All)
        {
            data.Add(mutation.ToString());
        }

        return data;
    }

    [Fact]
    public void Seeds_IncludeSamplesRuleTestsAndCorpus()
    {
        var seeds = RobustnessHarness.Seeds;
        Assert.Contains(seeds, s => s.Name.StartsWith("samples", StringComparison.Ordinal));
        Assert.Contains(seeds, s => s.Name.Contains('#', StringComparison.Ordinal));
        Assert.Contains(seeds, s => s.Name.StartsWith("corpus/", StringComparison.Ordinal));
        Assert.DoesNotContain(seeds, s => s.Text.Contains("[|", StringComparison.Ordinal) || s.Text.Contains("{|", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MutationData))]
    public async Task MutatedSources_AnalyzersAndFixesNeverThrow(string mutationName)
    {
        var mutation = Enum.Parse<Mutation>(mutationName);
        var random = new Random(1000 + (int)mutation);
        var seeds = RobustnessHarness.Seeds;
        var exceptions = new ConcurrentBag<string>();
        var failures = new List<string>();
        var fixesAsked = 0;
        for (var i = 0; i < VariantsPerMutation; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var text = seed.Text;
            var steps = 1 + random.Next(3);
            for (var step = 0; step < steps; step++)
            {
                text = SourceMutator.Apply(mutation, text, random);
            }

            var label = $"{mutation} #{i} of {seed.Name}";
            fixesAsked += await AnalyzeAndFixAsync(label, text, RobustnessHarness.Empty, fixesAsked < FixedVariantsPerTest, exceptions, failures) > 0 ? 1 : 0;
        }

        Assert.True(exceptions.IsEmpty && failures.Count == 0, string.Join(Environment.NewLine, exceptions.Concat(failures).Take(20)));
        Assert.True(fixesAsked > 0, "No variant had a fixable diagnostic: the torture would not reach the code fixes.");
    }

    [Fact]
    public async Task DroppedReferences_AnalyzersAndFixesNeverThrow()
    {
        var random = new Random(78);
        var bases = LazyReducedReferenceBases.Value;
        var exceptions = new ConcurrentBag<string>();
        var failures = new List<string>();
        var seeds = RobustnessHarness.Seeds;
        var fixedVariants = 0;
        for (var i = 0; i < VariantsPerMutation; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var set = i % bases.Count;
            fixedVariants += await AnalyzeAndFixAsync($"reference set {set} #{i} of {seed.Name}", seed.Text, bases[set], fixedVariants < FixedVariantsPerTest, exceptions, failures) > 0 ? 1 : 0;
        }

        Assert.True(exceptions.IsEmpty && failures.Count == 0, string.Join(Environment.NewLine, exceptions.Concat(failures).Take(20)));
    }

    /// <summary>Analyzes one variant and asks every fixer to fix what was found; returns how many fixes were asked for.</summary>
    private static async Task<int> AnalyzeAndFixAsync(string label, string text, CSharpCompilation empty, bool fix, ConcurrentBag<string> exceptions, List<string> failures)
    {
        var tree = RobustnessHarness.Parse(text);
        var compilation = empty.AddSyntaxTrees(tree);
        var before = exceptions.Count;
        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await RobustnessHarness.AnalyzeAsync(compilation, exceptions);
        }
        catch (Exception exception)
        {
            failures.Add($"{label}: analysis threw {exception}");
            return 0;
        }

        if (exceptions.Count != before)
        {
            exceptions.Add($"  in {label}:{Environment.NewLine}{text}");
            return 0;
        }

        var fixable = diagnostics.Concat(compilation.GetDiagnostics())
            .Where(d => d.Location.IsInSource && RobustnessHarness.FixableIds.Contains(d.Id))
            .ToList();
        if (fixable.Count == 0 || !fix)
        {
            return 0;
        }

        // Fixers need a document: the same text in a workspace, its diagnostics mapped onto the document's tree.
        var project = RobustnessHarness.CreateProject(new[] { ("Test.cs", text) }, empty.References);
        var document = project.Documents.Single();
        var documentTree = (await document.GetSyntaxTreeAsync())!;
        foreach (var diagnostic in fixable)
        {
            var mapped = Diagnostic.Create(diagnostic.Descriptor, Location.Create(documentTree, diagnostic.Location.SourceSpan), diagnostic.Properties);
            foreach (var fixer in RobustnessHarness.FixersFor(diagnostic.Id))
            {
                try
                {
                    foreach (var action in await RobustnessHarness.GetActionsAsync(fixer, document, mapped))
                    {
                        await RobustnessHarness.ApplyAsync(action, project.Solution);
                    }
                }
                catch (Exception exception)
                {
                    failures.Add($"{label}: {fixer.GetType().Name} threw on {diagnostic.Id} at {diagnostic.Location.SourceSpan}: {exception}{Environment.NewLine}{text}");
                }
            }
        }

        return fixable.Count;
    }
}
