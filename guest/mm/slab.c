// SPDX-License-Identifier: MIT
/*
 * slab.c - slab caches and kmalloc (Linux mm/slab.c, mm/slab_common.c).
 *
 * DOC: See mm/slab.h for the design.  Layout of one slab (2^gfporder pages):
 *
 *   +--------+-----------------------+-------+-------+-----+-------+------+
 *   | colour | index array (ctor     | obj 0 | obj 1 | ... | obj n | left |
 *   |        | caches only: u16[num])|       |       |     |       | over |
 *   +--------+-----------------------+-------+-------+-----+-------+------+
 *
 * The colour offset is (pfn % colours) * colour_off: a pure function of the
 * slab's first page, so nothing per slab needs storing beyond what
 * struct page already holds (page_abi.h: private = objects in use, index =
 * first free object, mapping = cache id; next/prev link the slab lists).
 *
 * Differences from Linux's SLAB: no per-cpu array caches (objects go back to
 * their slab at once, so a freed object is the next one its slab hands out),
 * no cache merging, no debugging redzones.  Like Linux, a slab that becomes
 * partial goes to the tail of the partial list, allocation takes the head,
 * and empty slabs above free_limit free objects are destroyed at once.
 *
 * Interrupts are masked while lists and counters change (GFP_ATOMIC callers
 * may run from the timer interrupt) but not across the page allocation that
 * grows a cache, which may reclaim and so shrink caches itself.
 */
#include <string.h>

#include <asm/irqflags.h>
#include <asm/proc-fns.h>
#include <mm/mm.h>
#include <mm/mm_abi.h>
#include <mm/slab.h>

#include "mmu-internal.h"

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define FREELIST_END 0xffffu

struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];
unsigned int slab_max_order;

static struct kmem_cache *kmem_caches[MM_ABI_MAX_CACHES];
static struct kmem_cache kmem_cache_boot;
static struct kmem_cache *kmem_cache; /* the cache of struct kmem_cache */
static bool slab_up;

bool slab_is_available(void)
{
	return slab_up;
}

/* ---- slab lists: struct pages linked by mem_map index ---- */

static void slab_list_init(struct page_list *l)
{
	l->head = MM_ABI_NIL;
	l->tail = MM_ABI_NIL;
}

static struct page *slab_list_first(const struct page_list *l)
{
	return l->head == MM_ABI_NIL ? NULL : idx_page(l->head);
}

static struct page *slab_list_last(const struct page_list *l)
{
	return l->tail == MM_ABI_NIL ? NULL : idx_page(l->tail);
}

static void slab_list_add(struct page_list *l, struct page *page)
{
	uint32_t idx = page_idx(page);

	page->prev = MM_ABI_NIL;
	page->next = l->head;
	if (l->head != MM_ABI_NIL)
		idx_page(l->head)->prev = idx;
	else
		l->tail = idx;
	l->head = idx;
}

static void slab_list_add_tail(struct page_list *l, struct page *page)
{
	uint32_t idx = page_idx(page);

	page->next = MM_ABI_NIL;
	page->prev = l->tail;
	if (l->tail != MM_ABI_NIL)
		idx_page(l->tail)->next = idx;
	else
		l->head = idx;
	l->tail = idx;
}

static void slab_list_del(struct page_list *l, struct page *page)
{
	if (page->prev != MM_ABI_NIL)
		idx_page(page->prev)->next = page->next;
	else
		l->head = page->next;
	if (page->next != MM_ABI_NIL)
		idx_page(page->next)->prev = page->prev;
	else
		l->tail = page->prev;
	page->next = MM_ABI_NIL;
	page->prev = MM_ABI_NIL;
}

/* ---- object addressing inside a slab ---- */

static unsigned int slab_colour_bytes(const struct kmem_cache *s, const struct page *page)
{
	return s->colour ? (unsigned int)(page_to_pfn(page) % s->colour) * s->colour_off : 0;
}

