// SPDX-License-Identifier: MIT
/*
 * test_pgtable.c - ARMv6 page tables: paging_init's layout, descriptor discipline,
 * the Linux -> hardware pte translation, pgd_alloc, user mappings, ASIDs, rmap moves.
 *
 * Every translation is checked with the emulator's walker (soc/arm1176/mmu.c)
 * reading the native RAM buffer, not with guest/mm's own walk.
 */
#include "harness.h"

#include <string.h>

#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <mm/highmem.h>
#include <mm/page_alloc.h>
#include <mm/rmap.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define RAM_SIZE (64u << 20)

static phys_addr_t kx_start, kx_end; /* kernel image, section-rounded */

static int setup(void **state)
{
	phys_addr_t ks, ke;

	(void)state;
	upper_boot(RAM_SIZE, "console=ttySAC0");
	arch_kernel_image(&ks, &ke);
	kx_start = ks & ~(phys_addr_t)(SZ_1M - 1);
	kx_end = ALIGN(ke, SZ_1M);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	upper_shutdown();
	return 0;
}

static void expect_section(uint32_t va, uint32_t pa, unsigned tex, unsigned c, unsigned b, bool xn,
			   unsigned domain)
{
	struct mmu_result r;
	uint32_t f = hw_walk(va, &r);

	if (f || r.kind != MAP_SECTION || r.pa != pa || r.tex != tex || r.c != c || r.b != b ||
	    r.xn != xn || r.domain != domain || r.ap != 1 || r.ng) {
		fprintf(stderr, "va %08x: fault %x kind %d pa %08x tex %u c %u b %u xn %d dom %u "
			"ap %u\n", va, f, r.kind, r.pa, r.tex, r.c, r.b, r.xn, r.domain, r.ap);
		fail_msg("section at %08x wrong", va);
	}
}

/* Every MiB of the 4 GiB space maps what paging_init's table says it should. */
static void test_layout(void **state)
{
	uint32_t lowmem_end = (uint32_t)phys_to_gva(arm_lowmem_limit);
	struct mmu_result r;

	(void)state;
	assert_int_equal(native_cpu.ttbr0, swapper_pg_dir_phys | TTB_FLAGS_UP);
	assert_int_equal(native_cpu.ttbr1, swapper_pg_dir_phys | TTB_FLAGS_UP);
	assert_int_equal(native_cpu.ttbcr, 0);
	assert_int_equal(native_cpu.contextidr, 0);
	assert_true(native_cpu.sctlr & CR_XP);
	assert_int_equal(native_cpu.dacr, 0x55);
	assert_int_equal(swapper_pg_dir_phys & 0x3fff, 0);
	assert_int_equal(lowmem_end, 0xc0000000u + RAM_SIZE);
	assert_int_equal(VMALLOC_START, 0xc0000000u + RAM_SIZE + (8u << 20));

	for (uint64_t mb = 0; mb < 4096; mb++) {
		uint32_t va = (uint32_t)(mb << 20);

		if (va >= TEST_RAM_BASE && va < TEST_RAM_BASE + RAM_SIZE) {
			bool x = va >= kx_start && va < kx_end;

			expect_section(va, va, 1, 1, 1, !x, DOMAIN_KERNEL);
		} else if (va >= DEV_IDMAP_START && va < DEV_IDMAP_END) {
			expect_section(va, va, 0, 0, 1, true, DOMAIN_IO);
			hw_walk(va, &r);
			assert_true(r.s);
		} else if (va >= 0xc0000000u && va < lowmem_end) {
			uint32_t pa = va - 0xc0000000u + TEST_RAM_BASE;

			expect_section(va, pa, 1, 1, 1, !(pa >= kx_start && pa < kx_end),
				       DOMAIN_KERNEL);
		} else {
			assert_int_not_equal(hw_walk(va, &r), 0);
		}
	}

	/* the top MiB: vectors and stubs pages, the empty kmap_atomic slots */
	assert_int_equal(hw_walk(VECTORS_BASE, &r), 0);
	assert_int_equal(r.kind, MAP_SMALL);
	assert_int_equal(r.ap, 2); /* kernel rw, user ro (Linux MT_HIGH_VECTORS) */
	assert_int_equal(r.domain, DOMAIN_VECTORS);
	assert_int_equal(hw_walk(VECTORS_BASE + PAGE_SIZE, &r), 0);
	assert_int_equal(r.ap, 5); /* kernel ro */
	assert_int_equal(*(uint32_t *)__va(r.pa), 0xe7fddef1u);
	assert_int_not_equal(hw_walk(FIXADDR_TOP - PAGE_SIZE, &r), 0);
	/* no pkmap table without highmem */
	assert_null(pkmap_page_table);
}

