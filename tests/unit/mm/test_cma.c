// SPDX-License-Identifier: MIT
/*
 * test_cma.c - CMA areas (Linux 5.11 mm/cma.c): declared from cma= and from
 * a /reserved-memory "shared-dma-pool" node, lent to the buddy allocator as
 * MIGRATE_CMA pageblocks that only movable allocations use, cma_alloc()
 * migrating the movable pages out of its range (alloc_contig_range()),
 * failing clearly when a page will not move, the bitmap, alignment and
 * cma_release().
 */
#include "mm_test.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include <mm/cma.h>

#include "mm/internal.h"

static int teardown(void **state)
{
	(void)state;
	mm_test_shutdown();
	return 0;
}

static bool in_area(const struct cma *cma, unsigned long pfn)
{
	return pfn >= cma->base_pfn && pfn < cma->base_pfn + cma->count;
}

static struct cma *boot_with_cma(void)
{
	struct cma *cma;

	mm_test_boot(64u << 20, "cma=16M");
	assert_int_equal(cma_area_count, 1);
	cma = &cma_areas[0];
	assert_ptr_equal(dma_contiguous_default_area, cma);
	return cma;
}

static void test_area_from_cmdline(void **state)
{
	struct zone *zone;
	struct cma *cma;

	(void)state;
	cma = boot_with_cma();
	zone = mm_test_zone(ZONE_NORMAL);
	assert_string_equal(cma->name, "reserved");
	assert_int_equal(cma->count, 4096);
	assert_int_equal(cma->order_per_bit, 0);
	assert_int_equal(cma->base_pfn % pageblock_nr_pages, 0);
	assert_true(zone_spans_pfn(zone, cma->base_pfn));
	assert_int_equal(totalcma_pages, 4096);
	for (unsigned long pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count;
	     pfn += pageblock_nr_pages)
		assert_int_equal(get_pageblock_migratetype(pfn_to_page(pfn)), MIGRATE_CMA);
	/* lent to the buddy allocator: free, counted as CMA, managed */
	drain_all_pages(NULL);
	assert_int_equal(zone_page_state(zone, NR_FREE_CMA_PAGES), 4096);
	assert_int_equal(cma_available_pages(cma), 4096);
	assert_int_equal(zone->free_area[MAX_ORDER - 1].nr_free >= 4, true);
	assert_false(PageReserved(pfn_to_page(cma->base_pfn)));
	/* the host finds it through mm_abi */
	assert_int_equal(mm_abi.nr_cma, 1);
	assert_int_equal(mm_abi.cma[0].base_pfn, cma->base_pfn);
	assert_int_equal(mm_abi.cma[0].count, 4096);
	assert_int_equal(mm_abi.cma[0].bitmap_pa, __pa(cma->bitmap));
	assert_string_equal(mm_abi.cma[0].name, "reserved");
	assert_invariants();
}

/*
 * Linux's rule: CMA free pages serve movable allocations only; the
 * watermark checks of everything else do not count them.
 */
static void test_only_movable_allocations_use_cma(void **state)
{
	static struct page *held[1u << 14];
	size_t n = 0;
	struct zone *zone;
	struct cma *cma;
	struct page *p;

	(void)state;
	cma = boot_with_cma();
	zone = mm_test_zone(ZONE_NORMAL);
	while ((p = alloc_pages(GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN, 0)) != NULL) {
		assert_false(in_area(cma, page_to_pfn(p)));
		held[n++] = p;
	}
	drain_all_pages(NULL);
	/* all that is left is the area */
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), 4096);
	assert_int_equal(zone_page_state(zone, NR_FREE_CMA_PAGES), 4096);
	assert_false(zone_watermark_ok(zone, 0, min_wmark_pages(zone), ZONE_NORMAL, 0));
	assert_true(zone_watermark_ok(zone, 0, min_wmark_pages(zone), ZONE_NORMAL, ALLOC_CMA));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0));
	p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0);
	assert_non_null(p);
	assert_true(in_area(cma, page_to_pfn(p)));
	assert_invariants();
	__free_pages(p, 0);
	while (n)
		__free_pages(held[--n], 0);
	assert_invariants();
}

