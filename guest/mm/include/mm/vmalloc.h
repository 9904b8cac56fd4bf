/* SPDX-License-Identifier: MIT */
/*
 * mm/vmalloc.h - virtually contiguous kernel memory (Linux include/linux/vmalloc.h, mm/vmalloc.c).
 *
 * DOC: The vmalloc window [VMALLOC_START, VMALLOC_END) is handed out as
 * vmap areas, first fit from the bottom, each followed by an unmapped guard
 * page (unless VM_NO_GUARD).  vmalloc() backs an area with order-0 pages from
 * anywhere (highmem included), marks them PG_vmalloc, maps them with 4 KiB
 * ptes in coarse tables and records every pte in the rmap.  vfree() clears
 * the ptes (each cleaned and its TLB entry invalidated), frees the pages,
 * and frees any pte table the window no longer uses.  The same window holds
 * ioremap() mappings (mm/ioremap.h) and vmap() of caller-supplied pages.
 *
 * __vmalloc(size, gfp) with __GFP_MOVABLE takes movable pages and makes them
 * anonymous LRU pages, so compaction may migrate them: it rewrites the pte
 * through the rmap and vmalloc_page_moved() updates the area's page array.
 * Returned addresses are guest virtual addresses; natively they are not
 * dereferenceable (use kva_ptr() one page at a time).
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include <mm/types.h>
#include <mm/gfp.h>
#include <mm/mm_types.h>

struct page;

/* vm_struct->flags (Linux values) */
#define VM_IOREMAP 0x00000001ul
#define VM_ALLOC 0x00000002ul
#define VM_MAP 0x00000004ul
#define VM_USERMAP 0x00000008ul
#define VM_UNINITIALIZED 0x00000020ul
#define VM_NO_GUARD 0x00000040ul
#define VM_ARM_SECTION_MAPPING 0x00080000ul /* ioremap with 1 MiB sections */
#define VM_MOVABLE_PAGES 0x01000000ul        /* our addition: pages are movable anon pages */

#define IOREMAP_MAX_ORDER 24 /* arch/arm: align ioremaps up to 16 MiB */

struct vm_struct {
	struct vm_struct *next;
	void *addr;
	unsigned long size; /* including the guard page */
	unsigned long flags;
	struct page **pages;
	unsigned int nr_pages;
	phys_addr_t phys_addr;
	unsigned int mtype; /* ioremap memory type (MT_*) */
	const void *caller;
};

struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct vmap_area *next; /* sorted by address */
	struct vm_struct *vm;
};

static inline unsigned long get_vm_area_size(const struct vm_struct *area)
{
	return (area->flags & VM_NO_GUARD) ? area->size : area->size - PAGE_SIZE;
}

void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
void *__vmalloc(unsigned long size, gfp_t gfp_mask);
void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp_mask, pgprot_t prot, unsigned long vm_flags,
			   const void *caller);
void vfree(const void *addr);

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);

/* Reserve address space only (no pages, no ptes). */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long align,
				       unsigned long flags, unsigned long start, unsigned long end,
				       const void *caller);
/* Release an area's address space (its mappings must be gone): returns the area. */
struct vm_struct *remove_vm_area(const void *addr);
void free_vm_area(struct vm_struct *area);
struct vm_struct *find_vm_area(const void *addr);

/* Map/unmap page arrays in the kernel's tables (rmap recorded); 0 or -ENOMEM. */
int map_kernel_range(unsigned long start, unsigned long size, pgprot_t prot, struct page **pages);
void unmap_kernel_range(unsigned long addr, unsigned long size);

bool is_vmalloc_addr(const void *x);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

/* /proc/vmallocinfo-style listing; statistics. */
void vmallocinfo_show(void);
unsigned long vmalloc_nr_areas(void);
unsigned long vmalloc_nr_pages(void);

#endif /* MM_VMALLOC_H */
