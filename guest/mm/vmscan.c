// SPDX-License-Identifier: MIT
/*
 * vmscan.c - LRU lists, page reclaim and kswapd (Linux 5.11 mm/swap.c, mm/vmscan.c).
 *
 * DOC: Each node keeps inactive/active lists for file and anonymous pages
 * (and an unevictable list), newest at the head.  Reclaim takes pages from
 * the tail of the inactive file list (isolate_lru_pages()), skipping pages
 * of zones the caller cannot use, and for each (shrink_page_list()):
 * dirty pages are written back to the simulated disk first, clean ones are
 * dropped from the page cache and freed, pages someone holds are kept.
 * The active list is aged into the inactive one when the inactive list gets
 * short (inactive_is_low()).  Anonymous pages have no swap: never scanned.
 *
 * Direct reclaim (try_to_free_pages()) runs from the allocator's slow path
 * with priorities DEF_PRIORITY..0 (scan lru_size >> priority per round);
 * kswapd (balance_pgdat()) is woken below the low watermark and runs from
 * the timer tick and from idle until some zone is back above its high mark
 * (plus any watermark boost), then wakes kcompactd.
 */
#include "internal.h"

#include <mm/compaction.h>
#include <mm/pagecache.h>
#include <mm/vmscan.h>

#include <string.h>

#define DEF_PRIORITY 12
#define SWAP_CLUSTER_MAX 32UL
#define MAX_RECLAIM_RETRIES 16

struct reclaim_stats reclaim_stats;

struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	gfp_t gfp_mask;
	int order;
	int priority;
	int reclaim_idx;
	bool may_writepage;
	bool kswapd;
	bool compaction_ready;
};

void vmscan_reset(void)
{
	memset(&reclaim_stats, 0, sizeof(reclaim_stats));
}

void lruvec_init(struct lruvec *lruvec)
{
	int lru;

	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		page_list_init(&lruvec->lists[lru]);
}

static inline struct lruvec *page_lruvec(const struct page *page)
{
	return &page_pgdat(page)->__lruvec;
}

static inline enum lru_list page_lru(const struct page *page)
{
	enum lru_list lru;

	if (PageUnevictable(page))
		return LRU_UNEVICTABLE;
	lru = PageSwapBacked(page) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE;
	if (PageActive(page))
		lru = (enum lru_list)(lru + 1);
	return lru;
}

static inline void update_lru_size(struct page *page, enum lru_list lru, long nr)
{
	__mod_node_page_state(page_pgdat(page), (enum node_stat_item)(NR_LRU_BASE + lru), nr);
	__mod_zone_page_state(page_zone(page), (enum zone_stat_item)(NR_ZONE_LRU_BASE + lru), nr);
}

/* IRQs off */
static void add_page_to_lru_list(struct page *page, enum lru_list lru)
{
	page_list_add(&page_lruvec(page)->lists[lru], page);
	update_lru_size(page, lru, 1);
}


static void del_page_from_lru_list(struct page *page, enum lru_list lru)
{
	page_list_del(&page_lruvec(page)->lists[lru], page);
	update_lru_size(page, lru, -1);
}

/* Off the LRU for good (the page is being freed): drop the LRU state bits too. */
void del_page_from_lru(struct page *page)
{
	unsigned long flags;

	zone_lock(flags);
	if (PageLRU(page)) {
		del_page_from_lru_list(page, page_lru(page));
		ClearPageLRU(page);
	}
	ClearPageActive(page);
	ClearPageUnevictable(page);
	zone_unlock(flags);
}

static void lru_cache_add(struct page *page)
{
	unsigned long flags;

	zone_lock(flags);
	VM_BUG_ON(PageLRU(page));
	SetPageLRU(page);
	add_page_to_lru_list(page, page_lru(page));
	zone_unlock(flags);
}

void lru_cache_add_file(struct page *page)
{
	ClearPageSwapBacked(page);
	lru_cache_add(page);
}

void lru_cache_add_anon(struct page *page)
{
	SetPageSwapBacked(page);
	lru_cache_add(page);
}

/* Second access of an inactive page moves it to the active list (use-once detection). */
void mark_page_accessed(struct page *page)
{
	unsigned long flags;

	page = compound_head(page);
	zone_lock(flags);
	if (!PageReferenced(page)) {
		SetPageReferenced(page);
	} else if (!PageUnevictable(page) && !PageActive(page)) {
		if (PageLRU(page)) {
			enum lru_list lru = page_lru(page);

			del_page_from_lru_list(page, lru);
			SetPageActive(page);
			add_page_to_lru_list(page, page_lru(page));
			reclaim_stats.pgactivate++;
		}
		ClearPageReferenced(page);
		SetPageWorkingset(page);
	}
	zone_unlock(flags);
}

