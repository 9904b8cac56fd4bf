/* SPDX-License-Identifier: MIT */
/*
 * mm/pagecache.h - a simulated file-backed page cache with LRU reclaim.
 *
 * DOC: Files are numbered (file id = page->mapping, page offset =
 * page->index).  Page-cache pages are movable (GFP_HIGHUSER_MOVABLE by
 * default), sit on the node's file LRU lists, and are what reclaim frees:
 * clean pages are dropped, dirty ones are first "written back" to the file's
 * simulated disk.  The disk stores one 32-bit seed per page: a page's
 * contents are always the pattern generated from its seed
 * (pagecache_fill_pattern()), so data read back after reclaim or migration
 * can be checked.  Users hold a reference (from pagecache_add/lookup) while
 * they touch a page and put_page() it after; a held page is neither
 * reclaimed nor migrated.
 */
#ifndef MM_PAGECACHE_H
#define MM_PAGECACHE_H

#include <mm/types.h>
#include <mm/gfp.h>

struct page;

#define PAGECACHE_MAX_FILES 16

/* A file of nr_pages pages (its index and disk arrays come from the buddy allocator). */
int pagecache_file_create(unsigned long nr_pages, gfp_t gfp);
/* Drop every cached page (writing back dirty ones) and free the file. */
void pagecache_file_destroy(int file);

/*
 * Cache page `index` of file: read from disk if not cached.  Returns the
 * page with a reference held for the caller, or NULL (no memory).
 * *was_cached tells whether it was already in the cache.
 */
struct page *pagecache_get(int file, unsigned long index, bool *was_cached);
/* The cached page with a reference, or NULL; marks it accessed (LRU aging). */
struct page *pagecache_lookup(int file, unsigned long index);
/* Write: fill the page with seed's pattern and mark it dirty (caches it if needed). */
int pagecache_write(int file, unsigned long index, u32 seed);
/* Read: the seed whose pattern the cached or on-disk page holds; verifies the data. */
int pagecache_read(int file, unsigned long index, u32 *seed);
void pagecache_mark_dirty(struct page *page);
/* Remove one page from the cache (truncate), writing it back if dirty. */
void pagecache_remove(int file, unsigned long index);
/* Write back every dirty page of file (fsync). */
unsigned long pagecache_writeback(int file);

/* Statistics */
unsigned long pagecache_nr_pages(void);
unsigned long pagecache_nr_dirty(void);
unsigned long pagecache_nr_writeback_done(void);
unsigned long pagecache_nr_reads(void);

/* Fill / check a page's contents for a seed. */
void pagecache_fill_pattern(struct page *page, int file, unsigned long index, u32 seed);
bool pagecache_check_pattern(struct page *page, int file, unsigned long index, u32 seed);

/* Reclaim hooks (mm/vmscan.c): drop a clean, unreferenced cache page. */
bool pagecache_release_page(struct page *page);
/* Write a dirty page to its disk (clears PG_dirty). */
void pagecache_writepage(struct page *page);
/* Migration hook: the cache slot of old now holds new. */
void pagecache_replace_page(struct page *old, struct page *new);

#endif /* MM_PAGECACHE_H */
