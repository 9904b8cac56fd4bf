// SPDX-License-Identifier: MIT
/*
 * memblock.c - boot-time memory management (Linux 5.11 mm/memblock.c).
 *
 * DOC: `memblock.memory` lists the RAM the DTB describes, `memblock.reserved`
 * what is taken (kernel image, DTB, page tables, early allocations).  Both
 * arrays stay sorted with no overlaps; adding a range merges it with its
 * neighbours when node and flags agree, removing one splits regions
 * (memblock_isolate_range()).  Allocation walks the free ranges (memory
 * minus reserved) from the top down, or from the bottom up when asked, and
 * reserves what it finds.  The arrays are fixed (no doubling): running out
 * of slots is an error.  Once memblock_free_all() has handed the free
 * ranges to the buddy allocator (page_alloc.c), memblock allocations are
 * refused, as Linux warns about them once slab is up.
 */
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/mm_abi.h>
#include <mm/printk.h>
#include <asm/memory.h>

#include <string.h>

static struct memblock_region memblock_memory_init_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region memblock_reserved_init_regions[INIT_MEMBLOCK_REGIONS];

struct memblock memblock = {
	.memory.regions = memblock_memory_init_regions,
	.memory.cnt = 0,
	.memory.max = INIT_MEMBLOCK_REGIONS,
	.memory.name = "memory",
	.reserved.regions = memblock_reserved_init_regions,
	.reserved.cnt = 0,
	.reserved.max = INIT_MEMBLOCK_REGIONS,
	.reserved.name = "reserved",
	.bottom_up = false,
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
};

static bool memblock_handed_over;

void memblock_reset(void)
{
	memblock.memory.cnt = 0;
	memblock.memory.total_size = 0;
	memblock.reserved.cnt = 0;
	memblock.reserved.total_size = 0;
	memblock.bottom_up = false;
	memblock.current_limit = MEMBLOCK_ALLOC_ANYWHERE;
	memblock_handed_over = false;
}

bool memblock_released(void)
{
	return memblock_handed_over;
}

/* Called by memblock_free_all(): later allocations are refused. */
void memblock_mark_released(void);
void memblock_mark_released(void)
{
	memblock_handed_over = true;
}

static void memblock_changed(void)
{
	if (!memblock_handed_over)
		mm_abi_sync_memblock();
}

/* Clamp size so base + size does not wrap. */
static phys_addr_t memblock_cap_size(phys_addr_t base, phys_addr_t *size)
{
	return *size = min(*size, PHYS_ADDR_MAX - base);
}

static void memblock_remove_region(struct memblock_type *type, unsigned long r)
{
	type->total_size -= type->regions[r].size;
	memmove(&type->regions[r], &type->regions[r + 1],
		(type->cnt - (r + 1)) * sizeof(type->regions[r]));
	type->cnt--;
}

/* Merge neighbouring regions that touch and agree in node and flags. */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base || this->nid != next->nid ||
		    this->flags != next->flags) {
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1, (type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

/* Insert a region at idx; the caller made sure there is room. */
static void memblock_insert_region(struct memblock_type *type, unsigned long idx,
				   phys_addr_t base, phys_addr_t size, int nid,
				   enum memblock_flags flags)
{
	struct memblock_region *rgn = &type->regions[idx];

	BUG_ON(type->cnt >= type->max);
	memmove(rgn + 1, rgn, (type->cnt - idx) * sizeof(*rgn));
	rgn->base = base;
	rgn->size = size;
	rgn->flags = flags;
	rgn->nid = nid;
	type->cnt++;
	type->total_size += size;
}

/*
 * Add [base, base + size) to type: the parts not yet covered become new
 * regions, then neighbours merge.  Counts first, inserts on a second pass,
 * so a full array leaves the type unchanged.
 */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size,
			      int nid, enum memblock_flags flags)
{
	bool insert = false;
	phys_addr_t obase = base;
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx;
	int nr_new;

	if (!size)
		return 0;
repeat:
	base = obase;
	nr_new = 0;
	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		/* the part below this region is new */
		if (rbase > base) {
			nr_new++;
			if (insert)
				memblock_insert_region(type, idx++, base, rbase - base, nid, flags);
		}
		base = min(rend, end);
	}
	if (base < end) {
		nr_new++;
		if (insert)
			memblock_insert_region(type, idx, base, end - base, nid, flags);
	}
	if (!nr_new)
		return 0;
	if (!insert) {
		if (type->cnt + (unsigned long)nr_new > type->max) {
			pr_err("memblock: %s array full (%lu regions), cannot add [0x%08x-0x%08x]\n",
			       type->name, type->max, obase, end - 1);
			return -ENOMEM;
		}
		insert = true;
		goto repeat;
	}
	memblock_merge_regions(type);
	return 0;
}

