// SPDX-License-Identifier: MIT
/*
 * debug.c - check_invariants(): do the allocator's structures agree?
 *
 * DOC: Walks every free list, pcp list and LRU list and then every struct
 * page of each zone, and checks that
 *  - a free-list entry is a PG_buddy head of that order, in that zone,
 *    naturally aligned, with index = its list's type, links consistent;
 *  - the lists hold exactly free_area[order].nr_free blocks, and
 *    NR_FREE_PAGES equals their pages; mm_abi's copies agree;
 *  - no two free buddies of the same order stay apart (they would merge);
 *  - pcp pages have PG_pcp (and nothing of the buddy state), the count
 *    matches pcp.count;
 *  - every PG_buddy / PG_pcp page in mem_map is on one of those lists,
 *    free pages have refcount 0 and no mapping;
 *  - LRU pages have PG_lru, sit on the list their flags name, and the LRU
 *    counters match; page-cache pages are in their file's slot.
 * Problems are printed (the first few) and counted.
 */
#include "internal.h"

#include <mm/pagecache.h>

#include <stdarg.h>

bool pagecache_page_consistent(const struct page *page);

#define MAX_REPORTS 10

struct inv_state {
	int problems;
};

static void __printf(2, 3) report(struct inv_state *st, const char *fmt, ...);

#ifdef GUEST_ARM
int vprintf(const char *fmt, va_list ap);
#define mm_vprintk vprintf
#else
int mm_vprintk(const char *fmt, va_list ap);
#endif

static void report(struct inv_state *st, const char *fmt, ...)
{
	va_list ap;

	if (st->problems++ >= MAX_REPORTS)
		return;
	pr_err("check_invariants: ");
	va_start(ap, fmt);
	mm_vprintk(fmt, ap);
	va_end(ap);
	pr_err("\n");
}

/* Walk a list checking the links; returns the number of entries (bounded). */
static unsigned long check_links(struct inv_state *st, const struct page_list *l,
				 const char *what)
{
	unsigned int i = l->head, prev = NIL;
	unsigned long n = 0;

	while (i != NIL) {
		struct page *page;

		if (i >= max_mapnr) {
			report(st, "%s: link %u outside mem_map", what, i);
			return n;
		}
		page = idx_page(i);
		if (page->prev != prev) {
			report(st, "%s: pfn 0x%lx prev link %u, expected %u", what, page_to_pfn(page),
			       (unsigned int)page->prev, prev);
			return n;
		}
		if (++n > max_mapnr) {
			report(st, "%s: loop", what);
			return n;
		}
		prev = i;
		i = page->next;
	}
	if (l->tail != prev)
		report(st, "%s: tail %u, last entry %u", what, (unsigned int)l->tail, prev);
	return n;
}

static void check_free_lists(struct inv_state *st, struct zone *zone)
{
	unsigned long nr_free_pages = 0;
	unsigned int order;
	int mt;

	for (order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long blocks = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			const struct page_list *l = &area->free_list[mt];
			struct page *page;
			unsigned long n = check_links(st, l, "free list");

			blocks += n;
			if (mt != MIGRATE_ISOLATE)
				nr_free_pages += n << order;
			if (n > max_mapnr)
				continue;
			page_list_for_each(page, l) {
				unsigned long pfn = page_to_pfn(page);

				if (!PageBuddy(page) || buddy_order(page) != order)
					report(st, "%s order %u: pfn 0x%lx not a buddy head of that order",
					       zone->name, order, pfn);
				if (page->index != (uint32_t)mt)
					report(st, "%s order %u: pfn 0x%lx index %u on list %d", zone->name,
					       order, pfn, (unsigned int)page->index, mt);
				if (page_zone(page) != zone || !zone_spans_pfn(zone, pfn) ||
				    !zone_spans_pfn(zone, pfn + (1UL << order) - 1))
					report(st, "%s: free pfn 0x%lx outside the zone", zone->name, pfn);
				if (pfn & ((1UL << order) - 1))
					report(st, "%s: free pfn 0x%lx misaligned for order %u", zone->name,
					       pfn, order);
				if (page->_refcount != 0 || page->_mapcount != -1 || page->mapping ||
				    PagePcp(page) || PageLRU(page) || PageReserved(page))
					report(st, "%s: free pfn 0x%lx in a bad state (flags 0x%x ref %d)",
					       zone->name, pfn, (unsigned int)page->flags, (int)page->_refcount);
			}
		}
		if (blocks != area->nr_free)
			report(st, "%s order %u: %lu blocks on the lists, nr_free %lu", zone->name,
			       order, blocks, area->nr_free);
		if (zone->node == 0 && mm_abi.zones[zone_idx(zone)].nr_free[order] != area->nr_free)
			report(st, "%s order %u: mm_abi nr_free %u, zone %lu", zone->name, order,
			       (unsigned int)mm_abi.zones[zone_idx(zone)].nr_free[order], area->nr_free);
	}
	if (nr_free_pages != zone_page_state(zone, NR_FREE_PAGES))
		report(st, "%s: %lu free pages on the lists, NR_FREE_PAGES %lu", zone->name,
		       nr_free_pages, zone_page_state(zone, NR_FREE_PAGES));
}

