#!/usr/bin/env python3
"""run.py TARGET SEED_DIR... [--seconds N] [--timeout N] [--corpus DIR] [--artifacts DIR]

Run one libFuzzer target from its committed seed corpus for N seconds
(fixed -seed, so a given build explores the same way each time) and fail on
any finding: a crash, a sanitizer report, a leak, a timeout (--timeout,
10 s by default, for one input: libFuzzer measures wall time, so a niced run
on a busy machine needs more), an exit, or RSS above 2.5 GB.  New inputs go to --corpus (a
throw-away directory by default), never into the seed directory in the
tree.  The last line says how many inputs ran: "fuzz_X: N executions in
S s, no finding" or "fuzz_X: FINDING, see ARTIFACT"."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('target')
    ap.add_argument('seeds', nargs='+')
    ap.add_argument('--seconds', type=int, default=25)
    ap.add_argument('--timeout', type=int, default=10)
    ap.add_argument('--corpus')
    ap.add_argument('--artifacts')
    a = ap.parse_args()
    name = os.path.basename(a.target)
    tmp = tempfile.mkdtemp(prefix=name + '-')
    corpus = a.corpus or os.path.join(tmp, 'corpus')
    artifacts = a.artifacts or os.path.join(os.path.dirname(os.path.abspath(a.target)),
                                            'fuzz-artifacts')
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(artifacts, exist_ok=True)
    cmd = [a.target, '-seed=1', f'-max_total_time={a.seconds}', f'-timeout={a.timeout}',
           '-rss_limit_mb=2560', '-close_fd_mask=3', '-print_final_stats=1',
           f'-artifact_prefix={artifacts}/{name}-', corpus] + a.seeds
    supp = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lsan.supp')
    env = dict(os.environ, LSAN_OPTIONS=f'suppressions={os.path.abspath(supp)}:print_suppressions=0')
    print('#', ' '.join(cmd), flush=True)
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True, errors='replace', env=env)
    elapsed = time.time() - t0
    shutil.rmtree(tmp, ignore_errors=True)
    runs = re.findall(r'stat::number_of_executed_units:\s*(\d+)', p.stderr)
    runs = int(runs[-1]) if runs else 0
    if p.returncode != 0:
        sys.stderr.write(p.stderr[-6000:])
        art = re.findall(r'Test unit written to (\S+)', p.stderr)
        print(f'{name}: FINDING after {runs} executions, see {art[-1] if art else "the log"}')
        return 1
    print(f'{name}: {runs} executions in {elapsed:.0f} s, no finding')
    return 0


if __name__ == '__main__':
    sys.exit(main())
