#!/usr/bin/env python3
"""buddyinfo_agree.py - the host's metrics agree with the guest's own /proc/buddyinfo.

    buddyinfo_agree.py EMULATOR IMAGE WORKDIR

Runs IMAGE (guest/workloads/fragdemo.c) with --stats, --report and a fixed
--sample-every.  The guest prints /proc/buddyinfo at the end of each phase,
then "fragdemo: PHASE: buddyinfo at cycle N" (the simulated cycle, from
semihosting SYS_ELAPSED) and idles for a while with nothing allocated or freed.
Checks, in TAP:
  - the run exits 0 and the guest printed its phases;
  - for each print-out, the host's first metrics sample at or after cycle N
    has exactly the guest's numbers, and so has every sample of the next
    WINDOW cycles (the host saw that instant, not a neighbour that happened
    to match), and the host's decode agreed with the guest's own counters;
  - the last print-out (the program's last act) equals, row for row, the
    buddyinfo that --stats prints from the host's decode of the final state,
    and the report's final mm.zones[].buddyinfo.
"""
import json
import os
import re
import subprocess
import sys

SAMPLE_EVERY = 5_000_000
WINDOW = 20_000_000      # well inside the guest's pause after each print-out
PHASES = ['boot', 'fill', 'fragment', 'heal', 'end']

ROW = re.compile(r'^Node (\d+), zone +(\S+)((?: +\d+)+) *$')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, what, diag=None):
        self.n += 1
        print(f'{"ok" if cond else "not ok"} {self.n} - {what}')
        if not cond:
            self.failed += 1
            for line in (diag or '').splitlines():
                print(f'# {line}')
        return cond


def parse_rows(lines):
    """{zone: [counts]} from Linux buddyinfo lines; the lines themselves, stripped."""
    zones, text = {}, []
    for line in lines:
        m = ROW.match(line)
        if m:
            zones[m.group(2)] = [int(x) for x in m.group(3).split()]
            text.append(line.rstrip())
    return zones, text


def guest_snapshots(stdout):
    """[(phase, cycle, zones, rows)] in print order."""
    snaps, block = [], None
    for line in stdout.splitlines():
        if line.startswith('-- /proc/buddyinfo'):
            block = []
            continue
        m = re.match(r'^fragdemo: (\w+): buddyinfo at cycle (\d+)$', line)
        if m:
            zones, rows = parse_rows(block or [])
            snaps.append((m.group(1), int(m.group(2)), zones, rows))
            block = None
        elif block is not None:
            block.append(line)
    return snaps


def host_stats_rows(stderr):
    """The rows under '/proc/buddyinfo:' in --stats, up to the next blank line."""
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == '/proc/buddyinfo:':
            block = []
            for row in lines[i + 1:]:
                if not row.strip():
                    break
                block.append(row)
            return parse_rows(block)
    return {}, []


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    emu, image, workdir = sys.argv[1:]
    os.makedirs(workdir, exist_ok=True)
    report = os.path.join(workdir, 'fragdemo-report.json')
    cmd = [emu, '--stats', '--report', report, '--sample-every', str(SAMPLE_EVERY), image]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    out = p.stdout.decode('utf-8', 'replace')
    err = p.stderr.decode('utf-8', 'replace')

    t = Tap()
    print('TAP version 13')
    t.ok(p.returncode == 0, 'fragdemo exits 0', err[-2000:])
    snaps = guest_snapshots(out)
    t.ok([s[0] for s in snaps] == PHASES and all(s[2] for s in snaps),
         'the guest printed buddyinfo and its cycle for each phase: ' + ' '.join(PHASES),
         f'got {[(s[0], s[1], len(s[3])) for s in snaps]}')
    try:
        with open(report) as f:
            mm = json.load(f)['mm']
        samples = mm['series']['samples']
    except (OSError, ValueError, KeyError) as e:
        t.ok(False, 'the report holds the metrics series', str(e))
        print(f'1..{t.n}')
        return 1
    t.ok(not mm['series']['adaptive'] and mm['series']['period_cycles'] == SAMPLE_EVERY,
         f'the series is sampled every {SAMPLE_EVERY} cycles')

    for phase, cycle, zones, _ in snaps:
        later = [s for s in samples if s['cycle'] >= cycle and 'zones' in s]
        window = [s for s in later if s['cycle'] < cycle + WINDOW]
        bad = []
        for s in window:
            host = {z['zone']: z['buddyinfo'] for z in s['zones']}
            if host != zones or not s['consistent']:
                bad.append(f'cycle {s["cycle"]}: host {host} consistent={s["consistent"]}')
        first = window[0]['cycle'] if window else None
        t.ok(len(window) >= 2 and not bad,
             f'{phase}: the host samples from cycle {first} (guest printed at {cycle}) '
             f'show the guest\'s buddyinfo',
             f'guest {zones}\n{len(window)} samples in the window\n' + '\n'.join(bad[:5]))

    if snaps:
        _, _, last_zones, last_rows = snaps[-1]
        host_zones, host_rows = host_stats_rows(err)
        t.ok(host_rows == last_rows and host_rows,
             'the final buddyinfo of --stats (host decode) is the guest\'s last print-out',
             'host:\n' + '\n'.join(host_rows) + '\nguest:\n' + '\n'.join(last_rows))
        final = {z['zone']: z['buddyinfo'] for z in mm['zones']}
        t.ok(final == last_zones and mm['consistent'],
             'the report\'s final mm.zones[].buddyinfo is the guest\'s last print-out',
             f'report {final} consistent={mm["consistent"]}\nguest {last_zones}')
    print(f'1..{t.n}')
    return 1 if t.failed else 0


if __name__ == '__main__':
    sys.exit(main())
