using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Samples;

/// <summary>
/// The round trip as a user runs it: a copy of the mistakes gallery, with the packed package instead of the in-repo
/// projects, through <c>dotnet format analyzers</c> and back through the compiler. The list of rules comes from the
/// analyzers and fixers themselves, so it grows as rules land.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class GalleryRoundTripTests : IDisposable
{
    private readonly PackedPackageFixture _package;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-gallery-" + Guid.NewGuid().ToString("N"));

    public GalleryRoundTripTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    /// <summary>The rules with a code fix: every descriptor id that some exported fixer names.</summary>
    public static string[] FixableRuleIds() =>
        RuleCatalogTests.Descriptors
            .Select(d => d.Id)
            .Where(id => RuleCatalogTests.CodeFixes.Any(fix => fix.FixableDiagnosticIds.Contains(id)))
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public async Task Gallery_FormattedWithThePackedPackage_CompilesAndFixableRulesNoLongerFire()
    {
        _package.AssertPacked();
        var fixable = FixableRuleIds();
        Assert.NotEmpty(fixable);
        var gallery = CopyGallery();

        // 1. As copied, the package's analyzers report every rule (the copy is a faithful one), and every rule with a
        //    fix has at least one diagnostic that the fix is expected to remove.
        var before = await PackedPackageFixture.Dotnet("build -nologo", gallery);
        Assert.True(before.ExitCode == 0, before.ToString());
        var reported = Findings(before.Output);
        foreach (var descriptor in RuleCatalogTests.Descriptors)
        {
            Assert.True(reported.Any(d => d.Id == descriptor.Id), $"{descriptor.Id} does not fire in the copied gallery:\n{before.Output}");
        }

        foreach (var id in fixable)
        {
            Assert.True(reported.Any(d => d.Id == id && !d.MarkedNoCodeFix), $"Every {id} entry of the gallery is marked 'no code fix': the round trip would not exercise its fix.");
        }

        // 2. dotnet format applies the package's fixes, the way the README tells a user to: one run, which applies each
        //    rule's recommended fix to every diagnostic it can fix, whichever diagnostic it meets first.
        var originals = Snapshot(gallery);
        var format = await PackedPackageFixture.Dotnet($"format analyzers --diagnostics {string.Join(" ", fixable)} --severity info", gallery);
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);
        Assert.False(SameFiles(originals, Snapshot(gallery)), "dotnet format changed nothing in the gallery.");
        var after = await PackedPackageFixture.Dotnet("build -nologo --no-incremental", gallery);

        // 3. The fixed gallery compiles, and no rule that has a fix fires any more, except where the gallery says
        //    that its fixer declines on purpose.
        Assert.True(after.ExitCode == 0, after.ToString());
        var stillFiring = Findings(after.Output).Where(d => fixable.Contains(d.Id) && !d.MarkedNoCodeFix).ToArray();
        Assert.True(
            stillFiring.Length == 0,
            $"Still reported after one run of dotnet format:\n{string.Join("\n", stillFiring)}\n\n{after.Output}\n{Changes(originals)}");
    }

    /// <summary>
    /// The AsyncLessons diagnostics in a build's output, each with whether the gallery marks it as one its fixer
    /// declines on purpose: the words "no code fix" in the comment lines right above the reported line, or on it.
    /// </summary>
    private static IReadOnlyList<Finding> Findings(string buildOutput) =>
        Regex.Matches(buildOutput, @"^\s*(?<file>.+?\.cs)\((?<line>\d+),(?<column>\d+)\): (?:warning|error) (?<id>AL\d{4}):", RegexOptions.Multiline)
            .Select(m => (File: m.Groups["file"].Value, Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), Id: m.Groups["id"].Value))
            .Distinct()
            .Select(d => new Finding(d.Id, d.File, d.Line, MarkedNoCodeFix(d.File, d.Line)))
            .ToArray();

    private static bool MarkedNoCodeFix(string file, int line)
    {
        var lines = File.ReadAllLines(file);
        if (line < 1 || line > lines.Length)
        {
            return false;
        }

        if (lines[line - 1].Contains("no code fix", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        for (var i = line - 2; i >= 0 && lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal); i--)
        {
            if (lines[i].Contains("no code fix", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Copies the gallery's project and sources; next to them, what the repository gave it: the samples'
    /// .editorconfig (every rule a warning) and the package, from the private feed, in place of the project references.
    /// </summary>
    private string CopyGallery()
    {
        var source = RepositoryPaths.Combine("samples", "AsyncLessons.Mistakes");
        var gallery = Directory.CreateDirectory(Path.Combine(_work, "AsyncLessons.Mistakes")).FullName;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(gallery, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(
            Path.Combine(_work, ".editorconfig"),
            "root = true\n\n" + File.ReadAllText(RepositoryPaths.Combine("samples", ".editorconfig")));
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <LangVersion>latest</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AsyncLessons" />
              </ItemGroup>
            </Project>
            """);

        // The gallery's other packages (EF Core for the DbContext mistake) at the repository's versions, restored from
        // the packages this test project restored: no download.
        var versions = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(RepositoryPaths.Combine("Directory.Packages.props")),
                @"<PackageVersion Include=""(Microsoft\.EntityFrameworkCore)"" Version=""([^""]+)"" />")
            .Select(m => $"    <PackageVersion Include=\"{m.Groups[1].Value}\" Version=\"{m.Groups[2].Value}\" />");
        File.WriteAllText(Path.Combine(_work, "Directory.Packages.props"), $"""
            <Project>
              <ItemGroup>
                <PackageVersion Include="AsyncLessons" Version="{_package.Version}" />
            {string.Join("\n", versions)}
              </ItemGroup>
            </Project>
            """);
        _package.WriteNuGetConfigWithRestoredPackages(_work);
        return gallery;
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllText);

    private static bool SameFiles(Dictionary<string, string> before, Dictionary<string, string> after) =>
        before.Count == after.Count && before.All(file => after.TryGetValue(file.Key, out var text) && text == file.Value);

    private static string Changes(Dictionary<string, string> originals) =>
        string.Join("\n", originals.Select(file => $"--- {Path.GetFileName(file.Key)}\n{File.ReadAllText(file.Key)}"));

    private sealed record Finding(string Id, string File, int Line, bool MarkedNoCodeFix)
    {
        public override string ToString() => $"{Path.GetFileName(File)}({Line}): {Id}";
    }
}
