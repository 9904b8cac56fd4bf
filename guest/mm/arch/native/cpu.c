// SPDX-License-Identifier: MIT
/*
 * arch/native/cpu.c - the recording CPU: cache, TLB and CP15 operations for host tests.
 *
 * DOC: Implements asm/proc-fns.h, asm/cacheflush.h and asm/tlbflush.h for the
 * native build.  Nothing is cached on the host, so each operation only
 * leaves a trace: an entry in a ring log (in issue order, one entry per
 * cache line or TLB entry, like the MCRs the ARM build issues) and a count
 * per kind.  CP15 writes update native_cpu so tests can read TTBR0, ASID...
 * The range loops mirror arch/arm/proc-v6.c line for line; keep them in step.
 */
#include <stdio.h>

#include <asm/cacheflush.h>
#include <asm/irqflags.h>
#include <asm/memory.h>
#include <asm/mmu_context.h>
#include <asm/native-cpu.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>

#define LOG_SIZE (1u << 20) /* 16 MiB of host memory */

struct native_cpu_regs native_cpu = { .sctlr = CR_XP | CR_M | CR_C | CR_I };
unsigned long native_cpu_count[NR_NATIVE_CPU_OPS];
unsigned long native_cpsr = 0x13; /* SVC mode, IRQs enabled */

static struct native_cpu_event cpu_log[LOG_SIZE];
static unsigned long cpu_log_len;
static void (*idle_hook)(void *arg);
static void *idle_arg;

static const char *const op_names[NR_NATIVE_CPU_OPS] = {
	[CPU_DESC_WRITE] = "desc-write",
	[CPU_DCACHE_CLEAN_LINE] = "dcache-clean-line",
	[CPU_DCACHE_INV_LINE] = "dcache-inv-line",
	[CPU_DCACHE_FLUSH_LINE] = "dcache-flush-line",
	[CPU_DCACHE_FLUSH_ALL] = "dcache-flush-all",
	[CPU_ICACHE_INV_ALL] = "icache-inv-all",
	[CPU_ICACHE_INV_LINE] = "icache-inv-line",
	[CPU_BTB_FLUSH] = "btb-flush",
	[CPU_PREFETCH_FLUSH] = "prefetch-flush",
	[CPU_DRAIN_WB] = "drain-wb",
	[CPU_TLB_INV_ALL] = "tlb-inv-all",
	[CPU_TLB_INV_MVA] = "tlb-inv-mva",
	[CPU_TLB_INV_ASID] = "tlb-inv-asid",
	[CPU_WRITE_SCTLR] = "write-sctlr",
	[CPU_WRITE_TTBR0] = "write-ttbr0",
	[CPU_WRITE_TTBR1] = "write-ttbr1",
	[CPU_WRITE_TTBCR] = "write-ttbcr",
	[CPU_WRITE_DACR] = "write-dacr",
	[CPU_WRITE_CONTEXTIDR] = "write-contextidr",
	[CPU_IDLE] = "idle",
};

static bool in_native_ram(const void *p)
{
	const unsigned char *c = p;

	return native_ram && c >= native_ram && c < native_ram + native_ram_size;
}

uint32_t native_gva(const void *p)
{
	if (in_native_ram(p))
		return (uint32_t)(ARM_PAGE_OFFSET +
				  (uint32_t)((const unsigned char *)p - native_ram));
	return (uint32_t)(uintptr_t)p;
}

static uint32_t native_gpa(const void *p)
{
	return in_native_ram(p) ? __pa(p) : 0;
}

static void record(enum native_cpu_op op, uint32_t va, uint32_t pa, uint32_t val)
{
	struct native_cpu_event *e = &cpu_log[cpu_log_len % LOG_SIZE];

	e->op = op;
	e->va = va;
	e->pa = pa;
	e->val = val;
	cpu_log_len++;
	native_cpu_count[op]++;
}

/*
 * Cache lines are aligned in the guest's address space; the host buffer need
 * not be 32-byte aligned, so align the guest addresses, not the pointer.
 */
static uint32_t line_of(uint32_t a)
{
	return a & ~(uint32_t)(L1_CACHE_BYTES - 1);
}

/* One cache-line operation on the line holding p. */
static void line_op(enum native_cpu_op op, const void *p)
{
	uint32_t pa = native_gpa(p);

	record(op, line_of(native_gva(p)), pa ? line_of(pa) : 0, 0);
}

/* The host pointer to the start of the guest cache line holding p. */
static const unsigned char *line_start(const void *p)
{
	return (const unsigned char *)p - (native_gva(p) & (L1_CACHE_BYTES - 1));
}

