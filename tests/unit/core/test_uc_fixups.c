/* SPDX-License-Identifier: MIT */
/*
 * test_uc_fixups.c - the store-path interposition (emu/uc_fixups.h): this
 * program links the core like the emulator does, so libunicorn's calls of
 * page_collection_lock_arm must reach the core's definition, which skips
 * the collection or forwards it as decided, and translated code a store
 * overwrites must still be dropped either way.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unicorn/unicorn.h>

#include "emu/uc_fixups.h"

#define BASE 0x10000u

struct page_collection *page_collection_lock_arm(void *uc, uint64_t start, uint64_t end);

/* Run code that calls f, overwrites f's first instruction and calls it
 * again: r0 ends at 3 when the stale translation was dropped, 2 when not. */
static uint32_t run_smc(void)
{
	static const uint32_t code[] = {
		0xe3a00000u, /* 00: mov r0, #0 */
		0xeb000003u, /* 04: bl f */
		0xe59f1010u, /* 08: ldr r1, [pc, #16]  the literal */
		0xe58f1004u, /* 0c: str r1, [pc, #4]   over f's first instruction */
		0xeb000000u, /* 10: bl f */
		0xea000002u, /* 14: b done */
		0xe2800001u, /* 18: f: add r0, r0, #1 */
		0xe12fff1eu, /* 1c: bx lr */
		0xe2800002u, /* 20: literal: add r0, r0, #2 */
		0xe1a00000u, /* 24: done: nop */
	};
	uc_engine *uc;
	uint32_t r0 = 0, lr = 0;

	assert_int_equal(uc_open(UC_ARCH_ARM, UC_MODE_ARM, &uc), UC_ERR_OK);
	assert_int_equal(uc_mem_map(uc, BASE, 0x1000, UC_PROT_ALL), UC_ERR_OK);
	assert_int_equal(uc_mem_write(uc, BASE, code, sizeof(code)), UC_ERR_OK);
	assert_int_equal(uc_reg_write(uc, UC_ARM_REG_LR, &lr), UC_ERR_OK);
	assert_int_equal(uc_emu_start(uc, BASE, BASE + 0x24, 0, 0), UC_ERR_OK);
	assert_int_equal(uc_reg_read(uc, UC_ARM_REG_R0, &r0), UC_ERR_OK);
	uc_close(uc);
	return r0;
}

/* The definition the library calls is this program's, exported. */
static void test_interposed(void **state)
{
	void *self = dlsym(RTLD_DEFAULT, "page_collection_lock_arm");
	void *lib = dlsym(RTLD_NEXT, "page_collection_lock_arm");

	assert_ptr_equal(self, (void *)page_collection_lock_arm);
	assert_non_null(lib);
	assert_ptr_not_equal(lib, self);
}

static void test_fastpath_on(void **state)
{
	uint64_t before;

	unsetenv("S3C6410_EMU_NO_UC_FASTPATH");
	uc_fixups_init(true);
	assert_true(uc_fixups_fastpath());
	assert_non_null(strstr(uc_fixups_describe(), "on"));
	before = uc_fixups_collections();
	assert_int_equal(run_smc(), 3);
	/* the library's store path went through this program's definition */
	assert_true(uc_fixups_collections() > before);
}

static void test_fastpath_off(void **state)
{
	uint64_t before;

	uc_fixups_init(false);
	assert_false(uc_fixups_fastpath());
	assert_non_null(strstr(uc_fixups_describe(), "--no-uc-fastpath"));
	before = uc_fixups_collections();
	assert_int_equal(run_smc(), 3);
	assert_true(uc_fixups_collections() > before);

	setenv("S3C6410_EMU_NO_UC_FASTPATH", "1", 1);
	uc_fixups_init(true);
	assert_false(uc_fixups_fastpath());
	assert_non_null(strstr(uc_fixups_describe(), "S3C6410_EMU_NO_UC_FASTPATH"));
	assert_int_equal(run_smc(), 3);
	setenv("S3C6410_EMU_NO_UC_FASTPATH", "0", 1);
	uc_fixups_init(true);
	assert_true(uc_fixups_fastpath());
	unsetenv("S3C6410_EMU_NO_UC_FASTPATH");
}

void *memory_mapping(void *uc, uint64_t address);

/* The cached region lookup answers as the library does, and forgets on release. */
static void test_mapping_cache(void **state)
{
	void *(*real)(void *, uint64_t) = (void *(*)(void *, uint64_t))dlsym(RTLD_NEXT, "memory_mapping");
	static const uint64_t probes[] = { 0x0, 0x10000, 0x100000, 0x1fffff, 0x200000, 0x4fffffff,
					   0x50000000, 0x5fffffff, 0x60000000, 0xfffff000 };
	uc_engine *uc;

	assert_non_null(real);
	uc_fixups_init(true);
	assert_int_equal(uc_open(UC_ARCH_ARM, UC_MODE_ARM, &uc), UC_ERR_OK);
	assert_int_equal(uc_mem_map(uc, 0x100000, 0x100000, UC_PROT_ALL), UC_ERR_OK);
	assert_int_equal(uc_mem_map(uc, 0x50000000, 0x10000000, UC_PROT_ALL), UC_ERR_OK);
	uc_fixups_adopt(uc);
	for (unsigned r = 0; r < 2; r++)
		for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
			assert_ptr_equal(memory_mapping(uc, probes[i]), real(uc, probes[i]));
	assert_null(memory_mapping(uc, 0x0));
	assert_non_null(memory_mapping(uc, 0x1fffff));
	/* Changed map: released, unmapped, adopted again. */
	uc_fixups_release(uc);
	assert_int_equal(uc_mem_unmap(uc, 0x100000, 0x100000), UC_ERR_OK);
	uc_fixups_adopt(uc);
	assert_null(memory_mapping(uc, 0x1fffff));
	assert_ptr_equal(memory_mapping(uc, 0x50000000), real(uc, 0x50000000));
	uc_fixups_release(uc);
	uc_close(uc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interposed),
		cmocka_unit_test(test_fastpath_on),
		cmocka_unit_test(test_fastpath_off),
		cmocka_unit_test(test_mapping_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
