using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using AsyncLessons.Corpus;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Benchmarks;

/// <summary>
/// Runs AsyncLessons' analyzers and the peer packages' analyzers over the same compilations, interleaved across
/// repetitions, and reports the compiler's own per-analyzer execution time (the figures <c>-p:ReportAnalyzer=true</c>
/// prints) next to the compiler's time without analyzers. Asserts nothing: it measures.
/// </summary>
internal static class Program
{
    private const string CompilerOnly = InputResult.CompilerOnly;

    private static async Task<int> Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        if (options.ReplayCaptures.Count > 0)
        {
            return await InProcessReplay.RunAsync(options).ConfigureAwait(false);
        }

        var hostRoslyn = typeof(Compilation).Assembly.GetName().Version ?? new Version(0, 0);
        var packages = new List<AnalyzerPackage> { AnalyzerPackage.AsyncLessons() };
        packages.AddRange(AnalyzerPackage.Peers(hostRoslyn));
        packages = packages.Where(p => options.Packages is null || options.Packages.Contains(p.Name, StringComparer.OrdinalIgnoreCase) || p.Name == AnalyzerPackage.AsyncLessonsName).ToList();
        var references = LoadReferences(options.ReferenceDirectories);

        Console.WriteLine($"AsyncLessons benchmark: Roslyn {hostRoslyn}, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {(options.Quick ? "quick" : "full")} mode, {(options.Concurrent ? "concurrent" : "sequential")} analysis");
        foreach (var package in packages)
        {
            Console.WriteLine($"  {package.Name} {package.Version}: {package.Analyzers.Length} C# analyzers");
        }

        var inputs = new List<BenchmarkInput>();
        foreach (var folder in options.InputFolders)
        {
            inputs.Add(BenchmarkInput.FromFolder(folder));
        }

        if (options.InputFolders.Count == 0 || options.Generated)
        {
            foreach (var scale in options.Sizes)
            {
                inputs.Add(BenchmarkInput.Generated(scale));
            }
        }

        if (options.DumpDirectory is { } dump)
        {
            foreach (var input in inputs)
            {
                var folder = Path.Combine(dump, input.Name.Replace(' ', '-'));
                Directory.CreateDirectory(folder);
                foreach (var file in input.Files)
                {
                    await File.WriteAllTextAsync(Path.Combine(folder, file.Name), file.Text);
                }

                Console.WriteLine($"Wrote {input.Files.Count} files ({input.Lines:N0} lines) to {folder}");
            }

            return 0;
        }

        // Fewer, shorter blocking collections while measuring: a pause inside a callback is charged to that analyzer.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;
        s_holdOffGc = !options.WithGc;
        Console.WriteLine("Warming up (JIT) on a small input...");
        var warmUp = BenchmarkInput.Generated(1, modules: 4);
        var rules = AnalyzerPackage.AsyncLessonsRules();
        foreach (var package in packages.Append(rules))
        {
            await MeasureAnalyzersAsync(warmUp, references, package, options.Concurrent).ConfigureAwait(false);
        }

        MeasureCompiler(warmUp, references);

        var results = new List<InputResult>();
        foreach (var input in inputs)
        {
            var repetitions = options.RepetitionsFor(input);
            Console.WriteLine();
            Console.WriteLine($"Input {input.Name}: {input.Files.Count} files, {input.Lines:N0} lines; {repetitions} repetition(s)");
            var runs = packages.Select(p => p.Name).Prepend(CompilerOnly).Append(rules.Name).ToDictionary(n => n, _ => new List<Measurement>());
            for (var repetition = 0; repetition < repetitions; repetition++)
            {
                // Interleave: each repetition starts with a different package, so drift on a busy machine spreads evenly.
                var order = packages.Select(p => p.Name).Prepend(CompilerOnly).ToList();
                var shift = repetition % order.Count;
                order = order.Skip(shift).Concat(order.Take(shift)).ToList();
                foreach (var name in order)
                {
                    var measurement = name == CompilerOnly
                        ? MeasureCompiler(input, references)
                        : await MeasureAnalyzersAsync(input, references, packages.Single(p => p.Name == name), options.Concurrent).ConfigureAwait(false);
                    runs[name].Add(measurement);
                    Console.WriteLine($"  rep {repetition + 1}: {name,-45} {measurement.Total.TotalMilliseconds,10:N0} ms ({measurement.Diagnostics} diagnostics; {measurement.Gc})");
                }

                // The rules alone, outside the comparison: only the per-rule table reads these runs.
                runs[rules.Name].Add(await MeasureAnalyzersAsync(input, references, rules, options.Concurrent).ConfigureAwait(false));
            }

            results.Add(new InputResult(input, packages, runs, repetitions));
        }