static u16 *slab_freelist(const struct kmem_cache *s, const struct page *page)
{
	return (u16 *)((char *)page_address(page) + slab_colour_bytes(s, page));
}

static char *slab_s_mem(const struct kmem_cache *s, const struct page *page)
{
	return (char *)page_address(page) + slab_colour_bytes(s, page) + s->freelist_size;
}

static void *index_to_obj(const struct kmem_cache *s, const struct page *page, unsigned int idx)
{
	return slab_s_mem(s, page) + (size_t)idx * s->size;
}

static uint32_t get_free_link(const struct kmem_cache *s, const struct page *page, uint32_t idx)
{
	if (s->freelist_size) {
		u16 v = slab_freelist(s, page)[idx];

		return v == FREELIST_END ? BUFCTL_END : v;
	}
	return *(uint32_t *)index_to_obj(s, page, idx);
}

static void set_free_link(const struct kmem_cache *s, const struct page *page, uint32_t idx,
			  uint32_t next)
{
	if (s->freelist_size)
		slab_freelist(s, page)[idx] = next == BUFCTL_END ? FREELIST_END : (u16)next;
	else
		*(uint32_t *)index_to_obj(s, page, idx) = next;
}

static void *slab_get_obj(struct kmem_cache *s, struct page *page)
{
	uint32_t idx = page->index;

	BUG_ON(idx == BUFCTL_END || idx >= s->num);
	page->index = get_free_link(s, page, idx);
	page->private++;
	return index_to_obj(s, page, idx);
}

static void slab_put_obj(struct kmem_cache *s, struct page *page, uint32_t idx)
{
	set_free_link(s, page, idx, page->index);
	page->index = idx;
	page->private--;
}

static void slab_abi_sync(const struct kmem_cache *s)
{
	mm_abi.caches[s->id].active_objs = (uint32_t)s->num_active;
	mm_abi.caches[s->id].num_slabs = (uint32_t)s->node.total_slabs;
}

/* ---- cache geometry (calculate_slab_order and friends) ---- */

static unsigned int cache_estimate(unsigned int order, unsigned int size, unsigned int align,
				   bool on_slab_freelist, unsigned int *left_over)
{
	unsigned int slab_size = PAGE_SIZE << order;
	unsigned int num;

	if (!on_slab_freelist) {
		num = slab_size / size;
		*left_over = slab_size - num * size;
		return num;
	}
	num = slab_size / (size + sizeof(u16));
	while (num && ALIGN(num * (unsigned int)sizeof(u16), align) + num * size > slab_size)
		num--;
	*left_over = slab_size - num * size - ALIGN(num * (unsigned int)sizeof(u16), align);
	return num;
}

static unsigned int calculate_slab_order(struct kmem_cache *s, bool on_slab_freelist)
{
	unsigned int left_over = 0;

	for (unsigned int order = 0; order <= KMALLOC_MAX_ORDER; order++) {
		unsigned int remainder;
		unsigned int num = cache_estimate(order, s->size, s->align, on_slab_freelist,
						  &remainder);

		if (!num)
			continue;
		if (num > SLAB_OBJ_MAX_NUM)
			break;
		s->num = num;
		s->gfporder = order;
		left_over = remainder;
		/* reclaimable caches: no high-order pages we might not get back */
		if (s->flags & SLAB_RECLAIM_ACCOUNT)
			break;
		if (order >= slab_max_order)
			break;
		/* acceptable internal fragmentation */
		if (left_over * 8 <= (PAGE_SIZE << order))
			break;
	}
	return left_over;
}

