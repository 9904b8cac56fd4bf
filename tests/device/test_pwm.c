/* SPDX-License-Identifier: MIT */
/*
 * test_pwm.c - PWM timers: one-shot and auto-reload expiry at the computed
 * cycle, TCNTO mid-count, interrupt status, double buffering, stop/restart,
 * rate changes, and no drift over 1000 periods run with late events.
 */
#include "tests/device/devtest.h"

#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/pwm.h"

#define PWM_BASE 0x7f006000u

enum {
	TCFG0 = 0x00, TCFG1 = 0x04, TCON = 0x08, TINT_CSTAT = 0x44,
};
#define TCNTB(n) ((n) == 4 ? 0x3cu : 0x0cu + 12 * (n))
#define TCMPB(n) (0x10u + 12 * (n))
#define TCNTO(n) ((n) == 4 ? 0x40u : 0x14u + 12 * (n))
/* TCON bits of timers 0-3; timer 4 has start 20, manual 21, reload 22 */
#define T_SHIFT(n) ((n) == 0 ? 0 : 4 * ((n) + 1))
#define T_START(n) (1u << T_SHIFT(n))
#define T_MANUAL(n) (2u << T_SHIFT(n))
#define T_RELOAD(n) ((n) == 4 ? 1u << 22 : 8u << T_SHIFT(n))

struct fixture {
	struct clock clock;
	struct probe irq;
	struct pwm pwm;
};

static struct fixture *fixture_new(uint32_t pclk_hz)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	if (pclk_hz)
		clock_set_hz(&f->clock, CLK_PCLK, pclk_hz);
	probe_init(&f->irq, &f->clock);
	pwm_init(&f->pwm, "pwm", PWM_BASE, &f->clock);
	for (int i = 0; i < PWM_NR_TIMERS; i++)
		f->pwm.irq[i] = probe_line(&f->irq, i);
	return f;
}

static int setup(void **state)
{
	*state = fixture_new(0);
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
	return pwm_read(&f->pwm, off, 4);
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
	pwm_write(&f->pwm, off, v, 4);
}

/* Load TCNTB into the counter (manual update), then start. */
static cycle_t start_timer(struct fixture *f, unsigned n, uint32_t tcntb, bool reload)
{
	uint32_t keep = rd(f, TCON) & ~(T_START(n) | T_MANUAL(n) | T_RELOAD(n));
	uint32_t r = reload ? T_RELOAD(n) : 0;

	wr(f, TCNTB(n), tcntb);
	wr(f, TCON, keep | T_MANUAL(n) | r);
	wr(f, TCON, keep | T_START(n) | r);
	return f->clock.now;
}

static void test_one_shot_exact_cycle(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* PCLK / (1 + 1) / 2 = 4 PCLK = 32 ARMCLK cycles per tick (533 / 66.625 = 8). */
	wr(f, TCFG0, 1);
	wr(f, TCFG1, 1);
	wr(f, TINT_CSTAT, 1);
	run_to(&f->clock, 1000);
	wr(f, TCNTB(0), 99);
	wr(f, TCON, T_MANUAL(0));
	assert_int_equal(rd(f, TCNTO(0)), 99);
	run_to(&f->clock, 1500); /* a loaded, stopped timer does not count */
	assert_int_equal(rd(f, TCNTO(0)), 99);
	wr(f, TCON, T_START(0));
	t0 = f->clock.now;

	/* N = 99 counts 99..0, then expires: 100 ticks = 3200 cycles. */
	run_to(&f->clock, t0 + 3199);
	assert_int_equal(f->irq.level[0], 0);
	assert_int_equal(rd(f, TCNTO(0)), 0);
	run_to(&f->clock, t0 + 3200);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(f->irq.changed_at[0], t0 + 3200);
	assert_int_equal(rd(f, TINT_CSTAT), 1 | 1u << 5);

	/* One-shot: stopped at 0, start bit still set, no further expiry. */
	run_for(&f->clock, 100000);
	assert_int_equal(f->pwm.t[0].expiries, 1);
	assert_int_equal(rd(f, TCNTO(0)), 0);
	assert_true(rd(f, TCON) & T_START(0));

	/* Write-1-to-clear the status; the enable bits are written as given. */
	wr(f, TINT_CSTAT, 1 | 1u << 5);
	assert_int_equal(f->irq.level[0], 0);
	assert_int_equal(rd(f, TINT_CSTAT), 1);
}

