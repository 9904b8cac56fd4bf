// SPDX-License-Identifier: MIT
/*
 * test_fdt.c - guest/lib/fdt.c and the boot from a device tree: /memory,
 * /reserved-memory, /memreserve/, /chosen bootargs.  The trees are built
 * with the host's libfdt, an independent implementation.
 */
#include "mm_test.h"

#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fdt.h"

static char blob[8192];

static int teardown(void **state)
{
	(void)state;
	mm_test_shutdown();
	return 0;
}

static void prop_cells(void *fdt, const char *name, const uint32_t *cells, int n)
{
	fdt32_t be[8];

	for (int i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	assert_int_equal(fdt_property(fdt, name, be, n * 4), 0);
}

/*
 * A board: 64 MiB at 0x50000000 (node 0), optionally 32 MiB at 0x54000000
 * on node 1, a no-map carve-out, a reserved region, a dynamic reservation,
 * a /memreserve/ entry and bootargs.
 */
static void *build_tree(bool node1, const char *bootargs)
{
	void *fdt = blob;

	assert_int_equal(fdt_create(fdt, sizeof(blob)), 0);
	assert_int_equal(fdt_add_reservemap_entry(fdt, 0x51000000, 0x2000), 0);
	assert_int_equal(fdt_finish_reservemap(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, ""), 0);
	prop_cells(fdt, "#address-cells", (uint32_t[]){ 1 }, 1);
	prop_cells(fdt, "#size-cells", (uint32_t[]){ 1 }, 1);
	assert_int_equal(fdt_property_string(fdt, "compatible", "samsung,s3c6410"), 0);

	assert_int_equal(fdt_begin_node(fdt, "memory@50000000"), 0);
	assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x50000000, 0x04000000 }, 2);
	assert_int_equal(fdt_end_node(fdt), 0);
	if (node1) {
		assert_int_equal(fdt_begin_node(fdt, "memory@54000000"), 0);
		assert_int_equal(fdt_property_string(fdt, "device_type", "memory"), 0);
		prop_cells(fdt, "reg", (uint32_t[]){ 0x54000000, 0x02000000 }, 2);
		prop_cells(fdt, "numa-node-id", (uint32_t[]){ 1 }, 1);
		assert_int_equal(fdt_end_node(fdt), 0);
	}

	assert_int_equal(fdt_begin_node(fdt, "reserved-memory"), 0);
	prop_cells(fdt, "#address-cells", (uint32_t[]){ 1 }, 1);
	prop_cells(fdt, "#size-cells", (uint32_t[]){ 1 }, 1);
	assert_int_equal(fdt_property(fdt, "ranges", NULL, 0), 0);
	assert_int_equal(fdt_begin_node(fdt, "framebuffer@52000000"), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x52000000, 0x00100000 }, 2);
	assert_int_equal(fdt_property(fdt, "no-map", NULL, 0), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "ramoops@52800000"), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x52800000, 0x00010000 }, 2);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "pool"), 0);
	prop_cells(fdt, "size", (uint32_t[]){ 0x00200000 }, 1);
	prop_cells(fdt, "alignment", (uint32_t[]){ 0x00100000 }, 1);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_begin_node(fdt, "disabled@53000000"), 0);
	prop_cells(fdt, "reg", (uint32_t[]){ 0x53000000, 0x00100000 }, 2);
	assert_int_equal(fdt_property_string(fdt, "status", "disabled"), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_begin_node(fdt, "chosen"), 0);
	assert_int_equal(fdt_property_string(fdt, "bootargs", bootargs), 0);
	prop_cells(fdt, "s3c6410-emu,zone-dma-size", (uint32_t[]){ 0x00800000 }, 1);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_begin_node(fdt, "soc"), 0);
	assert_int_equal(fdt_begin_node(fdt, "uart@7f005000"), 0);
	assert_int_equal(fdt_property_string(fdt, "compatible", "samsung,s3c6400-uart"), 0);
	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_end_node(fdt), 0);

	assert_int_equal(fdt_end_node(fdt), 0);
	assert_int_equal(fdt_finish(fdt), 0);
	return fdt;
}

