#!/usr/bin/env python3
"""test-totals.py BUILDDIR... - meson's test totals over several build
directories, as the single line "N passed, N failed" (from each
meson-logs/testlog.json).  Exits non-zero if anything failed or a log is
missing."""
import json
import os
import sys

PASS = {'OK', 'EXPECTEDFAIL'}
FAIL = {'FAIL', 'UNEXPECTEDPASS', 'TIMEOUT', 'ERROR'}


def main():
    passed = failed = 0
    for d in sys.argv[1:]:
        path = os.path.join(d, 'meson-logs', 'testlog.json')
        if not os.path.exists(path):
            print(f'test-totals.py: {path} is missing', file=sys.stderr)
            failed += 1
            continue
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                result = json.loads(line).get('result')
                if result in PASS:
                    passed += 1
                elif result in FAIL:
                    failed += 1
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
