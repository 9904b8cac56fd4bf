/* SPDX-License-Identifier: MIT */
/*
 * kernel.c - the boot loader's part for a Linux kernel: image, initramfs and
 * /chosen (see kernel.h).
 */
#include "emu/kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "emu/file.h"
#include "emu/alloc.h"
#include "emu/log.h"

#define PF_RWX 7u
#define PAGE_MASK 0xfffu

/* The zImage header (arch/arm/boot/compressed/head.S): magic, start, end. */
#define ZIMAGE_MAGIC_OFF 0x24
#define ZIMAGE_MAGIC     0x016f2818u
#define ZIMAGE_MAGIC_BE  0x18286f01u
#define ZIMAGE_HDR_END   0x30

struct kernel_boot {
	char *kernel_path;
	uint8_t *kernel;
	size_t kernel_size;
	bool zimage;
	char *initrd_path;
	uint8_t *initrd;
	size_t initrd_size;
	char *append;
};

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The whole file, or NULL after an error line naming `what`. */
static uint8_t *slurp(const char *path, const char *what, size_t *size)
{
	char why[128];
	uint8_t *buf = file_read(path, ELF_MAX_FILE_SIZE, size, why, sizeof(why));

	if (!buf) {
		log_error("%s: cannot read %s: %s", path, what, why);
		return NULL;
	}
	if (*size == 0) {
		log_error("%s: empty file, not a %s", path, what);
		free(buf);
		return NULL;
	}
	return buf;
}

