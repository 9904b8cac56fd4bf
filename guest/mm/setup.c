// SPDX-License-Identifier: MIT
/*
 * setup.c - mm_init(): from the device tree to a running page allocator.
 *
 * DOC: The memory part of Linux's setup_arch() + mm_init() for ARM:
 *  1. early_init_dt_scan(): /memory nodes (reg, numa-node-id) into
 *     memblock.memory, /chosen bootargs into boot_command_line, and
 *     /chosen "s3c6410-emu,zone-dma-size" (bytes of ZONE_DMA, our property);
 *  2. parse_early_param(): mem=, movablecore=, kernelcore=, vmalloc=, cma=;
 *  3. adjust_lowmem_bounds(): arm_lowmem_limit from the vmalloc size;
 *  4. arm_memblock_init(): reserve the kernel image, the DTB, its
 *     /memreserve/ entries and /reserved-memory (no-map regions leave the
 *     linear map);
 *  5. paging_init() (page-table layer), bootmem_init() (zones, mem_map),
 *     rmap_init(), mem_init() (buddy allocator up), kmem_cache_init() (slab);
 *  6. the background work (kswapd, kcompactd) hooked to the tick and idle.
 * Each step publishes its phase in mm_abi.
 */
#include "internal.h"

#include <mm/cma.h>
#include <mm/memblock.h>
#include <mm/rmap.h>
#include <mm/vmscan.h>

#include "lib/fdt.h"

#include <string.h>

phys_addr_t arm_lowmem_limit;
void *high_memory;
unsigned long vmalloc_size = VMALLOC_DEFAULT_SIZE;

void bootmem_init(void);
void mem_init(void);
/*
 * Provided by the page-table and slab layers.  Native test programs may
 * leave them out (they build the allocator without page tables or slab).
 */
#ifdef GUEST_NATIVE
void paging_init(void) __attribute__((weak));
void kmem_cache_init(void) __attribute__((weak));
#define CALL_IF_LINKED(fn) do { if (fn) fn(); } while (0)
#else
void paging_init(void);
void kmem_cache_init(void);
#define CALL_IF_LINKED(fn) fn()
#endif
/* Arch: hook background work to the timer tick and idle (no-op natively). */
void arch_mm_register_background(void);

/* ---- device tree ---- */

static int early_init_dt_scan_memory(const void *fdt)
{
	int root = 0, node, found = 0;
	int ac = dt_address_cells(fdt, root), sc = dt_size_cells(fdt, root);

	for (node = dt_first_subnode(fdt, root); node >= 0; node = dt_next_subnode(fdt, node)) {
		const char *type = dt_getprop(fdt, node, "device_type", NULL);
		const char *name = dt_get_name(fdt, node, NULL);
		const uint32_t *reg;
		uint32_t nid = 0;
		int len;

		if (!(type && !strcmp(type, "memory")) &&
		    !(name && (!strcmp(name, "memory") || !strncmp(name, "memory@", 7))))
			continue;
		reg = dt_getprop(fdt, node, "reg", &len);
		if (!reg)
			continue;
		dt_getprop_u32(fdt, node, "numa-node-id", &nid);
		if (nid >= MAX_NUMNODES) {
			pr_warn("DT: memory node with numa-node-id %u ignored\n", (unsigned int)nid);
			continue;
		}
		while (len >= (ac + sc) * 4) {
			u64 base = dt_read_number(&reg, ac);
			u64 size = dt_read_number(&reg, sc);

			len -= (ac + sc) * 4;
			if (!size)
				continue;
			if (base > PHYS_ADDR_MAX || base + size - 1 > PHYS_ADDR_MAX) {
				pr_warn("DT: memory [0x%lx...] beyond 32-bit physical space ignored\n",
					(unsigned long)base);
				continue;
			}
			pr_info(" - %s: 0x%08lx-0x%08lx node %u\n", name ? name : "memory",
				(unsigned long)base, (unsigned long)(base + size - 1), (unsigned int)nid);
			memblock_add_node((phys_addr_t)base, (phys_addr_t)size, (int)nid);
			found++;
		}
	}
	return found;
}

