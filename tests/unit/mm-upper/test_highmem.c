// SPDX-License-Identifier: MIT
/*
 * test_highmem.c - a board with more RAM than lowmem: pkmap kmap()/kunmap() with lazy
 * unmapping, kmap_atomic() slots, page contents helpers, vmalloc of highmem pages,
 * moving a kmapped page.
 */
#include "harness.h"

#include <string.h>

#include <asm/fixmap.h>
#include <mm/highmem.h>
#include <mm/page_alloc.h>
#include <mm/rmap.h>
#include <mm/vmalloc.h>

#define RAM_SIZE (64u << 20)
/* 0xFF800000 - 960 MiB - 8 MiB = 0xC3000000: 48 MiB of lowmem, 16 MiB of highmem */
#define BOOTARGS "vmalloc=960M"
#define LOWMEM (48u << 20)

static int setup(void **state)
{
	(void)state;
	upper_boot(RAM_SIZE, BOOTARGS);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assert_int_equal(check_invariants(), 0);
	upper_shutdown();
	return 0;
}

static struct page *highpage(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	assert_non_null(page);
	assert_true(PageHighMem(page));
	return page;
}

static void test_layout(void **state)
{
	struct mmu_result r;

	(void)state;
	assert_int_equal(arm_lowmem_limit, TEST_RAM_BASE + LOWMEM);
	assert_int_equal(VMALLOC_START, 0xc0000000u + LOWMEM + (8u << 20));
	assert_true(totalhigh_pages() > 0);
	assert_non_null(pkmap_page_table);
	assert_true(PageTable(virt_to_page(pkmap_page_table)));
	/* lowmem ends at the limit; highmem is reachable only through the identity map */
	assert_int_equal(hw_translate(0xc0000000u + LOWMEM - 4), TEST_RAM_BASE + LOWMEM - 4);
	assert_int_not_equal(hw_walk(0xc0000000u + LOWMEM, &r), 0);
	assert_int_not_equal(hw_walk(PKMAP_BASE, &r), 0); /* table present, slots empty */
	assert_true(pmd_table(*pmd_off_k(PKMAP_BASE)));
}

static void test_kmap(void **state)
{
	struct page *page = highpage();
	unsigned long v, mark;
	uint32_t *p;
	int nr;

	(void)state;
	assert_null(page_address(page));
	v = (unsigned long)kmap(page);
	assert_true(v >= PKMAP_BASE && v < PKMAP_BASE + PMD_SIZE);
	nr = (int)PKMAP_NR(v);
	assert_int_equal(pkmap_count[nr], 2);
	assert_int_equal((unsigned long)page_address(page), v);
	assert_int_equal(hw_translate((uint32_t)v), page_to_phys(page));
	assert_int_equal(page_mapcount(page), 1);
	p = kva_ptr((void *)v);
	p[10] = 0x600dcafe;
	assert_int_equal(((uint32_t *)__va(page_to_phys(page)))[10], 0x600dcafe);

	assert_int_equal((unsigned long)kmap(page), v); /* same page, same slot */
	assert_int_equal(pkmap_count[nr], 3);
	kunmap(page);
	kunmap(page);
	/* unused but still mapped until the slots are flushed (Linux's lazy unmap) */
	assert_int_equal(pkmap_count[nr], 1);
	assert_int_equal(hw_translate((uint32_t)v), page_to_phys(page));
	assert_false(page_mapped(page)); /* an unused slot is not an rmap mapping */
	assert_int_equal((unsigned long)kmap(page), v); /* reused as it is */
	assert_int_equal(page_mapcount(page), 1);
	kunmap(page);
	mark = native_cpu_log_len();
	kmap_flush_unused();
	assert_int_equal(pkmap_count[nr], 0);
	assert_null(page_address(page));
	assert_int_equal(hw_translate((uint32_t)v), (phys_addr_t)-1);
	assert_true(find_event(mark, CPU_TLB_INV_MVA, (uint32_t)v, 0) >= 0);
	assert_int_equal(check_desc_cleaned(mark), 0);
	assert_false(page_mapped(page));
	__free_page(page);
}

static void test_pkmap_exhaustion(void **state)
{
	static struct page *pages[LAST_PKMAP + 1];

	(void)state;
	for (int i = 0; i < LAST_PKMAP; i++) {
		pages[i] = highpage();
		assert_non_null(kmap(pages[i]));
	}
	assert_int_equal(nr_pkmap_mapped(), LAST_PKMAP);
	pages[LAST_PKMAP] = highpage();
	assert_null(kmap(pages[LAST_PKMAP])); /* Linux would sleep here */
	kunmap(pages[100]);
	assert_non_null(kmap(pages[LAST_PKMAP])); /* the wrap flushes slot 100 and reuses it */
	assert_null(page_address(pages[100]));
	kunmap(pages[LAST_PKMAP]);
	for (int i = 0; i < LAST_PKMAP; i++)
		if (i != 100)
			kunmap(pages[i]);
	kmap_flush_unused();
	assert_int_equal(nr_pkmap_mapped(), 0);
	for (int i = 0; i <= LAST_PKMAP; i++)
		__free_page(pages[i]);
}

