#!/usr/bin/env python3
"""window_interact.py - drive the live heatmap window like a person, under Xvfb.

    window_interact.py WORKDIR -- EMULATOR IMAGE

Starts `EMULATOR --heatmap --heatmap-paused --heatmap-scale 1 --report ...
IMAGE` in Xvfb and, through the XTEST extension (libXtst, by ctypes: no
xdotool needed), acts as a user while reading the window's title (xprop):
  1. the run starts paused: the title says PAUSED and the guest does not run;
  2. the pointer over a map cell: the title names that frame's pfn and
     physical address, computed here from the documented grid layout; zoom
     ('=') keeps that frame under the pointer and doubles the cells, '0'
     resets;
  3. 'n' steps one sampling period and pauses again;
  4. 'q' stops the machine: exit status 0, "window closed", and the report
     shows the run stopped right after the step, at cycle 2^21 + a few;
  5. a second run, paused, then run with space to the guest's own exit:
     instructions and cycles equal those of a run without any window, so
     pausing and drawing changed nothing the guest saw.
Exit status: 0 pass, 1 fail, 77 skipped (only when xvfb-run is missing).
"""
import ctypes
import ctypes.util
import json
import os
import re
import shutil
import subprocess
import sys
import time

STEP = 1 << 21          # HEATMAP_SAMPLE_DEFAULT: the default sampling period
MAP_X, MAP_Y = 74, 34   # render.c: MARGIN + AXIS_W, MARGIN + 2 * FONT_LINE + 6


def fail(msg, proc=None):
    if proc and proc.poll() is None:
        proc.kill()
    print('FAIL: ' + msg)
    sys.exit(1)


class X:
    def __init__(self):
        x11 = ctypes.util.find_library('X11') or 'libX11.so.6'
        xtst = ctypes.util.find_library('Xtst') or 'libXtst.so.6'
        self.x = ctypes.CDLL(x11)
        self.t = ctypes.CDLL(xtst)
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XStringToKeysym.restype = ctypes.c_ulong
        self.x.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x.XFlush.argtypes = [ctypes.c_void_p]
        self.t.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                             ctypes.c_ulong]
        self.t.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                                ctypes.c_int, ctypes.c_ulong]
        self.d = self.x.XOpenDisplay(None)
        if not self.d:
            fail('cannot open the X display')

    def move(self, x, y):
        self.t.XTestFakeMotionEvent(self.d, 0, x, y, 0)
        self.x.XFlush(self.d)

    def key(self, name):
        code = self.x.XKeysymToKeycode(self.d, self.x.XStringToKeysym(name.encode()))
        self.t.XTestFakeKeyEvent(self.d, code, 1, 0)
        self.t.XTestFakeKeyEvent(self.d, code, 0, 0)
        self.x.XFlush(self.d)


def find_window():
    out = subprocess.run(['xwininfo', '-root', '-tree'], stdout=subprocess.PIPE,
                         text=True).stdout
    m = re.search(r'^\s+(0x[0-9a-f]+) "s3c6410-emu heatmap', out, re.M)
    return m.group(1) if m else None


def geometry(wid):
    out = subprocess.run(['xwininfo', '-id', wid], stdout=subprocess.PIPE, text=True).stdout
    x = int(re.search(r'Absolute upper-left X:\s+(-?\d+)', out).group(1))
    y = int(re.search(r'Absolute upper-left Y:\s+(-?\d+)', out).group(1))
    return x, y


def title(wid):
    out = subprocess.run(['xprop', '-id', wid, 'WM_NAME'], stdout=subprocess.PIPE,
                         text=True).stdout
    m = re.search(r'= "(.*)"', out)
    return m.group(1) if m else ''


def wait_title(wid, pattern, proc, what, seconds=20):
    deadline = time.time() + seconds
    t = ''
    while time.time() < deadline:
        t = title(wid)
        if re.search(pattern, t):
            return t
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    fail(f'{what}: window title "{t}" never matched /{pattern}/', proc)


