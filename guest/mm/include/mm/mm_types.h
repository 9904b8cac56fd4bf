/* SPDX-License-Identifier: MIT */
/*
 * mm/mm_types.h - struct mm_struct: one address space (Linux linux/mm_types.h, asm/mmu.h).
 *
 * DOC: An address space is its first-level table (pgd) plus the ARM context:
 * the ASID the TLB tags its entries with (8 bits, with a generation above
 * them as Linux's arch/arm/mm/context.c keeps it) and vmalloc_seq, which
 * tells switch_mm() whether the kernel half of the table must be re-copied
 * from init_mm.  mm_id names the address space in the rmap and in the
 * page->mapping of its page-table pages (0 is the kernel's, init_mm).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include <mm/types.h>

typedef u32 pmdval_t;
typedef u32 pteval_t;
typedef pmdval_t pgd_t[2]; /* a Linux "pgd" entry: two 1 MiB hardware entries */
typedef pmdval_t pmd_t;
typedef pteval_t pte_t;
typedef pteval_t pgprot_t;

typedef struct {
	u32 id;          /* generation << ASID_BITS | ASID; 0: none yet */
	u32 vmalloc_seq; /* init_mm.context.vmalloc_seq when the kernel half was copied */
} mm_context_t;

struct mm_struct {
	pgd_t *pgd;
	mm_context_t context;
	unsigned int mm_id;        /* 0: init_mm */
	unsigned long nr_ptes;     /* L2 table pages owned (user half) */
	unsigned long rss;         /* user pages mapped by map_user_page() */
	struct mm_struct *next_mm; /* all live address spaces (mm_find()) */
};

extern struct mm_struct init_mm;

#endif /* MM_MM_TYPES_H */