/* Fill memory with mapped movable pages (the area's too), then unmap half of them. */
static void spread_movable(struct anon_set *s, struct cma *cma)
{
	struct zone *zone = mm_test_zone(ZONE_NORMAL);
	size_t in = 0;

	fake_pte_install_ops();
	anon_alloc(s, zone_page_state(zone, NR_FREE_PAGES) + 64);
	for (size_t i = 0; i < s->n; i++)
		in += in_area(cma, s->ptes[i]);
	assert_true(in > 3000);
	for (size_t i = 0; i < s->n; i++)
		if (i & 1)
			anon_unmap(s, i);
	drain_all_pages(NULL);
}

static void test_alloc_migrates_movable_pages(void **state)
{
	struct anon_set s;
	struct cma *cma;
	struct page *page;
	unsigned long migrated, pfn, cma_free;

	(void)state;
	cma = boot_with_cma();
	spread_movable(&s, cma);
	migrated = compact_stats.pgmigrate_success;
	page = cma_alloc(cma, 1024, 0, false);
	assert_non_null(page);
	pfn = page_to_pfn(page);
	assert_int_equal(pfn, cma->base_pfn);
	assert_true(compact_stats.pgmigrate_success - migrated > 100);
	for (unsigned long i = 0; i < 1024; i++) {
		struct page *p = page + i;

		assert_int_equal(page_count(p), 1);
		assert_false(PageBuddy(p) || PageLRU(p) || PagePcp(p));
	}
	/* every mapped page moved out, its data and PTE with it */
	for (size_t i = 0; i < s.n; i++)
		if (s.live[i])
			assert_false(s.ptes[i] >= pfn && s.ptes[i] < pfn + 1024);
	anon_verify(&s);
	assert_int_equal(cma_available_pages(cma), 4096 - 1024);
	assert_int_equal(mm_test_zone(ZONE_NORMAL)->nr_isolate_pageblock, 0);
	assert_int_equal(get_pageblock_migratetype(page), MIGRATE_CMA);
	assert_invariants();

	drain_all_pages(NULL);
	cma_free = zone_page_state(mm_test_zone(ZONE_NORMAL), NR_FREE_CMA_PAGES);
	assert_true(cma_release(cma, page, 1024));
	drain_all_pages(NULL);
	assert_int_equal(zone_page_state(mm_test_zone(ZONE_NORMAL), NR_FREE_CMA_PAGES),
			 cma_free + 1024);
	assert_int_equal(cma_available_pages(cma), 4096);
	assert_invariants();
	anon_free_all(&s);
}

static struct cma *fail_cma;
static struct page *fail_page;

static void alloc_whole_area(void)
{
	fail_page = cma_alloc(fail_cma, fail_cma->count, 0, false);
}

/*
 * A page that will not move pins the range: cma_alloc() fails, says which
 * PFNs were busy and why, and leaves the area as it was.
 */
static struct page *live_page_in(struct anon_set *s, unsigned long lo, unsigned long hi)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->live[i] && s->ptes[i] >= lo && s->ptes[i] < hi)
			return pfn_to_page(s->ptes[i]);
	return NULL;
}