static inline void account_isolated(struct page *page, long nr)
{
	__mod_node_page_state(page_pgdat(page),
			      PageSwapBacked(page) ? NR_ISOLATED_ANON : NR_ISOLATED_FILE, nr);
}

/* Take a page off its LRU list with a reference, for migration or reclaim. */
int isolate_lru_page(struct page *page)
{
	unsigned long flags;
	int ret = -EBUSY;

	zone_lock(flags);
	if (PageLRU(page) && page_ref_count(page) > 0) {
		page_ref_inc(page);
		del_page_from_lru_list(page, page_lru(page));
		ClearPageLRU(page);
		account_isolated(page, 1);
		ret = 0;
	}
	zone_unlock(flags);
	return ret;
}

/* Back on the LRU its flags say, dropping the isolation reference. */
void putback_lru_page(struct page *page)
{
	unsigned long flags;

	zone_lock(flags);
	account_isolated(page, -1);
	zone_unlock(flags);
	lru_cache_add(page);
	put_page(page);
}

unsigned long zone_reclaimable_pages(struct zone *zone)
{
	/* no swap: only file pages can be reclaimed */
	return zone_page_state(zone, NR_ZONE_INACTIVE_FILE) +
	       zone_page_state(zone, NR_ZONE_ACTIVE_FILE);
}

static unsigned long lruvec_lru_size(pg_data_t *pgdat, enum lru_list lru, int zone_idx)
{
	unsigned long size = 0;
	int zid;

	for (zid = 0; zid <= zone_idx && zid < MAX_NR_ZONES; zid++)
		size += zone_page_state(&pgdat->node_zones[zid],
					(enum zone_stat_item)(NR_ZONE_LRU_BASE + lru));
	return size;
}

/*
 * Move up to nr_to_scan pages from the tail of an LRU list to dst, with a
 * reference each.  Pages of zones above reclaim_idx, and pages being freed,
 * go back to the head.  IRQs off.
 */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan, pg_data_t *pgdat,
				       struct page_list *dst, unsigned long *nr_scanned,
				       struct scan_control *sc, enum lru_list lru)
{
	struct page_list *src = &pgdat->__lruvec.lists[lru];
	struct page_list skipped;
	unsigned long nr_taken = 0, scan = 0, total = 0;
	struct page *page;

	page_list_init(&skipped);
	while (scan < nr_to_scan && (page = page_list_last(src)) != NULL) {
		/* bounded: skipped pages do not count as scanned */
		if (++total > nr_to_scan * 4 + 64)
			break;
		del_page_from_lru_list(page, lru);
		if (page_zonenum(page) > sc->reclaim_idx || page_ref_count(page) == 0) {
			page_list_add(&skipped, page);
			continue;
		}
		scan++;
		page_ref_inc(page);
		ClearPageLRU(page);
		account_isolated(page, 1);
		page_list_add(dst, page);
		nr_taken++;
	}
	/* skipped pages to the head, keeping their order */
	while ((page = page_list_last(&skipped)) != NULL) {
		page_list_del(&skipped, page);
		add_page_to_lru_list(page, lru);
	}
	*nr_scanned = scan;
	return nr_taken;
}

/* Return isolated pages to their LRU lists, dropping our references. */
static void putback_page_list(struct page_list *list)
{
	struct page *page;

	while ((page = page_list_first(list)) != NULL) {
		page_list_del(list, page);
		putback_lru_page(page);
	}
}

enum page_references { PAGEREF_RECLAIM, PAGEREF_RECLAIM_CLEAN, PAGEREF_KEEP, PAGEREF_ACTIVATE };

static enum page_references page_check_references(struct page *page)
{
	bool referenced_page = TestClearPageReferenced(page);

	/* no accessed bits are tracked for PTEs here: mapped pages stay */
	if (page_mapped(page))
		return PAGEREF_ACTIVATE;
	/* touched once since it came in: reclaim it only if clean (use-once) */
	if (referenced_page && !PageSwapBacked(page))
		return PAGEREF_RECLAIM_CLEAN;
	return PAGEREF_RECLAIM;
}

