/* SPDX-License-Identifier: MIT */
/*
 * wdt.c - watchdog: a down-counter computed from the clock, one event when it
 * reaches 0 (interrupt, reload from WTDAT, optional system reset).
 */
#include "soc/s3c6410/wdt.h"

#include <string.h>

#include "emu/log.h"
#include "emu/regs.h"

REG32(WTCON, 0x00)
	FIELD(WTCON, RSTEN, 0, 1)
	FIELD(WTCON, INTEN, 2, 1)
	FIELD(WTCON, CLKSEL, 3, 2)
	FIELD(WTCON, ENABLE, 5, 1)
	FIELD(WTCON, PRESCALER, 8, 8)
REG32(WTDAT, 0x04)
	FIELD(WTDAT, COUNT, 0, 16)
REG32(WTCNT, 0x08)
	FIELD(WTCNT, COUNT, 0, 16)
REG32(WTCLRINT, 0x0c)

#define WTCON_WRITABLE (R_WTCON_RSTEN_MASK | R_WTCON_INTEN_MASK | R_WTCON_CLKSEL_MASK | \
			R_WTCON_ENABLE_MASK | R_WTCON_PRESCALER_MASK)

static void wdt_event(void *opaque, cycle_t late);

void wdt_init(struct wdt *w, const char *name, uint32_t base, struct clock *clock,
	      void (*system_reset)(void *opaque, const char *why), void *opaque)
{
	memset(w, 0, sizeof(*w));
	w->name = name;
	w->base = base;
	w->clock = clock;
	w->system_reset = system_reset;
	w->opaque = opaque;
	event_init(&w->event, "wdt-expiry", wdt_event, w);
	wdt_reset(w);
}

void wdt_reset(struct wdt *w)
{
	clock_cancel(w->clock, &w->event);
	w->wtcon = 0;
	w->wtdat = 0x8000;
	w->running = false;
	w->count = 0x8000;
	w->epoch = 0;
	w->expiry_ticks = 0;
	w->scale = 1;
	w->irq_pending = false;
	w->arm_hz = w->clock->hz[CLK_ARM];
	w->pclk_hz = w->clock->hz[CLK_PCLK];
	wdt_update_irq(w);
}

void wdt_fini(struct wdt *w)
{
	clock_cancel(w->clock, &w->event);
}

static uint32_t wdt_scale(const struct wdt *w)
{
	return (FIELD_EX32(w->wtcon, WTCON, PRESCALER) + 1) <<
	       (4 + FIELD_EX32(w->wtcon, WTCON, CLKSEL));
}

static uint64_t wdt_elapsed(const struct wdt *w)
{
	cycle_t now = w->clock->now;

	if (now <= w->epoch)
		return 0;
	return (uint64_t)((unsigned __int128)(now - w->epoch) * w->pclk_hz / w->arm_hz) / w->scale;
}

uint32_t wdt_count(const struct wdt *w)
{
	uint64_t e;

	if (!w->running)
		return w->count;
	e = wdt_elapsed(w);
	/* Due but not yet run: the counter is at 0, about to reload. */
	return e >= w->expiry_ticks ? 0 : (uint32_t)(w->expiry_ticks - e);
}

static void wdt_schedule(struct wdt *w)
{
	unsigned __int128 t = (unsigned __int128)(w->expiry_ticks * w->scale) * w->arm_hz;

	clock_schedule_at(w->clock, &w->event,
			  w->epoch + (cycle_t)((t + w->pclk_hz - 1) / w->pclk_hz));
}

/* (Re)start counting down from `count` now, with the current WTCON. */
static void wdt_run(struct wdt *w, uint32_t count)
{
	w->running = true;
	w->count = count;
	w->epoch = w->clock->now;
	w->scale = wdt_scale(w);
	w->expiry_ticks = count ? count : 1;
	wdt_schedule(w);
}

static void wdt_stop(struct wdt *w)
{
	w->count = wdt_count(w);
	w->running = false;
	clock_cancel(w->clock, &w->event);
}

void wdt_update_irq(struct wdt *w)
{
	irq_set(&w->irq, w->irq_pending);
}

static void wdt_event(void *opaque, cycle_t late)
{
	struct wdt *w = opaque;
	uint32_t reload = FIELD_EX32(w->wtdat, WTDAT, COUNT);

	/* Deadlines come from the run's epoch, so `late` never accumulates. */
	(void)late;
	w->expiries++;
	if (FIELD_EX32(w->wtcon, WTCON, INTEN)) {
		w->irq_pending = true;
		w->irqs++;
	}
	w->expiry_ticks += reload ? reload : 1;
	wdt_schedule(w);
	wdt_update_irq(w);
	if (FIELD_EX32(w->wtcon, WTCON, RSTEN)) {
		w->resets++;
		/* Last: the machine may reset the whole board from here. */
		if (w->system_reset)
			w->system_reset(w->opaque, "watchdog expired");
	}
}

void wdt_clock_changed(struct wdt *w)
{
	uint32_t count = wdt_count(w); /* at the old rates */

	w->arm_hz = w->clock->hz[CLK_ARM];
	w->pclk_hz = w->clock->hz[CLK_PCLK];
	if (w->running)
		wdt_run(w, count);
}

static void wdt_write_wtcon(struct wdt *w, uint32_t value)
{
	uint32_t old_scale = wdt_scale(w);
	bool was_running = w->running;
	uint32_t count = wdt_count(w);

	w->wtcon = value & WTCON_WRITABLE;
	if (!FIELD_EX32(w->wtcon, WTCON, ENABLE)) {
		if (was_running)
			wdt_stop(w);
		return;
	}
	/* Keep the run (and its tick phase) unless the rate changed. */
	if (!was_running || wdt_scale(w) != old_scale)
		wdt_run(w, count);
}

uint32_t wdt_read(void *dev, uint32_t offset, unsigned size)
{
	struct wdt *w = dev;

	if (size != 4 || (offset & 3)) {
		guest_warn("%s: %u-byte read at +0x%02x: watchdog registers take 32-bit accesses",
			   w->name, size, offset);
		return 0;
	}
	switch (offset) {
	case A_WTCON:
		return w->wtcon;
	case A_WTDAT:
		return w->wtdat;
	case A_WTCNT:
		return wdt_count(w);
	case A_WTCLRINT:
		guest_warn("%s: read of write-only WTCLRINT reads as 0", w->name);
		return 0;
	default:
		mmio_unimp(w->name, w->base + offset, size, false, 0);
		return 0;
	}
}

void wdt_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct wdt *w = dev;

	if (size != 4 || (offset & 3)) {
		guest_warn("%s: %u-byte write of 0x%x at +0x%02x ignored: watchdog registers take "
			   "32-bit accesses", w->name, size, value, offset);
		return;
	}
	switch (offset) {
	case A_WTCON:
		wdt_write_wtcon(w, value);
		break;
	case A_WTDAT:
		w->wtdat = FIELD_EX32(value, WTDAT, COUNT);
		break;
	case A_WTCNT:
		value = FIELD_EX32(value, WTCNT, COUNT);
		if (w->running)
			wdt_run(w, value);
		else
			w->count = value;
		break;
	case A_WTCLRINT:
		w->irq_pending = false;
		wdt_update_irq(w);
		break;
	default:
		mmio_unimp(w->name, w->base + offset, size, true, value);
		break;
	}
}

const struct mmio_ops wdt_mmio_ops = {
	.read = wdt_read,
	.write = wdt_write,
};
