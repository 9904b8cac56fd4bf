/* SPDX-License-Identifier: MIT */
/*
 * test_native_mm.c - the host decoder against the real guest mm.
 *
 * guest/mm compiled natively (tests/unit/mm's mm_page_lib) boots in a host
 * buffer standing for RAM; a seeded mix of allocations of every mobility and
 * order, frees, drains and compaction runs; after every batch the host
 * decodes that buffer through the published `mm_abi` only, as it decodes a
 * running guest, and must find:
 *   - no inconsistent frame;
 *   - /proc/buddyinfo, /proc/pagetypeinfo, unusable_index and extfrag_index
 *     byte-identical to the guest's own show_*() print-outs at that instant;
 *   - its free counts equal to the guest's descriptor counters;
 *   - every page the test holds in the state its GFP flags imply.
 */
#include "mm_test.h"

#include <stdlib.h>
#include <string.h>

#include <mm/compaction.h>

#include "native_host.h"

#define NR_OPS   40000
#define BATCH    4000
#define MAX_HELD 1500

struct held {
	struct page *page;
	unsigned int order;
	int mt;
};

static struct held held[MAX_HELD];
static size_t nr_held;
static uint32_t seed = 0x2545f491;
static struct native_view view;
static char guest_text[NH_TEXT];

static uint32_t rnd(uint32_t n)
{
	return test_rand(&seed) % n;
}

static const struct {
	gfp_t gfp;
	int mt;
} kinds[] = {
	{ GFP_KERNEL, MIGRATE_UNMOVABLE },
	{ GFP_KERNEL | __GFP_RECLAIMABLE, MIGRATE_RECLAIMABLE },
	{ GFP_HIGHUSER_MOVABLE, MIGRATE_MOVABLE },
	{ GFP_USER | __GFP_MOVABLE, MIGRATE_MOVABLE },
	{ GFP_KERNEL | __GFP_COMP, MIGRATE_UNMOVABLE },
	{ GFP_ATOMIC, MIGRATE_UNMOVABLE },
};

static const char *const expect_state[] = {
	[MIGRATE_UNMOVABLE] = "unmovable",
	[MIGRATE_MOVABLE] = "movable",
	[MIGRATE_RECLAIMABLE] = "reclaimable",
};

static void look(void)
{
	assert_int_equal(native_view(&mm_abi, native_ram, (uint32_t)native_phys_offset,
				     (uint32_t)native_ram_size, &view), 0);
}

static void same_text(void (*show)(void), const char *host, const char *what)
{
	mm_test_capture(guest_text, sizeof(guest_text), show);
	if (strcmp(guest_text, host) != 0)
		fail_msg("%s differs:\n--- guest\n%s--- host\n%s", what, guest_text, host);
}

static void check_instant(void)
{
	look();
	if (view.inconsistent)
		fail_msg("%u inconsistent frames, first at pfn 0x%x (%s)", view.inconsistent,
			 view.first_bad_pfn, native_frame_state(view.first_bad_pfn));
	assert_true(view.consistent);
	same_text(show_buddyinfo, view.buddyinfo, "/proc/buddyinfo");
	same_text(show_pagetypeinfo, view.pagetypeinfo, "/proc/pagetypeinfo");
	same_text(show_unusable_index, view.unusable, "unusable_index");
	same_text(show_extfrag_index, view.extfrag, "extfrag_index");
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned o = 0; o < MAX_ORDER; o++)
			assert_int_equal(view.nr_free[z][o], mm_test_zone(z)->free_area[o].nr_free);
	for (size_t i = 0; i < nr_held; i++) {
		unsigned long pfn = page_to_pfn(held[i].page);
		unsigned long last = pfn + (1ul << held[i].order) - 1;

		assert_string_equal(native_frame_state((uint32_t)pfn), expect_state[held[i].mt]);
		assert_string_equal(native_frame_state((uint32_t)last), expect_state[held[i].mt]);
		assert_int_equal(native_frame_mt((uint32_t)pfn), held[i].mt);
	}
}

static void drop(size_t i)
{
	__free_pages(held[i].page, held[i].order);
	held[i] = held[--nr_held];
}

static void test_host_view_matches_guest(void **state)
{
	unsigned long pcp_seen = 0;

	(void)state;
	mm_test_boot(64u << 20, "movablecore=16M");
	check_instant();
	for (unsigned op = 1; op <= NR_OPS; op++) {
		if (nr_held < MAX_HELD && (rnd(100) < 55 || !nr_held)) {
			unsigned k = rnd(sizeof(kinds) / sizeof(kinds[0]));
			unsigned order = rnd(100) < 70 ? 0 : 1 + rnd(6);
			struct page *page = alloc_pages(kinds[k].gfp | __GFP_NOWARN, order);

			if (page)
				held[nr_held++] = (struct held){ page, order, kinds[k].mt };
		} else if (nr_held) {
			drop(rnd((uint32_t)nr_held));
		}
		if (op % BATCH == 0) {
			if (op % (3 * BATCH) == 0)
				drain_all_pages(NULL);
			if (op % (5 * BATCH) == 0)
				compact_nodes();
			check_instant();
			pcp_seen += view.pcp_frames;
		}
	}
	/* the per-cpu lists were seen holding pages at least once */
	assert_true(pcp_seen > 0);
	while (nr_held)
		drop(0);
	drain_all_pages(NULL);
	check_instant();
	native_view_free();
	mm_test_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_host_view_matches_guest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
