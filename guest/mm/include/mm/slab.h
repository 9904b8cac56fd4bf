/* SPDX-License-Identifier: MIT */
/*
 * mm/slab.h - the slab allocator and kmalloc (Linux include/linux/slab.h, mm/slab.c).
 *
 * DOC: A cache hands out objects of one size carved from slabs of
 * 2^gfporder pages (order chosen as SLAB's calculate_slab_order()).  Each
 * cache keeps its slabs on three lists, partial, full and free, and
 * allocates from a partial slab first, then a free one, then grows.  Within
 * a slab the free objects form a chain of object indices: for caches with a
 * constructor the chain lives in an index array at the start of the slab
 * (so constructed objects are never written by the allocator, and the
 * constructor runs once per object when its slab is created, as in Linux);
 * without a constructor each free object holds the index of the next one
 * (like SLAB's OBJFREELIST or SLUB's free pointer).  Slab start offsets are
 * coloured to spread objects over cache sets.
 *
 * Slab pages follow page_abi.h: the head page has PG_slab, mapping = cache
 * id (its index in mm_abi.caches[]), private = objects in use, index =
 * first free object (MM_ABI_NIL when full); tail pages of a multi-page slab
 * carry the cache id in mapping too.  Empty slabs beyond a per-cache limit
 * go back to the buddy allocator at once; kmem_cache_shrink() returns the
 * rest, and reclaim calls kmem_cache_shrink_all().
 *
 * kmalloc() rounds up to kmalloc-8 ... kmalloc-8192 (with 96 and 192),
 * kmalloc-rcl-* for __GFP_RECLAIMABLE and dma-kmalloc-* when the board has a
 * ZONE_DMA; larger requests take compound pages straight from the buddy
 * allocator.  Unlike Linux ARM (KMALLOC_MIN_SIZE = L1_CACHE_BYTES) the
 * small classes exist, so a buffer for non-coherent DMA must be at least a
 * cache line in size and alignment (kmalloc(>= 32) is).
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <mm/types.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

struct page;

/* kmem_cache_create() flags (values as Linux) */
#define SLAB_HWCACHE_ALIGN 0x00002000u   /* align objects on cache lines */
#define SLAB_CACHE_DMA 0x00004000u       /* use GFP_DMA memory */
#define SLAB_PANIC 0x00040000u           /* BUG() if creation fails */
#define SLAB_RECLAIM_ACCOUNT 0x00020000u /* objects are reclaimable: __GFP_RECLAIMABLE pages */
#define SLAB_ACCOUNT 0x04000000u

#define ARCH_KMALLOC_MINALIGN 8u
#define ARCH_SLAB_MINALIGN 8u
#define KMALLOC_MIN_SIZE 8u
#define KMALLOC_SHIFT_LOW 3
#define KMALLOC_SHIFT_HIGH 13 /* kmalloc-8192: SLUB's 2 * PAGE_SIZE */
#define KMALLOC_MAX_CACHE_SIZE (1u << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_ORDER (MAX_ORDER - 1)
#define KMALLOC_MAX_SIZE (PAGE_SIZE << KMALLOC_MAX_ORDER)

#define SLAB_OBJ_MAX_NUM 0xfffeu /* object indices are 16 bits in the on-slab array */
#define BUFCTL_END MM_ABI_NIL    /* page->index / link value: no free object */

enum kmalloc_cache_type {
	KMALLOC_NORMAL,
	KMALLOC_RECLAIM,
	KMALLOC_DMA,
	NR_KMALLOC_TYPES
};

struct kmem_cache_node {
	struct page_list slabs_partial; /* slabs with some objects in use */
	struct page_list slabs_full;    /* slabs with every object in use */
	struct page_list slabs_free;    /* slabs with none in use */
	unsigned long total_slabs;
	unsigned long free_slabs;
	unsigned long free_objects;
	unsigned int free_limit; /* free objects kept before empty slabs are given back */
};

struct kmem_cache {
	unsigned int size;          /* object stride: object_size rounded up to align */
	unsigned int object_size;   /* what the creator asked for */
	unsigned int align;
	unsigned int num;           /* objects per slab */
	unsigned int gfporder;      /* pages per slab = 1 << gfporder */
	gfp_t allocflags;           /* added to every slab allocation */
	unsigned int flags;         /* SLAB_* */
	unsigned int freelist_size; /* bytes of on-slab index array (ctor caches), else 0 */
	unsigned int colour;        /* colours: distinct slab start offsets */
	unsigned int colour_off;    /* bytes per colour step */
	void (*ctor)(void *obj);
	const char *name;
	unsigned int id;            /* slot in mm_abi.caches[] = page->mapping of its slabs */
	struct kmem_cache_node node;

	/* statistics */
	unsigned long num_active;   /* objects in use */
	unsigned long num_allocations;
	unsigned long num_frees;
	unsigned long num_grown;    /* slabs created */
	unsigned long num_destroyed;/* slabs given back */
	unsigned long num_ctor;     /* constructor calls */
};

extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];
extern unsigned int slab_max_order;

/* Bootstrap the slab allocator (called by mm_init() after the buddy hand-over). */
void kmem_cache_init(void);
bool slab_is_available(void);

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *obj);
static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}
/* Give every empty slab back; 0 if the cache is now completely empty, 1 if not. */
int kmem_cache_shrink(struct kmem_cache *s);
/* Shrink every cache (memory reclaim); returns the pages freed. */
unsigned long kmem_cache_shrink_all(void);
/* The cache with this id (page->mapping of a slab page), or NULL. */
struct kmem_cache *kmem_cache_by_id(unsigned int id);
/* The cache an object belongs to, or NULL if obj is not a slab object. */
struct kmem_cache *virt_to_cache(const void *obj);

void *kmalloc(size_t size, gfp_t flags);
void kfree(const void *obj);
size_t ksize(const void *obj);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, flags | __GFP_ZERO);
}
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kmalloc(n * size, flags);
}
/* kmalloc-N index for size (0 for 0 bytes, -1 above KMALLOC_MAX_CACHE_SIZE). */
int kmalloc_index(size_t size);
/* The cache kmalloc(size, flags) uses, or NULL for large sizes. */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);

/* /proc/slabinfo-style table (caches with objects or slabs; all with `all`). */
void slabinfo_show(bool all);

/* Check every cache's lists, counters and free chains; returns problems found. */
int slab_check_invariants(void);

#endif /* MM_SLAB_H */
