// SPDX-License-Identifier: MIT
/*
 * test_buddy.c - the buddy allocator: split and merge, per-cpu lists,
 * watermarks, GFP zone selection, migratetype fallback and stealing,
 * compound pages, zone sizing, nodes, reports and the mm_abi descriptor.
 */
#include "mm_test.h"

#include "mm/internal.h"

#include <stdlib.h>
#include <string.h>

#define pageblock_start_pfn(pfn) ((pfn) & ~(pageblock_nr_pages - 1))

static int teardown(void **state)
{
	(void)state;
	mm_test_shutdown();
	return 0;
}

static void snapshot(struct zone *zone, unsigned long nr[MAX_ORDER])
{
	for (int o = 0; o < MAX_ORDER; o++)
		nr[o] = zone->free_area[o].nr_free;
}

static int count_blocks(struct zone *zone, int mt)
{
	int n = 0;

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages)
		n += get_pageblock_migratetype(pfn_to_page(pfn)) == mt;
	return n;
}

/* ---- boot ---- */

static void test_boot_layout(void **state)
{
	struct zone *normal;
	phys_addr_t ks, ke;
	unsigned long pfn, free, reserved = 0;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	normal = mm_test_zone(ZONE_NORMAL);
	assert_int_equal(normal->zone_start_pfn, TEST_RAM_BASE >> PAGE_SHIFT);
	assert_int_equal(normal->spanned_pages, 16384);
	assert_int_equal(normal->present_pages, 16384);
	assert_false(populated_zone(mm_test_zone(ZONE_MOVABLE)));
	assert_false(populated_zone(mm_test_zone(ZONE_HIGHMEM)));
	assert_false(populated_zone(mm_test_zone(ZONE_DMA)));
	/* everything not reserved went to the buddy allocator */
	for (pfn = normal->zone_start_pfn; pfn < zone_end_pfn(normal); pfn++)
		reserved += PageReserved(pfn_to_page(pfn));
	assert_int_equal(normal->managed_pages, 16384 - reserved);
	assert_int_equal(totalram_pages(), normal->managed_pages);
	free = mm_test_free_pages();
	assert_int_equal(free, normal->managed_pages);
	/* the kernel image is reserved and marked */
	arch_kernel_image(&ks, &ke);
	for (pfn = ks >> PAGE_SHIFT; pfn < ke >> PAGE_SHIFT; pfn++) {
		assert_true(PageReserved(pfn_to_page(pfn)));
		assert_true(PageKernel(pfn_to_page(pfn)));
	}
	assert_false(PageKernel(pfn_to_page(TEST_RAM_BASE >> PAGE_SHIFT)));
	/* memblock refuses from now on */
	assert_true(memblock_released());
	assert_null(memblock_alloc(64, 8));
	assert_int_equal(memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE), 0);
	assert_invariants();
}

static void test_mm_abi(void **state)
{
	struct page *p;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	assert_int_equal(mm_abi.magic, MM_ABI_MAGIC);
	assert_int_equal(mm_abi.version, MM_ABI_VERSION);
	assert_int_equal(mm_abi.size, sizeof(struct mm_abi));
	assert_int_equal(mm_abi.phase, MM_PHASE_BUDDY);
	assert_int_equal(mm_phase(), MM_PHASE_BUDDY);
	assert_int_equal(mm_abi.page_struct_size, 32);
	assert_int_equal(mm_abi.max_order, MAX_ORDER);
	assert_int_equal(mm_abi.pageblock_order, pageblock_order);
	assert_int_equal(mm_abi.mem_map_pa, __pa(mem_map));
	assert_int_equal(mm_abi.pfn_base, mem_map_pfn_base);
	assert_int_equal(mm_abi.nr_pages, max_mapnr);
	assert_int_equal(mm_abi.pageblock_flags_pa, __pa(pageblock_flags));
	assert_int_equal(mm_abi.kernel_start_pfn, TEST_KERNEL_START >> PAGE_SHIFT);
	assert_int_equal(mm_abi.lowmem_limit_pfn, (TEST_RAM_BASE + (64u << 20)) >> PAGE_SHIFT);
	assert_int_equal(mm_abi.nr_memory, 1);
	assert_int_equal(mm_abi.memory[0].base, TEST_RAM_BASE);
	assert_true(mm_abi.nr_reserved >= 1);
	assert_string_equal(mm_abi.zones[ZONE_NORMAL].name, "Normal");
	assert_int_equal(mm_abi.zones[ZONE_NORMAL].managed_pages,
			 mm_test_zone(ZONE_NORMAL)->managed_pages);
	/* free counts follow every change */
	p = alloc_pages(GFP_KERNEL, 7);
	assert_non_null(p);
	for (int o = 0; o < MAX_ORDER; o++)
		assert_int_equal(mm_abi.zones[ZONE_NORMAL].nr_free[o],
				 mm_test_zone(ZONE_NORMAL)->free_area[o].nr_free);
	__free_pages(p, 7);
	assert_invariants();
	/* a slab cache entry */
	assert_int_equal(mm_abi_update_cache(3, "kmalloc-64", 64, 0, 10, 1), 0);
	assert_int_equal(mm_abi.nr_caches, 4);
	assert_string_equal(mm_abi.caches[3].name, "kmalloc-64");
	assert_int_equal(mm_abi_update_cache(MM_ABI_MAX_CACHES, "x", 1, 0, 0, 0), -ENOSPC);
	mm_abi_remove_cache(3);
	assert_int_equal(mm_abi.nr_caches, 0);
}

/* ---- split and merge ---- */

