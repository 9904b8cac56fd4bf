#!/usr/bin/env python3
"""run_check.py - run a command and check what it did, reporting in TAP.

    run_check.py [checks...] -- COMMAND [ARGS...]

Checks (each becomes one TAP test point):
  --status N            the exit status is N
  --stdout RE           stdout matches the regular expression RE (re.M)
  --stderr RE           stderr matches RE
  --no-stdout RE        stdout does not match RE
  --no-stderr RE        stderr does not match RE
  --stderr-lines N      stderr has exactly N lines (a "one-line error")
  --file-json PATH      PATH exists and holds valid JSON
  --json EXPR=VALUE     in that JSON, the dotted path EXPR equals VALUE (parsed as JSON);
                        EXPR>=VALUE and EXPR<=VALUE compare numbers
  --twice               run the command twice; stdout, stderr, status and
                        every --file-json file must be identical byte for byte
  --twice-ignore RE     with --twice, leave lines matching RE out of the stdout/stderr
                        comparison (host timings such as "host time" in --stats)
Options:
  --stdin PATH          feed PATH to the command's standard input
  --timeout SECONDS     kill the command after this long (default 120)
  --env NAME=VALUE      extra environment variable
The command never sees a terminal: stdin is /dev/null unless --stdin is given.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def run(cmd, stdin_path, timeout, env):
    stdin = open(stdin_path, 'rb') if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=env)
        return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode('utf-8', 'replace')
        err = (e.stderr or b'').decode('utf-8', 'replace')
        return None, out, err + f'\n[run_check: killed after {timeout} s]'
    finally:
        if stdin_path:
            stdin.close()


def lookup(doc, path):
    cur = doc
    for part in path.split('.'):
        if isinstance(cur, list):
            cur = cur[int(part)]
        else:
            cur = cur[part]
    return cur


def main():
    argv = sys.argv[1:]
    if '--' not in argv:
        print('Bail out! run_check.py: missing -- before the command')
        return 1
    split = argv.index('--')
    ap = argparse.ArgumentParser()
    ap.add_argument('--status', type=int)
    ap.add_argument('--stdout', action='append', default=[])
    ap.add_argument('--stderr', action='append', default=[])
    ap.add_argument('--no-stdout', action='append', default=[])
    ap.add_argument('--no-stderr', action='append', default=[])
    ap.add_argument('--stderr-lines', type=int)
    ap.add_argument('--file-json', action='append', default=[])
    ap.add_argument('--json', action='append', default=[])
    ap.add_argument('--twice', action='store_true')
    ap.add_argument('--twice-ignore', action='append', default=[])
    ap.add_argument('--stdin')
    ap.add_argument('--timeout', type=float, default=120)
    ap.add_argument('--env', action='append', default=[])
    opts = ap.parse_args(argv[:split])
    cmd = argv[split + 1:]

    env = dict(os.environ)
    for kv in opts.env:
        k, _, v = kv.partition('=')
        env[k] = v
    for path in opts.file_json:
        if os.path.exists(path):
            os.unlink(path)

    status, out, err = run(cmd, opts.stdin, opts.timeout, env)
    results = []

    def check(ok, what):
        results.append((bool(ok), what))

    if status is not None and status < 0:
        check(False, f'command was killed by signal {-status}')
    if opts.status is not None:
        check(status == opts.status, f'exit status {opts.status} (got {status})')
    for rx in opts.stdout:
        check(re.search(rx, out, re.M), f'stdout matches /{rx}/')
    for rx in opts.stderr:
        check(re.search(rx, err, re.M), f'stderr matches /{rx}/')
    for rx in opts.no_stdout:
        check(not re.search(rx, out, re.M), f'stdout does not match /{rx}/')
    for rx in opts.no_stderr:
        check(not re.search(rx, err, re.M), f'stderr does not match /{rx}/')
    if opts.stderr_lines is not None:
        n = len(err.splitlines())
        check(n == opts.stderr_lines, f'stderr has {opts.stderr_lines} line(s) (got {n})')
    docs = {}
    for path in opts.file_json:
        try:
            with open(path, 'rb') as f:
                raw = f.read()
            docs[path] = (raw, json.loads(raw))
            check(True, f'{path} is valid JSON')
        except (OSError, ValueError) as e:
            check(False, f'{path} is valid JSON ({e})')
    for expr in opts.json:
        op = '>=' if '>=' in expr else '<=' if '<=' in expr else '='
        key, _, want = expr.partition(op)
        try:
            doc = next(iter(docs.values()))[1]
            got = lookup(doc, key)
            ok = {'=': lambda a, b: a == b, '>=': lambda a, b: a >= b,
                  '<=': lambda a, b: a <= b}[op](got, json.loads(want))
            shown = '==' if op == '=' else op
            check(ok, f'{key} {shown} {want} (got {json.dumps(got)})')
        except (StopIteration, KeyError, IndexError, ValueError, TypeError) as e:
            check(False, f'{key} == {want} ({type(e).__name__}: {e})')
    if opts.twice:
        first = {p: d[0] for p, d in docs.items()}
        status2, out2, err2 = run(cmd, opts.stdin, opts.timeout, env)
        def strip(text):
            return '\n'.join(l for l in text.splitlines()
                             if not any(re.search(rx, l) for rx in opts.twice_ignore))
        check(status2 == status, 'second run: same exit status')
        check(strip(out2) == strip(out), 'second run: same stdout')
        check(strip(err2) == strip(err), 'second run: same stderr')
        for path, raw in first.items():
            try:
                with open(path, 'rb') as f:
                    same = f.read() == raw
            except OSError:
                same = False
            check(same, f'second run: same {os.path.basename(path)}')

    if not results:
        check(status == 0, f'exit status 0 (got {status})')
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    if not all(ok for ok, _ in results):
        print('# command: ' + ' '.join(cmd))
        print(f'# exit status: {status}')
        for name, text in (('stdout', out), ('stderr', err)):
            lines = text.splitlines()
            print(f'# --- {name} ({len(lines)} lines, last 40) ---')
            for line in lines[-40:]:
                print('# ' + line)
    return 0


if __name__ == '__main__':
    sys.exit(main())
