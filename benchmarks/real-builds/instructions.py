#!/usr/bin/env python3
"""The report of instructions.sh: instructions per analysis, with and without the subject, from callgrind's dumps.

usage: instructions.py OUT [--seconds NATIVE-INPROC-DIR]

Each dump that the marks wrote is one analysis of one compilation (its label: rep, comp, config; config -1 is
"without"). The warm-up (rep 0) is left out. The marginal is, per repetition and compilation, the count with the
subject minus the count without it. With --seconds, a folder of a native in-process replay of the same compilations
(`--replay`, not under valgrind), the marginal is also given in seconds: each compilation's count times that run's
seconds per instruction of the analysis without the subject (its mean wall time over its mean count here), next to
a fifth of AsyncFixer's charged time in that native run (issue 18's limit).
"""
import glob
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from replay import ARG, charged  # noqa: E402

LABEL = re.compile(r"^desc: Trigger: Client Request: rep=(\d+) comp=(\d+) config=(-?\d+)$")


def read_dumps(out):
    counts = {}
    for path in glob.glob(os.path.join(out, "callgrind.out*")):
        label = total = None
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if label is None and line.startswith("desc: Trigger"):
                    m = LABEL.match(line.strip())
                    if not m:
                        break
                    label = tuple(int(g) for g in m.groups())
                elif line.startswith("totals:"):
                    total = int(line.split()[1])
        if label is not None and total is not None:
            counts[label] = total
    return counts


def native_seconds(folder):
    """Per compilation (its response file, else its target): the mean wall time of the analysis without the subject, and AsyncFixer's mean charge."""
    meta = json.load(open(os.path.join(folder, "meta.json"), encoding="utf-8"))
    target = {c["index"]: key_of(c) for c in meta["compilations"]}
    wall, af = {}, {}
    for line in open(os.path.join(folder, "runs.jsonl"), encoding="utf-8"):
        r = json.loads(line)
        name = target[r["comp"]]
        if r["config"] == "without":
            wall.setdefault(name, []).append(r["wall_s"])
        af.setdefault(name, []).append(charged(r, "AsyncFixer"))
    walls = {n: statistics.mean(v) for n, v in wall.items()}
    afs = {n: statistics.mean(v) for n, v in af.items()}
    # Also by target where the target is unique, for a callgrind folder written before response files were recorded.
    targets = [os.path.basename(c["target"]) for c in meta["compilations"]]
    for c in meta["compilations"]:
        t = os.path.basename(c["target"])
        if targets.count(t) == 1 and key_of(c) in walls:
            walls.setdefault(t, walls[key_of(c)])
            afs.setdefault(t, afs[key_of(c)])
    return walls, afs


def key_of(compilation):
    """What names a compilation in both runs: its capture's response file (one project built for two target frameworks
    has two compilations of the same target), or the target in a folder written before response files were recorded."""
    return compilation.get("response_file") or os.path.basename(compilation["target"])


def subject_of(out):
    """The subject the run was started with (its command line in benchmark.log's first line is not kept: the option file is)."""
    path = os.path.join(out, "subject.txt")
    return open(path, encoding="utf-8").read().strip() if os.path.exists(path) else "AsyncLessons."


def capture_names(capture, subject):
    """Before the run has written its meta.json: the compilations as the replay numbers them, from the capture."""
    names = {}
    rsps = sorted(glob.glob(os.path.join(capture, "*.rsp")), key=lambda f: int(os.path.basename(f)[:-4]))
    for f in rsps:
        text = open(f, encoding="utf-8-sig", errors="replace").read()
        analyzers = re.findall(r"/analyzer:" + ARG, text)
        if any(os.path.basename(a.strip('"')).startswith(subject) for a in analyzers):
            target = re.search(r"/out:" + ARG, text)
            names[len(names)] = (os.path.basename(target.group(1).strip('"')) if target else "?", "?", os.path.basename(f))
    return names


