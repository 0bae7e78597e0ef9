#!/usr/bin/python3
"""perf_breakdown.py BINARY PERF_DATA [ROW_LINES] - where the time of a headless run goes.

PERF_DATA: `perf record -e cpu-clock -F 20000 -o PERF_DATA BINARY --headless --threads 1
--duration 300000 --seed 1` with BINARY built with -g (make B=build/g OPT="-O3 -g"
build/g/izhiscope). cpu-clock is a timer, so it works where the processor's counters are not
available (this project's VM). Each sample's instruction is placed in a phase of the step by
its chain of inlined functions (addr2line -i -f): the fused kernel is one function to perf,
its phases are the functions inlined into it. ROW_LINES: comma-separated line numbers of
src/net_kernel.c that add the synaptic rows (inside input16/input); other lines of those
functions count as the noise's scaling. A sample lands on the instruction after the one the
processor was waiting for (skid), so phases that follow one another within a block lend each
other samples: compare phases over several percent, not their last digit (docs/speed.md).
"""
import collections
import re
import subprocess
import sys

PHASES = [  # (phase, functions inlined into the kernel that belong to it)
    ('normals: fast path (xoshiro, table gathers, reject list)',
     {'rng_draw16', 'rng_draw8', 'rng_next8', 'rng_rotl8', 'rng_list16', 'rng_list8',
      'bank_fast_avx512', 'bank_fast_avx2', 'bank_fast_portable'}),
    ('normals: the ~1.5% that miss the fast path',
     {'bank_finish_avx512', 'zig_slow', 'zig_wedge_exact', 'next8_lanes', 'bank_finish',
      'tail', 'rng_bank_finish'}),
    ('spike listing', {'list_peaks16', 'list_peaks'}),
    ('synaptic input', {'input16', 'input'}),
    ('neuron update (v, u)', {'paper_block16', 'euler_block16', 'dv16', 'guard16',
                              'paper_block', 'euler_block', 'dv', 'guard'}),
    ('kernel loop, call', {'range16', 'range8', 'paper16', 'euler16', 'paper8', 'euler8',
                           'step_fused', 'net_kernel_paper', 'net_kernel_euler'}),
    ('net_step around the kernel (collect, rows list)',
     {'net_step', 'fused_prepare', 'collect', 'scale_prepare', 'note_trace', 'stim_span',
      'stim_active', 'sync_workers'}),
]
REST = 'rest (run loop, recording, kernel, start-up)'


def main():
    binary, data = sys.argv[1], sys.argv[2]
    rows = {int(x) for x in sys.argv[3].split(',')} if len(sys.argv) > 3 else set()
    start = {}
    for line in subprocess.run(['nm', binary], capture_output=True, text=True, check=True).stdout.splitlines():
        f = line.split()
        if len(f) == 3:
            start[f[2]] = int(f[0], 16)
    script = subprocess.run(['perf', 'script', '-i', data, '-F', 'ip,sym,symoff,dso'],
                            capture_output=True, text=True, check=True).stdout
    at, phase, total = collections.Counter(), collections.Counter(), 0
    for line in script.splitlines():
        total += 1
        m = re.match(r'\s*[0-9a-f]+ (\S+)\+0x([0-9a-f]+) \((.*)\)', line)
        if m and m.group(3).endswith(binary.lstrip('./')) and m.group(1) in start:
            at[start[m.group(1)] + int(m.group(2), 16)] += 1
        elif m and 'libm' in m.group(3) and re.match(r'.*(exp|log)', m.group(1)):
            phase[PHASES[1][0]] += 1           # the tails' and wedges' exp and log
        else:
            phase[REST] += 1
    addrs = sorted(at)
    out = subprocess.run(['addr2line', '-a', '-i', '-f', '-e', binary] + ['%x' % a for a in addrs],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    chains, cur, i = {}, None, 0
    while i < len(out):
        if out[i].startswith('0x'):
            cur = int(out[i], 16)
            chains[cur] = []
            i += 1
        else:
            chains[cur].append((out[i], out[i + 1]))
            i += 2
    for a, n in at.items():
        phase[classify(chains.get(a, []), rows)] += n
    for name, n in phase.most_common():
        print('%6.1f%%  %s' % (100.0 * n / total, name))
    print('(%d samples)' % total)


def classify(chain, rows):
    for func, loc in chain:           # innermost first
        for name, funcs in PHASES:
            if func in funcs:
                if name != 'synaptic input':
                    return name
                line = re.search(r':(\d+)', loc)
                return 'synaptic rows' if line and int(line.group(1)) in rows else 'noise scaling, currents'
    return REST


if __name__ == '__main__':
    main()
