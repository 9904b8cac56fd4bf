#!/usr/bin/env python3
"""run_scenario.py - run one Lua scenario and compare its report with the golden one (TAP).

    run_scenario.py --emu EMU --scenario FILE.lua [--golden FILE.json] [--bless]

The scenario's own header says what the run must do (lines at the top):
    -- expect-status: N        exit status (default 0)
    -- expect-stderr: REGEX    stderr matches REGEX (re.M); may repeat
    -- expect-stdout: REGEX    stdout (the guest's console) matches REGEX; may repeat
    -- golden: none            no golden report (script-error scenarios)
    -- tolerance: PATH REL     the number at PATH may differ from the golden
                               one by REL (relative, e.g. 0.01); may repeat

The golden report is the emulator's --report with the fields below removed,
because they depend on where the build is or on the host's Lua, not on the
simulation.  Everything else is compared field by field, exactly unless a
tolerance is given; each difference is one line "PATH: golden X, now Y".
With --bless the golden file is (re)written and the differences are shown.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# Not simulation results: the image's absolute path, the scenario's path as
# given, the Lua VM's instruction count (depends on the Lua build), and the
# metrics' time series (kept out to keep golden files small; the final
# metrics are compared).
IGNORED = ['image', 'scenario.file', 'scenario.lua_instructions', 'mm.series']


def header(path):
    h = {'status': 0, 'stderr': [], 'stdout': [], 'golden': True, 'tolerance': {}}
    with open(path) as f:
        for line in f:
            m = re.match(r'^--\s*([a-z-]+):\s*(.*?)\s*$', line)
            if not m:
                if line.strip() and not line.startswith('--'):
                    break
                continue
            key, val = m.groups()
            if key == 'expect-status':
                h['status'] = int(val)
            elif key == 'expect-stderr':
                h['stderr'].append(val)
            elif key == 'expect-stdout':
                h['stdout'].append(val)
            elif key == 'golden':
                h['golden'] = val != 'none'
            elif key == 'tolerance':
                p, rel = val.split()
                h['tolerance'][p] = float(rel)
    return h


def relative(doc, prefix):
    """FILE:LINE strings name the scenario relative to its directory."""
    if isinstance(doc, dict):
        return {k: relative(v, prefix) for k, v in doc.items()}
    if isinstance(doc, list):
        return [relative(v, prefix) for v in doc]
    if isinstance(doc, str):
        return doc.replace(prefix, '')
    return doc


def strip(doc, prefix):
    doc = relative(doc, prefix)
    for path in IGNORED:
        parts = path.split('.')
        cur = doc
        for p in parts[:-1]:
            cur = cur.get(p) if isinstance(cur, dict) else None
        if isinstance(cur, dict):
            cur.pop(parts[-1], None)
    return doc


def diff(golden, now, tol, path='', out=None):
    if out is None:
        out = []
    if isinstance(golden, dict) and isinstance(now, dict):
        for k in golden:
            p = f'{path}.{k}' if path else k
            if k not in now:
                out.append(f'{p}: golden {json.dumps(golden[k])[:80]}, now missing')
            else:
                diff(golden[k], now[k], tol, p, out)
        for k in now:
            if k not in golden:
                p = f'{path}.{k}' if path else k
                out.append(f'{p}: golden missing, now {json.dumps(now[k])[:80]}')
    elif isinstance(golden, list) and isinstance(now, list):
        if len(golden) != len(now):
            out.append(f'{path}: golden has {len(golden)} items, now {len(now)}')
        for i, (g, n) in enumerate(zip(golden, now)):
            diff(g, n, tol, f'{path}.{i}', out)
    elif (isinstance(golden, (int, float)) and isinstance(now, (int, float))
          and not isinstance(golden, bool) and path in tol):
        lim = abs(golden) * tol[path]
        if abs(now - golden) > lim:
            out.append(f'{path}: golden {golden}, now {now} (tolerance {tol[path]:g})')
    elif golden != now:
        out.append(f'{path}: golden {json.dumps(golden)[:120]}, now {json.dumps(now)[:120]}')
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--emu', required=True)
    ap.add_argument('--scenario', required=True)
    ap.add_argument('--golden')
    ap.add_argument('--bless', action='store_true')
    ap.add_argument('--timeout', type=float, default=300)
    a = ap.parse_args()

    h = header(a.scenario)
    checks = []
    with tempfile.TemporaryDirectory() as tmp:
        rep = os.path.join(tmp, 'report.json')
        # In a scratch directory: files a scenario writes (heatmap_png) land there.
        cmd = [os.path.abspath(a.emu), '--scenario', os.path.abspath(a.scenario), '--report', rep]
        try:
            p = subprocess.run(cmd, cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=a.timeout)
            status, err = p.returncode, p.stderr.decode('utf-8', 'replace')
            out = p.stdout.decode('utf-8', 'replace')
        except subprocess.TimeoutExpired:
            status, err, out = None, f'killed after {a.timeout} s', ''
        checks.append((status == h['status'], f'exit status {h["status"]}',
                       [f'status {status}', *err.splitlines()[-15:]]))
        for rx in h['stderr']:
            checks.append((re.search(rx, err, re.M) is not None, f'stderr matches {rx}',
                           err.splitlines()[-15:]))
        for rx in h['stdout']:
            checks.append((re.search(rx, out, re.M) is not None, f'stdout matches {rx}',
                           out.splitlines()[-15:]))
        if h['golden']:
            now = None
            try:
                with open(rep) as f:
                    now = strip(json.load(f), os.path.dirname(os.path.abspath(a.scenario)) + '/')
            except (OSError, ValueError) as e:
                checks.append((False, 'the report is valid JSON', [str(e)]))
            if now is not None and a.bless:
                old = None
                if os.path.exists(a.golden):
                    with open(a.golden) as f:
                        old = json.load(f)
                d = diff(old, now, {}) if old is not None else ['(new golden file)']
                with open(a.golden, 'w') as f:
                    json.dump(now, f, indent=1)
                    f.write('\n')
                print(f'# blessed {a.golden}: {len(d)} difference(s)')
                for line in d:
                    print(f'#   {line}')
            elif now is not None:
                try:
                    with open(a.golden) as f:
                        golden = json.load(f)
                    d = diff(golden, now, h['tolerance'])
                except OSError:
                    d = [f'no golden file {a.golden}: run tools/bless-scenarios']
                checks.append((not d, 'report matches the golden one field by field', d[:40]))

    print(f'1..{len(checks)}')
    for i, (ok, what, info) in enumerate(checks, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
        if not ok:
            for line in info:
                print(f'#   {line}')
    return 0 if all(c[0] for c in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