static void test_split_and_merge(void **state)
{
	struct zone *zone;
	unsigned long before[MAX_ORDER], after[MAX_ORDER];
	struct page *p;
	int smallest = -1;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1); /* order-0 frees go straight to the buddy lists */
	snapshot(zone, before);
	for (int o = 1; o < MAX_ORDER && smallest < 0; o++)
		if (before[o])
			smallest = o;
	assert_true(smallest > 0);
	/* an order-1 allocation splits the smallest free block above it */
	p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 1);
	assert_non_null(p);
	assert_false(PageBuddy(p));
	assert_int_equal(page_ref_count(p), 1);
	snapshot(zone, after);
	if (smallest == 1) {
		assert_int_equal(after[1], before[1] - 1);
	} else {
		assert_int_equal(after[smallest], before[smallest] - 1);
		for (int o = 1; o < smallest; o++)
			assert_int_equal(after[o], before[o] + 1);
	}
	assert_invariants();
	/* freeing merges everything back */
	__free_pages(p, 1);
	snapshot(zone, after);
	assert_memory_equal(before, after, sizeof(before));
	assert_invariants();
}

/* A freed buddy pair always coalesces, whichever half goes first. */
static void test_buddy_pair_coalesces(void **state)
{
	struct zone *zone;
	unsigned long before[MAX_ORDER], after[MAX_ORDER];

	(void)state;
	mm_test_boot(64u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	snapshot(zone, before);
	for (int first = 0; first < 2; first++) {
		struct page *p = alloc_pages(GFP_KERNEL, 1);
		unsigned long pfn;

		assert_non_null(p);
		pfn = page_to_pfn(p);
		assert_int_equal(pfn & 1, 0);
		split_page(p, 1);
		__free_pages(p + first, 0);
		/* one half free at order 0, its buddy still in use */
		assert_true(PageBuddy(p + first));
		assert_int_equal(page_private(p + first), 0);
		assert_invariants();
		__free_pages(p + !first, 0);
		/* merged: neither half is an order-0 free head any more */
		assert_false(PageBuddy(p + 1) && page_private(p + 1) == 0);
		assert_false(PageBuddy(p) && page_private(p) == 0);
		snapshot(zone, after);
		assert_memory_equal(before, after, sizeof(before));
		assert_invariants();
	}
}

/* Many orders allocated and freed in a scrambled order end as they began. */
static void test_scrambled_free_restores(void **state)
{
	struct zone *zone;
	unsigned long before[MAX_ORDER], after[MAX_ORDER];
	struct page *pages[300];
	unsigned int orders[300];
	uint32_t seed = 12345;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	snapshot(zone, before);
	for (int i = 0; i < 300; i++) {
		orders[i] = test_rand(&seed) % 6;
		pages[i] = alloc_pages(GFP_KERNEL, orders[i]);
		assert_non_null(pages[i]);
	}
	assert_invariants();
	for (int i = 299; i > 0; i--) {
		int j = (int)(test_rand(&seed) % (uint32_t)(i + 1));
		struct page *tp = pages[i];
		unsigned int to = orders[i];

		pages[i] = pages[j];
		orders[i] = orders[j];
		pages[j] = tp;
		orders[j] = to;
	}
	for (int i = 0; i < 300; i++) {
		__free_pages(pages[i], orders[i]);
		if (i % 50 == 0)
			assert_invariants();
	}
	snapshot(zone, after);
	assert_memory_equal(before, after, sizeof(before));
	assert_invariants();
}

/* ---- per-cpu lists ---- */

static void test_pcp_batching(void **state)
{
	struct zone *zone;
	struct page *pages[20];
	unsigned long free0, drains;
	int on_pcp = 0;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 12, 4);
	drain_all_pages(NULL);
	free0 = zone_page_state(zone, NR_FREE_PAGES);
	/* the first order-0 allocation refills the list with a batch */
	pages[0] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	assert_non_null(pages[0]);
	assert_int_equal(zone->pcp.count, 3);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), free0 - 4);
	assert_false(PagePcp(pages[0]));
	for (int i = 1; i < 20; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	assert_int_equal(zone->pcp.count, 0);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), free0 - 20);
	/* frees collect on the list; at `high` a batch goes back to the buddy lists */
	drains = alloc_stats.pcp_drain;
	for (int i = 0; i < 11; i++)
		__free_pages(pages[i], 0);
	assert_int_equal(zone->pcp.count, 11);
	assert_int_equal(alloc_stats.pcp_drain, drains);
	assert_true(PagePcp(pages[10]));
	assert_int_equal(pages[10]->index, MIGRATE_MOVABLE);
	assert_false(PageBuddy(pages[10]));
	__free_pages(pages[11], 0);
	assert_int_equal(zone->pcp.count, 8);
	assert_int_equal(alloc_stats.pcp_drain, drains + 1);
	/* the coldest (first freed) pages went back */
	assert_false(PagePcp(pages[0]));
	assert_true(PagePcp(pages[11]));
	for (int i = 12; i < 20; i++)
		__free_pages(pages[i], 0);
	assert_int_equal(zone->pcp.count, 8);
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
		on_pcp += PagePcp(pfn_to_page(pfn));
	assert_int_equal(on_pcp, 8);
	/* pcp pages do not count as free in the buddy statistics */
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), free0 - 8);
	assert_invariants();
	drain_all_pages(zone);
	assert_int_equal(zone->pcp.count, 0);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), free0);
	assert_invariants();
}

