/* SPDX-License-Identifier: MIT */
/*
 * test_wdt.c - watchdog: WTCNT computed from the clock, the interrupt and the
 * reset callback at the computed cycle, reload from WTDAT, stop.
 */
#include "tests/device/devtest.h"

#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/wdt.h"

#define WDT_BASE 0x7e004000u

enum { WTCON = 0x00, WTDAT = 0x04, WTCNT = 0x08, WTCLRINT = 0x0c };
#define WTCON_RSTEN (1u << 0)
#define WTCON_INTEN (1u << 2)
#define WTCON_DIV(n) ((uint32_t)(n) << 3)   /* 16, 32, 64, 128 */
#define WTCON_ENABLE (1u << 5)
#define WTCON_PRESCALER(p) ((uint32_t)(p) << 8)

struct fixture {
	struct clock clock;
	struct probe irq;
	struct wdt wdt;
	unsigned resets;
	cycle_t reset_at;
	const char *why;
};

static void system_reset(void *opaque, const char *why)
{
	struct fixture *f = opaque;

	f->resets++;
	f->reset_at = f->clock.now;
	f->why = why;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	probe_init(&f->irq, &f->clock);
	wdt_init(&f->wdt, "wdt", WDT_BASE, &f->clock, system_reset, f);
	f->wdt.irq = probe_line(&f->irq, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	wdt_fini(&f->wdt);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static uint32_t rd(struct fixture *f, uint32_t off)
{
	return wdt_read(&f->wdt, off, 4);
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
	wdt_write(&f->wdt, off, v, 4);
}

static void test_reset_state(void **state)
{
	struct fixture *f = *state;

	/* Off, as the boot loader leaves it; nothing happens however long we wait. */
	assert_int_equal(rd(f, WTCON), 0);
	assert_int_equal(rd(f, WTDAT), 0x8000);
	assert_int_equal(rd(f, WTCNT), 0x8000);
	run_for(&f->clock, 10000000000ull);
	assert_int_equal(rd(f, WTCNT), 0x8000);
	assert_int_equal(f->resets, 0);
	assert_int_equal(f->clock.events_run, 0);
}

static void test_interrupt_at_computed_cycle(void **state)
{
	struct fixture *f = *state;
	cycle_t t0, t1;

	/* PCLK / 1 / 16: 16 PCLK = 128 cycles per tick. */
	run_to(&f->clock, 4242);
	wr(f, WTDAT, 200);
	wr(f, WTCNT, 100);
	wr(f, WTCON, WTCON_ENABLE | WTCON_INTEN | WTCON_DIV(0) | WTCON_PRESCALER(0));
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 50 * 128);
	assert_int_equal(rd(f, WTCNT), 50);
	run_to(&f->clock, t0 + 100 * 128 - 1);
	assert_int_equal(rd(f, WTCNT), 1);
	assert_int_equal(f->irq.level[0], 0);
	run_to(&f->clock, t0 + 100 * 128);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(f->irq.changed_at[0], t0 + 100 * 128);
	/* Reloaded from WTDAT; no reset (RSTEN clear). */
	assert_int_equal(rd(f, WTCNT), 200);
	assert_int_equal(f->resets, 0);
	wr(f, WTCLRINT, 0);
	assert_int_equal(f->irq.level[0], 0);
	t1 = t0 + 100 * 128;
	run_to(&f->clock, t1 + 200 * 128 - 1);
	assert_int_equal(f->wdt.expiries, 1);
	run_to(&f->clock, t1 + 200 * 128);
	assert_int_equal(f->wdt.expiries, 2);
	assert_int_equal(f->irq.level[0], 1);
}

static void test_reset_callback(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* Prescaler 255, 1/128: 32768 PCLK = 262144 cycles per tick. */
	wr(f, WTCNT, 3);
	wr(f, WTCON, WTCON_ENABLE | WTCON_RSTEN | WTCON_DIV(3) | WTCON_PRESCALER(255));
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 262144 + 5);
	assert_int_equal(rd(f, WTCNT), 2);
	run_to(&f->clock, t0 + 3 * 262144 - 1);
	assert_int_equal(f->resets, 0);
	run_to(&f->clock, t0 + 3 * 262144);
	assert_int_equal(f->resets, 1);
	assert_int_equal(f->reset_at, t0 + 3 * 262144);
	assert_string_equal(f->why, "watchdog expired");
	/* The interrupt was not enabled. */
	assert_int_equal(f->irq.rises[0], 0);
	assert_int_equal(f->wdt.resets, 1);
}

static void test_kick_and_stop(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, WTCNT, 1000);
	wr(f, WTCON, WTCON_ENABLE | WTCON_RSTEN | WTCON_DIV(1)); /* 32 PCLK per tick */
	t0 = f->clock.now;
	/* A guest that keeps writing WTCNT never sees the reset. */
	for (int i = 1; i <= 20; i++) {
		run_to(&f->clock, t0 + (cycle_t)i * 900 * 256);
		wr(f, WTCNT, 1000);
	}
	assert_int_equal(f->resets, 0);
	/* Disabling freezes the counter. */
	run_for(&f->clock, 256 * 10);
	wr(f, WTCON, WTCON_DIV(1));
	assert_int_equal(rd(f, WTCNT), 990);
	run_for(&f->clock, 256 * 10000);
	assert_int_equal(rd(f, WTCNT), 990);
	assert_int_equal(f->resets, 0);
	/* Changing only INTEN keeps the run's phase. */
	wr(f, WTCON, WTCON_ENABLE | WTCON_DIV(1));
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 100);
	wr(f, WTCON, WTCON_ENABLE | WTCON_INTEN | WTCON_DIV(1));
	run_to(&f->clock, t0 + 990 * 256 - 1);
	assert_int_equal(f->irq.level[0], 0);
	run_to(&f->clock, t0 + 990 * 256);
	assert_int_equal(f->irq.level[0], 1);
}

static void test_zero_count_and_mistakes(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("wdt", WDT_BASE, WDT_MMIO_SIZE, &wdt_mmio_ops, &f->wdt,
				   &f->wdt.bus);
	cycle_t t0;

	/* WTCNT = WTDAT = 0: one tick per expiry, never a zero-time loop. */
	wr(f, WTDAT, 0);
	wr(f, WTCNT, 0);
	wr(f, WTCON, WTCON_ENABLE | WTCON_INTEN);
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 10 * 128);
	assert_int_equal(f->wdt.expiries, 10);
	/* Counter registers are 16 bits. */
	wr(f, WTCON, 0);
	wr(f, WTCNT, 0x12345);
	assert_int_equal(rd(f, WTCNT), 0x2345);
	assert_int_equal(rd(f, WTCLRINT), 0);
	assert_int_equal(bus_read(bus, WDT_BASE + WTCON, 1), 0);
	bus_write(bus, WDT_BASE + WTCON, WTCON_ENABLE, 2);
	assert_int_equal(bus->rejected_accesses, 2);
	assert_int_equal(rd(f, WTCON), 0);
	assert_int_equal(bus_read(bus, WDT_BASE + 0x10, 4), 0);
	assert_int_equal(bus_unimp_count(bus), 1);
	bus_finish(bus);
	free(bus);
	f->wdt.bus = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interrupt_at_computed_cycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_callback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kick_and_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_count_and_mistakes, setup, teardown),
	};

	return cmocka_run_group_tests_name("wdt", tests, NULL, NULL);
}
