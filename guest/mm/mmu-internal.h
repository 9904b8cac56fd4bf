/* SPDX-License-Identifier: MIT */
/*
 * mmu-internal.h - private glue between the page-table, vmalloc, highmem and slab files.
 *
 * DOC: Like Linux's arch/arm/mm/mm.h: functions one file of the upper mm
 * layer calls in another, not part of any public API.
 */
#ifndef MM_MMU_INTERNAL_H
#define MM_MMU_INTERNAL_H

#include <asm/pgtable.h>

struct page;
struct mm_struct;

/* pgtable.c: remember a memblock page-table allocation (PG_table later). */
void pgtable_note_boot_table(phys_addr_t pa, unsigned int nr_pages);
/* mmu.c: zeroed memblock memory inside the boot code's lowmem alias, size-aligned. */
void *pgtable_early_alloc(size_t size);
/* Forget all state of a previous boot (paging_init; native tests boot many times). */
void pgtable_reset_state(void);
void pgd_reset_state(void);
void context_reset_state(void);
/* context.c: give back an mm's ASID, flushing its TLB entries. */
void release_asid(struct mm_struct *mm);
/* vmalloc.c / highmem.c: compaction moved the page mapped at addr. */
void vmalloc_page_moved(unsigned long addr, struct page *newpage);
void pkmap_page_moved(unsigned long addr, struct page *newpage);
/* highmem.c: set up pkmap and fixmap tables (paging_init). */
void kmap_init(void);
/* vmalloc.c: reserve the vmalloc window (paging_init). */
void vmalloc_init_early(void);

#endif /* MM_MMU_INTERNAL_H */
