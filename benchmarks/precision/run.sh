#!/usr/bin/env bash
# Lists every AsyncLessons diagnostic on the pinned real repositories of ../shared/corpus (npgsql, Polly, MQTTnet),
# built as their maintainers build them with our DLLs injected from outside. The input of docs/precision.md.
#
# usage: benchmarks/precision/run.sh LABEL
#   needs: CORPUS (a scratch folder), MIRROR (the folder `fetch` printed for github:npgsql/npgsql etc., one level up),
#          SCRIPTS (a writable copy of ../shared/corpus); run "bash $SCRIPTS/setup.sh" once first.
#   writes: $CORPUS/out/LABEL.al.jsonl (one diagnostic a line, with its source context) and LABEL.summary.json
#   REPOS="npgsql" limits the run to some repositories.
set -euo pipefail
LABEL=${1:?usage: run.sh LABEL}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${CORPUS:?set CORPUS}" "${SCRIPTS:?set SCRIPTS}"
dotnet build "$ROOT/src/AsyncLessons.CodeFixes" -c Release -nologo -v:q
DLLS=$CORPUS/dlls/$LABEL; rm -rf "$DLLS"; mkdir -p "$DLLS"
cp "$ROOT"/src/AsyncLessons.CodeFixes/bin/Release/netstandard2.0/AsyncLessons.*.dll "$DLLS"/
for repo in ${REPOS:-npgsql Polly MQTTnet}; do
  bash "$SCRIPTS/measure.sh" -q -w -m 2 -a "$DLLS/AsyncLessons.Analyzers.dll" -a "$DLLS/AsyncLessons.CodeFixes.dll" "$repo" "$LABEL"
done
mkdir -p "$CORPUS/out"; cd "$CORPUS/out"
python3 "$SCRIPTS/diagnostics.py" --label "$LABEL" --out-al "$LABEL.al.jsonl" --out-af "$LABEL.af.jsonl" --json "$LABEL.summary.json"