/* Reclaim what can be from an isolated list; the rest stays on it. */
static unsigned long shrink_page_list(struct page_list *page_list, struct scan_control *sc)
{
	struct page_list keep;
	unsigned long nr_reclaimed = 0;
	struct page *page;

	page_list_init(&keep);
	while ((page = page_list_first(page_list)) != NULL) {
		enum page_references references;

		page_list_del(page_list, page);
		if (PageLocked(page) || PageWriteback(page) || PageSwapBacked(page) || !page->mapping)
			goto keep;
		references = page_check_references(page);
		if (references == PAGEREF_ACTIVATE)
			goto activate;
		if (references == PAGEREF_KEEP)
			goto keep;
		if (PageDirty(page)) {
			if (references == PAGEREF_RECLAIM_CLEAN || !sc->may_writepage)
				goto keep;
			/* pageout(): the simulated disk write completes at once */
			pagecache_writepage(page);
			reclaim_stats.writeback++;
			mod_node_page_state(page_pgdat(page), NR_VMSCAN_WRITE, 1);
		}
		/* only the cache and our isolation may hold it */
		if (page_ref_count(page) != 2 || !pagecache_release_page(page))
			goto keep;
		{
			unsigned long flags;

			zone_lock(flags);
			account_isolated(page, -1);
			zone_unlock(flags);
		}
		put_page(page); /* the isolation reference: frees it */
		nr_reclaimed++;
		continue;
activate:
		SetPageActive(page);
		reclaim_stats.pgactivate++;
keep:
		page_list_add_tail(&keep, page);
	}
	*page_list = keep;
	return nr_reclaimed;
}

static unsigned long shrink_inactive_list(unsigned long nr_to_scan, pg_data_t *pgdat,
					  struct scan_control *sc, enum lru_list lru)
{
	struct page_list page_list;
	unsigned long nr_scanned, nr_taken, nr_reclaimed, flags;

	page_list_init(&page_list);
	zone_lock(flags);
	nr_taken = isolate_lru_pages(nr_to_scan, pgdat, &page_list, &nr_scanned, sc, lru);
	zone_unlock(flags);
	sc->nr_scanned += nr_scanned;
	if (sc->kswapd)
		reclaim_stats.pgscan_kswapd += nr_scanned;
	else
		reclaim_stats.pgscan_direct += nr_scanned;
	if (!nr_taken)
		return 0;
	nr_reclaimed = shrink_page_list(&page_list, sc);
	putback_page_list(&page_list);
	if (sc->kswapd)
		reclaim_stats.pgsteal_kswapd += nr_reclaimed;
	else
		reclaim_stats.pgsteal_direct += nr_reclaimed;
	return nr_reclaimed;
}

/* Age active pages into the inactive list. */
static void shrink_active_list(unsigned long nr_to_scan, pg_data_t *pgdat,
			       struct scan_control *sc, enum lru_list lru)
{
	struct page_list l_hold;
	unsigned long nr_scanned, flags;
	struct page *page;

	page_list_init(&l_hold);
	zone_lock(flags);
	isolate_lru_pages(nr_to_scan, pgdat, &l_hold, &nr_scanned, sc, lru);
	zone_unlock(flags);
	while ((page = page_list_first(&l_hold)) != NULL) {
		page_list_del(&l_hold, page);
		if (page_mapped(page)) {
			putback_lru_page(page); /* still active */
			continue;
		}
		ClearPageActive(page);
		SetPageWorkingset(page);
		reclaim_stats.pgdeactivate++;
		putback_lru_page(page);
	}
}

static unsigned long int_sqrt_ul(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/* The inactive list should be at least 1/sqrt(10 * GiB) of the active one. */
static bool inactive_is_low(pg_data_t *pgdat, enum lru_list inactive_lru, int reclaim_idx)
{
	enum lru_list active_lru = (enum lru_list)(inactive_lru + 1);
	unsigned long inactive = lruvec_lru_size(pgdat, inactive_lru, reclaim_idx);
	unsigned long active = lruvec_lru_size(pgdat, active_lru, reclaim_idx);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long inactive_ratio = gb ? int_sqrt_ul(10 * gb) : 1;

	return inactive * inactive_ratio < active;
}

static void shrink_lruvec(pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS] = { 0 };
	unsigned long nr_to_reclaim = sc->nr_to_reclaim;
	enum lru_list lru;

	/* get_scan_count() without swap: file lists only, size >> priority */
	for (lru = LRU_INACTIVE_FILE; lru <= LRU_ACTIVE_FILE; lru++) {
		unsigned long size = lruvec_lru_size(pgdat, lru, sc->reclaim_idx);

		nr[lru] = size >> sc->priority;
		if (!nr[lru] && size && sc->priority < DEF_PRIORITY)
			nr[lru] = min(size, SWAP_CLUSTER_MAX);
	}
	while (nr[LRU_INACTIVE_FILE] || nr[LRU_ACTIVE_FILE]) {
		for (lru = LRU_INACTIVE_FILE; lru <= LRU_ACTIVE_FILE; lru++) {
			unsigned long nr_to_scan;

			if (!nr[lru])
				continue;
			nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);
			nr[lru] -= nr_to_scan;
			if (is_active_lru(lru)) {
				if (inactive_is_low(pgdat, LRU_INACTIVE_FILE, sc->reclaim_idx))
					shrink_active_list(nr_to_scan, pgdat, sc, lru);
			} else {
				sc->nr_reclaimed += shrink_inactive_list(nr_to_scan, pgdat, sc, lru);
			}
		}
		if (sc->nr_reclaimed >= nr_to_reclaim)
			break;
	}
	/* keep the inactive list from running dry */
	if (inactive_is_low(pgdat, LRU_INACTIVE_FILE, sc->reclaim_idx))
		shrink_active_list(SWAP_CLUSTER_MAX, pgdat, sc, LRU_ACTIVE_FILE);
}

