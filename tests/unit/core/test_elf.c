/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the ELF loader (emu/elf.c) on a real guest image, whose path
 * the test runner passes as argv[1].
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emu/elf.h"

#define RAM_BASE 0x50000000u
#define RAM_SIZE (16u << 20)

static const char *image;
static uint8_t *ram;

static void test_load(void **state)
{
	struct elf_load_target t = { ram, RAM_BASE, RAM_SIZE, false };
	struct elf_image *img;
	uint32_t addr, size, word;
	char buf[96];

	memset(ram, 0xa5, RAM_SIZE);
	assert_int_equal(elf_load(image, &t, &img), 0);
	assert_int_equal(img->entry_pa, 0x50008000u);
	assert_false(img->entry_thumb);
	assert_true(img->nr_seg >= 1);
	assert_true(img->lo_pa >= 0x50008000u && img->hi_pa > img->lo_pa);
	/* The first instruction is in RAM where the ELF put it. */
	memcpy(&word, ram + (img->entry_pa - RAM_BASE), 4);
	assert_int_not_equal(word, 0xa5a5a5a5u);
	/* .bss (memsz beyond filesz) is zeroed */
	assert_true(elf_symbol_addr(img, "__bss_start", &addr, NULL));
	memcpy(&word, ram + (addr - RAM_BASE), 4);
	assert_int_equal(word, 0);
	/* Symbols: a function resolves to itself and to function+offset. */
	assert_true(elf_symbol_addr(img, "main", &addr, &size));
	assert_true(size > 8);
	assert_string_equal(elf_lookup(img, addr)->name, "main");
	assert_string_equal(elf_lookup(img, addr + 4)->name, "main");
	snprintf(buf, sizeof(buf), "0x%08x <main+0x4>", addr + 4);
	assert_string_equal(elf_symbolize(img, addr + 4, buf + 40, 40), buf);
	/* Far outside the image, nothing claims the address. */
	assert_null(elf_lookup(img, 0x10000000u));
	assert_string_equal(elf_symbolize(img, 0x10000000u, buf, sizeof(buf)), "0x10000000");
	assert_false(elf_symbol_addr(img, "no_such_symbol", NULL, NULL));
	assert_false(elf_is_thumb(img, addr));
	elf_free(img);
}

/* Into RAM known to be zero the loader leaves .bss alone: no page touched. */
static void test_load_zeroed(void **state)
{
	struct elf_load_target t = { ram, RAM_BASE, RAM_SIZE, true };
	struct elf_image *img;
	uint32_t addr, word;

	memset(ram, 0xa5, RAM_SIZE);
	assert_int_equal(elf_load(image, &t, &img), 0);
	assert_true(elf_symbol_addr(img, "__bss_start", &addr, NULL));
	memcpy(&word, ram + (addr - RAM_BASE), 4);
	assert_int_equal(word, 0xa5a5a5a5u);
	memcpy(&word, ram + (img->entry_pa - RAM_BASE), 4);
	assert_int_not_equal(word, 0xa5a5a5a5u);
	elf_free(img);
}

static void test_outside_ram(void **state)
{
	/* The same image into a RAM that starts above it must be refused. */
	struct elf_load_target t = { ram, RAM_BASE + 0x100000u, RAM_SIZE - 0x100000u, false };
	struct elf_image *img = (void *)1;

	assert_int_equal(elf_load(image, &t, &img), -1);
	assert_null(img);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_load_zeroed),
		cmocka_unit_test(test_outside_ram),
	};
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: test_elf IMAGE.elf\n");
		return 1;
	}
	image = argv[1];
	ram = malloc(RAM_SIZE);
	if (!ram)
		return 1;
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	free(ram);
	return ret;
}
