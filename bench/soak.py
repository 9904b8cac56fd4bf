#!/usr/bin/env python3
"""soak.py [--emu EMU] [--image IMAGE] [--pairs N] [--order K] [--every CYCLES]
          [--interval SECONDS]

Soak test (a benchmark, not a unit test; figures in BENCHMARKS.md): a guest
that allocates and frees pages for about 10^9 instructions
(guest/workloads/bench_alloc.c: N alloc_pages()+__free_pages() pairs) under
--model full, with the heatmap writing a PNG every CYCLES cycles, while the
emulator's resident memory (VmRSS in /proc/PID/status) is sampled every
SECONDS of wall time.  Prints the samples and a summary: RSS after warm-up,
at the end, the largest, and the growth from the first quarter of the run
to the last; exits 1 if the run failed or RSS grew by more than 5 %.
Run it niced: it takes minutes."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def rss_kib(pid):
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', default=os.path.join(HERE, '..', 'build', 's3c6410-emu'))
    ap.add_argument('--image', default=os.path.join(HERE, '..', 'build', 'guest',
                                                    'bench_alloc.elf'))
    ap.add_argument('--pairs', type=int, default=1230000)
    ap.add_argument('--order', type=int, default=2)
    ap.add_argument('--every', default='20M')
    ap.add_argument('--interval', type=float, default=2.0)
    a = ap.parse_args()
    out = tempfile.mkdtemp(prefix='soak-')
    report = os.path.join(out, 'report.json')
    cmd = [a.emu, '-q', '--model', 'full', '--heatmap-every', a.every,
           os.path.join(out, 'frame-%05d.png'), '-r', report, a.image,
           str(a.pairs), str(a.order)]
    print('#', ' '.join(cmd), flush=True)
    t0 = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    samples = []
    while p.poll() is None:
        r = rss_kib(p.pid)
        if r:  # 0 until the exec'd emulator has mapped anything
            samples.append((time.time() - t0, r))
            print(f'{samples[-1][0]:8.1f} s  {r / 1024:8.1f} MiB', flush=True)
        time.sleep(a.interval)
    status = p.wait()
    wall = time.time() - t0
    frames = len([f for f in os.listdir(out) if f.endswith('.png')])
    try:
        rep = json.load(open(report))
    except (OSError, ValueError):
        rep = {}
    shutil.rmtree(out, ignore_errors=True)
    insns = rep.get('instructions', rep.get('cpu', {}).get('instructions', 0))
    if len(samples) < 8:
        print(f'soak: only {len(samples)} samples; status {status}')
        return 1
    q = len(samples) // 4
    first = sum(r for _, r in samples[:q]) / q
    last = sum(r for _, r in samples[-q:]) / q
    growth = (last - first) / first * 100
    print(f'soak: status {status}, {insns} instructions, {frames} PNG frames, {wall:.0f} s wall, '
          f'{len(samples)} samples')
    print(f'soak: RSS first quarter {first / 1024:.1f} MiB, last quarter {last / 1024:.1f} MiB '
          f'({growth:+.2f} %), max {max(r for _, r in samples) / 1024:.1f} MiB')
    return 0 if status == 0 and growth <= 5 else 1


if __name__ == '__main__':
    sys.exit(main())