static void early_init_dt_scan_chosen(const void *fdt)
{
	int node = dt_path_offset(fdt, "/chosen");
	const char *args;
	uint32_t dma;
	int len;

	if (node < 0)
		return;
	args = dt_getprop(fdt, node, "bootargs", &len);
	if (args && len > 0) {
		size_t n = strnlen(args, (size_t)len);

		if (n >= sizeof(boot_command_line))
			n = sizeof(boot_command_line) - 1;
		memcpy(boot_command_line, args, n);
		boot_command_line[n] = '\0';
	}
	if (dt_getprop_u32(fdt, node, "s3c6410-emu,zone-dma-size", &dma))
		zone_dma_size = dma;
}

/*
 * A reusable "shared-dma-pool" node becomes a CMA area (Linux rmem_cma_setup()):
 * it must be pageblock aligned; linux,cma-default makes it the default area.
 */
static bool rmem_is_cma(const void *fdt, int node, bool nomap)
{
	return dt_prop_has_string(fdt, node, "compatible", "shared-dma-pool") &&
	       dt_getprop(fdt, node, "reusable", NULL) && !nomap;
}

static void rmem_cma_setup(const void *fdt, int node, const char *name, phys_addr_t base,
			   phys_addr_t size)
{
	struct cma *cma;
	int err;

	if (!dt_getprop(fdt, node, "reusable", NULL) || dt_getprop(fdt, node, "no-map", NULL))
		return;
	if ((base | size) & ((PAGE_SIZE << pageblock_order) - 1)) {
		pr_err("Reserved memory: incorrect alignment of CMA region\n");
		return;
	}
	err = cma_init_reserved_mem(base, size, 0, name, &cma);
	if (err) {
		pr_err("Reserved memory: unable to setup CMA region\n");
		return;
	}
	if (dt_getprop(fdt, node, "linux,cma-default", NULL))
		dma_contiguous_default_area = cma;
	pr_info("Reserved memory: created CMA memory pool at 0x%08x, size %u MiB\n", base,
		(unsigned int)(size >> 20));
}

/*
 * A dynamic reservation (size [+ alignment] [+ alloc-ranges]), Linux
 * __reserved_mem_alloc_size(): a reusable pool is aligned to a pageblock
 * (CMA needs whole pageblocks); alloc-ranges are tried in order.
 */
static phys_addr_t rmem_alloc_size(const void *fdt, int node, int ac, int sc, phys_addr_t size,
				   phys_addr_t align, bool cma)
{
	const uint32_t *r;
	int len;

	if (cma)
		align = max(align, (phys_addr_t)(PAGE_SIZE << pageblock_order));
	r = dt_getprop(fdt, node, "alloc-ranges", &len);
	if (!r || len < (ac + sc) * 4)
		return memblock_phys_alloc(size, align);
	for (; len >= (ac + sc) * 4; len -= (ac + sc) * 4) {
		phys_addr_t start = (phys_addr_t)dt_read_number(&r, ac);
		phys_addr_t rsize = (phys_addr_t)dt_read_number(&r, sc);
		phys_addr_t base = memblock_phys_alloc_range(size, align, start, start + rsize);

		if (base)
			return base;
	}
	return 0;
}

