/* SPDX-License-Identifier: MIT */
/*
 * mm/page_alloc.h - zone set-up, watermarks and tunables of the buddy allocator.
 *
 * DOC: Boot order (mm_init()): memblock filled from the DTB ->
 * paging_init() -> free_area_init() sizes nodes and zones (ZONE_DMA from
 * /chosen "s3c6410-emu,zone-dma-size", ZONE_HIGHMEM above arm_lowmem_limit,
 * ZONE_MOVABLE from movablecore=/kernelcore=) and builds mem_map and the
 * pageblock flags -> build_all_zonelists() -> memblock_free_all() ->
 * setup_per_zone_wmarks() (min_free_kbytes as Linux computes it).
 */
#ifndef MM_PAGE_ALLOC_H
#define MM_PAGE_ALLOC_H

#include <mm/types.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

/* Command-line parameters (mm/cmdline.c parses /chosen/bootargs). */
extern unsigned long required_movablecore; /* pages, movablecore= */
extern unsigned long required_kernelcore;  /* pages, kernelcore= */
extern unsigned long required_movablecore_percent;
extern unsigned long required_kernelcore_percent;
extern phys_addr_t memory_limit;           /* bytes, mem= (0: none) */
extern phys_addr_t zone_dma_size;          /* bytes of ZONE_DMA (0: no ZONE_DMA) */
extern phys_addr_t cma_size_bytes;         /* cma= (recorded for a later CMA layer) */
extern char boot_command_line[256];

/* Parse a kernel command line (bootargs); unknown parameters are ignored. */
void parse_early_param(const char *cmdline);
/* memparse(): "64M", "0x1000", "512k" -> bytes; *retptr after the number. */
unsigned long long memparse(const char *ptr, const char **retptr);

/* Tunables, as /proc/sys/vm. */
extern int min_free_kbytes;
extern int user_min_free_kbytes;
extern int watermark_scale_factor;  /* 10 = 0.1% */
extern int watermark_boost_factor;  /* 15000 */
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES];
extern int percpu_pagelist_fraction; /* 0: batch/high from zone size */

/* Zone and node set-up (mm/page_alloc.c). */
/* max_zone_pfn[z]: first pfn above zone z (as Linux's zone_sizes_init argument). */
void free_area_init(unsigned long *max_zone_pfn);
void build_all_zonelists(void);
void setup_per_zone_wmarks(void);
void init_per_zone_wmark_min(void);
void setup_per_zone_lowmem_reserve(void);
void calculate_totalreserve_pages(void);
/* pcp batch/high for a zone (zone_batchsize(), pageset_set_high_and_batch()). */
int zone_batchsize(struct zone *zone);
void zone_pcp_update(struct zone *zone);
void pageset_set_high_and_batch(struct zone *zone, int high, int batch);

/* Return every pcp page of a zone (NULL: all zones) to the buddy lists. */
void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

/* Allocation flags (Linux mm/internal.h ALLOC_*). */
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER 0x10
#define ALLOC_HIGH 0x20
#define ALLOC_CPUSET 0x40
#define ALLOC_CMA 0x80
#define ALLOC_NOFRAGMENT 0x100
#define ALLOC_KSWAPD 0x800

bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
bool zone_watermark_ok_safe(struct zone *z, unsigned int order, unsigned long mark,
			    int highest_zoneidx);

struct zonelist *node_zonelist(int nid, gfp_t flags);
int numa_node_id(void);

/* Statistics of the allocator (as /proc/vmstat). */
struct alloc_stats {
	unsigned long pgalloc[MAX_NR_ZONES];
	unsigned long pgfree;
	unsigned long alloc_fail;  /* allocations that returned NULL */
	unsigned long slowpath;    /* entries into __alloc_pages_slowpath */
	unsigned long fallback;    /* __rmqueue_fallback successes */
	unsigned long steal;       /* pageblocks whose type changed by stealing */
	unsigned long pcp_refill;  /* rmqueue_bulk calls */
	unsigned long pcp_drain;   /* free_pcppages_bulk calls */
	unsigned long oom;         /* OOM reports */
};
extern struct alloc_stats alloc_stats;

/* Free-page accounting in a zone (buddy lists only; pcp pages are not counted). */
unsigned long zone_free_pages(struct zone *zone);
/* Managed pages above the high watermark in zones up to offset (Linux nr_free_zone_pages). */
unsigned long nr_free_zone_pages(int offset);

#endif /* MM_PAGE_ALLOC_H */
