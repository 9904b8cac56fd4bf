// SPDX-License-Identifier: MIT
/*
 * page_isolation.c - pageblock isolation and contiguous ranges (Linux
 * mm/page_isolation.c and alloc_contig_range() of mm/page_alloc.c).
 *
 * DOC: alloc_contig_range() is what cma_alloc() stands on.  It sets the
 * pageblocks of the range MIGRATE_ISOLATE, so their free pages move to the
 * ISOLATE free lists (not counted free, not allocatable) and pages freed
 * from now on land there too; migrates the movable pages of the range to
 * pages elsewhere with the compaction/migration code; checks that every page
 * of the range is now free (test_pages_isolated()); takes the range off the
 * free lists as order-0 pages with a reference each; and puts the pageblocks
 * back to their type.  A page that will not move (pinned, not on an LRU,
 * still referenced after the retries) makes it fail with -EBUSY, reported
 * as Linux reports it: the busy PFN range and a dump of the page with why.
 */
#include "internal.h"

#include <mm/cma.h>
#include <mm/compaction.h>

/* ---- isolation ---- */

static int set_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;
	int mt, nr;

	zone_lock(flags);
	mt = get_pageblock_migratetype(page);
	/*
	 * Linux's has_unmovable_pages() lets a CMA request isolate CMA blocks
	 * and anyone isolate movable ones; other blocks hold unmovable pages.
	 */
	if (mt != migratetype || (mt != MIGRATE_CMA && mt != MIGRATE_MOVABLE)) {
		zone_unlock(flags);
		return -EBUSY;
	}
	zone->nr_isolate_pageblock++;
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	nr = move_freepages_block(zone, page, MIGRATE_ISOLATE, NULL);
	__mod_zone_freepage_state(zone, -(long)nr, mt);
	zone_unlock(flags);
	/* pages on the pcp lists go to the isolated lists (the drain sees the isolation) */
	drain_all_pages(zone);
	return 0;
}

static void unset_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;
	int nr;

	zone_lock(flags);
	if (is_migrate_isolate(get_pageblock_migratetype(page))) {
		nr = move_freepages_block(zone, page, migratetype, NULL);
		__mod_zone_freepage_state(zone, nr, migratetype);
		set_pageblock_migratetype(page, migratetype);
		zone->nr_isolate_pageblock--;
	}
	zone_unlock(flags);
}

int start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype)
{
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		if (set_migratetype_isolate(pfn_to_page(pfn), migratetype)) {
			undo_isolate_page_range(start_pfn, pfn, migratetype);
			return -EBUSY;
		}
	}
	return 0;
}

void undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn, int migratetype)
{
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages)
		unset_migratetype_isolate(pfn_to_page(pfn), migratetype);
}

int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn, unsigned long *busy_pfn)
{
	unsigned long pfn = start_pfn;

	while (pfn < end_pfn) {
		struct page *page = pfn_to_page(pfn);

		if (!is_migrate_isolate(get_pageblock_migratetype(page)) || !PageBuddy(page)) {
			if (busy_pfn)
				*busy_pfn = pfn;
			return -EBUSY;
		}
		pfn += 1UL << buddy_order(page);
	}
	return 0;
}

/* ---- migrating a range ---- */

/* Linux alloc_migration_target(): a page anywhere else, highmem if the old one was. */
static struct page *alloc_migration_target(struct page *page, unsigned long private)
{
	gfp_t gfp = GFP_USER | __GFP_MOVABLE | __GFP_RETRY_MAYFAIL | __GFP_NOWARN;

	(void)private;
	if (PageHighMem(page) || page_zonenum(page) == ZONE_MOVABLE)
		gfp |= __GFP_HIGHMEM;
	return alloc_pages(gfp, 0);
}

