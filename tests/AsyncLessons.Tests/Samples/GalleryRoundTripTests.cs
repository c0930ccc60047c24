using System;
using System.Collections.Generic;
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

        // 1. As copied, the package's analyzers report every rule (the copy is a faithful one).
        var before = await PackedPackageFixture.Dotnet("build -nologo", gallery);
        Assert.True(before.ExitCode == 0, before.ToString());
        foreach (var descriptor in RuleCatalogTests.Descriptors)
        {
            Assert.True(Fires(before.Output, descriptor.Id), $"{descriptor.Id} does not fire in the copied gallery:\n{before.Output}");
        }

        // 2. dotnet format applies the package's fixes, the way the README tells a user to.
        var originals = Directory.GetFiles(gallery, "*.cs", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var format = await PackedPackageFixture.Dotnet($"format analyzers --diagnostics {string.Join(" ", fixable)} --severity info", gallery);
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.Contains(originals, file => File.ReadAllText(file.Key) != file.Value);

        // 3. The fixed gallery compiles, and no rule that has a fix fires any more.
        var after = await PackedPackageFixture.Dotnet("build -nologo --no-incremental", gallery);
        Assert.True(after.ExitCode == 0, after.ToString());
        var stillFiring = fixable.Where(id => Fires(after.Output, id)).ToArray();
        Assert.True(stillFiring.Length == 0, $"Still reported after dotnet format: {string.Join(", ", stillFiring)}\n{after.Output}\n{Changes(originals)}");
    }

    private static bool Fires(string buildOutput, string id) =>
        Regex.IsMatch(buildOutput, $@"\.cs\(\d+,\d+\): (warning|error) {id}:");

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
              </PropertyGroup>
              <ItemGroup>
                {_package.PackageReference}
              </ItemGroup>
            </Project>
            """);
        _package.WriteNuGetConfig(_work);
        return gallery;
    }

    private static string Changes(Dictionary<string, string> originals) =>
        string.Join("\n", originals.Select(file => $"--- {Path.GetFileName(file.Key)}\n{File.ReadAllText(file.Key)}"));
}
