/* SPDX-License-Identifier: MIT */
/*
 * clock.c - binary min-heap of events ordered by (when, priority, seq).
 */
#include "emu/clock.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/log.h"

void clock_init(struct clock *c)
{
	memset(c, 0, sizeof(*c));
	/* Reset values of an OK6410A: APLL 533 MHz, HCLK 133 MHz, PCLK 66.5 MHz. */
	c->hz[CLK_ARM] = 533000000;
	c->hz[CLK_HCLK] = 133250000;
	c->hz[CLK_PCLK] = 66625000;
}

void clock_destroy(struct clock *c)
{
	free(c->heap);
	c->heap = NULL;
	c->nr = c->cap = 0;
}

void event_init(struct event *e, const char *name,
		void (*fn)(void *opaque, cycle_t late), void *opaque)
{
	memset(e, 0, sizeof(*e));
	e->name = name;
	e->fn = fn;
	e->opaque = opaque;
	e->slot = -1;
}

static bool before(const struct event *a, const struct event *b)
{
	if (a->when != b->when)
		return a->when < b->when;
	if (a->priority != b->priority)
		return a->priority < b->priority;
	return a->seq < b->seq;
}

static void place(struct clock *c, unsigned i, struct event *e)
{
	c->heap[i] = e;
	e->slot = (int)i;
}

static void sift_up(struct clock *c, unsigned i)
{
	struct event *e = c->heap[i];

	while (i > 0) {
		unsigned parent = (i - 1) / 2;

		if (!before(e, c->heap[parent]))
			break;
		place(c, i, c->heap[parent]);
		i = parent;
	}
	place(c, i, e);
}

static void sift_down(struct clock *c, unsigned i)
{
	struct event *e = c->heap[i];

	for (;;) {
		unsigned l = 2 * i + 1, r = l + 1, m = i;
		const struct event *best = e;

		if (l < c->nr && before(c->heap[l], best)) {
			m = l;
			best = c->heap[l];
		}
		if (r < c->nr && before(c->heap[r], best))
			m = r;
		if (m == i)
			break;
		place(c, i, c->heap[m]);
		i = m;
	}
	place(c, i, e);
}

void clock_cancel(struct clock *c, struct event *e)
{
	unsigned i;
	struct event *last;

	if (e->slot < 0)
		return;
	/* A scheduled event always has a clock; one never event_init()ed does not. */
	assert(c);
	i = (unsigned)e->slot;
	assert(i < c->nr && c->heap[i] == e);
	e->slot = -1;
	last = c->heap[--c->nr];
	if (i == c->nr)
		return;
	place(c, i, last);
	sift_up(c, i);
	sift_down(c, (unsigned)last->slot);
}

void clock_schedule_at(struct clock *c, struct event *e, cycle_t when)
{
	clock_cancel(c, e);
	if (c->nr == c->cap) {
		unsigned cap = c->cap ? 2 * c->cap : 32;
		c->heap = xrealloc(c->heap, cap, sizeof(*c->heap), "the event heap");
		c->cap = cap;
	}
	e->when = when;
	e->seq = c->seq++;
	place(c, c->nr++, e);
	sift_up(c, c->nr - 1);
}

void clock_schedule(struct clock *c, struct event *e, cycle_t delay)
{
	cycle_t when = c->now + delay;

	clock_schedule_at(c, e, when < c->now ? CYCLE_NEVER : when);
}

unsigned clock_run_due(struct clock *c)
{
	unsigned n = 0;

	while (c->nr && c->heap[0]->when <= c->now) {
		struct event *e = c->heap[0];
		cycle_t late = c->now - e->when;

		clock_cancel(c, e);
		e->fn(e->opaque, late);
		n++;
	}
	c->events_run += n;
	return n;
}

void clock_advance_to(struct clock *c, cycle_t when)
{
	if (when > c->now)
		c->now = when;
}

void clock_set_hz(struct clock *c, enum clock_domain d, uint32_t hz)
{
	if (hz)
		c->hz[d] = hz;
}

cycle_t clock_ticks_to_cycles(const struct clock *c, enum clock_domain d, uint64_t ticks)
{
	unsigned __int128 t = (unsigned __int128)ticks * c->hz[CLK_ARM];

	return (cycle_t)((t + c->hz[d] - 1) / c->hz[d]);
}

uint64_t clock_cycles_to_ticks(const struct clock *c, enum clock_domain d, cycle_t cycles)
{
	unsigned __int128 t = (unsigned __int128)cycles * c->hz[d];

	return (uint64_t)(t / c->hz[CLK_ARM]);
}

uint64_t clock_ns(const struct clock *c)
{
	return (uint64_t)((unsigned __int128)c->now * 1000000000u / c->hz[CLK_ARM]);
}
