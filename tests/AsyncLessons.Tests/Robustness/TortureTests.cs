using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
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
            fixesAsked += await AnalyzeAndFixAsync(label, text, RobustnessHarness.Empty.References, exceptions, failures);
        }

        Assert.True(exceptions.IsEmpty && failures.Count == 0, string.Join(Environment.NewLine, exceptions.Concat(failures).Take(20)));
        Assert.True(fixesAsked > 0, "No variant had a fixable diagnostic: the torture would not reach the code fixes.");
    }

    [Fact]
    public async Task DroppedReferences_AnalyzersAndFixesNeverThrow()
    {
        var random = new Random(77);
        var all = TestReferences.Net;
        var systemRuntime = all.Where(r => r.Display?.EndsWith("System.Runtime.dll", StringComparison.OrdinalIgnoreCase) == true).ToArray();
        var exceptions = new ConcurrentBag<string>();
        var failures = new List<string>();
        var seeds = RobustnessHarness.Seeds;
        for (var i = 0; i < VariantsPerMutation; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            IEnumerable<MetadataReference> references = (i % 3) switch
            {
                0 => Array.Empty<MetadataReference>(),
                1 => systemRuntime,
                _ => all.Where(_ => random.Next(2) == 0).ToArray(),
            };
            await AnalyzeAndFixAsync($"references set {i % 3} #{i} of {seed.Name}", seed.Text, references, exceptions, failures);
        }

        Assert.True(exceptions.IsEmpty && failures.Count == 0, string.Join(Environment.NewLine, exceptions.Concat(failures).Take(20)));
    }

    /// <summary>Analyzes one variant and asks every fixer to fix what was found; returns how many fixes were asked for.</summary>
    private static async Task<int> AnalyzeAndFixAsync(string label, string text, IEnumerable<MetadataReference> references, ConcurrentBag<string> exceptions, List<string> failures)
    {
        var referenceList = references as IReadOnlyCollection<MetadataReference> ?? references.ToArray();
        var tree = RobustnessHarness.Parse(text);
        var compilation = ReferenceEquals(referenceList, RobustnessHarness.Empty.References)
            ? RobustnessHarness.Empty.AddSyntaxTrees(tree)
            : RobustnessHarness.Empty.WithReferences(referenceList).AddSyntaxTrees(tree);
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
        if (fixable.Count == 0)
        {
            return 0;
        }

        // Fixers need a document: the same text in a workspace, its diagnostics mapped onto the document's tree.
        var project = RobustnessHarness.CreateProject(new[] { ("Test.cs", text) }, referenceList);
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
