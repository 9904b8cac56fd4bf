/* SPDX-License-Identifier: MIT */
/*
 * mm/mm.h - struct page: flags, zone/node links, refcounts, pfn conversions.
 *
 * DOC: struct page is page_abi.h's fixed 32-byte layout, one per frame in
 * the single mem_map array (FLATMEM; index = pfn - mem_map_pfn_base).  The
 * host heatmap decodes it from guest RAM, so flags, zone, node and the
 * allocation's migrate type are changed only through the helpers here.
 * Compound pages (__GFP_COMP): the head has PG_head; every tail has PG_tail
 * and private = head's mem_map index; the compound order is kept in the
 * first tail page's prev field (tail pages are on no list), as Linux keeps
 * compound_order in page[1].
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <mm/types.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>
#include <mm/printk.h>
#include <asm/memory.h>
#include "page_abi.h"

extern struct page *mem_map;
extern unsigned long mem_map_pfn_base; /* pfn of mem_map[0] */
extern unsigned long max_mapnr;        /* entries in mem_map */
extern unsigned long min_low_pfn;      /* first RAM pfn */
extern unsigned long max_low_pfn;      /* first pfn above lowmem */
extern unsigned long max_pfn;          /* first pfn above RAM */
extern uint8_t *pageblock_flags;       /* one byte per pageblock, page_abi.h PB_* */

/* ---- pfn <-> page <-> address ---- */

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + (pfn - mem_map_pfn_base);
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return mem_map_pfn_base + (unsigned long)(page - mem_map);
}

/* mem_map index, the link value used by page lists */
static inline uint32_t page_idx(const struct page *page)
{
	return (uint32_t)(page - mem_map);
}

static inline struct page *idx_page(uint32_t idx)
{
	return mem_map + idx;
}

static inline bool pfn_in_mem_map(unsigned long pfn)
{
	return pfn >= mem_map_pfn_base && pfn - mem_map_pfn_base < max_mapnr;
}

/* A pfn with RAM and an initialised struct page. */
static inline bool pfn_valid(unsigned long pfn)
{
	return pfn_in_mem_map(pfn) && !(mem_map[pfn - mem_map_pfn_base].flags >> PAGE_HOLE_SHIFT & 1u);
}

static inline phys_addr_t page_to_phys(const struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}

static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(PHYS_PFN(pa));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PHYS_PFN(__pa(addr)));
}

static inline bool virt_addr_valid(const void *addr)
{
	unsigned long a = (unsigned long)addr;

	return a >= PAGE_OFFSET && a < (unsigned long)high_memory && pfn_valid(PHYS_PFN(__pa(addr)));
}

/* ---- page flags ---- */

#define PAGEFLAG(uname, lname)                                                       \
	static inline bool Page##uname(const struct page *p)                         \
	{                                                                            \
		return (p->flags >> PG_##lname) & 1u;                                \
	}                                                                            \
	static inline void SetPage##uname(struct page *p)                            \
	{                                                                            \
		p->flags |= 1u << PG_##lname;                                        \
	}                                                                            \
	static inline void ClearPage##uname(struct page *p)                          \
	{                                                                            \
		p->flags &= ~(1u << PG_##lname);                                     \
	}                                                                            \
	static inline bool TestClearPage##uname(struct page *p)                      \
	{                                                                            \
		bool old = Page##uname(p);                                           \
		ClearPage##uname(p);                                                 \
		return old;                                                          \
	}                                                                            \
	static inline bool TestSetPage##uname(struct page *p)                        \
	{                                                                            \
		bool old = Page##uname(p);                                           \
		SetPage##uname(p);                                                   \
		return old;                                                          \
	}

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Workingset, workingset)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(Tail, tail)
PAGEFLAG(Reclaim, reclaim)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Table, table)
PAGEFLAG(Pcp, pcp)
PAGEFLAG(Pinned, pinned)
PAGEFLAG(Kernel, kernel)
PAGEFLAG(Vmalloc, vmalloc)
PAGEFLAG(HighMem, highmem)
PAGEFLAG(Isolated, isolated)
#undef PAGEFLAG

