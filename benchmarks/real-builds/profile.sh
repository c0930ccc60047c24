#!/usr/bin/env bash
# What one cold compilation pays for AsyncLessons, broken down: JIT of our code, other runtime work (type loading,
# stubs, GC), our own code, and the compiler code we call; with the methods JIT-compiled because of us.
#
# usage: benchmarks/real-builds/profile.sh [-L DIR] [-o DIR] [-c TEXT] [-W N] PROJECT [-- extra msbuild args]
#   -L DIR   folder with AsyncLessons.Analyzers.dll + AsyncLessons.CodeFixes.dll (default: the Release build of this repo)
#   -o DIR   output folder (default benchmarks/real-builds/results/profile-<project name>)
#   -c TEXT  profile the compilation whose /out: path contains TEXT (default: the one with the most source files)
#   -W N     warm instead: the compilation runs through the compiler server (csc /shared) N times unmeasured, then
#            three times under `perf record` of the server process (what a compiler server pays, with no JIT)
#
# Steps: one `dotnet build -t:Rebuild` of PROJECT (restored first by you) with AsyncLessons and AsyncFixer injected
# (-p:CustomAfterMicrosoftCommonTargets, no file of the project edited) through a csc wrapper that keeps each
# compilation's response file; then, on the chosen compilation, replayed with `dotnet csc.dll /parallel-` in a fresh
# process: the JIT log (DOTNET_JitStdOutFile) with and without AsyncLessons, and `perf record -g` with the runtime's
# perf map (W^X off, so perf can name JIT-compiled frames). profile.py reads both and writes OUT/profile.md.
# Needs perf (linux-tools) and permission to record the process (perf_event_paranoid <= 2 for one's own processes).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ALDIR=$ROOT/src/AsyncLessons.CodeFixes/bin/Release/netstandard2.0; OUT=""; PICK=""; WARM=0
while getopts "L:o:c:W:h" opt; do
  case $opt in
    L) ALDIR=$(readlink -f "$OPTARG") ;; o) OUT=$OPTARG ;; c) PICK=$OPTARG ;; W) WARM=$OPTARG ;;
    h|*) sed -n '2,19p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND-1))
[[ $# -ge 1 ]] || { sed -n '2,19p' "$0"; exit 2; }
PROJ=$(readlink -f "$1"); shift
[[ ${1:-} == -- ]] && shift
EXTRA=("$@")
command -v perf >/dev/null || { echo "perf is not installed" >&2; exit 2; }
NAME=$(basename "$PROJ"); NAME=${NAME%.*}
OUT=$(mkdir -p "${OUT:-$HERE/results/profile-$NAME}" && readlink -f "${OUT:-$HERE/results/profile-$NAME}")
rm -rf "$OUT/rsp"; mkdir -p "$OUT/rsp"

PEERS=(asyncfixer)
source "$HERE/packages.sh"
CSC=$SDKDIR/Roslyn/bincore/csc.dll
write_targets "$OUT/inject.targets" "${PEER_DLLS[@]}" "${AL_DLLS[@]}"
write_capture_csc "$OUT" "$OUT/rsp"
echo "building $PROJ (cold, capturing the compilations) ..." >&2
dotnet build "$PROJ" -t:Rebuild -c Release --no-restore -nologo -m:1 -nodeReuse:false -p:UseSharedCompilation=false \
  -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= -p:ReportAnalyzer=true -p:CscToolPath="$OUT" -p:CscToolExe=csc \
  -p:CustomAfterMicrosoftCommonTargets="$OUT/inject.targets" "${EXTRA[@]}" > "$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log" >&2; exit 1; }

# the compilation to profile, and the folder its relative paths start from (the project's)
python3 - "$OUT" "$PICK" <<'EOF'
import glob, os, re, sys
out, pick = sys.argv[1], sys.argv[2]
best = None
for f in sorted(glob.glob(out + '/rsp/*.rsp')):
    t = open(f, encoding='utf-8-sig').read()
    m = re.search(r'/out:("[^"]+"|\S+)', t)
    if not m or 'AsyncLessons' not in t:
        continue
    target = m.group(1).strip('"')
    sources = len(re.findall(r'\.cs"?(\s|$)', t))
    if (pick and pick in target) or (not pick and (best is None or sources > best[2])):
        best = (f, target, sources, t)
        if pick:
            break
if best is None:
    sys.exit('no compilation with AsyncLessons found' + (' matching ' + pick if pick else ''))
f, target, sources, t = best
t = re.sub(r'/out:("[^"]+"|\S+)', '/out:' + out + '/out.dll', t)
t = re.sub(r'/(refout|doc|errorlog):("[^"]+"|\S+)\s', '', t)
t = t.rstrip() + ' /parallel-\n'
open(out + '/al.rsp', 'w').write(t)
open(out + '/noal.rsp', 'w').write(re.sub(r'/analyzer:\S*AsyncLessons\S*\s', '', t))
open(out + '/target.txt', 'w').write(f'{target}\n{open(f[:-4] + ".dir").read().strip()}\n{sources}\n')
EOF
TARGET=$(head -1 "$OUT/target.txt")
PROJDIR=$(sed -n 2p "$OUT/target.txt")
echo "profiling the compilation of $TARGET" >&2
cd "$PROJDIR"
if ((WARM)); then
  # The server inherits the environment of the client that starts it: perf map on, W^X off, for the whole server.
  dotnet build-server shutdown > /dev/null 2>&1 || true
  export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
  for ((i = 1; i <= WARM; i++)); do "$REALCSC" /shared /noconfig "@$OUT/al.rsp" > "$OUT/csc-al.txt" 2>&1 || true; done
  SERVER=$(pgrep -f 'VBCSCompiler(\.dll)?( |$)' | head -1)
  [[ -n $SERVER ]] || { echo "no compiler server is running" >&2; exit 1; }
  perf record -q -F 2999 -g -p "$SERVER" -o "$OUT/perf.data" & PERF=$!
  sleep 1
  for i in 1 2 3; do "$REALCSC" /shared /noconfig "@$OUT/al.rsp" > "$OUT/csc-perf.txt" 2>&1 || true; done
  kill -INT "$PERF"; wait "$PERF" || true
  perf script -i "$OUT/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null > "$OUT/perf.txt"
  dotnet build-server shutdown > /dev/null 2>&1 || true
  rm -f "$OUT"/jit-*.txt
  python3 "$HERE/profile.py" --rate 2999 --target "$TARGET" --warm 3 "$OUT" | tee "$OUT/profile.md"
  exit 0
fi
for c in al noal; do
  DOTNET_JitDisasmSummary=1 DOTNET_JitStdOutFile="$OUT/jit-$c.txt" dotnet "$CSC" /noconfig "@$OUT/$c.rsp" > "$OUT/csc-$c.txt" 2>&1 || true
done
rm -f /tmp/perf-*.map
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -F 2999 -g -o "$OUT/perf.data" \
  dotnet "$CSC" /noconfig "@$OUT/al.rsp" > "$OUT/csc-perf.txt" 2>&1 || true
perf script -i "$OUT/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null > "$OUT/perf.txt"
python3 "$HERE/profile.py" --rate 2999 --target "$TARGET" "$OUT" | tee "$OUT/profile.md"
