// SPDX-License-Identifier: MIT
/*
 * pgd.c - per-process page directories and a tiny user-mapping API (arch/arm/mm/pgd.c).
 *
 * DOC: pgd_alloc() takes an order-2 block (the buddy allocator aligns it to
 * 16 KiB, as TTBR0 requires), empties the user half, copies init_mm's
 * kernel half and cleans the whole table to memory before it can ever be
 * loaded into TTBR0.  No TLB maintenance is needed for a table that was
 * never live.  The four pages are PG_table, owned by the mm's id.
 *
 * User mappings are made one page at a time (no VMAs, no page faults): they
 * are what tests, the workloads and compaction's PTE rewriting need.  Each
 * mapping holds a page reference and is recorded in the rmap.
 */
#include <string.h>

#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <mm/mm.h>
#include <mm/rmap.h>
#include <mm/slab.h>

#include "mmu-internal.h"

static struct mm_struct *mm_list;
static unsigned int next_mm_id = 1;

static void pgd_pages_account(pgd_t *pgd, unsigned int mm_id, bool add)
{
	struct page *page = virt_to_page(pgd);

	for (int i = 0; i < 1 << PGD_TABLE_ORDER; i++, page++) {
		if (add) {
			__SetPageTable(page);
			page->mapping = mm_id;
		} else {
			__ClearPageTable(page);
			page->mapping = 0;
		}
	}
	mod_zone_page_state(page_zone(virt_to_page(pgd)), NR_PAGETABLE,
			    add ? 1 << PGD_TABLE_ORDER : -(1 << PGD_TABLE_ORDER));
}

void pgd_reset_state(void)
{
	mm_list = NULL;
	next_mm_id = 1;
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd = (pgd_t *)__get_free_pages(GFP_KERNEL, PGD_TABLE_ORDER);
	u32 *dst, *src;
	unsigned int i;

	if (!pgd)
		return NULL;
	dst = (u32 *)pgd;
	src = (u32 *)swapper_pg_dir;
	for (i = 0; i < USER_PTRS_PER_PGD * 2; i++)
		cpu_pgtable_store(&dst[i], 0);
	for (; i < PTRS_PER_PGD * 2; i++)
		cpu_pgtable_store(&dst[i], src[i]);
	clean_dcache_area(pgd, PGD_TABLE_SIZE);
	mm->context.vmalloc_seq = init_mm.context.vmalloc_seq;
	pgd_pages_account(pgd, mm->mm_id, true);
	return pgd;
}

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	BUG_ON(mm == current_mm);
	for (unsigned long i = 0; i < USER_PTRS_PER_PGD; i++) {
		pmd_t *pmd = (pmd_t *)&pgd[i];

		if (!pmd_table(pmd[0]))
			continue;
		pte_free_kernel(mm, pmd_page_vaddr(pmd[0]));
		/* the table is unreachable once pgd is freed: no need to clear the entry */
	}
	pgd_pages_account(pgd, mm->mm_id, false);
	free_pages((unsigned long)pgd, PGD_TABLE_ORDER);
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->mm_id = next_mm_id++;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	mm->next_mm = mm_list;
	mm_list = mm;
	return mm;
}

struct mm_struct *mm_find(unsigned int mm_id)
{
	if (mm_id == 0)
		return &init_mm;
	for (struct mm_struct *mm = mm_list; mm; mm = mm->next_mm)
		if (mm->mm_id == mm_id)
			return mm;
	return NULL;
}

void mmput(struct mm_struct *mm)
{
	struct mm_struct **pp;

	BUG_ON(mm == &init_mm || mm == current_mm);
	for (unsigned long i = 0; i < USER_PTRS_PER_PGD; i++) {
		pmd_t *pmd = (pmd_t *)&mm->pgd[i];
		pte_t *pte;

		if (!pmd_table(pmd[0]))
			continue;
		pte = pmd_page_vaddr(pmd[0]);
		for (int j = 0; j < PTRS_PER_PTE; j++) {
			unsigned long va = (i << PGDIR_SHIFT) | ((unsigned long)j << PAGE_SHIFT);

			if (!pte_none(pte[j]))
				unmap_user_page(mm, va);
		}
	}
	release_asid(mm);
	pgd_free(mm, mm->pgd);
	for (pp = &mm_list; *pp; pp = &(*pp)->next_mm) {
		if (*pp == mm) {
			*pp = mm->next_mm;
			break;
		}
	}
	kfree(mm);
}

static bool user_prot_ok(unsigned long va, pgprot_t prot)
{
	return va < TASK_SIZE && IS_ALIGNED(va, PAGE_SIZE) && (prot & L_PTE_USER) &&
	       (prot & L_PTE_PRESENT);
}

int map_user_page(struct mm_struct *mm, unsigned long va, struct page *page, pgprot_t prot)
{
	pte_t *ptep;

	if (!user_prot_ok(va, prot) || mm == &init_mm)
		return -EINVAL;
	ptep = pte_alloc_map(mm, va);
	if (!ptep)
		return -ENOMEM;
	if (!pte_none(*ptep))
		return -EEXIST;
	get_page(page);
	set_pte_at(mm, va, ptep, mk_pte(page, prot));
	page_add_rmap(page, ptep, va, mm->mm_id);
	mm->rss++;
	return 0;
}

int unmap_user_page(struct mm_struct *mm, unsigned long va)
{
	pte_t *ptep = pte_lookup(mm, va);
	struct page *page;

	if (!ptep || pte_none(*ptep))
		return -ENOENT;
	page = pte_page(*ptep); /* from the pte: compaction may have moved it */
	page_remove_rmap(page, ptep);
	pte_clear(mm, va, ptep);
	mm->rss--;
	put_page(page);
	return 0;
}

struct page *follow_page(struct mm_struct *mm, unsigned long va)
{
	pte_t *ptep = pte_lookup(mm, va);

	if (!ptep || !pte_present(*ptep))
		return NULL;
	return pte_page(*ptep);
}

int change_user_prot(struct mm_struct *mm, unsigned long va, pgprot_t prot)
{
	pte_t *ptep = pte_lookup(mm, va);

	if (!ptep || pte_none(*ptep))
		return -ENOENT;
	if (!user_prot_ok(va, prot))
		return -EINVAL;
	set_pte_at(mm, va, ptep, pte_modify(*ptep, prot));
	return 0;
}
