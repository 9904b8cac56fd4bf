/* SPDX-License-Identifier: MIT */
/*
 * fake_mm.c - build crafted guest memory (descriptor, mem_map, pageblock
 * flags) for the decoder and metrics tests.
 */
#include "fake_mm.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define VALID (1u << PAGE_VALID_SHIFT)
#define ZONE(z) ((uint32_t)(z) << PAGE_ZONE_SHIFT)
#define ALLOC_MT(m) ((uint32_t)(m) << PAGE_ALLOC_MT_SHIFT)

static uint32_t meta_bytes(uint32_t frames)
{
	return (uint32_t)((frames * 32u + frames / 1024 + 2 + sizeof(struct mm_abi) + 4095) &
			  ~4095u);
}

static int init(struct fake_mm *f, uint32_t base, uint32_t frames, bool inside)
{
	uint32_t meta;

	memset(f, 0, sizeof(*f));
	/* frames described by mem_map, and room for the metadata */
	f->nr_pages = frames;
	f->size = frames * 4096u + (inside ? 0 : meta_bytes(frames));
	f->base = base;
	f->ram = calloc(1, f->size);
	if (!f->ram)
		return -1;
	f->mem = (struct ps_mem){ f->ram, f->base, f->size };
	meta = inside ? f->size - meta_bytes(frames) : frames * 4096u;
	f->abi_pa = base + meta;
	f->abi = (struct mm_abi *)(f->ram + meta);
	f->map = (struct page *)(f->ram + meta + sizeof(struct mm_abi));
	f->pb = (uint8_t *)(f->map + frames);
	f->pfn_base = base >> 12;

	struct mm_abi *a = f->abi;

	a->magic = MM_ABI_MAGIC;
	a->version = MM_ABI_VERSION;
	a->size = sizeof(*a);
	a->phase = MM_PHASE_SLAB;
	a->page_size = 4096;
	a->page_struct_size = sizeof(struct page);
	a->max_order = MM_ABI_MAX_ORDER;
	a->pageblock_order = 10;
	a->phys_offset = base;
	a->page_offset = 0xc0000000u;
	a->lowmem_limit_pfn = f->pfn_base + frames;
	a->mem_map_pa = f->abi_pa + sizeof(struct mm_abi);
	a->pfn_base = f->pfn_base;
	a->nr_pages = frames;
	a->pageblock_flags_pa = a->mem_map_pa + frames * sizeof(struct page);
	a->nr_zones = MAX_NR_ZONES;
	strcpy(a->zones[ZONE_DMA].name, "DMA");
	strcpy(a->zones[ZONE_NORMAL].name, "Normal");
	strcpy(a->zones[ZONE_HIGHMEM].name, "HighMem");
	strcpy(a->zones[ZONE_MOVABLE].name, "Movable");
	a->zones[ZONE_NORMAL].zone_start_pfn = f->pfn_base;
	a->zones[ZONE_NORMAL].spanned_pages = frames;
	a->zones[ZONE_NORMAL].present_pages = frames;
	a->zones[ZONE_NORMAL].managed_pages = frames;
	for (uint32_t i = 0; i < frames; i++) {
		f->map[i] = (struct page){
			.flags = VALID | ZONE(ZONE_NORMAL) | ALLOC_MT(MIGRATE_UNMOVABLE),
			.next = MM_ABI_NIL, .prev = MM_ABI_NIL, ._refcount = 1, ._mapcount = -1,
		};
	}
	for (uint32_t i = 0; i < (frames + 1023) / 1024; i++)
		f->pb[i] = MIGRATE_MOVABLE;
	if (inside)
		fake_flags(f, (base + meta) >> 12, meta_bytes(frames) >> 12, 1u << PG_reserved);
	return 0;
}

int fake_mm_init(struct fake_mm *f, uint32_t base, uint32_t frames)
{
	return init(f, base, frames, false);
}

int fake_mm_init_inside(struct fake_mm *f, uint32_t base, uint32_t frames)
{
	return init(f, base, frames, true);
}

