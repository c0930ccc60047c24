using System;
using System.IO;

namespace AsyncLessons.Tests.Infrastructure;

/// <summary>Locations in the repository the tests read (docs, README, samples).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds AsyncLessons.sln.</summary>
    public static string Root => LazyRoot.Value;

    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncLessons.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"AsyncLessons.sln not found above {AppContext.BaseDirectory}.");
    }
}
