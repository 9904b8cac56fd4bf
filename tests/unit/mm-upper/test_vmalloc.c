// SPDX-License-Identifier: MIT
/*
 * test_vmalloc.c - vmalloc from scattered pages, teardown without leaks, guard pages and
 * first fit, vzalloc, vmap, ioremap attributes, movable vmalloc pages moved through the rmap.
 */
#include "harness.h"

#include <string.h>

#include <mm/highmem.h>
#include <mm/ioremap.h>
#include <mm/page_alloc.h>
#include <mm/rmap.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define RAM_SIZE (64u << 20)

static int setup(void **state)
{
	(void)state;
	upper_boot(RAM_SIZE, "");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(check_invariants(), 0);
	upper_shutdown();
	return 0;
}

static uint32_t va_of(const void *p, unsigned long off)
{
	return (uint32_t)((unsigned long)p + off);
}

static unsigned long nr_pagetable(void)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		n += zone_page_state(zone, NR_PAGETABLE);
	return n;
}

static void test_scattered(void **state)
{
	enum { NPAGES = 1024, SPREAD = 2400 };
	static struct page *spread[SPREAD];
	unsigned long tables0, pt0, rmap0, free0, mark, discontig = 0, areas0;
	struct vm_struct *area;
	char *v;

	(void)state;
	vfree(vmalloc(NPAGES * PAGE_SIZE)); /* warm the caches behind vm areas */
	kmem_cache_shrink_all();
	tables0 = nr_kernel_pte_pages;
	pt0 = nr_pagetable();
	rmap0 = rmap_entries_used();
	areas0 = vmalloc_nr_areas();
	free0 = free_pages_now();

	/* free memory left only in every-other-page holes */
	for (int i = 0; i < SPREAD; i++)
		spread[i] = alloc_page(GFP_KERNEL);
	for (int i = 0; i < SPREAD; i += 2)
		__free_page(spread[i]);

	mark = native_cpu_log_len();
	v = vmalloc(NPAGES * PAGE_SIZE);
	assert_non_null(v);
	assert_true(is_vmalloc_addr(v));
	area = find_vm_area(v);
	assert_non_null(area);
	assert_int_equal(area->nr_pages, NPAGES);
	assert_int_equal(area->size, (NPAGES + 1) * PAGE_SIZE); /* plus the guard page */
	assert_true(nr_kernel_pte_pages >= tables0 + 2); /* 4 MiB spans at least two pte pages */
	assert_int_equal(nr_pagetable(), pt0 + (nr_kernel_pte_pages - tables0));
	assert_int_equal(rmap_entries_used(), rmap0 + NPAGES);

	for (unsigned int i = 0; i < NPAGES; i++) {
		struct page *page = area->pages[i];
		uint32_t va = va_of(v, i * PAGE_SIZE), hwpa = hw_pte_pa(&init_mm, va);
		struct mmu_result r;
		uint32_t *through_vm, *through_lm;
		long w, c, t;

		assert_true(PageVmalloc(page));
		assert_int_equal(page_mapcount(page), 1);
		assert_true(page_rmap_complete(page));
		assert_int_equal(hw_walk(va, &r), 0);
		assert_int_equal(r.kind, MAP_SMALL);
		assert_int_equal(r.pa, page_to_phys(page));
		assert_true(r.xn && !r.ng && r.ap == 1 && r.tex == 1 && r.c && r.b &&
			    r.domain == DOMAIN_KERNEL);
		assert_ptr_equal(vmalloc_to_page(v + i * PAGE_SIZE), page);
		if (i && page_to_pfn(page) != page_to_pfn(area->pages[i - 1]) + 1)
			discontig++;
		/* contents: through the vmalloc address and the page's lowmem address */
		through_vm = kva_ptr(v + i * PAGE_SIZE);
		through_lm = page_address(page);
		assert_non_null(through_vm);
		through_vm[7] = 0xabc00000u + i;
		assert_int_equal(through_lm[7], 0xabc00000u + i);
		/* the pte store was cleaned, then its TLB entry invalidated */
		w = last_desc_write(mark, hwpa);
		c = find_clean(w, hwpa);
		t = find_event(c, CPU_TLB_INV_MVA, va, 0);
		assert_true(w >= 0 && c > w && t > c);
	}
	assert_true(discontig > NPAGES / 2);
	assert_int_equal(check_desc_cleaned(mark), 0);

	mark = native_cpu_log_len();
	vfree(v);
	for (unsigned int i = 0; i < NPAGES; i++) {
		uint32_t va = va_of(v, i * PAGE_SIZE);
		struct mmu_result r;

		assert_int_not_equal(hw_walk(va, &r), 0);
		assert_true(find_event(mark, CPU_TLB_INV_MVA, va, 0) >= 0);
	}
	assert_int_equal(check_desc_cleaned(mark), 0);
	/* no pte table left behind, no rmap entry, no page, no area */
	assert_int_equal(nr_kernel_pte_pages, tables0);
	assert_int_equal(nr_pagetable(), pt0);
	assert_int_equal(rmap_entries_used(), rmap0);
	assert_int_equal(vmalloc_nr_areas(), areas0);
	assert_null(find_vm_area(v));
	for (unsigned long a = VMALLOC_START; a < VMALLOC_END; a += PMD_SIZE)
		assert_true(pmd_none(*pmd_off_k(a)));
	for (int i = 1; i < SPREAD; i += 2)
		__free_page(spread[i]);
	kmem_cache_shrink_all();
	assert_int_equal(free_pages_now(), free0);
}

