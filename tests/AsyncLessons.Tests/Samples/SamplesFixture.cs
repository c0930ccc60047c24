using System;
using System.IO;
using System.Threading.Tasks;
using AsyncLessons.Tests.Infrastructure;
using Xunit;

namespace AsyncLessons.Tests.Samples;

/// <summary>Builds the two sample projects once, into a folder of their own, as `dotnet build` does for a user.</summary>
public sealed class SamplesFixture : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    public string Artifacts { get; } = Path.Combine(Path.GetTempPath(), "asynclessons-samples-" + Guid.NewGuid().ToString("N"));

    public ProcessRunner.Result SamplesBuild { get; private set; } = null!;

    public ProcessRunner.Result MistakesBuild { get; private set; } = null!;

    /// <summary>The built samples app.</summary>
    public string SamplesDll => Path.Combine(Artifacts, "bin", "AsyncLessons.Samples", "debug", "AsyncLessons.Samples.dll");

    public async Task InitializeAsync()
    {
        SamplesBuild = await Build(RepositoryPaths.Combine("samples", "AsyncLessons.Samples", "AsyncLessons.Samples.csproj"));
        MistakesBuild = await Build(RepositoryPaths.Combine("samples", "AsyncLessons.Mistakes", "AsyncLessons.Mistakes.csproj"));
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Artifacts, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }

        return Task.CompletedTask;
    }

    public Task<ProcessRunner.Result> RunSamples(string arguments) =>
        ProcessRunner.RunAsync("dotnet", $"\"{SamplesDll}\" {arguments}", RepositoryPaths.Root, Timeout);

    private Task<ProcessRunner.Result> Build(string project) =>
        ProcessRunner.RunAsync("dotnet", $"build \"{project}\" -nologo --artifacts-path \"{Artifacts}\"", RepositoryPaths.Root, Timeout);
}
