/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the L1 cache tags (soc/arm1176/cache.c): geometry, hit and
 * miss counts of known patterns, allocation and replacement (DDI 0301H 7.2.1),
 * maintenance by address, set/way and whole cache, dirty words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "soc/arm1176/cache.h"

#define BASE 0x50000000u

struct counts {
	unsigned hits, misses;
};

/* A read as the memory model does it: hit, or fill on a miss. */
static bool rd(struct cache *c, uint32_t pa, struct counts *n)
{
	uint32_t old;
	uint16_t oldw;

	if (cache_find(c, pa) >= 0) {
		n->hits++;
		return true;
	}
	n->misses++;
	cache_fill(c, pa, &old, &oldw);
	return false;
}

static void setup16k(struct cache *c, uint32_t seed)
{
	char why[128];

	assert_int_equal(cache_init(c, "d", 16384, 32, 128, seed, why, sizeof(why)), 0);
}

static void test_geometry(void **state)
{
	struct cache c;
	char why[128];

	setup16k(&c, 1);
	assert_int_equal(c.ways, 4);
	assert_int_equal(c.line_shift, 5);
	assert_int_equal(cache_set_of(&c, BASE + 0x1020), 0x01); /* bits [11:5] */
	cache_destroy(&c);
	assert_int_equal(cache_init(&c, "d", 16384, 24, 128, 1, why, sizeof(why)), -1);
	assert_int_equal(cache_init(&c, "d", 16384, 32, 1, 1, why, sizeof(why)), -1); /* 512 ways */
	assert_int_equal(cache_init(&c, "d", 8192, 32, 64, 1, why, sizeof(why)), 0);
	assert_int_equal(c.ways, 4);
	cache_destroy(&c);
}

/* 8 KiB read twice word by word: 256 misses, 3840 hits. */
static void test_sequential(void **state)
{
	struct cache c;
	struct counts n = { 0 };

	setup16k(&c, 1);
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t a = 0; a < 8192; a += 4)
			rd(&c, BASE + a, &n);
	assert_int_equal(n.misses, 256);
	assert_int_equal(n.hits, 3840);
	assert_int_equal(c.st.fills, 256);
	assert_int_equal(c.st.evictions, 0);
	cache_destroy(&c);
}

/*
 * 32 KiB at a 128-byte stride: 8 lines for each of 32 sets (every 4th set).
 * The first 16 KiB fill each set's 4 invalid ways in order (DDI 0301H 7.2.1:
 * invalid ways first, lowest number first).  The second 16 KiB replace: the
 * one round-robin counter steps once per replacement and a set's
 * replacements come 32 apart, a multiple of 4 ways, so all four land in the
 * same way, (counter + set) mod 4, and each set keeps three of its first
 * lines.  Reading the first 4 KiB again (each set's way-0 line, one read per
 * set, so a miss cannot disturb a later read): the 8 sets whose replaced way
 * was 0 miss, 24 hit, whatever the counter was at the start.  A counter per
 * set would have replaced all four ways: 32 misses.
 */
static void test_strided(void **state)
{
	struct cache c;
	struct counts n = { 0 };

	setup16k(&c, 1);
	for (uint32_t a = 0; a < 32768; a += 128)
		rd(&c, BASE + a, &n);
	assert_int_equal(n.misses, 256);
	assert_int_equal(c.st.evictions, 128);
	n = (struct counts){ 0 };
	for (uint32_t a = 0; a < 4096; a += 128)
		rd(&c, BASE + a, &n);
	assert_int_equal(n.misses, 8);
	assert_int_equal(n.hits, 24);
	/* a 64-byte stride over 16 KiB fits exactly: the second pass hits */
	n = (struct counts){ 0 };
	cache_reset(&c);
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t a = 0; a < 16384; a += 64)
			rd(&c, BASE + a, &n);
	assert_int_equal(n.misses, 256);
	assert_int_equal(n.hits, 256);
	cache_destroy(&c);
}

