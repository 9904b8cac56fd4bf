// SPDX-License-Identifier: MIT
/*
 * page_alloc.c - the buddy allocator (Linux 5.11 mm/page_alloc.c).
 *
 * DOC: Free memory sits in per-zone free_area[order].free_list[migratetype]
 * lists of naturally aligned 2^order blocks.  Freeing merges a block with
 * its buddy (pfn ^ (1 << order)) while the buddy is free at the same order;
 * allocating takes the smallest block that fits and splits the rest back
 * (expand()).  Pageblocks (2^pageblock_order pages) carry a migrate type so
 * unmovable, reclaimable and movable allocations stay apart; when a type
 * runs out, __rmqueue_fallback() steals from another, whole pageblocks at a
 * time when it can (steal_suitable_fallback()).  Order-0 pages go through
 * per-cpu lists (batch/high).  Watermarks decide when an allocation may take
 * a page; below the low mark the slow path wakes kswapd/kcompactd, then
 * compacts, reclaims, retries and finally reports OOM.
 *
 * struct page states follow page_abi.h: a free block's head has PG_buddy,
 * private = order, index = free-list type; a pcp page has PG_pcp and
 * index = pcp list type; allocated pages record the allocation's migrate
 * type for the heatmap.  All list and counter changes happen with IRQs off.
 */
#include "internal.h"

#include <mm/compaction.h>
#include <mm/memblock.h>
#include <mm/vmscan.h>

#include <string.h>

#if defined(GUEST_ARM) && __has_include(<mm/highmem.h>)
#include <mm/highmem.h>
#define HAVE_KMAP_ATOMIC 1
#endif

/* ---- global state ---- */

struct page *mem_map;
unsigned long mem_map_pfn_base;
unsigned long max_mapnr;
unsigned long min_low_pfn;
unsigned long max_low_pfn;
unsigned long max_pfn;
uint8_t *pageblock_flags;

struct pglist_data contig_page_data;
struct pglist_data *node_data[MAX_NUMNODES];
struct zone *page_zone_table[PAGE_ZONE_TABLE_SIZE];
int nr_online_nodes;
int movable_zone;
bool zone_dma_enabled;
bool mm_zones_ready;

unsigned long totalram_pages_count;
unsigned long totalhigh_pages_count;
unsigned long totalreserve_pages;

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;
int watermark_boost_factor = 15000;
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256,
	[ZONE_NORMAL] = 32,
	[ZONE_HIGHMEM] = 0,
	[ZONE_MOVABLE] = 0,
};
int percpu_pagelist_fraction;

struct alloc_stats alloc_stats;
int mm_busy;
bool memalloc_in_reclaim;
unsigned long bad_page_count;

const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA",
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
	[ZONE_MOVABLE] = "Movable",
};

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

/* Which types an allocation falls back to, in order (Linux's fallbacks[]). */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE, MIGRATE_TYPES },
	[MIGRATE_HIGHATOMIC] = { MIGRATE_TYPES },
	[MIGRATE_CMA] = { MIGRATE_TYPES },
	[MIGRATE_ISOLATE] = { MIGRATE_TYPES },
};

/* Free-page-indication flags for __free_one_page() */
#define FPI_NONE 0
#define FPI_TO_TAIL 0x2

/*
 * The migratetype of the free list a page left, or of its pageblock when it
 * was freed to a pcp list: the pcp drain returns it there even if the block
 * changed type meanwhile.  Linux keeps it in page->index; here index is the
 * pcp list's type (page_abi.h), so it lives in private.
 */
static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->private = (uint32_t)migratetype;
}

static inline int get_pcppage_migratetype(const struct page *page)
{
	return (int)page->private;
}

__weak void *page_address_highmem(const struct page *page)
{
	(void)page;
	return NULL;
}

int numa_node_id(void)
{
	return 0;
}

/* ---- vmstat ---- */

void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	zone->vm_stat[item] += delta;
}

void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	unsigned long flags;

	zone_lock(flags);
	zone->vm_stat[item] += delta;
	zone_unlock(flags);
}

void __mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	pgdat->vm_stat[item] += delta;
}

void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item, long delta)
{
	unsigned long flags;

	zone_lock(flags);
	pgdat->vm_stat[item] += delta;
	zone_unlock(flags);
}

void __mod_zone_freepage_state(struct zone *zone, long nr_pages, int migratetype)
{
	zone->vm_stat[NR_FREE_PAGES] += nr_pages;
	if (migratetype == MIGRATE_CMA)
		zone->vm_stat[NR_FREE_CMA_PAGES] += nr_pages;
}

unsigned long zone_free_pages(struct zone *zone)
{
	return zone_page_state(zone, NR_FREE_PAGES);
}

/* ---- pageblock migrate types ---- */

bool page_group_by_mobility_disabled;

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	uint8_t *pb = pageblock_flags_ptr(page_to_pfn(page));

	if (unlikely(page_group_by_mobility_disabled && migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;
	*pb = (uint8_t)((*pb & ~PB_MIGRATETYPE_MASK) | ((unsigned int)migratetype & PB_MIGRATETYPE_MASK));
}

/* ---- free lists ---- */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				    int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	page_list_add(&area->free_list[migratetype], page);
	page->index = (uint32_t)migratetype;
	area->nr_free++;
	mm_abi_nr_free_add(zone->node, zone_idx(zone), order, 1);
}

/* Tail: blocks that will likely merge soon are used last. */
static inline void add_to_free_list_tail(struct page *page, struct zone *zone, unsigned int order,
					 int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	page_list_add_tail(&area->free_list[migratetype], page);
	page->index = (uint32_t)migratetype;
	area->nr_free++;
	mm_abi_nr_free_add(zone->node, zone_idx(zone), order, 1);
}

static inline void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				     int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	page_list_del(&area->free_list[page->index], page);
	page_list_add_tail(&area->free_list[migratetype], page);
	page->index = (uint32_t)migratetype;
}

void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order)
{
	struct free_area *area = &zone->free_area[order];

	page_list_del(&area->free_list[page->index], page);
	ClearPageBuddy(page);
	page->private = 0;
	page->index = 0;
	area->nr_free--;
	mm_abi_nr_free_add(zone->node, zone_idx(zone), order, -1);
}

static inline struct page *get_page_from_free_area(struct free_area *area, int migratetype)
{
	return page_list_first(&area->free_list[migratetype]);
}

/*
 * Is `buddy` the free buddy of `page` at `order`: in mem_map, free at that
 * order, in the same zone and node?
 */
bool page_is_buddy_of(const struct page *page, const struct page *buddy, unsigned int order)
{
	if (!PageBuddy(buddy) || buddy_order(buddy) != order)
		return false;
	/* zone and node bits must agree */
	return ((page->flags ^ buddy->flags) &
		((PAGE_ZONE_MASK << PAGE_ZONE_SHIFT) | (PAGE_NODE_MASK << PAGE_NODE_SHIFT))) == 0;
}

static inline bool buddy_in_map(unsigned long buddy_pfn)
{
	return buddy_pfn - mem_map_pfn_base < max_mapnr;
}

/*
 * If the block about to be freed will likely merge with its higher buddy
 * soon (the buddy of the combined block is free), put it at the tail so it
 * is not handed out again first.
 */
static bool buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn, struct page *page,
			       unsigned int order)
{
	struct page *higher_page, *higher_buddy;
	unsigned long combined_pfn;

	if (order >= MAX_ORDER - 2)
		return false;
	if (!buddy_in_map(buddy_pfn))
		return false;
	combined_pfn = buddy_pfn & pfn;
	higher_page = page + (combined_pfn - pfn);
	buddy_pfn = __find_buddy_pfn(combined_pfn, order + 1);
	if (!buddy_in_map(buddy_pfn))
		return false;
	higher_buddy = higher_page + (buddy_pfn - combined_pfn);
	return page_is_buddy_of(higher_page, higher_buddy, order + 1);
}