#define __SetPageBuddy SetPageBuddy
#define __ClearPageBuddy ClearPageBuddy
#define __SetPageReserved SetPageReserved
#define __ClearPageReserved ClearPageReserved
#define __SetPageTable SetPageTable
#define __ClearPageTable ClearPageTable
#define __SetPageSlab SetPageSlab
#define __ClearPageSlab ClearPageSlab

static inline bool PageCompound(const struct page *p)
{
	return PageHead(p) || PageTail(p);
}

/* ---- zone, node, allocation migrate type in the top byte of flags ---- */

static inline int page_zonenum(const struct page *page)
{
	return (int)((page->flags >> PAGE_ZONE_SHIFT) & PAGE_ZONE_MASK);
}

static inline int page_to_nid(const struct page *page)
{
	return (int)((page->flags >> PAGE_NODE_SHIFT) & PAGE_NODE_MASK);
}

static inline void set_page_zone(struct page *page, int zone)
{
	page->flags = (page->flags & ~(PAGE_ZONE_MASK << PAGE_ZONE_SHIFT)) |
		      (((uint32_t)zone & PAGE_ZONE_MASK) << PAGE_ZONE_SHIFT);
}

static inline void set_page_node(struct page *page, int nid)
{
	page->flags = (page->flags & ~(PAGE_NODE_MASK << PAGE_NODE_SHIFT)) |
		      (((uint32_t)nid & PAGE_NODE_MASK) << PAGE_NODE_SHIFT);
}

static inline void set_page_links(struct page *page, int zone, int nid)
{
	set_page_zone(page, zone);
	set_page_node(page, nid);
}

/* Migrate type the allocation asked for (page_owner style), for the heatmap. */
static inline void set_page_alloc_mt(struct page *page, int mt)
{
	page->flags = (page->flags & ~(PAGE_ALLOC_MT_MASK << PAGE_ALLOC_MT_SHIFT)) |
		      (((uint32_t)mt & PAGE_ALLOC_MT_MASK) << PAGE_ALLOC_MT_SHIFT);
}

static inline int get_page_alloc_mt(const struct page *page)
{
	return (int)((page->flags >> PAGE_ALLOC_MT_SHIFT) & PAGE_ALLOC_MT_MASK);
}

static inline bool page_is_hole(const struct page *page)
{
	return (page->flags >> PAGE_HOLE_SHIFT) & 1u;
}

/*
 * The zone of every (node, zone id) pair, indexed by the node and zone bits
 * of page->flags taken together (page_zone_idx()): page_zone() is on every
 * free, and this spares it the node lookup and a multiplication by
 * sizeof(struct zone).  Filled when a node comes online (free_area_init()).
 */
_Static_assert(PAGE_ZONE_SHIFT == PAGE_NODE_SHIFT + 1, "node and zone bits are adjacent");
#define PAGE_ZONE_TABLE_SIZE ((PAGE_NODE_MASK + 1) * (PAGE_ZONE_MASK + 1))
extern struct zone *page_zone_table[PAGE_ZONE_TABLE_SIZE];

static inline unsigned int zone_table_idx(int nid, int zid)
{
	return (unsigned int)nid | (unsigned int)zid << 1;
}

static inline unsigned int page_zone_idx(const struct page *page)
{
	return (page->flags >> PAGE_NODE_SHIFT) & (PAGE_ZONE_TABLE_SIZE - 1);
}

/* &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)] */
static inline struct zone *page_zone(const struct page *page)
{
	return page_zone_table[page_zone_idx(page)];
}

static inline pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(page_to_nid(page));
}

/* ---- private, compound ---- */

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long v)
{
	page->private = (uint32_t)v;
}

static inline struct page *compound_head(const struct page *page)
{
	if (PageTail(page))
		return idx_page(page->private);
	return (struct page *)page;
}

static inline unsigned int compound_order(const struct page *page)
{
	return PageHead(page) ? page[1].prev : 0;
}

static inline unsigned long compound_nr(const struct page *page)
{
	return 1UL << compound_order(page);
}

/* ---- reference and map counts ---- */

static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline int page_count(const struct page *page)
{
	return compound_head(page)->_refcount;
}

static inline void set_page_count(struct page *page, int v)
{
	page->_refcount = v;
}

static inline void init_page_count(struct page *page)
{
	page->_refcount = 1;
}

static inline void page_ref_inc(struct page *page)
{
	page->_refcount++;
}

