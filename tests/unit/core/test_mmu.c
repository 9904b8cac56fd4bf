/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the ARMv6 table walk (soc/arm1176/mmu.c) against
 * hand-built tables: every descriptor kind, every fault, the TTBR split.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "soc/arm1176/mmu.h"

#define MEM_BASE 0x50000000u
#define MEM_SIZE 0x40000u
#define L1 MEM_BASE            /* 16 KiB table for TTBR0 */
#define L1_K (MEM_BASE + 0x4000u) /* TTBR1 table */
#define L2 (MEM_BASE + 0x8000u)   /* coarse tables, 1 KiB each */

static uint32_t mem[MEM_SIZE / 4];

static bool rd(void *opaque, uint32_t pa, uint32_t *v)
{
	if (pa - MEM_BASE >= MEM_SIZE)
		return false;
	*v = mem[(pa - MEM_BASE) / 4];
	return true;
}

static void put(uint32_t pa, uint32_t v)
{
	mem[(pa - MEM_BASE) / 4] = v;
}

static struct mmu_regs regs(void)
{
	return (struct mmu_regs){
		.sctlr = SCTLR_M | SCTLR_XP,
		.ttbr0 = L1,
		.ttbr1 = L1_K,
		.dacr = 0x1, /* domain 0 client, others no access */
	};
}

/* Section: AP[11:10], domain [8:5], TEX [14:12], C, B, XN, APX, nG. */
static uint32_t section(uint32_t pa, unsigned ap, unsigned dom, unsigned extra)
{
	return (pa & 0xfff00000u) | (ap << 10) | (dom << 5) | extra | 2u;
}

static void setup(void)
{
	memset(mem, 0, sizeof(mem));
	put(L1 + (0x000u << 2), section(0x50000000u, 3, 0, 0xc));      /* VA 0x000xxxxx */
	put(L1 + (0x001u << 2), section(0x70000000u, 1, 0, 1u << 4));  /* priv RW, XN */
	put(L1 + (0x002u << 2), section(0x51000000u, 2, 0, 0));        /* user RO */
	put(L1 + (0x003u << 2), section(0x52000000u, 3, 1, 0));        /* domain 1: no access */
	put(L1 + (0x004u << 2), section(0x53000000u, 1, 0, 1u << 15)); /* APX: priv RO */
	put(L1 + (0x005u << 2), section(0x54000000u, 3, 0, 1u << 17)); /* nG */
	/* supersection at VA 0x01000000-0x01ffffff -> PA 0x60000000 */
	for (unsigned i = 0x010; i < 0x020; i++)
		put(L1 + (i << 2), 0x60000000u | (3u << 10) | (1u << 18) | 2u);
	/* coarse table at VA 0x00600000 */
	put(L1 + (0x006u << 2), (L2 & 0xfffffc00u) | (0u << 5) | 1u);
	put(L2 + (0x00u << 2), 0x55000000u | (3u << 4) | 0xc | 2u);         /* small page */
	put(L2 + (0x01u << 2), 0x55001000u | (3u << 4) | 2u | 1u);          /* small, XN */
	for (unsigned i = 0x10; i < 0x20; i++)                              /* large page */
		put(L2 + (i << 2), 0x56000000u | (1u << 15) | (2u << 4) | 1u);  /* XN, user RO */
	/* 0x20: no entry (translation fault, page) */
	/* coarse table pointing outside memory (external abort on 2nd-level walk) */
	put(L1 + (0x007u << 2), 0x10000000u | 1u);
	/* kernel half through TTBR1 */
	put(L1_K + (0xc00u << 2), section(0x50000000u, 1, 0, 0));
}

