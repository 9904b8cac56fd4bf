// SPDX-License-Identifier: MIT
/*
 * fragdemo.c - memory fragmenting and compaction healing it, across all of RAM,
 * paced for the heatmap.
 *
 * DOC: Five phases, each ending with a banner, /proc/buddyinfo, the
 * extfrag/unusable indices and a pause of a few ticks (the guest idles, so
 * the host's samples of that instant show exactly what was printed):
 *  1. boot: mm_init(); nearly all memory free in order-10 blocks;
 *  2. fill: a burst at a time, "processes" map anonymous pages (movable,
 *     mapped through a user page table), files are read into the page cache
 *     (movable) and the kernel allocates unmovable blocks of orders 0..3
 *     (mobility grouping gives them pageblocks of their own, all over the
 *     zone), until no large free block is left; then processes exit and the
 *     page cache drops pages until 80% is in use, the holes everywhere;
 *  3. fragment: the load goes away unevenly: three movable pages in four
 *     are freed (processes unmap, the page cache is trimmed) and one
 *     kernel block in eight; most memory is free but in small holes, and
 *     order-9 requests fail (compaction is off until now);
 *  4. heal: compaction runs a bounded pass per tick (compact_zone_step(),
 *     as a kcompactd would), gathering the movable pages at the high end of
 *     the zone (the bottom of the heatmap) so large free blocks form at the
 *     low end, between the unmovable pageblocks; then the order-9 requests
 *     succeed, and the data is checked where it now lives: every user page
 *     through its mapping (a page-table walk and a load through the MMU), a
 *     sample of the page cache by its pattern;
 *  5. end: everything is freed; the last thing the program does is print
 *     /proc/buddyinfo (no allocation after it), so the host's final state
 *     must show the same numbers.
 * Deterministic (a fixed pseudo-random sequence).  Exit 0 only if every
 * check passed.
 */
#include <stdio.h>
#include <string.h>

#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <mm/compaction.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagecache.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>

#include "boot/setup.h"
#include "drivers/cpu.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"

#define LOAD_ORDER 7           /* load until no free block of this order is left... */
#define FILL_PERCENT 80        /* ...then let the zone settle back to this much in use */
#define ANON_SLOTS 32768       /* user virtual pages available to processes */
#define ANON_MAX_LIVE 7000     /* mapped user pages at most (7/8 of the rmap pool, if less) */
#define MAX_PROCS 1024
#define NR_FILES 8
#define FILE_PAGES 8192
#define MAX_UNMOV 8192
#define HIGH_ORDER 9           /* the requests that fail, then succeed: 2 MiB */
#define BURSTS_PER_TICK 8      /* fill pace */
#define STEP_PAGES 48          /* compaction pass: pages migrated per tick */
#define PAUSE_TICKS 20         /* after each report: time to look, and for the host to sample */
#define USER_BASE 0x10000000ul

#ifndef SYS_ELAPSED
#define SYS_ELAPSED 0x30
#endif

/*
 * Everything stays in lowmem and nothing reclaims: the story is compaction's.
 * The fill may go below the watermarks (__GFP_MEMALLOC) to cover the whole
 * zone; the high-order requests may not.
 */
#define GFP_NORECLAIM(gfp) (((gfp) | __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_ANON GFP_NORECLAIM(GFP_USER | __GFP_MOVABLE)
#define GFP_UNMOV GFP_NORECLAIM(GFP_KERNEL)
#define FILL_GFP(gfp) ((gfp) | __GFP_MEMALLOC)

struct proc {
	unsigned int start, nr;   /* anon slots [start, start + nr) */
	bool live;
};

struct kblock {
	struct page *page;
	unsigned int order;
};

static struct mm_struct *user_mm;
static uint8_t anon_live[ANON_SLOTS];
static unsigned int anon_next, anon_nr_live, anon_max_live;
static struct proc procs[MAX_PROCS];
static unsigned int nr_procs;
static int files[NR_FILES];
static unsigned int file_pos[NR_FILES];
static uint8_t file_cached[NR_FILES][FILE_PAGES];
static struct kblock unmov[MAX_UNMOV];
static unsigned int nr_unmov;
static uint32_t rnd_state = 0x2545f491u;
static int boot_unusable;          /* order-9 unusable free index after boot */
static int failures;

