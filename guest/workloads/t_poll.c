// SPDX-License-Identifier: MIT
/*
 * t_poll.c - device time runs while the CPU polls with interrupts off.
 *
 * Drivers busy-wait on status registers (an early console, a one-shot timer)
 * with IRQs masked and no other device activity.  Here the tick is stopped,
 * the UART drained, and timer 2 started as a 1000-tick one-shot while timer
 * 0 runs free as a reference at the same rate; polling TINT_CSTAT must see
 * timer 2 expire after 1001 timer ticks (N counts down to 0, then expires),
 * as measured on timer 0, not whenever some unrelated event happens along.
 */
#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"
#include "drivers/uart.h"

#define ONESHOT_TICKS 1000u
#define MAX_POLLS     5000000ul

/* Start timer t counting down from `count` at PCLK/2 (prescaler 1 or 0 set to 1, mux 1/1). */
static void start_timer(unsigned int t, uint32_t count, bool reload)
{
	unsigned int shift = t < 2 ? TCFG0_PRESCALER0_SHIFT : TCFG0_PRESCALER1_SHIFT;
	uint32_t v;

	v = readl(PWM_TCFG0) & ~(0xffu << shift);
	writel(v | 1u << shift, PWM_TCFG0);
	writel(readl(PWM_TCFG1) & ~(0xfu << TCFG1_MUX_SHIFT(t)), PWM_TCFG1);
	writel(count, PWM_TCNTB(t));
	v = readl(PWM_TCON) & ~(TCON_START(t) | TCON_AUTORELOAD(t) | TCON_MANUALUPDATE(t));
	writel(v | TCON_MANUALUPDATE(t), PWM_TCON);
	writel(v | TCON_START(t) | (reload ? TCON_AUTORELOAD(t) : 0), PWM_TCON);
}

int main(void)
{
	uint32_t before, after, elapsed;
	unsigned long polls = 0;
	int expired;

	printf("t_poll: one-shot timer 2 (%u ticks) polled with IRQs off, tick stopped\n",
	       ONESHOT_TICKS);
	uart_flush();
	local_irq_disable();
	writel(readl(PWM_TCON) & ~TCON_START(TIMER_TICK_ID), PWM_TCON);
	start_timer(0, 0xffffffffu, true);
	pwm_ack(2);
	pwm_irq_enable(2, 1);
	(void)sys_clock();  /* a semihosting call in between, as a trace print would be */

	before = readl(PWM_TCNTO(0));
	start_timer(2, ONESHOT_TICKS, false);
	while (!(expired = !!(readl(PWM_TINT_CSTAT) & TINT_CSTAT_STATUS(2))) && polls < MAX_POLLS)
		polls++;
	after = readl(PWM_TCNTO(0));
	elapsed = before - after;
	pwm_ack(2);
	pwm_irq_enable(2, 0);

	/* restart the tick before printing (the console sleeps on interrupts) */
	writel(readl(PWM_TCON) | TCON_START(TIMER_TICK_ID), PWM_TCON);
	local_irq_enable();

	CHECK(expired, "timer 2 expired while polled (%lu polls)", polls);
	CHECK(elapsed >= ONESHOT_TICKS + 1 && elapsed <= ONESHOT_TICKS + 1 + 200,
	      "after %lu reference ticks (want %u + polling slack <= 200)", (unsigned long)elapsed,
	      ONESHOT_TICKS + 1);
	return check_done("t_poll");
}
