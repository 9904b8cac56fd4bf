/* SPDX-License-Identifier: MIT */
/*
 * bus.c - routing of peripheral accesses by 4 KiB page, the bus's access
 * size checks, and the bounded, rate-limited "unimplemented" reports.
 */
#include "soc/s3c6410/bus.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"

void bus_init(struct bus *b)
{
	memset(b, 0, sizeof(*b));
}

static void limit_summary(const struct bus_limit *l, const char *what)
{
	if (l->count > BUS_REPORT_LIMIT)
		log_warn("... and %llu more %s (not shown)",
			 (unsigned long long)(l->count - BUS_REPORT_LIMIT), what);
}

void bus_finish(struct bus *b)
{
	/* These are guest warnings: --quiet silenced them, and so their count. */
	if (!log_quiet()) {
		limit_summary(&b->unimp_reports, "unimplemented-register reports");
		if (b->unimp_untracked)
			log_warn("... and %llu accesses to unimplemented registers beyond the "
				 "%d remembered (not shown)",
				 (unsigned long long)b->unimp_untracked, BUS_UNIMP_TRACKED);
		limit_summary(&b->rejected, "rejected peripheral accesses");
		limit_summary(&b->warnings, "device warnings");
	}
	free(b->unimp_set);
	b->unimp_set = NULL;
	b->unimp_cap = b->unimp_nr = 0;
}

/* True while the report is within its limit; counts it either way. */
static bool limit_take(struct bus_limit *l)
{
	return ++l->count <= BUS_REPORT_LIMIT;
}

