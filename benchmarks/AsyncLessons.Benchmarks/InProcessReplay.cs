using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLessons.Benchmarks;

/// <summary>
/// <c>--replay CAPTURE</c>: the compilations that <c>benchmarks/real-builds/replay.sh</c> captured from a real build,
/// analyzed again in this process, many times, with and without AsyncLessons. Each compilation is rebuilt from its
/// response file as csc builds it (sources, references with aliases, <c>.editorconfig</c> and global configs, additional
/// files, the source generators' output) and given every analyzer of its <c>/analyzer</c> list: the repository's own,
/// the peers the capture injected, and AsyncLessons (or, with <c>--al DIR</c>, each AsyncLessons build given, in
/// the same repetitions, for an A/B). Analysis is sequential, each run starts from a fresh compilation over the same
/// syntax trees and metadata, and every code path has been compiled before the first measured repetition.
/// <para>
/// What this removes is what made the cold replays' marginal unresolvable: the runtime's warm-up and the JIT,
/// which in a fresh process move the other analyzers' total by about a tenth from one run to the next. What it keeps
/// is the analyzer driver's work for each analyzer and the compiler's binding that analyzers ask for. It is the
/// compiler server's steady state, not a cold build. It writes, for each AsyncLessons build, a folder that
/// <c>replay.py --report</c> and <c>--rows</c> read.
/// </para>
/// </summary>
internal static class InProcessReplay
{
    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        if (!options.MeasuresAsyncLessons && options.AsyncLessonsBuilds.Count > 0)
        {
            Console.Error.WriteLine("--al applies only to AsyncLessons, not with --subject");
            return 2;
        }

        if (options.CallgrindMarks is { } marks)
        {
            CallgrindMarks.Load(marks);
        }

