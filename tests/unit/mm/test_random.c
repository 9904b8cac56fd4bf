// SPDX-License-Identifier: MIT
/*
 * test_random.c - a million mixed operations, invariants checked in batches.
 *
 * A seeded xorshift PRNG drives allocations of orders 0..6 with every GFP
 * flavour, frees, mapped anonymous pages (fake PTEs), page-cache reads,
 * writes and truncates, pcp reconfiguration, drains, direct and background
 * reclaim and compaction, on a board with ZONE_DMA, ZONE_NORMAL and
 * ZONE_MOVABLE.  After every batch check_invariants() must find nothing and
 * every mapped page must still hold its data; at the end, with everything
 * freed, every zone must have all its managed pages free again.
 */
#include "mm_test.h"

#include <stdlib.h>
#include <string.h>

#define NR_OPS 1000000
#define BATCH 10000
#define MAX_HELD 5000
#define MAX_ANON 3000
#define FILE_PAGES 3000

struct held {
	struct page *page;
	unsigned int order;
	uint32_t tag;
};

static struct held held[MAX_HELD];
static size_t nr_held;
static uint32_t anon_pte[MAX_ANON];
static uint32_t anon_tag[MAX_ANON];
static uint32_t seed = 0x6b8b4567;

static const gfp_t gfps[] = {
	GFP_KERNEL,
	GFP_KERNEL | __GFP_RECLAIMABLE,
	GFP_HIGHUSER_MOVABLE,
	GFP_ATOMIC,
	GFP_NOWAIT,
	GFP_KERNEL | GFP_DMA,
	GFP_USER | __GFP_MOVABLE,
	GFP_KERNEL | __GFP_COMP,
	GFP_KERNEL | __GFP_ZERO,
	GFP_HIGHUSER_MOVABLE | __GFP_NORETRY,
};

static uint32_t rnd(uint32_t n)
{
	return test_rand(&seed) % n;
}

static void tag_page(struct page *page, uint32_t tag)
{
	*(uint32_t *)page_address(page) = tag;
}

static bool page_has_tag(struct page *page, uint32_t tag)
{
	return *(uint32_t *)page_address(page) == tag;
}

static void op_alloc(void)
{
	static const unsigned int order_weights[] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 6 };
	unsigned int order = order_weights[rnd(ARRAY_SIZE(order_weights))];
	gfp_t gfp = gfps[rnd(ARRAY_SIZE(gfps))] | __GFP_NOWARN;
	struct page *page;

	if (nr_held == MAX_HELD)
		return;
	page = alloc_pages(gfp, order);
	if (!page)
		return;
	if (gfp & __GFP_ZERO)
		assert_int_equal(*(uint32_t *)page_address(page), 0);
	assert_int_equal(page_ref_count(page), 1);
	assert_false(PageBuddy(page) || PagePcp(page));
	assert_true(page_zonenum(page) <= (int)gfp_zone(gfp));
	held[nr_held].page = page;
	held[nr_held].order = order;
	held[nr_held].tag = test_rand(&seed);
	tag_page(page, held[nr_held].tag);
	nr_held++;
}

static void op_free(void)
{
	size_t i;

	if (!nr_held)
		return;
	i = rnd((uint32_t)nr_held);
	assert_true(page_has_tag(held[i].page, held[i].tag));
	if (PageHead(held[i].page))
		put_page(held[i].page);
	else
		__free_pages(held[i].page, held[i].order);
	held[i] = held[--nr_held];
}

static void op_anon(void)
{
	size_t i = rnd(MAX_ANON);

	if (anon_pte[i]) {
		struct page *page = pfn_to_page(anon_pte[i]);

		assert_true(page_has_tag(page, anon_tag[i]));
		assert_int_equal(page_remove_rmap(page, &anon_pte[i]), 0);
		anon_pte[i] = 0;
		put_page(page);
	} else {
		struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0);

		if (!page)
			return;
		anon_tag[i] = test_rand(&seed);
		tag_page(page, anon_tag[i]);
		page_add_new_anon(page);
		page_add_rmap(page, &anon_pte[i], 0x10000000ul + i * PAGE_SIZE, 2);
		anon_pte[i] = (uint32_t)page_to_pfn(page);
	}
}

static void op_file(int file)
{
	unsigned long index = rnd(FILE_PAGES);
	uint32_t r = rnd(10);
	u32 s;

	if (r < 4) {
		int ret = pagecache_read(file, index, &s);

		assert_true(ret == 0 || ret == -ENOMEM);
	} else if (r < 8) {
		int ret = pagecache_write(file, index, test_rand(&seed));

		assert_true(ret == 0 || ret == -ENOMEM);
	} else {
		pagecache_remove(file, index);
	}
}

