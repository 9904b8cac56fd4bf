/* SPDX-License-Identifier: MIT */
/*
 * pagestate.c - decode mem_map and pageblock flags into one record per frame.
 *
 * DOC: One pass over mem_map.  A PG_buddy head marks its whole block free
 * (the pages inside a free block carry no flags in Linux, so only the head
 * says where the block is and how big it is) and the loop jumps over it; a
 * compound tail takes its head's state; everything else is classified from
 * its own flags.  The rules are the table in page_abi.h.  Guest memory is
 * read through bounds-checked offsets only; a struct page that contradicts
 * itself becomes PS_INCONSISTENT and the decode goes on with the next frame.
 */
#include "mm/pagestate.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the decoder reads the little-endian guest's structures in place"
#endif

#define PAGE_SHIFT_ MM_ABI_PAGE_SHIFT

/* Flags that give a page a state; two of them together is a contradiction
 * except for the pairs allowed in classify(). */
#define STATE_FLAGS ((1u << PG_buddy) | (1u << PG_pcp) | (1u << PG_slab) | \
		     (1u << PG_table) | (1u << PG_reserved) | (1u << PG_vmalloc) | \
		     (1u << PG_kernel) | (1u << PG_tail))
/* Flags no page inside a free block may carry. */
#define IN_FREE_FORBIDDEN (STATE_FLAGS | (1u << PG_head) | (1u << PG_lru))

int pagestate_init(struct pagestate *ps, uint32_t pfn0, uint32_t nframes)
{
	memset(ps, 0, sizeof(*ps));
	ps->pfn0 = pfn0;
	ps->nframes = nframes;
	ps->frame = xcalloc(nframes, sizeof(*ps->frame), "the page-frame states");
	for (unsigned i = 0; i < PS_MAX_OVERLAYS; i++)
		ps->overlay[i] = xcalloc((nframes + 63) / 64 + 1, sizeof(uint64_t),
					 "a page-frame overlay");
	return 0;
}

void pagestate_destroy(struct pagestate *ps)
{
	free(ps->frame);
	for (unsigned i = 0; i < PS_MAX_OVERLAYS; i++)
		free(ps->overlay[i]);
	memset(ps, 0, sizeof(*ps));
}

/* [pa, pa + len) lies inside RAM (64-bit arithmetic: no wrap-around). */
static bool in_ram(const struct ps_mem *mem, uint64_t pa, uint64_t len)
{
	return pa >= mem->base && pa + len <= (uint64_t)mem->base + mem->size;
}

/* Host pointer for a physical address (only for addresses already checked). */
static const uint8_t *ram_ptr(const struct ps_mem *mem, uint32_t pa)
{
	return pa >= mem->base && pa - mem->base < mem->size ? mem->ram + (pa - mem->base) : NULL;
}