/*
 * Free a 2^order block at pfn into zone, merging with free buddies as long
 * as possible (up to MAX_ORDER - 1).  Interrupts off.
 */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order, int migratetype, int fpi_flags)
{
	unsigned long buddy_pfn = pfn;
	unsigned long combined_pfn;
	struct page *buddy;
	bool to_tail;

	VM_BUG_ON(migratetype == -1);
	if (likely(!is_migrate_isolate(migratetype)))
		__mod_zone_freepage_state(zone, 1L << order, migratetype);

	while (order < MAX_ORDER - 1) {
		buddy_pfn = __find_buddy_pfn(pfn, order);
		if (!buddy_in_map(buddy_pfn))
			break;
		buddy = page + (buddy_pfn - pfn);
		if (!page_is_buddy_of(page, buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + (combined_pfn - pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);

	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(pfn, buddy_pfn, page, order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order, int migratetype, int fpi_flags)
{
	unsigned long flags;

	zone_lock(flags);
	if (unlikely(is_migrate_isolate(migratetype)))
		migratetype = get_pfnblock_migratetype(page, pfn);
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
	zone_unlock(flags);
}

/* ---- checks on free ---- */

/* Flags a page must not carry when it is freed (Linux PAGE_FLAGS_CHECK_AT_FREE). */
#define PAGE_FLAGS_CHECK_AT_FREE                                                         \
	((1u << PG_lru) | (1u << PG_locked) | (1u << PG_private) | (1u << PG_writeback) |   \
	 (1u << PG_reserved) | (1u << PG_slab) | (1u << PG_active) | (1u << PG_unevictable) | \
	 (1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_table) | (1u << PG_isolated))
/* Flags kept across free: what the frame is, not what it holds. */
#define PAGE_FLAGS_KEEP                                                                   \
	((PAGE_ZONE_MASK << PAGE_ZONE_SHIFT) | (PAGE_NODE_MASK << PAGE_NODE_SHIFT) |       \
	 (1u << PAGE_VALID_SHIFT) | (1u << PG_highmem))

void dump_page(const struct page *page, const char *reason)
{
	pr_emerg("page:%p pfn:0x%lx refcount:%d mapcount:%d mapping:0x%x index:0x%x\n",
		 (const void *)page, page_to_pfn(page), (int)page->_refcount, (int)page->_mapcount,
		 (unsigned int)page->mapping, (unsigned int)page->index);
	pr_emerg("flags: 0x%08x private:0x%x zone:%d node:%d\n", (unsigned int)page->flags, (unsigned int)page->private,
		 page_zonenum(page), page_to_nid(page));
	if (reason)
		pr_emerg("page dumped because: %s\n", reason);
}

static void bad_page(struct page *page, const char *reason)
{
	bad_page_count++;
	pr_alert("BUG: Bad page state: pfn:0x%lx\n", page_to_pfn(page));
	dump_page(page, reason);
	/* Leave it alone: the page is leaked rather than handed out twice. */
}

/* The four conditions in one test, one branch. */
static inline bool page_expected_state(const struct page *page)
{
	return ((uint32_t)(page->_mapcount + 1) | page->mapping | (uint32_t)page->_refcount |
		(page->flags & PAGE_FLAGS_CHECK_AT_FREE)) == 0;
}

static const char *page_bad_reason(const struct page *page)
{
	if (page->_mapcount != -1)
		return "nonzero mapcount";
	if (page->mapping != 0)
		return "non-NULL mapping";
	if (page->_refcount != 0)
		return "nonzero _refcount";
	return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
}

static bool free_tail_pages_check(struct page *head, struct page *page)
{
	bool ok = true;

	if (!PageTail(page) || page->private != page_idx(head)) {
		bad_page(page, "corrupted compound page");
		ok = false;
	}
	page->flags &= ~(1u << PG_tail);
	page->private = 0;
	page->mapping = 0;
	page->index = 0;
	page->next = NIL;
	page->prev = NIL;
	return ok;
}

/* Check and reset a page (block) about to be freed; false: do not free it. */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	bool bad = false;
	unsigned int i;

	if (unlikely(order && PageHead(page))) {
		for (i = 1; i < (1u << order); i++) {
			if (!free_tail_pages_check(page, page + i))
				bad = true;
		}
		page->flags &= ~(1u << PG_head);
	}
	if (unlikely(!page_expected_state(page))) {
		bad_page(page, page_bad_reason(page));
		return false;
	}
	if (bad)
		return false;
	for (i = 0; i < (1u << order); i++) {
		struct page *p = page + i;

		p->flags &= PAGE_FLAGS_KEEP;
		p->private = 0;
		p->index = 0;
	}
	return true;
}

/*
 * Order-0 variant, on every free to the pcp lists.  The page is checked here
 * only with MM_DEBUG_VM (as Linux checks it only with CONFIG_DEBUG_VM);
 * otherwise free_pcppages_bulk() checks it on its way to the buddy lists.
 * The flags are reset together with setting PG_pcp (free_unref_page_commit()).
 */
static __always_inline bool free_pcp_prepare(struct page *page)
{
	if (MM_DEBUG_VM && unlikely(!page_expected_state(page))) {
		bad_page(page, page_bad_reason(page));
		return false;
	}
	return true;
}

/* A page leaving the pcp lists for the buddy lists: true if it is bad (and is leaked). */
static inline bool bulkfree_pcp_prepare(struct page *page)
{
	if (MM_DEBUG_VM || likely(page_expected_state(page)))
		return false;
	bad_page(page, page_bad_reason(page));
	return true;
}

/* A page taken off the buddy lists for a pcp list: true if it is bad (and is leaked). */
static inline bool check_pcp_refill(struct page *page)
{
	if (likely(page_expected_state(page)))
		return false;
	bad_page(page, page_bad_reason(page));
	return true;
}

/* ---- freeing ---- */

static void __free_pages_ok(struct page *page, unsigned int order, int fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);
	int migratetype;

	if (!free_pages_prepare(page, order))
		return;
	migratetype = get_pfnblock_migratetype(page, pfn);
	free_one_page(page_zone(page), page, pfn, order, migratetype, fpi_flags);
	alloc_stats.pgfree += 1UL << order;
}

/*
 * Return up to count pages from the pcp lists to the buddy lists, taking
 * round-robin from the list tails (the coldest pages).  Interrupts off.
 */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	int migratetype = 0;
	int batch_free = 0;

	alloc_stats.pcp_drain++;
	count = min(pcp->count, count);
	while (count) {
		struct page_list *list;

		/* skip empty lists; free more from fuller ones */
		do {
			batch_free++;
			if (++migratetype == MIGRATE_PCPTYPES)
				migratetype = 0;
			list = &pcp->lists[migratetype];
		} while (page_list_empty(list));

		if (batch_free == MIGRATE_PCPTYPES)
			batch_free = count;

		do {
			struct page *page = page_list_last(list);
			unsigned long pfn = page_to_pfn(page);
			int mt = get_pcppage_migratetype(page);

			page_list_del(list, page);
			ClearPagePcp(page);
			page->index = 0;
			page->private = 0;
			pcp->count--;
			if (bulkfree_pcp_prepare(page))
				continue;
			/* the type recorded at free, unless a pageblock was isolated since */
			if (unlikely(zone->nr_isolate_pageblock))
				mt = get_pfnblock_migratetype(page, pfn);
			__free_one_page(page, pfn, zone, 0, mt, FPI_NONE);
		} while (--count && --batch_free && !page_list_empty(list));
	}
}

/* An isolated pageblock's page goes straight back to the buddy lists. */
static __attribute__((noinline)) void free_unref_page_isolated(struct zone *zone, struct page *page,
							       uint32_t flags)
{
	page->flags = flags;
	page->index = 0;
	page->private = 0;
	__free_one_page(page, page_to_pfn(page), zone, 0, MIGRATE_ISOLATE, FPI_NONE);
}

/*
 * Put the page on its pcp list.  pflags: its flags as they stay while free,
 * idx: its mem_map index, both computed before the caller disabled IRQs.
 */
static __always_inline void free_unref_page_commit(struct zone *zone, struct page *page,
						   uint32_t idx, uint32_t pflags, int migratetype)
{
	struct per_cpu_pages *pcp = &zone->pcp;

	/* HIGHATOMIC and CMA pages go on the movable list; isolated ones straight back */
	set_pcppage_migratetype(page, migratetype);
	if (unlikely(migratetype >= MIGRATE_PCPTYPES)) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_unref_page_isolated(zone, page, pflags);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}
	page->flags = pflags | (1u << PG_pcp);
	page->index = (uint32_t)migratetype;
	__page_list_add(&pcp->lists[migratetype], page, idx);
	if (unlikely(++pcp->count >= pcp->high))
		free_pcppages_bulk(zone, pcp->batch, pcp);
}