static void verify_anon(void)
{
	for (size_t i = 0; i < MAX_ANON; i++) {
		struct page *page;

		if (!anon_pte[i])
			continue;
		page = pfn_to_page(anon_pte[i]);
		assert_true(page_has_tag(page, anon_tag[i]));
		assert_int_equal(page_mapcount(page), 1);
		assert_true(PageLRU(page) || PageIsolated(page));
	}
}

static void test_random_ops(void **state)
{
	struct mm_test_cfg cfg = {
		.size = 64u << 20,
		.dma_size = 8u << 20,
		.bootargs = "movablecore=16M",
	};
	unsigned long managed[MAX_NR_ZONES];
	unsigned long counts[16] = { 0 };
	int file;

	(void)state;
	mm_test_boot_cfg(&cfg);
	fake_pte_install_ops();
	for (int z = 0; z < MAX_NR_ZONES; z++)
		managed[z] = mm_test_zone(z)->managed_pages;
	file = pagecache_file_create(FILE_PAGES, 0);
	assert_true(file > 0);

	for (unsigned long op = 1; op <= NR_OPS; op++) {
		uint32_t r = rnd(1000);

		if (r < 330) {
			op_alloc();
			counts[0]++;
		} else if (r < 660) {
			op_free();
			counts[1]++;
		} else if (r < 820) {
			op_anon();
			counts[2]++;
		} else if (r < 990) {
			op_file(file);
			counts[3]++;
		} else if (r < 994) {
			static const int highs[][2] = { { 0, 1 }, { 6, 1 }, { 12, 4 }, { 90, 15 } };
			const int *hb = highs[rnd(4)];

			pageset_set_high_and_batch(mm_test_zone(rnd(2) ? ZONE_NORMAL : ZONE_MOVABLE),
						   hb[0], hb[1]);
			counts[4]++;
		} else if (r < 997) {
			drain_all_pages(NULL);
			counts[5]++;
		} else if (r < 999) {
			mm_background_work(NULL);
			counts[6]++;
		} else if (rnd(20) == 0) {
			compact_node(0);
			counts[7]++;
		} else {
			shrink_node_pages(NODE_DATA(0), 64, GFP_KERNEL);
			counts[8]++;
		}
		if (op % BATCH == 0) {
			assert_invariants();
			verify_anon();
		}
	}
	print_message("# ops: alloc %lu free %lu anon %lu file %lu pcp-config %lu drain %lu "
		      "background %lu compact_node %lu shrink %lu\n", counts[0], counts[1], counts[2],
		      counts[3], counts[4], counts[5], counts[6], counts[7], counts[8]);
	print_message("# allocs %lu failed %lu fallbacks %lu steals %lu migrated %lu reclaimed %lu "
		      "(kswapd %lu) written back %lu oom reports %lu\n",
		      alloc_stats.pgalloc[ZONE_DMA] + alloc_stats.pgalloc[ZONE_NORMAL] +
			      alloc_stats.pgalloc[ZONE_MOVABLE], alloc_stats.alloc_fail,
		      alloc_stats.fallback, alloc_stats.steal, compact_stats.pgmigrate_success,
		      reclaim_stats.pgsteal_direct + reclaim_stats.pgsteal_kswapd,
		      reclaim_stats.pgsteal_kswapd, pagecache_nr_writeback_done(), alloc_stats.oom);
	/* everything exercised */
	for (int k = 0; k < 9; k++)
		assert_true(counts[k] > 0);
	assert_true(compact_stats.pgmigrate_success > 0);
	assert_true(alloc_stats.fallback > 0);
	assert_true(reclaim_stats.pgsteal_direct + reclaim_stats.pgsteal_kswapd + pagecache_nr_writeback_done() > 0);

	/* free everything: every managed page comes back */
	while (nr_held)
		op_free();
	for (size_t i = 0; i < MAX_ANON; i++) {
		if (anon_pte[i]) {
			struct page *page = pfn_to_page(anon_pte[i]);

			page_remove_rmap(page, &anon_pte[i]);
			anon_pte[i] = 0;
			put_page(page);
		}
	}
	pagecache_file_destroy(file);
	drain_all_pages(NULL);
	assert_invariants();
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		assert_int_equal(mm_test_zone(z)->managed_pages, managed[z]);
		assert_int_equal(zone_page_state(mm_test_zone(z), NR_FREE_PAGES), managed[z]);
	}
	assert_int_equal(bad_page_count, 0);
	assert_int_equal(rmap_entries_used(), 0);
	mm_test_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_ops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
