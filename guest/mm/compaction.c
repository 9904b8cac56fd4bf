// SPDX-License-Identifier: MIT
/*
 * compaction.c - memory compaction (Linux 5.11 mm/compaction.c).
 *
 * DOC: compact_zone() runs two scanners towards each other: the migrate
 * scanner walks pageblocks up from the zone start isolating movable LRU
 * pages (isolate_migratepages()), the free scanner walks pageblocks down
 * from the zone end isolating free pages in movable pageblocks
 * (isolate_freepages()).  migrate_pages() moves the first onto the second,
 * so free pages accumulate low in the zone and merge into large blocks.
 * Compaction stops when the scanners meet or a free block of the wanted
 * order exists (compact_finished()).  Pageblocks where nothing could be
 * isolated get the PB_SKIP hint, cleared when compaction restarts.
 * Failure defers later attempts (defer_compaction()).  Direct compaction
 * runs from the allocator, kcompactd in the background; compact_node() does
 * a whole node, as /proc/sys/vm/compact_memory.
 */
#include "internal.h"

#include <mm/compaction.h>
#include <mm/vmscan.h>

#include <string.h>

#define COMPACT_CLUSTER_MAX 32
#define COMPACT_MAX_DEFER_SHIFT 6

int sysctl_compaction_enabled = 1;
int sysctl_extfrag_threshold = 500;
struct compact_stats compact_stats;

struct compact_control {
	struct page_list freepages;
	struct page_list migratepages;
	unsigned long nr_freepages;
	unsigned long nr_migratepages;
	unsigned long free_pfn;
	unsigned long migrate_pfn;
	struct zone *zone;
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	unsigned long max_migrated;     /* compact_zone_step(): budget of a pass (0: none) */
	gfp_t gfp_mask;
	int order;
	int migratetype;
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;
	bool ignore_skip_hint;
	bool no_set_skip_hint;
	bool ignore_block_suitable;
	bool direct_compaction;
	bool whole_zone;
	bool contended;
	bool rescan;
};

enum isolate_migrate_t { ISOLATE_ABORT, ISOLATE_NONE, ISOLATE_SUCCESS };

void compaction_reset(void)
{
	memset(&compact_stats, 0, sizeof(compact_stats));
	sysctl_compaction_enabled = 1;
	sysctl_extfrag_threshold = 500;
}

static inline bool is_via_compact_memory(int order)
{
	return order == -1;
}

static inline unsigned long compact_gap(unsigned int order)
{
	return 2UL << order;
}

/* ---- deferral ---- */

void defer_compaction(struct zone *zone, int order)
{
	zone->compact_considered = 0;
	zone->compact_defer_shift++;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
	if (zone->compact_defer_shift > COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift = COMPACT_MAX_DEFER_SHIFT;
}

bool compaction_deferred(struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	if (++zone->compact_considered >= defer_limit) {
		zone->compact_considered = (unsigned int)defer_limit;
		return false;
	}
	return true;
}

void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
}

bool compaction_restarting(struct zone *zone, int order)
{
	if (order < zone->compact_order_failed)
		return false;
	return zone->compact_defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       zone->compact_considered >= 1UL << zone->compact_defer_shift;
}

/* ---- skip hints and cached scanner positions ---- */

static void reset_cached_positions(struct zone *zone)
{
	zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
	zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
	zone->compact_cached_free_pfn = pageblock_start_pfn(zone_end_pfn(zone) - 1);
}

static void __reset_isolation_suitable(struct zone *zone)
{
	unsigned long pfn;

	for (pfn = pageblock_start_pfn(zone->zone_start_pfn); pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		if (pfn_valid(pfn))
			*pageblock_flags_ptr(pfn) &= (uint8_t)~PB_SKIP;
	}
	reset_cached_positions(zone);
	zone->compact_blockskip_flush = false;
}

void reset_isolation_suitable(pg_data_t *pgdat)
{
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		if (zone->compact_blockskip_flush)
			__reset_isolation_suitable(zone);
	}
}

static inline bool isolation_suitable(struct compact_control *cc, struct page *page)
{
	if (cc->ignore_skip_hint)
		return true;
	return !get_pageblock_skip(page);
}

