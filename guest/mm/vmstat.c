// SPDX-License-Identifier: MIT
/*
 * vmstat.c - /proc-style reports (Linux 5.11 mm/vmstat.c, show_free_areas()).
 *
 * DOC: show_buddyinfo() and show_pagetypeinfo() print exactly what
 * /proc/buddyinfo and /proc/pagetypeinfo print; show_zoneinfo_watermarks()
 * the watermark part of /proc/zoneinfo; show_unusable_index() and
 * show_extfrag_index() the debugfs extfrag tables; show_free_areas() and
 * show_mem() the report printed on allocation failure and OOM.
 */
#include "internal.h"

#include <mm/compaction.h>
#include <mm/pagecache.h>

#define K(x) ((x) << (PAGE_SHIFT - 10))

/* Populated zones of every online node, in order. */
#define for_each_shown_zone(pgdat, zone)                                                   \
	for_each_online_pgdat(pgdat)                                                       \
		for ((zone) = (pgdat)->node_zones; (zone) < (pgdat)->node_zones + MAX_NR_ZONES; \
		     (zone)++)                                                             \
			if (!populated_zone(zone)) ; else

void show_buddyinfo(void)
{
	pg_data_t *pgdat;
	struct zone *zone;

	for_each_shown_zone(pgdat, zone) {
		unsigned long flags;
		unsigned long nr[MAX_ORDER];
		unsigned int order;

		zone_lock(flags);
		for (order = 0; order < MAX_ORDER; order++)
			nr[order] = zone->free_area[order].nr_free;
		zone_unlock(flags);
		printk("Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			printk("%6lu ", nr[order]);
		printk("\n");
	}
}

static unsigned long count_free_list(const struct page_list *l, bool *overflow)
{
	const struct page *page;
	unsigned long n = 0;

	*overflow = false;
	page_list_for_each(page, l) {
		if (++n >= 100000) {
			*overflow = true;
			break;
		}
	}
	return n;
}

void show_pagetypeinfo(void)
{
	pg_data_t *pgdat;
	struct zone *zone;
	unsigned int order;
	int mtype;

	printk("Page block order: %d\n", pageblock_order);
	printk("Pages per block:  %lu\n", pageblock_nr_pages);
	printk("\n");
	printk("%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		printk("%6u ", order);
	printk("\n");
	for_each_shown_zone(pgdat, zone) {
		for (mtype = 0; mtype < MIGRATE_TYPES; mtype++) {
			printk("Node %4d, zone %8s, type %12s ", pgdat->node_id, zone->name,
			       migratetype_names[mtype]);
			for (order = 0; order < MAX_ORDER; order++) {
				unsigned long flags, n;
				bool overflow;

				zone_lock(flags);
				n = count_free_list(&zone->free_area[order].free_list[mtype],
						    &overflow);
				zone_unlock(flags);
				printk("%s%6lu ", overflow ? ">" : "", n);
			}
			printk("\n");
		}
	}

	printk("\n%-23s", "Number of blocks type ");
	for (mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		printk("%12s ", migratetype_names[mtype]);
	printk("\n");
	for_each_shown_zone(pgdat, zone) {
		unsigned long count[MIGRATE_TYPES] = { 0 };
		unsigned long pfn;

		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
		     pfn += pageblock_nr_pages) {
			struct page *page;

			if (!pfn_valid(pfn))
				continue;
			page = pfn_to_page(pfn);
			if (page_zone(page) != zone)
				continue;
			count[get_pageblock_migratetype(page)]++;
		}
		printk("Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (mtype = 0; mtype < MIGRATE_TYPES; mtype++)
			printk("%12lu ", count[mtype]);
		printk("\n");
	}
}

void show_zoneinfo_watermarks(void)
{
	pg_data_t *pgdat;
	struct zone *zone;
	int i;

	for_each_shown_zone(pgdat, zone) {
		printk("Node %d, zone %8s", pgdat->node_id, zone->name);
		printk("\n  pages free     %lu", zone_page_state(zone, NR_FREE_PAGES));
		printk("\n        boost    %lu", zone->watermark_boost);
		printk("\n        min      %lu", min_wmark_pages(zone));
		printk("\n        low      %lu", low_wmark_pages(zone));
		printk("\n        high     %lu", high_wmark_pages(zone));
		printk("\n        spanned  %lu", zone->spanned_pages);
		printk("\n        present  %lu", zone->present_pages);
		printk("\n        managed  %lu", zone_managed_pages(zone));
		printk("\n        protection: (%ld", zone->lowmem_reserve[0]);
		for (i = 1; i < MAX_NR_ZONES; i++)
			printk(", %ld", zone->lowmem_reserve[i]);
		printk(")");
		printk("\n  pagesets");
		printk("\n    cpu: 0");
		printk("\n              count: %d", zone->pcp.count);
		printk("\n              high:  %d", zone->pcp.high);
		printk("\n              batch: %d", zone->pcp.batch);
		printk("\n  start_pfn:           %lu\n", zone->zone_start_pfn);
	}
}

/* ---- fragmentation metrics ---- */

struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};

static void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
				  struct contig_page_info *info)
{
	unsigned int order;

	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = zone->free_area[order].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += blocks << (order - suitable_order);
	}
}

