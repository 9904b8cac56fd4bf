/*
 * unimp_flood.S - read every 8th byte of 2 MiB of the peripheral window where
 * nothing is modelled (0x7400_0000: 262144 distinct registers), then exit 0.
 * The emulator must stay quick, print a bounded number of reports and say
 * at exit how many it held back.
 */
	.arm
	.global _start
_start:
	ldr	r4, =0x74000000
	ldr	r5, =0x74200000
1:
flood_read:
	ldrb	r0, [r4], #8
	cmp	r4, r5
	bne	1b
	ldr	r1, =block
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456
	.ltorg
	.balign	4
block:	.word	0x20026, 0
