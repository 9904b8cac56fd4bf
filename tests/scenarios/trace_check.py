#!/usr/bin/env python3
"""trace_check.py - --trace writes a valid Chrome/Perfetto trace with the expected events (TAP).

    trace_check.py EMU T_MEMSYS.elf HELLO.elf DMADEMO.elf REQUEST_LINES.lua

1. t_memsys walker_bad under --model full: the file is JSON with traceEvents;
   counters for nIRQ and the D-cache; an instant event for the
   walker_coherency finding at a simulated-time timestamp; exceptions;
   metadata naming the process; timestamps are cycles / ARMCLK.
2. the same run twice gives the same bytes (simulated time only).
3. --trace-max-events 50 keeps 50 events and says how many it dropped;
   --trace-window keeps only events inside the window.
4. dmademo --omit=clean under --model full: the DRAM port's owner as slices
   (CPU and each of the four controllers); per controller a channel's
   "active" and "TC" tracks, the TC rising where an active slice ends (the
   item's last step) and every DMA slice on the DRAM port inside an active
   slice of its controller; the DMA coherency checker's missing_clean
   findings as instant events; every track's slices balanced.
5. the request-lines scenario: each of its 8 requests on "dma0 line 3
   request" ends where channel 0 becomes active (a step takes it).
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


EPS = 0.0015  # us: timestamps are printed with nanosecond digits


def tracks(doc):
    """thread name -> list of its B/E/X events, in file order."""
    names = {e['tid']: e['args']['name'] for e in doc['traceEvents']
             if e.get('ph') == 'M' and e.get('name') == 'thread_name'}
    out = {}
    for e in doc['traceEvents']:
        if e.get('ph') in ('B', 'E', 'X'):
            out.setdefault(names.get(e['tid'], '?'), []).append(e)
    return out


def slices(events):
    """[(start, end, name)] of a track's B/E pairs and X events; None when unbalanced."""
    out, open_ = [], None
    for e in events:
        if e['ph'] == 'X':
            out.append((e['ts'], e['ts'] + e['dur'], e['name']))
        elif e['ph'] == 'B':
            if open_ is not None:
                return None
            open_ = e
        else:
            if open_ is None or e['ts'] < open_['ts']:
                return None
            out.append((open_['ts'], e['ts'], open_['name']))
            open_ = None
    return None if open_ is not None else out


def inside(s, spans):
    return any(a - EPS <= s[0] and s[1] <= b + EPS for a, b, _ in spans)


def main():
    emu, t_memsys, hello, dmademo, req_lua = (os.path.abspath(x) for x in sys.argv[1:6])
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

        st = run(emu, ['-q', '--model', 'full', '--trace', 'e.json', dmademo, '--omit=clean'], tmp)
        with open(os.path.join(tmp, 'e.json')) as f:
            e = json.load(f)
        tr = tracks(e)
        sl = {k: slices(v) for k, v in tr.items()}
        check(all(v is not None for v in sl.values()),
              'every track has balanced, ordered slices (unbalanced: ' +
              (', '.join(k for k, v in sl.items() if v is None) or 'none') + ')')
        bus = sl.get('DRAM port owner') or []
        owners = {n for _, _, n in bus}
        check({'CPU', 'dma0', 'dma1', 'sdma0', 'sdma1'} <= owners,
              f'the DRAM port owner track names the CPU and the four controllers ({sorted(owners)})')
        check(all(b[0] + EPS >= a[1] for a, b in zip(bus, bus[1:])),
              'DRAM port slices do not overlap (one owner at a time)')
        for ctl in ('dma0', 'dma1', 'sdma0', 'sdma1'):
            act = sl.get(f'{ctl} ch0 active') or []
            tc = sl.get(f'{ctl} ch0 TC') or []
            ends = [b for _, b, _ in act]
            check(act and tc and all(any(abs(t[0] - x) < EPS for x in ends) for t in tc),
                  f'{ctl} ch0: {len(tc)} TC slices, each rising where one of its {len(act)} '
                  'active slices ends')
            allact = [s for k, v in sl.items() if k.startswith(ctl + ' ch') and
                      k.endswith(' active') for s in v or []]
            # Grants of one owner merge into one slice, so a slice may run from
            # one channel's transfer into the next: test against the union.
            union = []
            for a, b, n in sorted(allact):
                if union and a <= union[-1][1] + EPS:
                    union[-1] = (union[-1][0], max(union[-1][1], b), n)
                else:
                    union.append((a, b, n))
            allact = union
            mine = [s for s in bus if s[2] == ctl]
            out = [s for s in mine if not inside(s, allact)]
            check(mine and not out, f'{ctl}: its {len(mine)} DRAM port slices lie inside its '
                  f'channels\' active slices ({len(out)} outside)')
        mc = [x for x in e['traceEvents'] if x.get('ph') == 'i' and x.get('name') == 'missing_clean']
        check(mc and all(x['args'].get('pa', '?') != '?' for x in mc),
              f'the DMA coherency checker\'s missing_clean findings as instants ({len(mc)})')

        run(emu, ['-q', '--scenario', req_lua, '--trace', 'f.json'], tmp)
        with open(os.path.join(tmp, 'f.json')) as f:
            fl = {k: slices(v) for k, v in tracks(json.load(f)).items()}
        req = fl.get('dma0 line 3 request') or []
        act = fl.get('dma0 ch0 active') or []
        starts = [a for a, _, _ in act]
        check(len(req) == 8 and all(any(abs(r[1] - x) < EPS for x in starts) for r in req),
              f'8 request slices on dma0 line 3 (got {len(req)}), each ending where channel 0 '
              'becomes active')

    print(f'1..{len(checks)}')
    for i, (ok, what) in enumerate(checks, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0 if all(c[0] for c in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
