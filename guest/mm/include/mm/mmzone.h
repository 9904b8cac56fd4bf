/* SPDX-License-Identifier: MIT */
/*
 * mm/mmzone.h - nodes (pg_data_t), zones, free areas, per-cpu page lists.
 *
 * DOC: As Linux 5.11 include/linux/mmzone.h, for one CPU.  A node holds up to
 * MAX_NR_ZONES zones (ids fixed by page_abi.h: DMA, NORMAL, HIGHMEM,
 * MOVABLE; a zone the board does not need spans no pages).  Each zone has
 * free_area[MAX_ORDER].free_list[MIGRATE_TYPES], order-0 per-cpu lists, and
 * min/low/high watermarks.  Lists link struct pages by mem_map index
 * (page->next/prev, MM_ABI_NIL ends), so the host can read them too.
 * Node 0 is contig_page_data; NODE_DATA(1) exists for a second memory node
 * (a /memory node with numa-node-id = <1> in the DTB).
 *
 * Locking: one CPU; free lists, pcp lists and counters are changed with
 * interrupts off (zone_lock()/zone_unlock()), since GFP_ATOMIC allocations
 * and the background reclaim/compaction work run from the timer interrupt.
 */
#ifndef MM_MMZONE_H
#define MM_MMZONE_H

#include <mm/types.h>
#include "page_abi.h"

#define MAX_ORDER MM_ABI_MAX_ORDER
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
/* Linux ARM: no hugetlb, so MAX_ORDER - 1.  An enum, not a macro: page_abi.h has a field of that name. */
enum { pageblock_order = MAX_ORDER - 1 };
#define pageblock_nr_pages (1UL << pageblock_order)
#define PAGE_ALLOC_COSTLY_ORDER 3

#define MAX_NUMNODES 2
#define MAX_ZONELISTS 1
#define MAX_ZONES_PER_ZONELIST (MAX_NUMNODES * MAX_NR_ZONES)
#define NUMA_NO_NODE (-1)

/* A list of struct pages by mem_map index: head and tail, MM_ABI_NIL if empty. */
struct page_list {
	uint32_t head;
	uint32_t tail;
};

struct free_area {
	struct page_list free_list[MIGRATE_TYPES];
	unsigned long nr_free; /* blocks of this order, all types */
};

enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };

/* Order-0 free pages kept per CPU (one CPU here), one list per pcp migrate type. */
struct per_cpu_pages {
	int count;
	int high;  /* free pages back to the buddy lists above this */
	int batch; /* pages moved between pcp and buddy at a time */
	struct page_list lists[MIGRATE_PCPTYPES];
};

enum zone_stat_item {
	NR_FREE_PAGES,         /* in the buddy lists (not pcp) */
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING, /* dirty + writeback */
	NR_MLOCK,
	NR_PAGETABLE,          /* maintained by the page-table layer */
	NR_BOUNCE,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B, /* maintained by the slab layer, in pages here */
	NR_SLAB_UNRECLAIMABLE_B,
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	NR_FILE_PAGES,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_ANON_MAPPED,
	NR_FILE_MAPPED,
	NR_VMSCAN_WRITE,
	NR_KERNEL_STACK_KB,
	NR_VM_NODE_STAT_ITEMS
};

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/* LRU lists per node (Linux 5.11 keeps them per node and memcg). */
struct lruvec {
	struct page_list lists[NR_LRU_LISTS];
};

enum zone_flags {
	ZONE_BOOSTED_WATERMARK, /* a fallback stole a pageblock; kswapd should rebalance */
	ZONE_RECLAIM_ACTIVE,
};

struct pglist_data;

struct zone {
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	/* pageblocks set MIGRATE_ISOLATE (CMA's alloc_contig_range); the pcp drain checks it */
	unsigned long nr_isolate_pageblock;
	/* pages this zone keeps back from allocations that could use a higher zone */
	long lowmem_reserve[MAX_NR_ZONES];
	int node;
	struct pglist_data *zone_pgdat;
	struct per_cpu_pages pcp;

	unsigned long zone_start_pfn;
	unsigned long managed_pages; /* handed to the buddy allocator */
	unsigned long spanned_pages; /* zone_end_pfn - zone_start_pfn */
	unsigned long present_pages; /* RAM pages in the span */
	const char *name;

