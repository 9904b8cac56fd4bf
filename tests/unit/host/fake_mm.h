/* SPDX-License-Identifier: MIT */
/*
 * fake_mm.h - crafted guest memory for the decoder and metrics tests.
 *
 * A host buffer stands for guest RAM at `base`; the mm_abi descriptor, the
 * mem_map and the pageblock flags live inside it, where a guest would put
 * them, and the decoder reads them through struct ps_mem exactly as it reads
 * a running guest.  Every frame starts as an allocated unmovable page in
 * ZONE_NORMAL; every pageblock starts MIGRATE_MOVABLE.
 */
#ifndef FAKE_MM_H
#define FAKE_MM_H

#include <stdint.h>

#include "mm/pagestate.h"

struct fake_mm {
	uint8_t *ram;
	uint32_t base, size;         /* RAM: `frames` pages from `base` */
	struct ps_mem mem;
	uint32_t abi_pa;
	struct mm_abi *abi;          /* inside ram */
	struct page *map;            /* inside ram */
	uint8_t *pb;                 /* inside ram */
	uint32_t pfn_base, nr_pages;
};

/* RAM of `frames` pages; metadata goes in the RAM's top 1/8 (not described
 * by mem_map) so frames keep exactly what the test gives them. */
int fake_mm_init(struct fake_mm *f, uint32_t base, uint32_t frames);
/* Like a real guest: metadata in the top frames of RAM, marked reserved;
 * RAM is exactly `frames` pages. */
int fake_mm_init_inside(struct fake_mm *f, uint32_t base, uint32_t frames);
void fake_mm_free(struct fake_mm *f);

struct page *fake_page(struct fake_mm *f, uint32_t pfn);
/* Allocated pages of allocation migratetype `mt`. */
void fake_alloc(struct fake_mm *f, uint32_t pfn, uint32_t n, unsigned mt);
/* A free buddy block on free list `mt`; counts it in the guest's nr_free. */
void fake_free(struct fake_mm *f, uint32_t pfn, unsigned order, unsigned mt);
/* OR extra flag bits into n pages. */
void fake_flags(struct fake_mm *f, uint32_t pfn, uint32_t n, uint32_t flags);
void fake_pageblock(struct fake_mm *f, uint32_t pfn, unsigned mt);
/* Move [start, start + n) to zone z (page flags and the descriptor). */
void fake_zone(struct fake_mm *f, unsigned z, uint32_t start, uint32_t n);

void fake_decode(struct fake_mm *f, struct pagestate *ps);

/*
 * A plausible fragmented machine for pictures and benchmarks (RAM made with
 * fake_mm_init_inside, 16 MiB or more): a reserved kernel image at the
 * bottom, ZONE_MOVABLE in the top quarter with a CMA area, pageblocks of
 * mixed mobility split into a valid buddy structure (free buddies always
 * merged) from a seeded generator, slab, page-table, vmalloc and per-cpu
 * pages.  The guest's nr_free counters match.
 */
void fake_fragment(struct fake_mm *f, uint32_t seed);

#endif /* FAKE_MM_H */