#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond)) {                                                          \
			printf("fragdemo: check failed: %s (line %d)\n", #cond, __LINE__); \
			failures++;                                                     \
		}                                                                       \
	} while (0)

static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1664525u + 1013904223u;
	return rnd_state >> 8;
}

static struct zone *normal_zone(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static unsigned long free_pages_now(void)
{
	drain_all_pages(NULL);
	return zone_page_state(normal_zone(), NR_FREE_PAGES);
}

static unsigned int used_percent(void)
{
	unsigned long managed = zone_managed_pages(normal_zone());

	return (unsigned int)((managed - free_pages_now()) * 100 / managed);
}

/* Simulated clock cycles (semihosting SYS_ELAPSED): what the host's samples carry. */
static unsigned long long cycles_now(void)
{
	uint32_t v[2] = { 0, 0 };

	semihost_call(SYS_ELAPSED, v);
	return ((unsigned long long)v[1] << 32) | v[0];
}

/* Idle until n ticks have passed: the simulated clock runs, the mm rests. */
static void sleep_ticks(unsigned int n)
{
	unsigned long end = jiffies + n;

	while ((long)(jiffies - end) < 0)
		cpu_idle();
}

static void print_index(const char *name, int v)
{
	int frac = v % 1000;

	printf("%s %s%d.%03d", name, v < 0 ? "-" : "", (v < 0 ? -v : v) / 1000,
	       frac < 0 ? -frac : frac);
}

static int largest_free_order(void)
{
	for (int o = MAX_ORDER - 1; o >= 0; o--)
		if (normal_zone()->free_area[o].nr_free)
			return o;
	return -1;
}

/*
 * The phase's banner and tables.  The buddyinfo print-out is followed by
 * the cycle it describes and a pause with nothing allocated or freed.
 */
static void report(const char *phase, const char *what)
{
	struct zone *z = normal_zone();
	unsigned long free = free_pages_now();
	unsigned long managed = zone_managed_pages(z);

	printf("\n==== fragdemo: %s: %s ====\n", phase, what);
	printf("free %lu of %lu pages (%lu%%), largest free block order %d; ", free, managed,
	       free * 100 / managed, largest_free_order());
	print_index("order-9 fragmentation index", fragmentation_index(z, HIGH_ORDER));
	print_index(", unusable index", unusable_free_index(z, HIGH_ORDER));
	printf("\n-- extfrag_index\n");
	show_extfrag_index();
	printf("-- unusable_index\n");
	show_unusable_index();
	printf("-- /proc/buddyinfo\n");
	show_buddyinfo();
	printf("fragdemo: %s: buddyinfo at cycle %llu\n", phase, cycles_now());
	sleep_ticks(PAUSE_TICKS);
}

/* ---- user pages: tagged, reached through their mapping ---- */

static unsigned long user_va(unsigned int slot)
{
	return USER_BASE + (unsigned long)slot * PAGE_SIZE;
}

static uint32_t tag_of(unsigned int slot)
{
	return 0x5a000000u ^ (slot * 2654435761u);
}

static bool page_tagged(const uint32_t *p, uint32_t tag)
{
	return p[0] == tag && p[PAGE_SIZE / 8] == ~tag && p[PAGE_SIZE / 4 - 1] == tag + 1;
}

static int map_anon(unsigned int slot)
{
	struct page *page = alloc_pages(FILL_GFP(GFP_ANON), 0);
	uint32_t *p, tag = tag_of(slot);
	int ret;

	if (!page)
		return -ENOMEM;
	p = page_address(page);
	p[0] = tag;
	p[PAGE_SIZE / 8] = ~tag;
	p[PAGE_SIZE / 4 - 1] = tag + 1;
	page_add_new_anon(page);
	ret = map_user_page(user_mm, user_va(slot), page, PAGE_USER_RW);
	/* the mapping holds its own reference; drop the allocation's */
	put_page(page);
	if (ret)
		return ret;
	anon_live[slot] = 1;
	anon_nr_live++;
	return 0;
}

static void unmap_anon(unsigned int slot)
{
	if (!anon_live[slot])
		return;
	CHECK(unmap_user_page(user_mm, user_va(slot)) == 0);
	anon_live[slot] = 0;
	anon_nr_live--;
}

/* A process starts and touches nr pages. */
static int proc_start(unsigned int nr)
{
	struct proc *p;

	if (nr_procs == MAX_PROCS || anon_next + nr > ANON_SLOTS ||
	    anon_nr_live + nr > anon_max_live)
		return 0;
	p = &procs[nr_procs++];
	p->start = anon_next;
	p->nr = 0;
	p->live = true;
	anon_next += nr;
	while (p->nr < nr && map_anon(p->start + p->nr) == 0)
		p->nr++;
	return p->nr == nr ? 0 : -ENOMEM;
}

static void proc_exit(struct proc *p)
{
	for (unsigned int i = 0; i < p->nr; i++)
		unmap_anon(p->start + i);
	p->live = false;
}

/* ---- the page cache: clean pages read from the simulated disk ---- */

static int file_read(int f, unsigned int nr)
{
	for (unsigned int k = 0; k < nr; k++) {
		unsigned int idx = file_pos[f]++ % FILE_PAGES;
		struct page *page;

		if (file_cached[f][idx])
			continue;
		page = pagecache_get(files[f], idx, NULL);
		if (!page)
			return -ENOMEM;
		put_page(page);
		file_cached[f][idx] = 1;
	}
	return 0;
}

static void file_drop(int f, unsigned int idx)
{
	if (!file_cached[f][idx])
		return;
	pagecache_remove(files[f], idx);
	file_cached[f][idx] = 0;
}

/* ---- kernel allocations of mixed orders ---- */

static int kalloc(unsigned int order)
{
	struct page *page;

	if (nr_unmov == MAX_UNMOV)
		return 0;
	page = alloc_pages(FILL_GFP(GFP_UNMOV), order);
	if (!page)
		return -ENOMEM;
	unmov[nr_unmov].page = page;
	unmov[nr_unmov].order = order;
	nr_unmov++;
	return 0;
}

static void kfree_block(unsigned int i)
{
	if (!unmov[i].page)
		return;
	__free_pages(unmov[i].page, unmov[i].order);
	unmov[i].page = NULL;
}

/* ---- phases ---- */

/*
 * One burst of activity: a process may start, a file is read, the kernel
 * allocates a few blocks, and now and then a process exits.  The kernel's
 * share comes while whole free pageblocks remain (as most of a real
 * kernel's memory is taken early): mobility grouping then keeps it in
 * pageblocks of its own, instead of scattering it through movable ones.
 */
static int burst(void)
{
	static const unsigned int korders[8] = { 0, 0, 1, 1, 2, 2, 3, 3 };
	unsigned int nk = largest_free_order() >= pageblock_order ? 5 + rnd() % 7 : 0;
	int ret = 0;

	ret |= proc_start(8 + rnd() % 48);
	ret |= file_read((int)(rnd() % NR_FILES), 16 + rnd() % 64);
	for (unsigned int k = 0; k < nk && !ret; k++)
		ret |= kalloc(korders[rnd() % 8]);
	if (nr_procs && rnd() % 16 == 0) {
		struct proc *p = &procs[rnd() % nr_procs];

		if (p->live)
			proc_exit(p);
	}
	return ret;
}

/* Churn: a random process exits, or the page cache drops a few random pages. */
static void churn(void)
{
	if (nr_procs && rnd() % 8 == 0) {
		struct proc *p = &procs[rnd() % nr_procs];

		if (p->live)
			proc_exit(p);
		return;
	}
	for (int k = 0; k < 16; k++)
		file_drop((int)(rnd() % NR_FILES), rnd() % FILE_PAGES);
}

/*
 * Load the zone until no large free block is left, then let it settle back
 * to FILL_PERCENT: the free memory is then in holes all over the zone, as on
 * a system that has been running for a while.
 */
static void fill(void)
{
	unsigned int bursts = 0, churns = 0;

	while (largest_free_order() >= LOAD_ORDER) {
		if (burst())
			break; /* full: the allocator said no */
		if (++bursts % BURSTS_PER_TICK == 0)
			sleep_ticks(1);
	}
	while (used_percent() > FILL_PERCENT) {
		churn();
		if (++churns % (8 * BURSTS_PER_TICK) == 0)
			sleep_ticks(1);
	}
	printf("fill: %u bursts, %u churn steps: %u user pages mapped (%u processes started), "
	       "%lu page-cache pages, %u kernel blocks\n", bursts, churns, anon_nr_live, nr_procs,
	       pagecache_nr_pages(), nr_unmov);
	CHECK(used_percent() >= FILL_PERCENT - 1 && largest_free_order() < HIGH_ORDER);
}

/* The load goes away unevenly: most movable pages and some kernel blocks are freed. */
static void fragment(void)
{
	unsigned int freed_anon = 0, freed_file = 0, freed_k = 0;

	for (unsigned int s = 0; s < anon_next; s++) {
		if (anon_live[s] && rnd() % 4) {
			unmap_anon(s);
			freed_anon++;
		}
		if (s % 2048 == 2047)
			sleep_ticks(1);
	}
	for (int f = 0; f < NR_FILES; f++) {
		for (unsigned int i = 0; i < FILE_PAGES; i++) {
			if (file_cached[f][i] && rnd() % 4) {
				file_drop(f, i);
				freed_file++;
			}
		}
		sleep_ticks(1);
	}
	for (unsigned int i = 0; i < nr_unmov; i++) {
		if (unmov[i].page && rnd() % 8 == 0) {
			kfree_block(i);
			freed_k++;
		}
	}
	printf("fragment: freed %u user pages, %u page-cache pages, %u kernel blocks\n", freed_anon,
	       freed_file, freed_k);
}

/* Ask for an order-9 movable and an order-9 unmovable block; free them again. */
static int try_high_order(const char *when)
{
	struct page *mov = alloc_pages(GFP_ANON, HIGH_ORDER);
	struct page *unm = alloc_pages(GFP_UNMOV, HIGH_ORDER);
	int ok = 0;

	printf("%s: order-%d movable %s", when, HIGH_ORDER, mov ? "allocated" : "FAILED");
	if (mov)
		printf(" at pfn 0x%lx", page_to_pfn(mov));
	printf(", order-%d unmovable %s", HIGH_ORDER, unm ? "allocated" : "FAILED");
	if (unm)
		printf(" at pfn 0x%lx", page_to_pfn(unm));
	printf("\n");
	if (mov) {
		ok++;
		__free_pages(mov, HIGH_ORDER);
	}
	if (unm) {
		ok++;
		__free_pages(unm, HIGH_ORDER);
	}
	return ok;
}

/*
 * kcompactd-style: one bounded compaction pass per tick.  Reports when the
 * first order-9 block forms and, every few passes, how far it got.
 */
static void heal(void)
{
	struct zone *z = normal_zone();
	unsigned long migrated0 = compact_stats.pgmigrate_success;
	unsigned int steps = 0;
	bool announced = false;
	enum compact_result ret;

	sysctl_compaction_enabled = 1;
	do {
		ret = compact_zone_step(z, STEP_PAGES);
		steps++;
		if (!announced && largest_free_order() >= HIGH_ORDER) {
			printf("heal: pass %u: the first order-%d block formed (%lu pages migrated)\n",
			       steps, HIGH_ORDER, compact_stats.pgmigrate_success - migrated0);
			announced = true;
		}
		if (steps % 16 == 0) {
			printf("heal: pass %u: %lu pages migrated, order-%d blocks %lu, ", steps,
			       compact_stats.pgmigrate_success - migrated0, HIGH_ORDER,
			       z->free_area[HIGH_ORDER].nr_free +
				       2 * z->free_area[HIGH_ORDER + 1].nr_free);
			print_index("fragmentation index", fragmentation_index(z, HIGH_ORDER));
			printf("\n");
		}
		sleep_ticks(1);
	} while (ret == COMPACT_CONTINUE && steps < 10000);
	CHECK(ret == COMPACT_COMPLETE);
	CHECK(announced);
	CHECK(compact_stats.ptes_moved > 0);
	printf("heal: %u compaction passes migrated %lu pages (%lu failed), rewrote %lu PTEs\n",
	       steps, compact_stats.pgmigrate_success - migrated0, compact_stats.pgmigrate_fail,
	       compact_stats.ptes_moved);
}

/* Every live user page holds its tag (table walk and MMU); every cached page its pattern. */
static void verify(void)
{
	unsigned int bad = 0, users = 0, cached = 0;

	for (unsigned int s = 0; s < anon_next; s++) {
		struct page *page;

		if (!anon_live[s])
			continue;
		page = follow_page(user_mm, user_va(s));
		if (!page || !page_tagged(page_address(page), tag_of(s)) ||
		    page_mapcount(page) != 1 || !PageLRU(page) || !page_rmap_complete(page)) {
			if (bad++ < 5)
				printf("fragdemo: user page %u (va 0x%lx) lost\n", s, user_va(s));
			continue;
		}
		users++;
	}
	switch_mm(user_mm);
	for (unsigned int s = 0; s < anon_next; s++) {
		if (anon_live[s] && !page_tagged((const uint32_t *)user_va(s), tag_of(s))) {
			if (bad++ < 5)
				printf("fragdemo: load through the MMU at 0x%lx: stale\n", user_va(s));
		}
	}
	switch_mm(&init_mm);
	for (int f = 0; f < NR_FILES; f++) {
		for (unsigned int i = 0; i < FILE_PAGES; i++) {
			struct page *page;

			/* a pattern check reads the whole page: every 4th will do */
			if (!file_cached[f][i] || (f + i) % 4)
				continue;
			page = pagecache_lookup(files[f], i);
			if (!page || !pagecache_check_pattern(page, files[f], i, 0)) {
				if (bad++ < 5)
					printf("fragdemo: file %d page %u lost\n", f, i);
			} else {
				cached++;
			}
			if (page)
				put_page(page);
		}
	}
	printf("verified %u user pages (page tables and MMU), %u page-cache pages (every 4th), "
	       "%u bad\n", users, cached, bad);
	CHECK(bad == 0);
}

static void release_all(void)
{
	for (unsigned int i = 0; i < nr_procs; i++)
		if (procs[i].live)
			proc_exit(&procs[i]);
	for (int f = 0; f < NR_FILES; f++)
		pagecache_file_destroy(files[f]);
	for (unsigned int i = 0; i < nr_unmov; i++)
		kfree_block(i);
	mmput(user_mm);
	user_mm = NULL;
}

int main(void)
{
	mm_init(boot_dtb_pa);
	/* compaction (direct and kcompactd) stays off until the heal phase */
	sysctl_compaction_enabled = 0;
	user_mm = mm_alloc();
	CHECK(user_mm != NULL);
	for (int f = 0; f < NR_FILES; f++) {
		files[f] = pagecache_file_create(FILE_PAGES, FILL_GFP(GFP_ANON));
		CHECK(files[f] > 0);
	}
	if (!user_mm || failures)
		return 1;
	anon_max_live = min(ANON_MAX_LIVE, (unsigned int)(rmap_entries_total() / 8 * 7));
	boot_unusable = unusable_free_index(normal_zone(), HIGH_ORDER);
	report("boot", "nearly all memory free in large blocks");

	fill();
	CHECK(check_invariants() == 0);
	report("fill", "processes, page cache and kernel allocations all over the zone");

	fragment();
	CHECK(check_invariants() == 0);
	CHECK(try_high_order("compaction off") == 0);
	CHECK(free_pages_now() > zone_managed_pages(normal_zone()) / 2);
	CHECK(fragmentation_index(normal_zone(), HIGH_ORDER) > 900);
	report("fragment", "most memory free, but only in small holes");

	heal();
	CHECK(try_high_order("compaction on") == 2);
	verify();
	CHECK(check_invariants() == 0);
	/* back near the boot value: what stays unusable is holes in unmovable pageblocks */
	CHECK(unusable_free_index(normal_zone(), HIGH_ORDER) < boot_unusable + 150);
	report("heal", "movable pages gathered, large free blocks formed");

	release_all();
	CHECK(check_invariants() == 0);
	if (failures)
		printf("fragdemo: %d check(s) failed\n", failures);
	else
		printf("fragdemo: OK\n");
	/* the last act: what the host must see at exit */
	report("end", "everything freed");
	return failures ? 1 : 0;
}