static int __kmem_cache_create(struct kmem_cache *s, const char *name, unsigned int size,
			       unsigned int align, unsigned int flags, void (*ctor)(void *))
{
	unsigned int ralign = ARCH_SLAB_MINALIGN, left_over, limit;

	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	if (flags & SLAB_HWCACHE_ALIGN) {
		ralign = L1_CACHE_BYTES;
		while (size <= ralign / 2)
			ralign /= 2;
		ralign = max(ralign, ARCH_SLAB_MINALIGN);
	}
	if (align > ralign)
		ralign = align;
	if (ralign & (ralign - 1))
		return -EINVAL;
	s->align = ralign;
	s->size = ALIGN(max(size, (unsigned int)sizeof(uint32_t)), ralign);

	s->num = 0;
	left_over = calculate_slab_order(s, ctor != NULL);
	if (!s->num)
		return -EINVAL; /* too big for any slab order */
	s->freelist_size = ctor ? ALIGN(s->num * (unsigned int)sizeof(u16), s->align) : 0;
	s->colour_off = max((unsigned int)L1_CACHE_BYTES, s->align);
	s->colour = left_over / s->colour_off;
	if (s->gfporder)
		s->allocflags |= __GFP_COMP;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	if (flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;

	/* enable_cpucache()'s limit, then free_limit = (1 + cpus) * batch + num */
	if (s->size > PAGE_SIZE)
		limit = 8;
	else if (s->size > 1024)
		limit = 24;
	else if (s->size > 256)
		limit = 54;
	else
		limit = 120;
	s->node.free_limit = 2 * ((limit + 1) / 2) + s->num;
	slab_list_init(&s->node.slabs_partial);
	slab_list_init(&s->node.slabs_full);
	slab_list_init(&s->node.slabs_free);
	return 0;
}

static int register_cache(struct kmem_cache *s)
{
	for (unsigned int id = 0; id < MM_ABI_MAX_CACHES; id++) {
		if (kmem_caches[id])
			continue;
		kmem_caches[id] = s;
		s->id = id;
		mm_abi_update_cache(id, s->name, s->object_size, s->gfporder, 0, 0);
		return 0;
	}
	return -ENOSPC;
}

struct kmem_cache *kmem_cache_by_id(unsigned int id)
{
	return id < MM_ABI_MAX_CACHES ? kmem_caches[id] : NULL;
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *))
{
	struct kmem_cache *s;
	int err;

	if (!slab_up || !name || !size || size > KMALLOC_MAX_SIZE) {
		err = -EINVAL;
		goto fail;
	}
	s = kmem_cache_alloc(kmem_cache, GFP_KERNEL);
	if (!s) {
		err = -ENOMEM;
		goto fail;
	}
	err = __kmem_cache_create(s, name, size, align, flags, ctor);
	if (!err)
		err = register_cache(s);
	if (err) {
		kmem_cache_free(kmem_cache, s);
		goto fail;
	}
	return s;
fail:
	if (flags & SLAB_PANIC)
		BUG();
	pr_warn("kmem_cache_create(%s) failed with error %d\n", name ? name : "?", err);
	return NULL;
}

/* ---- growing and shrinking ---- */

static void slab_pages_set_owner(struct page *page, unsigned int order, uint32_t id)
{
	for (unsigned int i = 1; i < 1u << order; i++)
		page[i].mapping = id;
}

static struct page *cache_grow(struct kmem_cache *s, gfp_t flags)
{
	gfp_t gfp = (flags & ~(__GFP_ZERO | __GFP_HIGHMEM | __GFP_MOVABLE | __GFP_RECLAIMABLE |
			       __GFP_COMP | __GFP_DMA)) | s->allocflags;
	struct page *page = alloc_pages(gfp, s->gfporder);

