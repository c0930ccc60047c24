using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace AsyncLessons.Tests.Robustness;

/// <summary>
/// Fix safety: on the generated corpus, every code action offered for every diagnostic of a rule, and Fix All for the
/// rule, leave the project with no compiler error it did not have before.
/// </summary>
[Trait("Category", RobustnessHarness.Category)]
public class FixSafetyTests
{
    /// <summary>Single fixes tried per rule (each one compiles the corpus again); Fix All covers the rest.</summary>
    private const int SingleFixesPerRule = 2;

    private static readonly Lazy<Task<CorpusAnalysis>> LazyCorpus = new(CorpusAnalysis.CreateAsync);

    public static TheoryData<string> RuleIdsData() => RuleCatalogTests.RuleIdsData();

    [Fact]
    public async Task Corpus_CompilesWithoutErrors()
    {
        var corpus = await LazyCorpus.Value;
        Assert.Empty(corpus.Errors);
        Assert.Empty(corpus.AnalyzerExceptions);
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public async Task Corpus_HasTheRulesMistake(string id)
    {
        var corpus = await LazyCorpus.Value;
        if (!AsyncCorpus.MistakeRuleIds.Contains(id))
        {
            return; // a rule the generator does not know yet: add its mistake to AsyncCorpus
        }

        Assert.True(
            corpus.Diagnostics.Any(d => d.Id == id),
            $"The generated corpus holds {id}'s mistake (module {AsyncCorpus.MistakeRuleIds.ToList().IndexOf(id)}), but {id} did not fire on it: update the mistake's shape in AsyncCorpus or the analyzer.");
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public async Task EveryOfferedFix_IntroducesNoCompilerError(string id)
    {
        var corpus = await LazyCorpus.Value;
        var failures = new List<string>();
        foreach (var diagnostic in corpus.Diagnostics.Where(d => d.Id == id).Take(SingleFixesPerRule))
        {
            var document = corpus.Project.GetDocument(diagnostic.Location.SourceTree)!;
            foreach (var fixer in RobustnessHarness.FixersFor(id))
            {
                foreach (var action in await RobustnessHarness.GetActionsAsync(fixer, document, diagnostic))
                {
                    var changed = await RobustnessHarness.ApplyAsync(action, corpus.Project.Solution);
                    if (changed is null)
                    {
                        continue;
                    }

                    // A single fix is checked where it edited (declarations everywhere); Fix All below compiles everything.
                    var errors = await RobustnessHarness.ErrorsAsync(changed.GetProject(corpus.Project.Id)!, RobustnessHarness.ChangedDocuments(changed, corpus.Project.Solution));
                    var added = errors.Except(corpus.Errors).ToList();
                    if (added.Count > 0)
                    {
                        failures.Add($"'{action.Title}' ({fixer.GetType().Name}) on {diagnostic.Location.GetLineSpan()} added: {string.Join("; ", added)}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public async Task FixAll_IntroducesNoCompilerError(string id)
    {
        var corpus = await LazyCorpus.Value;
        var diagnostics = corpus.Diagnostics.Where(d => d.Id == id).ToImmutableArray();
        var failures = new List<string>();
        foreach (var fixer in RobustnessHarness.FixersFor(id))
        {
            var provider = fixer.GetFixAllProvider();
            if (provider is null || diagnostics.IsEmpty)
            {
                continue;
            }

            // One Fix All per kind of fix: the equivalence keys the fixer offers on this rule's diagnostics.
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var diagnostic in diagnostics)
            {
                foreach (var action in await RobustnessHarness.GetActionsAsync(fixer, corpus.Project.GetDocument(diagnostic.Location.SourceTree)!, diagnostic))
                {
                    keys.Add(action.EquivalenceKey ?? string.Empty);
                }
            }

            foreach (var key in keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var context = new FixAllContext(
                    corpus.Project, fixer, FixAllScope.Project, key, new[] { id },
                    new RobustnessHarness.FixedDiagnosticProvider(diagnostics), CancellationToken.None);
                var action = await provider.GetFixAsync(context);
                if (action is null)
                {
                    continue;
                }

                var changed = await RobustnessHarness.ApplyAsync(action, corpus.Project.Solution);
                if (changed is null)
                {
                    continue;
                }

                var errors = await RobustnessHarness.ErrorsAsync(changed.GetProject(corpus.Project.Id)!);
                var added = errors.Except(corpus.Errors).ToList();
                if (added.Count > 0)
                {
                    failures.Add($"Fix All '{key}' ({fixer.GetType().Name}) added: {string.Join("; ", added)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The corpus as a workspace project, its compiler errors and the AsyncLessons diagnostics on it (computed once).</summary>
    private sealed record CorpusAnalysis(Project Project, IReadOnlyList<string> Errors, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> AnalyzerExceptions)
    {
        public static async Task<CorpusAnalysis> CreateAsync()
        {
            var project = RobustnessHarness.CreateProject(RobustnessHarness.Corpus.Select(f => (f.Name, f.Text)));
            var compilation = (await project.GetCompilationAsync())!;
            var exceptions = new ConcurrentBag<string>();
            var diagnostics = await RobustnessHarness.AnalyzeAsync(compilation, exceptions, concurrent: true);
            return new CorpusAnalysis(project, await RobustnessHarness.ErrorsAsync(project), diagnostics, exceptions.ToList());
        }
    }
}
