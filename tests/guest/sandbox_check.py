#!/usr/bin/env python3
"""sandbox_check.py EMU IMAGE - the semihosting root end to end (TAP).

Builds a root directory with planted symbolic links and an outside directory
beside it, runs guest/rdimon/rdimon_sandbox.c (which tries every way out and
uses relative files legitimately), and checks from the host that nothing
outside changed, that the refusals were reported once per kind with a final
count, and that the private temporary directory is gone after the run.  Run
twice: with --semihosting-root naming the root from elsewhere, and with the
default root (the current directory)."""
import os
import shutil
import subprocess
import sys
import tempfile

results = []


def check(ok, what):
    results.append((bool(ok), what))


def setup(top):
    root = os.path.join(top, 'root')
    out = os.path.join(top, 'outside')
    os.makedirs(os.path.join(root, 'sub'))
    os.makedirs(out)
    with open(os.path.join(root, 'inside.txt'), 'w') as f:
        f.write('inside\n')
    with open(os.path.join(out, 'secret.txt'), 'w') as f:
        f.write('secret\n')
    with open(os.path.join(out, 'victim'), 'w') as f:
        f.write('victim\n')
    os.symlink('../outside/secret.txt', os.path.join(root, 'link_out'))
    os.symlink('../outside', os.path.join(root, 'dirlink'))
    os.symlink('/etc/passwd', os.path.join(root, 'link_abs'))
    os.symlink('/proc/self/environ', os.path.join(root, 'link_proc'))
    os.symlink('inside.txt', os.path.join(root, 'link_in'))
    return root, out


def run(emu, image, top, label, explicit):
    root, out = setup(top)
    tmpdir = os.path.join(top, 'tmp')
    os.makedirs(tmpdir)
    env = dict(os.environ, TMPDIR=tmpdir)
    secret = os.path.join(out, 'secret.txt')
    if explicit:
        cmd = [emu, '--semihosting-root', root, image, secret]
        cwd = top
    else:
        cmd = [emu, image, secret]
        cwd = root
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    sys.stdout.write(''.join('# ' + l + '\n' for l in p.stdout.splitlines()))
    sys.stdout.write(''.join('# stderr: ' + l + '\n' for l in p.stderr.splitlines()))
    check(p.returncode == 0, f'{label}: guest exits 0 (got {p.returncode})')
    check('rdimon_sandbox: PASS' in p.stdout, f'{label}: every check in the guest passed')
    check(sorted(os.listdir(out)) == ['secret.txt', 'victim'], f'{label}: outside unchanged')
    check(open(secret).read() == 'secret\n', f'{label}: the secret is intact')
    check(open(os.path.join(out, 'victim')).read() == 'victim\n', f'{label}: victim intact')
    check(not os.path.lexists(os.path.join(root, 'link_out')) and
          os.path.exists(os.path.join(root, 'inside.txt')),
          f'{label}: the planted link was removed, not its target')
    check(os.listdir(tmpdir) == [], f'{label}: the private temporary directory is gone')
    refusals = [l for l in p.stderr.splitlines() if 'refused: outside the semihosting root' in l]
    check(len(refusals) == 3, f'{label}: three refusal warnings printed ({len(refusals)})')
    check(any('warnings in all of this kind: path outside the semihosting root' in l
              for l in p.stderr.splitlines()), f'{label}: a final count of the refusals')
    lines = p.stdout.splitlines()
    check('secret' not in lines and 'victim' not in lines and
          not any(l.startswith('root:') for l in lines), f'{label}: nothing leaked')


def main():
    emu, image = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    for label, explicit in (('--semihosting-root', True), ('default root', False)):
        top = tempfile.mkdtemp(prefix='sandbox-check-')
        try:
            run(emu, image, top, label, explicit)
        finally:
            shutil.rmtree(top, ignore_errors=True)
    print(f'1..{len(results)}')
    for i, (ok, what) in enumerate(results, 1):
        print(f'{"ok" if ok else "not ok"} {i} - {what}')
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
