/*
 * buserr_flood.S - 1000 reads of an address with nothing behind it, each an
 * imprecise external abort the handler returns from, then exit 0.  The
 * emulator reports the first bus errors and counts the rest.
 */
	.arm
	.global _start
	.balign	32
vectors:
	b	.
	b	.
	b	.
	b	.
	b	dabt_h
	b	.
	b	.
	b	.

_start:
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR
	cps	#0x17
	ldr	sp, =0x500f0000
	cps	#0x13
	ldr	sp, =0x500e0000
	cpsie	a
	ldr	r4, =0x60000000
	b	flood_read
	.ltorg
	@ Unrolled, so each abort resumes somewhere new: the same fault at the
	@ same place 64 times in a row is (rightly) a crash.
flood_read:
	.rept	1000
	ldr	r0, [r4]
	b	9f
9:
	.endr
	ldr	r1, =block
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456

dabt_h:
	subs	pc, lr, #8		@ resume where the core was interrupted

	.ltorg
	.balign	4
block:	.word	0x20026, 0
