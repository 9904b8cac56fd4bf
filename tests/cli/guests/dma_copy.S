/*
 * dma_copy.S - a bare guest drives DMA0 channel 0 as Linux's amba-pl08x
 * would for a memcpy (controller on, registers, then the enable): 256 bytes
 * in bursts of four words, then it polls RawIntTCStatus.  Exit status 0 when
 * the copy is right and took time (the guest saw the channel busy at least
 * once), 1 for wrong data, 2 for a transfer that finished in zero time.
 */
	.arm
	.global _start
_start:
	ldr	r0, =0x50100000		@ source: a pattern
	ldr	r1, =0x50200000		@ destination: zeros
	mov	r2, #0
1:	add	r3, r2, r2, lsl #8
	eor	r3, r3, #0x5a000000
	str	r3, [r0, r2]
	mov	r4, #0
	str	r4, [r1, r2]
	add	r2, r2, #4
	cmp	r2, #256
	bne	1b

	ldr	r5, =0x75000000		@ DMA0
	mov	r3, #1
	str	r3, [r5, #0x030]	@ DMACConfiguration: on
	str	r0, [r5, #0x100]	@ C0 SrcAddr
	str	r1, [r5, #0x104]	@ C0 DestAddr
	mov	r3, #0
	str	r3, [r5, #0x108]	@ C0 LLI: none
	ldr	r3, =0x0c489000	@ SI, DI, 32-bit, bursts of 4
	orr	r3, r3, #0x80000000	@ I: terminal-count interrupt
	str	r3, [r5, #0x10c]	@ C0 Control0
	mov	r3, #64
	str	r3, [r5, #0x110]	@ C0 Control1: 64 words
	ldr	r3, =0x8001		@ E, ITC, memory to memory
	str	r3, [r5, #0x114]	@ C0 Configuration

	mov	r6, #0			@ polls that saw it still running
2:	ldr	r3, [r5, #0x014]	@ RawIntTCStatus
	tst	r3, #1
	addeq	r6, r6, #1
	beq	2b
	mov	r3, #1
	str	r3, [r5, #0x008]	@ IntTCClear

	mov	r7, #0			@ exit status
	cmp	r6, #0
	moveq	r7, #2
	mov	r2, #0
3:	ldr	r3, [r0, r2]
	ldr	r4, [r1, r2]
	cmp	r3, r4
	movne	r7, #1
	add	r2, r2, #4
	cmp	r2, #256
	bne	3b

	ldr	r1, =block
	str	r7, [r1, #4]
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456
	.ltorg
	.balign	4
block:	.word	0x20026, 0