/* One set: 4 lines stay, 5 lines cycling through 4 ways always miss (round-robin). */
static void test_conflict_round_robin(void **state)
{
	struct cache c;
	struct counts n = { 0 };

	setup16k(&c, 1);
	for (int r = 0; r < 100; r++)
		for (uint32_t k = 0; k < 4; k++)
			rd(&c, BASE + k * 4096, &n);
	assert_int_equal(n.misses, 4);
	assert_int_equal(n.hits, 396);
	/* the 4 fills took invalid ways: the counter has not moved */
	assert_int_equal(c.rr, 0);
	n = (struct counts){ 0 };
	for (int r = 0; r < 100; r++)
		for (uint32_t k = 0; k < 5; k++)
			rd(&c, BASE + 0x100000 + k * 4096, &n);
	assert_int_equal(n.misses, 500);
	/* 500 replacements, one counter step each */
	assert_int_equal(c.rr, 500 % 4);
	cache_destroy(&c);
}

static int way_of(const struct cache *c, uint32_t pa)
{
	int idx = cache_find(c, pa);

	return idx < 0 ? -1 : idx % (int)c->ways;
}

/*
 * DDI 0301H 7.2.1, the two allocation rules: an invalid line with the lowest
 * way number is allocated in preference to replacing a valid one (with either
 * policy), and round-robin uses a single counter for all sets.
 */
static void test_trm_allocation(void **state)
{
	struct cache c;
	struct counts n = { 0 };
	uint32_t set_a = BASE, set_b = BASE + 0x20;   /* sets 0 and 1 */

	setup16k(&c, 1);
	/* Invalid ways fill 0, 1, 2, 3 in order. */
	for (uint32_t k = 0; k < 4; k++) {
		rd(&c, set_a + k * 4096, &n);
		assert_int_equal(way_of(&c, set_a + k * 4096), (int)k);
	}
	for (uint32_t k = 0; k < 4; k++)
		rd(&c, set_b + k * 4096, &n);
	/* Set A full: a replacement takes the counter's way 0, the counter moves to 1. */
	rd(&c, set_a + 4 * 4096, &n);
	assert_int_equal(way_of(&c, set_a + 4 * 4096), 0);
	/* Set B's replacement continues the same counter: way 1, not way 0. */
	rd(&c, set_b + 4 * 4096, &n);
	assert_int_equal(way_of(&c, set_b + 4 * 4096), 1);
	/* A hole in set A (way 3 invalidated): the next fill takes it, the counter waits... */
	cache_maint_setway(&c, 0, 3, CACHE_INVALIDATE);
	rd(&c, set_a + 5 * 4096, &n);
	assert_int_equal(way_of(&c, set_a + 5 * 4096), 3);
	/* ...so the next replacement gets its way 2. */
	rd(&c, set_a + 6 * 4096, &n);
	assert_int_equal(way_of(&c, set_a + 6 * 4096), 2);
	/* Two holes (ways 2 and 0): the lowest first. */
	cache_maint_setway(&c, 1, 2, CACHE_INVALIDATE);
	cache_maint_setway(&c, 1, 0, CACHE_INVALIDATE);
	rd(&c, set_b + 5 * 4096, &n);
	assert_int_equal(way_of(&c, set_b + 5 * 4096), 0);
	rd(&c, set_b + 6 * 4096, &n);
	assert_int_equal(way_of(&c, set_b + 6 * 4096), 2);
	/* Pseudo-random replacement fills holes first too. */
	c.random = true;
	cache_maint_setway(&c, 0, 1, CACHE_INVALIDATE);
	rd(&c, set_a + 7 * 4096, &n);
	assert_int_equal(way_of(&c, set_a + 7 * 4096), 1);
	cache_destroy(&c);
}

/* Pseudo-random: deterministic for a seed, and 5 lines in 4 ways sometimes hit. */
static void test_random_replacement(void **state)
{
	struct cache a, b;
	struct counts na = { 0 }, nb = { 0 };

	setup16k(&a, 0x1176);
	setup16k(&b, 0x1176);
	a.random = b.random = true;
	for (int r = 0; r < 200; r++) {
		for (uint32_t k = 0; k < 5; k++) {
			rd(&a, BASE + k * 4096, &na);
			rd(&b, BASE + k * 4096, &nb);
		}
	}
	assert_int_equal(na.misses, nb.misses);
	assert_true(na.hits > 0);
	assert_true(na.misses > 5);
	cache_destroy(&a);
	cache_destroy(&b);
}

