// SPDX-License-Identifier: MIT
/*
 * cpu.c - the idle loop and D-cache range maintenance for the ARM1176.
 */
#include <stdint.h>

#include "drivers/cpu.h"

#define MAX_IDLE_FNS 8

static void (*idle_fns[MAX_IDLE_FNS])(void);

int idle_register(void (*fn)(void))
{
	for (int i = 0; i < MAX_IDLE_FNS; i++) {
		if (!idle_fns[i]) {
			idle_fns[i] = fn;
			return 0;
		}
	}
	return -1;
}

int idle_unregister(void (*fn)(void))
{
	for (int i = 0; i < MAX_IDLE_FNS; i++) {
		if (idle_fns[i] == fn) {
			idle_fns[i] = 0;
			return 0;
		}
	}
	return -1;
}

void cpu_idle(void)
{
	unsigned long flags;

	for (int i = 0; i < MAX_IDLE_FNS; i++)
		if (idle_fns[i])
			idle_fns[i]();
	local_irq_save(flags);
	cpu_do_idle();
	local_irq_restore(flags);  /* the pending interrupt is taken here */
}

void cpu_dcache_clean_area(const void *va, size_t size)
{
	uintptr_t p = (uintptr_t)va & ~(uintptr_t)(CACHE_LINE_SIZE - 1);
	uintptr_t end = (uintptr_t)va + size;

	for (; p < end; p += CACHE_LINE_SIZE)
		cpu_dcache_clean_line((const void *)p);
	cpu_dsb();
}

void cpu_dcache_inv_area(void *va, size_t size)
{
	uintptr_t start = (uintptr_t)va, end = start + size;
	uintptr_t mask = CACHE_LINE_SIZE - 1;

	/* Lines shared with data outside the range must not lose that data. */
	if (start & mask) {
		cpu_dcache_flush_line((const void *)(start & ~mask));
		start = (start | mask) + 1;
	}
	if (end & mask) {
		cpu_dcache_flush_line((const void *)(end & ~mask));
		end &= ~mask;
	}
	for (; start < end; start += CACHE_LINE_SIZE)
		cpu_dcache_inv_line((const void *)start);
	cpu_dsb();
}

void cpu_dcache_flush_area(const void *va, size_t size)
{
	uintptr_t p = (uintptr_t)va & ~(uintptr_t)(CACHE_LINE_SIZE - 1);
	uintptr_t end = (uintptr_t)va + size;

	for (; p < end; p += CACHE_LINE_SIZE)
		cpu_dcache_flush_line((const void *)p);
	cpu_dsb();
}

void cpu_cache_flush_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c14, 0" : : "r"(0) : "memory");
	cpu_icache_inv_all();
	cpu_dsb();
}
