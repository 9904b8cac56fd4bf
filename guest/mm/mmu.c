// SPDX-License-Identifier: MIT
/*
 * mmu.c - the kernel's page tables: memory types, create_mapping(), paging_init().
 *
 * DOC: As Linux's arch/arm/mm/mmu.c.  paging_init() builds swapper_pg_dir
 * in a 16 KiB table from memblock and then switches TTBR0/TTBR1 from the
 * boot code's temporary table to it:
 *
 *   window                      how                           type
 *   lowmem at PAGE_OFFSET       1 MiB sections                MT_MEMORY_RWX over the
 *                                                             kernel image, else RW (XN)
 *   RAM identity (0x5000_0000)  1 MiB sections                same split; the kernel
 *                                                             runs here (its link address)
 *   0x7000_0000-0x7FFF_FFFF     1 MiB sections, identity      MT_DEVICE (shared device, XN)
 *   pkmap (highmem boards)      one pte table, empty          kmap()
 *   vmalloc/ioremap window      nothing yet                   vmalloc(), ioremap()
 *   fixmap, 0xFFFF0000 vectors  one pte table (top 2 MiB)     kmap_atomic(), vectors page
 *
 * Sections are used wherever virtual and physical addresses are 1 MiB
 * aligned, pages otherwise (a RAM bank not on a MiB boundary).  Memory types
 * are Linux's mem_types[] as build_mem_type_table() leaves them for an
 * ARMv6 uniprocessor with SCTLR.XP set and the write-back write-allocate
 * cache policy the boot tables chose (one attribute set per page, ARMv6
 * requires it).  Every descriptor store is cleaned to memory and its TLB
 * entry invalidated (pgtable.c), and the new table as a whole is cleaned
 * before TTBR0 points at it.
 *
 * Deviations from Linux: the identity maps stay (the kernel is linked at its
 * physical address), user space ends at TASK_SIZE = 0x5000_0000 below them,
 * and the vectors page at 0xFFFF0000 is mapped as Linux maps it but the CPU
 * keeps taking exceptions through VBAR (boot/entry.S), so it holds only the
 * undefined-instruction poison Linux fills unused vector space with.
 */
#include <string.h>

#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/rmap.h>

#include "mmu-internal.h"

pgd_t *swapper_pg_dir;
phys_addr_t swapper_pg_dir_phys;
struct mm_struct init_mm = { .mm_id = 0 };
unsigned long vmalloc_start = 0xd0800000UL; /* recomputed by paging_init() */

/* The boot code maps this much RAM at PAGE_OFFSET before our tables are live. */
#define BOOT_LOWMEM_ALIAS SZ_256M

/* Linux's poison for unused vector space: an undefined instruction. */
#define VECTORS_POISON 0xe7fddef1u

#define PROT_PTE_DEVICE (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_XN)
#define PROT_SECT_DEVICE (PMD_TYPE_SECT | PMD_SECT_AP_WRITE)
#define PTE_KERNEL_WBWA (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_MT_WRITEALLOC)

static const struct mem_type mem_types[NR_MEM_TYPES] = {
	[MT_DEVICE] = { /* ARMv6 shared device: TEX=000 C=0 B=1 */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_SHARED | L_PTE_SHARED,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_S | PMD_SECT_BUFFERED | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_DEVICE_NONSHARED] = { /* TEX=010 */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_NONSHARED,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_TEX(2) | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_DEVICE_CACHED] = { /* ioremap_cache */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_CACHED,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_WB | PMD_SECT_XN | PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_DEVICE_WC] = { /* ioremap_wc: normal non-cacheable */
		.prot_pte = PROT_PTE_DEVICE | L_PTE_MT_DEV_WC,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PROT_SECT_DEVICE | PMD_SECT_TEX(1) | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_UNCACHED] = { /* strongly ordered */
		.prot_pte = PROT_PTE_DEVICE,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_IO),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_XN | PMD_DOMAIN(DOMAIN_IO),
		.domain = DOMAIN_IO,
	},
	[MT_LOW_VECTORS] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_RDONLY |
			    L_PTE_MT_VECTORS,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_VECTORS),
		.domain = DOMAIN_VECTORS,
	},
	[MT_HIGH_VECTORS] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_USER |
			    L_PTE_RDONLY | L_PTE_MT_VECTORS,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_VECTORS),
		.domain = DOMAIN_VECTORS,
	},
	[MT_MEMORY_RWX] = {
		.prot_pte = PTE_KERNEL_WBWA,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WBWA |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_RW] = {
		.prot_pte = PTE_KERNEL_WBWA | L_PTE_XN,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WBWA | PMD_SECT_XN |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_ROM] = {
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_APX | PMD_SECT_AP_WRITE | PMD_SECT_WBWA |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_RWX_NONCACHED] = {
		.prot_pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_MT_BUFFERABLE,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.prot_sect = PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_TEX(1) |
			     PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
	[MT_MEMORY_DMA_READY] = {
		.prot_pte = PTE_KERNEL_WBWA | L_PTE_XN,
		.prot_l1 = PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL),
		.domain = DOMAIN_KERNEL,
	},
};

