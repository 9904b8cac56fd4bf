#!/usr/bin/env python3
"""linux_full.py EMULATOR LINUX-DIR - boot Linux 6.1 to our init under
--model full and check that the memory model's verdict can be trusted, in TAP.

Linux's own drivers use the DMA API with the cache maintenance it needs, so a
correct model of the ARM1176's caches, TLBs and CP15 operations reports no
finding of any kind while dmatest passes on our PL080S controllers.  That
needs the model to see the decompressed kernel's CP15 operations, which are
found as the kernel's code is fetched (soc/arm1176/cp15.h): the report must
show them.  It boots twice at once and checks the two runs agree.  Skipped (TAP "1..0 # SKIP") without a built kernel, as
linux_boot.py is.
"""
import os
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from linux_boot import Tap, boot  # noqa: E402


def main():
    emu, kdir = sys.argv[1], sys.argv[2]
    for f in ('zImage', 'initramfs.cpio.gz'):
        if not os.path.exists(os.path.join(kdir, f)):
            print(f'1..0 # SKIP no {f} in {kdir}: build the kernel with tools/linux')
            return 0
    # Two boots side by side (one per core): the model's verdict must not vary.
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(boot, emu, kdir, os.path.join(tmp, f'full{i}.json'),
                            ['--model', 'full']) for i in (1, 2)]
        (status, out, err, rep), (status2, out2, _, rep2) = [r.result() for r in runs]
    sys.stdout.write(''.join('# ' + line + '\n' for line in err.splitlines()[-20:]))
    mm = rep.get('memory_model', {})
    t = Tap()
    print('1..7')
    t.check(status == 0 and mm.get('mode') == 'full',
            f'init ends the run with status 0 under --model full (got {status})')
    m = re.search(r'^init: dmatest: (\d+) channels, (\d+) threads, (\d+) tests, (\d+) failures',
                  out, re.M)
    t.check(m is not None and m.group(1) == '16' and int(m.group(3)) == 64 and m.group(4) == '0',
            'dmatest: every memcpy channel of both controllers, zero failures: ' +
            (m.group(0) if m else 'no dmatest summary'))
    coh = mm.get('coherency', {}).get('counts')
    t.check(coh is not None and len(coh) == 4 and not any(coh.values()),
            f'no coherency finding while Linux streams DMA: {coh}')
    found = mm.get('findings', {}).get('counts')
    t.check(found is not None and len(found) >= 3 and not any(found.values()),
            f'no TLB or table-walk finding: {found}')
    # Before the sites were found at fetch the model saw one D-cache operation
    # and one TLB flush in the whole boot (only the decompressor's).
    cp15 = mm.get('cp15', {})
    tlb = mm.get('tlb', {}).get('maintenance', {})
    dops = mm.get('dcache', {}).get('maintenance_ops', 0)
    t.check(cp15.get('sites_found_at_fetch', 0) >= 100 and tlb.get('invalidate_mva', 0) >= 100 and
            dops >= 10000,
            f'the kernel\'s CP15 operations reach the model: {cp15.get("sites_found_at_fetch")} '
            f'sites found at fetch, {tlb.get("invalidate_mva")} TLB invalidates by MVA, '
            f'{dops} D-cache operations')
    odd = [line for line in err.splitlines()
           if re.search(r'unimplemented|guest( error)?:', line)]
    t.check(not odd, 'no unmodelled register or guest warning on the way: ' +
            ('; '.join(odd[:3]) if odd else 'none'))
    t.check(rep.get('cycles') is not None and rep.get('cycles') == rep2.get('cycles') and
            out == out2 and mm == rep2.get('memory_model') and status == status2,
            f'deterministic: the same cycles, console and memory-model report twice '
            f'({rep.get("cycles")}, {rep2.get("cycles")})')
    if t.failed:
        sys.stdout.write(''.join('# ' + line + '\n' for line in out.splitlines()[-40:]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
