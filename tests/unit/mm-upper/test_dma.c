// SPDX-License-Identifier: MIT
/*
 * test_dma.c - the DMA API on the recording CPU: coherent buffers from CMA
 * behind a non-cacheable alias (checked with the emulator's table walker),
 * the ARMv6 maintenance of each streaming direction line by line
 * (v6_dma_map_area/v6_dma_unmap_area, partial lines cleaned and
 * invalidated), scatter-gather, channel allocation, and each dma-debug
 * report with the caller's address.
 */
#include "harness.h"

#include <string.h>

#include <mm/cma.h>
#include <mm/dma-mapping.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define RAM_SIZE (64u << 20)

static struct device dev = { .name = "pl080s.0" };

static int setup(void **state)
{
	(void)state;
	upper_boot(RAM_SIZE, "cma=16M");
	dma_reset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	dma_reset();
	assert_int_equal(check_invariants(), 0);
	upper_shutdown();
	return 0;
}

static unsigned long count_ops(unsigned long from, enum native_cpu_op op)
{
	unsigned long n = 0;

	for (unsigned long i = from; i < native_cpu_log_len(); i++)
		n += native_cpu_log_get(i)->op == op;
	return n;
}

static unsigned long total_errors(void)
{
	unsigned long n = 0;

	for (int k = 0; k < NR_DMA_DEBUG_ERRORS; k++)
		n += dma_debug_errors[k];
	return n;
}

static void test_coherent_from_cma(void **state)
{
	struct cma *cma = dma_contiguous_default_area;
	unsigned long mark = native_cpu_log_len(), avail;
	dma_addr_t h, hw;
	char *va, *wc;
	struct mmu_result r;

	(void)state;
	assert_non_null(cma);
	avail = cma_available_pages(cma);
	va = dma_alloc_coherent(&dev, 3 * PAGE_SIZE + 100, &h, GFP_KERNEL);
	assert_non_null(va);
	assert_true(is_vmalloc_addr(va));
	assert_true(PHYS_PFN(h) >= cma->base_pfn && PHYS_PFN(h) + 4 <= cma->base_pfn + cma->count);
	assert_int_equal(cma_available_pages(cma), avail - 4);
	for (unsigned int i = 0; i < 4; i++) {
		uint32_t gva = (uint32_t)(unsigned long)va + i * PAGE_SIZE;

		/* the CPU's alias: the buffer's pages, normal non-cacheable (TEX 001, C 0, B 0) */
		assert_int_equal(hw_walk(gva, &r), 0);
		assert_int_equal(r.pa, h + i * PAGE_SIZE);
		assert_true(r.tex == 1 && !r.c && !r.b && r.xn);
		/* zeroed, and the cacheable lowmem alias cleaned and invalidated */
		assert_true(find_event(mark, CPU_DCACHE_FLUSH_LINE,
				       native_gva(__va(h + i * PAGE_SIZE)), -1) >= 0);
		assert_true(find_event(mark, CPU_DCACHE_FLUSH_LINE,
				       native_gva(__va(h + i * PAGE_SIZE)) + PAGE_SIZE - 32, -1) >= 0);
		for (unsigned int j = 0; j < PAGE_SIZE; j++)
			assert_int_equal(((char *)__va(h + i * PAGE_SIZE))[j], 0);
	}
	assert_ptr_equal(dma_coherent_vaddr(h), va);
	assert_int_equal(dma_debug_active(&dev), 1);

	wc = dma_alloc_wc(&dev, PAGE_SIZE, &hw, GFP_KERNEL);
	assert_non_null(wc);
	assert_int_equal(hw_walk((uint32_t)(unsigned long)wc, &r), 0);
	assert_true(r.tex == 1 && !r.c && !r.b);
	dma_free_wc(&dev, PAGE_SIZE, wc, hw);

	dma_free_coherent(&dev, 3 * PAGE_SIZE + 100, va, h);
	assert_int_equal(hw_translate((uint32_t)(unsigned long)va), (phys_addr_t)-1);
	assert_int_equal(cma_available_pages(cma), avail);
	assert_int_equal(dma_debug_active(NULL), 0);
	assert_int_equal(total_errors(), 0);
}

