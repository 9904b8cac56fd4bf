// SPDX-License-Identifier: MIT
/*
 * cma.c - coherent DMA buffers from the board's CMA pool, over memory full of page cache.
 *
 * DOC: The default board's device tree declares a 16 MiB "shared-dma-pool"
 * (linux,cma-default).  This program checks the pool became MIGRATE_CMA
 * pageblocks, takes most other memory with kernel allocations (which never
 * use the pool), fills the rest with dirty page-cache pages until some of them
 * sit in the pool (CMA lends its pages to movable allocations), then
 * allocates coherent buffers with dma_alloc_coherent(): cma_alloc()
 * migrates the page-cache pages out of each range.  It writes a pattern
 * through each buffer's non-cacheable alias and reads it back through the
 * cacheable linear map, reads every page-cache page back through the cache
 * (the migrated ones included), does one streaming mapping with
 * dma_mapping_error() checked, frees one buffer and keeps the others until
 * exit (dma-debug reports them as pending at exit), so the host's decode of
 * the final state (--stats) shows CMA pageblocks with allocated and free
 * frames.  Exit 0 when all holds.
 *
 * Guest arguments (the scenarios tests/scenarios/cma_*.lua use them):
 *   --dma  a PL080S channel (DMA1 channel 0) copies 64 KiB from one kernel
 *          buffer to another, a new pattern each time, the whole run long:
 *          while the page cache spreads over the pool, while cma_alloc()
 *          migrates it (a copy is started before each call and runs on
 *          during it) and into a coherent buffer at the end; the CPU checks
 *          every word of every copy.  The DMA and the migration's copies
 *          contend for the DRAM port.
 *   --pin  before the 1 MiB buffers: one page-cache page in the middle of the
 *          pool is pinned (a reference and PG_pinned, as pin_user_pages()
 *          leaves it) and a 12 MiB buffer is asked for.  Every 1 MiB-aligned
 *          12 MiB range of the 16 MiB pool holds that page, so cma_alloc()
 *          fails with -EBUSY and says so as Linux does ("alloc_contig_range:
 *          [..) PFNs busy", the page dumped, "cma_alloc: linux,cma: alloc
 *          failed, req-size: 3072 pages, ret: -16"); unpinned, the same
 *          request succeeds by migrating, and the buffer is freed again.
 *   --leave=N  the kernel's allocations stop at N free pages (default
 *          16000), which the page cache then fills: less is a shorter run
 *          with the same story, as long as the pool (4096 pages) fills.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mm/cma.h>
#include <mm/compaction.h>
#include <mm/dma-mapping.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagecache.h>
#include <mm/slab.h>

#include "boot/setup.h"
#include "check.h"
#include "drivers/cpu.h"
#include "drivers/pl080s.h"
#include "drivers/semihost.h"

#define NR_BUFS 4
#define BUF_SIZE (1u << 20)
#define PIN_SIZE (12u << 20)   /* every candidate range of the 16 MiB pool holds its middle */
#define DMA_LEN (64u << 10)
#define DMA_ORDER 4            /* 64 KiB of pages */
#define DMA_CHANNEL 8          /* DMA1 channel 0 */

static struct device dev = { .name = "cma-demo" };
static bool opt_dma, opt_pin;
static unsigned long opt_leave = 16000; /* free pages the kernel leaves for the page cache */

/* The background copies of --dma. */
static struct {
	struct device dev;
	struct pl08x_chan *chan;
	u32 *src, *dst;
	dma_addr_t src_bus, dst_bus;
	volatile int done, failed;
	unsigned int seq;          /* copies started */
	unsigned long checked, bad_words, failures, overlapped;
} ds = { .dev = { .name = "cma-dma" }, .done = 1 };

static void parse_args(void)
{
	static char buf[256];
	uint32_t block[2] = { (uint32_t)(uintptr_t)buf, sizeof(buf) };
	char *p, *next;

	if (semihost_call(0x15 /* SYS_GET_CMDLINE */, block))
		return;
	for (p = buf; *p; p = next) {
		for (next = p; *next && *next != ' '; next++)
			;
		if (*next)
			*next++ = 0;
		opt_dma |= !strcmp(p, "--dma");
		opt_pin |= !strcmp(p, "--pin");
		if (!strncmp(p, "--leave=", 8))
			opt_leave = strtoul(p + 8, NULL, 0);
	}
}

