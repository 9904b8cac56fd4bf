/* SPDX-License-Identifier: MIT */
/*
 * ptimer.c - the clock-anchored down-counter: bus-clock ticks since the epoch
 * computed from the cycle count, one event per expiry.
 */
#include "soc/s3c6410/ptimer.h"

#include <string.h>

/* The run ends at its expiry unless the device's callback reloads it. */
static void ptimer_event(void *opaque, cycle_t late)
{
	struct ptimer *t = opaque;

	t->running = false;
	t->expired(t->opaque, late);
}

void ptimer_init(struct ptimer *t, struct clock *clock, enum clock_domain domain,
		 const char *name, void (*expired)(void *opaque, cycle_t late), void *opaque)
{
	memset(t, 0, sizeof(*t));
	t->clock = clock;
	t->domain = domain;
	t->expired = expired;
	t->opaque = opaque;
	event_init(&t->event, name, ptimer_event, t);
	ptimer_reset(t);
}

void ptimer_reset(struct ptimer *t)
{
	clock_cancel(t->clock, &t->event);
	t->running = false;
	t->epoch = 0;
	t->expiry_ticks = 0;
	t->scale = 1;
	t->arm_hz = t->clock->hz[CLK_ARM];
	t->bus_hz = t->clock->hz[t->domain];
}

void ptimer_fini(struct ptimer *t)
{
	clock_cancel(t->clock, &t->event);
}

/* Counter ticks since the epoch at the anchored rates (rounded down). */
static uint64_t elapsed(const struct ptimer *t)
{
	cycle_t now = t->clock->now;

	if (now <= t->epoch)
		return 0;
	return (uint64_t)((unsigned __int128)(now - t->epoch) * t->bus_hz / t->arm_hz) / t->scale;
}

/* The expiry at the anchored rates, rounded up so it never fires early. */
static void schedule(struct ptimer *t)
{
	unsigned __int128 c = (unsigned __int128)t->expiry_ticks * t->scale * t->arm_hz;

	clock_schedule_at(t->clock, &t->event,
			  t->epoch + (cycle_t)((c + t->bus_hz - 1) / t->bus_hz));
}

void ptimer_start(struct ptimer *t, uint64_t ticks, uint32_t scale)
{
	t->running = true;
	t->epoch = t->clock->now;
	t->scale = scale ? scale : 1;
	t->expiry_ticks = ticks;
	schedule(t);
}

uint64_t ptimer_remaining(const struct ptimer *t)
{
	uint64_t e;

	if (!t->running)
		return 0;
	e = elapsed(t);
	/* An expiry that is due but whose event has not run yet: 0 left. */
	return e >= t->expiry_ticks ? 0 : t->expiry_ticks - e;
}

uint64_t ptimer_stop(struct ptimer *t)
{
	uint64_t left = ptimer_remaining(t);

	t->running = false;
	clock_cancel(t->clock, &t->event);
	return left;
}

void ptimer_reload(struct ptimer *t, uint64_t ticks)
{
	t->running = true;
	t->expiry_ticks += ticks;
	schedule(t);
}

void ptimer_set_scale(struct ptimer *t, uint32_t scale)
{
	if (!t->running || scale == t->scale)
		return;
	ptimer_start(t, ptimer_remaining(t), scale);
}

void ptimer_clock_changed(struct ptimer *t)
{
	/* Ticks so far were counted at the old rates: anchor them, then switch. */
	uint64_t left = ptimer_remaining(t);

	t->arm_hz = t->clock->hz[CLK_ARM];
	t->bus_hz = t->clock->hz[t->domain];
	if (t->running)
		ptimer_start(t, left, t->scale);
}
