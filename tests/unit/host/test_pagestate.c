/* SPDX-License-Identifier: MIT */
/*
 * test_pagestate.c - the page-state decoder on crafted guest memory: every
 * state of the ABI table, the memblock view, and garbage that must be
 * reported, never followed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fake_mm.h"
#include "mm/metrics.h"
#include "mm/pagestate.h"

#define BASE   0x50000000u
#define FRAMES 4096u     /* 16 MiB: four pageblocks of 1024 pages */
#define PFN0   (BASE >> 12)

struct fixture {
	struct fake_mm f;
	struct pagestate ps;
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

static const struct ps_frame *fr(struct fixture *x, uint32_t pfn)
{
	return &x->ps.frame[pfn - PFN0];
}

/* The light walk the metrics samples use counts what the full decode counts. */
static void assert_tally_agrees(struct fake_mm *f, struct pagestate *ps)
{
	struct ps_tally light, full;
	struct mm_abi abi;
	char why[96];

	assert_true(pagestate_tally(&f->mem, f->abi_pa, ps->pfn0, ps->nframes, &abi, &light, why,
				    sizeof(why)));
	pagestate_tally_frames(ps, &full);
	assert_memory_equal(&light, &full, sizeof(light));
}

static void test_free_block_marks_whole_block(void **state)
{
	struct fixture *x = *state;

	fake_free(&x->f, PFN0 + 8, 3, MIGRATE_MOVABLE);
	fake_decode(&x->f, &x->ps);
	assert_true(x->ps.abi_ok);
	for (uint32_t p = PFN0 + 8; p < PFN0 + 16; p++) {
		assert_int_equal(fr(x, p)->state, PS_FREE);
		assert_int_equal(fr(x, p)->order, 3);
		assert_int_equal(fr(x, p)->mt, MIGRATE_MOVABLE);
		assert_int_equal(fr(x, p)->zone, ZONE_NORMAL);
		assert_int_equal(!!(fr(x, p)->attr & PSA_HEAD), p == PFN0 + 8);
	}
	assert_int_equal(fr(x, PFN0 + 7)->state, PS_ALLOC_UNMOVABLE);
	assert_int_equal(fr(x, PFN0 + 16)->state, PS_ALLOC_UNMOVABLE);
	assert_int_equal(x->ps.count[PS_FREE], 8);
	assert_int_equal(x->ps.count[PS_ALLOC_UNMOVABLE], FRAMES - 8);
	/* metadata pages above mem_map are not described: unknown */
	assert_int_equal(x->ps.count[PS_UNKNOWN], x->ps.nframes - FRAMES);
	assert_int_equal(x->ps.count[PS_INCONSISTENT], 0);
}

static void test_allocation_types(void **state)
{
	struct fixture *x = *state;

	fake_alloc(&x->f, PFN0 + 0, 1, MIGRATE_UNMOVABLE);
	fake_alloc(&x->f, PFN0 + 1, 1, MIGRATE_MOVABLE);
	fake_alloc(&x->f, PFN0 + 2, 1, MIGRATE_RECLAIMABLE);
	fake_alloc(&x->f, PFN0 + 3, 1, MIGRATE_MOVABLE);
	fake_flags(&x->f, PFN0 + 3, 1, (1u << PG_pinned) | (1u << PG_lru));
	fake_flags(&x->f, PFN0 + 4, 1, 1u << PG_table);
	fake_flags(&x->f, PFN0 + 5, 1, 1u << PG_vmalloc);
	fake_flags(&x->f, PFN0 + 6, 1, 1u << PG_reserved);
	fake_flags(&x->f, PFN0 + 7, 1, 1u << PG_kernel);
	fake_flags(&x->f, PFN0 + 8, 1, (1u << PG_kernel) | (1u << PG_reserved));
	fake_flags(&x->f, PFN0 + 9, 1, (1u << PG_table) | (1u << PG_reserved));
	fake_alloc(&x->f, PFN0 + 10, 1, MIGRATE_MOVABLE);
	fake_flags(&x->f, PFN0 + 10, 1, 1u << PG_highmem);
	fake_flags(&x->f, PFN0 + 11, 1, 1u << PG_pcp);
	fake_page(&x->f, PFN0 + 11)->index = MIGRATE_RECLAIMABLE;
	fake_decode(&x->f, &x->ps);

	assert_int_equal(fr(x, PFN0 + 0)->state, PS_ALLOC_UNMOVABLE);
	assert_int_equal(fr(x, PFN0 + 1)->state, PS_ALLOC_MOVABLE);
	assert_int_equal(fr(x, PFN0 + 1)->mt, MIGRATE_MOVABLE);
	assert_int_equal(fr(x, PFN0 + 2)->state, PS_ALLOC_RECLAIMABLE);
	assert_int_equal(fr(x, PFN0 + 3)->state, PS_ALLOC_MOVABLE);
	assert_true(fr(x, PFN0 + 3)->attr & PSA_PINNED);
	assert_true(fr(x, PFN0 + 3)->attr & PSA_LRU);
	assert_int_equal(fr(x, PFN0 + 4)->state, PS_PAGETABLE);
	assert_int_equal(fr(x, PFN0 + 5)->state, PS_VMALLOC);
	assert_int_equal(fr(x, PFN0 + 6)->state, PS_RESERVED);
	assert_int_equal(fr(x, PFN0 + 7)->state, PS_KERNEL);
	assert_int_equal(fr(x, PFN0 + 8)->state, PS_KERNEL);
	assert_int_equal(fr(x, PFN0 + 9)->state, PS_PAGETABLE);
	assert_int_equal(fr(x, PFN0 + 10)->state, PS_HIGHMEM);
	assert_true(fr(x, PFN0 + 10)->attr & PSA_HIGHMEM);
	assert_int_equal(fr(x, PFN0 + 11)->state, PS_FREE_PCP);
	assert_int_equal(fr(x, PFN0 + 11)->mt, MIGRATE_RECLAIMABLE);
	assert_int_equal(x->ps.count[PS_INCONSISTENT], 0);
}

static void test_kernel_pfns_and_reserved(void **state)
{
	struct fixture *x = *state;

	/* reserved pages inside [kernel_start_pfn, kernel_end_pfn) are the image */
	fake_flags(&x->f, PFN0 + 8, 16, 1u << PG_reserved);
	x->f.abi->kernel_start_pfn = PFN0 + 8;
	x->f.abi->kernel_end_pfn = PFN0 + 16;
	fake_decode(&x->f, &x->ps);
	assert_int_equal(fr(x, PFN0 + 8)->state, PS_KERNEL);
	assert_int_equal(fr(x, PFN0 + 15)->state, PS_KERNEL);
	assert_int_equal(fr(x, PFN0 + 16)->state, PS_RESERVED);
	assert_int_equal(x->ps.count[PS_KERNEL], 8);
	assert_int_equal(x->ps.count[PS_RESERVED], 8);
}

static void test_cma(void **state)
{
	struct fixture *x = *state;
	uint32_t cma = PFN0 + 2048; /* pageblock 2 */

	fake_pageblock(&x->f, cma, MIGRATE_CMA);
	fake_free(&x->f, cma, 9, MIGRATE_CMA);
	fake_alloc(&x->f, cma + 512, 1, MIGRATE_MOVABLE);
	fake_decode(&x->f, &x->ps);
	assert_int_equal(fr(x, cma)->state, PS_CMA_FREE);
	assert_int_equal(fr(x, cma + 511)->state, PS_CMA_FREE);
	assert_int_equal(fr(x, cma + 511)->order, 9);
	assert_int_equal(fr(x, cma + 512)->state, PS_CMA_ALLOC);
	assert_int_equal(fr(x, cma + 512)->pbmt, MIGRATE_CMA);
	assert_int_equal(fr(x, cma - 1)->pbmt, MIGRATE_MOVABLE);
	assert_int_equal(x->ps.count[PS_CMA_FREE], 512);
	assert_int_equal(x->ps.count[PS_CMA_ALLOC], 512);
}

static void test_slab_owner_and_compound_tail(void **state)
{
	struct fixture *x = *state;
	struct page *head, *tail;

	x->f.abi->nr_caches = 2;
	strcpy(x->f.abi->caches[0].name, "kmem_cache");
	strcpy(x->f.abi->caches[1].name, "kmalloc-64");
	fake_flags(&x->f, PFN0 + 100, 1, (1u << PG_slab) | (1u << PG_head));
	head = fake_page(&x->f, PFN0 + 100);
	head->mapping = 1;
	tail = fake_page(&x->f, PFN0 + 101);
	tail->flags = (tail->flags & ~PAGE_FLAGS_MASK) | (1u << PG_tail);
	tail->private = 100;
	tail->mapping = 1;
	fake_decode(&x->f, &x->ps);

	assert_int_equal(fr(x, PFN0 + 100)->state, PS_SLAB);
	assert_int_equal(fr(x, PFN0 + 100)->owner, 1);
	assert_string_equal(pagestate_owner_name(&x->ps, fr(x, PFN0 + 100)), "kmalloc-64");
	assert_int_equal(fr(x, PFN0 + 101)->state, PS_SLAB);
	assert_string_equal(pagestate_owner_name(&x->ps, fr(x, PFN0 + 101)), "kmalloc-64");
	assert_true(fr(x, PFN0 + 101)->attr & PSA_COMPOUND);
	assert_null(pagestate_owner_name(&x->ps, fr(x, PFN0 + 102)));
}

static void test_memblock_phase(void **state)
{
	struct fixture *x = *state;
	struct mm_abi *a = x->f.abi;

	/* mem_map is garbage before the buddy phase: the memblock view is shown */
	memset(x->f.map, 0xa5, FRAMES * sizeof(struct page));
	a->phase = MM_PHASE_MEMBLOCK;
	a->nr_memory = 1;
	a->memory[0] = (struct mm_abi_region){ BASE, (FRAMES - 256) * 4096u };
	a->nr_reserved = 2;
	a->reserved[0] = (struct mm_abi_region){ BASE + 0x100000, 0x10000 };
	a->reserved[1] = (struct mm_abi_region){ BASE + 0x200800, 0x100 }; /* partial page */
	a->kernel_start_pfn = PFN0 + 8;
	a->kernel_end_pfn = PFN0 + 10;
	fake_decode(&x->f, &x->ps);

	assert_true(x->ps.abi_ok);
	assert_int_equal(fr(x, PFN0)->state, PS_MB_MEMORY);
	assert_int_equal(fr(x, PFN0 + 8)->state, PS_KERNEL);
	assert_int_equal(fr(x, PFN0 + 0x100)->state, PS_MB_RESERVED);
	assert_int_equal(fr(x, PFN0 + 0x10f)->state, PS_MB_RESERVED);
	assert_int_equal(fr(x, PFN0 + 0x110)->state, PS_MB_MEMORY);
	assert_int_equal(fr(x, PFN0 + 0x200)->state, PS_MB_RESERVED);
	assert_int_equal(fr(x, PFN0 + FRAMES - 256)->state, PS_HOLE);
	assert_int_equal(x->ps.count[PS_MB_RESERVED], 17);
	assert_int_equal(x->ps.count[PS_KERNEL], 2);
	assert_int_equal(x->ps.count[PS_INCONSISTENT], 0);
}

static void test_no_descriptor(void **state)
{
	struct fixture *x = *state;

	x->f.abi->magic = 0;
	pagestate_decode(&x->ps, &x->f.mem, x->f.abi_pa, BASE + 0x8000, BASE + 0x9001);
	assert_false(x->ps.abi_ok);
	assert_non_null(strstr(x->ps.abi_error, "no descriptor yet"));
	assert_int_equal(x->ps.count[PS_KERNEL], 2);
	assert_int_equal(x->ps.count[PS_UNKNOWN], x->ps.nframes - 2);

	pagestate_decode(&x->ps, &x->f.mem, 0, 0, 0);
	assert_false(x->ps.abi_ok);
	assert_int_equal(x->ps.count[PS_UNKNOWN], x->ps.nframes);
}

static void test_bad_descriptor_rejected(void **state)
{
	struct fixture *x = *state;
	struct mm_abi saved = *x->f.abi;
	struct {
		size_t off;
		uint32_t value;
		const char *why;
	} cases[] = {
		{ offsetof(struct mm_abi, version), 99, "version" },
		{ offsetof(struct mm_abi, size), 12, "size" },
		{ offsetof(struct mm_abi, phase), 7, "phase" },
		{ offsetof(struct mm_abi, nr_pages), 0x10000000, "not in RAM" },
		{ offsetof(struct mm_abi, mem_map_pa), 0x10000000, "not in RAM" },
		{ offsetof(struct mm_abi, mem_map_pa), 0xfffffff0, "not in RAM" },
		{ offsetof(struct mm_abi, pageblock_flags_pa), 0xffffffff, "not in RAM" },
		{ offsetof(struct mm_abi, max_order), 40, "max_order" },
		{ offsetof(struct mm_abi, pageblock_order), 11, "pageblock_order" },
		{ offsetof(struct mm_abi, page_struct_size), 64, "struct page" },
		{ offsetof(struct mm_abi, nr_caches), 1000, "cache count" },
		{ offsetof(struct mm_abi, nr_cma), 5, "CMA" },
		{ offsetof(struct mm_abi, nr_memory), 33, "region" },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		*x->f.abi = saved;
		memcpy((uint8_t *)x->f.abi + cases[i].off, &cases[i].value, 4);
		fake_decode(&x->f, &x->ps);
		assert_false(x->ps.abi_ok);
		if (!strstr(x->ps.abi_error, cases[i].why))
			fail_msg("case %u: '%s' does not mention '%s'", i, x->ps.abi_error,
				 cases[i].why);
		assert_int_equal(x->ps.count[PS_UNKNOWN], x->ps.nframes);
	}
	/* a descriptor address outside RAM */
	pagestate_decode(&x->ps, &x->f.mem, BASE - 4, 0, 0);
	assert_false(x->ps.abi_ok);
	pagestate_decode(&x->ps, &x->f.mem, 0xfffffff0u, 0, 0);
	assert_false(x->ps.abi_ok);
}

static void test_corrupt_pages_reported(void **state)
{
	struct fixture *x = *state;
	struct page *p;

	/* order out of range */
	fake_flags(&x->f, PFN0 + 16, 1, 1u << PG_buddy);
	fake_page(&x->f, PFN0 + 16)->private = 99;
	/* misaligned block */
	fake_free(&x->f, PFN0 + 34, 2, MIGRATE_MOVABLE);
	/* bad free-list type */
	fake_free(&x->f, PFN0 + 64, 0, MIGRATE_MOVABLE);
	fake_page(&x->f, PFN0 + 64)->index = 9;
	/* buddy and slab at once */
	fake_flags(&x->f, PFN0 + 65, 1, (1u << PG_buddy) | (1u << PG_slab));
	/* a tail whose head index points forward */
	p = fake_page(&x->f, PFN0 + 70);
	p->flags = (p->flags & ~PAGE_FLAGS_MASK) | (1u << PG_tail);
	p->private = 4000;
	/* a tail whose head is not a compound head */
	p = fake_page(&x->f, PFN0 + 71);
	p->flags = (p->flags & ~PAGE_FLAGS_MASK) | (1u << PG_tail);
	p->private = 69;
	/* a slab naming a cache that does not exist */
	fake_flags(&x->f, PFN0 + 72, 1, 1u << PG_slab);
	fake_page(&x->f, PFN0 + 72)->mapping = 200;
	/* an allocation type past MIGRATE_RECLAIMABLE */
	fake_alloc(&x->f, PFN0 + 73, 1, 6);
	/* a page inside a free block with state flags */
	fake_free(&x->f, PFN0 + 128, 4, MIGRATE_UNMOVABLE);
	fake_flags(&x->f, PFN0 + 130, 1, 1u << PG_slab);
	/* a page in a zone that does not exist */
	p = fake_page(&x->f, PFN0 + 200);
	p->flags = (p->flags & ~(PAGE_ZONE_MASK << PAGE_ZONE_SHIFT)) |
		   ((uint32_t)ZONE_HIGHMEM << PAGE_ZONE_SHIFT);
	fake_decode(&x->f, &x->ps);

	assert_int_equal(fr(x, PFN0 + 16)->state, PS_INCONSISTENT);
	assert_int_equal(fr(x, PFN0 + 16)->owner, PS_BAD_ORDER);
	assert_int_equal(fr(x, PFN0 + 34)->owner, PS_BAD_ALIGN);
	assert_int_equal(fr(x, PFN0 + 64)->owner, PS_BAD_FREE_TYPE);
	assert_int_equal(fr(x, PFN0 + 65)->owner, PS_BAD_FLAGS);
	assert_int_equal(fr(x, PFN0 + 70)->owner, PS_BAD_TAIL);
	assert_int_equal(fr(x, PFN0 + 71)->owner, PS_BAD_TAIL);
	assert_int_equal(fr(x, PFN0 + 72)->owner, PS_BAD_CACHE);
	assert_int_equal(fr(x, PFN0 + 73)->owner, PS_BAD_ALLOC_MT);
	assert_int_equal(fr(x, PFN0 + 200)->owner, PS_BAD_ZONE);
	/* the block at 128 is still free; only the flagged page is reported */
	assert_int_equal(fr(x, PFN0 + 128)->state, PS_FREE);
	assert_int_equal(fr(x, PFN0 + 129)->state, PS_FREE);
	assert_int_equal(fr(x, PFN0 + 130)->state, PS_INCONSISTENT);
	assert_int_equal(fr(x, PFN0 + 130)->owner, PS_BAD_IN_FREE);
	assert_int_equal(fr(x, PFN0 + 131)->state, PS_FREE);
	assert_int_equal(x->ps.first_bad_pfn, PFN0 + 16);
	assert_tally_agrees(&x->f, &x->ps);
	assert_string_equal(pagestate_bad_name(PS_BAD_ALIGN), "free block misaligned");

	/* an order-9 block that mem_map ends in the middle of */
	fake_mm_free(&x->f);
	assert_int_equal(fake_mm_init(&x->f, BASE, FRAMES), 0);
	fake_free(&x->f, PFN0 + FRAMES - 512, 9, MIGRATE_MOVABLE);
	x->f.abi->nr_pages = FRAMES - 256; /* cut mem_map short under the block */
	fake_decode(&x->f, &x->ps);
	assert_int_equal(fr(x, PFN0 + FRAMES - 512)->owner, PS_BAD_RANGE);
}

static void test_tally_matches_decode(void **state)
{
	struct fake_mm f;
	struct pagestate ps;

	(void)state;
	assert_int_equal(fake_mm_init_inside(&f, BASE, 16384), 0);
	assert_int_equal(pagestate_init(&ps, PFN0, 16384), 0);
	fake_fragment(&f, 7);
	fake_decode(&f, &ps);
	assert_int_equal(ps.count[PS_INCONSISTENT], 0);
	assert_true(ps.count[PS_FREE] > 1000);
	assert_true(ps.count[PS_FREE_PCP] > 0);
	assert_tally_agrees(&f, &ps);

	/* a window smaller than mem_map: both stop at its end */
	struct pagestate small;

	assert_int_equal(pagestate_init(&small, PFN0, 10000), 0);
	fake_decode(&f, &small);
	assert_tally_agrees(&f, &small);
	pagestate_destroy(&small);
	pagestate_destroy(&ps);
	fake_mm_free(&f);
}

/* Random bytes in mem_map and the pageblock flags: no crash (ASan watches),
 * every frame gets a valid state, and the counts add up. */
static void test_garbage_mem_map(void **state)
{
	struct fixture *x = *state;
	uint32_t seed = 12345;

	for (int round = 0; round < 20; round++) {
		uint8_t *mm = (uint8_t *)x->f.map;
		uint32_t total = 0;

		for (size_t i = 0; i < FRAMES * sizeof(struct page) + FRAMES / 1024; i++) {
			seed = seed * 1103515245u + 12345u;
			mm[i] = (uint8_t)(seed >> 16);
			/* half the rounds keep flags plausible so deeper paths run */
			if (round & 1 && i % 32 == 3)
				mm[i] = (mm[i] & 0x3f) | 0x40; /* valid, zone 0..3 */
			if (round & 1 && i % 32 == 12)
				mm[i] &= 0x0f; /* small orders / head indices */
		}
		fake_decode(&x->f, &x->ps);
		assert_true(x->ps.abi_ok);
		for (uint32_t i = 0; i < x->ps.nframes; i++) {
			const struct ps_frame *f = &x->ps.frame[i];

			assert_true(f->state < PS_NR_STATES);
			if (pagestate_is_free(f->state)) {
				assert_true(f->order < MM_ABI_MAX_ORDER);
				assert_true(f->mt < MIGRATE_TYPES);
			}
			if (f->state == PS_SLAB)
				assert_true(f->owner < x->f.abi->nr_caches);
		}
		for (unsigned s = 0; s < PS_NR_STATES; s++)
			total += x->ps.count[s];
		assert_int_equal(total, x->ps.nframes);

		struct mm_metrics mt;

		metrics_compute(&mt, &x->ps);
		assert_true(mt.valid);
		assert_tally_agrees(&x->f, &x->ps);
	}
}

static void test_symbol_to_pa(void **state)
{
	(void)state;
	assert_int_equal(pagestate_symbol_to_pa(0xc0012340u, 0xc0000000u, BASE), BASE + 0x12340);
	assert_int_equal(pagestate_symbol_to_pa(BASE + 0x40, 0xc0000000u, BASE), BASE + 0x40);
	assert_string_equal(pagestate_mt_name(MIGRATE_CMA), "CMA");
	assert_string_equal(pagestate_mt_name(77), "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_free_block_marks_whole_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_allocation_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kernel_pfns_and_reserved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slab_owner_and_compound_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memblock_phase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_descriptor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_descriptor_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_pages_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_mem_map, setup, teardown),
		cmocka_unit_test(test_tally_matches_decode),
		cmocka_unit_test(test_symbol_to_pa),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
