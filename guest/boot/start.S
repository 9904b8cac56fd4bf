/* SPDX-License-Identifier: MIT */
/*
 * start.S - the kernel's entry point.
 *
 * DOC: The emulator (or a bootloader) enters here as Linux's ARM boot
 * protocol says (Documentation/arm/booting.rst): SVC mode, IRQ/FIQ masked,
 * MMU and caches off, r0 = 0, r1 = machine number, r2 = physical address of
 * the device tree blob.  We
 *   1. keep r1/r2 in callee-saved registers,
 *   2. set SCTLR.U (ARMv6 unaligned loads/stores, which GCC assumes for
 *      ARMv6) and clear SCTLR.V, then point VBAR at our vector table,
 *   3. clear .bss (no stack is needed yet),
 *   4. give every exception mode its own stack,
 *   5. record the boot arguments, turn the MMU on (mmu_init, C) and
 *      continue in start_kernel() (boot/setup.c), which never returns.
 * The image runs where it is linked: physical 0x5000_8000, identity mapped.
 */
#include "boot/ptrace.h"

#define PSR_F_BIT    0x40
#define PSR_I_BIT    0x80
#define PSR_A_BIT    0x100
#define SVC_MODE     0x13
#define IRQ_MODE     0x12
#define FIQ_MODE     0x11
#define ABT_MODE     0x17
#define UND_MODE     0x1b
#define SYS_MODE     0x1f

#define SVC_STACK_SIZE (32 * 1024)
#define IRQ_STACK_SIZE (16 * 1024)	/* tick work (kswapd) runs here */
#define ABT_STACK_SIZE (4 * 1024)
#define UND_STACK_SIZE (4 * 1024)
#define FIQ_STACK_SIZE (1 * 1024)
#define SYS_STACK_SIZE (4 * 1024)

	.syntax unified
	.arm

	.section .head.text, "ax"
	.global _start
	.type	_start, %function
_start:
	cpsid	aif
	mov	r7, r1				@ machine number
	mov	r8, r2				@ DTB physical address

	/* SCTLR: MMU, caches, alignment checks and high vectors off; U on */
	mrc	p15, 0, r0, c1, c0, 0
	bic	r0, r0, #0x0007			@ M, A, C
	bic	r0, r0, #0x3000			@ I, V
	orr	r0, r0, #(1 << 22)		@ U
	mcr	p15, 0, r0, c1, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 4		@ flush prefetch buffer

	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR

	/* clear .bss: the linker script aligns both ends to 16 bytes */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_stop
	mov	r2, #0
	mov	r3, #0
	mov	r4, #0
	mov	r5, #0
1:	cmp	r0, r1
	stmialo	r0!, {r2-r5}
	blo	1b

	/* one stack per mode; each top is 8-byte aligned (AAPCS) */
	cps	#IRQ_MODE
	ldr	sp, =irq_stack_top
	cps	#FIQ_MODE
	ldr	sp, =fiq_stack_top
	cps	#ABT_MODE
	ldr	sp, =abt_stack_top
	cps	#UND_MODE
	ldr	sp, =und_stack_top
	cps	#SYS_MODE
	ldr	sp, =sys_stack_top
	cps	#SVC_MODE
	ldr	sp, =svc_stack_top

	ldr	r0, =boot_machine_nr
	str	r7, [r0]
	ldr	r0, =boot_dtb_pa
	str	r8, [r0]

	bl	mmu_init
	bl	start_kernel
2:	b	2b				@ start_kernel does not return
	.size	_start, . - _start

	.ltorg

	.section .bss.boot_args, "aw", %nobits
	.balign 4
	.global boot_dtb_pa
boot_dtb_pa:
	.space	4
	.global boot_machine_nr
boot_machine_nr:
	.space	4

	.section .stacks, "aw", %nobits
	.balign	16
	.global svc_stack_base, svc_stack_top
svc_stack_base:
	.space	SVC_STACK_SIZE
svc_stack_top:
	.global irq_stack_base, irq_stack_top
irq_stack_base:
	.space	IRQ_STACK_SIZE
irq_stack_top:
	.global fiq_stack_top
	.space	FIQ_STACK_SIZE
fiq_stack_top:
	.global abt_stack_top
	.space	ABT_STACK_SIZE
abt_stack_top:
	.global und_stack_top
	.space	UND_STACK_SIZE
und_stack_top:
	.global sys_stack_top
	.space	SYS_STACK_SIZE
sys_stack_top:
