#!/usr/bin/env python3
"""extfrag_agree.py - the host's extfrag indices agree with the guest's, in a negative state.

    extfrag_agree.py EMULATOR IMAGE

Runs IMAGE (guest/workloads/extfrag.c) with --stats.  Its only free memory
is one order-9 block, so the order-10 fragmentation index is -500: neither
-1000 (a block exists) nor in [0, 1000].  The guest prints its
extfrag_index, unusable_index and /proc/buddyinfo as its last act; the host
prints the same tables from its decode of the final state.  Checks, in TAP:
the run passes its own checks; the guest printed "-0.500" (the sign kept);
each of the three tables is the same, row for row, on both sides.
"""
import re
import subprocess
import sys

SECTIONS = [  # guest header, host --stats header
    ('-- extfrag_index', '/sys/kernel/debug/extfrag/extfrag_index:'),
    ('-- unusable_index', '/sys/kernel/debug/extfrag/unusable_index:'),
    ('-- /proc/buddyinfo', '/proc/buddyinfo:'),
]
ROW = re.compile(r'^Node \d+, zone +\S+ ')


def rows_after(lines, header):
    """The 'Node N, zone Z ...' rows right after the header line."""
    for i, line in enumerate(lines):
        if line.strip() == header:
            out = []
            for row in lines[i + 1:]:
                if not ROW.match(row):
                    break
                out.append(row.rstrip())
            return out
    return []


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    emu, image = sys.argv[1:]
    p = subprocess.run([emu, '--stats', image], stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    out = p.stdout.decode('utf-8', 'replace').splitlines()
    err = p.stderr.decode('utf-8', 'replace').splitlines()
    n = failed = 0

    def ok(cond, what, diag=''):
        nonlocal n, failed
        n += 1
        print(f'{"ok" if cond else "not ok"} {n} - {what}')
        if not cond:
            failed += 1
            for line in diag.splitlines():
                print(f'# {line}')

    print('TAP version 13')
    ok(p.returncode == 0 and 'extfrag: PASS' in '\n'.join(out),
       'extfrag exits 0 with its checks passed', '\n'.join(out[-20:] + err[-20:]))
    guest_frag = rows_after(out, SECTIONS[0][0])
    ok(any(' -0.500 ' in r + ' ' for r in guest_frag),
       'the guest prints the order-10 index -500 as -0.500', '\n'.join(guest_frag))
    for gh, hh in SECTIONS:
        g, h = rows_after(out, gh), rows_after(err, hh)
        ok(g and g == h, f'{hh} of the host equals the guest\'s',
           'guest:\n' + '\n'.join(g) + '\nhost:\n' + '\n'.join(h))
    print(f'1..{n}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
