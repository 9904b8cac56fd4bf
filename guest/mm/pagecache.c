// SPDX-License-Identifier: MIT
/*
 * pagecache.c - a simulated file-backed page cache (see mm/pagecache.h).
 *
 * DOC: A file has nr_pages pages; three arrays (from the buddy allocator,
 * unmovable) say which page caches each offset (mem_map index or NIL), the
 * seed whose pattern that cached page holds, and the seed on "disk".
 * Reading a page in fills it with its disk seed's pattern; writing fills it
 * with a new seed's pattern and marks it dirty; writeback copies the seed to
 * disk.  The cache holds one reference on each page it caches, as Linux's
 * address_space does, and the page sits on the node's file LRU, where
 * reclaim (vmscan.c) finds it.  Compaction moves cached pages and updates
 * the slot (pagecache_replace_page()).
 */
#include "internal.h"

#include <mm/pagecache.h>
#include <mm/vmscan.h>

#include <string.h>

#ifndef EIO
#define EIO 5
#endif

struct pc_file {
	bool used;
	gfp_t gfp;
	unsigned long nr_pages;
	uint32_t *slots;     /* mem_map index of the cached page, or NIL */
	u32 *mem_seed;       /* seed of the cached contents */
	u32 *disk_seed;      /* seed on the simulated disk */
};

static struct pc_file files[PAGECACHE_MAX_FILES];
static unsigned long nr_cached, nr_dirty, nr_writeback_done, nr_reads;

void pagecache_reset(void)
{
	memset(files, 0, sizeof(files));
	nr_cached = nr_dirty = nr_writeback_done = nr_reads = 0;
}

static struct pc_file *get_file(int file)
{
	if (file < 1 || file > PAGECACHE_MAX_FILES || !files[file - 1].used)
		return NULL;
	return &files[file - 1];
}

static u32 pattern_start(int file, unsigned long index, u32 seed)
{
	return seed * 2654435761u ^ ((u32)file << 24) ^ ((u32)index * 40503u) ^ 0x5bd1e995u;
}

void pagecache_fill_pattern(struct page *page, int file, unsigned long index, u32 seed)
{
	u32 *p = mm_map_page(page);
	u32 x = pattern_start(file, index, seed);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / 4; i++) {
		x = x * 1664525u + 1013904223u;
		p[i] = x;
	}
	mm_unmap_page(page, p);
}

bool pagecache_check_pattern(struct page *page, int file, unsigned long index, u32 seed)
{
	u32 *p = mm_map_page(page);
	u32 x = pattern_start(file, index, seed);
	unsigned int i;
	bool ok = true;

	for (i = 0; i < PAGE_SIZE / 4; i++) {
		x = x * 1664525u + 1013904223u;
		if (p[i] != x) {
			ok = false;
			break;
		}
	}
	mm_unmap_page(page, p);
	return ok;
}

static void *alloc_array(unsigned long nr, gfp_t gfp)
{
	void *p = alloc_pages_exact(nr * sizeof(u32), gfp);

	return p;
}

int pagecache_file_create(unsigned long nr_pages, gfp_t gfp)
{
	struct pc_file *f = NULL;
	int i;

	for (i = 0; i < PAGECACHE_MAX_FILES; i++) {
		if (!files[i].used) {
			f = &files[i];
			break;
		}
	}
	if (!f || !nr_pages)
		return f ? -EINVAL : -ENOSPC;
	mm_busy++;
	f->slots = alloc_array(nr_pages, GFP_KERNEL);
	f->mem_seed = alloc_array(nr_pages, GFP_KERNEL);
	f->disk_seed = alloc_array(nr_pages, GFP_KERNEL | __GFP_ZERO);
	mm_busy--;
	if (!f->slots || !f->mem_seed || !f->disk_seed) {
		if (f->slots)
			free_pages_exact(f->slots, nr_pages * sizeof(u32));
		if (f->mem_seed)
			free_pages_exact(f->mem_seed, nr_pages * sizeof(u32));
		if (f->disk_seed)
			free_pages_exact(f->disk_seed, nr_pages * sizeof(u32));
		memset(f, 0, sizeof(*f));
		return -ENOMEM;
	}
	memset(f->slots, 0xff, nr_pages * sizeof(u32));
	f->used = true;
	f->nr_pages = nr_pages;
	f->gfp = gfp ? gfp : GFP_HIGHUSER_MOVABLE;
	return i + 1;
}