/* Linux's zone_batchsize(): about 1/4 MiB per GiB, 2^n - 1, high = 6 * batch. */
static void test_pcp_sizes(void **state)
{
	struct zone *zone;

	(void)state;
	mm_test_boot(256u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	/* 256 MiB: managed/1024 = 63 -> /4 = 15 -> rounddown_pow_of_two(22) - 1 = 15 */
	assert_int_equal(zone->pcp.batch, 15);
	assert_int_equal(zone->pcp.high, 90);
}

/* ---- watermarks ---- */

static void test_watermark_ok_thresholds(void **state)
{
	struct zone *z;

	(void)state;
	mm_test_boot(64u << 20, "movablecore=16M");
	z = mm_test_zone(ZONE_NORMAL);
	z->nr_reserved_highatomic = 0;
	assert_int_equal(z->lowmem_reserve[ZONE_NORMAL], 0);
	assert_true(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, 0, 101));
	assert_false(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, 0, 100));
	/* __GFP_HIGH: half the mark */
	assert_true(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_HIGH, 51));
	assert_false(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_HIGH, 50));
	/* atomic: a further quarter */
	assert_true(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER, 39));
	assert_false(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_HIGH | ALLOC_HARDER, 38));
	assert_true(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_HARDER, 76));
	assert_false(__zone_watermark_ok(z, 0, 100, ZONE_NORMAL, ALLOC_HARDER, 75));
	/* an allocation that could use ZONE_MOVABLE must leave the lowmem reserve */
	assert_true(z->lowmem_reserve[ZONE_MOVABLE] > 0);
	assert_false(__zone_watermark_ok(z, 0, 100, ZONE_MOVABLE, 0,
					 100 + z->lowmem_reserve[ZONE_MOVABLE]));
	assert_true(__zone_watermark_ok(z, 0, 100, ZONE_MOVABLE, 0,
					101 + z->lowmem_reserve[ZONE_MOVABLE]));
	/* order > 0 needs a large enough block as well */
	assert_true(__zone_watermark_ok(z, 10, 100, ZONE_NORMAL, 0, 5000));
	assert_false(__zone_watermark_ok(z, 10, 100, ZONE_NORMAL, 0, 1000 + 100));
}

static void test_watermark_refusals(void **state)
{
	struct zone *zone;
	unsigned long nowait = 0, atomic = 0, memalloc = 0;
	unsigned long min;
	struct page **held;
	size_t n = 0;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	held = calloc(zone->managed_pages + 1, sizeof(*held));
	/* no reclaim: stops at the min watermark */
	for (;;) {
		struct page *p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0);

		if (!p)
			break;
		held[n++] = p;
		nowait++;
	}
	/* read now: the first unmovable fallback boosted the watermarks */
	min = min_wmark_pages(zone);
	assert_true(zone_page_state(zone, NR_FREE_PAGES) <= min);
	assert_true(zone_page_state(zone, NR_FREE_PAGES) >= min - 1);
	/* GFP_ATOMIC (__GFP_HIGH, harder) dips lower: to 3/8 of min */
	for (;;) {
		struct page *p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);

		if (!p)
			break;
		held[n++] = p;
		atomic++;
	}
	assert_true(atomic > 0);
	assert_true(zone_page_state(zone, NR_FREE_PAGES) <= min - min / 2 - (min - min / 2) / 4);
	/* __GFP_MEMALLOC ignores the watermarks altogether */
	for (;;) {
		struct page *p = alloc_pages(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN, 0);

		if (!p)
			break;
		held[n++] = p;
		memalloc++;
	}
	assert_true(memalloc > 0);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), 0);
	assert_true(nowait > atomic);
	assert_invariants();
	while (n)
		__free_pages(held[--n], 0);
	free(held);
	assert_int_equal(mm_test_free_pages(), zone->managed_pages);
	assert_invariants();
}

/* min_free_kbytes = int_sqrt(lowmem_kbytes * 16); low/high gaps as Linux. */
static void test_min_free_kbytes(void **state)
{
	struct zone *zone;
	unsigned long managed, kbytes, want, tmp, gap;

	(void)state;
	mm_test_boot(256u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	managed = zone->managed_pages;
	kbytes = managed * 4;
	want = 0;
	while ((want + 1) * (want + 1) <= kbytes * 16)
		want++;
	assert_int_equal(min_free_kbytes, want);
	assert_int_equal(min_wmark_pages(zone), (unsigned long)min_free_kbytes / 4);
	tmp = min_wmark_pages(zone);
	gap = tmp / 4 > managed * 10 / 10000 ? tmp / 4 : managed * 10 / 10000;
	assert_int_equal(low_wmark_pages(zone), tmp + gap);
	assert_int_equal(high_wmark_pages(zone), tmp + 2 * gap);
}

/* ---- zones ---- */

static const struct mm_test_cfg zoned_cfg = {
	.size = 64u << 20,
	.dma_size = 8u << 20,
	/* lowmem 32 MiB: the vmalloc area gets the rest of the address space */
	.bootargs = "vmalloc=1000M movablecore=8M",
};

static void test_zone_layout(void **state)
{
	(void)state;
	mm_test_boot_cfg(&zoned_cfg);
	assert_int_equal(arm_lowmem_limit, TEST_RAM_BASE + (32u << 20));
	assert_int_equal(mm_test_zone(ZONE_DMA)->zone_start_pfn, 0x50000);
	assert_int_equal(mm_test_zone(ZONE_DMA)->spanned_pages, 2048);
	assert_int_equal(mm_test_zone(ZONE_NORMAL)->zone_start_pfn, 0x50800);
	assert_int_equal(mm_test_zone(ZONE_NORMAL)->spanned_pages, 6144);
	assert_int_equal(mm_test_zone(ZONE_HIGHMEM)->zone_start_pfn, 0x52000);
	assert_int_equal(mm_test_zone(ZONE_HIGHMEM)->spanned_pages, 6144);
	assert_int_equal(mm_test_zone(ZONE_MOVABLE)->zone_start_pfn, 0x53800);
	assert_int_equal(mm_test_zone(ZONE_MOVABLE)->spanned_pages, 2048);
	assert_int_equal(movable_zone, ZONE_HIGHMEM);
	assert_true(is_highmem(mm_test_zone(ZONE_MOVABLE)));
	assert_true(PageHighMem(pfn_to_page(0x52000)));
	assert_false(PageHighMem(pfn_to_page(0x51fff)));
	assert_int_equal(totalhigh_pages(), mm_test_zone(ZONE_HIGHMEM)->managed_pages +
					      mm_test_zone(ZONE_MOVABLE)->managed_pages);
	/* zonelist: HIGHMEM -> NORMAL -> DMA, with MOVABLE on top */
	{
		struct zonelist *zl = node_zonelist(0, GFP_KERNEL);

		assert_int_equal(zl->_zonerefs[0].zone_idx, ZONE_MOVABLE);
		assert_int_equal(zl->_zonerefs[1].zone_idx, ZONE_HIGHMEM);
		assert_int_equal(zl->_zonerefs[2].zone_idx, ZONE_NORMAL);
		assert_int_equal(zl->_zonerefs[3].zone_idx, ZONE_DMA);
		assert_null(zl->_zonerefs[4].zone);
	}
	assert_invariants();
}

static void test_gfp_zone_selection(void **state)
{
	static const struct {
		gfp_t gfp;
		int zone;
	} cases[] = {
		{ GFP_KERNEL, ZONE_NORMAL },
		{ GFP_ATOMIC, ZONE_NORMAL },
		{ GFP_KERNEL | __GFP_MOVABLE, ZONE_NORMAL },
		{ GFP_DMA | GFP_KERNEL, ZONE_DMA },
		{ __GFP_DMA | __GFP_MOVABLE | GFP_KERNEL, ZONE_DMA },
		{ GFP_HIGHUSER, ZONE_HIGHMEM },
		{ GFP_HIGHUSER_MOVABLE, ZONE_MOVABLE },
		{ GFP_USER, ZONE_NORMAL },
	};

	(void)state;
	mm_test_boot_cfg(&zoned_cfg);
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		struct page *p;

		assert_int_equal(gfp_zone(cases[i].gfp), cases[i].zone);
		p = alloc_pages(cases[i].gfp, 0);
		assert_non_null(p);
		assert_int_equal(page_zonenum(p), cases[i].zone);
		assert_int_equal(PageHighMem(p), is_highmem_idx(cases[i].zone));
		assert_int_equal(get_page_alloc_mt(p), gfp_migratetype(cases[i].gfp));
		if (PageHighMem(p))
			assert_null(page_address(p));
		else
			assert_ptr_equal(page_address(p), __va(page_to_phys(p)));
		__free_pages(p, 0);
	}
	/* __get_free_pages() wants an address: never highmem */
	{
		unsigned long a = __get_free_pages(GFP_HIGHUSER, 0);

		assert_true(a != 0);
		assert_int_equal(page_zonenum(virt_to_page((void *)a)), ZONE_NORMAL);
		free_pages(a, 0);
	}
	assert_invariants();
}

