// SPDX-License-Identifier: MIT
/*
 * timer.c - the periodic tick on PWM timer 4, programmed as Linux's
 * drivers/clocksource/samsung_pwm_timer.c programs its event timer.
 *
 * DOC: Set-up: prescaler 1 (shared by timers 2-4) = 2 - 1, mux 1/1, TCNTB4 =
 * period - 1, TCON manual-update to load the counter, then start with
 * auto-reload and manual-update cleared.  TINT_CSTAT holds the interrupt
 * enables (bits 4:0, read/write) and the pending bits (9:5, write 1 to
 * clear); every write here keeps the enables and sets only the pending bit
 * it means to clear, so no other timer's interrupt is lost.
 */
#include <stddef.h>

#include "drivers/clock.h"
#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/timer.h"
#include "drivers/vic.h"

#define TIMER_PRESCALE 2
#define MAX_TICK_FNS   8

volatile unsigned long jiffies;

static struct {
	void (*fn)(void *);
	void *arg;
} tick_fns[MAX_TICK_FNS];

static uint32_t rate, period;
static unsigned int hz_now;

void pwm_ack(unsigned int timer)
{
	unsigned long flags;
	uint32_t v;

	local_irq_save(flags);
	v = readl(PWM_TINT_CSTAT) & TINT_CSTAT_ENABLE_MASK;

	writel(v | TINT_CSTAT_STATUS(timer), PWM_TINT_CSTAT);
	local_irq_restore(flags);
}

void pwm_irq_enable(unsigned int timer, int on)
{
	unsigned long flags;
	uint32_t v;

	local_irq_save(flags);
	v = readl(PWM_TINT_CSTAT) & TINT_CSTAT_ENABLE_MASK;

	if (on)
		v |= TINT_CSTAT_ENABLE(timer);
	else
		v &= ~TINT_CSTAT_ENABLE(timer);
	writel(v, PWM_TINT_CSTAT);
	local_irq_restore(flags);
}

static irqreturn_t timer_interrupt(int irq, void *data)
{
	pwm_ack(TIMER_TICK_ID);
	jiffies++;
	for (int i = 0; i < MAX_TICK_FNS; i++)
		if (tick_fns[i].fn)
			tick_fns[i].fn(tick_fns[i].arg);
	return IRQ_HANDLED;
}

int timer_init(unsigned int hz)
{
	uint32_t pclk = s3c_clk_pclk();
	unsigned long flags;
	uint32_t v;

	if (!pclk || !hz)
		return -1;
	rate = pclk / TIMER_PRESCALE;
	period = rate / hz;
	if (period < 2)
		return -1;
	hz_now = hz;

	local_irq_save(flags);
	v = readl(PWM_TCFG0) & ~(0xffu << TCFG0_PRESCALER1_SHIFT);
	writel(v | (TIMER_PRESCALE - 1) << TCFG0_PRESCALER1_SHIFT, PWM_TCFG0);
	v = readl(PWM_TCFG1) & ~(0xfu << TCFG1_MUX_SHIFT(TIMER_TICK_ID));
	writel(v, PWM_TCFG1);

	/* stop, load TCNTB4 into the counter with a manual update */
	v = readl(PWM_TCON) & ~(TCON_START(TIMER_TICK_ID) | TCON_AUTORELOAD(TIMER_TICK_ID));
	writel(period - 1, PWM_TCNTB(TIMER_TICK_ID));
	writel(v | TCON_MANUALUPDATE(TIMER_TICK_ID), PWM_TCON);
	local_irq_restore(flags);

	pwm_ack(TIMER_TICK_ID);
	pwm_irq_enable(TIMER_TICK_ID, 1);
	if (request_irq(IRQ_TIMER4, timer_interrupt, NULL))
		return -1;

	local_irq_save(flags);
	v = readl(PWM_TCON) & ~TCON_MANUALUPDATE(TIMER_TICK_ID);
	writel(v | TCON_START(TIMER_TICK_ID) | TCON_AUTORELOAD(TIMER_TICK_ID), PWM_TCON);
	local_irq_restore(flags);
	return 0;
}

uint32_t timer_rate(void)
{
	return rate;
}

uint32_t timer_period(void)
{
	return period;
}

unsigned int timer_hz(void)
{
	return hz_now;
}

int tick_register(void (*fn)(void *), void *arg)
{
	unsigned long flags;
	int ret = -1;

	local_irq_save(flags);
	for (int i = 0; i < MAX_TICK_FNS; i++) {
		if (!tick_fns[i].fn) {
			tick_fns[i].arg = arg;
			tick_fns[i].fn = fn;
			ret = 0;
			break;
		}
	}
	local_irq_restore(flags);
	return ret;
}

int tick_unregister(void (*fn)(void *), void *arg)
{
	unsigned long flags;
	int ret = -1;

	local_irq_save(flags);
	for (int i = 0; i < MAX_TICK_FNS; i++) {
		if (tick_fns[i].fn == fn && tick_fns[i].arg == arg) {
			tick_fns[i].fn = NULL;
			ret = 0;
			break;
		}
	}
	local_irq_restore(flags);
	return ret;
}
