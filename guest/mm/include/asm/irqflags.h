/* SPDX-License-Identifier: MIT */
/*
 * asm/irqflags.h - local interrupt masking (Linux arch/arm/include/asm/irqflags.h).
 *
 * DOC: The guest masks IRQs with CPSR.I (cpsid i / msr cpsr_c), as ARMv6
 * Linux does.  The native build has no interrupts: the mask is a variable,
 * so code paths that require IRQs off (or on) can still be checked.
 */
#ifndef ASM_IRQFLAGS_H
#define ASM_IRQFLAGS_H

#include <mm/types.h>

#define PSR_I_BIT 0x00000080u

#ifdef GUEST_ARM
static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	asm volatile("mrs %0, cpsr" : "=r"(flags) : : "memory", "cc");
	return flags;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	asm volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) : : "memory", "cc");
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	asm volatile("msr cpsr_c, %0" : : "r"(flags) : "memory", "cc");
}

static inline void arch_local_irq_enable(void)
{
	asm volatile("cpsie i" : : : "memory", "cc");
}

static inline void arch_local_irq_disable(void)
{
	asm volatile("cpsid i" : : : "memory", "cc");
}
#else
extern unsigned long native_cpsr;

static inline unsigned long arch_local_save_flags(void)
{
	return native_cpsr;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = native_cpsr;

	native_cpsr |= PSR_I_BIT;
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	native_cpsr = flags;
}

static inline void arch_local_irq_enable(void)
{
	native_cpsr &= ~PSR_I_BIT;
}

static inline void arch_local_irq_disable(void)
{
	native_cpsr |= PSR_I_BIT;
}
#endif

static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return flags & PSR_I_BIT;
}

#define local_irq_save(flags) ((flags) = arch_local_irq_save())
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define local_irq_enable() arch_local_irq_enable()
#define local_irq_disable() arch_local_irq_disable()
#define irqs_disabled() arch_irqs_disabled_flags(arch_local_save_flags())

#endif /* ASM_IRQFLAGS_H */
