#!/usr/bin/env python3
"""Replays of a real build's compilations, with and without AsyncLessons (called by replay.sh).

  replay.py --capture DIR --out DIR --csc CSC --mode cold|warm --reps N [--warmups W] [--al-dir DIR] [--meta K=V ...]
  replay.py --report OUT_DIR                 the markdown report of one replay folder (also written as report.md)
  replay.py --rows OUT_DIR [OUT_DIR ...]     one summary row per folder (for docs/performance.md)

Each repetition runs every captured compilation that has AsyncLessons twice, with it and without it, back to back
and in alternating order (by repetition and by compilation), in a fresh csc process (cold) or through the compiler
server (warm). Per run: csc's own accounting (/reportanalyzer: the total of all analyzers, the project's own ones
included, and each package's share), and the CPU time (user + sys) of the csc process, plus the server's in warm mode.

Figures per repetition, summed over the compilations:
  marginal         = all analyzers' total with AsyncLessons - without it
  marginal CPU     = the compiler's CPU time with AsyncLessons - without it (what the machine pays, JIT and GC included)
  AsyncFixer       = AsyncFixer's charged time in the runs with AsyncLessons
Over the repetitions: the mean and its 95% confidence interval (Student's t). Issue 18's target, marginal <= 1/5 of
AsyncFixer's charged time, is "met" when the interval's upper end is below the limit, "not met" when its lower end
is above it, and "not resolved" otherwise.
"""
import argparse, glob, json, math, os, re, statistics, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import package_of, read_reports  # noqa: E402

# Student's t, two-sided 95%, by degrees of freedom (beyond 30: 1.96 is within 2%)
T95 = [float("nan"), 12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14, 2.13, 2.12,
       2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04]
ARG = r'("[^"]*"|\S+)'


# ------------------------------------------------------------------------------------------------ prepare
def is_al(path):
    return os.path.basename(path.strip('"')).startswith("AsyncLessons.")


def prepare(capture, out, al_dir):
    """The captured compilations with AsyncLessons, as two response files each: outputs redirected under OUT."""
    comps = []
    for f in sorted(glob.glob(os.path.join(capture, "*.rsp")), key=lambda p: int(os.path.basename(p)[:-4])):
        text = open(f, encoding="utf-8-sig").read()
        analyzers = re.findall(r"/analyzer:" + ARG, text)
        if not any(is_al(a) for a in analyzers):
            continue
        k = len(comps)
        m = re.search(r"/out:" + ARG, text)
        target = m.group(1).strip('"') if m else "?"
        odir = os.path.join(out, "obj", str(k))
        os.makedirs(odir, exist_ok=True)
        text = re.sub(r"/out:" + ARG, lambda _: "/out:" + os.path.join(odir, os.path.basename(target)), text)
        text = re.sub(r"/(refout|doc|errorlog|pdb|generatedfilesout|sourcelink):" + ARG + r"\s", "", text)
        text = re.sub(r"/reportanalyzer\+?\s", "", text)
        others = re.sub(r"/analyzer:" + ARG + r"\s", lambda a: "" if is_al(a.group(1)) else a.group(0), text)
        if al_dir:  # AsyncLessons from AL_DIR (the capture may have used another build)
            text = re.sub(r"/analyzer:" + ARG, lambda a: "/analyzer:" + os.path.join(al_dir, os.path.basename(a.group(1).strip('"')))
                          if is_al(a.group(1)) else a.group(0), text)
        sources = len(re.findall(r'\.cs"?(\s|$)', others))
        for cfg, t in (("with", text), ("without", others)):
            open(os.path.join(out, "%d.%s.rsp" % (k, cfg)), "w").write(t.rstrip() + "\n/reportanalyzer /parallel-\n")
        comps.append({"index": k, "target": target, "sources": sources,
                      "dir": open(f[:-4] + ".dir").read().strip()})
    return comps


# ------------------------------------------------------------------------------------------------ run
def server_cpu():
    """CPU seconds used so far by the running compiler server process(es)."""
    tck = os.sysconf("SC_CLK_TCK"); t = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = open("/proc/%s/cmdline" % pid, "rb").read().split(b"\0")
            if any(os.path.basename(c.decode(errors="replace")).startswith("VBCSCompiler") for c in cmd):
                f = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
                t += int(f[11]) + int(f[12])
        except OSError:
            continue
    return t / tck


