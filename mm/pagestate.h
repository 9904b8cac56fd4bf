/* SPDX-License-Identifier: MIT */
/*
 * pagestate.h - decode the state of every guest page frame from guest RAM.
 *
 * DOC: The guest publishes `mm_abi` (guest/include/page_abi.h) and keeps its
 * mem_map and pageblock flags in a fixed layout.  The host reads them straight
 * out of guest RAM, without the guest's help, and turns them into one small
 * record per frame: a snapshot that metrics, the renderer and the window use.
 * Nothing here trusts the guest: every index, order and flag combination is
 * checked, and a frame whose struct page makes no sense is reported as
 * PS_INCONSISTENT with a reason rather than followed.
 *
 * The snapshot covers the machine's RAM, one frame per 4 KiB from its base;
 * frames the mem_map does not describe are PS_UNKNOWN.  Before the guest
 * reaches MM_PHASE_BUDDY the mem_map is not valid, and the snapshot shows the
 * memblock view (mm_abi.memory / mm_abi.reserved) instead.
 */
#ifndef MM_PAGESTATE_H
#define MM_PAGESTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "page_abi.h"

/* What one frame is.  The order of this list is the legend's order. */
enum ps_state {
	PS_UNKNOWN,        /* no descriptor yet, or not described by mem_map */
	PS_HOLE,           /* no RAM behind the pfn */
	PS_MB_MEMORY,      /* memblock phase: memory not reserved */
	PS_MB_RESERVED,    /* memblock phase: reserved */
	PS_FREE,           /* in a buddy free block; order = block order */
	PS_FREE_PCP,       /* free on a per-cpu list */
	PS_CMA_FREE,       /* free, in a MIGRATE_CMA pageblock */
	PS_ALLOC_UNMOVABLE,
	PS_ALLOC_MOVABLE,
	PS_ALLOC_RECLAIMABLE,
	PS_CMA_ALLOC,      /* allocated, in a MIGRATE_CMA pageblock */
	PS_SLAB,           /* owner = cache id */
	PS_PAGETABLE,
	PS_VMALLOC,
	PS_HIGHMEM,        /* allocated page above the lowmem limit */
	PS_RESERVED,       /* memblock reserved, never given to the buddy allocator */
	PS_KERNEL,         /* kernel image */
	PS_INCONSISTENT,   /* struct page makes no sense; owner = enum ps_bad */
	PS_NR_STATES
};

/* Why a frame is PS_INCONSISTENT. */
enum ps_bad {
	PS_BAD_NONE,
	PS_BAD_ORDER,        /* PG_buddy with an order >= max_order */
	PS_BAD_ALIGN,        /* free block head not aligned to its order */
	PS_BAD_RANGE,        /* free block runs past the end of mem_map */
	PS_BAD_FREE_TYPE,    /* free-list migratetype out of range */
	PS_BAD_IN_FREE,      /* page inside a free block carries state flags */
	PS_BAD_FLAGS,        /* contradictory state flags (e.g. buddy + slab) */
	PS_BAD_TAIL,         /* compound tail whose head index is wrong */
	PS_BAD_CACHE,        /* slab page naming a cache that does not exist */
	PS_BAD_ALLOC_MT,     /* allocation migratetype out of range */
	PS_BAD_ZONE,         /* zone id of an empty zone */
	PS_BAD_NR
};

/* Attribute bits (ps_frame.attr). */
#define PSA_HEAD     0x01u /* first frame of a free buddy block */
#define PSA_PINNED   0x02u
#define PSA_HIGHMEM  0x04u
#define PSA_COMPOUND 0x08u /* part of a compound allocation */
#define PSA_LRU      0x10u /* page cache, on an LRU list */
#define PSA_ISOLATED 0x20u

#define PS_NO_ORDER  0xffu
#define PS_NO_OWNER  0xffffu
#define PS_NO_MT     0xffu

/* One frame: 8 bytes, so 65,536 frames take 512 KiB. */
struct ps_frame {
	uint8_t state;   /* enum ps_state */
	uint8_t order;   /* free block order, PS_NO_ORDER otherwise */
	uint8_t mt;      /* free: free-list type; allocated: allocation type */
	uint8_t zone;    /* enum mm_abi_zone_id, or MAX_NR_ZONES when unknown */
	uint8_t attr;    /* PSA_* */
	uint8_t pbmt;    /* migratetype of the pageblock, PS_NO_MT when unknown */
	uint16_t owner;  /* slab: cache id; inconsistent: enum ps_bad */
};
_Static_assert(sizeof(struct ps_frame) == 8, "keep frames small");

/* Guest RAM as the host sees it: a host buffer standing for [base, base + size). */
struct ps_mem {
	const uint8_t *ram;
	uint32_t base, size;
};

/* Up to this many overlays (DMA in flight, dirty D-cache lines...). */
#define PS_MAX_OVERLAYS 4

struct pagestate {
	/* geometry: frame i is pfn pfn0 + i */
	uint32_t pfn0, nframes;
	struct ps_frame *frame;

	/* the descriptor as read, valid when abi_ok */
	bool abi_ok;
	char abi_error[96];        /* why not, for one info line */
	uint32_t abi_pa;
	struct mm_abi abi;

