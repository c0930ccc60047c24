using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// The gather lessons, proved on a real program: the packed analyzers report AL0001 and AL0007, <c>dotnet format</c>
/// applies their fixes, and the fixed program prints the same results in well under 60% of the time.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GatherEndToEndTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    // Three independent ~400 ms calls one after another (AL0001), then five ~200 ms items in a loop (AL0007).
    private const string ConsumerProgram = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;

        public static class Program
        {
            public static async Task Main()
            {
                var gather = Stopwatch.StartNew();
                var profile = await Backend.FetchAsync("profile", 400);
                var orders = await Backend.FetchAsync("orders", 400);
                var balance = await Backend.FetchAsync("balance", 400);
                var gatherMs = gather.ElapsedMilliseconds;
                Console.WriteLine($"RESULT {profile} {orders} {balance}");

                var loop = Stopwatch.StartNew();
                var items = new List<string>();
                foreach (var id in new[] { 1, 2, 3, 4, 5 })
                {
                    items.Add(await Backend.FetchItemAsync(id));
                }

                var loopMs = loop.ElapsedMilliseconds;
                Console.WriteLine($"RESULT {string.Join(",", items)}");
                Console.WriteLine($"TIME gather={gatherMs} loop={loopMs}");
            }
        }

        public static class Backend
        {
            public static async Task<string> FetchAsync(string what, int milliseconds)
            {
                await Task.Delay(milliseconds);
                return what;
            }

            public static async Task<string> FetchItemAsync(int id)
            {
                await Task.Delay(200);
                return "item" + id;
            }
        }
        """;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-gather-e2e-" + Guid.NewGuid().ToString("N"));

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
    public async Task Package_FixesAL0001AndAL0007_SameOutputInWellUnder60PercentOfTheTime()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        var version = "0.0.0-gather." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
        var pack = await Dotnet(
            $"pack \"{RepositoryPaths.Combine("src", "AsyncLessons.Package", "AsyncLessons.Package.csproj")}\" -c Release -o \"{feed}\" -p:Version={version} --artifacts-path \"{Path.Combine(_work, "artifacts")}\"",
            RepositoryPaths.Root);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        await File.WriteAllTextAsync(Path.Combine(consumer, "NuGet.config"), $"""
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
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
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
        await File.WriteAllTextAsync(program, ConsumerProgram);

        // 1. Both rules are reported (at Info, so they appear in the build's error log rather than as warnings).
        var build = await Dotnet("build -nologo /p:ErrorLog=diagnostics.sarif", consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        var sarif = await File.ReadAllTextAsync(Path.Combine(consumer, "diagnostics.sarif"));
        Assert.Contains("\"AL0001\"", sarif, StringComparison.Ordinal);
        Assert.Contains("\"AL0007\"", sarif, StringComparison.Ordinal);

        var before = await Run(consumer);

        // 2. dotnet format applies both fixes (the first code action of each: Task.WhenAll).
        var format = await Dotnet("format analyzers --diagnostics AL0001 AL0007 --severity info", consumer);
        Assert.True(format.ExitCode == 0, format.ToString());
        var fixedProgram = await File.ReadAllTextAsync(program);
        Assert.True(fixedProgram.Contains("await Task.WhenAll(profileTask, ordersTask, balanceTask);", StringComparison.Ordinal), fixedProgram);
        Assert.True(fixedProgram.Contains("items.AddRange(await Task.WhenAll(new[] { 1, 2, 3, 4, 5 }.Select(id => Backend.FetchItemAsync(id))));", StringComparison.Ordinal), fixedProgram);
        Assert.True(fixedProgram.Contains("using System.Linq;", StringComparison.Ordinal), fixedProgram);

        // 3. Same output, in well under 60% of the time for each part.
        var after = await Run(consumer);
        Assert.Equal(before.Results, after.Results);
        Assert.True(after.GatherMs < before.GatherMs * 0.6, $"gather: {before.GatherMs} ms before, {after.GatherMs} ms after\n{fixedProgram}");
        Assert.True(after.LoopMs < before.LoopMs * 0.6, $"loop: {before.LoopMs} ms before, {after.LoopMs} ms after\n{fixedProgram}");
    }

    private static async Task<(string Results, long GatherMs, long LoopMs)> Run(string consumer)
    {
        var run = await Dotnet("run -nologo", consumer);
        Assert.True(run.ExitCode == 0, run.ToString());
        var results = string.Join("\n", run.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)));
        var time = Regex.Match(run.Output, @"TIME gather=(\d+) loop=(\d+)");
        Assert.True(time.Success, run.ToString());
        return (results, long.Parse(time.Groups[1].Value), long.Parse(time.Groups[2].Value));
    }

    private static Task<ProcessRunner.Result> Dotnet(string arguments, string workingDirectory) =>
        ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, StepTimeout);
}