static void update_cached_migrate(struct compact_control *cc, unsigned long pfn)
{
	struct zone *zone = cc->zone;

	pfn = pageblock_end_pfn(pfn);
	if (cc->no_set_skip_hint)
		return;
	if (pfn > zone->compact_cached_migrate_pfn[0])
		zone->compact_cached_migrate_pfn[0] = pfn;
	if (cc->mode != MIGRATE_ASYNC && pfn > zone->compact_cached_migrate_pfn[1])
		zone->compact_cached_migrate_pfn[1] = pfn;
}

static void update_pageblock_skip(struct compact_control *cc, struct page *page,
				  unsigned long pfn)
{
	struct zone *zone = cc->zone;

	if (cc->no_set_skip_hint || !page)
		return;
	set_pageblock_skip(page);
	if (pfn < zone->compact_cached_free_pfn)
		zone->compact_cached_free_pfn = pfn;
}

/* The first page of a pageblock range if it lies entirely in zone. */
static struct page *pageblock_pfn_to_page(unsigned long start_pfn, unsigned long end_pfn,
					  struct zone *zone)
{
	struct page *start_page, *end_page;

	end_pfn--;
	if (!pfn_valid(start_pfn) || !pfn_valid(end_pfn))
		return NULL;
	start_page = pfn_to_page(start_pfn);
	if (page_zone(start_page) != zone)
		return NULL;
	end_page = pfn_to_page(end_pfn);
	if (page_zone(end_page) != zone)
		return NULL;
	return start_page;
}

/* ---- the free scanner ---- */

static unsigned long isolate_freepages_block(struct compact_control *cc,
					     unsigned long *start_pfn, unsigned long end_pfn,
					     struct page_list *freelist, unsigned int stride)
{
	unsigned long blockpfn = *start_pfn;
	unsigned long nr_scanned = 0, total_isolated = 0;
	unsigned long flags;

	for (; blockpfn < end_pfn; blockpfn += stride) {
		struct page *page = pfn_to_page(blockpfn);
		unsigned long isolated;
		unsigned int order;

		nr_scanned++;
		if (!pfn_valid(blockpfn))
			continue;
		if (PageHead(page)) {
			blockpfn += (1UL << compound_order(page)) - 1;
			continue;
		}
		if (!PageBuddy(page))
			continue;
		zone_lock(flags);
		if (!PageBuddy(page)) {
			zone_unlock(flags);
			continue;
		}
		order = buddy_order(page);
		isolated = __isolate_free_page(page, order);
		zone_unlock(flags);
		if (!isolated)
			break;
		set_page_private(page, order);
		total_isolated += isolated;
		cc->nr_freepages += isolated;
		page_list_add_tail(freelist, page);
		if (cc->nr_migratepages <= cc->nr_freepages) {
			blockpfn += isolated;
			break;
		}
		blockpfn += isolated - 1;
	}
	if (blockpfn > end_pfn)
		blockpfn = end_pfn;
	*start_pfn = blockpfn;
	cc->total_free_scanned += nr_scanned;
	compact_stats.free_scanned += nr_scanned;
	compact_stats.isolated += total_isolated;
	return total_isolated;
}

/* Free pages may be taken only from movable pageblocks, and never whole pageblocks. */
static bool suitable_migration_target(struct compact_control *cc, struct page *page)
{
	if (PageBuddy(page) && buddy_order(page) >= pageblock_order)
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return is_migrate_movable(get_pageblock_migratetype(page));
}

/* The isolated free blocks become order-0 pages ready to receive contents. */
static void split_map_pages(struct page_list *list)
{
	struct page_list tmp;
	struct page *page;

	page_list_init(&tmp);
	while ((page = page_list_first(list)) != NULL) {
		unsigned int order = (unsigned int)page_private(page);
		unsigned int i, nr_pages = 1u << order;

		page_list_del(list, page);
		post_alloc_hook(page, order, __GFP_MOVABLE);
		if (order)
			split_page(page, order);
		for (i = 0; i < nr_pages; i++)
			page_list_add_tail(&tmp, page + i);
	}
	*list = tmp;
}

