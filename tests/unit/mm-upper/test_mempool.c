// SPDX-License-Identifier: MIT
/*
 * test_mempool.c - mempool reserves: used when the allocator fails, refilled on free,
 * waiting for an element an "interrupt handler" frees, resizing.
 */
#include "harness.h"

#include <string.h>

#include <asm/irqflags.h>
#include <mm/mempool.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#define RAM_SIZE (32u << 20)

static int setup(void **state)
{
	(void)state;
	upper_boot(RAM_SIZE, "");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(slab_check_invariants(), 0);
	upper_shutdown();
	return 0;
}

/* An allocator we can make fail, recording the gfp masks it was asked with. */
static struct {
	bool fail;
	unsigned int calls, frees;
	gfp_t last_gfp;
} fa;

static void *failing_alloc(gfp_t gfp, void *data)
{
	fa.calls++;
	fa.last_gfp = gfp;
	if (fa.fail)
		return NULL;
	return kmalloc((size_t)data, gfp);
}

static void failing_free(void *element, void *data)
{
	(void)data;
	fa.frees++;
	kfree(element);
}

static void test_reserve_on_failure(void **state)
{
	mempool_t *pool;
	void *e[6];

	(void)state;
	memset(&fa, 0, sizeof(fa));
	pool = mempool_create(4, failing_alloc, failing_free, (void *)100);
	assert_non_null(pool);
	assert_int_equal(pool->curr_nr, 4);
	assert_int_equal(fa.calls, 4);

	/* while the allocator works, the reserve is not touched */
	e[0] = mempool_alloc(pool, GFP_KERNEL);
	assert_non_null(e[0]);
	assert_int_equal(pool->curr_nr, 4);
	/* first try: no direct reclaim, no warning, no retry loop */
	assert_false(fa.last_gfp & __GFP_DIRECT_RECLAIM);
	assert_true(fa.last_gfp & __GFP_NOWARN);
	assert_true(fa.last_gfp & __GFP_NORETRY);
	assert_true(fa.last_gfp & __GFP_NOMEMALLOC);

	fa.fail = true;
	for (int i = 1; i <= 4; i++) {
		e[i] = mempool_alloc(pool, GFP_ATOMIC);
		assert_non_null(e[i]);
		assert_int_equal(pool->curr_nr, 4 - i);
	}
	assert_int_equal(pool->nr_from_reserve, 4);
	/* reserve empty, no blocking allowed: fail (after one more try) */
	fa.calls = 0;
	e[5] = mempool_alloc(pool, GFP_NOWAIT);
	assert_null(e[5]);
	assert_int_equal(fa.calls, 1);
	assert_int_equal(pool->nr_failed, 1);

	/* frees refill the reserve before anything goes back to the allocator */
	mempool_free(e[1], pool);
	mempool_free(e[2], pool);
	assert_int_equal(pool->curr_nr, 2);
	assert_int_equal(fa.frees, 0);
	mempool_free(e[3], pool);
	mempool_free(e[4], pool);
	assert_int_equal(pool->curr_nr, 4);
	mempool_free(e[0], pool); /* reserve full: back to kfree */
	assert_int_equal(fa.frees, 1);
	assert_int_equal(pool->nr_refill, 4);
	mempool_destroy(pool);
	assert_int_equal(fa.frees, 5);
}

/* The real page allocator runs dry: a page pool still delivers its reserve. */
static void test_page_pool_exhausted(void **state)
{
	mempool_t *pool = mempool_create_page_pool(3, 0);
	void *held = NULL;
	unsigned long nheld = 0, before = free_pages_now();
	struct page *p[4];

	(void)state;
	assert_non_null(pool);
	for (;;) {
		void **q = (void **)__get_free_page(GFP_ATOMIC | __GFP_NOWARN);

		if (!q)
			break;
		*q = held;
		held = q;
		nheld++;
	}
	assert_true(nheld > (RAM_SIZE >> PAGE_SHIFT) / 2);
	assert_null(alloc_page(GFP_ATOMIC | __GFP_NOWARN));
	for (int i = 0; i < 3; i++) {
		p[i] = mempool_alloc(pool, GFP_ATOMIC);
		assert_non_null(p[i]);
	}
	assert_int_equal(pool->nr_from_reserve, 3);
	assert_null(mempool_alloc(pool, GFP_ATOMIC));
	mempool_free(p[0], pool);
	assert_int_equal(pool->curr_nr, 1);
	p[0] = mempool_alloc(pool, GFP_ATOMIC);
	assert_non_null(p[0]);
	while (held) {
		void *next = *(void **)held;

		free_page((unsigned long)held);
		held = next;
	}
	for (int i = 0; i < 3; i++)
		mempool_free(p[i], pool);
	assert_int_equal(pool->curr_nr, 3);
	mempool_destroy(pool);
	kmem_cache_shrink_all();
	assert_true(free_pages_now() >= before + 3); /* every page we held and the reserve */
}

