// SPDX-License-Identifier: MIT
/*
 * dma-mapping.c - the DMA API on ARMv6 (Linux 5.11 arch/arm/mm/dma-mapping.c,
 * kernel/dma/debug.c, kernel/dma.c).
 *
 * DOC: dma_alloc_coherent() takes pages from CMA (__alloc_from_contiguous),
 * clears them and flushes their cacheable lowmem alias (__dma_clear_buffer)
 * so no dirty line of it can later be written back over what a device
 * wrote, then maps them non-cacheable into vmalloc space (the alias the CPU
 * uses).  Linux ARM also remaps the lowmem alias of CMA memory; here that
 * alias stays cacheable and simply is not used while the buffer is
 * allocated.  Streaming maps do v6_dma_map_area/v6_dma_unmap_area's
 * maintenance on the caller's buffer.  Every mapping is recorded by
 * dma-debug, which reports misuse in kernel/dma/debug.c's words, naming
 * the device and the address of the driver code that called.
 */
#include "internal.h"

#include <asm/pgtable.h>
#include <mm/cma.h>
#include <mm/dma-mapping.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CALLER() ((unsigned long)__builtin_return_address(0))

static unsigned int get_order(size_t size)
{
	unsigned int order = 0;

	for (size = (size - 1) >> PAGE_SHIFT; size; size >>= 1)
		order++;
	return order;
}

#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

/* ---- dma-debug ---- */

enum map_type { TYPE_SINGLE, TYPE_PAGE, TYPE_SG, TYPE_COHERENT };
static const char *const type_names[] = { "single", "page", "scatter-gather", "coherent" };
static const char *const dir_names[] = { "DMA_BIDIRECTIONAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE",
					 "DMA_NONE" };

#define DMA_DEBUG_ENTRIES 256

struct dma_debug_entry {
	const struct device *dev;
	enum map_type type;
	dma_addr_t dev_addr;
	size_t size;
	enum dma_data_direction dir;
	bool map_err_checked;
	bool used;
	unsigned long caller;
	void *cpu_addr;            /* coherent: the non-cacheable alias */
};

static struct dma_debug_entry entries[DMA_DEBUG_ENTRIES];
unsigned long dma_debug_errors[NR_DMA_DEBUG_ERRORS];
unsigned long dma_debug_last_caller;
static bool entries_full_reported;

void dma_debug_reset(void)
{
	memset(entries, 0, sizeof(entries));
	memset(dma_debug_errors, 0, sizeof(dma_debug_errors));
	dma_debug_last_caller = 0;
	entries_full_reported = false;
}

/* Linux err_printk(): "DMA-API: <device>: <what>", then who called. */
static void __attribute__((format(printf, 4, 5)))
err_printk(const struct device *dev, enum dma_debug_error kind, unsigned long caller,
	   const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	dma_debug_errors[kind]++;
	dma_debug_last_caller = caller;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_err("DMA-API: %s: %s\n", dev_name(dev), buf);
	pr_err("DMA-API: caller 0x%lx\n", caller);
}

static struct dma_debug_entry *add_entry(const struct device *dev, enum map_type type,
					 dma_addr_t addr, size_t size,
					 enum dma_data_direction dir, unsigned long caller)
{
	for (unsigned int i = 0; i < DMA_DEBUG_ENTRIES; i++) {
		struct dma_debug_entry *e = &entries[i];

		if (e->used)
			continue;
		*e = (struct dma_debug_entry){ .dev = dev, .type = type, .dev_addr = addr,
					       .size = size, .dir = dir, .used = true,
					       .caller = caller };
		return e;
	}
	if (!entries_full_reported) {
		pr_err("DMA-API: debugging out of memory - disabling\n");
		entries_full_reported = true;
	}
	return NULL;
}

static struct dma_debug_entry *find_entry(const struct device *dev, dma_addr_t addr)
{
	for (unsigned int i = 0; i < DMA_DEBUG_ENTRIES; i++)
		if (entries[i].used && entries[i].dev == dev && entries[i].dev_addr == addr)
			return &entries[i];
	return NULL;
}