int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid)
{
	int ret = memblock_add_range(&memblock.memory, base, size, nid, MEMBLOCK_NONE);

	memblock_changed();
	return ret;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	pr_debug("memblock_add: [0x%08x-0x%08x]\n", base, base + size - 1);
	return memblock_add_node(base, size, 0);
}

/*
 * Split the regions of type so that [base, base + size) is covered by whole
 * regions [*start_rgn, *end_rgn).
 */
static int memblock_isolate_range(struct memblock_type *type, phys_addr_t base,
				  phys_addr_t size, unsigned long *start_rgn, unsigned long *end_rgn)
{
	phys_addr_t end = base + memblock_cap_size(base, &size);
	unsigned long idx, splits = 0;

	*start_rgn = *end_rgn = 0;
	if (!size)
		return 0;
	/* a region cut at base or end takes one more slot */
	for (idx = 0; idx < type->cnt; idx++) {
		phys_addr_t rbase = type->regions[idx].base;
		phys_addr_t rend = rbase + type->regions[idx].size;

		if (rbase < base && rend > base)
			splits++;
		if (rbase < end && rend > end)
			splits++;
	}
	if (type->cnt + splits > type->max) {
		pr_err("memblock: %s array full, cannot split at [0x%08x-0x%08x]\n", type->name,
		       base, end - 1);
		return -ENOMEM;
	}
	for (idx = 0; idx < type->cnt; idx++) {
		struct memblock_region *rgn = &type->regions[idx];
		phys_addr_t rbase = rgn->base;
		phys_addr_t rend = rbase + rgn->size;

		if (rbase >= end)
			break;
		if (rend <= base)
			continue;
		if (rbase < base) {
			/* intersects from below: split, go on with the top half */
			rgn->base = base;
			rgn->size -= base - rbase;
			type->total_size -= base - rbase;
			memblock_insert_region(type, idx, rbase, base - rbase, rgn->nid, rgn->flags);
		} else if (rend > end) {
			/* intersects from above: split, redo the bottom half */
			rgn->base = end;
			rgn->size -= end - rbase;
			type->total_size -= end - rbase;
			memblock_insert_region(type, idx, rbase, end - rbase, rgn->nid, rgn->flags);
			idx--;
		} else {
			if (!*end_rgn)
				*start_rgn = idx;
			*end_rgn = idx + 1;
		}
	}
	return 0;
}

static int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	while (end_rgn > start_rgn)
		memblock_remove_region(type, --end_rgn);
	return 0;
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	int ret = memblock_remove_range(&memblock.memory, base, size);

	memblock_changed();
	return ret;
}

int memblock_free(phys_addr_t base, phys_addr_t size)
{
	int ret;

	pr_debug("memblock_free: [0x%08x-0x%08x]\n", base, base + size - 1);
	ret = memblock_remove_range(&memblock.reserved, base, size);
	memblock_changed();
	return ret;
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	int ret;

	pr_debug("memblock_reserve: [0x%08x-0x%08x]\n", base, base + size - 1);
	ret = memblock_add_range(&memblock.reserved, base, size, NUMA_NO_NODE, MEMBLOCK_NONE);
	memblock_changed();
	return ret;
}

static int memblock_setclr_flag(phys_addr_t base, phys_addr_t size, bool set,
				enum memblock_flags flag)
{
	struct memblock_type *type = &memblock.memory;
	unsigned long i, start_rgn, end_rgn;
	int ret;

	ret = memblock_isolate_range(type, base, size, &start_rgn, &end_rgn);
	if (ret)
		return ret;
	for (i = start_rgn; i < end_rgn; i++) {
		if (set)
			type->regions[i].flags |= flag;
		else
			type->regions[i].flags &= ~flag;
	}
	memblock_merge_regions(type);
	memblock_changed();
	return 0;
}

int memblock_mark_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, true, MEMBLOCK_NOMAP);
}

int memblock_clear_nomap(phys_addr_t base, phys_addr_t size)
{
	return memblock_setclr_flag(base, size, false, MEMBLOCK_NOMAP);
}

