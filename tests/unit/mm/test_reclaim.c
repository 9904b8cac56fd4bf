// SPDX-License-Identifier: MIT
/*
 * test_reclaim.c - page-cache reclaim in LRU order, dirty writeback,
 * activation, direct reclaim from the allocator, kswapd.
 */
#include "mm_test.h"

#include "mm/internal.h"

#include <stdlib.h>
#include <string.h>

static int teardown(void **state)
{
	(void)state;
	mm_test_shutdown();
	return 0;
}

static bool cached(int file, unsigned long i)
{
	struct page *p = pagecache_lookup(file, i);

	if (!p)
		return false;
	/* lookup marks it accessed: undo that for the LRU order under test */
	ClearPageReferenced(p);
	put_page(p);
	return true;
}

/* Read pages [from, to) in order: each comes in once, unreferenced. */
static void read_range(int file, unsigned long from, unsigned long to)
{
	for (unsigned long i = from; i < to; i++)
		assert_int_equal(pagecache_read(file, i, NULL), 0);
}

static void test_clean_pages_lru_order(void **state)
{
	int file;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	file = pagecache_file_create(100, 0);
	read_range(file, 0, 100);
	assert_int_equal(pagecache_nr_pages(), 100);
	assert_int_equal(node_page_state(NODE_DATA(0), NR_INACTIVE_FILE), 100);
	/* one batch of 32: the 32 oldest go */
	assert_int_equal(shrink_node_pages(NODE_DATA(0), 32, GFP_KERNEL), 32);
	for (unsigned long i = 0; i < 100; i++)
		assert_int_equal(cached(file, i), i >= 32);
	assert_int_equal(pagecache_nr_pages(), 68);
	assert_int_equal(reclaim_stats.writeback, 0);
	assert_invariants();
	/* the next batch takes the next oldest */
	assert_int_equal(shrink_node_pages(NODE_DATA(0), 32, GFP_KERNEL), 32);
	for (unsigned long i = 32; i < 100; i++)
		assert_int_equal(cached(file, i), i >= 64);
	/* data read back after reclaim comes from the disk */
	read_range(file, 0, 10);
	pagecache_file_destroy(file);
	assert_int_equal(mm_test_free_pages(), mm_test_zone(ZONE_NORMAL)->managed_pages);
	assert_invariants();
}

static void test_dirty_written_back_first(void **state)
{
	int file;
	unsigned long rounds = 0;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	file = pagecache_file_create(100, 0);
	for (unsigned long i = 0; i < 32; i++)
		assert_int_equal(pagecache_write(file, i, (u32)(1000 + i)), 0);
	read_range(file, 32, 100);
	assert_int_equal(pagecache_nr_dirty(), 32);
	assert_int_equal(node_page_state(NODE_DATA(0), NR_FILE_DIRTY), 32);
	/* the oldest pages are dirty (and were just written): clean ones go first */
	shrink_node_pages(NODE_DATA(0), 32, GFP_KERNEL);
	for (unsigned long i = 0; i < 32; i++)
		assert_true(cached(file, i));
	assert_int_equal(reclaim_stats.writeback, 0);
	/* keep going: eventually the dirty pages are written back and freed */
	while (pagecache_nr_pages() && rounds++ < 20)
		shrink_node_pages(NODE_DATA(0), 32, GFP_KERNEL);
	assert_int_equal(pagecache_nr_pages(), 0);
	assert_int_equal(reclaim_stats.writeback, 32);
	assert_int_equal(pagecache_nr_dirty(), 0);
	assert_int_equal(node_page_state(NODE_DATA(0), NR_FILE_DIRTY), 0);
	/* what was written survived on disk */
	for (unsigned long i = 0; i < 32; i++) {
		u32 seed;

		assert_int_equal(pagecache_read(file, i, &seed), 0);
		assert_int_equal(seed, 1000 + i);
	}
	assert_invariants();
	pagecache_file_destroy(file);
	assert_invariants();
}

