#!/usr/bin/env python3
"""compare.py - run two guest scenarios under the memory model and compare them.

    compare.py EMU IMAGE OUTDIR

The t_memsys image touches 8 MiB once per 4 KiB page, four times, mapped
first with 1 MiB sections, then with 4 KiB small pages.  The model must see
what the hardware would: a few walks for the sections (one per section),
one per page and pass for the small pages (the main TLB holds 64 entries),
twice the descriptor reads per walk (L1 + L2), and the walks' time on the
clock.  Output is TAP.
"""
import json
import os
import subprocess
import sys


def run(emu, image, outdir, scenario):
    report = os.path.join(outdir, f'model-compare-{scenario}.json')
    if os.path.exists(report):
        os.unlink(report)
    p = subprocess.run([emu, '--model', 'full', '--report', report, image, scenario],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    with open(report) as f:
        return p.returncode, json.load(f)


def main():
    emu, image, outdir = sys.argv[1:4]
    results = []

    def check(ok, what):
        results.append((bool(ok), what))

    st_s, sec = run(emu, image, outdir, 'sections')
    st_p, pag = run(emu, image, outdir, 'pages')
    check(st_s == 0 and st_p == 0, f'both runs exit 0 ({st_s}, {st_p})')
    ms, mp = sec['memory_model'], pag['memory_model']
    ws, wp = ms['tlb']['walks']['data'], mp['tlb']['walks']['data']
    pages = 4 * (8 << 20) // 4096
    check(ws < 32, f'sections: a few data walks ({ws})')
    check(wp >= pages, f'small pages: at least one walk per page and pass ({wp} >= {pages})')
    rs, rp = ms['tlb']['walks']['descriptor_reads'], mp['tlb']['walks']['descriptor_reads']
    check(rp >= 2 * pages, f'small pages: two descriptor reads per walk ({rp})')
    cs, cp = ms['cycles']['table_walk'], mp['cycles']['table_walk']
    check(cp > 100 * max(cs, 1), f'table-walk cycles: {cp} with pages, {cs} with sections')
    check(mp['tlb']['main']['misses'] > 100 * ms['tlb']['main']['misses'],
          f"main-TLB misses: {mp['tlb']['main']['misses']} vs {ms['tlb']['main']['misses']}")
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
