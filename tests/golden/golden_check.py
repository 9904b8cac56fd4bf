#!/usr/bin/env python3
"""golden_check.py - a heatmap PNG compared byte for byte with its baseline.

    golden_check.py PNGCMP BASELINE OUTPUT -- EMULATOR [OPTIONS...] IMAGE

Runs EMULATOR with `--heatmap-png OUTPUT` and the given options (which fix
the instant, e.g. --max-cycles), then compares OUTPUT with BASELINE byte for
byte.  A difference fails and says how to look at both images; this script
never writes the baseline.  Exit status 0 pass, 1 fail.
"""
import os
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    if '--' not in argv or argv.index('--') != 3:
        print(__doc__)
        return 2
    pngcmp, baseline, output = argv[:3]
    cmd = argv[4:5] + ['--quiet', '--heatmap-png', output] + argv[5:]
    if os.path.exists(output):
        os.remove(output)
    print('running: ' + ' '.join(cmd), flush=True)
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
    if r.returncode not in (0, 124) or not os.path.exists(output):
        print(f'FAIL: the emulator exited with {r.returncode} and wrote no image:')
        print(r.stderr.decode(errors='replace'))
        return 1
    diff = os.path.splitext(output)[0] + '-diff.png'
    how = (f'  new image:  {output}\n'
           f'  baseline:   {baseline}\n'
           f'  difference: {diff} (the baseline dimmed, changed pixels magenta)\n'
           f'Look at both (any image viewer, or `display {output} {baseline}`).\n'
           f'If the change is intended (guest mm, workload, timing or heatmap change),\n'
           f'copy the new image over the baseline and commit it saying what changed.\n'
           f'Never regenerate the baseline without looking at it.')
    if not os.path.exists(baseline):
        print(f'FAIL: no baseline {baseline} yet.\n' + how)
        return 1
    c = subprocess.run([pngcmp, '--bytes', '--diff', diff, output, baseline],
                       stdout=subprocess.PIPE)
    print(c.stdout.decode(errors='replace').strip())
    if c.returncode != 0:
        print('FAIL: the heatmap differs from its baseline.\n' + how)
        return 1
    print('PASS')
    return 0


if __name__ == '__main__':
    sys.exit(main())
