// SPDX-License-Identifier: MIT
/*
 * mm_init.c - nodes, zones and mem_map from memblock; the hand-over to the buddy allocator.
 *
 * DOC: Linux 5.11's free_area_init() and friends (mm/page_alloc.c) and
 * ARM's bootmem_init()/mem_init() (arch/arm/mm/init.c):
 *  - zone limits: ZONE_DMA up to zone_dma_size, ZONE_NORMAL up to the
 *    lowmem limit, ZONE_HIGHMEM above it; ZONE_MOVABLE takes the top of the
 *    highest populated zone of each node (movablecore=/kernelcore=,
 *    find_zone_movable_pfns_for_nodes());
 *  - one mem_map (FLATMEM) covering every node, aligned to MAX_ORDER blocks
 *    so a buddy pfn always has a struct page; the pageblock flags beside it;
 *  - every struct page starts PG_reserved with its zone and node; pfns
 *    without RAM are holes;
 *  - memblock_free_all() gives memory minus reserved to the buddy allocator
 *    in the largest aligned blocks, zone by zone, then memblock refuses.
 */
#include "internal.h"

#include <mm/cma.h>

#include <mm/compaction.h>
#include <mm/memblock.h>
#include <mm/vmscan.h>

#include <string.h>

static struct pglist_data node1_data;
unsigned long zone_movable_pfn[MAX_NUMNODES];
static unsigned long arch_zone_lowest_possible_pfn[MAX_NR_ZONES];
static unsigned long arch_zone_highest_possible_pfn[MAX_NR_ZONES];
static unsigned long nr_kernel_pages, nr_all_pages;

/* ---- ranges ---- */

static void get_pfn_range_for_nid(int nid, unsigned long *start_pfn, unsigned long *end_pfn)
{
	unsigned long this_start, this_end;
	int i;

	*start_pfn = ~0UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, nid, &this_start, &this_end, NULL) {
		*start_pfn = min(*start_pfn, this_start);
		*end_pfn = max(*end_pfn, this_end);
	}
	if (*start_pfn == ~0UL)
		*start_pfn = 0;
}

static unsigned long find_min_pfn_with_active_regions(void)
{
	unsigned long start_pfn;

	get_pfn_range_for_nid(NUMA_NO_NODE, &start_pfn, &(unsigned long){ 0 });
	return start_pfn;
}

/* Pages of [range_start, range_end) with no memblock memory behind them. */
static unsigned long absent_pages_in_range(int nid, unsigned long range_start_pfn,
					   unsigned long range_end_pfn)
{
	unsigned long nr_absent = range_end_pfn - range_start_pfn;
	unsigned long start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, range_start_pfn, range_end_pfn);
		end_pfn = clamp(end_pfn, range_start_pfn, range_end_pfn);
		nr_absent -= end_pfn - start_pfn;
	}
	return nr_absent;
}

/* ZONE_MOVABLE is carved from the top of movable_zone: the highest populated zone. */
static void find_usable_zone_for_movable(void)
{
	int zone_index;

	for (zone_index = MAX_NR_ZONES - 1; zone_index >= 0; zone_index--) {
		if (zone_index == ZONE_MOVABLE)
			continue;
		if (arch_zone_highest_possible_pfn[zone_index] >
		    arch_zone_lowest_possible_pfn[zone_index])
			break;
	}
	VM_BUG_ON(zone_index == -1);
	movable_zone = zone_index;
}

/*
 * Where ZONE_MOVABLE starts in each node: kernelcore pages stay in the
 * kernel zones, spread evenly over the nodes; movablecore= is turned into
 * the matching kernelcore.  Starts are rounded up to MAX_ORDER blocks.
 */
