/* SPDX-License-Identifier: MIT */
/*
 * pwm.c - PWM timers 0-4: prescalers, dividers, TCON start/manual-update/
 * auto-reload, TCNTO computed from the clock, one event per expiry.
 */
#include "soc/s3c6410/pwm.h"

#include <string.h>

#include "emu/log.h"
#include "emu/regs.h"

REG32(TCFG0, 0x00)
	FIELD(TCFG0, PRESCALER0, 0, 8)
	FIELD(TCFG0, PRESCALER1, 8, 8)
	FIELD(TCFG0, DEADZONE, 16, 8)
REG32(TCFG1, 0x04)
	FIELD(TCFG1, MUX0, 0, 4)
	FIELD(TCFG1, DMA, 20, 4)
REG32(TCON, 0x08)
REG32(TCNTB0, 0x0c)
REG32(TCMPB0, 0x10)
REG32(TCNTO0, 0x14)
REG32(TCNTB1, 0x18)
REG32(TCMPB1, 0x1c)
REG32(TCNTO1, 0x20)
REG32(TCNTB2, 0x24)
REG32(TCMPB2, 0x28)
REG32(TCNTO2, 0x2c)
REG32(TCNTB3, 0x30)
REG32(TCMPB3, 0x34)
REG32(TCNTO3, 0x38)
REG32(TCNTB4, 0x3c)
REG32(TCNTO4, 0x40)
REG32(TINT_CSTAT, 0x44)
	FIELD(TINT_CSTAT, ENABLE, 0, 5)
	FIELD(TINT_CSTAT, STATUS, 5, 5)

/*
 * TCON: timer 0 at bits 0-4 (start, manual update, inverter, auto-reload,
 * dead zone), timers 1-3 at 8, 12, 16; timer 4 at 20 with auto-reload at
 * bit 22 and no inverter.
 */
#define TCON_START 0
#define TCON_MANUAL 1
#define TCON_INVERT 2
#define TCON_RELOAD 3

static unsigned tcon_shift(unsigned i)
{
	return i == 0 ? 0 : 4 * (i + 1);
}

static bool tcon_bit(uint32_t tcon, unsigned i, unsigned bit)
{
	if (i == 4 && bit == TCON_RELOAD)
		bit = 2;
	else if (i == 4 && bit == TCON_INVERT)
		return false;
	return tcon >> (tcon_shift(i) + bit) & 1;
}

static void pwm_event(void *opaque, cycle_t late);

void pwm_init(struct pwm *p, const char *name, uint32_t base, struct clock *clock)
{
	memset(p, 0, sizeof(*p));
	p->name = name;
	p->base = base;
	p->clock = clock;
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++) {
		p->t[i].pwm = p;
		p->t[i].index = i;
		event_init(&p->t[i].event, "pwm-expiry", pwm_event, &p->t[i]);
	}
	pwm_reset(p);
}

void pwm_reset(struct pwm *p)
{
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++) {
		struct pwm_timer *t = &p->t[i];

		clock_cancel(p->clock, &t->event);
		t->tcntb = t->tcmpb = t->tcmp = 0;
		t->running = false;
		t->count = 0;
		t->epoch = 0;
		t->expiry_ticks = 0;
		t->scale = 1;
	}
	p->tcfg0 = 0x00000101;
	p->tcfg1 = 0;
	p->tcon = 0;
	p->int_enable = p->int_status = 0;
	p->arm_hz = p->clock->hz[CLK_ARM];
	p->pclk_hz = p->clock->hz[CLK_PCLK];
	pwm_update_irq(p);
}

void pwm_fini(struct pwm *p)
{
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		clock_cancel(p->clock, &p->t[i].event);
}

/* PCLK ticks between `from` and now, at the anchored rates (rounded down). */
static uint64_t pclk_since(const struct pwm *p, cycle_t from)
{
	cycle_t now = p->clock->now;

	if (now <= from)
		return 0;
	return (uint64_t)((unsigned __int128)(now - from) * p->pclk_hz / p->arm_hz);
}

/* ARM cycles for `ticks` PCLK ticks at the anchored rates (rounded up). */
static cycle_t pclk_to_cycles(const struct pwm *p, uint64_t ticks)
{
	unsigned __int128 t = (unsigned __int128)ticks * p->arm_hz;

	return (cycle_t)((t + p->pclk_hz - 1) / p->pclk_hz);
}