def run_one(csc, comp, rsp, warm):
    args = [csc, "/noconfig"] + (["/shared"] if warm else []) + ["@" + rsp]
    s0 = server_cpu() if warm else 0.0
    t0 = time.monotonic()
    p = subprocess.Popen(args, cwd=comp["dir"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = p.stdout.read().decode(errors="replace")
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    s1 = server_cpu() if warm else 0.0
    reports = read_reports(output.splitlines())
    rc = os.waitstatus_to_exitcode(status)
    if rc != 0 or len(reports) != 1:
        raise SystemExit("replay of %s failed (rc %d, %d reports):\n%s" % (rsp, rc, len(reports), output[-3000:]))
    r = reports[0]
    return {"wall_s": round(wall, 4), "cpu_s": round(ru.ru_utime + ru.ru_stime + max(0.0, s1 - s0), 4),
            "analyzer_total": r["analyzer_total"], "assemblies": r["assemblies"]}


def replay(a):
    os.makedirs(a.out, exist_ok=True)
    comps = prepare(a.capture, a.out, a.al_dir)
    if not comps:
        raise SystemExit("no captured compilation has AsyncLessons")
    meta = dict(kv.split("=", 1) for kv in a.meta)
    meta.update({"mode": a.mode, "reps": a.reps, "warmups": a.warmups if a.mode == "warm" else 0, "nproc": os.cpu_count(),
                 "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "compilations": comps})
    json.dump(meta, open(os.path.join(a.out, "meta.json"), "w"), indent=1)
    warm = a.mode == "warm"
    runs = open(os.path.join(a.out, "runs.jsonl"), "w")
    for u in range(a.warmups if warm else 0):
        print("[%s] warm-up round %d (not measured)" % (time.strftime("%T"), u + 1), file=sys.stderr)
        for c in comps:
            for cfg in ("with", "without"):
                run_one(a.csc, c, os.path.join(a.out, "%d.%s.rsp" % (c["index"], cfg)), warm)
    for rep in range(1, a.reps + 1):
        print("[%s] repetition %d of %d" % (time.strftime("%T"), rep, a.reps), file=sys.stderr)
        for c in comps:
            order = ("with", "without") if (rep + c["index"]) % 2 else ("without", "with")
            for cfg in order:
                r = run_one(a.csc, c, os.path.join(a.out, "%d.%s.rsp" % (c["index"], cfg)), warm)
                r.update({"rep": rep, "comp": c["index"], "config": cfg})
                runs.write(json.dumps(r) + "\n"); runs.flush()
    runs.close()
    text = report(a.out)
    open(os.path.join(a.out, "report.md"), "w").write(text)
    print(text)


# ------------------------------------------------------------------------------------------------ figures
def charged(run, label):
    return sum(t for asm, t in run["assemblies"].items() if package_of(asm) == label)


def interval(xs):
    """mean, half-width of the 95% confidence interval"""
    n = len(xs); m = statistics.mean(xs)
    if n < 2:
        return m, float("nan")
    return m, (T95[n - 1] if n - 1 < len(T95) else 1.96) * statistics.stdev(xs) / math.sqrt(n)


def figures(out):
    meta = json.load(open(os.path.join(out, "meta.json")))
    runs = [json.loads(l) for l in open(os.path.join(out, "runs.jsonl"))]
    reps = sorted({r["rep"] for r in runs})
    ncomp = len(meta["compilations"])
    by = {(r["rep"], r["comp"], r["config"]): r for r in runs}
    reps = [k for k in reps if all((k, c, cfg) in by for c in range(ncomp) for cfg in ("with", "without"))]
    per_rep = {"marginal": [], "marginal_cpu": [], "AsyncLessons": [], "AsyncFixer": [], "VS Threading": [],
               "total_with": [], "total_without": [], "cpu_with": [], "cpu_without": []}
    per_comp = [[] for _ in range(ncomp)]
    for k in reps:
        w = [by[(k, c, "with")] for c in range(ncomp)]; wo = [by[(k, c, "without")] for c in range(ncomp)]
        tw = sum(r["analyzer_total"] for r in w); two = sum(r["analyzer_total"] for r in wo)
        per_rep["total_with"].append(tw); per_rep["total_without"].append(two); per_rep["marginal"].append(tw - two)
        cw = sum(r["cpu_s"] for r in w); cwo = sum(r["cpu_s"] for r in wo)
        per_rep["cpu_with"].append(cw); per_rep["cpu_without"].append(cwo); per_rep["marginal_cpu"].append(cw - cwo)
        for label in ("AsyncLessons", "AsyncFixer", "VS Threading"):
            per_rep[label].append(sum(charged(r, label) for r in w))
        for c in range(ncomp):
            per_comp[c].append(w[c]["analyzer_total"] - wo[c]["analyzer_total"])
    return meta, reps, per_rep, per_comp


def verdict(mean, half, limit):
    if mean + half <= limit:
        return "met"
    if mean - half > limit:
        return "**not met**"
    return "not resolved"


def report(out):
    meta, reps, f, per_comp = figures(out)
    L = []
    P = L.append
    P("# Replayed compilations: %s, %s" % (os.path.basename(meta.get("project", "?")), meta["mode"]))
    P("")
    P("- project: `%s` at `%s`; AsyncLessons commit `%s`; peers: %s" % (
        meta.get("project"), meta.get("project_sha", "?")[:12], meta.get("asynclessons_sha", "?")[:12], ", ".join(meta.get("peers", "").split("|"))))
    P("- SDK %s (Roslyn %s), %s cores; %d repetitions%s, started %s" % (
        meta.get("sdk"), meta.get("roslyn"), meta["nproc"], len(reps),
        (" after %d warm-up rounds" % meta["warmups"]) if meta["warmups"] else "", meta["started"]))
    P("")
    P("| figure, s per build (sum over %d compilations) | mean | 95%% interval | per repetition |" % len(meta["compilations"]))
    P("|---|--:|---|---|")
    for key, name in (("AsyncLessons", "AsyncLessons charged"), ("AsyncFixer", "AsyncFixer charged"),
                      ("VS Threading", "VS Threading charged"), ("total_without", "all analyzers, without AsyncLessons"),
                      ("total_with", "all analyzers, with AsyncLessons"), ("marginal", "**marginal** (with - without)"),
                      ("cpu_without", "compiler CPU, without"), ("cpu_with", "compiler CPU, with"),
                      ("marginal_cpu", "**marginal CPU** (with - without)")):
        m, h = interval(f[key])
        P("| %s | %.3f | %.3f to %.3f | %s |" % (name, m, m - h, m + h, " ".join("%.2f" % x for x in f[key])))
    af = statistics.mean(f["AsyncFixer"]); lim = af / 5
    P("")
    for key, name in (("marginal", "marginal"), ("marginal_cpu", "marginal CPU")):
        m, h = interval(f[key])
        P("- %s / AsyncFixer charged = %.2f (95%%: %.2f to %.2f); issue 18's target (at most %.3f s, 1/5 of %.3f s): %s"
          % (name, m / af, (m - h) / af, (m + h) / af, lim, af, verdict(m, h, lim)))
    P("")
    P("| compilation | sources | marginal, mean s (95% interval) |")
    P("|---|--:|---|")
    for c, xs in zip(meta["compilations"], per_comp):
        m, h = interval(xs)
        P("| %s | %d | %.3f (%.3f to %.3f) |" % (c["target"], c["sources"], m, m - h, m + h))
    return "\n".join(L) + "\n"


def rows(outs):
    L = ["| repository | mode | reps | compilations | AsyncLessons charged, s | AsyncFixer charged, s | marginal, s (95% interval) | marginal / AsyncFixer | marginal CPU, s (95% interval) | target: marginal ≤ 1/5 of AsyncFixer |",
         "|---|---|--:|--:|--:|--:|---|--:|---|---|"]
    for o in outs:
        meta, reps, f, _ = figures(o)
        af = statistics.mean(f["AsyncFixer"]); m, h = interval(f["marginal"]); mc, hc = interval(f["marginal_cpu"])
        name = "%s (%s)" % (os.path.basename(os.path.dirname(os.path.normpath(o))).replace("replay-", ""), os.path.basename(os.path.normpath(o)))
        L.append("| %s | %s | %d | %d | %.3f | %.3f | %.3f (%.3f to %.3f) | %.2f | %.3f (%.3f to %.3f) | %s |" % (
            name, meta["mode"], len(reps), len(meta["compilations"]), statistics.mean(f["AsyncLessons"]), af,
            m, m - h, m + h, m / af, mc, mc - hc, mc + hc, verdict(m, h, af / 5)))
    return "\n".join(L) + "\n"


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--capture"); ap.add_argument("--out"); ap.add_argument("--csc"); ap.add_argument("--mode", default="cold")
    ap.add_argument("--reps", type=int, default=10); ap.add_argument("--warmups", type=int, default=2)
    ap.add_argument("--al-dir"); ap.add_argument("--meta", nargs="*", default=[])
    ap.add_argument("--report"); ap.add_argument("--rows", nargs="+")
    a = ap.parse_args()
    if a.report:
        sys.stdout.write(report(a.report))
    elif a.rows:
        sys.stdout.write(rows(a.rows))
    elif a.capture and a.out and a.csc:
        replay(a)
    else:
        ap.print_help(); sys.exit(2)
