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
/// The test that proves the package is alive: pack it, install it in a fresh project from a private feed, and
/// watch the SDK's own compiler report AL0002 and <c>dotnet format</c> fix it. A package built against a Roslyn newer
/// than the SDK's would load nothing, and only this test would notice.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageEndToEndTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

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

    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-e2e-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // Leave the folder behind rather than fail the run over a temp file.
        }
    }

    [Fact]
    public async Task Package_InstalledInFreshProject_ReportsAndFixesAL0002()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;

        // A version of its own, and a package folder of its own: NuGet ignores a re-pack of a version it has cached.
        var version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        var pack = await Dotnet(
            $"pack \"{RepositoryPaths.Combine("src", "AsyncLessons.Package", "AsyncLessons.Package.csproj")}\" -c Release -o \"{feed}\" -p:Version={version} --artifacts-path \"{Path.Combine(_work, "artifacts")}\"",
            RepositoryPaths.Root);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var nupkg = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal($"AsyncLessons.{version}.nupkg", Path.GetFileName(nupkg));
        AssertPackageShape(nupkg);

        File.WriteAllText(Path.Combine(consumer, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_work, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="e2e" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AsyncLessons" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        var program = Path.Combine(consumer, "Program.cs");
        File.WriteAllText(program, ConsumerProgram);

        // 1. A plain build reports AL0002 as a warning at Program.cs line 8, column 9.
        var build = await Dotnet("build -nologo", consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(@"Program\.cs\(8,9\): warning AL0002:"), build.Output);

        // 2. With -warnaserror the same diagnostic fails the build.
        var strict = await Dotnet("build -nologo --no-incremental -warnaserror", consumer);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Matches(new Regex(@"Program\.cs\(8,9\): error AL0002:"), strict.Output);

        // 3. dotnet format applies the package's code fix.
        var format = await Dotnet("format analyzers --diagnostics AL0002 --severity info", consumer);
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = File.ReadAllText(program);
        Assert.Contains("await Task.Delay(10);", fixedProgram);
        Assert.DoesNotContain("Thread.Sleep", fixedProgram);

        // 4. The rebuilt project is clean.
        var rebuild = await Dotnet("build -nologo --no-incremental -warnaserror", consumer);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.DoesNotContain("AL0002", rebuild.Output);
    }

    private static void AssertPackageShape(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/cs/AsyncLessons.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/AsyncLessons.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal("AsyncLessons", Value("id"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("tags")));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license"));
        Assert.NotNull(metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository"));
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    private static Task<ProcessRunner.Result> Dotnet(string arguments, string workingDirectory) =>
        ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, StepTimeout);
}
