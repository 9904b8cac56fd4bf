/* SPDX-License-Identifier: MIT */
/*
 * test_metrics.c - buddyinfo, pagetypeinfo and the extfrag indices against
 * values computed by hand with mm/vmstat.c's formulas.
 *
 * The main scenario: zone Normal with free blocks 4 x order 0, 2 x order 1,
 * 1 x order 2 (12 free pages in 7 blocks).  By hand, for order o:
 *   suitable(o) = sum over k >= o of blocks(k) << (k - o): 12, 4, 1, 0, ...
 *   unusable(o) = (12 - (suitable << o)) * 1000 / 12:
 *                 o=0: 0   o=1: (12-8)*1000/12 = 333   o=2: (12-4)*1000/12 = 666   o>=3: 1000
 *   fragindex(o) = -1000 while suitable > 0 (o <= 2), else
 *                 1000 - (1000 + 12*1000 / 2^o) / 7:
 *                 o=3: 1000 - (1000 + 1500)/7 = 1000 - 357 = 643
 *                 o=4: 1000 - (1000 + 750)/7  = 1000 - 250 = 750
 *                 o=5: 1000 - (1000 + 375)/7  = 1000 - 196 = 804
 *                 o=10: 1000 - (1000 + 11)/7  = 1000 - 144 = 856
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emu/report.h"
#include "fake_mm.h"
#include "mm/metrics.h"
#include "mm/pagestate.h"

#define BASE   0x50000000u
#define FRAMES 4096u
#define PFN0   (BASE >> 12)

struct fixture {
	struct fake_mm f;
	struct pagestate ps;
	struct mm_metrics mt;
};

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));

	assert_non_null(x);
	assert_int_equal(fake_mm_init(&x->f, BASE, FRAMES), 0);
	assert_int_equal(pagestate_init(&x->ps, PFN0, x->f.size >> 12), 0);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;

	pagestate_destroy(&x->ps);
	fake_mm_free(&x->f);
	free(x);
	return 0;
}

static void compute(struct fixture *x)
{
	fake_decode(&x->f, &x->ps);
	metrics_compute(&x->mt, &x->ps);
	assert_true(x->mt.valid);
}

/* The scenario of the header comment, spread over two migratetypes. */
static void scenario(struct fixture *x)
{
	fake_free(&x->f, PFN0 + 0, 0, MIGRATE_UNMOVABLE);
	fake_free(&x->f, PFN0 + 2, 0, MIGRATE_UNMOVABLE);
	fake_free(&x->f, PFN0 + 5, 0, MIGRATE_MOVABLE);
	fake_free(&x->f, PFN0 + 7, 0, MIGRATE_MOVABLE);
	fake_free(&x->f, PFN0 + 10, 1, MIGRATE_MOVABLE);
	fake_free(&x->f, PFN0 + 2048 + 12, 1, MIGRATE_RECLAIMABLE);
	fake_free(&x->f, PFN0 + 3072 + 16, 2, MIGRATE_MOVABLE);
	/* pcp pages are free but not in buddyinfo */
	fake_flags(&x->f, PFN0 + 30, 3, 1u << PG_pcp);
	fake_pageblock(&x->f, PFN0 + 1024, MIGRATE_UNMOVABLE);
	fake_pageblock(&x->f, PFN0 + 2048, MIGRATE_RECLAIMABLE);
}

