// SPDX-License-Identifier: MIT
/*
 * highmem.c - pkmap (kmap) and fixmap (kmap_atomic) mappings (Linux mm/highmem.c).
 *
 * DOC: See mm/highmem.h.  The page -> address lookup for kmapped highmem
 * pages is Linux's hashed page_address_htable with one entry per pkmap slot;
 * page_address() reaches it through page_address_highmem().
 *
 * The rmap records a pkmap pte while the slot is in use (count >= 2) and a
 * kmap_atomic pte while it exists, so compaction can move a kmapped movable
 * page and rewrite its pte (pkmap_page_moved() moves the slot to the new
 * page).  A slot left mapped but unused (count 1, Linux's lazy unmap) is not
 * recorded: like Linux, it stays a valid mapping of its frame even if the
 * page is freed or moved meanwhile, and a later kmap() of the same struct
 * page simply reuses it; recording it would leave freed pages "mapped".
 */
#include <string.h>

#include <asm/fixmap.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/tlbflush.h>
#include <mm/highmem.h>
#include <mm/memblock.h>
#include <mm/mm.h>
#include <mm/rmap.h>

#include "mmu-internal.h"

#define kmap_prot PAGE_KERNEL
#define PA_HASH_ORDER 7

pte_t *pkmap_page_table;
int pkmap_count[LAST_PKMAP];
static unsigned int last_pkmap_nr;
static pte_t *kmap_pte; /* pte of FIX_KMAP_BEGIN; later slots lie below it */
static int kmap_atomic_depth;

struct page_address_map {
	struct page *page;
	unsigned long virtual;
	struct page_address_map *next;
};

static struct page_address_map page_address_maps[LAST_PKMAP];
static struct page_address_map *page_address_htable[1 << PA_HASH_ORDER];

static struct page_address_map **page_slot(const struct page *page)
{
	return &page_address_htable[(page_to_pfn(page) * 0x9e3779b1u) >> (32 - PA_HASH_ORDER) &
				    ((1u << PA_HASH_ORDER) - 1)];
}

void *page_address_highmem(const struct page *page)
{
	for (struct page_address_map *pam = *page_slot(page); pam; pam = pam->next)
		if (pam->page == page)
			return (void *)pam->virtual;
	return NULL;
}

/* Record (virtual != 0) or forget the pkmap address of a highmem page. */
static void set_page_address(struct page *page, unsigned long virtual)
{
	struct page_address_map **pp = page_slot(page);

	if (virtual) {
		struct page_address_map *pam = &page_address_maps[PKMAP_NR(virtual)];

		pam->page = page;
		pam->virtual = virtual;
		pam->next = *pp;
		*pp = pam;
		return;
	}
	for (; *pp; pp = &(*pp)->next) {
		if ((*pp)->page == page) {
			*pp = (*pp)->next;
			return;
		}
	}
}

void kmap_init(void)
{
	memset(pkmap_count, 0, sizeof(pkmap_count));
	memset(page_address_htable, 0, sizeof(page_address_htable));
	last_pkmap_nr = 0;
	kmap_atomic_depth = 0;
	pkmap_page_table = NULL;
	/* the pkmap table only where there is highmem to map */
	if (memblock_end_of_DRAM() > arm_lowmem_limit) {
		pkmap_page_table = pte_alloc_kernel(PKMAP_BASE);
		BUG_ON(!pkmap_page_table);
	}
	/* kmap_atomic slots share the top table with the vectors */
	kmap_pte = pte_alloc_kernel(__fix_to_virt(FIX_KMAP_BEGIN));
	BUG_ON(!kmap_pte);
}

/* ---- pkmap ---- */

static void flush_all_zero_pkmaps(void)
{
	for (unsigned int i = 0; i < LAST_PKMAP; i++) {
		struct page *page;

		if (pkmap_count[i] != 1)
			continue;
		pkmap_count[i] = 0;
		BUG_ON(pte_none(pkmap_page_table[i]));
		page = pte_page(pkmap_page_table[i]);
		pte_clear(&init_mm, PKMAP_ADDR(i), &pkmap_page_table[i]);
		set_page_address(page, 0);
	}
}

void kmap_flush_unused(void)
{
	unsigned long flags;

	local_irq_save(flags);
	if (pkmap_page_table)
		flush_all_zero_pkmaps();
	local_irq_restore(flags);
}

static unsigned long map_new_virtual(struct page *page)
{
	unsigned int count = LAST_PKMAP;
	unsigned long vaddr;

	for (;;) {
		last_pkmap_nr = (last_pkmap_nr + 1) & LAST_PKMAP_MASK;
		if (!last_pkmap_nr) {
			flush_all_zero_pkmaps();
			count = LAST_PKMAP;
		}
		if (!pkmap_count[last_pkmap_nr])
			break;
		if (--count)
			continue;
		/* Linux sleeps until a kunmap() frees a slot; nobody else can run here */
		pr_warn("kmap: all %d pkmap slots in use\n", LAST_PKMAP);
		return 0;
	}
	vaddr = PKMAP_ADDR(last_pkmap_nr);
	set_pte_at(&init_mm, vaddr, &pkmap_page_table[last_pkmap_nr], mk_pte(page, kmap_prot));
	pkmap_count[last_pkmap_nr] = 1;
	set_page_address(page, vaddr);
	return vaddr;
}

