// SPDX-License-Identifier: MIT
/*
 * frag.c - fragment memory, then ask for high-order blocks without and with compaction.
 *
 * DOC: Deterministic, in five phases, each printing /proc/buddyinfo,
 * /proc/pagetypeinfo and the extfrag/unusable indices:
 *  1. boot: mm_init() on the DTB from r2;
 *  2. fill: all lowmem is taken by large unmovable blocks, then a 16 MiB
 *     working area (four pageblocks) is given back, and filled with an
 *     interleaving of movable user pages (anonymous pages mapped into a
 *     user address space, a tag in each) and unmovable kernel allocations
 *     of orders 0..2;
 *  3. fragment: every other movable page is unmapped and every third
 *     unmovable allocation freed: plenty of free memory, all in small holes;
 *  4. compaction off (sysctl_compaction_enabled = 0): order-6 movable and
 *     order-3 unmovable requests fail (nothing to reclaim either);
 *  5. compaction on: the same requests succeed; every moved page is then
 *     checked through its user mapping, by a page-table walk and by a real
 *     load through the MMU after switch_mm().
 * Exit 0 only if phase 4 failed, phase 5 produced the blocks, no data was
 * lost and check_invariants() stays clean.
 */
#include <stdio.h>
#include <string.h>

#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <mm/cma.h>
#include <mm/compaction.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>

#include "boot/setup.h"

#define WORK_BLOCKS 4          /* pageblocks given back for the workload */
#define HIGH_ORDER 6           /* the movable block to ask for */
#define UNMOV_ORDER 3          /* the unmovable block to ask for */
#define MAX_MOVABLE 4096
#define MAX_UNMOV 1024
#define MAX_HOG 512
#define USER_BASE 0x10000000ul
/*
 * Movable user pages, kept in lowmem (GFP_USER | __GFP_MOVABLE, not
 * GFP_HIGHUSER_MOVABLE) so the workload behaves the same on a board with
 * ZONE_HIGHMEM/ZONE_MOVABLE: everything happens in ZONE_NORMAL.
 */
#define GFP_MOVABLE_LOWMEM (GFP_USER | __GFP_MOVABLE)

struct hog {
	struct page *page;
	unsigned int order;
};

static struct hog hogs[MAX_HOG];
static int nr_hogs;
static bool movable_live[MAX_MOVABLE];
static int nr_movable;
static struct hog unmov[MAX_UNMOV];
static int nr_unmov;
static struct mm_struct *user_mm;
static int failures;

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond)) {                                                          \
			printf("frag: check failed: %s (line %d)\n", #cond, __LINE__);  \
			failures++;                                                     \
		}                                                                       \
	} while (0)

static unsigned long user_va(int i)
{
	return USER_BASE + (unsigned long)i * PAGE_SIZE;
}

static uint32_t tag_of(int i)
{
	return 0x5a000000u ^ ((uint32_t)i * 2654435761u);
}

/* Tag words at the start, middle and end of the page. */
static void tag_page(struct page *page, uint32_t tag)
{
	uint32_t *p = page_address(page);

	p[0] = tag;
	p[PAGE_SIZE / 8] = ~tag;
	p[PAGE_SIZE / 4 - 1] = tag + 1;
}

static bool page_tagged(const uint32_t *p, uint32_t tag)
{
	return p[0] == tag && p[PAGE_SIZE / 8] == ~tag && p[PAGE_SIZE / 4 - 1] == tag + 1;
}