static void test_tcnto_mid_count(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, TCFG0, 1);
	wr(f, TCFG1, 1);
	t0 = start_timer(f, 0, 99, false);
	assert_int_equal(rd(f, TCNTO(0)), 99);
	run_to(&f->clock, t0 + 31);
	assert_int_equal(rd(f, TCNTO(0)), 99);
	run_to(&f->clock, t0 + 32);
	assert_int_equal(rd(f, TCNTO(0)), 98);
	run_to(&f->clock, t0 + 32 * 10 + 5);
	assert_int_equal(rd(f, TCNTO(0)), 89);
	/* Reading is free: no event per tick. */
	assert_int_equal(f->clock.events_run, 0);
	assert_int_equal(rd(f, TCNTB(0)), 99);
}

/* Cycle of the k-th expiry of a period of `pclk_per_period` PCLK ticks. */
static cycle_t nth_expiry(const struct clock *c, cycle_t t0, uint64_t k, uint64_t pclk_per_period)
{
	unsigned __int128 t = (unsigned __int128)(k * pclk_per_period) * c->hz[CLK_ARM];

	return t0 + (cycle_t)((t + c->hz[CLK_PCLK] - 1) / c->hz[CLK_PCLK]);
}

static void test_auto_reload_no_drift(void **state)
{
	/* 66.5 MHz PCLK: 533/66.5 is not an integer, so rounding could accumulate. */
	struct fixture *f = fixture_new(66500000);
	const uint64_t period = 1000 * 48; /* TCNTB 999 at PCLK/3/16 */
	cycle_t t0, d1000;

	*state = f;
	wr(f, TCFG0, 2u << 8);  /* prescaler 1 (timers 2-4) = 2 */
	wr(f, TCFG1, 4u << 8);  /* timer 2: 1/16 */
	wr(f, TINT_CSTAT, 1u << 2);
	run_to(&f->clock, 12345);
	t0 = start_timer(f, 2, 999, true);

	assert_int_equal(rd(f, TCNTO(2)), 999);
	run_to(&f->clock, nth_expiry(&f->clock, t0, 1, period) - 1);
	assert_int_equal(f->pwm.t[2].expiries, 0);
	run_to(&f->clock, nth_expiry(&f->clock, t0, 1, period));
	assert_int_equal(f->pwm.t[2].expiries, 1);
	assert_int_equal(rd(f, TCNTO(2)), 999); /* reloaded */

	/* Run the rest with events up to 100003 cycles late, clearing the status. */
	d1000 = nth_expiry(&f->clock, t0, 1000, period);
	while (f->clock.now < d1000 - 1) {
		cycle_t next = f->clock.now + 100003;

		run_sloppy(&f->clock, next < d1000 - 1 ? next : d1000 - 1, 100003);
		if (f->irq.level[2])
			wr(f, TINT_CSTAT, 1u << 2 | 1u << 7);
		/* TCNTO follows the exact schedule wherever we look. */
		if (f->clock.now < d1000 - 1) {
			uint64_t pclk = (uint64_t)((unsigned __int128)(f->clock.now - t0) *
						   f->clock.hz[CLK_PCLK] / f->clock.hz[CLK_ARM]);

			assert_int_equal(rd(f, TCNTO(2)), 999 - (pclk / 48) % 1000);
		}
	}
	assert_int_equal(f->pwm.t[2].expiries, 999);
	run_to(&f->clock, d1000);
	assert_int_equal(f->pwm.t[2].expiries, 1000);
	assert_int_equal(f->irq.level[2], 1);
	assert_int_equal(f->irq.changed_at[2], d1000);
	/* Drift-free and exact: expiry 1000 is 1000 periods after the start. */
	assert_int_equal(d1000 - t0, (1000 * period * 533000000ull + 66500000 - 1) / 66500000);
}

