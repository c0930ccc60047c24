#!/usr/bin/env python3
"""Tables for benchmarks/real-builds/run.sh.

  report.py --parse RUN_DIR --mode M --config C ...   (called by run.sh after each build: build.log -> run.json)
  report.py OUT_DIR                                   markdown report of one run.sh results folder
  report.py --rows OUT_DIR [OUT_DIR ...]              one summary row per folder and mode (for docs/performance.md)

Times are csc's own accounting (/reportanalyzer, "Total analyzer execution time" per compilation), with the
analyzers on one thread (/parallel-), summed over the compilations of the build. "Charged" = the time csc
attributes to a package's analyzers. "Marginal" = all analyzers' total (the project's own analyzers included)
in the build with AsyncLessons minus the same total in the build without it, within one repetition.
"""
import argparse, glob, json, os, re, statistics, sys

PACKAGES = [  # (label, assembly-name prefix)
    ("AsyncLessons", "AsyncLessons."),
    ("AsyncFixer", "AsyncFixer"),
    ("VS Threading", "Microsoft.VisualStudio.Threading.Analyzers"),
    ("Meziantou", "Meziantou.Analyzer"),
]


def package_of(asm):
    for label, pfx in PACKAGES:
        if asm.startswith(pfx):
            return label
    return "project's own"


# ------------------------------------------------------------------------------------------------ parse
def read_reports(lines, re_project=None):
    """The /reportanalyzer blocks in csc's output (or a build log): per compilation the total of all analyzers and
    each analyzer assembly's time; with re_project, each compilation is tagged with the project of the last match."""
    re_tot = re.compile(r"Total analyzer execution time: ([\d.]+) seconds")
    re_gen = re.compile(r"Total generator execution time: ([\d.]+) seconds")
    re_row = re.compile(r"^\s*(<?[\d.]+)\s+(<?\d+)\s+(\S.*?)\s*$")
    comps, cur, mode, proj = [], None, None, "?"
    for line in lines:
        line = line.rstrip("\n")
        m = re_project.search(line) if re_project else None
        if m:
            proj = os.path.basename(m.group(1)); mode = None; continue
        m = re_tot.search(line)
        if m:
            cur = {"project": proj, "analyzer_total": float(m.group(1)), "assemblies": {}}
            comps.append(cur); mode = "an"; continue
        if re_gen.search(line):
            mode = "gen"; continue
        if mode:
            s = line.strip()
            if not s or s.startswith("Time (s)") or s.startswith("NOTE:"):
                continue
            r = re_row.match(line)
            if not r:
                mode = None; continue
            name = r.group(3)
            if mode == "an" and ", Version=" in name:
                t = 0.0 if r.group(1).startswith("<") else float(r.group(1))
                a = name.split(",")[0].strip()
                cur["assemblies"][a] = cur["assemblies"].get(a, 0.0) + t
    return comps


def parse(args):
    d = args.parse
    re_csc = re.compile(r"^\s*(\d+) ms\s+Csc\s+(\d+) calls")
    csc_ms = None
    with open(os.path.join(d, "build.log"), errors="replace") as fh:
        lines = fh.readlines()
    comps = read_reports(lines, re.compile(r'Target "CoreCompile" in file "[^"]+" from project "([^"]+)"'))
    for line in lines:
        m = re_csc.match(line)
        if m:
            csc_ms = int(m.group(1))
    cpu_client = []
    cf = os.path.join(d, "csc-cpu.txt")
    if os.path.exists(cf):
        for l in open(cf):
            f = l.split()
            if len(f) == 2:
                cpu_client.append(float(f[0]) + float(f[1]))
    out = {"cpu_client_s": round(sum(cpu_client), 3), "cpu_server_s": args.server_cpu, "csc_processes": len(cpu_client),
           "cpu_s": round(sum(cpu_client) + (args.server_cpu or 0.0), 3),
           "mode": args.mode, "config": args.config, "rc": args.rc, "wall_s": args.wall, "cpu_busy_pct": args.busy,
           "server_running_after": bool(args.server), "loadavg1_after": args.loadavg,
           "csc_task_s": csc_ms / 1000.0 if csc_ms is not None else None, "compilations": comps}
    json.dump(out, open(os.path.join(d, "run.json"), "w"), indent=1)


# ------------------------------------------------------------------------------------------------ summary
def med(xs):
    return statistics.median(xs) if xs else float("nan")


def rng(xs):
    return "%.2f–%.2f" % (min(xs), max(xs)) if xs else "–"


def pkg_total(run, label):
    return sum(t for c in run["compilations"] for a, t in c["assemblies"].items() if package_of(a) == label)


