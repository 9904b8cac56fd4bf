/* SPDX-License-Identifier: MIT */
/*
 * mm/dma-mapping.h - the DMA API (Linux include/linux/dma-mapping.h,
 * arch/arm/mm/dma-mapping.c, kernel/dma/debug.c, kernel/dma.c).
 *
 * DOC: Coherent buffers come from the device's CMA area (the default one
 * unless the device names another) and are mapped a second time, into the
 * vmalloc space with non-cacheable bufferable attributes (ARMv6's
 * pgprot_dmacoherent/pgprot_writecombine); the CPU uses that alias only.
 * Streaming mappings keep the caller's cacheable lowmem buffer and do the
 * ARMv6 maintenance of v6_dma_map_area/v6_dma_unmap_area: map cleans
 * (TO_DEVICE, BIDIRECTIONAL) or invalidates (FROM_DEVICE; partial first and
 * last lines cleaned and invalidated); unmap and sync_for_cpu invalidate
 * unless the transfer was TO_DEVICE.  A dma_addr_t is a bus address, its
 * own type, never a pointer; on the S3C6410 it equals the physical address.
 * dma-debug (always on here, as CONFIG_DMA_API_DEBUG) keeps every mapping
 * and reports misuse in Linux's words with the caller's address.
 */
#ifndef MM_DMA_MAPPING_H
#define MM_DMA_MAPPING_H

#include <asm/cacheflush.h> /* enum dma_data_direction */
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/types.h>

struct page;
struct cma;

typedef u32 dma_addr_t;
#define DMA_MAPPING_ERROR ((dma_addr_t)~0u)

/* What the DMA API needs of a device (Linux struct device). */
struct device {
	const char *name;
	struct cma *cma_area; /* NULL: dma_contiguous_default_area */
};

static inline const char *dev_name(const struct device *dev)
{
	return dev && dev->name ? dev->name : "(none)";
}

/* Linux struct scatterlist, without chaining. */
struct scatterlist {
	struct page *page;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
};

void sg_init_table(struct scatterlist *sgl, unsigned int nents);
void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int buflen);
void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len, unsigned int offset);
#define sg_dma_address(sg) ((sg)->dma_address)
#define sg_dma_len(sg) ((sg)->dma_length)
#define for_each_sg(sglist, sg, nr, i) for ((i) = 0, (sg) = (sglist); (i) < (nr); (i)++, (sg)++)

/* Coherent memory: non-cacheable CPU alias, *dma_handle the bus address. */
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);
/* Write-combining (bufferable, non-cacheable): the same memory type on ARMv6. */
void *dma_alloc_wc(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp);
void dma_free_wc(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle);

/* Streaming mappings of lowmem (kmalloc, page allocator) buffers. */
dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);
dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir);
void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir);
int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents, enum dma_data_direction dir);
void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir);
void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir);
void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nents,
			 enum dma_data_direction dir);
void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nents,
			    enum dma_data_direction dir);
/* Drivers must ask this of every dma_map_* result (dma-debug checks they did). */
int dma_mapping_error(struct device *dev, dma_addr_t dma_addr);

/* The CPU address of a coherent buffer's bus address (for the host's attribution). */
void *dma_coherent_vaddr(dma_addr_t dma_handle);

/*
 * DMA channels (Linux kernel/dma.c): 4 controllers x 8 channels, numbered
 * DMA0 0-7, DMA1 8-15, SDMA0 16-23, SDMA1 24-31.  0, -EINVAL or -EBUSY.
 */
#define MAX_DMA_CHANNELS 32
int request_dma(unsigned int dmanr, const char *device_id);
void free_dma(unsigned int dmanr);
/* Who holds a channel, or NULL. */
const char *dma_channel_owner(unsigned int dmanr);

/* ---- dma-debug (kernel/dma/debug.c) ---- */
enum dma_debug_error {
	DMA_DEBUG_UNMAP_UNKNOWN,   /* unmap/free of something never mapped */
	DMA_DEBUG_UNMAP_SIZE,      /* unmap with a different size */
	DMA_DEBUG_UNMAP_DIR,       /* unmap with a different direction */
	DMA_DEBUG_UNMAP_TYPE,      /* unmap with the wrong function (single/page/sg/coherent) */
	DMA_DEBUG_MAP_ERR_UNCHECKED, /* dma_mapping_error() never called */
	DMA_DEBUG_SYNC_UNKNOWN,    /* sync of memory not mapped */
	DMA_DEBUG_SYNC_RANGE,      /* sync beyond the mapping */
	DMA_DEBUG_SYNC_DIR,        /* sync in another direction */
	DMA_DEBUG_MAP_STACK,       /* mapping stack memory */
	DMA_DEBUG_MAP_VMALLOC,     /* mapping vmalloc memory (rejected) */
	DMA_DEBUG_LEAK,            /* mappings left at exit */
	NR_DMA_DEBUG_ERRORS
};
extern unsigned long dma_debug_errors[NR_DMA_DEBUG_ERRORS];
/* The caller address of the last report (what the report printed). */
extern unsigned long dma_debug_last_caller;
/* Active mappings (all devices, or dev's). */
unsigned int dma_debug_active(const struct device *dev);
/*
 * The device is going away (or the program exits): report each mapping it
 * still holds, as Linux's dma_debug_device_change().  Returns how many.
 */
unsigned int dma_debug_check_leaks(const struct device *dev);
void dma_debug_reset(void);
/* Forget all channels and mappings (native tests start each case from scratch). */
void dma_reset(void);

static inline void *sg_virt(struct scatterlist *sg)
{
	return (char *)page_address(sg->page) + sg->offset;
}

#endif /* MM_DMA_MAPPING_H */
