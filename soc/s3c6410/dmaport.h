/* SPDX-License-Identifier: MIT */
/*
 * dmaport.h - the board's side of a DMA controller's bus-master port.
 *
 * DOC: What a PL080S burst reaches and how long it takes.  Data: guest RAM
 * (a host buffer the machine allocates) or a device on the peripheral bus,
 * one register access of the burst's width per beat; anything else - an
 * address with nothing behind it - is refused, which the controller turns
 * into its AHB error.  Time: a RAM burst is one transaction on the DRAM port
 * (dmc_access(), where the CPU's fills and write-backs and the other
 * controllers contend) when the board has one, else `ahb_hclk` + one HCLK per
 * beat on a port of its own; a peripheral burst costs `ahb_hclk` HCLK per beat
 * (AHB) or `apb_pclk` PCLK per beat inside the APB window, as the memory-path
 * model charges the CPU (s3c6410-emu,ahb-access-hclk / apb-access-pclk /
 * apb-window on the soc node).  One port serves all four controllers: they
 * share the DRAM port, each keeps its own AHB.
 */
#ifndef SOC_S3C6410_DMAPORT_H
#define SOC_S3C6410_DMAPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/pl080s.h"

/* Who hears of DMA traffic into or out of RAM (the memory model's coherency checks). */
struct dma_observer {
	/* A burst moved `len` bytes at b->pa in RAM (after the data moved). */
	void (*burst)(void *opaque, const struct pl080s_burst *b, uint32_t len);
	/* A transfer (LLI item) started or ended on a channel. */
	void (*item)(void *opaque, enum bus_master who, unsigned c, const struct pl080s_item *it);
	/* Optional: move a RAM burst's data instead of the port (--coherency=strict
	 * keeps DRAM's bytes apart from the CPU's view of lines it caches). */
	void (*ram)(void *opaque, const struct pl080s_burst *b, uint8_t *buf);
	void *opaque;
};

struct dma_port {
	struct bus *bus;
	const struct clock *clock;
	uint8_t *ram;               /* NULL until the machine attaches RAM */
	uint32_t ram_base, ram_size;
	struct dmc *dmc;            /* NULL: no shared DRAM port on this board */
	cycle_t ram_busy_until;     /* the stand-in port when dmc is NULL */
	uint32_t ahb_hclk, apb_pclk;
	uint32_t apb_base, apb_size;
	struct dma_observer obs;    /* optional: all NULL when nobody listens */
};

/* Timing parameters from the soc node of `fdt` (defaults 2 HCLK, 2 PCLK,
 * APB window 0x7E00_0000 + 32 MiB when absent). */
void dma_port_init(struct dma_port *p, struct bus *bus, const struct clock *clock,
		   const void *fdt);
void dma_port_set_ram(struct dma_port *p, uint8_t *ram, uint32_t base, uint32_t size);
void dma_port_set_dmc(struct dma_port *p, struct dmc *dmc);
/* Who hears of every DMA burst into or out of RAM (NULL: nobody). */
void dma_port_set_observer(struct dma_port *p, const struct dma_observer *o);
/* The port a controller is created with. */
struct pl080s_port dma_port_ops(struct dma_port *p);

#endif /* SOC_S3C6410_DMAPORT_H */
