using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.EndToEnd;

/// <summary>
/// The README's Install section, followed as written: its commands are read from the README (the "until then" block)
/// and run one by one for a fresh user (a home folder of its own: no NuGet.Config, no package cache) on a project
/// made by <c>dotnet new console</c>, whose build must then report AsyncLessons diagnostics.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public sealed class ReadmeInstallEndToEndTests : IDisposable
{
    /// <summary>The commands the Install section must give, in order (a test keeps README and this list equal).</summary>
    private static readonly string[] LocalInstallCommands =
    [
        "dotnet pack src/AsyncLessons.Package -c Release -o ~/asynclessons-packages",
        "dotnet nuget add source ~/asynclessons-packages --name asynclessons-local",
        "dotnet add package AsyncLessons",
    ];

    // Top-level statements, as `dotnet new console` writes them (implicit usings on).
    private const string ConsumerProgram = """
        await Task.Delay(1);
        Thread.Sleep(10);
        Console.WriteLine("done");
        """;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "asynclessons-install-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => PackedPackageFixture.TryDelete(_work);

    /// <summary>The fenced blocks of the README's <c>## Install</c> section, each as its lines.</summary>
    private static List<string[]> InstallSectionBlocks()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var section = Regex.Match(readme, @"^## Install\n(.*?)(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no '## Install' section");
        return Regex.Matches(section.Groups[1].Value, @"^```sh\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }

    private static string[] Commands(string[] block) =>
        block.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void Readme_InstallSection_GivesThePublishedCommand_ThenTheLocalFeedSteps()
    {
        var blocks = InstallSectionBlocks();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(["dotnet add package AsyncLessons"], Commands(blocks[0]));
        Assert.Equal(LocalInstallCommands, Commands(blocks[1]));
    }

    [Fact]
    public async Task Readme_InstallSection_FollowedOnAFreshConsoleProject_BuildsWithAsyncLessonsDiagnostics()
    {
        var commands = Commands(InstallSectionBlocks()[1]);
        Assert.Equal(LocalInstallCommands, commands);

        // A fresh user: `~` is this home folder, where NuGet finds no config and no cached package.
        var home = Directory.CreateDirectory(Path.Combine(_work, "home")).FullName;
        var freshUser = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["DOTNET_CLI_HOME"] = null,
            ["NUGET_PACKAGES"] = null,
            ["NUGET_HTTP_CACHE_PATH"] = null,
        };
        var consumer = Directory.CreateDirectory(Path.Combine(_work, "MyApp")).FullName;
        var created = await PackedPackageFixture.Dotnet("new console", consumer, freshUser);
        Assert.True(created.ExitCode == 0, created.ToString());
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

        foreach (var command in commands)
        {
            var arguments = command.Substring("dotnet ".Length).Replace("~/", home + "/", StringComparison.Ordinal);
            // `dotnet pack` runs in the clone as its developer (the repository's packages are restored there: a
            // fresh home would download the compiler packages); the project's steps run as the fresh user.
            var step = command.StartsWith("dotnet pack ", StringComparison.Ordinal)
                ? await PackedPackageFixture.Dotnet(arguments, RepositoryPaths.Root)
                : await PackedPackageFixture.Dotnet(arguments, consumer, freshUser);
            Assert.True(step.ExitCode == 0, $"'{command}' failed: {step}");
        }

        // The source was added next to nuget.org in the user's NuGet.Config, and no source was cleared.
        var userConfig = await File.ReadAllTextAsync(Path.Combine(home, ".nuget", "NuGet", "NuGet.Config"));
        Assert.Contains("asynclessons-local", userConfig, StringComparison.Ordinal);
        Assert.Contains("nuget.org", userConfig, StringComparison.Ordinal);
        Assert.DoesNotContain("<clear", userConfig, StringComparison.Ordinal);
        Assert.Contains("Include=\"AsyncLessons\"", await File.ReadAllTextAsync(Path.Combine(consumer, "MyApp.csproj")), StringComparison.Ordinal);

        var build = await PackedPackageFixture.Dotnet("build", consumer, freshUser);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex(@"Program\.cs\(2,1\): warning AL0002:"), build.Output);
    }
}