static void check_pcp(struct inv_state *st, struct zone *zone)
{
	unsigned long total = 0;
	int mt;

	for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
		const struct page_list *l = &zone->pcp.lists[mt];
		unsigned long n = check_links(st, l, "pcp list");
		struct page *page;

		total += n;
		if (n > max_mapnr)
			continue;
		page_list_for_each(page, l) {
			if (!PagePcp(page) || PageBuddy(page) || page->index != (uint32_t)mt ||
			    page_zone(page) != zone || page->_refcount != 0 || page->mapping ||
			    page->private >= MIGRATE_TYPES || is_migrate_isolate((int)page->private))
				report(st, "%s pcp list %d: pfn 0x%lx in a bad state (flags 0x%x index %u)",
				       zone->name, mt, page_to_pfn(page), (unsigned int)page->flags, (unsigned int)page->index);
		}
	}
	if (total != (unsigned long)zone->pcp.count)
		report(st, "%s: %lu pages on pcp lists, count %d", zone->name, total, zone->pcp.count);
	if (zone->pcp.count > zone->pcp.high && zone->pcp.high)
		report(st, "%s: pcp count %d above high %d", zone->name, zone->pcp.count,
		       zone->pcp.high);
}

/* Every struct page of the zone: free blocks tile, buddies merged, flags sane. */
static void check_zone_pages(struct inv_state *st, struct zone *zone)
{
	unsigned long pfn, end = zone_end_pfn(zone);
	unsigned long heads = 0, pcp = 0, free_pages = 0;
	unsigned long nr_free_blocks = 0;
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++)
		nr_free_blocks += zone->free_area[order].nr_free;

	for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page_is_hole(page) || page_zone(page) != zone)
			continue;
		if (PageBuddy(page) && PagePcp(page))
			report(st, "pfn 0x%lx is both PG_buddy and PG_pcp", pfn);
		if (PagePcp(page))
			pcp++;
		if (!PageBuddy(page))
			continue;
		heads++;
		order = buddy_order(page);
		if (order >= MAX_ORDER) {
			report(st, "pfn 0x%lx: buddy order %u", pfn, order);
			continue;
		}
		free_pages += 1UL << order;
		/* the rest of the block is plain free memory */
		{
			unsigned long i;

			for (i = 1; i < (1UL << order) && pfn + i < end; i++) {
				struct page *p = page + i;

				if (PageBuddy(p) || PagePcp(p) || p->_refcount || PageLRU(p) ||
				    PageSlab(p) || PageReserved(p)) {
					report(st, "pfn 0x%lx inside free block 0x%lx/%u is in use "
					       "(flags 0x%x ref %d)", pfn + i, pfn, order, (unsigned int)p->flags,
					       (int)p->_refcount);
					break;
				}
			}
		}
		/* a free buddy of the same order would have merged */
		if (order < MAX_ORDER - 1) {
			unsigned long buddy_pfn = __find_buddy_pfn(pfn, order);

			if (buddy_pfn - mem_map_pfn_base < max_mapnr &&
			    page_is_buddy_of(page, pfn_to_page(buddy_pfn), order))
				report(st, "free buddies 0x%lx and 0x%lx of order %u not merged", pfn,
				       buddy_pfn, order);
		}
		pfn += (1UL << order) - 1;
	}
	if (heads != nr_free_blocks)
		report(st, "%s: %lu PG_buddy heads in mem_map, %lu on the free lists", zone->name,
		       heads, nr_free_blocks);
	if (pcp != (unsigned long)zone->pcp.count)
		report(st, "%s: %lu PG_pcp pages in mem_map, pcp count %d", zone->name, pcp,
		       zone->pcp.count);
	if (free_pages + pcp > zone->managed_pages)
		report(st, "%s: %lu free + %lu pcp pages exceed %lu managed", zone->name, free_pages,
		       pcp, zone->managed_pages);
}

