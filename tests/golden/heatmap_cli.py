#!/usr/bin/env python3
"""heatmap_cli.py - the heatmap's command line, end to end, in TAP.

    heatmap_cli.py EMULATOR PNGCMP WORKDIR IMAGE

IMAGE is a guest that uses the guest mm (publishes mm_abi) and exits by
itself.  Checks:
  - the heatmap changes nothing the guest sees: instructions, cycles and
    console output are identical with sparse and dense heatmap events
    (--sample-every, --heatmap-every, --heatmap-png), and the console output
    with none at all;
  - PNG output is byte-identical across two runs;
  - --heatmap without a display writes heatmap.png with one info line;
  - --heatmap-every writes one numbered PNG per period;
  - the report's "mm" section: host and guest free counts agree at the end,
    the adaptive series keeps 256..512 samples, a fixed period keeps
    cycles/period + 1;
  - --stats prints Linux's tables;
  - bad options are one error line and status 125.
"""
import glob
import json
import os
import shutil
import subprocess
import sys

EMU, PNGCMP, WORK, IMAGE = (os.path.abspath(a) for a in sys.argv[1:5])
results = []


def ok(cond, name, diag=''):
    results.append((bool(cond), name, diag))


def run(args, env=None, cwd=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run([EMU] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=e, cwd=cwd, timeout=300)
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def report(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f'Bail out! {path}: {e}')
        for i, (good, name, diag) in enumerate(results, 1):
            print(f"# {'ok' if good else 'not ok'} - {name}: {diag}"[:2000])
        sys.exit(1)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    w = lambda name: os.path.join(WORK, name)

    # 1. the guest sees the same machine whatever the heatmap does: --report
    # alone samples sparsely (adaptive); the second run adds an event every
    # 100,000 cycles, a time-lapse and a final PNG.  A run with no heatmap
    # at all has no report to compare, but its console output must match.
    st_, out_, _ = run([IMAGE])
    st0, out0, _ = run(['--report', w('plain.json'), IMAGE])
    ok(out_ == out0, 'console output identical with and without the heatmap')
    st1, out1, err1 = run(['--report', w('heat.json'), '--heatmap-png', w('a.png'),
                           '--sample-every', '100000', '--heatmap-every', '50M',
                           w('lapse-%03d.png'), IMAGE])
    ok(st0 == 0 and st1 == 0, 'both runs exit 0', f'{st0} {st1} {err1}')
    ok(out0 == out1, 'console output identical with dense heatmap events')
    r0, r1 = report(w('plain.json')), report(w('heat.json'))
    for key in ('instructions', 'cycles', 'idle_cycles'):
        ok(r0[key] == r1[key], f'{key} identical with dense heatmap events',
           f'{r0[key]} != {r1[key]}')

    # 2. the report's mm section
    mm = r1.get('mm', {})
    ok(mm.get('abi_found') is True, 'mm_abi found', mm.get('abi_error', ''))
    ok(mm.get('consistent') is True, 'host and guest free counts agree at exit')
    zones = mm.get('zones', [])
    ok(len(zones) >= 1 and all(len(z['buddyinfo']) == mm['max_order'] for z in zones),
       'buddyinfo row per populated zone')
    ok(all(sum(n << o for o, n in enumerate(z['buddyinfo'])) == z['free_pages'] for z in zones),
       'free_pages is the sum of the buddyinfo rows')
    ok(all(len(z['unusable_index']) == mm['max_order'] and
           all(0 <= v <= 1000 for v in z['unusable_index']) for z in zones),
       'unusable index in thousandths')
    series = mm.get('series', {})
    expect = r1['cycles'] // 100000 + 1
    ok(len(series.get('samples', [])) == expect and series.get('period_cycles') == 100000,
       'fixed sampling period keeps cycles/period + 1 samples',
       f"{len(series.get('samples', []))} != {expect}")
    st, _, _ = run(['--report', w('adaptive.json'), IMAGE])
    ad = report(w('adaptive.json'))['mm']['series']
    ok(256 <= len(ad['samples']) <= 512 or ad['samples_taken'] < 256,
       'adaptive series keeps 256..512 samples', str(len(ad['samples'])))
    cyc = [s['cycle'] for s in ad['samples']]
    ok(cyc == sorted(cyc) and all(c % ad['period_cycles'] < 100000 for c in cyc[1:]),
       'adaptive samples sit on the period grid', str(cyc[:5]))

    # 3. PNGs: byte-identical runs; a numbered time-lapse
    st1, _, _ = run(['--heatmap-png', w('b1.png'), IMAGE])
    st2, _, _ = run(['--heatmap-png', w('b2.png'), IMAGE])
    p = subprocess.run([PNGCMP, '--bytes', w('b1.png'), w('b2.png')], stdout=subprocess.PIPE)
    ok(st1 == 0 and st2 == 0 and p.returncode == 0, 'PNG identical byte for byte across runs',
       p.stdout.decode())
    p = subprocess.run([PNGCMP, w('a.png'), w('b1.png')], stdout=subprocess.PIPE)
    ok(p.returncode == 1, 'a different sampling period shows in the charts', p.stdout.decode())
    frames = sorted(glob.glob(w('lapse-*.png')))
    want = r1['cycles'] // 50000000
    ok(len(frames) == want and (not frames or frames[0].endswith('lapse-001.png')),
       'one time-lapse PNG per period, numbered from 1', f'{len(frames)} != {want}')
    ok(all(open(f, 'rb').read(8) == b'\x89PNG\r\n\x1a\n' for f in frames),
       'time-lapse files are PNGs')

    # 4. --heatmap on a headless machine
    os.makedirs(w('headless'))
    st, _, err = run(['--heatmap', IMAGE], env={'DISPLAY': '', 'WAYLAND_DISPLAY': '',
                                                'SDL_VIDEODRIVER': ''}, cwd=w('headless'))
    lines = [l for l in err.splitlines() if l.strip()]
    ok(st == 0, '--heatmap headless exits 0', err)
    ok(len(lines) == 1 and 'no display' in lines[0] and 'heatmap.png' in lines[0],
       '--heatmap headless says so in one line', err)
    png = w('headless/heatmap.png')
    ok(os.path.exists(png) and
       subprocess.run([PNGCMP, png, w('b1.png')], stdout=subprocess.DEVNULL).returncode == 0,
       '--heatmap headless writes the same image as --heatmap-png')

    # 5. --stats prints Linux's tables
    st, _, err = run(['--stats', IMAGE])
    for title in ('/proc/buddyinfo:', '/proc/pagetypeinfo:', 'extfrag/unusable_index:',
                  'extfrag/extfrag_index:', 'Number of blocks type'):
        ok(title in err, f'--stats prints {title}')
    ok('Node 0, zone   Normal ' in err, '--stats rows in Linux format')
    ok('guest nr_free agrees' in err, '--stats: guest counters agree')

    # 6. bad options
    for args, what in ((['--heatmap-every', '1M'], 'missing pattern'),
                       (['--heatmap-every', '1M', 'x.png'], 'pattern without %d'),
                       (['--heatmap-every', '0', 'x%d.png'], 'zero period'),
                       (['--heatmap-scale', '17'], 'scale too big'),
                       (['--heatmap-order', '11'], 'order too big'),
                       (['--sample-every', 'x'], 'bad period')):
        st, _, err = run(args + [IMAGE])
        ok(st == 125 and len(err.strip().splitlines()) == 1, f'bad option: {what}', err)
    st, _, err = run(['--heatmap-png', '/nonexistent-dir/x.png', IMAGE])
    ok('/nonexistent-dir/x.png' in err, 'unwritable PNG path is reported', err)

    print(f'1..{len(results)}')
    for i, (good, name, diag) in enumerate(results, 1):
        print(f"{'ok' if good else 'not ok'} {i} - {name}")
        if not good and diag:
            for line in str(diag).splitlines()[:20]:
                print(f'# {line}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