/* Linux check_unmap(): the mapping must exist and be undone as it was made. */
static void check_unmap(const struct device *dev, enum map_type type, dma_addr_t addr,
			size_t size, enum dma_data_direction dir, unsigned long caller)
{
	struct dma_debug_entry *e = find_entry(dev, addr);

	if (!e) {
		err_printk(dev, DMA_DEBUG_UNMAP_UNKNOWN, caller,
			   "device driver tries to free DMA memory it has not allocated "
			   "[device address=0x%08x] [size=%lu bytes]", addr, (unsigned long)size);
		return;
	}
	if (e->size != size)
		err_printk(dev, DMA_DEBUG_UNMAP_SIZE, caller,
			   "device driver frees DMA memory with different size "
			   "[device address=0x%08x] [map size=%lu bytes] [unmap size=%lu bytes]",
			   addr, (unsigned long)e->size, (unsigned long)size);
	if (e->type != type)
		err_printk(dev, DMA_DEBUG_UNMAP_TYPE, caller,
			   "device driver frees DMA memory with wrong function "
			   "[device address=0x%08x] [size=%lu bytes] [mapped as %s] [unmapped as %s]",
			   addr, (unsigned long)e->size, type_names[e->type], type_names[type]);
	if (e->dir != dir)
		err_printk(dev, DMA_DEBUG_UNMAP_DIR, caller,
			   "device driver frees DMA memory with different direction "
			   "[device address=0x%08x] [size=%lu bytes] [mapped with %s] [unmapped with %s]",
			   addr, (unsigned long)e->size, dir_names[e->dir], dir_names[dir]);
	if (e->type != TYPE_COHERENT && !e->map_err_checked)
		err_printk(dev, DMA_DEBUG_MAP_ERR_UNCHECKED, caller,
			   "device driver failed to check map error [device address=0x%08x] "
			   "[size=%lu bytes] [mapped as %s]", addr, (unsigned long)e->size,
			   type_names[e->type]);
	e->used = false;
}

/* Linux check_sync(): inside one mapping, in its direction. */
static void check_sync(const struct device *dev, dma_addr_t addr, size_t size,
		       enum dma_data_direction dir, bool to_cpu, unsigned long caller)
{
	struct dma_debug_entry *e = NULL;

	for (unsigned int i = 0; i < DMA_DEBUG_ENTRIES && !e; i++)
		if (entries[i].used && entries[i].dev == dev && entries[i].type != TYPE_COHERENT &&
		    addr >= entries[i].dev_addr && addr < entries[i].dev_addr + entries[i].size)
			e = &entries[i];
	if (!e) {
		err_printk(dev, DMA_DEBUG_SYNC_UNKNOWN, caller,
			   "device driver tries to sync DMA memory it has not allocated "
			   "[device address=0x%08x] [size=%lu bytes]", addr, (unsigned long)size);
		return;
	}
	if (addr + size > e->dev_addr + e->size)
		err_printk(dev, DMA_DEBUG_SYNC_RANGE, caller,
			   "device driver syncs DMA memory outside allocated range "
			   "[device address=0x%08x] [allocation size=%lu bytes] [sync offset+size=%lu]",
			   e->dev_addr, (unsigned long)e->size, (unsigned long)(addr - e->dev_addr + size));
	if (e->dir != DMA_BIDIRECTIONAL && e->dir != dir)
		err_printk(dev, DMA_DEBUG_SYNC_DIR, caller,
			   "device driver syncs DMA memory with different direction "
			   "[device address=0x%08x] [size=%lu bytes] [mapped with %s] [synced with %s]",
			   addr, (unsigned long)size, dir_names[e->dir], dir_names[dir]);
	else if (to_cpu && dir == DMA_TO_DEVICE)
		err_printk(dev, DMA_DEBUG_SYNC_DIR, caller,
			   "device driver syncs device read-only DMA memory for cpu "
			   "[device address=0x%08x] [size=%lu bytes] [mapped with %s] [synced with %s]",
			   addr, (unsigned long)size, dir_names[e->dir], dir_names[dir]);
}

