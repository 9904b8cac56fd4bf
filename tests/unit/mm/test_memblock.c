// SPDX-License-Identifier: MIT
/*
 * test_memblock.c - memblock region merging, splitting and allocation
 * (in the manner of Linux's tools/testing/memblock).
 */
#include "mm_test.h"

#include <string.h>

#define R(base, size) ((struct memblock_region){ (base), (size), MEMBLOCK_NONE, 0 })
#define SZ_128K 0x20000u
#define SZ_32K 0x8000u

static int setup(void **state)
{
	(void)state;
	mm_reset_state();
	printk_set_quiet(true);
	native_ram_init(TEST_RAM_BASE, SZ_64M);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mm_reset_state();
	native_ram_free();
	return 0;
}

static void assert_region(struct memblock_type *t, unsigned long i, phys_addr_t base,
			  phys_addr_t size)
{
	assert_true(i < t->cnt);
	assert_int_equal(t->regions[i].base, base);
	assert_int_equal(t->regions[i].size, size);
}

static void test_add_simple(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0x60000000, SZ_4M), 0);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, 0x60000000, SZ_4M);
	assert_int_equal(memblock.memory.total_size, SZ_4M);
}

/* Two disjoint regions stay apart, sorted. */
static void test_add_disjoint(void **state)
{
	(void)state;
	memblock_add(0x62000000, SZ_1M);
	memblock_add(0x60000000, SZ_2M);
	assert_int_equal(memblock.memory.cnt, 2);
	assert_region(&memblock.memory, 0, 0x60000000, SZ_2M);
	assert_region(&memblock.memory, 1, 0x62000000, SZ_1M);
	assert_int_equal(memblock.memory.total_size, SZ_2M + SZ_1M);
}

/* Overlap at the top and at the bottom merge into one region. */
static void test_add_overlap(void **state)
{
	(void)state;
	memblock_add(0x60100000, SZ_2M);
	memblock_add(0x60000000, SZ_2M);          /* overlaps the bottom */
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, 0x60000000, 0x300000);
	memblock_add(0x60280000, SZ_1M);          /* overlaps the top */
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, 0x60000000, 0x380000);
	assert_int_equal(memblock.memory.total_size, 0x380000);
}

/* Adjacent regions merge; a region inside another changes nothing; adding twice is idempotent. */
static void test_add_adjacent_within_twice(void **state)
{
	(void)state;
	memblock_add(0x60000000, SZ_1M);
	memblock_add(0x60100000, SZ_1M);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, 0x60000000, SZ_2M);
	memblock_add(0x60040000, SZ_128K);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, 0x60000000, SZ_2M);
	memblock_add(0x60000000, SZ_2M);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_int_equal(memblock.memory.total_size, SZ_2M);
}

/* A range spanning a gap fills it and merges three regions into one. */
static void test_add_fills_gap(void **state)
{
	(void)state;
	memblock_add(0x60000000, SZ_1M);
	memblock_add(0x60300000, SZ_1M);
	assert_int_equal(memblock.memory.cnt, 2);
	memblock_add(0x60080000, SZ_4M);
	assert_int_equal(memblock.memory.cnt, 1);
	assert_region(&memblock.memory, 0, 0x60000000, 0x480000);
}

/* Regions on different nodes do not merge. */
static void test_add_nodes_do_not_merge(void **state)
{
	(void)state;
	memblock_add_node(0x60000000, SZ_1M, 0);
	memblock_add_node(0x60100000, SZ_1M, 1);
	assert_int_equal(memblock.memory.cnt, 2);
	assert_int_equal(memblock.memory.regions[1].nid, 1);
}

static void test_remove(void **state)
{
	(void)state;
	memblock_add(0x60000000, SZ_4M);
	/* from the middle: split in two */
	assert_int_equal(memblock_remove(0x60100000, SZ_1M), 0);
	assert_int_equal(memblock.memory.cnt, 2);
	assert_region(&memblock.memory, 0, 0x60000000, SZ_1M);
	assert_region(&memblock.memory, 1, 0x60200000, SZ_2M);
	/* overlapping the bottom of the second region */
	memblock_remove(0x60180000, SZ_1M);
	assert_region(&memblock.memory, 1, 0x60280000, 0x180000);
	/* overlapping the top of the first */
	memblock_remove(0x600c0000, 0x40000);
	assert_region(&memblock.memory, 0, 0x60000000, 0xc0000);
	/* an absent range changes nothing */
	memblock_remove(0x70000000, SZ_1M);
	assert_int_equal(memblock.memory.cnt, 2);
	/* everything */
	memblock_remove(0x5f000000, 0x10000000);
	assert_int_equal(memblock.memory.cnt, 0);
	assert_int_equal(memblock.memory.total_size, 0);
}

