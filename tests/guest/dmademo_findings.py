#!/usr/bin/env python3
"""dmademo_findings.py - each --omit= variant of dmademo gives its finding, on its buffer.

    dmademo_findings.py EMULATOR IMAGE REPORT-PREFIX

Runs IMAGE (guest/workloads/dmademo.c) under --model full with no omission
and with each --omit= kind, reads the guest's line naming the victim
channel's source and destination buffers, and the JSON report's findings
(memory_model.findings and the coherency checker's "coherency" object).
Checks, in TAP: the correct run has no finding at all; each variant has its
finding kind and no other (but the ones its bug also causes), every one on
the buffer the omitted maintenance was for, naming the CPU-side function
that made it and the victim's controller and channel.
"""
import json
import re
import subprocess
import sys

# omit -> (the kind it must cause, other kinds it may cause, buffer,
#          {kind: functions one of which its CPU-side symbol must name})
VARIANTS = [
    ('none', None, set(), None, {}),
    ('clean', 'missing_clean', set(), 'source', {'missing_clean': ('fill_source',)}),
    ('inval', 'missing_invalidate', set(), 'destination',
     {'missing_invalidate': ('finish_copy',)}),
    ('wb', 'writeback_over_dma', set(), 'destination', {}),
    # the early writes also leave lines dirty that the copy then reads
    ('wait', 'cpu_write_in_flight', {'missing_clean'}, 'source',
     {'cpu_write_in_flight': ('start_copy', 'fill_source'),
      'missing_clean': ('start_copy', 'fill_source')}),
]
CHECKS = 5
VICTIM = re.compile(r'^dmademo: victim (\S+) channel (\d+): source pa (0x[0-9a-f]+), '
                    r'destination pa (0x[0-9a-f]+), (\d+) bytes each')

n = 0


def ok(cond, what):
    global n
    n += 1
    print(('ok' if cond else 'not ok') + ' %d - %s' % (n, what))
    return cond


def coherency_sections(doc):
    """Every object named "coherency" in the report, wherever it sits."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k == 'coherency' and isinstance(v, dict) and 'counts' in v:
                yield v
            else:
                yield from coherency_sections(v)


def findings(report):
    counts, first = {}, []
    sections = [report.get('memory_model', {}).get('findings', {})]
    sections += list(coherency_sections(report))
    for sec in sections:
        for k, v in sec.get('counts', {}).items():
            if v:
                counts[k] = counts.get(k, 0) + v
        first += sec.get('first', [])
    return counts, first


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: dmademo_findings.py EMULATOR IMAGE REPORT-PREFIX')
    emu, image, prefix = sys.argv[1:]
    print('1..%d' % (CHECKS * len(VARIANTS)))
    for omit, kind, also, buf, symbols in VARIANTS:
        report = '%s-%s.json' % (prefix, omit)
        args = [emu, '--model', 'full', '--report', report, image]
        if omit != 'none':
            args.append('--omit=' + omit)
        p = subprocess.run(args, capture_output=True, text=True, timeout=600)
        m = next((VICTIM.match(l) for l in p.stdout.splitlines() if VICTIM.match(l)), None)
        try:
            with open(report) as f:
                counts, first = findings(json.load(f))
        except (OSError, ValueError):
            m = None
        ok(m is not None, '%s: the demo ran, named its victim buffers and wrote its report '
           '(exit %d)' % (omit, p.returncode))
        if m is None:
            for _ in range(CHECKS - 1):
                ok(False, '%s: not checked' % omit)
            continue
        controller, channel = m.group(1).lower(), int(m.group(2))
        base = int(m.group(3 if buf == 'source' else 4), 16) if buf else 0
        size = int(m.group(5))
        want = {kind} if kind else set()
        ok(want <= set(counts) <= want | also, '%s: finding kinds %s, expected %s (or also %s)'
           % (omit, sorted(counts), sorted(want), sorted(also)))
        ok(all(base <= int(f['pa'], 16) < base + size for f in first),
           '%s: all %d findings reported in full lie in the %s buffer' %
           (omit, len(first), buf or '(none)'))
        bad_sym = [f.get('symbol') for f in first if f['kind'] in symbols and
                   not any(fn in (f.get('symbol') or '') for fn in symbols[f['kind']])]
        ok(not bad_sym, '%s: CPU-side findings name %s%s' %
           (omit, sorted(set(sum(symbols.values(), ()))) or '(n/a)', ' (got %s)' % bad_sym[:2]
            if bad_sym else ''))
        bad_ch = [f for f in first if 'channel' in f and
                  (f['channel'] != channel or f.get('controller', controller) != controller)]
        ok(not bad_ch, '%s: findings that name a channel name %s channel %d' %
           (omit, controller, channel))
    return 0


if __name__ == '__main__':
    main()
    sys.exit(0)
