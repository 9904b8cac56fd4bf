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


if __name__ == '__main__':
    main()
