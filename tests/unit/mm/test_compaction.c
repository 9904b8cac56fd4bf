// SPDX-License-Identifier: MIT
/*
 * test_compaction.c - compaction makes high-order blocks out of fragments,
 * moving movable pages and rewriting every PTE that maps them.
 *
 * The page tables are fakes (mm_test.c): a "PTE" is a u32 holding the pfn,
 * rmap_ops rewrite it and count TLB flushes.  Anonymous pages hold one
 * reference per mapping, as Linux's do.
 */
#include "mm_test.h"

#include <stdlib.h>
#include <string.h>

static int teardown(void **state)
{
	(void)state;
	mm_test_shutdown();
	return 0;
}

static int max_free_order(struct zone *zone)
{
	for (int o = MAX_ORDER - 1; o >= 0; o--)
		if (zone->free_area[o].nr_free)
			return o;
	return -1;
}

/*
 * Fill the zone with mapped anonymous pages, then unmap every other one:
 * the free memory is plenty but all of it in order-0 holes.
 */
static void fragment(struct anon_set *s, struct zone *zone)
{
	size_t n = zone_page_state(zone, NR_FREE_PAGES) + 16;

	pageset_set_high_and_batch(zone, 0, 1);
	anon_alloc(s, n);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), 0);
	n = s->n;
	for (size_t i = 0; i < n; i++)
		if (s->ptes[i] & 1)
			anon_unmap(s, i);
	drain_all_pages(NULL);
}

static void test_compaction_makes_block(void **state)
{
	struct anon_set s;
	struct zone *zone;
	struct page *p;
	unsigned long migrated;
	int before;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	fragment(&s, zone);
	before = max_free_order(zone);
	assert_true(before < 4);
	assert_true(zone_page_state(zone, NR_FREE_PAGES) > 2000);
	assert_true(fragmentation_index(zone, 4) > 900);
	assert_invariants();

	/* without compaction the request fails: nothing to reclaim, only fragments */
	sysctl_compaction_enabled = 0;
	assert_null(alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 4));
	assert_null(alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3));
	assert_int_equal(compact_stats.pgmigrate_success, 0);
	assert_invariants();

	/* with it, the allocator's direct compaction produces the block */
	sysctl_compaction_enabled = 1;
	p = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 4);
	assert_non_null(p);
	migrated = compact_stats.pgmigrate_success;
	assert_true(migrated > 0);
	assert_true(compact_stats.ptes_moved >= migrated);
	assert_true(fake_tlb_flushes >= migrated);
	assert_true(compact_stats.stall >= 1 && compact_stats.success >= 1);
	assert_invariants();
	anon_verify(&s);
	/* and an unmovable order-3 block too */
	{
		struct page *q = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3);

		assert_non_null(q);
		__free_pages(q, 3);
	}
	__free_pages(p, 4);
	anon_verify(&s);
	assert_invariants();
	anon_free_all(&s);
	assert_int_equal(mm_test_free_pages(), zone->managed_pages);
	assert_invariants();
}

/* compact_node() (/proc/sys/vm/compact_memory) gathers the free pages. */
static void test_compact_node(void **state)
{
	struct anon_set s;
	struct zone *zone;
	unsigned long free;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	fragment(&s, zone);
	free = zone_page_state(zone, NR_FREE_PAGES);
	assert_true(unusable_free_index(zone, 9) == 1000);
	compact_node(0);
	anon_verify(&s);
	assert_invariants();
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES) + (unsigned long)zone->pcp.count, free);
	/* most free memory now sits in order-9/10 blocks */
	assert_true(max_free_order(zone) >= 9);
	assert_true(unusable_free_index(zone, 9) < 500);
	anon_free_all(&s);
	assert_invariants();
}

/*
 * compact_zone_step(): bounded passes that resume where the last one
 * stopped, and together do what compact_node() does, no pageblock skipped.
 */
static void test_compact_zone_step(void **state)
{
	struct anon_set s;
	struct zone *zone;
	unsigned long free, before, passes = 0;
	enum compact_result ret;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	fragment(&s, zone);
	free = zone_page_state(zone, NR_FREE_PAGES);
	assert_true(unusable_free_index(zone, 9) == 1000);
	do {
		before = compact_stats.pgmigrate_success;
		ret = compact_zone_step(zone, 40);
		/* batches of up to 32 pages: a pass stops at the first past its budget */
		assert_true(compact_stats.pgmigrate_success - before <= 40 + 32);
		if (ret == COMPACT_CONTINUE)
			assert_true(compact_stats.pgmigrate_success - before >= 40);
		anon_verify(&s);
		passes++;
	} while (ret == COMPACT_CONTINUE && passes < 10000);
	assert_int_equal(ret, COMPACT_COMPLETE);
	assert_true(passes > 20);
	assert_invariants();
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES) + (unsigned long)zone->pcp.count, free);
	/* most free memory in order-9/10 blocks: no pageblock was passed over */
	assert_true(max_free_order(zone) >= 9);
	assert_true(unusable_free_index(zone, 9) < 200);
	/* the scanners met: another pass finds nothing to do */
	before = compact_stats.pgmigrate_success;
	assert_int_equal(compact_zone_step(zone, 40), COMPACT_COMPLETE);
	assert_int_equal(compact_stats.pgmigrate_success, before);
	anon_free_all(&s);
	assert_invariants();
}

