#!/usr/bin/env python3
"""window_check.py - the live heatmap window under Xvfb, pixel for pixel.

    window_check.py PNGCMP WORKDIR SCALE -- EMULATOR [OPTIONS...] IMAGE

Runs EMULATOR with `--heatmap --heatmap-wait --heatmap-scale SCALE
--heatmap-png WORKDIR/window-export.png` (plus the given options, which
should stop the run at a fixed cycle with --max-cycles) inside
`xvfb-run -s '-screen 0 1280x1024x24'`.  When the emulator says the final
frame is on the screen, the whole X screen is captured with `xwd -root`
(from the X server, not from SDL), the window's image area is cut out of it
and compared with the PNG export of the same frame by PNGCMP, scale x scale
screen pixels per image pixel.  Then SIGTERM closes the window (SDL turns
it into a quit event) and the emulator must exit normally.

Exit status: 0 pass, 1 fail, 77 skipped (only when xvfb-run is missing).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

# The screen of the README's command; scale 2 needs a bigger one.
SCREENS = {'1': '1280x1024x24', '2': '1800x1600x24'}


def fail(msg):
    print('FAIL: ' + msg)
    sys.exit(1)


def inner(pngcmp, workdir, scale, emu_cmd):
    export = os.path.join(workdir, 'window-export.png')
    shot_xwd = os.path.join(workdir, 'window-screen.xwd')
    shot = os.path.join(workdir, 'window-screen.png')
    for p in (export, shot_xwd, shot):
        if os.path.exists(p):
            os.remove(p)
    cmd = emu_cmd[:1] + ['--heatmap', '--heatmap-wait', '--heatmap-scale', scale,
                         '--heatmap-png', export] + emu_cmd[1:]
    print('running: ' + ' '.join(cmd), flush=True)
    env = dict(os.environ, SDL_RENDER_SCALE_QUALITY='0')
    # In sanitizer builds: SDL's X11 and GL drivers (libSDL2, libdbus, Mesa)
    # leak at exit; the headless tests check the emulator's own leaks.
    env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') + ':detect_leaks=0').lstrip(':')
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, text=True)
    where = None
    lines = []
    deadline = time.time() + 120
    while time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        m = re.search(r'final frame at cycle (\d+) shown at (-?\d+),(-?\d+) scale (\d+)', line)
        if m:
            where = m
            break
    if not where:
        proc.kill()
        proc.wait()
        fail('the emulator never showed its final frame:\n' + ''.join(lines))
    cycle, x, y, s = where.group(1), int(where.group(2)), int(where.group(3)), where.group(4)
    print(f'final frame of cycle {cycle} on screen at {x},{y}, scale {s}', flush=True)
    if s != scale:
        fail(f'asked for scale {scale}, the window uses {s}')
    # Give the X server a moment to composite the last present.
    time.sleep(0.5)
    with open(shot_xwd, 'wb') as f:
        r = subprocess.run(['xwd', '-root', '-silent'], stdout=f)
    if r.returncode != 0:
        proc.kill()
        fail('xwd could not capture the screen')
    r = subprocess.run(['convert', 'xwd:' + shot_xwd, 'png24:' + shot])
    if r.returncode != 0:
        proc.kill()
        fail('convert could not read the screenshot')
    proc.send_signal(signal.SIGTERM)
    try:
        rest = proc.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        fail('the window did not close on SIGTERM')
    lines.append(rest)
    if proc.returncode not in (0, 124):
        fail(f'the emulator exited with {proc.returncode}:\n' + ''.join(lines))
    if not os.path.exists(export):
        fail('no PNG export was written')
    r = subprocess.run([pngcmp, '--at', f'{x},{y}', '--scale', scale, '--diff',
                        os.path.join(workdir, 'window-diff.png'), shot, export])
    if r.returncode != 0:
        fail(f'the window differs from the PNG export; look at {shot} (the X screen) '
             f'and {export} (the export), differences in {workdir}/window-diff.png')
    print('PASS: the X server shows exactly the PNG export')
    return 0


def main():
    argv = sys.argv[1:]
    if '--inner' in argv:
        argv.remove('--inner')
        sep = argv.index('--')
        pngcmp, workdir, scale = argv[:sep]
        return inner(pngcmp, workdir, scale, argv[sep + 1:])
    if '--' not in argv or argv.index('--') != 3:
        print(__doc__)
        return 2
    xvfb = shutil.which('xvfb-run')
    if not xvfb:
        print('SKIP: xvfb-run is not installed')
        return 77
    for tool in ('xwd', 'convert'):
        if not shutil.which(tool):
            fail(f'{tool} is not installed (x11-apps, imagemagick)')
    os.makedirs(argv[1], exist_ok=True)
    screen = SCREENS.get(argv[2], '3600x3200x24')
    cmd = [xvfb, '-a', '-s', f'-screen 0 {screen}', sys.executable, os.path.abspath(__file__),
           '--inner'] + argv
    r = subprocess.run(cmd, timeout=300)
    return r.returncode


if __name__ == '__main__':
    sys.exit(main())
