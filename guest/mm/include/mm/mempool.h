/* SPDX-License-Identifier: MIT */
/*
 * mm/mempool.h - memory pools with a guaranteed reserve (Linux include/linux/mempool.h).
 *
 * DOC: A pool pre-allocates min_nr elements.  mempool_alloc() first asks the
 * underlying allocator without direct reclaim and without warnings; only
 * when that fails does it take an element from the reserve, and only when
 * the reserve is empty too does it retry with the caller's full gfp mask
 * and, if the mask allows blocking, wait for mempool_free() to refill the
 * reserve.  mempool_free() refills the reserve before giving anything back
 * to the allocator.
 *
 * Waiting: there are no threads, so "waiting" is idling (WFI) with
 * interrupts on until an interrupt handler frees an element or background
 * reclaim makes the allocator succeed.  Linux waits for ever; here the wait
 * gives up after MEMPOOL_MAX_WAITS idle rounds with a warning, so a guest
 * that can never be helped fails instead of hanging the emulator.
 */
#ifndef MM_MEMPOOL_H
#define MM_MEMPOOL_H

#include <mm/types.h>
#include <mm/gfp.h>

struct kmem_cache;

#define MEMPOOL_MAX_WAITS 1000

typedef void *(mempool_alloc_t)(gfp_t gfp_mask, void *pool_data);
typedef void(mempool_free_t)(void *element, void *pool_data);

typedef struct mempool_s {
	int min_nr;      /* elements the reserve holds when full */
	int curr_nr;     /* elements in the reserve now */
	void **elements;
	void *pool_data;
	mempool_alloc_t *alloc;
	mempool_free_t *free;

	/* statistics */
	unsigned long nr_alloc;         /* elements handed out */
	unsigned long nr_from_reserve;  /* ... of which from the reserve */
	unsigned long nr_refill;        /* frees that went into the reserve */
	unsigned long nr_waits;         /* idle rounds spent waiting */
	unsigned long nr_failed;
} mempool_t;

mempool_t *mempool_create(int min_nr, mempool_alloc_t *alloc_fn, mempool_free_t *free_fn,
			  void *pool_data);
void mempool_destroy(mempool_t *pool);
/* Change min_nr (growing fills the reserve with GFP_KERNEL): 0 or -ENOMEM. */
int mempool_resize(mempool_t *pool, int new_min_nr);
void *mempool_alloc(mempool_t *pool, gfp_t gfp_mask);
void mempool_free(void *element, mempool_t *pool);

/* Ready-made allocators: slab objects, kmalloc buffers, pages. */
void *mempool_alloc_slab(gfp_t gfp_mask, void *pool_data);
void mempool_free_slab(void *element, void *pool_data);
void *mempool_kmalloc(gfp_t gfp_mask, void *pool_data);
void mempool_kfree(void *element, void *pool_data);
void *mempool_alloc_pages(gfp_t gfp_mask, void *pool_data);
void mempool_free_pages(void *element, void *pool_data);

static inline mempool_t *mempool_create_slab_pool(int min_nr, struct kmem_cache *kc)
{
	return mempool_create(min_nr, mempool_alloc_slab, mempool_free_slab, kc);
}

static inline mempool_t *mempool_create_kmalloc_pool(int min_nr, size_t size)
{
	return mempool_create(min_nr, mempool_kmalloc, mempool_kfree, (void *)size);
}

/* Elements are struct page * of the given order. */
static inline mempool_t *mempool_create_page_pool(int min_nr, int order)
{
	return mempool_create(min_nr, mempool_alloc_pages, mempool_free_pages,
			      (void *)(long)order);
}

#endif /* MM_MEMPOOL_H */