/* Free an order-0 page onto the per-cpu list. */
static __always_inline void free_unref_page(struct page *page)
{
	uint32_t idx = page_idx(page);
	uint32_t pflags = page->flags;
	struct zone *zone = page_zone(page);
	unsigned long flags;
	int migratetype;

	if (!free_pcp_prepare(page))
		return;
	migratetype = get_pageblock_migratetype(page);
	zone_lock(flags);
	free_unref_page_commit(zone, page, idx, pflags & PAGE_FLAGS_KEEP, migratetype);
	alloc_stats.pgfree++;
	zone_unlock(flags);
}

static __always_inline void free_the_page(struct page *page, unsigned int order)
{
	if (order == 0)
		free_unref_page(page);
	else
		__free_pages_ok(page, order, FPI_NONE);
}

/* Someone still holds the first page of a non-compound block: free the rest. */
static __attribute__((noinline)) void free_pages_rest(struct page *page, unsigned int order)
{
	while (order-- > 0)
		free_the_page(page + (1 << order), order);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(!page))
		return;
	if (page_ref_dec_and_test(page))
		free_the_page(page, order);
	else if (unlikely(!PageHead(page)))
		free_pages_rest(page, order); /* Linux does the same */
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0)
		__free_pages(virt_to_page((void *)addr), order);
}

/* Drop a reference; on the last one take the page off its LRU and free it. */
void put_page(struct page *page)
{
	unsigned long flags;
	bool last;

	page = compound_head(page);
	zone_lock(flags);
	VM_BUG_ON(page->_refcount <= 0);
	last = page_ref_dec_and_test(page);
	if (last && PageLRU(page))
		del_page_from_lru(page);
	zone_unlock(flags);
	if (last)
		free_the_page(page, compound_order(page));
}

/* Memory-hotplug-style: give a boot-reserved block to the buddy allocator. */

void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned int nr_pages = 1u << order;
	unsigned int i;

	for (i = 0; i < nr_pages; i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	page_zone(page)->managed_pages += nr_pages;
	/*
	 * Past the pcp lists and onto the tail of the free lists (5.11's
	 * FPI_TO_TAIL): memblock frees from low to high addresses, so the
	 * allocator hands out low memory first, as on a real kernel.
	 */
	__free_pages_ok(page, order, FPI_TO_TAIL);
	/* the hand-over is not a "free" in the statistics */
	alloc_stats.pgfree -= nr_pages;
}

void adjust_managed_page_count(struct page *page, long count)
{
	unsigned long flags;

	zone_lock(flags);
	page_zone(page)->managed_pages += (unsigned long)count;
	totalram_pages_count += (unsigned long)count;
	if (PageHighMem(page))
		totalhigh_pages_count += (unsigned long)count;
	zone_unlock(flags);
	if (mm_zones_ready && memblock_released())
		mm_abi_sync_zones();
}

void free_reserved_page(struct page *page)
{
	page->flags &= ~((1u << PG_reserved) | (1u << PG_kernel));
	page->_mapcount = -1;
	page->mapping = 0;
	set_page_count(page, 1);
	adjust_managed_page_count(page, 1);
	__free_pages(page, 0);
}

unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long pages = 0;
	unsigned long pos = PAGE_ALIGN((unsigned long)start);
	unsigned long stop = (unsigned long)end & PAGE_MASK;

	for (; pos < stop; pos += PAGE_SIZE, pages++) {
		if (poison >= 0)
			memset((void *)pos, poison, PAGE_SIZE);
		free_reserved_page(virt_to_page((void *)pos));
	}
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}

/* ---- splitting and allocating ---- */

/*
 * The block at page (order high) was taken for an order-low allocation:
 * give back the upper halves as free blocks of decreasing order.
 */
static inline void expand(struct zone *zone, struct page *page, unsigned int low,
			  unsigned int high, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype);
		set_buddy_order(&page[size], high);
	}
}

/* The smallest free block of at least `order` on the migratetype lists. */
static inline struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
					      int migratetype)
{
	unsigned int current_order;

	for (current_order = order; current_order < MAX_ORDER; ++current_order) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page = get_page_from_free_area(area, migratetype);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}
	return NULL;
}

/*
 * Move the free blocks in [start_pfn, end_pfn] to the migratetype lists;
 * count pages that look movable (on an LRU) in *num_movable.
 */
static int move_freepages(struct zone *zone, unsigned long start_pfn, unsigned long end_pfn,
			  int migratetype, int *num_movable)
{
	unsigned long pfn;
	int pages_moved = 0;

	if (num_movable)
		*num_movable = 0;
	for (pfn = start_pfn; pfn <= end_pfn;) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(page)) {
			if (num_movable && PageLRU(page))
				(*num_movable)++;
			pfn++;
			continue;
		}
		VM_BUG_ON(page_zone(page) != zone);
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		pages_moved += 1 << order;
	}
	return pages_moved;
}

int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable)
{
	unsigned long start_pfn, end_pfn, pfn;

	if (num_movable)
		*num_movable = 0;
	pfn = page_to_pfn(page);
	start_pfn = pageblock_start_pfn(pfn);
	end_pfn = start_pfn + pageblock_nr_pages - 1;
	/* do not cross zone boundaries */
	if (!zone_spans_pfn(zone, start_pfn))
		start_pfn = pfn;
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, start_pfn, end_pfn, migratetype, num_movable);
}

static void change_pageblock_range(struct page *pageblock_page, unsigned int start_order,
				   int migratetype)
{
	unsigned int nr_pageblocks = 1u << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pageblock_page, migratetype);
		pageblock_page += pageblock_nr_pages;
	}
}

/*
 * May an allocation of start_mt steal a whole pageblock for an order-`order`
 * fallback?  Large orders, and unmovable/reclaimable requests, always may:
 * they would fragment the block anyway.
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	if (order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	    start_mt == MIGRATE_UNMOVABLE || page_group_by_mobility_disabled)
		return true;
	return false;
}

static bool boost_watermark(struct zone *zone)
{
	unsigned long max_boost;

	if (!watermark_boost_factor)
		return false;
	/* small zones: boosting would eat them */
	if (pageblock_nr_pages * 4 > zone_managed_pages(zone))
		return false;
	max_boost = (unsigned long)((u64)zone->_watermark[WMARK_HIGH] *
				    (unsigned int)watermark_boost_factor / 10000);
	/*
	 * No high watermark yet (fragmentation this early in boot): do not
	 * boost, reclaim could not bring the boosted mark back anyway.
	 */
	if (!max_boost)
		return false;
	max_boost = max(pageblock_nr_pages, max_boost);
	zone->watermark_boost = min(zone->watermark_boost + pageblock_nr_pages, max_boost);
	return true;
}

/*
 * A fallback took `page` from another type's list.  Move the whole
 * pageblock's free pages to start_type, and claim the block when more than
 * half of it is free or already compatible; otherwise just take this block.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int alloc_flags, int start_type, bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int free_pages, movable_pages, alike_pages;
	int old_block_type;

	old_block_type = get_pageblock_migratetype(page);

	/* never steal from the high-atomic reserve */
	if (is_migrate_highatomic(old_block_type))
		goto single_page;

	/* a whole pageblock or more: claim it all */
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		alloc_stats.steal++;
		goto single_page;
	}

	/* fragmentation: make kswapd reclaim/compact a little more */
	if (boost_watermark(zone) && (alloc_flags & ALLOC_KSWAPD))
		zone->flags |= 1UL << ZONE_BOOSTED_WATERMARK;

	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE) {
		alike_pages = movable_pages;
	} else if (old_block_type == MIGRATE_MOVABLE) {
		/* pages not free and not movable are assumed to be of our type */
		alike_pages = (int)pageblock_nr_pages - (free_pages + movable_pages);
	} else {
		alike_pages = 0;
	}
	if (!free_pages)
		goto single_page;
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled) {
		set_pageblock_migratetype(page, start_type);
		alloc_stats.steal++;
	}
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

int find_suitable_fallback(struct free_area *area, unsigned int order, int migratetype,
			   bool only_stealable, bool *can_steal)
{
	int i;

	*can_steal = false;
	if (area->nr_free == 0)
		return -1;
	for (i = 0;; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (fallback_mt == MIGRATE_TYPES)
			break;
		if (free_area_empty(area, fallback_mt))
			continue;
		if (can_steal_fallback(order, migratetype))
			*can_steal = true;
		if (!only_stealable)
			return fallback_mt;
		if (*can_steal)
			return fallback_mt;
	}
	return -1;
}

