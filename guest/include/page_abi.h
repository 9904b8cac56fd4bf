/* SPDX-License-Identifier: MIT */
/*
 * page_abi.h - the page-state ABI shared by the guest kernel and the host.
 *
 * DOC: The host draws and measures every physical frame by reading guest RAM
 * directly, the way crash(8) or drgn read a kernel: no hypercalls, no help from
 * the guest at run time.  To make that possible the guest publishes one
 * descriptor, the symbol `mm_abi` (struct mm_abi, like Linux's VMCOREINFO),
 * and keeps `struct page` and the pageblock flags in the fixed layout below.
 *
 * Everything here is fixed width and pointer free, so the same bytes mean the
 * same thing in the ARM guest, in the x86-64 native build of guest/mm used by
 * the unit tests, and in the host decoder.  Lists inside struct page link
 * mem_map indices, not pointers, for the same reason.
 *
 * Bump MM_ABI_VERSION on any change to this file.
 */
#ifndef PAGE_ABI_H
#define PAGE_ABI_H

#include <stdint.h>

#define MM_ABI_MAGIC   0x4942414du /* "MABI" little endian */
#define MM_ABI_VERSION 2u
#define MM_ABI_SYMBOL  "mm_abi"

#define MM_ABI_PAGE_SHIFT 12
#define MM_ABI_MAX_ORDER  11 /* orders 0..10, as Linux's MAX_ORDER */
#define MM_ABI_NIL        0xffffffffu /* end of a mem_map index list */

/* Zone ids are fixed; a zone the board does not need has no pages. */
enum mm_abi_zone_id {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	ZONE_MOVABLE,
	MAX_NR_ZONES
};

/* Migrate types, numbered as Linux 5.11 numbers them. */
enum mm_abi_migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES, /* the number of types on the per-cpu lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

/*
 * struct page->flags.  Bits 0..23 are page flags (Linux names; PG_buddy and
 * PG_table live in page_type in Linux, here they are plain flags).  The top
 * byte holds the zone, the node and, for allocated pages, the migrate type
 * the allocation asked for (what page_owner would record), which the
 * heatmap colours by.
 */
enum mm_abi_pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_workingset,
	PG_slab,
	PG_reserved,   /* memblock reserved or never handed to the buddy allocator */
	PG_private,
	PG_writeback,
	PG_head,       /* first page of a compound allocation */
	PG_tail,       /* other pages of a compound allocation; private = head index */
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_buddy,      /* head of a free buddy block; private = order, index = free-list type */
	PG_table,      /* holds page tables (L1 or L2) */
	PG_pcp,        /* free on a per-cpu list (not counted as free by buddyinfo) */
	PG_pinned,     /* pinned: compaction and CMA cannot migrate it */
	PG_kernel,     /* part of the kernel image */
	PG_vmalloc,    /* backs a vmalloc area */
	PG_highmem,    /* lies above the lowmem limit */
	PG_isolated,   /* isolated for migration */
	__NR_PAGEFLAGS /* must stay <= 24 */
};

#define PAGE_FLAGS_MASK      0x00ffffffu
#define PAGE_ALLOC_MT_SHIFT  24 /* 3 bits: migrate type of the allocation */
#define PAGE_ALLOC_MT_MASK   0x7u
#define PAGE_NODE_SHIFT      27 /* 1 bit: node id (two nodes at most) */
#define PAGE_NODE_MASK       0x1u
#define PAGE_ZONE_SHIFT      28 /* 2 bits: enum mm_abi_zone_id */
#define PAGE_ZONE_MASK       0x3u
#define PAGE_VALID_SHIFT     30 /* 1 bit: struct page initialised */
#define PAGE_HOLE_SHIFT      31 /* 1 bit: no RAM behind this pfn */

/*
 * struct page: 32 bytes, one per frame, in mem_map[] (index = pfn - pfn_base).
 *
 *   state            flags              private     mapping            index
 *   free (buddy)     PG_buddy           order       0                  free-list migratetype
 *   free (per-cpu)   PG_pcp             migratetype at free  0         pcp list migratetype
 *   slab             PG_slab            objects in use  cache id       first free object
 *   page table       PG_table           0           owner mm id        0
 *   page cache       PG_lru             0           file id            file offset (pages)
 *   compound tail    PG_tail            head index  (as head)          (as head)
 */
struct page {
	uint32_t flags;
	uint32_t next;      /* list links as mem_map indices; MM_ABI_NIL ends */
	uint32_t prev;
	uint32_t private;
	int32_t _refcount;
	int32_t _mapcount;  /* -1: not mapped into any page table */
	uint32_t mapping;
	uint32_t index;
};
_Static_assert(sizeof(struct page) == 32, "struct page is part of the ABI");

/*
 * Pageblock flags: one byte per pageblock of 2^pageblock_order pages, in the
 * array at mm_abi.pageblock_flags_pa (index = (pfn - pfn_base) >> order).
 */