static void test_hand_computed_indices(void **state)
{
	struct fixture *x = *state;
	const struct mm_zone_metrics *zm = &x->mt.zone[ZONE_NORMAL];
	static const int unusable[MM_ABI_MAX_ORDER] = {
		0, 333, 666, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
	};
	static const int frag[MM_ABI_MAX_ORDER] = {
		-1000, -1000, -1000, 643, 750, 804, 1000 - (1000 + 187) / 7,
		1000 - (1000 + 93) / 7, 1000 - (1000 + 46) / 7, 1000 - (1000 + 23) / 7, 856,
	};

	scenario(x);
	compute(x);
	assert_true(zm->populated);
	assert_int_equal(zm->nr_free[0], 4);
	assert_int_equal(zm->nr_free[1], 2);
	assert_int_equal(zm->nr_free[2], 1);
	for (unsigned o = 3; o < MM_ABI_MAX_ORDER; o++)
		assert_int_equal(zm->nr_free[o], 0);
	assert_int_equal(zm->free_pages, 12);
	assert_int_equal(zm->pcp_pages, 3);
	assert_int_equal(zm->largest_order, 2);
	assert_int_equal(zm->free_pages_mt[MIGRATE_UNMOVABLE], 2);
	assert_int_equal(zm->free_pages_mt[MIGRATE_MOVABLE], 2 + 2 + 4);
	assert_int_equal(zm->free_pages_mt[MIGRATE_RECLAIMABLE], 2);
	assert_int_equal(zm->nr_free_mt[MIGRATE_MOVABLE][0], 2);
	assert_int_equal(zm->nr_free_mt[MIGRATE_MOVABLE][1], 1);
	assert_int_equal(zm->nr_free_mt[MIGRATE_RECLAIMABLE][1], 1);
	assert_int_equal(zm->nr_free_mt[MIGRATE_MOVABLE][2], 1);
	for (unsigned o = 0; o < MM_ABI_MAX_ORDER; o++) {
		assert_int_equal(metrics_unusable_index(zm->nr_free, 11, o), unusable[o]);
		assert_int_equal(metrics_fragmentation_index(zm->nr_free, 11, o), frag[o]);
	}
	/* the guest's counters (kept by fake_free) agree */
	assert_true(zm->consistent);
	assert_true(x->mt.consistent);
	/* pageblocks: 0 and 3 movable, 1 unmovable, 2 reclaimable */
	assert_int_equal(zm->blocks_mt[MIGRATE_MOVABLE], 2);
	assert_int_equal(zm->blocks_mt[MIGRATE_UNMOVABLE], 1);
	assert_int_equal(zm->blocks_mt[MIGRATE_RECLAIMABLE], 1);
	assert_int_equal(zm->blocks_mt[MIGRATE_CMA], 0);
}

/*
 * A hostile descriptor (issue 13, item 5): zone spans of 4 G frames with
 * pageblock order 0 would make every decode walk 2^32 pfns.  The decoder
 * refuses spans outside RAM; metrics never walk past the snapshot even when
 * handed such a descriptor directly.
 */
static void test_hostile_zone_span(void **state)
{
	struct fixture *x = *state;
	struct mm_abi *a = x->f.abi;
	uint32_t sum = 0, pbo = a->pageblock_order;

	a->pageblock_order = 0;
	a->zones[ZONE_NORMAL].zone_start_pfn = 0;
	a->zones[ZONE_NORMAL].spanned_pages = 0xffffffffu;
	a->kernel_start_pfn = 0;
	a->kernel_end_pfn = 0xffffffffu;
	fake_decode(&x->f, &x->ps);
	assert_false(x->ps.abi_ok);
	assert_non_null(strstr(x->ps.abi_error, "zone"));
	metrics_compute(&x->mt, &x->ps);
	assert_false(x->mt.valid);

	/* a span just past the end of RAM is refused too */
	a->zones[ZONE_NORMAL].zone_start_pfn = PFN0;
	a->zones[ZONE_NORMAL].spanned_pages = (x->f.size >> 12) + 1;
	fake_decode(&x->f, &x->ps);
	assert_false(x->ps.abi_ok);

	/* metrics bypassing the check: only the snapshot's frames are counted */
	a->zones[ZONE_NORMAL].spanned_pages = FRAMES;
	a->kernel_start_pfn = a->kernel_end_pfn = 0;
	a->pageblock_order = pbo;
	fake_decode(&x->f, &x->ps);
	assert_true(x->ps.abi_ok);
	x->ps.abi.zones[ZONE_NORMAL].zone_start_pfn = 1;
	x->ps.abi.zones[ZONE_NORMAL].spanned_pages = 0xfffffffeu;
	x->ps.abi.pageblock_order = 0;
	metrics_compute(&x->mt, &x->ps);
	assert_true(x->mt.valid);
	for (unsigned m = 0; m < MIGRATE_TYPES; m++)
		sum += x->mt.zone[ZONE_NORMAL].blocks_mt[m];
	assert_int_equal(sum, FRAMES); /* one pageblock per frame */
}