void memblock_set_node(phys_addr_t base, phys_addr_t size, struct memblock_type *type, int nid)
{
	unsigned long i, start_rgn, end_rgn;

	if (memblock_isolate_range(type, base, size, &start_rgn, &end_rgn))
		return;
	for (i = start_rgn; i < end_rgn; i++)
		type->regions[i].nid = nid;
	memblock_merge_regions(type);
	memblock_changed();
}

void memblock_set_bottom_up(bool enable)
{
	memblock.bottom_up = enable;
}

bool memblock_bottom_up(void)
{
	return memblock.bottom_up;
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_get_current_limit(void)
{
	return memblock.current_limit;
}

/* ---- iteration ---- */

static bool should_skip_region(struct memblock_type *type, struct memblock_region *m, int nid,
			       enum memblock_flags flags)
{
	/* only memory regions have nodes and flags worth filtering */
	if (type != &memblock.memory)
		return false;
	if (nid != NUMA_NO_NODE && nid != m->nid)
		return true;
	if ((flags & MEMBLOCK_MIRROR) && !(m->flags & MEMBLOCK_MIRROR))
		return true;
	if (!(flags & MEMBLOCK_NOMAP) && (m->flags & MEMBLOCK_NOMAP))
		return true;
	return false;
}

/*
 * Next range in type_a not covered by type_b (or the next region of type_a
 * when type_b is NULL).  *idx packs both positions; ULLONG_MAX ends.
 */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags, struct memblock_type *type_a,
		      struct memblock_type *type_b, phys_addr_t *out_start, phys_addr_t *out_end,
		      int *out_nid)
{
	long idx_a = (long)(*idx & 0xffffffffu);
	long idx_b = (long)(*idx >> 32);

	for (; idx_a < (long)type_a->cnt; idx_a++) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(type_a, m, nid, flags))
			continue;
		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m->nid;
			*idx = (u32)(idx_a + 1);
			return;
		}
		/* the gaps between reserved regions, from below */
		for (; idx_b < (long)type_b->cnt + 1; idx_b++) {
			phys_addr_t r_start, r_end;

			r_start = idx_b ? type_b->regions[idx_b - 1].base +
						  type_b->regions[idx_b - 1].size
					: 0;
			r_end = idx_b < (long)type_b->cnt ? type_b->regions[idx_b].base
							  : PHYS_ADDR_MAX;
			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m->nid;
				/* advance whichever ends first */
				if (m_end <= r_end)
					idx_a++;
				else
					idx_b++;
				*idx = (u32)idx_a | (u64)idx_b << 32;
				return;
			}
		}
	}
	*idx = ULLONG_MAX_MB;
}

void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a, struct memblock_type *type_b,
			  phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid)
{
	long idx_a = (long)(int32_t)(*idx & 0xffffffffu);
	long idx_b = (long)(int32_t)(*idx >> 32);

	if (*idx == ULLONG_MAX_MB) {
		idx_a = (long)type_a->cnt - 1;
		idx_b = type_b ? (long)type_b->cnt : 0;
	}
	for (; idx_a >= 0; idx_a--) {
		struct memblock_region *m = &type_a->regions[idx_a];
		phys_addr_t m_start = m->base;
		phys_addr_t m_end = m->base + m->size;

		if (should_skip_region(type_a, m, nid, flags))
			continue;
		if (!type_b) {
			if (out_start)
				*out_start = m_start;
			if (out_end)
				*out_end = m_end;
			if (out_nid)
				*out_nid = m->nid;
			idx_a--;
			*idx = (u32)idx_a | (u64)(u32)idx_b << 32;
			return;
		}
		for (; idx_b >= 0; idx_b--) {
			phys_addr_t r_start, r_end;

			r_start = idx_b ? type_b->regions[idx_b - 1].base +
						  type_b->regions[idx_b - 1].size
					: 0;
			r_end = idx_b < (long)type_b->cnt ? type_b->regions[idx_b].base
							  : PHYS_ADDR_MAX;
			if (r_end <= m_start)
				break;
			if (m_end > r_start) {
				if (out_start)
					*out_start = max(m_start, r_start);
				if (out_end)
					*out_end = min(m_end, r_end);
				if (out_nid)
					*out_nid = m->nid;
				if (m_start >= r_start)
					idx_a--;
				else
					idx_b--;
				*idx = (u32)idx_a | (u64)(u32)idx_b << 32;
				return;
			}
		}
	}
	*idx = ULLONG_MAX_MB;
}

