// SPDX-License-Identifier: MIT
/*
 * harness.c - native boot of guest/mm and shared checks for the upper-half tests.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include <asm/mmu_context.h>
#include <mm/page_alloc.h>
#include <mm/mm_abi.h>
#include <mm/printk.h>

/* guest/mm/internal.h: every piece of mm state back to power-on. */
void mm_reset_state(void);
/* guest/mm/arch/native/mm_native.c */
void native_set_kernel_image(phys_addr_t start, phys_addr_t end);

#define DTB_OFFSET 0x00800000u

static size_t build_dtb(void *buf, size_t size, uint32_t base, uint32_t ram_size,
			const char *bootargs)
{
	uint32_t reg[2] = { cpu_to_fdt32(base), cpu_to_fdt32(ram_size) };
	int err = 0;

	err |= fdt_create(buf, (int)size);
	err |= fdt_finish_reservemap(buf);
	err |= fdt_begin_node(buf, "");
	err |= fdt_property_u32(buf, "#address-cells", 1);
	err |= fdt_property_u32(buf, "#size-cells", 1);
	err |= fdt_property_string(buf, "model", "mm-upper unit test");
	err |= fdt_begin_node(buf, "memory@50000000");
	err |= fdt_property_string(buf, "device_type", "memory");
	err |= fdt_property(buf, "reg", reg, sizeof(reg));
	err |= fdt_end_node(buf);
	err |= fdt_begin_node(buf, "chosen");
	err |= fdt_property_string(buf, "bootargs", bootargs ? bootargs : "");
	err |= fdt_end_node(buf);
	err |= fdt_end_node(buf);
	err |= fdt_finish(buf);
	assert_int_equal(err, 0);
	return fdt_totalsize(buf);
}

void upper_boot(size_t ram_size, const char *bootargs)
{
	static char dtb[4096];
	size_t len;

	mm_reset_state();
	native_ram_init(TEST_RAM_BASE, ram_size);
	/* a 1.5 MiB "kernel image" at the usual load address */
	native_set_kernel_image(TEST_RAM_BASE + 0x8000, TEST_RAM_BASE + 0x188000);
	native_cpu_log_reset();
	len = build_dtb(dtb, sizeof(dtb), TEST_RAM_BASE, (uint32_t)ram_size, bootargs);
	memcpy(__va(TEST_RAM_BASE + DTB_OFFSET), dtb, len);
	printk_set_quiet(!getenv("MM_TEST_VERBOSE"));
	mm_init(TEST_RAM_BASE + DTB_OFFSET);
	assert_int_equal(mm_abi.phase, MM_PHASE_SLAB);
}

void upper_shutdown(void)
{
	native_ram_free();
	printk_set_quiet(false);
}

static bool read_desc(void *opaque, uint32_t pa, uint32_t *value)
{
	(void)opaque;
	if (pa < native_phys_offset || pa - native_phys_offset + 4 > native_ram_size)
		return false;
	memcpy(value, __va(pa), 4);
	return true;
}

uint32_t hw_walk(uint32_t va, struct mmu_result *out)
{
	struct mmu_regs r = {
		.sctlr = native_cpu.sctlr | SCTLR_M | SCTLR_XP,
		.ttbr0 = native_cpu.ttbr0,
		.ttbr1 = native_cpu.ttbr1,
		.ttbcr = native_cpu.ttbcr,
		.dacr = native_cpu.dacr,
		.contextidr = native_cpu.contextidr,
	};

	return mmu_walk(&r, va, read_desc, NULL, out);
}

phys_addr_t hw_translate(uint32_t va)
{
	struct mmu_result r;

	return hw_walk(va, &r) ? (phys_addr_t)-1 : r.pa;
}

unsigned long free_pages_now(void)
{
	drain_all_pages(NULL);
	return nr_free_pages();
}

static bool is_clean_of(const struct native_cpu_event *e, uint32_t pa)
{
	return (e->op == CPU_DCACHE_CLEAN_LINE || e->op == CPU_DCACHE_FLUSH_LINE) &&
	       e->pa == (pa & ~(uint32_t)(L1_CACHE_BYTES - 1));
}

static bool is_walk_barrier(const struct native_cpu_event *e)
{
	return e->op == CPU_TLB_INV_ALL || e->op == CPU_TLB_INV_MVA || e->op == CPU_TLB_INV_ASID ||
	       e->op == CPU_WRITE_TTBR0 || e->op == CPU_WRITE_TTBR1 || e->op == CPU_IDLE;
}

unsigned long check_desc_cleaned(unsigned long from)
{
	unsigned long n = native_cpu_log_len(), bad = 0;

	assert_non_null(native_cpu_log_get(from < n ? from : 0));
	for (unsigned long i = from; i < n; i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);
		bool ok = false;

		if (e->op != CPU_DESC_WRITE)
			continue;
		for (unsigned long j = i + 1; j < n; j++) {
			const struct native_cpu_event *f = native_cpu_log_get(j);

			if (is_clean_of(f, e->pa)) {
				ok = true;
				break;
			}
			if (is_walk_barrier(f))
				break;
		}
		if (!ok && bad++ < 5) {
			fprintf(stderr, "descriptor store %lu (pa %08x = %08x) "
				"not cleaned in time\n", i, e->pa, e->val);
			native_cpu_log_dump(8);
		}
	}
	return bad;
}

/* The oldest event still in the log at or after from. */
static unsigned long log_start(unsigned long from)
{
	while (from < native_cpu_log_len() && !native_cpu_log_get(from))
		from++;
	return from;
}

long last_desc_write(unsigned long from, uint32_t pa)
{
	long found = -1;

	for (unsigned long i = log_start(from); i < native_cpu_log_len(); i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);

		if (e->op == CPU_DESC_WRITE && e->pa == pa)
			found = (long)i;
	}
	return found;
}

long find_event(unsigned long from, enum native_cpu_op op, uint32_t va, long asid)
{
	for (unsigned long i = log_start(from); i < native_cpu_log_len(); i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);

		if (e->op == op && e->va == va && (asid < 0 || e->val == (uint32_t)asid))
			return (long)i;
	}
	return -1;
}

long find_clean(unsigned long from, uint32_t pa)
{
	for (unsigned long i = log_start(from); i < native_cpu_log_len(); i++)
		if (is_clean_of(native_cpu_log_get(i), pa))
			return (long)i;
	return -1;
}

uint32_t hw_pte_pa(struct mm_struct *mm, unsigned long va)
{
	uint32_t l1 = ((uint32_t *)mm->pgd)[va >> 20];

	if ((l1 & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return 0;
	return (l1 & PMD_TABLE_ADDR_MASK) + (uint32_t)((va >> PAGE_SHIFT) & 0xff) * 4;
}