static void test_reserve_free(void **state)
{
	(void)state;
	memblock_reserve(0x60000000, SZ_64K);
	memblock_reserve(0x60010000, SZ_64K); /* adjacent: merges */
	assert_int_equal(memblock.reserved.cnt, 1);
	assert_region(&memblock.reserved, 0, 0x60000000, SZ_128K);
	assert_true(memblock_is_reserved(0x6001ffff));
	assert_false(memblock_is_reserved(0x60020000));
	/* free a hole in the middle */
	memblock_free(0x60008000, SZ_32K);
	assert_int_equal(memblock.reserved.cnt, 2);
	assert_region(&memblock.reserved, 0, 0x60000000, SZ_32K);
	assert_region(&memblock.reserved, 1, 0x60010000, SZ_64K);
	assert_int_equal(memblock_reserved_size(), SZ_32K + SZ_64K);
}

/* Free ranges are memory minus reserved, in order; reverse iteration mirrors it. */
static void test_free_range_iteration(void **state)
{
	phys_addr_t start, end;
	phys_addr_t got[8][2];
	int n = 0, m = 0;
	u64 i;

	(void)state;
	memblock_add(0x60000000, SZ_4M);
	memblock_add(0x61000000, SZ_1M);
	memblock_reserve(0x60000000, SZ_64K);
	memblock_reserve(0x60100000, SZ_1M);
	memblock_reserve(0x61080000, SZ_1M); /* reaches beyond memory */
	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		assert_true(n < 8);
		got[n][0] = start;
		got[n][1] = end;
		n++;
	}
	assert_int_equal(n, 3);
	assert_int_equal(got[0][0], 0x60010000);
	assert_int_equal(got[0][1], 0x60100000);
	assert_int_equal(got[1][0], 0x60200000);
	assert_int_equal(got[1][1], 0x60400000);
	assert_int_equal(got[2][0], 0x61000000);
	assert_int_equal(got[2][1], 0x61080000);
	for_each_free_mem_range_reverse(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		assert_true(m < n);
		assert_int_equal(start, got[n - 1 - m][0]);
		assert_int_equal(end, got[n - 1 - m][1]);
		m++;
	}
	assert_int_equal(m, n);
}

/* Top-down: the highest fitting address, aligned; the allocation becomes reserved. */
static void test_alloc_top_down(void **state)
{
	phys_addr_t a, b;

	(void)state;
	memblock_add(TEST_RAM_BASE, SZ_16M);
	memblock_set_current_limit(TEST_RAM_BASE + SZ_16M);
	a = memblock_phys_alloc(0x3000, SZ_4K);
	assert_int_equal(a, TEST_RAM_BASE + SZ_16M - 0x3000);
	assert_true(memblock_is_reserved(a));
	b = memblock_phys_alloc(0x1000, SZ_64K);
	assert_int_equal(b, TEST_RAM_BASE + SZ_16M - SZ_64K);
	/* b and a are not adjacent: two reserved regions */
	assert_int_equal(memblock.reserved.cnt, 2);
	/* memblock_alloc returns zeroed lowmem */
	{
		unsigned char *p = memblock_alloc(100, 8);

		assert_non_null(p);
		for (int k = 0; k < 100; k++)
			assert_int_equal(p[k], 0);
		/* the highest free gap that fits: between b and a */
		assert_true(__pa(p) >= b + 0x1000 && __pa(p) + 100 <= a);
	}
}

/* Bottom-up: the lowest fitting address above reservations, inside [start, end). */
static void test_alloc_bottom_up(void **state)
{
	phys_addr_t a, b, c;

	(void)state;
	memblock_add(TEST_RAM_BASE, SZ_16M);
	memblock_set_current_limit(TEST_RAM_BASE + SZ_16M);
	memblock_set_bottom_up(true);
	memblock_reserve(TEST_RAM_BASE, 0x5000);
	a = memblock_phys_alloc(0x1000, SZ_4K);
	assert_int_equal(a, TEST_RAM_BASE + 0x5000);
	b = memblock_phys_alloc(0x1000, SZ_64K);
	assert_int_equal(b, TEST_RAM_BASE + SZ_64K);
	/* reserved regions merged where they touch: [base, base+0x6000) and b */
	assert_int_equal(memblock.reserved.cnt, 2);
	c = memblock_phys_alloc_range(0x2000, SZ_4K, TEST_RAM_BASE + SZ_1M, TEST_RAM_BASE + SZ_2M);
	assert_int_equal(c, TEST_RAM_BASE + SZ_1M);
	/* too big for the window */
	assert_int_equal(memblock_phys_alloc_range(SZ_2M, SZ_4K, TEST_RAM_BASE + SZ_1M,
						   TEST_RAM_BASE + SZ_2M), 0);
}