def pkg_per_comp(run, label):
    return [sum(t for a, t in c["assemblies"].items() if package_of(a) == label) for c in run["compilations"]]


def total(run):
    return sum(c["analyzer_total"] for c in run["compilations"])


def load(out):
    meta = json.load(open(os.path.join(out, "meta.json")))
    modes = {}
    for mode in ("cold", "warm"):
        reps = []
        for rd in sorted(glob.glob(os.path.join(out, mode, "r*")), key=lambda p: int(p.rsplit("r", 1)[1])):
            pair = {}
            for cfg in ("peers", "peers+al"):
                f = os.path.join(rd, cfg, "run.json")
                if os.path.exists(f):
                    pair[cfg] = json.load(open(f))
            if len(pair) == 2 and all(p["rc"] == 0 for p in pair.values()):
                reps.append(pair)
        if reps:
            modes[mode] = reps
    return meta, modes


def stats(reps):
    w = [p["peers+al"] for p in reps]; wo = [p["peers"] for p in reps]
    ncomp = len(w[0]["compilations"])
    s = {"reps": len(reps), "compilations": ncomp,
         "compilations_consistent": all(len(r["compilations"]) == ncomp for r in w + wo)}
    labels = [l for l, _ in PACKAGES] + ["project's own"]
    s["charged_with"] = {l: [pkg_total(r, l) for r in w] for l in labels}
    s["charged_without"] = {l: [pkg_total(r, l) for r in wo] for l in labels}
    s["per_comp_with"] = {l: [x for r in w for x in pkg_per_comp(r, l)] for l in labels}
    s["total_with"] = [total(r) for r in w]; s["total_without"] = [total(r) for r in wo]
    s["marginal"] = [a - b for a, b in zip(s["total_with"], s["total_without"])]
    s["csc_with"] = [r["csc_task_s"] or 0 for r in w]; s["csc_without"] = [r["csc_task_s"] or 0 for r in wo]
    s["wall_with"] = [r["wall_s"] for r in w]; s["wall_without"] = [r["wall_s"] for r in wo]
    s["cpu_with"] = [r.get("cpu_s", float("nan")) for r in w]; s["cpu_without"] = [r.get("cpu_s", float("nan")) for r in wo]
    s["marginal_cpu"] = [a - b for a, b in zip(s["cpu_with"], s["cpu_without"])]
    s["busy"] = [r["cpu_busy_pct"] for r in w + wo]
    s["server"] = [r["server_running_after"] for r in w + wo]
    return s


def report(out):
    meta, modes = load(out)
    P = print
    P("# Real build: %s" % os.path.basename(meta["project"]))
    P("")
    P("- project: `%s` at `%s`" % (meta["project"], meta["project_sha"][:12]))
    P("- AsyncLessons: `%s` (commit `%s`); peers: %s" % (meta["asynclessons_dir"], meta["asynclessons_sha"][:12], ", ".join(meta["peers"])))
    P("- SDK %s (Roslyn %s), %s cores, msbuild -m:%s, started %s" % (meta["sdk"], meta["roslyn"], meta["nproc"], meta["maxcpu"], meta["started"]))
    for mode, reps in modes.items():
        s = stats(reps)
        n = s["compilations"]
        P("")
        P("## %s (%s; %d interleaved repetitions, %d compilations%s)" % (
            mode, "compiler server off" if mode == "cold" else "compiler server on, after a warm-up build", s["reps"], n,
            "" if s["compilations_consistent"] else ", COMPILATION COUNT DIFFERS BETWEEN BUILDS"))
        P("")
        P("| package | charged, with AL: median s [range] | per compilation (median total / n) | median over compilations | charged without AL: median s |")
        P("|---|---|---|---|---|")
        for l in [l for l, _ in PACKAGES] + ["project's own"]:
            cw = s["charged_with"][l]
            if not any(cw) and not any(s["charged_without"][l]):
                continue
            P("| %s | %.2f [%s] | %.3f | %.3f | %s |" % (l, med(cw), rng(cw), med(cw) / n, med(s["per_comp_with"][l]),
                                                        "%.2f" % med(s["charged_without"][l]) if l != "AsyncLessons" else "–"))
        mg = s["marginal"]; af = med(s["charged_with"]["AsyncFixer"])
        P("")
        P("- all analyzers: without AL %.2f s [%s], with AL %.2f s [%s]" % (med(s["total_without"]), rng(s["total_without"]), med(s["total_with"]), rng(s["total_with"])))
        P("- **marginal cost of AsyncLessons: %.2f s median [%s] per build, %.3f s per compilation**; per repetition: %s"
          % (med(mg), rng(mg), med(mg) / n, ", ".join("%.2f" % x for x in mg)))
        mc = s["marginal_cpu"]
        P("- marginal CPU time of the compiler (csc processes%s, user+sys): %.2f s median [%s]; per repetition: %s (build CPU without AL %.1f s, with %.1f s)"
          % (" + server" if mode == "warm" else "", med(mc), rng(mc), ", ".join("%.2f" % x for x in mc), med(s["cpu_without"]), med(s["cpu_with"])))
        if af:
            P("- marginal CPU / AsyncFixer charged = %.2f" % (med(mc) / af))
            P("- marginal / AsyncFixer charged = %.2f (target ≤ 0.20 over all repetitions: %s); AsyncLessons charged / AsyncFixer charged = %.2f"
              % (med(mg) / af, verdict(mg, af), med(s["charged_with"]["AsyncLessons"]) / af))
        P("- Csc task: without %.1f s, with %.1f s (medians); build wall: without %.1f s, with %.1f s; CPU busy %s%%; compiler server running after the builds: %s"
          % (med(s["csc_without"]), med(s["csc_with"]), med(s["wall_without"]), med(s["wall_with"]), rng(s["busy"]).replace("–", "–"),
             "yes" if all(s["server"]) else ("no" if not any(s["server"]) else "mixed")))