static void shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long before = sc->nr_reclaimed;

	shrink_lruvec(pgdat, sc);
	if (sc->nr_reclaimed > before)
		pgdat->kswapd_failures = 0;
}

static unsigned long compact_gap(unsigned int order)
{
	return 2UL << order;
}

/* Enough free memory that compaction, not reclaim, should produce the block. */
static bool compaction_ready(struct zone *zone, struct scan_control *sc)
{
	enum compact_result suitable;
	unsigned long watermark;

	suitable = compaction_suitable(zone, sc->order, 0, sc->reclaim_idx);
	if (suitable == COMPACT_SUCCESS)
		return true;
	if (suitable == COMPACT_SKIPPED)
		return false;
	watermark = high_wmark_pages(zone) + compact_gap((unsigned int)sc->order);
	return zone_watermark_ok_safe(zone, 0, watermark, sc->reclaim_idx);
}

static void shrink_zones(struct zonelist *zonelist, struct scan_control *sc)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, zonelist, sc->reclaim_idx) {
		if (sysctl_compaction_enabled && sc->order > PAGE_ALLOC_COSTLY_ORDER &&
		    compaction_ready(zone, sc)) {
			sc->compaction_ready = true;
			continue;
		}
		if (zone->zone_pgdat == last_pgdat)
			continue;
		last_pgdat = zone->zone_pgdat;
		shrink_node(zone->zone_pgdat, sc);
	}
}

static unsigned long do_try_to_free_pages(struct zonelist *zonelist, struct scan_control *sc)
{
	do {
		sc->nr_scanned = 0;
		shrink_zones(zonelist, sc);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
		if (sc->compaction_ready)
			break;
	} while (--sc->priority >= 0);
	return sc->nr_reclaimed;
}

unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				int highest_zoneidx)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
		.order = order,
		.priority = DEF_PRIORITY,
		.reclaim_idx = highest_zoneidx,
		.may_writepage = true,
	};
	unsigned long ret;

	mm_busy++;
	reclaim_stats.allocstall++;
	ret = do_try_to_free_pages(zonelist, &sc);
	mm_busy--;
	return ret;
}

unsigned long shrink_node_pages(pg_data_t *pgdat, unsigned long nr_to_reclaim, gfp_t gfp_mask)
{
	struct scan_control sc = {
		.nr_to_reclaim = nr_to_reclaim,
		.gfp_mask = gfp_mask,
		.priority = DEF_PRIORITY,
		.reclaim_idx = MAX_NR_ZONES - 1,
		.may_writepage = true,
	};

	mm_busy++;
	do {
		shrink_node(pgdat, &sc);
	} while (sc.nr_reclaimed < nr_to_reclaim && --sc.priority >= 0);
	mm_busy--;
	return sc.nr_reclaimed;
}

/* ---- kswapd ---- */

/* Some eligible zone is above its high watermark for this order. */
bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	bool any = false;
	int i;

	for (i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok_safe(zone, (unsigned int)order, high_wmark_pages(zone),
					   highest_zoneidx))
			return true;
	}
	return !any;
}

static bool pgdat_watermark_boosted(pg_data_t *pgdat, int highest_zoneidx)
{
	int i;

	for (i = highest_zoneidx; i >= 0; i--) {
		if (i < MAX_NR_ZONES && pgdat->node_zones[i].watermark_boost)
			return true;
	}
	return false;
}

