using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AsyncLessons.CodeFixes.Rules;
using AsyncLessons.Rules;
using AsyncLessons.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AsyncLessons.Tests;

/// <summary>Keeps the descriptors, the rule pages, the README's rule table and the release notes in step.</summary>
public class RuleCatalogTests
{
    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } =
        typeof(ThreadSleepInAsyncAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

    /// <summary>Each rule as an analyzer of its own (the package exports them through <see cref="AsyncLessonsAnalyzer"/>).</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> Rules { get; } = new AsyncLessonsAnalyzer().Rules.ToArray();

    public static IReadOnlyList<CodeFixProvider> CodeFixes { get; } =
        typeof(ThreadSleepInAsyncCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToArray();

    public static IEnumerable<DiagnosticDescriptor> Descriptors =>
        Analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id).Select(g => g.First());

    public static TheoryData<string> RuleIdsData()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Id == id);

    [Fact]
    public void Catalog_HasAtLeastOneRule() => Assert.NotEmpty(Descriptors);

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_HasHelpLinkToItsRulePage(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Matches(new Regex("^AL[0-9]{4}$"), id);
        Assert.Equal(RuleIds.HelpLink(id), descriptor.HelpLinkUri);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_HasRulePageWithTheLessonSections(string id)
    {
        var page = RepositoryPaths.Combine("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## The lesson", "## Non-compliant code", "## Compliant code", "## When it does not fire", "## Configuration", "## Suppression" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_IsInReadmeRuleTableWithItsSeverity(string id)
    {
        var descriptor = Descriptor(id);
        var readme = File.ReadAllLines(RepositoryPaths.Combine("README.md"));
        var row = Assert.Single(readme, line => line.StartsWith($"| [{id}](docs/rules/{id}.md) |", StringComparison.Ordinal));
        Assert.Contains($"| {descriptor.Title} |", row, StringComparison.Ordinal);
        Assert.Contains($"| {descriptor.DefaultSeverity} |", row, StringComparison.Ordinal);
        var hasFix = CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));
        Assert.Contains(hasFix ? "| Yes |" : "| No |", row, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_IsInReleaseNotes(string id)
    {
        var folder = RepositoryPaths.Combine("src", "AsyncLessons.Analyzers");
        var lines = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")));
        Assert.Contains(lines, line => line.StartsWith(id + " ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_HasAnEntryInTheMistakesGallery(string id)
    {
        var gallery = RepositoryPaths.Combine("samples", "AsyncLessons.Mistakes");
        Assert.Contains(Directory.GetFiles(gallery, "*.cs", SearchOption.AllDirectories), file => File.ReadAllText(file).Contains(id, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_IsSetByEachAnalysisMode(string id)
    {
        Assert.Contains($"dotnet_diagnostic.{id}.severity = warning", AnalysisModeConfig("All"));
        Assert.Contains($"dotnet_diagnostic.{id}.severity = none", AnalysisModeConfig("None"));
    }

    [Theory]
    [InlineData("All")]
    [InlineData("None")]
    public void AnalysisModeConfig_IsAGlobalConfigBelowTheUsersOwn_AndNamesOnlyKnownRules(string mode)
    {
        var lines = AnalysisModeConfig(mode);
        Assert.Contains("is_global = true", lines);
        // Below a project's own .globalconfig (level 100 by its name, 0 otherwise), so the user's configs win.
        var level = int.Parse(Assert.Single(lines, l => l.StartsWith("global_level = ", StringComparison.Ordinal)).Substring("global_level = ".Length), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(level < 0, $"global_level {level}");
        var ids = Descriptors.Select(d => d.Id).ToHashSet();
        var named = lines.Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal)).Select(l => l.Split('.')[1]).ToArray();
        Assert.Equal(ids.Count, named.Length);
        Assert.All(named, n => Assert.Contains(n, ids));
    }

    private static string[] AnalysisModeConfig(string mode) =>
        File.ReadAllLines(RepositoryPaths.Combine("src", "AsyncLessons.Package", "buildTransitive", $"AsyncLessons.{mode}.globalconfig"));

    [Theory]
    [MemberData(nameof(RuleIdsData))]
    public void Descriptor_RulePageEndsWithItsSources(string id)
    {
        var page = RepositoryPaths.Combine("docs", "rules", id + ".md");
        var last = File.ReadAllLines(page).Last(line => line.Length > 0);
        Assert.StartsWith("Sources: ", last, StringComparison.Ordinal);
        var links = Regex.Matches(last, @"\[(?<text>[^\]]+)\]\((?<path>[^)]+)\)").Select(m => (Text: m.Groups["text"].Value, Path: m.Groups["path"].Value)).ToArray();
        var analyzer = Rules.Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType().Name;
        var fix = CodeFixes.Single(f => f.FixableDiagnosticIds.Contains(id)).GetType().Name;
        var tests = analyzer.Substring(0, analyzer.Length - "Analyzer".Length) + "Tests";
        Assert.Equal(
            new[]
            {
                ("analyzer", $"../../src/AsyncLessons.Analyzers/Rules/{analyzer}.cs"),
                ("code fix", $"../../src/AsyncLessons.CodeFixes/Rules/{fix}.cs"),
                ("tests", $"../../tests/AsyncLessons.Tests/Rules/{tests}.cs"),
            },
            links);
        foreach (var (_, path) in links)
        {
            var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
            Assert.True(File.Exists(file), $"{id}'s page links {path}, which does not exist");
        }

        // A test class split into parts (XTests.Fix.cs, ...) lists them after the link, so none is missed.
        var parts = Directory.GetFiles(RepositoryPaths.Combine("tests", "AsyncLessons.Tests", "Rules"), tests + ".*.cs")
            .Select(path => Path.GetFileName(path))
            .Select(name => name.Substring(tests.Length, name.Length - tests.Length - ".cs".Length))
            .OrderBy(part => part, StringComparer.Ordinal)
            .Select(part => "`" + part + "`")
            .ToArray();
        var listed = parts.Length == 0 ? string.Empty : " (with its parts " + string.Join(", ", parts) + ")";
        Assert.EndsWith($"{tests}.cs){listed}", last, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCodeFix_FixesKnownRules_AndSupportsFixAll()
    {
        var ids = Descriptors.Select(d => d.Id).ToHashSet();
        Assert.NotEmpty(CodeFixes);
        foreach (var fix in CodeFixes)
        {
            Assert.All(fix.FixableDiagnosticIds.Where(i => i.StartsWith("AL", StringComparison.Ordinal)), i => Assert.Contains(i, ids));
            Assert.NotNull(fix.GetFixAllProvider());
        }
    }
}