static void test_kmap_atomic(void **state)
{
	struct page *hp[3] = { highpage(), highpage(), highpage() };
	struct page *low = alloc_page(GFP_KERNEL);
	void *a, *b, *c;
	unsigned long mark;

	(void)state;
	assert_false(PageHighMem(low));
	a = kmap_atomic(hp[0]);
	b = kmap_atomic(hp[1]);
	assert_ptr_equal(kmap_atomic(low), page_address(low)); /* lowmem: no slot */
	c = kmap_atomic(hp[2]);
	assert_int_equal(kmap_atomic_idx(), 3);
	assert_int_equal((unsigned long)a, __fix_to_virt(FIX_KMAP_BEGIN));
	assert_int_equal((unsigned long)b, __fix_to_virt(FIX_KMAP_BEGIN + 1));
	assert_int_equal((unsigned long)c, __fix_to_virt(FIX_KMAP_BEGIN + 2));
	for (int i = 0; i < 3; i++) {
		void *v = i == 0 ? a : i == 1 ? b : c;
		struct mmu_result r;

		assert_int_equal(hw_walk((uint32_t)(unsigned long)v, &r), 0);
		assert_int_equal(r.pa, page_to_phys(hp[i]));
		assert_true(r.xn && r.ap == 1 && !r.ng);
		memset(kva_ptr(v), 0x70 + i, PAGE_SIZE);
	}
	mark = native_cpu_log_len();
	kunmap_atomic(c);
	kunmap_atomic(page_address(low));
	kunmap_atomic(b);
	kunmap_atomic(a);
	assert_int_equal(kmap_atomic_idx(), 0);
	assert_int_equal(hw_translate((uint32_t)(unsigned long)a), (phys_addr_t)-1);
	assert_true(find_event(mark, CPU_TLB_INV_MVA, (uint32_t)(unsigned long)b, 0) >= 0);
	assert_int_equal(check_desc_cleaned(mark), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(*(unsigned char *)__va(page_to_phys(hp[i]) + 5), 0x70 + i);
		assert_false(page_mapped(hp[i]));
		__free_page(hp[i]);
	}
	__free_page(low);
}

static void test_page_helpers(void **state)
{
	struct page *x = highpage(), *y = highpage();
	char buf[64], out[64];

	(void)state;
	for (int i = 0; i < 64; i++)
		buf[i] = (char)(i * 7);
	memcpy_to_page(x, 4000, buf, 64 - 32);
	memcpy_to_page(x, 100, buf, 64);
	copy_highpage(y, x);
	memcpy_from_page(out, y, 100, 64);
	assert_memory_equal(out, buf, 64);
	clear_highpage(y);
	memcpy_from_page(out, y, 100, 64);
	for (int i = 0; i < 64; i++)
		assert_int_equal(out[i], 0);
	assert_int_equal(kmap_atomic_idx(), 0);
	__free_page(x);
	__free_page(y);
}

static void test_vmalloc_highmem(void **state)
{
	char *v = vzalloc(4u << 20);
	struct vm_struct *area = find_vm_area(v);
	unsigned int high = 0;

	(void)state;
	assert_non_null(v);
	for (unsigned int i = 0; i < area->nr_pages; i++) {
		high += PageHighMem(area->pages[i]);
		assert_int_equal(hw_translate((uint32_t)(unsigned long)(v + i * PAGE_SIZE)),
				 page_to_phys(area->pages[i]));
		assert_int_equal(*(uint32_t *)kva_ptr(v + i * PAGE_SIZE + 8), 0);
	}
	assert_true(high > 0);
	vfree(v);
}

/* A kmapped movable page moves: the pkmap pte and page_address() follow it. */
static void test_kmap_moved(void **state)
{
	struct page *old = alloc_page(GFP_HIGHUSER_MOVABLE);
	struct page *new = alloc_page(GFP_HIGHUSER_MOVABLE);
	unsigned long v;

	(void)state;
	assert_true(PageHighMem(old) && PageHighMem(new));
	page_add_new_anon(old);
	v = (unsigned long)kmap(old);
	memset(kva_ptr((void *)v), 0x42, PAGE_SIZE);
	copy_highpage(new, old);
	assert_int_equal(rmap_move_mappings(old, new), 1);
	assert_int_equal((unsigned long)page_address(new), v);
	assert_null(page_address(old));
	assert_int_equal(hw_translate((uint32_t)v), page_to_phys(new));
	assert_int_equal(*(unsigned char *)kva_ptr((void *)(v + 9)), 0x42);
	kunmap(new);
	kmap_flush_unused();
	assert_false(page_mapped(new));
	put_page(old);
	__free_page(new);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pkmap_exhaustion, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kmap_atomic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_helpers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vmalloc_highmem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kmap_moved, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
