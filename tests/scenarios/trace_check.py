#!/usr/bin/env python3
"""trace_check.py - --trace writes a valid Chrome/Perfetto trace with the expected events (TAP).

    trace_check.py EMU T_MEMSYS.elf HELLO.elf

1. t_memsys walker_bad under --model full: the file is JSON with traceEvents;
   counters for nIRQ and the D-cache; an instant event for the
   walker_coherency finding at a simulated-time timestamp; exceptions;
   metadata naming the process; timestamps are cycles / ARMCLK.
2. the same run twice gives the same bytes (simulated time only).
3. --trace-max-events 50 keeps 50 events and says how many it dropped;
   --trace-window keeps only events inside the window.
"""
import json
import os
import subprocess
import sys
import tempfile


def run(emu, args, cwd):
    p = subprocess.run([emu] + args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=240)
    return p.returncode


def main():
    emu, t_memsys, hello = (os.path.abspath(x) for x in sys.argv[1:4])
    checks = []

    def check(ok, what):
        checks.append((bool(ok), what))

    with tempfile.TemporaryDirectory() as tmp:
        st = run(emu, ['-q', '--model', 'full', '--trace', 'a.json', t_memsys, 'walker_bad'], tmp)
        check(st == 0, 'the traced run exits 0')
        with open(os.path.join(tmp, 'a.json')) as f:
            raw = f.read()
        try:
            doc = json.loads(raw)
        except ValueError as e:
            doc = {}
            check(False, f'valid JSON ({e})')
        ev = doc.get('traceEvents', [])
        check(len(ev) > 10, 'traceEvents has events')
        kinds = {(e.get('ph'), e.get('name')) for e in ev}
        check(('C', 'D-cache fills') in kinds, 'a D-cache fills counter')
        check(('C', 'D-cache write-backs') in kinds, 'a D-cache write-backs counter')
        check(('C', 'nIRQ') in kinds, 'the nIRQ line as a counter')
        check(('i', 'walker_coherency') in kinds, 'the walker_coherency finding as an instant event')
        check(('C', 'memory-model findings') in kinds, 'the number of findings as a counter')
        check(any(e.get('ph') == 'i' and e.get('name') in ('IRQ', 'SVC', 'data abort',
                                                          'undefined instruction')
                  for e in ev), 'guest exceptions as instant events')
        check(('M', 'process_name') in kinds, 'process metadata')
        hz = doc.get('otherData', {}).get('armclk_hz', 0)
        fnd = [e for e in ev if e.get('name') == 'walker_coherency']
        check(hz > 0 and fnd and abs(fnd[0]['ts'] - fnd[0]['args']['cycle'] * 1e6 / hz) < 0.002,
              'timestamps are simulated time (cycle / ARMCLK, in us)')
        check(all(isinstance(e.get('ts', 0), (int, float)) for e in ev), 'every ts is a number')

        run(emu, ['-q', '--model', 'full', '--trace', 'b.json', t_memsys, 'walker_bad'], tmp)
        with open(os.path.join(tmp, 'b.json')) as f:
            check(f.read() == raw, 'two identical runs give identical traces')

        run(emu, ['-q', '--model', 'timing', '--trace', 'c.json', '--trace-max-events', '50',
                  hello], tmp)
        with open(os.path.join(tmp, 'c.json')) as f:
            c = json.load(f)
        n = len([e for e in c['traceEvents'] if e.get('ph') != 'M'])
        check(n == 50 and c['otherData']['dropped'] > 0,
              f'--trace-max-events 50 keeps 50 (kept {n}, dropped {c["otherData"]["dropped"]})')

        run(emu, ['-q', '--model', 'timing', '--trace', 'd.json', '--trace-window',
                  '100M:200M', hello], tmp)
        with open(os.path.join(tmp, 'd.json')) as f:
            d = json.load(f)
        hz = d['otherData']['armclk_hz']
        ts = [e['ts'] for e in d['traceEvents'] if 'ts' in e]
        check(ts and min(ts) >= 100e6 * 1e6 / hz - 0.001 and max(ts) < 200e6 * 1e6 / hz,
              '--trace-window 100M:200M keeps only events inside it')
        check(d['otherData']['outside_window'] > 0, 'events outside the window are counted')

    print(f'1..{len(checks)}')
    for i, (ok, what) in enumerate(checks, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0 if all(c[0] for c in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
