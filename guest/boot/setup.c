// SPDX-License-Identifier: MIT
/*
 * setup.c - bring the board up after the MMU is on, run main(), exit.
 *
 * DOC: Order matters: clocks first (the UART's divider and the tick need
 * PCLK), then the console, then both VICs quiet, then the tick; IRQs are
 * unmasked only when all of that is in place.  main() returns the exit code,
 * which leaves through semihosting after the UART has drained.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "boot/setup.h"
#include "drivers/clock.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"
#include "drivers/uart.h"
#include "drivers/vic.h"

#define CONSOLE_BAUD 115200
#define STACK_CANARY 0x57ac4b0du
#define STACK_GUARD_WORDS 256  /* 1 KiB: deeper than most frames' unwritten holes */

/*
 * The bottom 1 KiB of the SVC and IRQ stacks is painted at boot and checked
 * at exit: a stack that grew into it has probably grown past it as well,
 * into .bss, so the run's result cannot be trusted.
 */
static void stack_canaries_set(void)
{
	for (int i = 0; i < STACK_GUARD_WORDS; i++) {
		((volatile uint32_t *)svc_stack_base)[i] = STACK_CANARY;
		((volatile uint32_t *)irq_stack_base)[i] = STACK_CANARY;
	}
}

static const char *stack_canaries_check(void)
{
	for (int i = 0; i < STACK_GUARD_WORDS; i++) {
		if (((volatile uint32_t *)svc_stack_base)[i] != STACK_CANARY)
			return "SVC";
		if (((volatile uint32_t *)irq_stack_base)[i] != STACK_CANARY)
			return "IRQ";
	}
	return NULL;
}

void kernel_exit(int code)
{
	const char *overflow;

	local_irq_disable();
	overflow = stack_canaries_check();
	if (overflow && code != PANIC_EXIT_CODE) {
		stack_canaries_set();  /* panic() exits through here again */
		panic("%s stack overflow (exit code would have been %d)", overflow, code);
	}
	uart_flush();
	sys_exit(code);
}

void exit(int status)
{
	kernel_exit(status);
}

void start_kernel(void)
{
	stack_canaries_set();
	local_abt_enable();  /* the vectors are in place: bus errors may be reported */
	s3c_clk_init();
	uart_init(CONSOLE_BAUD);
	vic_init();
	uart_enable_irq();
	if (timer_init(HZ))
		panic("timer: cannot start the tick (PCLK %lu Hz)", (unsigned long)s3c_clk_pclk());
	local_irq_enable();
	kernel_exit(main());
}