/* A page used twice moves to the active list and outlives inactive ones. */
static void test_active_pages_survive(void **state)
{
	int file;
	struct page *p;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	file = pagecache_file_create(64, 0);
	read_range(file, 0, 64);
	for (int k = 0; k < 2; k++) {
		p = pagecache_lookup(file, 3);
		put_page(p);
	}
	assert_true(PageActive(p));
	assert_int_equal(node_page_state(NODE_DATA(0), NR_ACTIVE_FILE), 1);
	assert_int_equal(shrink_node_pages(NODE_DATA(0), 32, GFP_KERNEL), 32);
	assert_true(cached(file, 3));
	assert_false(cached(file, 2));
	assert_false(cached(file, 4));
	/* a page someone holds is not reclaimed either */
	p = pagecache_lookup(file, 40);
	ClearPageReferenced(p);
	shrink_node_pages(NODE_DATA(0), 64, GFP_KERNEL);
	assert_true(cached(file, 40));
	put_page(p);
	assert_invariants();
	pagecache_file_destroy(file);
	assert_invariants();
}

/* The allocator reclaims page cache when free memory runs out. */
static void test_direct_reclaim(void **state)
{
	struct zone *zone;
	struct page **held;
	unsigned long n = 0, want;
	int file;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	file = pagecache_file_create(zone->managed_pages, 0);
	/* fill memory with clean cache (reclaim starts when it gets tight) */
	read_range(file, 0, zone->managed_pages / 2);
	want = zone_page_state(zone, NR_FREE_PAGES) + 500;
	held = calloc(want, sizeof(*held));
	for (n = 0; n < want; n++) {
		held[n] = alloc_pages(GFP_KERNEL, 0);
		assert_non_null(held[n]);
	}
	assert_true(reclaim_stats.pgsteal_direct >= 500);
	assert_true(reclaim_stats.allocstall > 0);
	assert_invariants();
	while (n)
		__free_pages(held[--n], 0);
	free(held);
	pagecache_file_destroy(file);
	assert_int_equal(mm_test_free_pages(), zone->managed_pages);
	assert_invariants();
}

/* Below the low watermark kswapd is woken; the background work reclaims to high. */
static void test_kswapd(void **state)
{
	struct zone *zone;
	unsigned long i;
	int file;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	/* no direct reclaim for these: they stop at the min watermark */
	file = pagecache_file_create(zone->managed_pages, GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM);
	for (i = 0; i < zone->managed_pages; i++)
		if (pagecache_read(file, i, NULL))
			break;
	assert_true(zone_page_state(zone, NR_FREE_PAGES) < low_wmark_pages(zone));
	assert_true(NODE_DATA(0)->kswapd_wait);
	assert_int_equal(reclaim_stats.pgsteal_direct, 0);
	mm_background_work(NULL);
	assert_false(NODE_DATA(0)->kswapd_wait);
	assert_true(reclaim_stats.pgsteal_kswapd > 0);
	assert_true(zone_page_state(zone, NR_FREE_PAGES) >= high_wmark_pages(zone));
	assert_invariants();
	pagecache_file_destroy(file);
}

/* Anonymous pages have no swap: reclaim leaves them. */
static void test_anon_not_reclaimed(void **state)
{
	struct page *p;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	page_add_new_anon(p);
	assert_int_equal(node_page_state(NODE_DATA(0), NR_INACTIVE_ANON), 1);
	assert_int_equal(shrink_node_pages(NODE_DATA(0), 32, GFP_KERNEL), 0);
	assert_true(PageLRU(p));
	put_page(p);
	assert_int_equal(node_page_state(NODE_DATA(0), NR_INACTIVE_ANON), 0);
	assert_invariants();
}