static void isolate_freepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long block_start_pfn, isolate_start_pfn, block_end_pfn, low_pfn;
	unsigned int stride;

	isolate_start_pfn = cc->free_pfn;
	block_start_pfn = pageblock_start_pfn(isolate_start_pfn);
	block_end_pfn = min(block_start_pfn + pageblock_nr_pages, zone_end_pfn(zone));
	low_pfn = pageblock_end_pfn(cc->migrate_pfn);
	/*
	 * Linux 5.11 strides over async blocks because fast_isolate_freepages()
	 * searched the free lists first; without that search, scan every pfn.
	 */
	stride = 1;

	for (; block_start_pfn >= low_pfn; block_end_pfn = block_start_pfn,
	     block_start_pfn -= pageblock_nr_pages, isolate_start_pfn = block_start_pfn) {
		unsigned long nr_isolated;
		struct page *page = pageblock_pfn_to_page(block_start_pfn, block_end_pfn, zone);

		if (!page)
			continue;
		if (!suitable_migration_target(cc, page))
			continue;
		if (!isolation_suitable(cc, page))
			continue;
		nr_isolated = isolate_freepages_block(cc, &isolate_start_pfn, block_end_pfn,
						      &cc->freepages, stride);
		if (isolate_start_pfn == block_end_pfn)
			update_pageblock_skip(cc, page, block_start_pfn);
		if (cc->nr_freepages >= cc->nr_migratepages) {
			if (isolate_start_pfn >= block_end_pfn)
				isolate_start_pfn = block_start_pfn - pageblock_nr_pages;
			break;
		} else if (isolate_start_pfn < block_end_pfn) {
			/* stopped inside the block: no more free pages allowed now */
			break;
		}
		if (nr_isolated) {
			stride = 1;
			continue;
		}
		stride = min(COMPACT_CLUSTER_MAX, stride << 1);
		if (block_start_pfn < pageblock_nr_pages)
			break;
	}
	cc->free_pfn = isolate_start_pfn;
	split_map_pages(&cc->freepages);
}

static struct page *compaction_alloc(struct page *migratepage, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *freepage;

	(void)migratepage;
	if (page_list_empty(&cc->freepages)) {
		if (!cc->contended)
			isolate_freepages(cc);
		if (page_list_empty(&cc->freepages))
			return NULL;
	}
	freepage = page_list_first(&cc->freepages);
	page_list_del(&cc->freepages, freepage);
	cc->nr_freepages--;
	return freepage;
}

static void compaction_free(struct page *page, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	page_list_add(&cc->freepages, page);
	cc->nr_freepages++;
}

/* Free the unused target pages; returns the highest pfn among them. */
static unsigned long release_freepages(struct page_list *freelist)
{
	unsigned long high_pfn = 0;
	struct page *page;

	while ((page = page_list_first(freelist)) != NULL) {
		unsigned long pfn = page_to_pfn(page);

		page_list_del(freelist, page);
		if (pfn > high_pfn)
			high_pfn = pfn;
		__free_page(page);
	}
	return high_pfn;
}

/* ---- the migrate scanner ---- */

static unsigned long block_end_pfn_order(unsigned long pfn, int order)
{
	return ALIGN(pfn + 1, 1UL << order);
}

/*
 * Isolate movable pages of [low_pfn, end_pfn) onto cc->migratepages, at
 * most COMPACT_CLUSTER_MAX at a time.  Async direct compaction gives up on
 * an order-aligned block at its first unmovable page.
 */