static void make_dirty(struct cache *c, uint32_t pa)
{
	struct counts n = { 0 };
	int idx;

	rd(c, pa, &n);
	idx = cache_find(c, pa);
	assert_true(idx >= 0);
	cache_mark_dirty(c, idx, pa, 4);
}

static void test_maintenance_by_address(void **state)
{
	struct cache c;
	uint32_t k;

	setup16k(&c, 1);
	make_dirty(&c, BASE + 0x40);
	make_dirty(&c, BASE + 0x80);
	make_dirty(&c, BASE + 0xc0);
	assert_int_equal(cache_state(&c, BASE + 0x44), CACHE_VALID | CACHE_DIRTY);

	k = cache_maint_pa(&c, BASE + 0x5c, CACHE_CLEAN);
	assert_true(k & CACHE_DIRTY);                      /* it was dirty: written back */
	assert_int_equal(cache_state(&c, BASE + 0x40), CACHE_VALID);
	assert_int_equal(cache_maint_pa(&c, BASE + 0x40, CACHE_CLEAN) & CACHE_DIRTY, 0);

	k = cache_maint_pa(&c, BASE + 0x80, CACHE_INVALIDATE);
	assert_true(k & CACHE_DIRTY);
	assert_int_equal(cache_state(&c, BASE + 0x80), 0);
	assert_int_equal(c.st.dirty_discarded, 1);          /* invalidated without a clean */

	k = cache_maint_pa(&c, BASE + 0xc0, CACHE_CLEAN_INVALIDATE);
	assert_true(k & CACHE_DIRTY);
	assert_int_equal(cache_state(&c, BASE + 0xc0), 0);
	assert_int_equal(c.st.writebacks, 2);
	assert_int_equal(cache_maint_pa(&c, BASE + 0x1000, CACHE_CLEAN), 0); /* not cached */
	cache_destroy(&c);
}

static unsigned wb_count;
static uint32_t wb_last;

static void wb(void *opaque, uint32_t pa)
{
	wb_count++;
	wb_last = pa;
}

static void test_maintenance_setway_and_all(void **state)
{
	struct cache c;
	uint32_t set, k;
	int idx, way;
	uint32_t valid, dirty;

	setup16k(&c, 1);
	set = cache_set_of(&c, BASE + 0x2a0);
	make_dirty(&c, BASE + 0x2a0);
	idx = cache_find(&c, BASE + 0x2a0);
	way = idx - (int)(set * c.ways);
	k = cache_maint_setway(&c, set, (uint32_t)way ^ 1, CACHE_CLEAN); /* another way: nothing */
	assert_int_equal(k, 0);
	k = cache_maint_setway(&c, set, (uint32_t)way, CACHE_CLEAN);
	assert_int_equal(k & ~31u, BASE + 0x2a0);
	assert_true(k & CACHE_DIRTY);
	assert_int_equal(cache_state(&c, BASE + 0x2a0), CACHE_VALID);

	make_dirty(&c, BASE + 0x3000);
	make_dirty(&c, BASE + 0x5000);
	(void)cache_find(&c, BASE); /* untouched: invalid */
	wb_count = 0;
	assert_int_equal(cache_maint_all(&c, CACHE_CLEAN, wb, NULL), 2);
	assert_int_equal(wb_count, 2);
	cache_count(&c, &valid, &dirty);
	assert_int_equal(valid, 3);
	assert_int_equal(dirty, 0);
	assert_int_equal(cache_maint_all(&c, CACHE_INVALIDATE, wb, NULL), 0);
	cache_count(&c, &valid, &dirty);
	assert_int_equal(valid, 0);
	cache_destroy(&c);
}

