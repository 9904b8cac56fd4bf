/* SPDX-License-Identifier: MIT */
/*
 * pwm.h - S3C6410 PWM timers 0-4.
 *
 * DOC: Follows the "PWM Timer" chapter of the S3C6410X user's manual (and
 * Linux's samsung_pwm_timer.c / pwm-samsung.c for the TCON layout).
 *
 * Outputs: irq[0..4], one per timer (VIC0 sources 23, 24, 25, 27, 28 on the
 *          S3C6410), level = status bit AND enable bit of TINT_CSTAT.
 * MMIO:    0x7F00_6000, 32-bit registers up to TINT_CSTAT at +0x44.
 *
 * Each timer is a 32-bit down-counter clocked at PCLK / (prescaler + 1) /
 * {1, 2, 4, 8, 16}; TCFG0 holds prescaler 0 (timers 0, 1) and prescaler 1
 * (timers 2-4).  A run of the counter from N takes N + 1 timer ticks to
 * expire (it counts N..0, then reloads), which is why Linux writes
 * TCNTB = period - 1.  On expiry the status bit is set if the timer's
 * interrupt is enabled; with auto-reload the counter reloads from TCNTB (and
 * the compare register from TCMPB), otherwise it stops at 0.  Each counter is
 * a ptimer (ptimer.h): TCNTO is computed from the clock when read, the only
 * events are expiries, and deadlines are kept as a tick count from the start
 * of the run, so periodic expiries never drift however late each event runs.
 *
 * Timer 4 has no compare buffer: +0x40, where the register stride would put
 * TCMPB4, is TCNTO4 (read-only).  Linux writes its clockevent's count there
 * each time it programs timer 4; the write is ignored without a report.
 *
 * Not modelled: the TOUT pins (TCMPB, inverter and dead zone are stored and
 * otherwise ignored), external TCLK inputs (TCFG1 mux values 5-7 count as
 * 1/1 with a warning), the DMA request mode of TCFG1, and the prescaler's
 * phase (a run starts on a tick boundary).  When a prescaler or divider is
 * changed under a running timer, or the PCLK frequency changes, the count
 * restarts from its current value and the fraction of the tick in progress
 * is lost.
 */
#ifndef SOC_S3C6410_PWM_H
#define SOC_S3C6410_PWM_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/device.h"
#include "soc/s3c6410/ptimer.h"

#define PWM_NR_TIMERS 5
#define PWM_MMIO_SIZE 0x1000

struct pwm;

struct pwm_timer {
	struct pwm *pwm;
	unsigned index;
	uint32_t tcntb, tcmpb;
	uint32_t tcmp;          /* compare register, loaded from TCMPB */
	uint32_t count;         /* counter at the start of a run (the frozen value when stopped) */
	struct ptimer pt;       /* the down-counter on PCLK; its expiry is the only event */
	/* statistics over the whole run (a reset keeps them) */
	uint64_t expiries;
	uint64_t irqs;          /* expiries that set the status bit */
};

struct pwm {
	const char *name;
	uint32_t base;
	struct clock *clock;
	struct bus *bus;         /* reports go here (set by the board; NULL: log only) */

	uint32_t tcfg0, tcfg1, tcon;
	uint32_t int_enable, int_status; /* TINT_CSTAT[4:0], [9:5] */
	struct pwm_timer t[PWM_NR_TIMERS];

	struct irq_line irq[PWM_NR_TIMERS]; /* set by the board */
	bool warned_tclk;
};

void pwm_init(struct pwm *p, const char *name, uint32_t base, struct clock *clock);
void pwm_reset(struct pwm *p);
/* Cancel pending events before the state goes away. */
void pwm_fini(struct pwm *p);
/* Call after CLK_ARM or CLK_PCLK changed frequency (SYSCON). */
void pwm_clock_changed(struct pwm *p);

uint32_t pwm_read(void *dev, uint32_t offset, unsigned size);
void pwm_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
extern const struct mmio_ops pwm_mmio_ops;

/* The counter value TCNTO would read now. */
uint32_t pwm_count(const struct pwm *p, unsigned timer);
void pwm_update_irq(struct pwm *p);

#endif /* SOC_S3C6410_PWM_H */