static inline void page_ref_dec(struct page *page)
{
	page->_refcount--;
}

static inline void page_ref_add(struct page *page, int n)
{
	page->_refcount += n;
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return --page->_refcount == 0;
}

/* Number of page-table entries mapping the page (the rmap keeps it). */
static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page->_mapcount >= 0;
}

static inline void page_mapcount_reset(struct page *page)
{
	page->_mapcount = -1;
}

static inline void get_page(struct page *page)
{
	page = compound_head(page);
	VM_BUG_ON(page->_refcount <= 0);
	page_ref_inc(page);
}

/* Drops a reference; the last one frees the page (removing it from the LRU first). */
void put_page(struct page *page);

/* ---- addresses ---- */

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

/*
 * Highmem pages have an address only while kmapped: the highmem layer
 * (page-table helper) overrides this weak hook; the default returns NULL.
 */
void *page_address_highmem(const struct page *page);

static inline void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return lowmem_page_address(page);
	return page_address_highmem(page);
}

/* ---- pageblock flags ---- */

static inline uint8_t *pageblock_flags_ptr(unsigned long pfn)
{
	return &pageblock_flags[(pfn - mem_map_pfn_base) >> pageblock_order];
}

static inline int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	(void)page;
	return *pageblock_flags_ptr(pfn) & PB_MIGRATETYPE_MASK;
}

/* As get_pfnblock_migratetype(page, page_to_pfn(page)), from the mem_map index. */
static inline int get_pageblock_migratetype(const struct page *page)
{
	return pageblock_flags[page_idx(page) >> pageblock_order] & PB_MIGRATETYPE_MASK;
}

void set_pageblock_migratetype(struct page *page, int migratetype);

static inline bool get_pageblock_skip(const struct page *page)
{
	return *pageblock_flags_ptr(page_to_pfn(page)) & PB_SKIP;
}

static inline void set_pageblock_skip(struct page *page)
{
	*pageblock_flags_ptr(page_to_pfn(page)) |= PB_SKIP;
}

static inline void clear_pageblock_skip(struct page *page)
{
	*pageblock_flags_ptr(page_to_pfn(page)) &= (uint8_t)~PB_SKIP;
}

static inline bool is_migrate_movable(int mt)
{
	return mt == MIGRATE_MOVABLE || mt == MIGRATE_CMA;
}

static inline bool is_migrate_cma(int mt)
{
	return mt == MIGRATE_CMA;
}

static inline bool is_migrate_isolate(int mt)
{
	return mt == MIGRATE_ISOLATE;
}

static inline bool is_migrate_highatomic(int mt)
{
	return mt == MIGRATE_HIGHATOMIC;
}

/* ---- boot and accounting ---- */

/*
 * setup_arch + mm_init in one: memblock from the DTB at dtb_pa, reserves,
 * paging_init() (page-table layer), zones and mem_map, memblock_free_all(),
 * kmem_cache_init() (slab layer).  Publishes each phase in mm_abi.
 */
void mm_init(phys_addr_t dtb_pa);

/* The current boot phase (enum mm_abi_phase). */
int mm_phase(void);
void mm_set_phase(int phase);

extern unsigned long totalram_pages_count;  /* pages managed by the buddy allocator */
extern unsigned long totalhigh_pages_count; /* of which highmem */
static inline unsigned long totalram_pages(void)
{
	return totalram_pages_count;
}
static inline unsigned long totalhigh_pages(void)
{
	return totalhigh_pages_count;
}
unsigned long nr_free_pages(void);
unsigned long nr_free_buffer_pages(void);
void adjust_managed_page_count(struct page *page, long count);
/* Give a PG_reserved page (e.g. a freed boot page table) to the buddy allocator. */
void free_reserved_page(struct page *page);
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);

/* /proc-style printers (mm/vmstat.c, mm/page_alloc.c). */
void show_buddyinfo(void);
void show_pagetypeinfo(void);
void show_zoneinfo_watermarks(void);
void show_free_areas(unsigned int filter);
void show_mem(void);

/*
 * Check that free lists, page flags, nr_free and zone counters agree and that
 * no two free buddies of the same order stay apart.  Returns the number of
 * problems found (each is printed, at most a few).  Usable in guest and tests.
 */
int check_invariants(void);

#endif /* MM_MM_H */