void native_cpu_log_reset(void)
{
	cpu_log_len = 0;
	for (int i = 0; i < NR_NATIVE_CPU_OPS; i++)
		native_cpu_count[i] = 0;
}

unsigned long native_cpu_log_len(void)
{
	return cpu_log_len;
}

const struct native_cpu_event *native_cpu_log_get(unsigned long i)
{
	if (i >= cpu_log_len || cpu_log_len - i > LOG_SIZE)
		return NULL;
	return &cpu_log[i % LOG_SIZE];
}

const char *native_cpu_op_name(enum native_cpu_op op)
{
	return op < NR_NATIVE_CPU_OPS ? op_names[op] : "?";
}

void native_cpu_log_dump(unsigned long n)
{
	unsigned long first = cpu_log_len > n ? cpu_log_len - n : 0;

	for (unsigned long i = first; i < cpu_log_len; i++) {
		const struct native_cpu_event *e = native_cpu_log_get(i);

		if (e)
			fprintf(stderr, "  %6lu %-18s va=%08x pa=%08x val=%08x\n", i,
				op_names[e->op], e->va, e->pa, e->val);
	}
}

void native_cpu_set_idle_hook(void (*fn)(void *arg), void *arg)
{
	idle_hook = fn;
	idle_arg = arg;
}

/* ---- asm/proc-fns.h ---- */

void cpu_pgtable_store(u32 *p, u32 val)
{
	*p = val;
	record(CPU_DESC_WRITE, native_gva(p), native_gpa(p), val);
}

void cpu_v6_dcache_clean_area(const void *addr, size_t size)
{
	const unsigned char *p = line_start(addr);
	long left = (long)size + ((const unsigned char *)addr - p);

	/* cpu_v6_dcache_clean_area: one clean per line, at least one */
	do {
		line_op(CPU_DCACHE_CLEAN_LINE, p);
		p += L1_CACHE_BYTES;
		left -= L1_CACHE_BYTES;
	} while (left > 0);
}

void cpu_v6_switch_mm(phys_addr_t pgd_phys, u32 context_id)
{
	record(CPU_BTB_FLUSH, 0, 0, 0);
	record(CPU_DRAIN_WB, 0, 0, 0);
	native_cpu.ttbr0 = pgd_phys | TTB_FLAGS_UP;
	record(CPU_WRITE_TTBR0, 0, pgd_phys, native_cpu.ttbr0);
	native_cpu.contextidr = context_id;
	record(CPU_WRITE_CONTEXTIDR, 0, 0, context_id);
}

void cpu_v6_do_idle(void)
{
	record(CPU_IDLE, 0, 0, 0);
	if (idle_hook)
		idle_hook(idle_arg);
}

u32 get_cr(void)
{
	return native_cpu.sctlr;
}

void set_cr(u32 val)
{
	native_cpu.sctlr = val;
	record(CPU_WRITE_SCTLR, 0, 0, val);
}

u32 cp15_get_ttbr(int nr)
{
	return nr ? native_cpu.ttbr1 : native_cpu.ttbr0;
}

void cp15_set_ttbr(int nr, u32 val)
{
	if (nr)
		native_cpu.ttbr1 = val;
	else
		native_cpu.ttbr0 = val;
	record(nr ? CPU_WRITE_TTBR1 : CPU_WRITE_TTBR0, 0, val & 0xffffc000u, val);
}

u32 cp15_get_ttbcr(void)
{
	return native_cpu.ttbcr;
}

void cp15_set_ttbcr(u32 val)
{
	native_cpu.ttbcr = val;
	record(CPU_WRITE_TTBCR, 0, 0, val);
}

u32 get_domain(void)
{
	return native_cpu.dacr;
}

void set_domain(u32 dacr)
{
	native_cpu.dacr = dacr;
	record(CPU_WRITE_DACR, 0, 0, dacr);
}

u32 cp15_get_contextidr(void)
{
	return native_cpu.contextidr;
}

void cp15_set_contextidr(u32 val)
{
	native_cpu.contextidr = val;
	record(CPU_WRITE_CONTEXTIDR, 0, 0, val);
}

/* ---- asm/cacheflush.h ---- */

void cpu_drain_write_buffer(void)
{
	record(CPU_DRAIN_WB, 0, 0, 0);
}

/*
 * The host thread's stack grows down from above the caller's frame: an
 * object within 8 MiB above this frame is on it (heap and the RAM buffer lie
 * far away on Linux hosts).
 */
bool arch_object_is_on_stack(const void *p)
{
	const char *sp = __builtin_frame_address(0);

	return (const char *)p >= sp && (const char *)p < sp + (8u << 20);
}