static struct zone *normal_zone(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static void report(const char *phase)
{
	struct zone *z = normal_zone();

	drain_all_pages(NULL);
	printf("\n==== %s ====\n", phase);
	printf("free pages %lu, watermarks min %lu low %lu high %lu\n",
	       zone_page_state(z, NR_FREE_PAGES), min_wmark_pages(z), low_wmark_pages(z),
	       high_wmark_pages(z));
	printf("order-%d: fragmentation index %d, unusable free index %d (thousandths)\n",
	       HIGH_ORDER, fragmentation_index(z, HIGH_ORDER), unusable_free_index(z, HIGH_ORDER));
	printf("-- /proc/buddyinfo\n");
	show_buddyinfo();
	printf("-- /proc/pagetypeinfo\n");
	show_pagetypeinfo();
	printf("-- extfrag_index\n");
	show_extfrag_index();
	printf("-- unusable_index\n");
	show_unusable_index();
}

/* Free blocks of this order in the zones GFP_KERNEL/GFP_USER can use. */
static unsigned long lowmem_free_blocks(int order)
{
	return NODE_DATA(0)->node_zones[ZONE_DMA].free_area[order].nr_free +
	       normal_zone()->free_area[order].nr_free;
}

/*
 * Take free blocks of order >= min_order, largest first, ignoring
 * watermarks: "the rest of the kernel" holding memory.
 */
static void hog_blocks(int min_order)
{
	const gfp_t gfp = (GFP_KERNEL & ~__GFP_DIRECT_RECLAIM) | __GFP_MEMALLOC | __GFP_NOWARN;

	for (int order = MAX_ORDER - 1; order >= min_order; order--) {
		for (;;) {
			struct page *p;

			drain_all_pages(NULL);
			if (order && !lowmem_free_blocks(order))
				break;
			p = alloc_pages(gfp, (unsigned int)order);
			if (!p)
				break;
			if (nr_hogs == MAX_HOG) {
				printf("frag: too many hog blocks\n");
				failures++;
				return;
			}
			hogs[nr_hogs].page = p;
			hogs[nr_hogs].order = (unsigned int)order;
			nr_hogs++;
		}
	}
}

/* The fill takes the working area down to a fixed level, whatever the boosts say. */
#define FILL_GFP(gfp) (((gfp) & ~__GFP_DIRECT_RECLAIM) | __GFP_MEMALLOC | __GFP_NOWARN)

static int map_movable(int i)
{
	struct page *page = alloc_pages(FILL_GFP(GFP_MOVABLE_LOWMEM), 0);
	int ret;

	if (!page)
		return -ENOMEM;
	tag_page(page, tag_of(i));
	page_add_new_anon(page);
	ret = map_user_page(user_mm, user_va(i), page, PAGE_USER_RW);
	/* the mapping holds its own reference now; drop the allocation's */
	put_page(page);
	if (ret)
		return ret;
	movable_live[i] = true;
	return 0;
}

static void fill_work_area(void)
{
	static const unsigned int unmov_orders[] = { 0, 1, 0, 2, 0, 1 };
	/* down to the (unboosted) high watermark: the fill may dip below boosts */
	unsigned long stop = normal_zone()->_watermark[WMARK_HIGH] + 64;
	int step = 0;

	while (nr_movable < MAX_MOVABLE && zone_page_state(normal_zone(), NR_FREE_PAGES) > stop) {
		/* three movable pages, then one unmovable block of a mixed order */
		if (step++ % 4 != 3) {
			if (map_movable(nr_movable))
				break;
			nr_movable++;
		} else if (nr_unmov < MAX_UNMOV) {
			unsigned int o = unmov_orders[nr_unmov % 6];
			struct page *p = alloc_pages(FILL_GFP(GFP_KERNEL), o);

			if (!p)
				break;
			unmov[nr_unmov].page = p;
			unmov[nr_unmov].order = o;
			nr_unmov++;
		}
	}
	printf("filled: %d movable user pages, %d unmovable blocks\n", nr_movable, nr_unmov);
}

static void fragment(void)
{
	int freed_mov = 0, freed_unmov = 0;

	for (int i = 0; i < nr_movable; i += 2) {
		if (unmap_user_page(user_mm, user_va(i)) == 0) {
			movable_live[i] = false;
			freed_mov++;
		}
	}
	for (int i = 0; i < nr_unmov; i += 3) {
		__free_pages(unmov[i].page, unmov[i].order);
		unmov[i].page = NULL;
		freed_unmov++;
	}
	printf("fragmented: unmapped %d movable pages, freed %d unmovable blocks\n", freed_mov,
	       freed_unmov);
}

/* Ask for the two blocks; free them again.  Returns how many succeeded. */
static int try_high_order(const char *when)
{
	struct page *mov = alloc_pages(GFP_MOVABLE_LOWMEM | __GFP_NOWARN, HIGH_ORDER);
	struct page *unm = alloc_pages(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, UNMOV_ORDER);
	int ok = 0;

	printf("%s: order-%d movable %s", when, HIGH_ORDER, mov ? "allocated" : "FAILED");
	if (mov)
		printf(" at pfn 0x%lx", page_to_pfn(mov));
	printf(", order-%d unmovable %s", UNMOV_ORDER, unm ? "allocated" : "FAILED");
	if (unm)
		printf(" at pfn 0x%lx", page_to_pfn(unm));
	printf("\n");
	if (mov) {
		ok++;
		__free_pages(mov, HIGH_ORDER);
	}
	if (unm) {
		ok++;
		__free_pages(unm, UNMOV_ORDER);
	}
	return ok;
}

/* Every live user page still holds its tag: via the tables, and via the MMU. */
static int verify_user_pages(void)
{
	int bad = 0, moved = 0;

	for (int i = 0; i < nr_movable; i++) {
		struct page *page;

		if (!movable_live[i])
			continue;
		page = follow_page(user_mm, user_va(i));
		if (!page || !page_tagged(page_address(page), tag_of(i))) {
			if (bad++ < 5)
				printf("frag: user page %d (va 0x%lx) lost its data\n", i, user_va(i));
			continue;
		}
		if (page_mapcount(page) != 1 || !PageLRU(page))
			bad++;
		moved++;
	}
	/* the same through the MMU, in the user address space */
	switch_mm(user_mm);
	for (int i = 0; i < nr_movable; i++) {
		if (movable_live[i] && !page_tagged((const uint32_t *)user_va(i), tag_of(i))) {
			if (bad++ < 5)
				printf("frag: load through the MMU at 0x%lx sees stale data\n", user_va(i));
		}
	}
	switch_mm(&init_mm);
	printf("verified %d user pages through page tables and MMU, %d bad\n", moved, bad);
	return bad;
}

int main(void)
{
	int ok_off, ok_on;

	mm_init(boot_dtb_pa);
	/*
	 * The board's CMA pool is taken by its device first (a camera's
	 * buffers, say): free CMA pageblocks would serve the movable request
	 * of phase 4 and hide the fragmentation this program shows.
	 */
	if (dma_contiguous_default_area)
		CHECK(cma_alloc(dma_contiguous_default_area, dma_contiguous_default_area->count,
				0, false) != NULL);
	/* no background compaction either until phase 5 */
	sysctl_compaction_enabled = 0;
	/*
	 * vm.watermark_boost_factor = 0: a boost raised by fallback stealing
	 * lasts until kswapd runs from the timer tick, so the fill below would
	 * depend on where ticks fall in the instruction stream - different
	 * under --model timing, where memory accesses cost cycles.
	 */
	watermark_boost_factor = 0;
	user_mm = mm_alloc();
	CHECK(user_mm != NULL);
	if (!user_mm)
		return 1;
	report("boot");

	hog_blocks(0);
	printf("hog: %d blocks hold all free memory (free now %lu)\n", nr_hogs,
	       zone_page_state(normal_zone(), NR_FREE_PAGES));
	/* give back WORK_BLOCKS whole pageblocks: the only free memory left */
	for (int k = 0, given = 0; k < nr_hogs && given < WORK_BLOCKS; k++) {
		if (hogs[k].order == MAX_ORDER - 1 && hogs[k].page) {
			__free_pages(hogs[k].page, hogs[k].order);
			hogs[k].page = NULL;
			given++;
		}
	}
	fill_work_area();
	/* what the interleaving left whole is taken too: only single pages stay free */
	hog_blocks(1);
	report("filled");
	CHECK(check_invariants() == 0);

	fragment();
	report("fragmented");
	CHECK(check_invariants() == 0);

	ok_off = try_high_order("compaction off");
	CHECK(ok_off == 0);
	report("after requests without compaction");

	sysctl_compaction_enabled = 1;
	ok_on = try_high_order("compaction on");
	CHECK(ok_on == 2);
	printf("compaction: %lu stalls, %lu successes, %lu pages migrated (%lu failed), %lu PTEs "
	       "rewritten, %lu migrate-scanned, %lu free-scanned\n",
	       compact_stats.stall, compact_stats.success, compact_stats.pgmigrate_success,
	       compact_stats.pgmigrate_fail, compact_stats.ptes_moved,
	       compact_stats.migrate_scanned, compact_stats.free_scanned);
	CHECK(compact_stats.pgmigrate_success > 0);
	CHECK(compact_stats.ptes_moved > 0);
	report("after requests with compaction");
	CHECK(verify_user_pages() == 0);
	CHECK(check_invariants() == 0);
	/* the hog took memory to zero: kswapd was woken and ran from the tick or idle */
	printf("background: kswapd woken %lu, ran %lu; kcompactd woken %lu\n",
	       reclaim_stats.kswapd_wake, reclaim_stats.kswapd_runs, compact_stats.kcompactd_wake);
	CHECK(reclaim_stats.kswapd_runs > 0);

	if (failures) {
		printf("frag: %d check(s) failed\n", failures);
		return 1;
	}
	printf("frag: OK (order-%d without compaction: failed; with compaction: allocated)\n",
	       HIGH_ORDER);
	return 0;
}