int bus_map(struct bus *b, const char *name, uint32_t base, uint32_t size,
	    const struct mmio_ops *ops, void *dev)
{
	uint32_t first, last;

	/* 64-bit arithmetic: base + size must not wrap past 4 GiB. */
	if (base < PERIPH_BASE || size == 0 ||
	    (uint64_t)base + size > (uint64_t)PERIPH_BASE + PERIPH_SIZE) {
		snprintf(b->error, sizeof(b->error), "%s at 0x%08x+0x%x lies outside the "
			 "peripheral window 0x%08x-0x%08x", name, base, size, PERIPH_BASE,
			 PERIPH_BASE + PERIPH_SIZE - 1);
		return -1;
	}
	if (b->nr_regions == BUS_MAX_REGIONS) {
		snprintf(b->error, sizeof(b->error), "too many devices on the peripheral bus "
			 "(max %d)", BUS_MAX_REGIONS);
		return -1;
	}
	for (unsigned i = 0; i < b->nr_regions; i++) {
		const struct mmio_region *r = &b->region[i];

		if (base < r->base + r->size && r->base < base + size) {
			snprintf(b->error, sizeof(b->error), "%s at 0x%08x+0x%x overlaps %s", name,
				 base, size, r->name);
			return -1;
		}
	}
	b->region[b->nr_regions] = (struct mmio_region){
		.name = name, .base = base, .size = size, .ops = ops, .dev = dev,
	};
	/* Each access then costs one table load and one test. */
	for (unsigned n = 0; n <= 8; n++) {
		bool taken = n >= (ops->min_size ? ops->min_size : 4u) &&
			     n <= (ops->max_size ? ops->max_size : 4u) && !(n & (n - 1));

		b->region[b->nr_regions].offset_mask[n] =
			taken ? (uint8_t)((ops->align ? ops->align : n) - 1) : 0xff;
	}
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

/* Say why an access the device does not take was refused (rate-limited). */
static void access_refused(struct bus *b, const struct mmio_region *r, uint32_t pa,
			   unsigned size, bool write, uint32_t value)
{
	const struct mmio_ops *ops = r->ops;
	unsigned min = ops->min_size ? ops->min_size : 4, max = ops->max_size ? ops->max_size : 4;
	uint32_t offset = pa - r->base;
	char takes[48];

	b->rejected_accesses++;
	if (!limit_take(&b->rejected))
		return;
	if (min == max)
		snprintf(takes, sizeof(takes), "%u-byte", min);
	else
		snprintf(takes, sizeof(takes), "%u- to %u-byte", min, max);
	if (write)
		guest_warn("%s: %u-byte write of 0x%x at +0x%03x ignored: the device takes %s "
			   "accesses at %s offsets", r->name, size, value, offset, takes,
			   ops->align ? "32-bit aligned" : "naturally aligned");
	else
		guest_warn("%s: %u-byte read at +0x%03x reads as 0: the device takes %s accesses "
			   "at %s offsets", r->name, size, offset, takes,
			   ops->align ? "32-bit aligned" : "naturally aligned");
}

/* Does the device take this access? */
static inline bool access_ok(const struct mmio_region *r, uint32_t pa, unsigned size)
{
	uint8_t m = size <= 8 ? r->offset_mask[size] : 0xff;

	return m != 0xff && !((pa - r->base) & m);
}

bool bus_takes(const struct mmio_region *r, uint32_t pa, unsigned size)
{
	return access_ok(r, pa, size);
}

uint32_t bus_read(struct bus *b, uint32_t pa, unsigned size)
{
	struct mmio_region *r = (struct mmio_region *)bus_find(b, pa);

	if (!r) {
		bus_unimp(b, NULL, pa, size, false, 0);
		return 0;
	}
	r->reads++;
	if (!access_ok(r, pa, size)) {
		access_refused(b, r, pa, size, false, 0);
		return 0;
	}
	return r->ops->read(r->dev, pa - r->base, size);
}

void bus_write(struct bus *b, uint32_t pa, uint32_t value, unsigned size)
{
	struct mmio_region *r = (struct mmio_region *)bus_find(b, pa);

	if (!r) {
		bus_unimp(b, NULL, pa, size, true, value);
		return;
	}
	r->writes++;
	if (!access_ok(r, pa, size)) {
		access_refused(b, r, pa, size, true, value);
		return;
	}
	r->ops->write(r->dev, pa - r->base, value, size);
}

/* Slot of `key` for a table of 2^bits slots: the top bits of a Fibonacci hash. */
static unsigned unimp_slot(uint64_t key, unsigned cap)
{
	unsigned bits = (unsigned)__builtin_ctz(cap);

	return (unsigned)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

static void unimp_grow(struct bus *b)
{
	unsigned cap = b->unimp_cap ? 2 * b->unimp_cap : 64;
	uint64_t *tab = xcalloc(cap, sizeof(*tab), "the unimplemented-register set");
	for (unsigned j = 0; j < b->unimp_cap; j++) {
		unsigned i;

		if (!b->unimp_set[j])
			continue;
		for (i = unimp_slot(b->unimp_set[j], cap); tab[i]; i = (i + 1) & (cap - 1))
			;
		tab[i] = b->unimp_set[j];
	}
	free(b->unimp_set);
	b->unimp_set = tab;
	b->unimp_cap = cap;
}

/* 1: newly added; 0: already there; -1: not there and the set is full. */
static int unimp_insert(struct bus *b, uint64_t key)
{
	unsigned i, mask;

	key++; /* 0 marks an empty slot */
	if (b->unimp_cap) {
		mask = b->unimp_cap - 1;
		for (i = unimp_slot(key, b->unimp_cap); b->unimp_set[i]; i = (i + 1) & mask)
			if (b->unimp_set[i] == key)
				return 0;
	}
	if (b->unimp_nr == BUS_UNIMP_TRACKED)
		return -1;
	/* At most half full, so probes stay short. */
	if (2 * (b->unimp_nr + 1) > b->unimp_cap)
		unimp_grow(b);
	mask = b->unimp_cap - 1;
	for (i = unimp_slot(key, b->unimp_cap); b->unimp_set[i]; i = (i + 1) & mask)
		;
	b->unimp_set[i] = key;
	b->unimp_nr++;
	return 1;
}

void bus_unimp(struct bus *b, const char *dev, uint32_t pa, unsigned size, bool is_write,
	       uint32_t value)
{
	if (b) {
		int added = unimp_insert(b, (uint64_t)pa << 1 | is_write);

		if (added < 0)
			b->unimp_untracked++;
		if (added <= 0 || !limit_take(&b->unimp_reports))
			return;
	}
	if (is_write)
		guest_warn("unimplemented: %u-byte write of 0x%x to 0x%08x (%s) ignored; reported once",
			   size, value, pa, dev ? dev : "no device");
	else
		guest_warn("unimplemented: %u-byte read of 0x%08x (%s) reads as 0; reported once",
			   size, pa, dev ? dev : "no device");
}

unsigned bus_unimp_count(const struct bus *b)
{
	return b->unimp_nr;
}

void bus_guest_warn(struct bus *b, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (b && !limit_take(&b->warnings))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	guest_warn("%s", msg);
}
