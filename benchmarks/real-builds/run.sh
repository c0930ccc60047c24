#!/usr/bin/env bash
# Real-build benchmark: build a project or solution through MSBuild with the peer analyzers and AsyncLessons
# injected from outside (no file of the project is edited), and measure what AsyncLessons costs in that build.
#
# usage: benchmarks/real-builds/run.sh [options] PROJECT-OR-SLN [-- extra msbuild args]
#   -n N       interleaved repetitions per mode (default 3)
#   -s K       number the repetitions from K (default 1): adds repetitions to an existing results folder
#   -M MODE    cold | warm | both (default both)
#                cold: compiler server off (-p:UseSharedCompilation=false), a fresh csc per compilation
#                warm: compiler server on (csc /shared), after unmeasured warm-up builds (-w)
#   -w N       warm-up builds before the warm repetitions (default 2: after one, the server is still JIT-ing)
#              `dotnet build-server shutdown` runs before each mode.
#   -p PEER    peer package in both configurations (repeatable; default: asyncfixer vsthrd)
#              asyncfixer | vsthrd (Microsoft.VisualStudio.Threading.Analyzers) | meziantou
#              versions: benchmarks/AsyncLessons.Benchmarks/AsyncLessons.Benchmarks.csproj; the DLLs come from
#              ${NUGET_PACKAGES:-~/.nuget/packages} (run `dotnet restore benchmarks/AsyncLessons.Benchmarks` once)
#   -L DIR     folder with AsyncLessons.Analyzers.dll + AsyncLessons.CodeFixes.dll
#              (default: src/AsyncLessons.CodeFixes/bin/Release/netstandard2.0 of this repo; build it first with
#              `dotnet build src/AsyncLessons.CodeFixes -c Release`)
#   -o DIR     results folder (default benchmarks/real-builds/results/<project name>)
#   -e K=V     environment variable for the build (repeatable), e.g. a repository's own knob
#   -m N       msbuild -m:N (default 1: one project at a time)
#   -q         don't print the report at the end (still written to DIR/report.md)
#
# Each build: dotnet build -t:Rebuild -c Release --no-restore (restore the project yourself first), with
#   -p:CustomAfterMicrosoftCommonTargets=<generated .targets>  (adds the Analyzer/AdditionalFiles items)
#   -p:ReportAnalyzer=true                                     (csc's per-analyzer accounting)
#   -p:CscToolPath=<wrapper>                                   (csc with /parallel-: analyzers on one thread;
#                                                               in warm mode also /shared: through the server)
# Default severities everywhere (what a user of the packages gets). Per repetition the two configurations
# "peers" and "peers+AsyncLessons" run back to back, in alternating order (ABBA), so drift of the machine hits
# both. Marginal cost of AsyncLessons = total time of ALL analyzers (the project's own ones included) with it
# minus without it, in the same repetition. report.py prints the tables (also: report.py DIR).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

REPS=3; FIRST=1; WARMUPS=2; MODES=both; PEERS=(); ALDIR=$ROOT/src/AsyncLessons.CodeFixes/bin/Release/netstandard2.0; OUT=""; ENVV=(); MAXCPU=1; QUIET=0
while getopts "n:s:w:M:p:L:o:e:m:qh" opt; do
  case $opt in
    n) REPS=$OPTARG ;; s) FIRST=$OPTARG ;; w) WARMUPS=$OPTARG ;; M) MODES=$OPTARG ;; p) PEERS+=("$OPTARG") ;; L) ALDIR=$(readlink -f "$OPTARG") ;;
    o) OUT=$OPTARG ;; e) ENVV+=("$OPTARG") ;; m) MAXCPU=$OPTARG ;; q) QUIET=1 ;;
    h|*) sed -n '2,33p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND-1))
