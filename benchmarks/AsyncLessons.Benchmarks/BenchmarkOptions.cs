using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AsyncLessons.Benchmarks;

/// <summary>Command-line options.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/AsyncLessons.Benchmarks -- [options]

          --quick              a few minutes on 2 cores: sizes 1x, 4x, 16x; 9, 7 and 3 repetitions
          --sizes 1,4,16       generated input sizes (default 1,4,16)
          --repetitions N      repetitions per input (default 9 at 1x and 4x, 7 otherwise; quick: 9, 7, 3)
          --input DIR          also (or, without --generated, only) benchmark every .cs file under DIR; repeatable
          --generated          with --input, still run the generated inputs
          --references DIR     extra reference assemblies for --input sources (every .dll under DIR); repeatable
          --packages A,B       peer packages to run (AsyncLessons always runs); default: all
          --concurrent         run analyzer callbacks concurrently, as a build does (default: sequential, less noise)
          --with-gc            let garbage collection run during the timed runs (default: held off, the same for all)
          --write-docs         write the tables into docs/performance.md
          --dump DIR           write the generated inputs as .cs files under DIR (to build or inspect them) and exit
          --note TEXT          the conditions to record with the figures (e.g. "shared machine, 5 other builds")

        In-process replay of a real build's compilations (see InProcessReplay.cs):
          --replay CAPTURE     a capture folder of benchmarks/real-builds/replay.sh (RESULTS/capture); repeatable
          --al DIR             an AsyncLessons build to replay with (default: the captured one); repeatable, for an A/B
          --replay-out DIR     where the inproc-<build> result folders go (default: next to the capture)
          --subject PREFIX     whose marginal to measure: the analyzer files whose names start with PREFIX are the
                               ones left out of the runs "without" (default: AsyncLessons.; e.g. AsyncFixer, for a
                               peer's marginal next to its charge; --al then does not apply)
          --repetitions N      measured repetitions (default 20), after one warm-up
          --sequential-build   bind on the analysis thread only (the compilation's concurrent build off, as csc
                               /parallel- does): no binding work split across threads, which makes the work of
                               each run, and its count in instructions, the same from one run to the next
          --fresh-references   new metadata for every reference in every run, as the compiler server opens them for
                               each compilation: no run reuses the reference symbols an earlier one built, and left
                               alive or not depending on what the garbage collector and other analyzers kept
          --callgrind-marks SO the native marks library of benchmarks/real-builds/instructions.sh, which runs this
                               under callgrind: each analysis is then counted in instructions, one dump per run
        """;

    public bool Help { get; private set; }

    public bool Quick { get; private set; }

    public bool WriteDocs { get; private set; }

    public bool Concurrent { get; private set; }

    /// <summary>Let the garbage collector run during the timed runs (by default it is held off: see GcHold).</summary>
    public bool WithGc { get; private set; }

    public bool Generated { get; private set; }

    public int? Repetitions { get; private set; }

    public IReadOnlyList<int> Sizes { get; private set; } = new[] { 1, 4, 16 };

    public List<string> InputFolders { get; } = new();

    public List<string> ReferenceDirectories { get; } = new();

    public IReadOnlyList<string>? Packages { get; private set; }

    public string? Note { get; private set; }

    public string? DumpDirectory { get; private set; }

    public List<string> ReplayCaptures { get; } = new();

    public List<string> AsyncLessonsBuilds { get; } = new();

    public string? ReplayOutput { get; private set; }

    /// <summary>Replay each compilation with its concurrent build off (<c>--sequential-build</c>).</summary>
    public bool SequentialBuild { get; private set; }

    /// <summary>Open every reference afresh for each run (<c>--fresh-references</c>).</summary>
    public bool FreshReferences { get; private set; }

    /// <summary>The compiled <c>benchmarks/real-builds/callgrind-marks.c</c>, called around each replayed analysis.</summary>
    public string? CallgrindMarks { get; private set; }

    /// <summary>The file-name prefix of AsyncLessons' analyzer assemblies: the in-process replay's subject unless <c>--subject</c>.</summary>
    public const string AsyncLessonsSubject = "AsyncLessons.";

    /// <summary>The file-name prefix of the analyzers the in-process replay runs with and without.</summary>
    public string Subject { get; private set; } = AsyncLessonsSubject;

    public bool MeasuresAsyncLessons => Subject == AsyncLessonsSubject;

    public int RepetitionsFor(BenchmarkInput input)
    {
        if (Repetitions is { } repetitions)
        {
            return repetitions;
        }

        if (!Quick)
        {
            return input.Scale is null or >= 16 ? 7 : 9;
        }

        // Small inputs are cheap to repeat and the noisiest: one garbage-collection pause (~30 ms) inside a callback is
        // several percent of a 1x compilation. More repetitions there keep the median steady at little cost.
        return input.Scale switch
        {
            >= 16 => 3,
            >= 4 => 7,
            _ => 9,
        };
    }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--help" or "-h":
                    options.Help = true;
                    break;
                case "--quick":
                    options.Quick = true;
                    break;
                case "--write-docs":
                    options.WriteDocs = true;
                    break;
                case "--concurrent":
                    options.Concurrent = true;
                    break;
                case "--with-gc":
                    options.WithGc = true;
                    break;
                case "--generated":
                    options.Generated = true;
                    break;
                case "--repetitions":
                    options.Repetitions = int.Parse(Value(), CultureInfo.InvariantCulture) is var n and > 0 ? n : throw new ArgumentException("--repetitions must be positive.");
                    break;
                case "--sizes":
                    options.Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => int.Parse(s.TrimEnd('x'), CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--input":
                    options.InputFolders.Add(Value());
                    break;
                case "--references":
                    options.ReferenceDirectories.Add(Value());
                    break;
                case "--packages":
                    options.Packages = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--dump":
                    options.DumpDirectory = Value();
                    break;
                case "--replay":
                    options.ReplayCaptures.Add(Value());
                    break;
                case "--al":
                    options.AsyncLessonsBuilds.Add(Value());
                    break;
                case "--replay-out":
                    options.ReplayOutput = Value();
                    break;
                case "--fresh-references":
                    options.FreshReferences = true;
                    break;
                case "--sequential-build":
                    options.SequentialBuild = true;
                    break;
                case "--callgrind-marks":
                    options.CallgrindMarks = Value();
                    break;
                case "--subject":
                    options.Subject = Value();
                    break;
                case "--note":
                    options.Note = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return options;
    }
}