const struct mem_type *get_mem_type(unsigned int type)
{
	return type < NR_MEM_TYPES ? &mem_types[type] : NULL;
}

/* memblock memory the boot alias already maps, as the tables are built through it. */
void *pgtable_early_alloc(size_t size)
{
	phys_addr_t limit = PHYS_OFFSET + BOOT_LOWMEM_ALIAS;
	void *p;

	if (arm_lowmem_limit && arm_lowmem_limit < limit)
		limit = arm_lowmem_limit;
	p = memblock_alloc_try_nid(size, size, 0, limit, NUMA_NO_NODE);
	if (!p)
		pr_err("paging_init: cannot allocate %lu bytes below %x\n", (unsigned long)size,
		       (unsigned int)limit);
	return p;
}

/* ---- create_mapping() ---- */

static int alloc_init_pte(pmd_t *pmd, unsigned long addr, unsigned long end, unsigned long pfn,
			  const struct mem_type *type)
{
	pte_t *pte;

	if (pmd_none(pmd[0]) && pmd_none(pmd[1])) {
		pte = pte_alloc_one_kernel(&init_mm);
		if (!pte)
			return -ENOMEM;
		__pmd_populate(pmd, addr, __pa(pte), type->prot_l1);
		pgd_kernel_changed(addr);
	} else if (!pmd_table(pmd[0]) || !pmd_table(pmd[1])) {
		return -EINVAL; /* a section holds the other half */
	}
	pte = pte_offset_kernel(pmd, addr);
	do {
		set_pte_at(&init_mm, addr, pte, pfn_pte(pfn, type->prot_pte));
		pfn++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return 0;
}

static void map_init_section(pmd_t *pmd, unsigned long addr, unsigned long end, phys_addr_t phys,
			     const struct mem_type *type)
{
	/* a pgd entry is two sections: start on the odd one if addr is odd */
	if (addr & SECTION_SIZE)
		pmd++;
	do {
		set_section(pmd, addr, phys | type->prot_sect);
		phys += SECTION_SIZE;
	} while (pmd++, addr += SECTION_SIZE, addr != end);
}

int create_mapping(const struct map_desc *md)
{
	const struct mem_type *type = get_mem_type(md->type);
	unsigned long addr, length, end;
	phys_addr_t phys;
	pgd_t *pgd;
	int ret = 0;

	if (!type || !md->length)
		return -EINVAL;
	addr = md->virtual & PAGE_MASK;
	phys = PFN_PHYS(md->pfn);
	length = PAGE_ALIGN(md->length + (md->virtual & ~PAGE_MASK));
	if (!type->prot_l1 && ((addr | phys | length) & ~SECTION_MASK)) {
		pr_warn("BUG: map for 0x%08x at 0x%08lx can not be mapped using pages, ignoring.\n",
			(unsigned int)phys, addr);
		return -EINVAL;
	}
	end = addr + length;
	pgd = pgd_offset_k(addr);
	do {
		unsigned long next = pgd_addr_end(addr, end);
		pmd_t *pmd = pmd_offset(pgd, addr);

		if (type->prot_sect && ((addr | next | phys) & ~SECTION_MASK) == 0)
			map_init_section(pmd, addr, next, phys, type);
		else
			ret = alloc_init_pte(pmd, addr, next, PHYS_PFN(phys), type);
		if (ret)
			return ret;
		phys += next - addr;
		addr = next;
	} while (pgd++, addr != end);
	return 0;
}

void unmap_area_sections(unsigned long addr, unsigned long size)
{
	unsigned long end = addr + size;

	for (addr &= SECTION_MASK; addr != end && addr < end; addr += SECTION_SIZE) {
		pmd_t *pmd = pmd_off_k(addr) + ((addr & SECTION_SIZE) ? 1 : 0);

		if (pmd_leaf(*pmd))
			set_section(pmd, addr, 0);
	}
	pgd_kernel_changed(addr);
}

/* ---- the kernel half of other address spaces ---- */

void check_vmalloc_seq(struct mm_struct *mm)
{
	u32 *dst, *src;

	if (mm == &init_mm || mm->context.vmalloc_seq == init_mm.context.vmalloc_seq)
		return;
	dst = (u32 *)mm->pgd;
	src = (u32 *)swapper_pg_dir;
	for (unsigned long i = USER_PTRS_PER_PGD * 2; i < PTRS_PER_PGD * 2; i++) {
		if (dst[i] == src[i])
			continue;
		cpu_pgtable_store(&dst[i], src[i]);
		clean_pmd_entry(&dst[i]);
		local_flush_tlb_kernel_page(i << SECTION_SHIFT);
	}
	mm->context.vmalloc_seq = init_mm.context.vmalloc_seq;
}

void pgd_kernel_changed(unsigned long addr)
{
	(void)addr;
	init_mm.context.vmalloc_seq++;
	if (current_mm != &init_mm)
		check_vmalloc_seq(current_mm);
}

/* ---- the rmap's view of our ptes (compaction moves mapped pages) ---- */

static void arm_remap_pte(void *ptep, unsigned long addr, unsigned int mm_id,
			  unsigned long new_pfn)
{
	pte_t *p = ptep;
	pte_t old = *p;
	u32 ext = (addr < TASK_SIZE && pte_user(old)) ? PTE_EXT_NG : 0;

	set_pte_ext(p, pfn_pte(new_pfn, old & ~PAGE_MASK), ext);
	if (mm_id == 0) {
		vmalloc_page_moved(addr, pfn_to_page(new_pfn));
		pkmap_page_moved(addr, pfn_to_page(new_pfn));
	}
}

static void arm_rmap_flush_tlb_page(unsigned long addr, unsigned int mm_id)
{
	struct mm_struct *mm = mm_find(mm_id);

	if (mm)
		flush_tlb_page(mm, addr);
	else
		local_flush_tlb_all();
}

static unsigned long arm_rmap_pte_pfn(const void *ptep)
{
	return pte_pfn(*(const pte_t *)ptep);
}

static const struct rmap_ops arm_rmap_ops = {
	.remap_pte = arm_remap_pte,
	.flush_tlb_page = arm_rmap_flush_tlb_page,
	.pte_pfn = arm_rmap_pte_pfn,
};

/* ---- paging_init() ---- */

static int map_range(unsigned long virt, phys_addr_t start, phys_addr_t end, unsigned int type)
{
	struct map_desc map = {
		.virtual = virt,
		.pfn = PHYS_PFN(start),
		.length = end - start,
		.type = type,
	};

	if (start >= end)
		return 0;
	return create_mapping(&map);
}

/*
 * Map [start, end) at virtual start + voff: the kernel image's sections
 * executable, the rest execute-never (Linux's map_lowmem()).
 */
static int map_memory(phys_addr_t start, phys_addr_t end, unsigned long voff, phys_addr_t kx_start,
		      phys_addr_t kx_end)
{
	int ret = 0;

	if (end <= kx_start || start >= kx_end)
		return map_range(start + voff, start, end, MT_MEMORY_RW);
	ret |= map_range(start + voff, start, kx_start, MT_MEMORY_RW);
	ret |= map_range(max(start, kx_start) + voff, max(start, kx_start), min(end, kx_end),
			 MT_MEMORY_RWX);
	ret |= map_range(kx_end + voff, kx_end, end, MT_MEMORY_RW);
	return ret;
}

static int map_lowmem_and_identity(void)
{
	phys_addr_t kstart, kend, kx_start, kx_end, start, end;
	u64 i;
	int ret = 0;

	arch_kernel_image(&kstart, &kend);
	kx_start = kstart & (phys_addr_t)SECTION_MASK;
	kx_end = ALIGN(kend, SECTION_SIZE);
	for_each_mem_range(i, &start, &end) {
		phys_addr_t lend = min(end, arm_lowmem_limit);

		/* lowmem linear map */
		if (start < lend)
			ret |= map_memory(start, lend, phys_to_gva(start) - start, kx_start,
					  kx_end);
		/* identity map of all RAM: where the kernel runs */
		ret |= map_memory(start, end, 0, kx_start, kx_end);
	}
	return ret;
}

static void *vectors_page;

static int devicemaps_init(void)
{
	u32 *v = pgtable_early_alloc(2 * PAGE_SIZE);
	struct map_desc map;
	int ret;

	if (!v)
		return -ENOMEM;
	vectors_page = v;
	for (unsigned int i = 0; i < 2 * PAGE_SIZE / sizeof(u32); i++)
		v[i] = VECTORS_POISON;
	__cpuc_coherent_kern_range((unsigned long)v, (unsigned long)v + 2 * PAGE_SIZE);

	/* the peripherals, identity mapped as the boot code and drivers expect */
	map.virtual = DEV_IDMAP_START;
	map.pfn = PHYS_PFN(DEV_IDMAP_START);
	map.length = DEV_IDMAP_END - DEV_IDMAP_START;
	map.type = MT_DEVICE;
	ret = create_mapping(&map);

	/* vectors page (user-readable, kuser helpers' place) and the stubs page */
	map.pfn = PHYS_PFN(__pa(v));
	map.virtual = VECTORS_BASE;
	map.length = PAGE_SIZE;
	map.type = MT_HIGH_VECTORS;
	ret |= create_mapping(&map);
	map.pfn += 1;
	map.virtual = VECTORS_BASE + PAGE_SIZE;
	map.type = MT_LOW_VECTORS;
	ret |= create_mapping(&map);
	return ret;
}

void paging_init(void)
{
	unsigned long high = phys_to_gva(arm_lowmem_limit);
	int ret;

	pgtable_reset_state();
	pgd_reset_state();
	context_reset_state();
	vmalloc_start = (high + VMALLOC_OFFSET) & ~((unsigned long)VMALLOC_OFFSET - 1);
	swapper_pg_dir = pgtable_early_alloc(PGD_TABLE_SIZE);
	if (!swapper_pg_dir)
		BUG();
	swapper_pg_dir_phys = __pa(swapper_pg_dir);
	pgtable_note_boot_table(swapper_pg_dir_phys, 1 << PGD_TABLE_ORDER);
	init_mm.pgd = swapper_pg_dir;
	init_mm.context.vmalloc_seq = 0;
	current_mm = &init_mm;

	ret = map_lowmem_and_identity();
	ret |= devicemaps_init();
	kmap_init();
	vmalloc_init_early();
	if (ret)
		pr_err("paging_init: some mappings failed (%d)\n", ret);

	/* the zero entries were written through the cache too */
	clean_dcache_area(swapper_pg_dir, PGD_TABLE_SIZE);
	dsb();

	/* Linux __v6_setup: TTBCR.N = 0, TTBR1 = swapper, then the context */
	set_domain(domain_val(DOMAIN_KERNEL, DOMAIN_CLIENT) |
		   domain_val(DOMAIN_USER, DOMAIN_CLIENT) |
		   domain_val(DOMAIN_IO, DOMAIN_CLIENT) |
		   domain_val(DOMAIN_VECTORS, DOMAIN_CLIENT));
	cp15_set_ttbcr(0);
	cp15_set_ttbr(1, swapper_pg_dir_phys | TTB_FLAGS_UP);
	cpu_v6_switch_mm(swapper_pg_dir_phys, 0);
	if (!(get_cr() & CR_XP))
		set_cr(get_cr() | CR_XP);
	local_flush_tlb_all();
	flush_cache_all();

	rmap_register_ops(&arm_rmap_ops);
	pr_info("paging_init: swapper_pg_dir at %08x, lowmem %08lx-%08lx, vmalloc %08lx-%08x\n",
		(unsigned int)swapper_pg_dir_phys, (unsigned long)ARM_PAGE_OFFSET, high,
		vmalloc_start, (unsigned int)VMALLOC_END);
}
