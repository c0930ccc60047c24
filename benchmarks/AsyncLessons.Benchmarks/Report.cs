using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace AsyncLessons.Benchmarks;

/// <summary>The Markdown report: printed, and written into docs/performance.md between its markers.</summary>
internal static class Report
{
    public const string BeginMarker = "<!-- benchmark:begin (written by the benchmark's --write-docs; edit around it) -->";
    public const string EndMarker = "<!-- benchmark:end -->";

    public static string Build(IReadOnlyList<InputResult> results, BenchmarkOptions options, Version hostRoslyn, IReadOnlyList<AnalyzerPackage> packages)
    {
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, host compiler Roslyn {hostRoslyn}; {(options.Quick ? "quick" : "full")} mode, {(options.Concurrent ? "concurrent" : "sequential")} analyzer execution, {(options.WithGc ? "garbage collection as usual" : "garbage collection held off during each timed run")}."));
        if (!string.IsNullOrWhiteSpace(options.Note))
        {
            sb.AppendLine();
            sb.AppendLine("Conditions: " + options.Note!.Trim());
        }

        sb.AppendLine();
        sb.AppendLine("Packages: " + string.Join(", ", packages.Select(p => FormattableString.Invariant($"{p.Name} {p.Version} ({p.Analyzers.Length} C# analyzers)"))) + ".");

        foreach (var result in results)
        {
            var lines = result.Input.Lines;
            var compiler = result.CompilerMedian;
            var ours = result.Median(AnalyzerPackage.AsyncLessonsName);
            sb.AppendLine();
            sb.AppendLine(FormattableString.Invariant($"### {result.Input.Name}: {result.Input.Files.Count} files, {lines:N0} lines, median of {result.Repetitions}"));
            sb.AppendLine();
            sb.AppendLine("| Package | Analyzer time | ms per 1,000 lines | Ratio to AsyncLessons | % of compile time |");
            sb.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var package in result.Packages)
            {
                var time = result.Median(package.Name);
                sb.AppendLine(FormattableString.Invariant(
                    $"| {package.Name} {package.Version} | {Ms(time)} | {PerThousand(time, lines)} | {Ratio(time, ours)} | {Percent(time, compiler)} |"));
            }

            sb.AppendLine(FormattableString.Invariant($"| Compiler alone (parse, bind, emit) | {Ms(compiler)} | {PerThousand(compiler, lines)} | | 100% |"));

            var peers = result.Packages.Where(p => p.Name != AnalyzerPackage.AsyncLessonsName).Select(p => result.Median(p.Name)).ToList();
            if (peers.Count > 0)
            {
                var fastest = peers.Min();
                sb.AppendLine();
                sb.AppendLine(FormattableString.Invariant(
                    $"Targets (reported, never asserted): AsyncLessons at most 1/5 of the fastest peer: {(ours.Ticks * 5 <= fastest.Ticks ? "met" : "not met")} ({Ratio(fastest, ours)} faster); below 5% of compile time: {(ours.Ticks * 20 < compiler.Ticks ? "met" : "not met")} ({Percent(ours, compiler)})."));
            }
        }

        var generated = results.Where(r => r.Input.Scale is not null).OrderBy(r => r.Input.Scale).ToList();
        if (generated.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("### AsyncLessons scaling (generated input)");
            sb.AppendLine();
            sb.AppendLine("| Size | Lines | AsyncLessons time | ms per 1,000 lines | % of compile time |");
            sb.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var result in generated)
            {
                var ours = result.Median(AnalyzerPackage.AsyncLessonsName);
                sb.AppendLine(FormattableString.Invariant(
                    $"| {result.Input.Scale}x | {result.Input.Lines:N0} | {Ms(ours)} | {PerThousand(ours, result.Input.Lines)} | {Percent(ours, result.CompilerMedian)} |"));
            }

            var largest = generated[generated.Count - 1];
            sb.AppendLine();
            sb.AppendLine(FormattableString.Invariant($"### AsyncLessons per rule ({largest.Input.Name}, each rule run as an analyzer of its own)"));
            sb.AppendLine();
            sb.AppendLine("| Analyzer | Rules | Time | ms per 1,000 lines |");
            sb.AppendLine("|---|---|---:|---:|");
            foreach (var analyzer in AnalyzerPackage.AsyncLessonsRules().Analyzers.OrderBy(a => a.SupportedDiagnostics.Min(d => d.Id), StringComparer.Ordinal))
            {
                var name = analyzer.GetType().Name;
                var time = largest.MedianOfAnalyzer(AnalyzerPackage.AsyncLessonsRulesName, name);
                var ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal));
                sb.AppendLine(FormattableString.Invariant($"| {name} | {ids} | {Ms(time)} | {PerThousand(time, largest.Input.Lines)} |"));
            }
        }

        return sb.ToString();
    }

    /// <summary>Replaces the text between the markers of docs/performance.md with <paramref name="report"/>.</summary>
    public static string WriteDocs(string report)
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "performance.md");
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n\n" + BeginMarker + "\n" + EndMarker + "\n";
        var begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            text = text.TrimEnd() + "\n\n" + BeginMarker + "\n" + EndMarker + "\n";
            begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
            end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        }

        var updated = text.Substring(0, begin + BeginMarker.Length) + "\n" + report.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n" + text.Substring(end);
        File.WriteAllText(path, updated);
        return path;
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AsyncLessons.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("AsyncLessons.sln not found above the current or the benchmark's directory.");
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static string PerThousand(TimeSpan time, int lines) =>
        (time.TotalMilliseconds * 1000.0 / Math.Max(1, lines)).ToString("N1", CultureInfo.InvariantCulture);

    private static string Ratio(TimeSpan time, TimeSpan reference) =>
        reference.Ticks == 0 ? "n/a" : (time.TotalMilliseconds / reference.TotalMilliseconds).ToString("N1", CultureInfo.InvariantCulture) + "×";

    private static string Percent(TimeSpan time, TimeSpan reference) =>
        reference.Ticks == 0 ? "n/a" : (100.0 * time.TotalMilliseconds / reference.TotalMilliseconds).ToString("N1", CultureInfo.InvariantCulture) + "%";
}