static void find_zone_movable_pfns_for_nodes(void)
{
	unsigned long usable_startpfn;
	unsigned long totalpages = 0;
	unsigned long kernelcore_node, kernelcore_remaining;
	unsigned long start_pfn, end_pfn;
	int usable_nodes = 0;
	bool node_seen[MAX_NUMNODES] = { false };
	int i, nid;

	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	for_each_mem_pfn_range(i, NUMA_NO_NODE, &start_pfn, &end_pfn, &nid) {
		totalpages += end_pfn - start_pfn;
		if (!node_seen[nid]) {
			node_seen[nid] = true;
			usable_nodes++;
		}
	}

	if (required_kernelcore_percent)
		required_kernelcore = (totalpages * 100 * required_kernelcore_percent) / 10000UL;
	if (required_movablecore_percent)
		required_movablecore = (totalpages * 100 * required_movablecore_percent) / 10000UL;

	if (!required_kernelcore && !required_movablecore)
		goto out;

	find_usable_zone_for_movable();
	usable_startpfn = arch_zone_lowest_possible_pfn[movable_zone];

	if (required_movablecore) {
		unsigned long corepages;

		required_movablecore = ALIGN(required_movablecore, MAX_ORDER_NR_PAGES);
		required_movablecore = min(totalpages, required_movablecore);
		corepages = totalpages - required_movablecore;
		required_kernelcore = max(required_kernelcore, corepages);
	}
	/* all memory for the kernel, or none: no ZONE_MOVABLE */
	if (!required_kernelcore || required_kernelcore >= totalpages)
		goto out;

restart:
	kernelcore_node = required_kernelcore / (unsigned long)usable_nodes;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (!node_seen[nid])
			continue;
		if (required_kernelcore < kernelcore_node)
			kernelcore_node = required_kernelcore / (unsigned long)usable_nodes;
		kernelcore_remaining = kernelcore_node;
		for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
			unsigned long size_pages;

			start_pfn = max(start_pfn, zone_movable_pfn[nid]);
			if (start_pfn >= end_pfn)
				continue;
			/* pages below the movable-capable zone are kernelcore anyway */
			if (start_pfn < usable_startpfn) {
				unsigned long kernel_pages = min(end_pfn, usable_startpfn) - start_pfn;

				kernelcore_remaining -= min(kernel_pages, kernelcore_remaining);
				required_kernelcore -= min(kernel_pages, required_kernelcore);
				if (end_pfn <= usable_startpfn) {
					zone_movable_pfn[nid] = end_pfn;
					continue;
				}
				start_pfn = usable_startpfn;
			}
			size_pages = end_pfn - start_pfn;
			if (size_pages > kernelcore_remaining)
				size_pages = kernelcore_remaining;
			zone_movable_pfn[nid] = start_pfn + size_pages;
			required_kernelcore -= min(required_kernelcore, size_pages);
			kernelcore_remaining -= size_pages;
			if (!kernelcore_remaining)
				break;
		}
	}
	usable_nodes--;
	if (usable_nodes && required_kernelcore > (unsigned long)usable_nodes)
		goto restart;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		zone_movable_pfn[nid] = ALIGN(zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
out:
	return;
}

static void adjust_zone_range_for_zone_movable(int nid, int zone_type, unsigned long node_end_pfn,
					       unsigned long *zone_start_pfn,
					       unsigned long *zone_end_pfn)
{
	if (!zone_movable_pfn[nid])
		return;
	if (zone_type == ZONE_MOVABLE) {
		*zone_start_pfn = zone_movable_pfn[nid];
		*zone_end_pfn = min(node_end_pfn, arch_zone_highest_possible_pfn[movable_zone]);
	} else if (*zone_start_pfn < zone_movable_pfn[nid] &&
		   *zone_end_pfn > zone_movable_pfn[nid]) {
		*zone_end_pfn = zone_movable_pfn[nid];
	} else if (*zone_start_pfn >= zone_movable_pfn[nid]) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

static unsigned long zone_spanned_pages_in_node(int nid, int zone_type,
						unsigned long node_start_pfn,
						unsigned long node_end_pfn,
						unsigned long *zone_start_pfn,
						unsigned long *zone_end_pfn)
{
	unsigned long zone_low = arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = arch_zone_highest_possible_pfn[zone_type];

	*zone_start_pfn = *zone_end_pfn = 0;
	if (!node_start_pfn && !node_end_pfn)
		return 0;
	*zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	*zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_end_pfn, zone_start_pfn,
					   zone_end_pfn);
	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;
	*zone_end_pfn = min(*zone_end_pfn, node_end_pfn);
	*zone_start_pfn = max(*zone_start_pfn, node_start_pfn);
	if (*zone_end_pfn <= *zone_start_pfn)
		return 0;
	return *zone_end_pfn - *zone_start_pfn;
}

