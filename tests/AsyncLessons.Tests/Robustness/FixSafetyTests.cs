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
/// rule, leave the project with no compiler error it did not have before, and Fix All keeps every comment and blank line.
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
        var failures = new List<string>();
        foreach (var (name, changed) in await FixAllPerKindAsync(corpus, id))
        {
            var errors = await RobustnessHarness.ErrorsAsync(changed.GetProject(corpus.Project.Id)!);
            var added = errors.Except(corpus.Errors).ToList();
            if (added.Count > 0)
            {
                failures.Add($"{name} added: {string.Join("; ", added)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Fixes keep the user's comments and layout: every comment of a document Fix All changed is still in it afterwards
    /// (the corpus marks each mistake with a trailing <c>// planted: ALxxxx</c> comment on the very line the fixes
    /// rewrite), and no blank line is lost.
    /// </summary>
    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public async Task FixAll_KeepsCommentsAndBlankLines(string id)
    {
        var corpus = await LazyCorpus.Value;
        var failures = new List<string>();
        foreach (var (name, changed) in await FixAllPerKindAsync(corpus, id))
        {
            var changedDocuments = RobustnessHarness.ChangedDocuments(changed, corpus.Project.Solution);
            Assert.NotEmpty(changedDocuments);
            foreach (var documentId in changedDocuments)
            {
                var before = Comments(await corpus.Project.Solution.GetDocument(documentId)!.GetSyntaxRootAsync());
                Assert.Contains(before, c => c.StartsWith(AsyncCorpus.PlantedMarker.Trim(), StringComparison.Ordinal));
                var after = Comments(await changed.GetDocument(documentId)!.GetSyntaxRootAsync());
                var blankBefore = BlankLines(await corpus.Project.Solution.GetDocument(documentId)!.GetTextAsync());
                var blankAfter = BlankLines(await changed.GetDocument(documentId)!.GetTextAsync());
                if (blankAfter < blankBefore)
                {
                    failures.Add($"{name} removed {blankBefore - blankAfter} blank line(s) in {changed.GetDocument(documentId)!.Name}");
                }

                foreach (var comment in before.Distinct(StringComparer.Ordinal))
                {
                    var lost = before.Count(c => c == comment) - after.Count(c => c == comment);
                    if (lost > 0)
                    {
                        failures.Add($"{name} lost {lost} × '{comment}' in {changed.GetDocument(documentId)!.Name}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static int BlankLines(Microsoft.CodeAnalysis.Text.SourceText text) =>
        text.Lines.Count(line => string.IsNullOrWhiteSpace(line.ToString()));

    private static List<string> Comments(SyntaxNode? root) =>
        root is null
            ? new List<string>()
            : root.DescendantTrivia(descendIntoTrivia: true)
                .Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SingleLineCommentTrivia) || t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.MultiLineCommentTrivia))
                .Select(t => t.ToString().Trim())
                .ToList();

    /// <summary>Fix All over the project for each kind of fix (equivalence key) the rule's fixers offer on the corpus.</summary>
    private static async Task<List<(string Name, Solution Changed)>> FixAllPerKindAsync(CorpusAnalysis corpus, string id)
    {
        var diagnostics = corpus.Diagnostics.Where(d => d.Id == id).ToImmutableArray();
        var results = new List<(string, Solution)>();
        foreach (var fixer in RobustnessHarness.FixersFor(id))
        {
            var provider = fixer.GetFixAllProvider();
            if (provider is null || diagnostics.IsEmpty)
            {
                continue;
            }

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
                if (action is not null && await RobustnessHarness.ApplyAsync(action, corpus.Project.Solution) is { } changed)
                {
                    results.Add(($"Fix All '{key}' ({fixer.GetType().Name})", changed));
                }
            }
        }

        return results;
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
