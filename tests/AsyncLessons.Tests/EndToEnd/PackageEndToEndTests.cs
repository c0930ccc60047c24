using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// The test that proves the package is alive: install the packed package in a fresh project from a private feed,
/// and watch the SDK's own compiler report AL0002 and <c>dotnet format</c> fix it. A package built against a Roslyn
/// newer than the SDK's would load nothing, and only this test would notice.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class PackageEndToEndTests : IDisposable
{
    private const string ConsumerProgram = """
        using System.Threading;
        using System.Threading.Tasks;

        public static class Program
        {
            public static async Task Main()
            {
                Thread.Sleep(10);
                await Task.Yield();
            }
        }
        """;

    private readonly PackedPackageFixture _package;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-e2e-" + Guid.NewGuid().ToString("N"));

    public PackageEndToEndTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    [Fact]
    public void Package_Packed_HasAnalyzersOnlyAndItsMetadata()
    {
        _package.AssertPacked();
        Assert.Equal(_package.Nupkg, Assert.Single(Directory.GetFiles(_package.Feed, "*.nupkg")));

        using var zip = ZipFile.OpenRead(_package.Nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/cs/AsyncLessons.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AsyncLessons.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        foreach (var file in new[] { "AsyncLessons.props", "AsyncLessons.targets" })
        {
            Assert.Contains("build/" + file, entries);
            Assert.Contains("buildTransitive/" + file, entries);
        }

        Assert.Contains("buildTransitive/AsyncLessons.All.globalconfig", entries);
        Assert.Contains("buildTransitive/AsyncLessons.None.globalconfig", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("AsyncLessons", Value("id"));
        Assert.Equal(_package.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("tags")));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license"));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Package_Packed_HasItsOwnReadme_WithOnlyAbsoluteLinks_ToEveryRulePage()
    {
        _package.AssertPacked();
        using var zip = ZipFile.OpenRead(_package.Nupkg);
        Assert.Equal("README.md", NuspecValue(zip, "readme"));
        var entry = zip.GetEntry("README.md");
        Assert.NotNull(entry);
        using var reader = new StreamReader(entry!.Open());
        var readme = reader.ReadToEnd();
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("src", "AsyncLessons.Package", "README.md")), readme);

        // A package page resolves no link relative to the repository: every target is absolute, or an anchor.
        var targets = Regex.Matches(readme, @"!?\[[^\]]*\]\(\s*<?([^)\s>]+)")
            .Concat(Regex.Matches(readme, @"^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$", RegexOptions.Multiline))
            .Concat(Regex.Matches(readme, @"(?:href|src)\s*=\s*[""']([^""']+)[""']", RegexOptions.IgnoreCase))
            .Select(m => m.Groups[1].Value)
            .ToArray();
        Assert.NotEmpty(targets);
        var relative = targets.Where(t => !t.StartsWith("https://", StringComparison.Ordinal) && !t.StartsWith("http://", StringComparison.Ordinal) && !t.StartsWith('#')).ToArray();
        Assert.True(relative.Length == 0, "relative links: " + string.Join(", ", relative));

        // Each rule links to the page its diagnostics' help link opens.
        foreach (var descriptor in RuleCatalogTests.Descriptors)
        {
            Assert.Contains($"[{descriptor.Id}]({RuleIds.HelpLink(descriptor.Id)})", readme, StringComparison.Ordinal);
            Assert.Contains($"// {descriptor.Id}:", readme, StringComparison.Ordinal);
        }

        Assert.Contains("<AsyncLessonsMode>", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet add package AsyncLessons", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_Packed_ReleaseNotesAreTheUnshippedRelease()
    {
        _package.AssertPacked();
        using var zip = ZipFile.OpenRead(_package.Nupkg);
        var notes = NuspecValue(zip, "releaseNotes");
        Assert.False(string.IsNullOrWhiteSpace(notes));
        var rows = File.ReadAllLines(RepositoryPaths.Combine("src", "AsyncLessons.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Where(l => l.StartsWith("AL", StringComparison.Ordinal))
            .ToArray();
        Assert.Equal(RuleCatalogTests.Descriptors.Count(), rows.Length);
        var noteLines = notes!.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.All(rows, row => Assert.Contains(row, noteLines));
        Assert.DoesNotContain(noteLines, l => l.StartsWith(';'));
    }

    private static string? NuspecValue(ZipArchive zip, string name)
    {
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
    }

    [Fact]
    public async Task Package_InstalledInFreshProject_ReportsAndFixesAL0002()
    {
        _package.AssertPacked();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        _package.WriteConsoleConsumer(consumer);
        var program = Path.Combine(consumer, "Program.cs");
        await File.WriteAllTextAsync(program, ConsumerProgram);

        // 1. A plain build reports AL0002 as a warning at Program.cs line 8, column 9.
        var build = await PackedPackageFixture.Dotnet("build -nologo", consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(@"Program\.cs\(8,9\): warning AL0002:"), build.Output);

        // 2. With -warnaserror the same diagnostic fails the build.
        var strict = await PackedPackageFixture.Dotnet("build -nologo --no-incremental -warnaserror", consumer);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Matches(new Regex(@"Program\.cs\(8,9\): error AL0002:"), strict.Output);

        // 3. dotnet format applies the package's code fix.
        var format = await PackedPackageFixture.Dotnet("format analyzers --diagnostics AL0002 --severity info", consumer);
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = await File.ReadAllTextAsync(program);
        Assert.Contains("await Task.Delay(10);", fixedProgram);
        Assert.DoesNotContain("Thread.Sleep", fixedProgram);

        // 4. The rebuilt project is clean.
        var rebuild = await PackedPackageFixture.Dotnet("build -nologo --no-incremental -warnaserror", consumer);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("AL0002", rebuild.Output);
    }
}