/* paging_init cleaned every descriptor it stored, and invalidated each section's TLB entry. */
static void test_boot_discipline(void **state)
{
	unsigned long n = native_cpu_log_len(), sections = 0;

	(void)state;
	assert_non_null(native_cpu_log_get(0));
	assert_int_equal(check_desc_cleaned(0), 0);
	for (unsigned long i = 0; i < n; i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);
		uint32_t va;

		if (e->op != CPU_DESC_WRITE || e->pa < swapper_pg_dir_phys ||
		    e->pa >= swapper_pg_dir_phys + PGD_TABLE_SIZE)
			continue;
		va = ((e->pa - swapper_pg_dir_phys) / 4) << 20;
		if (find_event(i, CPU_TLB_INV_MVA, va, 0) < 0)
			fail_msg("L1 store %lu for %08x without a TLB invalidate", i, va);
		sections++;
	}
	assert_true(sections >= RAM_SIZE / SZ_1M * 2 + 256);
	/* then the switch: TTBR0 written after the last descriptor store, then a full flush */
	assert_true(find_event(0, CPU_WRITE_TTBR0, 0, -1) >= 0);
	assert_true(native_cpu_count[CPU_TLB_INV_ALL] >= 1);
	assert_true(native_cpu_count[CPU_DCACHE_FLUSH_ALL] >= 1);
}

static void test_pte_hw_translation(void **state)
{
	const u32 perm = PTE_EXT_APX | PTE_EXT_AP_MASK;

	(void)state;
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL | 0x12345000, 0),
			 0x12345000 | PTE_TYPE_SMALL | PTE_EXT_XN | PTE_EXT_AP0 | PTE_EXT_TEX(1) |
				 PTE_CACHEABLE | PTE_BUFFERABLE);
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL_RO, 0) & perm, PTE_EXT_APX | PTE_EXT_AP0);
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL_EXEC, 0) & PTE_EXT_XN, 0);
	assert_int_equal(armv6_pte_hw(PAGE_USER_RW, 0) & perm, PTE_EXT_AP1 | PTE_EXT_AP0);
	assert_int_equal(armv6_pte_hw(PAGE_USER_RO, 0) & perm, PTE_EXT_AP1);
	/* a clean writable user page is read-only to the hardware (dirty emulation) */
	assert_int_equal(armv6_pte_hw(pgprot_user | L_PTE_USER, 0) & perm, PTE_EXT_AP1);
	assert_int_equal(armv6_pte_hw(PAGE_USER_RW, PTE_EXT_NG) & PTE_EXT_NG, PTE_EXT_NG);
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL & ~L_PTE_YOUNG, 0), 0);
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL & ~L_PTE_PRESENT, 0), 0);
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL | L_PTE_NONE, 0), 0);
	assert_int_equal(armv6_pte_hw(PAGE_KERNEL | L_PTE_SHARED, 0) & PTE_EXT_SHARED,
			 PTE_EXT_SHARED);
	const struct { u32 mt, bits; } mts[] = {
		{ L_PTE_MT_UNCACHED, 0 },
		{ L_PTE_MT_BUFFERABLE, PTE_EXT_TEX(1) },
		{ L_PTE_MT_WRITETHROUGH, PTE_CACHEABLE },
		{ L_PTE_MT_WRITEBACK, PTE_CACHEABLE | PTE_BUFFERABLE },
		{ L_PTE_MT_WRITEALLOC, PTE_EXT_TEX(1) | PTE_CACHEABLE | PTE_BUFFERABLE },
		{ L_PTE_MT_DEV_SHARED, PTE_BUFFERABLE },
		{ L_PTE_MT_DEV_NONSHARED, PTE_EXT_TEX(2) },
		{ L_PTE_MT_DEV_WC, PTE_EXT_TEX(1) },
		{ L_PTE_MT_DEV_CACHED, PTE_CACHEABLE | PTE_BUFFERABLE },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(mts); i++) {
		pte_t pte = (PAGE_KERNEL & ~L_PTE_MT_MASK) | mts[i].mt;

		u32 attrs = PTE_EXT_TEX(7) | PTE_CACHEABLE | PTE_BUFFERABLE;

		assert_int_equal(armv6_pte_hw(pte, 0) & attrs, mts[i].bits);
	}
}