static void sanitize(char *s, size_t len)
{
	s[len - 1] = '\0';
	for (size_t i = 0; i < len && s[i]; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			s[i] = '?';
}

#define FAIL(...) do { snprintf(why, why_len, __VA_ARGS__); return false; } while (0)

/* Check a descriptor copied into host memory; names are made printable. */
static bool check_abi(const struct ps_mem *mem, struct mm_abi *abi, char *why, unsigned why_len)
{
	if (abi->magic != MM_ABI_MAGIC)
		FAIL("no descriptor yet (magic 0x%08x)", abi->magic);
	if (abi->version != MM_ABI_VERSION)
		FAIL("descriptor version %u, this host decodes version %u", abi->version,
		     MM_ABI_VERSION);
	if (abi->size != sizeof(*abi))
		FAIL("descriptor size %u, expected %zu", abi->size, sizeof(*abi));
	if (abi->phase > MM_PHASE_SLAB)
		FAIL("bad phase %u", abi->phase);
	if (abi->nr_memory > MM_ABI_MAX_REGIONS || abi->nr_reserved > MM_ABI_MAX_REGIONS)
		FAIL("bad memblock region count %u/%u", abi->nr_memory, abi->nr_reserved);
	if (abi->nr_cma > MM_ABI_MAX_CMA)
		FAIL("bad CMA area count %u", abi->nr_cma);
	if (abi->nr_caches > MM_ABI_MAX_CACHES)
		FAIL("bad slab cache count %u", abi->nr_caches);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++)
		sanitize(abi->zones[z].name, sizeof(abi->zones[z].name));
	for (unsigned i = 0; i < MM_ABI_MAX_CMA; i++)
		sanitize(abi->cma[i].name, sizeof(abi->cma[i].name));
	for (unsigned i = 0; i < MM_ABI_MAX_CACHES; i++)
		sanitize(abi->caches[i].name, sizeof(abi->caches[i].name));
	if (abi->phase < MM_PHASE_BUDDY)
		return true;

	if (abi->page_size != 1u << MM_ABI_PAGE_SHIFT)
		FAIL("page size %u", abi->page_size);
	if (abi->page_struct_size != sizeof(struct page))
		FAIL("struct page size %u", abi->page_struct_size);
	if (abi->max_order == 0 || abi->max_order > MM_ABI_MAX_ORDER)
		FAIL("max_order %u", abi->max_order);
	if (abi->pageblock_order >= abi->max_order)
		FAIL("pageblock_order %u", abi->pageblock_order);
	if (abi->nr_zones != MAX_NR_ZONES)
		FAIL("nr_zones %u", abi->nr_zones);
	/* Zone spans drive host walks (pageblock counts): they must lie in RAM. */
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_abi_zone *az = &abi->zones[z];

		if (az->spanned_pages &&
		    !in_ram(mem, (uint64_t)az->zone_start_pfn << MM_ABI_PAGE_SHIFT,
			    (uint64_t)az->spanned_pages << MM_ABI_PAGE_SHIFT))
			FAIL("zone %u [pfn 0x%x, +%u) is not in RAM", z, az->zone_start_pfn,
			     az->spanned_pages);
	}
	if (!in_ram(mem, abi->mem_map_pa, (uint64_t)abi->nr_pages * sizeof(struct page)))
		FAIL("mem_map [0x%08x, +%u pages) is not in RAM", abi->mem_map_pa, abi->nr_pages);
	if (abi->mem_map_pa % 4)
		FAIL("mem_map at 0x%08x is misaligned", abi->mem_map_pa);
	uint64_t nr_pb = ((uint64_t)abi->nr_pages + (1u << abi->pageblock_order) - 1) >>
			 abi->pageblock_order;
	if (!in_ram(mem, abi->pageblock_flags_pa, nr_pb))
		FAIL("pageblock flags at 0x%08x are not in RAM", abi->pageblock_flags_pa);
	return true;
}

bool pagestate_read_abi(const struct ps_mem *mem, uint32_t abi_pa, struct mm_abi *abi,
			char *why, unsigned why_len)
{
	if (!in_ram(mem, abi_pa, sizeof(*abi)))
		FAIL("descriptor at 0x%08x is not in RAM", abi_pa);
	memcpy(abi, mem->ram + (abi_pa - mem->base), sizeof(*abi));
	return check_abi(mem, abi, why, why_len);
}

uint32_t pagestate_symbol_to_pa(uint32_t sym, uint32_t page_offset, uint32_t phys_offset)
{
	if (page_offset && sym >= page_offset)
		return sym - page_offset + phys_offset;
	return sym;
}

static const char *const state_names[PS_NR_STATES] = {
	[PS_UNKNOWN] = "unknown",
	[PS_HOLE] = "hole",
	[PS_MB_MEMORY] = "memblock memory",
	[PS_MB_RESERVED] = "memblock reserved",
	[PS_FREE] = "free",
	[PS_FREE_PCP] = "free (per-cpu)",
	[PS_CMA_FREE] = "CMA free",
	[PS_ALLOC_UNMOVABLE] = "unmovable",
	[PS_ALLOC_MOVABLE] = "movable",
	[PS_ALLOC_RECLAIMABLE] = "reclaimable",
	[PS_CMA_ALLOC] = "CMA allocated",
	[PS_SLAB] = "slab",
	[PS_PAGETABLE] = "page table",
	[PS_VMALLOC] = "vmalloc",
	[PS_HIGHMEM] = "highmem",
	[PS_RESERVED] = "reserved",
	[PS_KERNEL] = "kernel",
	[PS_INCONSISTENT] = "inconsistent",
};

