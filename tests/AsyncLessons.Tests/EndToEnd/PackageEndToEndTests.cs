using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
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

    /// <summary>Where the package is packed and the tests run: the only place its ahead-of-time image is made and used.</summary>
    private static bool OnLinuxX64 => OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64;

    [Fact]
    public void Package_PackedOnLinuxX64_HoldsTheAnalyzersCompiledAheadOfTime_WithTheSameMetadata()
    {
        _package.AssertPacked();
        using var zip = ZipFile.OpenRead(_package.Nupkg);
        var image = zip.GetEntry("r2r/linux-x64/AsyncLessons.Analyzers.dll");
        Assert.Equal(OnLinuxX64, image is not null);
        if (image is null)
        {
            return;
        }

        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("r2r/", StringComparison.Ordinal) && e.FullName != image.FullName);
        var il = Read(zip.GetEntry("analyzers/dotnet/cs/AsyncLessons.Analyzers.dll")!);
        var r2r = Read(image);

        // The IL assembly has no native code; the image has a ReadyToRun header for Linux x64 (the machine field of
        // a ReadyToRun image is the architecture's, xor a value per operating system: 0x7B79 for Linux).
        Assert.Equal(0, il.Headers.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.NotEqual(0, r2r.Headers.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.Equal((ushort)(0x8664 ^ 0x7B79), (ushort)r2r.Headers.CoffHeader.Machine);

        // The same assembly: name, version, module version id and every type.
        Assert.Equal(il.Name, r2r.Name);
        Assert.Equal(il.Mvid, r2r.Mvid);
        Assert.Equal(il.Types, r2r.Types);
        Assert.Contains("AsyncLessons.Rules.ThreadSleepInAsyncAnalyzer", r2r.Types);

        static (PEHeaders Headers, string Name, Guid Mvid, string[] Types) Read(ZipArchiveEntry entry)
        {
            using var stream = entry.Open();
            var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            using var pe = new PEReader(new MemoryStream(bytes.ToArray()));
            var md = pe.GetMetadataReader();
            var types = md.TypeDefinitions.Select(t => md.GetTypeDefinition(t))
                .Select(t => md.GetString(t.Namespace) + "." + md.GetString(t.Name)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            return (pe.PEHeaders, md.GetAssemblyDefinition().GetAssemblyName().FullName, md.GetGuid(md.GetModuleDefinition().Mvid), types);
        }
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

    [Fact]
    public async Task Package_InstalledOnLinuxX64_TheCompilerGetsTheAheadOfTimeImage_UnlessTurnedOff_AndReportsTheSame()
    {
        _package.AssertPacked();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        _package.WriteConsoleConsumer(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

        // Normal verbosity prints the compiler's command line: which analyzer assemblies it was given.
        var image = await PackedPackageFixture.Dotnet("build -nologo -v:n", consumer);
        var il = await PackedPackageFixture.Dotnet("build -nologo -v:n --no-incremental -p:AsyncLessonsReadyToRun=false", consumer);
        Assert.True(image.ExitCode == 0, image.ToString());
        Assert.True(il.ExitCode == 0, il.ToString());

        var ilAnalyzer = new Regex(@"/analyzer:\S*/analyzers/dotnet/cs/AsyncLessons\.Analyzers\.dll");
        var r2rAnalyzer = new Regex(@"/analyzer:\S*/r2r/linux-x64/AsyncLessons\.Analyzers\.dll");
        var codeFixes = new Regex(@"/analyzer:\S*/analyzers/dotnet/cs/AsyncLessons\.CodeFixes\.dll");
        Assert.Equal(OnLinuxX64, r2rAnalyzer.IsMatch(image.Output));
        Assert.Equal(!OnLinuxX64, ilAnalyzer.IsMatch(image.Output));
        Assert.Matches(ilAnalyzer, il.Output);
        Assert.DoesNotMatch(r2rAnalyzer, il.Output);
        Assert.Matches(codeFixes, image.Output);
        Assert.Matches(codeFixes, il.Output);

        // Both report the same diagnostics.
        static string[] Warnings(string output) =>
            Regex.Matches(output, @"Program\.cs\(\d+,\d+\): warning AL\d{4}:[^\[\r\n]*").Select(m => m.Value.Trim()).Distinct().OrderBy(w => w, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(Warnings(image.Output));
        Assert.Equal(Warnings(il.Output), Warnings(image.Output));
    }
}
