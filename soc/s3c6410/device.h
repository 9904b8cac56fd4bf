/* SPDX-License-Identifier: MIT */
/*
 * device.h - what a device model gives the board: one table of operations.
 *
 * DOC: The board (board.c) finds device-tree nodes by `compatible`, checks
 * their `reg` against `span`, resolves `nr_irqs` interrupts through the VICs,
 * allocates `state_size` bytes, calls `create` with the node's parameters,
 * maps `mmio` at `reg`, and from then on calls `reset`, `clock_changed`,
 * `report`, `print_stats` and `destroy` for every instance in the order of
 * its table.  The bus checks access sizes against `mmio`'s valid sizes, so a
 * device's read/write only see accesses it takes.  How to add a device: see
 * board.h.
 */
#ifndef SOC_S3C6410_DEVICE_H
#define SOC_S3C6410_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"

#define DEVICE_MAX_IRQS 8
#define DEVICE_MAX_INSTANCES 8  /* of one kind on a board */

struct report;
struct dma_port;

/* Everything a device is created with; the board fills it from the node. */
struct device_params {
	const char *name;         /* instance name ("uart1"); lives as long as the board */
	unsigned index;           /* instance number of its kind, in address order */
	const void *fdt;          /* the tree and the device's node, for extra properties */
	int node;
	uint32_t base, size;      /* from reg, checked against the bus */
	struct clock *clock;
	struct bus *bus;          /* where the device reports unimplemented registers */
	struct irq_line irq[DEVICE_MAX_IRQS]; /* `interrupts`, in order */
	uint32_t fin_hz;          /* the crystal (SYSCON) */
	/* The board's callbacks: clock rates changed (SYSCON), system reset (watchdog). */
	void (*clocks_changed)(void *opaque);
	void (*system_reset)(void *opaque, const char *why);
	void *board;              /* opaque for the two callbacks */
	FILE *console_out;        /* UART transmit */
	FILE *console_in;         /* UART receive: set for the console UART only */
	struct dma_port *dma_port;/* the bus-master port DMA controllers move data through */
};

struct device_ops {
	const char *compatible;
	const char *name;         /* instances are name0, name1, ... when max > 1 */
	unsigned max;             /* instances a board may have */
	uint32_t span;            /* bytes of registers `reg` must cover */
	unsigned nr_irqs;         /* cells of `interrupts` (<= DEVICE_MAX_IRQS) */
	size_t state_size;
	const struct mmio_ops *mmio;

	/* Set up `dev` (zeroed, state_size bytes); 0, or -1 after one error line. */
	int (*create)(void *dev, const struct device_params *p);
	void (*reset)(void *dev);
	/* Optional: CLK_ARM, HCLK or PCLK changed frequency. */
	void (*clock_changed)(void *dev);
	/* Optional: the device's section of --report and its --stats line(s). */
	void (*report)(void *dev, struct report *r);
	void (*print_stats)(void *dev, FILE *f);
	/* Optional: cancel pending events; the board frees the state. */
	void (*destroy)(void *dev);
};

/* The models (one per file); board.c lists them in board_device_table. */
extern const struct device_ops vic_device, pwm_device, uart_device, syscon_device, wdt_device,
	gpio_device, pl080s_device, pl080s_secure_device;

#endif /* SOC_S3C6410_DEVICE_H */