/* Migrate the movable pages of [start, end) elsewhere; 0 or -EBUSY/-ENOMEM. */
static int __alloc_contig_migrate_range(unsigned long start, unsigned long end)
{
	struct page_list list;
	unsigned long pfn = start;
	unsigned int tries = 0;
	int ret = 0;

	page_list_init(&list);
	while (pfn < end || !page_list_empty(&list)) {
		if (page_list_empty(&list)) {
			pfn = isolate_migratepages_range(&list, pfn, end);
			tries = 0;
			if (page_list_empty(&list))
				continue;
		} else if (++tries == 5) {
			ret = -EBUSY;
			break;
		}
		/* what stays on the list wants another try (-EAGAIN): at most 5 */
		migrate_pages(&list, alloc_migration_target, NULL, 0, MIGRATE_SYNC);
	}
	if (!page_list_empty(&list))
		putback_movable_pages(&list);
	return ret;
}

/* Why this page keeps alloc_contig_range() from the range (for the report). */
static const char *busy_reason(struct page *page)
{
	if (PagePinned(page))
		return "pinned";
	if (PageLRU(page))
		return "migration failure";
	if (PageSlab(page) || PageTable(page) || PageReserved(page) || PageKernel(page))
		return "unmovable page";
	if (page_count(page))
		return "not on an LRU list (unmovable)";
	return "free but not isolated";
}

/* Take the isolated free blocks of [start, end) off the lists as order-0 pages; the end of the last. */
static unsigned long isolate_freepages_range(struct zone *zone, unsigned long start,
					     unsigned long end)
{
	unsigned long pfn = start, flags;

	zone_lock(flags);
	while (pfn < end) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order = buddy_order(page);

		del_page_from_free_list(page, zone, order);
		post_alloc_hook(page, order, __GFP_MOVABLE);
		split_page(page, order);
		pfn += 1UL << order;
	}
	zone_unlock(flags);
	return pfn;
}

int alloc_contig_range(unsigned long start, unsigned long end, int migratetype, unsigned int gfp)
{
	unsigned long outer_start, outer_end, busy = 0;
	unsigned long iso_start = pageblock_start_pfn(start);
	unsigned long iso_end = ALIGN(end, pageblock_nr_pages);
	struct zone *zone = page_zone(pfn_to_page(start));
	unsigned int order;
	int ret;

	if (start >= end || page_zone(pfn_to_page(end - 1)) != zone)
		return -EINVAL;
	ret = start_isolate_page_range(iso_start, iso_end, migratetype);
	if (ret) {
		if (!(gfp & __GFP_NOWARN))
			pr_info("alloc_contig_range: [%lx, %lx) PFNs busy: a pageblock is not %s\n",
				start, end, migratetype_names[migratetype]);
		return ret;
	}
	mm_busy++;
	ret = __alloc_contig_migrate_range(start, end);
	if (ret && ret != -EBUSY)
		goto done;
	ret = 0;
	drain_all_pages(zone);

	/* the free block holding start may begin below it */
	order = 0;
	outer_start = start;
	while (!PageBuddy(pfn_to_page(outer_start))) {
		if (++order >= MAX_ORDER) {
			outer_start = start;
			break;
		}
		outer_start &= ~0UL << order;
	}
	if (outer_start != start &&
	    outer_start + (1UL << buddy_order(pfn_to_page(outer_start))) <= start)
		outer_start = start;

	if (test_pages_isolated(outer_start, end, &busy)) {
		if (!(gfp & __GFP_NOWARN)) {
			pr_info("alloc_contig_range: [%lx, %lx) PFNs busy\n", outer_start, end);
			dump_page(pfn_to_page(busy), busy_reason(pfn_to_page(busy)));
		}
		ret = -EBUSY;
		goto done;
	}
	outer_end = isolate_freepages_range(zone, outer_start, end);
	if (start != outer_start)
		free_contig_range(outer_start, start - outer_start);
	if (end != outer_end)
		free_contig_range(end, outer_end - end);
done:
	undo_isolate_page_range(iso_start, iso_end, migratetype);
	mm_busy--;
	return ret;
}

void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	for (; nr_pages--; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page_count(page) != 1)
			pr_warn("free_contig_range: pfn 0x%lx has %d references\n", pfn,
				page_count(page));
		__free_pages(page, 0);
	}
}
