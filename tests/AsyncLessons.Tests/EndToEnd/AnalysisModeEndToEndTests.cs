using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// <c>AsyncLessonsMode</c> as a user sets it in the project, with the packed package: each mode changes what
/// <c>dotnet build</c> prints, and a severity in <c>.editorconfig</c> still wins over the mode.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class AnalysisModeEndToEndTests : IDisposable
{
    // One mistake for each kind of default severity: AL0001 and AL0007 are Info, AL0002 is a Warning.
    private const string ConsumerProgram = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public static class Program
        {
            public static async Task Main()
            {
                Thread.Sleep(10);
                var a = await GetAsync(1);
                var b = await GetAsync(2);
                System.Console.WriteLine(a + b);
                foreach (var id in new List<int> { 1, 2, 3 })
                {
                    await GetAsync(id);
                }
            }

            private static async Task<int> GetAsync(int id)
            {
                await Task.Delay(1);
                return id;
            }
        }
        """;

    private readonly PackedPackageFixture _package;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-mode-" + Guid.NewGuid().ToString("N"));

    public AnalysisModeEndToEndTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    [Theory]
    // Default (as with no mode at all, which the README's install test builds): the rules' own severities; the
    // build does not print the Info rules.
    [InlineData("Default", null, 0, "warning AL0002 at 9,9")]
    // All: the Info rules become warnings, so a build shows every rule.
    [InlineData("All", null, 0, "warning AL0001 at 10,17; warning AL0002 at 9,9; warning AL0007 at 15,13")]
    // None: no AsyncLessons diagnostic at all.
    [InlineData("None", null, 0, "")]
    // .editorconfig wins over the mode both ways: AL0001 off and AL0002 raised to an error, while AL0007 keeps All's warning.
    [InlineData("All", "dotnet_diagnostic.AL0001.severity = none\ndotnet_diagnostic.AL0002.severity = error", 1, "error AL0002 at 9,9; warning AL0007 at 15,13")]
    // ... and it turns a rule back on under None.
    [InlineData("None", "dotnet_diagnostic.AL0007.severity = warning", 0, "warning AL0007 at 15,13")]
    public async Task Build_WithMode_PrintsWhatTheModeSelects(string mode, string? editorConfig, int exitCode, string expected)
    {
        _package.AssertPacked();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "consumer")).FullName;
        _package.WriteConsoleConsumer(consumer, $"<AsyncLessonsMode>{mode}</AsyncLessonsMode>");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
        if (editorConfig is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(consumer, ".editorconfig"), "root = true\n\n[*.cs]\n" + editorConfig + "\n");
        }

        var build = await PackedPackageFixture.Dotnet("build -nologo", consumer);

        Assert.True(build.ExitCode == exitCode, build.ToString());
        var printed = Regex.Matches(build.Output, @"Program\.cs\((\d+),(\d+)\): (warning|error) (AL\d{4}):")
            .Select(m => $"{m.Groups[3].Value} {m.Groups[4].Value} at {m.Groups[1].Value},{m.Groups[2].Value}")
            .Distinct()
            .OrderBy(s => s.Split(' ')[1], StringComparer.Ordinal);
        Assert.True(expected == string.Join("; ", printed), $"expected: {expected}\n{build}");
        if (expected.Length == 0)
        {
            Assert.DoesNotContain(" AL0", build.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Build_WithAnUnknownMode_FailsWithALMODE_NamingTheValues()
    {
        _package.AssertPacked();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "unknown-mode")).FullName;
        _package.WriteConsoleConsumer(consumer, "<AsyncLessonsMode>Strict</AsyncLessonsMode>");
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

        var build = await PackedPackageFixture.Dotnet("build -nologo", consumer);

        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains("error ALMODE: AsyncLessonsMode is 'Strict'; it takes Default, All or None.", build.Output, StringComparison.Ordinal);
    }
}