static void test_section_and_attributes(void **state)
{
	struct mmu_regs r = regs();
	struct mmu_result res;

	setup();
	assert_int_equal(mmu_translate(&r, 0x00012345u, MMU_READ, true, rd, NULL, &res), 0);
	assert_int_equal(res.pa, 0x50012345u);
	assert_int_equal(res.kind, MAP_SECTION);
	assert_int_equal(res.size, 1u << 20);
	assert_true(res.c && res.b);
	assert_int_equal(res.nr_reads, 1);
	assert_int_equal(res.desc_pa[0], L1);
	assert_int_equal(mmu_translate(&r, 0x00512345u, MMU_READ, true, rd, NULL, &res), 0);
	assert_true(res.ng);
	assert_int_equal(mmu_translate(&r, 0x01abcdefu, MMU_WRITE, false, rd, NULL, &res), 0);
	assert_int_equal(res.kind, MAP_SUPERSECTION);
	assert_int_equal(res.pa, 0x60abcdefu);
}

static void test_pages(void **state)
{
	struct mmu_regs r = regs();
	struct mmu_result res;

	setup();
	assert_int_equal(mmu_translate(&r, 0x00600abcu, MMU_FETCH, false, rd, NULL, &res), 0);
	assert_int_equal(res.pa, 0x55000abcu);
	assert_int_equal(res.kind, MAP_SMALL);
	assert_int_equal(res.nr_reads, 2);
	assert_int_equal(res.desc_pa[1], L2);
	assert_int_equal(mmu_translate(&r, 0x0061abcdu, MMU_READ, false, rd, NULL, &res), 0);
	assert_int_equal(res.kind, MAP_LARGE);
	assert_int_equal(res.pa, 0x5600abcdu);
	/* the large page is user read-only and XN */
	assert_int_equal(mmu_translate(&r, 0x0061abcdu, MMU_WRITE, false, rd, NULL, &res),
			 mmu_fsr(FAULT_PERMISSION_PAGE, 0, true));
	assert_int_equal(mmu_translate(&r, 0x0061abcdu, MMU_FETCH, true, rd, NULL, &res),
			 mmu_fsr(FAULT_PERMISSION_PAGE, 0, false));
	/* XN small page: data is fine, fetch is not */
	assert_int_equal(mmu_translate(&r, 0x00601000u, MMU_READ, false, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00601000u, MMU_FETCH, false, rd, NULL, &res), 0x00f);
}

static void test_faults(void **state)
{
	struct mmu_regs r = regs();
	struct mmu_result res;

	setup();
	/* nothing at all: translation fault (section), FAR = VA, WnR on writes */
	assert_int_equal(mmu_translate(&r, 0x00800010u, MMU_READ, true, rd, NULL, &res), 0x005);
	assert_int_equal(res.far, 0x00800010u);
	assert_int_equal(mmu_translate(&r, 0x00800010u, MMU_WRITE, true, rd, NULL, &res), 0x805);
	/* empty L2 entry: translation fault (page), domain from the L1 entry */
	assert_int_equal(mmu_translate(&r, 0x00620000u, MMU_READ, true, rd, NULL, &res), 0x007);
	/* L2 table outside memory: external abort on translation (second level) */
	assert_int_equal(mmu_fsr_status(mmu_translate(&r, 0x00700000u, MMU_READ, true, rd, NULL,
						      &res)), FAULT_EXT_TRANSLATION_L2);
	/* domain 1 is "no access": domain fault with the domain in FSR[7:4] */
	assert_int_equal(mmu_translate(&r, 0x00300000u, MMU_READ, true, rd, NULL, &res), 0x019);
	/* ...and "manager" skips permission checks entirely */
	r.dacr = 0x1 | (3u << 2);
	assert_int_equal(mmu_translate(&r, 0x00300000u, MMU_WRITE, false, rd, NULL, &res), 0);
	r = regs();
	/* AP=01: privileged only */
	assert_int_equal(mmu_translate(&r, 0x00100000u, MMU_READ, true, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00100000u, MMU_READ, false, rd, NULL, &res), 0x00d);
	/* XN section */
	assert_int_equal(mmu_translate(&r, 0x00100000u, MMU_FETCH, true, rd, NULL, &res), 0x00d);
	/* AP=10: user read-only */
	assert_int_equal(mmu_translate(&r, 0x00200000u, MMU_READ, false, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00200000u, MMU_WRITE, false, rd, NULL, &res), 0x80d);
	assert_int_equal(mmu_translate(&r, 0x00200000u, MMU_WRITE, true, rd, NULL, &res), 0);
	/* APX=1 AP=01: privileged read-only */
	assert_int_equal(mmu_translate(&r, 0x00400000u, MMU_READ, true, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00400000u, MMU_WRITE, true, rd, NULL, &res), 0x80d);
	/* L1 table itself outside memory */
	r.ttbr0 = 0x10000000u;
	assert_int_equal(mmu_fsr_status(mmu_translate(&r, 0, MMU_READ, true, rd, NULL, &res)),
			 FAULT_EXT_TRANSLATION_L1);
	assert_string_equal(mmu_fault_name(0x805), "translation fault (section)");
	assert_string_equal(mmu_fault_name(0x406), "imprecise external abort");
}

