/* SPDX-License-Identifier: MIT */
/* Unit tests of the global clock and its event scheduler (emu/clock.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emu/clock.h"

struct log {
	char order[64];
	int n;
	cycle_t late[64];
	cycle_t now[64];
};

struct tagged {
	struct event ev;
	struct log *log;
	struct clock *clock;
	char tag;
	cycle_t reschedule; /* if non-zero, schedule itself again this far ahead */
};

static void fire(void *opaque, cycle_t late)
{
	struct tagged *t = opaque;

	t->log->late[t->log->n] = late;
	t->log->now[t->log->n] = t->clock->now;
	t->log->order[t->log->n++] = t->tag;
	if (t->reschedule)
		clock_schedule_at(t->clock, &t->ev, t->clock->now - late + t->reschedule);
}

static void mk(struct tagged *t, struct clock *c, struct log *l, char tag, int prio)
{
	event_init(&t->ev, "t", fire, t);
	t->ev.priority = prio;
	t->log = l;
	t->clock = c;
	t->tag = tag;
	t->reschedule = 0;
}

/* Events run by due time, then priority, then the order they were scheduled. */
static void test_order(void **state)
{
	struct clock c;
	struct log l = { 0 };
	struct tagged a, b, d, e, f;

	clock_init(&c);
	mk(&a, &c, &l, 'a', 0);
	mk(&b, &c, &l, 'b', 0);
	mk(&d, &c, &l, 'd', -1);
	mk(&e, &c, &l, 'e', 0);
	mk(&f, &c, &l, 'f', 0);
	clock_schedule_at(&c, &a.ev, 100);
	clock_schedule_at(&c, &b.ev, 50);
	clock_schedule_at(&c, &e.ev, 100);
	clock_schedule_at(&c, &d.ev, 100); /* higher priority than a and e */
	clock_schedule_at(&c, &f.ev, 300);
	assert_int_equal(clock_next(&c), 50);
	c.now = 120;
	assert_int_equal(clock_run_due(&c), 4);
	l.order[l.n] = 0;
	assert_string_equal(l.order, "bdae");
	assert_int_equal(l.late[0], 70); /* b was due at 50 */
	assert_int_equal(l.late[1], 20);
	assert_true(event_pending(&f.ev));
	assert_false(event_pending(&a.ev));
	assert_int_equal(clock_next(&c), 300);
	clock_destroy(&c);
}

/* Cancelling and rescheduling keep the heap consistent. */
static void test_cancel_reschedule(void **state)
{
	struct clock c;
	struct log l = { 0 };
	struct tagged t[40];

	clock_init(&c);
	for (int i = 0; i < 40; i++) {
		mk(&t[i], &c, &l, (char)('A' + i % 26), 0);
		clock_schedule_at(&c, &t[i].ev, 1000 - 10 * (cycle_t)i);
	}
	for (int i = 0; i < 40; i += 3)
		clock_cancel(&c, &t[i].ev);
	clock_cancel(&c, &t[0].ev); /* cancelling twice is harmless */
	clock_schedule_at(&c, &t[1].ev, 5); /* moves to the front */
	assert_int_equal(clock_next(&c), 5);
	c.now = 2000;
	clock_run_due(&c);
	/* 40 events, 14 cancelled (0,3,...,39) */
	assert_int_equal(l.n, 26);
	for (int i = 1; i < l.n; i++)
		assert_true(l.now[i] == 2000);
	assert_int_equal(clock_next(&c), CYCLE_NEVER);
	clock_destroy(&c);
}

/* A periodic event that reschedules from its due time never drifts, however late it runs. */
static void test_periodic_no_drift(void **state)
{
	struct clock c;
	struct log l = { 0 };
	struct tagged p;
	cycle_t due = 0;

	clock_init(&c);
	mk(&p, &c, &l, 'p', 0);
	p.reschedule = 1000;
	clock_schedule_at(&c, &p.ev, 1000);
	for (int i = 0; i < 50; i++) {
		c.now += 1000 + (i % 7) * 3; /* the CPU overshoots a little every time */
		l.n = 0;
		clock_run_due(&c);
	}
	due = p.ev.when;
	/* 50 periods of 1000 plus accumulated overshoot; still on a 1000 grid. */
	assert_int_equal(due % 1000, 0);
	assert_true(due > c.now && due - c.now <= 1000);
	clock_destroy(&c);
}

/* An event scheduled by an event for "now" runs in the same pass. */
static void chain_fire(void *opaque, cycle_t late)
{
	struct tagged *t = opaque;

	t->log->order[t->log->n++] = t->tag;
	if (t->tag == '1') {
		struct tagged *next = t + 1;

		clock_schedule(t->clock, &next->ev, 0);
	}
}

static void test_chain(void **state)
{
	struct clock c;
	struct log l = { 0 };
	struct tagged t[2];

	clock_init(&c);
	for (int i = 0; i < 2; i++) {
		event_init(&t[i].ev, "chain", chain_fire, &t[i]);
		t[i].log = &l;
		t[i].clock = &c;
		t[i].tag = (char)('1' + i);
	}
	clock_schedule(&c, &t[0].ev, 10);
	c.now = 10;
	assert_int_equal(clock_run_due(&c), 2);
	l.order[l.n] = 0;
	assert_string_equal(l.order, "12");
	clock_destroy(&c);
}

/* Conversions between bus clocks and ARMCLK round up so devices never fire early. */
static void test_conversions(void **state)
{
	struct clock c;

	clock_init(&c);
	assert_int_equal(c.hz[CLK_ARM], 533000000);
	assert_int_equal(c.hz[CLK_PCLK], 66625000);
	assert_int_equal(clock_ticks_to_cycles(&c, CLK_PCLK, 1), 8);
	assert_int_equal(clock_ticks_to_cycles(&c, CLK_HCLK, 3), 12);
	clock_set_hz(&c, CLK_PCLK, 66500000); /* not a divisor of 533 MHz */
	assert_int_equal(clock_ticks_to_cycles(&c, CLK_PCLK, 1), 9); /* 8.015 rounds up */
	assert_int_equal(clock_ticks_to_cycles(&c, CLK_PCLK, 665), 5330);
	assert_int_equal(clock_cycles_to_ticks(&c, CLK_PCLK, 5330), 665);
	assert_int_equal(clock_cycles_to_ticks(&c, CLK_PCLK, 5329), 664);
	c.now = 533000000;
	assert_int_equal(clock_ns(&c), 1000000000u);
	clock_set_hz(&c, CLK_PCLK, 0); /* ignored: a zero frequency would divide by zero */
	assert_int_equal(c.hz[CLK_PCLK], 66500000);
	clock_destroy(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_cancel_reschedule),
		cmocka_unit_test(test_periodic_no_drift),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_conversions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