	if (!page)
		return NULL;
	__SetPageSlab(page);
	page->mapping = s->id;
	page->private = 0;
	slab_pages_set_owner(page, s->gfporder, s->id);
	mod_node_page_state(page_pgdat(page),
			    (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B :
								NR_SLAB_UNRECLAIMABLE_B,
			    1L << s->gfporder);
	for (unsigned int i = 0; i < s->num; i++) {
		if (s->ctor) {
			s->ctor(index_to_obj(s, page, i));
			s->num_ctor++;
		}
		set_free_link(s, page, i, i + 1 < s->num ? i + 1 : BUFCTL_END);
	}
	page->index = 0;
	return page;
}

static void slab_destroy(struct kmem_cache *s, struct page *page)
{
	mod_node_page_state(page_pgdat(page),
			    (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B :
								NR_SLAB_UNRECLAIMABLE_B,
			    -(1L << s->gfporder));
	__ClearPageSlab(page);
	page->mapping = 0;
	page->private = 0;
	page->index = 0;
	slab_pages_set_owner(page, s->gfporder, 0);
	s->num_destroyed++;
	__free_pages(page, s->gfporder);
}

/* Take the oldest empty slab off the free list (irqs off); NULL if none. */
static struct page *take_free_slab(struct kmem_cache *s)
{
	struct kmem_cache_node *n = &s->node;
	struct page *page = slab_list_last(&n->slabs_free);

	if (!page)
		return NULL;
	slab_list_del(&n->slabs_free, page);
	n->free_slabs--;
	n->total_slabs--;
	n->free_objects -= s->num;
	return page;
}

int kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long flags;
	struct page *page;
	int busy;

	for (;;) {
		local_irq_save(flags);
		page = take_free_slab(s);
		slab_abi_sync(s);
		local_irq_restore(flags);
		if (!page)
			break;
		slab_destroy(s, page);
	}
	busy = s->node.slabs_partial.head != MM_ABI_NIL || s->node.slabs_full.head != MM_ABI_NIL;
	return busy;
}

unsigned long kmem_cache_shrink_all(void)
{
	unsigned long freed = 0;

	for (unsigned int id = 0; id < MM_ABI_MAX_CACHES; id++) {
		struct kmem_cache *s = kmem_caches[id];

		if (!s)
			continue;
		freed += (s->node.free_slabs) << s->gfporder;
		kmem_cache_shrink(s);
	}
	return freed;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	kmem_cache_shrink(s);
	if (s->num_active) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects (%lu)\n", s->name,
		       s->num_active);
		return;
	}
	kmem_caches[s->id] = NULL;
	mm_abi_remove_cache(s->id);
	if (s != &kmem_cache_boot)
		kmem_cache_free(kmem_cache, s);
}

/* ---- allocation and freeing ---- */

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long irqflags;
	struct page *page;
	void *obj;

	local_irq_save(irqflags);
	page = slab_list_first(&n->slabs_partial);
	if (!page) {
		page = slab_list_first(&n->slabs_free);
		if (!page) {
			local_irq_restore(irqflags);
			page = cache_grow(s, flags);
			if (!page) {
				if (!(flags & __GFP_NOWARN))
					pr_warn("SLAB: Unable to allocate memory on node 0 "
						"(cache %s, order %u, gfp %x)\n",
						s->name, s->gfporder, flags);
				return NULL;
			}
			local_irq_save(irqflags);
			n->total_slabs++;
			n->free_objects += s->num;
			s->num_grown++;
		} else {
			slab_list_del(&n->slabs_free, page);
			n->free_slabs--;
		}
		slab_list_add(&n->slabs_partial, page);
	}
	obj = slab_get_obj(s, page);
	n->free_objects--;
	s->num_active++;
	s->num_allocations++;
	if (page->private == s->num) {
		slab_list_del(&n->slabs_partial, page);
		slab_list_add(&n->slabs_full, page);
	}
	slab_abi_sync(s);
	local_irq_restore(irqflags);
	if (flags & __GFP_ZERO)
		memset(obj, 0, s->object_size);
	return obj;
}

static struct page *virt_to_head_page(const void *obj)
{
	return compound_head(virt_to_page(obj));
}