static void test_guard_and_first_fit(void **state)
{
	char *a = vmalloc(3 * PAGE_SIZE), *b = vmalloc(PAGE_SIZE), *c = vmalloc(2 * PAGE_SIZE);
	char *d, *e;

	(void)state;
	assert_int_equal((unsigned long)a, VMALLOC_START);
	assert_ptr_equal(b, a + 4 * PAGE_SIZE);
	assert_ptr_equal(c, b + 2 * PAGE_SIZE);
	assert_int_equal(hw_translate(va_of(a, 3 * PAGE_SIZE)), (phys_addr_t)-1); /* guard */
	vfree(b);
	d = vmalloc(PAGE_SIZE);
	assert_ptr_equal(d, b); /* the lowest hole that fits */
	e = vmalloc(2 * PAGE_SIZE);
	assert_ptr_equal(e, c + 3 * PAGE_SIZE);
	vfree(a);
	vfree(c);
	vfree(d);
	vfree(e);
	assert_int_equal(vmalloc_nr_areas(), 0);
	vfree(NULL);
	assert_null(vmalloc(0));
}

static void test_vzalloc(void **state)
{
	static struct page *dirty[512];
	char *v;

	(void)state;
	for (int i = 0; i < 512; i++) {
		dirty[i] = alloc_page(GFP_KERNEL);
		memset(page_address(dirty[i]), 0xff, PAGE_SIZE);
	}
	for (int i = 0; i < 512; i++)
		__free_page(dirty[i]);
	v = vzalloc(256 * PAGE_SIZE);
	assert_non_null(v);
	for (int i = 0; i < 256; i++) {
		unsigned char *p = kva_ptr(v + i * PAGE_SIZE);

		for (unsigned int j = 0; j < PAGE_SIZE; j++)
			if (p[j])
				fail_msg("vzalloc page %d byte %u is %02x", i, j, p[j]);
	}
	vfree(v);
}

static void test_vmap(void **state)
{
	struct page *pages[8];
	char *v;

	(void)state;
	for (int i = 0; i < 8; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		memset(page_address(pages[i]), 'a' + i, PAGE_SIZE);
	}
	v = vmap(pages, 8, 0, PAGE_KERNEL);
	assert_non_null(v);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(hw_translate(va_of(v, i * PAGE_SIZE)), page_to_phys(pages[i]));
		assert_int_equal(*(char *)kva_ptr(v + i * PAGE_SIZE + 100), 'a' + i);
		assert_int_equal(page_mapcount(pages[i]), 1);
		assert_false(PageVmalloc(pages[i]));
	}
	assert_true(find_vm_area(v)->flags & VM_MAP);
	vunmap(v);
	for (int i = 0; i < 8; i++) {
		assert_false(page_mapped(pages[i]));
		assert_int_equal(page_count(pages[i]), 1); /* still the caller's */
		__free_page(pages[i]);
	}
	assert_int_equal(hw_translate(va_of(v, 0)), (phys_addr_t)-1);
}

