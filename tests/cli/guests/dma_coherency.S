/*
 * dma_coherency.S - DMA0 copies a buffer the CPU just wrote through its
 * write-back D-cache (MMU on: one section table, RAM cacheable, the rest
 * strongly ordered).  Built in variants:
 *  (none)     the dirty source lines stay in the cache: a missing clean;
 *  -DCLEAN    the guest cleans the source lines (c7, c10, 1) and drains the
 *             write buffer before the transfer, as dma_map_single(DMA_TO_DEVICE);
 *  -DSECOND   as (none), but after the loop in _start a second function,
 *             store_again, stores into the first source line once more: the
 *             missing clean on that line names it, the last store;
 *  -DDEST_CACHED (with CLEAN) the CPU reads the destination before the
 *             transfer, so its lines sit in the D-cache: reading them after
 *             the copy without an invalidate is a missing invalidate;
 *  -DINVAL    (with DEST_CACHED) the destination lines are invalidated
 *             (c7, c6, 1) after the transfer, as dma_unmap_single(DMA_FROM_DEVICE).
 * Exit 0 when the copy matches, 1 when it does not (what --coherency=strict
 * shows: the device read stale DRAM, or the CPU read its stale lines).
 */
	.arm
	.global _start
_start:
	ldr	r0, =0x50400000		@ L1 table, 16 KiB aligned
	mov	r1, #0
1:	mov	r2, r1, lsl #20
	orr	r2, r2, #0xc00		@ AP = 11: full access
	orr	r2, r2, #0x2		@ section
	cmp	r1, #0x500
	blo	2f
	cmp	r1, #0x600
	orrlo	r2, r2, #0xc		@ RAM: C, B: write-back cacheable
2:	str	r2, [r0, r1, lsl #2]
	add	r1, r1, #1
	cmp	r1, #0x1000
	bne	1b
	mov	r1, #0
	mcr	p15, 0, r1, c2, c0, 2	@ TTBCR = 0
	mcr	p15, 0, r0, c2, c0, 0	@ TTBR0
	mvn	r1, #0
	mcr	p15, 0, r1, c3, c0, 0	@ DACR: all manager
	mov	r1, #0
	mcr	p15, 0, r1, c8, c7, 0	@ invalidate TLBs
	mcr	p15, 0, r1, c7, c7, 0	@ invalidate caches
	mrc	p15, 0, r1, c1, c0, 0
	orr	r1, r1, #0x1		@ M
	orr	r1, r1, #0x4		@ C
	orr	r1, r1, #0x1000		@ I
	orr	r1, r1, #0x800000	@ XP
	mcr	p15, 0, r1, c1, c0, 0

	ldr	r0, =0x50100000		@ source
	ldr	r1, =0x50200000		@ destination
	mov	r2, #0
3:	ldr	r3, [r0, r2]		@ bring the line in (read-allocate)
	add	r3, r2, r2, lsl #8
	eor	r3, r3, #0x5a000000
	str	r3, [r0, r2]		@ dirty in the D-cache
	mov	r4, #0
	str	r4, [r1, r2]		@ destination: a miss, straight to memory
	add	r2, r2, #4
	cmp	r2, #256
	bne	3b
#ifdef SECOND
	bl	store_again
#endif
#ifdef CLEAN
	mov	r2, #0
4:	add	r3, r0, r2
	mcr	p15, 0, r3, c7, c10, 1	@ clean D line by MVA
	add	r2, r2, #32
	cmp	r2, #256
	bne	4b
	mov	r3, #0
	mcr	p15, 0, r3, c7, c10, 4	@ drain write buffer
#endif
#ifdef DEST_CACHED
	mov	r2, #0
7:	ldr	r3, [r1, r2]		@ the destination's lines: cached, clean
	add	r2, r2, #32
	cmp	r2, #256
	bne	7b
#endif

	ldr	r5, =0x75000000		@ DMA0
	mov	r3, #1
	str	r3, [r5, #0x030]	@ DMACConfiguration: on
	str	r0, [r5, #0x100]	@ C0 SrcAddr
	str	r1, [r5, #0x104]	@ C0 DestAddr
	mov	r3, #0
	str	r3, [r5, #0x108]	@ C0 LLI: none
	ldr	r3, =0x0c489000		@ SI, DI, 32-bit, bursts of 4
	str	r3, [r5, #0x10c]	@ C0 Control0
	mov	r3, #64
	str	r3, [r5, #0x110]	@ C0 Control1: 64 words
	ldr	r3, =0x8001		@ E, ITC, memory to memory
	str	r3, [r5, #0x114]	@ C0 Configuration
5:	ldr	r3, [r5, #0x114]	@ wait for E to clear
	tst	r3, #1
	bne	5b
#ifdef INVAL
	mov	r2, #0
8:	add	r3, r1, r2
	mcr	p15, 0, r3, c7, c6, 1	@ invalidate D line by MVA
	add	r2, r2, #32
	cmp	r2, #256
	bne	8b
#endif

	mov	r7, #0
	mov	r2, #0
6:	ldr	r3, [r0, r2]		@ the CPU's view of the source
	ldr	r4, [r1, r2]		@ what the device copied (a fresh fill)
	cmp	r3, r4
	movne	r7, #1
	add	r2, r2, #4
	cmp	r2, #256
	bne	6b

	ldr	r1, =block
	str	r7, [r1, #4]
	mov	r0, #0x20		@ SYS_EXIT_EXTENDED
	svc	0x123456

	.type	store_again, %function
store_again:				@ the first source word once more
	ldr	r3, [r0]
	str	r3, [r0]
	bx	lr
	.size	store_again, . - store_again

	.ltorg
	.balign	4
block:	.word	0x20026, 0
