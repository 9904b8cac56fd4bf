/* SPDX-License-Identifier: MIT */
/*
 * asm/cacheflush.h - cache maintenance (Linux's struct cpu_cache_fns, cache-v6.S).
 *
 * DOC: The ARM1176 has separate 4-way VIPT L1 caches with 32-byte lines and
 * a write buffer.  Its 16 KiB caches have 4 KiB ways, so they do not alias
 * and no page colouring is needed.  What software must do:
 *  - clean the D-cache line of every page-table descriptor it writes, since
 *    the table walker reads memory, not the D-cache (clean_dcache_area());
 *  - make code written through the D-cache visible to the I-cache
 *    (__cpuc_coherent_kern_range());
 *  - clean before a device reads memory and invalidate before the CPU reads
 *    what a device wrote (dmac_map_area()/dmac_unmap_area(), the DMA API's
 *    arch hooks, as v6_dma_map_area/v6_dma_unmap_area).
 * Addresses are kernel virtual addresses (lowmem or vmalloc) in both builds.
 */
#ifndef ASM_CACHEFLUSH_H
#define ASM_CACHEFLUSH_H

#include <mm/types.h>
#include <asm/proc-fns.h>

/* DMA directions (linux/dma-direction.h) */
enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,
	DMA_FROM_DEVICE = 2,
	DMA_NONE = 3,
};

/* Invalidate the whole I-cache (c7,c5,0) and the branch target buffer. */
void __cpuc_flush_icache_all(void);
/* Clean+invalidate the whole D-cache (c7,c14,0), invalidate the I-cache, drain. */
void __cpuc_flush_kern_all(void);
#define __cpuc_flush_user_all() __cpuc_flush_kern_all()
/* Clean+invalidate D lines of [addr, addr + size) (c7,c14,1), drain. */
void __cpuc_flush_dcache_area(void *addr, size_t size);
/* Clean D and invalidate I lines of [start, end) so new code can run. */
void __cpuc_coherent_kern_range(unsigned long start, unsigned long end);

/* DMA maintenance over [start, start + size) for a device transfer in `dir`. */
void dmac_map_area(const void *start, size_t size, enum dma_data_direction dir);
void dmac_unmap_area(const void *start, size_t size, enum dma_data_direction dir);
/* The three range primitives behind them (v6_dma_{clean,inv,flush}_range). */
void dmac_clean_range(const void *start, const void *end);
void dmac_inv_range(const void *start, const void *end);
void dmac_flush_range(const void *start, const void *end);

/* Drain the write buffer (c7,c10,4): ARMv6's data synchronisation barrier. */
void cpu_drain_write_buffer(void);
/* Flush the prefetch buffer (c7,c5,4): ARMv6's instruction barrier. */
void cpu_flush_prefetch(void);
#define dsb() cpu_drain_write_buffer()
#define isb() cpu_flush_prefetch()

#define flush_cache_all() __cpuc_flush_kern_all()
#define flush_icache_range(s, e) __cpuc_coherent_kern_range(s, e)

/* Clean the lines holding page-table entries (Linux clean_dcache_area). */
static inline void clean_dcache_area(void *start, size_t size)
{
	cpu_v6_dcache_clean_area(start, size);
}

/* vmalloc aliases: VIPT non-aliasing caches need nothing beyond a drain. */
static inline void flush_cache_vmap(unsigned long start, unsigned long end)
{
	dsb();
}

static inline void flush_cache_vunmap(unsigned long start, unsigned long end)
{
}

#endif /* ASM_CACHEFLUSH_H */