static u32 dma_pattern(unsigned int seq, unsigned int i)
{
	return (seq << 16 ^ i) * 2654435761u;
}

static void dma_done(void *param, const struct dma_tx_result *res)
{
	(void)param;
	ds.failed = res->result != DMA_TRANS_NOERROR;
	ds.done = 1;
}

/* Start a copy of the source (a fresh pattern) to `to`; 0 or -1. */
static int dma_start(dma_addr_t to)
{
	struct pl08x_desc *d;

	for (unsigned int i = 0; i < DMA_LEN / 4; i++)
		ds.src[i] = dma_pattern(ds.seq, i);
	dma_sync_single_for_device(&ds.dev, ds.src_bus, DMA_LEN, DMA_TO_DEVICE);
	if (to == ds.dst_bus)
		dma_sync_single_for_device(&ds.dev, ds.dst_bus, DMA_LEN, DMA_FROM_DEVICE);
	d = pl08x_prep_dma_memcpy(ds.chan, to, ds.src_bus, DMA_LEN);
	if (!d)
		return -1;
	d->callback = dma_done;
	ds.done = 0;
	ds.seq++;
	pl08x_submit(d);
	pl08x_issue_pending(ds.chan);
	return 0;
}

/* Check the copy that ended into `dst` (CPU view), word by word. */
static void dma_check(const u32 *dst)
{
	ds.failures += ds.failed;
	for (unsigned int i = 0; i < DMA_LEN / 4; i++)
		ds.bad_words += dst[i] != dma_pattern(ds.seq - 1, i);
	ds.checked++;
}

/* Keep a copy running: when the last one ended, check it and start the next. */
static void dma_pump(void)
{
	if (!ds.chan || !ds.done)
		return;
	if (ds.seq) {
		dma_sync_single_for_cpu(&ds.dev, ds.dst_bus, DMA_LEN, DMA_FROM_DEVICE);
		dma_check(ds.dst);
	}
	if (dma_start(ds.dst_bus))
		ds.failures++;
}

static void dma_wait(void)
{
	while (ds.chan && !ds.done)
		cpu_do_idle();
}

static int dma_setup(void)
{
	if (pl08x_init())
		return -1;
	ds.src = (u32 *)__get_free_pages(GFP_KERNEL, DMA_ORDER);
	ds.dst = (u32 *)__get_free_pages(GFP_KERNEL, DMA_ORDER);
	ds.chan = pl08x_request_channel(DMA_CHANNEL, ds.dev.name);
	if (!ds.src || !ds.dst || !ds.chan)
		return -1;
	ds.src_bus = dma_map_single(&ds.dev, ds.src, DMA_LEN, DMA_TO_DEVICE);
	ds.dst_bus = dma_map_single(&ds.dev, ds.dst, DMA_LEN, DMA_FROM_DEVICE);
	if (dma_mapping_error(&ds.dev, ds.src_bus) || dma_mapping_error(&ds.dev, ds.dst_bus))
		return -1;
	printf("cma: DMA on %s channel %u: %u KiB copies from pa 0x%08x to pa 0x%08x\n",
	       pl08x_controller(DMA_CHANNEL / 8)->name, DMA_CHANNEL % 8, DMA_LEN >> 10,
	       (unsigned int)ds.src_bus, (unsigned int)ds.dst_bus);
	return 0;
}

/* A coherent buffer, with a copy running while cma_alloc() works (--dma). */
static void *alloc_coherent_under_dma(size_t size, dma_addr_t *bus)
{
	void *p;
	int running;

	dma_pump();
	running = ds.chan && !ds.done;
	p = dma_alloc_coherent(&dev, size, bus, GFP_KERNEL);
	ds.overlapped += running;
	return p;
}

/*
 * --pin: a pinned page in the middle of the pool keeps every candidate
 * range busy; once unpinned the same request migrates its way through.
 */