/* Pinned pages and pages with extra references stay where they are. */
static void test_pinned_and_busy_stay(void **state)
{
	struct anon_set s;
	struct zone *zone;
	uint32_t *saved;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	fragment(&s, zone);
	saved = malloc(s.n * sizeof(*saved));
	memcpy(saved, s.ptes, s.n * sizeof(*saved));
	for (size_t i = 0; i < s.n; i++) {
		if (!s.live[i])
			continue;
		if (i % 3 == 0)
			SetPagePinned(pfn_to_page(s.ptes[i]));
		else if (i % 3 == 1)
			get_page(pfn_to_page(s.ptes[i])); /* e.g. get_user_pages() */
	}
	compact_node(0);
	for (size_t i = 0; i < s.n; i++) {
		if (!s.live[i] || i % 3 == 2)
			continue;
		assert_int_equal(s.ptes[i], saved[i]);
	}
	assert_true(compact_stats.pgmigrate_success > 0);
	for (size_t i = 0; i < s.n; i++) {
		if (!s.live[i])
			continue;
		if (i % 3 == 0)
			ClearPagePinned(pfn_to_page(s.ptes[i]));
		else if (i % 3 == 1)
			put_page(pfn_to_page(s.ptes[i]));
	}
	anon_verify(&s);
	assert_invariants();
	anon_free_all(&s);
	free(saved);
	assert_invariants();
}

/* Without rmap_ops (no page tables), mapped pages cannot move. */
static void test_no_rmap_ops_no_move(void **state)
{
	struct anon_set s;
	struct zone *zone;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	fragment(&s, zone);
	rmap_register_ops(NULL);
	compact_node(0);
	assert_int_equal(compact_stats.pgmigrate_success, 0);
	fake_pte_install_ops();
	anon_free_all(&s);
	assert_invariants();
}

/* Page-cache pages move too, and their file slots follow. */
static void test_pagecache_pages_migrate(void **state)
{
	struct zone *zone;
	unsigned long n, i;
	int file;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	n = zone_page_state(zone, NR_FREE_PAGES);
	file = pagecache_file_create(n, GFP_FILL);
	assert_true(file > 0);
	for (i = 0; i < n; i++)
		if (pagecache_write(file, i, (u32)(i * 7 + 1)))
			break;
	n = i;
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), 0);
	assert_int_equal(pagecache_nr_pages(), n);
	/* truncate every page on an odd pfn */
	for (i = 0; i < n; i++) {
		struct page *p = pagecache_lookup(file, i);

		assert_non_null(p);
		if (page_to_pfn(p) & 1) {
			put_page(p);
			pagecache_remove(file, i);
		} else {
			put_page(p);
		}
	}
	drain_all_pages(NULL);
	assert_true(max_free_order(zone) < 4);
	compact_node(0);
	assert_true(compact_stats.pgmigrate_success > 0);
	assert_true(max_free_order(zone) >= 9);
	assert_invariants();
	/* every cached page (dirty or written back on truncate) reads its data */
	for (i = 0; i < n; i++) {
		u32 seed;

		assert_int_equal(pagecache_read(file, i, &seed), 0);
		assert_int_equal(seed, (u32)(i * 7 + 1));
	}
	pagecache_file_destroy(file);
	assert_int_equal(mm_test_free_pages(), zone->managed_pages);
	assert_invariants();
}

/* kcompactd, woken for an order, compacts from the background work. */
static void test_kcompactd(void **state)
{
	struct anon_set s;
	struct zone *zone;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	fragment(&s, zone);
	wakeup_kcompactd(NODE_DATA(0), 5, ZONE_NORMAL);
	assert_true(NODE_DATA(0)->kcompactd_wait);
	mm_background_work(NULL);
	assert_false(NODE_DATA(0)->kcompactd_wait);
	assert_true(compact_stats.pgmigrate_success > 0);
	assert_true(max_free_order(zone) >= 5);
	anon_verify(&s);
	assert_invariants();
	anon_free_all(&s);
}