/* A pte store is cleaned, then its TLB entry invalidated; the walker sees the new entry. */
static void test_set_pte_discipline(void **state)
{
	unsigned long va = VMALLOC_START + 5 * PAGE_SIZE, mark;
	struct page *page = alloc_page(GFP_KERNEL);
	pte_t *ptep = pte_alloc_kernel(va);
	uint32_t hwpa = hw_pte_pa(&init_mm, va);
	long w, c, t;
	struct mmu_result r;

	(void)state;
	assert_non_null(page);
	assert_non_null(ptep);
	assert_int_not_equal(hwpa, 0);
	assert_ptr_equal(__va(hwpa), pte_hw(ptep));
	assert_true(PageTable(virt_to_page(ptep)));

	mark = native_cpu_log_len();
	set_pte_at(&init_mm, va, ptep, mk_pte(page, PAGE_KERNEL));
	w = last_desc_write(mark, hwpa);
	c = find_clean(w, hwpa);
	t = find_event(w, CPU_TLB_INV_MVA, (uint32_t)va, 0);
	assert_true(w >= 0 && c > w && t > c);
	assert_int_equal(hw_walk((uint32_t)va, &r), 0);
	assert_int_equal(r.pa, page_to_phys(page));
	assert_true(r.xn && !r.ng && r.ap == 1 && r.tex == 1 && r.c && r.b);
	assert_int_equal(pte_pfn(*ptep), page_to_pfn(page));

	mark = native_cpu_log_len();
	pte_clear(&init_mm, va, ptep);
	w = last_desc_write(mark, hwpa);
	assert_true(w >= 0 && native_cpu_log_get(w)->val == 0);
	assert_true(find_clean(w, hwpa) > w);
	assert_true(find_event(w, CPU_TLB_INV_MVA, (uint32_t)va, 0) > w);
	assert_int_not_equal(hw_walk((uint32_t)va, &r), 0);
	assert_int_equal(check_desc_cleaned(mark), 0);
	__free_page(page);
}