static void test_dirty_words_and_eviction(void **state)
{
	struct cache c;
	struct counts n = { 0 };
	uint32_t old;
	uint16_t oldw;
	int idx;

	setup16k(&c, 1);
	rd(&c, BASE + 0x100, &n);
	idx = cache_find(&c, BASE + 0x100);
	cache_mark_dirty(&c, idx, BASE + 0x108, 4);   /* word 2 */
	cache_mark_dirty(&c, idx, BASE + 0x11e, 4);   /* unaligned: words 7 (clipped) */
	assert_true(cache_word_dirty(&c, BASE + 0x108));
	assert_true(cache_word_dirty(&c, BASE + 0x11c));
	assert_false(cache_word_dirty(&c, BASE + 0x104));
	assert_false(cache_word_dirty(&c, BASE + 0x200));
	/* three more lines of the same set, then a fifth: the dirty line is evicted */
	for (uint32_t k = 1; k <= 3; k++)
		rd(&c, BASE + 0x100 + k * 4096, &n);
	idx = cache_fill(&c, BASE + 0x100 + 4 * 4096, &old, &oldw);
	assert_true(idx >= 0);
	assert_int_equal(old & ~31u, BASE + 0x100);
	assert_true(old & CACHE_DIRTY);
	assert_int_equal(oldw, (1u << 2) | (1u << 7));
	assert_int_equal(c.st.writebacks, 1);
	assert_int_equal(cache_state(&c, BASE + 0x100), 0);
	cache_destroy(&c);
}

/*
 * The core's lookup remembers the last line it found missing (a run of
 * stores to an uncached line skips the search): the answer must follow
 * every fill, eviction and invalidation, and the generation must advance
 * with each, never with hits, misses or cleans.
 */
static void test_missing_line_remembered(void **state)
{
	struct cache c;
	uint32_t old, gen;
	uint16_t oldw;
	int hint = -1, idx;

	setup16k(&c, 1);
	gen = c.gen;
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x40, true, &hint), -1);
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x44, true, &hint), -1); /* remembered */
	assert_int_equal(c.st.write_misses, 2);
	assert_int_equal(c.gen, gen);
	idx = cache_fill(&c, BASE + 0x40, &old, &oldw);
	assert_true(c.gen != gen);
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x48, true, &hint), idx);
	assert_int_equal(c.st.write_hits, 1);
	/* a miss elsewhere, then that line filled: a hit, not the remembered miss */
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x60, false, &hint), -1);
	idx = cache_fill(&c, BASE + 0x60, &old, &oldw);
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x60, false, &hint), idx);
	/* cleaning changes no line: same generation; invalidating does */
	gen = c.gen;
	cache_mark_dirty(&c, idx, BASE + 0x60, 4);
	cache_maint_pa(&c, BASE + 0x60, CACHE_CLEAN);
	assert_int_equal(c.gen, gen);
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x64, false, &hint), idx);
	cache_maint_pa(&c, BASE + 0x60, CACHE_INVALIDATE);
	assert_true(c.gen != gen);
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x64, false, &hint), -1);
	/* filled, then evicted by four more of its set (the first replacement takes way 0) */
	cache_fill(&c, BASE + 0x60, &old, &oldw);
	for (uint32_t k = 1; k <= 4; k++)
		cache_fill(&c, BASE + 0x60 + k * 4096, &old, &oldw);
	assert_int_equal(cache_lookup_hint(&c, BASE + 0x60, false, &hint), -1);
	gen = c.gen;
	cache_reset(&c);
	assert_true(c.gen != gen);
	cache_destroy(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_geometry),
		cmocka_unit_test(test_sequential),
		cmocka_unit_test(test_strided),
		cmocka_unit_test(test_conflict_round_robin),
		cmocka_unit_test(test_trm_allocation),
		cmocka_unit_test(test_random_replacement),
		cmocka_unit_test(test_maintenance_by_address),
		cmocka_unit_test(test_maintenance_setway_and_all),
		cmocka_unit_test(test_dirty_words_and_eviction),
		cmocka_unit_test(test_missing_line_remembered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
