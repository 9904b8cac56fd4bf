/* SPDX-License-Identifier: MIT */
/*
 * bus.h - the S3C6410 peripheral window (0x7000_0000 - 0x7FFF_FFFF).
 *
 * DOC: Unicorn sees the whole window as one MMIO region; accesses arrive
 * here and are routed, through a table indexed by 4 KiB page, to the device
 * mapped there.  Devices smaller than a page may share one (the four UARTs
 * sit 0x400 apart): such a page is marked shared and its few regions are
 * searched.  The bus checks each access against the sizes and alignment the
 * device's ops accept (as QEMU's MemoryRegionOps `.valid` does), so a device
 * only ever sees accesses it takes.  Addresses with no device, and registers
 * a model does not implement, read as zero, ignore writes and are reported
 * once per register as "unimplemented" - never fatal.  The same entry points
 * serve bus masters other than the CPU (the DMA controllers).
 *
 * Everything a guest can repeat is bounded: the set of reported registers
 * holds at most BUS_UNIMP_TRACKED entries, and the bus prints at most
 * BUS_REPORT_LIMIT reports of each kind (unimplemented registers, rejected
 * accesses, device warnings); bus_finish() says how many more there were.
 * All of this state belongs to one bus, so two boards in one process do not
 * share it.
 */
#ifndef SOC_S3C6410_BUS_H
#define SOC_S3C6410_BUS_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/log.h"

#define PERIPH_BASE 0x70000000u
#define PERIPH_SIZE 0x10000000u
#define PERIPH_PAGE_SHIFT 12

/* What a device model provides; offsets are relative to its base. */
struct mmio_ops {
	uint32_t (*read)(void *dev, uint32_t offset, unsigned size);
	void (*write)(void *dev, uint32_t offset, uint32_t value, unsigned size);
	/*
	 * Accesses the device takes: sizes min_size..max_size bytes (0 = 4),
	 * at offsets that are multiples of `align` (0 = of the access size).
	 * Others are rejected by the bus: reads give 0, writes are ignored.
	 */
	uint8_t min_size, max_size, align;
};

struct mmio_region {
	const char *name;
	uint32_t base, size;
	const struct mmio_ops *ops;
	void *dev;
	/* Per access size 0-8: the offset bits that must be clear, or 0xff when
	 * the device does not take that size (from ops, at bus_map()). */
	uint8_t offset_mask[9];
	uint64_t reads, writes;
};

#define BUS_MAX_REGIONS 64
#define BUS_PAGE_SHARED 0xff
/* Distinct unimplemented registers remembered; later ones are only counted. */
#define BUS_UNIMP_TRACKED 4096
/* Reports of each kind printed before the bus only counts them. */
#define BUS_REPORT_LIMIT 32

/* A report a guest can repeat: the first BUS_REPORT_LIMIT are printed. */
struct bus_limit {
	uint64_t count;
};

struct bus {
	struct mmio_region region[BUS_MAX_REGIONS];
	unsigned nr_regions;
	/* region index + 1; 0 = nothing mapped; BUS_PAGE_SHARED = search the regions */
	uint8_t page[PERIPH_SIZE >> PERIPH_PAGE_SHIFT];

	/* Open-addressed set of (address << 1 | write) + 1 reported as unimplemented. */
	uint64_t *unimp_set;
	unsigned unimp_cap, unimp_nr;
	uint64_t unimp_untracked;  /* accesses once the set was full */
	struct bus_limit unimp_reports, rejected, warnings;
	uint64_t rejected_accesses;
	char error[160];           /* why the last bus_map() failed */
};

void bus_init(struct bus *b);
/* Free the set and print how many reports were held back ("... and N more"). */
void bus_finish(struct bus *b);
/* Returns 0, or -1 if the range overlaps another device or lies outside the
 * bus; then b->error says why (the caller prints it, once). */
int bus_map(struct bus *b, const char *name, uint32_t base, uint32_t size,
	    const struct mmio_ops *ops, void *dev);
const struct mmio_region *bus_find(const struct bus *b, uint32_t pa);
/* Does region r's device take a `size`-byte access at pa (its ops' sizes and alignment)? */
bool bus_takes(const struct mmio_region *r, uint32_t pa, unsigned size);

uint32_t bus_read(struct bus *b, uint32_t pa, unsigned size);
void bus_write(struct bus *b, uint32_t pa, uint32_t value, unsigned size);

/*
 * Called by a device model for a register it does not implement.  Logged once
 * per (address, direction) as a guest warning; the access reads as zero.
 * `b` may be NULL (a device tested on its own): then it is only logged.
 */
void bus_unimp(struct bus *b, const char *dev, uint32_t pa, unsigned size, bool is_write,
	       uint32_t value);
/* Number of distinct unimplemented registers reported on this bus. */
unsigned bus_unimp_count(const struct bus *b);
/* A guest warning from a device on bus `b` (NULL: not limited). */
void bus_guest_warn(struct bus *b, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif /* SOC_S3C6410_BUS_H */
