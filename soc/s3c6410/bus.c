/* SPDX-License-Identifier: MIT */
#include "soc/s3c6410/bus.h"

#include <stdlib.h>
#include <string.h>

#include "emu/log.h"

void bus_init(struct bus *b)
{
	memset(b, 0, sizeof(*b));
}

int bus_map(struct bus *b, const char *name, uint32_t base, uint32_t size,
	    const struct mmio_ops *ops, void *dev)
{
	uint32_t first, last;

	if (base < PERIPH_BASE || size == 0 || size > PERIPH_BASE + PERIPH_SIZE - base) {
		log_error("%s at 0x%08x+0x%x lies outside the peripheral window", name, base, size);
		return -1;
	}
	if (b->nr_regions == BUS_MAX_REGIONS) {
		log_error("too many devices on the peripheral bus (max %d)", BUS_MAX_REGIONS);
		return -1;
	}
	for (unsigned i = 0; i < b->nr_regions; i++) {
		const struct mmio_region *r = &b->region[i];

		if (base < r->base + r->size && r->base < base + size) {
			log_error("%s at 0x%08x+0x%x overlaps %s", name, base, size, r->name);
			return -1;
		}
	}
	b->region[b->nr_regions] = (struct mmio_region){
		.name = name, .base = base, .size = size, .ops = ops, .dev = dev,
	};
	b->nr_regions++;
	first = (base - PERIPH_BASE) >> PERIPH_PAGE_SHIFT;
	last = (base - PERIPH_BASE + size - 1) >> PERIPH_PAGE_SHIFT;
	for (uint32_t p = first; p <= last; p++)
		b->page[p] = b->page[p] ? BUS_PAGE_SHARED : (uint8_t)b->nr_regions;
	return 0;
}

const struct mmio_region *bus_find(const struct bus *b, uint32_t pa)
{
	const struct mmio_region *r;
	unsigned idx;

	if (pa - PERIPH_BASE >= PERIPH_SIZE)
		return NULL;
	idx = b->page[(pa - PERIPH_BASE) >> PERIPH_PAGE_SHIFT];
	if (idx == BUS_PAGE_SHARED) {
		for (unsigned i = 0; i < b->nr_regions; i++)
			if (pa - b->region[i].base < b->region[i].size)
				return &b->region[i];
		return NULL;
	}
	if (!idx)
		return NULL;
	r = &b->region[idx - 1];
	/* A device smaller than a page leaves the rest of the page unmapped. */
	return pa - r->base < r->size ? r : NULL;
}

uint32_t bus_read(struct bus *b, uint32_t pa, unsigned size)
{
	struct mmio_region *r = (struct mmio_region *)bus_find(b, pa);

	if (!r) {
		mmio_unimp(NULL, pa, size, false, 0);
		return 0;
	}
	r->reads++;
	return r->ops->read(r->dev, pa - r->base, size);
}

void bus_write(struct bus *b, uint32_t pa, uint32_t value, unsigned size)
{
	struct mmio_region *r = (struct mmio_region *)bus_find(b, pa);

	if (!r) {
		mmio_unimp(NULL, pa, size, true, value);
		return;
	}
	r->writes++;
	r->ops->write(r->dev, pa - r->base, value, size);
}

/* Open-addressed set of (address << 1 | write) already reported. */
static uint64_t *seen;
static unsigned seen_cap, seen_nr;

static bool seen_insert(uint64_t key)
{
	unsigned mask, i;

	if (2 * (seen_nr + 1) > seen_cap) {
		unsigned cap = seen_cap ? 2 * seen_cap : 64;
		uint64_t *tab = calloc(cap, sizeof(*tab));

		if (!tab)
			return false;
		for (unsigned j = 0; j < seen_cap; j++) {
			if (!seen[j])
				continue;
			for (i = (unsigned)(seen[j] * 0x9e3779b97f4a7c15ull >> 40) & (cap - 1);
			     tab[i]; i = (i + 1) & (cap - 1))
				;
			tab[i] = seen[j];
		}
		free(seen);
		seen = tab;
		seen_cap = cap;
	}
	key++; /* 0 marks an empty slot */
	mask = seen_cap - 1;
	for (i = (unsigned)(key * 0x9e3779b97f4a7c15ull >> 40) & mask; seen[i]; i = (i + 1) & mask)
		if (seen[i] == key)
			return false;
	seen[i] = key;
	seen_nr++;
	return true;
}

void mmio_unimp(const char *dev, uint32_t pa, unsigned size, bool is_write, uint32_t value)
{
	if (!seen_insert((uint64_t)pa << 1 | is_write))
		return;
	if (is_write)
		guest_warn("unimplemented: %u-byte write of 0x%x to 0x%08x (%s) ignored; reported once",
			   size, value, pa, dev ? dev : "no device");
	else
		guest_warn("unimplemented: %u-byte read of 0x%08x (%s) reads as 0; reported once",
			   size, pa, dev ? dev : "no device");
}

unsigned mmio_unimp_count(void)
{
	return seen_nr;
}
