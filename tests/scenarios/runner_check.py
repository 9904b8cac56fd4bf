#!/usr/bin/env python3
"""runner_check.py - the golden comparison catches a change (TAP).

    runner_check.py EMU SCENARIO.lua GOLDEN.json

Runs run_scenario.py against a copy of the golden report whose cycle count
and one memory-model counter were altered: it must fail, naming both fields
with their golden and current values.  Then with a tolerance header that
covers the cycle change, only the counter is reported.
"""
import json
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))


def main():
    emu, scen, golden = sys.argv[1:4]
    with open(golden) as f:
        g = json.load(f)
    g['cycles'] += 7
    g['memory_model']['dcache']['fills'] += 1
    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, 'golden.json')
        with open(bad, 'w') as f:
            json.dump(g, f)
        p = subprocess.run([sys.executable, os.path.join(here, 'run_scenario.py'), '--emu', emu,
                            '--scenario', scen, '--golden', bad], stdout=subprocess.PIPE, timeout=240)
        out = p.stdout.decode()
        checks.append((p.returncode != 0, 'an altered golden report fails the scenario'))
        checks.append((f'#   cycles: golden {g["cycles"]}, now {g["cycles"] - 7}' in out,
                       'the cycle difference is named with both values'))
        checks.append(('#   memory_model.dcache.fills: golden' in out,
                       'the counter difference is named'))
        # The same scenario with a documented tolerance on cycles.
        tol = os.path.join(tmp, os.path.basename(scen))
        with open(scen) as f:
            text = f.read()
        with open(tol, 'w') as f:
            f.write('-- tolerance: cycles 0.001\n' + text)
        p = subprocess.run([sys.executable, os.path.join(here, 'run_scenario.py'), '--emu', emu,
                            '--scenario', tol, '--golden', bad], stdout=subprocess.PIPE, timeout=240)
        out = p.stdout.decode()
        checks.append(('#   cycles:' not in out and 'dcache.fills: golden' in out,
                       'a tolerance on cycles hides that difference only'))
    print(f'1..{len(checks)}')
    for i, (ok, what) in enumerate(checks, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0 if all(c[0] for c in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
