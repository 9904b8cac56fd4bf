#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""dma_host - the host cost of guest DMA in a whole machine with --model full.

    build/bench/dma_host [--repeat N] [--len KIB] [--rounds R]

Runs guest/workloads/dmademo.c under `--model full` (coherency report),
interleaved, N times each, and keeps each configuration's smallest CPU time
(user + system of the child: steadier than wall time on a shared machine):

 1. throughput: --len=KIB --rounds=R --no-check (32 channels on the four
    controllers copy KIB KiB each per round, the CPU idle meanwhile), and the
    same with --no-dma (boot, buffers, mappings: everything but the copies).
    Prints the guest DMA bytes per host second of the whole process, and of
    the copies alone (the bytes over the difference of the two times).
 2. the demo: dmademo as it ships (6 rounds: 32 channels streaming while the
    CPU allocates, fills and checks) and with --rounds=40 (less of the run is
    boot), each also with --no-dma: the same CPU
    work (fills, syncs, allocator churn, reads of every destination word),
    no transfer started.  Prints the ratio of the two times: the DMA run's
    host speed relative to the run without DMA.
Every run of one configuration must print the same guest output.
"""
import argparse
import os
import re
import subprocess
import sys

EMU = '@EMU@'
DMADEMO = '@DMADEMO@'


def cpu_run(args):
    """Run `args`; its stdout and the child's user + system CPU seconds."""
    r0 = os.times()
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    r1 = os.times()
    if p.returncode != 0:
        sys.exit('dma_host: %s exited with %d' % (' '.join(args), p.returncode))
    return p.stdout, (r1.children_user - r0.children_user) + (r1.children_system -
                                                               r0.children_system)


def measure(configs, repeat):
    """{name: (guest output, min CPU seconds, all CPU seconds)}, runs interleaved."""
    out, times = {}, {name: [] for name in configs}
    for _ in range(repeat):
        for name, guest_args in configs.items():
            stdout, t = cpu_run([EMU, '--model', 'full', DMADEMO] + guest_args)
            if out.setdefault(name, stdout) != stdout:
                sys.exit('dma_host: %s: the guest output differs between runs' % name)
            times[name].append(t)
    return {n: (out[n], min(times[n]), times[n]) for n in configs}


def moved(stdout):
    m = re.search(r'^dmademo: (\d+) bytes moved', stdout, re.M)
    return int(m.group(1)) if m else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--len', type=int, default=256, help='KiB per channel and round')
    ap.add_argument('--rounds', type=int, default=8)
    a = ap.parse_args()
    bulk = ['--len=%d' % a.len, '--rounds=%d' % a.rounds, '--no-check']
    r = measure({'bulk': bulk, 'bulk-no-dma': bulk + ['--no-dma'],
                 'demo': [], 'demo-no-dma': ['--no-dma'],
                 'demo40': ['--rounds=40'], 'demo40-no-dma': ['--rounds=40', '--no-dma']},
                a.repeat)
    fmt = lambda ts: ' '.join('%.2f' % t for t in ts)
    b, t, t0 = moved(r['bulk'][0]), r['bulk'][1], r['bulk-no-dma'][1]
    print('dmademo %s, --model full, %d runs each, min CPU seconds (all runs)' %
          (' '.join(bulk), a.repeat))
    print('  with DMA:    %.2f s (%s), %d bytes moved' % (t, fmt(r['bulk'][2]), b))
    print('  without DMA: %.2f s (%s)' % (t0, fmt(r['bulk-no-dma'][2])))
    print('  guest DMA data per host second: %.1f MB/s whole process, %s for the copies '
          'alone' % (b / t / 1e6, '%.1f MB/s' % (b / (t - t0) / 1e6) if t > t0 else
                     'too small to measure'))
    for name, what in (('demo', 'as shipped (6 rounds)'), ('demo40', '--rounds=40')):
        d, d0 = r[name][1], r[name + '-no-dma'][1]
        print('dmademo %s, --model full: with DMA %.2f s (%s), %d bytes moved; without DMA '
              '(--no-dma) %.2f s (%s)' % (what, d, fmt(r[name][2]), moved(r[name][0]), d0,
                                          fmt(r[name + '-no-dma'][2])))
        print('  host speed with DMA relative to without: %.2f (target >= 0.5)' % (d0 / d))
    return 0


if __name__ == '__main__':
    sys.exit(main())