/* The cached page of (file, index) or NULL.  IRQs off. */
static struct page *find_page(struct pc_file *f, unsigned long index)
{
	if (index >= f->nr_pages || f->slots[index] == NIL)
		return NULL;
	return idx_page(f->slots[index]);
}

struct page *pagecache_lookup(int file, unsigned long index)
{
	struct pc_file *f = get_file(file);
	unsigned long flags;
	struct page *page;

	if (!f)
		return NULL;
	zone_lock(flags);
	page = find_page(f, index);
	if (page)
		page_ref_inc(page);
	zone_unlock(flags);
	if (page)
		mark_page_accessed(page);
	return page;
}

struct page *pagecache_get(int file, unsigned long index, bool *was_cached)
{
	struct pc_file *f = get_file(file);
	struct page *page;
	unsigned long flags;

	if (was_cached)
		*was_cached = false;
	if (!f || index >= f->nr_pages)
		return NULL;
	page = pagecache_lookup(file, index);
	if (page) {
		if (was_cached)
			*was_cached = true;
		return page;
	}
	mm_busy++;
	page = alloc_pages(f->gfp, 0);
	mm_busy--;
	if (!page)
		return NULL;
	/* read it in from disk */
	pagecache_fill_pattern(page, file, index, f->disk_seed[index]);
	nr_reads++;
	zone_lock(flags);
	page->mapping = (uint32_t)file;
	page->index = (uint32_t)index;
	SetPageUptodate(page);
	f->slots[index] = page_idx(page);
	f->mem_seed[index] = f->disk_seed[index];
	nr_cached++;
	__mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, 1);
	page_ref_inc(page); /* the caller's; the allocation's is the cache's */
	zone_unlock(flags);
	lru_cache_add_file(page);
	return page;
}

void pagecache_mark_dirty(struct page *page)
{
	unsigned long flags;

	zone_lock(flags);
	if (!PageDirty(page)) {
		SetPageDirty(page);
		nr_dirty++;
		__mod_node_page_state(page_pgdat(page), NR_FILE_DIRTY, 1);
		__mod_zone_page_state(page_zone(page), NR_ZONE_WRITE_PENDING, 1);
	}
	zone_unlock(flags);
}

int pagecache_write(int file, unsigned long index, u32 seed)
{
	struct pc_file *f = get_file(file);
	struct page *page = pagecache_get(file, index, NULL);

	if (!page)
		return f && index < f->nr_pages ? -ENOMEM : -EINVAL;
	pagecache_fill_pattern(page, file, index, seed);
	f->mem_seed[index] = seed;
	pagecache_mark_dirty(page);
	mark_page_accessed(page);
	put_page(page);
	return 0;
}

int pagecache_read(int file, unsigned long index, u32 *seed)
{
	struct pc_file *f = get_file(file);
	struct page *page = pagecache_get(file, index, NULL);
	int ret = 0;

	if (!page)
		return f && index < f->nr_pages ? -ENOMEM : -EINVAL;
	if (!pagecache_check_pattern(page, file, index, f->mem_seed[index])) {
		pr_err("pagecache: file %d page %lu (pfn 0x%lx) holds corrupt data\n", file, index,
		       page_to_pfn(page));
		ret = -EIO;
	}
	if (seed)
		*seed = f->mem_seed[index];
	put_page(page);
	return ret;
}