/* Index of obj in its slab, or -1 if obj is not an object start. */
static long slab_obj_index(const struct kmem_cache *s, const struct page *page, const void *obj)
{
	const char *s_mem = slab_s_mem(s, page);
	unsigned long off;

	if ((const char *)obj < s_mem)
		return -1;
	off = (unsigned long)((const char *)obj - s_mem);
	if (off % s->size || off / s->size >= s->num)
		return -1;
	return (long)(off / s->size);
}

struct kmem_cache *virt_to_cache(const void *obj)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(obj) || !virt_addr_valid(obj))
		return NULL;
	page = virt_to_head_page(obj);
	if (!PageSlab(page))
		return NULL;
	return kmem_cache_by_id(page->mapping);
}

void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long irqflags;
	struct page *page;
	bool was_full;
	long idx;

	if (!obj)
		return;
	if (!virt_addr_valid(obj)) {
		pr_err("kmem_cache_free(%s): %p is not a lowmem address\n", s->name, obj);
		BUG();
	}
	page = virt_to_head_page(obj);
	if (!PageSlab(page) || page->mapping != s->id) {
		pr_err("kmem_cache_free: Wrong slab cache. %s but object %p is from %s\n", s->name,
		       obj, PageSlab(page) && kmem_cache_by_id(page->mapping) ?
				    kmem_cache_by_id(page->mapping)->name : "no cache");
		BUG();
	}
	idx = slab_obj_index(s, page, obj);
	if (idx < 0 || page->private == 0 || page->index == (uint32_t)idx) {
		pr_err("kmem_cache_free(%s): bad or double free of %p\n", s->name, obj);
		BUG();
	}

	local_irq_save(irqflags);
	was_full = page->private == s->num;
	slab_put_obj(s, page, (uint32_t)idx);
	n->free_objects++;
	s->num_active--;
	s->num_frees++;
	slab_list_del(was_full ? &n->slabs_full : &n->slabs_partial, page);
	if (page->private == 0) {
		slab_list_add(&n->slabs_free, page);
		n->free_slabs++;
	} else {
		/* Linux: to the tail, giving its other objects time to be freed too */
		slab_list_add_tail(&n->slabs_partial, page);
	}
	page = NULL;
	if (n->free_objects > n->free_limit)
		page = take_free_slab(s);
	slab_abi_sync(s);
	local_irq_restore(irqflags);
	if (page)
		slab_destroy(s, page);
}

/* ---- kmalloc ---- */

static const unsigned int kmalloc_sizes[KMALLOC_SHIFT_HIGH + 1] = {
	0, 96, 192, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192,
};

int kmalloc_index(size_t size)
{
	if (!size)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	for (int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++)
		if (size <= (1u << i))
			return i;
	return -1;
}

static enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
	if ((flags & __GFP_DMA) && kmalloc_caches[KMALLOC_DMA][KMALLOC_SHIFT_LOW])
		return KMALLOC_DMA;
	if (flags & __GFP_RECLAIMABLE)
		return KMALLOC_RECLAIM;
	return KMALLOC_NORMAL;
}

struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	int idx = kmalloc_index(size);

	if (idx <= 0)
		return NULL;
	return kmalloc_caches[kmalloc_type(flags)][idx];
}

static unsigned int slab_get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = slab_get_order(size);
	struct page *page;

	if (order > KMALLOC_MAX_ORDER)
		return NULL;
	page = alloc_pages((flags & ~(__GFP_HIGHMEM | __GFP_MOVABLE)) | __GFP_COMP, order);
	if (!page)
		return NULL;
	mod_node_page_state(page_pgdat(page), NR_SLAB_UNRECLAIMABLE_B, 1L << order);
	return page_address(page);
}

void *kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *s;

	if (WARN_ON_ONCE(flags & (__GFP_HIGHMEM | __GFP_MOVABLE)))
		flags &= ~(__GFP_HIGHMEM | __GFP_MOVABLE);
	if (!size)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, flags);
	s = kmalloc_slab(size, flags);
	if (!s)
		return NULL;
	return kmem_cache_alloc(s, flags);
}