/* Without a DMA zone __GFP_DMA means ZONE_NORMAL; DMA32 is always NORMAL. */
static void test_gfp_zone_no_dma(void **state)
{
	struct page *p;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	assert_false(zone_dma_enabled);
	assert_int_equal(gfp_zone(GFP_DMA), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_DMA32), ZONE_NORMAL);
	p = alloc_pages(GFP_KERNEL | GFP_DMA, 2);
	assert_non_null(p);
	assert_int_equal(page_zonenum(p), ZONE_NORMAL);
	__free_pages(p, 2);
	{
		unsigned long a = get_dma_pages(GFP_KERNEL, 1);

		assert_true(a != 0);
		free_pages(a, 1);
	}
}

/* Allocations fall back down the zonelist; GFP_KERNEL never gets ZONE_MOVABLE. */
static void test_zone_fallback(void **state)
{
	struct page **held;
	size_t n = 0, cap = 20000;
	bool saw_normal = false;

	(void)state;
	mm_test_boot_cfg(&zoned_cfg);
	held = calloc(cap, sizeof(*held));
	/* highmem requests spill into NORMAL, then DMA, never MOVABLE */
	for (;;) {
		struct page *p = alloc_pages(GFP_NOWAIT | __GFP_HIGHMEM | __GFP_NOWARN, 0);

		if (!p)
			break;
		assert_true(n < cap);
		held[n++] = p;
		assert_int_not_equal(page_zonenum(p), ZONE_MOVABLE);
		if (page_zonenum(p) == ZONE_NORMAL)
			saw_normal = true;
		if (page_zonenum(p) != ZONE_HIGHMEM)
			/* the higher zone must be at its watermark by now */
			assert_true(zone_page_state(mm_test_zone(ZONE_HIGHMEM), NR_FREE_PAGES) <=
				    low_wmark_pages(mm_test_zone(ZONE_HIGHMEM)));
	}
	assert_true(saw_normal);
	/* the movable zone is untouched and still serves movable requests */
	assert_true(zone_page_state(mm_test_zone(ZONE_MOVABLE), NR_FREE_PAGES) >
		    mm_test_zone(ZONE_MOVABLE)->managed_pages - 64);
	{
		struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);

		assert_non_null(p);
		assert_int_equal(page_zonenum(p), ZONE_MOVABLE);
		__free_pages(p, 0);
	}
	assert_invariants();
	while (n)
		__free_pages(held[--n], 0);
	free(held);
	assert_invariants();
}

static void test_movablecore_kernelcore(void **state)
{
	static const struct {
		const char *args;
		unsigned long movable_pages;
	} cases[] = {
		{ "movablecore=16M", 4096 },
		{ "kernelcore=48M", 4096 },
		{ "movablecore=25%", 4096 },
		{ "kernelcore=75%", 4096 },
		{ "movablecore=3M", 1024 }, /* rounded up to MAX_ORDER blocks */
		{ "kernelcore=64M", 0 },
		{ "", 0 },
	};

	(void)state;
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		struct zone *mz;

		mm_test_boot(64u << 20, cases[i].args);
		mz = mm_test_zone(ZONE_MOVABLE);
		assert_int_equal(mz->spanned_pages, cases[i].movable_pages);
		assert_int_equal(mm_test_zone(ZONE_NORMAL)->spanned_pages,
				 16384 - cases[i].movable_pages);
		if (cases[i].movable_pages)
			assert_int_equal(mz->zone_start_pfn % MAX_ORDER_NR_PAGES, 0);
		assert_invariants();
		mm_test_shutdown();
	}
}

