/* SPDX-License-Identifier: MIT */
/*
 * asm/tlbflush.h - TLB maintenance (Linux arch/arm/include/asm/tlbflush.h, tlb-v6.S).
 *
 * DOC: The ARM1176 has a unified main TLB (plus micro-TLBs it keeps
 * coherent) tagged with an 8-bit ASID; kernel mappings are global (nG=0).
 * The operations are the c8,c7 group: invalidate all (0), by MVA+ASID (1),
 * by ASID (2).  A write buffer drain comes first so the descriptor store
 * has reached memory, and the BTB is flushed after, as Linux's v6wbi flags
 * (TLB_WB, TLB_BTB) ask.  Kernel addresses are the guest's 32-bit virtual
 * addresses (see pgtable.h: gva()).
 */
#ifndef ASM_TLBFLUSH_H
#define ASM_TLBFLUSH_H

#include <mm/types.h>

struct mm_struct;

void local_flush_tlb_all(void);
/* Every entry of one ASID. */
void __local_flush_tlb_asid(u32 asid);
/* One page of one ASID (or a global entry). */
void __local_flush_tlb_page(unsigned long uaddr, u32 asid);
/* One kernel page (global entry). */
void local_flush_tlb_kernel_page(unsigned long kaddr);

/* Uniprocessor: the global variants are the local ones. */
#define flush_tlb_all() local_flush_tlb_all()
#define flush_tlb_kernel_page(kaddr) local_flush_tlb_kernel_page(kaddr)

/* Page by page below 32 pages, else everything (v6wbi_flush_kern_tlb_range). */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
void local_flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_page(struct mm_struct *mm, unsigned long uaddr);
void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end);
#define flush_tlb_mm(mm) local_flush_tlb_mm(mm)

/*
 * After writing a first-level descriptor: clean its D-cache line so the walker
 * sees it, and drain the write buffer (flush_pmd_entry), or only clean it
 * (clean_pmd_entry, used when clearing).
 */
void flush_pmd_entry(void *pmdp);
void clean_pmd_entry(void *pmdp);

#endif /* ASM_TLBFLUSH_H */
