/* SPDX-License-Identifier: MIT */
/*
 * pwm.c - PWM timers 0-4: prescalers, dividers, TCON start/manual-update/
 * auto-reload, TCNTO computed from the clock, one event per expiry.
 */
#include "soc/s3c6410/pwm.h"

#include <string.h>

#include "emu/report.h"
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
REG32(TCNTO4, 0x40)   /* where a TCMPB4 would be in the 12-byte stride: timer 4 has none */
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
		ptimer_init(&p->t[i].pt, clock, CLK_PCLK, "pwm-expiry", pwm_event, &p->t[i]);
	}
	pwm_reset(p);
}

void pwm_reset(struct pwm *p)
{
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++) {
		struct pwm_timer *t = &p->t[i];

		ptimer_reset(&t->pt);
		t->tcntb = t->tcmpb = t->tcmp = 0;
		t->count = 0;
	}
	p->tcfg0 = 0x00000101;
	p->tcfg1 = 0;
	p->tcon = 0;
	p->int_enable = p->int_status = 0;
	pwm_update_irq(p);
}

void pwm_fini(struct pwm *p)
{
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		ptimer_fini(&p->t[i].pt);
}

static uint32_t timer_scale(struct pwm *p, unsigned i)
{
	uint32_t pre = i < 2 ? FIELD_EX32(p->tcfg0, TCFG0, PRESCALER0)
			     : FIELD_EX32(p->tcfg0, TCFG0, PRESCALER1);
	uint32_t mux = p->tcfg1 >> (4 * i) & 0xf;

	if (mux > 4) {
		if (!p->warned_tclk)
			bus_guest_warn(p->bus, "%s: timer %u selects an external clock (TCFG1 mux "
				       "%u), not modelled: counting PCLK/(prescaler+1)", p->name,
				       i, mux);
		p->warned_tclk = true;
		mux = 0;
	}
	return (pre + 1) << mux;
}

uint32_t pwm_count(const struct pwm *p, unsigned i)
{
	const struct pwm_timer *t = &p->t[i % PWM_NR_TIMERS];
	uint64_t left;

	if (!ptimer_running(&t->pt))
		return t->count;
	/* The counter shows N..0 over the N + 1 ticks of a run; due reads as 0. */
	left = ptimer_remaining(&t->pt);
	return left ? (uint32_t)(left - 1) : 0;
}

/* Start counting from `count` now: the expiry is count + 1 ticks away. */
static void timer_run(struct pwm *p, unsigned i, uint32_t count)
{
	struct pwm_timer *t = &p->t[i];

	t->count = count;
	ptimer_start(&t->pt, (uint64_t)count + 1, timer_scale(p, i));
}

static void timer_stop(struct pwm *p, unsigned i)
{
	struct pwm_timer *t = &p->t[i];

	if (!ptimer_running(&t->pt))
		return;
	t->count = pwm_count(p, i);
	ptimer_stop(&t->pt);
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
		ptimer_reload(&t->pt, (uint64_t)t->tcntb + 1);
	} else {
		t->count = 0; /* one-shot: the ptimer stopped at its expiry */
	}
	pwm_update_irq(p);
}

/* The ptimer keeps deadlines from the run's epoch, so `late` never drifts. */
static void pwm_event(void *opaque, cycle_t late)
{
	struct pwm_timer *t = opaque;

	(void)late;
	pwm_expire(t->pwm, t->index);
}

void pwm_clock_changed(struct pwm *p)
{
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		ptimer_clock_changed(&p->t[i].pt);
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

/* Prescaler or divider writes: only timers whose rate changes re-anchor. */
static void pwm_write_cfg(struct pwm *p, uint32_t *reg, uint32_t value)
{
	*reg = value;
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		if (ptimer_running(&p->t[i].pt))
			ptimer_set_scale(&p->t[i].pt, timer_scale(p, i));
}

uint32_t pwm_read(void *dev, uint32_t offset, unsigned size)
{
	struct pwm *p = dev;

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
		bus_unimp(p->bus, p->name, p->base + offset, size, false, 0);
		return 0;
	}
}

void pwm_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct pwm *p = dev;

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
		bus_guest_warn(p->bus, "%s: write of 0x%x to read-only TCNTO at +0x%02x ignored",
			       p->name, value, offset);
		break;
	case A_TCNTO4:
		/* Read-only, the write is ignored; quietly, as drivers that program timer 4 like
		 * the others (Linux's samsung_pwm_timer.c) write its "TCMPB" here by design. */
		break;
	case A_TINT_CSTAT:
		p->int_enable = FIELD_EX32(value, TINT_CSTAT, ENABLE);
		p->int_status &= ~FIELD_EX32(value, TINT_CSTAT, STATUS);
		pwm_update_irq(p);
		break;
	default:
		bus_unimp(p->bus, p->name, p->base + offset, size, true, value);
		break;
	}
}

const struct mmio_ops pwm_mmio_ops = {
	.read = pwm_read,
	.write = pwm_write,
	.min_size = 4,
	.max_size = 4,
};

/* --- the board's view ------------------------------------------------------ */

static int pwm_create(void *dev, const struct device_params *p)
{
	struct pwm *pwm = dev;

	pwm_init(pwm, p->name, p->base, p->clock);
	pwm->bus = p->bus;
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		pwm->irq[i] = p->irq[i];
	return 0;
}

static void pwm_report(void *dev, struct report *r)
{
	const struct pwm *p = dev;

	report_object(r, p->name);
	report_array(r, "expiries");
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		report_u64(r, NULL, p->t[i].expiries);
	report_end(r);
	report_array(r, "interrupts");
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		report_u64(r, NULL, p->t[i].irqs);
	report_end(r);
	report_end(r);
}

static void pwm_print_stats(void *dev, FILE *f)
{
	const struct pwm *p = dev;

	fprintf(f, "%s: expiries", p->name);
	for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
		fprintf(f, " %llu", (unsigned long long)p->t[i].expiries);
	fprintf(f, " (timers 0-4)\n");
}

static void pwm_reset_op(void *dev)
{
	pwm_reset(dev);
}

static void pwm_clock_changed_op(void *dev)
{
	pwm_clock_changed(dev);
}

static void pwm_fini_op(void *dev)
{
	pwm_fini(dev);
}

const struct device_ops pwm_device = {
	.compatible = "samsung,s3c6400-pwm",
	.name = "pwm",
	.max = 1,
	.span = 0x48,
	.nr_irqs = PWM_NR_TIMERS,
	.state_size = sizeof(struct pwm),
	.mmio = &pwm_mmio_ops,
	.create = pwm_create,
	.reset = pwm_reset_op,
	.clock_changed = pwm_clock_changed_op,
	.report = pwm_report,
	.print_stats = pwm_print_stats,
	.destroy = pwm_fini_op,
};