def verdict(marginals, af):
    """Issue 18's target, marginal <= AsyncFixer charged / 5, judged on the spread across repetitions."""
    if not af:
        return "–"
    lim = af / 5
    if max(marginals) <= lim:
        return "met"
    if min(marginals) > lim:
        return "**not met**"
    return "not resolved (median %s)" % ("≤ 1/5" if med(marginals) <= lim else "> 1/5")


def rows(outs):
    loaded = [(os.path.basename(os.path.normpath(o)), load(o)) for o in outs]
    mz_any = any(any(stats(r)["charged_with"]["Meziantou"]) for _, (_, ms) in loaded for r in ms.values())
    P = print
    for mode in ("cold", "warm"):
        sel = [(n, ms[mode]) for n, (_, ms) in loaded if mode in ms]
        if not sel:
            continue
        P("")
        P("**%s** (%s)" % (mode, "compiler server off" if mode == "cold" else "compiler server on, after a warm-up build"))
        P("")
        P("| repository | reps | compilations | AsyncLessons charged: total s (per compilation; median per compilation) | AsyncFixer charged: total s (per compilation) | VS Threading charged |%s all analyzers, median s: without → with AL | marginal: median s [range] (per compilation) | marginal / AsyncFixer | marginal CPU: median s [range] | target: marginal ≤ 1/5 of AsyncFixer |"
          % (" Meziantou charged |" if mz_any else ""))
        P("|---|---:|---:|---:|---:|---:|%s---:|---:|---:|---:|---|" % ("---:|" if mz_any else ""))
        for name, reps in sel:
            s = stats(reps); n = s["compilations"]
            al = med(s["charged_with"]["AsyncLessons"]); af = med(s["charged_with"]["AsyncFixer"]); mg = med(s["marginal"])
            vs = med(s["charged_with"]["VS Threading"]); mz = med(s["charged_with"]["Meziantou"]); mc = med(s["marginal_cpu"])
            P("| %s | %d | %d | %.2f (%.3f; %.3f) | %.2f (%.3f) | %.2f |%s %.1f → %.1f | %.2f [%s] (%.3f) | %.2f | %.2f [%s] | %s |" % (
                name, s["reps"], n, al, al / n, med(s["per_comp_with"]["AsyncLessons"]), af, af / n, vs,
                (" %.2f |" % mz) if mz_any else "", med(s["total_without"]), med(s["total_with"]), mg, rng(s["marginal"]), mg / n,
                mg / af if af else float("nan"), mc, rng(s["marginal_cpu"]), verdict(s["marginal"], af)))


if __name__ == "__main__":
    if "--parse" in sys.argv:
        ap = argparse.ArgumentParser()
        ap.add_argument("--parse"); ap.add_argument("--mode"); ap.add_argument("--config"); ap.add_argument("--rc", type=int)
        ap.add_argument("--wall", type=float); ap.add_argument("--busy", type=float); ap.add_argument("--server", type=int)
        ap.add_argument("--loadavg", type=float); ap.add_argument("--server-cpu", type=float, default=0.0)
        parse(ap.parse_args())
    elif len(sys.argv) > 2 and sys.argv[1] == "--rows":
        rows(sys.argv[2:])
    elif len(sys.argv) == 2:
        report(sys.argv[1])
    else:
        print(__doc__); sys.exit(2)