[[ $# -ge 1 ]] || { sed -n '2,33p' "$0"; exit 2; }
PROJ=$(readlink -f "$1"); shift
[[ ${1:-} == -- ]] && shift
EXTRA=("$@")
[[ -f $PROJ ]] || { echo "no such project: $PROJ" >&2; exit 2; }
((${#PEERS[@]})) || PEERS=(asyncfixer vsthrd)
case $MODES in cold) MODES=(cold) ;; warm) MODES=(warm) ;; both) MODES=(cold warm) ;; *) echo "bad -M $MODES" >&2; exit 2 ;; esac
NAME=$(basename "$PROJ"); NAME=${NAME%.*}
OUT=$(mkdir -p "${OUT:-$HERE/results/$NAME}" && readlink -f "${OUT:-$HERE/results/$NAME}")

# ---- analyzer DLLs, generated .targets ------------------------------------------------------------
source "$HERE/packages.sh"

# ---- generated files: one .targets per configuration, csc wrappers ----------------------------------
mkdir -p "$OUT/gen/cold" "$OUT/gen/warm"
write_targets "$OUT/gen/peers.targets" "${PEER_DLLS[@]}"
write_targets "$OUT/gen/peers+al.targets" "${PEER_DLLS[@]}" "${AL_DLLS[@]}"
# csc wrappers: analyzers and compiler on one thread (/parallel-); warm: through the compiler server (/shared).
# Each appends the csc process's CPU time (user sys, s) to $RB_CPU_LOG: the cost of the build that contention
# on a shared machine inflates least (in warm mode the work is in the server; run.sh reads its CPU from /proc).
for m in cold warm; do
  sh=""; [[ $m == warm ]] && sh="/shared "
  printf '#!/usr/bin/env bash\nTIMEFORMAT="%%3U %%3S"\n{ time "%s" %s"$@" /parallel- 2>&3 ; } 3>&2 2>>"${RB_CPU_LOG:-/dev/null}"\n' "$REALCSC" "$sh" > "$OUT/gen/$m/csc"
done
chmod +x "$OUT/gen/cold/csc" "$OUT/gen/warm/csc"

# ---- metadata ----------------------------------------------------------------------------------------
SHA_AL=$(git -C "$ALDIR" rev-parse HEAD 2>/dev/null || git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo "?")
SHA_PROJ=$(git -C "$(dirname "$PROJ")" rev-parse HEAD 2>/dev/null || echo "?")
META_PEERS=$(IFS='|'; echo "${PEER_DESC[*]}") META_ENV="${ENVV[*]:-}" META_EXTRA="${EXTRA[*]:-}" \
python3 - "$OUT/meta.json" "$PROJ" "$SHA_PROJ" "$ALDIR" "$SHA_AL" "$(dotnet --version)" "$ROSLYN" "$REPS" "${MODES[*]}" "$MAXCPU" <<'PY'
import json, os, sys, time
a = sys.argv[1:]
json.dump({"project": a[1], "project_sha": a[2], "asynclessons_dir": a[3], "asynclessons_sha": a[4], "sdk": a[5],
           "roslyn": a[6], "reps": int(a[7]), "modes": a[8].split(), "maxcpu": int(a[9]), "nproc": os.cpu_count(),
           "peers": os.environ["META_PEERS"].split("|"), "env": os.environ["META_ENV"], "extra": os.environ["META_EXTRA"],
           "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, open(a[0], "w"), indent=1)
PY

# CPU seconds (user+sys) used so far by the running compiler server process(es), 0 if none
server_cpu() {
  local tck t=0 p; tck=$(getconf CLK_TCK)
  for p in $(pgrep -f 'VBCSCompiler(\.dll)?( |$)' || true); do
    t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  python3 -c "print($t / $tck)"
}

# ---- one build ---------------------------------------------------------------------------------------
build() {  # $1 mode  $2 config (peers | peers+al)  $3 run dir
  local mode=$1 cfg=$2 dir=$3 shared=false
  [[ $mode == warm ]] && shared=true
  rm -rf "$dir"; mkdir -p "$dir"
  local cmd=(dotnet build "$PROJ" -t:Rebuild -c Release --no-restore -nologo "-m:$MAXCPU" -nodeReuse:false "${EXTRA[@]}"
    -p:TreatWarningsAsErrors=false "-p:WarningsAsErrors=" -p:CodeAnalysisTreatWarningsAsErrors=false
    "-p:UseSharedCompilation=$shared" -p:ReportAnalyzer=true "-p:CscToolPath=$OUT/gen/$mode" -p:CscToolExe=csc
    "-p:CustomAfterMicrosoftCommonTargets=$OUT/gen/$cfg.targets"
    "-flp:logfile=$dir/build.log;verbosity=detailed;PerformanceSummary" -clp:Summary)
  printf '%q ' env "${ENVV[@]}" "${cmd[@]}" > "$dir/command.txt"; echo >> "$dir/command.txt"
  local c0 c1 t0 t1 rc busy server=0
  local s0 s1
  s0=$(server_cpu); c0=$(head -1 /proc/stat); t0=$(date +%s.%N)
  set +e; env RB_CPU_LOG="$dir/csc-cpu.txt" "${ENVV[@]}" "${cmd[@]}" > "$dir/console.log" 2>&1; rc=$?; set -e
  t1=$(date +%s.%N); c1=$(head -1 /proc/stat); s1=$(server_cpu)
  busy=$(awk -v a="$c0" -v b="$c1" 'BEGIN{n=split(a,x," ");split(b,y," ");t=0;for(i=2;i<=n;i++){d[i]=y[i]-x[i];t+=d[i]};if(t==0)t=1;printf "%.1f",100*(d[2]+d[3]+d[4])/t}')
  pgrep -f 'VBCSCompiler(\.dll)?( |$)' > /dev/null 2>&1 && server=1
  python3 "$HERE/report.py" --parse "$dir" --mode "$mode" --config "$cfg" --rc "$rc" \
    --wall "$(python3 -c "print(round($t1-$t0,3))")" --busy "$busy" --server "$server" --loadavg "$(cut -d' ' -f1 /proc/loadavg)" \
    --server-cpu "$(python3 -c "print(round(max(0.0, $s1 - $s0), 3))")"
  rm -f "$dir/build.log"
  [[ $rc -eq 0 ]] || { echo "BUILD FAILED (rc=$rc): $dir/console.log" >&2; return $rc; }
}

for mode in "${MODES[@]}"; do
  dotnet build-server shutdown > /dev/null 2>&1 || true
  if [[ $mode == warm ]]; then
    for ((u = 1; u <= WARMUPS; u++)); do
      echo "[$(date +%T)] $NAME warm: warm-up build $u (not measured)"
      build warm peers+al "$OUT/$mode/warmup$u"
    done
  fi
  for ((r = FIRST; r < FIRST + REPS; r++)); do
    if ((r % 2)); then order=(peers peers+al); else order=(peers+al peers); fi
    for cfg in "${order[@]}"; do
      echo "[$(date +%T)] $NAME $mode rep $r: $cfg"
      build "$mode" "$cfg" "$OUT/$mode/r$r/$cfg"
    done
  done
done
dotnet build-server shutdown > /dev/null 2>&1 || true
python3 "$HERE/report.py" "$OUT" > "$OUT/report.md"
((QUIET)) || cat "$OUT/report.md"
