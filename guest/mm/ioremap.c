// SPDX-License-Identifier: MIT
/*
 * ioremap.c - device mappings in the vmalloc window (Linux arch/arm/mm/ioremap.c).
 *
 * DOC: See mm/ioremap.h.  The memory type's prot_pte (pages) or prot_sect
 * (2 MiB-aligned ranges, mapped as pairs of 1 MiB sections) gives the
 * attributes: MT_DEVICE is shared device (TEX=000 C=0 B=1), execute-never,
 * domain DOMAIN_IO.  Device frames have no struct page, so nothing is
 * recorded in the rmap.
 */
#include <asm/cacheflush.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <mm/ioremap.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/vmalloc.h>

static int ioremap_page_range(unsigned long addr, unsigned long end, phys_addr_t phys,
			      pgprot_t prot)
{
	for (; addr < end; addr += PAGE_SIZE, phys += PAGE_SIZE) {
		pte_t *ptep = pte_alloc_kernel(addr);

		if (!ptep)
			return -ENOMEM;
		set_pte_at(&init_mm, addr, ptep, pfn_pte(PHYS_PFN(phys), prot));
	}
	return 0;
}

static int remap_area_sections(unsigned long virt, phys_addr_t phys, unsigned long size,
			       const struct mem_type *type)
{
	unsigned long addr = virt, end = virt + size;

	for (; addr < end; addr += PMD_SIZE, phys += PMD_SIZE) {
		pmd_t *pmd = pmd_off_k(addr);

		if (!pmd_none(pmd[0]) || !pmd_none(pmd[1]))
			return -EBUSY;
		set_section(&pmd[0], addr, phys | type->prot_sect);
		set_section(&pmd[1], addr + SECTION_SIZE, (phys + SECTION_SIZE) | type->prot_sect);
	}
	pgd_kernel_changed(virt);
	return 0;
}

void __iomem *__arm_ioremap(phys_addr_t phys, size_t size, unsigned int mtype)
{
	const struct mem_type *type = get_mem_type(mtype);
	unsigned long offset = phys & ~PAGE_MASK;
	phys_addr_t base = phys & (phys_addr_t)PAGE_MASK;
	struct vm_struct *area;
	unsigned long addr;
	int err;

	if (!type || !size || phys + size - 1 < phys)
		return NULL;
	/* ARMv6: no second mapping of RAM with other attributes */
	if (memblock_is_memory(base) || memblock_is_memory(phys + size - 1)) {
		pr_warn("ioremap: refusing to map RAM at 0x%08x\n", (unsigned int)phys);
		return NULL;
	}
	size = PAGE_ALIGN(offset + size);
	area = __get_vm_area_caller(size, 1, VM_IOREMAP, VMALLOC_START, VMALLOC_END,
				    __builtin_return_address(0));
	if (!area)
		return NULL;
	addr = (unsigned long)area->addr;
	area->phys_addr = base;
	area->mtype = mtype;
	if (type->prot_sect && !((base | size | addr) & ~PMD_MASK)) {
		area->flags |= VM_ARM_SECTION_MAPPING;
		err = remap_area_sections(addr, base, size, type);
	} else {
		err = ioremap_page_range(addr, addr + size, base, type->prot_pte);
	}
	if (err) {
		if (area->flags & VM_ARM_SECTION_MAPPING)
			unmap_area_sections(addr, size);
		else
			unmap_kernel_range(addr, size);
		free_vm_area(area);
		return NULL;
	}
	flush_cache_vmap(addr, addr + size);
	return (void __iomem *)(addr + offset);
}

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	return __arm_ioremap(phys, size, MT_DEVICE);
}

void __iomem *ioremap_wc(phys_addr_t phys, size_t size)
{
	return __arm_ioremap(phys, size, MT_DEVICE_WC);
}

void __iomem *ioremap_cache(phys_addr_t phys, size_t size)
{
	return __arm_ioremap(phys, size, MT_DEVICE_CACHED);
}

void iounmap(volatile void __iomem *io_addr)
{
	void *addr = (void *)((unsigned long)io_addr & PAGE_MASK);
	struct vm_struct *area = find_vm_area(addr);

	if (!area || area->addr != addr || !(area->flags & VM_IOREMAP)) {
		pr_err("iounmap: bad address %p\n", addr);
		WARN_ON(1);
		return;
	}
	if (area->flags & VM_ARM_SECTION_MAPPING)
		unmap_area_sections((unsigned long)addr, get_vm_area_size(area));
	else
		unmap_kernel_range((unsigned long)addr, get_vm_area_size(area));
	free_vm_area(area);
}