void pagecache_writepage(struct page *page)
{
	struct pc_file *f = get_file((int)page->mapping);
	unsigned long flags;

	if (!f)
		return;
	zone_lock(flags);
	if (PageDirty(page)) {
		SetPageWriteback(page);
		f->disk_seed[page->index] = f->mem_seed[page->index];
		ClearPageDirty(page);
		nr_dirty--;
		__mod_node_page_state(page_pgdat(page), NR_FILE_DIRTY, -1);
		__mod_zone_page_state(page_zone(page), NR_ZONE_WRITE_PENDING, -1);
		ClearPageWriteback(page);
		nr_writeback_done++;
	}
	zone_unlock(flags);
}

/* Drop the cache's hold on a page (slot, mapping, reference).  IRQs off. */
static void __remove_from_cache(struct pc_file *f, struct page *page)
{
	f->slots[page->index] = NIL;
	page->mapping = 0;
	page->index = 0;
	ClearPageUptodate(page);
	nr_cached--;
	__mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, -1);
}

bool pagecache_release_page(struct page *page)
{
	struct pc_file *f = get_file((int)page->mapping);
	unsigned long flags;
	bool ok = false;

	if (!f)
		return false;
	zone_lock(flags);
	/* the cache's reference and the reclaimer's isolation reference only */
	if (!PageDirty(page) && page_ref_count(page) == 2 && !page_mapped(page)) {
		__remove_from_cache(f, page);
		page_ref_dec(page);
		ok = true;
	}
	zone_unlock(flags);
	return ok;
}

void pagecache_remove(int file, unsigned long index)
{
	struct pc_file *f = get_file(file);
	struct page *page;
	unsigned long flags;

	if (!f)
		return;
	mm_busy++;
	zone_lock(flags);
	page = find_page(f, index);
	zone_unlock(flags);
	if (page) {
		pagecache_writepage(page);
		zone_lock(flags);
		__remove_from_cache(f, page);
		zone_unlock(flags);
		put_page(page);
	}
	mm_busy--;
}

unsigned long pagecache_writeback(int file)
{
	struct pc_file *f = get_file(file);
	unsigned long i, n = 0;

	if (!f)
		return 0;
	for (i = 0; i < f->nr_pages; i++) {
		struct page *page = f->slots[i] == NIL ? NULL : idx_page(f->slots[i]);

		if (page && PageDirty(page)) {
			pagecache_writepage(page);
			n++;
		}
	}
	return n;
}

void pagecache_file_destroy(int file)
{
	struct pc_file *f = get_file(file);
	unsigned long i, nr;

	if (!f)
		return;
	for (i = 0; i < f->nr_pages; i++)
		pagecache_remove(file, i);
	nr = f->nr_pages;
	free_pages_exact(f->slots, nr * sizeof(u32));
	free_pages_exact(f->mem_seed, nr * sizeof(u32));
	free_pages_exact(f->disk_seed, nr * sizeof(u32));
	memset(f, 0, sizeof(*f));
}

void pagecache_replace_page(struct page *old, struct page *new)
{
	struct pc_file *f = get_file((int)old->mapping);

	if (!f)
		return;
	f->slots[old->index] = page_idx(new);
	new->mapping = old->mapping;
	new->index = old->index;
	old->mapping = 0;
	old->index = 0;
}

/* For check_invariants(): does the slot of this cache page point back at it? */
bool pagecache_page_consistent(const struct page *page);
bool pagecache_page_consistent(const struct page *page)
{
	struct pc_file *f = get_file((int)page->mapping);

	return f && page->index < f->nr_pages && f->slots[page->index] == page_idx(page);
}

unsigned long pagecache_nr_pages(void)
{
	return nr_cached;
}

unsigned long pagecache_nr_dirty(void)
{
	return nr_dirty;
}

unsigned long pagecache_nr_writeback_done(void)
{
	return nr_writeback_done;
}

unsigned long pagecache_nr_reads(void)
{
	return nr_reads;
}
