// SPDX-License-Identifier: MIT
/*
 * cma.c - contiguous memory areas (Linux 5.11 mm/cma.c).
 *
 * DOC: An area is declared while memblock is in charge: a reserved,
 * pageblock-aligned range plus a bitmap (memblock memory, so it exists
 * before slab and the host can read it through mm_abi.cma[]).  After the
 * buddy allocator is up, cma_init_reserved_areas() hands every pageblock to
 * it as MIGRATE_CMA (init_cma_reserved_pageblock()): the pages serve movable
 * allocations until cma_alloc() wants them.  cma_alloc() looks for a free
 * run in the bitmap, claims it and asks alloc_contig_range() for the pages;
 * a busy range (something there would not move) is released and the search
 * goes on past it.
 */
#include "internal.h"

#include <mm/cma.h>
#include <mm/memblock.h>
#include <mm/mm_abi.h>

#include <string.h>

#define BITS_PER_LONG_ (8 * sizeof(unsigned long))

struct cma cma_areas[MAX_CMA_AREAS];
unsigned int cma_area_count;
unsigned long totalcma_pages;
struct cma *dma_contiguous_default_area;
static bool cma_activated;

void cma_reset(void)
{
	memset(cma_areas, 0, sizeof(cma_areas));
	cma_area_count = 0;
	totalcma_pages = 0;
	dma_contiguous_default_area = NULL;
	cma_activated = false;
}

/* ---- the bitmap ---- */

static bool bit_test(const unsigned long *map, unsigned long nr)
{
	return (map[nr / BITS_PER_LONG_] >> (nr % BITS_PER_LONG_)) & 1;
}

static void bits_assign(unsigned long *map, unsigned long start, unsigned long n, bool v)
{
	for (unsigned long i = start; i < start + n; i++) {
		unsigned long m = 1UL << (i % BITS_PER_LONG_);

		if (v)
			map[i / BITS_PER_LONG_] |= m;
		else
			map[i / BITS_PER_LONG_] &= ~m;
	}
}

/* Linux bitmap_find_next_zero_area_off(): the first clear run of n bits at (index + off) & ~mask == 0. */
static unsigned long find_zero_area(const unsigned long *map, unsigned long size,
				    unsigned long start, unsigned long n, unsigned long mask,
				    unsigned long off)
{
	unsigned long index, i;

again:
	while (start < size && bit_test(map, start))
		start++;
	index = ((start + off + mask) & ~mask) - off;
	if (index + n > size)
		return size;
	for (i = index; i < index + n; i++) {
		if (bit_test(map, i)) {
			start = i + 1;
			goto again;
		}
	}
	return index;
}

static unsigned long cma_bitmap_maxno(const struct cma *cma)
{
	return cma->count >> cma->order_per_bit;
}

static unsigned long cma_bitmap_aligned_mask(const struct cma *cma, unsigned int align_order)
{
	if (align_order <= cma->order_per_bit)
		return 0;
	return (1UL << (align_order - cma->order_per_bit)) - 1;
}

/* The offset that makes a bitmap index aligned in pfns, not just within the area. */
static unsigned long cma_bitmap_aligned_offset(const struct cma *cma, unsigned int align_order)
{
	return (cma->base_pfn & ((1UL << align_order) - 1)) >> cma->order_per_bit;
}

static unsigned long cma_bitmap_pages_to_bits(const struct cma *cma, unsigned long pages)
{
	return ALIGN(pages, 1UL << cma->order_per_bit) >> cma->order_per_bit;
}

static void cma_clear_bitmap(struct cma *cma, unsigned long pfn, unsigned long count)
{
	unsigned long flags;

	local_irq_save(flags);
	bits_assign(cma->bitmap, (pfn - cma->base_pfn) >> cma->order_per_bit,
		    cma_bitmap_pages_to_bits(cma, count), false);
	local_irq_restore(flags);
}

unsigned long cma_available_pages(const struct cma *cma)
{
	unsigned long n = 0;

	for (unsigned long i = 0; i < cma_bitmap_maxno(cma); i++)
		n += !bit_test(cma->bitmap, i);
	return n << cma->order_per_bit;
}

/* ---- declaring areas (memblock time) ---- */