static void test_alloc_fails_on_unmovable_page(void **state)
{
	static char buf[16384];
	struct anon_set s;
	struct cma *cma;
	struct page *pinned, *busy;
	char want[128];

	(void)state;
	cma = boot_with_cma();
	spread_movable(&s, cma);
	/* one page with a reference someone keeps (block 1), one pinned page (block 2) */
	busy = live_page_in(&s, cma->base_pfn + 1024, cma->base_pfn + 2048);
	pinned = live_page_in(&s, cma->base_pfn + 2048, cma->base_pfn + 3072);
	assert_non_null(busy);
	assert_non_null(pinned);
	get_page(busy);
	SetPagePinned(pinned);
	fail_cma = cma;

	mm_test_capture(buf, sizeof(buf), alloc_whole_area);
	assert_null(fail_page);
	snprintf(want, sizeof(want), "pfn:0x%lx ", page_to_pfn(busy));
	assert_non_null(strstr(buf, "alloc_contig_range: ["));
	assert_non_null(strstr(buf, "PFNs busy\n"));
	assert_non_null(strstr(buf, want));
	assert_non_null(strstr(buf, "page dumped because: migration failure\n"));
	assert_non_null(strstr(buf, "cma_alloc: reserved: alloc failed, req-size: 4096 pages, ret: -16\n"));
	assert_non_null(strstr(buf, "number of available pages: 4096@0+=> 4096 free of 4096 total pages\n"));
	/* nothing stays claimed or isolated */
	assert_int_equal(cma_available_pages(cma), 4096);
	assert_int_equal(mm_test_zone(ZONE_NORMAL)->nr_isolate_pageblock, 0);
	for (unsigned long pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count;
	     pfn += pageblock_nr_pages)
		assert_int_equal(get_pageblock_migratetype(pfn_to_page(pfn)), MIGRATE_CMA);
	assert_invariants();

	/* the reference dropped, the pinned page is what stops it */
	put_page(busy);
	mm_test_capture(buf, sizeof(buf), alloc_whole_area);
	assert_null(fail_page);
	snprintf(want, sizeof(want), "pfn:0x%lx ", page_to_pfn(pinned));
	assert_non_null(strstr(buf, want));
	assert_non_null(strstr(buf, "page dumped because: pinned\n"));

	/*
	 * Retrying past the busy range: with the first two blocks taken, every
	 * 1024-page run from the third block's start up to the pinned page is
	 * busy; the first one after it is the answer.
	 */
	{
		struct page *low = cma_alloc(cma, 2048, 0, false);
		struct page *p;

		assert_non_null(low);
		p = cma_alloc(cma, 1024, 0, true);
		assert_non_null(p);
		assert_int_equal(page_to_pfn(p), page_to_pfn(pinned) + 1);
		assert_true(cma_release(cma, p, 1024));
		assert_true(cma_release(cma, low, 2048));
	}
	ClearPagePinned(pinned);
	assert_invariants();
	anon_free_all(&s);
}

static void test_bitmap_alignment_release(void **state)
{
	struct cma *cma;
	struct page *a, *b, *c, *d, *other;
	unsigned long base;

	(void)state;
	cma = boot_with_cma();
	base = cma->base_pfn;
	a = cma_alloc(cma, 1, 0, false);
	assert_int_equal(page_to_pfn(a), base);
	b = cma_alloc(cma, 16, 4, false);       /* 2^4-page aligned */
	assert_int_equal(page_to_pfn(b), base + 16);
	c = cma_alloc(cma, 3, 0, false);        /* the first gap that fits */
	assert_int_equal(page_to_pfn(c), base + 1);
	assert_int_equal(cma_available_pages(cma), 4096 - 20);
	assert_true(cma_release(cma, a, 1));
	d = cma_alloc(cma, 1, 0, false);
	assert_ptr_equal(d, a);
	/* alignment above CMA_ALIGNMENT is capped: 2^8 pages */
	{
		struct page *e = cma_alloc(cma, 1, 12, false);

		assert_int_equal(page_to_pfn(e) - base, 256);
		assert_true(cma_release(cma, e, 1));
	}
	/* too big, or not ours */
	assert_null(cma_alloc(cma, 4097, 0, true));
	other = alloc_pages(GFP_KERNEL, 0);
	assert_false(cma_release(cma, other, 1));
	__free_pages(other, 0);
	assert_true(cma_release(cma, b, 16));
	assert_true(cma_release(cma, c, 3));
	assert_true(cma_release(cma, d, 1));
	assert_int_equal(cma_available_pages(cma), 4096);
	assert_invariants();
}

/* ---- from the device tree ---- */

static char blob[4096];