static void check_lru(struct inv_state *st, pg_data_t *pgdat)
{
	unsigned long zone_counts[MAX_NR_ZONES][NR_LRU_LISTS] = { { 0 } };
	int lru, z;

	for (lru = 0; lru < NR_LRU_LISTS; lru++) {
		const struct page_list *l = &pgdat->__lruvec.lists[lru];
		unsigned long n = check_links(st, l, "lru list");
		struct page *page;

		if (n > max_mapnr)
			continue;
		page_list_for_each(page, l) {
			int want;

			if (PageUnevictable(page))
				want = LRU_UNEVICTABLE;
			else
				want = (PageSwapBacked(page) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE) +
				       (PageActive(page) ? 1 : 0);
			if (!PageLRU(page) || want != lru || PageBuddy(page) || PagePcp(page) ||
			    page_to_nid(page) != pgdat->node_id)
				report(st, "lru %d: pfn 0x%lx in a bad state (flags 0x%x)", lru,
				       page_to_pfn(page), (unsigned int)page->flags);
			if (!PageSwapBacked(page) && page->mapping && !pagecache_page_consistent(page))
				report(st, "pfn 0x%lx: page-cache slot of file %u offset %u does not "
				       "point back", page_to_pfn(page), (unsigned int)page->mapping, (unsigned int)page->index);
			if (page->_refcount <= 0)
				report(st, "lru %d: pfn 0x%lx refcount %d", lru, page_to_pfn(page),
				       (int)page->_refcount);
			zone_counts[page_zonenum(page)][lru]++;
		}
		if (n != node_page_state(pgdat, (enum node_stat_item)(NR_LRU_BASE + lru)))
			report(st, "node %d lru %d: %lu pages listed, counter %lu", pgdat->node_id, lru,
			       n, node_page_state(pgdat, (enum node_stat_item)(NR_LRU_BASE + lru)));
	}
	for (z = 0; z < MAX_NR_ZONES; z++) {
		for (lru = 0; lru < NR_LRU_LISTS; lru++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long c = zone_page_state(zone,
							  (enum zone_stat_item)(NR_ZONE_LRU_BASE + lru));

			if (c != zone_counts[z][lru])
				report(st, "%s lru %d: %lu pages listed, counter %lu", zone->name, lru,
				       zone_counts[z][lru], c);
		}
	}
}

int check_invariants(void)
{
	struct inv_state st = { 0 };
	unsigned long flags;
	pg_data_t *pgdat;
	int z;

	if (!mm_zones_ready)
		return 0;
	zone_lock(flags);
	for_each_online_pgdat(pgdat) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!populated_zone(zone))
				continue;
			check_free_lists(&st, zone);
			check_pcp(&st, zone);
			check_zone_pages(&st, zone);
		}
		check_lru(&st, pgdat);
	}
	zone_unlock(flags);
	if (st.problems > MAX_REPORTS)
		pr_err("check_invariants: %d problems (%d not shown)\n", st.problems,
		       st.problems - MAX_REPORTS);
	return st.problems;
}