/* GFP_KERNEL with an empty reserve waits (idles) until someone frees an element. */
static mempool_t *wait_pool;
static void *wait_element;
static unsigned int idle_calls;

static void irq_frees_element(void *arg)
{
	(void)arg;
	if (++idle_calls == 3 && wait_element) {
		mempool_free(wait_element, wait_pool); /* as an interrupt handler would */
		wait_element = NULL;
	}
}

static void test_wait_for_free(void **state)
{
	void *e[2], *got;

	(void)state;
	memset(&fa, 0, sizeof(fa));
	wait_pool = mempool_create(2, failing_alloc, failing_free, (void *)64);
	fa.fail = true;
	e[0] = mempool_alloc(wait_pool, GFP_KERNEL);
	e[1] = mempool_alloc(wait_pool, GFP_KERNEL);
	assert_non_null(e[0]);
	assert_non_null(e[1]);
	wait_element = e[1];
	idle_calls = 0;
	native_cpu_set_idle_hook(irq_frees_element, NULL);
	got = mempool_alloc(wait_pool, GFP_KERNEL);
	native_cpu_set_idle_hook(NULL, NULL);
	assert_ptr_equal(got, e[1]);
	assert_int_equal(wait_pool->nr_waits, 3);
	/* the retries after the first asked the allocator with direct reclaim allowed */
	assert_true(fa.last_gfp & __GFP_DIRECT_RECLAIM);

	/* nobody ever frees: the wait gives up instead of hanging */
	got = mempool_alloc(wait_pool, GFP_KERNEL);
	assert_null(got);
	assert_int_equal(wait_pool->nr_waits, 3 + MEMPOOL_MAX_WAITS);
	/* with interrupts off nothing can free an element: fail at once */
	{
		unsigned long flags;

		local_irq_save(flags);
		assert_null(mempool_alloc(wait_pool, GFP_KERNEL));
		local_irq_restore(flags);
		assert_int_equal(wait_pool->nr_waits, 3 + MEMPOOL_MAX_WAITS);
	}
	fa.fail = false;
	mempool_free(e[0], wait_pool);
	mempool_free(got, wait_pool);
	mempool_free(e[1], wait_pool);
	mempool_destroy(wait_pool);
}

static void test_resize_and_helpers(void **state)
{
	struct kmem_cache *c = kmem_cache_create("pool_objs", 72, 0, 0, NULL);
	mempool_t *sp = mempool_create_slab_pool(2, c), *kp = mempool_create_kmalloc_pool(5, 300);
	void *o;

	(void)state;
	assert_non_null(sp);
	assert_non_null(kp);
	assert_int_equal(c->num_active, 2);
	assert_int_equal(mempool_resize(sp, 10), 0);
	assert_int_equal(sp->curr_nr, 10);
	assert_int_equal(c->num_active, 10);
	assert_int_equal(mempool_resize(sp, 3), 0);
	assert_int_equal(sp->curr_nr, 3);
	assert_int_equal(c->num_active, 3);
	o = mempool_alloc(kp, GFP_KERNEL);
	assert_int_equal(ksize(o), 512);
	mempool_free(o, kp);
	assert_int_equal(kp->curr_nr, 5);
	mempool_destroy(sp);
	mempool_destroy(kp);
	assert_int_equal(c->num_active, 0);
	kmem_cache_destroy(c);
	assert_null(mempool_create(0, mempool_kmalloc, mempool_kfree, (void *)8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reserve_on_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_pool_exhausted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_for_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resize_and_helpers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