static unsigned long isolate_migratepages_block(struct compact_control *cc,
						unsigned long low_pfn, unsigned long end_pfn)
{
	unsigned long nr_scanned = 0, nr_isolated = 0;
	struct page *valid_page = NULL;
	bool skip_on_failure = false;
	unsigned long next_skip_pfn = 0;

	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC && cc->order > 0) {
		skip_on_failure = true;
		next_skip_pfn = block_end_pfn_order(low_pfn, cc->order);
	}

	for (; low_pfn < end_pfn; low_pfn++) {
		struct page *page;

		if (skip_on_failure && low_pfn >= next_skip_pfn) {
			/* a whole order-aligned block passed without failure */
			if (nr_isolated)
				break;
			next_skip_pfn = block_end_pfn_order(low_pfn, cc->order);
		}
		nr_scanned++;
		if (!pfn_valid(low_pfn))
			goto isolate_fail;
		page = pfn_to_page(low_pfn);
		if (!valid_page && IS_ALIGNED(low_pfn, pageblock_nr_pages)) {
			if (!cc->ignore_skip_hint && get_pageblock_skip(page)) {
				low_pfn = end_pfn;
				goto isolate_abort;
			}
			valid_page = page;
		}
		if (PageBuddy(page)) {
			unsigned long freepage_order = buddy_order(page);

			if (freepage_order > 0 && freepage_order < MAX_ORDER)
				low_pfn += (1UL << freepage_order) - 1;
			continue;
		}
		if (PageHead(page)) {
			low_pfn += (1UL << compound_order(page)) - 1;
			goto isolate_fail;
		}
		if (!page_is_migratable(page))
			goto isolate_fail;
		if (isolate_lru_page(page))
			goto isolate_fail;
		SetPageIsolated(page); /* on a migration list (the heatmap shows it) */
		page_list_add_tail(&cc->migratepages, page);
		cc->nr_migratepages++;
		nr_isolated++;
		/* a bounded pass takes small bites even when rescanning */
		if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX && (!cc->rescan || cc->max_migrated)) {
			++low_pfn;
			break;
		}
		continue;
isolate_fail:
		if (!skip_on_failure)
			continue;
		/* this order-aligned block cannot become free: drop it, go on */
		if (nr_isolated) {
			putback_movable_pages(&cc->migratepages);
			cc->nr_migratepages = 0;
			nr_isolated = 0;
		}
		if (low_pfn < next_skip_pfn) {
			low_pfn = next_skip_pfn - 1;
			next_skip_pfn += 1UL << cc->order;
		}
	}
	if (low_pfn > end_pfn)
		low_pfn = end_pfn;
isolate_abort:
	if (low_pfn == end_pfn && (!nr_isolated || cc->rescan)) {
		if (valid_page && !cc->no_set_skip_hint)
			set_pageblock_skip(valid_page);
		update_cached_migrate(cc, low_pfn);
	}
	cc->total_migrate_scanned += nr_scanned;
	compact_stats.migrate_scanned += nr_scanned;
	return low_pfn;
}

/* Which pageblocks may be emptied: async direct compaction sticks to its own type. */
static bool suitable_migration_source(struct compact_control *cc, struct page *page)
{
	int block_mt;

	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	block_mt = get_pageblock_migratetype(page);
	if (cc->migratetype == MIGRATE_MOVABLE)
		return is_migrate_movable(block_mt);
	return block_mt == cc->migratetype;
}

static enum isolate_migrate_t isolate_migratepages(struct compact_control *cc)
{
	unsigned long block_start_pfn, block_end_pfn, low_pfn;
	struct page *page;

	low_pfn = cc->migrate_pfn;
	block_start_pfn = pageblock_start_pfn(low_pfn);
	if (block_start_pfn < cc->zone->zone_start_pfn)
		block_start_pfn = cc->zone->zone_start_pfn;
	block_end_pfn = pageblock_end_pfn(low_pfn);

