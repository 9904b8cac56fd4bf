/* SPDX-License-Identifier: MIT */
/*
 * asm/native-cpu.h - the recording CPU of the native build (host tests only).
 *
 * DOC: arch/native/cpu.c implements asm/proc-fns.h, asm/cacheflush.h and
 * asm/tlbflush.h by recording each operation the ARM build would issue as an
 * MCR (and each page-table descriptor store) in an in-order log, with one
 * counter per kind, and by keeping the CP15 registers it would have written.
 * Addresses in the log are guest virtual addresses (lowmem pointers into the
 * native RAM buffer are converted to their 0xC0000000-based alias) plus the
 * physical address where one exists.  Range operations are logged line by
 * line, exactly as the ARM loops issue them.
 */
#ifndef ASM_NATIVE_CPU_H
#define ASM_NATIVE_CPU_H

#ifndef GUEST_NATIVE
#error "asm/native-cpu.h is for the native build only"
#endif

#include <mm/types.h>

enum native_cpu_op {
	CPU_DESC_WRITE,         /* page-table descriptor store: va, pa, val */
	CPU_DCACHE_CLEAN_LINE,  /* c7,c10,1 */
	CPU_DCACHE_INV_LINE,    /* c7,c6,1 */
	CPU_DCACHE_FLUSH_LINE,  /* c7,c14,1 clean+invalidate */
	CPU_DCACHE_FLUSH_ALL,   /* c7,c14,0 */
	CPU_ICACHE_INV_ALL,     /* c7,c5,0 */
	CPU_ICACHE_INV_LINE,    /* c7,c5,1 */
	CPU_BTB_FLUSH,          /* c7,c5,6 */
	CPU_PREFETCH_FLUSH,     /* c7,c5,4 */
	CPU_DRAIN_WB,           /* c7,c10,4 */
	CPU_TLB_INV_ALL,        /* c8,c7,0 */
	CPU_TLB_INV_MVA,        /* c8,c7,1: va = MVA, val = ASID */
	CPU_TLB_INV_ASID,       /* c8,c7,2: val = ASID */
	CPU_WRITE_SCTLR,
	CPU_WRITE_TTBR0,
	CPU_WRITE_TTBR1,
	CPU_WRITE_TTBCR,
	CPU_WRITE_DACR,
	CPU_WRITE_CONTEXTIDR,
	CPU_IDLE,               /* c7,c0,4 */
	NR_NATIVE_CPU_OPS
};

struct native_cpu_event {
	enum native_cpu_op op;
	uint32_t va;  /* guest virtual address (line- or page-aligned as issued) */
	uint32_t pa;  /* physical address, 0 if none */
	uint32_t val; /* stored value, ASID or register value */
};

struct native_cpu_regs {
	uint32_t sctlr, ttbr0, ttbr1, ttbcr, dacr, contextidr;
};

extern struct native_cpu_regs native_cpu;
extern unsigned long native_cpu_count[NR_NATIVE_CPU_OPS];

/* Forget the log and zero the counters (registers are kept). */
void native_cpu_log_reset(void);
/* Events recorded since the last reset (the log keeps the most recent ones). */
unsigned long native_cpu_log_len(void);
/* Event i (0 = oldest still kept); NULL if it fell out of the log. */
const struct native_cpu_event *native_cpu_log_get(unsigned long i);
const char *native_cpu_op_name(enum native_cpu_op op);
/* Print the last n events (debugging a failing test). */
void native_cpu_log_dump(unsigned long n);

/* Called by cpu_v6_do_idle(): the test's stand-in for an interrupt arriving. */
void native_cpu_set_idle_hook(void (*fn)(void *arg), void *arg);

/* Guest virtual address of a kernel pointer (lowmem pointers -> 0xC0000000 alias). */
uint32_t native_gva(const void *p);

#endif /* ASM_NATIVE_CPU_H */