void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid)
{
	struct memblock_type *type = &memblock.memory;

	while (++*idx < (int)type->cnt) {
		struct memblock_region *r = &type->regions[*idx];

		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		if (nid == NUMA_NO_NODE || nid == r->nid)
			break;
	}
	if (*idx >= (int)type->cnt) {
		*idx = -1;
		return;
	}
	if (out_start_pfn)
		*out_start_pfn = PFN_UP(type->regions[*idx].base);
	if (out_end_pfn)
		*out_end_pfn = PFN_DOWN(type->regions[*idx].base + type->regions[*idx].size);
	if (out_nid)
		*out_nid = type->regions[*idx].nid;
}

/* ---- allocation ---- */

static phys_addr_t find_range_bottom_up(phys_addr_t start, phys_addr_t end, phys_addr_t size,
					phys_addr_t align, int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		cand = ALIGN(this_start, align);
		if (cand >= this_start && cand < this_end && this_end - cand >= size)
			return cand;
	}
	return 0;
}

static phys_addr_t find_range_top_down(phys_addr_t start, phys_addr_t end, phys_addr_t size,
				       phys_addr_t align, int nid, enum memblock_flags flags)
{
	phys_addr_t this_start, this_end, cand;
	u64 i;

	for_each_free_mem_range_reverse(i, nid, flags, &this_start, &this_end, NULL) {
		this_start = clamp(this_start, start, end);
		this_end = clamp(this_end, start, end);
		if (this_end < size)
			continue;
		cand = ALIGN_DOWN(this_end - size, align);
		if (cand >= this_start)
			return cand;
	}
	return 0;
}

static phys_addr_t memblock_find_in_range_node(phys_addr_t size, phys_addr_t align,
					       phys_addr_t start, phys_addr_t end, int nid,
					       enum memblock_flags flags)
{
	if (end == MEMBLOCK_ALLOC_ACCESSIBLE)
		end = memblock.current_limit;
	/* never hand out the first page (address 0 means failure) */
	start = max_t(phys_addr_t, start, PAGE_SIZE);
	end = max(start, end);
	if (memblock_bottom_up())
		return find_range_bottom_up(start, end, size, align, nid, flags);
	return find_range_top_down(start, end, size, align, nid, flags);
}

static bool memblock_refuse(const char *what, phys_addr_t size)
{
	if (!memblock_handed_over)
		return false;
	pr_warn("memblock: %s(0x%x) refused: memory was handed to the buddy allocator "
		"(memblock_free_all); use alloc_pages()/kmalloc()\n", what, size);
	return true;
}

static phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
					    phys_addr_t start, phys_addr_t end, int nid,
					    bool exact_nid)
{
	phys_addr_t found;

	if (!size)
		return 0;
	if (!align)
		align = SMP_CACHE_BYTES;
	found = memblock_find_in_range_node(size, align, start, end, nid, MEMBLOCK_NONE);
	if (found && !memblock_reserve(found, size))
		return found;
	if (nid != NUMA_NO_NODE && !exact_nid) {
		found = memblock_find_in_range_node(size, align, start, end, NUMA_NO_NODE,
						    MEMBLOCK_NONE);
		if (found && !memblock_reserve(found, size))
			return found;
	}
	return 0;
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align, phys_addr_t start,
				      phys_addr_t end)
{
	if (memblock_refuse("memblock_phys_alloc_range", size))
		return 0;
	return memblock_alloc_range_nid(size, align, start, end, NUMA_NO_NODE, false);
}

phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align, int nid)
{
	if (memblock_refuse("memblock_phys_alloc_try_nid", size))
		return 0;
	return memblock_alloc_range_nid(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE, nid, false);
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_phys_alloc_range(size, align, 0, MEMBLOCK_ALLOC_ACCESSIBLE);
}

void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align, phys_addr_t min_addr,
			     phys_addr_t max_addr, int nid)
{
	phys_addr_t alloc;
	void *ptr;

	if (memblock_refuse("memblock_alloc", size))
		return NULL;
	/* virtual addresses exist only below the lowmem limit */
	if (max_addr == MEMBLOCK_ALLOC_ACCESSIBLE || max_addr > memblock.current_limit)
		max_addr = memblock.current_limit;
	alloc = memblock_alloc_range_nid(size, align, min_addr, max_addr, nid, false);
	if (!alloc && min_addr)
		alloc = memblock_alloc_range_nid(size, align, 0, max_addr, nid, false);
	if (!alloc)
		return NULL;
	ptr = phys_to_virt(alloc);
	memset(ptr, 0, size);
	return ptr;
}

