/* SPDX-License-Identifier: MIT */
/*
 * io.h - device register access for the guest.
 *
 * The boot page tables map the peripheral window 0x7000_0000-0x7FFF_FFFF
 * one-to-one as Device memory, so a register's virtual address is its
 * physical address.  Device accesses are ordered among themselves by the
 * architecture; the "memory" clobber keeps the compiler from moving normal
 * memory accesses across them (a DMA descriptor written before the doorbell).
 */
#ifndef GUEST_DRIVERS_IO_H
#define GUEST_DRIVERS_IO_H

#include <stdint.h>

static inline uint32_t readl(uintptr_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writel(uint32_t v, uintptr_t addr)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline uint8_t readb(uintptr_t addr)
{
	uint8_t v;

	__asm__ volatile("ldrb %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writeb(uint8_t v, uintptr_t addr)
{
	__asm__ volatile("strb %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

#endif /* GUEST_DRIVERS_IO_H */