/* v6_dma_map_area/v6_dma_unmap_area, line by line, for bytes 8..107 of a line-aligned buffer. */
static void test_streaming_maintenance(void **state)
{
	char *buf = kmalloc(256, GFP_KERNEL);
	uint32_t g = native_gva(buf);
	unsigned long mark;
	dma_addr_t h;

	(void)state;
	assert_int_equal(g & 31, 0);
	/* TO_DEVICE: clean the four lines at map, nothing at unmap */
	mark = native_cpu_log_len();
	h = dma_map_single(&dev, buf + 8, 100, DMA_TO_DEVICE);
	assert_false(dma_mapping_error(&dev, h));
	assert_int_equal(h, __pa(buf + 8));
	assert_int_equal(count_ops(mark, CPU_DCACHE_CLEAN_LINE), 4);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 0);
	assert_int_equal(count_ops(mark, CPU_DCACHE_FLUSH_LINE), 0);
	mark = native_cpu_log_len();
	dma_unmap_single(&dev, h, 100, DMA_TO_DEVICE);
	assert_int_equal(count_ops(mark, CPU_DCACHE_CLEAN_LINE) + count_ops(mark, CPU_DCACHE_INV_LINE) +
			 count_ops(mark, CPU_DCACHE_FLUSH_LINE), 0);

	/* FROM_DEVICE: partial first and last lines cleaned+invalidated, the middle invalidated */
	mark = native_cpu_log_len();
	h = dma_map_single(&dev, buf + 8, 100, DMA_FROM_DEVICE);
	assert_false(dma_mapping_error(&dev, h));
	assert_int_equal(count_ops(mark, CPU_DCACHE_FLUSH_LINE), 2);
	assert_true(find_event(mark, CPU_DCACHE_FLUSH_LINE, g, -1) >= 0);
	assert_true(find_event(mark, CPU_DCACHE_FLUSH_LINE, g + 96, -1) >= 0);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 2);
	assert_true(find_event(mark, CPU_DCACHE_INV_LINE, g + 32, -1) >= 0);
	assert_true(find_event(mark, CPU_DCACHE_INV_LINE, g + 64, -1) >= 0);
	assert_int_equal(count_ops(mark, CPU_DCACHE_CLEAN_LINE), 0);
	/* the CPU looks mid-transfer: invalidate again; then give it back to the device */
	mark = native_cpu_log_len();
	dma_sync_single_for_cpu(&dev, h, 100, DMA_FROM_DEVICE);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 2);
	mark = native_cpu_log_len();
	dma_sync_single_for_device(&dev, h, 100, DMA_FROM_DEVICE);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 2);
	mark = native_cpu_log_len();
	dma_unmap_single(&dev, h, 100, DMA_FROM_DEVICE);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 2);
	assert_int_equal(count_ops(mark, CPU_DCACHE_FLUSH_LINE), 2);

	/* BIDIRECTIONAL: clean at map, invalidate (partial lines flushed) at unmap */
	mark = native_cpu_log_len();
	h = dma_map_single(&dev, buf + 8, 100, DMA_BIDIRECTIONAL);
	assert_false(dma_mapping_error(&dev, h));
	assert_int_equal(count_ops(mark, CPU_DCACHE_CLEAN_LINE), 4);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 0);
	mark = native_cpu_log_len();
	dma_unmap_single(&dev, h, 100, DMA_BIDIRECTIONAL);
	assert_int_equal(count_ops(mark, CPU_DCACHE_FLUSH_LINE), 2);
	assert_int_equal(count_ops(mark, CPU_DCACHE_INV_LINE), 2);
	assert_true(find_event(mark, CPU_DRAIN_WB, 0, -1) >= 0);

	assert_int_equal(total_errors(), 0);
	kfree(buf);
}

static void test_map_sg(void **state)
{
	struct scatterlist sg[3];
	struct scatterlist *s;
	char *bufs[3];
	unsigned long mark;
	int i;

	(void)state;
	sg_init_table(sg, 3);
	for (i = 0; i < 3; i++) {
		bufs[i] = kmalloc(128, GFP_KERNEL);
		sg_set_buf(&sg[i], bufs[i], 64);
	}
	mark = native_cpu_log_len();
	assert_int_equal(dma_map_sg(&dev, sg, 3, DMA_TO_DEVICE), 3);
	for_each_sg(sg, s, 3, i) {
		assert_int_equal(sg_dma_address(s), __pa(bufs[i]));
		assert_int_equal(sg_dma_len(s), 64);
		assert_true(find_event(mark, CPU_DCACHE_CLEAN_LINE, native_gva(bufs[i]) + 32, -1) >= 0);
	}
	assert_int_equal(count_ops(mark, CPU_DCACHE_CLEAN_LINE), 6);
	dma_sync_sg_for_device(&dev, sg, 3, DMA_TO_DEVICE);
	dma_unmap_sg(&dev, sg, 3, DMA_TO_DEVICE);
	assert_int_equal(dma_debug_active(NULL), 0);
	assert_int_equal(total_errors(), 0);
	for (i = 0; i < 3; i++)
		kfree(bufs[i]);
}