def main(argv):
    out = argv[1]
    seconds = argv[argv.index("--seconds") + 1] if "--seconds" in argv else None
    counts = read_dumps(out)
    metas = glob.glob(os.path.join(out, "inproc-*", "meta.json"))
    meta = json.load(open(metas[0], encoding="utf-8")) if metas else {"compilations": []}
    names = {c["index"]: (os.path.basename(c["target"]), c["sources"], key_of(c)) for c in meta["compilations"]}
    if not names and os.path.exists(os.path.join(out, "capture.txt")):
        names = capture_names(open(os.path.join(out, "capture.txt"), encoding="utf-8").read().strip(), subject_of(out))
    reps = sorted({r for r, _, _ in counts if r > 0})
    comps = sorted({c for _, c, _ in counts})
    subject = meta.get("subject", "AsyncLessons.").rstrip(".")
    if not reps:
        print(f"no measured run in {out}")
        return 1
    wall, af_by = native_seconds(seconds) if seconds else ({}, {})
    af = 0.0

    print(f"# Instructions per analysis: {meta.get('project', out)}, subject {subject}\n")
    print(f"callgrind, {len(reps)} repetitions after a warm-up; millions of instructions (all threads) per analysis.\n")
    print("| compilation | sources | without | with | marginal per repetition | marginal, % of without |"
          + (" marginal, s (native s per instruction) |" if wall else ""))
    print("|---|--:|--:|--:|---|--:|" + ("--:|" if wall else ""))
    # A repetition counts for the total only if it has both runs of every compilation; a compilation's own row
    # uses every repetition it has both runs of (a run stopped midway still reports what it finished).
    full = [r for r in reps if all((r, c, k) in counts for c in comps for k in (-1, 0))]
    per_rep = {r: 0 for r in full}
    total_without = total_with = 0.0
    marginal_s = 0.0
    for c in comps:
        done = [r for r in reps if (r, c, -1) in counts and (r, c, 0) in counts]
        if not done:
            continue
        without = [counts[(r, c, -1)] for r in done]
        with_ = [counts[(r, c, 0)] for r in done]
        margins = [w - o for w, o in zip(with_, without)]
        for r, m in zip(done, margins):
            if r in per_rep:
                per_rep[r] += m
        mw, mo = statistics.mean(with_), statistics.mean(without)
        total_without += mo
        total_with += mw
        name, sources, key = names.get(c, (str(c), "?", str(c)))
        cell = " – |" if wall else ""
        # A native folder written before response files were recorded names compilations by target only.
        native = key if key in wall else name
        if wall and native in wall:
            af += af_by[native]
            s = statistics.mean(margins) * wall[native] / mo
            marginal_s += s
            cell = f" {s:.4f} |"
        print(f"| {name} | {sources} | {mo / 1e6:,.1f} | {mw / 1e6:,.1f} | "
              + " ".join(f"{m / 1e6:,.2f}" for m in margins)
              + f" | {100 * statistics.mean(margins) / mo:.2f}% |" + cell)
    marginal_total = total_with - total_without
    totals = [per_rep[r] for r in full]
    print(f"| **all** | | {total_without / 1e6:,.1f} | {total_with / 1e6:,.1f} | "
          + (" ".join(f"{m / 1e6:,.2f}" for m in totals) or "(no complete repetition)")
          + f" | {100 * marginal_total / total_without:.2f}% |" + (f" **{marginal_s:.4f}** |" if wall else ""))
    print()
    if len(totals) > 1 and statistics.mean(totals):
        spread = (max(totals) - min(totals)) / abs(statistics.mean(totals))
        print(f"- spread of the total marginal between complete repetitions: {100 * spread:.1f}% of its mean")
    missing = [c for c in comps if not all((r, c, k) in counts for r in reps for k in (-1, 0))]
    if missing:
        print(f"- {len(missing)} compilation(s) lack a run of some repetition (a run stopped midway?): their rows use the repetitions they have")
    if wall and af:
        limit = af / 5
        print(f"- native run `{seconds}`: AsyncFixer charged {af:.3f} s over these compilations; a fifth of it: {limit:.4f} s; "
              f"the marginal in seconds: {marginal_s:.4f} s ({marginal_s / af:.3f} of AsyncFixer's charge): "
              + ("**under the limit**" if marginal_s <= limit else "**over the limit**"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
