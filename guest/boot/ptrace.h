/* SPDX-License-Identifier: MIT */
/*
 * ptrace.h - the register frame the exception entry code saves (boot/entry.S).
 *
 * Laid out as Linux's ARM struct pt_regs: r0-r15, CPSR, ORIG_r0.  ARM_sp and
 * ARM_lr are those of the interrupted mode (its banked registers).  ARM_pc is
 * where execution resumes: the faulting instruction for undefined-instruction
 * and abort entries, the interrupted instruction for IRQ/FIQ, the instruction
 * after the SVC for SVC.  ARM_cpsr is the interrupted CPSR (the SPSR).
 * Handlers may change r0-r12, ARM_pc and ARM_cpsr; the exit path restores
 * them.  ARM_sp and ARM_lr are a snapshot and are not written back.
 */
#ifndef GUEST_BOOT_PTRACE_H
#define GUEST_BOOT_PTRACE_H

#define S_R0         0
#define S_R1         4
#define S_R2         8
#define S_IP         48
#define S_SP         52
#define S_LR         56
#define S_PC         60
#define S_PSR        64
#define S_OLD_R0     68
#define S_FRAME_SIZE 72

#ifndef __ASSEMBLER__
#include <stdint.h>

struct pt_regs {
	uint32_t uregs[18];
};

#define ARM_ORIG_r0 uregs[17]
#define ARM_cpsr    uregs[16]
#define ARM_pc      uregs[15]
#define ARM_lr      uregs[14]
#define ARM_sp      uregs[13]
#define ARM_ip      uregs[12]
#define ARM_fp      uregs[11]
#define ARM_r10     uregs[10]
#define ARM_r9      uregs[9]
#define ARM_r8      uregs[8]
#define ARM_r7      uregs[7]
#define ARM_r6      uregs[6]
#define ARM_r5      uregs[5]
#define ARM_r4      uregs[4]
#define ARM_r3      uregs[3]
#define ARM_r2      uregs[2]
#define ARM_r1      uregs[1]
#define ARM_r0      uregs[0]

_Static_assert(sizeof(struct pt_regs) == S_FRAME_SIZE, "pt_regs layout");
_Static_assert(__builtin_offsetof(struct pt_regs, ARM_pc) == S_PC, "pt_regs layout");
_Static_assert(__builtin_offsetof(struct pt_regs, ARM_cpsr) == S_PSR, "pt_regs layout");

static inline int thumb_mode(const struct pt_regs *regs)
{
	return !!(regs->ARM_cpsr & (1u << 5));
}
#endif /* __ASSEMBLER__ */

#endif /* GUEST_BOOT_PTRACE_H */
