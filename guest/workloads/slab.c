// SPDX-License-Identifier: MIT
/*
 * slab.c - slab caches, kmalloc, mempool, vmalloc, ioremap and page tables, self-checked.
 *
 * DOC: Boots the memory manager (mm_init) and then exercises the upper half
 * of it the way a driver would, checking everything it can observe:
 *  - the kernel page tables paging_init() built: the walk of each window
 *    gives the expected physical address and attributes, and the lowmem
 *    alias and the identity map reach the same bytes;
 *  - caches with constructors: constructors run once per object, freed
 *    objects come back, shrinking returns empty slabs to the buddy allocator;
 *  - kmalloc size classes and large kmalloc;
 *  - a mempool whose reserve carries allocations once the page allocator is
 *    exhausted (memory is filled first), and refills on free;
 *  - vmalloc of 4 MiB from scattered pages, read back through the lowmem
 *    alias of every backing page; vfree leaves no mapping and no pte table;
 *  - ioremap of UART0 with device attributes; a user address space.
 * Prints /proc/slabinfo and /proc/vmallocinfo style tables.  Exit status 0
 * only if every check passed.
 */
#include <stdint.h>
#include <string.h>

#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <mm/highmem.h>
#include <mm/ioremap.h>
#include <mm/mempool.h>
#include <mm/mm.h>
#include <mm/mm_abi.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#include "boot/setup.h"
#include "check.h"

#define UART0_PA 0x7f005000u
#define OBJ_MAGIC 0x0b1ec7u

struct test_obj {
	uint32_t magic;
	uint32_t serial;
	char payload[92];
};

static unsigned int ctor_calls;

static void test_obj_ctor(void *p)
{
	struct test_obj *o = p;

	o->magic = OBJ_MAGIC;
	o->serial = ++ctor_calls;
}

/* ---- page tables ---- */

static uint32_t l1_entry(unsigned long va)
{
	return ((uint32_t *)swapper_pg_dir)[va >> 20];
}

static void check_page_tables(void)
{
	phys_addr_t kstart, kend;
	static uint32_t probe;
	volatile uint32_t *ident, *alias;

	arch_kernel_image(&kstart, &kend);
	CHECK((cp15_get_ttbr(0) & ~0x3fffu) == swapper_pg_dir_phys, "TTBR0 -> swapper_pg_dir %08x",
	      (unsigned int)swapper_pg_dir_phys);
	CHECK(cp15_get_ttbcr() == 0, "TTBCR.N = 0");
	CHECK(pgtable_walk(&init_mm, 0xc0000000) == PHYS_OFFSET, "lowmem maps PAGE_OFFSET");
	CHECK(pgtable_walk(&init_mm, phys_to_gva(arm_lowmem_limit) - 4) == arm_lowmem_limit - 4,
	      "lowmem maps up to the lowmem limit");
	CHECK(pgtable_walk(&init_mm, phys_to_gva(arm_lowmem_limit)) == (phys_addr_t)-1,
	      "nothing above lowmem before VMALLOC_START");
	CHECK((l1_entry(0xc0000000) & (PMD_TYPE_MASK | PMD_SECT_CACHE_MASK)) ==
		      (PMD_TYPE_SECT | PMD_SECT_WBWA),
	      "lowmem is write-back write-allocate sections (%08x)",
	      (unsigned int)l1_entry(0xc0000000));
	CHECK(pgtable_walk(&init_mm, kstart) == kstart, "the kernel image is identity mapped");
	CHECK(!(l1_entry(kstart) & PMD_SECT_XN), "kernel text is executable");
	CHECK(l1_entry(phys_to_gva(arm_lowmem_limit) - SZ_1M) & PMD_SECT_XN,
	      "lowmem above the kernel is execute-never");
	CHECK((l1_entry(UART0_PA) & (PMD_TYPE_MASK | PMD_SECT_CACHE_MASK | PMD_SECT_XN)) ==
		      (PMD_TYPE_SECT | PMD_SECT_BUFFERED | PMD_SECT_XN),
	      "peripherals: shared device, XN (%08x)", (unsigned int)l1_entry(UART0_PA));
	CHECK(pgtable_walk(&init_mm, VECTORS_BASE) != (phys_addr_t)-1, "vectors page mapped");
	CHECK(pgtable_walk(&init_mm, VMALLOC_START) == (phys_addr_t)-1, "vmalloc window empty");

	ident = &probe;
	alias = (volatile uint32_t *)phys_to_gva((phys_addr_t)(uintptr_t)&probe);
	*ident = 0x12345678;
	CHECK(*alias == 0x12345678, "identity write seen through lowmem");
	*alias = 0x9abcdef0;
	CHECK(*ident == 0x9abcdef0, "lowmem write seen through identity");
}

