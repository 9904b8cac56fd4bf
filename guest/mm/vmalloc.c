// SPDX-License-Identifier: MIT
/*
 * vmalloc.c - vmap areas, vmalloc/vfree, vmap/vunmap (Linux mm/vmalloc.c).
 *
 * DOC: See mm/vmalloc.h.  Busy areas are kept in one list sorted by
 * address; allocation is first fit over the gaps between them (Linux keeps
 * an augmented rb-tree of free space for speed; the policy is the same:
 * lowest address that fits, aligned).  The vmap_area and vm_struct of an
 * area come from kmalloc, so vmalloc works once the slab allocator is up.
 *
 * Page-table discipline: every pte written or cleared is cleaned and its
 * TLB entry invalidated by set_pte_at()/pte_clear(); a pte table the window
 * no longer uses is unhooked (pmd cleared, cleaned, TLB invalidated) and
 * given back, and other address spaces pick the change up through
 * init_mm.context.vmalloc_seq.
 */
#include <string.h>

#include <asm/cacheflush.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include "mmu-internal.h"

static struct vmap_area *vmap_area_list; /* busy areas, sorted by va_start */
static unsigned long nr_vmalloc_pages;
static unsigned long nr_vmap_areas;

void vmalloc_init_early(void)
{
	vmap_area_list = NULL;
	nr_vmalloc_pages = 0;
	nr_vmap_areas = 0;
}

bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* ---- address space ---- */

static struct vmap_area *find_vmap_area(unsigned long addr)
{
	for (struct vmap_area *va = vmap_area_list; va && va->va_start <= addr; va = va->next)
		if (addr < va->va_end)
			return va;
	return NULL;
}

/* First fit: the lowest aligned address in [vstart, vend) with size bytes free. */
static struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
					 unsigned long vstart, unsigned long vend, gfp_t gfp)
{
	struct vmap_area *va = kmalloc(sizeof(*va), gfp), **pp;
	unsigned long addr = ALIGN(vstart, align);
	unsigned long flags;

	if (!va)
		return NULL;
	local_irq_save(flags);
	for (pp = &vmap_area_list; *pp; pp = &(*pp)->next) {
		struct vmap_area *busy = *pp;

		if (busy->va_end <= addr)
			continue;
		if (addr + size <= busy->va_start && addr + size > addr)
			break; /* the gap before busy fits */
		addr = ALIGN(busy->va_end, align);
	}
	if (addr + size < addr || addr + size > vend) {
		local_irq_restore(flags);
		kfree(va);
		return NULL;
	}
	va->va_start = addr;
	va->va_end = addr + size;
	va->vm = NULL;
	va->next = *pp;
	*pp = va;
	nr_vmap_areas++;
	local_irq_restore(flags);
	return va;
}

static void free_vmap_area(struct vmap_area *va)
{
	unsigned long flags;

	local_irq_save(flags);
	for (struct vmap_area **pp = &vmap_area_list; *pp; pp = &(*pp)->next) {
		if (*pp == va) {
			*pp = va->next;
			nr_vmap_areas--;
			break;
		}
	}
	local_irq_restore(flags);
	kfree(va);
}

struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long align,
				       unsigned long flags, unsigned long start, unsigned long end,
				       const void *caller)
{
	struct vmap_area *va;
	struct vm_struct *area;

	if (flags & VM_IOREMAP) {
		unsigned int order = PAGE_SHIFT;

		while (order < IOREMAP_MAX_ORDER && (1UL << order) < size)
			order++;
		align = 1UL << order;
	}
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	size = PAGE_ALIGN(size);
	if (!size)
		return NULL;
	area = kzalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	va = alloc_vmap_area(size, align, start, end, GFP_KERNEL);
	if (!va) {
		kfree(area);
		return NULL;
	}
	area->addr = (void *)va->va_start;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	va->vm = area;
	return area;
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_caller(size, 1, flags, VMALLOC_START, VMALLOC_END,
				    __builtin_return_address(0));
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	return va ? va->vm : NULL;
}

struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);
	struct vm_struct *vm;

	if (!va || !va->vm || va->va_start != (unsigned long)addr)
		return NULL;
	vm = va->vm;
	free_vmap_area(va);
	return vm;
}

void free_vm_area(struct vm_struct *area)
{
	struct vm_struct *ret = remove_vm_area(area->addr);

	BUG_ON(ret != area);
	kfree(area);
}

/* ---- page tables ---- */

