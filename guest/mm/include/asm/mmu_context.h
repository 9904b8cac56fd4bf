/* SPDX-License-Identifier: MIT */
/*
 * asm/mmu_context.h - address spaces: ASIDs, switch_mm, pgd_alloc, user mappings.
 *
 * DOC: As Linux ARMv6 (arch/arm/mm/context.c, pgd.c): TTBCR.N = 0, so TTBR0
 * translates the whole 4 GiB and every address space has a full 16 KiB
 * first-level table whose kernel half (entries at and above TASK_SIZE) is
 * a copy of init_mm's; TTBR1 holds swapper_pg_dir but is unused for walks
 * with N = 0 (Linux loads it the same way).  N = 1 would let TTBR1 carry
 * the kernel half, but it splits at 2 GiB, below which our kernel lives
 * (it runs at its physical addresses, 0x5000_8000...), so it would not
 * save the copy.  Kernel-half changes made after a table was copied (new
 * vmalloc pte tables) reach it through init_mm.context.vmalloc_seq, checked
 * at switch_mm(), and are pushed into the live table at once.
 *
 * ASIDs are 8 bits; 0 is the kernel's, 1..255 are handed out with a
 * generation above them, and a rollover flushes the whole TLB.
 */
#ifndef ASM_MMU_CONTEXT_H
#define ASM_MMU_CONTEXT_H

#include <mm/types.h>
#include <mm/mm_types.h>
#include <asm/pgtable.h>

struct page;

#define ASID_BITS 8
#define ASID_MASK ((~0u) << ASID_BITS)
#define NUM_USER_ASIDS (1u << ASID_BITS)

/* The address space TTBR0 holds now. */
extern struct mm_struct *current_mm;

/* 16 KiB table: user half empty, kernel half copied from init_mm; NULL if no memory. */
pgd_t *pgd_alloc(struct mm_struct *mm);
/* Free the user pte tables and the table itself (mm must not be live). */
void pgd_free(struct mm_struct *mm, pgd_t *pgd);

/* A new address space (mm_id > 0) with its own pgd; NULL if no memory. */
struct mm_struct *mm_alloc(void);
/* Unmap everything, free tables, ASID and the mm (switch away from it first). */
void mmput(struct mm_struct *mm);
/* The live mm with this id (0: init_mm), or NULL. */
struct mm_struct *mm_find(unsigned int mm_id);

/* Load next's table and ASID (allocating an ASID if its generation is stale). */
void switch_mm(struct mm_struct *next);
/* ASID of mm if it holds one of the current generation, else -1 (no TLB entries). */
int mm_asid(const struct mm_struct *mm);

/*
 * Tiny user-mapping API (no VMAs, no faults).  map_user_page() maps page at
 * the page-aligned user address va with prot (PAGE_USER_*), taking a
 * reference for the mapping and recording the PTE in the rmap, so
 * compaction can move a movable page and rewrite the PTE.  Returns 0,
 * -EINVAL (bad address or prot), -EEXIST (already mapped) or -ENOMEM.
 */
int map_user_page(struct mm_struct *mm, unsigned long va, struct page *page, pgprot_t prot);
/* Remove the mapping and drop its reference: 0 or -ENOENT. */
int unmap_user_page(struct mm_struct *mm, unsigned long va);
/* The page mapped at va, or NULL. */
struct page *follow_page(struct mm_struct *mm, unsigned long va);
/* Change the protection of a mapped page (TLB invalidated): 0 or -ENOENT. */
int change_user_prot(struct mm_struct *mm, unsigned long va, pgprot_t prot);

#endif /* ASM_MMU_CONTEXT_H */