static void test_reader(void **state)
{
	void *fdt = build_tree(true, "console=ttySAC0");
	int node, len, n = 0;
	const char *s;
	uint32_t v;

	(void)state;
	assert_int_equal(dt_check_header(fdt, 0), 0);
	assert_int_equal(dt_totalsize(fdt), fdt_totalsize(fdt));
	assert_int_equal(dt_check_header(fdt, 64), DT_ERR_TRUNCATED);
	assert_int_equal(dt_path_offset(fdt, "/"), 0);
	/* offsets agree with libfdt's */
	assert_int_equal(dt_path_offset(fdt, "/chosen"), fdt_path_offset(fdt, "/chosen"));
	assert_int_equal(dt_path_offset(fdt, "/memory"), fdt_path_offset(fdt, "/memory@50000000"));
	assert_int_equal(dt_path_offset(fdt, "/memory@54000000"),
			 fdt_path_offset(fdt, "/memory@54000000"));
	assert_int_equal(dt_path_offset(fdt, "/soc/uart"), fdt_path_offset(fdt, "/soc/uart@7f005000"));
	assert_int_equal(dt_path_offset(fdt, "/nonexistent"), DT_ERR_NOTFOUND);
	assert_int_equal(dt_path_offset(fdt, "/soc/uart/x"), DT_ERR_NOTFOUND);
	node = dt_path_offset(fdt, "/chosen");
	s = dt_getprop(fdt, node, "bootargs", &len);
	assert_string_equal(s, "console=ttySAC0");
	assert_int_equal(len, 16);
	assert_null(dt_getprop(fdt, node, "missing", &len));
	assert_true(dt_getprop_u32(fdt, node, "s3c6410-emu,zone-dma-size", &v));
	assert_int_equal(v, 0x00800000);
	assert_true(dt_prop_has_string(fdt, 0, "compatible", "samsung,s3c6410"));
	assert_false(dt_prop_has_string(fdt, 0, "compatible", "samsung"));
	assert_int_equal(dt_address_cells(fdt, 0), 1);
	assert_int_equal(dt_size_cells(fdt, 0), 1);
	/* children of the root, in order */
	for (node = dt_first_subnode(fdt, 0); node >= 0; node = dt_next_subnode(fdt, node)) {
		static const char *const names[] = { "memory@50000000", "memory@54000000",
						     "reserved-memory", "chosen", "soc" };

		assert_true(n < 5);
		assert_string_equal(dt_get_name(fdt, node, NULL), names[n]);
		n++;
	}
	assert_int_equal(n, 5);
	/* a corrupt blob is refused */
	((uint32_t *)fdt)[0] = 0;
	assert_int_equal(dt_check_header(fdt, 0), DT_ERR_BADMAGIC);
}