/* ---- slab ---- */

static void check_slab_cache(void)
{
	struct kmem_cache *c = kmem_cache_create("test_obj", sizeof(struct test_obj), 0,
						 SLAB_HWCACHE_ALIGN, test_obj_ctor);
	struct test_obj *objs[300], *freed[150];
	unsigned long free_before, free_after;
	unsigned int n, bad = 0, ctor_before;
	struct page *page;

	if (!CHECK(c, "kmem_cache_create(test_obj)"))
		return;
	CHECK(c->size == 128 && c->num > 1, "test_obj: %u-byte objects, %u per %lu-page slab",
	      c->size, c->num, 1UL << c->gfporder);
	n = ARRAY_SIZE(objs) / c->num * c->num; /* whole slabs: every free object was ours */
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		if (!objs[i] || objs[i]->magic != OBJ_MAGIC)
			bad++;
	}
	CHECK(!bad, "%u objects allocated, all constructed", n);
	CHECK(ctor_calls == c->node.total_slabs * c->num,
	      "constructor ran once per object of %lu slabs (%u calls)", c->node.total_slabs,
	      ctor_calls);
	page = virt_to_page(objs[0]);
	CHECK(PageSlab(page) && page->mapping == c->id && mm_abi.caches[c->id].active_objs == n,
	      "slab page: PG_slab, mapping = cache id %u, mm_abi active %u", c->id,
	      (unsigned int)mm_abi.caches[c->id].active_objs);

	/* objects come back, still constructed; no new constructor calls */
	ctor_before = ctor_calls;
	for (unsigned int i = 0; i < n; i += 2) {
		objs[i]->payload[0] = 'x';
		freed[i / 2] = objs[i];
		kmem_cache_free(c, objs[i]);
	}
	bad = 0;
	for (unsigned int i = 0; i < n; i += 2) {
		struct test_obj *o = kmem_cache_alloc(c, GFP_KERNEL);
		bool known = false;

		for (unsigned int j = 0; j < (n + 1) / 2; j++)
			known |= o == freed[j];
		if (!known || o->magic != OBJ_MAGIC || o->payload[0] != 'x')
			bad++;
		objs[i] = o;
	}
	CHECK(!bad && ctor_calls == ctor_before,
	      "freed objects reused in constructed state, no constructor calls");

	/* free everything, then shrink: empty slabs go back */
	for (unsigned int i = 0; i < n; i++)
		kmem_cache_free(c, objs[i]);
	drain_all_pages(NULL);
	free_before = nr_free_pages();
	CHECK(c->node.free_slabs > 0, "%lu empty slabs kept after freeing", c->node.free_slabs);
	CHECK(kmem_cache_shrink(c) == 0 && c->node.total_slabs == 0, "shrink emptied the cache");
	drain_all_pages(NULL);
	free_after = nr_free_pages();
	CHECK(free_after > free_before, "shrink gave %lu pages back", free_after - free_before);
	CHECK(slab_check_invariants() == 0, "slab lists and counters agree");
	kmem_cache_destroy(c);
	CHECK(!kmem_cache_by_id(c->id), "cache destroyed");
}

static void check_kmalloc(void)
{
	static const struct { size_t req, class; } sizes[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 33, 64 }, { 65, 96 }, { 100, 128 }, { 129, 192 },
		{ 193, 256 }, { 1000, 1024 }, { 4096, 4096 }, { 5000, 8192 }, { 8192, 8192 },
	};
	unsigned int bad = 0;
	void *big;

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *p = kmalloc(sizes[i].req, GFP_KERNEL);

		if (!p || ksize(p) != sizes[i].class) {
			printf("  kmalloc(%u): ksize %u, want %u\n", (unsigned int)sizes[i].req,
			       p ? (unsigned int)ksize(p) : 0, (unsigned int)sizes[i].class);
			bad++;
		}
		if (p)
			memset(p, 0xa5, sizes[i].req);
		kfree(p);
	}
	CHECK(!bad, "kmalloc size classes 8..8192");
	big = kmalloc(100000, GFP_KERNEL);
	CHECK(big && !PageSlab(virt_to_page(big)) && PageHead(virt_to_page(big)) &&
		      ksize(big) == 128 * 1024,
	      "kmalloc(100000) is an order-5 compound page");
	kfree(big);
	big = kzalloc(3000, GFP_KERNEL);
	bad = 0;
	for (unsigned int i = 0; big && i < 3000; i++)
		bad += ((char *)big)[i] != 0;
	CHECK(big && !bad, "kzalloc zeroes");
	kfree(big);
}

