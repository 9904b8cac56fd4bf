// SPDX-License-Identifier: MIT
/*
 * buddyinfo.c - boot the memory manager and print what /proc would show.
 *
 * DOC: mm_init() on the device tree from r2, then the memblock layout
 * (memblock=debug style), /proc/buddyinfo, /proc/pagetypeinfo and the
 * watermark part of /proc/zoneinfo.  Checks that the boot reached the slab
 * phase, that the allocator's invariants hold, that memblock refuses after
 * the hand-over, and that an allocate/free round trip leaves the free lists
 * as they were.  Exit 0 when everything holds.
 */
#include <stdio.h>
#include <string.h>

#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/mm_abi.h>
#include <mm/page_alloc.h>

#include "boot/setup.h"

static int failures;

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			printf("buddyinfo: check failed: %s (line %d)\n", #cond, __LINE__); \
			failures++;                                        \
		}                                                          \
	} while (0)

static void snapshot(unsigned long nr[MAX_NR_ZONES][MAX_ORDER])
{
	pg_data_t *pgdat = NODE_DATA(0);

	drain_all_pages(NULL);
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (int o = 0; o < MAX_ORDER; o++)
			nr[z][o] = pgdat->node_zones[z].free_area[o].nr_free;
}

int main(void)
{
	static unsigned long before[MAX_NR_ZONES][MAX_ORDER], after[MAX_NR_ZONES][MAX_ORDER];
	struct page *pages[11];

	mm_init(boot_dtb_pa);

	printf("\n== memblock ==\n");
	memblock_dump_all();
	printf("\n== /proc/buddyinfo ==\n");
	show_buddyinfo();
	printf("\n== /proc/pagetypeinfo ==\n");
	show_pagetypeinfo();
	printf("\n== /proc/zoneinfo (watermarks) ==\n");
	show_zoneinfo_watermarks();
	printf("min_free_kbytes: %d\n", min_free_kbytes);

	CHECK(mm_phase() == MM_PHASE_SLAB);
	CHECK(mm_abi.magic == MM_ABI_MAGIC && mm_abi.phase == MM_PHASE_SLAB);
	CHECK(mm_abi.mem_map_pa == __pa(mem_map));
	CHECK(populated_zone(&NODE_DATA(0)->node_zones[ZONE_NORMAL]));
	CHECK(nr_free_pages() > totalram_pages() / 2);
	CHECK(memblock_released());
	CHECK(memblock_alloc(64, 8) == NULL);
	CHECK(check_invariants() == 0);

	/* every order once, then back: the free lists end as they began */
	snapshot(before);
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		pages[o] = alloc_pages(o & 1 ? GFP_KERNEL : GFP_HIGHUSER_MOVABLE, o);
		CHECK(pages[o] != NULL);
	}
	CHECK(check_invariants() == 0);
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		if (pages[o])
			__free_pages(pages[o], o);
	snapshot(after);
	/* unmovable requests may have claimed a pageblock: compare totals per zone */
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		unsigned long a = 0, b = 0;

		for (int o = 0; o < MAX_ORDER; o++) {
			a += after[z][o] << o;
			b += before[z][o] << o;
		}
		CHECK(a == b);
	}
	CHECK(check_invariants() == 0);

	printf("\n== after an allocate/free round trip ==\n");
	show_buddyinfo();
	if (failures) {
		printf("buddyinfo: %d check(s) failed\n", failures);
		return 1;
	}
	printf("buddyinfo: OK\n");
	return 0;
}
