/* SPDX-License-Identifier: MIT */
/*
 * wdt.c - watchdog: a down-counter computed from the clock, one event when it
 * reaches 0 (interrupt, reload from WTDAT, optional system reset).
 */
#include "soc/s3c6410/wdt.h"

#include <string.h>

#include "emu/report.h"
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
	ptimer_init(&w->pt, clock, CLK_PCLK, "wdt-expiry", wdt_event, w);
	wdt_reset(w);
}

void wdt_reset(struct wdt *w)
{
	ptimer_reset(&w->pt);
	w->wtcon = 0;
	w->wtdat = 0x8000;
	w->count = 0x8000;
	w->irq_pending = false;
	wdt_update_irq(w);
}

void wdt_fini(struct wdt *w)
{
	ptimer_fini(&w->pt);
}

static uint32_t wdt_scale(const struct wdt *w)
{
	return (FIELD_EX32(w->wtcon, WTCON, PRESCALER) + 1) <<
	       (4 + FIELD_EX32(w->wtcon, WTCON, CLKSEL));
}

uint32_t wdt_count(const struct wdt *w)
{
	/* Due but not yet run: the counter is at 0, about to reload. */
	return ptimer_running(&w->pt) ? (uint32_t)ptimer_remaining(&w->pt) : w->count;
}

/* (Re)start counting down from `count` now; 0 expires after one tick. */
static void wdt_run(struct wdt *w, uint32_t count)
{
	w->count = count;
	ptimer_start(&w->pt, count ? count : 1, wdt_scale(w));
}

static void wdt_stop(struct wdt *w)
{
	w->count = wdt_count(w);
	ptimer_stop(&w->pt);
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
	ptimer_reload(&w->pt, reload ? reload : 1);
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
	ptimer_clock_changed(&w->pt);
}

static void wdt_write_wtcon(struct wdt *w, uint32_t value)
{
	bool was_running = ptimer_running(&w->pt);

	w->wtcon = value & WTCON_WRITABLE;
	if (!FIELD_EX32(w->wtcon, WTCON, ENABLE)) {
		if (was_running)
			wdt_stop(w);
		return;
	}
	/* Keep the run (and its tick phase) unless the rate changed. */
	if (!was_running)
		wdt_run(w, w->count);
	else
		ptimer_set_scale(&w->pt, wdt_scale(w));
}

uint32_t wdt_read(void *dev, uint32_t offset, unsigned size)
{
	struct wdt *w = dev;

	switch (offset) {
	case A_WTCON:
		return w->wtcon;
	case A_WTDAT:
		return w->wtdat;
	case A_WTCNT:
		return wdt_count(w);
	case A_WTCLRINT:
		bus_guest_warn(w->bus, "%s: read of write-only WTCLRINT reads as 0", w->name);
		return 0;
	default:
		bus_unimp(w->bus, w->name, w->base + offset, size, false, 0);
		return 0;
	}
}

void wdt_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct wdt *w = dev;

	switch (offset) {
	case A_WTCON:
		wdt_write_wtcon(w, value);
		break;
	case A_WTDAT:
		w->wtdat = FIELD_EX32(value, WTDAT, COUNT);
		break;
	case A_WTCNT:
		value = FIELD_EX32(value, WTCNT, COUNT);
		if (ptimer_running(&w->pt))
			wdt_run(w, value);
		else
			w->count = value;
		break;
	case A_WTCLRINT:
		w->irq_pending = false;
		wdt_update_irq(w);
		break;
	default:
		bus_unimp(w->bus, w->name, w->base + offset, size, true, value);
		break;
	}
}

const struct mmio_ops wdt_mmio_ops = {
	.read = wdt_read,
	.write = wdt_write,
	.min_size = 4,
	.max_size = 4,
};

/* --- the board's view ------------------------------------------------------ */

static int wdt_create(void *dev, const struct device_params *p)
{
	struct wdt *w = dev;

	wdt_init(w, p->name, p->base, p->clock, p->system_reset, p->board);
	w->bus = p->bus;
	w->irq = p->irq[0];
	return 0;
}

static void wdt_report(void *dev, struct report *r)
{
	const struct wdt *w = dev;

	report_object(r, w->name);
	report_u64(r, "expiries", w->expiries);
	report_u64(r, "interrupts", w->irqs);
	report_u64(r, "resets", w->resets);
	report_end(r);
}

static void wdt_print_stats(void *dev, FILE *f)
{
	const struct wdt *w = dev;

	if (w->expiries)
		fprintf(f, "%s: %llu expiries, %llu resets\n", w->name,
			(unsigned long long)w->expiries, (unsigned long long)w->resets);
}

static void wdt_reset_op(void *dev)
{
	wdt_reset(dev);
}

static void wdt_clock_changed_op(void *dev)
{
	wdt_clock_changed(dev);
}

static void wdt_fini_op(void *dev)
{
	wdt_fini(dev);
}

const struct device_ops wdt_device = {
	.compatible = "samsung,s3c6410-wdt",
	.name = "wdt",
	.max = 1,
	.span = 0x10,
	.nr_irqs = 1,
	.state_size = sizeof(struct wdt),
	.mmio = &wdt_mmio_ops,
	.create = wdt_create,
	.reset = wdt_reset_op,
	.clock_changed = wdt_clock_changed_op,
	.report = wdt_report,
	.print_stats = wdt_print_stats,
	.destroy = wdt_fini_op,
};