static void test_pgd_alloc(void **state)
{
	struct mm_struct *mm;
	unsigned long before, mark, cleans = 0;
	phys_addr_t pa;
	struct zone *zone;

	(void)state;
	mmput(mm_alloc()); /* warm up the slab caches behind mm_alloc */
	before = free_pages_now();
	mark = native_cpu_log_len();
	mm = mm_alloc();
	assert_non_null(mm);
	assert_int_not_equal(mm->mm_id, 0);
	pa = __pa(mm->pgd);
	assert_int_equal(pa & 0x3fff, 0);
	for (unsigned int i = 0; i < USER_PTRS_PER_PGD * 2; i++)
		assert_int_equal(((u32 *)mm->pgd)[i], 0);
	assert_memory_equal((u32 *)mm->pgd + USER_PTRS_PER_PGD * 2,
			    (u32 *)swapper_pg_dir + USER_PTRS_PER_PGD * 2,
			    (PTRS_PER_PGD - USER_PTRS_PER_PGD) * sizeof(pgd_t));
	for (int i = 0; i < 4; i++) {
		struct page *p = phys_to_page(pa + i * PAGE_SIZE);

		assert_true(PageTable(p));
		assert_int_equal(p->mapping, mm->mm_id);
	}
	/* the whole table reached memory before anyone could load it */
	for (unsigned long i = mark; i < native_cpu_log_len(); i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);

		if (e->op == CPU_DCACHE_CLEAN_LINE && e->pa >= pa && e->pa < pa + PGD_TABLE_SIZE)
			cleans++;
	}
	assert_int_equal(cleans, PGD_TABLE_SIZE / L1_CACHE_BYTES);
	zone = page_zone(virt_to_page(mm->pgd));
	assert_true(zone_page_state(zone, NR_PAGETABLE) >= 4);
	/* kernel-half lookups through the new table work */
	assert_int_equal(pgtable_walk(mm, 0xc0000000), TEST_RAM_BASE);
	mmput(mm);
	assert_false(PageTable(phys_to_page(pa)));
	assert_int_equal(free_pages_now(), before);
}

static void test_user_mapping(void **state)
{
	struct mm_struct *mm = mm_alloc(), *mm2;
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
	unsigned long mark;
	struct mmu_result r;
	struct page *table;
	void *v, *v2;
	int asid;

	(void)state;
	assert_non_null(mm);
	assert_non_null(page);
	assert_int_equal(map_user_page(mm, 0x8000, page, PAGE_USER_RW), 0);
	assert_int_equal(map_user_page(mm, 0x8000, page, PAGE_USER_RW), -EEXIST);
	assert_int_equal(map_user_page(mm, 0x8001, page, PAGE_USER_RW), -EINVAL);
	assert_int_equal(map_user_page(mm, TASK_SIZE, page, PAGE_USER_RW), -EINVAL);
	assert_int_equal(map_user_page(mm, 0x9000, page, PAGE_KERNEL), -EINVAL);
	assert_int_equal(page_mapcount(page), 1);
	assert_int_equal(page_count(page), 2);
	assert_int_equal(mm->nr_ptes, 1);
	table = phys_to_page(pmd_page_paddr(((pmd_t *)mm->pgd)[0]));
	assert_true(PageTable(table));
	assert_int_equal(table->mapping, mm->mm_id);
	assert_ptr_equal(follow_page(mm, 0x8000), page);

	switch_mm(mm);
	asid = mm_asid(mm);
	assert_true(asid > 0);
	assert_int_equal(native_cpu.ttbr0, __pa(mm->pgd) | TTB_FLAGS_UP);
	assert_int_equal(native_cpu.contextidr, (u32)asid);
	assert_int_equal(hw_walk(0x8000, &r), 0);
	assert_int_equal(r.pa, page_to_phys(page));
	assert_true(r.ng && r.ap == 3 && r.xn && r.domain == DOMAIN_USER);
	assert_int_equal(hw_translate(0xc0000000), TEST_RAM_BASE);
	assert_int_equal(hw_translate(TEST_RAM_BASE), TEST_RAM_BASE);

	/* a kernel table created while mm is live reaches mm's table at once */
	v = vmalloc(PAGE_SIZE);
	assert_non_null(v);
	assert_int_equal(hw_translate((uint32_t)(unsigned long)v),
			 page_to_phys(vmalloc_to_page(v)));

	mark = native_cpu_log_len();
	assert_int_equal(change_user_prot(mm, 0x8000, PAGE_USER_RO), 0);
	assert_int_equal(hw_walk(0x8000, &r), 0);
	assert_int_equal(r.ap, 2);
	assert_true(find_event(mark, CPU_TLB_INV_MVA, 0x8000, asid) > 0);

	mark = native_cpu_log_len();
	assert_int_equal(unmap_user_page(mm, 0x8000), 0);
	assert_true(find_event(mark, CPU_TLB_INV_MVA, 0x8000, asid) > 0);
	assert_int_equal(check_desc_cleaned(mark), 0);
	assert_int_not_equal(hw_walk(0x8000, &r), 0);
	assert_false(page_mapped(page));
	assert_int_equal(page_count(page), 1);
	assert_int_equal(unmap_user_page(mm, 0x8000), -ENOENT);
	switch_mm(&init_mm);
	assert_int_equal(native_cpu.ttbr0, swapper_pg_dir_phys | TTB_FLAGS_UP);

	/* a table made before a vmalloc picks the vmalloc up at switch_mm */
	mm2 = mm_alloc();
	v2 = vmalloc(3u << 20);
	assert_non_null(v2);
	/* v2's second 2 MiB needed a new pte table, which mm2's copy predates */
	assert_int_equal(pgtable_walk(mm2, (unsigned long)v2 + 0x200000), (phys_addr_t)-1);
	switch_mm(mm2);
	assert_int_equal(hw_translate((uint32_t)(unsigned long)v2 + 0x200000),
			 page_to_phys(vmalloc_to_page((char *)v2 + 0x200000)));
	switch_mm(&init_mm);
	vfree(v2);
	vfree(v);
	mmput(mm2);
	mmput(mm);
	__free_page(page);
}