        var report = Report.Build(results, options, hostRoslyn, packages);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.WriteDocs)
        {
            var path = Report.WriteDocs(report);
            Console.WriteLine($"Wrote {path}");
        }

        return 0;
    }

    private static ImmutableArray<MetadataReference> LoadReferences(IReadOnlyList<string> extraDirectories)
    {
        var directory = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ReferenceAssemblyDir").Value!;
        var files = Directory.GetFiles(directory, "*.dll").ToList();
        foreach (var extra in extraDirectories)
        {
            files.AddRange(Directory.GetFiles(extra, "*.dll", SearchOption.AllDirectories));
        }

        return files
            .GroupBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToImmutableArray();
    }

    /// <summary>A fresh compilation of the input: nothing bound is shared between measurements.</summary>
    private static CSharpCompilation CreateCompilation(BenchmarkInput input, ImmutableArray<MetadataReference> references, out TimeSpan parseTime)
    {
        var stopwatch = Stopwatch.StartNew();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = input.Files
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, System.Text.Encoding.UTF8), parseOptions, f.Name))
            .ToList();
        parseTime = stopwatch.Elapsed;
        return CSharpCompilation.Create(
            "Benchmark_" + input.Name,
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));
    }

    /// <summary>The compiler's own time: parse, bind and report every diagnostic, emit — no analyzers.</summary>
    private static bool s_holdOffGc = true;

    private static Measurement MeasureCompiler(BenchmarkInput input, ImmutableArray<MetadataReference> references)
    {
        Collect();
        using var gc = GcHold.Start(input, s_holdOffGc);
        var stopwatch = Stopwatch.StartNew();
        var compilation = CreateCompilation(input, references, out _);
        var diagnostics = compilation.GetDiagnostics();
        using var stream = new MemoryStream();
        compilation.Emit(stream);
        var total = stopwatch.Elapsed;
        return new Measurement(total, total, diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error), ImmutableDictionary<string, TimeSpan>.Empty)
        {
            Gc = gc.Finish(),
        };
    }

    /// <summary>One package's analyzers over a fresh compilation; the time is the compiler's per-analyzer accounting.</summary>
    private static async Task<Measurement> MeasureAnalyzersAsync(BenchmarkInput input, ImmutableArray<MetadataReference> references, AnalyzerPackage package, bool concurrent)
    {
        Collect();
        var stopwatch = Stopwatch.StartNew();
        var compilation = CreateCompilation(input, references, out _);
        CreateSymbolTables(compilation);
        using var gc = GcHold.Start(input, s_holdOffGc);
        var withAnalyzers = compilation.WithAnalyzers(
            package.Analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
        var wall = stopwatch.Elapsed;
        var gcReport = gc.Finish();
        var perAnalyzer = ImmutableDictionary.CreateBuilder<string, TimeSpan>();
        var total = TimeSpan.Zero;
        foreach (var analyzer in package.Analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
            perAnalyzer[analyzer.GetType().Name] = telemetry.ExecutionTime;
            total += telemetry.ExecutionTime;
        }

        var crashes = diagnostics.Count(d => d.Id == "AD0001");
        if (crashes > 0)
        {
            Console.WriteLine($"  warning: {package.Name} reported {crashes} analyzer exception(s) (AD0001)");
        }

        return new Measurement(total, wall, diagnostics.Length, perAnalyzer.ToImmutable()) { Gc = gcReport };
    }

    /// <summary>
    /// Binds the references and merges the source declarations into the compilation's symbol tables before the analyzers
    /// start. The compiler builds these for its own work in every build (they are in "compiler alone"); left lazy, they
    /// would be charged to whichever analyzer happens to look up a type first, which says nothing about that analyzer.
    /// Method bodies are not bound here.
    /// </summary>
    private static void CreateSymbolTables(Compilation compilation)
    {
        _ = compilation.Assembly;
        _ = compilation.GlobalNamespace.GetMembers();
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>One run of one package (or of the compiler alone) over one input.</summary>
internal sealed record Measurement(TimeSpan Total, TimeSpan Wall, int Diagnostics, ImmutableDictionary<string, TimeSpan> PerAnalyzer)
{
    /// <summary>What the garbage collector did during the run (a pause inside a callback is charged to that analyzer).</summary>
    public string Gc { get; init; } = "";
}

/// <summary>
/// Holds garbage collection off for one timed run (<see cref="GC.TryStartNoGCRegion(long)"/>), the same way for every
/// package and for the compiler alone. A collection triggered by the compiler's own allocations stops every thread, and
/// the accounting charges the pause to whichever analyzer callback happens to be running: for the smallest totals that
/// is most of the spread between repetitions. When the budget runs out, collection resumes and the report says so.
/// </summary>
internal sealed class GcHold : IDisposable
{
    private readonly bool _held;
    private readonly TimeSpan _pausesBefore;
    private bool _finished;

    private GcHold(bool held)
    {
        _held = held;
        _pausesBefore = GC.GetTotalPauseDuration();
    }

    public static GcHold Start(BenchmarkInput input, bool enabled)
    {
        if (!enabled)
        {
            return new GcHold(held: false);
        }

        // About 48 MB per 1,000 lines covers the largest package at every size here; never more than half the memory.
        var budget = Math.Min(Math.Max(input.Lines, 1_000) * 48L * 1024, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);
        try
        {
            return new GcHold(GC.TryStartNoGCRegion(budget));
        }
        catch (ArgumentOutOfRangeException)
        {
            return new GcHold(held: false);
        }
    }

    /// <summary>Ends the hold; says whether collection stayed off, or how long its pauses took.</summary>
    public string Finish()
    {
        _finished = true;
        var pauses = GC.GetTotalPauseDuration() - _pausesBefore;
        if (_held && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
            return "GC held off";
        }

        return $"{(_held ? "GC resumed, " : "")}GC pauses {pauses.TotalMilliseconds:N0} ms";
    }

    public void Dispose()
    {
        if (!_finished)
        {
            Finish();
        }
    }
}

/// <summary>The sources of one benchmark input.</summary>
internal sealed record BenchmarkInput(string Name, IReadOnlyList<CorpusFile> Files, int? Scale)
{
    public int Lines { get; } = AsyncCorpus.CountLines(Files);

    public static BenchmarkInput Generated(int scale, int? modules = null) =>
        new($"generated {scale}x", modules is { } m ? AsyncCorpus.Generate(m) : AsyncCorpus.GenerateScale(scale), scale);

    public static BenchmarkInput FromFolder(string folder)
    {
        var root = Path.GetFullPath(folder);
        var separator = Path.DirectorySeparatorChar;
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new CorpusFile(Path.GetRelativePath(root, f), File.ReadAllText(f)))
            .ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"No .cs files under {root}.");
        }

        return new BenchmarkInput(Path.GetFileName(root.TrimEnd(separator)), files, null);
    }
}

/// <summary>All repetitions of all packages over one input.</summary>
internal sealed record InputResult(BenchmarkInput Input, IReadOnlyList<AnalyzerPackage> Packages, IReadOnlyDictionary<string, List<Measurement>> Runs, int Repetitions)
{
    public const string CompilerOnly = "(compiler, no analyzers)";

    public TimeSpan Median(string name) => MedianOf(Runs[name].Select(m => m.Total));

    public TimeSpan CompilerMedian => MedianOf(Runs[CompilerOnly].Select(m => m.Total));

    public TimeSpan MedianOfAnalyzer(string package, string analyzer) =>
        MedianOf(Runs[package].Select(m => m.PerAnalyzer.TryGetValue(analyzer, out var time) ? time : TimeSpan.Zero));

    public static TimeSpan MedianOf(IEnumerable<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : TimeSpan.FromTicks((sorted[(sorted.Count / 2) - 1].Ticks + sorted[sorted.Count / 2].Ticks) / 2);
    }
}
