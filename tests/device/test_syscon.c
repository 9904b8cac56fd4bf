/* SPDX-License-Identifier: MIT */
/*
 * test_syscon.c - SYSCON: the boot-loader state, PLL and divider arithmetic
 * for several settings, synchronous/asynchronous mode, and what a frequency
 * change does to the clock and to a running timer.
 */
#include "tests/device/devtest.h"

#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/pwm.h"
#include "soc/s3c6410/syscon.h"

#define SYSCON_BASE 0x7e00f000u

enum {
	APLL_LOCK = 0x000, APLL_CON = 0x00c, MPLL_CON = 0x010, EPLL_CON0 = 0x014,
	EPLL_CON1 = 0x018, CLK_SRC = 0x01c, CLK_DIV0 = 0x020, HCLK_GATE = 0x030,
	PCLK_GATE = 0x034, SDMA_SEL = 0x110, SYS_ID = 0x118, OTHERS = 0x900, INFORM0 = 0xa00,
};

#define PLL(m, p, s) (1u << 31 | (m) << 16 | (p) << 8 | (s))

struct fixture {
	struct clock clock;
	struct syscon syscon;
	struct pwm pwm;
	unsigned changed;
};

static void clocks_changed(void *opaque)
{
	struct fixture *f = opaque;

	f->changed++;
	pwm_clock_changed(&f->pwm);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	pwm_init(&f->pwm, "pwm", 0x7f006000, &f->clock);
	syscon_init(&f->syscon, "syscon", SYSCON_BASE, &f->clock, 12000000, clocks_changed, f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pwm_fini(&f->pwm);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static uint32_t rd(struct fixture *f, uint32_t off)
{
	return syscon_read(&f->syscon, off, 4);
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
	syscon_write(&f->syscon, off, v, 4);
}

static void assert_rates(struct fixture *f, uint32_t arm, uint32_t hclk, uint32_t pclk)
{
	assert_int_equal(f->clock.hz[CLK_ARM], arm);
	assert_int_equal(f->clock.hz[CLK_HCLK], hclk);
	assert_int_equal(f->clock.hz[CLK_PCLK], pclk);
}

static void test_boot_loader_state(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(rd(f, APLL_CON), PLL(533, 6, 1));
	assert_int_equal(rd(f, MPLL_CON), PLL(533, 6, 1));
	assert_int_equal(rd(f, APLL_LOCK), 0xffff);
	assert_int_equal(rd(f, SYS_ID), 0x36410101);
	/* Synchronous mode, acknowledged. */
	assert_int_equal(rd(f, OTHERS), 0xfc0);
	assert_int_equal(f->syscon.fout_apll, 533000000);
	assert_int_equal(f->syscon.hclkx2, 266500000);
	assert_rates(f, 533000000, 133250000, 66625000);
	/* The clock's defaults already match: nothing changed. */
	assert_int_equal(f->changed, 0);
}

static void test_pll_formula(void **state)
{
	(void)state;
	assert_int_equal(syscon_pll_hz(PLL(533, 6, 1), 12000000), 533000000);
	assert_int_equal(syscon_pll_hz(PLL(266, 3, 1), 12000000), 532000000);
	assert_int_equal(syscon_pll_hz(PLL(400, 3, 2), 12000000), 400000000);
	assert_int_equal(syscon_pll_hz(PLL(333, 3, 1), 12000000), 666000000);
	assert_int_equal(syscon_pll_hz(PLL(1000, 6, 0), 12000000), 2000000000ull);
	assert_int_equal(syscon_pll_hz(PLL(533, 6, 1) & ~(1u << 31), 12000000), 0);
	assert_int_equal(syscon_pll_hz(PLL(533, 0, 1), 12000000), 0);
}

static void test_apll_change(void **state)
{
	struct fixture *f = *state;

	/* 666 MHz APLL; synchronous mode feeds HCLKX2 from the APLL too. */
	wr(f, APLL_CON, PLL(333, 3, 1));
	assert_rates(f, 666000000, 166500000, 83250000);
	assert_int_equal(f->changed, 1);
	assert_int_equal(f->syscon.changes, 1);
	/* Junk bits are not stored. */
	wr(f, APLL_CON, PLL(333, 3, 1) | 0x40c0f8);
	assert_int_equal(rd(f, APLL_CON), PLL(333, 3, 1));
	assert_int_equal(f->changed, 1);
}

static void test_dividers(void **state)
{
	struct fixture *f = *state;

	wr(f, CLK_DIV0, 0x01043311);   /* ARM_RATIO 1 */
	assert_rates(f, 266500000, 133250000, 66625000);
	wr(f, CLK_DIV0, 0x01041310);   /* PCLK_RATIO 1 */
	assert_rates(f, 533000000, 133250000, 133250000);
	wr(f, CLK_DIV0, 0x01047210);   /* HCLKX2 1/2, HCLK 1/1, PCLK 1/8 */
	assert_rates(f, 533000000, 266500000, 33312500);
	wr(f, CLK_DIV0, 0x01043710);   /* HCLKX2_RATIO 3: 1/4 */
	assert_rates(f, 533000000, 66625000, 33312500);
	assert_int_equal(f->changed, 4);
}

static void test_async_mode_and_bypass(void **state)
{
	struct fixture *f = *state;

	/* Asynchronous: HCLKX2 comes from the MPLL. */
	wr(f, OTHERS, 0);
	assert_int_equal(rd(f, OTHERS), 0);
	assert_int_equal(f->changed, 0); /* MPLL = APLL: same rates */
	wr(f, MPLL_CON, PLL(400, 3, 2));
	assert_rates(f, 533000000, 100000000, 50000000);
	/* In synchronous mode the MPLL no longer matters. */
	wr(f, OTHERS, 0xc0);
	assert_rates(f, 533000000, 133250000, 66625000);
	/* APLL_SEL = 0: everything runs from the 12 MHz crystal. */
	wr(f, CLK_SRC, 0x2);
	assert_rates(f, 12000000, 3000000, 1500000);
	assert_int_equal(f->changed, 3);
}

static void test_epll(void **state)
{
	struct fixture *f = *state;

	wr(f, EPLL_CON0, PLL(32, 1, 3));
	wr(f, EPLL_CON1, 0);
	assert_int_equal(f->syscon.fout_epll, 48000000);
	wr(f, EPLL_CON1, 0x8000);                  /* + 0.5 */
	assert_int_equal(f->syscon.fout_epll, 48750000);
	assert_int_equal(rd(f, EPLL_CON1), 0x8000);
	assert_int_equal(f->changed, 0);           /* not on the ARM/HCLK/PCLK path */
}

static void test_stopped_clock_kept(void **state)
{
	struct fixture *f = *state;

	/* Turning off the selected APLL would stop the core: warned, rates kept. */
	wr(f, APLL_CON, PLL(533, 6, 1) & ~(1u << 31));
	assert_int_equal(f->syscon.armclk, 0);
	assert_rates(f, 533000000, 133250000, 66625000);
	assert_int_equal(f->changed, 0);
}

static void test_pclk_change_moves_timer(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* Timer 0, prescaler 0, 1/1: 8 cycles per tick; 1000 ticks. */
	pwm_write(&f->pwm, 0x00, 0, 4);
	pwm_write(&f->pwm, 0x0c, 999, 4);
	pwm_write(&f->pwm, 0x08, 2, 4);
	pwm_write(&f->pwm, 0x08, 1, 4);
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 800);
	/* PCLK_RATIO 7: PCLK = 33.3125 MHz, 16 cycles per tick for the other 900. */
	wr(f, CLK_DIV0, 0x01047310);
	assert_int_equal(f->changed, 1);
	assert_int_equal(pwm_read(&f->pwm, 0x14, 4), 899);
	run_to(&f->clock, t0 + 800 + 900 * 16 - 1);
	assert_int_equal(f->pwm.t[0].expiries, 0);
	run_to(&f->clock, t0 + 800 + 900 * 16);
	assert_int_equal(f->pwm.t[0].expiries, 1);
}

static void test_armclk_change_moves_timer(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	pwm_write(&f->pwm, 0x00, 0, 4);
	pwm_write(&f->pwm, 0x0c, 999, 4);
	pwm_write(&f->pwm, 0x08, 2, 4);
	pwm_write(&f->pwm, 0x08, 1, 4);
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 800);
	/* ARMCLK halves: `now` counts slower cycles, 4 per PCLK tick. */
	wr(f, CLK_DIV0, 0x01043311);
	assert_int_equal(f->clock.hz[CLK_ARM], 266500000);
	run_to(&f->clock, t0 + 800 + 900 * 4 - 1);
	assert_int_equal(f->pwm.t[0].expiries, 0);
	run_to(&f->clock, t0 + 800 + 900 * 4);
	assert_int_equal(f->pwm.t[0].expiries, 1);
}