void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
				      NUMA_NO_NODE);
}

void *memblock_alloc_low(phys_addr_t size, phys_addr_t align)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
				      NUMA_NO_NODE);
}

void *memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid)
{
	return memblock_alloc_try_nid(size, align, MEMBLOCK_LOW_LIMIT, MEMBLOCK_ALLOC_ACCESSIBLE,
				      nid);
}

/* ---- queries ---- */

phys_addr_t memblock_phys_mem_size(void)
{
	return memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(void)
{
	return memblock.reserved.total_size;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	unsigned long idx = memblock.memory.cnt;

	if (!idx)
		return 0;
	return memblock.memory.regions[idx - 1].base + memblock.memory.regions[idx - 1].size;
}

/* First address above `limit` bytes of memory. */
static phys_addr_t find_max_addr(phys_addr_t limit)
{
	unsigned long i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (limit <= r->size)
			return r->base + limit;
		limit -= r->size;
	}
	return PHYS_ADDR_MAX;
}

void memblock_enforce_memory_limit(phys_addr_t limit)
{
	phys_addr_t max_addr;

	if (!limit)
		return;
	max_addr = find_max_addr(limit);
	if (max_addr == PHYS_ADDR_MAX)
		return;
	memblock_remove_range(&memblock.memory, max_addr, PHYS_ADDR_MAX);
	memblock_remove_range(&memblock.reserved, max_addr, PHYS_ADDR_MAX);
	memblock_changed();
}

void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size)
{
	unsigned long start_rgn, end_rgn;
	long i;

	if (!size)
		return;
	if (memblock_isolate_range(&memblock.memory, base, size, &start_rgn, &end_rgn))
		return;
	/* remove everything outside [start_rgn, end_rgn) */
	for (i = (long)memblock.memory.cnt - 1; i >= (long)end_rgn; i--)
		memblock_remove_region(&memblock.memory, (unsigned long)i);
	for (i = (long)start_rgn - 1; i >= 0; i--)
		memblock_remove_region(&memblock.memory, (unsigned long)i);
	memblock_remove_range(&memblock.reserved, 0, base);
	memblock_remove_range(&memblock.reserved, base + size, PHYS_ADDR_MAX);
	memblock_changed();
}

static long memblock_search(struct memblock_type *type, phys_addr_t addr)
{
	unsigned long left = 0, right = type->cnt;

	while (left < right) {
		unsigned long mid = (right + left) / 2;

		if (addr < type->regions[mid].base)
			right = mid;
		else if (addr >= type->regions[mid].base + type->regions[mid].size)
			left = mid + 1;
		else
			return (long)mid;
	}
	return -1;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return memblock_search(&memblock.memory, addr) != -1;
}

bool memblock_is_map_memory(phys_addr_t addr)
{
	long i = memblock_search(&memblock.memory, addr);

	return i != -1 && !(memblock.memory.regions[i].flags & MEMBLOCK_NOMAP);
}

bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size)
{
	long idx = memblock_search(&memblock.memory, base);
	phys_addr_t end = base + memblock_cap_size(base, &size);

	if (idx == -1)
		return false;
	return memblock.memory.regions[idx].base <= base &&
	       memblock.memory.regions[idx].base + memblock.memory.regions[idx].size >= end;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return memblock_search(&memblock.reserved, addr) != -1;
}

bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size)
{
	unsigned long i;
	phys_addr_t end = base + memblock_cap_size(base, &size);

	for (i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (base < r->base + r->size && r->base < end)
			return true;
	}
	return false;
}

/* ---- dump ---- */

static void memblock_dump(struct memblock_type *type)
{
	unsigned long i;

	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (i = 0; i < type->cnt; i++) {
		struct memblock_region *rgn = &type->regions[i];
		phys_addr_t end = rgn->base + rgn->size - 1;

		if (rgn->nid != NUMA_NO_NODE)
			pr_info(" %s[0x%lx]\t[0x%08x-0x%08x], 0x%08x bytes on node %d flags: 0x%x\n",
				type->name, i, rgn->base, end, rgn->size, rgn->nid,
				(unsigned int)rgn->flags);
		else
			pr_info(" %s[0x%lx]\t[0x%08x-0x%08x], 0x%08x bytes flags: 0x%x\n",
				type->name, i, rgn->base, end, rgn->size, (unsigned int)rgn->flags);
	}
}

void memblock_dump_all(void)
{
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = 0x%08x reserved size = 0x%08x\n", memblock.memory.total_size,
		memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}