static void test_ttbcr_split(void **state)
{
	struct mmu_regs r = regs();
	struct mmu_result res;

	setup();
	/* N = 0: everything through TTBR0, where 0xC0000000 is unmapped */
	assert_int_equal(mmu_translate(&r, 0xc0001000u, MMU_READ, true, rd, NULL, &res), 0x005);
	/* N = 2: VA >= 0x40000000 goes through TTBR1 */
	r.ttbcr = 2;
	assert_int_equal(mmu_translate(&r, 0xc0001000u, MMU_READ, true, rd, NULL, &res), 0);
	assert_int_equal(res.pa, 0x50001000u);
	assert_int_equal(res.desc_pa[0], L1_K + (0xc00u << 2));
	/* low addresses still use TTBR0, whose table is now only 4 KiB */
	assert_int_equal(mmu_translate(&r, 0x00012345u, MMU_READ, true, rd, NULL, &res), 0);
	assert_int_equal(res.pa, 0x50012345u);
	/* PD1 disables walks through TTBR1 */
	r.ttbcr = 2 | (1u << 5);
	assert_int_equal(mmu_translate(&r, 0xc0001000u, MMU_READ, true, rd, NULL, &res), 0x005);
	/* MMU off: flat */
	r = regs();
	r.sctlr = 0;
	assert_int_equal(mmu_translate(&r, 0x12345678u, MMU_WRITE, false, rd, NULL, &res), 0);
	assert_int_equal(res.pa, 0x12345678u);
	assert_int_equal(res.kind, MAP_FLAT);
}

/* XP=0: subpage access permissions on small pages. */
static void test_legacy_subpages(void **state)
{
	struct mmu_regs r = regs();
	struct mmu_result res;

	setup();
	r.sctlr = SCTLR_M; /* XP clear */
	/* small page, AP0 = 11 (RW), AP1 = 10 (user RO), AP2 = 01 (priv), AP3 = 00 */
	put(L2 + (0x02u << 2), 0x55002000u | (3u << 4) | (2u << 6) | (1u << 8) | (0u << 10) | 2u);
	assert_int_equal(mmu_translate(&r, 0x00602000u, MMU_WRITE, false, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00602400u, MMU_WRITE, false, rd, NULL, &res), 0x80f);
	assert_int_equal(mmu_translate(&r, 0x00602400u, MMU_READ, false, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00602800u, MMU_READ, false, rd, NULL, &res), 0x00f);
	assert_int_equal(mmu_translate(&r, 0x00602800u, MMU_READ, true, rd, NULL, &res), 0);
	/* AP=00 with S set: privileged read-only */
	assert_int_equal(mmu_translate(&r, 0x00602c00u, MMU_READ, true, rd, NULL, &res), 0x00f);
	r.sctlr |= SCTLR_S;
	assert_int_equal(mmu_translate(&r, 0x00602c00u, MMU_READ, true, rd, NULL, &res), 0);
	assert_int_equal(mmu_translate(&r, 0x00602c00u, MMU_WRITE, true, rd, NULL, &res), 0x80f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_section_and_attributes),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_ttbcr_split),
		cmocka_unit_test(test_legacy_subpages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