	for (; block_end_pfn <= cc->free_pfn; low_pfn = block_end_pfn,
	     block_start_pfn = block_end_pfn, block_end_pfn += pageblock_nr_pages) {
		page = pageblock_pfn_to_page(block_start_pfn,
					     min(block_end_pfn, zone_end_pfn(cc->zone)), cc->zone);
		if (!page)
			continue;
		if (IS_ALIGNED(low_pfn, pageblock_nr_pages) && !isolation_suitable(cc, page))
			continue;
		if (!suitable_migration_source(cc, page)) {
			update_cached_migrate(cc, block_end_pfn);
			continue;
		}
		low_pfn = isolate_migratepages_block(cc, low_pfn,
						     min(block_end_pfn, zone_end_pfn(cc->zone)));
		break;
	}
	cc->migrate_pfn = low_pfn;
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* ---- when to stop ---- */

static inline bool compact_scanners_met(struct compact_control *cc)
{
	return (cc->free_pfn >> pageblock_order) <= (cc->migrate_pfn >> pageblock_order);
}

/*
 * alloc_contig_range(): isolate the movable pages of [start_pfn, end_pfn)
 * onto list, a cluster at a time (Linux isolate_migratepages_range()).
 * Returns the pfn to continue from.
 */
unsigned long isolate_migratepages_range(struct page_list *list, unsigned long start_pfn,
					 unsigned long end_pfn)
{
	struct compact_control cc = {
		.order = -1,
		.mode = MIGRATE_SYNC,
		.zone = page_zone(pfn_to_page(start_pfn)),
		.ignore_skip_hint = true,
		.no_set_skip_hint = true,
	};
	unsigned long pfn = start_pfn;

	page_list_init(&cc.migratepages);
	while (pfn < end_pfn && !cc.nr_migratepages) {
		unsigned long block_end = min(pageblock_end_pfn(pfn), end_pfn);

		pfn = isolate_migratepages_block(&cc, pfn, block_end);
	}
	*list = cc.migratepages;
	return pfn;
}

static enum compact_result __compact_finished(struct compact_control *cc)
{
	unsigned int order;
	const int migratetype = cc->migratetype;
	enum compact_result ret;

	if (cc->contended)
		return COMPACT_CONTENDED;
	if (compact_scanners_met(cc)) {
		reset_cached_positions(cc->zone);
		if (cc->direct_compaction)
			cc->zone->compact_blockskip_flush = true;
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	if (is_via_compact_memory(cc->order))
		return COMPACT_CONTINUE;
	/* finish the pageblock in hand first: it may become free as a whole */
	if (!IS_ALIGNED(cc->migrate_pfn, pageblock_nr_pages))
		return COMPACT_CONTINUE;

	ret = COMPACT_NO_SUITABLE_PAGE;
	for (order = (unsigned int)cc->order; order < MAX_ORDER; order++) {
		struct free_area *area = &cc->zone->free_area[order];
		bool can_steal;

		if (!free_area_empty(area, migratetype))
			return COMPACT_SUCCESS;
		if (migratetype == MIGRATE_MOVABLE && !free_area_empty(area, MIGRATE_CMA))
			return COMPACT_SUCCESS;
		if (find_suitable_fallback(area, order, migratetype, true, &can_steal) != -1) {
			if (migratetype == MIGRATE_MOVABLE)
				return COMPACT_SUCCESS;
			if (cc->mode == MIGRATE_ASYNC ||
			    IS_ALIGNED(cc->migrate_pfn, pageblock_nr_pages))
				return COMPACT_SUCCESS;
			ret = COMPACT_CONTINUE;
			break;
		}
	}
	return ret;
}

static enum compact_result compact_finished(struct compact_control *cc)
{
	enum compact_result ret = __compact_finished(cc);