static void test_edge_cases(void **state)
{
	uint32_t none[MM_ABI_MAX_ORDER] = { 0 };
	uint32_t one_max[MM_ABI_MAX_ORDER] = { [10] = 1 };
	uint32_t only_small[MM_ABI_MAX_ORDER] = { [0] = 1 };

	(void)state;
	/* no free pages: everything unusable, and "no free blocks" gives 0 */
	for (unsigned o = 0; o < MM_ABI_MAX_ORDER; o++) {
		assert_int_equal(metrics_unusable_index(none, 11, o), 1000);
		assert_int_equal(metrics_fragmentation_index(none, 11, o), 0);
	}
	/* one order-10 block: every order is satisfiable */
	for (unsigned o = 0; o < MM_ABI_MAX_ORDER; o++) {
		assert_int_equal(metrics_unusable_index(one_max, 11, o), 0);
		assert_int_equal(metrics_fragmentation_index(one_max, 11, o), -1000);
	}
	/* one single page: order 1 fails for lack of memory, 1000-(1000+500)/1 */
	assert_int_equal(metrics_fragmentation_index(only_small, 11, 1), -500);
	assert_int_equal(metrics_fragmentation_index(only_small, 11, 0), -1000);
	assert_int_equal(metrics_unusable_index(only_small, 11, 1), 1000);
	/* an order past max_order is refused as Linux's WARN_ON does */
	assert_int_equal(metrics_fragmentation_index(one_max, 11, 11), 0);
}

static void test_empty_zone_metrics(void **state)
{
	struct fixture *x = *state;
	const struct mm_zone_metrics *zm = &x->mt.zone[ZONE_NORMAL];

	compute(x);
	assert_int_equal(zm->free_pages, 0);
	assert_int_equal(zm->largest_order, -1);
	assert_true(zm->consistent);
	assert_false(x->mt.zone[ZONE_MOVABLE].populated);
}

static char *capture(void (*fn)(FILE *, const struct mm_metrics *), const struct mm_metrics *mt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	fn(f, mt);
	fclose(f);
	return buf;
}

static void test_linux_formats(void **state)
{
	struct fixture *x = *state;
	char *s;

	scenario(x);
	fake_zone(&x->f, ZONE_MOVABLE, PFN0 + 3072, 1024);
	compute(x);

	s = capture(metrics_print_buddyinfo, &x->mt);
	assert_string_equal(s,
		"Node 0, zone   Normal      4      2      0      0      0      0      0      0      0      0      0 \n"
		"Node 0, zone  Movable      0      0      1      0      0      0      0      0      0      0      0 \n");
	free(s);

	s = capture(metrics_print_pagetypeinfo, &x->mt);
	assert_string_equal(s,
		"Page block order: 10\n"
		"Pages per block:  1024\n"
		"\n"
		"Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n"
		"Node    0, zone   Normal, type    Unmovable      2      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type      Movable      2      1      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type  Reclaimable      0      1      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type          CMA      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone   Normal, type      Isolate      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone  Movable, type    Unmovable      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone  Movable, type      Movable      0      0      1      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone  Movable, type  Reclaimable      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone  Movable, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone  Movable, type          CMA      0      0      0      0      0      0      0      0      0      0      0 \n"
		"Node    0, zone  Movable, type      Isolate      0      0      0      0      0      0      0      0      0      0      0 \n"
		"\n"
		"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"
		"Node 0, zone   Normal            1            1            1            0            0            0 \n"
		"Node 0, zone  Movable            0            1            0            0            0            0 \n");
	free(s);

	/* Normal now: 4 x o0, 2 x o1 = 8 pages; Movable: 1 x o2 = 4 pages */
	s = capture(metrics_print_unusable_index, &x->mt);
	assert_string_equal(s,
		"Node 0, zone   Normal 0.000 0.500 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 \n"
		"Node 0, zone  Movable 0.000 0.000 0.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 1.000 \n");
	free(s);
	/*
	 * Normal (8 pages, 6 blocks), 1000 - (1000 + 8000 / 2^o) / 6:
	 *   o2: 1000 - 3000/6 = 500   o3: 1000 - 2000/6 = 667   o8: 1000 - 1031/6 = 829
	 * Movable (one order-2 block) goes negative: o3 is 1000 - 1500/1 = -500,
	 * printed "-0.500" (Linux's "%2d.%03d" of index/1000, index%1000 would
	 * give " 0.-500"; the guest's show_extfrag_index() prints "-0.500" too).
	 */
	s = capture(metrics_print_extfrag_index, &x->mt);
	assert_string_equal(s,
		"Node 0, zone   Normal -1.000 -1.000  0.500  0.667  0.750  0.792  0.813  0.823  0.829  0.831  0.833 \n"
		"Node 0, zone  Movable -1.000 -1.000 -1.000 -0.500 -0.250 -0.125 -0.062 -0.031 -0.015 -0.007 -0.003 \n");
	free(s);

	char buf[16];

	metrics_format_index(buf, sizeof(buf), -1000);
	assert_string_equal(buf, "-1.000");
	metrics_format_index(buf, sizeof(buf), 7);
	assert_string_equal(buf, "0.007");
	metrics_format_index(buf, sizeof(buf), -500);
	assert_string_equal(buf, "-0.500");
}

