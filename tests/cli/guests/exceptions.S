/*
 * exceptions.S - exception entry as the host performs it, checked from the
 * guest.  Exits (through semihosting) with a bit mask of the handlers that
 * ran and saw what they should; the test expects every bit:
 *   0x01 undefined instruction, LR = instruction + 4
 *   0x02 data abort (read, MMU on): DFSR 0x005, DFAR = address, LR = pc + 8
 *   0x04 data abort (write): DFSR 0x805 (WnR)
 *   0x08 imprecise external abort from a bus error, once CPSR.A is clear
 *   0x10 SVC from user mode: SPSR.M = user, LR = next instruction
 *   0x20 prefetch abort (BKPT, not semihosting): IFSR = 0x002 debug event
 */
	.arm
	.global _start
	.balign	32
vectors:
	b	.
	b	und_h
	b	svc_h
	b	pabt_h
	b	dabt_h
	b	.
	b	.
	b	.

_start:
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	cps	#0x1b
	ldr	sp, =0x50100000
	cps	#0x17
	ldr	sp, =0x500f0000
	cps	#0x13
	ldr	sp, =0x500e0000
	mov	r9, #0

	@ undefined instruction
undef_insn:
	.word	0xe7f000f0

	@ MMU on: one section of RAM (identity), nothing at 0xE0000000
	ldr	r0, =0x50200000		@ L1 table (16 KiB aligned)
	mov	r1, #0
	mov	r2, #0x4000
1:	subs	r2, r2, #4
	str	r1, [r0, r2]
	bne	1b
	ldr	r1, =0x50000c0e		@ section, AP=11, C, B
	ldr	r2, =0x500 * 4
	str	r1, [r0, r2]
	mcr	p15, 0, r0, c2, c0, 0	@ TTBR0
	mov	r1, #1
	mcr	p15, 0, r1, c3, c0, 0	@ domain 0: client
	mcr	p15, 0, r1, c8, c7, 0	@ invalidate TLBs
	mrc	p15, 0, r1, c1, c0, 0
	orr	r1, r1, #(1 << 23)	@ XP
	orr	r1, r1, #1		@ M
	mcr	p15, 0, r1, c1, c0, 0
	ldr	r3, =0xe0000010
read_insn:
	ldr	r4, [r3, #4]		@ read 0xe0000014
write_insn:
	str	r4, [r3, #8]		@ write 0xe0000018
	mrc	p15, 0, r1, c1, c0, 0
	bic	r1, r1, #1		@ MMU off again
	mcr	p15, 0, r1, c1, c0, 0

	@ bus error: an imprecise external abort, delivered once A is clear
	cpsie	a
	ldr	r5, =0x60000000
	ldr	r5, [r5]
	nop
	nop

	@ BKPT that is not a semihosting call: prefetch abort, debug event
	bkpt	#0x12

	@ SVC from user mode
	cps	#0x10
svc_insn:
	svc	#1
after_svc:
	ldr	r1, =block
	ldr	r0, =0x20026		@ ADP_Stopped_ApplicationExit
	str	r0, [r1]
	str	r9, [r1, #4]		@ exit code: the mask
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456

und_h:
	ldr	r10, =undef_insn + 4
	cmp	lr, r10
	orreq	r9, r9, #0x01
	movs	pc, lr

dabt_h:
	mrc	p15, 0, r6, c5, c0, 0	@ DFSR
	mrc	p15, 0, r7, c6, c0, 0	@ DFAR
	ldr	r10, =0x40f
	and	r10, r6, r10
	ldr	r11, =0x406
	cmp	r10, r11
	beq	imprecise
	ldr	r10, =read_insn + 8
	cmp	lr, r10
	bne	1f
	ldr	r11, =0xe0000014
	cmp	r7, r11
	ldreq	r11, =0x005
	cmpeq	r6, r11
	orreq	r9, r9, #0x02
1:	ldr	r10, =write_insn + 8
	cmp	lr, r10
	bne	2f
	ldr	r11, =0xe0000018
	cmp	r7, r11
	ldreq	r11, =0x805
	cmpeq	r6, r11
	orreq	r9, r9, #0x04
2:	subs	pc, lr, #4		@ skip the faulting instruction
imprecise:
	orr	r9, r9, #0x08
	subs	pc, lr, #8		@ resume where the core was interrupted

pabt_h:
	mrc	p15, 0, r6, c5, c0, 1	@ IFSR
	and	r6, r6, #0xf
	cmp	r6, #0x2
	orreq	r9, r9, #0x20
	subs	pc, lr, #0		@ skip the BKPT (LR = BKPT + 4)

svc_h:
	mrs	r10, spsr
	and	r10, r10, #0x1f
	cmp	r10, #0x10
	ldreq	r10, =after_svc
	cmpeq	lr, r10
	orreq	r9, r9, #0x10
	cps	#0x13			@ stay privileged for the exit
	mov	pc, lr

	.ltorg
	.balign	4
block:	.word	0, 0
