/* SPDX-License-Identifier: MIT */
/*
 * cp15_ops.h - what the guest's CP15 writes do to the memory model.
 *
 * DOC: cp15.c finds each MCR/MCRR p15 and its operands; these apply them in
 * program order: SCTLR (MMU, caches, replacement policy), TTBR0/1, TTBCR,
 * DACR and CONTEXTIDR writes; c7 cache maintenance (whole cache, by MVA
 * after translation, by set/way; DSB/DMB drain the write buffer); c8 TLB
 * maintenance (all, by MVA, by ASID); the c10 TLB lockdown register; MCRR
 * block operations over an address range (DDI 0301H 3.2.22).  Write-backs
 * they cause are timed; the operations themselves take no time.
 */
#ifndef SOC_ARM1176_CP15_OPS_H
#define SOC_ARM1176_CP15_OPS_H

#include <stdint.h>

struct memsys;

/* A CP15 register write or c7/c8 operation the guest is about to execute. */
void cp15_op_write(struct memsys *ms, unsigned crn, unsigned opc1, unsigned crm, unsigned opc2,
		   uint32_t value, uint32_t pc);
/* An MCRR block operation (c5/c6/c12/c14) over [start, end]. */
void cp15_op_range(struct memsys *ms, unsigned crm, uint32_t start, uint32_t end, uint32_t pc);

#endif /* SOC_ARM1176_CP15_OPS_H */