static void test_guest_disagreement_flagged(void **state)
{
	struct fixture *x = *state;

	scenario(x);
	x->f.abi->zones[ZONE_NORMAL].nr_free[1]++; /* the guest is mid-operation */
	compute(x);
	assert_false(x->mt.zone[ZONE_NORMAL].consistent);
	assert_false(x->mt.consistent);
}

static void test_series_adaptive(void **state)
{
	struct fixture *x = *state;
	struct metrics_series se;
	const uint64_t P = 1000;

	compute(x);
	assert_int_equal(metrics_series_init(&se, P, true), 0);
	for (uint64_t k = 0; k < METRICS_SERIES_MAX; k++)
		assert_false(metrics_series_add(&se, &x->mt, k * P));
	assert_int_equal(se.nr, METRICS_SERIES_MAX);
	/* the next sample thins the series and doubles the period */
	assert_true(metrics_series_add(&se, &x->mt, METRICS_SERIES_MAX * P));
	assert_int_equal(se.period, 2 * P);
	assert_int_equal(se.nr, METRICS_SERIES_MAX / 2 + 1);
	for (unsigned i = 0; i < se.nr; i++)
		assert_int_equal(se.s[i].cycle, i * 2 * P);
	assert_int_equal(se.samples_taken, METRICS_SERIES_MAX + 1);
	metrics_series_destroy(&se);

	/* fixed period: grows without thinning */
	assert_int_equal(metrics_series_init(&se, P, false), 0);
	for (uint64_t k = 0; k < 3 * METRICS_SERIES_MAX; k++)
		assert_false(metrics_series_add(&se, &x->mt, k * P));
	assert_int_equal(se.nr, 3 * METRICS_SERIES_MAX);
	assert_int_equal(se.period, P);
	metrics_series_destroy(&se);
}

static void test_report_section(void **state)
{
	struct fixture *x = *state;
	struct metrics_series se;
	struct report r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	scenario(x);
	compute(x);
	assert_int_equal(metrics_series_init(&se, 100, true), 0);
	metrics_series_add(&se, &x->mt, 0);
	metrics_series_add(&se, &x->mt, 100);
	report_open(&r, f);
	metrics_report(&r, &x->mt, &se);
	report_close(&r);
	fclose(f);
	assert_non_null(strstr(buf, "\"buddyinfo\": [\n"));
	assert_non_null(strstr(buf, "\"unusable_index\""));
	assert_non_null(strstr(buf, "\"fragmentation_index\""));
	assert_non_null(strstr(buf, "\"guest_nr_free\""));
	assert_non_null(strstr(buf, "\"consistent\": true"));
	assert_non_null(strstr(buf, "\"period_cycles\": 100"));
	assert_non_null(strstr(buf, "\"cycle\": 100"));
	/* braces balance */
	int depth = 0;

	for (char *p = buf; *p; p++) {
		depth += (*p == '{' || *p == '[') - (*p == '}' || *p == ']');
		assert_true(depth >= 0);
	}
	assert_int_equal(depth, 0);
	free(buf);
	metrics_series_destroy(&se);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hand_computed_indices, setup, teardown),
		cmocka_unit_test(test_edge_cases),
		cmocka_unit_test_setup_teardown(test_hostile_zone_span, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_zone_metrics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_linux_formats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_disagreement_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_series_adaptive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_section, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