/*
 * Take a block from another migrate type.  Search from the largest order
 * down (stealing big blocks keeps types apart), except that a movable
 * request that may not steal takes the smallest block instead.
 */
static bool __rmqueue_fallback(struct zone *zone, int order, int start_migratetype,
			       unsigned int alloc_flags)
{
	struct free_area *area;
	int current_order;
	int min_order = order;
	struct page *page;
	int fallback_mt;
	bool can_steal;

	if (alloc_flags & ALLOC_NOFRAGMENT)
		min_order = pageblock_order;

	for (current_order = MAX_ORDER - 1; current_order >= min_order; --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false, &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE && current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, (unsigned int)current_order,
						     start_migratetype, false, &can_steal);
		if (fallback_mt != -1)
			break;
	}
	VM_BUG_ON(current_order == MAX_ORDER);

do_steal:
	page = get_page_from_free_area(area, fallback_mt);
	steal_suitable_fallback(zone, page, alloc_flags, start_migratetype, can_steal);
	alloc_stats.fallback++;
	return true;
}

/* Remove a block from the buddy lists, falling back if the type has none.  IRQs off. */
static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype,
			      unsigned int alloc_flags)
{
	struct page *page;

	/* keep CMA in use for movable allocations when it holds most free memory */
	if ((alloc_flags & ALLOC_CMA) &&
	    zone_page_state(zone, NR_FREE_CMA_PAGES) > zone_page_state(zone, NR_FREE_PAGES) / 2) {
		page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
retry:
	page = __rmqueue_smallest(zone, order, migratetype);
	if (unlikely(!page)) {
		if (alloc_flags & ALLOC_CMA)
			page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (!page && __rmqueue_fallback(zone, (int)order, migratetype, alloc_flags))
			goto retry;
	}
	return page;
}

/* Refill a pcp list with up to count order-0 pages.  IRQs off. */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count, struct page_list *list,
			int migratetype, unsigned int alloc_flags)
{
	int i, alloced = 0;

	alloc_stats.pcp_refill++;
	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype, alloc_flags);

		if (unlikely(page == NULL))
			break;
		if (is_migrate_cma(get_pcppage_migratetype(page)))
			__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -(1L << order));
		if (unlikely(check_pcp_refill(page)))
			continue;
		SetPagePcp(page);
		page->index = (uint32_t)migratetype;
		page_list_add_tail(list, page);
		alloced++;
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	return alloced;
}

/* The pcp list is empty: refill it with a batch from the buddy lists.  IRQs off. */
static __attribute__((noinline)) bool rmqueue_pcplist_refill(struct zone *zone,
							      struct page_list *list,
							      int migratetype, unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = &zone->pcp;

	pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list, migratetype, alloc_flags);
	return !page_list_empty(list);
}

static __always_inline struct page *rmqueue_pcplist(struct zone *zone, int migratetype,
						    unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = &zone->pcp;
	struct page_list *list = &pcp->lists[migratetype];
	unsigned long flags;
	struct page *page;

	zone_lock(flags);
	if (unlikely(page_list_empty(list)) &&
	    !rmqueue_pcplist_refill(zone, list, migratetype, alloc_flags)) {
		zone_unlock(flags);
		return NULL;
	}
	page = page_list_del_first(list);
	/*
	 * Allocated now: record the type it was asked for (prep_new_pcp_page()
	 * relies on it).  page->index keeps the pcp list's type for the new
	 * owner to overwrite, as in Linux (set_pcppage_migratetype()).
	 */
	ClearPagePcp(page);
	set_page_alloc_mt(page, migratetype);
	pcp->count--;
	alloc_stats.pgalloc[page_zonenum(page)]++;
	zone_unlock(flags);
	return page;
}

static void wakeup_kswapd_boosted(struct zone *zone)
{
	if (zone->flags & (1UL << ZONE_BOOSTED_WATERMARK)) {
		zone->flags &= ~(1UL << ZONE_BOOSTED_WATERMARK);
		wakeup_kswapd(zone, 0, 0, zone_idx(zone));
	}
}

/* Orders above 0: straight from the buddy lists. */
static __always_inline struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
						  gfp_t gfp_flags, unsigned int alloc_flags,
						  int migratetype)
{
	unsigned long flags;
	struct page *page;

	WARN_ON_ONCE((gfp_flags & __GFP_NOFAIL) && order > 1);
	zone_lock(flags);
	page = NULL;
	if (alloc_flags & ALLOC_HARDER)
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page)
		page = __rmqueue(zone, order, migratetype, alloc_flags);
	if (!page) {
		zone_unlock(flags);
		return NULL;
	}
	__mod_zone_freepage_state(zone, -(1L << order), get_pcppage_migratetype(page));
	alloc_stats.pgalloc[page_zonenum(page)] += 1UL << order;
	zone_unlock(flags);
	return page;
}

static __always_inline struct page *rmqueue(struct zone *zone, unsigned int order, gfp_t gfp_flags,
					    unsigned int alloc_flags, int migratetype)
{
	struct page *page;

	if (likely(order == 0))
		page = rmqueue_pcplist(zone, migratetype, alloc_flags);
	else
		page = rmqueue_buddy(zone, order, gfp_flags, alloc_flags, migratetype);
	if (unlikely(zone->flags & (1UL << ZONE_BOOSTED_WATERMARK)))
		wakeup_kswapd_boosted(zone);
	return page;
}

/*
 * Take a free block off the buddy lists for compaction's free scanner, as
 * long as the zone stays above its min watermark.  IRQs off.
 */
unsigned long __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);

	if (!is_migrate_isolate(mt)) {
		unsigned long watermark = zone->_watermark[WMARK_MIN] + (1UL << order);

		if (!zone_watermark_ok(zone, 0, watermark, 0, ALLOC_CMA))
			return 0;
		__mod_zone_freepage_state(zone, -(1L << order), mt);
	}
	del_page_from_free_list(page, zone, order);
	/* a block this large is going to be movable pages: say so */
	if (order >= pageblock_order - 1) {
		struct page *endpage = page + (1UL << order) - 1;

		for (; page < endpage; page += pageblock_nr_pages) {
			int bmt = get_pageblock_migratetype(page);

			if (bmt < MIGRATE_PCPTYPES)
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
	return 1UL << order;
}

/* ---- new pages ---- */

/*
 * Page contents: highmem pages in the guest go through kmap_atomic(); the
 * native build reaches every frame through the RAM buffer.
 */
void *mm_map_page(struct page *page)
{
#if defined(GUEST_ARM) && defined(HAVE_KMAP_ATOMIC)
	if (PageHighMem(page))
		return kmap_atomic(page);
#endif
	return __va(page_to_phys(page));
}

void mm_unmap_page(struct page *page, void *addr)
{
#if defined(GUEST_ARM) && defined(HAVE_KMAP_ATOMIC)
	if (PageHighMem(page))
		kunmap_atomic(addr);
#else
	(void)page;
	(void)addr;
#endif
}

void mm_clear_page(struct page *page)
{
	void *addr = mm_map_page(page);

	memset(addr, 0, PAGE_SIZE);
	mm_unmap_page(page, addr);
}

void mm_copy_page(struct page *to, struct page *from)
{
	void *vfrom = mm_map_page(from);
	void *vto = mm_map_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	mm_unmap_page(to, vto);
	mm_unmap_page(from, vfrom);
}

static void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned int i, nr_pages = 1u << order;
	uint32_t head = page_idx(page);

	SetPageHead(page);
	for (i = 1; i < nr_pages; i++) {
		struct page *p = page + i;

		set_page_count(p, 0);
		p->private = head;
		p->mapping = page->mapping;
		p->index = page->index;
		SetPageTail(p);
	}
	page[1].prev = order; /* compound_order() */
}

static __always_inline void __post_alloc_hook(struct page *page, unsigned int order,
					      gfp_t gfp_flags)
{
	unsigned int i, nr = 1u << order;
	int mt = gfp_migratetype(gfp_flags);

	set_page_private(page, 0);
	set_page_count(page, 1);
	for (i = 0; i < nr; i++)
		set_page_alloc_mt(page + i, mt);
}

void post_alloc_hook(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	__post_alloc_hook(page, order, gfp_flags);
}

/* __GFP_ZERO: clear the 2^order pages of a new block. */
static __attribute__((noinline)) void clear_new_pages(struct page *page, unsigned int order)
{
	unsigned int i;

	for (i = 0; i < (1u << order); i++)
		mm_clear_page(page + i);
}

