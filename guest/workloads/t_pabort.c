// SPDX-License-Identifier: MIT
/*
 * t_pabort.c - a prefetch abort: branch-with-link to an unmapped address.
 * IFSR must say section translation fault (0x005) and IFAR the target; the
 * hook resumes at the return address the BLX left in LR (EXC_RESTART).
 */
#include <stdint.h>

#include "check.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"

#define VA_TARGET 0xE0400000u

extern const uint32_t blx_site[];

static volatile int aborts;
static volatile uint32_t seen_pc, seen_lr;
static struct fault seen;

static int on_abort(struct pt_regs *regs, const struct fault *f)
{
	aborts++;
	seen = *f;
	seen_pc = regs->ARM_pc;
	seen_lr = regs->ARM_lr;
	regs->ARM_pc = regs->ARM_lr;  /* "return" from the call that never started */
	return EXC_RESTART;
}

int main(void)
{
	set_abort_handler(on_abort);
	__asm__ volatile(".global blx_site\nblx_site:\n\tblx %0"
			 : : "r"(VA_TARGET) : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");

	CHECK(aborts == 1, "one abort (%d)", aborts);
	CHECK(seen.vector == VEC_PABT, "reported as a prefetch abort");
	CHECK(seen_pc == VA_TARGET, "PC %#lx is the branch target", (unsigned long)seen_pc);
	CHECK(seen.addr == VA_TARGET, "IFAR %#lx (want %#lx)", (unsigned long)seen.addr,
	      (unsigned long)VA_TARGET);
	CHECK((seen.fsr & 0x140f) == 0x005, "IFSR %#lx = %s (want 0x005)", (unsigned long)seen.fsr,
	      fsr_name(seen.status));
	CHECK(seen_lr == (uint32_t)(uintptr_t)blx_site + 4, "LR %#lx is after the BLX",
	      (unsigned long)seen_lr);
	return check_done("t_pabort");
}