/* ---- migratetype fallback and stealing ---- */

static void test_fallback_steals_whole_block(void **state)
{
	struct zone *zone;
	struct page *p;
	int mt;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	assert_int_equal(count_blocks(zone, MIGRATE_UNMOVABLE), 0);
	/* every pageblock starts movable: an unmovable request must fall back */
	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	mt = get_pageblock_migratetype(p);
	assert_int_equal(mt, MIGRATE_UNMOVABLE);
	assert_int_equal(count_blocks(zone, MIGRATE_UNMOVABLE), 1);
	assert_true(alloc_stats.fallback >= 1);
	assert_true(alloc_stats.steal >= 1);
	assert_int_equal(get_page_alloc_mt(p), MIGRATE_UNMOVABLE);
	/* later unmovable requests use that block, no more stealing */
	{
		unsigned long steals = alloc_stats.steal;
		struct page *q = alloc_pages(GFP_KERNEL, 2);

		assert_int_equal(get_pageblock_migratetype(q), MIGRATE_UNMOVABLE);
		assert_int_equal(alloc_stats.steal, steals);
		__free_pages(q, 2);
	}
	/* reclaimable requests fall back to UNMOVABLE first (fallbacks[]), stealing its free pages */
	{
		struct page *r = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 0);

		assert_non_null(r);
		assert_int_equal(get_page_alloc_mt(r), MIGRATE_RECLAIMABLE);
		assert_int_equal(get_pageblock_migratetype(r), MIGRATE_RECLAIMABLE);
		__free_pages(r, 0);
	}
	__free_pages(p, 0);
	assert_invariants();
}

/*
 * A movable request that may only take a small fragment of an unmovable
 * block takes just that (can_steal_fallback() is false below order 5):
 * the block stays unmovable.  A large fragment makes it claim the block.
 */
static void test_fallback_small_does_not_steal(void **state)
{
	struct zone *zone;
	struct page **mov, *u[1024];
	unsigned long blk, pfn;
	size_t n = 0, cap;
	int nu = 0;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	/* make one unmovable pageblock and fill it with unmovable pages */
	u[nu++] = alloc_pages(GFP_KERNEL, 0);
	blk = pageblock_start_pfn(page_to_pfn(u[0]));
	while (nu < 1024) {
		struct page *p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0);

		assert_non_null(p);
		if (pageblock_start_pfn(page_to_pfn(p)) != blk) {
			__free_pages(p, 0);
			break;
		}
		u[nu++] = p;
	}
	/* free every other one: only order-0 holes remain in the block */
	for (int i = 0; i < nu; i++) {
		if (page_to_pfn(u[i]) & 1) {
			__free_pages(u[i], 0);
			u[i] = NULL;
		}
	}
	assert_int_equal(get_pageblock_migratetype(pfn_to_page(blk)), MIGRATE_UNMOVABLE);
	/* use up the movable lists, then some more */
	cap = zone->managed_pages;
	mov = calloc(cap, sizeof(*mov));
	for (;;) {
		struct page *p = alloc_pages(GFP_NOWAIT | __GFP_MOVABLE | __GFP_NOWARN, 0);

		if (!p)
			break;
		mov[n++] = p;
		if (pageblock_start_pfn(page_to_pfn(p)) == blk)
			break;
	}
	assert_true(n > 0);
	pfn = page_to_pfn(mov[n - 1]);
	assert_int_equal(pageblock_start_pfn(pfn), blk);
	/* a movable page inside a block that stays unmovable */
	assert_int_equal(get_page_alloc_mt(mov[n - 1]), MIGRATE_MOVABLE);
	assert_int_equal(get_pageblock_migratetype(mov[n - 1]), MIGRATE_UNMOVABLE);
	assert_invariants();
	while (n)
		__free_pages(mov[--n], 0);
	for (int i = 0; i < nu; i++)
		if (u[i])
			__free_pages(u[i], 0);
	free(mov);
	assert_invariants();
}

/* ---- compound pages, bad pages ---- */

static void test_compound_pages(void **state)
{
	struct page *p;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	p = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	assert_non_null(p);
	assert_true(PageHead(p));
	assert_int_equal(compound_order(p), 3);
	for (int i = 1; i < 8; i++) {
		assert_true(PageTail(p + i));
		assert_int_equal(p[i].private, page_idx(p));
		assert_ptr_equal(compound_head(p + i), p);
		assert_int_equal(page_ref_count(p + i), 0);
	}
	get_page(p + 5); /* a tail reference lands on the head */
	assert_int_equal(page_count(p), 2);
	put_page(p + 5);
	put_page(p); /* the last reference frees all 8 pages */
	for (int i = 0; i < 8; i++)
		assert_false(PageTail(p + i) || PageHead(p + i));
	assert_int_equal(mm_test_free_pages(), mm_test_zone(ZONE_NORMAL)->managed_pages);
	assert_invariants();
}

static void test_bad_page_detected(void **state)
{
	struct page *p;
	unsigned long bad;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	p = alloc_pages(GFP_KERNEL, 2);
	__free_pages(p, 2);
	bad = bad_page_count;
	/* a double free is reported, not merged twice */
	set_page_count(p, 1);
	__free_pages(p, 2);
	assert_int_equal(bad_page_count, bad + 1);
	assert_invariants();
	/* a page still marked slab or mapped is reported and leaked */
	p = alloc_pages(GFP_KERNEL, 0);
	SetPageSlab(p);
	__free_pages(p, 0);
	assert_int_equal(bad_page_count, bad + 2);
	p = alloc_pages(GFP_KERNEL, 0);
	p->_mapcount = 0;
	__free_pages(p, 0);
	assert_int_equal(bad_page_count, bad + 3);
	assert_invariants();
}