void *kmap_high(struct page *page)
{
	unsigned long flags, vaddr;

	local_irq_save(flags);
	vaddr = (unsigned long)page_address(page);
	if (!vaddr)
		vaddr = map_new_virtual(page);
	if (vaddr) {
		unsigned long nr = PKMAP_NR(vaddr);

		/* an unused slot becomes used: record its pte again */
		if (++pkmap_count[nr] == 2)
			page_add_rmap(page, &pkmap_page_table[nr], vaddr, 0);
	}
	local_irq_restore(flags);
	return (void *)vaddr;
}

void kunmap_high(struct page *page)
{
	unsigned long flags, vaddr, nr;

	local_irq_save(flags);
	vaddr = (unsigned long)page_address(page);
	BUG_ON(!vaddr);
	nr = PKMAP_NR(vaddr);
	/* count 1: still mapped, reusable; unmapped lazily by flush_all_zero_pkmaps */
	switch (--pkmap_count[nr]) {
	case 0:
		BUG();
	case 1:
		page_remove_rmap(page, &pkmap_page_table[nr]);
		break;
	}
	local_irq_restore(flags);
}

void *kmap(struct page *page)
{
	if (!PageHighMem(page))
		return page_address(page);
	return kmap_high(page);
}

void kunmap(struct page *page)
{
	if (!PageHighMem(page))
		return;
	kunmap_high(page);
}

unsigned int nr_pkmap_mapped(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < LAST_PKMAP; i++)
		n += pkmap_count[i] > 0;
	return n;
}

void pkmap_page_moved(unsigned long addr, struct page *newpage)
{
	struct page_address_map *pam;

	if (addr < PKMAP_BASE || addr >= PKMAP_BASE + PMD_SIZE)
		return;
	pam = &page_address_maps[PKMAP_NR(addr)];
	set_page_address(pam->page, 0);
	set_page_address(newpage, addr);
}

/* ---- kmap_atomic ---- */

int kmap_atomic_idx(void)
{
	return kmap_atomic_depth;
}

void *kmap_atomic(struct page *page)
{
	unsigned long flags, vaddr;
	pte_t *ptep;
	int idx;

	if (!PageHighMem(page))
		return page_address(page);
	local_irq_save(flags);
	idx = kmap_atomic_depth++;
	BUG_ON(idx >= KM_MAX_IDX);
	vaddr = __fix_to_virt(FIX_KMAP_BEGIN + idx);
	ptep = kmap_pte - idx; /* slots go down in address, so do their ptes */
	BUG_ON(!pte_none(*ptep));
	set_pte_at(&init_mm, vaddr, ptep, mk_pte(page, kmap_prot));
	page_add_rmap(page, ptep, vaddr, 0);
	local_irq_restore(flags);
	return (void *)vaddr;
}

void kunmap_atomic(void *kvaddr)
{
	unsigned long vaddr = (unsigned long)kvaddr & PAGE_MASK, flags;
	pte_t *ptep;
	int idx;

	if (vaddr < __fix_to_virt(FIX_KMAP_END) || vaddr > __fix_to_virt(FIX_KMAP_BEGIN))
		return; /* a lowmem page: nothing was mapped */
	local_irq_save(flags);
	idx = kmap_atomic_depth - 1;
	BUG_ON(idx < 0 || vaddr != __fix_to_virt(FIX_KMAP_BEGIN + idx)); /* strict LIFO */
	ptep = kmap_pte - idx;
	page_remove_rmap(pte_page(*ptep), ptep);
	pte_clear(&init_mm, vaddr, ptep);
	kmap_atomic_depth--;
	local_irq_restore(flags);
}

/* ---- contents ---- */

void clear_highpage(struct page *page)
{
	void *kaddr = kmap_atomic(page);

	memset(kva_ptr(kaddr), 0, PAGE_SIZE);
	kunmap_atomic(kaddr);
}

void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_atomic(from);
	void *vto = kmap_atomic(to);

	memcpy(kva_ptr(vto), kva_ptr(vfrom), PAGE_SIZE);
	kunmap_atomic(vto);
	kunmap_atomic(vfrom);
}

void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len)
{
	char *to = kmap_atomic(page);

	BUG_ON(offset + len > PAGE_SIZE);
	memcpy((char *)kva_ptr(to) + offset, from, len);
	kunmap_atomic(to);
}

void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len)
{
	char *from = kmap_atomic(page);

	BUG_ON(offset + len > PAGE_SIZE);
	memcpy(to, (char *)kva_ptr(from) + offset, len);
	kunmap_atomic(from);
}
