#!/usr/bin/env python3
"""mkbad.py GOOD.elf GOOD.dtb OUTDIR - derive malformed inputs for the CLI tests.

Each output breaks exactly one thing a user could get wrong, so each test
checks exactly one error message:
  not-elf.txt          plain text
  empty.elf            zero bytes
  trunc-header.elf     cut inside the program header table
  trunc-segment.elf    cut inside the first loadable segment
  i386.elf             e_machine = EM_386
  bigendian.elf        EI_DATA = ELFDATA2MSB
  outside-ram.elf      first PT_LOAD moved to physical 0x40000000
  trunc.dtb            a device tree blob cut in half
  bigger-than-ram.dtb  1 MiB of RAM and a 1.5 MiB tree
  huge.dtb             a 3 MiB tree, over the size limit
  uart-high.dtb        UART3 at 0x90000000, above the peripheral window
  vic-small.dtb        VIC1's reg 16 bytes long
  v16.dtb              the board's tree labelled format version 16 (node names
                       not full paths, which libfdt 1.6.1's fdt_check_full
                       dereferences as NULL: found by fuzz_dtb)
  huge.elf             an 800 MiB (sparse) file, over the image size limit
  trunc.zimage         a zImage header promising 1 MiB in a 4 KiB file
  bigendian.zimage     a zImage header with the magic byte-swapped
  huge.initrd          a sparse 160 MiB file, larger than the 128 MiB board's RAM
"""
import os
import struct
import sys


def main():
    good, dtb, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    data = bytearray(open(good, 'rb').read())

    def write(name, blob):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(blob)

    write('not-elf.txt', b'this is a text file, not an ARM image\n')
    write('empty.elf', b'')
    e_phoff, = struct.unpack_from('<I', data, 28)
    write('trunc-header.elf', data[:e_phoff + 8])

    # First PT_LOAD: offset and paddr.
    e_phentsize, e_phnum = struct.unpack_from('<HH', data, 42)
    load = None
    for i in range(e_phnum):
        off = e_phoff + i * e_phentsize
        p_type, p_offset, p_vaddr, p_paddr, p_filesz = struct.unpack_from('<IIIII', data, off)
        if p_type == 1 and p_filesz:
            load = (off, p_offset, p_filesz)
            break
    if load is None:
        sys.exit('mkbad.py: no PT_LOAD segment in ' + good)
    write('trunc-segment.elf', data[:load[1] + load[2] // 2])

    i386 = bytearray(data)
    struct.pack_into('<H', i386, 18, 3)
    write('i386.elf', i386)

    big = bytearray(data)
    big[5] = 2
    write('bigendian.elf', big)

    outside = bytearray(data)
    struct.pack_into('<I', outside, load[0] + 12, 0x40000000)
    write('outside-ram.elf', outside)

    blob = open(dtb, 'rb').read()
    write('trunc.dtb', blob[:len(blob) // 2])

    # 1 MiB of RAM (the /memory reg's size cell) and a tree padded to 1.5 MiB.
    mem = b'\x50\x00\x00\x00\x10\x00\x00\x00'
    if blob.count(mem) != 1:
        sys.exit('mkbad.py: cannot find the /memory reg in ' + dtb)
    small = bytearray(blob.replace(mem, b'\x50\x00\x00\x00\x00\x10\x00\x00'))
    size = 3 << 19
    struct.pack_into('>I', small, 4, size)
    write('bigger-than-ram.dtb', bytes(small) + bytes(size - len(small)))
    # UART3 moved above the peripheral window (issue 13.2).
    reg = b'\x7f\x00\x5c\x00\x00\x00\x01\x00'
    if blob.count(reg) != 1:
        sys.exit('mkbad.py: cannot find UART3\'s reg in ' + dtb)
    write('uart-high.dtb', blob.replace(reg, b'\x90\x00\x00\x00\x00\x00\x01\x00'))
    # VIC1's reg smaller than its registers: found after the VICs were counted
    # (issue 13.1: board_destroy() then finalised VICs never set up).
    reg = b'\x71\x30\x00\x00\x00\x00\x10\x00'
    if blob.count(reg) != 1:
        sys.exit('mkbad.py: cannot find VIC1\'s reg in ' + dtb)
    write('vic-small.dtb', blob.replace(reg, b'\x71\x30\x00\x00\x00\x00\x00\x10'))
    # Version 16 (and older) trees name nodes by full path; labelled so, a
    # version-17 tree makes Debian's libfdt 1.6.1 crash in fdt_check_full.
    old = bytearray(blob)
    struct.pack_into('>II', old, 20, 16, 16)
    write('v16.dtb', old)
    # An image larger than any board's RAM: a sparse file, no disk used.
    with open(os.path.join(out, 'huge.elf'), 'wb') as f:
        f.write(bytes(data[:64]))
        f.truncate(800 << 20)
    # 3 MiB: over the 2 MiB limit on any device tree.
    huge = bytearray(blob)
    struct.pack_into('>I', huge, 4, 3 << 20)
    write('huge.dtb', bytes(huge) + bytes((3 << 20) - len(huge)))
    # zImage header (arch/arm/boot/compressed/head.S): magic, start, end at 0x24.
    zimage = bytearray(4096)
    struct.pack_into('<III', zimage, 0x24, 0x016f2818, 0, 1 << 20)
    write('trunc.zimage', zimage)
    struct.pack_into('>I', zimage, 0x24, 0x016f2818)
    write('bigendian.zimage', zimage)

    with open(os.path.join(out, 'huge.initrd'), 'wb') as f:
        f.truncate(160 << 20)


if __name__ == '__main__':
    main()