static void test_zeroed_and_exact(void **state)
{
	unsigned long a;
	void *x;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	a = __get_free_pages(GFP_KERNEL, 0);
	memset((void *)a, 0xaa, PAGE_SIZE);
	free_pages(a, 0);
	a = get_zeroed_page(GFP_KERNEL);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(((unsigned char *)a)[i], 0);
	free_page(a);
	/* 5 pages from an order-3 block: the other 3 come back at once */
	x = alloc_pages_exact(5 * PAGE_SIZE, GFP_KERNEL);
	assert_non_null(x);
	assert_int_equal(mm_test_free_pages(), mm_test_zone(ZONE_NORMAL)->managed_pages - 5);
	free_pages_exact(x, 5 * PAGE_SIZE);
	assert_int_equal(mm_test_free_pages(), mm_test_zone(ZONE_NORMAL)->managed_pages);
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
	assert_invariants();
}

/* ---- nodes ---- */

static void test_second_node(void **state)
{
	struct mm_test_cfg cfg = { .size = 32u << 20, .node1_size = 32u << 20 };
	struct zonelist *zl;
	struct page **held;
	size_t n = 0;
	bool saw_node1 = false;

	(void)state;
	mm_test_boot_cfg(&cfg);
	assert_int_equal(nr_online_nodes, 2);
	assert_non_null(NODE_DATA(1));
	assert_int_equal(NODE_DATA(1)->node_start_pfn, (TEST_RAM_BASE + (32u << 20)) >> PAGE_SHIFT);
	assert_int_equal(page_to_nid(pfn_to_page(NODE_DATA(1)->node_start_pfn + 5)), 1);
	zl = node_zonelist(0, GFP_KERNEL);
	assert_ptr_equal(zl->_zonerefs[0].zone, &NODE_DATA(0)->node_zones[ZONE_NORMAL]);
	assert_ptr_equal(zl->_zonerefs[1].zone, &NODE_DATA(1)->node_zones[ZONE_NORMAL]);
	zl = node_zonelist(1, GFP_KERNEL);
	assert_ptr_equal(zl->_zonerefs[0].zone, &NODE_DATA(1)->node_zones[ZONE_NORMAL]);
	/* node 1 serves when node 0 is at its watermark */
	held = calloc(20000, sizeof(*held));
	for (;;) {
		struct page *p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0);

		if (!p)
			break;
		held[n++] = p;
		if (page_to_nid(p) == 1) {
			saw_node1 = true;
			break;
		}
	}
	assert_true(saw_node1);
	/* __GFP_THISNODE from node 0 cannot get a page now */
	assert_null(__alloc_pages_node(0, GFP_NOWAIT | __GFP_THISNODE | __GFP_NOWARN, 0));
	assert_non_null(held[n - 1]);
	{
		struct page *p = __alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE, 0);

		assert_non_null(p);
		assert_int_equal(page_to_nid(p), 1);
		__free_pages(p, 0);
	}
	assert_invariants();
	while (n)
		__free_pages(held[--n], 0);
	free(held);
	assert_invariants();
}

/* ---- reports ---- */

static void show_both(void)
{
	show_buddyinfo();
	show_pagetypeinfo();
}

static void test_proc_formats(void **state)
{
	static char buf[8192];
	char line[256];
	struct zone *z;

	(void)state;
	mm_test_boot(64u << 20, "movablecore=16M");
	mm_test_capture(buf, sizeof(buf), show_both);
	z = mm_test_zone(ZONE_NORMAL);
	snprintf(line, sizeof(line), "Node 0, zone   Normal %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu %6lu \n",
		 z->free_area[0].nr_free, z->free_area[1].nr_free, z->free_area[2].nr_free,
		 z->free_area[3].nr_free, z->free_area[4].nr_free, z->free_area[5].nr_free,
		 z->free_area[6].nr_free, z->free_area[7].nr_free, z->free_area[8].nr_free,
		 z->free_area[9].nr_free, z->free_area[10].nr_free);
	assert_non_null(strstr(buf, line));
	assert_non_null(strstr(buf, "Node 0, zone  Movable "));
	assert_null(strstr(buf, "zone  HighMem"));
	assert_non_null(strstr(buf, "Page block order: 10\nPages per block:  1024\n\n"));
	assert_non_null(strstr(buf, "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"));
	assert_non_null(strstr(buf, "Node    0, zone   Normal, type    Unmovable "));
	assert_non_null(strstr(buf, "Node    0, zone  Movable, type      Isolate "));
	assert_non_null(strstr(buf, "\nNumber of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"));
	assert_non_null(strstr(buf, "Node 0, zone   Normal            0           12            0            0            0            0 \n"));
}

static void ext(void)
{
	show_extfrag_index();
	show_unusable_index();
}

static void test_frag_indices(void **state)
{
	static char buf[4096];
	struct zone *z;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	z = mm_test_zone(ZONE_NORMAL);
	/* lots of order-10 blocks: every order is satisfiable */
	for (unsigned o = 0; o < MAX_ORDER; o++)
		assert_int_equal(fragmentation_index(z, o), -1000);
	assert_int_equal(unusable_free_index(z, 0), 0);
	mm_test_capture(buf, sizeof(buf), ext);
	assert_non_null(strstr(buf, "Node 0, zone   Normal -1.000 -1.000 "));
	assert_non_null(strstr(buf, "Node 0, zone   Normal 0.000 "));
}

/* ---- Linux 5.11 behaviours (issue 8) ---- */

struct held {
	size_t n;
	struct page *page[1u << 14];
	unsigned char order[1u << 14];
};

