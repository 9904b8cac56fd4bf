/* SPDX-License-Identifier: MIT */
/*
 * mm_alloc_native.c - host-native alloc_pages()+__free_pages() pairs per second.
 *
 *   bench/mm_alloc_native [RUNS [ORDER...]]
 *
 * guest/mm's page allocator compiled for the host (GUEST_NATIVE=1, as the
 * unit tests build it, with this build's optimisation flags), booted on
 * 256 MiB of "RAM" like the OK6410A board (kernel image 1.5 MiB, no
 * bootargs) afresh for each order, then timed: for order 0, 3 and 9 (or the
 * orders given), RUNS runs (default 15) of
 * alloc_pages(GFP_KERNEL, order) + __free_pages(page, order) pairs, each
 * run at least 0.1 s; the best run counts (the least disturbed on a shared
 * machine), the median is shown for the spread.
 * After a warm-up (pcp list refilled, free lists settled) every pair is the
 * steady state the guest benchmark (bench/mm_alloc) measures.  Not a test:
 * it prints figures for BENCHMARKS.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mm/gfp.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/printk.h>
#include <mm/rmap.h>

#define RAM_BASE 0x50000000u
#define RAM_SIZE (256u << 20)
#define KERNEL_SIZE 0x180000u
#define MAX_RUNS 100
#define RUN_SECONDS 0.1

/* guest/mm boot steps and the native arch layer (no header of their own) */
void mm_reset_state(void);
void setup_memblock(const void *fdt, phys_addr_t dtb_pa);
void bootmem_init(void);
void mem_init(void);
void native_ram_init(phys_addr_t base, size_t size);
void native_set_kernel_image(phys_addr_t start, phys_addr_t end);
extern unsigned long native_cpsr;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* mm_init() minus paging_init() and slab, as the unit tests boot. */
static void boot(void)
{
	mm_reset_state();
	printk_set_quiet(true);
	native_cpsr = 0x13;
	native_ram_init(RAM_BASE, RAM_SIZE);
	native_set_kernel_image(RAM_BASE + 0x8000u, RAM_BASE + 0x8000u + KERNEL_SIZE);
	memblock_add_node(RAM_BASE, RAM_SIZE, 0);
	setup_memblock(NULL, 0);
	bootmem_init();
	rmap_init(max_mapnr / 8 + 1024);
	mem_init();
}

static __attribute__((noinline)) unsigned long run_pairs(unsigned long n, unsigned int order)
{
	unsigned long failed = 0;

	while (n--) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		if (!page) {
			failed++;
			continue;
		}
		__free_pages(page, order);
	}
	return failed;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* A fresh boot for each order: its steady state does not depend on what ran before. */
static int measure(unsigned int order, int runs)
{
	unsigned long n = 1000;
	double t[MAX_RUNS];

	boot();
	if (run_pairs(64, order))
		goto fail;
	/* grow the run until it takes RUN_SECONDS */
	for (;;) {
		t[0] = now();
		if (run_pairs(n, order))
			goto fail;
		t[0] = now() - t[0];
		if (t[0] >= RUN_SECONDS)
			break;
		n *= t[0] > RUN_SECONDS / 10 ? 2 : 10;
	}
	for (int r = 0; r < runs; r++) {
		t[r] = now();
		if (run_pairs(n, order))
			goto fail;
		t[r] = now() - t[r];
	}
	if (check_invariants() != 0) {
		fprintf(stderr, "mm_alloc_native: invariants broken after order %u\n", order);
		return -1;
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
	printf("order %u  %12.0f pairs/s  %8.1f ns/pair  (median of the runs %.1f ns; "
	       "%lu pairs per run, best of %d)\n",
	       order, n / t[0], t[0] / n * 1e9, t[runs / 2] / n * 1e9, n, runs);
	return 0;
fail:
	fprintf(stderr, "mm_alloc_native: an order-%u allocation failed\n", order);
	return -1;
}

int main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 15;

	if (runs < 1 || runs > MAX_RUNS)
		runs = runs < 1 ? 1 : MAX_RUNS;
	printf("guest/mm native, %u MiB, alloc_pages(GFP_KERNEL, order) + __free_pages()\n",
	       RAM_SIZE >> 20);
	if (argc > 2) {
		for (int i = 2; i < argc; i++)
			if (measure((unsigned int)atoi(argv[i]) % MAX_ORDER, runs))
				return 1;
		return 0;
	}
	if (measure(0, runs) || measure(3, runs) || measure(9, runs))
		return 1;
	return 0;
}