	/* a bit per frame for each registered overlay, filled by its model */
	uint64_t *overlay[PS_MAX_OVERLAYS];
	unsigned nr_overlays;

	/* when the snapshot was taken (filled by the caller) */
	uint64_t cycle, ns;

	/* totals of this snapshot */
	uint32_t count[PS_NR_STATES];
	uint32_t first_bad_pfn;    /* first inconsistent frame, for messages */
	uint64_t decodes;          /* snapshots taken so far */
};

/* Allocate a snapshot for `nframes` frames from `pfn0`.  Returns -1 on ENOMEM. */
int pagestate_init(struct pagestate *ps, uint32_t pfn0, uint32_t nframes);
void pagestate_destroy(struct pagestate *ps);

/*
 * Read the descriptor at physical address `abi_pa` into *abi and check it.
 * Returns true when magic, version and size match and every array it points
 * to lies in RAM; otherwise false with a reason in `why`.
 */
bool pagestate_read_abi(const struct ps_mem *mem, uint32_t abi_pa, struct mm_abi *abi,
			char *why, unsigned why_len);

/*
 * Convert a symbol value to the physical address of the descriptor: our
 * kernels are linked at physical addresses, but a kernel linked at
 * PAGE_OFFSET would give a virtual one.  `page_offset`/`phys_offset` are the
 * guest's (0xC0000000 and the RAM base on ARM).
 */
uint32_t pagestate_symbol_to_pa(uint32_t sym, uint32_t page_offset, uint32_t phys_offset);

/*
 * Take a snapshot.  `abi_pa` is where the descriptor lives (0: none, e.g. an
 * image without the guest mm), `kernel_lo`/`kernel_hi` the loaded image's
 * physical extent (shown as kernel before the descriptor is valid).
 * Overlays are not touched: their owners fill ps->overlay[] afterwards.
 */
void pagestate_decode(struct pagestate *ps, const struct ps_mem *mem, uint32_t abi_pa,
		      uint32_t kernel_lo, uint32_t kernel_hi);

/* The same from a descriptor already in host memory (the native guest mm). */
void pagestate_decode_abi(struct pagestate *ps, const struct ps_mem *mem,
			  const struct mm_abi *abi, uint32_t kernel_lo, uint32_t kernel_hi);

/*
 * A snapshot in two halves, for drawing on another thread: the capture
 * copies out of guest RAM only what decoding needs (the descriptor, mem_map
 * and the pageblock flags: 2 MiB for 256 MiB of RAM), so the emulation
 * thread pays a memcpy; decoding the capture gives exactly the frames
 * pagestate_decode() would have given at that instant.
 */
struct ps_capture {
	bool abi_ok;
	char abi_error[96];
	uint32_t abi_pa;
	struct mm_abi abi;
	uint8_t *mem_map, *pb;
	size_t mem_map_len, pb_len, mem_map_cap, pb_cap;
	uint32_t kernel_lo, kernel_hi;
};

/* Returns 0, or -1 when out of memory (the capture is then shown as unknown). */
int pagestate_capture(struct ps_capture *c, const struct ps_mem *mem, uint32_t abi_pa,
		      uint32_t kernel_lo, uint32_t kernel_hi);
void pagestate_decode_capture(struct pagestate *ps, const struct ps_capture *c);
void pagestate_capture_free(struct ps_capture *c);

/*
 * What the fragmentation metrics need, without the per-frame records: free
 * blocks by zone, order and free-list type, and per-cpu pages by zone.
 * pagestate_tally() walks mem_map reading little more than each page's
 * flags and jumping over free blocks; it applies exactly the decoder's
 * checks to free-block heads and per-cpu pages, so it counts what
 * pagestate_decode() followed by pagestate_tally_frames() counts.
 */
struct ps_tally {
	uint32_t nr_free[MAX_NR_ZONES][MM_ABI_MAX_ORDER];
	uint32_t nr_free_mt[MAX_NR_ZONES][MIGRATE_TYPES][MM_ABI_MAX_ORDER];
	uint32_t pcp[MAX_NR_ZONES];
};

/* The descriptor goes to *abi; returns whether it is valid (reason in `why`).
 * The tally is empty unless the descriptor is valid and past memblock. */
bool pagestate_tally(const struct ps_mem *mem, uint32_t abi_pa, uint32_t pfn0, uint32_t nframes,
		     struct mm_abi *abi, struct ps_tally *t, char *why, unsigned why_len);
/* The same counts from a decoded snapshot. */
void pagestate_tally_frames(const struct pagestate *ps, struct ps_tally *t);

/* Names for legends, hover text and reports. */
const char *pagestate_state_name(enum ps_state s);
const char *pagestate_bad_name(enum ps_bad b);
const char *pagestate_mt_name(unsigned mt);    /* Linux's migratetype_names[] */
const char *pagestate_zone_name(const struct pagestate *ps, unsigned zone);
const char *pagestate_abi_zone_name(const struct mm_abi *abi, bool abi_ok, unsigned zone);

/* Slab cache name for a frame, or NULL. */
const char *pagestate_owner_name(const struct pagestate *ps, const struct ps_frame *f);

static inline bool pagestate_is_free(enum ps_state s)
{
	return s == PS_FREE || s == PS_CMA_FREE;
}

#endif /* MM_PAGESTATE_H */