static void cma_abi_publish(void)
{
	mm_abi.nr_cma = cma_area_count;
	for (unsigned int i = 0; i < cma_area_count; i++) {
		struct mm_abi_cma *a = &mm_abi.cma[i];

		memset(a->name, 0, sizeof(a->name));
		strncpy(a->name, cma_areas[i].name, sizeof(a->name) - 1);
		a->base_pfn = (uint32_t)cma_areas[i].base_pfn;
		a->count = (uint32_t)cma_areas[i].count;
		a->order_per_bit = cma_areas[i].order_per_bit;
		a->bitmap_pa = (uint32_t)__pa(cma_areas[i].bitmap);
	}
	mm_abi_bump();
}

int cma_init_reserved_mem(phys_addr_t base, phys_addr_t size, unsigned int order_per_bit,
			  const char *name, struct cma **res_cma)
{
	phys_addr_t alignment = PAGE_SIZE << pageblock_order;
	unsigned long bits, bytes;
	struct cma *cma;

	if (cma_area_count == MAX_CMA_AREAS) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}
	if (!size || !memblock_is_region_reserved(base, size))
		return -EINVAL;
	if ((base & (alignment - 1)) || (size & (alignment - 1)))
		return -EINVAL;
	bits = (unsigned long)(size >> PAGE_SHIFT) >> order_per_bit;
	bytes = DIV_ROUND_UP(bits, BITS_PER_LONG_) * sizeof(unsigned long);
	cma = &cma_areas[cma_area_count];
	cma->bitmap = memblock_alloc(bytes, sizeof(unsigned long));
	if (!cma->bitmap)
		return -ENOMEM;
	memset(cma->bitmap, 0, bytes);
	strncpy(cma->name, name ? name : "unknown", sizeof(cma->name) - 1);
	cma->base_pfn = PFN_DOWN(base);
	cma->count = (unsigned long)(size >> PAGE_SHIFT);
	cma->order_per_bit = order_per_bit;
	cma_area_count++;
	totalcma_pages += cma->count;
	*res_cma = cma;
	cma_abi_publish();
	return 0;
}

int cma_declare_contiguous(phys_addr_t base, phys_addr_t size, phys_addr_t limit,
			   phys_addr_t alignment, unsigned int order_per_bit, bool fixed,
			   const char *name, struct cma **res_cma)
{
	phys_addr_t min_align = PAGE_SIZE << pageblock_order;
	int ret;

	if (cma_area_count == MAX_CMA_AREAS) {
		pr_err("Not enough slots for CMA reserved regions!\n");
		return -ENOSPC;
	}
	if (!size)
		return -EINVAL;
	if (alignment & (alignment - 1))
		return -EINVAL;
	alignment = max(alignment, min_align);
	base = ALIGN(base, alignment);
	size = ALIGN(size, alignment);
	limit &= ~(alignment - 1);
	if (!base)
		fixed = false;
	if (fixed && base + size > limit && limit)
		return -EINVAL;
	if (fixed) {
		if (memblock_is_region_reserved(base, size) || memblock_reserve(base, size) < 0)
			return -EBUSY;
	} else {
		phys_addr_t addr = memblock_phys_alloc_range(size, alignment, base,
							     limit ? limit : memblock_get_current_limit());

		if (!addr)
			return -ENOMEM;
		base = addr;
	}
	ret = cma_init_reserved_mem(base, size, order_per_bit, name, res_cma);
	if (ret) {
		memblock_free(base, size);
		return ret;
	}
	pr_info("Reserved %u MiB at 0x%08x\n", (unsigned int)(size >> 20), base);
	return 0;
}

/* ---- activation (after the buddy allocator is up) ---- */

