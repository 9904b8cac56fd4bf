/* SPDX-License-Identifier: MIT */
/*
 * bus.h - the S3C6410 peripheral window (0x7000_0000 - 0x7FFF_FFFF).
 *
 * DOC: Unicorn sees the whole window as one MMIO region; accesses arrive
 * here and are routed, through a table indexed by 4 KiB page, to the device
 * mapped there.  Devices smaller than a page may share one (the four UARTs
 * sit 0x400 apart): such a page is marked shared and its few regions are
 * searched.  Addresses with no device, and registers a model does not
 * implement, read as zero, ignore writes and are reported once per register
 * as "unimplemented" - never fatal.  The same entry points serve bus masters
 * other than the CPU (the DMA controllers).
 */
#ifndef SOC_S3C6410_BUS_H
#define SOC_S3C6410_BUS_H

#include <stdbool.h>
#include <stdint.h>

#define PERIPH_BASE 0x70000000u
#define PERIPH_SIZE 0x10000000u
#define PERIPH_PAGE_SHIFT 12

/* What a device model provides; offsets are relative to its base. */
struct mmio_ops {
	uint32_t (*read)(void *dev, uint32_t offset, unsigned size);
	void (*write)(void *dev, uint32_t offset, uint32_t value, unsigned size);
};

struct mmio_region {
	const char *name;
	uint32_t base, size;
	const struct mmio_ops *ops;
	void *dev;
	uint64_t reads, writes;
};

#define BUS_MAX_REGIONS 64
#define BUS_PAGE_SHARED 0xff

struct bus {
	struct mmio_region region[BUS_MAX_REGIONS];
	unsigned nr_regions;
	/* region index + 1; 0 = nothing mapped; BUS_PAGE_SHARED = search the regions */
	uint8_t page[PERIPH_SIZE >> PERIPH_PAGE_SHIFT];
};

void bus_init(struct bus *b);
/* Any size and alignment.  Returns 0, or -1 (with a message) if the range
 * overlaps another device or lies outside the bus. */
int bus_map(struct bus *b, const char *name, uint32_t base, uint32_t size,
	    const struct mmio_ops *ops, void *dev);
const struct mmio_region *bus_find(const struct bus *b, uint32_t pa);

uint32_t bus_read(struct bus *b, uint32_t pa, unsigned size);
void bus_write(struct bus *b, uint32_t pa, uint32_t value, unsigned size);

/*
 * Called by a device model for a register it does not implement.  Logged once
 * per (address, direction) as a guest warning; the access reads as zero.
 */
void mmio_unimp(const char *dev, uint32_t pa, unsigned size, bool is_write, uint32_t value);
/* Number of distinct unimplemented registers reported so far. */
unsigned mmio_unimp_count(void);

#endif /* SOC_S3C6410_BUS_H */
