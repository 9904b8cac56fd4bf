// SPDX-License-Identifier: MIT
/*
 * t_undef.c - an undefined instruction, handled by a hook, and resumed.
 *
 * 0xe7f000f0 is in the ARM architecturally-undefined space (UDF).  The hook
 * counts the trap, records the PC and the instruction it saw, checks the
 * saved registers, changes r0 in the frame, and steps over the instruction.
 * Afterwards r0 must hold the hook's value and r4-r8, r10 their old values.
 */
#include <stdint.h>

#include "boot/setup.h"
#include "check.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"

#define R0_IN   0x12345678u
#define R0_OUT  0xc0ffee00u

extern const uint32_t undef_site[];

static volatile int undef_count;
static volatile uint32_t sp_at_trap;
static volatile uint32_t seen_pc, seen_insn, seen_cpsr, seen_sp, seen_r[13];

static int on_undef(struct pt_regs *regs, uint32_t insn)
{
	undef_count++;
	seen_pc = regs->ARM_pc;
	seen_insn = insn;
	seen_cpsr = regs->ARM_cpsr;
	seen_sp = regs->ARM_sp;
	for (int i = 0; i < 13; i++)
		seen_r[i] = regs->uregs[i];
	if (regs->ARM_r0 == R0_IN)
		regs->ARM_r0 = R0_OUT;
	return EXC_HANDLED;
}

/*
 * Load known values into r0, r4-r8, r10, trap, and return them.  A separate
 * function, so that no call sits between loading the registers and the trap
 * (a call would clobber r0 behind the register variables' back).
 */
static void __attribute__((noinline)) trap_with_values(uint32_t out[7])
{
	register uint32_t r0 __asm__("r0") = R0_IN;
	register uint32_t r4 __asm__("r4") = 0x44444444;
	register uint32_t r5 __asm__("r5") = 0x55555555;
	register uint32_t r6 __asm__("r6") = 0x66666666;
	register uint32_t r7 __asm__("r7") = 0x77777777;
	register uint32_t r8 __asm__("r8") = 0x88888888;
	register uint32_t r10 __asm__("r10") = 0xaaaaaaaa;
	uint32_t sp;

	__asm__ volatile(
		"mov %[sp], sp\n"
		".global undef_site\n"
		"undef_site:\n\t"
		".word 0xe7f000f0\n\t"
		: [sp] "=&r"(sp), "+r"(r0), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8),
		  "+r"(r10)
		:
		: "memory");
	sp_at_trap = sp;
	out[0] = r0;
	out[1] = r4;
	out[2] = r5;
	out[3] = r6;
	out[4] = r7;
	out[5] = r8;
	out[6] = r10;
}

int main(void)
{
	uint32_t out[7];

	set_undef_handler(on_undef);
	trap_with_values(out);

	CHECK(undef_count == 1, "the hook ran once (%d)", undef_count);
	CHECK(seen_pc == (uint32_t)(uintptr_t)undef_site, "it saw PC %#lx = undef_site %#lx",
	      (unsigned long)seen_pc, (unsigned long)(uintptr_t)undef_site);
	CHECK(seen_insn == 0xe7f000f0, "and the instruction %#lx", (unsigned long)seen_insn);
	CHECK((seen_cpsr & PSR_MODE_MASK) == PSR_SVC_MODE && !(seen_cpsr & PSR_T_BIT),
	      "interrupted CPSR %#lx: SVC mode, ARM state", (unsigned long)seen_cpsr);
	CHECK(seen_sp == sp_at_trap, "saved SP is the SVC stack pointer (%#lx, want %#lx)",
	      (unsigned long)seen_sp, (unsigned long)sp_at_trap);
	CHECK(seen_r[0] == R0_IN && seen_r[4] == 0x44444444 && seen_r[8] == 0x88888888 &&
	      seen_r[10] == 0xaaaaaaaa, "saved r0/r4/r8/r10 are the trapping code's");
	CHECK(out[0] == R0_OUT, "r0 changed by the hook comes back (%#lx)", (unsigned long)out[0]);
	CHECK(out[1] == 0x44444444 && out[2] == 0x55555555 && out[3] == 0x66666666 &&
	      out[4] == 0x77777777 && out[5] == 0x88888888 && out[6] == 0xaaaaaaaa,
	      "r4-r8, r10 survive the trap");
	CHECK(!irqs_disabled(), "IRQs enabled again after the return");
	return check_done("t_undef");
}
