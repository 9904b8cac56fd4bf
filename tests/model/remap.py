#!/usr/bin/env python3
"""remap.py - code remapped under a virtual address is fetched from its new page (TAP).

    remap.py EMU T_MEMSYS.elf OUTDIR

t_memsys's remap scenarios run code at one VA until its block is all
I-cache hits, then rewrite the page's PTE (cleaned, TLBIMVA, no I-cache
maintenance) and call it again, four rounds.  The ARM1176's I-cache is
physically tagged (DDI 0301H; REFERENCE.md), so on the chip the call after
a TLBIMVA walks the table, and code on another physical page misses: the
block hook's all-hits shortcut must not count such a run as hits on the
old lines.

  remap_y     PTE -> page Y (other code): the guest sees Y's value
  remap_x     PTE -> page X again: the same walks, no new line
  remap_k     PTE -> page X, TLBIMVA of another page: no walk for the code

The guest exits with the last call's value straight after the rounds, so the
runs differ only in those rounds and their counters differ by what the rounds
cost: remap_y has Y's line on top of remap_x (one miss and one fill: the code is
two instructions in one line), and remap_x and remap_y a walk (two descriptor
reads) per round on top of remap_k.
"""
import json
import os
import subprocess
import sys

ROUNDS = 4


def run(emu, image, outdir, scenario):
    report = os.path.join(outdir, f'model-remap-{scenario}.json')
    if os.path.exists(report):
        os.unlink(report)
    p = subprocess.run([emu, '--model', 'full', '--report', report, image, scenario],
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120, text=True)
    with open(report) as f:
        return p, json.load(f)['memory_model']


def main():
    emu, image, outdir = sys.argv[1:4]
    results = []

    def check(ok, what):
        results.append((bool(ok), what))

    runs = {s: run(emu, image, outdir, s) for s in ('remap_y', 'remap_x', 'remap_k')}
    # The guest exits with what the last call at the VA returned (1: a round was wrong).
    for s, want in (('remap_y', 0x22), ('remap_x', 0x11), ('remap_k', 0x11)):
        st = runs[s][0].returncode
        check(st == want, f'{s}: every call at the VA returned its page\'s value, '
              f'the last {want:#x} (exit status {st:#x})')
    y, x, keep = (runs[s][1] for s in ('remap_y', 'remap_x', 'remap_k'))

    def delta(a, b, *path):
        for k in path:
            a, b = a[k], b[k]
        return a - b

    d = delta(x, keep, 'icache', 'read_misses')
    check(d == 0, f'remap_x and remap_k fetch the same lines ({d} I-cache misses apart): '
          f'the runs differ only in the rounds')
    d = delta(y, x, 'icache', 'read_misses')
    check(d == 1, f'remap_y: the fetch after the remap misses on page Y\'s line, once '
          f'({d} I-cache misses more than remap_x, want 1)')
    d = delta(y, x, 'icache', 'fills')
    check(d == 1, f'remap_y: and fills it ({d} I-cache fills more than remap_x, want 1)')
    d = delta(x, keep, 'tlb', 'walks', 'insn')
    check(d == ROUNDS, f'remap_x: a walk per round after TLBIMVA of the code\'s page '
          f'({d} instruction walks more than remap_k, want {ROUNDS})')
    d = delta(y, keep, 'tlb', 'walks', 'insn')
    check(d == ROUNDS, f'remap_y: a walk per round for the new entry '
          f'({d} instruction walks more than remap_k, want {ROUNDS})')
    d = delta(y, keep, 'tlb', 'walks', 'descriptor_reads')
    check(d == 2 * ROUNDS, f'remap_y: two descriptor reads per walk (L1 + L2) '
          f'({d} more than remap_k, want {2 * ROUNDS})')
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
