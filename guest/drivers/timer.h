/* SPDX-License-Identifier: MIT */
/*
 * timer.h - the periodic tick: PWM timer 4 (VIC0 source 28) at HZ.
 *
 * The timer counts PCLK / 2 (prescaler 1 divides by 2, mux 1/1: Linux's
 * samsung_pwm_timer settings for the 32-bit S3C64xx timers); TCNTB4 is
 * rate / HZ - 1 and the timer auto-reloads.  Every tick increments
 * `jiffies` and runs the registered tick functions, in IRQ context.
 */
#ifndef GUEST_DRIVERS_TIMER_H
#define GUEST_DRIVERS_TIMER_H

#include <stdint.h>

#include "drivers/s3c6410.h"

#define HZ 100

/* PWM timer registers (S3C6410X manual, PWM timer chapter) */
#define PWM_TCFG0         (S3C_PA_PWM + 0x00)
#define PWM_TCFG1         (S3C_PA_PWM + 0x04)
#define PWM_TCON          (S3C_PA_PWM + 0x08)
#define PWM_TCNTB(n)      (S3C_PA_PWM + 0x0c + 0x0c * (n))
#define PWM_TCMPB(n)      (S3C_PA_PWM + 0x10 + 0x0c * (n))   /* timers 0-3 */
#define PWM_TCNTO(n)      (S3C_PA_PWM + ((n) == 4 ? 0x40 : 0x14 + 0x0c * (n)))
#define PWM_TINT_CSTAT    (S3C_PA_PWM + 0x44)

#define TCFG0_PRESCALER0_SHIFT 0    /* timers 0, 1 */
#define TCFG0_PRESCALER1_SHIFT 8    /* timers 2, 3, 4 */
#define TCFG1_MUX_SHIFT(n)     (4 * (n))  /* 0: 1/1, 1: 1/2, 2: 1/4, 3: 1/8, 4: 1/16 */

/* TCON: timer 0 at bits 0-4, timer n (1..4) at bits 4(n+1).. */
#define TCON_SHIFT(n)          ((n) ? 4 * ((n) + 1) : 0)
#define TCON_START(n)          (1u << (TCON_SHIFT(n) + 0))
#define TCON_MANUALUPDATE(n)   (1u << (TCON_SHIFT(n) + 1))
#define TCON_INVERT(n)         (1u << (TCON_SHIFT(n) + 2))   /* timers 0-3 */
#define TCON_AUTORELOAD(n)     (1u << (TCON_SHIFT(n) + ((n) == 4 ? 2 : 3)))

#define TINT_CSTAT_ENABLE(n)   (1u << (n))
#define TINT_CSTAT_STATUS(n)   (1u << ((n) + 5))
#define TINT_CSTAT_ENABLE_MASK 0x1fu

#define TIMER_TICK_ID 4

extern volatile unsigned long jiffies;

/* Start the tick at `hz` interrupts per second; 0 on success. */
int timer_init(unsigned int hz);
/* Counter clock of the tick timer in Hz, and timer clocks per tick. */
uint32_t timer_rate(void);
uint32_t timer_period(void);
unsigned int timer_hz(void);

/* Call fn(arg) from every tick interrupt; 0, or -1 when the table is full. */
int tick_register(void (*fn)(void *), void *arg);
int tick_unregister(void (*fn)(void *), void *arg);

/* Clear a timer's pending bit in TINT_CSTAT without touching the others. */
void pwm_ack(unsigned int timer);
/* Set a timer's interrupt enable bit in TINT_CSTAT (status bits untouched). */
void pwm_irq_enable(unsigned int timer, int on);

#endif /* GUEST_DRIVERS_TIMER_H */
