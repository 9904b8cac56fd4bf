// SPDX-License-Identifier: MIT
/*
 * pgtable.c - descriptor writes, pte pages and table walks (ARMv6, XP=1).
 *
 * DOC: Every change to a table goes through the helpers here, which keep the
 * ARMv6 rules the hardware walker imposes:
 *  - a descriptor store is followed by a clean of its D-cache line, since
 *    the ARM1176 walker reads memory, never the D-cache;
 *  - then the TLB entry of the virtual address it maps is invalidated.
 * Linux skips the invalidate when an empty entry becomes valid (ARMv6 TLBs
 * do not hold faulting translations) and batches invalidates over ranges;
 * here every store is followed by its own invalidate, which is the discipline
 * the emulator's memory-path checks look for, at the cost of a few MCRs.
 *
 * Linux ptes live in the first half of a pte page, the hardware entries
 * 2048 bytes above them (see asm/pgtable.h).  Only the hardware half is
 * cleaned: the walker never reads the Linux half.
 *
 * Pte pages come from memblock before the buddy allocator is up (boot tables,
 * marked PG_table later by mark_boot_page_tables()) and from the buddy
 * allocator afterwards, marked PG_table with page->mapping = the owner's
 * mm_id and counted in NR_PAGETABLE.
 */
#include <string.h>

#include <asm/cacheflush.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <asm/mmu_context.h>

#include "mmu-internal.h"

#define GFP_PGTABLE_KERNEL (GFP_KERNEL | __GFP_ZERO)
#define GFP_PGTABLE_USER (GFP_PGTABLE_KERNEL | __GFP_ACCOUNT)

unsigned long nr_kernel_pte_pages;

/* Boot page-table pages (L1 and early L2) to mark PG_table once mem_map exists. */
#define MAX_BOOT_TABLES 16
static struct {
	phys_addr_t pa;
	unsigned int nr_pages;
} boot_tables[MAX_BOOT_TABLES];
static unsigned int nr_boot_tables;

void pgtable_reset_state(void)
{
	nr_boot_tables = 0;
	nr_kernel_pte_pages = 0;
}

void pgtable_note_boot_table(phys_addr_t pa, unsigned int nr_pages)
{
	BUG_ON(nr_boot_tables >= MAX_BOOT_TABLES);
	boot_tables[nr_boot_tables].pa = pa;
	boot_tables[nr_boot_tables].nr_pages = nr_pages;
	nr_boot_tables++;
}

void mark_boot_page_tables(void)
{
	for (unsigned int i = 0; i < nr_boot_tables; i++) {
		for (unsigned int j = 0; j < boot_tables[i].nr_pages; j++) {
			struct page *page = phys_to_page(boot_tables[i].pa + j * PAGE_SIZE);

			if (PageTable(page))
				continue;
			__SetPageTable(page);
			page->mapping = 0; /* init_mm */
			page->private = 0;
			page->index = 0;
			mod_zone_page_state(page_zone(page), NR_PAGETABLE, 1);
		}
	}
}

bool gva_is_lowmem(unsigned long addr)
{
	return addr >= ARM_PAGE_OFFSET && addr < phys_to_gva(arm_lowmem_limit);
}

/* ---- pte values ---- */

pte_t mk_pte(const struct page *page, pgprot_t prot)
{
	return pfn_pte(page_to_pfn(page), prot);
}

struct page *pte_page(pte_t pte)
{
	return pfn_to_page(pte_pfn(pte));
}

/*
 * Hardware bits for each L_PTE_MT_* index on ARMv6 without TEX remapping
 * (proc-macros.S armv6_mt_table): TEX/C/B of the small-page descriptor.
 */
static const u32 armv6_mt_table[16] = {
	[0x00] = 0,                                              /* UNCACHED: strongly ordered */
	[0x01] = PTE_EXT_TEX(1),                                 /* BUFFERABLE: normal NC */
	[0x02] = PTE_CACHEABLE,                                  /* WRITETHROUGH */
	[0x03] = PTE_CACHEABLE | PTE_BUFFERABLE,                 /* WRITEBACK */
	[0x04] = PTE_BUFFERABLE,                                 /* DEV_SHARED */
	[0x06] = 0,                                              /* MINICACHE: n/a */
	[0x07] = PTE_EXT_TEX(1) | PTE_CACHEABLE | PTE_BUFFERABLE, /* WRITEALLOC */
	[0x09] = PTE_EXT_TEX(1),                                 /* DEV_WC */
	[0x0b] = PTE_CACHEABLE | PTE_BUFFERABLE,                 /* DEV_CACHED */
	[0x0c] = PTE_EXT_TEX(2),                                 /* DEV_NONSHARED */
	/* 0x0f VECTORS: strongly ordered on ARMv6, as Linux's table has it */
};

