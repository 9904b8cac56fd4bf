// SPDX-License-Identifier: MIT
/*
 * mm_test.c - native boot of the page allocator for the unit tests (see mm_test.h).
 */
#include "mm_test.h"

#include <stdlib.h>
#include <string.h>

unsigned long fake_tlb_flushes;

void mm_test_boot_cfg(const struct mm_test_cfg *cfg)
{
	phys_addr_t base = cfg->base ? cfg->base : TEST_RAM_BASE;
	size_t total = cfg->size + cfg->node1_size;
	phys_addr_t ksize = cfg->kernel_size ? cfg->kernel_size : 0x180000u;

	mm_reset_state();
	printk_set_quiet(getenv("MM_TEST_VERBOSE") == NULL);
	native_cpsr = 0x13;
	native_ram_init(base, total);
	native_set_kernel_image(base + 0x8000u, base + 0x8000u + ksize);
	if (cfg->dtb) {
		phys_addr_t dtb_pa = base + (cfg->dtb_offset ? cfg->dtb_offset : 0x01000000u);

		memcpy(__va(dtb_pa), cfg->dtb, cfg->dtb_size);
		setup_memblock(__va(dtb_pa), dtb_pa);
	} else {
		memblock_add_node(base, (phys_addr_t)cfg->size, 0);
		if (cfg->node1_size)
			memblock_add_node(base + (phys_addr_t)cfg->size, (phys_addr_t)cfg->node1_size, 1);
		zone_dma_size = cfg->dma_size;
		strncpy(boot_command_line, cfg->bootargs ? cfg->bootargs : "",
			sizeof(boot_command_line) - 1);
		setup_memblock(NULL, 0);
	}
	bootmem_init();
	rmap_init(max_mapnr + 1024);
	mem_init();
}

void mm_test_boot(size_t ram_size, const char *bootargs)
{
	struct mm_test_cfg cfg = { .size = ram_size, .bootargs = bootargs };

	mm_test_boot_cfg(&cfg);
}

void mm_test_shutdown(void)
{
	mm_reset_state();
	native_ram_free();
}

unsigned long mm_test_free_pages(void)
{
	drain_all_pages(NULL);
	return nr_free_pages();
}

struct zone *mm_test_zone(int zid)
{
	return &NODE_DATA(0)->node_zones[zid];
}

void mm_test_capture(char *buf, size_t size, void (*fn)(void))
{
	printk_capture(buf, size);
	fn();
	printk_capture(NULL, 0);
}

/* ---- mapped anonymous pages over the fake page tables ---- */

void anon_fill(struct page *page, uint32_t tag)
{
	uint32_t *p = page_address(page);

	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		p[i] = tag * 2654435761u + i;
}

bool anon_check(struct page *page, uint32_t tag)
{
	uint32_t *p = page_address(page);

	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		if (p[i] != tag * 2654435761u + i)
			return false;
	return true;
}

/* Map up to n movable anonymous pages (one fake PTE each), until memory runs out. */
void anon_alloc(struct anon_set *s, size_t n)
{
	s->n = 0;
	s->ptes = calloc(n, sizeof(*s->ptes));
	s->live = calloc(n, sizeof(*s->live));
	for (size_t i = 0; i < n; i++) {
		struct page *page = alloc_pages(GFP_FILL, 0);

		if (!page)
			break;
		s->n = i + 1;
		anon_fill(page, (uint32_t)i);
		page_add_new_anon(page);
		/* the allocation's reference becomes the mapping's */
		assert_int_equal(page_add_rmap(page, &s->ptes[i], FAKE_VA(i), 1), 0);
		s->ptes[i] = (uint32_t)page_to_pfn(page);
		s->live[i] = true;
	}
}

void anon_unmap(struct anon_set *s, size_t i)
{
	struct page *page = pfn_to_page(s->ptes[i]);

	assert_int_equal(page_remove_rmap(page, &s->ptes[i]), 0);
	s->ptes[i] = 0;
	s->live[i] = false;
	put_page(page);
}

void anon_free_all(struct anon_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->live[i])
			anon_unmap(s, i);
	free(s->ptes);
	free(s->live);
}

/* Every live page still holds its data, through its (possibly rewritten) PTE. */
void anon_verify(struct anon_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct page *page;

		if (!s->live[i])
			continue;
		page = pfn_to_page(s->ptes[i]);
		assert_true(anon_check(page, (uint32_t)i));
		assert_true(PageLRU(page));
		assert_true(PageSwapBacked(page));
		assert_int_equal(page_mapcount(page), 1);
		assert_int_equal(page_count(page), 1);
		assert_true(page_rmap_complete(page));
	}
}


/* ---- fake page tables ---- */

static void fake_remap_pte(void *ptep, unsigned long addr, unsigned int mm_id,
			   unsigned long new_pfn)
{
	(void)addr;
	(void)mm_id;
	*(uint32_t *)ptep = (uint32_t)new_pfn;
}

static void fake_flush_tlb_page(unsigned long addr, unsigned int mm_id)
{
	(void)addr;
	(void)mm_id;
	fake_tlb_flushes++;
}

static unsigned long fake_pte_pfn(const void *ptep)
{
	return *(const uint32_t *)ptep;
}

static const struct rmap_ops fake_ops = {
	.remap_pte = fake_remap_pte,
	.flush_tlb_page = fake_flush_tlb_page,
	.pte_pfn = fake_pte_pfn,
};

void fake_pte_install_ops(void)
{
	fake_tlb_flushes = 0;
	rmap_register_ops(&fake_ops);
}