/* Allocate all free memory of the node, largest blocks first. */
static void exhaust(struct held *h, struct zone *zone)
{
	h->n = 0;
	drain_all_pages(NULL);
	for (int o = MAX_ORDER - 1; o >= 0; o--) {
		struct page *p;

		while (h->n < ARRAY_SIZE(h->page) && (p = alloc_pages(GFP_FILL, (unsigned)o))) {
			h->page[h->n] = p;
			h->order[h->n++] = (unsigned char)o;
		}
	}
	drain_all_pages(NULL);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), 0);
	assert_int_equal(zone->pcp.count, 0);
}

static unsigned long lowest_free_block(struct zone *zone, unsigned int order, int mt)
{
	unsigned long lowest = ~0ul;
	struct page *page;

	page_list_for_each(page, &zone->free_area[order].free_list[mt])
		lowest = min(lowest, page_to_pfn(page));
	return lowest;
}

/*
 * 5.11 __free_pages_core() frees boot memory with __free_pages_ok(...,
 * FPI_TO_TAIL): memblock_free_all() walks up, so each free list runs from
 * low to high addresses and the first allocations come from low memory.
 */
static void test_boot_hands_over_low_memory_first(void **state)
{
	struct zone *zone;
	unsigned long lowest, prev = 0;
	struct page *page, *p;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	assert_true(zone->free_area[MAX_ORDER - 1].nr_free > 4);
	/* the order-10 list is in address order */
	page_list_for_each(page, &zone->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE]) {
		assert_true(page_to_pfn(page) > prev);
		prev = page_to_pfn(page);
	}
	lowest = lowest_free_block(zone, MAX_ORDER - 1, MIGRATE_MOVABLE);
	assert_true(lowest < zone_end_pfn(zone) - 4 * 1024);
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, MAX_ORDER - 1);
	assert_non_null(p);
	assert_int_equal(page_to_pfn(p), lowest);
	/* the boot pages bypassed the pcp lists */
	assert_int_equal(alloc_stats.pcp_drain, 0);
	__free_pages(p, MAX_ORDER - 1);
	assert_invariants();
}

/*
 * 5.11 zone_watermark_fast(): inside a watermark boost, an order-0
 * GFP_ATOMIC request is checked against the unboosted min watermark.
 */
static void test_atomic_order0_ignores_boost(void **state)
{
	static struct held h;
	struct zone *zone;
	unsigned long min, target;
	struct page *p;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	zone->nr_reserved_highatomic = 0;
	min = zone->_watermark[WMARK_MIN];
	assert_true(min > 16);
	zone->watermark_boost = 4 * min;
	/*
	 * Free pages at the min watermark: above 3/8 of it (what __GFP_HIGH
	 * and ALLOC_HARDER may use), below 3/8 of the boosted mark.
	 */
	target = min;
	drain_all_pages(NULL);
	h.n = 0;
	while (zone_page_state(zone, NR_FREE_PAGES) > target) {
		h.page[h.n] = alloc_pages(GFP_FILL, 0);
		assert_non_null(h.page[h.n]);
		h.order[h.n++] = 0;
	}
	drain_all_pages(NULL);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), target);
	p = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 0);
	assert_non_null(p);
	assert_true(zone->watermark_boost > 0); /* still boosted */
	/* a high-order atomic request gets no such exemption */
	assert_null(alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 1));
	__free_pages(p, 0);
	for (size_t i = 0; i < h.n; i++)
		__free_pages(h.page[i], 0);
	assert_invariants();
}

/*
 * A fallback from inside a movable pageblock (a whole free pageblock is
 * claimed without boosting): exhaust memory, free 8 pages of one block and
 * let an unmovable request below the watermarks take one of them.
 */
static unsigned long boost_after_fallback(unsigned long high_wmark)
{
	static struct held h;
	struct zone *zone;
	unsigned long fallbacks;
	struct page *p = NULL, *q;

	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	exhaust(&h, zone);
	for (size_t i = 0; i < h.n && !p; i++)
		if (h.order[i] == MAX_ORDER - 1)
			p = h.page[i];
	assert_non_null(p);
	assert_int_equal(get_pageblock_migratetype(p), MIGRATE_MOVABLE);
	split_page(p, MAX_ORDER - 1);
	for (unsigned i = 0; i < 8; i++)
		__free_pages(p + i, 0);
	drain_all_pages(NULL);
	zone->watermark_boost = 0;
	zone->_watermark[WMARK_HIGH] = high_wmark;
	fallbacks = alloc_stats.fallback;
	q = alloc_pages(GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN, 0);
	assert_non_null(q);
	assert_true(q >= p && q < p + 8);
	assert_true(alloc_stats.fallback > fallbacks);
	return zone->watermark_boost;
}

/*
 * 5.11 boost_watermark(): no high watermark yet (fragmentation that early)
 * means no boost at all, not a boost of one pageblock.
 */
static void test_no_boost_without_high_watermark(void **state)
{
	(void)state;
	assert_int_equal(boost_after_fallback(0), 0);
	assert_false(mm_test_zone(ZONE_NORMAL)->flags & (1UL << ZONE_BOOSTED_WATERMARK));
	mm_test_shutdown();
	/* with a high watermark the same fallback boosts, by a pageblock */
	assert_int_equal(boost_after_fallback(1000), pageblock_nr_pages);
}

/*
 * 5.11 free_pcppages_bulk(): a page goes back to the free list of the
 * migratetype recorded when it was freed to the pcp list
 * (set_pcppage_migratetype()), even if its pageblock changed type since.
 */
