/* SPDX-License-Identifier: MIT */
/*
 * devtest.h - helpers for the register-level device tests (qtest style):
 * an interrupt probe that records what a device drives, and a clock runner
 * that plays the machine's part (advance to the next event, run it).
 */
#ifndef TESTS_DEVICE_DEVTEST_H
#define TESTS_DEVICE_DEVTEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"

#define PROBE_LINES 64

/* A receiver of interrupt lines: level, rising edges and when it last changed. */
struct probe {
	const struct clock *clock;
	int level[PROBE_LINES];
	unsigned rises[PROBE_LINES];
	cycle_t changed_at[PROBE_LINES];
};

static inline void probe_set(void *opaque, int n, int level)
{
	struct probe *p = opaque;

	assert_true(n >= 0 && n < PROBE_LINES);
	level = !!level;
	if (level == p->level[n])
		return;
	if (level)
		p->rises[n]++;
	p->level[n] = level;
	p->changed_at[n] = p->clock->now;
}

static inline void probe_init(struct probe *p, const struct clock *c)
{
	memset(p, 0, sizeof(*p));
	p->clock = c;
}

static inline struct irq_line probe_line(struct probe *p, int n)
{
	return irq_line(probe_set, p, n);
}

/* Run every event up to and including cycle t, each exactly when due. */
static inline void run_to(struct clock *c, cycle_t t)
{
	while (clock_next(c) <= t) {
		clock_advance_to(c, clock_next(c));
		clock_run_due(c);
	}
	clock_advance_to(c, t);
}

/* The same, but as a CPU running long blocks would: events run late. */
static inline void run_sloppy(struct clock *c, cycle_t t, cycle_t step)
{
	while (c->now < t) {
		cycle_t next = c->now + step < t ? c->now + step : t;

		clock_advance_to(c, next);
		clock_run_due(c);
	}
}

static inline void run_for(struct clock *c, cycle_t d)
{
	run_to(c, c->now + d);
}

/* ceil(ticks * ARMCLK / domain), the cycle count a device waits for. */
static inline cycle_t ticks_to_cycles(const struct clock *c, enum clock_domain d, uint64_t ticks)
{
	return clock_ticks_to_cycles(c, d, ticks);
}

/*
 * A bus with one device on it, as the board would map it: accesses through
 * it are checked against the device's valid sizes, and the device's reports
 * land on it.  Free with bus_finish() and free().
 */
static inline struct bus *bus_with(const char *name, uint32_t base, uint32_t size,
				   const struct mmio_ops *ops, void *dev, struct bus **dev_bus)
{
	struct bus *b = malloc(sizeof(*b));

	assert_non_null(b);
	bus_init(b);
	assert_int_equal(bus_map(b, name, base, size, ops, dev), 0);
	*dev_bus = b;
	return b;
}

#endif /* TESTS_DEVICE_DEVTEST_H */