/* ---- mempool with an exhausted page allocator ---- */

static void check_mempool(void)
{
	mempool_t *pool = mempool_create_page_pool(4, 0);
	void *held = NULL; /* a chain of every page we could get, linked through their first word */
	unsigned long nheld = 0, flags;
	struct page *got[5];

	if (!CHECK(pool && pool->curr_nr == 4, "page pool with a reserve of 4"))
		return;
	/* no timer-tick kswapd while memory is full: it could free or drain meanwhile */
	local_irq_save(flags);
	for (int pass = 0; pass < 2; pass++) {
		drain_all_pages(NULL); /* per-cpu pages count against the watermark once drained */
		for (;;) {
			void **p = (void **)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);

			if (!p)
				break;
			*p = held;
			held = p;
			nheld++;
		}
	}
	printf("  filled memory: %lu pages held, %lu free\n", nheld, nr_free_pages());
	CHECK(alloc_page(GFP_NOWAIT | __GFP_NOWARN) == NULL, "the page allocator is exhausted");
	for (int i = 0; i < 4; i++)
		got[i] = mempool_alloc(pool, GFP_NOWAIT);
	CHECK(got[0] && got[1] && got[2] && got[3] && pool->nr_from_reserve == 4 &&
		      pool->curr_nr == 0,
	      "4 allocations served from the reserve (%lu from reserve, %d left, %lu free)",
	      pool->nr_from_reserve, pool->curr_nr, nr_free_pages());
	got[4] = mempool_alloc(pool, GFP_NOWAIT);
	CHECK(!got[4] && pool->nr_failed == 1, "the fifth fails without blocking");
	mempool_free(got[0], pool);
	CHECK(pool->curr_nr == 1 && pool->nr_refill == 1, "a free refills the reserve first");
	got[0] = mempool_alloc(pool, GFP_NOWAIT);
	CHECK(got[0] && pool->nr_from_reserve == 5, "and the reserve serves again");
	local_irq_restore(flags);

	while (held) {
		void *next = *(void **)held;

		free_page((unsigned long)held);
		held = next;
	}
	for (int i = 0; i < 4; i++)
		mempool_free(got[i], pool);
	CHECK(pool->curr_nr == 4, "reserve full again after the frees");
	got[0] = mempool_alloc(pool, GFP_KERNEL);
	CHECK(got[0] && pool->curr_nr == 4, "with memory back, the allocator serves first");
	mempool_free(got[0], pool);
	mempool_destroy(pool);
}

/* ---- vmalloc from scattered pages ---- */

#define VM_BYTES (4u << 20)

static uint32_t pattern(unsigned int i)
{
	return i * 2654435761u ^ 0x5eed;
}

static void check_vmalloc(void)
{
	unsigned long tables_before = nr_kernel_pte_pages, discontig = 0;
	struct page *spread[2048];
	struct vm_struct *area;
	uint32_t *v;
	unsigned int bad = 0, words = VM_BYTES / 4, npages = VM_BYTES / PAGE_SIZE;

	/* leave free memory in every-other-page holes (where vmalloc looks) so its pages scatter */
	for (unsigned int i = 0; i < ARRAY_SIZE(spread); i++)
		spread[i] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM);
	for (unsigned int i = 0; i < ARRAY_SIZE(spread); i += 2)
		__free_page(spread[i]);

	v = vmalloc(VM_BYTES);
	if (!CHECK(v, "vmalloc(%u MiB) at %p", VM_BYTES >> 20, (void *)v))
		goto out;
	area = find_vm_area(v);
	CHECK(area && area->nr_pages == npages && is_vmalloc_addr(v), "area of %u pages",
	      area ? area->nr_pages : 0);
	for (unsigned int i = 0; i < words; i++)
		v[i] = pattern(i);
	for (unsigned int p = 0; p < npages; p++) {
		struct page *page = area->pages[p];
		uint32_t *lm = kmap(page);

		if (!PageVmalloc(page) || vmalloc_to_page((char *)v + p * PAGE_SIZE) != page)
			bad++;
		for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
			bad += lm[w] != pattern(p * (PAGE_SIZE / 4) + w);
		kunmap(page);
		if (p && page_to_pfn(page) != page_to_pfn(area->pages[p - 1]) + 1)
			discontig++;
	}
	CHECK(!bad, "contents agree through the vmalloc and lowmem addresses, PG_vmalloc set");
	CHECK(discontig > npages / 4, "backed by scattered pages (%lu discontinuities)", discontig);
	CHECK(nr_kernel_pte_pages > tables_before, "%lu pte tables built",
	      nr_kernel_pte_pages - tables_before);
	vmallocinfo_show();
	vfree(v);
	bad = 0;
	for (unsigned long a = (unsigned long)v; a < (unsigned long)v + VM_BYTES; a += PAGE_SIZE)
		bad += pgtable_walk(&init_mm, a) != (phys_addr_t)-1;
	CHECK(!bad && nr_kernel_pte_pages == tables_before && !find_vm_area(v),
	      "after vfree nothing maps and no pte table is left");
