// SPDX-License-Identifier: MIT
/*
 * rmap.c - reverse mapping: the page-table entries that map each page.
 *
 * DOC: Linux finds the PTEs of a page through anon_vma/address_space
 * intervals (mm/rmap.c).  This kernel keeps it simpler: each mapping the
 * page-table layer reports (page_add_rmap()) becomes an entry {ptep, addr,
 * mm_id} in a pool allocated at boot, chained in a hash by pfn.  The page's
 * _mapcount counts its mappings; if the pool overflows, the mapping still
 * counts but has no entry, and compaction leaves such a page alone
 * (page_rmap_complete()).  Moving a page (rmap_move_mappings()) rewrites
 * each PTE through the page-table layer's rmap_ops, then flushes each TLB
 * entry.
 */
#include "internal.h"

#include <mm/memblock.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>

#include <string.h>

struct rmap_entry {
	void *ptep;
	unsigned long addr;
	uint32_t mm_id;
	uint32_t pfn;
	uint32_t next; /* entry index, NIL ends */
};

#define RMAP_HASH_BITS 10
#define RMAP_HASH_SIZE (1u << RMAP_HASH_BITS)

static struct rmap_entry *rmap_pool;
static unsigned long rmap_pool_size;
static uint32_t rmap_free_head;
static unsigned long rmap_used;
static uint32_t rmap_hash[RMAP_HASH_SIZE];
static const struct rmap_ops *rmap_ops;

static inline uint32_t rmap_bucket(unsigned long pfn)
{
	return (uint32_t)((pfn * 0x9E3779B1u) >> (32 - RMAP_HASH_BITS)) & (RMAP_HASH_SIZE - 1);
}

void rmap_register_ops(const struct rmap_ops *ops)
{
	rmap_ops = ops;
}

const struct rmap_ops *rmap_get_ops(void)
{
	return rmap_ops;
}

void rmap_reset(void)
{
	rmap_pool = NULL;
	rmap_pool_size = 0;
	rmap_free_head = NIL;
	rmap_used = 0;
	rmap_ops = NULL;
	memset(rmap_hash, 0xff, sizeof(rmap_hash));
}

void rmap_init(unsigned long nr_entries)
{
	unsigned long i;

	memset(rmap_hash, 0xff, sizeof(rmap_hash));
	rmap_pool = memblock_alloc(nr_entries * sizeof(*rmap_pool), SMP_CACHE_BYTES);
	if (!rmap_pool) {
		pr_err("rmap: cannot allocate %lu entries; mapped pages will not migrate\n",
		       nr_entries);
		rmap_pool_size = 0;
		rmap_free_head = NIL;
		return;
	}
	rmap_pool_size = nr_entries;
	for (i = 0; i < nr_entries; i++)
		rmap_pool[i].next = i + 1 < nr_entries ? (uint32_t)(i + 1) : NIL;
	rmap_free_head = 0;
	rmap_used = 0;
}

int page_add_rmap(struct page *page, void *ptep, unsigned long addr, unsigned int mm_id)
{
	unsigned long flags, pfn = page_to_pfn(page);
	struct rmap_entry *e;
	uint32_t i, b;

	zone_lock(flags);
	page->_mapcount++;
	i = rmap_free_head;
	if (i == NIL) {
		zone_unlock(flags);
		return -ENOMEM;
	}
	e = &rmap_pool[i];
	rmap_free_head = e->next;
	e->ptep = ptep;
	e->addr = addr;
	e->mm_id = mm_id;
	e->pfn = (uint32_t)pfn;
	b = rmap_bucket(pfn);
	e->next = rmap_hash[b];
	rmap_hash[b] = i;
	rmap_used++;
	zone_unlock(flags);
	return 0;
}

int page_remove_rmap(struct page *page, void *ptep)
{
	unsigned long flags, pfn = page_to_pfn(page);
	uint32_t *link, i;
	int ret = -ENOENT;

	zone_lock(flags);
	VM_BUG_ON(page->_mapcount < 0);
	page->_mapcount--;
	for (link = &rmap_hash[rmap_bucket(pfn)]; (i = *link) != NIL; link = &rmap_pool[i].next) {
		struct rmap_entry *e = &rmap_pool[i];

		if (e->pfn == pfn && e->ptep == ptep) {
			*link = e->next;
			e->next = rmap_free_head;
			rmap_free_head = i;
			rmap_used--;
			ret = 0;
			break;
		}
	}
	zone_unlock(flags);
	return ret;
}

void rmap_walk(struct page *page, rmap_one_fn fn, void *arg)
{
	unsigned long pfn = page_to_pfn(page);
	uint32_t i;

	for (i = rmap_hash[rmap_bucket(pfn)]; i != NIL; i = rmap_pool[i].next) {
		struct rmap_entry *e = &rmap_pool[i];

		if (e->pfn == pfn && !fn(page, e->ptep, e->addr, e->mm_id, arg))
			break;
	}
}

static int rmap_count(unsigned long pfn)
{
	uint32_t i;
	int n = 0;

	for (i = rmap_hash[rmap_bucket(pfn)]; i != NIL; i = rmap_pool[i].next)
		n += rmap_pool[i].pfn == pfn;
	return n;
}

bool page_rmap_complete(const struct page *page)
{
	return rmap_count(page_to_pfn(page)) == page_mapcount(page);
}

/* Interrupts off: the PTEs change under any other user of the page tables. */
int rmap_move_mappings(struct page *old, struct page *new)
{
	unsigned long old_pfn = page_to_pfn(old), new_pfn = page_to_pfn(new);
	uint32_t *link, i, moved = NIL;
	int n = 0;

	if (!page_mapped(old))
		return 0;
	BUG_ON(!rmap_ops);
	/* unlink old's entries, rewrite each PTE, relink under the new pfn */
	link = &rmap_hash[rmap_bucket(old_pfn)];
	while ((i = *link) != NIL) {
		struct rmap_entry *e = &rmap_pool[i];

		if (e->pfn != old_pfn) {
			link = &e->next;
			continue;
		}
		*link = e->next;
		rmap_ops->remap_pte(e->ptep, e->addr, e->mm_id, new_pfn);
		e->pfn = (uint32_t)new_pfn;
		e->next = moved;
		moved = i;
		n++;
	}
	for (i = moved; i != NIL; i = rmap_pool[i].next) {
		if (rmap_ops->flush_tlb_page)
			rmap_ops->flush_tlb_page(rmap_pool[i].addr, rmap_pool[i].mm_id);
	}
	while (moved != NIL) {
		struct rmap_entry *e = &rmap_pool[moved];
		uint32_t next = e->next;
		uint32_t b = rmap_bucket(new_pfn);

		e->next = rmap_hash[b];
		rmap_hash[b] = moved;
		moved = next;
	}
	new->_mapcount = old->_mapcount;
	old->_mapcount = -1;
	return n;
}

void page_add_new_anon(struct page *page)
{
	VM_BUG_ON(PageLRU(page));
	SetPageSwapBacked(page);
	SetPageUptodate(page);
	lru_cache_add_anon(page);
}

unsigned long rmap_entries_used(void)
{
	return rmap_used;
}

unsigned long rmap_entries_total(void)
{
	return rmap_pool_size;
}