/* Compaction's view: moving a mapped page rewrites its pte through rmap_ops. */
static void test_rmap_move(void **state)
{
	struct mm_struct *mm = mm_alloc();
	struct page *old = alloc_page(GFP_HIGHUSER_MOVABLE), *new;
	uint32_t hwpa;
	unsigned long mark;
	long w;
	int asid;

	(void)state;
	page_add_new_anon(old);
	assert_int_equal(map_user_page(mm, 0x4000, old, PAGE_USER_RW), 0);
	put_page(old); /* the mapping holds the only reference now */
	memset(page_address(old), 0x5a, PAGE_SIZE);
	switch_mm(mm);
	asid = mm_asid(mm);
	assert_true(page_rmap_complete(old));

	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	copy_highpage(new, old);
	hwpa = hw_pte_pa(mm, 0x4000);
	mark = native_cpu_log_len();
	assert_int_equal(rmap_move_mappings(old, new), 1);
	w = last_desc_write(mark, hwpa);
	assert_true(w >= 0);
	assert_int_equal(native_cpu_log_get(w)->val >> PAGE_SHIFT, page_to_pfn(new));
	assert_true(native_cpu_log_get(w)->val & PTE_EXT_NG);
	assert_true(find_clean(w, hwpa) > w);
	assert_true(find_event(w, CPU_TLB_INV_MVA, 0x4000, asid) > w);
	assert_ptr_equal(follow_page(mm, 0x4000), new);
	assert_int_equal(hw_translate(0x4000), page_to_phys(new));
	assert_int_equal(*(uint8_t *)__va(hw_translate(0x4000) + 100), 0x5a);
	switch_mm(&init_mm);
	put_page(old); /* what migration does with the old page */
	assert_int_equal(unmap_user_page(mm, 0x4000), 0);
	mmput(mm);
}

static void test_asid_rollover(void **state)
{
	static struct mm_struct *mms[300];
	unsigned long mark = native_cpu_log_len();
	unsigned int flushes = native_cpu_count[CPU_TLB_INV_ALL];

	(void)state;
	for (int i = 0; i < 300; i++) {
		mms[i] = mm_alloc();
		assert_non_null(mms[i]);
		switch_mm(mms[i]);
		assert_true(mm_asid(mms[i]) > 0);
	}
	/* 255 user ASIDs: the 256th switch started a new generation with a full flush */
	assert_true(native_cpu_count[CPU_TLB_INV_ALL] > flushes);
	assert_true(find_event(mark, CPU_TLB_INV_ALL, 0, -1) >= 0);
	assert_int_equal(mm_asid(mms[0]), -1); /* stale generation: no TLB entries */
	for (int i = 256; i < 300; i++)
		for (int j = i + 1; j < 300; j++)
			assert_int_not_equal(mm_asid(mms[i]), mm_asid(mms[j]));
	switch_mm(mms[0]); /* gets a fresh ASID */
	assert_true(mm_asid(mms[0]) > 0);
	switch_mm(&init_mm);
	for (int i = 0; i < 300; i++)
		mmput(mms[i]);
}