static void test_plain_registers_and_mistakes(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("syscon", SYSCON_BASE, SYSCON_MMIO_SIZE, &syscon_mmio_ops,
				   &f->syscon, &f->syscon.bus);

	wr(f, SDMA_SEL, 0xffffff);
	assert_int_equal(syscon_sdma_sel(&f->syscon), 0xffffff);
	wr(f, PCLK_GATE, 0x0);
	assert_int_equal(rd(f, PCLK_GATE), 0);
	assert_int_equal(rd(f, HCLK_GATE), 0xffffffff);
	wr(f, INFORM0 + 12, 0x1234);
	assert_int_equal(rd(f, INFORM0 + 12), 0x1234);
	wr(f, SYS_ID, 0);
	assert_int_equal(rd(f, SYS_ID), 0x36410101);
	assert_int_equal(bus_read(bus, SYSCON_BASE + APLL_CON, 2), 0);
	bus_write(bus, SYSCON_BASE + CLK_DIV0, 0, 1);
	assert_int_equal(bus->rejected_accesses, 2);
	assert_int_equal(rd(f, CLK_DIV0), 0x01043310);
	assert_int_equal(bus_read(bus, SYSCON_BASE + 0x114, 4), 0);   /* SW_RST: not modelled */
	bus_write(bus, SYSCON_BASE + 0x804, 1, 4);                     /* PWR_CFG */
	assert_int_equal(bus_unimp_count(bus), 2);
	bus_finish(bus);
	free(bus);
	f->syscon.bus = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_boot_loader_state, setup, teardown),
		cmocka_unit_test(test_pll_formula),
		cmocka_unit_test_setup_teardown(test_apll_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dividers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_async_mode_and_bypass, setup, teardown),
		cmocka_unit_test_setup_teardown(test_epll, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stopped_clock_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pclk_change_moves_timer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_armclk_change_moves_timer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_registers_and_mistakes, setup, teardown),
	};

	return cmocka_run_group_tests_name("syscon", tests, NULL, NULL);
}
