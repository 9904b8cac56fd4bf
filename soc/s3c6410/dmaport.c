/* SPDX-License-Identifier: MIT */
/*
 * dmaport.c - DMA bursts into guest RAM or the peripheral bus, timed on the
 * DRAM port or the AHB/APB (see dmaport.h).
 */
#include "soc/s3c6410/dmaport.h"

#include <string.h>

#include <libfdt.h>

static uint32_t soc_prop(const void *fdt, int soc, const char *name, uint32_t def)
{
	int len;
	const fdt32_t *v = soc >= 0 ? fdt_getprop(fdt, soc, name, &len) : NULL;

	return v && len == 4 ? fdt32_to_cpu(*v) : def;
}

void dma_port_init(struct dma_port *p, struct bus *bus, const struct clock *clock,
		   const void *fdt)
{
	int soc = fdt ? fdt_node_offset_by_compatible(fdt, -1, "simple-bus") : -1;
	const fdt32_t *win = NULL;
	int len = 0;

	memset(p, 0, sizeof(*p));
	p->bus = bus;
	p->clock = clock;
	p->ahb_hclk = soc_prop(fdt, soc, "s3c6410-emu,ahb-access-hclk", 2);
	p->apb_pclk = soc_prop(fdt, soc, "s3c6410-emu,apb-access-pclk", 2);
	p->apb_base = 0x7e000000u;
	p->apb_size = 0x02000000u;
	if (soc >= 0)
		win = fdt_getprop(fdt, soc, "s3c6410-emu,apb-window", &len);
	if (win && len == 8) {
		p->apb_base = fdt32_to_cpu(win[0]);
		p->apb_size = fdt32_to_cpu(win[1]);
	}
}

void dma_port_set_ram(struct dma_port *p, uint8_t *ram, uint32_t base, uint32_t size)
{
	p->ram = ram;
	p->ram_base = base;
	p->ram_size = size;
}

void dma_port_set_dmc(struct dma_port *p, struct dmc *dmc)
{
	p->dmc = dmc;
}

/* The bytes a burst touches: a fixed address sees one beat's width. */
static uint32_t burst_span(const struct pl080s_burst *b)
{
	return b->inc ? b->width * b->beats : b->width;
}

static bool in_ram(const struct dma_port *p, uint32_t pa, uint32_t len)
{
	return p->ram && pa - p->ram_base < p->ram_size && len <= p->ram_size - (pa - p->ram_base);
}

/* A peripheral burst: every beat lands on one mapped device that takes its width. */
static bool on_bus(const struct dma_port *p, uint32_t pa, uint32_t len, unsigned width)
{
	const struct mmio_region *r;

	if (pa < PERIPH_BASE || pa - PERIPH_BASE >= PERIPH_SIZE)
		return false;
	r = bus_find(p->bus, pa);
	return r && pa - r->base < r->size && len <= r->size - (pa - r->base) &&
	       bus_takes(r, pa, width);
}

static bool port_access(void *opaque, const struct pl080s_burst *b, uint8_t *buf)
{
	struct dma_port *p = opaque;
	uint32_t span = burst_span(b);

	if (in_ram(p, b->pa, span)) {
		uint8_t *m = p->ram + (b->pa - p->ram_base);

		if (p->obs.ram) {
			p->obs.ram(p->obs.opaque, b, buf);
			return true;
		}
		if (b->inc) {
			if (b->write)
				memcpy(m, buf, span);
			else
				memcpy(buf, m, span);
		} else {
			for (unsigned i = 0; i < b->beats; i++) {
				if (b->write)
					memcpy(m, buf + i * b->width, b->width);
				else
					memcpy(buf + i * b->width, m, b->width);
			}
		}
		return true;
	}
	if (!on_bus(p, b->pa, span, b->width))
		return false;
	for (unsigned i = 0; i < b->beats; i++) {
		uint32_t pa = b->pa + (b->inc ? i * b->width : 0);
		uint8_t *v = buf + i * b->width;

		if (b->write) {
			uint32_t x = 0;

			for (unsigned k = 0; k < b->width; k++)
				x |= (uint32_t)v[k] << (8 * k);
			bus_write(p->bus, pa, x, b->width);
		} else {
			uint32_t x = bus_read(p->bus, pa, b->width);

			for (unsigned k = 0; k < b->width; k++)
				v[k] = (uint8_t)(x >> (8 * k));
		}
	}
	return true;
}

static cycle_t port_timing(void *opaque, const struct pl080s_burst *b, cycle_t at,
			   cycle_t *start)
{
	struct dma_port *p = opaque;
	uint32_t bytes = b->width * b->beats;

	if (in_ram(p, b->pa, burst_span(b))) {
		if (p->dmc) {
			cycle_t done, ahb;

			*start = at > p->dmc->busy_until ? at : p->dmc->busy_until;
			done = dmc_access(p->dmc, b->master, b->pa, bytes, b->write, at, NULL);
			/* The 32-bit AHB carries one beat per HCLK, slower than DDR. */
			ahb = *start + dmc_hclk_to_arm(p->dmc, b->beats);
			return done > ahb ? done : ahb;
		}
		*start = at > p->ram_busy_until ? at : p->ram_busy_until;
		p->ram_busy_until = *start + clock_ticks_to_cycles(p->clock, CLK_HCLK,
								   p->ahb_hclk + b->beats);
		return p->ram_busy_until;
	}
	/* Peripherals: the controller's own AHB, through the APB bridge in its window. */
	*start = at;
	if (b->pa - p->apb_base < p->apb_size)
		return at + clock_ticks_to_cycles(p->clock, CLK_PCLK,
						  (uint64_t)p->apb_pclk * b->beats);
	return at + clock_ticks_to_cycles(p->clock, CLK_HCLK, (uint64_t)p->ahb_hclk * b->beats);
}

static void port_observe(void *opaque, const struct pl080s_burst *b, cycle_t when)
{
	struct dma_port *p = opaque;

	(void)when; /* the checks run as the data moves */
	if (p->obs.burst && in_ram(p, b->pa, burst_span(b)))
		p->obs.burst(p->obs.opaque, b, burst_span(b));
}

static void port_item(void *opaque, enum bus_master who, unsigned c, const struct pl080s_item *it)
{
	struct dma_port *p = opaque;

	if (p->obs.item)
		p->obs.item(p->obs.opaque, who, c, it);
}

void dma_port_set_observer(struct dma_port *p, const struct dma_observer *o)
{
	if (o)
		p->obs = *o;
	else
		memset(&p->obs, 0, sizeof(p->obs));
}

struct pl080s_port dma_port_ops(struct dma_port *p)
{
	return (struct pl080s_port){
		.opaque = p,
		.access = port_access,
		.timing = port_timing,
		.observe = port_observe,
		.item = port_item,
	};
}