/* The cache maintenance entry points issue what cache-v6.S issues, line by line. */
static void test_cache_ops(void **state)
{
	char *buf = kmalloc(256, GFP_KERNEL);
	uint32_t gva = native_gva(buf), start = gva + 8, end = gva + 8 + 100;
	unsigned long mark;
	unsigned int lines = 0, inv = 0, flush = 0;

	(void)state;
	assert_int_equal(gva & 31, 0); /* kmalloc-256 objects are line aligned */
	/* to the device: clean every line of the range */
	mark = native_cpu_log_len();
	dmac_map_area(buf + 8, 100, DMA_TO_DEVICE);
	for (unsigned long i = mark; i < native_cpu_log_len(); i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);

		if (e->op == CPU_DCACHE_CLEAN_LINE) {
			assert_true(e->va >= (start & ~31u) && e->va < end);
			lines++;
		}
		assert_true(e->op == CPU_DCACHE_CLEAN_LINE || e->op == CPU_DRAIN_WB);
	}
	assert_int_equal(lines, 4); /* bytes 8..107: lines 0, 32, 64, 96 */
	mark = native_cpu_log_len();
	dmac_unmap_area(buf + 8, 100, DMA_TO_DEVICE); /* nothing to invalidate */
	assert_int_equal(native_cpu_log_len(), mark);

	/* from the device: partial first/last lines written back, the rest invalidated */
	mark = native_cpu_log_len();
	dmac_map_area(buf + 8, 100, DMA_FROM_DEVICE);
	for (unsigned long i = mark; i < native_cpu_log_len(); i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);

		if (e->op == CPU_DCACHE_FLUSH_LINE) {
			assert_true(e->va == gva || e->va == gva + 96);
			flush++;
		}
		if (e->op == CPU_DCACHE_INV_LINE) {
			assert_true(e->va == gva + 32 || e->va == gva + 64);
			inv++;
		}
	}
	assert_int_equal(flush, 2);
	assert_int_equal(inv, 2);
	mark = native_cpu_log_len();
	dmac_unmap_area(buf + 8, 100, DMA_BIDIRECTIONAL);
	assert_true(find_event(mark, CPU_DCACHE_FLUSH_LINE, gva, -1) >= 0);
	assert_true(find_event(mark, CPU_DCACHE_INV_LINE, gva + 32, -1) >= 0);

	/* whole-cache and I-cache operations */
	mark = native_cpu_log_len();
	flush_cache_all();
	assert_true(find_event(mark, CPU_DCACHE_FLUSH_ALL, 0, -1) >= 0);
	assert_true(find_event(mark, CPU_ICACHE_INV_ALL, 0, -1) >= 0);
	mark = native_cpu_log_len();
	__cpuc_coherent_kern_range((unsigned long)buf, (unsigned long)buf + 64);
	assert_true(find_event(mark, CPU_DCACHE_CLEAN_LINE, gva + 32, -1) >= 0);
	assert_true(find_event(mark, CPU_ICACHE_INV_ALL, 0, -1) >= 0);
	mark = native_cpu_log_len();
	__cpuc_flush_dcache_area(buf, 33);
	assert_true(find_event(mark, CPU_DCACHE_FLUSH_LINE, gva + 32, -1) >= 0);
	kfree(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_discipline, setup, teardown),
		cmocka_unit_test(test_pte_hw_translation),
		cmocka_unit_test_setup_teardown(test_set_pte_discipline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pgd_alloc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rmap_move, setup, teardown),
		cmocka_unit_test_setup_teardown(test_asid_rollover, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_ops, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
