/* SPDX-License-Identifier: MIT */
/*
 * asm/proc-fns.h - processor functions: CP15 registers, idle, descriptor stores.
 *
 * DOC: Linux reaches the MMU of an ARMv6 core through `struct processor`
 * (arch/arm/mm/proc-v6.S: cpu_v6_switch_mm, cpu_v6_set_pte_ext,
 * cpu_v6_dcache_clean_area, cpu_v6_do_idle) and a few CP15 accessors
 * (asm/cp15.h).  Here they are plain functions with two implementations:
 * arch/arm/proc-v6.c issues the MCR/MRC instructions, arch/native/cpu.c
 * records every operation in a log (asm/native-cpu.h) so host tests can
 * check the order of descriptor writes, cache cleans and TLB invalidates.
 *
 * Every store of a hardware descriptor goes through cpu_pgtable_store(): on
 * ARM it is a plain store, natively it is also logged, which is what lets a
 * test assert "each descriptor write was followed by a clean of its line".
 */
#ifndef ASM_PROC_FNS_H
#define ASM_PROC_FNS_H

#include <mm/types.h>

#define L1_CACHE_SHIFT 5
#define L1_CACHE_BYTES (1u << L1_CACHE_SHIFT) /* ARM1176: 32-byte lines */

/* Store one hardware page-table descriptor (L1 or L2 entry). */
void cpu_pgtable_store(u32 *p, u32 val);

/* Clean the D-cache lines covering [addr, addr + size) (c7,c10,1 per line). */
void cpu_v6_dcache_clean_area(const void *addr, size_t size);

/*
 * Switch the user address space: flush BTB, drain the write buffer, load
 * TTBR0 with the table's physical address (plus walk attributes) and
 * CONTEXTIDR with the mm's ASID, as cpu_v6_switch_mm.
 */
void cpu_v6_switch_mm(phys_addr_t pgd_phys, u32 context_id);

/* Wait for interrupt (c7,c0,4). */
void cpu_v6_do_idle(void);

/* CP15 registers (Linux asm/cp15.h: get_cr/set_cr, set_ttbr0, set_domain...) */
u32 get_cr(void);
void set_cr(u32 val);
u32 cp15_get_ttbr(int nr);
void cp15_set_ttbr(int nr, u32 val);
u32 cp15_get_ttbcr(void);
void cp15_set_ttbcr(u32 val);
u32 get_domain(void);
void set_domain(u32 dacr);
u32 cp15_get_contextidr(void);
void cp15_set_contextidr(u32 val);

#endif /* ASM_PROC_FNS_H */
