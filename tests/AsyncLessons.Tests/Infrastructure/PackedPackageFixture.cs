using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace AsyncLessons.Tests.Infrastructure;

/// <summary>
/// Packs the AsyncLessons package once for every test that uses it the way a user does (installed from a feed,
/// never from the repository): a private feed, a version of its own, and a package folder of its own, because
/// NuGet ignores a re-pack of a version it has already cached.
/// </summary>
public sealed class PackedPackageFixture : IAsyncLifetime
{
    /// <summary>The longest any one <c>dotnet</c> step may take on a loaded machine.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    /// <summary>A temporary folder that holds the feed, the package cache and the pack's build output.</summary>
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "asynclessons-package-" + Guid.NewGuid().ToString("N"));

    /// <summary>The folder the package was packed into; the only package source of the consumers.</summary>
    public string Feed => Path.Combine(Work, "feed");

    public string Version { get; } = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    /// <summary>The <c>dotnet pack</c> run; tests assert on it so that a failed pack shows its output.</summary>
    public ProcessRunner.Result Pack { get; private set; } = null!;

    public string Nupkg => Path.Combine(Feed, $"AsyncLessons.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        Pack = await Dotnet(
            $"pack \"{RepositoryPaths.Combine("src", "AsyncLessons.Package", "AsyncLessons.Package.csproj")}\" -c Release -o \"{Feed}\" -p:Version={Version} --artifacts-path \"{Path.Combine(Work, "artifacts")}\"",
            RepositoryPaths.Root);
    }

    public Task DisposeAsync()
    {
        TryDelete(Work);
        return Task.CompletedTask;
    }

    /// <summary>Fails the calling test, with the pack's output, unless the package was packed.</summary>
    public void AssertPacked()
    {
        Assert.True(Pack.ExitCode == 0, Pack.ToString());
        Assert.True(File.Exists(Nupkg), $"{Nupkg} is missing after:\n{Pack}");
    }

    /// <summary>Writes a NuGet.config into <paramref name="folder"/>: restore only from the private feed, into a private package folder.</summary>
    public void WriteNuGetConfig(string folder) =>
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Work, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="e2e" value="{Feed}" />
              </packageSources>
            </configuration>
            """);

    /// <summary>
    /// Like <see cref="WriteNuGetConfig"/>, with the packages this test project restored (EF Core, the hosting
    /// abstractions) as a second, local source, so a consumer can reference them without a download.
    /// </summary>
    public void WriteNuGetConfigWithRestoredPackages(string folder)
    {
        var restored = typeof(PackedPackageFixture).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value;
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Work, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="e2e" value="{Feed}" />
                <add key="restored" value="{restored}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>
    /// A console project in <paramref name="folder"/> that installs the package from the private feed, as a user
    /// does (<see cref="WriteNuGetConfig"/> and <c>Consumer.csproj</c>: an executable for net10.0, nullable on),
    /// with <paramref name="properties"/> (MSBuild property elements, e.g. <c>&lt;AsyncLessonsMode&gt;All&lt;/AsyncLessonsMode&gt;</c>) in its property group.
    /// </summary>
    public void WriteConsoleConsumer(string folder, string properties = "")
    {
        WriteNuGetConfig(folder);
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {PackageReference}
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>The package reference a consumer project adds.</summary>
    public string PackageReference => $"""<PackageReference Include="AsyncLessons" Version="{Version}" />""";

    public static Task<ProcessRunner.Result> Dotnet(string arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, StepTimeout, environment);

    /// <summary>Deletes a temporary folder; a leftover temp folder is not a test failure.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The tests that share one packed package (they run one after another, which a loaded machine welcomes).</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackedPackageFixture>
{
    public const string Name = "Packed package";
}
