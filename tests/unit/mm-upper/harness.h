/* SPDX-License-Identifier: MIT */
/*
 * harness.h - booting guest/mm natively for the upper-half tests, and the checks they share.
 *
 * DOC: upper_boot() builds a device tree with libfdt (a /memory node and
 * /chosen bootargs), puts it in the native RAM buffer and runs the real
 * mm_init() on it: memblock, paging_init(), zones, the buddy allocator,
 * slab.  hw_walk() translates through the tables with the emulator's own
 * ARMv6 walker (soc/arm1176/mmu.c), an implementation independent of
 * guest/mm, reading descriptors from the RAM buffer as the hardware would.
 * The discipline checks read the recording CPU's log (asm/native-cpu.h).
 */
#ifndef UPPER_HARNESS_H
#define UPPER_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <asm/native-cpu.h>
#include <asm/pgtable.h>
#include <mm/mm.h>

#include "soc/arm1176/mmu.h"

#define TEST_RAM_BASE 0x50000000u

/* Boot the whole mm on ram_size bytes of RAM at TEST_RAM_BASE with bootargs. */
void upper_boot(size_t ram_size, const char *bootargs);
void upper_shutdown(void);

/* Walk guest VA va through TTBR0 as the hardware would; 0 or the fault status. */
uint32_t hw_walk(uint32_t va, struct mmu_result *out);
/* Physical address the hardware reaches for va, or (phys_addr_t)-1. */
phys_addr_t hw_translate(uint32_t va);

/* Free pages with the per-cpu lists drained into the buddy lists. */
unsigned long free_pages_now(void);

/*
 * Every descriptor store logged from event `from` on is cleaned to memory
 * (a clean or clean+invalidate of its line) before the next TLB operation
 * or TTBR write, i.e. before the walker may read it.  Returns violations.
 */
unsigned long check_desc_cleaned(unsigned long from);
/* Index of the last store to the descriptor at pa since `from`, or -1. */
long last_desc_write(unsigned long from, uint32_t pa);
/* First event at or after `from` of kind op with va (and, if asid >= 0, val == asid); or -1. */
long find_event(unsigned long from, enum native_cpu_op op, uint32_t va, long asid);
/* First clean of the line holding pa at or after `from`; or -1. */
long find_clean(unsigned long from, uint32_t pa);

/* Physical address of the hardware L2 entry that maps va (init_mm), or 0. */
uint32_t hw_pte_pa(struct mm_struct *mm, unsigned long va);

/* A small deterministic PRNG (xorshift32). */
static inline uint32_t test_rand(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

#endif /* UPPER_HARNESS_H */
