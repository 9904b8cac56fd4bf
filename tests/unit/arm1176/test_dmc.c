/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the DRAM port (soc/s3c6410/dmc.c): row hits, misses and
 * conflicts, the HCLK->ARMCLK conversion, and masters waiting for a busy
 * port; and of the CP15 instruction decoder and its table of blocks without
 * sites (soc/arm1176/cp15.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "emu/clock.h"
#include "soc/arm1176/cp15.h"
#include "soc/s3c6410/dmc.h"

static struct clock clk;
static struct dmc d;

static int setup(void **state)
{
	struct dmc_params p;

	clock_init(&clk);
	clock_set_hz(&clk, CLK_ARM, 532000000);
	clock_set_hz(&clk, CLK_HCLK, 133000000);  /* exactly 4 ARMCLK per HCLK */
	dmc_params_default(&p);
	dmc_init(&d, &p, &clk);
	return 0;
}

static int teardown(void **state)
{
	clock_destroy(&clk);
	return 0;
}

static void test_row_states(void **state)
{
	cycle_t first, done;

	/* closed bank: queue 4 + tRCD 3 + CL 3, then 4 beats of 8 bytes */
	done = dmc_access(&d, BUS_CPU_DATA, 0x50000000u, 32, false, 1000, &first);
	assert_int_equal(first, 1000 + 4 * (4 + 3 + 3 + 1));
	assert_int_equal(done, 1000 + 4 * (4 + 3 + 3 + 4));
	assert_int_equal(d.st.row_misses, 1);
	/* same row, later: a row hit */
	done = dmc_access(&d, BUS_CPU_DATA, 0x50000100u, 4, false, 2000, NULL);
	assert_int_equal(done, 2000 + 4 * (4 + 3 + 1));
	assert_int_equal(d.st.row_hits, 1);
	/* another row of bank 0 (row size 2 KiB, 4 banks): precharge first */
	done = dmc_access(&d, BUS_CPU_DATA, 0x50002000u, 4, false, 3000, NULL);
	assert_int_equal(done, 3000 + 4 * (4 + 3 + 3 + 3 + 1));
	assert_int_equal(d.st.row_conflicts, 1);
	/* a write uses the write latency */
	done = dmc_access(&d, BUS_WRITE_BUFFER, 0x50002004u, 4, true, 4000, NULL);
	assert_int_equal(done, 4000 + 4 * (4 + 1 + 1));
}

static void test_contention(void **state)
{
	cycle_t a, b;

	a = dmc_access(&d, BUS_CPU_DATA, 0x50000000u, 32, false, 100, NULL);
	/* DMA asks while the port is busy: it starts when the CPU's fill ends */
	b = dmc_access(&d, BUS_DMA0, 0x50000040u, 32, false, 110, NULL);
	assert_int_equal(b, a + 4 * (4 + 3 + 4));
	assert_int_equal(d.st.wait_cycles[BUS_DMA0], a - 110);
	assert_int_equal(d.st.transactions[BUS_DMA0], 1);
	assert_int_equal(d.st.bytes[BUS_CPU_DATA], 32);
	assert_int_equal(d.busy_until, b);
	assert_string_equal(bus_master_name(BUS_WALKER), "walker");
}

static void test_clock_ratio(void **state)
{
	assert_int_equal(dmc_hclk_to_arm(&d, 10), 40);
	clock_set_hz(&clk, CLK_HCLK, 100000000);   /* 5.32 ARMCLK per HCLK: rounds up */
	assert_int_equal(dmc_hclk_to_arm(&d, 1), 6);
	assert_int_equal(dmc_hclk_to_arm(&d, 100), 532);
}

static void test_cp15_decode(void **state)
{
	struct cp15_op op;

	assert_true(cp15_decode(0xee070f3a, &op));        /* mcr p15, 0, r0, c7, c10, 1 */
	assert_false(op.mcrr);
	assert_int_equal(op.crn, 7);
	assert_int_equal(op.crm, 10);
	assert_int_equal(op.opc2, 1);
	assert_int_equal(op.rt, 0);
	assert_true(cp15_decode(0xee083f17, &op));        /* mcr p15, 0, r3, c8, c7, 0 */
	assert_int_equal(op.crn, 8);
	assert_int_equal(op.crm, 7);
	assert_int_equal(op.rt, 3);
	assert_true(cp15_decode(0x1e0dbf30, &op));        /* mcrne p15, 0, fp, c13, c0, 1 */
	assert_int_equal(op.crn, 13);
	assert_int_equal(op.rt, 11);
	assert_true(cp15_decode(0xec421f0e, &op));        /* mcrr p15, 0, r1, r2, c14 */
	assert_true(op.mcrr);
	assert_int_equal(op.rt, 1);
	assert_int_equal(op.rt2, 2);
	assert_int_equal(op.crm, 14);
	assert_false(cp15_decode(0xee170f3a, &op));       /* mrc */
	assert_false(cp15_decode(0xee070a3a, &op));       /* mcr p10 */
	assert_false(cp15_decode(0xfe070f3a, &op));       /* mcr2 */
	assert_false(cp15_decode(0xe5910000, &op));       /* ldr */
}

/*
 * Blocks found to hold no CP15 site are remembered (the block hook's one
 * compare): by address and size, never while operations are pending, and
 * forgotten once the site table grows (sites found at run time).
 */
static void test_cp15_quiet_blocks(void **state)
{
	static struct cp15_watch w;
	struct cp15_site site[3] = {
		{ 0x50001000u, 0xee070f3au, { 0 } },
		{ 0x50002000u, 0xee070f3au, { 0 } },
	};

	memset(&w, 0, sizeof(w));
	w.site = site;
	w.nr = w.cap = 2;
	w.lo = 0x50001000u;
	w.hi = 0x50002004u;
	assert_false(cp15_block_quiet(&w, 0x50001400u, 64));   /* not seen yet */
	cp15_block(&w, NULL, NULL, 0x50001400u, 64);           /* between the sites */
	assert_true(cp15_block_quiet(&w, 0x50001400u, 64));
	assert_false(cp15_block_quiet(&w, 0x50001400u, 32));  /* another block */
	cp15_block(&w, NULL, NULL, 0x40000000u, 16);           /* outside their span */
	assert_true(cp15_block_quiet(&w, 0x40000000u, 16));
	w.npend = 1;                                           /* an operation pending */
	assert_false(cp15_block_quiet(&w, 0x40000000u, 16));
	w.npend = 0;
	/* a site inside the first block joins the table: neither answer stands */
	site[2] = site[1];
	site[1] = (struct cp15_site){ 0x50001420u, 0xee070f3au, { 0 } };
	w.nr = 3;
	assert_false(cp15_block_quiet(&w, 0x50001400u, 64));
	assert_false(cp15_block_quiet(&w, 0x40000000u, 16));
	cp15_block(&w, NULL, NULL, 0x40000000u, 16);
	assert_true(cp15_block_quiet(&w, 0x40000000u, 16));
	assert_false(cp15_block_quiet(&w, 0x50001400u, 64));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_row_states, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clock_ratio, setup, teardown),
		cmocka_unit_test(test_cp15_decode),
		cmocka_unit_test(test_cp15_quiet_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
