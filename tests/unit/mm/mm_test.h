/* SPDX-License-Identifier: MIT */
/*
 * mm_test.h - booting the page allocator natively for the unit tests.
 *
 * DOC: mm_test_boot() runs the same boot steps as the guest's mm_init(),
 * minus paging_init() and slab: memblock (from the config, or from a DTB
 * placed in the native RAM buffer), the lowmem limit, zones and mem_map,
 * the rmap pool, memblock_free_all(), pcp lists and watermarks.  Output is
 * quiet unless MM_TEST_VERBOSE is set in the environment.
 */
#ifndef MM_TEST_H
#define MM_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <mm/compaction.h>
#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/mm_abi.h>
#include <mm/page_alloc.h>
#include <mm/pagecache.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>

#define TEST_RAM_BASE 0x50000000u
#define TEST_KERNEL_START (TEST_RAM_BASE + 0x8000u)

struct mm_test_cfg {
	phys_addr_t base;        /* default TEST_RAM_BASE */
	size_t size;             /* RAM bytes of node 0 */
	const char *bootargs;
	phys_addr_t dma_size;    /* ZONE_DMA bytes, 0: none */
	size_t node1_size;       /* a second node right after node 0 (0: none) */
	phys_addr_t kernel_size; /* default 1.5 MiB */
	const void *dtb;         /* boot from this DTB instead (copied into RAM) */
	size_t dtb_size;
	phys_addr_t dtb_offset;  /* where in RAM the DTB goes */
};

/* Boot with ram_size bytes at TEST_RAM_BASE and bootargs (NULL: none). */
void mm_test_boot(size_t ram_size, const char *bootargs);
void mm_test_boot_cfg(const struct mm_test_cfg *cfg);
void mm_test_shutdown(void);

/* Functions of guest/mm that the tests drive directly. */
void mm_reset_state(void);
void setup_memblock(const void *fdt, phys_addr_t dtb_pa);
void bootmem_init(void);
void mem_init(void);
void adjust_lowmem_bounds(void);
void native_set_kernel_image(phys_addr_t start, phys_addr_t end);
void drain_all_pages(struct zone *zone);
extern unsigned long bad_page_count;
extern unsigned long native_warn_count;
extern unsigned long native_cpsr;

/* Free pages of all zones, pcp lists drained first. */
unsigned long mm_test_free_pages(void);
/* The zone of node 0 with this id. */
struct zone *mm_test_zone(int zid);
/* Assert check_invariants() finds nothing. */
#define assert_invariants() assert_int_equal(check_invariants(), 0)

/* Capture printk output into buf while fn runs. */
void mm_test_capture(char *buf, size_t size, void (*fn)(void));

/* xorshift32 */
static inline uint32_t test_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* Fake page tables for rmap tests: a PTE is a u32 holding the pfn. */
void fake_pte_install_ops(void);
extern unsigned long fake_tlb_flushes;


/*
 * Movable anonymous pages, each mapped by one fake PTE (its pfn) and tagged
 * with its index, for compaction and CMA tests: anon_alloc() maps up to n
 * (ignoring watermarks, no reclaim) until memory runs out.
 */
#define FAKE_VA(i) (0x10000000ul + (unsigned long)(i) * PAGE_SIZE)
/* Everything there is, ignoring watermarks, without reclaim. */
#define GFP_FILL ((GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_MEMALLOC | __GFP_NOWARN)
struct anon_set {
	size_t n;
	uint32_t *ptes;      /* the fake PTE of page i (its pfn), 0: unmapped/freed */
	bool *live;
};
void anon_fill(struct page *page, uint32_t tag);
bool anon_check(struct page *page, uint32_t tag);
void anon_alloc(struct anon_set *s, size_t n);
void anon_unmap(struct anon_set *s, size_t i);
void anon_free_all(struct anon_set *s);
/* Every live page still holds its data, through its (possibly rewritten) PTE. */
void anon_verify(struct anon_set *s);

#endif /* MM_TEST_H */