static void pin_case(const struct cma *cma, int file, unsigned long nr)
{
	unsigned long mid = cma->base_pfn + cma->count / 2, index = nr;
	struct page *page = NULL;
	dma_addr_t bus;
	void *big;

	for (unsigned long i = 0; i < nr && !page; i += 2) {
		struct page *p = pagecache_lookup(file, i);

		if (p && page_to_pfn(p) >= mid && page_to_pfn(p) < mid + 256) {
			page = p;
			index = i;
		} else if (p) {
			put_page(p);
		}
	}
	check(page != NULL, "page-cache page %lu at pfn 0x%lx pinned", index,
	      page ? page_to_pfn(page) : 0);
	if (!page)
		return;
	SetPagePinned(page);  /* with the reference pagecache_lookup() took */
	big = alloc_coherent_under_dma(PIN_SIZE, &bus);
	check(big == NULL, "a %u MiB buffer over the pinned page is refused", PIN_SIZE >> 20);
	if (big)
		dma_free_coherent(&dev, PIN_SIZE, big, bus);
	ClearPagePinned(page);
	put_page(page);
	big = alloc_coherent_under_dma(PIN_SIZE, &bus);
	check(big != NULL, "unpinned, the %u MiB buffer is allocated at bus 0x%08x",
	      PIN_SIZE >> 20, (unsigned int)bus);
	if (big)
		dma_free_coherent(&dev, PIN_SIZE, big, bus);
}

static unsigned long file_pages_in(const struct cma *cma)
{
	unsigned long n = 0;

	for (unsigned long pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count; pfn++)
		n += PageLRU(pfn_to_page(pfn));
	return n;
}

