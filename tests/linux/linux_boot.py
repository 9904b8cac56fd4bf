#!/usr/bin/env python3
"""linux_boot.py EMULATOR LINUX-DIR - boot Linux 6.1 on the emulated OK6410A to
our init (guest/linux/init.c) and check what issue 11 asks, in TAP.

LINUX-DIR is where tools/linux leaves zImage and initramfs.cpio.gz (the build
folder's linux/).  Without them the whole test is skipped (TAP "1..0 # SKIP"):
the kernel build takes long and is not part of a plain build.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

APPEND = 'console=ttySAC0,115200 earlycon panic=-1'
MAX_CYCLES = '60G'


def boot(emu, kdir, report, extra=()):
    cmd = [emu, '--kernel', os.path.join(kdir, 'zImage'),
           '--initrd', os.path.join(kdir, 'initramfs.cpio.gz'),
           '--append', APPEND, '--watchdog', 'exit', '--max-cycles', MAX_CYCLES,
           '--report', report, *extra]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=3000)
    with open(report) as f:
        rep = json.load(f)
    # The tty turns "\n" into "\r\n" (ONLCR); the kernel's console too.
    out = p.stdout.decode('utf-8', 'replace').replace('\r\n', '\n')
    return p.returncode, out, p.stderr.decode('utf-8', 'replace'), rep


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what):
        self.n += 1
        print(f'{"ok" if ok else "not ok"} {self.n} - {what}')
        if not ok:
            self.failed += 1
        return ok


def section(out, path):
    """The lines init printed between '==== path ====' and the next 'init:' line."""
    m = re.search(r'^init: ==== ' + re.escape(path) + r' ====\n(.*?)(?=^init: )', out, re.M | re.S)
    return m.group(1) if m else ''


def meminfo_kb(out, key):
    m = re.search(r'^' + key + r':\s+(\d+) kB', section(out, '/proc/meminfo'), re.M)
    return int(m.group(1)) if m else None


def main():
    emu, kdir = sys.argv[1], sys.argv[2]
    for f in ('zImage', 'initramfs.cpio.gz'):
        if not os.path.exists(os.path.join(kdir, f)):
            print(f'1..0 # SKIP no {f} in {kdir}: build the kernel with tools/linux')
            return 0
    with tempfile.TemporaryDirectory() as tmp:
        status, out, err, rep = boot(emu, kdir, os.path.join(tmp, 'r1.json'))
        status2, out2, _, rep2 = boot(emu, kdir, os.path.join(tmp, 'r2.json'))
    sys.stdout.write(''.join('# ' + line + '\n' for line in err.splitlines()[-20:]))
    t = Tap()
    print('1..13')
    t.check(status == 0, f'init ends the run with status 0 (got {status})')
    t.check(re.search(r'^Linux version 6\.1\.', out, re.M) is not None, 'the kernel banner')
    t.check(re.search(r'^OF: fdt: Machine model: Forlinx OK6410A \(256 MiB\)$', out, re.M) is not None,
            'the board model from our device tree')
    # Linux's clocks against the emulator's (its report and --stats).
    clk = section(out, 'clocks (debugfs clk/clk_summary)')
    rates = {m.group(1): int(m.group(2))
             for m in re.finditer(r'^\s*(\S+)\s+\d+\s+\d+\s+\d+\s+(\d+)', clk, re.M)}
    clocks = rep.get('board', {}).get('clocks', {})
    want = {'armclk': clocks.get('armclk_hz'), 'hclk': clocks.get('hclk_hz'),
            'pclk': clocks.get('pclk_hz')}
    t.check(want['armclk'] == 533000000 and all(rates.get(k) == v for k, v in want.items()),
            'the clocks Linux computes from SYSCON are the emulator\'s (ARMCLK 533 MHz): '
            f'Linux {dict((k, rates.get(k)) for k in want)}, emulator {want}')
    m = re.search(r'^init: timer: slept 1 s: Linux measured ([\d.]+) s, the emulator ([\d.]+) s, '
                  r'(\d+) timer interrupts', out, re.M)
    t.check(m is not None and abs(float(m.group(1)) - float(m.group(2))) < 0.01 and
            95 <= int(m.group(3)) <= 105,
            'the timer ticks at HZ (100) and Linux\'s second is the emulator\'s: ' +
            (m.group(0) if m else 'no timer line'))
    buddy = [l for l in section(out, '/proc/buddyinfo').splitlines() if l.startswith('Node')]
    total = sum(int(c) << i for l in buddy for i, c in enumerate(l.split()[4:]))
    free = meminfo_kb(out, 'MemFree')
    t.check(len(buddy) >= 1 and free is not None and abs(total * 4 - free) <= 1024,
            f'/proc/buddyinfo ({len(buddy)} zone lines, {total * 4} kB) agrees with MemFree ({free} kB)')
    # zoneinfo lists every zone; buddyinfo only the populated ones (present pages).
    populated = re.findall(r'^Node \d+, zone\s+(\S+)\n(?:(?!Node ).*\n)*?\s+present\s+([1-9]\d*)',
                           section(out, '/proc/zoneinfo'), re.M)
    names = [l.split()[3] for l in buddy]
    t.check(len(buddy) >= 1 and names == [z for z, _ in populated],
            f'one buddyinfo line per populated zone (buddyinfo {names}, zoneinfo {populated})')
    t.check(meminfo_kb(out, 'CmaTotal') == 8192,
            f'CmaTotal is the 8 MiB of the device tree (got {meminfo_kb(out, "CmaTotal")} kB)')
    found = re.findall(r'DMA: PL080s rev\d+ at (0x75[01]00000)', out)
    t.check(sorted(found) == ['0x75000000', '0x75100000'],
            'amba-pl08x probes both controllers as the PL080S variant')
    m = re.search(r'^init: dmatest: (\d+) channels, (\d+) threads, (\d+) tests, (\d+) failures', out, re.M)
    # 8 memcpy channels on each of DMA0 and DMA1; each thread runs 4 tests.
    t.check(m is not None and m.group(1) == '16' and m.group(2) == '16' and
            int(m.group(3)) == 64 and m.group(4) == '0',
            'dmatest: every memcpy channel of both controllers, zero failures: ' +
            (m.group(0) if m else 'no dmatest summary'))
    t.check(rep.get('cycles') is not None and rep.get('cycles') == rep2.get('cycles') and
            status == status2,
            f'deterministic: the same cycle count twice ({rep.get("cycles")}, {rep2.get("cycles")})')
    t.check(out == out2, 'deterministic: the same console output twice')
    odd = [line for line in err.splitlines() if re.search(r'unimplemented|guest( error)?:', line)]
    t.check(not odd, 'every register Linux touches is modelled, and nothing it does is a guest '
            'error: ' + ('; '.join(odd[:3]) if odd else 'no report'))
    if t.failed:
        sys.stdout.write(''.join('# ' + line + '\n' for line in out.splitlines()[-40:]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