        var variants = options.AsyncLessonsBuilds.Count == 0 ? new List<string> { "" } : options.AsyncLessonsBuilds;
        var repetitions = options.Repetitions ?? 20;
        foreach (var capture in options.ReplayCaptures)
        {
            var compilations = Directory.GetFiles(capture, "*.rsp")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture))
                .Select(f => ReplayedCompilation.Load(f, variants, options.Subject, options.SequentialBuild, options.FreshReferences))
                .Where(c => c is not null)
                .Select(c => c!)
                .ToList();
            if (compilations.Count == 0)
            {
                Console.Error.WriteLine($"{capture}: no captured compilation has an analyzer named {options.Subject}*");
                return 1;
            }

            var configurations = variants.Select((_, i) => i).Prepend(-1).ToArray();
            var runs = new List<Run>();
            Console.WriteLine($"{capture}: {compilations.Count} compilations, {configurations.Length} configurations, 1 warm-up + {repetitions} repetitions");
            for (var repetition = 0; repetition <= repetitions; repetition++)
            {
                Console.WriteLine($"[{DateTime.Now:T}] {(repetition == 0 ? "warm-up" : $"repetition {repetition} of {repetitions}")}");
                for (var c = 0; c < compilations.Count; c++)
                {
                    // Rotate the order of the configurations from one repetition and compilation to the next.
                    var shift = (repetition + c) % configurations.Length;
                    foreach (var configuration in configurations.Skip(shift).Concat(configurations.Take(shift)))
                    {
                        var run = await compilations[c].AnalyzeAsync(configuration, repetition, c).ConfigureAwait(false);
                        if (repetition > 0)
                        {
                            runs.Add(run with { Repetition = repetition, Compilation = c });
                        }
                    }
                }
            }

            for (var v = 0; v < variants.Count; v++)
            {
                var tag = !options.MeasuresAsyncLessons ? "subject-" + options.Subject.TrimEnd('.')
                    : variants[v].Length == 0 ? "captured"
                    : Path.GetFileName(Path.TrimEndingDirectorySeparator(variants[v]));

                var folder = Path.Combine(options.ReplayOutput ?? Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(capture))!, "inproc-" + tag);
                Write(folder, capture, compilations, runs, v, repetitions, options);
                Console.WriteLine($"Wrote {folder} (python3 benchmarks/real-builds/replay.py --report {folder})");
            }
        }

        return 0;
    }

    private static void Write(string folder, string capture, List<ReplayedCompilation> compilations, List<Run> runs, int variant, int repetitions, BenchmarkOptions options)
    {
        Directory.CreateDirectory(folder);
        var meta = new Dictionary<string, object?>
        {
            ["mode"] = "in-process",
            ["subject"] = options.Subject,
            ["build"] = options.SequentialBuild ? "sequential" : "as captured",
            ["references"] = options.FreshReferences ? "fresh per run" : "shared",
            ["reps"] = repetitions,
            ["warmups"] = 1,
            ["nproc"] = Environment.ProcessorCount,
            ["started"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["project"] = capture,
            ["roslyn"] = typeof(Compilation).Assembly.GetName().Version?.ToString(),
            ["asynclessons"] = compilations[0].AsyncLessonsPaths[variant],
            ["compilations"] = compilations.Select((c, i) => new Dictionary<string, object> { ["index"] = i, ["target"] = c.Target, ["sources"] = c.Sources, ["response_file"] = c.ResponseFile }).ToList(),
        };
        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(meta, new JsonSerializerOptions { WriteIndented = true }));
        using var writer = new StreamWriter(Path.Combine(folder, "runs.jsonl"));
        foreach (var run in runs.Where(r => r.Configuration == -1 || r.Configuration == variant))
        {
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["rep"] = run.Repetition,
                ["comp"] = run.Compilation,
                ["config"] = run.Configuration == -1 ? "without" : "with",
                ["wall_s"] = Math.Round(run.Wall.TotalSeconds, 4),
                ["cpu_s"] = Math.Round(run.Cpu.TotalSeconds, 4),
                ["analyzer_total"] = Math.Round(run.Assemblies.Values.Sum(), 4),
                ["assemblies"] = run.Assemblies,
                ["diagnostics"] = run.Diagnostics,
                ["gc_pause_s"] = Math.Round(run.GcPause.TotalSeconds, 4),
                ["allocated_mb"] = Math.Round(run.Allocated / 1048576.0, 1),
                ["steal_s"] = Math.Round(run.Steal, 3),
                ["subject_analyzers"] = run.SubjectAnalyzers,
            }));
        }
    }

    /// <summary>One analysis of one compilation: -1 is without AsyncLessons, else the index of the AsyncLessons build.</summary>
    private sealed record Run(int Configuration, TimeSpan Wall, TimeSpan Cpu, Dictionary<string, double> Assemblies, int Diagnostics)
    {
        public int Repetition { get; init; }

        public int Compilation { get; init; }

        public TimeSpan GcPause { get; init; }

        /// <summary>Bytes allocated during the analysis.</summary>
        public long Allocated { get; init; }

        /// <summary>The subject's analyzers' charged times by analyzer type, in the runs with it.</summary>
        public Dictionary<string, double> SubjectAnalyzers { get; init; } = new(StringComparer.Ordinal);

        /// <summary>The machine's steal time during the analysis (the hypervisor running something else on its cores), seconds over all cores.</summary>
        public double Steal { get; init; }
    }

    /// <summary>One captured compilation, loaded once: its syntax trees (generated ones included), references, options and analyzers.</summary>
    private sealed class ReplayedCompilation(string responseFile, string name, string target, int sources, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references,
        CSharpCompilationOptions options, AnalyzerOptions analyzerOptions, ImmutableArray<DiagnosticAnalyzer> others,
        ImmutableArray<ImmutableArray<DiagnosticAnalyzer>> asyncLessons, ImmutableArray<string> asyncLessonsPaths)
    {
        public string Target { get; } = target;

        /// <summary>The capture's response file (<c>N.rsp</c>): unlike the target, unique among the compilations (one project per target framework).</summary>
        public string ResponseFile { get; } = Path.GetFileName(responseFile);

        public int Sources { get; } = sources;

        public ImmutableArray<string> AsyncLessonsPaths { get; } = asyncLessonsPaths;

        /// <summary>Each run opens its references afresh (<c>--fresh-references</c>).</summary>
        public bool FreshReferences { get; init; }

        /// <summary>The compilation of <paramref name="responseFile"/>, or null when it has no analyzer of the subject (AsyncLessons unless <c>--subject</c>).</summary>
        public static ReplayedCompilation? Load(string responseFile, IReadOnlyList<string> variants, string subject, bool sequentialBuild, bool freshReferences)
        {
            var directory = File.ReadAllText(Path.ChangeExtension(responseFile, ".dir")).Trim();
            var args = CSharpCommandLineParser.Default.Parse(new[] { "/noconfig", "@" + responseFile }, directory, System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
            if (args.Errors.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                throw new InvalidOperationException($"{responseFile}: {string.Join("; ", args.Errors)}");
            }

            var analyzerPaths = args.AnalyzerReferences.Select(r => Path.GetFullPath(r.FilePath, directory)).ToList();
            bool IsSubject(string path) => Path.GetFileName(path).StartsWith(subject, StringComparison.Ordinal);
            var ours = analyzerPaths.Where(IsSubject).ToList();
            if (ours.Count == 0)
            {
                return null;
            }

            var parseOptions = args.ParseOptions;
            var trees = args.SourceFiles.Select(f => Parse(f.Path, args)).ToImmutableArray();
            var references = args.MetadataReferences
                .Select(r => References.GetOrAdd((Path.GetFullPath(r.Reference, directory), string.Join(",", r.Properties.Aliases), r.Properties.EmbedInteropTypes), key =>
                    MetadataReference.CreateFromFile(key.Path, r.Properties)))
                .ToImmutableArray<MetadataReference>();
            var configs = args.AnalyzerConfigPaths.Select(p => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(p)), p)).ToImmutableArray();
            var configSet = AnalyzerConfigSet.Create(configs);
            var additional = args.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
            var configOptions = new ConfigOptions(configSet);
            var options = args.CompilationOptions.WithSyntaxTreeOptionsProvider(new TreeOptions(configSet));
            if (sequentialBuild)
            {
                options = options.WithConcurrentBuild(false);
            }

            var others = new List<DiagnosticAnalyzer>();
            var generators = new List<ISourceGenerator>();
            foreach (var path in analyzerPaths.Where(p => !IsSubject(p)))
            {
                var reference = new AnalyzerFileReference(path, Loader.For(Path.GetDirectoryName(path)!));
                others.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
                generators.AddRange(reference.GetGenerators(LanguageNames.CSharp));
            }

            // The generators' output, made once: it is the compiler's work, not the analyzers'.
            var compilation = CSharpCompilation.Create(args.CompilationName, trees, references, options);
            if (generators.Count > 0)
            {
                CSharpGeneratorDriver.Create(generators, additional, (CSharpParseOptions)parseOptions, configOptions)
                    .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
                trees = generated.SyntaxTrees.ToImmutableArray();
            }

            var asyncLessons = ImmutableArray.CreateBuilder<ImmutableArray<DiagnosticAnalyzer>>();
            var asyncLessonsPaths = ImmutableArray.CreateBuilder<string>();
            foreach (var variant in variants)
            {
                var paths = ours.Select(p => variant.Length == 0 ? p : Path.Combine(Path.GetFullPath(variant), Path.GetFileName(p))).ToList();
                asyncLessonsPaths.Add(Path.GetDirectoryName(paths[0])!);
                asyncLessons.Add(paths.SelectMany(p => new AnalyzerFileReference(p, Loader.For(Path.GetDirectoryName(p)!)).GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray());
            }

            return new ReplayedCompilation(responseFile, args.CompilationName ?? Path.GetFileName(responseFile), args.OutputFileName ?? "?", args.SourceFiles.Length, trees, references, options,
                new AnalyzerOptions(additional, configOptions), others.ToImmutableArray(), asyncLessons.ToImmutable(), asyncLessonsPaths.ToImmutable()) { FreshReferences = freshReferences };
        }

        /// <summary>A fresh compilation over the same trees, analyzed by the other analyzers and, unless -1, one AsyncLessons build.</summary>
        public async Task<Run> AnalyzeAsync(int configuration, int repetition, int index)
        {
            var analyzers = configuration < 0 ? others : others.AddRange(asyncLessons[configuration]);
            // Shared references keep the symbols a run built for them for as long as anything holds that run's
            // compilation, so whether the next run builds them again depends on the collector and on other analyzers'
            // caches (Polly.Core: 25 MB and 600 million instructions, in one run and not the next).
            var runReferences = FreshReferences ? Reopen(references) : references;
            var compilation = CSharpCompilation.Create(name, trees, runReferences, options);

            // The symbol tables, as the compiler builds them for its own work before analyzers ask (see Program).
            _ = compilation.Assembly;
            _ = compilation.GlobalNamespace.GetMembers();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            // Garbage collection held off, within what the warm-up allocated: a pause inside a callback would be
            // charged to whichever analyzer was running, and it is the largest noise left in a warm process.
            // One budget for every configuration of the compilation (the most any of them allocated), so the collector
            // prepares the same room for the runs with and without AsyncLessons.
            var held = _allocated > 0 && TryHoldOffCollection(_allocated + (_allocated / 2) + (64L << 20));
            var pauses = GC.GetTotalPauseDuration();
            var before = GC.GetTotalAllocatedBytes(precise: false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var steal = StealSeconds();
            CallgrindMarks.Begin(repetition);
            var stopwatch = Stopwatch.StartNew();
            var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            var wall = stopwatch.Elapsed;
            CallgrindMarks.End(repetition, index, configuration);
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var stolen = StealSeconds() - steal;
            var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
            _allocated = Math.Max(_allocated, allocated);
            var paused = GC.GetTotalPauseDuration() - pauses;
            if (held && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
            var assemblies = new Dictionary<string, double>(StringComparer.Ordinal);
            var subject = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < analyzers.Length; i++)
            {
                var analyzer = analyzers[i];
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                var name = analyzer.GetType().Assembly.GetName().Name ?? "?";
                assemblies[name] = assemblies.GetValueOrDefault(name) + telemetry.ExecutionTime.TotalSeconds;
                if (i >= others.Length)
                {
                    // The subject's analyzers come after the others (see above).
                    subject[analyzer.GetType().Name] = telemetry.ExecutionTime.TotalSeconds;
                }
            }

            return new Run(configuration, wall, used, assemblies, diagnostics.Length) { GcPause = paused, Allocated = allocated, Steal = stolen, SubjectAnalyzers = subject };
        }

        private static ImmutableArray<MetadataReference> Reopen(ImmutableArray<MetadataReference> references)
        {
            var reopened = ImmutableArray.CreateBuilder<MetadataReference>(references.Length);
            foreach (var reference in references)
            {
                var file = (PortableExecutableReference)reference;
                var fresh = MetadataReference.CreateFromFile(file.FilePath!, file.Properties);
                _ = fresh.GetMetadataId(); // read the file here, not inside the measured analysis
                reopened.Add(fresh);
            }

            return reopened.MoveToImmutable();
        }

        /// <summary>The eighth field of /proc/stat's "cpu" line (steal, in clock ticks of 1/100 s), in seconds; 0 where there is none.</summary>
        private static double StealSeconds()
        {
            try
            {
                using var reader = new StreamReader("/proc/stat");
                var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields is { Length: > 8 } && long.TryParse(fields[8], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks / 100.0 : 0;
            }
            catch (IOException)
            {
                return 0;
            }
            catch (UnauthorizedAccessException)
            {
                return 0;
            }
        }

        private long _allocated;

        private static bool TryHoldOffCollection(long budget)
        {
            try
            {
                return GC.TryStartNoGCRegion(Math.Min(budget, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2));
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        /// <summary>A source file as csc reads it: the response file's encoding and checksum algorithm.</summary>
        private static SyntaxTree Parse(string path, CSharpCommandLineArguments args)
        {
            var bytes = File.ReadAllBytes(path);
            return CSharpSyntaxTree.ParseText(SourceText.From(bytes, bytes.Length, args.Encoding, args.ChecksumAlgorithm), args.ParseOptions, path);
        }

        private static readonly ConcurrentDictionary<(string Path, string Aliases, bool Embed), PortableExecutableReference> References = new();
    }

    /// <summary>
    /// The calls into <c>benchmarks/real-builds/callgrind-marks.c</c> (<c>--callgrind-marks</c>): under callgrind, the
    /// instructions of each analysis, counted in every thread and dumped per run. Nothing is called without the option.
    /// </summary>
    private static class CallgrindMarks
    {
        private const string Library = "al-callgrind-marks";
        private static bool s_loaded;

        public static void Load(string path)
        {
            var handle = NativeLibrary.Load(Path.GetFullPath(path));
            NativeLibrary.SetDllImportResolver(typeof(CallgrindMarks).Assembly, (name, _, _) => name == Library ? handle : IntPtr.Zero);
            s_loaded = true;
        }

        /// <summary>Counting starts here; not in the warm-up (repetition 0), which runs at valgrind's uninstrumented speed.</summary>
        public static void Begin(int repetition)
        {
            if (s_loaded && repetition > 0)
            {
                al_callgrind_begin();
            }
        }

        public static void End(int repetition, int compilation, int configuration)
        {
            if (s_loaded && repetition > 0)
            {
                al_callgrind_end(repetition, compilation, configuration);
            }
        }

        [DllImport(Library)]
        private static extern void al_callgrind_begin();

        [DllImport(Library)]
        private static extern void al_callgrind_end(int repetition, int compilation, int configuration);
    }

    /// <summary>Loads each folder's analyzer assemblies in a context of its own; Roslyn and the framework come from this process.</summary>
    private sealed class Loader : AssemblyLoadContext, IAnalyzerAssemblyLoader
    {
        private static readonly ConcurrentDictionary<string, Loader> ByFolder = new(StringComparer.Ordinal);
        private readonly string _folder;

        private Loader(string folder)
            : base("replay:" + folder) =>
            _folder = folder;

        public static Loader For(string folder) => ByFolder.GetOrAdd(folder, f => new Loader(f));

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

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

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) =>
            File.Exists(Path) ? SourceText.From(File.ReadAllText(Path)) : null;
    }

    /// <summary>The severities of the configuration files, per tree and global, as csc reads them.</summary>
    private sealed class TreeOptions(AnalyzerConfigSet set) : SyntaxTreeOptionsProvider
    {
        private readonly ConcurrentDictionary<string, AnalyzerConfigOptionsResult> _byPath = new(StringComparer.Ordinal);

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
            For(tree).AnalyzerOptions.TryGetValue("generated_code", out var value) && bool.TryParse(value, out var generated)
                ? (generated ? GeneratedKind.MarkedGenerated : GeneratedKind.NotGenerated)
                : GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            For(tree).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);

        private AnalyzerConfigOptionsResult For(SyntaxTree tree) => _byPath.GetOrAdd(tree.FilePath, set.GetOptionsForSourcePath);
    }

    /// <summary>The analyzers' options from the same files.</summary>
    private sealed class ConfigOptions(AnalyzerConfigSet set) : AnalyzerConfigOptionsProvider
    {
        private readonly ConcurrentDictionary<string, AnalyzerConfigOptions> _byPath = new(StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => For(textFile.Path);

        private AnalyzerConfigOptions For(string path) => _byPath.GetOrAdd(path, p => new Options(set.GetOptionsForSourcePath(p).AnalyzerOptions));

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

            public override IEnumerable<string> Keys => values.Keys;
        }
    }
}