/* Linux debug_dma_map_single(): the memory must not be on a stack. */
static void check_map_memory(const struct device *dev, const void *ptr, size_t size,
			     unsigned long caller)
{
	if (arch_object_is_on_stack(ptr))
		err_printk(dev, DMA_DEBUG_MAP_STACK, caller,
			   "device driver maps memory from stack [addr=%p] [len=%lu]", ptr,
			   (unsigned long)size);
}

unsigned int dma_debug_active(const struct device *dev)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < DMA_DEBUG_ENTRIES; i++)
		n += entries[i].used && (!dev || entries[i].dev == dev);
	return n;
}

unsigned int dma_debug_check_leaks(const struct device *dev)
{
	unsigned int n = dma_debug_active(dev);

	if (!n)
		return 0;
	err_printk(dev, DMA_DEBUG_LEAK, CALLER(),
		   "device driver has pending DMA allocations while released from device [count=%u]",
		   n);
	for (unsigned int i = 0; i < DMA_DEBUG_ENTRIES; i++) {
		const struct dma_debug_entry *e = &entries[i];

		if (!e->used || (dev && e->dev != dev))
			continue;
		pr_err("DMA-API: %s: leaked entry [device address=0x%08x] [size=%lu bytes] "
		       "[mapped with %s] [mapped as %s] [mapped at 0x%lx]\n", dev_name(e->dev),
		       e->dev_addr, (unsigned long)e->size, dir_names[e->dir], type_names[e->type],
		       e->caller);
	}
	return n;
}

/* ---- bus addresses ---- */

static inline dma_addr_t phys_to_dma(phys_addr_t pa)
{
	return (dma_addr_t)pa; /* the S3C6410's bus masters see physical addresses */
}

static inline phys_addr_t dma_to_phys(dma_addr_t addr)
{
	return (phys_addr_t)addr;
}

static void *dma_to_virt(dma_addr_t addr)
{
	return __va(dma_to_phys(addr));
}

/* ---- coherent buffers ---- */

static struct cma *dev_get_cma_area(struct device *dev)
{
	return dev && dev->cma_area ? dev->cma_area : dma_contiguous_default_area;
}

static void *__dma_alloc(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp,
			 pgprot_t prot, unsigned long caller)
{
	unsigned int count = (unsigned int)(PAGE_ALIGN(size) >> PAGE_SHIFT);
	unsigned int order = get_order(size);
	struct cma *cma = dev_get_cma_area(dev);
	struct page **pages, *page = NULL;
	struct dma_debug_entry *e;
	void *va;

	*handle = DMA_MAPPING_ERROR;
	if (!size)
		return NULL;
	if (cma)
		page = cma_alloc(cma, count, min(order, (unsigned int)CMA_ALIGNMENT),
				 gfp & __GFP_NOWARN);
	if (!page) {
		/* no CMA (or it is full): Linux's __alloc_remap_buffer */
		page = alloc_pages((gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE)) | __GFP_NOWARN, order);
		if (!page)
			return NULL;
		split_page(page, order);
		for (unsigned int i = count; i < (1u << order); i++)
			__free_pages(page + i, 0);
		cma = NULL;
	}
	/* __dma_clear_buffer(): zero through the cacheable alias and push it out */
	for (unsigned int i = 0; i < count; i++) {
		void *p = page_address(page + i);

		memset(p, 0, PAGE_SIZE);
		dmac_flush_range(p, (char *)p + PAGE_SIZE);
	}
	pages = kmalloc(count * sizeof(*pages), GFP_KERNEL);
	va = NULL;
	if (pages) {
		for (unsigned int i = 0; i < count; i++)
			pages[i] = page + i;
		va = vmap(pages, count, VM_MAP, prot);
		kfree(pages);
	}
	if (!va) {
		if (!cma || !cma_release(cma, page, count))
			for (unsigned int i = 0; i < count; i++)
				__free_pages(page + i, 0);
		return NULL;
	}
	*handle = phys_to_dma(page_to_phys(page));
	e = add_entry(dev, TYPE_COHERENT, *handle, size, DMA_BIDIRECTIONAL, caller);
	if (e)
		e->cpu_addr = va;
	return va;
}