static void calculate_node_totalpages(struct pglist_data *pgdat, unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long realtotalpages = 0, totalpages = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		unsigned long zone_start_pfn, zone_end_pfn;
		unsigned long spanned, absent;

		spanned = zone_spanned_pages_in_node(pgdat->node_id, i, node_start_pfn,
						     node_end_pfn, &zone_start_pfn, &zone_end_pfn);
		absent = spanned ? absent_pages_in_range(pgdat->node_id, zone_start_pfn,
							 zone_end_pfn)
				 : 0;
		zone->zone_start_pfn = spanned ? zone_start_pfn : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = spanned - absent;
		totalpages += spanned;
		realtotalpages += spanned - absent;
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
	pr_debug("On node %d totalpages: %lu\n", pgdat->node_id, realtotalpages);
}

/* ---- struct page initialisation ---- */

static void init_single_page(struct page *page, int zone, int nid)
{
	memset(page, 0, sizeof(*page));
	page->flags = (1u << PAGE_VALID_SHIFT) | (1u << PG_reserved);
	set_page_links(page, zone, nid);
	page->next = NIL;
	page->prev = NIL;
	init_page_count(page);
	page_mapcount_reset(page);
}

static void init_hole_page(struct page *page)
{
	memset(page, 0, sizeof(*page));
	page->flags = (1u << PAGE_VALID_SHIFT) | (1u << PAGE_HOLE_SHIFT) | (1u << PG_reserved);
	page->next = NIL;
	page->prev = NIL;
	page_mapcount_reset(page);
}

static void memmap_init_zone(struct zone *zone)
{
	unsigned long zone_start = zone->zone_start_pfn, zone_end = zone_end_pfn(zone);
	unsigned long start_pfn, end_pfn, pfn;
	int nid = zone->node, zid = zone_idx(zone);
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, zone_start, zone_end);
		end_pfn = clamp(end_pfn, zone_start, zone_end);
		for (pfn = start_pfn; pfn < end_pfn; pfn++) {
			struct page *page = pfn_to_page(pfn);

			init_single_page(page, zid, nid);
			if (pfn >= max_low_pfn)
				SetPageHighMem(page);
			/* every pageblock starts movable (Linux memmap_init_zone) */
			if (IS_ALIGNED(pfn, pageblock_nr_pages) || pfn == zone_start)
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
}

static void zone_init_free_lists(struct zone *zone)
{
	unsigned int order;
	int t;

	for (order = 0; order < MAX_ORDER; order++) {
		for (t = 0; t < MIGRATE_TYPES; t++)
			page_list_init(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
	for (t = 0; t < MIGRATE_PCPTYPES; t++)
		page_list_init(&zone->pcp.lists[t]);
	/* boot pageset: every freed page goes straight to the buddy lists */
	zone->pcp.count = 0;
	zone->pcp.high = 0;
	zone->pcp.batch = 1;
}

static unsigned long calc_memmap_size(unsigned long spanned_pages)
{
	return PAGE_ALIGN(spanned_pages * sizeof(struct page)) >> PAGE_SHIFT;
}

static void free_area_init_core(struct pglist_data *pgdat)
{
	int nid = pgdat->node_id;
	int j;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long size = zone->spanned_pages;
		unsigned long freesize = zone->present_pages;
		unsigned long memmap_pages = calc_memmap_size(size);

		/* estimate of managed pages, for zonelists and early sizing */
		if (!is_highmem_idx(j)) {
			if (freesize >= memmap_pages)
				freesize -= memmap_pages;
			nr_kernel_pages += freesize;
		}
		nr_all_pages += freesize;
		zone->managed_pages = freesize;
		zone->node = nid;
		zone->name = zone_names[j];
		zone->zone_pgdat = pgdat;
		zone_init_free_lists(zone);
		zone->compact_cached_free_pfn = zone_end_pfn(zone);
		zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
		zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
		zone->compact_init_migrate_pfn = zone->zone_start_pfn;
		zone->compact_init_free_pfn = zone_end_pfn(zone);
		if (!size)
			continue;
		memmap_init_zone(zone);
	}
}

static void free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start_pfn = 0, end_pfn = 0;

	get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	pr_info("Initmem setup node %d [mem 0x%08lx-0x%08lx]\n", nid,
		(unsigned long)PFN_PHYS(start_pfn),
		end_pfn ? (unsigned long)PFN_PHYS(end_pfn) - 1 : 0);
	calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	lruvec_init(&pgdat->__lruvec);
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
	free_area_init_core(pgdat);
}

