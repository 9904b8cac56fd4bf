/* SPDX-License-Identifier: MIT */
/*
 * mm/memblock.h - boot-time memory regions (Linux 5.11 include/linux/memblock.h).
 *
 * DOC: Two sorted arrays of non-overlapping regions, `memory` (RAM the DTB
 * describes) and `reserved` (kernel image, DTB, page tables, memblock
 * allocations, /reserved-memory).  Adjacent or overlapping regions with the
 * same node and flags merge.  memblock_alloc() hands out free = memory minus
 * reserved, top-down by default, bottom-up after memblock_set_bottom_up(true).
 * After memblock_free_all() gives the free ranges to the buddy allocator,
 * memblock allocations are refused.
 */
#ifndef MM_MEMBLOCK_H
#define MM_MEMBLOCK_H

#include <mm/types.h>

#define INIT_MEMBLOCK_REGIONS 128
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)
#define MEMBLOCK_ALLOC_ACCESSIBLE 0
#define MEMBLOCK_LOW_LIMIT 0
#define SMP_CACHE_BYTES 32

enum memblock_flags {
	MEMBLOCK_NONE = 0x0,
	MEMBLOCK_HOTPLUG = 0x1,
	MEMBLOCK_MIRROR = 0x2,
	MEMBLOCK_NOMAP = 0x4, /* not in the linear map (/reserved-memory no-map) */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;
};

struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	bool bottom_up;
	phys_addr_t current_limit; /* allocations stay below (lowmem) */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_free(phys_addr_t base, phys_addr_t size); /* un-reserve */
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
void memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid);

void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);

/* Physical allocations: 0 on failure.  align 0 means SMP_CACHE_BYTES. */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align, int nid);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* Zeroed lowmem allocations returning a virtual address, NULL on failure. */
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_low(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid);

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
void memblock_enforce_memory_limit(phys_addr_t limit); /* mem= */
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

/* Print both arrays (memblock=debug style). */
void memblock_dump_all(void);

/* Give memory minus reserved to the buddy allocator; returns the pages freed. */
unsigned long memblock_free_all(void);
/* True once memblock_free_all() ran: memblock_alloc*() then refuse. */
bool memblock_released(void);
/* Forget everything (tests). */
void memblock_reset(void);

/* Iterators (idx packs the indices of the two types, as Linux). */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags, struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start, phys_addr_t *out_end,
		      int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

#define for_each_mem_range(i, p_start, p_end)                                               \
	for (i = 0, __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_HOTPLUG, &memblock.memory, \
				     NULL, p_start, p_end, NULL);                           \
	     i != (u64)ULLONG_MAX_MB;                                                       \
	     __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_HOTPLUG, &memblock.memory, NULL,  \
			      p_start, p_end, NULL))

/* Free ranges (memory minus reserved), lowest first. */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)                     \
	for (i = 0, __next_mem_range(&i, nid, flags, &memblock.memory, &memblock.reserved, \
				     p_start, p_end, p_nid);                                 \
	     i != (u64)ULLONG_MAX_MB;                                                        \
	     __next_mem_range(&i, nid, flags, &memblock.memory, &memblock.reserved, p_start, \
			      p_end, p_nid))

#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid)              \
	for (i = (u64)ULLONG_MAX_MB,                                                         \
	    __next_mem_range_rev(&i, nid, flags, &memblock.memory, &memblock.reserved,       \
				 p_start, p_end, p_nid);                                     \
	     i != (u64)ULLONG_MAX_MB;                                                        \
	     __next_mem_range_rev(&i, nid, flags, &memblock.memory, &memblock.reserved,     \
				  p_start, p_end, p_nid))

#define for_each_reserved_mem_range(i, p_start, p_end)                                     \
	for (i = 0, __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.reserved,  \
				     NULL, p_start, p_end, NULL);                           \
	     i != (u64)ULLONG_MAX_MB;                                                       \
	     __next_mem_range(&i, NUMA_NO_NODE, MEMBLOCK_NONE, &memblock.reserved, NULL,   \
			      p_start, p_end, NULL))

/* Memory ranges of node nid (NUMA_NO_NODE: all) as pfns. */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)                \
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid); i >= 0; \
	     __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))

#define for_each_mem_region(region) \
	for (region = memblock.memory.regions; region < memblock.memory.regions + memblock.memory.cnt; region++)
#define for_each_reserved_mem_region(region)                                 \
	for (region = memblock.reserved.regions;                             \
	     region < memblock.reserved.regions + memblock.reserved.cnt; region++)

#define ULLONG_MAX_MB 0xffffffffffffffffULL

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE (-1)
#endif

#endif /* MM_MEMBLOCK_H */