/* Nothing to reclaim or compact: the OOM report lists the zones and the allocation fails. */
static void test_oom_report(void **state)
{
	static char buf[16384];
	struct zone *zone;
	struct page **held;
	unsigned long n = 0;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	held = calloc(zone->managed_pages, sizeof(*held));
	printk_capture(buf, sizeof(buf));
	for (;;) {
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		if (!p)
			break;
		held[n++] = p;
	}
	printk_capture(NULL, 0);
	assert_true(alloc_stats.oom >= 1);
	assert_non_null(strstr(buf, "invoked oom-killer: gfp_mask=0xcc0(__GFP_IO|__GFP_FS|"));
	assert_non_null(strstr(buf, "Mem-Info:\n"));
	assert_non_null(strstr(buf, "Node 0 Normal free:"));
	assert_non_null(strstr(buf, "lowmem_reserve[]: 0 0 0 0\n"));
	assert_non_null(strstr(buf, "Node 0 Normal: "));
	assert_non_null(strstr(buf, "Out of memory and no killable processes...\n"));
	assert_non_null(strstr(buf, "page allocation failure: order:0, mode:0xcc0("));
	assert_invariants();
	while (n)
		__free_pages(held[--n], 0);
	free(held);
	assert_invariants();
}

/* __GFP_NOFAIL gets memory below every watermark; __GFP_NORETRY gives up at once. */
static void test_nofail_noretry(void **state)
{
	struct zone *zone;
	struct page **held, *p;
	unsigned long n = 0, stalls;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	held = calloc(zone->managed_pages, sizeof(*held));
	while ((p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 0)) != NULL)
		held[n++] = p;
	stalls = reclaim_stats.allocstall;
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	/* one round of direct reclaim, no retries, no OOM report */
	assert_int_equal(reclaim_stats.allocstall, stalls + 1);
	assert_int_equal(alloc_stats.oom, 0);
	p = alloc_pages(GFP_KERNEL | __GFP_NOFAIL | __GFP_NOWARN, 0);
	assert_non_null(p);
	held[n++] = p;
	assert_true(zone_page_state(zone, NR_FREE_PAGES) < min_wmark_pages(zone));
	assert_invariants();
	while (n)
		__free_pages(held[--n], 0);
	free(held);
	assert_invariants();
}

/*
 * 5.11 should_reclaim_retry(): while a zone would pass its min watermark
 * if every reclaimable page were reclaimed, reclaim is retried until
 * MAX_RECLAIM_RETRIES (16) loops made no progress - no 4.x back-off that
 * counts the reclaimable pages down loop by loop.  Here all the page cache
 * is held (so reclaim frees nothing) and nothing else is free: direct
 * reclaim runs 1 + 16 times, then the allocation fails (no OOM kill for
 * __GFP_RETRY_MAYFAIL).
 */
static void test_reclaim_retries_without_backoff(void **state)
{
	struct zone *zone;
	struct page **held, **pages, *p;
	unsigned long n = 0, np = 0, stalls, pages_max;
	int file;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pages_max = zone->managed_pages;
	file = pagecache_file_create(pages_max / 2, 0);
	read_range(file, 0, pages_max / 2);
	held = calloc(pages_max, sizeof(*held));
	pages = calloc(pages_max, sizeof(*pages));
	for (unsigned long i = 0; i < pages_max / 2; i++) {
		p = pagecache_lookup(file, i);
		if (p)
			held[n++] = p;
	}
	assert_true(n > 3000);
	while ((p = alloc_pages(GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN, 0)) != NULL)
		pages[np++] = p;
	drain_all_pages(NULL);
	assert_true(zone_reclaimable_pages(zone) >= n);
	stalls = reclaim_stats.allocstall;
	assert_null(alloc_pages(GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 0));
	assert_int_equal(reclaim_stats.allocstall - stalls, 1 + 16);
	assert_invariants();
	while (np)
		__free_pages(pages[--np], 0);
	while (n)
		put_page(held[--n]);
	free(held);
	free(pages);
	pagecache_file_destroy(file);
	assert_invariants();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_clean_pages_lru_order, teardown),
		cmocka_unit_test_teardown(test_dirty_written_back_first, teardown),
		cmocka_unit_test_teardown(test_active_pages_survive, teardown),
		cmocka_unit_test_teardown(test_direct_reclaim, teardown),
		cmocka_unit_test_teardown(test_kswapd, teardown),
		cmocka_unit_test_teardown(test_anon_not_reclaimed, teardown),
		cmocka_unit_test_teardown(test_oom_report, teardown),
		cmocka_unit_test_teardown(test_nofail_noretry, teardown),
		cmocka_unit_test_teardown(test_reclaim_retries_without_backoff, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