static __always_inline void __prep_new_page(struct page *page, unsigned int order,
					    gfp_t gfp_flags)
{
	__post_alloc_hook(page, order, gfp_flags);
	if (unlikely(gfp_flags & __GFP_ZERO))
		clear_new_pages(page, order);
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
}

/*
 * prep_new_page() of a page from rmqueue_pcplist(), which has recorded the
 * allocation's migratetype already (ac->migratetype, the pcp list's type, is
 * gfp_migratetype(gfp_flags)).  A pcp page's private holds the migratetype
 * recorded when it went onto the list (page_abi.h), so it is cleared here
 * with the reference count set.
 */
static __always_inline void prep_new_pcp_page(struct page *page, gfp_t gfp_flags)
{
	set_page_private(page, 0); /* the recorded pcp migratetype */
	set_page_count(page, 1);
	if (unlikely(gfp_flags & __GFP_ZERO))
		clear_new_pages(page, 0);
}

void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
		   unsigned int alloc_flags)
{
	(void)alloc_flags;
	__prep_new_page(page, order, gfp_flags);
}

void split_page(struct page *page, unsigned int order)
{
	unsigned int i;

	VM_BUG_ON(PageCompound(page));
	VM_BUG_ON(!page_count(page));
	for (i = 1; i < (1u << order); i++)
		set_page_count(page + i, 1);
}

/* ---- watermarks ---- */

/* Free pages this allocation may not count towards the watermark. */
static inline long __zone_watermark_unusable_free(struct zone *z, unsigned int order,
						  unsigned int alloc_flags)
{
	const bool alloc_harder = (alloc_flags & (ALLOC_HARDER | ALLOC_OOM));
	long unusable_free = (1L << order) - 1;

	/* the high-atomic reserve is for atomic high-order allocations only */
	if (likely(!alloc_harder))
		unusable_free += (long)z->nr_reserved_highatomic;
	if (!(alloc_flags & ALLOC_CMA))
		unusable_free += (long)zone_page_state(z, NR_FREE_CMA_PAGES);
	return unusable_free;
}

/*
 * Would free_pages stay above mark (plus the lowmem reserve that protects
 * this zone from allocations that could have used a higher zone) after this
 * allocation, with a free block of the right order on a usable list?
 * __GFP_HIGH may dip to half the mark, atomic allocations a further quarter.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;
	unsigned int o;
	const bool alloc_harder = (alloc_flags & (ALLOC_HARDER | ALLOC_OOM));

	free_pages -= __zone_watermark_unusable_free(z, order, alloc_flags);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (unlikely(alloc_harder)) {
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
		else
			min -= min / 4;
	}
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];
		int mt;

		if (!area->nr_free)
			continue;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			if (!free_area_empty(area, mt))
				return true;
		}
		if ((alloc_flags & ALLOC_CMA) && !free_area_empty(area, MIGRATE_CMA))
			return true;
		if (alloc_harder && !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   (long)zone_page_state(z, NR_FREE_PAGES));
}

bool zone_watermark_ok_safe(struct zone *z, unsigned int order, unsigned long mark,
			    int highest_zoneidx)
{
	return zone_watermark_ok(z, order, mark, highest_zoneidx, 0);
}

static inline bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
				       int highest_zoneidx, unsigned int alloc_flags,
				       gfp_t gfp_mask)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES);

	/* quick order-0 check without the reserves' fine print */
	if (!order) {
		long fast_free = free_pages - __zone_watermark_unusable_free(z, 0, alloc_flags);

		if (fast_free > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	if (__zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags, free_pages))
		return true;
	/*
	 * Order-0 GFP_ATOMIC requests ignore a fragmentation boost at the min
	 * watermark: the boost is there to wake kswapd below low, not to fail them.
	 */
	if (unlikely(!order && (gfp_mask & __GFP_ATOMIC) && z->watermark_boost &&
		     (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)) {
		mark = z->_watermark[WMARK_MIN];
		return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
					   free_pages);
	}
	return false;
}

/* Set a pageblock aside for high-order atomic allocations (at most ~1% of the zone). */
static void reserve_highatomic_pageblock(struct page *page, struct zone *zone)
{
	unsigned long max_managed, flags;
	int mt;

	max_managed = (zone_managed_pages(zone) / 100) + pageblock_nr_pages;
	if (zone->nr_reserved_highatomic >= max_managed)
		return;
	zone_lock(flags);
	mt = get_pageblock_migratetype(page);
	if (!is_migrate_highatomic(mt) && !is_migrate_isolate(mt) && mt != MIGRATE_CMA) {
		zone->nr_reserved_highatomic += pageblock_nr_pages;
		set_pageblock_migratetype(page, MIGRATE_HIGHATOMIC);
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC, NULL);
	}
	zone_unlock(flags);
}

/* Give high-atomic pageblocks back when the allocator is about to fail. */
static bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force)
{
	struct zonelist *zonelist = ac->zonelist;
	unsigned long flags;
	struct zoneref *z;
	struct zone *zone;
	int order;

	for_each_zone_zonelist(zone, z, zonelist, ac->highest_zoneidx) {
		if (!force && zone->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		zone_lock(flags);
		for (order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			struct page *page = get_page_from_free_area(area, MIGRATE_HIGHATOMIC);
			int ret;

			if (!page)
				continue;
			if (is_migrate_highatomic(get_pageblock_migratetype(page)))
				zone->nr_reserved_highatomic -=
					min(pageblock_nr_pages, zone->nr_reserved_highatomic);
			set_pageblock_migratetype(page, ac->migratetype);
			ret = move_freepages_block(zone, page, ac->migratetype, NULL);
			if (ret) {
				zone_unlock(flags);
				return true;
			}
		}
		zone_unlock(flags);
	}
	return false;
}

/* ---- the fast path ---- */

static inline bool zone_allowed(const struct zone *zone, gfp_t gfp_mask,
				const struct alloc_context *ac)
{
	if (ac->nodemask && !(ac->nodemask[0] & (1UL << zone->node)))
		return false;
	if ((gfp_mask & __GFP_THISNODE) &&
	    zone->node != ac->preferred_zoneref->zone->node)
		return false;
	return true;
}

/*
 * One zone of get_page_from_freelist()'s walk: may the allocation use it,
 * does its watermark allow it, then take the page.  NULL: try the next zone.
 */
static __always_inline struct page *zone_try_alloc(struct zone *zone, gfp_t gfp_mask,
						   unsigned int order, int alloc_flags,
						   const struct alloc_context *ac)
{
	unsigned long mark;
	struct page *page;

	if (unlikely(ac->nodemask || (gfp_mask & __GFP_THISNODE)) &&
	    !zone_allowed(zone, gfp_mask, ac))
		return NULL;
	mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
	if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, (unsigned int)alloc_flags,
				 gfp_mask)) {
		if (!(alloc_flags & ALLOC_NO_WATERMARKS))
			return NULL;
	}
	page = rmqueue(zone, order, gfp_mask, (unsigned int)alloc_flags, ac->migratetype);
	if (unlikely(!page))
		return NULL;
	if (order == 0) {
		prep_new_pcp_page(page, gfp_mask); /* rmqueue_pcplist()'s page */
		return page;
	}
	__prep_new_page(page, order, gfp_mask);
	/* a high-order atomic request: keep a pageblock for the next one */
	if (unlikely(alloc_flags & ALLOC_HARDER))
		reserve_highatomic_pageblock(page, zone);
	return page;
}

/* Walk the zonelist from z for a zone whose watermark allows the allocation and take a page. */
static struct page *get_page_from_zonelist(gfp_t gfp_mask, unsigned int order, int alloc_flags,
					   const struct alloc_context *ac, struct zoneref *z)
{
	struct zone *zone;

	for (zone = z->zone; zone; z = next_zones_zonelist(++z, ac->highest_zoneidx), zone = z->zone) {
		struct page *page = zone_try_alloc(zone, gfp_mask, order, alloc_flags, ac);

		if (page)
			return page;
	}
	return NULL;
}

struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order, int alloc_flags,
				    const struct alloc_context *ac)
{
	return get_page_from_zonelist(gfp_mask, order, alloc_flags, ac, ac->preferred_zoneref);
}

/* ---- the slow path ---- */

#define MAX_RECLAIM_RETRIES 16
#define MAX_COMPACT_RETRIES 16