void kfree(const void *obj)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(obj))
		return;
	if (!virt_addr_valid(obj)) {
		pr_err("kfree: %p is not a lowmem address\n", obj);
		BUG();
	}
	page = virt_to_head_page(obj);
	if (!PageSlab(page)) {
		unsigned int order = compound_order(page);

		if (obj != page_address(page)) {
			pr_err("kfree: %p is neither a slab object nor a kmalloc'd page\n", obj);
			BUG();
		}
		mod_node_page_state(page_pgdat(page), NR_SLAB_UNRECLAIMABLE_B, -(1L << order));
		__free_pages(page, order);
		return;
	}
	kmem_cache_free(kmem_cache_by_id(page->mapping), (void *)obj);
}

size_t ksize(const void *obj)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(obj))
		return 0;
	page = virt_to_head_page(obj);
	if (!PageSlab(page))
		return PAGE_SIZE << compound_order(page);
	return kmem_cache_by_id(page->mapping)->object_size;
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t old = ksize(p);
	void *n;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (!ZERO_OR_NULL_PTR(p) && new_size <= old)
		return (void *)p;
	n = kmalloc(new_size, flags);
	if (n && !ZERO_OR_NULL_PTR(p)) {
		memcpy(n, p, old);
		kfree(p);
	}
	return n;
}

/* ---- bootstrap ---- */

static char kmalloc_names[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1][MM_ABI_CACHE_NAME_LEN];

static void make_kmalloc_name(char *buf, enum kmalloc_cache_type type, unsigned int size)
{
	static const char *const prefix[NR_KMALLOC_TYPES] = {
		[KMALLOC_NORMAL] = "kmalloc-",
		[KMALLOC_RECLAIM] = "kmalloc-rcl-",
		[KMALLOC_DMA] = "dma-kmalloc-",
	};
	char num[12];
	int n = 0;

	do {
		num[n++] = (char)('0' + size % 10);
		size /= 10;
	} while (size);
	strcpy(buf, prefix[type]);
	buf += strlen(buf);
	while (n)
		*buf++ = num[--n];
	*buf = '\0';
}

static void create_kmalloc_caches(void)
{
	for (int type = KMALLOC_NORMAL; type < NR_KMALLOC_TYPES; type++) {
		unsigned int flags = 0;

		if (type == KMALLOC_RECLAIM)
			flags = SLAB_RECLAIM_ACCOUNT;
		if (type == KMALLOC_DMA) {
			if (!zone_dma_enabled)
				continue;
			flags = SLAB_CACHE_DMA;
		}
		for (int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
			make_kmalloc_name(kmalloc_names[type][i], (enum kmalloc_cache_type)type,
					  kmalloc_sizes[i]);
			kmalloc_caches[type][i] = kmem_cache_create(kmalloc_names[type][i],
								    kmalloc_sizes[i],
								    ARCH_KMALLOC_MINALIGN,
								    flags | SLAB_PANIC, NULL);
		}
	}
}

void kmem_cache_init(void)
{
	/* Linux: order-1 slabs allowed once there is more than 32 MiB */
	slab_max_order = totalram_pages() > ((32u << 20) >> PAGE_SHIFT) ? 1 : 0;
	memset(kmem_caches, 0, sizeof(kmem_caches));
	memset(kmalloc_caches, 0, sizeof(kmalloc_caches));
	kmem_cache = &kmem_cache_boot;
	if (__kmem_cache_create(kmem_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
				SLAB_HWCACHE_ALIGN, NULL) || register_cache(kmem_cache))
		BUG();
	slab_up = true;
	create_kmalloc_caches();
	mark_boot_page_tables();
	mm_abi_set_phase(MM_PHASE_SLAB);
}

/* ---- reporting and checking ---- */

