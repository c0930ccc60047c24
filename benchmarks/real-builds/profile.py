#!/usr/bin/env python3
"""Reads what profile.sh recorded (perf.txt, jit-al.txt, jit-noal.txt, csc-*.txt) and prints, as Markdown, what one
cold compilation pays for AsyncLessons: the samples with an AsyncLessons frame on the stack, split by what runs below
our innermost frame (the JIT, the rest of the runtime, our own code, compiler or library code), per rule, and the
methods JIT-compiled with and without AsyncLessons."""
import argparse
import bisect
import collections
import glob
import os
import re
import struct

OURS = 'AsyncLessons'


class ImageMap:
    """The methods of a ReadyToRun image, from the perf map crossgen2 writes next to it (`--perfmap`: RVA, size, name
    per line): perf gives a frame in the image as its offset in the file, which the PE section table turns into an
    RVA. None when the image has no map (an IL build: its frames come named from the runtime's perf map)."""
    _cache = {}

    @classmethod
    def of(cls, path):
        if path not in cls._cache:
            maps = glob.glob(os.path.join(os.path.dirname(path), os.path.splitext(os.path.basename(path))[0] + '.ni.*.map'))
            cls._cache[path] = cls(path, maps[0]) if maps and os.path.exists(path) else None
        return cls._cache[path]

    def __init__(self, path, perfmap):
        self.path = path
        data = open(path, 'rb').read()
        pe = struct.unpack_from('<I', data, 0x3c)[0]
        count, optional = struct.unpack_from('<H', data, pe + 6)[0], struct.unpack_from('<H', data, pe + 20)[0]
        self.sections = []
        for i in range(count):
            _, rva, raw_size, raw_at = struct.unpack_from('<IIII', data, pe + 24 + optional + 40 * i + 8)
            self.sections.append((raw_at, raw_size, rva))
        self.methods = []
        for line in open(perfmap, errors='replace'):
            parts = line.rstrip('\n').split(' ', 2)
            if len(parts) == 3:
                try:
                    self.methods.append((int(parts[0], 16), int(parts[1], 16), parts[2]))
                except ValueError:
                    pass
        self.methods.sort()
        self.starts = [m[0] for m in self.methods]

    def name(self, offset):
        for raw_at, raw_size, rva in self.sections:
            if raw_at <= offset < raw_at + raw_size:
                at = offset - raw_at + rva
                i = bisect.bisect_right(self.starts, at) - 1
                if i >= 0 and at < self.methods[i][0] + self.methods[i][1]:
                    # 'System.Boolean AsyncLessons.X+Y`1[System.__Canon]::M(args)[ReadyToRun]' -> '[Asm] AsyncLessons.X+Y`1::M(args)'
                    full = re.sub(r'\[[^\[\]]*\]$', '', self.methods[i][2])
                    m = re.search(r'(\S+::[^(\s]+)(\(.*)?$', full)
                    return '[%s] %s%s' % (os.path.splitext(os.path.basename(self.path))[0], re.sub(r'\[[^\]]*\]', '', m.group(1)), m.group(2) or '') if m else full
        return None


def symbolized(ip, frame):
    """A frame of a precompiled image perf could not name, named from the image's perf map when there is one."""
    m = re.match(r'\[unknown\] \((.*)\)\s*$', frame)
    image = ImageMap.of(m.group(1)) if m and m.group(1).endswith('.dll') else None
    name = image.name(int(ip, 16)) if image else None
    return '%s (%s)' % (name, m.group(1)) if name else frame


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
                frames.append(symbolized(parts[0], parts[1]) if len(parts) > 1 else '?')
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