/* Deferral: after failures compaction is skipped for a while (Linux defer_compaction). */
static void test_deferral(void **state)
{
	struct zone *zone;

	(void)state;
	mm_test_boot(32u << 20, NULL);
	zone = mm_test_zone(ZONE_NORMAL);
	assert_false(compaction_deferred(zone, 4));
	defer_compaction(zone, 4);
	defer_compaction(zone, 4);
	/* shift 2: skipped 3 times, then tried */
	assert_true(compaction_deferred(zone, 4));
	assert_true(compaction_deferred(zone, 4));
	assert_true(compaction_deferred(zone, 4));
	assert_false(compaction_deferred(zone, 4));
	/* lower orders are not deferred */
	assert_false(compaction_deferred(zone, 3));
	compaction_defer_reset(zone, 4, true);
	assert_false(compaction_deferred(zone, 4));
}

/*
 * 5.11 compaction_suitable(): a costly request with a fragmentation index
 * at or below extfrag_threshold (500) fails for lack of memory, not
 * fragmentation: COMPACT_NOT_SUITABLE_ZONE becomes COMPACT_SKIPPED, so
 * nothing is compacted and later compaction is not deferred.
 *
 * The free memory here is order-9 blocks whose buddies hold mapped pages
 * (every other 512-page chunk unmapped): an order-10 request has index
 * 500 - 1000 / blocks, compaction could make one, but must not try.
 */
static void test_lack_of_memory_skips_compaction(void **state)
{
	static unsigned short chunk[(64u << 20) >> (PAGE_SHIFT + 9)];
	struct anon_set s;
	struct zone *zone;
	unsigned long migrated, scanned;
	int fragindex;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	fake_pte_install_ops();
	zone = mm_test_zone(ZONE_NORMAL);
	pageset_set_high_and_batch(zone, 0, 1);
	anon_alloc(&s, zone_page_state(zone, NR_FREE_PAGES) + 16);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), 0);
	/* unmap the odd chunks that hold nothing but these pages */
	for (size_t i = 0; i < s.n; i++)
		chunk[(s.ptes[i] >> 9) - (zone->zone_start_pfn >> 9)]++;
	for (size_t i = 0; i < s.n; i++)
		if (((s.ptes[i] >> 9) & 1) &&
		    chunk[(s.ptes[i] >> 9) - (zone->zone_start_pfn >> 9)] == 512)
			anon_unmap(&s, i);
	drain_all_pages(NULL);
	assert_true(zone->free_area[9].nr_free >= 8);
	assert_int_equal(zone_page_state(zone, NR_FREE_PAGES), zone->free_area[9].nr_free << 9);
	assert_int_equal(max_free_order(zone), 9);
	fragindex = fragmentation_index(zone, 10);
	assert_true(fragindex >= 0 && fragindex <= sysctl_extfrag_threshold);

	assert_int_equal(compaction_suitable(zone, 10, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_SKIPPED);
	migrated = compact_stats.pgmigrate_success;
	scanned = compact_stats.migrate_scanned;
	assert_int_equal(try_to_compact_pages(GFP_HIGHUSER_MOVABLE, 10, ALLOC_WMARK_MIN,
					      ZONE_NORMAL, COMPACT_PRIO_SYNC_LIGHT, NULL),
			 COMPACT_SKIPPED);
	assert_int_equal(zone->compact_defer_shift, 0); /* not deferred */
	/* the allocator's costly __GFP_NORETRY path gives up without compacting */
	assert_null(alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NORETRY | __GFP_NOWARN, 10));
	assert_int_equal(compact_stats.pgmigrate_success, migrated);
	assert_int_equal(compact_stats.migrate_scanned, scanned);
	assert_int_equal(zone->compact_defer_shift, 0);
	/* an index above the threshold is fragmentation: compaction runs */
	sysctl_extfrag_threshold = fragindex - 1;
	assert_int_equal(compaction_suitable(zone, 10, ALLOC_WMARK_MIN, ZONE_NORMAL),
			 COMPACT_CONTINUE);
	anon_verify(&s);
	assert_invariants();
	anon_free_all(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_compaction_makes_block, teardown),
		cmocka_unit_test_teardown(test_compact_node, teardown),
		cmocka_unit_test_teardown(test_compact_zone_step, teardown),
		cmocka_unit_test_teardown(test_pinned_and_busy_stay, teardown),
		cmocka_unit_test_teardown(test_no_rmap_ops_no_move, teardown),
		cmocka_unit_test_teardown(test_pagecache_pages_migrate, teardown),
		cmocka_unit_test_teardown(test_kcompactd, teardown),
		cmocka_unit_test_teardown(test_deferral, teardown),
		cmocka_unit_test_teardown(test_lack_of_memory_skips_compaction, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