int map_kernel_range(unsigned long start, unsigned long size, pgprot_t prot, struct page **pages)
{
	unsigned long addr = start, end = start + size;
	unsigned int i = 0;

	for (; addr < end; addr += PAGE_SIZE, i++) {
		pte_t *ptep = pte_alloc_kernel(addr);

		if (!ptep)
			return -ENOMEM;
		if (WARN_ON(!pte_none(*ptep)))
			return -EBUSY;
		set_pte_at(&init_mm, addr, ptep, mk_pte(pages[i], prot));
		page_add_rmap(pages[i], ptep, addr, 0);
	}
	flush_cache_vmap(start, end);
	return 0;
}

static bool pte_table_empty(const pte_t *table)
{
	for (int i = 0; i < PTRS_PER_PTE; i++)
		if (!pte_none(table[i]))
			return false;
	return true;
}

/* Give back the pte tables of [start, end) that map nothing any more. */
static void free_unused_pte_tables(unsigned long start, unsigned long end)
{
	for (unsigned long addr = start & PMD_MASK; addr < end; addr += PMD_SIZE) {
		pmd_t *pmd = pmd_off_k(addr);
		pte_t *table;

		if (addr < VMALLOC_START || addr + PMD_SIZE > VMALLOC_END)
			continue;
		if (!pmd_table(pmd[0]) || !pmd_table(pmd[1]))
			continue;
		table = pmd_page_vaddr(pmd[0]);
		if (!pte_table_empty(table))
			continue;
		pmd_clear_k(pmd, addr);
		pgd_kernel_changed(addr);
		pte_free_kernel(&init_mm, table);
	}
}

void unmap_kernel_range(unsigned long addr, unsigned long size)
{
	unsigned long start = addr, end = addr + size;

	flush_cache_vunmap(start, end);
	for (; addr < end; addr += PAGE_SIZE) {
		pte_t *ptep = pte_lookup(&init_mm, addr);
		unsigned long pfn;

		if (!ptep || pte_none(*ptep))
			continue;
		pfn = pte_pfn(*ptep);
		if (pfn_valid(pfn))
			page_remove_rmap(pfn_to_page(pfn), ptep);
		pte_clear(&init_mm, addr, ptep);
	}
	free_unused_pte_tables(start, end);
}

/* ---- vmalloc ---- */

void vmalloc_page_moved(unsigned long addr, struct page *newpage)
{
	struct vm_struct *area;
	unsigned long i;

	if (!is_vmalloc_addr((void *)addr))
		return;
	area = find_vm_area((void *)addr);
	if (!area || !area->pages || !(area->flags & VM_ALLOC))
		return;
	i = (addr - (unsigned long)area->addr) >> PAGE_SHIFT;
	if (i >= area->nr_pages)
		return;
	ClearPageVmalloc(area->pages[i]);
	area->pages[i] = newpage;
	SetPageVmalloc(newpage);
}

static void vmalloc_free_pages(struct vm_struct *area)
{
	for (unsigned int i = 0; i < area->nr_pages; i++) {
		struct page *page = area->pages[i];

		if (!page)
			continue;
		ClearPageVmalloc(page);
		if (area->flags & VM_MOVABLE_PAGES)
			put_page(page); /* off the anon LRU and freed */
		else
			__free_pages(page, 0);
	}
	nr_vmalloc_pages -= area->nr_pages;
	kfree(area->pages);
	area->pages = NULL;
}

static void *__vmalloc_area(struct vm_struct *area, gfp_t gfp_mask, pgprot_t prot)
{
	unsigned long size = get_vm_area_size(area);
	unsigned int nr_pages = size >> PAGE_SHIFT;
	bool zero = gfp_mask & __GFP_ZERO;
	bool movable = gfp_mask & __GFP_MOVABLE;
	gfp_t alloc_mask;

	area->pages = kcalloc(nr_pages, sizeof(struct page *), GFP_KERNEL);
	if (!area->pages)
		goto fail;
	/* highmem is fine: the pages are reached through the vmalloc mapping */
	alloc_mask = (gfp_mask & ~__GFP_ZERO) | __GFP_NOWARN;
	if (!(gfp_mask & __GFP_DMA))
		alloc_mask |= __GFP_HIGHMEM;
	if (movable)
		area->flags |= VM_MOVABLE_PAGES;
	for (unsigned int i = 0; i < nr_pages; i++) {
		struct page *page = alloc_pages(alloc_mask, 0);

		if (!page)
			goto fail;
		if (zero)
			clear_highpage(page);
		SetPageVmalloc(page);
		if (movable)
			page_add_new_anon(page);
		area->pages[i] = page;
		area->nr_pages = i + 1;
		nr_vmalloc_pages++;
	}
	if (map_kernel_range((unsigned long)area->addr, size, prot, area->pages))
		goto fail;
	area->flags &= ~VM_UNINITIALIZED;
	return area->addr;
fail:
	if (!(gfp_mask & __GFP_NOWARN))
		pr_warn("vmalloc: allocation failure: %lu bytes\n", size);
	unmap_kernel_range((unsigned long)area->addr, size);
	if (area->pages)
		vmalloc_free_pages(area);
	free_vm_area(area);
	return NULL;
}