int main(void)
{
	struct cma *cma;
	void *buf[NR_BUFS];
	dma_addr_t bus[NR_BUFS];
	unsigned long nr, in_cma, migrated, bad = 0;
	int file;

	mm_init(boot_dtb_pa);
	parse_args();
	cma = dma_contiguous_default_area;
	check(cma != NULL, "the board has a default CMA area");
	if (!cma)
		return check_done("cma");
	check(!strcmp(cma->name, "linux,cma") && cma->count == 4096,
	      "area %s: %lu pages at pfn 0x%lx", cma->name, cma->count, cma->base_pfn);
	check(get_pageblock_migratetype(pfn_to_page(cma->base_pfn)) == MIGRATE_CMA &&
	      get_pageblock_migratetype(pfn_to_page(cma->base_pfn + cma->count - 1)) == MIGRATE_CMA,
	      "its pageblocks are MIGRATE_CMA");

	/*
	 * Page cache until the pool is nearly full of it (movable allocations
	 * take CMA pageblocks once the movable ones are used up), then every
	 * other page truncated: room to migrate into, data in every block.
	 */
	/* the driver's LLI pool comes from CMA now, at the bottom of the pool */
	if (opt_dma && !check(dma_setup() == 0, "a DMA channel and its buffers"))
		return check_done("cma");
	dma_pump();
	/* the kernel takes most memory outside the pool first (cheap: no page writes) */
	while (nr_free_pages() > opt_leave)
		if (!alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER - 1))
			break;
	nr = nr_free_pages() - 1000;
	file = pagecache_file_create(nr, GFP_HIGHUSER_MOVABLE);
	check(file >= 0, "a file of %lu pages", nr);
	if (file < 0)
		return check_done("cma");
	for (unsigned long i = 0; i < nr; i++) {
		if (pagecache_write(file, i, (u32)i * 2654435761u))
			bad++;
		if (i % 256 == 0)
			dma_pump();
	}
	for (unsigned long i = 1; i < nr; i += 2)
		pagecache_remove(file, i);
	in_cma = file_pages_in(cma);
	check(bad == 0 && in_cma > 1000, "%lu page-cache pages written, %lu kept in the pool",
	      nr, in_cma);

	migrated = compact_stats.pgmigrate_success;
	if (opt_pin)
		pin_case(cma, file, nr);
	for (int b = 0; b < NR_BUFS; b++) {
		uint32_t *p;

		buf[b] = alloc_coherent_under_dma(BUF_SIZE, &bus[b]);
		check(buf[b] != NULL, "coherent buffer %d: bus 0x%08x, cpu %p", b,
		      (unsigned int)bus[b], buf[b]);
		if (!buf[b])
			continue;
		check(PHYS_PFN(bus[b]) >= cma->base_pfn &&
		      PHYS_PFN(bus[b]) + (BUF_SIZE >> PAGE_SHIFT) <= cma->base_pfn + cma->count &&
		      (void *)buf[b] != __va(bus[b]),
		      "buffer %d lies in the pool, its CPU address is not the linear map's", b);
		p = buf[b];
		for (unsigned int i = 0; i < BUF_SIZE / 4; i += 97)
			p[i] = bus[b] + i;
	}
	printf("cma: %lu page-cache pages migrated out of the pool's ranges\n",
	       compact_stats.pgmigrate_success - migrated);
	check(compact_stats.pgmigrate_success - migrated > 0, "cma_alloc migrated page-cache pages");
	for (int b = 0; b < NR_BUFS; b++) {
		const uint32_t *lin;
		unsigned long wrong = 0;

		if (!buf[b])
			continue;
		lin = __va(bus[b]);
		for (unsigned int i = 0; i < BUF_SIZE / 4; i += 97)
			wrong += lin[i] != bus[b] + i;
		check(wrong == 0, "buffer %d: the pattern written non-cacheable is in memory", b);
	}
	if (ds.chan && buf[NR_BUFS - 1]) {
		/* the last copy goes into a coherent buffer: no maintenance needed */
		dma_wait();
		dma_pump();
		dma_wait();
		dma_sync_single_for_cpu(&ds.dev, ds.dst_bus, DMA_LEN, DMA_FROM_DEVICE);
		dma_check(ds.dst);
		if (dma_start(bus[NR_BUFS - 1]) == 0) {
			dma_wait();
			dma_check(buf[NR_BUFS - 1]);
		}
		printf("cma: %lu DMA copies checked (%lu KiB), %lu bad words, %lu failed, "
		       "%lu ran during cma_alloc()\n", ds.checked, ds.checked * (DMA_LEN >> 10),
		       ds.bad_words, ds.failures, ds.overlapped);
		check(ds.bad_words == 0 && ds.failures == 0 && ds.checked > 3,
		      "every DMA copy arrived intact, the last one in a coherent buffer");
		check(ds.overlapped >= NR_BUFS, "a DMA copy ran during every cma_alloc()");
	}
	bad = 0;
	for (unsigned long i = 0; i < nr; i += 2) {
		u32 seed;

		if (pagecache_read(file, i, &seed) || seed != (u32)i * 2654435761u)
			bad++;
	}
	check(bad == 0, "every page-cache page reads back intact");

	{
		char *s = kmalloc(256, GFP_KERNEL);
		dma_addr_t h = dma_map_single(&dev, s, 256, DMA_TO_DEVICE);

		check(!dma_mapping_error(&dev, h) && h == __pa(s), "a streaming mapping");
		dma_unmap_single(&dev, h, 256, DMA_TO_DEVICE);
		kfree(s);
	}
	for (int k = 0; k < NR_DMA_DEBUG_ERRORS; k++)
		check(dma_debug_errors[k] == 0, "no dma-debug report of kind %d", k);

	if (ds.chan) {
		dma_unmap_single(&ds.dev, ds.src_bus, DMA_LEN, DMA_TO_DEVICE);
		dma_unmap_single(&ds.dev, ds.dst_bus, DMA_LEN, DMA_FROM_DEVICE);
		pl08x_release_channel(ds.chan);
	}
	dma_free_coherent(&dev, BUF_SIZE, buf[0], bus[0]);
	check(dma_debug_active(&dev) == NR_BUFS - 1, "%d coherent buffers kept until exit",
	      NR_BUFS - 1);
	printf("cma: %lu of %lu pool pages free in its bitmap\n", cma_available_pages(cma),
	       cma->count);
	/* exiting with the buffers still allocated: dma-debug names them */
	check(dma_debug_check_leaks(&dev) == NR_BUFS - 1 &&
	      dma_debug_errors[DMA_DEBUG_LEAK] == 1, "dma-debug reports the buffers left at exit");
	check(check_invariants() == 0, "allocator invariants");
	return check_done("cma");
}
