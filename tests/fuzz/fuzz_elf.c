/* SPDX-License-Identifier: MIT */
/*
 * fuzz_elf.c - the ELF loader (emu/elf.c) on an arbitrary file, loading into
 * a 1 MiB RAM at 0x5000_0000, then every query the emulator makes of a
 * loaded image.
 */
#define _GNU_SOURCE
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "emu/elf.h"
#include "emu/log.h"

#define RAM_BASE 0x50000000u
#define RAM_SIZE (1u << 20)

static uint8_t *ram;
static int fd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_set_quiet(1);
	ram = malloc(RAM_SIZE);
	/* libelf reads a file: one in-memory file, rewritten per input */
	fd = memfd_create("fuzz.elf", 0);
	if (!ram || fd < 0)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_load_target t = { ram, RAM_BASE, RAM_SIZE };
	struct elf_image *img = NULL;
	char buf[128];
	uint32_t pa, addr, len;

	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (elf_load(path, &t, &img) != 0 || !img)
		return 0;
	for (unsigned i = 0; i < img->nr_sym; i++) {
		elf_lookup(img, img->sym[i].addr);
		elf_symbolize(img, img->sym[i].addr + 1, buf, sizeof(buf));
		elf_symbol_addr(img, img->sym[i].name, &addr, &len);
	}
	elf_lookup(img, img->entry);
	elf_is_thumb(img, img->entry);
	elf_virt_to_phys(img, img->entry, &pa);
	elf_symbolize(img, 0xffffffffu, buf, sizeof(buf));
	elf_free(img);
	return 0;
}
