#!/usr/bin/env bash
# The marginal cost counted in instructions: the in-process replay (`--replay`) run under valgrind's callgrind, which
# counts the instructions each analysis executes, in every thread of the process. A count does not depend on what
# else the machine is doing; whether it repeats from one run to the next is another matter (see README.md).
#
# usage: benchmarks/real-builds/instructions.sh [-n N] [-s PREFIX] [-a DIR] [-S] -o OUT CAPTURE-DIR
#   -n N       measured repetitions after the warm-up (default 2)
#   -s PREFIX  whose marginal: the analyzer files starting with PREFIX are left out of the runs "without"
#              (default AsyncLessons.; -s AsyncFixer counts a peer's marginal the same way)
#   -a DIR     an AsyncLessons build to replay with (the benchmark's --al)
#   -S         repeatable counts (README.md): the compilation's concurrent build off (--sequential-build: binding on
#              the analysis thread only) and the references opened afresh for each run (--fresh-references)
#   -o OUT     results folder: the callgrind dumps (one per run), the benchmark's log, and report.md
#   CAPTURE-DIR  a capture folder of replay.sh (RESULTS/capture), or any folder of some of its N.rsp + N.dir pairs
#
# Needs valgrind (with its callgrind.h) and gcc, and the benchmark built: dotnet build benchmarks/AsyncLessons.Benchmarks -c Release
# (or BENCHMARK_DLL=path/to/AsyncLessons.Benchmarks.dll, a build elsewhere, so that a rebuild cannot change it under a long run).
# Instrumentation is on only between the marks around each measured analysis (callgrind-marks.c), so the loading, the warm-up
# and the set-up of each run go at valgrind's uninstrumented speed. Tiered compilation is off
# (DOTNET_TieredCompilation=0): the code each run executes is then fixed once it has been compiled in the warm-up,
# instead of depending on when, in valgrind's slowed-down time, the runtime recompiles a hot method. W^X is off
# (DOTNET_EnableWriteXorExecute=0): with it, the JIT writes code through a second mapping of the same memory, which
# valgrind does not see, so it can run a stale translation of code the JIT has since replaced (a crash in npgsql).
# Slow: about 300 times the native time of the analyses (Polly: about 40 minutes per repetition). Without -S the counts
# of large compilations do not repeat (the compiler's concurrent binding; README.md): read the spread before a figure.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REPS=2; SUBJECT=""; ALDIR=""; OUT=""; SEQUENTIAL=""
while getopts "n:s:a:o:Sh" opt; do
  case $opt in
    n) REPS=$OPTARG ;; s) SUBJECT=$OPTARG ;; a) ALDIR=$OPTARG ;; o) OUT=$OPTARG ;; S) SEQUENTIAL=1 ;;
    h|*) sed -n '2,25p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND-1))
[[ $# -eq 1 && -n $OUT ]] || { sed -n '2,25p' "$0"; exit 2; }
CAPTURE=$(readlink -f "$1")
DLL=${BENCHMARK_DLL:-$ROOT/benchmarks/AsyncLessons.Benchmarks/bin/Release/net10.0/AsyncLessons.Benchmarks.dll}
[[ -f $DLL ]] || { echo "build the benchmark first: dotnet build benchmarks/AsyncLessons.Benchmarks -c Release" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is needed" >&2; exit 2; }
mkdir -p "$OUT"; OUT=$(readlink -f "$OUT")
rm -f "$OUT"/callgrind.out*

echo "$CAPTURE" > "$OUT/capture.txt"; echo "${SUBJECT:-AsyncLessons.}" > "$OUT/subject.txt"
gcc -O2 -shared -fPIC -o "$OUT/libal-callgrind-marks.so" "$HERE/callgrind-marks.c"
ARGS=(--replay "$CAPTURE" --repetitions "$REPS" --callgrind-marks "$OUT/libal-callgrind-marks.so" --replay-out "$OUT")
[[ -n $SUBJECT ]] && ARGS+=(--subject "$SUBJECT")
[[ -n $ALDIR ]] && ARGS+=(--al "$ALDIR")
[[ -n $SEQUENTIAL ]] && ARGS+=(--sequential-build --fresh-references)
echo "[$(date +%T)] counting $CAPTURE under callgrind (${REPS} repetitions) ..." >&2
DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=0x10000000 DOTNET_GCRetainVM=1 \
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/callgrind.out" \
  dotnet "$DLL" "${ARGS[@]}" > "$OUT/benchmark.log" 2> "$OUT/valgrind.log" \
  || { tail -n 20 "$OUT/benchmark.log" "$OUT/valgrind.log" >&2; exit 1; }
echo "[$(date +%T)] done" >&2
python3 "$HERE/instructions.py" "$OUT" | tee "$OUT/report.md"