#define PB_MIGRATETYPE_MASK 0x07u
#define PB_SKIP             0x08u /* compaction skip hint */

/* Boot phases of the memory manager (mm_abi.phase). */
enum mm_abi_phase {
	MM_PHASE_EARLY,    /* nothing set up yet */
	MM_PHASE_MEMBLOCK, /* memblock only: mem_map not valid */
	MM_PHASE_BUDDY,    /* memory handed to the buddy allocator */
	MM_PHASE_SLAB      /* slab and everything above it is up */
};

#define MM_ABI_ZONE_NAME_LEN 12
#define MM_ABI_MAX_CMA       4
#define MM_ABI_CMA_NAME_LEN  16
#define MM_ABI_MAX_REGIONS   32
#define MM_ABI_MAX_CACHES    64
#define MM_ABI_CACHE_NAME_LEN 20

struct mm_abi_zone {
	char name[MM_ABI_ZONE_NAME_LEN];
	uint32_t node;
	uint32_t zone_start_pfn;
	uint32_t spanned_pages;
	uint32_t present_pages;
	uint32_t managed_pages;
	uint32_t watermark[3];          /* min, low, high (pages) */
	uint32_t nr_free[MM_ABI_MAX_ORDER]; /* the guest's own free_area counts */
};
_Static_assert(sizeof(struct mm_abi_zone) == 12 + 4 * (5 + 3 + MM_ABI_MAX_ORDER), "zone layout");

struct mm_abi_cma {
	char name[MM_ABI_CMA_NAME_LEN];
	uint32_t base_pfn;
	uint32_t count;          /* pages */
	uint32_t order_per_bit;
	uint32_t bitmap_pa;      /* physical address of the allocation bitmap */
};
_Static_assert(sizeof(struct mm_abi_cma) == 32, "cma layout");

struct mm_abi_region {
	uint32_t base; /* physical */
	uint32_t size;
};

struct mm_abi_cache {
	char name[MM_ABI_CACHE_NAME_LEN];
	uint32_t object_size;
	uint32_t order;        /* pages per slab = 1 << order */
	uint32_t active_objs;
	uint32_t num_slabs;
};
_Static_assert(sizeof(struct mm_abi_cache) == 36, "cache layout");

/*
 * The descriptor.  The guest fills it in at boot and keeps the counters
 * current; the host finds it by symbol, checks magic, version and size, and
 * reads everything else through the physical addresses it gives.
 */
struct mm_abi {
	uint32_t magic;
	uint32_t version;
	uint32_t size;             /* sizeof(struct mm_abi) */
	uint32_t phase;            /* enum mm_abi_phase */
	uint32_t generation;       /* bumped whenever the descriptor changes */

	uint32_t page_size;
	uint32_t page_struct_size; /* sizeof(struct page) */
	uint32_t max_order;
	uint32_t pageblock_order;
	uint32_t phys_offset;      /* physical address of the start of RAM */
	uint32_t page_offset;      /* virtual address of the lowmem linear map */
	uint32_t lowmem_limit_pfn; /* first pfn not in the linear map */

	uint32_t mem_map_pa;       /* physical address of mem_map[0] */
	uint32_t pfn_base;         /* pfn of mem_map[0] */
	uint32_t nr_pages;         /* entries in mem_map */
	uint32_t pageblock_flags_pa;

	uint32_t kernel_start_pfn; /* kernel image [start, end) */
	uint32_t kernel_end_pfn;

	uint32_t nr_zones;         /* always MAX_NR_ZONES; empty zones span 0 */
	struct mm_abi_zone zones[MAX_NR_ZONES];

	uint32_t nr_cma;
	struct mm_abi_cma cma[MM_ABI_MAX_CMA];

	/* memblock view, valid from MM_PHASE_MEMBLOCK on */
	uint32_t nr_memory;
	struct mm_abi_region memory[MM_ABI_MAX_REGIONS];
	uint32_t nr_reserved;
	struct mm_abi_region reserved[MM_ABI_MAX_REGIONS];

	/* slab caches, for owners in the heatmap (page->mapping of a slab page) */
	uint32_t nr_caches;
	struct mm_abi_cache caches[MM_ABI_MAX_CACHES];
};

static inline uint32_t mm_abi_page_zone(const struct page *p)
{
	return (p->flags >> PAGE_ZONE_SHIFT) & PAGE_ZONE_MASK;
}

static inline uint32_t mm_abi_page_alloc_mt(const struct page *p)
{
	return (p->flags >> PAGE_ALLOC_MT_SHIFT) & PAGE_ALLOC_MT_MASK;
}

static inline int mm_abi_page_test(const struct page *p, enum mm_abi_pageflags bit)
{
	return (p->flags >> bit) & 1u;
}

#endif /* PAGE_ABI_H */