/*
 * -1000: a suitable block exists; near 0: an allocation would fail for lack
 * of memory; near 1000: it would fail because of fragmentation.
 */
static int __fragmentation_index(unsigned int order, const struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (order >= MAX_ORDER)
		return 0;
	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return (int)(1000 - ((1000 + info->free_pages * 1000 / requested) /
			     info->free_blocks_total));
}

/* Thousandths of free memory not usable for a block of this order. */
static int __unusable_free_index(unsigned int order, const struct contig_page_info *info)
{
	if (!info->free_pages)
		return 1000;
	return (int)((info->free_pages - (info->free_blocks_suitable << order)) * 1000 /
		     info->free_pages);
}

int fragmentation_index(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return __fragmentation_index(order, &info);
}

int unusable_free_index(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return __unusable_free_index(order, &info);
}

/*
 * As 5.11's seq_printf("%2d.%03d ", index / 1000, index % 1000) (the
 * unusable index without the width).  Only a fragmentation index in
 * (-1000, 0) differs: Linux would print " 0.-500" for -500 (one free block,
 * half the request); this prints "-0.500", in the same two columns, as the
 * host's metrics.c does.  -1000 stays "-1.000".
 */
static void print_index(int index, bool pad)
{
	if (index < 0 && index > -1000)
		printk("-0.%03d ", -index);
	else
		printk(pad ? "%2d.%03d " : "%d.%03d ", index / 1000, index % 1000);
}

