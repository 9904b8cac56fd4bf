/* SPDX-License-Identifier: MIT */
/*
 * cpu.h - ARM1176JZF-S helpers: interrupt masking, idle, barriers, and the
 * CP15 cache and TLB operations Linux's proc-v6.S / cache-v6.S / tlb-v6.S use.
 *
 * DOC: ARMv6 has no DSB/DMB/ISB instructions; the CP15 c7 operations
 * (drain write buffer, data memory barrier, flush prefetch buffer) serve.
 * The ARM1176's table walker does not look in the L1 data cache, so code
 * that writes a page-table descriptor must clean its D-cache line
 * (cpu_dcache_clean_line) and drain the write buffer before the walker may
 * read it, then invalidate any TLB entry that may hold the old translation.
 */
#ifndef GUEST_DRIVERS_CPU_H
#define GUEST_DRIVERS_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PSR_MODE_MASK 0x1fu
#define PSR_USR_MODE  0x10u
#define PSR_FIQ_MODE  0x11u
#define PSR_IRQ_MODE  0x12u
#define PSR_SVC_MODE  0x13u
#define PSR_ABT_MODE  0x17u
#define PSR_UND_MODE  0x1bu
#define PSR_SYS_MODE  0x1fu
#define PSR_T_BIT     (1u << 5)
#define PSR_F_BIT     (1u << 6)
#ifndef PSR_I_BIT
#define PSR_I_BIT     0x00000080u
#endif
#define PSR_A_BIT     (1u << 8)

/* SCTLR (CP15 c1, c0, 0) bits, ARM DDI 0301 sec. 3.2.7 */
#define SCTLR_M   (1u << 0)   /* MMU */
#define SCTLR_A   (1u << 1)   /* strict alignment */
#define SCTLR_C   (1u << 2)   /* D-cache */
#define SCTLR_W   (1u << 3)   /* write buffer (should be one) */
#define SCTLR_Z   (1u << 11)  /* branch prediction */
#define SCTLR_I   (1u << 12)  /* I-cache */
#define SCTLR_V   (1u << 13)  /* high vectors (we use VBAR: keep clear) */
#define SCTLR_RR  (1u << 14)  /* round-robin cache replacement */
#define SCTLR_U   (1u << 22)  /* ARMv6 unaligned access support */
#define SCTLR_XP  (1u << 23)  /* ARMv6 page-table format, subpages off */
#define SCTLR_VE  (1u << 24)  /* vectored interrupts from the VIC port */
#define SCTLR_TRE (1u << 28)  /* TEX remap */
#define SCTLR_AFE (1u << 29)  /* access flag */

#define CACHE_LINE_SIZE 32

/* ---- interrupts ----
 *
 * Linux's interface (arch/arm/include/asm/irqflags.h): local_irq_save(flags)
 * is a macro that assigns flags.  One definition for the whole guest, in
 * guest/mm's asm/irqflags.h (which also has the native variant for tests).
 */
#include <asm/irqflags.h>

/* Let imprecise (asynchronous) aborts in: CPSR.A, as Linux's early_abt_enable(). */
static inline void local_abt_enable(void)
{
	__asm__ volatile("cpsie a" : : : "memory", "cc");
}

static inline uint32_t cpu_get_cpsr(void)
{
	uint32_t v;

	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

/* ---- barriers (CP15 c7 on ARMv6) ---- */

static inline void cpu_dsb(void)  /* drain write buffer = data synchronisation barrier */
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4" : : "r"(0) : "memory");
}

static inline void cpu_dmb(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 5" : : "r"(0) : "memory");
}

static inline void cpu_isb(void)  /* flush prefetch buffer */
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 4" : : "r"(0) : "memory");
}

/* ---- idle ---- */

/* Wait for interrupt (CP15 c7, c0, 4).  Wakes on a pending IRQ even while
 * CPSR.I masks it, which is what cpu_idle() relies on. */
static inline void cpu_do_idle(void)
{
	cpu_dsb();
	__asm__ volatile("mcr p15, 0, %0, c7, c0, 4" : : "r"(0) : "memory");
}

/*
 * Run the registered idle functions, then sleep until the next interrupt
 * has been taken.  Call with interrupts enabled.  As in Linux's do_idle(),
 * the wait happens with IRQs masked and the interrupt is taken when they
 * are unmasked again, so an interrupt arriving just before the WFI is not
 * slept through.
 */