static void prop_cells(void *fdt, const char *name, const uint32_t *cells, int n)
{
	fdt32_t be[8];

	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	assert_int_equal(fdt_property(fdt, name, be, n * 4), 0);
}

static size_t build_tree(void)
{
	void *fdt = blob;

	assert_int_equal(fdt_create(fdt, sizeof(blob)), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	prop_cells(fdt, "#address-cells", (uint32_t[]){ 1 }, 1);
	prop_cells(fdt, "#size-cells", (uint32_t[]){ 1 }, 1);
	assert_int_equal(fdt_begin_node(fdt, "memory@50000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x50000000, 0x04000000 }, 2);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "reserved-memory"), 0);
	prop_cells(fdt, "#address-cells", (uint32_t[]){ 1 }, 1);
	prop_cells(fdt, "#size-cells", (uint32_t[]){ 1 }, 1);
	assert_int_equal(fdt_property(fdt, "ranges", NULL, 0), 0);
	/* the default pool: 8 MiB somewhere in [0x52000000, 0x53000000) */
	assert_int_equal(fdt_begin_node(fdt, "linux,cma"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "shared-dma-pool"), 0);
	assert_int_equal(fdt_property(fdt, "reusable", NULL, 0), 0);
	prop_cells(fdt, "size", (uint32_t[]){ 0x00800000 }, 1);
	prop_cells(fdt, "alignment", (uint32_t[]){ 0x00400000 }, 1);
	prop_cells(fdt, "alloc-ranges", (uint32_t[]){ 0x52000000, 0x01000000 }, 2);
	assert_int_equal(fdt_property(fdt, "linux,cma-default", NULL, 0), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	/* a static pool, not the default */
	assert_int_equal(fdt_begin_node(fdt, "vpu@53800000"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "shared-dma-pool"), 0);
	assert_int_equal(fdt_property(fdt, "reusable", NULL, 0), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x53800000, 0x00400000 }, 2);
	assert_int_equal(fdt_end_node(fdt), 0);
	/* no-map: not CMA, whatever it says */
	assert_int_equal(fdt_begin_node(fdt, "fw@51000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "shared-dma-pool"), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x51000000, 0x00400000 }, 2);
	assert_int_equal(fdt_property(fdt, "no-map", NULL, 0), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "chosen"), 0);
	assert_int_equal(fdt_property_string(fdt, "bootargs", "cma=32M"), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt_totalsize(fdt);
}

static void test_areas_from_reserved_memory(void **state)
{
	struct mm_test_cfg cfg = { .size = 64u << 20 };
	struct cma *def;

	(void)state;
	cfg.dtb = blob;
	cfg.dtb_size = build_tree();
	mm_test_boot_cfg(&cfg);
	/* the device tree's default wins over cma= */
	assert_int_equal(cma_area_count, 2);
	def = dma_contiguous_default_area;
	assert_non_null(def);
	assert_string_equal(def->name, "linux,cma");
	assert_int_equal(def->count, 2048);
	assert_true(def->base_pfn >= 0x52000 && def->base_pfn + def->count <= 0x53000);
	assert_int_equal(def->base_pfn % pageblock_nr_pages, 0);
	assert_string_equal(cma_areas[1].name, "vpu@53800000");
	assert_int_equal(cma_areas[1].base_pfn, 0x53800);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(0x53800)), MIGRATE_CMA);
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(def->base_pfn)), MIGRATE_CMA);
	assert_int_equal(totalcma_pages, 3072);
	assert_int_equal(mm_abi.nr_cma, 2);
	assert_non_null(cma_alloc(def, 64, 6, false));
	assert_invariants();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_area_from_cmdline, teardown),
		cmocka_unit_test_teardown(test_only_movable_allocations_use_cma, teardown),
		cmocka_unit_test_teardown(test_alloc_migrates_movable_pages, teardown),
		cmocka_unit_test_teardown(test_alloc_fails_on_unmovable_page, teardown),
		cmocka_unit_test_teardown(test_bitmap_alignment_release, teardown),
		cmocka_unit_test_teardown(test_areas_from_reserved_memory, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
