/*
 * vectors.S - where the host sends exceptions: high vectors (SCTLR.V), FIQ
 * through VIC0's INTSELECT, and the VIC port (SCTLR.VE) jumping straight to
 * VICVECTADDR.  VBAR stays 0 (no RAM there), so an exception routed the
 * wrong way stops the emulator instead of passing.  Exits with a mask:
 *   0x01 SVC taken at 0xFFFF0008
 *   0x02 FIQ taken at 0xFFFF001C from a VIC0 soft interrupt selected as FIQ
 *   0x04 IRQ delivered through the VIC port to VICVECTADDR1, not the vector
 */
	.arm
	.global _start

	.equ	VIC0, 0x71200000
	.equ	INTSELECT, 0x0c
	.equ	INTENABLE, 0x10
	.equ	SOFTINT, 0x18
	.equ	SOFTINTCLEAR, 0x1c
	.equ	VECTADDR1, 0x104
	.equ	ADDRESS, 0xf00
	.equ	HIGH_COPY, 0x501f0000	/* 0xFFFF0000 maps here */

_start:
	cps	#0x11			@ FIQ stack
	ldr	sp, =0x50180000
	cps	#0x12			@ IRQ stack
	ldr	sp, =0x50170000
	cps	#0x13
	ldr	sp, =0x50160000
	mov	r9, #0

	@ copy the vector table (8 branches' worth of ldr pc + 8 addresses)
	ldr	r0, =table
	ldr	r1, =HIGH_COPY
	mov	r2, #16
1:	ldr	r3, [r0], #4
	str	r3, [r1], #4
	subs	r2, r2, #1
	bne	1b

	@ sections: code 0x500, vectors 0x501, VIC0 0x712 (device), 0xFFF -> 0x501
	ldr	r0, =0x50200000
	mov	r1, #0
	mov	r2, #0x4000
2:	subs	r2, r2, #4
	str	r1, [r0, r2]
	bne	2b
	ldr	r1, =0x50000c0e
	ldr	r2, =0x500 << 2
	str	r1, [r0, r2]
	ldr	r1, =0x50100c0e
	ldr	r2, =0x501 << 2
	str	r1, [r0, r2]
	ldr	r2, =0xfff << 2
	str	r1, [r0, r2]
	ldr	r1, =0x71200c16		@ device, XN
	ldr	r2, =0x712 << 2
	str	r1, [r0, r2]
	mcr	p15, 0, r0, c2, c0, 0
	mov	r1, #1
	mcr	p15, 0, r1, c3, c0, 0
	mcr	p15, 0, r1, c8, c7, 0
	mrc	p15, 0, r1, c1, c0, 0
	orr	r1, r1, #(1 << 23)	@ XP
	orr	r1, r1, #(1 << 13)	@ V: high vectors
	orr	r1, r1, #1		@ M
	mcr	p15, 0, r1, c1, c0, 0

	svc	#0			@ -> 0xFFFF0008

	@ FIQ: soft interrupt 0 selected as FIQ
	ldr	r4, =VIC0
	mov	r1, #1
	str	r1, [r4, #INTSELECT]
	str	r1, [r4, #INTENABLE]
	str	r1, [r4, #SOFTINT]
	cpsie	f
	ldr	r5, =fiq_seen
3:	ldr	r1, [r5]
	cmp	r1, #0
	beq	3b
	orr	r9, r9, #0x02

	@ IRQ through the VIC port: source 1, vector address = irq_direct
	mrc	p15, 0, r1, c1, c0, 0
	orr	r1, r1, #(1 << 24)	@ VE
	mcr	p15, 0, r1, c1, c0, 0
	ldr	r1, =irq_direct
	str	r1, [r4, #VECTADDR1]
	mov	r1, #2
	str	r1, [r4, #INTENABLE]
	str	r1, [r4, #SOFTINT]
	cpsie	i
4:	tst	r9, #0x04
	beq	4b

	ldr	r1, =block
	ldr	r0, =0x20026
	str	r0, [r1]
	str	r9, [r1, #4]
	mov	r0, #0x20
	svc	0x123456

svc_h:
	orr	r9, r9, #0x01
	movs	pc, lr

fiq_h:					@ r8-r12 are banked here: free to use
	ldr	r8, =VIC0
	mov	r10, #1
	str	r10, [r8, #SOFTINTCLEAR]
	ldr	r8, =fiq_seen
	str	r10, [r8]
	subs	pc, lr, #4

irq_h:					@ the ordinary IRQ vector: must not be used
	b	irq_h

irq_direct:
	push	{r0, r1}
	ldr	r0, =VIC0
	mov	r1, #2
	str	r1, [r0, #SOFTINTCLEAR]
	str	r1, [r0, #ADDRESS]	@ end of interrupt
	orr	r9, r9, #0x04
	pop	{r0, r1}
	subs	pc, lr, #4

bad:	b	bad

	.balign	4
table:					@ copied to 0xFFFF0000
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	ldr	pc, [pc, #24]
	.word	bad, bad, svc_h, bad, bad, bad, irq_h, fiq_h

	.ltorg
	.balign	4
block:	.word	0, 0
fiq_seen: .word	0
