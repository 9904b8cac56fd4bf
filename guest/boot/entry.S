/* SPDX-License-Identifier: MIT */
/*
 * entry.S - the exception vector table and the entry/exit paths.
 *
 * DOC: VBAR points at `vectors` (32-byte aligned, SCTLR.V = 0).  Every entry
 * builds a struct pt_regs (boot/ptrace.h) on the current exception mode's
 * stack, calls a C handler with it, and returns through ret_from_exception,
 * which restores r0-r12, PC and CPSR from the frame (so handlers may change
 * them, e.g. to step over a faulting instruction).
 *
 * Entry, per vector (LR holds the return address plus an offset that
 * depends on the exception, ARM DDI 0100I sec. A2.6):
 *   undefined instruction  LR - 4 = the instruction (ARM; C fixes Thumb up)
 *   SVC                    LR     = the next instruction
 *   prefetch abort         LR - 4 = the instruction
 *   data abort             LR - 8 = the instruction
 *   IRQ, FIQ               LR - 4 = the instruction to resume at
 * The interrupted mode's SP and LR are fetched from its bank (with an
 * LDM/STM ^ for USR/SYS, by switching modes otherwise).  An exception taken
 * from its own mode (SVC in SVC) has already overwritten LR; the frame then
 * holds the return address there.  The stack pointer may be only 4-byte
 * aligned when an exception interrupts its own mode, so the C call uses an
 * 8-byte-aligned copy and r4 keeps the frame address across it.
 */
#include "boot/ptrace.h"

#define PSR_MODE_MASK 0x1f
#define PSR_F_BIT    0x40
#define PSR_I_BIT    0x80
#define USR_MODE     0x10
#define SYS_MODE     0x1f

	.syntax unified
	.arm

	.section .vectors, "ax"
	.balign	32
	.global vectors
vectors:
	b	vector_reset			@ 0x00: not used with VBAR (reset goes to 0)
	b	vector_undef			@ 0x04
	b	vector_svc			@ 0x08
	b	vector_pabt			@ 0x0c
	b	vector_dabt			@ 0x10
	b	vector_reserved			@ 0x14
	b	vector_irq			@ 0x18
	b	vector_fiq			@ 0x1c

	.text

/*
 * Build the frame.  On entry LR = return address + correction; on exit
 * r4 = sp = frame, r0 = frame, r1 = vector number; r0-r12 are saved.
 */
	.macro	exc_entry, correction, vector
	.if	\correction
	sub	lr, lr, #\correction
	.endif
	sub	sp, sp, #S_FRAME_SIZE
	stmia	sp, {r0-r12}
	str	lr, [sp, #S_PC]
	str	r0, [sp, #S_OLD_R0]
	mrs	r0, spsr
	str	r0, [sp, #S_PSR]
	mov	r4, sp
	bl	__save_banked
	mov	r0, r4
	mov	r1, #\vector
	bic	sp, r4, #7
	.endm

	.macro	exc_vector, name, correction, vector, handler
	.type	\name, %function
\name:
	exc_entry \correction, \vector
	bl	\handler
	b	ret_from_exception
	.size	\name, . - \name
	.endm

	exc_vector vector_reset,    0, 0, do_bad_vector
	exc_vector vector_undef,    4, 1, do_undef
	exc_vector vector_svc,      0, 2, do_svc
	exc_vector vector_pabt,     4, 3, do_prefetch_abort
	exc_vector vector_dabt,     8, 4, do_data_abort
	exc_vector vector_reserved, 0, 5, do_bad_vector
	exc_vector vector_irq,      4, 6, do_irq
	exc_vector vector_fiq,      4, 7, do_fiq

/*
 * Store the interrupted mode's SP and LR into the frame at r4.
 * In: r0 = SPSR, r4 = frame.  Clobbers r0-r3, r5, r6.  LR is our return.
 */
	.type	__save_banked, %function
__save_banked:
	and	r1, r0, #PSR_MODE_MASK		@ interrupted mode
	mrs	r2, cpsr
	and	r3, r2, #PSR_MODE_MASK		@ our mode
	cmp	r1, r3
	bne	1f
	add	r5, r4, #S_FRAME_SIZE		@ same mode: SP before the frame,
	ldr	r6, [r4, #S_PC]			@ LR already lost: the return address
	b	3f
1:	cmp	r1, #USR_MODE
	cmpne	r1, #SYS_MODE
	bne	2f
	add	r5, r4, #S_SP
	stmia	r5, {sp, lr}^			@ user bank
	nop					@ no banked access right after STM ^
	bx	lr
2:	orr	r1, r1, #(PSR_I_BIT | PSR_F_BIT)
	msr	cpsr_c, r1			@ visit the interrupted mode...
	mov	r5, sp
	mov	r6, lr
	msr	cpsr_c, r2			@ ...and come back
3:	str	r5, [r4, #S_SP]
	str	r6, [r4, #S_LR]
	bx	lr
	.size	__save_banked, . - __save_banked

/* In: r4 = frame (callee-saved, so it survived the C handler). */
	.global	ret_from_exception
	.type	ret_from_exception, %function
ret_from_exception:
	mov	sp, r4
	ldr	r0, [sp, #S_PSR]
	msr	spsr_cxsf, r0
	ldr	lr, [sp, #S_PC]
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_FRAME_SIZE
	clrex					@ no STREX may pair with an interrupted LDREX
	movs	pc, lr				@ CPSR = SPSR, PC = LR
	.size	ret_from_exception, . - ret_from_exception