	if (ret == COMPACT_NO_SUITABLE_PAGE)
		ret = COMPACT_CONTINUE;
	return ret;
}

static enum compact_result __compaction_suitable(struct zone *zone, int order,
						 unsigned int alloc_flags, int highest_zoneidx,
						 unsigned long wmark_target)
{
	unsigned long watermark;

	if (is_via_compact_memory(order))
		return COMPACT_CONTINUE;
	watermark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
	/* the allocation would succeed already */
	if (zone_watermark_ok(zone, (unsigned int)order, watermark, highest_zoneidx, alloc_flags))
		return COMPACT_SUCCESS;
	/* migration needs free order-0 pages to copy into */
	watermark = order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) : min_wmark_pages(zone);
	watermark += compact_gap((unsigned int)order);
	if (!__zone_watermark_ok(zone, 0, watermark, highest_zoneidx, ALLOC_CMA, (long)wmark_target))
		return COMPACT_SKIPPED;
	return COMPACT_CONTINUE;
}

enum compact_result compaction_suitable(struct zone *zone, int order, unsigned int alloc_flags,
					int highest_zoneidx)
{
	enum compact_result ret;

	ret = __compaction_suitable(zone, order, alloc_flags, highest_zoneidx,
				    zone_page_state(zone, NR_FREE_PAGES));
	/* a low fragmentation index means lack of memory, not fragmentation */
	if (ret == COMPACT_CONTINUE && order > PAGE_ALLOC_COSTLY_ORDER) {
		int fragindex = fragmentation_index(zone, (unsigned int)order);

		if (fragindex >= 0 && fragindex <= sysctl_extfrag_threshold)
			ret = COMPACT_NOT_SUITABLE_ZONE;
	}
	/*
	 * NOT_SUITABLE_ZONE is for the tracepoint only: callers see SKIPPED, so
	 * compact_zone() does not run and try_to_compact_pages() does not defer.
	 */
	if (ret == COMPACT_NOT_SUITABLE_ZONE)
		ret = COMPACT_SKIPPED;
	return ret;
}

/*
 * Would reclaim let some zone pass __compaction_suitable()?  A share of the
 * reclaimable pages, not all of them: one high-order allocation is not worth
 * thrashing for.  should_compact_retry() asks this when compaction was skipped.
 */
bool compaction_zonelist_suitable(struct zonelist *zonelist, int order, unsigned int alloc_flags,
				  int highest_zoneidx)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, zonelist, highest_zoneidx) {
		unsigned long available = zone_reclaimable_pages(zone) / (unsigned long)order;

		available += zone_page_state(zone, NR_FREE_PAGES);
		if (__compaction_suitable(zone, order, alloc_flags, highest_zoneidx, available) !=
		    COMPACT_SKIPPED)
			return true;
	}
	return false;
}

/* ---- compact_zone ---- */

static enum compact_result compact_zone(struct compact_control *cc)
{
	enum compact_result ret;
	unsigned long start_pfn = cc->zone->zone_start_pfn;
	unsigned long end_pfn = zone_end_pfn(cc->zone);
	unsigned long last_migrated_pfn;
	const unsigned long migrated0 = compact_stats.pgmigrate_success;
	const bool sync = cc->mode != MIGRATE_ASYNC;
	bool update_cached;

	page_list_init(&cc->freepages);
	page_list_init(&cc->migratepages);
	cc->nr_freepages = 0;
	cc->nr_migratepages = 0;
	cc->migratetype = gfp_migratetype(cc->gfp_mask);
	if (!is_via_compact_memory(cc->order)) {
		ret = compaction_suitable(cc->zone, cc->order, cc->alloc_flags, cc->highest_zoneidx);
		if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED)
			return ret;
	}
	if (compaction_restarting(cc->zone, cc->order))
		__reset_isolation_suitable(cc->zone);

	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
	} else {
		cc->migrate_pfn = cc->zone->compact_cached_migrate_pfn[sync];
		cc->free_pfn = cc->zone->compact_cached_free_pfn;
		if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn) {
			cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
			cc->zone->compact_cached_free_pfn = cc->free_pfn;
		}
		if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn) {
			cc->migrate_pfn = start_pfn;
			cc->zone->compact_cached_migrate_pfn[0] = cc->migrate_pfn;
			cc->zone->compact_cached_migrate_pfn[1] = cc->migrate_pfn;
		}
		if (cc->migrate_pfn <= cc->zone->compact_init_migrate_pfn)
			cc->whole_zone = true;
	}
	last_migrated_pfn = 0;
	/* a sync run that finishes early should not hide the zone from the next */
	update_cached = !sync && cc->zone->compact_cached_migrate_pfn[0] ==
				   cc->zone->compact_cached_migrate_pfn[1];

	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned long iteration_start_pfn = cc->migrate_pfn;
		int err;

		cc->rescan = pageblock_start_pfn(last_migrated_pfn) ==
				     pageblock_start_pfn(iteration_start_pfn) && last_migrated_pfn;
		switch (isolate_migratepages(cc)) {
		case ISOLATE_ABORT:
			ret = COMPACT_CONTENDED;
			putback_movable_pages(&cc->migratepages);
			cc->nr_migratepages = 0;
			goto out;
		case ISOLATE_NONE:
			if (update_cached)
				cc->zone->compact_cached_migrate_pfn[1] =
					cc->zone->compact_cached_migrate_pfn[0];
			goto check_drain;
		case ISOLATE_SUCCESS:
			update_cached = false;
			last_migrated_pfn = iteration_start_pfn;
		}
		err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free,
				    (unsigned long)cc, cc->mode);
		cc->nr_migratepages = 0;
		if (err) {
			putback_movable_pages(&cc->migratepages);
			/* no target pages left: the scanners will not meet sensibly */
			if (page_list_empty(&cc->freepages) && cc->free_pfn <= cc->migrate_pfn) {
				ret = COMPACT_CONTENDED;
				goto out;
			}
			if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
				cc->migrate_pfn = block_end_pfn_order(cc->migrate_pfn - 1,
								      max(cc->order, 0));
				last_migrated_pfn = 0;
			}
		}