void cpu_flush_prefetch(void)
{
	record(CPU_PREFETCH_FLUSH, 0, 0, 0);
}

void __cpuc_flush_icache_all(void)
{
	record(CPU_ICACHE_INV_ALL, 0, 0, 0);
	record(CPU_BTB_FLUSH, 0, 0, 0);
}

void __cpuc_flush_kern_all(void)
{
	record(CPU_DCACHE_FLUSH_ALL, 0, 0, 0);
	record(CPU_ICACHE_INV_ALL, 0, 0, 0);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

static void range_op(enum native_cpu_op op, const void *start, const void *end)
{
	for (const unsigned char *p = line_start(start); p < (const unsigned char *)end;
	     p += L1_CACHE_BYTES)
		line_op(op, p);
}

void __cpuc_flush_dcache_area(void *addr, size_t size)
{
	range_op(CPU_DCACHE_FLUSH_LINE, addr, (unsigned char *)addr + size);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void __cpuc_coherent_kern_range(unsigned long start, unsigned long end)
{
	range_op(CPU_DCACHE_CLEAN_LINE, (const void *)start, (const void *)end);
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_ICACHE_INV_ALL, 0, 0, 0);
	record(CPU_BTB_FLUSH, 0, 0, 0);
}

void dmac_clean_range(const void *start, const void *end)
{
	range_op(CPU_DCACHE_CLEAN_LINE, start, end);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void dmac_inv_range(const void *start, const void *end)
{
	const unsigned char *s = start, *e = end;

	/* Partial lines at either end hold other data: write it back first. */
	if (line_start(s) != s) {
		line_op(CPU_DCACHE_FLUSH_LINE, s);
		s = line_start(s) + L1_CACHE_BYTES;
	}
	if (line_start(e) != e) {
		if (line_start(e) >= s)
			line_op(CPU_DCACHE_FLUSH_LINE, e);
		e = line_start(e);
	}
	for (; s < e; s += L1_CACHE_BYTES)
		line_op(CPU_DCACHE_INV_LINE, s);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void dmac_flush_range(const void *start, const void *end)
{
	range_op(CPU_DCACHE_FLUSH_LINE, start, end);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void dmac_map_area(const void *start, size_t size, enum dma_data_direction dir)
{
	const void *end = (const unsigned char *)start + size;

	if (dir == DMA_FROM_DEVICE)
		dmac_inv_range(start, end);
	else
		dmac_clean_range(start, end);
}

void dmac_unmap_area(const void *start, size_t size, enum dma_data_direction dir)
{
	if (dir != DMA_TO_DEVICE)
		dmac_inv_range(start, (const unsigned char *)start + size);
}

/* ---- asm/tlbflush.h ---- */

void local_flush_tlb_all(void)
{
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_TLB_INV_ALL, 0, 0, 0);
	record(CPU_BTB_FLUSH, 0, 0, 0);
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_PREFETCH_FLUSH, 0, 0, 0);
}

void __local_flush_tlb_asid(u32 asid)
{
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_TLB_INV_ASID, 0, 0, asid & 0xff);
	record(CPU_BTB_FLUSH, 0, 0, 0);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void __local_flush_tlb_page(unsigned long uaddr, u32 asid)
{
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_TLB_INV_MVA, (uint32_t)uaddr & 0xfffff000u, 0, asid & 0xff);
	record(CPU_BTB_FLUSH, 0, 0, 0);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void local_flush_tlb_kernel_page(unsigned long kaddr)
{
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_TLB_INV_MVA, (uint32_t)kaddr & 0xfffff000u, 0, 0);
	record(CPU_BTB_FLUSH, 0, 0, 0);
	record(CPU_DRAIN_WB, 0, 0, 0);
	record(CPU_PREFETCH_FLUSH, 0, 0, 0);
}

void flush_pmd_entry(void *pmdp)
{
	line_op(CPU_DCACHE_CLEAN_LINE, pmdp);
	record(CPU_DRAIN_WB, 0, 0, 0);
}

void clean_pmd_entry(void *pmdp)
{
	line_op(CPU_DCACHE_CLEAN_LINE, pmdp);
}

/* ---- asm/pgtable.h ---- */

void *kva_ptr(const void *va)
{
	phys_addr_t pa;

	if (in_native_ram(va))
		return (void *)va;
	pa = pgtable_walk(current_mm, (unsigned long)va);
	if (pa == (phys_addr_t)-1 || pa < native_phys_offset ||
	    pa - native_phys_offset >= native_ram_size)
		return NULL;
	return __va(pa);
}
