using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using AsyncLessons.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLessons.Benchmarks;

/// <summary>The C# analyzers of one NuGet package, loaded into this process.</summary>
internal sealed record AnalyzerPackage(string Name, string Version, ImmutableArray<DiagnosticAnalyzer> Analyzers)
{
    public const string AsyncLessonsName = "AsyncLessons";

    /// <summary>The name of <see cref="AsyncLessonsRules"/>' runs, which only the per-rule table reads.</summary>
    public const string AsyncLessonsRulesName = "AsyncLessons, each rule alone";

    /// <summary>
    /// Each rule of AsyncLessons as an analyzer of its own, for the per-rule table: the package exports one analyzer
    /// for every rule, whose time the compiler does not split by rule.
    /// </summary>
    public static AnalyzerPackage AsyncLessonsRules() =>
        AsyncLessons() with { Name = AsyncLessonsRulesName, Analyzers = ImmutableArray<DiagnosticAnalyzer>.CastUp(new AsyncLessonsAnalyzer().Rules) };

    /// <summary>Every analyzer the AsyncLessons.Analyzers assembly exports, found by reflection as the compiler finds them.</summary>
    public static AnalyzerPackage AsyncLessons()
    {
        var assembly = typeof(ThreadSleepInAsyncAnalyzer).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "local";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new AnalyzerPackage(AsyncLessonsName, plus < 0 ? version : version.Substring(0, plus), CSharpAnalyzers(assembly.GetTypes()));
    }

    /// <summary>The peer packages the benchmark project downloaded (their folders are recorded at build time).</summary>
    public static IReadOnlyList<AnalyzerPackage> Peers(Version hostRoslyn)
    {
        var peers = new List<AnalyzerPackage>();
        foreach (var attribute in typeof(AnalyzerPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (!attribute.Key.StartsWith("Peer:", StringComparison.Ordinal) || string.IsNullOrEmpty(attribute.Value))
            {
                continue;
            }

            var name = attribute.Key.Substring("Peer:".Length);
            var root = attribute.Value;
            var folder = AnalyzerFolder(root, hostRoslyn)
                ?? throw new InvalidOperationException($"No C# analyzer folder in {root}.");
            var context = new PackageLoadContext(folder);
            var types = new List<Type>();
            foreach (var file in Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                if (Path.GetFileName(file).Contains("CodeFix", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // fixers need Workspaces; the benchmark measures analyzers only
                }

                var assembly = context.LoadFromAssemblyPath(file);
                try
                {
                    types.AddRange(assembly.GetTypes());
                }
                catch (ReflectionTypeLoadException exception)
                {
                    types.AddRange(exception.Types.Where(t => t is not null)!);
                }
            }

            peers.Add(new AnalyzerPackage(name, new DirectoryInfo(root).Name, CSharpAnalyzers(types)));
        }

        return peers.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    private static ImmutableArray<DiagnosticAnalyzer> CSharpAnalyzers(IEnumerable<Type> types) =>
        types
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>(inherit: false).Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>
    /// The package's C# analyzer folder: <c>analyzers/dotnet/roslynX.Y/cs</c> for the highest X.Y the host compiler
    /// can load, else <c>analyzers/dotnet/cs</c> or <c>analyzers/cs</c>.
    /// </summary>
    private static string? AnalyzerFolder(string root, Version hostRoslyn)
    {
        var dotnet = Path.Combine(root, "analyzers", "dotnet");
        if (Directory.Exists(dotnet))
        {
            var best = Directory.GetDirectories(dotnet, "roslyn*")
                .Select(d => (Folder: d, Version: System.Version.TryParse(Path.GetFileName(d).Substring("roslyn".Length), out var v) ? v : null))
                .Where(x => x.Version is not null && x.Version <= hostRoslyn && Directory.Exists(Path.Combine(x.Folder, "cs")))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Folder, "cs"))
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        foreach (var candidate in new[] { Path.Combine(dotnet, "cs"), Path.Combine(root, "analyzers", "cs") })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Loads a package's own assemblies from its folder; Roslyn and the framework come from the host.</summary>
    private sealed class PackageLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public PackageLoadContext(string folder)
            : base("peer:" + folder)
        {
            _folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is { } name && (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || name.StartsWith("System.", StringComparison.Ordinal)))
            {
                return null;
            }

            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
