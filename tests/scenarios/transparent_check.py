#!/usr/bin/env python3
"""transparent_check.py - a scenario's callbacks do not change the simulation (TAP).

    transparent_check.py EMU HELLO.elf SOAK.lua

soak_random.lua runs hello.elf under --model timing with 50,000+ every()
callbacks, each a pause of the machine between blocks and a RAM write the
guest never reads.  Its cycles, instructions, exceptions and every D-cache,
I-cache, TLB and bus counter must equal a plain `--model timing` run's.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    emu, hello, soak = (os.path.abspath(x) for x in sys.argv[1:4])
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, 'a.json'), os.path.join(tmp, 'b.json')
        pa = subprocess.run([emu, '-q', '--model', 'timing', '--report', a, hello],
                            stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=240)
        pb = subprocess.run([emu, '-q', '--scenario', soak, '--report', b], cwd=tmp,
                            stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL, timeout=240)
        ra, rb = json.load(open(a)), json.load(open(b))
    checks = [(pa.returncode == 0 and pb.returncode == 0, 'both runs pass')]
    for key in ['cycles', 'instructions', 'idle_cycles', 'exceptions']:
        checks.append((ra[key] == rb[key], f'{key}: plain {ra[key]}, scenario {rb[key]}'))
    for key in ['dcache', 'icache', 'tlb', 'bus', 'write_buffer', 'cycles']:
        same = ra['memory_model'][key] == rb['memory_model'][key]
        checks.append((same, f'memory_model.{key} identical'))
    print(f'1..{len(checks)}')
    for i, (ok, what) in enumerate(checks, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0 if all(c[0] for c in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