/* mem_map for all nodes, MAX_ORDER aligned, and the pageblock flags. */
static void alloc_mem_map(void)
{
	unsigned long start = ALIGN_DOWN(min_low_pfn, MAX_ORDER_NR_PAGES);
	unsigned long end = ALIGN(max_pfn, MAX_ORDER_NR_PAGES);
	unsigned long nr = end - start;
	unsigned long i;
	size_t size = nr * sizeof(struct page);

	mem_map = memblock_alloc(PAGE_ALIGN(size), PAGE_SIZE);
	if (!mem_map) {
		pr_emerg("Cannot allocate %lu bytes for mem_map\n", (unsigned long)size);
		BUG();
	}
	mem_map_pfn_base = start;
	max_mapnr = nr;
	pageblock_flags = memblock_alloc(nr >> pageblock_order, SMP_CACHE_BYTES);
	if (!pageblock_flags) {
		pr_emerg("Cannot allocate pageblock flags\n");
		BUG();
	}
	for (i = 0; i < nr; i++)
		init_hole_page(&mem_map[i]);
}

/*
 * Linux's free_area_init(max_zone_pfn): zone limits, ZONE_MOVABLE, then
 * each node's zones and struct pages.
 */
void free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn, end_pfn;
	int i, nid, z;

	memset(arch_zone_lowest_possible_pfn, 0, sizeof(arch_zone_lowest_possible_pfn));
	memset(arch_zone_highest_possible_pfn, 0, sizeof(arch_zone_highest_possible_pfn));
	start_pfn = find_min_pfn_with_active_regions();
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		end_pfn = max(max_zone_pfn[i], start_pfn);
		arch_zone_lowest_possible_pfn[i] = start_pfn;
		arch_zone_highest_possible_pfn[i] = end_pfn;
		start_pfn = end_pfn;
	}
	find_usable_zone_for_movable();
	find_zone_movable_pfns_for_nodes();

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		if (i == ZONE_DMA && !zone_dma_enabled)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (arch_zone_lowest_possible_pfn[i] == arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem 0x%08lx-0x%08lx]\n",
				(unsigned long)PFN_PHYS(arch_zone_lowest_possible_pfn[i]),
				(unsigned long)PFN_PHYS(arch_zone_highest_possible_pfn[i]) - 1);
	}
	pr_info("Movable zone start for each node\n");
	for (i = 0; i < MAX_NUMNODES; i++) {
		if (zone_movable_pfn[i])
			pr_info("  Node %d: 0x%08lx\n", i, (unsigned long)PFN_PHYS(zone_movable_pfn[i]));
	}
	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, NUMA_NO_NODE, &start_pfn, &end_pfn, &nid)
		pr_info("  node %3d: [mem 0x%08lx-0x%08lx]\n", nid, (unsigned long)PFN_PHYS(start_pfn),
			(unsigned long)PFN_PHYS(end_pfn) - 1);

	/* nodes with memory come online */
	nr_online_nodes = 0;
	for_each_mem_pfn_range(i, NUMA_NO_NODE, &start_pfn, &end_pfn, &nid) {
		if (nid < 0 || nid >= MAX_NUMNODES) {
			pr_warn("memory on node %d ignored: at most %d nodes\n", nid, MAX_NUMNODES);
			continue;
		}
		if (!node_data[nid]) {
			node_data[nid] = nid == 0 ? &contig_page_data : &node1_data;
			memset(node_data[nid], 0, sizeof(*node_data[nid]));
			node_data[nid]->node_id = nid;
			for (z = 0; z < MAX_NR_ZONES; z++)
				page_zone_table[zone_table_idx(nid, z)] = &node_data[nid]->node_zones[z];
			nr_online_nodes++;
		}
	}
	alloc_mem_map();
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		if (node_online(nid))
			free_area_init_node(nid);
	}
}