static void test_pcp_drain_uses_type_recorded_at_free(void **state)
{
	struct zone *zone;
	struct page *b;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 1000, 1);
	b = alloc_pages(GFP_HIGHUSER_MOVABLE, 1);
	assert_non_null(b);
	assert_int_equal(get_pageblock_migratetype(b), MIGRATE_MOVABLE);
	split_page(b, 1);
	__free_pages(b, 0);          /* its buddy b + 1 stays allocated */
	assert_true(PagePcp(b));
	set_pageblock_migratetype(b, MIGRATE_UNMOVABLE); /* as a steal would */
	drain_all_pages(zone);
	assert_true(PageBuddy(b));
	assert_int_equal(buddy_order(b), 0);
	assert_int_equal(b->index, MIGRATE_MOVABLE);
	assert_invariants();
	__free_pages(b + 1, 0);
	assert_invariants();
}

/*
 * One free block, smaller than the request: the fragmentation index is
 * negative but not -1000 (1000 - (1000 + 512 * 1000 / 1024) / 1 = -500).
 * The sign stays: "-0.500", as the host prints it.
 */
static void test_frag_index_negative_fraction(void **state)
{
	static struct held h;
	static char buf[4096];
	struct zone *z;
	struct page *p = NULL;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	z = mm_test_zone(ZONE_NORMAL);
	exhaust(&h, z);
	for (size_t i = 0; i < h.n && !p; i++)
		if (h.order[i] == MAX_ORDER - 1)
			p = h.page[i];
	assert_non_null(p);
	split_page(p, MAX_ORDER - 1);
	for (unsigned i = 0; i < 512; i++)
		__free_pages(p + i, 0);
	drain_all_pages(NULL);
	assert_int_equal(z->free_area[9].nr_free, 1);
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), 512);
	assert_int_equal(fragmentation_index(z, 10), -500);
	assert_int_equal(fragmentation_index(z, 9), -1000);
	mm_test_capture(buf, sizeof(buf), ext);
	assert_non_null(strstr(buf, "Node 0, zone   Normal -1.000 -1.000 -1.000 -1.000 -1.000 "
				    "-1.000 -1.000 -1.000 -1.000 -1.000 -0.500 \n"));
	assert_non_null(strstr(buf, "Node 0, zone   Normal 0.000 0.000 0.000 0.000 0.000 0.000 "
				    "0.000 0.000 0.000 0.000 1.000 \n"));
}

/* check_invariants() notices broken states (so the tests that rely on it can fail). */
static void test_invariants_detect_corruption(void **state)
{
	struct zone *zone;
	struct page *p, *q;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	assert_int_equal(check_invariants(), 0);
	/* a free block whose counter is off */
	zone->free_area[3].nr_free++;
	assert_true(check_invariants() > 0);
	zone->free_area[3].nr_free--;
	assert_int_equal(check_invariants(), 0);
	/* two free buddies that did not merge */
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 1);
	split_page(p, 1);
	__free_pages(p, 0);
	q = p + 1;
	q->_refcount = 0;
	q->flags |= 1u << PG_buddy;
	q->private = 0;
	assert_true(check_invariants() > 0);
	q->flags &= ~(1u << PG_buddy);
	q->_refcount = 1;
	assert_int_equal(check_invariants(), 0);
	/* a pcp flag on a page that is on no pcp list */
	q->flags |= 1u << PG_pcp;
	assert_true(check_invariants() > 0);
	q->flags &= ~(1u << PG_pcp);
	/* NR_FREE_PAGES drift */
	zone->vm_stat[NR_FREE_PAGES] += 1;
	assert_true(check_invariants() > 0);
	zone->vm_stat[NR_FREE_PAGES] -= 1;
	/* mm_abi disagreeing with the zone */
	mm_abi.zones[ZONE_NORMAL].nr_free[0]++;
	assert_true(check_invariants() > 0);
	mm_abi.zones[ZONE_NORMAL].nr_free[0]--;
	__free_pages(q, 0);
	assert_int_equal(check_invariants(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_boot_layout, teardown),
		cmocka_unit_test_teardown(test_mm_abi, teardown),
		cmocka_unit_test_teardown(test_split_and_merge, teardown),
		cmocka_unit_test_teardown(test_buddy_pair_coalesces, teardown),
		cmocka_unit_test_teardown(test_scrambled_free_restores, teardown),
		cmocka_unit_test_teardown(test_pcp_batching, teardown),
		cmocka_unit_test_teardown(test_pcp_sizes, teardown),
		cmocka_unit_test_teardown(test_watermark_ok_thresholds, teardown),
		cmocka_unit_test_teardown(test_watermark_refusals, teardown),
		cmocka_unit_test_teardown(test_min_free_kbytes, teardown),
		cmocka_unit_test_teardown(test_zone_layout, teardown),
		cmocka_unit_test_teardown(test_gfp_zone_selection, teardown),
		cmocka_unit_test_teardown(test_gfp_zone_no_dma, teardown),
		cmocka_unit_test_teardown(test_zone_fallback, teardown),
		cmocka_unit_test_teardown(test_movablecore_kernelcore, teardown),
		cmocka_unit_test_teardown(test_fallback_steals_whole_block, teardown),
		cmocka_unit_test_teardown(test_fallback_small_does_not_steal, teardown),
		cmocka_unit_test_teardown(test_compound_pages, teardown),
		cmocka_unit_test_teardown(test_bad_page_detected, teardown),
		cmocka_unit_test_teardown(test_zeroed_and_exact, teardown),
		cmocka_unit_test_teardown(test_second_node, teardown),
		cmocka_unit_test_teardown(test_proc_formats, teardown),
		cmocka_unit_test_teardown(test_frag_indices, teardown),
		cmocka_unit_test_teardown(test_invariants_detect_corruption, teardown),
		cmocka_unit_test_teardown(test_boot_hands_over_low_memory_first, teardown),
		cmocka_unit_test_teardown(test_atomic_order0_ignores_boost, teardown),
		cmocka_unit_test_teardown(test_no_boost_without_high_watermark, teardown),
		cmocka_unit_test_teardown(test_pcp_drain_uses_type_recorded_at_free, teardown),
		cmocka_unit_test_teardown(test_frag_index_negative_fraction, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