void show_unusable_index(void)
{
	pg_data_t *pgdat;
	struct zone *zone;
	unsigned int order;

	for_each_shown_zone(pgdat, zone) {
		printk("Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			print_index(unusable_free_index(zone, order), false);
		printk("\n");
	}
}

void show_extfrag_index(void)
{
	pg_data_t *pgdat;
	struct zone *zone;
	unsigned int order;

	for_each_shown_zone(pgdat, zone) {
		printk("Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			print_index(fragmentation_index(zone, order), true);
		printk("\n");
	}
}

/* ---- the OOM / allocation-failure report ---- */

static void show_migration_types(unsigned char type)
{
	static const char types[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = 'U', [MIGRATE_MOVABLE] = 'M', [MIGRATE_RECLAIMABLE] = 'E',
		[MIGRATE_HIGHATOMIC] = 'H', [MIGRATE_CMA] = 'C', [MIGRATE_ISOLATE] = 'I',
	};
	char tmp[MIGRATE_TYPES + 1];
	char *p = tmp;
	int i;

	for (i = 0; i < MIGRATE_TYPES; i++) {
		if (type & (1 << i))
			*p++ = types[i];
	}
	*p = '\0';
	printk("(%s) ", tmp);
}

static unsigned long global_node_state(enum node_stat_item item)
{
	pg_data_t *pgdat;
	unsigned long sum = 0;

	for_each_online_pgdat(pgdat)
		sum += node_page_state(pgdat, item);
	return sum;
}

void show_free_areas(unsigned int filter)
{
	unsigned long free_pcp = 0, free = 0, free_cma = 0;
	pg_data_t *pgdat;
	struct zone *zone;
	int i;

	(void)filter;
	for_each_shown_zone(pgdat, zone) {
		free_pcp += (unsigned long)zone->pcp.count;
		free += zone_page_state(zone, NR_FREE_PAGES);
		free_cma += zone_page_state(zone, NR_FREE_CMA_PAGES);
	}
	printk("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
	       " active_file:%lu inactive_file:%lu isolated_file:%lu\n"
	       " unevictable:%lu dirty:%lu writeback:%lu\n"
	       " slab_reclaimable:%lu slab_unreclaimable:%lu\n"
	       " mapped:%lu shmem:%lu pagetables:%lu bounce:%lu\n"
	       " free:%lu free_pcp:%lu free_cma:%lu\n",
	       global_node_state(NR_ACTIVE_ANON), global_node_state(NR_INACTIVE_ANON),
	       global_node_state(NR_ISOLATED_ANON), global_node_state(NR_ACTIVE_FILE),
	       global_node_state(NR_INACTIVE_FILE), global_node_state(NR_ISOLATED_FILE),
	       global_node_state(NR_UNEVICTABLE), global_node_state(NR_FILE_DIRTY),
	       global_node_state(NR_WRITEBACK), global_node_state(NR_SLAB_RECLAIMABLE_B),
	       global_node_state(NR_SLAB_UNRECLAIMABLE_B), global_node_state(NR_FILE_MAPPED),
	       0UL, 0UL, 0UL, free, free_pcp, free_cma);

	for_each_online_pgdat(pgdat) {
		printk("Node %d active_anon:%lukB inactive_anon:%lukB active_file:%lukB "
		       "inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB "
		       "isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB "
		       "all_unreclaimable? %s\n",
		       pgdat->node_id, K(node_page_state(pgdat, NR_ACTIVE_ANON)),
		       K(node_page_state(pgdat, NR_INACTIVE_ANON)),
		       K(node_page_state(pgdat, NR_ACTIVE_FILE)),
		       K(node_page_state(pgdat, NR_INACTIVE_FILE)),
		       K(node_page_state(pgdat, NR_UNEVICTABLE)),
		       K(node_page_state(pgdat, NR_ISOLATED_ANON)),
		       K(node_page_state(pgdat, NR_ISOLATED_FILE)),
		       K(node_page_state(pgdat, NR_FILE_MAPPED)),
		       K(node_page_state(pgdat, NR_FILE_DIRTY)),
		       K(node_page_state(pgdat, NR_WRITEBACK)),
		       pgdat->kswapd_failures >= 16 ? "yes" : "no");
	}

	for_each_shown_zone(pgdat, zone) {
		printk("Node %d %s free:%lukB min:%lukB low:%lukB high:%lukB "
		       "reserved_highatomic:%luKB active_anon:%lukB inactive_anon:%lukB "
		       "active_file:%lukB inactive_file:%lukB unevictable:%lukB "
		       "writepending:%lukB present:%lukB managed:%lukB mlocked:%lukB "
		       "pagetables:%lukB bounce:%lukB free_pcp:%lukB local_pcp:%ukB free_cma:%lukB\n",
		       pgdat->node_id, zone->name, K(zone_page_state(zone, NR_FREE_PAGES)),
		       K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
		       K(high_wmark_pages(zone)), K(zone->nr_reserved_highatomic),
		       K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)),
		       K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)),
		       K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)),
		       K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)),
		       K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)),
		       K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)), K(zone->present_pages),
		       K(zone_managed_pages(zone)), K(zone_page_state(zone, NR_MLOCK)),
		       K(zone_page_state(zone, NR_PAGETABLE)), K(zone_page_state(zone, NR_BOUNCE)),
		       K((unsigned long)zone->pcp.count), K((unsigned int)zone->pcp.count),
		       K(zone_page_state(zone, NR_FREE_CMA_PAGES)));
		printk("lowmem_reserve[]:");
		for (i = 0; i < MAX_NR_ZONES; i++)
			printk(" %ld", zone->lowmem_reserve[i]);
		printk("\n");
	}

	for_each_shown_zone(pgdat, zone) {
		unsigned long nr[MAX_ORDER], flags, total = 0;
		unsigned char types[MAX_ORDER];
		unsigned int order;

		printk("Node %d %s: ", pgdat->node_id, zone->name);
		zone_lock(flags);
		for (order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			int type;

			nr[order] = area->nr_free;
			total += nr[order] << order;
			types[order] = 0;
			for (type = 0; type < MIGRATE_TYPES; type++) {
				if (!free_area_empty(area, type))
					types[order] |= (unsigned char)(1 << type);
			}
		}
		zone_unlock(flags);
		for (order = 0; order < MAX_ORDER; order++) {
			printk("%lu*%lukB ", nr[order], K(1UL) << order);
			if (nr[order])
				show_migration_types(types[order]);
		}
		printk("= %lukB\n", K(total));
	}
	printk("%lu total pagecache pages\n", global_node_state(NR_FILE_PAGES));
}

void show_mem(void)
{
	unsigned long total = 0, reserved = 0, highmem = 0;
	pg_data_t *pgdat;
	struct zone *zone;

	printk("Mem-Info:\n");
	show_free_areas(0);
	for_each_shown_zone(pgdat, zone) {
		total += zone->present_pages;
		reserved += zone->present_pages - zone_managed_pages(zone);
		if (is_highmem(zone))
			highmem += zone->present_pages;
	}
	printk("%lu pages RAM\n", total);
	printk("%lu pages HighMem/MovableOnly\n", highmem);
	printk("%lu pages reserved\n", reserved);
}
