/* SPDX-License-Identifier: MIT */
/*
 * mm/rmap.h - reverse mapping: which page-table entries map a movable page.
 *
 * DOC: Compaction moves movable pages.  For a page that page tables map, it
 * must find and rewrite every PTE that points at it, then flush the TLB:
 * Linux's rmap_walk() + remove_migration_ptes().  Here the page-table layer
 * records each mapping of a page with page_add_rmap() when it maps it and
 * page_remove_rmap() when it unmaps it (for every page it maps, movable or
 * not: the rmap keeps _mapcount); it also registers the two operations
 * compaction needs to move a mapping (struct rmap_ops) from paging_init().
 *
 * Entries live in a pool sized at boot (rmap_init()) and hashed by pfn, so
 * struct page keeps page_abi.h's layout: _mapcount = entries - 1.
 *
 * A page is migratable by compaction when it is on an LRU list (page cache
 * pages, or anonymous pages made with page_add_new_anon()), not pinned, not
 * locked, holds no references beyond its owner's, and every one of its
 * mappings is recorded here.  An anonymous page must be mapped: its owner
 * reaches it only through its PTEs (as user memory), never by a struct page
 * pointer or a lowmem address kept across a point where compaction can run.
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <mm/types.h>

struct page;

struct rmap_ops {
	/*
	 * Point the PTE at ptep, which maps virtual address addr in address
	 * space mm_id (0: the kernel's), at new_pfn instead of its current
	 * frame, keeping every attribute; clean the descriptor's D-cache line.
	 * Called with interrupts off, the old page's contents already copied.
	 */
	void (*remap_pte)(void *ptep, unsigned long addr, unsigned int mm_id, unsigned long new_pfn);
	/* Invalidate the TLB entry for addr in mm_id (after the rewrite). */
	void (*flush_tlb_page)(unsigned long addr, unsigned int mm_id);
	/* The pfn the PTE at ptep maps (used by check_invariants()); may be NULL. */
	unsigned long (*pte_pfn)(const void *ptep);
};

/* Install the page-table layer's operations (paging_init(); tests install fakes). */
void rmap_register_ops(const struct rmap_ops *ops);
const struct rmap_ops *rmap_get_ops(void);

/* Boot: allocate the entry pool from memblock (called by mm_init()). */
void rmap_init(unsigned long nr_entries);

/*
 * Record that the PTE at ptep maps page at virtual address addr in mm_id.
 * Returns 0, or -ENOMEM when the pool is full (the mapping still exists but
 * the page is then pinned: compaction will not move it).
 */
int page_add_rmap(struct page *page, void *ptep, unsigned long addr, unsigned int mm_id);
/* Forget that mapping (0, or -ENOENT if it was never recorded). */
int page_remove_rmap(struct page *page, void *ptep);

/* Call fn for each recorded mapping of page until it returns false. */
typedef bool (*rmap_one_fn)(struct page *page, void *ptep, unsigned long addr,
			    unsigned int mm_id, void *arg);
void rmap_walk(struct page *page, rmap_one_fn fn, void *arg);

/* Every mapping of the page is recorded (no pool overflow for it). */
bool page_rmap_complete(const struct page *page);

/*
 * Move every recorded mapping of old to new (same virtual addresses), through
 * rmap_ops: remap_pte on each, then flush_tlb_page on each.  Used by
 * migration; returns the number of PTEs rewritten.
 */
int rmap_move_mappings(struct page *old, struct page *new);

/*
 * A freshly allocated order-0 movable page (GFP_HIGHUSER_MOVABLE) becomes an
 * anonymous page: it joins the anon LRU so compaction can migrate it once it
 * is mapped.  put_page() of the last reference takes it off the LRU and
 * frees it.
 */
void page_add_new_anon(struct page *page);

/* Entries in use / in the pool (statistics). */
unsigned long rmap_entries_used(void);
unsigned long rmap_entries_total(void);

#endif /* MM_RMAP_H */