/* 5.11 current_alloc_flags(): CMA pageblocks serve movable allocations only, reserves or not. */
static inline unsigned int current_alloc_flags(gfp_t gfp_mask, unsigned int alloc_flags)
{
	if (gfp_migratetype(gfp_mask) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

static inline unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	/* __GFP_HIGH == ALLOC_HIGH, __GFP_KSWAPD_RECLAIM == ALLOC_KSWAPD */
	alloc_flags |= gfp_mask & (__GFP_HIGH | __GFP_KSWAPD_RECLAIM);
	if (gfp_mask & __GFP_ATOMIC) {
		if (!(gfp_mask & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	if (gfp_migratetype(gfp_mask) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

/* Memory reserves: __GFP_MEMALLOC, or the allocator's own reclaim (PF_MEMALLOC). */
static inline int __gfp_pfmemalloc_flags(gfp_t gfp_mask)
{
	if (gfp_mask & __GFP_NOMEMALLOC)
		return 0;
	if (gfp_mask & __GFP_MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	if (memalloc_in_reclaim)
		return ALLOC_NO_WATERMARKS;
	return 0;
}

static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask, const struct alloc_context *ac)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, ac->zonelist, ac->highest_zoneidx) {
		if (last_pgdat != zone->zone_pgdat)
			wakeup_kswapd(zone, gfp_mask, (int)order, ac->highest_zoneidx);
		last_pgdat = zone->zone_pgdat;
	}
}

static struct page *__alloc_pages_direct_compact(gfp_t gfp_mask, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 enum compact_priority prio,
						 enum compact_result *compact_result)
{
	struct page *page = NULL;
	bool was_in_reclaim;

	if (!order || !sysctl_compaction_enabled) {
		*compact_result = COMPACT_SKIPPED;
		return NULL;
	}
	was_in_reclaim = memalloc_in_reclaim;
	memalloc_in_reclaim = true;
	*compact_result = try_to_compact_pages(gfp_mask, order, (int)alloc_flags,
					       ac->highest_zoneidx, prio, &page);
	memalloc_in_reclaim = was_in_reclaim;
	if (*compact_result == COMPACT_SKIPPED)
		return NULL;
	compact_stats.stall++;
	if (page)
		prep_new_page(page, order, gfp_mask, alloc_flags);
	else
		page = get_page_from_freelist(gfp_mask, order, (int)alloc_flags, ac);
	if (page) {
		struct zone *zone = page_zone(page);

		zone->compact_blockskip_flush = false;
		compaction_defer_reset(zone, (int)order, true);
		compact_stats.success++;
		return page;
	}
	compact_stats.fail++;
	return NULL;
}

/* compaction gave up or could not run: more reclaim may help */
static inline bool compaction_failed(enum compact_result result)
{
	return result == COMPACT_COMPLETE;
}

static inline bool compaction_withdrawn(enum compact_result result)
{
	return result == COMPACT_DEFERRED || result == COMPACT_CONTENDED ||
	       result == COMPACT_PARTIAL_SKIPPED;
}

static inline bool compaction_made_progress(enum compact_result result)
{
	return result == COMPACT_SUCCESS;
}

static bool should_compact_retry(const struct alloc_context *ac, unsigned int order,
				 unsigned int alloc_flags, enum compact_result compact_result,
				 enum compact_priority *compact_priority, int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES;
	int min_priority;
	bool ret = false;

	if (!order || !sysctl_compaction_enabled)
		return false;
	if (compaction_made_progress(compact_result))
		(*compaction_retries)++;
	/* the whole zone was scanned: only a higher priority could do better */
	if (compaction_failed(compact_result))
		goto check_priority;
	/* too few free pages to migrate into: retry only if reclaim can help */
	if (compact_result == COMPACT_SKIPPED)
		return compaction_zonelist_suitable(ac->zonelist, (int)order, alloc_flags,
						    ac->highest_zoneidx);
	/* deferred, contended or a partial scan: the next try at a higher priority */
	if (compaction_withdrawn(compact_result))
		goto check_priority;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		max_retries /= 4;
	if (*compaction_retries <= max_retries)
		return true;
check_priority:
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ? MIN_COMPACT_COSTLY_PRIORITY
						       : MIN_COMPACT_PRIORITY;
	if ((int)*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		ret = true;
	}
	return ret;
}

static struct page *__alloc_pages_direct_reclaim(gfp_t gfp_mask, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 unsigned long *did_some_progress)
{
	struct page *page;
	bool drained = false;
	bool was_in_reclaim = memalloc_in_reclaim;

	memalloc_in_reclaim = true;
	*did_some_progress = try_to_free_pages(ac->zonelist, (int)order, gfp_mask,
					       ac->highest_zoneidx);
	memalloc_in_reclaim = was_in_reclaim;
	if (!*did_some_progress)
		return NULL;
retry:
	page = get_page_from_freelist(gfp_mask, order, (int)alloc_flags, ac);
	/* pages may sit on the pcp lists or in the high-atomic reserve */
	if (!page && !drained) {
		unreserve_highatomic_pageblock(ac, false);
		drain_all_pages(NULL);
		drained = true;
		goto retry;
	}
	return page;
}

static bool should_reclaim_retry(gfp_t gfp_mask, unsigned int order,
				 const struct alloc_context *ac, unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	struct zoneref *z;
	struct zone *zone;

	(void)gfp_mask;
	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	/* converge on failure; the high-atomic reserve is the last thing to give up */
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return unreserve_highatomic_pageblock(ac, true);

	/*
	 * Retry while some zone would pass the min watermark if everything
	 * reclaimable were reclaimed (no writeback here, so no congestion wait).
	 */
	for_each_zone_zonelist(zone, z, ac->zonelist, ac->highest_zoneidx) {
		unsigned long available = zone_reclaimable_pages(zone);

		available += zone_page_state(zone, NR_FREE_PAGES);
		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone), ac->highest_zoneidx,
					alloc_flags, (long)available))
			return true;
	}
	return false;
}

static void print_gfp(gfp_t gfp)
{
	static const struct {
		gfp_t flag;
		const char *name;
	} names[] = {
		{ __GFP_DMA, "DMA" }, { __GFP_HIGHMEM, "HIGHMEM" }, { __GFP_MOVABLE, "MOVABLE" },
		{ __GFP_RECLAIMABLE, "RECLAIMABLE" }, { __GFP_HIGH, "HIGH" }, { __GFP_IO, "IO" },
		{ __GFP_FS, "FS" }, { __GFP_ZERO, "ZERO" }, { __GFP_ATOMIC, "ATOMIC" },
		{ __GFP_DIRECT_RECLAIM, "DIRECT_RECLAIM" }, { __GFP_KSWAPD_RECLAIM, "KSWAPD_RECLAIM" },
		{ __GFP_NOWARN, "NOWARN" }, { __GFP_RETRY_MAYFAIL, "RETRY_MAYFAIL" },
		{ __GFP_NOFAIL, "NOFAIL" }, { __GFP_NORETRY, "NORETRY" }, { __GFP_MEMALLOC, "MEMALLOC" },
		{ __GFP_COMP, "COMP" }, { __GFP_HARDWALL, "HARDWALL" }, { __GFP_THISNODE, "THISNODE" },
	};
	bool first = true;
	unsigned int i;

	pr_cont("0x%x(", gfp);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (gfp & names[i].flag) {
			pr_cont("%s__GFP_%s", first ? "" : "|", names[i].name);
			first = false;
		}
	}
	pr_cont(")");
}

static void warn_alloc(gfp_t gfp_mask, unsigned int order, const char *what)
{
	if (gfp_mask & __GFP_NOWARN)
		return;
	pr_warn("%s: order:%u, mode:", what, order);
	print_gfp(gfp_mask);
	pr_cont(", nodemask=(null)\n");
	show_mem();
}

/*
 * Nothing could be reclaimed or compacted.  Linux would pick a task to kill;
 * this kernel has none, so it reports (dump_header + show_free_areas) and
 * lets the allocation fail.  __GFP_NOFAIL gets one last try below the
 * watermarks.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
					  const struct alloc_context *ac,
					  unsigned long *did_some_progress)
{
	struct page *page;

	*did_some_progress = 0;
	/* the last chance: someone may have freed memory meanwhile */
	page = get_page_from_freelist((gfp_mask | __GFP_HARDWALL) & ~__GFP_DIRECT_RECLAIM, order,
				      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page)
		return page;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NULL;
	if (ac->highest_zoneidx < ZONE_NORMAL)
		return NULL;
	if (gfp_mask & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE))
		return NULL;
	alloc_stats.oom++;
	pr_warn("mm invoked oom-killer: gfp_mask=");
	print_gfp(gfp_mask);
	pr_cont(", order=%u, oom_score_adj=0\n", order);
	show_mem();
	pr_err("Out of memory and no killable processes...\n");
	if (gfp_mask & __GFP_NOFAIL) {
		page = get_page_from_freelist(gfp_mask, order, ALLOC_NO_WATERMARKS, ac);
		if (page)
			*did_some_progress = 1;
	}
	return page;
}