	struct free_area free_area[MAX_ORDER];
	unsigned long flags;
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];

	/* compaction scanners and deferral (mm/compaction.c) */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2]; /* async, sync */
	unsigned long compact_init_migrate_pfn;
	unsigned long compact_init_free_pfn;
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	bool compact_blockskip_flush;
};

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

/* Zones to try, best first; ends with zone == NULL. */
struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1];
};

enum pgdat_flags {
	PGDAT_DIRTY,
	PGDAT_WRITEBACK,
	PGDAT_RECLAIM_LOCKED,
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones; /* highest populated zone index + 1 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;

	/* kswapd: woken at the low watermark, run from the timer tick / idle */
	bool kswapd_wait;
	int kswapd_order;
	int kswapd_highest_zoneidx;
	int kswapd_failures;

	/* kcompactd */
	bool kcompactd_wait;
	int kcompactd_max_order;
	int kcompactd_highest_zoneidx;

	unsigned long totalreserve_pages;
	unsigned long flags;
	struct lruvec __lruvec;
	long vm_stat[NR_VM_NODE_STAT_ITEMS];
} pg_data_t;

extern struct pglist_data contig_page_data;
extern struct pglist_data *node_data[MAX_NUMNODES];
extern int nr_online_nodes;
#define NODE_DATA(nid) (node_data[(nid)])
#define node_online(nid) (node_data[(nid)] != NULL)
#define for_each_online_node(nid) \
	for ((nid) = 0; (nid) < MAX_NUMNODES; (nid)++) if (node_online(nid))

struct pglist_data *first_online_pgdat(void);
struct pglist_data *next_online_pgdat(struct pglist_data *pgdat);
struct zone *next_zone(struct zone *zone);

#define for_each_online_pgdat(pgdat) \
	for ((pgdat) = first_online_pgdat(); (pgdat); (pgdat) = next_online_pgdat(pgdat))
#define for_each_zone(zone) \
	for ((zone) = first_online_pgdat()->node_zones; (zone); (zone) = next_zone(zone))
#define for_each_populated_zone(zone) for_each_zone(zone) if (!populated_zone(zone)) ; else

extern const char *const zone_names[MAX_NR_ZONES];
extern const char *const migratetype_names[MIGRATE_TYPES];

static inline int zone_idx(const struct zone *zone)
{
	return (int)(zone - zone->zone_pgdat->node_zones);
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool zone_is_empty(const struct zone *zone)
{
	return zone->spanned_pages == 0;
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return zone->managed_pages;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

/* The zone ZONE_MOVABLE takes its pages from (ZONE_HIGHMEM if there is highmem). */
extern int movable_zone;

static inline bool is_highmem_idx(int idx)
{
	return idx == ZONE_HIGHMEM || (idx == ZONE_MOVABLE && movable_zone == ZONE_HIGHMEM);
}

static inline bool is_highmem(const struct zone *zone)
{
	return is_highmem_idx(zone_idx(zone));
}

#define min_wmark_pages(z) ((z)->_watermark[WMARK_MIN] + (z)->watermark_boost)
#define low_wmark_pages(z) ((z)->_watermark[WMARK_LOW] + (z)->watermark_boost)
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH] + (z)->watermark_boost)
#define wmark_pages(z, i) ((z)->_watermark[i] + (z)->watermark_boost)

/* vmstat counters (single CPU: plain longs changed with interrupts off). */
static inline unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	long x = zone->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

static inline unsigned long node_page_state(const struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	long x = pgdat->vm_stat[item];

	return x < 0 ? 0 : (unsigned long)x;
}

void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta);
void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta);
void __mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta);
void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta);

/* Zonelist walking (mm/mmzone.c). */
struct zoneref *__next_zones_zonelist(struct zoneref *z, int highest_zoneidx);

static inline struct zoneref *next_zones_zonelist(struct zoneref *z, int highest_zoneidx)
{
	if (likely(z->zone_idx <= highest_zoneidx))
		return z;
	return __next_zones_zonelist(z, highest_zoneidx);
}

static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist, int highest_zoneidx)
{
	return next_zones_zonelist(zonelist->_zonerefs, highest_zoneidx);
}

#define for_each_zone_zonelist(zone, z, zlist, highidx) \
	for ((z) = first_zones_zonelist(zlist, highidx), (zone) = (z)->zone; (zone); \
	     (z) = next_zones_zonelist(++(z), highidx), (zone) = (z)->zone)

#endif /* MM_MMZONE_H */