static uint32_t timer_scale(struct pwm *p, unsigned i)
{
	uint32_t pre = i < 2 ? FIELD_EX32(p->tcfg0, TCFG0, PRESCALER0)
			     : FIELD_EX32(p->tcfg0, TCFG0, PRESCALER1);
	uint32_t mux = p->tcfg1 >> (4 * i) & 0xf;

	if (mux > 4) {
		if (!p->warned_tclk)
			guest_warn("%s: timer %u selects an external clock (TCFG1 mux %u), "
				   "not modelled: counting PCLK/(prescaler+1)", p->name, i, mux);
		p->warned_tclk = true;
		mux = 0;
	}
	return (pre + 1) << mux;
}

/* Timer ticks elapsed in the current run. */
static uint64_t timer_elapsed(const struct pwm *p, const struct pwm_timer *t)
{
	return pclk_since(p, t->epoch) / t->scale;
}

uint32_t pwm_count(const struct pwm *p, unsigned i)
{
	const struct pwm_timer *t = &p->t[i % PWM_NR_TIMERS];
	uint64_t e;

	if (!t->running)
		return t->count;
	e = timer_elapsed(p, t);
	/* An expiry that is due but whose event has not run yet reads as 0. */
	return e >= t->expiry_ticks ? 0 : (uint32_t)(t->expiry_ticks - 1 - e);
}

static void timer_schedule(struct pwm *p, struct pwm_timer *t)
{
	clock_schedule_at(p->clock, &t->event,
			  t->epoch + pclk_to_cycles(p, t->expiry_ticks * t->scale));
}

/* Start counting from `count` now. */
static void timer_run(struct pwm *p, unsigned i, uint32_t count)
{
	struct pwm_timer *t = &p->t[i];

	t->running = true;
	t->count = count;
	t->epoch = p->clock->now;
	t->scale = timer_scale(p, i);
	t->expiry_ticks = (uint64_t)count + 1;
	timer_schedule(p, t);
}

/*
 * Restart a running timer's run from its current value (a new scale or
 * clock rate takes effect from now).  An overdue expiry stays due now.
 */
static void timer_reanchor(struct pwm *p, unsigned i)
{
	struct pwm_timer *t = &p->t[i];
	uint64_t e;

	if (!t->running)
		return;
	e = timer_elapsed(p, t);
	t->epoch = p->clock->now;
	t->scale = timer_scale(p, i);
	if (e >= t->expiry_ticks) {
		t->count = 0;
		t->expiry_ticks = 0;
	} else {
		t->count = (uint32_t)(t->expiry_ticks - 1 - e);
		t->expiry_ticks = (uint64_t)t->count + 1;
	}
}

static void timer_stop(struct pwm *p, unsigned i)
{
	struct pwm_timer *t = &p->t[i];

	if (!t->running)
		return;
	t->count = pwm_count(p, i);
	t->running = false;
	clock_cancel(p->clock, &t->event);
}

void pwm_update_irq(struct pwm *p)
{
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		irq_set(&p->irq[i], (p->int_status & p->int_enable) >> i & 1);
}

static void pwm_expire(struct pwm *p, unsigned i)
{
	struct pwm_timer *t = &p->t[i];

	t->expiries++;
	if (p->int_enable >> i & 1) {
		p->int_status |= 1u << i;
		t->irqs++;
	}
	if (tcon_bit(p->tcon, i, TCON_RELOAD)) {
		/* Double buffering: the next period is whatever TCNTB holds now. */
		t->tcmp = t->tcmpb;
		t->expiry_ticks += (uint64_t)t->tcntb + 1;
		timer_schedule(p, t);
	} else {
		t->running = false;
		t->count = 0;
	}
	pwm_update_irq(p);
}

/*
 * The next deadline derives from the run's epoch and tick count, not from
 * `now`, so however `late` this event runs the period does not drift.
 */
static void pwm_event(void *opaque, cycle_t late)
{
	struct pwm_timer *t = opaque;

	(void)late;
	pwm_expire(t->pwm, t->index);
}

void pwm_clock_changed(struct pwm *p)
{
	/* Counts so far were made at the old rates; anchor them, then switch. */
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		timer_reanchor(p, i);
	p->arm_hz = p->clock->hz[CLK_ARM];
	p->pclk_hz = p->clock->hz[CLK_PCLK];
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		if (p->t[i].running)
			timer_schedule(p, &p->t[i]);
}

