/*
 * unimp.S - touch a peripheral nobody models (GPIO, 0x7F008000) three times
 * for reading and twice for writing, then exit 0.  The emulator must say so
 * once per register and direction, naming the instruction, and carry on.
 */
	.arm
	.global _start
_start:
	ldr	r4, =0x7f008000
	mov	r5, #3
1:
gpio_read:
	ldr	r0, [r4]
	subs	r5, r5, #1
	bne	1b
	mov	r5, #2
2:
gpio_write:
	str	r5, [r4]
	subs	r5, r5, #1
	bne	2b
	ldr	r1, =block
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456
	.ltorg
	.balign	4
block:	.word	0x20026, 0
