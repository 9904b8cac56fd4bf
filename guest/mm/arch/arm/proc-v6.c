// SPDX-License-Identifier: MIT
/*
 * arch/arm/proc-v6.c - ARM1176 cache, TLB and CP15 operations (proc-v6.S, cache-v6.S, tlb-v6.S).
 *
 * DOC: The guest implementation of asm/proc-fns.h, asm/cacheflush.h and
 * asm/tlbflush.h: each function issues the MCRs Linux's ARMv6 support issues
 * for the same job, in the same order.  The ARM1176 has Harvard L1 caches
 * and a unified main TLB, so the unified TLB operations (c8,c7,x) are used.
 * arch/native/cpu.c records the same sequence; keep the two in step.
 */
#include <asm/cacheflush.h>
#include <asm/pgtable.h>
#include <asm/proc-fns.h>
#include <asm/tlbflush.h>

#define mcr(crn, crm, op2, val) \
	asm volatile("mcr p15, 0, %0, " #crn ", " #crm ", " #op2 : : "r"(val) : "memory")
#define mrc(crn, crm, op2)                                                            \
	({                                                                            \
		u32 __v;                                                              \
		asm volatile("mrc p15, 0, %0, " #crn ", " #crm ", " #op2 : "=r"(__v)); \
		__v;                                                                  \
	})

#define LINE_MASK ((unsigned long)L1_CACHE_BYTES - 1)

/* ---- asm/proc-fns.h ---- */

void cpu_pgtable_store(u32 *p, u32 val)
{
	*(volatile u32 *)p = val;
}

void cpu_v6_dcache_clean_area(const void *addr, size_t size)
{
	unsigned long a = (unsigned long)addr;
	long left = (long)size;

	/* cpu_v6_dcache_clean_area: the walker does not read the D-cache */
	do {
		mcr(c7, c10, 1, a & ~LINE_MASK);
		a += L1_CACHE_BYTES;
		left -= L1_CACHE_BYTES;
	} while (left > 0);
}

void cpu_v6_switch_mm(phys_addr_t pgd_phys, u32 context_id)
{
	mcr(c7, c5, 6, 0u);                        /* flush BTAC/BTB */
	mcr(c7, c10, 4, 0u);                       /* drain write buffer */
	mcr(c2, c0, 0, pgd_phys | TTB_FLAGS_UP);   /* TTBR0 */
	mcr(c13, c0, 1, context_id);               /* CONTEXTIDR (ASID) */
}

void cpu_v6_do_idle(void)
{
	mcr(c7, c10, 4, 0u);
	mcr(c7, c0, 4, 0u); /* wait for interrupt */
}

u32 get_cr(void)
{
	return mrc(c1, c0, 0);
}

void set_cr(u32 val)
{
	mcr(c1, c0, 0, val);
	mcr(c7, c5, 4, 0u); /* isb */
}

u32 cp15_get_ttbr(int nr)
{
	return nr ? mrc(c2, c0, 1) : mrc(c2, c0, 0);
}

void cp15_set_ttbr(int nr, u32 val)
{
	if (nr)
		mcr(c2, c0, 1, val);
	else
		mcr(c2, c0, 0, val);
}

u32 cp15_get_ttbcr(void)
{
	return mrc(c2, c0, 2);
}

void cp15_set_ttbcr(u32 val)
{
	mcr(c2, c0, 2, val);
}

u32 get_domain(void)
{
	return mrc(c3, c0, 0);
}

void set_domain(u32 dacr)
{
	mcr(c3, c0, 0, dacr);
	mcr(c7, c5, 4, 0u); /* isb */
}

u32 cp15_get_contextidr(void)
{
	return mrc(c13, c0, 1);
}

void cp15_set_contextidr(u32 val)
{
	mcr(c13, c0, 1, val);
}

/* ---- asm/cacheflush.h ---- */

void cpu_drain_write_buffer(void)
{
	mcr(c7, c10, 4, 0u);
}

/* The mode stacks of guest/boot/start.S lie together in .stacks. */
bool arch_object_is_on_stack(const void *p)
{
	extern char svc_stack_base[], sys_stack_top[];

	return (const char *)p >= svc_stack_base && (const char *)p < sys_stack_top;
}

void cpu_flush_prefetch(void)
{
	mcr(c7, c5, 4, 0u);
}

void __cpuc_flush_icache_all(void)
{
	mcr(c7, c5, 0, 0u); /* invalidate I-cache */
	mcr(c7, c5, 6, 0u); /* and the BTB */
}

void __cpuc_flush_kern_all(void)
{
	mcr(c7, c14, 0, 0u); /* clean+invalidate D-cache */
	mcr(c7, c5, 0, 0u);  /* invalidate I-cache */
	mcr(c7, c10, 4, 0u);
}

void __cpuc_flush_dcache_area(void *addr, size_t size)
{
	unsigned long a = (unsigned long)addr & ~LINE_MASK, end = (unsigned long)addr + size;

	for (; a < end; a += L1_CACHE_BYTES)
		mcr(c7, c14, 1, a);
	mcr(c7, c10, 4, 0u);
}

void __cpuc_coherent_kern_range(unsigned long start, unsigned long end)
{
	unsigned long a = start & ~LINE_MASK;

	for (; a < end; a += L1_CACHE_BYTES)
		mcr(c7, c10, 1, a);
	mcr(c7, c10, 4, 0u);
	mcr(c7, c5, 0, 0u); /* I-cache */
	mcr(c7, c5, 6, 0u); /* BTB */
}

void dmac_clean_range(const void *start, const void *end)
{
	unsigned long a = (unsigned long)start & ~LINE_MASK;

	for (; a < (unsigned long)end; a += L1_CACHE_BYTES)
		mcr(c7, c10, 1, a);
	mcr(c7, c10, 4, 0u);
}

void dmac_inv_range(const void *start, const void *end)
{
	unsigned long s = (unsigned long)start, e = (unsigned long)end;

	/* Partial lines at either end hold other data: write it back first. */
	if (s & LINE_MASK) {
		mcr(c7, c14, 1, s & ~LINE_MASK);
		s = (s & ~LINE_MASK) + L1_CACHE_BYTES;
	}
	if (e & LINE_MASK) {
		if ((e & ~LINE_MASK) >= s)
			mcr(c7, c14, 1, e & ~LINE_MASK);
		e &= ~LINE_MASK;
	}
	for (; s < e; s += L1_CACHE_BYTES)
		mcr(c7, c6, 1, s);
	mcr(c7, c10, 4, 0u);
}

void dmac_flush_range(const void *start, const void *end)
{
	unsigned long a = (unsigned long)start & ~LINE_MASK;

	for (; a < (unsigned long)end; a += L1_CACHE_BYTES)
		mcr(c7, c14, 1, a);
	mcr(c7, c10, 4, 0u);
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
	mcr(c7, c10, 4, 0u);
	mcr(c8, c7, 0, 0u);
	mcr(c7, c5, 6, 0u);
	mcr(c7, c10, 4, 0u);
	mcr(c7, c5, 4, 0u);
}

void __local_flush_tlb_asid(u32 asid)
{
	mcr(c7, c10, 4, 0u);
	mcr(c8, c7, 2, asid & 0xffu);
	mcr(c7, c5, 6, 0u);
	mcr(c7, c10, 4, 0u);
}

void __local_flush_tlb_page(unsigned long uaddr, u32 asid)
{
	mcr(c7, c10, 4, 0u);
	mcr(c8, c7, 1, (uaddr & PAGE_MASK) | (asid & 0xffu));
	mcr(c7, c5, 6, 0u);
	mcr(c7, c10, 4, 0u);
}

void local_flush_tlb_kernel_page(unsigned long kaddr)
{
	mcr(c7, c10, 4, 0u);
	mcr(c8, c7, 1, kaddr & PAGE_MASK);
	mcr(c7, c5, 6, 0u);
	mcr(c7, c10, 4, 0u);
	mcr(c7, c5, 4, 0u);
}

void flush_pmd_entry(void *pmdp)
{
	mcr(c7, c10, 1, (unsigned long)pmdp & ~LINE_MASK);
	mcr(c7, c10, 4, 0u);
}

void clean_pmd_entry(void *pmdp)
{
	mcr(c7, c10, 1, (unsigned long)pmdp & ~LINE_MASK);
}