void fake_mm_free(struct fake_mm *f)
{
	free(f->ram);
	memset(f, 0, sizeof(*f));
}

struct page *fake_page(struct fake_mm *f, uint32_t pfn)
{
	return &f->map[pfn - f->pfn_base];
}

static uint32_t zone_of(const struct page *p)
{
	return p->flags & (PAGE_ZONE_MASK << PAGE_ZONE_SHIFT);
}

void fake_alloc(struct fake_mm *f, uint32_t pfn, uint32_t n, unsigned mt)
{
	for (uint32_t i = 0; i < n; i++) {
		struct page *p = fake_page(f, pfn + i);

		*p = (struct page){
			.flags = VALID | zone_of(p) | ALLOC_MT(mt),
			.next = MM_ABI_NIL, .prev = MM_ABI_NIL, ._refcount = 1, ._mapcount = -1,
		};
	}
}

void fake_free(struct fake_mm *f, uint32_t pfn, unsigned order, unsigned mt)
{
	struct page *head = fake_page(f, pfn);
	uint32_t z = mm_abi_page_zone(head);

	for (uint32_t i = 0; i < (1u << order); i++) {
		struct page *p = fake_page(f, pfn + i);

		*p = (struct page){
			.flags = VALID | zone_of(head),
			.next = MM_ABI_NIL, .prev = MM_ABI_NIL, ._mapcount = -1,
		};
	}
	head->flags |= 1u << PG_buddy;
	head->private = order;
	head->index = mt;
	f->abi->zones[z].nr_free[order]++;
}

void fake_flags(struct fake_mm *f, uint32_t pfn, uint32_t n, uint32_t flags)
{
	for (uint32_t i = 0; i < n; i++)
		fake_page(f, pfn + i)->flags |= flags;
}

void fake_pageblock(struct fake_mm *f, uint32_t pfn, unsigned mt)
{
	f->pb[(pfn - f->pfn_base) >> f->abi->pageblock_order] = (uint8_t)mt;
}

void fake_zone(struct fake_mm *f, unsigned z, uint32_t start, uint32_t n)
{
	struct mm_abi_zone *nz = &f->abi->zones[z], *normal = &f->abi->zones[ZONE_NORMAL];

	for (uint32_t i = 0; i < n; i++) {
		struct page *p = fake_page(f, start + i);

		p->flags = (p->flags & ~(PAGE_ZONE_MASK << PAGE_ZONE_SHIFT)) | ZONE(z);
	}
	nz->zone_start_pfn = start;
	nz->spanned_pages = nz->present_pages = nz->managed_pages = n;
	/* carve it from the end of Normal */
	if (z != ZONE_NORMAL && start + n == normal->zone_start_pfn + normal->spanned_pages) {
		normal->spanned_pages -= n;
		normal->present_pages -= n;
		normal->managed_pages -= n;
	}
}

void fake_decode(struct fake_mm *f, struct pagestate *ps)
{
	pagestate_decode(ps, &f->mem, f->abi_pa, 0, 0);
}

/* ---- a fragmented machine ---- */