static void test_boot_from_dt(void **state)
{
	struct mm_test_cfg cfg = { .size = 96u << 20, .dtb_offset = 0x5000000 };
	phys_addr_t dtb_pa = TEST_RAM_BASE + 0x5000000;
	bool found_rsv = false, found_dtb = false, found_fb = false;

	(void)state;
	cfg.dtb = build_tree(true, "console=ttySAC0 movablecore=16M memblock=debug");
	cfg.dtb_size = fdt_totalsize(cfg.dtb);
	mm_test_boot_cfg(&cfg);
	assert_string_equal(boot_command_line, "console=ttySAC0 movablecore=16M memblock=debug");
	/* two memory regions on two nodes (the no-map hole splits node 0's) */
	assert_int_equal(memblock_phys_mem_size(), 96u << 20);
	assert_int_equal(nr_online_nodes, 2);
	assert_int_equal(NODE_DATA(1)->node_start_pfn, 0x54000);
	/* ZONE_DMA from /chosen; movablecore split across both nodes */
	assert_true(zone_dma_enabled);
	assert_int_equal(mm_test_zone(ZONE_DMA)->spanned_pages, 2048);
	assert_true(populated_zone(mm_test_zone(ZONE_MOVABLE)) ||
		    populated_zone(&NODE_DATA(1)->node_zones[ZONE_MOVABLE]));
	/* reservations */
	for (unsigned long i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (r->base <= 0x51000000 && r->base + r->size >= 0x51002000)
			found_rsv = true;
		if (r->base <= dtb_pa && r->base + r->size >= dtb_pa + fdt_totalsize(blob))
			found_dtb = true;
	}
	assert_true(found_rsv);
	assert_true(found_dtb);
	assert_true(memblock_is_reserved(0x52800000));
	assert_false(memblock_is_reserved(0x53000000)); /* status = "disabled" */
	for (unsigned long i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (r->base == 0x52000000 && r->size == 0x100000 && (r->flags & MEMBLOCK_NOMAP))
			found_fb = true;
	}
	assert_true(found_fb);
	/* no-map and reserved frames never reach the buddy allocator */
	assert_true(PageReserved(pfn_to_page(0x52000)));
	assert_true(PageReserved(pfn_to_page(0x520ff)));
	assert_true(PageReserved(pfn_to_page(0x52800)));
	assert_true(PageReserved(pfn_to_page(0x51000)));
	assert_false(PageReserved(pfn_to_page(0x53000)));
	assert_true(PageReserved(pfn_to_page(dtb_pa >> PAGE_SHIFT)));
	/* the dynamic 2 MiB pool was carved out, 1 MiB aligned */
	assert_int_equal(memblock_reserved_size() >= 0x200000 + 0x10000 + 0x2000, 1);
	assert_int_equal(mm_abi.nr_memory, memblock.memory.cnt);
	assert_invariants();
}

static void test_mem_limit(void **state)
{
	struct mm_test_cfg cfg = { .size = 96u << 20, .dtb_offset = 0x1000000 };

	(void)state;
	cfg.dtb = build_tree(false, "mem=48M");
	cfg.dtb_size = fdt_totalsize(cfg.dtb);
	mm_test_boot_cfg(&cfg);
	assert_int_equal(memory_limit, 48u << 20);
	assert_int_equal(memblock_end_of_DRAM(), TEST_RAM_BASE + (48u << 20));
	assert_int_equal(max_pfn, (TEST_RAM_BASE + (48u << 20)) >> PAGE_SHIFT);
	assert_invariants();
}

static void test_cmdline_parsing(void **state)
{
	const char *end;

	(void)state;
	mm_reset_state();
	assert_int_equal(memparse("64M", &end), 64ull << 20);
	assert_int_equal(*end, '\0');
	assert_int_equal(memparse("0x1000k", NULL), 0x1000ull << 10);
	assert_int_equal(memparse("1G", NULL), 1ull << 30);
	assert_int_equal(memparse("123", NULL), 123);
	parse_early_param("a=b  movablecore=12M kernelcore=30% vmalloc=100M cma=16M mem=200M x");
	assert_int_equal(required_movablecore, (12u << 20) >> PAGE_SHIFT);
	assert_int_equal(required_kernelcore_percent, 30);
	assert_int_equal(vmalloc_size, 100u << 20);
	assert_int_equal(cma_size_bytes, 16u << 20);
	assert_int_equal(memory_limit, 200u << 20);
	printk_set_quiet(true);
	parse_early_param("vmalloc=1M");
	assert_int_equal(vmalloc_size, 16u << 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader),
		cmocka_unit_test_teardown(test_boot_from_dt, teardown),
		cmocka_unit_test_teardown(test_mem_limit, teardown),
		cmocka_unit_test_teardown(test_cmdline_parsing, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
