// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm_arm.c - the guest side of guest/mm's page allocator layer.
 *
 * DOC: The kernel image is [_text, _end) of guest/boot/kernel.ld (linked
 * and run at its physical address).  An mm BUG prints and leaves the
 * emulator with exit code 134; kswapd/kcompactd work is hooked to the
 * timer tick (IRQ context, skipped while mm code is running) and to idle.
 */
#include <mm/printk.h>
#include <mm/vmscan.h>
#include <asm/memory.h>

#include "boot/setup.h"
#include "drivers/cpu.h"
#include "drivers/timer.h"

void arch_kernel_image(phys_addr_t *start, phys_addr_t *end)
{
	*start = (phys_addr_t)(uintptr_t)_text;
	*end = (phys_addr_t)(uintptr_t)_end;
}

void arch_mm_register_background(void);
void arch_mm_register_background(void)
{
	if (tick_register(mm_background_work, NULL))
		pr_warn("mm: cannot hook kswapd/kcompactd to the timer tick\n");
	if (idle_register(mm_idle_work))
		pr_warn("mm: cannot hook kswapd/kcompactd to idle\n");
}

void mm_bug(const char *file, int line, const char *cond)
{
	printf("kernel BUG at %s:%d: %s\n", file, line, cond);
	kernel_exit(134);
}

void mm_warn(const char *file, int line, const char *cond)
{
	printf("WARNING: at %s:%d: %s\n", file, line, cond);
}
