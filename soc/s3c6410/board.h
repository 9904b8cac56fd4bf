/* SPDX-License-Identifier: MIT */
/*
 * board.h - an S3C6410 board built from a flattened device tree.
 *
 * DOC: The board owns everything outside the core: RAM geometry, the
 * peripheral bus and the device models found in the tree (matched by
 * `compatible`, placed by `reg`, wired by `interrupts` to VIC0/VIC1).  The
 * machine (emu/machine.c) owns the CPU, Unicorn and the run loop; the two meet
 * here: the machine passes the clock and the CPU's nIRQ/nFIQ inputs in, the
 * board hands RAM geometry and the bus back.
 *
 * How to add a device (the PL080S DMA controllers, say):
 *  1. Write soc/s3c6410/NAME.c/.h in the house shape (STYLE.md), with its
 *     `struct mmio_ops` giving the access sizes it takes (the bus rejects
 *     others) and reporting unimplemented registers with bus_unimp().
 *  2. In NAME.c define `const struct device_ops NAME_device` (device.h):
 *     compatible, instance name, how many a board may have, register span,
 *     number of interrupts, state size, and create/reset/clock_changed/
 *     report/print_stats/destroy.  create() gets the node's base, size,
 *     interrupt lines, the clock and the bus in `struct device_params`.
 *  3. Declare it in device.h and add `&NAME_device` to board_device_table in
 *     board.c, after the VICs if it has interrupts, and the .c file to
 *     meson.build.  Nothing else in the board changes.
 */
#ifndef SOC_S3C6410_BOARD_H
#define SOC_S3C6410_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/pl080s.h"

struct dma_observer;

struct board;

/* What the board needs from the machine around it. */
struct board_env {
	struct clock *clock;
	struct irq_line cpu_irq;  /* nIRQ into the core */
	struct irq_line cpu_fiq;  /* nFIQ into the core */
	/* Watchdog expiry with reset enabled: the machine resets or exits. */
	void (*system_reset)(void *opaque, const char *why);
	void *opaque;
	FILE *console_out;        /* UART transmit (stdout) */
	FILE *console_in;         /* UART receive, or NULL */
};

/* L1 cache geometry from /cpus/cpu@0 (devicetree-spec property names). */
struct cache_geometry {
	uint32_t size, line_size, sets;
};

struct board_info {
	char model[64];
	uint32_t ram_base, ram_size;
	uint32_t cpu_hz;           /* /cpus/cpu@0 clock-frequency */
	uint32_t fin_hz;           /* crystal feeding the PLLs */
	struct cache_geometry icache, dcache;
	char bootargs[256];
};

/*
 * Parse the tree and create the devices.  Returns NULL after printing an
 * error naming `what` (the DTB's file name) and the problem.
 */
struct board *board_create(const void *fdt, size_t fdt_size, const char *what,
			   const struct board_env *env);
void board_destroy(struct board *b);
/*
 * Reset every device.  SYSCON comes up as the OK6410A boot loader leaves it
 * (533/133.25/66.625 MHz) and so does the console UART (the one
 * /chosen/stdout-path names): 8N1 at its baud rate, FIFOs on, polling mode.
 */
void board_reset(struct board *b);

/*
 * Guest RAM (the machine allocates it after the board told it the size):
 * the DMA controllers read and write it through the board's bus-master port.
 */
void board_attach_ram(struct board *b, uint8_t *ram);

/*
 * A peripheral's DMA request on line `line` of controller pair `pair`
 * (0: DMA0/SDMA0, 1: DMA1/SDMA1), routed by SYSCON's SDMA_SEL.
 */
void board_dma_request(struct board *b, unsigned pair, unsigned line, enum pl080s_req kind,
		       bool level);

/*
 * Who hears of every DMA burst into or out of RAM, as it moves the data: the
 * memory model's coherency checks against the CPU's D-cache.
 */
void board_set_dma_observer(struct board *b, const struct dma_observer *o);
/*
 * Who hears the four controllers' channel and request lines change (the
 * trace; NULL: nobody).  Apart from the observer above, so the trace and
 * the coherency checks listen side by side.  The DRAM port's own tracer
 * (dmc_set_tracer on board_dram_port()) says who holds the port.
 */
void board_set_dma_tracer(struct board *b, const struct pl080s_tracer *t);

const struct board_info *board_info(const struct board *b);
struct bus *board_bus(struct board *b);
/*
 * The DRAM port (soc/s3c6410/dmc.h), created from the memory-controller
 * node: the CPU side's memory model and each DMA controller are bus masters
 * on it, and reach it here.
 */
struct dmc *board_dram_port(struct board *b);
/* The DTB blob as parsed (to hand to the guest). */
const void *board_fdt(const struct board *b, size_t *size);

/*
 * The VIC port (SCTLR.VE): the vector address of the highest-priority pending
 * IRQ, acknowledged as a read of VIC0's VICADDRESS would.
 */
uint32_t board_irq_vector(struct board *b);

/* Per-device statistics for --stats and the JSON report. */
struct report;
void board_report(struct board *b, struct report *r);
void board_print_stats(struct board *b, FILE *f);

/* Built-in boards compiled from the .dts files in soc/s3c6410. */
const void *board_builtin_dtb(const char *name, size_t *size);
/* Comma-separated list of built-in board names, for --help. */
const char *board_builtin_names(void);

#endif /* SOC_S3C6410_BOARD_H */
