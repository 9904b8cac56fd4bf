/* SPDX-License-Identifier: MIT */
/*
 * mm/cma.h - the contiguous memory allocator (Linux mm/cma.c, kernel/dma/contiguous.c).
 *
 * DOC: A CMA area is a pageblock-aligned range reserved at boot (a
 * /reserved-memory node with compatible "shared-dma-pool" and "reusable", or
 * the cma= command-line option) and then lent to the buddy allocator as
 * MIGRATE_CMA pageblocks: only movable allocations may use them, so that
 * cma_alloc() can always get a range back by migrating what is there
 * (alloc_contig_range()).  A bitmap with one bit per 2^order_per_bit pages
 * records what cma_alloc() handed out.
 */
#ifndef MM_CMA_H
#define MM_CMA_H

#include <mm/types.h>

struct page;

#define MAX_CMA_AREAS 4          /* = MM_ABI_MAX_CMA */
#define CMA_MAX_NAME 16
#define CMA_ALIGNMENT 8          /* CONFIG_CMA_ALIGNMENT: at most 2^8 pages of alignment */

struct cma {
	unsigned long base_pfn;
	unsigned long count;          /* pages */
	unsigned long *bitmap;        /* one bit per 2^order_per_bit pages, 1: allocated */
	unsigned int order_per_bit;
	char name[CMA_MAX_NAME];
};

extern struct cma cma_areas[MAX_CMA_AREAS];
extern unsigned int cma_area_count;
extern unsigned long totalcma_pages;
/* The default area for devices without their own (linux,cma-default or cma=). */
extern struct cma *dma_contiguous_default_area;

static inline unsigned long cma_get_base_pfn(const struct cma *cma) { return cma->base_pfn; }
static inline unsigned long cma_get_size(const struct cma *cma) { return cma->count << 12; }
static inline const char *cma_get_name(const struct cma *cma) { return cma->name; }

/*
 * Boot (memblock phase): an area over the memblock-reserved [base, base+size).
 * base and size must be pageblock aligned.  0 or a negative errno.
 */
int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size, unsigned int order_per_bit,
			  const char *name, struct cma **res_cma);
/*
 * Boot: reserve size bytes (aligned to a pageblock at least) below limit,
 * or at base if fixed, and declare an area there (cma_declare_contiguous_nid).
 */
int cma_declare_contiguous(phys_addr_t base, phys_addr_t size, phys_addr_t limit,
			   phys_addr_t alignment, unsigned int order_per_bit, bool fixed,
			   const char *name, struct cma **res_cma);
/* After memblock_free_all(): give every area's pageblocks to the buddy allocator as MIGRATE_CMA. */
void cma_init_reserved_areas(void);

/*
 * count pages aligned to 2^align pages (align capped at CMA_ALIGNMENT), or
 * NULL; failures are reported unless no_warn (Linux 5.11's signature).
 * The pages are order-0 pages with a reference each.
 */
struct page *cma_alloc(struct cma *cma, size_t count, unsigned int align, bool no_warn);
/* Give back what cma_alloc() returned; false if the pages are not from this area. */
bool cma_release(struct cma *cma, const struct page *pages, unsigned int count);
/* Free pages the area's bitmap still has (cma_debug_show_areas()'s count). */
unsigned long cma_available_pages(const struct cma *cma);
void cma_reset(void);

/*
 * The contiguous-range primitives under cma_alloc() (mm/page_alloc.c,
 * mm/page_isolation.c).  alloc_contig_range() isolates the pageblocks of
 * [start, end), migrates the movable pages of the range elsewhere and takes
 * the range off the free lists: 0, -EBUSY (something there would not move;
 * reported with the first busy pfn and why) or -ENOMEM.
 */
int alloc_contig_range(unsigned long start, unsigned long end, int migratetype, unsigned int gfp);
void free_contig_range(unsigned long pfn, unsigned long nr_pages);
int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype);
void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype);
/* 0 if every page of [start, end) is free on an isolated list, else -EBUSY and *busy_pfn. */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn, unsigned long *busy_pfn);

#endif /* MM_CMA_H */
