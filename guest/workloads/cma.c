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
 */
#include <stdio.h>
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

#define NR_BUFS 4
#define BUF_SIZE (1u << 20)

static struct device dev = { .name = "cma-demo" };

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
	/* the kernel takes most memory outside the pool first (cheap: no page writes) */
	while (nr_free_pages() > 16000)
		if (!alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER - 1))
			break;
	nr = nr_free_pages() - 1000;
	file = pagecache_file_create(nr, GFP_HIGHUSER_MOVABLE);
	check(file >= 0, "a file of %lu pages", nr);
	if (file < 0)
		return check_done("cma");
	for (unsigned long i = 0; i < nr; i++)
		if (pagecache_write(file, i, (u32)i * 2654435761u))
			bad++;
	for (unsigned long i = 1; i < nr; i += 2)
		pagecache_remove(file, i);
	in_cma = file_pages_in(cma);
	check(bad == 0 && in_cma > 1000, "%lu page-cache pages written, %lu kept in the pool",
	      nr, in_cma);

	migrated = compact_stats.pgmigrate_success;
	for (int b = 0; b < NR_BUFS; b++) {
		uint32_t *p;

		buf[b] = dma_alloc_coherent(&dev, BUF_SIZE, &bus[b], GFP_KERNEL);
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
