/* SPDX-License-Identifier: MIT */
/*
 * internal.h - what the files of guest/mm share among themselves (Linux mm/internal.h).
 *
 * DOC: mem_map-index lists (struct page_list) and the buddy helpers used
 * by page_alloc.c, compaction.c, migrate.c, vmscan.c and debug.c.
 */
#ifndef GUEST_MM_INTERNAL_H
#define GUEST_MM_INTERNAL_H

#include <mm/mm.h>
#include <mm/mm_abi.h>
#include <mm/page_alloc.h>
#include <asm/irqflags.h>

#define NIL MM_ABI_NIL

/*
 * MM_DEBUG_VM: the page checks Linux makes only with CONFIG_DEBUG_VM.  With
 * it, every page freed to a pcp list is checked at once (a bad one is
 * reported and leaked); without it, as in Linux, an order-0 page is checked
 * when it leaves the pcp lists for the buddy lists (free_pcppages_bulk()),
 * and the pcp fast paths stay short.  Either way pages moved from the buddy
 * lists to a pcp list are checked (rmqueue_bulk()), and higher orders on
 * every free.  The native unit tests build with MM_DEBUG_VM=1 (their
 * meson.build), the guest without.  VM_BUG_ON() is always on here.
 */
#ifndef MM_DEBUG_VM
#define MM_DEBUG_VM 0
#endif

/* ---- lists of pages by mem_map index ---- */

static inline void page_list_init(struct page_list *l)
{
	l->head = NIL;
	l->tail = NIL;
}

static inline bool page_list_empty(const struct page_list *l)
{
	return l->head == NIL;
}

static inline struct page *page_list_first(const struct page_list *l)
{
	return l->head == NIL ? NULL : idx_page(l->head);
}

static inline struct page *page_list_last(const struct page_list *l)
{
	return l->tail == NIL ? NULL : idx_page(l->tail);
}

static inline struct page *page_list_next(const struct page *page)
{
	return page->next == NIL ? NULL : idx_page(page->next);
}

static inline struct page *page_list_prev(const struct page *page)
{
	return page->prev == NIL ? NULL : idx_page(page->prev);
}

/* page_list_add() of a page whose mem_map index i the caller has at hand */
static inline void __page_list_add(struct page_list *l, struct page *page, uint32_t i)
{
	page->prev = NIL;
	page->next = l->head;
	if (l->head != NIL)
		idx_page(l->head)->prev = i;
	else
		l->tail = i;
	l->head = i;
}

static inline void page_list_add(struct page_list *l, struct page *page)
{
	__page_list_add(l, page, page_idx(page));
}

static inline void page_list_add_tail(struct page_list *l, struct page *page)
{
	uint32_t i = page_idx(page);

	page->next = NIL;
	page->prev = l->tail;
	if (l->tail != NIL)
		idx_page(l->tail)->next = i;
	else
		l->head = i;
	l->tail = i;
}

static inline void page_list_del(struct page_list *l, struct page *page)
{
	if (page->prev != NIL)
		idx_page(page->prev)->next = page->next;
	else
		l->head = page->next;
	if (page->next != NIL)
		idx_page(page->next)->prev = page->prev;
	else
		l->tail = page->prev;
	page->next = NIL;
	page->prev = NIL;
}

/* Take the first page off a list that is not empty (page_list_del() of the head). */
static inline struct page *page_list_del_first(struct page_list *l)
{
	struct page *page = idx_page(l->head);
	uint32_t next = page->next;

	l->head = next;
	if (next != NIL)
		idx_page(next)->prev = NIL;
	else
		l->tail = NIL;
	page->next = NIL; /* prev is NIL already: it was the head */
	return page;
}

#define page_list_for_each(page, l) \
	for ((page) = page_list_first(l); (page); (page) = page_list_next(page))

/* ---- buddy helpers ---- */

static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static inline unsigned long __find_buddy_pfn(unsigned long page_pfn, unsigned int order)
{
	return page_pfn ^ (1UL << order);
}

static inline bool free_area_empty(const struct free_area *area, int migratetype)
{
	return page_list_empty(&area->free_list[migratetype]);
}

static inline unsigned long pageblock_start_pfn(unsigned long pfn)
{
	return pfn & ~(pageblock_nr_pages - 1);
}

static inline unsigned long pageblock_end_pfn(unsigned long pfn)
{
	return pageblock_start_pfn(pfn) + pageblock_nr_pages;
}

/* Interrupts off around free-list, pcp, LRU and counter changes (one CPU). */
#define zone_lock(flags) local_irq_save(flags)
#define zone_unlock(flags) local_irq_restore(flags)

/* Allocation context (Linux struct alloc_context). */
struct alloc_context {
	struct zonelist *zonelist;
	const unsigned long *nodemask;
	struct zoneref *preferred_zoneref;
	int migratetype;
	int highest_zoneidx;
	bool spread_dirty_pages;
};

#define ALLOC_OOM 0x08

/* page_alloc.c */
void __mod_zone_freepage_state(struct zone *zone, long nr_pages, int migratetype);
void del_page_from_free_list(struct page *page, struct zone *zone, unsigned int order);
void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
		   unsigned int alloc_flags);
void post_alloc_hook(struct page *page, unsigned int order, gfp_t gfp_flags);
unsigned long __isolate_free_page(struct page *page, unsigned int order);
int find_suitable_fallback(struct free_area *area, unsigned int order, int migratetype,
			   bool only_stealable, bool *can_steal);
struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order, int alloc_flags,
				    const struct alloc_context *ac);
bool page_is_buddy_of(const struct page *page, const struct page *buddy, unsigned int order);
int move_freepages_block(struct zone *zone, struct page *page, int migratetype, int *num_movable);
void dump_page(const struct page *page, const char *reason);
/* Map a page's contents for the CPU (kmap_atomic for guest highmem), and unmap. */
void *mm_map_page(struct page *page);
void mm_unmap_page(struct page *page, void *addr);
void mm_clear_page(struct page *page);
void mm_copy_page(struct page *to, struct page *from);
/* Nesting count of mm work that the timer-tick background work must not interrupt. */
extern int mm_busy;
/* Set while the allocator reclaims/compacts for itself (Linux PF_MEMALLOC). */
extern bool memalloc_in_reclaim;
extern bool mm_zones_ready;
extern bool page_group_by_mobility_disabled;
extern unsigned long totalreserve_pages;
extern unsigned long bad_page_count;
void __free_pages_core(struct page *page, unsigned int order);
extern unsigned long zone_movable_pfn[MAX_NUMNODES];

/* Reset every piece of mm state (native tests start each case from scratch). */
void mm_reset_state(void);
void page_alloc_reset(void);
void pagecache_reset(void);
void rmap_reset(void);
void compaction_reset(void);
void vmscan_reset(void);
void mm_abi_reset(void);

/* vmscan.c */
unsigned long zone_reclaimable_pages(struct zone *zone);
void lruvec_init(struct lruvec *lruvec);

/* migrate.c */
typedef struct page *(*new_page_t)(struct page *page, unsigned long private);
typedef void (*free_page_t)(struct page *page, unsigned long private);
int migrate_pages(struct page_list *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, int mode);
void putback_movable_pages(struct page_list *l);

/* compaction.c */
void reset_isolation_suitable(pg_data_t *pgdat);
unsigned long isolate_migratepages_range(struct page_list *list, unsigned long start_pfn,
					 unsigned long end_pfn);

/* mm_abi.c */
void mm_abi_set_layout(void);

/* memblock.c */
void memblock_mark_released(void);
extern bool memblock_debug;

#endif /* GUEST_MM_INTERNAL_H */