void cpu_idle(void);
/* Add a function for cpu_idle() to run before each wait (background work
 * such as kswapd/kcompactd); returns 0, or -1 when the table is full. */
int idle_register(void (*fn)(void));
int idle_unregister(void (*fn)(void));

/* ---- CP15 registers ---- */

#define DEFINE_CP15_ACCESSORS(name, crn, opc1, crm, opc2)                              \
	static inline uint32_t cpu_get_##name(void)                                    \
	{                                                                              \
		uint32_t v;                                                            \
		__asm__ volatile("mrc p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2  \
				 : "=r"(v));                                           \
		return v;                                                              \
	}                                                                              \
	static inline void cpu_set_##name(uint32_t v)                                  \
	{                                                                              \
		__asm__ volatile("mcr p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2  \
				 : : "r"(v) : "memory");                               \
	}

DEFINE_CP15_ACCESSORS(sctlr, c1, 0, c0, 0)
DEFINE_CP15_ACCESSORS(ttbr0, c2, 0, c0, 0)
DEFINE_CP15_ACCESSORS(ttbr1, c2, 0, c0, 1)
DEFINE_CP15_ACCESSORS(ttbcr, c2, 0, c0, 2)
DEFINE_CP15_ACCESSORS(dacr, c3, 0, c0, 0)
DEFINE_CP15_ACCESSORS(dfsr, c5, 0, c0, 0)
DEFINE_CP15_ACCESSORS(ifsr, c5, 0, c0, 1)
DEFINE_CP15_ACCESSORS(dfar, c6, 0, c0, 0)
DEFINE_CP15_ACCESSORS(ifar, c6, 0, c0, 2)
DEFINE_CP15_ACCESSORS(vbar, c12, 0, c0, 0)
DEFINE_CP15_ACCESSORS(contextidr, c13, 0, c0, 1)

static inline uint32_t cpu_get_midr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(v));
	return v;
}

/* ---- caches ---- */

static inline void cpu_dcache_clean_line(const void *va)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(va) : "memory");
}

static inline void cpu_dcache_inv_line(const void *va)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c6, 1" : : "r"(va) : "memory");
}

static inline void cpu_dcache_flush_line(const void *va)  /* clean + invalidate */
{
	__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(va) : "memory");
}

/* Clean the D-cache lines covering [va, va + size) and drain the write buffer. */
void cpu_dcache_clean_area(const void *va, size_t size);
/* Invalidate [va, va + size); partial first/last lines are cleaned first. */
void cpu_dcache_inv_area(void *va, size_t size);
/* Clean and invalidate [va, va + size). */
void cpu_dcache_flush_area(const void *va, size_t size);
/* Clean+invalidate the whole D-cache, invalidate I-cache and branch predictor. */
void cpu_cache_flush_all(void);

static inline void cpu_icache_inv_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n\t"   /* I-cache */
			 "mcr p15, 0, %0, c7, c5, 6\n\t"   /* branch target cache */
			 "mcr p15, 0, %0, c7, c5, 4"       /* prefetch buffer */
			 : : "r"(0) : "memory");
}

/* Make a page-table descriptor just written visible to the table walker. */
static inline void cpu_flush_pte(const void *entry)
{
	cpu_dcache_clean_line(entry);
	cpu_dsb();
}

/* ---- TLBs ---- */

static inline void cpu_tlb_flush_all(void)
{
	cpu_dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0" : : "r"(0) : "memory");
	cpu_icache_inv_all();  /* branch predictor holds virtual addresses too */
	cpu_dsb();
	cpu_isb();
}

/* Invalidate the unified TLB entry for one virtual page (MVA | ASID). */
/*
 * Invalidate the TLB entries for one page of the current address space: on
 * ARMv6 the operand is MVA[31:12] | ASID[7:0], and a non-global entry only
 * matches its own ASID, so the current CONTEXTIDR's ASID goes in.
 */
static inline void cpu_tlb_flush_page(uint32_t va)
{
	uint32_t contextidr;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 1" : "=r"(contextidr));
	cpu_dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1"
			 : : "r"((va & ~0xfffu) | (contextidr & 0xffu)) : "memory");
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 6" : : "r"(0) : "memory");
	cpu_dsb();
	cpu_isb();
}

#endif /* GUEST_DRIVERS_CPU_H */