static void test_double_buffering(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* Prescaler 0 + 1/1: 8 cycles per tick. */
	wr(f, TCFG0, 0);
	t0 = start_timer(f, 1, 9, true);
	run_to(&f->clock, t0 + 40);
	wr(f, TCNTB(1), 19); /* takes effect at the next reload */
	run_to(&f->clock, t0 + 79);
	assert_int_equal(f->pwm.t[1].expiries, 0);
	assert_int_equal(rd(f, TCNTO(1)), 0);
	run_to(&f->clock, t0 + 80);
	assert_int_equal(f->pwm.t[1].expiries, 1);
	assert_int_equal(rd(f, TCNTO(1)), 19);
	run_to(&f->clock, t0 + 80 + 159);
	assert_int_equal(f->pwm.t[1].expiries, 1);
	run_to(&f->clock, t0 + 80 + 160);
	assert_int_equal(f->pwm.t[1].expiries, 2);
	/* The interrupt is disabled: expiries count, status and line stay clear. */
	assert_int_equal(rd(f, TINT_CSTAT), 0);
	assert_int_equal(f->irq.rises[1], 0);
}

static void test_stop_and_restart(void **state)
{
	struct fixture *f = *state;
	cycle_t t0, t1;

	wr(f, TCFG0, 0);
	wr(f, TINT_CSTAT, 1u << 3);
	t0 = start_timer(f, 3, 1000, false);
	run_to(&f->clock, t0 + 8 * 100 + 3);
	wr(f, TCON, 0); /* stop */
	assert_int_equal(rd(f, TCNTO(3)), 900);
	run_for(&f->clock, 100000);
	assert_int_equal(rd(f, TCNTO(3)), 900);
	assert_int_equal(f->pwm.t[3].expiries, 0);
	/* Restart without manual update: counts on from 900 (901 ticks). */
	wr(f, TCON, T_START(3));
	t1 = f->clock.now;
	run_to(&f->clock, t1 + 901 * 8 - 1);
	assert_int_equal(f->irq.level[3], 0);
	run_to(&f->clock, t1 + 901 * 8);
	assert_int_equal(f->irq.level[3], 1);
}

static void test_timer4_reload_bit(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, TCFG0, 0);
	wr(f, TINT_CSTAT, 1u << 4);
	/* Timer 4's auto-reload is bit 22: periodic, 5 ticks = 40 cycles. */
	t0 = start_timer(f, 4, 4, true);
	assert_int_equal(rd(f, TCON), T_START(4) | (1u << 22));
	run_to(&f->clock, t0 + 120);
	assert_int_equal(f->pwm.t[4].expiries, 3);
	assert_int_equal(f->irq.level[4], 1);
	assert_int_equal(rd(f, TCNTO(4)), 4);
	/* Bit 23 is not timer 4's auto-reload: one-shot. */
	wr(f, TCON, 0);
	wr(f, TINT_CSTAT, 1u << 4 | 1u << 9);
	wr(f, TCON, 1u << 21);
	wr(f, TCON, (1u << 20) | (1u << 23));
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 400);
	assert_int_equal(f->pwm.t[4].expiries, 4);
}

