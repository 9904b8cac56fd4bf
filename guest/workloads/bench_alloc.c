// SPDX-License-Identifier: MIT
/*
 * bench_alloc.c - N steady-state alloc_pages()+__free_pages() pairs, for bench/mm_alloc.
 *
 * DOC: Usage (guest arguments after the image): bench_alloc.elf [N [ORDER]]
 * (N = 0, ORDER = 0 by default).  Boots the memory manager, warms the path
 * up (the first order-0 allocation refills the pcp list; the first
 * high-order pairs settle the free lists), then runs N pairs of
 * alloc_pages(GFP_KERNEL, ORDER) + __free_pages(page, ORDER) and exits 0
 * if every allocation succeeded and check_invariants() is clean.
 *
 * Everything but the loop is the same whatever N is, so the host's
 * (insns(N) - insns(0)) / N is the exact cost of one pair plus the few
 * loop instructions around it.  For that the console is drained before the
 * loop, the timer tick is switched off for the rest of the run (a tick
 * during or after the loop would run kswapd's checks a number of times that
 * depends on N), the loop runs with IRQs masked, and nothing printed
 * depends on N (N is read in fixed width; the last line goes through
 * semihosting, whose output takes no guest time, while the UART sends on a
 * character clock that would make the final flush wait vary by up to a
 * character time).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/irqflags.h>
#include <mm/mm.h>

#include "boot/setup.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"
#include "drivers/uart.h"

#define SYS_GET_CMDLINE 0x15
#define WARMUP_PAIRS 64

static char cmdline[256];

/* argv[1] and argv[2] of the semihosting command line "image N ORDER". */
static void read_args(unsigned long *n, unsigned int *order)
{
	uint32_t block[2] = { (uint32_t)(uintptr_t)cmdline, sizeof(cmdline) };
	char *p = cmdline, *end;

	*n = 0;
	*order = 0;
	if (semihost_call(SYS_GET_CMDLINE, block) != 0)
		return;
	/* skip the image path (no blanks in it, or quoted) */
	if (*p == '"' || *p == '\'') {
		char q = *p++;

		while (*p && *p != q)
			p++;
		if (*p)
			p++;
	} else {
		while (*p && *p != ' ')
			p++;
	}
	*n = strtoul(p, &end, 10);
	*order = (unsigned int)strtoul(end, NULL, 10);
}

/*
 * The measured loops, not inlined into main(): each stays one small block
 * whose own instructions (argument set-up, calls, loop counter) the
 * host's profile shows apart.  Both return 0, or the number of pairs left
 * undone when an allocation failed.
 */
static __attribute__((noinline)) unsigned long run_pairs_order0(unsigned long n)
{
	for (; n; n--) {
		struct page *page = alloc_page(GFP_KERNEL);

		if (unlikely(!page))
			return n;
		__free_pages(page, 0);
	}
	return 0;
}

static __attribute__((noinline)) unsigned long run_pairs(unsigned long n, unsigned int order)
{
	if (order == 0)
		return run_pairs_order0(n);
	for (; n; n--) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (unlikely(!page))
			return n;
		__free_pages(page, order);
	}
	return 0;
}

int main(void)
{
	unsigned long n, flags, failed;
	unsigned int order;

	read_args(&n, &order);
	if (order >= MAX_ORDER) {
		printf("bench_alloc: order must be below %d\n", MAX_ORDER);
		return 2;
	}
	mm_init(boot_dtb_pa);
	failed = run_pairs(WARMUP_PAIRS, order);
	uart_flush();
	pwm_irq_enable(TIMER_TICK_ID, 0);

	local_irq_save(flags);
	failed += run_pairs(n, order);
	local_irq_restore(flags);

	if (failed)
		printf("bench_alloc: an allocation failed (%lu pairs left)\n", failed);
	if (check_invariants() != 0) {
		printf("bench_alloc: invariants broken\n");
		failed++;
	}
	/* semihosting, not the UART: its character clock would make the exit wait vary */
	sys_write0(failed ? "bench_alloc: FAILED\n" : "bench_alloc: done\n");
	return failed ? 1 : 0;
}