void slabinfo_show(bool all)
{
	printk("slabinfo - version: 2.1\n");
	printk("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	       " : tunables <limit> <batchcount> <sharedfactor>"
	       " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (unsigned int id = 0; id < MM_ABI_MAX_CACHES; id++) {
		struct kmem_cache *s = kmem_caches[id];
		unsigned long num_objs;

		if (!s || (!all && !s->node.total_slabs))
			continue;
		num_objs = s->node.total_slabs * s->num;
		printk("%-17s %6lu %6lu %6u %4u %4lu", s->name, s->num_active, num_objs, s->size,
		       s->num, 1UL << s->gfporder);
		printk(" : tunables %4u %4u %4u : slabdata %6lu %6lu %6u\n", 0u, 0u, 0u,
		       s->node.total_slabs - s->node.free_slabs, s->node.total_slabs, 0u);
	}
}

static int check_slab_list(const struct kmem_cache *s, const struct page_list *l, int kind,
			   unsigned long *slabs, unsigned long *inuse, unsigned long *free_objs)
{
	int problems = 0;
	uint32_t prev = MM_ABI_NIL;

	for (uint32_t i = l->head; i != MM_ABI_NIL; i = idx_page(i)->next) {
		struct page *page = idx_page(i);
		unsigned long nfree = 0;

		if (page->prev != prev || !PageSlab(page) || page->mapping != s->id) {
			pr_err("slab %s: page %u has bad links or flags\n", s->name,
			       (unsigned int)i);
			return problems + 1;
		}
		for (uint32_t f = page->index; f != BUFCTL_END; f = get_free_link(s, page, f)) {
			if (f >= s->num || ++nfree > s->num) {
				pr_err("slab %s: page %u free chain broken\n", s->name,
				       (unsigned int)i);
				return problems + 1;
			}
		}
		if (nfree + page->private != s->num ||
		    (kind == 0 && (page->private == 0 || page->private == s->num)) ||
		    (kind == 1 && page->private != s->num) || (kind == 2 && page->private != 0)) {
			pr_err("slab %s: page %u on the wrong list (inuse %u of %u, %lu free)\n",
			       s->name, (unsigned int)i, (unsigned int)page->private, s->num,
			       nfree);
			problems++;
		}
		(*slabs)++;
		*inuse += page->private;
		*free_objs += nfree;
		prev = i;
	}
	if (l->tail != prev) {
		pr_err("slab %s: list tail wrong\n", s->name);
		problems++;
	}
	return problems;
}

int slab_check_invariants(void)
{
	int problems = 0;

	for (unsigned int id = 0; id < MM_ABI_MAX_CACHES; id++) {
		const struct kmem_cache *s = kmem_caches[id];
		unsigned long slabs = 0, inuse = 0, free_objs = 0, free_slabs = 0;

		if (!s)
			continue;
		problems += check_slab_list(s, &s->node.slabs_partial, 0, &slabs, &inuse,
					    &free_objs);
		problems += check_slab_list(s, &s->node.slabs_full, 1, &slabs, &inuse,
					    &free_objs);
		free_slabs = slabs;
		problems += check_slab_list(s, &s->node.slabs_free, 2, &slabs, &inuse,
					    &free_objs);
		free_slabs = slabs - free_slabs;
		if (slabs != s->node.total_slabs || free_slabs != s->node.free_slabs ||
		    inuse != s->num_active || free_objs != s->node.free_objects ||
		    mm_abi.caches[id].active_objs != s->num_active ||
		    mm_abi.caches[id].num_slabs != s->node.total_slabs) {
			pr_err("slab %s: counters disagree "
			       "(slabs %lu/%lu free %lu/%lu inuse %lu/%lu)\n",
			       s->name, slabs, s->node.total_slabs, free_slabs, s->node.free_slabs,
			       inuse, s->num_active);
			problems++;
		}
	}
	return problems;
}