static void pwm_write_tcon(struct pwm *p, uint32_t value)
{
	uint32_t old = p->tcon;

	p->tcon = value;
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++) {
		struct pwm_timer *t = &p->t[i];
		bool start = tcon_bit(value, i, TCON_START);
		bool was_started = tcon_bit(old, i, TCON_START);

		if (!start) {
			timer_stop(p, i);
			if (tcon_bit(value, i, TCON_MANUAL)) {
				t->count = t->tcntb;
				t->tcmp = t->tcmpb;
			}
		} else if (tcon_bit(value, i, TCON_MANUAL)) {
			/* A manual update of a started timer restarts it from TCNTB. */
			t->tcmp = t->tcmpb;
			timer_run(p, i, t->tcntb);
		} else if (!was_started) {
			timer_run(p, i, t->count);
		}
	}
}

/* Prescaler or divider writes: only timers whose rate changes restart. */
static void pwm_write_cfg(struct pwm *p, uint32_t *reg, uint32_t value)
{
	*reg = value;
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++) {
		struct pwm_timer *t = &p->t[i];

		if (!t->running || timer_scale(p, i) == t->scale)
			continue;
		timer_reanchor(p, i); /* counts with the old scale, adopts the new */
		timer_schedule(p, t);
	}
}

uint32_t pwm_read(void *dev, uint32_t offset, unsigned size)
{
	struct pwm *p = dev;

	if (size != 4 || (offset & 3)) {
		guest_warn("%s: %u-byte read at +0x%02x: PWM registers take 32-bit accesses",
			   p->name, size, offset);
		return 0;
	}
	switch (offset) {
	case A_TCFG0:
		return p->tcfg0;
	case A_TCFG1:
		return p->tcfg1;
	case A_TCON:
		return p->tcon;
	case A_TCNTB0:
	case A_TCNTB1:
	case A_TCNTB2:
	case A_TCNTB3:
		return p->t[(offset - A_TCNTB0) / 12].tcntb;
	case A_TCNTB4:
		return p->t[4].tcntb;
	case A_TCMPB0:
	case A_TCMPB1:
	case A_TCMPB2:
	case A_TCMPB3:
		return p->t[(offset - A_TCMPB0) / 12].tcmpb;
	case A_TCNTO0:
	case A_TCNTO1:
	case A_TCNTO2:
	case A_TCNTO3:
		return pwm_count(p, (offset - A_TCNTO0) / 12);
	case A_TCNTO4:
		return pwm_count(p, 4);
	case A_TINT_CSTAT:
		return p->int_enable | p->int_status << R_TINT_CSTAT_STATUS_SHIFT;
	default:
		mmio_unimp(p->name, p->base + offset, size, false, 0);
		return 0;
	}
}

void pwm_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct pwm *p = dev;

	if (size != 4 || (offset & 3)) {
		guest_warn("%s: %u-byte write of 0x%x at +0x%02x ignored: PWM registers take "
			   "32-bit accesses", p->name, size, value, offset);
		return;
	}
	switch (offset) {
	case A_TCFG0:
		pwm_write_cfg(p, &p->tcfg0, value & 0x00ffffff);
		break;
	case A_TCFG1:
		pwm_write_cfg(p, &p->tcfg1, value & 0x00ffffff);
		break;
	case A_TCON:
		pwm_write_tcon(p, value & 0x007fff1f);
		break;
	case A_TCNTB0:
	case A_TCNTB1:
	case A_TCNTB2:
	case A_TCNTB3:
		p->t[(offset - A_TCNTB0) / 12].tcntb = value;
		break;
	case A_TCNTB4:
		p->t[4].tcntb = value;
		break;
	case A_TCMPB0:
	case A_TCMPB1:
	case A_TCMPB2:
	case A_TCMPB3:
		p->t[(offset - A_TCMPB0) / 12].tcmpb = value;
		break;
	case A_TCNTO0:
	case A_TCNTO1:
	case A_TCNTO2:
	case A_TCNTO3:
	case A_TCNTO4:
		guest_warn("%s: write of 0x%x to read-only TCNTO at +0x%02x ignored",
			   p->name, value, offset);
		break;
	case A_TINT_CSTAT:
		p->int_enable = FIELD_EX32(value, TINT_CSTAT, ENABLE);
		p->int_status &= ~FIELD_EX32(value, TINT_CSTAT, STATUS);
		pwm_update_irq(p);
		break;
	default:
		mmio_unimp(p->name, p->base + offset, size, true, value);
		break;
	}
}

const struct mmio_ops pwm_mmio_ops = {
	.read = pwm_read,
	.write = pwm_write,
};
