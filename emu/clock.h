/* SPDX-License-Identifier: MIT */
/*
 * clock.h - the global cycle clock and its event scheduler.
 *
 * DOC: All simulated time is counted in ARMCLK cycles since reset.  The CPU
 * advances `now` as it executes; devices never look at the wall clock, they
 * schedule events.  The machine runs the CPU only up to the next event, so an
 * event may fire a few cycles after its due time; the callback is told how
 * late it is (as mGBA's mTiming does) and recomputes periodic deadlines from
 * the due time, so lateness never accumulates.  Events due at the same cycle
 * run in priority order, then in the order they were scheduled: the result is
 * deterministic.
 */
#ifndef EMU_CLOCK_H
#define EMU_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t cycle_t;
#define CYCLE_NEVER UINT64_MAX

/* The bus clocks devices count in; ARMCLK is the unit of `now`. */
enum clock_domain {
	CLK_ARM,  /* ARMCLK: the core */
	CLK_HCLK, /* AHB: DMA, VIC, memory controller */
	CLK_PCLK, /* APB: timers, UARTs, watchdog */
	CLK_NR_DOMAINS
};

struct event {
	const char *name;
	void (*fn)(void *opaque, cycle_t late);
	void *opaque;
	int priority;   /* lower runs first among events due at the same cycle */
	/* owned by the scheduler */
	cycle_t when;
	uint64_t seq;
	int slot;       /* index in the heap, -1 when not scheduled */
};

struct clock {
	cycle_t now;
	uint32_t hz[CLK_NR_DOMAINS];
	struct event **heap;
	unsigned nr, cap;
	uint64_t seq;
	uint64_t events_run;
};

void clock_init(struct clock *c);
void clock_destroy(struct clock *c);

void event_init(struct event *e, const char *name,
		void (*fn)(void *opaque, cycle_t late), void *opaque);
/* (Re)schedule at an absolute cycle; a time in the past means "as soon as possible". */
void clock_schedule_at(struct clock *c, struct event *e, cycle_t when);
void clock_schedule(struct clock *c, struct event *e, cycle_t delay);
void clock_cancel(struct clock *c, struct event *e);

static inline bool event_pending(const struct event *e)
{
	return e->slot >= 0;
}

/* Due time of the earliest event, CYCLE_NEVER when none is scheduled. */
static inline cycle_t clock_next(const struct clock *c)
{
	return c->nr ? c->heap[0]->when : CYCLE_NEVER;
}

/* Run every event due at or before `now`, including ones they schedule. */
unsigned clock_run_due(struct clock *c);

/* Advance `now` to `when` (never backwards) without running anything. */
void clock_advance_to(struct clock *c, cycle_t when);

/* Frequencies come from the SYSCON model; conversions round up, so a device
 * never fires early. */
void clock_set_hz(struct clock *c, enum clock_domain d, uint32_t hz);
cycle_t clock_ticks_to_cycles(const struct clock *c, enum clock_domain d, uint64_t ticks);
uint64_t clock_cycles_to_ticks(const struct clock *c, enum clock_domain d, cycle_t cycles);
/* Simulated nanoseconds since reset (for reports; never read by devices). */
uint64_t clock_ns(const struct clock *c);

#endif /* EMU_CLOCK_H */
