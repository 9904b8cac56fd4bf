/* SPDX-License-Identifier: MIT */
/*
 * mm/vmscan.h - page reclaim (Linux mm/vmscan.c) and the LRU lists (mm/swap.c).
 *
 * DOC: Reclaim scans the inactive file LRU from its tail (oldest first):
 * referenced pages get a second chance (to the active list), dirty pages
 * are written back first, clean unreferenced pages are freed.  The active
 * list is aged into the inactive one to keep them balanced.  Anonymous
 * pages have no swap and are never reclaimed.  Direct reclaim runs in the
 * allocator's slow path; kswapd (woken at the low watermark) runs from the
 * timer tick and from idle until the zones are back above the high mark.
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include <mm/types.h>
#include <mm/gfp.h>

struct page;
struct zone;
struct zonelist;
typedef struct pglist_data pg_data_t;

/* LRU list maintenance (mm/swap.c). */
void lru_cache_add_file(struct page *page);
void lru_cache_add_anon(struct page *page);
void del_page_from_lru(struct page *page);
void mark_page_accessed(struct page *page);
/* Take a page off its LRU for migration or reclaim (0, or -EBUSY). */
int isolate_lru_page(struct page *page);
void putback_lru_page(struct page *page);

/* Direct reclaim: free up to nr_to_reclaim pages; returns the number freed. */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				int highest_zoneidx);
/* Reclaim from one node (tests, kswapd). */
unsigned long shrink_node_pages(pg_data_t *pgdat, unsigned long nr_to_reclaim, gfp_t gfp_mask);

/* kswapd */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order, int highest_zoneidx);
/* Run pending kswapd work for a node (bounded); returns true if it did anything. */
bool kswapd_run(pg_data_t *pgdat);
/* Whether every zone of pgdat up to highest_zoneidx is above its high watermark. */
bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx);

/*
 * Background work: hooked to the timer tick (tick_register) and to idle
 * (idle_register) by mm_init(); runs kswapd and kcompactd for each woken node.
 */
void mm_background_work(void *arg);
void mm_idle_work(void);

struct reclaim_stats {
	unsigned long pgscan_direct, pgscan_kswapd;
	unsigned long pgsteal_direct, pgsteal_kswapd;
	unsigned long pgactivate, pgdeactivate, pgrotated;
	unsigned long writeback; /* dirty pages written back by reclaim */
	unsigned long allocstall;
	unsigned long kswapd_wake, kswapd_runs;
};
extern struct reclaim_stats reclaim_stats;

#endif /* MM_VMSCAN_H */