static void test_ioremap(void **state)
{
	unsigned long areas0 = vmalloc_nr_areas(), tables0 = nr_kernel_pte_pages, mark;
	struct mmu_result r;
	char *p, *wc, *sec;

	(void)state;
	mark = native_cpu_log_len();
	p = ioremap(0x7f005004, 8);
	assert_non_null(p);
	assert_int_equal((unsigned long)p & ~PAGE_MASK, 4);
	assert_true(find_vm_area((void *)((unsigned long)p & PAGE_MASK))->flags & VM_IOREMAP);
	assert_int_equal(hw_walk(va_of(p, 0), &r), 0);
	assert_int_equal(r.kind, MAP_SMALL);
	assert_int_equal(r.pa, 0x7f005004);
	/*
	 * shared device: TEX=000 C=0 B=1, S, execute-never, kernel rw; the pte table
	 * sits in DOMAIN_KERNEL like every vmalloc-area table (Linux: pte_alloc_kernel)
	 */
	assert_int_equal(r.tex, 0);
	assert_false(r.c);
	assert_true(r.b && r.s && r.xn);
	assert_int_equal(r.domain, DOMAIN_KERNEL);
	assert_int_equal(r.ap, 1);

	wc = ioremap_wc(0x7f006000, 0x2000);
	assert_int_equal(hw_walk(va_of(wc, 0x1000), &r), 0);
	assert_int_equal(r.pa, 0x7f007000);
	assert_true(r.tex == 1 && !r.c && !r.b && r.xn); /* normal non-cacheable */

	/* 2 MiB aligned: mapped with sections */
	sec = ioremap(0x72000000, 4u << 20);
	assert_non_null(sec);
	assert_true(find_vm_area(sec)->flags & VM_ARM_SECTION_MAPPING);
	for (unsigned long off = 0; off < (4u << 20); off += SZ_1M) {
		assert_int_equal(hw_walk(va_of(sec, off + 0x123), &r), 0);
		assert_int_equal(r.kind, MAP_SECTION);
		assert_int_equal(r.pa, 0x72000000 + off + 0x123);
		assert_true(r.tex == 0 && !r.c && r.b && r.xn && r.domain == DOMAIN_IO);
	}
	assert_null(ioremap(TEST_RAM_BASE + 0x10000, 0x1000)); /* RAM: refused */
	assert_int_equal(check_desc_cleaned(mark), 0);

	mark = native_cpu_log_len();
	iounmap(p);
	iounmap(wc);
	iounmap(sec);
	assert_int_equal(hw_translate(va_of(p, 0)), (phys_addr_t)-1);
	assert_int_equal(hw_translate(va_of(wc, 0x1000)), (phys_addr_t)-1);
	assert_int_equal(hw_translate(va_of(sec, SZ_1M * 3)), (phys_addr_t)-1);
	assert_true(find_event(mark, CPU_TLB_INV_MVA, va_of(sec, SZ_1M), 0) >= 0);
	assert_int_equal(check_desc_cleaned(mark), 0);
	assert_int_equal(vmalloc_nr_areas(), areas0);
	assert_int_equal(nr_kernel_pte_pages, tables0);
}

/* Movable vmalloc pages are anon LRU pages; moving one updates pte and area. */
static void test_movable_pages(void **state)
{
	char *v = __vmalloc(16 * PAGE_SIZE, GFP_HIGHUSER_MOVABLE);
	struct vm_struct *area = find_vm_area(v);
	struct page *old, *new;
	unsigned long mark;
	uint32_t va = va_of(v, 3 * PAGE_SIZE);

	(void)state;
	assert_non_null(v);
	assert_true(area->flags & VM_MOVABLE_PAGES);
	old = area->pages[3];
	assert_true(PageLRU(old) && PageVmalloc(old));
	assert_int_equal(get_page_alloc_mt(old), MIGRATE_MOVABLE);
	memset(kva_ptr(v + 3 * PAGE_SIZE), 0x3c, PAGE_SIZE);

	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	copy_highpage(new, old);
	mark = native_cpu_log_len();
	assert_int_equal(rmap_move_mappings(old, new), 1);
	assert_ptr_equal(area->pages[3], new);
	assert_true(PageVmalloc(new));
	assert_false(PageVmalloc(old));
	assert_ptr_equal(vmalloc_to_page(v + 3 * PAGE_SIZE), new);
	assert_int_equal(hw_translate(va), page_to_phys(new));
	assert_int_equal(*(unsigned char *)kva_ptr(v + 3 * PAGE_SIZE + 77), 0x3c);
	assert_true(find_event(mark, CPU_TLB_INV_MVA, va, 0) >= 0);
	assert_int_equal(check_desc_cleaned(mark), 0);
	put_page(old); /* migration frees the old page */
	vfree(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scattered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guard_and_first_fit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vzalloc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ioremap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_movable_pages, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