static __attribute__((noinline)) struct page *
__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order, struct alloc_context *ac)
{
	bool can_direct_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM;
	const bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result = COMPACT_SKIPPED;
	unsigned long did_some_progress = 0;
	int compaction_retries = 0;
	int no_progress_loops = 0;
	int nofail_loops = 0;
	unsigned int alloc_flags;
	struct page *page = NULL;
	int reserve_flags;

	alloc_stats.slowpath++;
	mm_busy++;

	alloc_flags = gfp_to_alloc_flags(gfp_mask);
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);
	if (!ac->preferred_zoneref->zone)
		goto nopage;

	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp_mask, ac);

	/* the min watermark instead of low */
	page = get_page_from_freelist(gfp_mask, order, (int)alloc_flags, ac);
	if (page)
		goto got_pg;

	/* costly or unmovable high-order: compaction first, it is cheaper than reclaim */
	if (can_direct_reclaim && (costly_order || (order > 0 && ac->migratetype != MIGRATE_MOVABLE)) &&
	    !__gfp_pfmemalloc_flags(gfp_mask)) {
		page = __alloc_pages_direct_compact(gfp_mask, order, alloc_flags, ac,
						    INIT_COMPACT_PRIORITY, &compact_result);
		if (page)
			goto got_pg;
		if (costly_order && (gfp_mask & __GFP_NORETRY)) {
			if (compact_result == COMPACT_SKIPPED || compact_result == COMPACT_DEFERRED)
				goto nopage;
			compact_priority = INIT_COMPACT_PRIORITY;
		}
	}

retry:
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp_mask, ac);

	reserve_flags = __gfp_pfmemalloc_flags(gfp_mask);
	if (reserve_flags)
		alloc_flags = current_alloc_flags(gfp_mask, (unsigned int)reserve_flags);

	page = get_page_from_freelist(gfp_mask, order, (int)alloc_flags, ac);
	if (page)
		goto got_pg;

	if (!can_direct_reclaim)
		goto nopage;
	/* no recursion into reclaim from reclaim */
	if (memalloc_in_reclaim)
		goto nopage;

	page = __alloc_pages_direct_reclaim(gfp_mask, order, alloc_flags, ac, &did_some_progress);
	if (page)
		goto got_pg;

	page = __alloc_pages_direct_compact(gfp_mask, order, alloc_flags, ac, compact_priority,
					    &compact_result);
	if (page)
		goto got_pg;

	if (gfp_mask & __GFP_NORETRY)
		goto nopage;
	if (costly_order && !(gfp_mask & __GFP_RETRY_MAYFAIL))
		goto nopage;

	if (should_reclaim_retry(gfp_mask, order, ac, alloc_flags, did_some_progress > 0,
				 &no_progress_loops))
		goto retry;

	if (did_some_progress > 0 &&
	    should_compact_retry(ac, order, alloc_flags, compact_result, &compact_priority,
				 &compaction_retries))
		goto retry;

	page = __alloc_pages_may_oom(gfp_mask, order, ac, &did_some_progress);
	if (page)
		goto got_pg;

nopage:
	if (gfp_mask & __GFP_NOFAIL) {
		WARN_ON_ONCE(!can_direct_reclaim);
		WARN_ON_ONCE(order > PAGE_ALLOC_COSTLY_ORDER);
		page = get_page_from_freelist(gfp_mask, order, ALLOC_HARDER | ALLOC_CPUSET, ac);
		if (page)
			goto got_pg;
		/* nothing will ever free memory in this single-task kernel: stop */
		if (++nofail_loops > MAX_RECLAIM_RETRIES) {
			show_mem();
			pr_emerg("Kernel panic - __GFP_NOFAIL allocation of order %u cannot succeed\n",
				 order);
			BUG();
		}
		goto retry;
	}
	alloc_stats.alloc_fail++;
	warn_alloc(gfp_mask, order, "page allocation failure");
got_pg:
	mm_busy--;
	return page;
}

/* ---- the API ---- */

struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	(void)flags;
	/*
	 * Node 0 is always contig_page_data (free_area_init()): no node_data[]
	 * load on every allocation, and before mem_init() its zonelist is empty
	 * rather than NODE_DATA(0) NULL.
	 */
	if (nid == 0)
		return contig_page_data.node_zonelists;
	return NODE_DATA(nid)->node_zonelists;
}

static __attribute__((noinline, cold)) struct page *alloc_pages_too_early(unsigned int order)
{
	pr_err("alloc_pages(order %u) before the buddy allocator is up (memblock phase)\n", order);
	return NULL;
}

/* Linux prepare_alloc_pages(): the allocation context and the fast path's flags. */
static __always_inline void prepare_alloc_pages(gfp_t gfp_mask, int preferred_nid,
						const unsigned long *nodemask,
						struct alloc_context *ac,
						unsigned int *alloc_flags)
{
	ac->highest_zoneidx = gfp_zone(gfp_mask);
	ac->zonelist = node_zonelist(preferred_nid, gfp_mask);
	ac->nodemask = nodemask;
	ac->migratetype = gfp_migratetype(gfp_mask);
	ac->spread_dirty_pages = false;
	if (ac->migratetype == MIGRATE_MOVABLE)
		*alloc_flags |= ALLOC_CMA;
	*alloc_flags |= gfp_mask & __GFP_KSWAPD_RECLAIM; /* ALLOC_KSWAPD */
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);
}

/*
 * The preferred zone could not serve the allocation: the rest of the
 * zonelist, then the slow path.  The context is prepared again here, so
 * that the fast path can keep its own in registers.
 */
static __attribute__((noinline)) struct page *
alloc_pages_other_zones(gfp_t gfp_mask, unsigned int order, int preferred_nid,
			const unsigned long *nodemask)
{
	struct alloc_context ac;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct zoneref *z;
	struct page *page;

	/* before mem_init() the zonelists are empty: every early call ends here */
	if (unlikely(!mm_zones_ready))
		return alloc_pages_too_early(order);
	prepare_alloc_pages(gfp_mask, preferred_nid, nodemask, &ac, &alloc_flags);
	z = ac.preferred_zoneref;
	if (z->zone) {
		z = next_zones_zonelist(z + 1, ac.highest_zoneidx);
		page = get_page_from_zonelist(gfp_mask, order, (int)alloc_flags, &ac, z);
		if (page)
			return page;
	}
	return __alloc_pages_slowpath(gfp_mask, order, &ac);
}

/*
 * The allocator's entry (Linux __alloc_pages_nodemask()), inlined into the
 * two API functions so that alloc_pages() runs it with preferred_nid and
 * nodemask known.  The fast path is get_page_from_freelist()'s first step,
 * inline: the preferred zone nearly always serves.
 */
static __always_inline struct page *__alloc_pages(gfp_t gfp_mask, unsigned int order,
						  int preferred_nid,
						  const unsigned long *nodemask)
{
	struct alloc_context ac;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct zone *zone;

	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	prepare_alloc_pages(gfp_mask, preferred_nid, nodemask, &ac, &alloc_flags);
	zone = ac.preferred_zoneref->zone;
	if (likely(zone)) {
		struct page *page = zone_try_alloc(zone, gfp_mask, order, (int)alloc_flags, &ac);

		if (likely(page))
			return page;
	}
	return alloc_pages_other_zones(gfp_mask, order, preferred_nid, nodemask);
}

struct page *__alloc_pages_nodemask(gfp_t gfp_mask, unsigned int order, int preferred_nid,
				    const unsigned long *nodemask)
{
	/* NODE_DATA(preferred_nid) may not exist yet */
	if (unlikely(!mm_zones_ready))
		return alloc_pages_too_early(order);
	return __alloc_pages(gfp_mask, order, preferred_nid, nodemask);
}