/* ---- zonelists ---- */

static int build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zonerefs)
{
	int zone_type = MAX_NR_ZONES;
	int nr_zones = 0;

	do {
		struct zone *zone;

		zone_type--;
		zone = pgdat->node_zones + zone_type;
		if (managed_zone(zone)) {
			zonerefs[nr_zones].zone = zone;
			zonerefs[nr_zones].zone_idx = zone_idx(zone);
			nr_zones++;
		}
	} while (zone_type);
	return nr_zones;
}

/* Local node's zones from the highest down, then every other node's. */
static void build_zonelists(pg_data_t *pgdat)
{
	struct zoneref *zonerefs = pgdat->node_zonelists[0]._zonerefs;
	int nid, i, nr = 0;

	nr += build_zonerefs_node(pgdat, zonerefs + nr);
	for (i = 1; i < MAX_NUMNODES; i++) {
		nid = (pgdat->node_id + i) % MAX_NUMNODES;
		if (node_online(nid))
			nr += build_zonerefs_node(NODE_DATA(nid), zonerefs + nr);
	}
	zonerefs[nr].zone = NULL;
	zonerefs[nr].zone_idx = 0;
	pgdat->nr_zones = 0;
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (populated_zone(&pgdat->node_zones[i]))
			pgdat->nr_zones = i + 1;
	}
}

void build_all_zonelists(void)
{
	pg_data_t *pgdat;
	unsigned long vm_total_pages;

	for_each_online_pgdat(pgdat)
		build_zonelists(pgdat);
	vm_total_pages = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	/* too little memory for grouping by mobility to pay off (Linux) */
	page_group_by_mobility_disabled = vm_total_pages < pageblock_nr_pages * MIGRATE_TYPES;
	pr_info("Built %d zonelists, mobility grouping %s.  Total pages: %lu\n", nr_online_nodes,
		page_group_by_mobility_disabled ? "off" : "on", vm_total_pages);
}

/* ---- hand-over ---- */

/* Free [start_pfn, end_pfn) (inside one zone) in the largest aligned blocks. */
static unsigned long free_pages_memory(unsigned long start, unsigned long end)
{
	unsigned long count = end > start ? end - start : 0;

	while (start < end) {
		unsigned int order = MAX_ORDER - 1;

		while (order && ((start & ((1UL << order) - 1)) || start + (1UL << order) > end))
			order--;
		__free_pages_core(pfn_to_page(start), order);
		start += 1UL << order;
	}
	return count;
}

unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long count = 0;
	struct zone *zone;
	u64 i;

	if (memblock_released()) {
		pr_warn("memblock_free_all: already done\n");
		return 0;
	}
	for_each_zone(zone)
		zone->managed_pages = 0;

	for_each_free_mem_range(i, NUMA_NO_NODE, MEMBLOCK_NONE, &start, &end, NULL) {
		unsigned long spfn = PFN_UP(start), epfn = PFN_DOWN(end);

		if (spfn >= epfn)
			continue;
		/* a block must not cross a zone boundary */
		for_each_populated_zone(zone) {
			unsigned long zs = max(spfn, zone->zone_start_pfn);
			unsigned long ze = min(epfn, zone_end_pfn(zone));
			unsigned long freed;

			if (zs >= ze)
				continue;
			freed = free_pages_memory(zs, ze);
			count += freed;
			if (is_highmem(zone))
				totalhigh_pages_count += freed;
		}
	}
	totalram_pages_count += count;
	memblock_mark_released();
	return count;
}