static void test_prescaler_change_mid_run(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, TCFG0, 0);
	t0 = start_timer(f, 0, 999, false);
	run_to(&f->clock, t0 + 800);          /* 100 ticks: TCNTO 899 */
	assert_int_equal(rd(f, TCNTO(0)), 899);
	wr(f, TCFG0, 3);                       /* now 4 PCLK = 32 cycles per tick */
	assert_int_equal(rd(f, TCNTO(0)), 899);
	run_to(&f->clock, t0 + 800 + 32 * 10);
	assert_int_equal(rd(f, TCNTO(0)), 889);
	run_to(&f->clock, t0 + 800 + 900 * 32 - 1);
	assert_int_equal(f->pwm.t[0].expiries, 0);
	run_to(&f->clock, t0 + 800 + 900 * 32);
	assert_int_equal(f->pwm.t[0].expiries, 1);
	/* Writing the same prescaler again does not disturb a run. */
	t0 = start_timer(f, 0, 999, false);
	run_to(&f->clock, t0 + 13);
	wr(f, TCFG0, 3);
	run_to(&f->clock, t0 + 1000 * 32);
	assert_int_equal(f->pwm.t[0].expiries, 2);
}

static void test_pclk_change(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, TCFG0, 0);
	t0 = start_timer(f, 0, 999, false);
	run_to(&f->clock, t0 + 800);
	/* SYSCON halves PCLK: the remaining 900 ticks take 16 cycles each. */
	clock_set_hz(&f->clock, CLK_PCLK, 66625000 / 2);
	pwm_clock_changed(&f->pwm);
	assert_int_equal(rd(f, TCNTO(0)), 899);
	run_to(&f->clock, t0 + 800 + 900 * 16 - 1);
	assert_int_equal(f->pwm.t[0].expiries, 0);
	run_to(&f->clock, t0 + 800 + 900 * 16);
	assert_int_equal(f->pwm.t[0].expiries, 1);
}

static void test_guest_mistakes(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("pwm", PWM_BASE, PWM_MMIO_SIZE, &pwm_mmio_ops, &f->pwm,
				   &f->pwm.bus);

	wr(f, TCNTB(2), 5);
	wr(f, TCNTO(2), 77);                     /* read-only */
	assert_int_equal(rd(f, TCNTO(2)), 0);
	bus_write(bus, PWM_BASE + TCNTB(2), 9, 1);   /* wrong size: the bus rejects it */
	assert_int_equal(rd(f, TCNTB(2)), 5);
	assert_int_equal(bus_read(bus, PWM_BASE + TCNTB(2), 2), 0);
	assert_int_equal(bus_read(bus, PWM_BASE + TCNTB(2), 4), 5);
	assert_int_equal(bus->rejected_accesses, 2);
	assert_int_equal(bus_read(bus, PWM_BASE + 0x48, 4), 0);        /* hole */
	assert_int_equal(bus_unimp_count(bus), 1);
	assert_int_equal(bus->warnings.count, 1);                     /* the TCNTO2 write */
	/* Linux's clockevent writes timer 4's "TCMPB" at +0x40, TCNTO4: ignored, quietly. */
	wr(f, TCNTB(4), 1000);
	bus_write(bus, PWM_BASE + 0x40, 1000, 4);
	assert_int_equal(rd(f, TCNTB(4)), 1000);
	assert_int_equal(bus_read(bus, PWM_BASE + 0x40, 4), 0);
	assert_int_equal(bus->warnings.count, 1);
	assert_int_equal(bus_unimp_count(bus), 1);
	bus_finish(bus);
	free(bus);
	f->pwm.bus = NULL;
	/* External TCLK mux values count at PCLK/(prescaler+1) with a warning. */
	wr(f, TCFG0, 0);
	wr(f, TCFG1, 5);
	start_timer(f, 0, 9, false);
	run_for(&f->clock, 80);
	assert_int_equal(f->pwm.t[0].expiries, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_shot_exact_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tcnto_mid_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_auto_reload_no_drift, NULL, teardown),
		cmocka_unit_test_setup_teardown(test_double_buffering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_and_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timer4_reload_bit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prescaler_change_mid_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pclk_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_mistakes, setup, teardown),
	};

	return cmocka_run_group_tests_name("pwm", tests, NULL, NULL);
}
