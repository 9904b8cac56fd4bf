// SPDX-License-Identifier: MIT
/*
 * test_pcp_checks.c - page checks of the guest's configuration (MM_DEBUG_VM off).
 *
 * Built against mm_page_native_nodebug: as Linux without CONFIG_DEBUG_VM,
 * a page freed to a pcp list is not checked at once but when the list
 * drains to the buddy lists; a bad page is then reported and leaked, and
 * the allocator's invariants still hold.
 */
#include "mm_test.h"

static int teardown(void **state)
{
	(void)state;
	mm_test_shutdown();
	return 0;
}

static void test_bad_pcp_page_caught_on_drain(void **state)
{
	unsigned long bad, free_before;
	struct page *p;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	pageset_set_high_and_batch(mm_test_zone(ZONE_NORMAL), 12, 4); /* frees stay on the list */
	free_before = mm_test_free_pages();
	p = alloc_pages(GFP_KERNEL, 0);
	assert_non_null(p);
	p->_mapcount = 0; /* still mapped when freed */
	bad = bad_page_count;
	__free_pages(p, 0);
	assert_int_equal(bad_page_count, bad);
	assert_true(PagePcp(p));
	assert_invariants();
	/* the drain checks it, reports it and keeps it out of the buddy lists */
	drain_all_pages(NULL);
	assert_int_equal(bad_page_count, bad + 1);
	assert_false(PagePcp(p) || PageBuddy(p));
	assert_int_equal(mm_test_free_pages(), free_before - 1);
	assert_invariants();
}

static void test_good_pages_pass(void **state)
{
	struct page *p[64];
	unsigned long bad;

	(void)state;
	mm_test_boot(64u << 20, NULL);
	pageset_set_high_and_batch(mm_test_zone(ZONE_NORMAL), 12, 4);
	bad = bad_page_count;
	for (int i = 0; i < 64; i++) {
		p[i] = alloc_pages(i & 1 ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE, 0);
		assert_non_null(p[i]);
	}
	for (int i = 0; i < 64; i++)
		__free_pages(p[i], 0);
	drain_all_pages(NULL);
	assert_int_equal(bad_page_count, bad);
	assert_int_equal(mm_test_free_pages(), mm_test_zone(ZONE_NORMAL)->managed_pages);
	assert_invariants();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_bad_pcp_page_caught_on_drain, teardown),
		cmocka_unit_test_teardown(test_good_pages_pass, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
