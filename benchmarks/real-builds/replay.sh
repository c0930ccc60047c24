#!/usr/bin/env bash
# The marginal cost of AsyncLessons, resolved: every compilation of a real build replayed with and without it.
#
# usage: benchmarks/real-builds/replay.sh [options] PROJECT-OR-SLN [-- extra msbuild args]
#   -n N       interleaved repetitions (default 10)
#   -M MODE    cold | warm (default cold)
#                cold: a fresh csc process per compilation (compiler server off)
#                warm: through the compiler server (csc /shared), after -w unmeasured rounds
#   -w N       warm-up rounds before the warm repetitions (default 2)
#   -p PEER    peer package in both configurations (repeatable; default: asyncfixer vsthrd), as in run.sh
#   -L DIR     folder with AsyncLessons.Analyzers.dll + AsyncLessons.CodeFixes.dll (default: the Release build)
#   -o DIR     results folder (default benchmarks/real-builds/results/replay-<project name>)
#   -e K=V     environment variable for the capture build (repeatable), e.g. a repository's own knob
#   -r         reuse the compilations captured in DIR by an earlier run (no build)
#   -t TAG     write the figures to DIR/MODE-TAG rather than DIR/MODE (e.g. one folder per DLL set, with -r -L)
#
# Step 1, capture: one `dotnet build -t:Rebuild` of PROJECT (restored first by you) with the peers and AsyncLessons
# injected (-p:CustomAfterMicrosoftCommonTargets, no file of the project edited), through a csc wrapper that keeps
# each compilation's response file and working folder. Step 2, replay.py: each compilation that has AsyncLessons is
# run again with the same arguments (outputs redirected, /parallel-, /reportanalyzer) with AsyncLessons ("with")
# and with its /analyzer arguments removed ("without"), back to back in alternating order, N times. Replays skip
# MSBuild, restore and the other projects' work, so the spread of a difference is that of one compilation, not of a
# whole build: the marginal cost comes with a confidence interval. See replay.py for the figures.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

REPS=10; WARMUPS=2; MODE=cold; PEERS=(); ALDIR=$ROOT/src/AsyncLessons.CodeFixes/bin/Release/netstandard2.0; OUT=""; ENVV=(); REUSE=0; TAG=""
while getopts "n:w:M:p:L:o:e:rt:h" opt; do
  case $opt in
    n) REPS=$OPTARG ;; w) WARMUPS=$OPTARG ;; M) MODE=$OPTARG ;; p) PEERS+=("$OPTARG") ;; L) ALDIR=$(readlink -f "$OPTARG") ;;
    o) OUT=$OPTARG ;; e) ENVV+=("$OPTARG") ;; r) REUSE=1 ;; t) TAG=$OPTARG ;;
    h|*) sed -n '2,23p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND-1))
[[ $# -ge 1 ]] || { sed -n '2,23p' "$0"; exit 2; }
PROJ=$(readlink -f "$1"); shift
[[ ${1:-} == -- ]] && shift
EXTRA=("$@")
[[ -f $PROJ ]] || { echo "no such project: $PROJ" >&2; exit 2; }
[[ $MODE == cold || $MODE == warm ]] || { echo "bad -M $MODE" >&2; exit 2; }
((${#PEERS[@]})) || PEERS=(asyncfixer vsthrd)
NAME=$(basename "$PROJ"); NAME=${NAME%.*}
OUT=$(mkdir -p "${OUT:-$HERE/results/replay-$NAME}" && readlink -f "${OUT:-$HERE/results/replay-$NAME}")

source "$HERE/packages.sh"

if ((!REUSE)) || [[ ! -d $OUT/capture ]]; then
  rm -rf "$OUT/capture"; mkdir -p "$OUT/capture" "$OUT/gen"
  write_targets "$OUT/gen/peers+al.targets" "${PEER_DLLS[@]}" "${AL_DLLS[@]}"
  write_capture_csc "$OUT/gen" "$OUT/capture"
  echo "[$(date +%T)] capturing the compilations of $PROJ ..." >&2
  env "${ENVV[@]}" dotnet build "$PROJ" -t:Rebuild -c Release --no-restore -nologo -m:1 -nodeReuse:false "${EXTRA[@]}" \
    -p:TreatWarningsAsErrors=false "-p:WarningsAsErrors=" -p:CodeAnalysisTreatWarningsAsErrors=false \
    -p:UseSharedCompilation=false -p:ReportAnalyzer=true "-p:CscToolPath=$OUT/gen" -p:CscToolExe=csc \
    "-p:CustomAfterMicrosoftCommonTargets=$OUT/gen/peers+al.targets" > "$OUT/capture.log" 2>&1 \
    || { tail -20 "$OUT/capture.log" >&2; exit 1; }
fi

SHA_AL=$(git -C "$ALDIR" rev-parse HEAD 2>/dev/null || git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo "?")
SHA_PROJ=$(git -C "$(dirname "$PROJ")" rev-parse HEAD 2>/dev/null || echo "?")
dotnet build-server shutdown > /dev/null 2>&1 || true
python3 "$HERE/replay.py" --capture "$OUT/capture" --out "$OUT/$MODE${TAG:+-$TAG}" --csc "$REALCSC" --mode "$MODE" --reps "$REPS" \
  --warmups "$WARMUPS" --al-dir "$ALDIR" --meta "project=$PROJ" "project_sha=$SHA_PROJ" "asynclessons_sha=$SHA_AL" \
  "sdk=$(dotnet --version)" "roslyn=$ROSLYN" "peers=$(IFS='|'; echo "${PEER_DESC[*]}")"
dotnet build-server shutdown > /dev/null 2>&1 || true
