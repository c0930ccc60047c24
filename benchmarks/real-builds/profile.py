#!/usr/bin/env python3
"""Reads what profile.sh recorded (perf.txt, jit-al.txt, jit-noal.txt, csc-*.txt) and prints, as Markdown, what one
cold compilation pays for AsyncLessons: the samples with an AsyncLessons frame on the stack, split by what runs below
our innermost frame (the JIT, the rest of the runtime, our own code, compiler or library code), per rule, and the
methods JIT-compiled with and without AsyncLessons."""
import argparse
import collections
import re

OURS = 'AsyncLessons'


def samples(path):
    """perf script -F comm,tid,ip,sym,dso: one sample per blank-line-separated block, frames leaf first."""
    frames = None
    with open(path, errors='replace') as f:
        for line in f:
            if not line.strip():
                if frames:
                    yield frames
                frames = None
            elif not line[0].isspace():
                frames = []
            elif frames is not None:
                parts = line.strip().split(None, 1)
                frames.append(parts[1] if len(parts) > 1 else '?')
    if frames:
        yield frames


def dso(frame):
    m = re.search(r'\(([^()]*)\)\s*$', frame)
    return m.group(1).rsplit('/', 1)[-1] if m else '?'


def method(frame):
    """'Namespace.Type::Method' out of a perf-map name such as 'instance void [Asm] Namespace.Type::Method(args)[QuickJitted]'."""
    name = re.sub(r'\s*\([^()]*\)\s*$', '', frame)
    m = re.search(r'\] ([\w.+<>`]+::[\w.<>`|]+)', name)
    return m.group(1) if m else name[:100]


def rule(frames):
    for f in frames:
        m = re.search(r'AsyncLessons\.Rules\.(\w+?Analyzer)', f)
        if m:
            return m.group(1)
    return 'shared (RuleAnalyzer, Internals)'


def jit_log(path):
    """The methods of a DOTNET_JitStdOutFile log: (name, IL size)."""
    out = []
    with open(path, errors='replace') as f:
        for line in f:
            m = re.match(r'\s*\d+: JIT compiled (.*?) \[.*IL size=(\d+)', line)
            if m:
                out.append((m.group(1), int(m.group(2))))
    return out


def charged(path):
    """AsyncLessons' and AsyncFixer's time in csc's /reportanalyzer table."""
    try:
        text = open(path, errors='replace').read()
    except OSError:
        return {}
    found = {}
    for name in ('AsyncLessons.Analyzers', 'AsyncFixer'):
        m = re.search(r'^\s+([0-9.]+)\s+[0-9<]+\s+' + re.escape(name) + r', Version', text, re.M)
        if m:
            found[name] = float(m.group(1))
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--rate', type=float, default=2999)
    ap.add_argument('--target', default='')
    ap.add_argument('--warm', type=int, default=0, help='the samples are of the compiler server over this many compilations')
    a = ap.parse_args()
    ms = 1000 / a.rate
    total = ours = 0
    kinds = collections.Counter()
    rules = collections.Counter()
    own = collections.Counter()
    callee = collections.Counter()
    for s in samples(a.dir + '/perf.txt'):
        total += 1
        idx = [i for i, f in enumerate(s) if OURS in f]
        if not idx:
            continue
        ours += 1
        below = [dso(f) for f in s[:idx[0]]]
        if 'libclrjit.so' in below:
            kind = 'JIT of the code we run (libclrjit)'
        elif 'libcoreclr.so' in below:
            kind = 'other runtime work: type loading, stubs, casts, GC (libcoreclr)'
        elif not below or all(d.startswith('perf-') for d in below):
            kind = 'our code, and JIT-compiled generic code it calls'
        else:
            kind = 'compiler and library code we call (precompiled)'
        kinds[kind] += 1
        rules[rule(s)] += 1
        if kind.startswith('our code') or kind.startswith('compiler'):
            own[method(s[idx[0]])] += 1
        if kind.startswith('compiler') and idx[0] > 0:
            callee[method(s[idx[0] - 1])] += 1

    print(f'## {"Warm (compiler server, %d compilations)" % a.warm if a.warm else "Cold"} compilation profile: {a.target}\n')
    for name, path in (('with AsyncLessons (perf run)', 'csc-perf.txt'), ('with AsyncLessons', 'csc-al.txt')):
        c = charged(a.dir + '/' + path)
        if c:
            print(f'- csc /reportanalyzer, {name}: ' + ', '.join(f'{k} {v * 1000:.0f} ms' for k, v in c.items()))
    print(f'- perf samples: {total * ms:,.0f} ms of CPU in the {"server" if a.warm else "process"}; with an AsyncLessons frame on the stack: **{ours * ms:.0f} ms**\n')
    print('| below our innermost frame | ms | share |\n|---|--:|--:|')
    for k, v in kinds.most_common():
        print(f'| {k} | {v * ms:.1f} | {v / max(ours, 1):.0%} |')
    print('\n| rule (outermost of our frames) | ms |\n|---|--:|')
    for k, v in rules.most_common():
        print(f'| {k} | {v * ms:.1f} |')
    print('\n| our method where the time is spent, JIT excluded (top 12) | ms |\n|---|--:|')
    for k, v in own.most_common(12):
        print(f'| `{k}` | {v * ms:.1f} |')

    print('\n| compiler or library method we call, where its time is spent (top 12) | ms |\n|---|--:|')
    for k, v in callee.most_common(12):
        print(f'| `{k}` | {v * ms:.1f} |')
    if a.warm:
        return
    with_al = jit_log(a.dir + '/jit-al.txt')
    without = jit_log(a.dir + '/jit-noal.txt')
    mine = [(n, il) for n, il in with_al if n.startswith(OURS)]
    others = collections.Counter(n for n, _ in with_al if not n.startswith(OURS))
    others.subtract(collections.Counter(n for n, _ in without))
    extra = sum(v for v in others.values() if v > 0)
    fewer = -sum(v for v in others.values() if v < 0)
    print(f'\nJIT log: {len(with_al):,} methods compiled with AsyncLessons, {len(without):,} without. '
          f'Ours: {len(mine)} methods, {sum(il for _, il in mine):,} bytes of IL. '
          f'Of the others, {extra} compiled only with AsyncLessons and {fewer} only without '
          '(mostly re-compilations at a higher tier, which move with timing).')
    print('\n| our largest methods compiled (IL bytes) | |\n|---|--:|')
    for n, il in sorted(mine, key=lambda x: -x[1])[:8]:
        print(f'| `{n.split("(")[0]}` | {il} |')


if __name__ == '__main__':
    main()
