/* SPDX-License-Identifier: MIT */
/*
 * mm/mm_abi.h - the guest side of page_abi.h's `mm_abi` descriptor.
 *
 * DOC: guest/mm/mm_abi.c defines `struct mm_abi mm_abi` (symbol
 * MM_ABI_SYMBOL) and keeps it current: the phase, memblock regions, zone
 * spans and watermarks, per-order free counts (updated with every free-list
 * change), mem_map and pageblock flag addresses, and the slab cache table.
 * `generation` is bumped when anything other than the free counts and slab
 * counters changes (phase, regions, zones, cache table entries added).
 * Only node 0's zones fit the descriptor.
 */
#ifndef MM_MM_ABI_H
#define MM_MM_ABI_H

#include <mm/types.h>
#include "page_abi.h"

extern struct mm_abi mm_abi;

/* Fill the constant fields (magic, sizes, layout). */
void mm_abi_init(void);
/* Copy memblock's arrays (called after each memblock change in the memblock phase). */
void mm_abi_sync_memblock(void);
/* Copy node 0's zone spans, managed pages, watermarks and free counts. */
void mm_abi_sync_zones(void);
void mm_abi_set_phase(uint32_t phase);
void mm_abi_bump(void);

/*
 * Slab layer: publish cache `id` (its index in mm_abi.caches[], which slab
 * pages carry in page->mapping).  Returns 0 or -ENOSPC if id is out of range.
 * mm_abi_remove_cache() empties the slot (kmem_cache_destroy).
 */
int mm_abi_update_cache(unsigned int id, const char *name, uint32_t object_size, uint32_t order,
			uint32_t active_objs, uint32_t num_slabs);
void mm_abi_remove_cache(unsigned int id);

/* Free-count hook used by the free-list helpers (node 0 only). */
static inline void mm_abi_nr_free_add(int nid, int zone, unsigned int order, int delta)
{
	if (nid == 0)
		mm_abi.zones[zone].nr_free[order] += (uint32_t)delta;
}

#endif /* MM_MM_ABI_H */