out:
	for (unsigned int i = 1; i < ARRAY_SIZE(spread); i += 2)
		__free_page(spread[i]);
}

/* ---- ioremap ---- */

static void check_ioremap(void)
{
	volatile uint32_t *uart = ioremap(UART0_PA, 0x100);
	const u32 *hw;
	pte_t *pte;

	if (!CHECK(uart, "ioremap(UART0) = %p", (void *)uart))
		return;
	pte = pte_lookup(&init_mm, (unsigned long)uart);
	hw = pte ? pte_hw(pte) : NULL;
	CHECK(hw && (*hw & (PTE_EXT_TEX(7) | PTE_CACHEABLE | PTE_BUFFERABLE)) == PTE_BUFFERABLE &&
		      (*hw & PTE_EXT_XN),
	      "device pte %08x: shared device, XN", hw ? (unsigned int)*hw : 0);
	CHECK(uart[0] == *(volatile uint32_t *)UART0_PA &&
		      uart[1] == *(volatile uint32_t *)(UART0_PA + 4),
	      "ULCON/UCON through ioremap match the identity map");
	iounmap((void *)uart);
	CHECK(pgtable_walk(&init_mm, (unsigned long)uart) == (phys_addr_t)-1, "iounmap unmapped");
	CHECK(ioremap(PHYS_OFFSET, PAGE_SIZE) == NULL, "ioremap of RAM refused");
}

/* ---- a user address space ---- */

static void check_user_mm(void)
{
	struct mm_struct *mm = mm_alloc();
	struct page *page = alloc_page(GFP_KERNEL);
	volatile uint32_t *user = (volatile uint32_t *)0x10000;
	uint32_t *lm = page_address(page);

	if (!CHECK(mm && page, "mm_alloc"))
		return;
	CHECK(!memcmp((u32 *)mm->pgd + USER_PTRS_PER_PGD * 2,
		      (u32 *)swapper_pg_dir + USER_PTRS_PER_PGD * 2,
		      (PTRS_PER_PGD - USER_PTRS_PER_PGD) * sizeof(pgd_t)),
	      "pgd_alloc copied the kernel half");
	CHECK(map_user_page(mm, 0x10000, page, PAGE_USER_RW) == 0 && page_mapcount(page) == 1,
	      "user page mapped, rmap recorded");
	switch_mm(mm);
	CHECK(mm_asid(mm) > 0 && cp15_get_contextidr() == (u32)mm_asid(mm), "ASID %d loaded",
	      mm_asid(mm));
	*user = 0xfeedf00d;
	switch_mm(&init_mm);
	CHECK(lm[0] == 0xfeedf00d, "user write seen through lowmem");
	CHECK(unmap_user_page(mm, 0x10000) == 0 && !page_mapped(page), "unmapped");
	put_page(page);
	mmput(mm);
}

static void check_kmap_lowmem(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	CHECK(page && kmap(page) == page_address(page) && kmap_atomic(page) == page_address(page),
	      "kmap/kmap_atomic of a lowmem page give its address");
	kunmap_atomic(page_address(page));
	kunmap(page);
	__free_page(page);
}

int main(void)
{
	mm_init(boot_dtb_pa);
	check_page_tables();
	check_slab_cache();
	check_kmalloc();
	check_mempool();
	check_vmalloc();
	check_ioremap();
	check_user_mm();
	check_kmap_lowmem();
	slabinfo_show(false);
	CHECK(slab_check_invariants() == 0, "slab invariants");
	CHECK(check_invariants() == 0, "buddy allocator invariants");
	return check_done("slab");
}
