using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// The fixes as a user applies them, from the packed package: one <c>dotnet format analyzers</c> run fixes every shape
/// it can, and a library that configures its awaits and treats CA2007 as an error still builds afterwards, with its
/// CRLF line endings intact.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class FixesEndToEndTests : IDisposable
{
    // A program with a shape of each of AL0004, AL0005 and AL0006, one of them (inside lock) without a fix, and the
    // output it prints, which the fixes must not change.
    private const string Program = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        public static class Program
        {
            private static readonly object Gate = new();

            public static async Task Main(string[] args)
            {
                var path = Path.Combine(args[0], "notes.txt");
                File.WriteAllText(path, "hello");
                var text = File.ReadAllText(path);
                var length = CountAsync(text).Result;
                SaveAsync(path).Wait();
                lock (Gate)
                {
                    Console.WriteLine("locked " + CountAsync("abc").Result);
                }

                var items = new List<int> { 1, 2, 3 };
                var total = 0;
                items.ForEach(async item => { await Task.Yield(); total += item; });
                await Task.Delay(50);
                Report(text, length);
                Console.WriteLine("total " + total);
            }

            private static Task<int> CountAsync(string text) => Task.FromResult(text.Length);

            private static async Task SaveAsync(string path) => await File.AppendAllTextAsync(path, "!");

            private static async void Report(string text, int length)
            {
                Console.WriteLine(text + " " + length);
                await Task.Yield();
            }
        }
        """;

    private const string Library = """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Shelf;

        public sealed class Store
        {
            public async Task<string> LoadAsync(string path, Task<int> pending, CancellationToken token)
            {
                await Task.Delay(1, token).ConfigureAwait(false);
                Thread.Sleep(10);
                var count = pending.Result;
                var text = File.ReadAllText(path);
                await File.WriteAllTextAsync(path + ".bak", text, token).ConfigureAwait(false);
                using var log = new StreamWriter(path + ".log");
                await log.WriteLineAsync(text).ConfigureAwait(false);
                return text + count;
            }
        }
        """;

    private readonly PackedPackageFixture _package;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-fixes-e2e-" + Guid.NewGuid().ToString("N"));

    public FixesEndToEndTests(PackedPackageFixture package) => _package = package;

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    [Fact]
    public async Task OneFormatRun_FixesEveryShape_ProgramCompilesAndPrintsTheSame()
    {
        _package.AssertPacked();
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "program")).FullName;
        var files = Directory.CreateDirectory(Path.Combine(_work, "files")).FullName;
        _package.WriteConsoleConsumer(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), Program);

        var build = await PackedPackageFixture.Dotnet("build -nologo", consumer);
        Assert.True(build.ExitCode == 0, build.ToString());
        foreach (var id in new[] { "AL0004", "AL0005", "AL0006" })
        {
            Assert.Contains("warning " + id, build.Output, StringComparison.Ordinal);
        }

        var before = await PackedPackageFixture.Dotnet($"run --no-build -- \"{files}\"", consumer);
        Assert.True(before.ExitCode == 0, before.ToString());

        // One run, as the README says.
        var format = await PackedPackageFixture.Dotnet("format analyzers --diagnostics AL0004 AL0005 AL0006 --severity info", consumer);
        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.DoesNotContain("Fix All action", format.Output, StringComparison.Ordinal);

        var rebuild = await PackedPackageFixture.Dotnet("build -nologo --no-incremental", consumer);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        // What is left is the wait inside lock, which has no fix: await is not allowed there.
        var program = await File.ReadAllTextAsync(Path.Combine(consumer, "Program.cs"));
        var lockedLine = Array.FindIndex(program.Split('\n'), l => l.Contains("\"locked \"", StringComparison.Ordinal)) + 1;
        var left = Regex.Matches(rebuild.Output, @"Program\.cs\((?<line>\d+),\d+\): warning (?<id>AL000[456])");
        Assert.NotEmpty(left);
        Assert.All(left, m => Assert.True(m.Groups["line"].Value == lockedLine.ToString(System.Globalization.CultureInfo.InvariantCulture), rebuild.Output + "\n" + program));
        Assert.Contains("lock (Gate)", program, StringComparison.Ordinal);
        Assert.Contains("await File.ReadAllTextAsync(path)", program, StringComparison.Ordinal);
        Assert.Contains("foreach (var item in items)", program, StringComparison.Ordinal);
        Assert.Contains("private static async Task Report(", program, StringComparison.Ordinal);

        File.Delete(Path.Combine(files, "notes.txt"));
        var after = await PackedPackageFixture.Dotnet($"run --no-build -- \"{files}\"", consumer);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(Normalize(before.Output), Normalize(after.Output));
    }

    [Fact]
    public async Task ConfiguredLibrary_WithCA2007AsError_StillBuildsAfterFormat_AndStaysCrlf()
    {
        _package.AssertPacked();
        var library = Directory.CreateDirectory(Path.Combine(_work, "library")).FullName;
        _package.WriteNuGetConfig(library);
        await File.WriteAllTextAsync(Path.Combine(library, "Shelf.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                {_package.PackageReference}
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(library, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.CA2007.severity = error\n");
        var source = Path.Combine(library, "Store.cs");
        await File.WriteAllTextAsync(source, Library.Replace("\r\n", "\n").Replace("\n", "\r\n"));

        var build = await PackedPackageFixture.Dotnet("build -nologo", library);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("warning AL0002", build.Output, StringComparison.Ordinal);

        var format = await PackedPackageFixture.Dotnet("format analyzers --diagnostics AL0002 AL0004 AL0005", library);
        Assert.True(format.ExitCode == 0, format.ToString());

        var rebuild = await PackedPackageFixture.Dotnet("build -nologo --no-incremental", library);
        var text = await File.ReadAllTextAsync(source);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString() + "\n" + text);
        Assert.DoesNotContain("CA2007", rebuild.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"warning AL000[245]", rebuild.Output);
        Assert.Contains("Task.Delay(10", text, StringComparison.Ordinal);
        Assert.Contains("await pending.ConfigureAwait(false)", text, StringComparison.Ordinal);
        Assert.Contains("File.ReadAllTextAsync(path", text, StringComparison.Ordinal);
        Assert.Contains("await using var logDisposal = log.ConfigureAwait(false);", text, StringComparison.Ordinal);
        Assert.All(Regex.Matches(text, @"^.*\bawait\b.*$", RegexOptions.Multiline), m => Assert.Contains("ConfigureAwait(false)", m.Value, StringComparison.Ordinal));
        Assert.Empty(Regex.Matches(text, "(?<!\r)\n"));
    }

    private static string Normalize(string output) => output.Replace("\r\n", "\n").Trim();
}