static void __dma_free(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle,
		       unsigned long caller)
{
	unsigned int count = (unsigned int)(PAGE_ALIGN(size) >> PAGE_SHIFT);
	struct dma_debug_entry *e = find_entry(dev, handle);
	struct page *page;
	struct cma *cma = dev_get_cma_area(dev);

	if (e && e->type == TYPE_COHERENT && e->cpu_addr != cpu_addr) {
		err_printk(dev, DMA_DEBUG_UNMAP_UNKNOWN, caller,
			   "device driver frees DMA memory with different CPU address "
			   "[device address=0x%08x] [size=%lu bytes] [cpu alloc address=%p] "
			   "[cpu free address=%p]", handle, (unsigned long)size, e->cpu_addr, cpu_addr);
		return;
	}
	check_unmap(dev, TYPE_COHERENT, handle, size, DMA_BIDIRECTIONAL, caller);
	if (!e || e->type != TYPE_COHERENT)
		return; /* reported: do not free what we do not know */
	vunmap(cpu_addr);
	page = pfn_to_page(PHYS_PFN(dma_to_phys(handle)));
	if (!cma || !cma_release(cma, page, count))
		for (unsigned int i = 0; i < count; i++)
			__free_pages(page + i, 0);
}

void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
	return __dma_alloc(dev, size, dma_handle, gfp, PAGE_KERNEL_NOCACHE, CALLER());
}

void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
	__dma_free(dev, size, cpu_addr, dma_handle, CALLER());
}

void *dma_alloc_wc(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp)
{
	/* pgprot_writecombine() on ARMv6: bufferable, not cacheable, as pgprot_dmacoherent() */
	return __dma_alloc(dev, size, dma_handle, gfp, PAGE_KERNEL_NOCACHE, CALLER());
}

void dma_free_wc(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
	__dma_free(dev, size, cpu_addr, dma_handle, CALLER());
}

void *dma_coherent_vaddr(dma_addr_t dma_handle)
{
	for (unsigned int i = 0; i < DMA_DEBUG_ENTRIES; i++)
		if (entries[i].used && entries[i].type == TYPE_COHERENT &&
		    entries[i].dev_addr == dma_handle)
			return entries[i].cpu_addr;
	return NULL;
}

/* ---- streaming mappings ---- */

static dma_addr_t __map(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir,
			enum map_type type, unsigned long caller)
{
	dma_addr_t addr;

	if (dir > DMA_FROM_DEVICE || !size)
		return DMA_MAPPING_ERROR;
	check_map_memory(dev, ptr, size, caller);
	/* DMA must never operate on areas that might be remapped */
	if (is_vmalloc_addr(ptr)) {
		err_printk(dev, DMA_DEBUG_MAP_VMALLOC, caller,
			   "rejecting DMA map of vmalloc memory [addr=%p] [len=%lu]", ptr,
			   (unsigned long)size);
		return DMA_MAPPING_ERROR;
	}
	/* no struct page behind it (a host stack in the native build) */
	if (!virt_addr_valid(ptr))
		return DMA_MAPPING_ERROR;
	dmac_map_area(ptr, size, dir);
	addr = phys_to_dma(__pa(ptr));
	add_entry(dev, type, addr, size, dir, caller);
	return addr;
}

static void __unmap(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir,
		    enum map_type type, unsigned long caller)
{
	struct dma_debug_entry *e = find_entry(dev, addr);

	check_unmap(dev, type, addr, size, dir, caller);
	if (!e || addr == DMA_MAPPING_ERROR)
		return;
	/* the mapping's own direction and size decide the maintenance */
	dmac_unmap_area(dma_to_virt(addr), e->size, e->dir);
}

dma_addr_t dma_map_single(struct device *dev, void *ptr, size_t size, enum dma_data_direction dir)
{
	return __map(dev, ptr, size, dir, TYPE_SINGLE, CALLER());
}

void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir)
{
	__unmap(dev, addr, size, dir, TYPE_SINGLE, CALLER());
}

dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir)
{
	void *va = page_address(page);

	if (!va) /* highmem page not kmapped: Linux would kmap per line; not needed here */
		return DMA_MAPPING_ERROR;
	return __map(dev, (char *)va + offset, size, dir, TYPE_PAGE, CALLER());
}

void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir)
{
	__unmap(dev, addr, size, dir, TYPE_PAGE, CALLER());
}

int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	struct dma_debug_entry *e = find_entry(dev, dma_addr);

	if (e)
		e->map_err_checked = true;
	return dma_addr == DMA_MAPPING_ERROR;
}

void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
}

void sg_set_page(struct scatterlist *sg, struct page *page, unsigned int len, unsigned int offset)
{
	sg->page = page;
	sg->offset = offset;
	sg->length = len;
}

void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg_set_page(sg, virt_to_page(buf), buflen, (unsigned int)offset_in_page(__pa(buf)));
}

int dma_map_sg(struct device *dev, struct scatterlist *sg, int nents, enum dma_data_direction dir)
{
	unsigned long caller = CALLER();
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i) {
		s->dma_address = __map(dev, sg_virt(s), s->length, dir, TYPE_SG, caller);
		s->dma_length = s->length;
		if (s->dma_address == DMA_MAPPING_ERROR) {
			/* undo what was mapped; 0 tells the driver it failed */
			while (i--) {
				s--;
				__unmap(dev, s->dma_address, s->length, dir, TYPE_SG, caller);
			}
			return 0;
		}
		/* Linux checks the sg count's map error once for the list */
		find_entry(dev, s->dma_address)->map_err_checked = true;
	}
	return nents;
}

void dma_unmap_sg(struct device *dev, struct scatterlist *sg, int nents,
		  enum dma_data_direction dir)
{
	unsigned long caller = CALLER();
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i)
		__unmap(dev, s->dma_address, s->length, dir, TYPE_SG, caller);
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	check_sync(dev, addr, size, dir, true, CALLER());
	dmac_unmap_area(dma_to_virt(addr), size, dir);
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	check_sync(dev, addr, size, dir, false, CALLER());
	dmac_map_area(dma_to_virt(addr), size, dir);
}

void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nents,
			 enum dma_data_direction dir)
{
	unsigned long caller = CALLER();
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i) {
		check_sync(dev, s->dma_address, s->dma_length, dir, true, caller);
		dmac_unmap_area(dma_to_virt(s->dma_address), s->dma_length, dir);
	}
}

void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nents,
			    enum dma_data_direction dir)
{
	unsigned long caller = CALLER();
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i) {
		check_sync(dev, s->dma_address, s->dma_length, dir, false, caller);
		dmac_map_area(dma_to_virt(s->dma_address), s->dma_length, dir);
	}
}

/* ---- channels (kernel/dma.c) ---- */

static const char *dma_chan_busy[MAX_DMA_CHANNELS];

int request_dma(unsigned int dmanr, const char *device_id)
{
	unsigned long flags;

	if (dmanr >= MAX_DMA_CHANNELS)
		return -EINVAL;
	local_irq_save(flags);
	if (dma_chan_busy[dmanr]) {
		local_irq_restore(flags);
		return -EBUSY;
	}
	dma_chan_busy[dmanr] = device_id ? device_id : "unknown";
	local_irq_restore(flags);
	return 0;
}

void free_dma(unsigned int dmanr)
{
	if (dmanr >= MAX_DMA_CHANNELS) {
		pr_warn("Trying to free DMA%u\n", dmanr);
		return;
	}
	if (!dma_chan_busy[dmanr]) {
		pr_warn("Trying to free free DMA%u\n", dmanr);
		return;
	}
	dma_chan_busy[dmanr] = NULL;
}

const char *dma_channel_owner(unsigned int dmanr)
{
	return dmanr < MAX_DMA_CHANNELS ? dma_chan_busy[dmanr] : NULL;
}

void dma_reset(void)
{
	memset(dma_chan_busy, 0, sizeof(dma_chan_busy));
	dma_debug_reset();
}
