/* SPDX-License-Identifier: MIT */
/*
 * wdt.h - S3C6410 watchdog timer.
 *
 * DOC: Follows the "Watchdog Timer" chapter of the S3C6410X user's manual
 * (and Linux's s3c2410_wdt.c for the S3C6410's WTCLRINT register).
 *
 * Outputs: irq (VIC0 source 26 on the S3C6410), held until WTCLRINT is
 *          written; the system reset, as a call of `system_reset`.
 * MMIO:    0x7E00_4000: WTCON, WTDAT, WTCNT, WTCLRINT.
 *
 * WTCNT counts down at PCLK / (prescaler + 1) / {16, 32, 64, 128} while
 * WTCON.ENABLE is set; it is a ptimer (ptimer.h), computed from the clock
 * when read, and the only event is the moment it reaches 0.  Then: the interrupt if WTCON.INTEN, a
 * reload from WTDAT, and if WTCON.RSTEN the reset callback (the machine
 * decides between resetting and exiting).  A count of 0 expires after one
 * tick, so a zero WTCNT or WTDAT cannot make the model spin.
 *
 * Reset state: what the OK6410A boot loader leaves, WTCON = 0 (U-Boot turns
 * the watchdog off; the chip's own reset value 0x8021 would reset the board
 * about a second after power-on), WTDAT = WTCNT = 0x8000.
 *
 * Not modelled: the 128-PCLK length of the reset pulse, and the fraction of
 * a tick lost when the prescaler, divider or PCLK changes under a running
 * counter (the count restarts from its current value).
 */
#ifndef SOC_S3C6410_WDT_H
#define SOC_S3C6410_WDT_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/device.h"
#include "soc/s3c6410/ptimer.h"

#define WDT_MMIO_SIZE 0x1000

struct wdt {
	const char *name;
	uint32_t base;
	struct clock *clock;
	struct bus *bus;         /* reports go here (set by the board; NULL: log only) */

	uint32_t wtcon, wtdat;
	uint32_t count;          /* WTCNT at the start of a run (the frozen value when stopped) */
	struct ptimer pt;        /* WTCNT: ticks until it reaches 0; the only event */
	bool irq_pending;

	struct irq_line irq;     /* set by the board */
	void (*system_reset)(void *opaque, const char *why);
	void *opaque;

	/* statistics over the whole run (a reset keeps them) */
	uint64_t expiries, irqs, resets;
};

void wdt_init(struct wdt *w, const char *name, uint32_t base, struct clock *clock,
	      void (*system_reset)(void *opaque, const char *why), void *opaque);
void wdt_reset(struct wdt *w);
/* Cancel pending events before the state goes away. */
void wdt_fini(struct wdt *w);
/* Call after CLK_ARM or CLK_PCLK changed frequency (SYSCON). */
void wdt_clock_changed(struct wdt *w);

uint32_t wdt_read(void *dev, uint32_t offset, unsigned size);
void wdt_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
extern const struct mmio_ops wdt_mmio_ops;

/* The value WTCNT would read now. */
uint32_t wdt_count(const struct wdt *w);
void wdt_update_irq(struct wdt *w);

#endif /* SOC_S3C6410_WDT_H */
