/*
 * crash.S - guests that misbehave in one way each, with no exception
 * handlers installed (VBAR = 0, where the S3C6410 has no RAM).  Built once
 * per CRASH_* variant; the emulator must stop with a report naming the PC.
 */
	.arm
	.global _start
_start:
#if defined(CRASH_UNDEF)
	nop
crash_here:
	.word	0xe7f000f0		@ permanently undefined
#elif defined(CRASH_BUS_ERROR)
	ldr	r0, =0x60000000		@ between RAM and the peripherals: nothing there
crash_here:
	ldr	r1, [r0]
	b	.
#elif defined(CRASH_DEADLOCK)
	cpsid	if
crash_here:
	mcr	p15, 0, r0, c7, c0, 4	@ WFI with nothing that could wake it
	b	.
#elif defined(CRASH_SPIN)
crash_here:
	b	.			@ runs until --max-cycles
#elif defined(CRASH_WATCHDOG)
	ldr	r0, =0x7e004000		@ watchdog
	mov	r1, #100
	str	r1, [r0, #8]		@ WTCNT = 100
	ldr	r1, =(0 << 8) | (1 << 5) | (0 << 3) | (1 << 0)
	str	r1, [r0]		@ prescaler 1, enable, /16, reset enable
crash_here:
	b	.
#elif defined(CRASH_THUMB_BSS)
	/*
	 * A wild branch in Thumb state into zeroed .bss: zeros decode as
	 * "movs r0, r0", so the core slides through 4 KiB of them and then
	 * meets a store to physical 0 (planted at run time), a bus error.
	 */
	ldr	r2, =bss_area + 4096
	ldr	r3, =0x6008		@ Thumb: str r0, [r1]
	strh	r3, [r2]
	mov	r1, #0
	ldr	r0, =bss_area + 1	@ bit 0: Thumb state
crash_here:
	bx	r0
#elif defined(CRASH_RESET_CLEARS)
	/* Every boot finds RAM zero, as after power-on: a word written before
	 * the watchdog reset must be gone after it, or the guest crashes. */
	ldr	r2, =0x58000000
	ldr	r3, [r2]
	cmp	r3, #0
crash_here:
	.word	0x17f000f0		@ (ne) permanently undefined: RAM survived
	ldr	r3, =0x5a5aa5a5
	str	r3, [r2]
	ldr	r0, =0x7e004000		@ watchdog
	mov	r1, #100
	str	r1, [r0, #8]		@ WTCNT = 100
	ldr	r1, =(0 << 8) | (1 << 5) | (0 << 3) | (1 << 0)
	str	r1, [r0]		@ prescaler 1, enable, /16, reset enable
	b	.
#else
#error "pick a CRASH_* variant"
#endif
	.ltorg
#if defined(CRASH_THUMB_BSS)
	.bss
	.balign	4
bss_area:
	.space	4096 + 4
#endif