void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp_mask, pgprot_t prot, unsigned long vm_flags,
			   const void *caller)
{
	struct vm_struct *area;

	size = PAGE_ALIGN(size);
	if (!size || (size >> PAGE_SHIFT) > totalram_pages())
		return NULL;
	area = __get_vm_area_caller(size, align, VM_ALLOC | VM_UNINITIALIZED | vm_flags, start, end,
				    caller);
	if (!area) {
		if (!(gfp_mask & __GFP_NOWARN))
			pr_warn("vmalloc: allocation failure: %lu bytes (no address space)\n",
				size);
		return NULL;
	}
	return __vmalloc_area(area, gfp_mask, prot);
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, gfp_mask, PAGE_KERNEL, 0,
				    __builtin_return_address(0));
}

void *vmalloc(unsigned long size)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, GFP_KERNEL, PAGE_KERNEL, 0,
				    __builtin_return_address(0));
}

void *vzalloc(unsigned long size)
{
	return __vmalloc_node_range(size, 1, VMALLOC_START, VMALLOC_END, GFP_KERNEL | __GFP_ZERO,
				    PAGE_KERNEL, 0, __builtin_return_address(0));
}

void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area || area->addr != addr || !(area->flags & VM_ALLOC)) {
		pr_err("Trying to vfree() nonexistent vm area (%p)\n", addr);
		WARN_ON(1);
		return;
	}
	unmap_kernel_range((unsigned long)area->addr, get_vm_area_size(area));
	vmalloc_free_pages(area);
	free_vm_area(area);
}

/* ---- vmap ---- */

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	unsigned long size = (unsigned long)count << PAGE_SHIFT;
	struct vm_struct *area;

	if (!count || count > totalram_pages())
		return NULL;
	area = __get_vm_area_caller(size, 1, flags | VM_MAP, VMALLOC_START, VMALLOC_END,
				    __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_kernel_range((unsigned long)area->addr, size, prot, pages)) {
		unmap_kernel_range((unsigned long)area->addr, size);
		free_vm_area(area);
		return NULL;
	}
	return area->addr;
}

void vunmap(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area || area->addr != addr || !(area->flags & VM_MAP)) {
		pr_err("Trying to vunmap() nonexistent vm area (%p)\n", addr);
		WARN_ON(1);
		return;
	}
	unmap_kernel_range((unsigned long)area->addr, get_vm_area_size(area));
	free_vm_area(area);
}

/* ---- lookups and reports ---- */

unsigned long vmalloc_to_pfn(const void *addr)
{
	phys_addr_t pa = pgtable_walk(&init_mm, (unsigned long)addr);

	return pa == (phys_addr_t)-1 ? 0 : PHYS_PFN(pa);
}

struct page *vmalloc_to_page(const void *addr)
{
	unsigned long pfn = vmalloc_to_pfn(addr);

	return pfn && pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

unsigned long vmalloc_nr_areas(void)
{
	return nr_vmap_areas;
}

unsigned long vmalloc_nr_pages(void)
{
	return nr_vmalloc_pages;
}

void vmallocinfo_show(void)
{
	for (struct vmap_area *va = vmap_area_list; va; va = va->next) {
		struct vm_struct *v = va->vm;

		if (!v)
			continue;
		printk("0x%08lx-0x%08lx %7lu", va->va_start, va->va_end, v->size);
		if (v->nr_pages)
			printk(" pages=%u", v->nr_pages);
		if (v->phys_addr)
			printk(" phys=0x%08x", (unsigned int)v->phys_addr);
		if (v->flags & VM_IOREMAP)
			printk(" ioremap");
		if (v->flags & VM_ALLOC)
			printk(" vmalloc");
		if (v->flags & VM_MAP)
			printk(" vmap");
		if (v->flags & VM_MOVABLE_PAGES)
			printk(" movable");
		if (v->flags & VM_ARM_SECTION_MAPPING)
			printk(" sections");
		printk("\n");
	}
}