/* A zImage, an Image, or (one error line) something else. */
static int check_kernel(struct kernel_boot *kb)
{
	const uint8_t *p = kb->kernel;
	size_t n = kb->kernel_size;
	const char *path = kb->kernel_path;

	if (n >= 4 && memcmp(p, "\177ELF", 4) == 0) {
		log_error("%s: an ELF file, not a zImage or Image: give ELF images as IMAGE, "
			  "without --kernel", path);
		return -1;
	}
	if (n >= ZIMAGE_HDR_END && le32(p + ZIMAGE_MAGIC_OFF) == ZIMAGE_MAGIC_BE) {
		log_error("%s: a big-endian zImage: the board boots little-endian", path);
		return -1;
	}
	if (n >= ZIMAGE_HDR_END && le32(p + ZIMAGE_MAGIC_OFF) == ZIMAGE_MAGIC) {
		uint32_t start = le32(p + 0x28), end = le32(p + 0x2c);

		if (end <= start) {
			log_error("%s: corrupt zImage header: end 0x%x is not above start 0x%x", path,
				  end, start);
			return -1;
		}
		if (end - start > n) {
			log_error("%s: truncated zImage: its header says %u bytes, the file has %zu",
				  path, end - start, n);
			return -1;
		}
		kb->zimage = true;
		return 0;
	}
	/*
	 * An ARM Image has no header to check: its first word is head.S's first
	 * instruction.  Refuse at least the common mistakes: a text file (all
	 * printable) or a file too short to hold even the boot code.
	 */
	{
		size_t head = n < 64 ? n : 64, printable = 0;

		for (size_t i = 0; i < head; i++)
			printable += (p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n' || p[i] == '\t';
		if (printable == head) {
			log_error("%s: a text file, not a zImage or Image", path);
			return -1;
		}
	}
	if (n < 64) {
		log_error("%s: %zu bytes is too short for a kernel image", path, n);
		return -1;
	}
	return 0;
}

void kernel_boot_free(struct kernel_boot *kb)
{
	if (!kb)
		return;
	free(kb->kernel_path);
	free(kb->kernel);
	free(kb->initrd_path);
	free(kb->initrd);
	free(kb->append);
	free(kb);
}

static char *dup_opt(const char *s)
{
	return s ? xstrdup(s, "a boot option") : NULL;
}

struct kernel_boot *kernel_boot_open(const char *kernel_path, const char *initrd_path,
				     const char *append)
{
	struct kernel_boot *kb = xcalloc(1, sizeof(*kb), "the kernel boot state");

	kb->kernel_path = dup_opt(kernel_path);
	kb->initrd_path = dup_opt(initrd_path);
	kb->append = dup_opt(append);
	if (kernel_path) {
		kb->kernel = slurp(kernel_path, "kernel image", &kb->kernel_size);
		if (!kb->kernel || check_kernel(kb) != 0)
			goto fail;
	}
	if (initrd_path) {
		kb->initrd = slurp(initrd_path, "initramfs", &kb->initrd_size);
		if (!kb->initrd)
			goto fail;
	}
	return kb;
fail:
	kernel_boot_free(kb);
	return NULL;
}

int kernel_boot_load(const struct kernel_boot *kb, const struct elf_load_target *t,
		     struct elf_image **out)
{
	uint32_t pa = t->base + KERNEL_TEXT_OFFSET;
	struct elf_image *img;

	*out = NULL;
	if (t->size <= KERNEL_TEXT_OFFSET || kb->kernel_size > t->size - KERNEL_TEXT_OFFSET) {
		log_error("%s: the %zu-byte kernel does not fit in the board's %u MiB of RAM",
			  kb->kernel_path, kb->kernel_size, t->size >> 20);
		return -1;
	}
	memcpy(t->ram + KERNEL_TEXT_OFFSET, kb->kernel, kb->kernel_size);
	img = xcalloc(1, sizeof(*img), "the kernel image");
	img->path = xstrdup(kb->kernel_path, "the kernel image");
	img->seg = xcalloc(1, sizeof(*img->seg), "the kernel image");
	img->seg[0] = (struct elf_segment){
		.vaddr = pa, .paddr = pa, .filesz = (uint32_t)kb->kernel_size,
		.memsz = (uint32_t)kb->kernel_size, .flags = PF_RWX,
	};
	img->nr_seg = 1;
	img->entry = img->entry_pa = pa;
	img->lo_pa = pa;
	img->hi_pa = pa + (uint32_t)kb->kernel_size;
	*out = img;
	return 0;
}

/* The board's tree with /chosen completed; initrd addresses filled in later. */
static void *complete_chosen(const struct kernel_boot *kb, const void *fdt, size_t *size)
{
	size_t extra = 1024 + (kb->append ? strlen(kb->append) : 0);
	size_t cap = fdt_totalsize(fdt) + extra;
	void *buf = xcalloc(1, cap, "the device tree");
	int chosen, err;

	err = fdt_open_into(fdt, buf, (int)cap);
	if (err == 0) {
		chosen = fdt_path_offset(buf, "/chosen");
		if (chosen == -FDT_ERR_NOTFOUND)
			chosen = fdt_add_subnode(buf, 0, "chosen");
		err = chosen < 0 ? chosen : 0;
	}
	if (err == 0 && kb->append)
		err = fdt_setprop_string(buf, chosen, "bootargs", kb->append);
	if (err == 0 && kb->initrd) {
		err = fdt_setprop_u32(buf, chosen, "linux,initrd-start", 0);
		if (err == 0)
			err = fdt_setprop_u32(buf, chosen, "linux,initrd-end", 0);
	}
	if (err == 0)
		err = fdt_pack(buf);
	if (err != 0) {
		log_error("cannot complete the device tree's /chosen node: %s", fdt_strerror(err));
		free(buf);
		return NULL;
	}
	*size = fdt_totalsize(buf);
	return buf;
}

int kernel_boot_place(const struct kernel_boot *kb, const struct elf_load_target *t,
		      const char *image_path, uint32_t image_end, const void *fdt, size_t fdt_size, uint32_t *dtb_pa,
		      uint32_t *dtb_size)
{
	void *owned = NULL;
	uint32_t top = t->base + t->size, dtb;

	if (kb && (kb->append || kb->initrd)) {
		owned = complete_chosen(kb, fdt, &fdt_size);
		if (!owned)
			return -1;
		fdt = owned;
	}
	dtb = (top - (uint32_t)fdt_size) & ~PAGE_MASK;
	if (kb && kb->initrd) {
		uint32_t start, chosen;

		if (kb->initrd_size > dtb - t->base) {
			log_error("%s: the %zu-byte initramfs does not fit in the board's %u MiB of RAM",
				  kb->initrd_path, kb->initrd_size, t->size >> 20);
			free(owned);
			return -1;
		}
		start = (dtb - (uint32_t)kb->initrd_size) & ~PAGE_MASK;
		if (start < image_end) {
			log_error("%s: the initramfs (0x%08x-0x%08x) would overlap the image, which "
				  "ends at 0x%08x", kb->initrd_path, start,
				  start + (uint32_t)kb->initrd_size, image_end);
			free(owned);
			return -1;
		}
		memcpy(t->ram + (start - t->base), kb->initrd, kb->initrd_size);
		chosen = fdt_path_offset(owned, "/chosen");
		fdt_setprop_inplace_u32(owned, chosen, "linux,initrd-start", start);
		fdt_setprop_inplace_u32(owned, chosen, "linux,initrd-end",
					start + (uint32_t)kb->initrd_size);
	}
	if (dtb < image_end) {
		log_error("%s: the image ends at 0x%08x, over the device tree at 0x%08x at the top "
			  "of RAM", image_path, image_end, dtb);
		free(owned);
		return -1;
	}
	memcpy(t->ram + (dtb - t->base), fdt, fdt_size);
	*dtb_pa = dtb;
	*dtb_size = (uint32_t)fdt_size;
	free(owned);
	return 0;
}
