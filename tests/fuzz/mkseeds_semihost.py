#!/usr/bin/env python3
"""mkseeds_semihost.py OUTDIR - the seed corpus of fuzz_semihost: one input
per kind of call a guest makes (layout in fuzz_semihost.c).  The window is
at 0x50400000; argument blocks sit at offset 0x40, strings at 0x80 and 0xc0, buffers at 0x100."""
import os
import struct
import sys

WIN = 0x50400000
ARG, STR, STR2, BUF = 0x40, 0x80, 0xc0, 0x100


def seed(op, words=(), s1=b'', s2=b'', flags=0, dacr=0, table=b'', arg=ARG):
    win = bytearray(0x4000)
    for i in range(0, len(table), 4):  # table words, except where the blocks are
        if table[i:i + 4] != b'\0\0\0\0':
            win[i:i + 4] = table[i:i + 4]
    blk = struct.pack('<%dI' % len(words), *words)
    win[ARG:ARG + len(blk)] = blk
    win[STR:STR + len(s1)] = s1
    win[STR2:STR2 + len(s2)] = s2
    return struct.pack('<4I', op, arg, flags, dacr) + bytes(win).rstrip(b'\0')


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    s, s2, buf = WIN + STR, WIN + STR2, WIN + BUF
    # an L1 table: one section mapping the window's MiB read-only (APX), domain 0
    sect = (WIN & 0xfff00000) | 0x2 | (1 << 10) | (1 << 15)
    table = bytearray(0x4000)
    struct.pack_into('<I', table, (WIN >> 20) * 4, sect)
    seeds = {
        'open-tt': seed(0x01, (s, 4, 3), b':tt'),
        'open-features': seed(0x01, (s, 0, 21), b':semihosting-features'),
        'open-file-w': seed(0x01, (s, 4, 4), b'file'),
        'open-escape': seed(0x01, (s, 0, 11), b'../../etc/x'),
        'open-abs': seed(0x01, (s, 0, 11), b'/etc/passwd'),
        'open-tmp': seed(0x01, (s, 6, 8), b':tmp/001'),
        'close': seed(0x02, (1,)),
        'writec': seed(0x03, arg=STR, s1=b'x'),
        'write0': seed(0x04, arg=STR, s1=b'hello\n'),
        'write': seed(0x05, (1, s, 6), b'hello\n'),
        'read': seed(0x06, (1, buf, 16)),
        'readc': seed(0x07),
        'iserror': seed(0x08, (0xffffffff,)),
        'istty': seed(0x09, (1,)),
        'seek': seed(0x0a, (1, 4)),
        'flen': seed(0x0c, (1,)),
        'tmpnam': seed(0x0d, (buf, 7, 32)),
        'remove': seed(0x0e, (s, 4), b'file'),
        'rename': seed(0x0f, (s, 4, s2, 5), b'file', b'other'),
        'clock': seed(0x10),
        'time': seed(0x11),
        'system': seed(0x12, (s, 2), b'ls'),
        'errno': seed(0x13),
        'cmdline': seed(0x15, (buf, 64)),
        'heapinfo': seed(0x16, (buf,)),
        'exit': seed(0x18, flags=1, arg=0x20026),
        'exit-extended': seed(0x20, (0x20026, 3)),
        'elapsed': seed(0x30, arg=BUF),
        'tickfreq': seed(0x31),
        'mmu-ro-elapsed': seed(0x30, flags=2, dacr=1, table=table, arg=BUF),
        'mmu-user-write0': seed(0x04, flags=6, dacr=1, table=table, arg=STR, s1=b'user\n'),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