/* /reserved-memory children: static (reg) and dynamic (size, alignment) reservations. */
static void early_init_fdt_scan_reserved_mem(const void *fdt)
{
	int parent = dt_path_offset(fdt, "/reserved-memory");
	int ac, sc, node;

	if (parent < 0)
		return;
	ac = dt_address_cells(fdt, parent);
	sc = dt_size_cells(fdt, parent);
	for (node = dt_first_subnode(fdt, parent); node >= 0; node = dt_next_subnode(fdt, node)) {
		const char *name = dt_get_name(fdt, node, NULL);
		bool nomap = dt_getprop(fdt, node, "no-map", NULL) != NULL;
		bool cma = rmem_is_cma(fdt, node, nomap);
		const char *status = dt_getprop(fdt, node, "status", NULL);
		const uint32_t *reg;
		int len;

		if (status && strcmp(status, "okay") && strcmp(status, "ok"))
			continue;
		reg = dt_getprop(fdt, node, "reg", &len);
		if (reg) {
			while (len >= (ac + sc) * 4) {
				phys_addr_t base = (phys_addr_t)dt_read_number(&reg, ac);
				phys_addr_t size = (phys_addr_t)dt_read_number(&reg, sc);
				int ret;

				len -= (ac + sc) * 4;
				if (nomap) {
					ret = memblock_is_region_reserved(base, size) ? -EBUSY
						: memblock_mark_nomap(base, size);
				} else {
					ret = memblock_reserve(base, size);
				}
				pr_info("Reserved memory: %s region 0x%08x-0x%08x for node '%s'%s\n",
					ret ? "failed to reserve" : "reserved", base, base + size - 1,
					name, nomap ? " (no-map)" : "");
				if (!ret && cma)
					rmem_cma_setup(fdt, node, name, base, size);
			}
			continue;
		}
		/* dynamic: size [+ alignment] [+ alloc-ranges] */
		{
			const uint32_t *p = dt_getprop(fdt, node, "size", &len);
			const uint32_t *a;
			phys_addr_t size, align = PAGE_SIZE, base;

			if (!p || len != sc * 4)
				continue;
			size = (phys_addr_t)dt_read_number(&p, sc);
			a = dt_getprop(fdt, node, "alignment", &len);
			if (a && len == ac * 4)
				align = (phys_addr_t)dt_read_number(&a, ac);
			base = rmem_alloc_size(fdt, node, ac, sc, size, align, cma);
			if (base && nomap)
				memblock_mark_nomap(base, size);
			pr_info("Reserved memory: %s 0x%x bytes at 0x%08x for node '%s'\n",
				base ? "allocated" : "failed to allocate", size, base, name);
			if (base && cma)
				rmem_cma_setup(fdt, node, name, base, size);
		}
	}
}

/* The blob itself and its /memreserve/ block. */
static void early_init_fdt_reserve_self(const void *fdt, phys_addr_t dtb_pa)
{
	const uint32_t *rsv = (const uint32_t *)((const uint8_t *)fdt +
						 dt32_to_cpu(((const uint32_t *)fdt)[4]));

	memblock_reserve(dtb_pa, (unsigned int)dt_totalsize(fdt));
	for (;;) {
		u64 base = dt_read_number(&rsv, 2);
		u64 size = dt_read_number(&rsv, 2);

		if (!size)
			break;
		if (base + size - 1 <= PHYS_ADDR_MAX)
			memblock_reserve((phys_addr_t)base, (phys_addr_t)size);
	}
}

/* ---- the memory layout ---- */

/*
 * Linux's adjust_lowmem_bounds(): lowmem ends where the vmalloc area (plus
 * the 8 MiB gap) would start; memblock allocations stay below it (rounded
 * down to a pmd so early page tables can map what they hand out).
 */
