// SPDX-License-Identifier: MIT
/*
 * test_slab.c - slab caches and kmalloc on the real buddy allocator.
 */
#include "harness.h"

#include <string.h>

#include <mm/mm_abi.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#define RAM_SIZE (64u << 20)

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

static unsigned int ctor_calls;

static void counting_ctor(void *p)
{
	ctor_calls++;
	memset(p, 0xc7, 40);
}

static void test_bootstrap(void **state)
{
	struct kmem_cache *c64 = kmalloc_slab(64, GFP_KERNEL);
	bool seen[MM_ABI_MAX_CACHES] = { false };

	(void)state;
	assert_true(slab_is_available());
	assert_int_equal(mm_abi.phase, MM_PHASE_SLAB);
	assert_non_null(c64);
	assert_string_equal(c64->name, "kmalloc-64");
	assert_string_equal(kmalloc_slab(90, GFP_KERNEL)->name, "kmalloc-96");
	assert_string_equal(kmalloc_slab(150, GFP_KERNEL)->name, "kmalloc-192");
	assert_string_equal(kmalloc_slab(100, GFP_KERNEL | __GFP_RECLAIMABLE)->name,
			    "kmalloc-rcl-128");
	assert_null(kmalloc_slab(8193, GFP_KERNEL));
	/* every cache is published in mm_abi.caches[] under its id */
	for (unsigned int id = 0; id < MM_ABI_MAX_CACHES; id++) {
		struct kmem_cache *s = kmem_cache_by_id(id);

		if (!s)
			continue;
		seen[id] = true;
		assert_int_equal(s->id, id);
		assert_string_equal(mm_abi.caches[id].name, s->name);
		assert_int_equal(mm_abi.caches[id].object_size, s->object_size);
		assert_int_equal(mm_abi.caches[id].order, s->gfporder);
	}
	assert_true(seen[0]);
	assert_string_equal(kmem_cache_by_id(0)->name, "kmem_cache");
	assert_int_equal(kmalloc_index(0), 0);
	assert_int_equal(kmalloc_index(1), 3);
	assert_int_equal(kmalloc_index(8192), 13);
	assert_int_equal(kmalloc_index(8193), -1);
}

static void test_kmalloc_classes(void **state)
{
	static const unsigned int classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048,
						4096, 8192 };
	unsigned int prev = 0;

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(classes); i++) {
		unsigned int step = (classes[i] - prev) / 4 + 1;

		for (unsigned int sz = prev + 1; sz <= classes[i]; sz += step) {
			char *p = kmalloc(sz, GFP_KERNEL);
			struct page *page;

			assert_non_null(p);
			assert_int_equal(ksize(p), classes[i]);
			assert_true(IS_ALIGNED((unsigned long)p, 8));
			page = compound_head(virt_to_page(p));
			assert_true(PageSlab(page));
			assert_ptr_equal(virt_to_cache(p), kmalloc_slab(sz, GFP_KERNEL));
			memset(p, 0xee, sz);
			kfree(p);
		}
		prev = classes[i];
	}
	/* beyond kmalloc-8192: compound pages straight from the buddy allocator */
	{
		char *big = kmalloc(20000, GFP_KERNEL);
		struct page *page = virt_to_page(big);

		assert_non_null(big);
		assert_false(PageSlab(page));
		assert_true(PageHead(page));
		assert_int_equal(compound_order(page), 3);
		assert_int_equal(ksize(big), 32768);
		assert_null(virt_to_cache(big));
		kfree(big);
		assert_false(PageHead(page));
	}
	assert_null(kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	kfree(NULL);
	kfree(kmalloc(0, GFP_KERNEL)); /* ZERO_SIZE_PTR */
	{
		char *z = kzalloc(500, GFP_KERNEL), *r;

		for (int i = 0; i < 500; i++)
			assert_int_equal(z[i], 0);
		memset(z, 'a', 500);
		r = krealloc(z, 2000, GFP_KERNEL);
		assert_int_equal(ksize(r), 2048);
		assert_int_equal(r[499], 'a');
		kfree(r);
	}
}

