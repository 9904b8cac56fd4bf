/* SPDX-License-Identifier: MIT */
/*
 * mm/gfp.h - GFP flags, zone selection and the page allocator API.
 *
 * DOC: Flag values, combinations and gfp_zone() follow Linux 5.11
 * include/linux/gfp.h.  Zone modifiers pick the highest zone an allocation
 * may use; the zonelist then falls back downwards (HIGHMEM -> NORMAL -> DMA).
 * ZONE_MOVABLE is only used by __GFP_MOVABLE|__GFP_HIGHMEM allocations
 * (GFP_HIGHUSER_MOVABLE).  A board without ZONE_DMA treats __GFP_DMA as
 * ZONE_NORMAL, as a kernel built without CONFIG_ZONE_DMA does.
 */
#ifndef MM_GFP_H
#define MM_GFP_H

#include <mm/types.h>
#include "page_abi.h"

typedef unsigned int gfp_t;

#define ___GFP_DMA 0x01u
#define ___GFP_HIGHMEM 0x02u
#define ___GFP_DMA32 0x04u
#define ___GFP_MOVABLE 0x08u
#define ___GFP_RECLAIMABLE 0x10u
#define ___GFP_HIGH 0x20u
#define ___GFP_IO 0x40u
#define ___GFP_FS 0x80u
#define ___GFP_ZERO 0x100u
#define ___GFP_ATOMIC 0x200u
#define ___GFP_DIRECT_RECLAIM 0x400u
#define ___GFP_KSWAPD_RECLAIM 0x800u
#define ___GFP_WRITE 0x1000u
#define ___GFP_NOWARN 0x2000u
#define ___GFP_RETRY_MAYFAIL 0x4000u
#define ___GFP_NOFAIL 0x8000u
#define ___GFP_NORETRY 0x10000u
#define ___GFP_MEMALLOC 0x20000u
#define ___GFP_COMP 0x40000u
#define ___GFP_NOMEMALLOC 0x80000u
#define ___GFP_HARDWALL 0x100000u
#define ___GFP_THISNODE 0x200000u
#define ___GFP_ACCOUNT 0x400000u

/* Zone modifiers */
#define __GFP_DMA ((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM ((gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32 ((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE ((gfp_t)___GFP_MOVABLE) /* ZONE_MOVABLE allowed (with __GFP_HIGHMEM) */
#define GFP_ZONEMASK (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* Page mobility and placement hints */
#define __GFP_RECLAIMABLE ((gfp_t)___GFP_RECLAIMABLE)
#define __GFP_WRITE ((gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL ((gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE ((gfp_t)___GFP_THISNODE)
#define __GFP_ACCOUNT ((gfp_t)___GFP_ACCOUNT)

/* Watermark modifiers */
#define __GFP_ATOMIC ((gfp_t)___GFP_ATOMIC)
#define __GFP_HIGH ((gfp_t)___GFP_HIGH)
#define __GFP_MEMALLOC ((gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC ((gfp_t)___GFP_NOMEMALLOC)

/* Reclaim modifiers */
#define __GFP_IO ((gfp_t)___GFP_IO)
#define __GFP_FS ((gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM ((gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_RETRY_MAYFAIL ((gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL ((gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY ((gfp_t)___GFP_NORETRY)

/* Action modifiers */
#define __GFP_NOWARN ((gfp_t)___GFP_NOWARN)
#define __GFP_COMP ((gfp_t)___GFP_COMP)
#define __GFP_ZERO ((gfp_t)___GFP_ZERO)

/* Useful combinations (Linux 5.11) */
#define GFP_ATOMIC (__GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL (__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT (__GFP_KSWAPD_RECLAIM)
#define GFP_NOIO (__GFP_RECLAIM)
#define GFP_NOFS (__GFP_RECLAIM | __GFP_IO)
#define GFP_USER (__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA __GFP_DMA
#define GFP_DMA32 __GFP_DMA32
#define GFP_HIGHUSER (GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | __GFP_MOVABLE)

#define GFP_MOVABLE_MASK (__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT 3

/* Migrate type of an allocation: __GFP_MOVABLE -> MOVABLE, __GFP_RECLAIMABLE -> RECLAIMABLE. */
static inline int gfp_migratetype(gfp_t gfp)
{
	return (int)((gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return !!(gfp & __GFP_DIRECT_RECLAIM);
}

/* Set when the board has a ZONE_DMA (else __GFP_DMA means ZONE_NORMAL). */
extern bool zone_dma_enabled;

/* The highest zone an allocation with these flags may use (Linux's GFP_ZONE_TABLE). */
static inline enum mm_abi_zone_id gfp_zone(gfp_t flags)
{
	gfp_t bits = flags & GFP_ZONEMASK;

	if (likely(!bits)) /* GFP_KERNEL, GFP_USER, GFP_ATOMIC... */
		return ZONE_NORMAL;
	if (bits & __GFP_DMA)
		return zone_dma_enabled ? ZONE_DMA : ZONE_NORMAL;
	if (bits & __GFP_DMA32) /* no ZONE_DMA32 on 32-bit ARM */
		return ZONE_NORMAL;
	if ((bits & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	if (bits & __GFP_HIGHMEM)
		return ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

struct page;

/* The page allocator (mm/page_alloc.c). */
struct page *__alloc_pages_nodemask(gfp_t gfp, unsigned int order, int preferred_nid,
				    const unsigned long *nodemask);
struct page *__alloc_pages_node(int nid, gfp_t gfp, unsigned int order);
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order); /* lowmem VA or 0 */
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);
#define get_dma_pages(gfp, order) __get_free_pages((gfp) | GFP_DMA, order)
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page) __free_pages(page, 0)
#define free_page(addr) free_pages(addr, 0)
/* Exact-size allocation from a larger block; the rest is returned (Linux alloc_pages_exact). */
void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);
/* Turn a non-compound order-N allocation into 2^N independent order-0 pages. */
void split_page(struct page *page, unsigned int order);

#endif /* MM_GFP_H */
