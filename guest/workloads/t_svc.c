// SPDX-License-Identifier: MIT
/*
 * t_svc.c - an SVC from SVC mode (not a semihosting call) reaches the
 * installed hook with its immediate; the hook's r0 comes back as the result.
 * SVC in SVC mode is the entry path's same-mode case: LR_svc is overwritten
 * by the exception, so the caller lists lr as clobbered, as semihosting does.
 */
#include <stdint.h>

#include "check.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"
#include "drivers/semihost.h"

extern const uint32_t svc_site[];

static volatile int calls;
static volatile uint32_t seen_imm, seen_pc, seen_cpsr, seen_sp;

static int on_svc(struct pt_regs *regs, uint32_t imm)
{
	calls++;
	seen_imm = imm;
	seen_pc = regs->ARM_pc;
	seen_cpsr = regs->ARM_cpsr;
	seen_sp = regs->ARM_sp;
	regs->ARM_r0 = regs->ARM_r0 * 2 + regs->ARM_r1;  /* a tiny "system call" */
	return EXC_HANDLED;
}

static uint32_t __attribute__((noinline)) do_call(uint32_t a, uint32_t b, uint32_t *sp_out)
{
	register uint32_t r0 __asm__("r0") = a;
	register uint32_t r1 __asm__("r1") = b;
	uint32_t sp;

	__asm__ volatile("mov %[sp], sp\n"
			 ".global svc_site\n"
			 "svc_site:\n\t"
			 "svc #0x42"
			 : [sp] "=&r"(sp), "+r"(r0)
			 : "r"(r1)
			 : "lr", "memory", "cc");
	*sp_out = sp;
	return r0;
}

int main(void)
{
	uint32_t sp, r;

	set_svc_handler(on_svc);
	r = do_call(20, 2, &sp);
	CHECK(calls == 1, "the hook ran once (%d)", calls);
	CHECK(seen_imm == 0x42, "immediate 0x42 (got %#lx)", (unsigned long)seen_imm);
	CHECK(seen_pc == (uint32_t)(uintptr_t)svc_site + 4, "ARM_pc %#lx is after the SVC",
	      (unsigned long)seen_pc);
	CHECK((seen_cpsr & PSR_MODE_MASK) == PSR_SVC_MODE, "taken from SVC mode (CPSR %#lx)",
	      (unsigned long)seen_cpsr);
	CHECK(seen_sp == sp, "saved SP is the caller's (%#lx, want %#lx)", (unsigned long)seen_sp,
	      (unsigned long)sp);
	CHECK(r == 42, "r0 from the hook comes back (%lu)", (unsigned long)r);
	CHECK(sys_clock() != 0xffffffffu && calls == 1, "semihosting SVCs do not reach the hook");
	CHECK(!irqs_disabled(), "IRQs enabled again after the return");
	return check_done("t_svc");
}