/*
 * armv6_set_pte_ext, in C.  Permissions from the Linux bits:
 *   not dirty or read-only      -> APX (kernel read-only)
 *   user                        -> AP1; user read-only keeps kernel write access
 *   XN                          -> XN
 *   not young or not present    -> fault entry (0), as is PROT_NONE
 */
u32 armv6_pte_hw(pte_t pte, u32 ext)
{
	u32 hw = (pte & ~0x3ffu) | ext | PTE_EXT_AP0 | PTE_TYPE_SMALL;

	if ((pte ^ L_PTE_DIRTY) & (L_PTE_DIRTY | L_PTE_RDONLY))
		hw |= PTE_EXT_APX;
	if (pte & L_PTE_USER) {
		hw |= PTE_EXT_AP1;
		if (hw & PTE_EXT_APX)
			hw &= ~(PTE_EXT_APX | PTE_EXT_AP0);
	}
	if (pte & L_PTE_XN)
		hw |= PTE_EXT_XN;
	hw |= armv6_mt_table[(pte & L_PTE_MT_MASK) >> 2];
	if (!(pte & L_PTE_YOUNG) || !(pte & L_PTE_PRESENT) || (pte & L_PTE_NONE))
		hw = 0;
	return hw;
}

void cpu_set_pte_ext(pte_t *ptep, pte_t pte, u32 ext)
{
	u32 *hwp = pte_hw(ptep);

	*ptep = pte; /* the Linux view: the walker never reads it */
	cpu_pgtable_store(hwp, armv6_pte_hw(pte, ext));
	cpu_v6_dcache_clean_area(hwp, sizeof(*hwp));
}

static void flush_tlb_addr(struct mm_struct *mm, unsigned long addr)
{
	if (mm == &init_mm || addr >= TASK_SIZE)
		local_flush_tlb_kernel_page(addr);
	else
		flush_tlb_page(mm, addr);
}

void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	u32 ext = 0;

	if (addr < TASK_SIZE && pte_valid(pte) && pte_user(pte))
		ext |= PTE_EXT_NG; /* user pages are per-ASID */
	set_pte_ext(ptep, pte, ext);
	flush_tlb_addr(mm, addr);
}

void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	set_pte_ext(ptep, 0, 0);
	flush_tlb_addr(mm, addr);
}

/* ---- first level ---- */

void __pmd_populate(pmd_t *pmdp, unsigned long addr, phys_addr_t pte_phys, pmdval_t prot)
{
	pmdval_t pmdval = (pte_phys + PTE_HWTABLE_OFF) | prot;

	addr &= PMD_MASK;
	cpu_pgtable_store(&pmdp[0], pmdval);
	cpu_pgtable_store(&pmdp[1], pmdval + 256 * sizeof(u32));
	flush_pmd_entry(pmdp); /* both halves share one 8-byte aligned line slot */
	local_flush_tlb_kernel_page(addr);
	local_flush_tlb_kernel_page(addr + SECTION_SIZE);
}

void pmd_clear_k(pmd_t *pmdp, unsigned long addr)
{
	addr &= PMD_MASK;
	cpu_pgtable_store(&pmdp[0], 0);
	cpu_pgtable_store(&pmdp[1], 0);
	clean_pmd_entry(pmdp);
	local_flush_tlb_kernel_page(addr);
	local_flush_tlb_kernel_page(addr + SECTION_SIZE);
}

void set_section(pmd_t *pmdp, unsigned long addr, pmdval_t val)
{
	cpu_pgtable_store(pmdp, val);
	flush_pmd_entry(pmdp);
	local_flush_tlb_kernel_page(addr & SECTION_MASK);
}

/* ---- pte pages ---- */

