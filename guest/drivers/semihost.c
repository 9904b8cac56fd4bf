// SPDX-License-Identifier: MIT
/*
 * semihost.c - ARM semihosting calls.
 *
 * An SVC taken in SVC mode overwrites LR_svc, and the kernel runs in SVC
 * mode, so the call lists lr as clobbered: correct on a real board with a
 * debugger as well as under the emulator (which leaves LR alone).
 */
#include "drivers/cpu.h"
#include "drivers/semihost.h"

uint32_t semihost_call(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;

	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr", "cc");
	return r0;
}

void sys_write0(const char *s)
{
	semihost_call(SYS_WRITE0, s);
}

void sys_writec(char c)
{
	semihost_call(SYS_WRITEC, &c);
}

uint32_t sys_clock(void)
{
	return semihost_call(SYS_CLOCK, 0);
}

void sys_exit(int code)
{
	uint32_t block[2] = { ADP_Stopped_ApplicationExit, (uint32_t)code };

	semihost_call(SYS_EXIT_EXTENDED, block);
	/* A host without SYS_EXIT_EXTENDED: the plain call cannot carry the code. */
	semihost_call(SYS_EXIT, (const void *)(uintptr_t)ADP_Stopped_ApplicationExit);
	local_irq_disable();
	for (;;)
		cpu_do_idle();
}