/* ---- boot entry points ---- */

/*
 * ARM bootmem_init(): the pfn limits from memblock, then zones and mem_map.
 * Requires arm_lowmem_limit (adjust_lowmem_bounds()).
 */
void bootmem_init(void);
void bootmem_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };

	min_low_pfn = PFN_UP(memblock_start_of_DRAM());
	max_pfn = PFN_DOWN(memblock_end_of_DRAM());
	max_low_pfn = min(PFN_DOWN(arm_lowmem_limit), max_pfn);

	zone_dma_enabled = zone_dma_size != 0;
	if (zone_dma_enabled)
		max_zone_pfn[ZONE_DMA] = min(PFN_DOWN(memblock_start_of_DRAM() + zone_dma_size),
					     max_low_pfn);
	max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
	max_zone_pfn[ZONE_HIGHMEM] = max_pfn;
	free_area_init(max_zone_pfn);
}

/* Mark the kernel image's frames (for the heatmap). */
static void mark_kernel_pages(void)
{
	phys_addr_t start, end;
	unsigned long pfn;

	arch_kernel_image(&start, &end);
	for (pfn = PFN_DOWN(start); pfn < PFN_UP(end); pfn++) {
		if (pfn_valid(pfn))
			SetPageKernel(pfn_to_page(pfn));
	}
}

static void mem_init_print_info(void)
{
	phys_addr_t kstart, kend;
	unsigned long physpages = 0, kernel_kb, reserved_kb;
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		physpages += pgdat->node_present_pages;
	arch_kernel_image(&kstart, &kend);
	kernel_kb = (unsigned long)(kend - kstart) >> 10;
	reserved_kb = (physpages - totalram_pages()) << (PAGE_SHIFT - 10);
	pr_info("Memory: %luK/%luK available (%luK kernel, %luK reserved, %luK highmem)\n",
		nr_free_pages() << (PAGE_SHIFT - 10), physpages << (PAGE_SHIFT - 10), kernel_kb,
		reserved_kb - kernel_kb, totalhigh_pages() << (PAGE_SHIFT - 10));
}

/*
 * Zonelists, the hand-over to the buddy allocator, per-cpu lists and
 * watermarks: after this, alloc_pages() works (MM_PHASE_BUDDY).
 */
void mem_init(void);
void mem_init(void)
{
	struct zone *zone;

	build_all_zonelists();
	mark_kernel_pages();
	mm_zones_ready = true;
	memblock_free_all();
	/* Linux does this at core_initcall; before the watermarks here, which count it */
	cma_init_reserved_areas();
	for_each_populated_zone(zone)
		zone_pcp_update(zone);
	init_per_zone_wmark_min();
	mm_abi_set_layout();
	mm_abi_sync_zones();
	mm_abi_set_phase(MM_PHASE_BUDDY);
	mem_init_print_info();
}

void mm_reset_state(void)
{
	memblock_reset();
	page_alloc_reset();
	memset(&node1_data, 0, sizeof(node1_data));
	memset(zone_movable_pfn, 0, sizeof(zone_movable_pfn));
	nr_kernel_pages = nr_all_pages = 0;
	required_movablecore = required_kernelcore = 0;
	required_movablecore_percent = required_kernelcore_percent = 0;
	memory_limit = 0;
	zone_dma_size = 0;
	cma_size_bytes = 0;
	cma_reset();
	vmalloc_size = VMALLOC_DEFAULT_SIZE;
	arm_lowmem_limit = 0;
	high_memory = NULL;
	pagecache_reset();
	rmap_reset();
	compaction_reset();
	vmscan_reset();
	mm_abi_reset();
}