/* Linux init_cma_reserved_pageblock(): one reserved pageblock becomes free MIGRATE_CMA memory. */
static void init_cma_reserved_pageblock(struct page *page)
{
	unsigned long i;

	for (i = 0; i < pageblock_nr_pages; i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	set_pageblock_migratetype(page, MIGRATE_CMA);
	set_page_count(page, 1);
	adjust_managed_page_count(page, (long)pageblock_nr_pages);
	__free_pages(page, pageblock_order);
}

void cma_init_reserved_areas(void)
{
	if (cma_activated)
		return;
	cma_activated = true;
	for (unsigned int i = 0; i < cma_area_count; i++) {
		struct cma *cma = &cma_areas[i];
		unsigned long pfn = cma->base_pfn, end = cma->base_pfn + cma->count;
		struct zone *zone = page_zone(pfn_to_page(pfn));

		/* Linux refuses an area that spans zones */
		if (page_zone(pfn_to_page(end - 1)) != zone) {
			pr_err("CMA area %s could not be activated\n", cma->name);
			bits_assign(cma->bitmap, 0, cma_bitmap_maxno(cma), true);
			continue;
		}
		for (; pfn < end; pfn += pageblock_nr_pages)
			init_cma_reserved_pageblock(pfn_to_page(pfn));
		pr_info("cma: %s: %lu KiB at pfn 0x%lx lent to the buddy allocator\n", cma->name,
			cma->count << (PAGE_SHIFT - 10), cma->base_pfn);
	}
	drain_all_pages(NULL);
}

/* ---- allocation ---- */

/* Linux cma_debug_show_areas(): the free runs as pages@offset, then the totals. */
static void cma_debug_show_areas(const struct cma *cma)
{
	unsigned long nbits = cma_bitmap_maxno(cma), i = 0;

	pr_info("number of available pages: ");
	while (i < nbits) {
		unsigned long start;

		while (i < nbits && bit_test(cma->bitmap, i))
			i++;
		if (i >= nbits)
			break;
		start = i;
		while (i < nbits && !bit_test(cma->bitmap, i))
			i++;
		pr_cont("%lu@%lu+", (i - start) << cma->order_per_bit, start << cma->order_per_bit);
	}
	pr_cont("=> %lu free of %lu total pages\n", cma_available_pages(cma), cma->count);
}

struct page *cma_alloc(struct cma *cma, size_t count, unsigned int align, bool no_warn)
{
	unsigned long mask, offset, pfn, start = 0, bitmap_maxno, bitmap_no, bitmap_count;
	struct page *page = NULL;
	unsigned long flags;
	int ret = -ENOMEM;

	if (!cma || !cma->count || !cma->bitmap)
		return NULL;
	if (!count)
		return NULL;
	if (align > CMA_ALIGNMENT)
		align = CMA_ALIGNMENT;
	mask = cma_bitmap_aligned_mask(cma, align);
	offset = cma_bitmap_aligned_offset(cma, align);
	bitmap_maxno = cma_bitmap_maxno(cma);
	bitmap_count = cma_bitmap_pages_to_bits(cma, count);
	if (bitmap_count > bitmap_maxno)
		return NULL;

	for (;;) {
		local_irq_save(flags);
		bitmap_no = find_zero_area(cma->bitmap, bitmap_maxno, start, bitmap_count, mask,
					   offset);
		if (bitmap_no >= bitmap_maxno) {
			local_irq_restore(flags);
			break;
		}
		bits_assign(cma->bitmap, bitmap_no, bitmap_count, true);
		local_irq_restore(flags);

		pfn = cma->base_pfn + (bitmap_no << cma->order_per_bit);
		ret = alloc_contig_range(pfn, pfn + count, MIGRATE_CMA,
					 GFP_KERNEL | (no_warn ? __GFP_NOWARN : 0));
		if (ret == 0) {
			page = pfn_to_page(pfn);
			break;
		}
		cma_clear_bitmap(cma, pfn, count);
		if (ret != -EBUSY)
			break;
		pr_debug("cma_alloc(): memory range at pfn 0x%lx is busy, retrying\n", pfn);
		/* try again a little further on */
		start = bitmap_no + mask + 1;
	}
	if (ret && !no_warn) {
		pr_err("cma_alloc: %s: alloc failed, req-size: %lu pages, ret: %d\n", cma->name,
		       (unsigned long)count, ret);
		cma_debug_show_areas(cma);
	}
	return page;
}

bool cma_release(struct cma *cma, const struct page *pages, unsigned int count)
{
	unsigned long pfn;

	if (!cma || !pages)
		return false;
	pfn = page_to_pfn(pages);
	if (pfn < cma->base_pfn || pfn >= cma->base_pfn + cma->count)
		return false;
	if (pfn + count > cma->base_pfn + cma->count) {
		pr_warn("cma_release: %s: %u pages at pfn 0x%lx run past the area\n", cma->name,
			count, pfn);
		return false;
	}
	free_contig_range(pfn, count);
	cma_clear_bitmap(cma, pfn, count);
	return true;
}
