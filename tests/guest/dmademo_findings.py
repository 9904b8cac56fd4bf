#!/usr/bin/env python3
"""dmademo_findings.py - each --omit= variant of dmademo gives its finding, on its buffer.

    dmademo_findings.py EMULATOR IMAGE REPORT-PREFIX

Runs IMAGE (guest/workloads/dmademo.c) under --model full with no omission
and with each --omit= kind the memory model can see, reads the guest's line
naming the victim channel's source and destination buffers, and the JSON
report's findings.  Checks, in TAP: the correct run has no finding at all;
each variant has findings of exactly its expected kinds, every one on the
buffer the omitted maintenance was for, and the CPU-side ones at the demo's
check of the destination (finish_copy).
"""
import json
import re
import subprocess
import sys

# omit -> (expected finding kinds, which buffer, symbol of a CPU-side finding or None)
VARIANTS = [
    ('none', set(), None, None),
    ('clean', {'dma_read_dirty'}, 'source', None),
    ('inval', {'cpu_read_dma_stale'}, 'destination', 'finish_copy'),
    ('wb', {'dma_write_dirty'}, 'destination', None),
]
VICTIM = re.compile(r'^dmademo: victim \S+ channel \d+: source pa (0x[0-9a-f]+), '
                    r'destination pa (0x[0-9a-f]+), (\d+) bytes each')

n = 0


def ok(cond, what):
    global n
    n += 1
    print(('ok' if cond else 'not ok') + ' %d - %s' % (n, what))
    return cond


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: dmademo_findings.py EMULATOR IMAGE REPORT-PREFIX')
    emu, image, prefix = sys.argv[1:]
    print('1..%d' % (4 * len(VARIANTS)))
    for omit, kinds, buf, symbol in VARIANTS:
        report = '%s-%s.json' % (prefix, omit)
        args = [emu, '--model', 'full', '--report', report, image]
        if omit != 'none':
            args.append('--omit=' + omit)
        p = subprocess.run(args, capture_output=True, text=True, timeout=600)
        m = next((VICTIM.match(l) for l in p.stdout.splitlines() if VICTIM.match(l)), None)
        ok(m is not None and '\ndmademo: ' in p.stdout,
           '%s: the demo ran and named its victim buffers (exit %d)' % (omit, p.returncode))
        if m is None:
            for _ in range(3):
                ok(False, '%s: skipped' % omit)
            continue
        base = int(m.group(1 if buf == 'source' else 2), 16) if buf else 0
        size = int(m.group(3))
        with open(report) as f:
            found = json.load(f)['memory_model']['findings']
        counts = {k: v for k, v in found['counts'].items() if v}
        ok(set(counts) == kinds, '%s: finding kinds %s, expected %s' %
           (omit, sorted(counts), sorted(kinds)))
        first = found['first']
        on_buf = [f for f in first if base <= int(f['pa'], 16) < base + size]
        ok(len(on_buf) == len(first), '%s: all %d findings reported in full lie in the %s '
           'buffer' % (omit, len(first), buf or '(none)'))
        ok(symbol is None or all(symbol in f['symbol'] for f in first),
           '%s: CPU-side findings name %s' % (omit, symbol or '(n/a)'))
    return 0


if __name__ == '__main__':
    main()
    sys.exit(0)
