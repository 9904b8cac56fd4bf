#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""qemu_compare - whole-process wall time of s3c6410-emu beside QEMU 7.2.

    build/bench/qemu_compare [--repeat N] [--rounds R] [--baseline EMU] [--fragdemo]

Runs, interleaved, N times each (median kept):
  - bench/guest/membench.c (R rounds) in the emulator with --model none and
    --model full, and the same source relinked for QEMU's versatilepb (RAM at
    0) under `qemu-system-arm -M versatilepb -cpu arm1176 -m 256 -nographic
    -monitor none -serial none -semihosting -kernel IMAGE`, when installed;
  - bench/guest/oneline.c (prints one line, exits): start-up, wall time and
    peak resident memory, in the emulator and in QEMU;
  - with --fragdemo, guest/workloads/fragdemo.c (a kernel guest on the
    board's devices: the emulator only);
  - with --baseline EMU, every emulator run again with another build (an
    older one, for before/after figures), checking that its --report JSON
    (instructions, cycles, every counter) is byte-identical.
Every run of one guest must print the same output.  Wall time is the whole
process (fork to exit) as a user sees it; CPU is user + system time of the
child, which is steadier when other work shares the machine.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

EMU = '@EMU@'
MEMBENCH = '@MEMBENCH@'
MEMBENCH_VPB = '@MEMBENCH_VPB@'
ONELINE = '@ONELINE@'
ONELINE_VPB = '@ONELINE_VPB@'
FRAGDEMO = '@FRAGDEMO@'
QEMU = '@QEMU@'


def run(cmd, env=None):
    """(wall seconds, cpu seconds, peak RSS KiB, exit status, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode, out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--repeat', type=int, default=5)
    ap.add_argument('--rounds', type=int, default=4, help='membench rounds')
    ap.add_argument('--emu', default=EMU)
    ap.add_argument('--baseline', help='another s3c6410-emu build to compare')
    ap.add_argument('--fragdemo', action='store_true')
    ap.add_argument('--qemu', default=QEMU or shutil.which('qemu-system-arm'))
    opt = ap.parse_args()

    qemu = opt.qemu if opt.qemu and os.access(opt.qemu, os.X_OK) else None
    if not qemu:
        print('# qemu-system-arm is not installed (apt-get install qemu-system-arm): '
              'emulator rows only')
    qenv = dict(os.environ, QEMU_AUDIO_DRV='none')
    qargs = ['-M', 'versatilepb', '-cpu', 'arm1176', '-m', '256', '-nographic',
             '-monitor', 'none', '-serial', 'none', '-semihosting', '-kernel']
    rounds = str(opt.rounds)

    emus = [('', opt.emu)] + ([(' (baseline)', opt.baseline)] if opt.baseline else [])
    rows = []   # (name, guest, cmd, env, report-able)
    for suffix, exe in emus:
        for model in ('none', 'full'):
            rows.append((f'emu --model {model}{suffix}', 'membench',
                         [exe, '--quiet', '--model', model, MEMBENCH, rounds], None, True))
        if opt.fragdemo:
            for model in ('none', 'full'):
                rows.append((f'emu --model {model}{suffix}', 'fragdemo',
                             [exe, '--quiet', '--model', model, FRAGDEMO], None, True))
        rows.append((f'emu --model none{suffix}', 'oneline',
                     [exe, '--quiet', ONELINE], None, True))
    if qemu:
        # The guest's semihosting command line is -kernel's file and -append.
        rows.append(('qemu-system-arm', 'membench',
                     [qemu] + qargs + [MEMBENCH_VPB, '-append', rounds], qenv, False))
        rows.append(('qemu-system-arm', 'oneline', [qemu] + qargs + [ONELINE_VPB], qenv, False))

    res = {i: [] for i in range(len(rows))}
    outs = {}
    for _ in range(opt.repeat):
        for i, (name, guest, cmd, env, _) in enumerate(rows):
            wall, cpu, rss, status, out = run(cmd, env)
            if status != 0:
                sys.exit(f'{name} {guest}: exit status {status}')
            # QEMU prints the guest's output as is; compare the guest's lines
            # (fragdemo prints cycle counts, which the model changes).
            lines = [l for l in out.decode(errors='replace').splitlines() if l.strip()]
            key = guest + (name.split()[2] if guest == 'fragdemo' else '')
            if outs.setdefault(key, lines) != lines:
                sys.exit(f'{name} {guest}: output differs from an earlier run')
            res[i].append((wall, cpu, rss))

    # The baseline's reports must match this build's byte for byte.
    if opt.baseline:
        with tempfile.TemporaryDirectory() as d:
            for name, guest, cmd, env, reportable in rows:
                if not reportable or '(baseline)' in name:
                    continue
                texts = []
                for exe in (opt.emu, opt.baseline):
                    path = os.path.join(d, 'r.json')
                    c = [exe, '--report', path] + cmd[1:]
                    subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   check=True)
                    texts.append(open(path).read())
                same = 'identical' if texts[0] == texts[1] else 'DIFFERENT'
                print(f'# --report of {name} {guest}: {same} to the baseline\'s')
                if texts[0] != texts[1]:
                    sys.exit(1)

    load = os.getloadavg()
    print(f'# {opt.repeat} runs each, interleaved; medians.  Load average before/after: '
          f'{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}')
    print(f'# membench: {rounds} rounds; every run of a guest printed the same output')
    print(f'{"guest":10} {"run":32} {"wall s":>8} {"CPU s":>8} {"peak RSS":>10} '
          f'{"wall/QEMU":>10} {"CPU/QEMU":>9}')
    qemu_of = {}
    for i, (name, guest, *_rest) in enumerate(rows):
        if name == 'qemu-system-arm':
            qemu_of[guest] = (statistics.median(x[0] for x in res[i]),
                              statistics.median(x[1] for x in res[i]))
    for i, (name, guest, *_rest) in enumerate(rows):
        wall = statistics.median(x[0] for x in res[i])
        cpu = statistics.median(x[1] for x in res[i])
        rss = max(x[2] for x in res[i])
        q = qemu_of.get(guest)
        rw = f'{wall / q[0]:.2f}x' if q else '-'
        rc = f'{cpu / q[1]:.2f}x' if q and q[1] > 0 else '-'
        print(f'{guest:10} {name:32} {wall:8.3f} {cpu:8.3f} {rss / 1024:7.1f} MiB {rw:>10} {rc:>9}')


if __name__ == '__main__':
    main()
