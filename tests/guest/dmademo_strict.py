#!/usr/bin/env python3
"""dmademo_strict.py - --coherency=strict changes the data only where maintenance is missing.

    dmademo_strict.py EMULATOR IMAGE

Runs dmademo (guest/workloads/dmademo.c) under --model full with
--coherency=report and =strict.  With its maintenance complete, the guest's
whole output (every word it checked, the counts, the simulated time) is the
same in both modes.  With --omit=inval (no invalidation of the victim's
destination) report mode hands the CPU what DMA wrote, so the demo's check
passes; strict mode leaves the CPU reading its stale cached lines, as a board
does, so the check fails on the victim channel (DMA0 channel 0) and only there.
"""
import re
import subprocess
import sys

n = 0


def ok(cond, what):
    global n
    n += 1
    print(('ok' if cond else 'not ok') + ' %d - %s' % (n, what))
    return cond


def run(emu, image, mode, *args):
    p = subprocess.run([emu, '--model', 'full', '--coherency=' + mode, image] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=240)
    return p.returncode, p.stdout


def main():
    emu, image = sys.argv[1], sys.argv[2]
    print('1..8')
    rs, out_r = run(emu, image, 'report')
    ss, out_s = run(emu, image, 'strict')
    ok(rs == 0 and re.search(r'^dmademo: OK$', out_r, re.M), 'report: correct demo exits 0, OK')
    ok(ss == 0 and re.search(r'^dmademo: OK$', out_s, re.M), 'strict: correct demo exits 0, OK')
    ok(out_r == out_s, 'correct demo: the same guest output in report and strict mode')
    rs, out_r = run(emu, image, 'report', '--omit=inval')
    ss, out_s = run(emu, image, 'strict', '--omit=inval')
    ok(rs == 0 and re.search(r'^dmademo: OK$', out_r, re.M),
       'report, --omit=inval: the CPU reads what DMA wrote, the check passes')
    ok(ss == 1 and re.search(r'^dmademo: DATA MISMATCH$', out_s, re.M),
       'strict, --omit=inval: the check fails (exit 1)')
    ok(re.search(r'^dmademo: channel 0 \(kmalloc buffers [^)]*\): [1-9][0-9]* words wrong, '
                 r'0 source words changed$', out_s, re.M),
       'strict, --omit=inval: stale words on the victim channel')
    ok(not re.search(r'^dmademo: channel [1-9]', out_s, re.M),
       'strict, --omit=inval: no other channel is affected')
    ok(re.search(r'^dmademo: \d+ bytes moved and checked, 0 bad words', out_r, re.M),
       'report, --omit=inval: no bad word')
    return 0


if __name__ == '__main__':
    sys.exit(main())
