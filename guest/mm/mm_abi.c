// SPDX-License-Identifier: MIT
/*
 * mm_abi.c - the `mm_abi` descriptor the host reads (guest/include/page_abi.h).
 *
 * DOC: Filled at boot phase by phase: constants by mm_abi_init(), memblock
 * regions while memblock is in charge, mem_map/pageblock/kernel layout and
 * zones once the buddy allocator is up.  Free counts of node 0's zones are
 * updated with every free-list change (mm_abi_nr_free_add()); the slab
 * layer publishes its caches with mm_abi_update_cache().  `generation`
 * changes when the layout does (phase, regions, zones, cache slots).
 */
#include "internal.h"

#include <mm/memblock.h>

#include <string.h>

/* `used`: the host finds it by symbol even if nothing in the guest reads it */
struct mm_abi mm_abi __attribute__((used));

void mm_abi_reset(void)
{
	memset(&mm_abi, 0, sizeof(mm_abi));
}

void mm_abi_bump(void)
{
	mm_abi.generation++;
}

void mm_abi_init(void)
{
	uint32_t gen = mm_abi.generation;

	memset(&mm_abi, 0, sizeof(mm_abi));
	mm_abi.magic = MM_ABI_MAGIC;
	mm_abi.version = MM_ABI_VERSION;
	mm_abi.size = sizeof(mm_abi);
	mm_abi.phase = MM_PHASE_EARLY;
	mm_abi.generation = gen + 1;
	mm_abi.page_size = PAGE_SIZE;
	mm_abi.page_struct_size = sizeof(struct page);
	mm_abi.max_order = MAX_ORDER;
	mm_abi.pageblock_order = pageblock_order;
	mm_abi.phys_offset = PHYS_OFFSET;
	mm_abi.page_offset = ARM_PAGE_OFFSET;
	mm_abi.nr_zones = MAX_NR_ZONES;
}

void mm_abi_set_phase(uint32_t phase)
{
	mm_abi.phase = phase;
	mm_abi_bump();
}

void mm_abi_sync_memblock(void)
{
	unsigned long i, n;

	n = min(memblock.memory.cnt, (unsigned long)MM_ABI_MAX_REGIONS);
	for (i = 0; i < n; i++) {
		mm_abi.memory[i].base = memblock.memory.regions[i].base;
		mm_abi.memory[i].size = memblock.memory.regions[i].size;
	}
	mm_abi.nr_memory = (uint32_t)n;
	n = min(memblock.reserved.cnt, (unsigned long)MM_ABI_MAX_REGIONS);
	for (i = 0; i < n; i++) {
		mm_abi.reserved[i].base = memblock.reserved.regions[i].base;
		mm_abi.reserved[i].size = memblock.reserved.regions[i].size;
	}
	mm_abi.nr_reserved = (uint32_t)n;
	mm_abi_bump();
}

void mm_abi_set_layout(void)
{
	phys_addr_t kstart, kend;

	arch_kernel_image(&kstart, &kend);
	mm_abi.lowmem_limit_pfn = (uint32_t)PFN_DOWN(arm_lowmem_limit);
	mm_abi.mem_map_pa = __pa(mem_map);
	mm_abi.pfn_base = (uint32_t)mem_map_pfn_base;
	mm_abi.nr_pages = (uint32_t)max_mapnr;
	mm_abi.pageblock_flags_pa = __pa(pageblock_flags);
	mm_abi.kernel_start_pfn = (uint32_t)PFN_DOWN(kstart);
	mm_abi.kernel_end_pfn = (uint32_t)PFN_UP(kend);
	mm_abi_sync_memblock();
}

void mm_abi_sync_zones(void)
{
	pg_data_t *pgdat = NODE_DATA(0);
	unsigned long flags;
	int z;

	if (!pgdat)
		return;
	zone_lock(flags);
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		struct mm_abi_zone *az = &mm_abi.zones[z];
		unsigned int o;

		memset(az->name, 0, sizeof(az->name));
		strncpy(az->name, zone_names[z], sizeof(az->name) - 1);
		az->node = 0;
		az->zone_start_pfn = (uint32_t)zone->zone_start_pfn;
		az->spanned_pages = (uint32_t)zone->spanned_pages;
		az->present_pages = (uint32_t)zone->present_pages;
		az->managed_pages = (uint32_t)zone->managed_pages;
		/* without the transient boost: the configured marks */
		az->watermark[0] = (uint32_t)zone->_watermark[WMARK_MIN];
		az->watermark[1] = (uint32_t)zone->_watermark[WMARK_LOW];
		az->watermark[2] = (uint32_t)zone->_watermark[WMARK_HIGH];
		for (o = 0; o < MAX_ORDER; o++)
			az->nr_free[o] = (uint32_t)zone->free_area[o].nr_free;
	}
	zone_unlock(flags);
	mm_abi_bump();
}

int mm_abi_update_cache(unsigned int id, const char *name, uint32_t object_size, uint32_t order,
			uint32_t active_objs, uint32_t num_slabs)
{
	struct mm_abi_cache *c;
	bool fresh;

	if (id >= MM_ABI_MAX_CACHES)
		return -ENOSPC;
	c = &mm_abi.caches[id];
	fresh = c->name[0] == '\0' || strncmp(c->name, name, sizeof(c->name) - 1) != 0;
	if (fresh) {
		memset(c->name, 0, sizeof(c->name));
		strncpy(c->name, name, sizeof(c->name) - 1);
	}
	c->object_size = object_size;
	c->order = order;
	c->active_objs = active_objs;
	c->num_slabs = num_slabs;
	if (id >= mm_abi.nr_caches)
		mm_abi.nr_caches = id + 1;
	if (fresh)
		mm_abi_bump();
	return 0;
}

void mm_abi_remove_cache(unsigned int id)
{
	if (id >= MM_ABI_MAX_CACHES)
		return;
	memset(&mm_abi.caches[id], 0, sizeof(mm_abi.caches[id]));
	while (mm_abi.nr_caches && mm_abi.caches[mm_abi.nr_caches - 1].name[0] == '\0')
		mm_abi.nr_caches--;
	mm_abi_bump();
}

int mm_phase(void)
{
	return (int)mm_abi.phase;
}

void mm_set_phase(int phase)
{
	mm_abi_set_phase((uint32_t)phase);
}
