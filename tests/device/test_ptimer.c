/* SPDX-License-Identifier: MIT */
/*
 * test_ptimer.c - the clock-anchored down-counter shared by the PWM timers
 * and the watchdog (soc/s3c6410/ptimer.c): values computed from the clock,
 * one event at the exact expiry cycle, periodic reloads that do not drift
 * when events run late, and re-anchoring on scale and clock-rate changes.
 *
 * At the reset rates (ARMCLK 533 MHz, PCLK 66.625 MHz) one PCLK tick is 8
 * cycles, so with scale 4 one counter tick is 32 cycles.
 */
#include "tests/device/devtest.h"

#include "soc/s3c6410/ptimer.h"

struct fixture {
	struct clock clock;
	struct ptimer pt;
	unsigned expiries;
	cycle_t due[2048];         /* due cycle of each expiry (now - late) */
	uint64_t reload;           /* ticks to reload in the callback, 0: none */
};

static void expired(void *opaque, cycle_t late)
{
	struct fixture *f = opaque;

	if (f->expiries < sizeof(f->due) / sizeof(f->due[0]))
		f->due[f->expiries] = f->clock.now - late;
	f->expiries++;
	if (f->reload)
		ptimer_reload(&f->pt, f->reload);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	ptimer_init(&f->pt, &f->clock, CLK_PCLK, "test-expiry", expired, f);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ptimer_fini(&f->pt);
	assert_int_equal(f->clock.nr, 0);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static void test_counts_from_the_clock(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	assert_false(ptimer_running(&f->pt));
	assert_int_equal(ptimer_remaining(&f->pt), 0);
	run_to(&f->clock, 1000);
	t0 = f->clock.now;
	ptimer_start(&f->pt, 100, 4);
	assert_true(ptimer_running(&f->pt));
	assert_int_equal(ptimer_remaining(&f->pt), 100);
	run_to(&f->clock, t0 + 31);
	assert_int_equal(ptimer_remaining(&f->pt), 100);
	run_to(&f->clock, t0 + 32);
	assert_int_equal(ptimer_remaining(&f->pt), 99);
	run_to(&f->clock, t0 + 3199);
	assert_int_equal(ptimer_remaining(&f->pt), 1);
	assert_int_equal(f->expiries, 0);
	/* Due but its event not yet run: nothing left. */
	clock_advance_to(&f->clock, t0 + 3200);
	assert_int_equal(ptimer_remaining(&f->pt), 0);
	clock_run_due(&f->clock);
	assert_int_equal(f->expiries, 1);
	assert_int_equal(f->due[0], t0 + 3200);
	/* No reload: no further event. */
	run_for(&f->clock, 100000);
	assert_int_equal(f->expiries, 1);
}

/* 1000 periods with events run up to 7 cycles late: deadlines stay exact. */
static void test_reload_does_not_drift(void **state)
{
	struct fixture *f = *state;
	cycle_t t0 = f->clock.now;

	f->reload = 10;
	ptimer_start(&f->pt, 10, 4);
	run_sloppy(&f->clock, t0 + 1000 * 320 + 1, 7);
	assert_int_equal(f->expiries, 1000);
	for (unsigned i = 0; i < 1000; i++)
		assert_int_equal(f->due[i], t0 + (i + 1) * 320);
	f->reload = 0;
	ptimer_stop(&f->pt);
}

static void test_stop_and_zero(void **state)
{
	struct fixture *f = *state;
	cycle_t t0 = f->clock.now;

	ptimer_start(&f->pt, 5, 4);
	run_to(&f->clock, t0 + 2 * 32 + 5);
	assert_int_equal(ptimer_stop(&f->pt), 3);
	assert_false(ptimer_running(&f->pt));
	assert_int_equal(f->clock.nr, 0);
	assert_int_equal(ptimer_remaining(&f->pt), 0);
	/* Zero ticks: due at once. */
	ptimer_start(&f->pt, 0, 4);
	assert_int_equal(clock_next(&f->clock), f->clock.now);
	clock_run_due(&f->clock);
	assert_int_equal(f->expiries, 1);
	/* Reset cancels a pending expiry. */
	ptimer_start(&f->pt, 50, 1);
	ptimer_reset(&f->pt);
	assert_false(ptimer_running(&f->pt));
	assert_int_equal(f->clock.nr, 0);
}

/* A new scale re-anchors at the current value; the tick in progress is lost. */
static void test_scale_change(void **state)
{
	struct fixture *f = *state;
	cycle_t t0 = f->clock.now, t1;

	ptimer_start(&f->pt, 100, 4);
	run_to(&f->clock, t0 + 10 * 32 + 5);
	ptimer_set_scale(&f->pt, 4);          /* the same scale: nothing moves */
	assert_int_equal(clock_next(&f->clock), t0 + 3200);
	t1 = f->clock.now;
	ptimer_set_scale(&f->pt, 8);
	assert_int_equal(ptimer_remaining(&f->pt), 90);
	assert_int_equal(clock_next(&f->clock), t1 + 90 * 64);
	run_to(&f->clock, t1 + 90 * 64);
	assert_int_equal(f->expiries, 1);
	assert_int_equal(f->due[0], t1 + 90 * 64);
}

/* PCLK halves: ticks so far were counted at the old rate, the rest at the new. */
static void test_clock_change(void **state)
{
	struct fixture *f = *state;
	cycle_t t0 = f->clock.now, t1;

	ptimer_start(&f->pt, 100, 4);
	run_to(&f->clock, t0 + 40 * 32);
	assert_int_equal(ptimer_remaining(&f->pt), 60);
	t1 = f->clock.now;
	clock_set_hz(&f->clock, CLK_PCLK, 66625000 / 2);
	ptimer_clock_changed(&f->pt);
	assert_int_equal(ptimer_remaining(&f->pt), 60);
	run_to(&f->clock, t1 + 60 * 64 - 1);
	assert_int_equal(f->expiries, 0);
	assert_int_equal(ptimer_remaining(&f->pt), 1);
	run_to(&f->clock, t1 + 60 * 64);
	assert_int_equal(f->expiries, 1);
	/* A stopped counter just adopts the new rates. */
	ptimer_clock_changed(&f->pt);
	assert_int_equal(f->clock.nr, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_counts_from_the_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_does_not_drift, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_and_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scale_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clock_change, setup, teardown),
	};

	return cmocka_run_group_tests_name("ptimer", tests, NULL, NULL);
}
