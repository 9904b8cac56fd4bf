/* SPDX-License-Identifier: MIT */
/*
 * ptimer.h - a clock-anchored down-counter, shared by the PWM timers and the
 * watchdog.
 *
 * DOC: Like QEMU's ptimer, the counter is not stepped: a run remembers the
 * cycle it started (the epoch), the rates it was started with and how many
 * counter ticks after the epoch the next expiry falls; the value is computed
 * when read, and the only event is the expiry.  One counter tick is `scale`
 * ticks of a bus clock (PCLK for both users), so a prescaler of P and a
 * divider of D give scale = (P + 1) * D.  Deadlines are kept as a tick count
 * from the epoch, so periodic expiries (ptimer_reload) never drift however
 * late each event runs.  A new scale or clock rate re-anchors the run at its
 * current value; the fraction of the tick in progress is lost (the device
 * headers say so).
 *
 * The counter's meaning is the device's: it reads ptimer_remaining(), the
 * ticks left until the expiry, and maps that to its register (the PWM reads
 * one less, since its counter shows N..0 over N + 1 ticks).
 */
#ifndef SOC_S3C6410_PTIMER_H
#define SOC_S3C6410_PTIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"

struct ptimer {
	struct clock *clock;
	enum clock_domain domain;  /* the bus clock counted */
	struct event event;        /* the expiry */
	void (*expired)(void *opaque, cycle_t late);
	void *opaque;
	bool running;
	cycle_t epoch;             /* cycle the current run started */
	uint64_t expiry_ticks;     /* counter ticks from epoch to the next expiry */
	uint32_t scale;            /* bus-clock ticks per counter tick */
	uint32_t arm_hz, bus_hz;   /* rates the run is anchored with */
};

void ptimer_init(struct ptimer *t, struct clock *clock, enum clock_domain domain,
		 const char *name, void (*expired)(void *opaque, cycle_t late), void *opaque);
/* Stop and adopt the clock's current rates (device reset). */
void ptimer_reset(struct ptimer *t);
/* Cancel the event before the state goes away. */
void ptimer_fini(struct ptimer *t);

/* Start a run now: expiry `ticks` counter ticks from now (0: due at once). */
void ptimer_start(struct ptimer *t, uint64_t ticks, uint32_t scale);
/* Stop; returns the ticks that were left. */
uint64_t ptimer_stop(struct ptimer *t);
/*
 * From the expiry callback: the next expiry `ticks` after the one just due.
 * A counter whose callback does not reload it is stopped.
 */
void ptimer_reload(struct ptimer *t, uint64_t ticks);
/* Ticks left until the expiry (0 when due or stopped). */
uint64_t ptimer_remaining(const struct ptimer *t);
/* A new scale for a running counter: re-anchored at its current value. */
void ptimer_set_scale(struct ptimer *t, uint32_t scale);
/* CLK_ARM or the counted clock changed frequency (SYSCON). */
void ptimer_clock_changed(struct ptimer *t);

static inline bool ptimer_running(const struct ptimer *t)
{
	return t->running;
}

#endif /* SOC_S3C6410_PTIMER_H */
