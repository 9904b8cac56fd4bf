/* SPDX-License-Identifier: MIT */
/*
 * kernel.h - boot a Linux kernel as Linux's boot loaders do (--kernel,
 * --initrd, --append).
 *
 * DOC: Documentation/arm/booting.rst asks the boot loader for: the kernel
 * image (a zImage or an Image) in RAM, the initramfs in RAM, and a device
 * tree whose /chosen node names the initramfs (linux,initrd-start/-end) and
 * the command line (bootargs).  The files are read and checked once, when the
 * machine is created, so a bad file fails before the run with one error line;
 * every (re)boot then places them again: the kernel at RAM + 0x8000 (where
 * the zImage decompressor and Image's head.S expect it), the device tree at
 * the top of RAM and the initramfs just under it, page aligned, both well
 * clear of the kernel's decompression area.  ELF images get the same
 * initramfs and command line when asked.
 */
#ifndef EMU_KERNEL_H
#define EMU_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "emu/elf.h"

#define KERNEL_TEXT_OFFSET 0x8000u /* TEXT_OFFSET of ARM Linux */

struct kernel_boot;

/*
 * Read and check the files (any path may be NULL; append may be NULL).
 * Returns NULL after printing one error line.
 */
struct kernel_boot *kernel_boot_open(const char *kernel_path, const char *initrd_path,
				     const char *append);
void kernel_boot_free(struct kernel_boot *kb);

/*
 * Copy the kernel image to RAM + KERNEL_TEXT_OFFSET and describe it as an
 * image without symbols (one executable segment, entry at its start).
 * Returns 0, or -1 after printing an error (it does not fit).
 */
int kernel_boot_load(const struct kernel_boot *kb, const struct elf_load_target *t,
		     struct elf_image **out);

/*
 * Place the board's device tree (with /chosen completed from kb, which may
 * be NULL) at the top of RAM and the initramfs under it.  image_end is the
 * first byte above the loaded image (image_path names it in errors).  Returns 0 with the tree's physical
 * address and size, or -1 after printing an error.
 */
int kernel_boot_place(const struct kernel_boot *kb, const struct elf_load_target *t,
		      const char *image_path, uint32_t image_end, const void *fdt, size_t fdt_size, uint32_t *dtb_pa,
		      uint32_t *dtb_size);

#endif /* EMU_KERNEL_H */
