// SPDX-License-Identifier: MIT
/*
 * extfrag.c - a state whose fragmentation index is negative but not -1.
 *
 * DOC: Linux's __fragmentation_index() is -1000 when a block of the order
 * exists, otherwise 1000 - (1000 + free * 1000 / requested) / blocks: with
 * one free block of half the requested size that is -500, printed "-0.500"
 * (Linux's own "%2d.%03d" would print " 0.-500").  This program takes all
 * memory (movable blocks, largest first, past the watermarks), then frees
 * the upper half of one order-10 block: the only free memory is one order-9
 * block.  As its last act it prints the extfrag and unusable indices and
 * /proc/buddyinfo, which tests/guest/extfrag_agree.py compares with the
 * host's decode of the same final state (--stats).  Exit 0 when the state is
 * the intended one.
 */
#include <stdio.h>

#include <mm/compaction.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>

#include "boot/setup.h"
#include "check.h"

/* All there is, ignoring watermarks, without reclaim. */
#define GFP_FILL ((GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_MEMALLOC | __GFP_NOWARN)

/* Held blocks are chained through their first word (lowmem only on this board). */
static void *held;

static void hold(struct page *page)
{
	void **p = page_address(page);

	*p = held;
	held = p;
}

int main(void)
{
	struct zone *z;
	struct page *half, *p;
	unsigned long n = 0;

	mm_init(boot_dtb_pa);
	z = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	drain_all_pages(NULL);
	half = alloc_pages(GFP_FILL, MAX_ORDER - 1);
	check(half != NULL, "an order-10 block to split");
	for (int o = MAX_ORDER - 1; o >= 0; o--)
		while ((p = alloc_pages(GFP_FILL, (unsigned int)o)) != NULL) {
			hold(p);
			n++;
		}
	drain_all_pages(NULL);
	check(zone_page_state(z, NR_FREE_PAGES) == 0, "all memory taken (%lu blocks)", n);
	if (half) {
		/* the lower half stays allocated, so the upper half cannot merge further */
		split_page(half, MAX_ORDER - 1);
		for (unsigned int i = 512; i < 1024; i++)
			__free_pages(half + i, 0);
	}
	drain_all_pages(NULL);
	check(z->free_area[9].nr_free == 1 && zone_page_state(z, NR_FREE_PAGES) == 512,
	      "one order-9 block is all the free memory");
	check(fragmentation_index(z, MAX_ORDER - 1) == -500,
	      "order-10 fragmentation index %d (-500)", fragmentation_index(z, MAX_ORDER - 1));
	check(check_invariants() == 0, "allocator invariants");
	printf("-- extfrag_index\n");
	show_extfrag_index();
	printf("-- unusable_index\n");
	show_unusable_index();
	printf("-- /proc/buddyinfo\n");
	show_buddyinfo();
	return check_done("extfrag");
}