def inner(workdir, emu, image):
    report = os.path.join(workdir, 'interact.json')
    if os.path.exists(report):
        os.remove(report)
    cmd = [emu, '--heatmap', '--heatmap-paused', '--heatmap-scale', '1', '--report', report,
           image]
    print('running: ' + ' '.join(cmd), flush=True)
    env = dict(os.environ)
    env['ASAN_OPTIONS'] = (env.get('ASAN_OPTIONS', '') + ':detect_leaks=0').lstrip(':')
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            text=True)
    wid = None
    deadline = time.time() + 30
    while not wid and time.time() < deadline and proc.poll() is None:
        wid = find_window()
        time.sleep(0.05)
    if not wid:
        fail('no heatmap window appeared', proc)
    wx, wy = geometry(wid)
    x = X()
    # 1. paused before the first instruction
    wait_title(wid, r'PAUSED', proc, 'starts paused')
    print(f'window {wid} at {wx},{wy}: paused', flush=True)

    # 2. hover: 256x256 grid of 2-pixel cells for 256 MiB from pfn 0x50000
    row, col = 100, 37
    pfn = 0x50000 + row * 256 + col
    x.move(wx + MAP_X + col * 2 + 1, wy + MAP_Y + row * 2 + 1)
    t = wait_title(wid, r'pfn 0x%05x  pa 0x%08x' % (pfn, pfn << 12), proc, 'hover')
    print(f'hover: "{t}"', flush=True)
    if 'PAUSED' not in t:
        fail('the title lost PAUSED while hovering', proc)

    # 2b. zoom in ('=' is '+' unshifted) around the pointer: the frame under it
    # stays, and 4 screen pixels to the right are one cell, not two
    px, py = wx + MAP_X + col * 2 + 1, wy + MAP_Y + row * 2 + 1
    x.key('equal')
    time.sleep(0.3)
    x.move(px + 1, py)
    wait_title(wid, r'pfn 0x%05x ' % pfn, proc, 'zoom keeps the frame under the pointer')
    x.move(px + 4, py)
    wait_title(wid, r'pfn 0x%05x ' % (pfn + 1), proc, 'zoom 2: 4 pixels are one cell')
    x.key('0')
    time.sleep(0.3)
    x.move(px + 3, py)     # a new position, so that X reports a motion
    wait_title(wid, r'pfn 0x%05x ' % (pfn + 2), proc, 'after 0, 4 pixels are two cells')
    print('zoom: the frame under the pointer stays, cells double', flush=True)

    # 3. step one sampling period; the run pauses again
    x.key('n')
    time.sleep(1.0)
    wait_title(wid, r'PAUSED', proc, 'paused again after a step')
    if proc.poll() is not None:
        fail('the emulator exited during a step', proc)

    # 4. quit from the window
    x.key('q')
    try:
        err = proc.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        fail('q did not stop the emulator', proc)
    if proc.returncode != 0 or 'window closed' not in err:
        fail(f'exit status {proc.returncode}, stderr:\n{err}')
    with open(report) as f:
        r = json.load(f)
    cycles = r['cycles']
    print(f'stopped at cycle {cycles}: {r["result"]["stop_reason"]}', flush=True)
    if r['result']['stop_reason'] != 'user' and 'user' not in r['result']['stop_reason']:
        fail(f'stop reason {r["result"]["stop_reason"]}')
    if not STEP <= cycles < STEP + 100000:
        fail(f'expected the run to stop just after one step of {STEP} cycles, at {cycles}')
    # 5. paused, then run to the end with space: the same machine as headless
    plain = os.path.join(workdir, 'plain.json')
    subprocess.run([emu, '--quiet', '--report', plain, image], stdout=subprocess.DEVNULL,
                   env=env, check=True)
    report2 = os.path.join(workdir, 'interact-run.json')
    proc = subprocess.Popen([emu, '--heatmap', '--heatmap-paused', '--heatmap-scale', '1',
                             '--report', report2, image], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, text=True)
    wid = None
    deadline = time.time() + 30
    while not wid and time.time() < deadline and proc.poll() is None:
        wid = find_window()
        time.sleep(0.05)
    if not wid:
        fail('no heatmap window appeared for the second run', proc)
    wx, wy = geometry(wid)
    wait_title(wid, r'PAUSED', proc, 'second run starts paused')
    time.sleep(0.5)
    x.move(wx + 300, wy + 300)
    x.key('space')
    try:
        err = proc.communicate(timeout=120)[1]
    except subprocess.TimeoutExpired:
        fail('space did not let the guest run to its end', proc)
    if proc.returncode != 0:
        fail(f'second run: exit status {proc.returncode}, stderr:\n{err}')
    with open(plain) as f:
        a = json.load(f)
    with open(report2) as f:
        b = json.load(f)
    for key in ('instructions', 'cycles', 'idle_cycles'):
        if a[key] != b[key]:
            fail(f'{key}: {b[key]} with a paused window, {a[key]} without')
    print(f'run to the end after a pause: {b["cycles"]} cycles, as without a window')
    print('PASS: paused start, hover, step, quit and run work')
    return 0


def main():
    argv = sys.argv[1:]
    if '--inner' in argv:
        argv.remove('--inner')
        return inner(argv[0], argv[2], argv[3])
    if len(argv) != 4 or argv[1] != '--':
        print(__doc__)
        return 2
    xvfb = shutil.which('xvfb-run')
    if not xvfb:
        print('SKIP: xvfb-run is not installed')
        return 77
    for tool in ('xwininfo', 'xprop'):
        if not shutil.which(tool):
            fail(f'{tool} is not installed (x11-utils)')
    os.makedirs(argv[0], exist_ok=True)
    cmd = [xvfb, '-a', '-s', '-screen 0 1280x1024x24', sys.executable,
           os.path.abspath(__file__), '--inner'] + argv
    return subprocess.run(cmd, timeout=300).returncode


if __name__ == '__main__':
    sys.exit(main())