static uint32_t rnd(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

/* Fill [pfn, pfn + 2^order) from pageblock type `mt`; returns true when the
 * whole range ended up as one free block (so the caller may merge it). */
static bool fill(struct fake_mm *f, uint32_t pfn, unsigned order, unsigned mt, unsigned busy,
		 uint32_t *seed)
{
	uint32_t r = rnd(seed) % 100;

	if (order == 0 || (order <= 4 && r < 30)) {
		if (rnd(seed) % 100 < busy) {
			unsigned amt = mt;

			if (mt != MIGRATE_CMA && rnd(seed) % 100 < 8)
				amt = rnd(seed) % 3; /* a fallback allocation of another type */
			fake_alloc(f, pfn, 1u << order, mt == MIGRATE_CMA ? MIGRATE_MOVABLE : amt);
			if (amt == MIGRATE_UNMOVABLE && mt != MIGRATE_CMA) {
				uint32_t k = rnd(seed) % 100;

				if (k < 30) {
					fake_flags(f, pfn, 1u << order, 1u << PG_slab);
					for (uint32_t i = 0; i < (1u << order); i++)
						fake_page(f, pfn + i)->mapping = rnd(seed) % 6;
				} else if (k < 38) {
					fake_flags(f, pfn, 1u << order, 1u << PG_table);
				} else if (k < 46) {
					fake_flags(f, pfn, 1u << order, 1u << PG_vmalloc);
				}
			} else if (amt == MIGRATE_MOVABLE && rnd(seed) % 100 < 40) {
				fake_flags(f, pfn, 1u << order, 1u << PG_lru);
			}
			return false;
		}
		fake_free(f, pfn, order, mt);
		return true;
	}
	bool lo = fill(f, pfn, order - 1, mt, busy, seed);
	bool hi = fill(f, pfn + (1u << (order - 1)), order - 1, mt, busy, seed);

	if (lo && hi) {
		/* buddies merge, as __free_one_page does */
		uint32_t z = mm_abi_page_zone(fake_page(f, pfn));

		f->abi->zones[z].nr_free[order - 1] -= 2;
		fake_free(f, pfn, order, mt);
		return true;
	}
	return false;
}

void fake_fragment(struct fake_mm *f, uint32_t seed)
{
	uint32_t n = f->nr_pages, p0 = f->pfn_base, pb = 1024;
	uint32_t movable = n - n / 4, cma = movable + n / 16, cma_n = n / 16;
	uint32_t meta = (f->abi_pa - f->base) >> 12;

	fake_zone(f, ZONE_MOVABLE, p0 + movable, n - movable);
	f->abi->nr_cma = 1;
	f->abi->cma[0] = (struct mm_abi_cma){ "reserved", p0 + cma, cma_n, 0, 0 };
	f->abi->nr_caches = 6;
	static const char *const caches[6] = {
		"kmem_cache", "kmalloc-64", "kmalloc-256", "task_struct", "dentry", "inode_cache",
	};
	for (unsigned i = 0; i < 6; i++)
		strcpy(f->abi->caches[i].name, caches[i]);
	f->abi->kernel_start_pfn = p0 + 8;
	f->abi->kernel_end_pfn = p0 + 8 + n / 200;

	for (uint32_t b = 0; b < n; b += pb) {
		unsigned mt, busy;
		uint32_t r = rnd(&seed) % 100;

		if (b >= cma && b < cma + cma_n) {
			mt = MIGRATE_CMA;
			busy = b < cma + cma_n / 2 ? 45 : 5;
		} else if (b >= movable) {
			mt = MIGRATE_MOVABLE;
			busy = 20 + rnd(&seed) % 50;
		} else {
			mt = r < 55 ? MIGRATE_MOVABLE
			   : r < 80 ? MIGRATE_UNMOVABLE : MIGRATE_RECLAIMABLE;
			busy = b < n / 2 ? 55 + rnd(&seed) % 40 : 15 + rnd(&seed) % 50;
		}
		fake_pageblock(f, p0 + b, mt);
		if (b == 0 || b + pb > meta)
			continue; /* the kernel's and mem_map's blocks stay reserved/allocated */
		fill(f, p0 + b, 10, mt, busy, &seed);
	}
	/* the kernel image: reserved at the bottom */
	fake_flags(f, p0, 8, 1u << PG_reserved);
	fake_flags(f, p0 + 8, n / 200, (1u << PG_reserved) | (1u << PG_kernel));
	/* a few pages on the per-cpu lists: free, not in buddyinfo */
	for (uint32_t i = 0; i < 24; i++) {
		uint32_t pfn = p0 + n / 8 + i * 37;
		struct page *p = fake_page(f, pfn);

		if (p->flags & ((1u << PG_buddy) | (1u << PG_slab) | (1u << PG_table)))
			continue;
		if ((p->flags & PAGE_FLAGS_MASK) != 0 || p->_refcount == 0)
			continue;
		p->flags = (p->flags & ~PAGE_FLAGS_MASK) | (1u << PG_pcp);
		p->index = MIGRATE_MOVABLE;
	}
}