struct page *__alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	return __alloc_pages_nodemask(gfp, order, nid, NULL);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	/* order 0 has a copy of the fast path of its own, with every order test folded away */
	if (likely(order == 0))
		return __alloc_pages(gfp, 0, numa_node_id(), NULL);
	return __alloc_pages_nodemask(gfp, order, numa_node_id(), NULL);
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	/* the caller wants an address: no highmem */
	page = alloc_pages(gfp_mask & ~__GFP_HIGHMEM, order);
	if (!page)
		return 0;
	return (unsigned long)page_address(page);
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

static void *make_alloc_exact(unsigned long addr, unsigned int order, size_t size)
{
	if (addr) {
		unsigned long alloc_end = addr + (PAGE_SIZE << order);
		unsigned long used = addr + PAGE_ALIGN(size);

		split_page(virt_to_page((void *)addr), order);
		while (used < alloc_end) {
			free_page(used);
			used += PAGE_SIZE;
		}
	}
	return (void *)addr;
}

void *alloc_pages_exact(size_t size, gfp_t gfp_mask)
{
	unsigned int order = 0;
	unsigned long addr;

	while ((PAGE_SIZE << order) < size)
		order++;
	if (WARN_ON_ONCE(gfp_mask & __GFP_COMP))
		gfp_mask &= ~__GFP_COMP;
	addr = __get_free_pages(gfp_mask, order);
	return make_alloc_exact(addr, order, size);
}

void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + PAGE_ALIGN(size);

	while (addr < end) {
		free_page(addr);
		addr += PAGE_SIZE;
	}
}

/* ---- pcp draining ---- */

void drain_local_pages(struct zone *zone)
{
	unsigned long flags;
	struct zone *z;

	zone_lock(flags);
	if (zone) {
		if (zone->pcp.count)
			free_pcppages_bulk(zone, zone->pcp.count, &zone->pcp);
	} else {
		for_each_populated_zone(z) {
			if (z->pcp.count)
				free_pcppages_bulk(z, z->pcp.count, &z->pcp);
		}
	}
	zone_unlock(flags);
}

void drain_all_pages(struct zone *zone)
{
	drain_local_pages(zone);
}

/* ---- accounting queries ---- */

unsigned long nr_free_pages(void)
{
	struct zone *zone;
	unsigned long sum = 0;

	for_each_zone(zone)
		sum += zone_page_state(zone, NR_FREE_PAGES);
	return sum;
}

/* Pages above the high watermark in the zones up to gfp_zone(GFP_USER). */
unsigned long nr_free_zone_pages(int offset)
{
	struct zoneref *z;
	struct zone *zone;
	unsigned long sum = 0;
	struct zonelist *zonelist = node_zonelist(numa_node_id(), GFP_KERNEL);

	for_each_zone_zonelist(zone, z, zonelist, offset) {
		unsigned long size = zone_managed_pages(zone);
		unsigned long high = high_wmark_pages(zone);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

unsigned long nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_USER));
}

/* ---- watermarks and pcp sizing ---- */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((sizeof(unsigned long) * 8 - 2) & ~1UL);
	while (m > x)
		m >>= 2;
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

void calculate_totalreserve_pages(void)
{
	struct pglist_data *pgdat;
	unsigned long reserve_pages = 0;
	int i, j;

	for_each_online_pgdat(pgdat) {
		pgdat->totalreserve_pages = 0;
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;
			long max = 0;
			unsigned long managed_pages = zone_managed_pages(zone);

			for (j = i; j < MAX_NR_ZONES; j++) {
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			}
			max += (long)high_wmark_pages(zone);
			if ((unsigned long)max > managed_pages)
				max = (long)managed_pages;
			pgdat->totalreserve_pages += (unsigned long)max;
			reserve_pages += (unsigned long)max;
		}
	}
	totalreserve_pages = reserve_pages;
}

void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat;
	int i, j;

	for_each_online_pgdat(pgdat) {
		for (i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed_pages = 0;

			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				managed_pages += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : (long)(managed_pages / (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages();
}

static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone) {
		if (!is_highmem(zone))
			lowmem_pages += zone_managed_pages(zone);
	}
	for_each_zone(zone) {
		unsigned long flags;
		u64 tmp;

		zone_lock(flags);
		tmp = lowmem_pages ? (u64)pages_min * zone_managed_pages(zone) / lowmem_pages : 0;
		if (is_highmem(zone)) {
			/* highmem needs only a token reserve: __GFP_HIGH cannot use it for lowmem */
			unsigned long min_pages = zone_managed_pages(zone) / 1024;

			min_pages = clamp(min_pages, 32UL, 128UL);
			zone->_watermark[WMARK_MIN] = min_pages;
		} else {
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		}
		/* the gaps: a quarter of min, or watermark_scale_factor of the zone */
		tmp = max_t(u64, tmp >> 2,
			    (u64)zone_managed_pages(zone) * (unsigned int)watermark_scale_factor / 10000);
		zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_MIN] + (unsigned long)tmp * 2;
		zone->watermark_boost = 0;
		zone_unlock(flags);
	}
	calculate_totalreserve_pages();
}

void setup_per_zone_wmarks(void)
{
	__setup_per_zone_wmarks();
	mm_abi_sync_zones();
}

/* min_free_kbytes = sqrt(lowmem_kbytes * 16), clamped to [128, 65536] (Linux). */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes;
	int new_min_free_kbytes;

	lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	new_min_free_kbytes = (int)int_sqrt(lowmem_kbytes * 16);
	if (new_min_free_kbytes > user_min_free_kbytes) {
		min_free_kbytes = new_min_free_kbytes;
		if (min_free_kbytes < 128)
			min_free_kbytes = 128;
		if (min_free_kbytes > 65536)
			min_free_kbytes = 65536;
	} else {
		pr_warn("min_free_kbytes is not updated to %d because user defined value %d is preferred\n",
			new_min_free_kbytes, user_min_free_kbytes);
	}
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	mm_abi_sync_zones();
}

int zone_batchsize(struct zone *zone)
{
	unsigned long batch;

	/* about a quarter of a megabyte's worth per 1 GiB, at most 64 pages */
	batch = zone_managed_pages(zone) / 1024;
	if (batch * PAGE_SIZE > 1024 * 1024)
		batch = (1024 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* 2^n - 1: avoid batches that line up with cache colouring */
	{
		unsigned long v = batch + batch / 2;
		unsigned long p = 1;

		while (p * 2 <= v)
			p *= 2;
		batch = p - 1;
	}
	return (int)batch;
}

void pageset_set_high_and_batch(struct zone *zone, int high, int batch)
{
	unsigned long flags;

	zone_lock(flags);
	zone->pcp.high = high;
	zone->pcp.batch = max(1, batch);
	if (zone->pcp.count >= zone->pcp.high && zone->pcp.count)
		free_pcppages_bulk(zone, zone->pcp.count, &zone->pcp);
	zone_unlock(flags);
}

void zone_pcp_update(struct zone *zone)
{
	int batch;
	unsigned long high;

	if (percpu_pagelist_fraction) {
		high = zone_managed_pages(zone) / (unsigned long)percpu_pagelist_fraction;
		batch = max(1, (int)(high / 4));
		if (high / 4 > (PAGE_SHIFT * 8))
			batch = PAGE_SHIFT * 8;
		pageset_set_high_and_batch(zone, (int)high, batch);
		return;
	}
	batch = zone_batchsize(zone);
	pageset_set_high_and_batch(zone, 6 * batch, batch);
}

/* Forget all allocator state (native tests; the guest boots once). */
void page_alloc_reset(void)
{
	mem_map = NULL;
	mem_map_pfn_base = 0;
	max_mapnr = 0;
	min_low_pfn = max_low_pfn = max_pfn = 0;
	pageblock_flags = NULL;
	memset(&contig_page_data, 0, sizeof(contig_page_data));
	memset(node_data, 0, sizeof(node_data));
	memset(page_zone_table, 0, sizeof(page_zone_table));
	nr_online_nodes = 0;
	movable_zone = 0;
	zone_dma_enabled = false;
	mm_zones_ready = false;
	page_group_by_mobility_disabled = false;
	totalram_pages_count = totalhigh_pages_count = totalreserve_pages = 0;
	min_free_kbytes = 1024;
	user_min_free_kbytes = -1;
	watermark_scale_factor = 10;
	watermark_boost_factor = 15000;
	percpu_pagelist_fraction = 0;
	memset(&alloc_stats, 0, sizeof(alloc_stats));
	mm_busy = 0;
	memalloc_in_reclaim = false;
	bad_page_count = 0;
}
