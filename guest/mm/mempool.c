// SPDX-License-Identifier: MIT
/*
 * mempool.c - memory pools (Linux mm/mempool.c).
 *
 * DOC: See mm/mempool.h.  The reserve is a stack of pre-allocated elements
 * changed with interrupts off, since elements may be freed from interrupt
 * handlers (that is how a waiter gets one).
 */
#include <string.h>

#include <asm/irqflags.h>
#include <asm/proc-fns.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/slab.h>

static void add_element(mempool_t *pool, void *element)
{
	BUG_ON(pool->curr_nr >= pool->min_nr);
	pool->elements[pool->curr_nr++] = element;
}

static void *remove_element(mempool_t *pool)
{
	BUG_ON(pool->curr_nr <= 0);
	return pool->elements[--pool->curr_nr];
}

static void mempool_free_all(mempool_t *pool)
{
	while (pool->curr_nr)
		pool->free(remove_element(pool), pool->pool_data);
}

void mempool_destroy(mempool_t *pool)
{
	if (!pool)
		return;
	mempool_free_all(pool);
	kfree(pool->elements);
	kfree(pool);
}

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data)
{
	mempool_t *pool;

	if (min_nr <= 0 || !alloc_fn || !free_fn)
		return NULL;
	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	pool->elements = kmalloc_array((size_t)min_nr, sizeof(void *), GFP_KERNEL);
	if (!pool->elements) {
		kfree(pool);
		return NULL;
	}
	pool->min_nr = min_nr;
	pool->pool_data = pool_data;
	pool->alloc = alloc_fn;
	pool->free = free_fn;
	/* First pre-allocate the guaranteed number of buffers. */
	while (pool->curr_nr < pool->min_nr) {
		void *element = pool->alloc(GFP_KERNEL, pool->pool_data);

		if (!element) {
			mempool_destroy(pool);
			return NULL;
		}
		add_element(pool, element);
	}
	return pool;
}

int mempool_resize(mempool_t *pool, int new_min_nr)
{
	unsigned long flags;
	void **new_elements;

	if (new_min_nr <= 0)
		return -EINVAL;
	local_irq_save(flags);
	if (new_min_nr <= pool->min_nr) {
		while (new_min_nr < pool->curr_nr) {
			void *element = remove_element(pool);

			local_irq_restore(flags);
			pool->free(element, pool->pool_data);
			local_irq_save(flags);
		}
		pool->min_nr = new_min_nr;
		local_irq_restore(flags);
		return 0;
	}
	local_irq_restore(flags);

	new_elements = kmalloc_array((size_t)new_min_nr, sizeof(void *), GFP_KERNEL);
	if (!new_elements)
		return -ENOMEM;
	local_irq_save(flags);
	memcpy(new_elements, pool->elements, (size_t)pool->curr_nr * sizeof(void *));
	kfree(pool->elements);
	pool->elements = new_elements;
	pool->min_nr = new_min_nr;
	while (pool->curr_nr < pool->min_nr) {
		void *element;

		local_irq_restore(flags);
		element = pool->alloc(GFP_KERNEL, pool->pool_data);
		if (!element)
			return -ENOMEM;
		local_irq_save(flags);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
		} else {
			local_irq_restore(flags);
			pool->free(element, pool->pool_data); /* raced with a free */
			local_irq_save(flags);
		}
	}
	local_irq_restore(flags);
	return 0;
}

void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask)
{
	unsigned long flags;
	unsigned int waits = 0;
	gfp_t gfp_temp;
	void *element;

	gfp_mask |= __GFP_NOMEMALLOC; /* don't allocate emergency reserves */
	gfp_mask |= __GFP_NORETRY;    /* don't loop in __alloc_pages */
	gfp_mask |= __GFP_NOWARN;     /* failures are OK */
	gfp_temp = gfp_mask & ~(__GFP_DIRECT_RECLAIM | __GFP_IO);

	for (;;) {
		element = pool->alloc(gfp_temp, pool->pool_data);
		if (element)
			break;

		local_irq_save(flags);
		if (pool->curr_nr) {
			element = remove_element(pool);
			pool->nr_from_reserve++;
			local_irq_restore(flags);
			break;
		}
		local_irq_restore(flags);

		/* the reserve is empty: try the allocator again, this time reclaiming */
		if (gfp_temp != gfp_mask) {
			gfp_temp = gfp_mask;
			continue;
		}
		if (!(gfp_mask & __GFP_DIRECT_RECLAIM) || arch_irqs_disabled_flags(flags)) {
			pool->nr_failed++;
			return NULL;
		}
		/* wait for an element to come back (an interrupt handler's mempool_free) */
		if (++waits > MEMPOOL_MAX_WAITS) {
			pr_warn("mempool_alloc: no element after %u waits, giving up\n",
				MEMPOOL_MAX_WAITS);
			pool->nr_failed++;
			return NULL;
		}
		pool->nr_waits++;
		cpu_v6_do_idle();
	}
	pool->nr_alloc++;
	return element;
}

void mempool_free(void *element, mempool_t *pool)
{
	unsigned long flags;

	if (!element)
		return;
	if (pool->curr_nr < pool->min_nr) {
		local_irq_save(flags);
		if (pool->curr_nr < pool->min_nr) {
			add_element(pool, element);
			pool->nr_refill++;
			local_irq_restore(flags);
			return;
		}
		local_irq_restore(flags);
	}
	pool->free(element, pool->pool_data);
}

void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data)
{
	return kmem_cache_alloc(pool_data, gfp_mask);
}

void mempool_free_slab(void *element, void *pool_data)
{
	kmem_cache_free(pool_data, element);
}

void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data)
{
	return kmalloc((size_t)pool_data, gfp_mask);
}

void mempool_kfree(void *element, void *pool_data)
{
	kfree(element);
}

void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data)
{
	return alloc_pages(gfp_mask, (unsigned int)(long)pool_data);
}

void mempool_free_pages(void *element, void *pool_data)
{
	__free_pages(element, (unsigned int)(long)pool_data);
}