check_drain:
		/* freed pages sit on the pcp lists: merge them once a block is done */
		if (cc->order > 0 && last_migrated_pfn) {
			unsigned long current_block_start =
				cc->migrate_pfn & ~((1UL << cc->order) - 1);

			if (last_migrated_pfn < current_block_start) {
				drain_local_pages(cc->zone);
				last_migrated_pfn = 0;
			}
		}
		/*
		 * A bounded pass stops when its budget is spent (ret stays
		 * COMPACT_CONTINUE), and the next one resumes in the pageblocks
		 * the scanners are in now: the cached positions are otherwise
		 * hints, a block further on once a block is done, and passes
		 * would skip blocks (and the free scanner, striding over blocks
		 * it finds full, the free pages left in a partly used one).
		 */
		if (cc->max_migrated &&
		    compact_stats.pgmigrate_success - migrated0 >= cc->max_migrated) {
			cc->zone->compact_cached_migrate_pfn[0] = pageblock_start_pfn(cc->migrate_pfn);
			cc->zone->compact_cached_migrate_pfn[1] = pageblock_start_pfn(cc->migrate_pfn);
			cc->zone->compact_cached_free_pfn = pageblock_start_pfn(cc->free_pfn);
			break;
		}
	}
out:
	if (cc->nr_freepages > 0) {
		unsigned long free_pfn = release_freepages(&cc->freepages);

		cc->nr_freepages = 0;
		free_pfn = pageblock_start_pfn(free_pfn);
		if (free_pfn > cc->zone->compact_cached_free_pfn)
			cc->zone->compact_cached_free_pfn = free_pfn;
	}
	drain_local_pages(cc->zone);
	return ret;
}

enum compact_result compact_zone_order(struct zone *zone, int order, gfp_t gfp_mask,
				       enum compact_priority prio, unsigned int alloc_flags,
				       int highest_zoneidx, struct page **capture)
{
	struct compact_control cc = {
		.order = order,
		.gfp_mask = gfp_mask,
		.zone = zone,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
		.alloc_flags = alloc_flags,
		.highest_zoneidx = highest_zoneidx,
		.direct_compaction = true,
		.whole_zone = prio == MIN_COMPACT_PRIORITY,
		.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
		.ignore_block_suitable = prio == MIN_COMPACT_PRIORITY,
	};
	enum compact_result ret;

	if (capture)
		*capture = NULL;
	mm_busy++;
	ret = compact_zone(&cc);
	mm_busy--;
	return ret;
}

enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order, int alloc_flags,
					 int highest_zoneidx, enum compact_priority prio,
					 struct page **capture)
{
	struct zonelist *zonelist = node_zonelist(numa_node_id(), gfp_mask);
	enum compact_result rc = COMPACT_SKIPPED;
	struct zoneref *z;
	struct zone *zone;

	if (capture)
		*capture = NULL;
	if (!(gfp_mask & __GFP_IO) || !sysctl_compaction_enabled)
		return COMPACT_SKIPPED;
	for_each_zone_zonelist(zone, z, zonelist, highest_zoneidx) {
		enum compact_result status;

		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, (int)order)) {
			rc = max(COMPACT_DEFERRED, rc);
			continue;
		}
		status = compact_zone_order(zone, (int)order, gfp_mask, prio,
					    (unsigned int)alloc_flags, highest_zoneidx, NULL);
		rc = max(status, rc);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, (int)order);
	}
	return rc;
}