static void test_request_dma(void **state)
{
	static char out[512];

	(void)state;
	assert_int_equal(request_dma(0, "uart0-tx"), 0);
	assert_int_equal(request_dma(0, "spi0"), -EBUSY);
	assert_string_equal(dma_channel_owner(0), "uart0-tx");
	assert_int_equal(request_dma(31, "sdma1.7"), 0);
	assert_int_equal(request_dma(32, "nothing"), -EINVAL);
	free_dma(0);
	assert_null(dma_channel_owner(0));
	assert_int_equal(request_dma(0, "spi0"), 0);
	printk_capture(out, sizeof(out));
	free_dma(5);
	printk_capture(NULL, 0);
	assert_non_null(strstr(out, "Trying to free free DMA5\n"));
}

/* Each misuse gives its own report and nothing else, naming the caller (this function). */
#define EXPECT_ONLY(kind)                                                                \
	do {                                                                             \
		assert_int_equal(dma_debug_errors[kind], 1);                             \
		assert_int_equal(total_errors(), 1);                                     \
		assert_true(dma_debug_last_caller > (unsigned long)test_dma_debug &&    \
			    dma_debug_last_caller < (unsigned long)test_dma_debug + 0x4000); \
		assert_non_null(strstr(out, "DMA-API: pl080s.0: "));                    \
		memset(dma_debug_errors, 0, sizeof(dma_debug_errors)); /* mappings stay */ \
		printk_capture(out, sizeof(out));                                        \
	} while (0)

static void test_dma_debug(void **state)
{
	static char out[4096];
	char *buf = kmalloc(512, GFP_KERNEL);
	char stackbuf[64];
	void *vbuf = vmalloc(PAGE_SIZE);
	dma_addr_t h, h2;

	(void)state;
	printk_capture(out, sizeof(out));

	dma_unmap_single(&dev, __pa(buf), 64, DMA_TO_DEVICE);
	assert_non_null(strstr(out, "device driver tries to free DMA memory it has not allocated"));
	EXPECT_ONLY(DMA_DEBUG_UNMAP_UNKNOWN);

	h = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	dma_mapping_error(&dev, h);
	dma_unmap_single(&dev, h, 32, DMA_TO_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_UNMAP_SIZE);

	h = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	dma_mapping_error(&dev, h);
	dma_unmap_single(&dev, h, 64, DMA_FROM_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_UNMAP_DIR);

	h = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	dma_mapping_error(&dev, h);
	dma_unmap_page(&dev, h, 64, DMA_TO_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_UNMAP_TYPE);

	h = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	dma_unmap_single(&dev, h, 64, DMA_TO_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_MAP_ERR_UNCHECKED);

	dma_sync_single_for_cpu(&dev, __pa(buf) + 256, 16, DMA_FROM_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_SYNC_UNKNOWN);

	h = dma_map_single(&dev, buf, 64, DMA_FROM_DEVICE);
	dma_mapping_error(&dev, h);
	dma_sync_single_for_cpu(&dev, h + 32, 64, DMA_FROM_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_SYNC_RANGE);
	dma_sync_single_for_device(&dev, h, 64, DMA_TO_DEVICE);
	EXPECT_ONLY(DMA_DEBUG_SYNC_DIR);
	dma_unmap_single(&dev, h, 64, DMA_FROM_DEVICE);
	assert_int_equal(total_errors(), 0);

	h = dma_map_single(&dev, stackbuf, sizeof(stackbuf), DMA_TO_DEVICE);
	assert_true(dma_debug_errors[DMA_DEBUG_MAP_STACK] == 1);
	assert_non_null(strstr(out, "device driver maps memory from stack"));
	if (!dma_mapping_error(&dev, h))
		dma_unmap_single(&dev, h, sizeof(stackbuf), DMA_TO_DEVICE);
	dma_debug_reset();
	printk_capture(out, sizeof(out));

	h = dma_map_single(&dev, vbuf, 64, DMA_TO_DEVICE);
	assert_true(dma_mapping_error(&dev, h));
	assert_non_null(strstr(out, "rejecting DMA map of vmalloc memory"));
	EXPECT_ONLY(DMA_DEBUG_MAP_VMALLOC);

	h = dma_map_single(&dev, buf, 64, DMA_TO_DEVICE);
	h2 = dma_map_single(&dev, buf + 128, 64, DMA_FROM_DEVICE);
	dma_mapping_error(&dev, h);
	dma_mapping_error(&dev, h2);
	assert_int_equal(dma_debug_check_leaks(&dev), 2);
	assert_non_null(strstr(out, "device driver has pending DMA allocations while released from device [count=2]"));
	assert_non_null(strstr(out, "leaked entry [device address="));
	assert_int_equal(dma_debug_errors[DMA_DEBUG_LEAK], 1);
	assert_int_equal(total_errors(), 1);
	dma_debug_reset();

	printk_capture(NULL, 0);
	vfree(vbuf);
	kfree(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_coherent_from_cma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_streaming_maintenance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_map_sg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_dma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dma_debug, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