void adjust_lowmem_bounds(void);
void adjust_lowmem_bounds(void)
{
	u64 vmalloc_limit = (u64)VMALLOC_END - vmalloc_size - VMALLOC_OFFSET - ARM_PAGE_OFFSET +
			    PHYS_OFFSET;
	phys_addr_t block_start, block_end, lowmem_limit = 0, memblock_limit = 0;
	u64 i;

	for_each_mem_range(i, &block_start, &block_end) {
		if (block_start < vmalloc_limit) {
			if (block_end > lowmem_limit)
				lowmem_limit = (phys_addr_t)min_t(u64, vmalloc_limit, block_end);
			if (!memblock_limit) {
				if (!IS_ALIGNED(block_start, PMD_SIZE))
					memblock_limit = block_start;
				else if (!IS_ALIGNED(block_end, PMD_SIZE))
					memblock_limit = lowmem_limit;
			}
		}
	}
	arm_lowmem_limit = lowmem_limit;
	high_memory = (char *)__va(arm_lowmem_limit - 1) + 1;
	if (!memblock_limit)
		memblock_limit = arm_lowmem_limit;
	memblock_limit = ALIGN_DOWN(memblock_limit, PMD_SIZE);
	memblock_set_current_limit(memblock_limit);
}

static void dma_contiguous_reserve(phys_addr_t limit);

static void arm_memblock_init(const void *fdt, phys_addr_t dtb_pa)
{
	phys_addr_t kstart, kend;

	arch_kernel_image(&kstart, &kend);
	memblock_reserve(kstart, kend - kstart);
	if (fdt) {
		early_init_fdt_reserve_self(fdt, dtb_pa);
		early_init_fdt_scan_reserved_mem(fdt);
	}
	dma_contiguous_reserve(arm_lowmem_limit);
}

/*
 * cma=size: the default area, below limit, unless the device tree gave one
 * (Linux dma_contiguous_reserve(); its Kconfig default size is 0 here).
 */
static void dma_contiguous_reserve(phys_addr_t limit)
{
	struct cma *cma;

	if (!cma_size_bytes || dma_contiguous_default_area)
		return;
	if (!cma_declare_contiguous(0, cma_size_bytes, limit, 0, 0, false, "reserved", &cma))
		dma_contiguous_default_area = cma;
	else
		pr_err("Failed to reserve %u MiB for cma=\n", (unsigned int)(cma_size_bytes >> 20));
}

/*
 * Everything before the page tables: memblock from the DTB (fdt may be
 * NULL when the caller filled memblock itself, as the native tests do).
 */
void setup_memblock(const void *fdt, phys_addr_t dtb_pa);
void setup_memblock(const void *fdt, phys_addr_t dtb_pa)
{
	mm_abi_init();
	if (fdt) {
		if (!early_init_dt_scan_memory(fdt)) {
			pr_emerg("DT: no /memory node with a usable reg property\n");
			BUG();
		}
		early_init_dt_scan_chosen(fdt);
	}
	parse_early_param(boot_command_line);
	if (memory_limit) {
		pr_info("mem=%uM: limiting memory\n", memory_limit >> 20);
		memblock_enforce_memory_limit(memory_limit);
	}
	mm_abi_set_phase(MM_PHASE_MEMBLOCK);
	adjust_lowmem_bounds();
	arm_memblock_init(fdt, dtb_pa);
	adjust_lowmem_bounds();
	if (memblock_debug)
		memblock_dump_all();
}

void mm_init(phys_addr_t dtb_pa)
{
	const void *fdt = __va(dtb_pa);
	int err = dt_check_header(fdt, 0);

	if (err) {
		pr_emerg("DT: no valid device tree at 0x%08x (error %d)\n", dtb_pa, err);
		BUG();
	}
	pr_info("mm: DTB at 0x%08x, %u bytes\n", dtb_pa, (unsigned int)dt_totalsize(fdt));
	setup_memblock(fdt, dtb_pa);
	pr_info("Kernel command line: %s\n", boot_command_line);

	CALL_IF_LINKED(paging_init);
	bootmem_init();
	/* one rmap entry per 8 pages is plenty for this kernel's mappings */
	rmap_init(max(1024UL, max_mapnr / 8));
	mem_init();
	CALL_IF_LINKED(kmem_cache_init);
	mm_abi_set_phase(MM_PHASE_SLAB);
	arch_mm_register_background();
}