/* One kswapd run: reclaim until balanced (or out of priorities), as balance_pgdat(). */
static int balance_pgdat(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	unsigned long zone_boosts[MAX_NR_ZONES] = { 0 };
	unsigned long nr_boost_reclaim = 0;
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.order = order,
		.may_writepage = true,
		.kswapd = true,
	};
	bool boosted;
	int i;

	for (i = 0; i <= highest_zoneidx; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		nr_boost_reclaim += zone->watermark_boost;
		zone_boosts[i] = zone->watermark_boost;
	}
	boosted = nr_boost_reclaim;
restart:
	sc.priority = DEF_PRIORITY;
	do {
		unsigned long nr_reclaimed = sc.nr_reclaimed;
		bool balanced;

		sc.reclaim_idx = highest_zoneidx;
		balanced = pgdat_balanced(pgdat, sc.order, highest_zoneidx);
		if (!balanced && nr_boost_reclaim) {
			nr_boost_reclaim = 0;
			goto restart;
		}
		if (!nr_boost_reclaim && balanced)
			goto out;
		/* kswapd_shrink_node(): aim for the high watermarks */
		sc.nr_to_reclaim = 0;
		for (i = 0; i <= sc.reclaim_idx; i++) {
			struct zone *zone = pgdat->node_zones + i;

			if (managed_zone(zone))
				sc.nr_to_reclaim += max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);
		}
		shrink_node(pgdat, &sc);
		/* enough freed for compaction to make the high-order block */
		if (sc.order && sc.nr_reclaimed >= compact_gap((unsigned int)sc.order))
			sc.order = 0;
		nr_reclaimed = sc.nr_reclaimed - nr_reclaimed;
		nr_boost_reclaim -= min(nr_boost_reclaim, nr_reclaimed);
		if (nr_boost_reclaim && !nr_reclaimed)
			break;
		if (!nr_reclaimed)
			sc.priority--;
	} while (sc.priority >= 1);
	if (!sc.nr_reclaimed)
		pgdat->kswapd_failures++;
out:
	if (boosted) {
		for (i = 0; i <= highest_zoneidx; i++) {
			struct zone *zone = pgdat->node_zones + i;
			unsigned long flags;

			zone_lock(flags);
			zone->watermark_boost -= min(zone->watermark_boost, zone_boosts[i]);
			zone_unlock(flags);
		}
		/* the boost came from fragmentation: let kcompactd fix it */
		wakeup_kcompactd(pgdat, pageblock_order, highest_zoneidx);
	}
	reclaim_stats.kswapd_runs++;
	return sc.order;
}

void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order, int highest_zoneidx)
{
	pg_data_t *pgdat;

	if (!managed_zone(zone))
		return;
	pgdat = zone->zone_pgdat;
	if (pgdat->kswapd_highest_zoneidx == MAX_NR_ZONES ||
	    pgdat->kswapd_highest_zoneidx < highest_zoneidx)
		pgdat->kswapd_highest_zoneidx = highest_zoneidx;
	if (pgdat->kswapd_order < order)
		pgdat->kswapd_order = order;
	if (pgdat->kswapd_wait)
		return;
	/* hopeless, or nothing to do: maybe kcompactd can help */
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, highest_zoneidx))) {
		if (!(gfp_flags & __GFP_DIRECT_RECLAIM))
			wakeup_kcompactd(pgdat, order, highest_zoneidx);
		return;
	}
	pgdat->kswapd_wait = true;
	reclaim_stats.kswapd_wake++;
}

bool kswapd_run(pg_data_t *pgdat)
{
	int order, highest_zoneidx, reclaim_order;

	if (!pgdat->kswapd_wait)
		return false;
	pgdat->kswapd_wait = false;
	order = pgdat->kswapd_order;
	highest_zoneidx = pgdat->kswapd_highest_zoneidx;
	if (highest_zoneidx == MAX_NR_ZONES)
		highest_zoneidx = MAX_NR_ZONES - 1;
	pgdat->kswapd_order = 0;
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
	reclaim_order = balance_pgdat(pgdat, order, highest_zoneidx);
	(void)reclaim_order;
	/* going back to sleep: wake kcompactd for the order that was asked */
	if (pgdat_balanced(pgdat, 0, highest_zoneidx)) {
		reset_isolation_suitable(pgdat);
		wakeup_kcompactd(pgdat, order, highest_zoneidx);
	}
	return true;
}

/* ---- background work ---- */

static void mm_run_background(void)
{
	pg_data_t *pgdat;

	if (!mm_zones_ready || mm_busy)
		return;
	mm_busy++;
	for_each_online_pgdat(pgdat) {
		kswapd_run(pgdat);
		kcompactd_run(pgdat);
	}
	mm_busy--;
}

void mm_background_work(void *arg)
{
	(void)arg;
	mm_run_background();
}

void mm_idle_work(void)
{
	mm_run_background();
}