/* Allocations skip reserved and no-map memory and respect the current limit. */
static void test_alloc_skips_reserved_nomap_limit(void **state)
{
	phys_addr_t a;

	(void)state;
	memblock_add(TEST_RAM_BASE, SZ_16M);
	memblock_set_current_limit(TEST_RAM_BASE + SZ_8M);
	memblock_reserve(TEST_RAM_BASE + SZ_8M - SZ_1M, SZ_1M);
	memblock_mark_nomap(TEST_RAM_BASE + SZ_8M - SZ_2M, SZ_1M);
	a = memblock_phys_alloc(SZ_64K, SZ_4K);
	assert_int_equal(a, TEST_RAM_BASE + SZ_8M - SZ_2M - SZ_64K);
	/* nomap split memory into three regions */
	assert_int_equal(memblock.memory.cnt, 3);
	assert_true(memblock_is_memory(TEST_RAM_BASE + SZ_8M - SZ_2M));
	assert_false(memblock_is_map_memory(TEST_RAM_BASE + SZ_8M - SZ_2M));
	assert_true(memblock_is_map_memory(TEST_RAM_BASE));
	/* clearing the flag merges them again */
	memblock_clear_nomap(TEST_RAM_BASE + SZ_8M - SZ_2M, SZ_1M);
	assert_int_equal(memblock.memory.cnt, 1);
}

/* mem= keeps the first bytes of memory, across regions. */
static void test_enforce_memory_limit(void **state)
{
	(void)state;
	memblock_add(0x60000000, SZ_4M);
	memblock_add(0x61000000, SZ_4M);
	memblock_reserve(0x61300000, SZ_2M);
	memblock_enforce_memory_limit(SZ_4M + SZ_1M);
	assert_int_equal(memblock.memory.cnt, 2);
	assert_int_equal(memblock_end_of_DRAM(), 0x61100000);
	assert_int_equal(memblock_phys_mem_size(), SZ_4M + SZ_1M);
	assert_int_equal(memblock.reserved.cnt, 0);
}

/* A full region array is an error, and the array is left unchanged. */
static void test_array_full(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < INIT_MEMBLOCK_REGIONS; i++)
		assert_int_equal(memblock_add(0x60000000 + (phys_addr_t)i * 0x20000, 0x10000), 0);
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	assert_int_equal(memblock_add(0x70000000, 0x10000), -ENOMEM);
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	/* no doubling: even a range that would merge needs a free slot first */
	assert_int_equal(memblock_add(0x60010000, 0x10000), -ENOMEM);
	/* one already covered needs none */
	assert_int_equal(memblock_add(0x60000000, 0x8000), 0);
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS);
	/* removing from the middle of a region needs a slot too */
	assert_int_equal(memblock_remove(0x60004000, 0x1000), -ENOMEM);
	assert_int_equal(memblock_remove(0x60000000, 0x10000), 0);
	assert_int_equal(memblock.memory.cnt, INIT_MEMBLOCK_REGIONS - 1);
}

static void dump(void)
{
	memblock_dump_all();
}

static void test_dump_format(void **state)
{
	static char buf[2048];

	(void)state;
	memblock_add(0x50000000, 0x10000000);
	memblock_reserve(0x50008000, 0x180000);
	mm_test_capture(buf, sizeof(buf), dump);
	assert_non_null(strstr(buf, "MEMBLOCK configuration:\n"));
	assert_non_null(strstr(buf, " memory size = 0x10000000 reserved size = 0x00180000\n"));
	assert_non_null(strstr(buf, " memory.cnt  = 0x1\n"));
	assert_non_null(strstr(buf,
			       " memory[0x0]\t[0x50000000-0x5fffffff], 0x10000000 bytes on node 0 flags: 0x0\n"));
	assert_non_null(strstr(buf, " reserved[0x0]\t[0x50008000-0x50187fff], 0x00180000 bytes flags: 0x0\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_add_simple, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_disjoint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_overlap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_adjacent_within_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_fills_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_nodes_do_not_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserve_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_range_iteration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_top_down, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_bottom_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_skips_reserved_nomap_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enforce_memory_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_array_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dump_format, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