static void test_reuse_and_ctor(void **state)
{
	struct kmem_cache *c = kmem_cache_create("ctor_cache", 40, 0, 0, counting_ctor);
	void *objs[200];
	unsigned int calls;

	(void)state;
	ctor_calls = 0;
	assert_non_null(c);
	assert_int_equal(c->size, 40);
	assert_true(c->freelist_size > 0); /* the index array keeps constructed objects intact */
	objs[0] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, c->num); /* a new slab: every object constructed once */
	assert_int_equal(((unsigned char *)objs[0])[39], 0xc7);
	memset(objs[0], 0x11, 40);
	kmem_cache_free(c, objs[0]);
	objs[1] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_ptr_equal(objs[1], objs[0]); /* freed object reused */
	assert_int_equal(((unsigned char *)objs[1])[0], 0x11); /* not reconstructed */
	assert_int_equal(ctor_calls, c->num);
	kmem_cache_free(c, objs[1]);

	for (unsigned int i = 0; i < c->num + 1; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(c->node.total_slabs, 2);
	assert_int_equal(ctor_calls, 2 * c->num);
	calls = ctor_calls;
	for (unsigned int i = 0; i < c->num + 1; i++)
		kmem_cache_free(c, objs[i]);
	for (unsigned int i = 0; i < c->num + 1; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	assert_int_equal(ctor_calls, calls); /* constructed once per object lifetime */
	for (unsigned int i = 0; i < c->num + 1; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
}

static void test_slab_page_abi(void **state)
{
	struct kmem_cache *c = kmem_cache_create("abi_cache", 3000, 0, 0, NULL);
	void *a, *b, *x;
	struct page *page;

	(void)state;
	assert_non_null(c);
	/* calculate_slab_order: one 3000-byte object per page wastes too much; order 1 */
	assert_int_equal(c->gfporder, 1);
	assert_int_equal(c->num, 2);
	assert_int_equal(c->freelist_size, 0);
	a = kmem_cache_alloc(c, GFP_KERNEL);
	page = virt_to_page(a);
	assert_true(PageSlab(page) && PageHead(page));
	assert_true(PageTail(page + 1));
	assert_int_equal(page->mapping, c->id);
	assert_int_equal(page[1].mapping, c->id);
	assert_int_equal(page->private, 1);
	assert_int_equal(page->index, 1); /* object 1 is the first free */
	assert_int_equal(mm_abi.caches[c->id].active_objs, 1);
	assert_int_equal(mm_abi.caches[c->id].num_slabs, 1);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	assert_ptr_equal(virt_to_page(b),
			 page + ((char *)b - (char *)page_address(page)) / PAGE_SIZE);
	assert_ptr_equal(compound_head(virt_to_page(b)), page);
	assert_int_equal(page->private, 2);
	assert_int_equal(page->index, MM_ABI_NIL); /* full */
	x = kmem_cache_alloc(c, GFP_KERNEL); /* a second slab */
	assert_int_equal(mm_abi.caches[c->id].num_slabs, 2);
	kmem_cache_free(c, a);
	assert_int_equal(page->private, 1);
	assert_int_equal(page->index, 0);
	kmem_cache_free(c, b);
	kmem_cache_free(c, x);
	assert_int_equal(mm_abi.caches[c->id].active_objs, 0);
	kmem_cache_destroy(c);
	assert_false(PageSlab(page));
	assert_int_equal(page[1].mapping, 0);
}

static void test_shrink(void **state)
{
	struct kmem_cache *c = kmem_cache_create("shrink_cache", 256, 0, SLAB_HWCACHE_ALIGN, NULL);
	void *objs[600];
	unsigned long before, after_alloc, after_free;

	(void)state;
	before = free_pages_now();
	for (int i = 0; i < 600; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	after_alloc = free_pages_now();
	assert_int_equal(before - after_alloc, c->node.total_slabs << c->gfporder);
	for (int i = 0; i < 600; i++)
		kmem_cache_free(c, objs[i]);
	/* above free_limit empty slabs go back at once; the rest wait for a shrink */
	assert_true(c->node.free_objects <= c->node.free_limit);
	assert_true(c->node.free_slabs > 0);
	assert_true(c->num_destroyed > 0);
	after_free = free_pages_now();
	assert_true(after_free < before); /* the kept empty slabs */
	assert_int_equal(kmem_cache_shrink(c), 0);
	assert_int_equal(c->node.total_slabs, 0);
	assert_int_equal(free_pages_now(), before); /* every page back in the buddy allocator */
	/* the all-caches hook reclaim uses */
	for (int i = 0; i < 100; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	assert_true(c->node.free_slabs > 0);
	assert_true(kmem_cache_shrink_all() >= c->gfporder + 1);
	assert_int_equal(c->node.total_slabs, 0);
	kmem_cache_destroy(c);
}

static void test_reclaimable(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dentry_like", 192, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	void *o = kmem_cache_alloc(c, GFP_KERNEL), *k;
	pg_data_t *pgdat = NODE_DATA(0);

	(void)state;
	assert_int_equal(get_page_alloc_mt(virt_to_page(o)), MIGRATE_RECLAIMABLE);
	assert_true(node_page_state(pgdat, NR_SLAB_RECLAIMABLE_B) >= 1);
	k = kmalloc(100, GFP_KERNEL | __GFP_RECLAIMABLE);
	assert_int_equal(get_page_alloc_mt(compound_head(virt_to_page(k))), MIGRATE_RECLAIMABLE);
	assert_string_equal(virt_to_cache(k)->name, "kmalloc-rcl-128");
	kfree(k);
	kmem_cache_free(c, o);
	kmem_cache_destroy(c);
}

static void test_destroy_busy(void **state)
{
	struct kmem_cache *c = kmem_cache_create("busy", 64, 0, 0, NULL);
	unsigned int id = c->id;
	void *o = kmem_cache_alloc(c, GFP_KERNEL);

	(void)state;
	kmem_cache_destroy(c); /* refused: an object is live */
	assert_ptr_equal(kmem_cache_by_id(id), c);
	kmem_cache_free(c, o);
	kmem_cache_destroy(c);
	assert_null(kmem_cache_by_id(id));
	assert_int_equal(mm_abi.caches[id].name[0], 0);
}

/* Random allocations and frees over many caches; invariants hold throughout. */
static void test_stress(void **state)
{
	enum { N = 3000 };
	static void *objs[N];
	static size_t sizes[N];
	struct kmem_cache *own[3];
	uint32_t seed = 0x1234567;
	unsigned long before;

	(void)state;
	own[0] = kmem_cache_create("s0", 40, 0, 0, counting_ctor);
	own[1] = kmem_cache_create("s1", 520, 0, SLAB_HWCACHE_ALIGN, NULL);
	own[2] = kmem_cache_create("s2", 6000, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	kmem_cache_shrink_all();
	before = free_pages_now();
	memset(objs, 0, sizeof(objs));
	for (int round = 0; round < 100000; round++) {
		uint32_t r = test_rand(&seed);
		int i = (int)(r % N);

		if (objs[i]) {
			unsigned char *p = objs[i];

			/* the first and last byte still hold what we wrote */
			assert_int_equal(p[0], (unsigned char)i);
			if (sizes[i] < 4)
				kmem_cache_free(own[sizes[i] - 1], objs[i]);
			else
				kfree(objs[i]);
			objs[i] = NULL;
			continue;
		}
		if ((r >> 16) % 4 == 0) {
			sizes[i] = 1 + (r >> 20) % 3;
			objs[i] = kmem_cache_alloc(own[sizes[i] - 1], GFP_KERNEL);
		} else {
			sizes[i] = 4 + (r >> 12) % ((r >> 28) == 0 ? 20000 : 2000);
			objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		}
		assert_non_null(objs[i]);
		((unsigned char *)objs[i])[0] = (unsigned char)i;
		if (round % 10000 == 0) {
			assert_int_equal(slab_check_invariants(), 0);
			assert_int_equal(check_invariants(), 0);
		}
	}
	for (int i = 0; i < N; i++) {
		if (!objs[i])
			continue;
		if (sizes[i] < 4)
			kmem_cache_free(own[sizes[i] - 1], objs[i]);
		else
			kfree(objs[i]);
	}
	for (int i = 0; i < 3; i++)
		kmem_cache_destroy(own[i]);
	kmem_cache_shrink_all();
	assert_int_equal(slab_check_invariants(), 0);
	assert_int_equal(check_invariants(), 0);
	assert_int_equal(free_pages_now(), before);
}

static void test_slabinfo(void **state)
{
	static char buf[16384];

	(void)state;
	kfree(kmalloc(64, GFP_KERNEL));
	printk_capture(buf, sizeof(buf));
	slabinfo_show(true);
	printk_capture(NULL, 0);
	assert_non_null(strstr(buf, "slabinfo - version: 2.1"));
	assert_non_null(strstr(buf, "kmalloc-8192 "));
	assert_non_null(strstr(buf, "kmem_cache "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bootstrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kmalloc_classes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reuse_and_ctor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slab_page_abi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shrink, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reclaimable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slabinfo, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