static void compact_zone_whole(struct zone *zone)
{
	struct compact_control cc = {
		.order = -1,
		.gfp_mask = GFP_KERNEL,
		.zone = zone,
		.mode = MIGRATE_SYNC,
		.ignore_skip_hint = true,
		.whole_zone = true,
		.highest_zoneidx = MAX_NR_ZONES - 1,
	};

	mm_busy++;
	compact_zone(&cc);
	mm_busy--;
}

void compact_node(int nid)
{
	int zoneid;

	if (!node_online(nid))
		return;
	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &NODE_DATA(nid)->node_zones[zoneid];

		if (populated_zone(zone) && managed_zone(zone))
			compact_zone_whole(zone);
	}
}

enum compact_result compact_zone_step(struct zone *zone, unsigned long nr_pages)
{
	struct compact_control cc = {
		.order = -1,
		.gfp_mask = GFP_KERNEL,
		.zone = zone,
		.mode = MIGRATE_SYNC,
		.highest_zoneidx = MAX_NR_ZONES - 1,
		.ignore_skip_hint = true,
		.max_migrated = nr_pages ? nr_pages : 1,
	};
	enum compact_result ret;

	if (!populated_zone(zone) || !managed_zone(zone))
		return COMPACT_COMPLETE;
	mm_busy++;
	ret = compact_zone(&cc);
	mm_busy--;
	return ret == COMPACT_CONTINUE ? COMPACT_CONTINUE : COMPACT_COMPLETE;
}

void compact_nodes(void)
{
	int nid;

	for_each_online_node(nid)
		compact_node(nid);
}

/* ---- kcompactd ---- */

static bool kcompactd_node_suitable(pg_data_t *pgdat)
{
	int zoneid;

	for (zoneid = 0; zoneid <= pgdat->kcompactd_highest_zoneidx && zoneid < MAX_NR_ZONES;
	     zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		if (compaction_suitable(zone, pgdat->kcompactd_max_order, 0,
					pgdat->kcompactd_highest_zoneidx) == COMPACT_CONTINUE)
			return true;
	}
	return false;
}

void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (!order || !sysctl_compaction_enabled)
		return;
	if (pgdat->kcompactd_max_order < order)
		pgdat->kcompactd_max_order = order;
	if (!pgdat->kcompactd_wait || pgdat->kcompactd_highest_zoneidx > highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = highest_zoneidx;
	if (pgdat->kcompactd_wait)
		return;
	if (!kcompactd_node_suitable(pgdat))
		return;
	pgdat->kcompactd_wait = true;
	compact_stats.kcompactd_wake++;
}

bool kcompactd_run(pg_data_t *pgdat)
{
	struct compact_control cc = {
		.mode = MIGRATE_SYNC_LIGHT,
		.gfp_mask = GFP_KERNEL,
	};
	int zoneid;

	if (!pgdat->kcompactd_wait)
		return false;
	pgdat->kcompactd_wait = false;
	cc.order = pgdat->kcompactd_max_order;
	cc.highest_zoneidx = pgdat->kcompactd_highest_zoneidx;
	for (zoneid = 0; zoneid <= cc.highest_zoneidx && zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		enum compact_result status;

		if (!populated_zone(zone))
			continue;
		if (compaction_deferred(zone, cc.order))
			continue;
		if (compaction_suitable(zone, cc.order, 0, zoneid) != COMPACT_CONTINUE)
			continue;
		cc.zone = zone;
		cc.total_migrate_scanned = 0;
		cc.total_free_scanned = 0;
		status = compact_zone(&cc);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, cc.order, false);
		} else if (status == COMPACT_PARTIAL_SKIPPED || status == COMPACT_COMPLETE) {
			drain_all_pages(zone);
			defer_compaction(zone, cc.order);
		}
	}
	if (pgdat->kcompactd_max_order <= cc.order)
		pgdat->kcompactd_max_order = 0;
	if (pgdat->kcompactd_highest_zoneidx >= cc.highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = pgdat->nr_zones - 1;
	return true;
}