static const char *const bad_names[PS_BAD_NR] = {
	[PS_BAD_NONE] = "",
	[PS_BAD_ORDER] = "buddy order out of range",
	[PS_BAD_ALIGN] = "free block misaligned",
	[PS_BAD_RANGE] = "free block past mem_map",
	[PS_BAD_FREE_TYPE] = "bad free-list type",
	[PS_BAD_IN_FREE] = "flags inside a free block",
	[PS_BAD_FLAGS] = "contradictory flags",
	[PS_BAD_TAIL] = "tail without head",
	[PS_BAD_CACHE] = "unknown slab cache",
	[PS_BAD_ALLOC_MT] = "bad allocation type",
	[PS_BAD_ZONE] = "empty zone",
};

static const char *const mt_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

const char *pagestate_state_name(enum ps_state s)
{
	return (unsigned)s < PS_NR_STATES ? state_names[s] : "?";
}

const char *pagestate_bad_name(enum ps_bad b)
{
	return (unsigned)b < PS_BAD_NR ? bad_names[b] : "?";
}

const char *pagestate_mt_name(unsigned mt)
{
	return mt < MIGRATE_TYPES ? mt_names[mt] : "-";
}

const char *pagestate_abi_zone_name(const struct mm_abi *abi, bool abi_ok, unsigned zone)
{
	static const char *const fallback[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem", "Movable" };

	if (zone >= MAX_NR_ZONES)
		return "-";
	if (abi_ok && abi->zones[zone].name[0])
		return abi->zones[zone].name;
	return fallback[zone];
}

const char *pagestate_zone_name(const struct pagestate *ps, unsigned zone)
{
	return pagestate_abi_zone_name(&ps->abi, ps->abi_ok, zone);
}

const char *pagestate_owner_name(const struct pagestate *ps, const struct ps_frame *f)
{
	if (f->state != PS_SLAB || !ps->abi_ok || f->owner >= ps->abi.nr_caches)
		return NULL;
	return ps->abi.caches[f->owner].name;
}

static void reset_frames(struct pagestate *ps)
{
	const struct ps_frame blank = {
		.state = PS_UNKNOWN, .order = PS_NO_ORDER, .mt = PS_NO_MT,
		.zone = MAX_NR_ZONES, .pbmt = PS_NO_MT, .owner = PS_NO_OWNER,
	};

	for (uint32_t i = 0; i < ps->nframes; i++)
		ps->frame[i] = blank;
}

/* Set frames of [lo_pa, hi_pa) to `state`; partial pages count as covered. */
static void mark_range(struct pagestate *ps, uint64_t lo_pa, uint64_t hi_pa, enum ps_state state)
{
	uint64_t lo = lo_pa >> PAGE_SHIFT_, hi = (hi_pa + (1u << PAGE_SHIFT_) - 1) >> PAGE_SHIFT_;

	if (lo < ps->pfn0)
		lo = ps->pfn0;
	if (hi > (uint64_t)ps->pfn0 + ps->nframes)
		hi = (uint64_t)ps->pfn0 + ps->nframes;
	for (uint64_t pfn = lo; pfn < hi; pfn++)
		ps->frame[pfn - ps->pfn0].state = state;
}

static void mark_kernel_pfns(struct pagestate *ps, uint32_t lo_pfn, uint32_t hi_pfn)
{
	/* The range comes from the guest: walk only its part inside the snapshot. */
	uint64_t lo = lo_pfn > ps->pfn0 ? lo_pfn : ps->pfn0;
	uint64_t hi = hi_pfn < (uint64_t)ps->pfn0 + ps->nframes ? hi_pfn
								  : (uint64_t)ps->pfn0 + ps->nframes;

	for (uint64_t pfn = lo; pfn < hi; pfn++) {
		struct ps_frame *f = &ps->frame[pfn - ps->pfn0];

		if (f->state == PS_UNKNOWN || f->state == PS_RESERVED ||
		    f->state == PS_MB_RESERVED || f->state == PS_MB_MEMORY)
			f->state = PS_KERNEL;
	}
}

static void decode_memblock(struct pagestate *ps, const struct mm_abi *abi)
{
	if (abi->phase < MM_PHASE_MEMBLOCK)
		return;
	/* Inside the RAM window, what memblock does not list is a hole. */
	for (uint32_t i = 0; i < ps->nframes; i++)
		ps->frame[i].state = abi->nr_memory ? PS_HOLE : PS_UNKNOWN;
	for (unsigned i = 0; i < abi->nr_memory; i++)
		mark_range(ps, abi->memory[i].base,
			   (uint64_t)abi->memory[i].base + abi->memory[i].size, PS_MB_MEMORY);
	for (unsigned i = 0; i < abi->nr_reserved; i++)
		mark_range(ps, abi->reserved[i].base,
			   (uint64_t)abi->reserved[i].base + abi->reserved[i].size,
			   PS_MB_RESERVED);
}

static inline void read_page(const uint8_t *mm, uint32_t idx, struct page *p)
{
	memcpy(p, mm + (size_t)idx * sizeof(*p), sizeof(*p));
}

static void set_bad(struct ps_frame *f, enum ps_bad why)
{
	f->state = PS_INCONSISTENT;
	f->owner = why;
}

/* Classify an allocated (not free, not a tail) page from its own flags. */
static void classify(struct ps_frame *f, const struct page *p, const struct mm_abi *abi)
{
	uint32_t fl = p->flags & STATE_FLAGS;
	uint32_t amt = mm_abi_page_alloc_mt(p);

	f->mt = amt;
	/* Allowed pairs: the kernel image and boot page tables are also reserved. */
	if ((fl & (1u << PG_reserved)) && (fl & ((1u << PG_kernel) | (1u << PG_table))))
		fl &= ~(1u << PG_reserved);
	if (fl & (fl - 1)) {
		set_bad(f, PS_BAD_FLAGS);
		return;
	}
	switch (fl) {
	case 1u << PG_pcp:
		f->state = PS_FREE_PCP;
		f->mt = p->index;
		if (p->index >= MIGRATE_PCPTYPES)
			set_bad(f, PS_BAD_FREE_TYPE);
		return;
	case 1u << PG_slab:
		f->state = PS_SLAB;
		if (p->mapping >= abi->nr_caches)
			set_bad(f, PS_BAD_CACHE);
		else
			f->owner = p->mapping;
		return;
	case 1u << PG_table:
		f->state = PS_PAGETABLE;
		return;
	case 1u << PG_kernel:
		f->state = PS_KERNEL;
		return;
	case 1u << PG_reserved:
		f->state = PS_RESERVED;
		return;
	case 1u << PG_vmalloc:
		f->state = PS_VMALLOC;
		return;
	}
	/* An ordinary allocated page. */
	if (f->pbmt == MIGRATE_CMA) {
		f->state = PS_CMA_ALLOC;
	} else if (amt >= MIGRATE_PCPTYPES) {
		set_bad(f, PS_BAD_ALLOC_MT);
	} else if (p->flags & (1u << PG_highmem)) {
		f->state = PS_HIGHMEM;
	} else {
		static const uint8_t by_mt[MIGRATE_PCPTYPES] = {
			PS_ALLOC_UNMOVABLE, PS_ALLOC_MOVABLE, PS_ALLOC_RECLAIMABLE,
		};
		f->state = by_mt[amt];
	}
}

static uint8_t page_attr(const struct page *p)
{
	uint8_t a = 0;

	if (p->flags & (1u << PG_pinned))
		a |= PSA_PINNED;
	if (p->flags & (1u << PG_highmem))
		a |= PSA_HIGHMEM;
	if (p->flags & ((1u << PG_head) | (1u << PG_tail)))
		a |= PSA_COMPOUND;
	if (p->flags & (1u << PG_lru))
		a |= PSA_LRU;
	if (p->flags & (1u << PG_isolated))
		a |= PSA_ISOLATED;
	return a;
}

/* The decoder's verdict on a PG_buddy head, without touching the frames. */
static bool buddy_head_ok(const struct page *p, uint64_t pfn, uint32_t idx, uint32_t n,
			  uint64_t end, uint32_t max_order)
{
	uint32_t order = p->private;

	return !(p->flags & (IN_FREE_FORBIDDEN & ~(1u << PG_buddy))) && order < max_order &&
	       !(pfn & ((1u << order) - 1)) && (uint64_t)idx + (1u << order) <= n &&
	       pfn + (1u << order) <= end && p->index < MIGRATE_TYPES;
}

/* mm: nr_pages struct pages; pbf: the pageblock flags (both checked in size). */
static void decode_mem_map(struct pagestate *ps, const uint8_t *mm, const uint8_t *pbf,
			   const struct mm_abi *abi)
{
	uint32_t n = abi->nr_pages, pbo = abi->pageblock_order, max_order = abi->max_order;
	uint64_t end = (uint64_t)ps->pfn0 + ps->nframes;

	for (uint32_t idx = 0; idx < n;) {
		uint64_t pfn = (uint64_t)abi->pfn_base + idx;
		struct page p;

		if (pfn < ps->pfn0) {
			idx++;
			continue;
		}
		if (pfn >= end)
			break;
		read_page(mm, idx, &p);
		struct ps_frame *f = &ps->frame[pfn - ps->pfn0];
		uint8_t pb = pbf[idx >> pbo] & PB_MIGRATETYPE_MASK;

		f->pbmt = pb < MIGRATE_TYPES ? pb : PS_NO_MT;
		if (p.flags & (1u << PAGE_HOLE_SHIFT)) {
			f->state = PS_HOLE;
			idx++;
			continue;
		}
		if (!(p.flags & (1u << PAGE_VALID_SHIFT))) {
			f->state = PS_UNKNOWN;
			idx++;
			continue;
		}
		f->zone = mm_abi_page_zone(&p);
		f->attr = page_attr(&p);
		if (!abi->zones[f->zone].spanned_pages) {
			set_bad(f, PS_BAD_ZONE);
			idx++;
			continue;
		}

		if (p.flags & (1u << PG_buddy)) {
			uint32_t order = p.private;

			if (!buddy_head_ok(&p, pfn, idx, n, end, max_order)) {
				/* name the fault */
				if (p.flags & (IN_FREE_FORBIDDEN & ~(1u << PG_buddy)))
					set_bad(f, PS_BAD_FLAGS);
				else if (order >= max_order)
					set_bad(f, PS_BAD_ORDER);
				else if (pfn & ((1u << order) - 1))
					set_bad(f, PS_BAD_ALIGN);
				else if (p.index >= MIGRATE_TYPES)
					set_bad(f, PS_BAD_FREE_TYPE);
				else
					set_bad(f, PS_BAD_RANGE);
				idx++;
				continue;
			}

			uint32_t nr = 1u << order;

			for (uint32_t j = 0; j < nr; j++) {
				struct ps_frame *g = f + j;
				struct page q;

				if (j) {
					read_page(mm, idx + j, &q);
					uint8_t qb = pbf[(idx + j) >> pbo] & PB_MIGRATETYPE_MASK;

					g->pbmt = qb < MIGRATE_TYPES ? qb : PS_NO_MT;
					g->attr = 0;
					g->zone = f->zone;
					if ((q.flags & IN_FREE_FORBIDDEN) ||
					    (q.flags & (1u << PAGE_HOLE_SHIFT)) ||
					    !(q.flags & (1u << PAGE_VALID_SHIFT))) {
						set_bad(g, PS_BAD_IN_FREE);
						continue;
					}
				}
				g->state = g->pbmt == MIGRATE_CMA ? PS_CMA_FREE : PS_FREE;
				g->order = order;
				g->mt = p.index;
			}
			f->attr |= PSA_HEAD;
			idx += nr;
			continue;
		}

		if (p.flags & (1u << PG_tail)) {
			uint32_t head = p.private;

			/* The head comes first in mem_map and was decoded already. */
			if (p.flags & (STATE_FLAGS & ~((1u << PG_tail) | (1u << PG_slab)))) {
				set_bad(f, PS_BAD_FLAGS);
			} else if (head >= idx || abi->pfn_base + head < ps->pfn0) {
				set_bad(f, PS_BAD_TAIL);
			} else {
				struct page h;

				read_page(mm, head, &h);
				const struct ps_frame *hf =
					&ps->frame[abi->pfn_base + head - ps->pfn0];

				if (!(h.flags & (1u << PG_head)) || hf->state == PS_INCONSISTENT) {
					set_bad(f, PS_BAD_TAIL);
				} else {
					f->state = hf->state;
					f->mt = hf->mt;
					f->owner = hf->owner;
				}
			}
			idx++;
			continue;
		}

		classify(f, &p, abi);
		idx++;
	}
}

bool pagestate_tally(const struct ps_mem *mem, uint32_t abi_pa, uint32_t pfn0, uint32_t nframes,
		     struct mm_abi *abi, struct ps_tally *t, char *why, unsigned why_len)
{
	memset(t, 0, sizeof(*t));
	if (!abi_pa) {
		snprintf(why, why_len, "no %s symbol", MM_ABI_SYMBOL);
		return false;
	}
	if (!pagestate_read_abi(mem, abi_pa, abi, why, why_len))
		return false;
	if (abi->phase < MM_PHASE_BUDDY)
		return true;

	const uint8_t *mm = ram_ptr(mem, abi->mem_map_pa);
	uint32_t n = abi->nr_pages, max_order = abi->max_order;
	uint64_t end = (uint64_t)pfn0 + nframes;

	for (uint32_t idx = abi->pfn_base < pfn0 ? pfn0 - abi->pfn_base : 0; idx < n;) {
		uint64_t pfn = (uint64_t)abi->pfn_base + idx;
		struct page p;

		if (pfn >= end)
			break;
		memcpy(&p.flags, mm + (size_t)idx * sizeof(p), sizeof(p.flags));
		if ((p.flags & (1u << PAGE_HOLE_SHIFT)) || !(p.flags & (1u << PAGE_VALID_SHIFT)) ||
		    !abi->zones[mm_abi_page_zone(&p)].spanned_pages) {
			idx++;
			continue;
		}
		unsigned z = mm_abi_page_zone(&p);

		if (p.flags & (1u << PG_buddy)) {
			read_page(mm, idx, &p);
			if (buddy_head_ok(&p, pfn, idx, n, end, max_order)) {
				t->nr_free[z][p.private]++;
				t->nr_free_mt[z][p.index][p.private]++;
				idx += 1u << p.private;
				continue;
			}
		} else if ((p.flags & STATE_FLAGS) == (1u << PG_pcp)) {
			read_page(mm, idx, &p);
			if (p.index < MIGRATE_PCPTYPES)
				t->pcp[z]++;
		}
		idx++;
	}
	return true;
}

void pagestate_tally_frames(const struct pagestate *ps, struct ps_tally *t)
{
	memset(t, 0, sizeof(*t));
	for (uint32_t i = 0; i < ps->nframes; i++) {
		const struct ps_frame *f = &ps->frame[i];

		if (f->zone >= MAX_NR_ZONES)
			continue;
		if (pagestate_is_free(f->state) && (f->attr & PSA_HEAD)) {
			/* the decoder checked order < max_order and mt < MIGRATE_TYPES */
			t->nr_free[f->zone][f->order]++;
			t->nr_free_mt[f->zone][f->mt][f->order]++;
		} else if (f->state == PS_FREE_PCP) {
			t->pcp[f->zone]++;
		}
	}
}

static void count_states(struct pagestate *ps)
{
	/* Four sets of counters: runs of one state would otherwise chain every
	 * increment on the one before it. */
	uint32_t cnt[4][PS_NR_STATES] = { { 0 } };
	uint32_t i, n = ps->nframes;

	for (i = 0; i + 4 <= n; i += 4)
		for (unsigned k = 0; k < 4; k++)
			cnt[k][ps->frame[i + k].state]++;
	for (; i < n; i++)
		cnt[0][ps->frame[i].state]++;
	for (unsigned s = 0; s < PS_NR_STATES; s++)
		ps->count[s] = cnt[0][s] + cnt[1][s] + cnt[2][s] + cnt[3][s];
	ps->first_bad_pfn = 0;
	if (ps->count[PS_INCONSISTENT])
		for (i = 0; i < n; i++)
			if (ps->frame[i].state == PS_INCONSISTENT) {
				ps->first_bad_pfn = ps->pfn0 + i;
				break;
			}
}

static void decode(struct pagestate *ps, const uint8_t *mm, const uint8_t *pbf,
		   uint32_t kernel_lo, uint32_t kernel_hi)
{
	const struct mm_abi *abi = &ps->abi;

	reset_frames(ps);
	ps->decodes++;
	if (ps->abi_ok) {
		if (abi->phase < MM_PHASE_BUDDY)
			decode_memblock(ps, abi);
		else
			decode_mem_map(ps, mm, pbf, abi);
	}
	if (ps->abi_ok && abi->kernel_end_pfn > abi->kernel_start_pfn)
		mark_kernel_pfns(ps, abi->kernel_start_pfn, abi->kernel_end_pfn);
	else if (kernel_hi > kernel_lo)
		mark_kernel_pfns(ps, kernel_lo >> PAGE_SHIFT_,
				 (uint32_t)(((uint64_t)kernel_hi + 4095) >> PAGE_SHIFT_));
	count_states(ps);
}

void pagestate_decode_abi(struct pagestate *ps, const struct ps_mem *mem,
			  const struct mm_abi *abi, uint32_t kernel_lo, uint32_t kernel_hi)
{
	ps->abi_pa = 0;
	ps->abi = *abi;
	ps->abi_ok = check_abi(mem, &ps->abi, ps->abi_error, sizeof(ps->abi_error));
	decode(ps, ram_ptr(mem, ps->abi.mem_map_pa), ram_ptr(mem, ps->abi.pageblock_flags_pa),
	       kernel_lo, kernel_hi);
}

void pagestate_decode(struct pagestate *ps, const struct ps_mem *mem, uint32_t abi_pa,
		      uint32_t kernel_lo, uint32_t kernel_hi)
{
	ps->abi_pa = abi_pa;
	if (!abi_pa) {
		ps->abi_ok = false;
		snprintf(ps->abi_error, sizeof(ps->abi_error), "no %s symbol", MM_ABI_SYMBOL);
	} else {
		ps->abi_ok = pagestate_read_abi(mem, abi_pa, &ps->abi, ps->abi_error,
						sizeof(ps->abi_error));
	}
	decode(ps, ram_ptr(mem, ps->abi.mem_map_pa), ram_ptr(mem, ps->abi.pageblock_flags_pa),
	       kernel_lo, kernel_hi);
}

int pagestate_capture(struct ps_capture *c, const struct ps_mem *mem, uint32_t abi_pa,
		      uint32_t kernel_lo, uint32_t kernel_hi)
{
	c->abi_pa = abi_pa;
	c->kernel_lo = kernel_lo;
	c->kernel_hi = kernel_hi;
	c->mem_map_len = c->pb_len = 0;
	if (!abi_pa) {
		c->abi_ok = false;
		snprintf(c->abi_error, sizeof(c->abi_error), "no %s symbol", MM_ABI_SYMBOL);
		return 0;
	}
	c->abi_ok = pagestate_read_abi(mem, abi_pa, &c->abi, c->abi_error, sizeof(c->abi_error));
	if (!c->abi_ok || c->abi.phase < MM_PHASE_BUDDY)
		return 0;

	/* sizes were checked against RAM by pagestate_read_abi() */
	size_t mm_len = (size_t)c->abi.nr_pages * sizeof(struct page);
	size_t pb_len = ((size_t)c->abi.nr_pages + (1u << c->abi.pageblock_order) - 1) >>
			c->abi.pageblock_order;

	if (mm_len > c->mem_map_cap) {
		c->mem_map = xrealloc(c->mem_map, mm_len, 1, "a copy of the guest's mem_map");
		c->mem_map_cap = mm_len;
	}
	if (pb_len > c->pb_cap) {
		c->pb = xrealloc(c->pb, pb_len, 1, "a copy of the guest's pageblock flags");
		c->pb_cap = pb_len;
	}
	memcpy(c->mem_map, ram_ptr(mem, c->abi.mem_map_pa), mm_len);
	memcpy(c->pb, ram_ptr(mem, c->abi.pageblock_flags_pa), pb_len);
	c->mem_map_len = mm_len;
	c->pb_len = pb_len;
	return 0;
}

void pagestate_decode_capture(struct pagestate *ps, const struct ps_capture *c)
{
	ps->abi_pa = c->abi_pa;
	ps->abi_ok = c->abi_ok;
	ps->abi = c->abi;
	memcpy(ps->abi_error, c->abi_error, sizeof(ps->abi_error));
	/* a capture that could not copy mem_map shows the memblock-less view */
	if (ps->abi_ok && ps->abi.phase >= MM_PHASE_BUDDY &&
	    c->mem_map_len < (size_t)ps->abi.nr_pages * sizeof(struct page)) {
		ps->abi_ok = false;
		snprintf(ps->abi_error, sizeof(ps->abi_error), "capture failed");
	}
	decode(ps, c->mem_map, c->pb, c->kernel_lo, c->kernel_hi);
}

void pagestate_capture_free(struct ps_capture *c)
{
	free(c->mem_map);
	free(c->pb);
	c->mem_map = c->pb = NULL;
	c->mem_map_cap = c->pb_cap = c->mem_map_len = c->pb_len = 0;
}