/* The hardware half of a new table is zero in the D-cache: push it to memory. */
static void clean_pte_table(pte_t *pte)
{
	clean_dcache_area(pte_hw(pte), PTE_HWTABLE_SIZE);
}

static pte_t *__pte_alloc_one(struct mm_struct *mm, gfp_t gfp)
{
	struct page *page;
	pte_t *pte;

	if (!memblock_released()) {
		pte = pgtable_early_alloc(PAGE_SIZE);
		if (!pte)
			return NULL;
		pgtable_note_boot_table(__pa(pte), 1);
		nr_kernel_pte_pages++;
		clean_pte_table(pte);
		return pte;
	}
	page = alloc_pages(gfp, 0);
	if (!page)
		return NULL;
	__SetPageTable(page);
	page->mapping = mm->mm_id;
	page->private = 0;
	page->index = 0;
	mod_zone_page_state(page_zone(page), NR_PAGETABLE, 1);
	if (mm == &init_mm)
		nr_kernel_pte_pages++;
	else
		mm->nr_ptes++;
	pte = page_address(page);
	clean_pte_table(pte);
	return pte;
}

pte_t *pte_alloc_one_kernel(struct mm_struct *mm)
{
	return __pte_alloc_one(mm, mm == &init_mm ? GFP_PGTABLE_KERNEL : GFP_PGTABLE_USER);
}

void pte_free_kernel(struct mm_struct *mm, pte_t *pte)
{
	struct page *page = virt_to_page(pte);

	BUG_ON(!PageTable(page));
	BUG_ON(PageReserved(page)); /* boot tables stay */
	__ClearPageTable(page);
	page->mapping = 0;
	mod_zone_page_state(page_zone(page), NR_PAGETABLE, -1);
	if (mm == &init_mm)
		nr_kernel_pte_pages--;
	else
		mm->nr_ptes--;
	__free_pages(page, 0);
}

/* Both halves of the pgd entry free, or both pointing at one pte page? */
static int pmd_pair_state(const pmd_t *pmd)
{
	if (pmd_none(pmd[0]) && pmd_none(pmd[1]))
		return 0;
	if (pmd_table(pmd[0]) && pmd_table(pmd[1]))
		return 1;
	return -1; /* a section in one half: no pte table can go here */
}

static pte_t *__pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);
	int state = pmd_pair_state(pmd);

	if (state < 0)
		return NULL;
	if (state == 0) {
		pte_t *pte = pte_alloc_one_kernel(mm);

		if (!pte)
			return NULL;
		__pmd_populate(pmd, addr, __pa(pte),
			       addr < TASK_SIZE ? _PAGE_USER_TABLE : _PAGE_KERNEL_TABLE);
		if (mm == &init_mm && addr >= TASK_SIZE)
			pgd_kernel_changed(addr);
	}
	return pte_offset_kernel(pmd, addr);
}

pte_t *pte_alloc_kernel(unsigned long addr)
{
	return __pte_alloc_map(&init_mm, addr);
}

pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	return __pte_alloc_map(mm, addr);
}

pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

	if (pmd_pair_state(pmd) != 1)
		return NULL;
	return pte_offset_kernel(pmd, addr);
}

/* ---- walking ---- */

phys_addr_t pgtable_walk(struct mm_struct *mm, unsigned long addr)
{
	const u32 *l1 = (const u32 *)mm->pgd;
	u32 d = l1[addr >> SECTION_SHIFT];
	const u32 *l2;
	u32 e;

	switch (d & PMD_TYPE_MASK) {
	case PMD_TYPE_SECT:
		return (d & PMD_SECT_ADDR_MASK) | (addr & ~SECTION_MASK);
	case PMD_TYPE_TABLE:
		l2 = __va(d & PMD_TABLE_ADDR_MASK);
		e = l2[(addr >> PAGE_SHIFT) & 0xff];
		if ((e & PTE_TYPE_MASK) != PTE_TYPE_SMALL && (e & PTE_TYPE_MASK) != PTE_TYPE_EXT)
			return (phys_addr_t)-1;
		return (e & PTE_SMALL_ADDR_MASK) | (addr & ~PAGE_MASK);
	default:
		return (phys_addr_t)-1;
	}
}
