/* SPDX-License-Identifier: MIT */
/*
 * vic.h - interrupts through the S3C6410's two PL192 VICs, Linux-style.
 *
 * irq numbers: VIC0 source n is irq n, VIC1 source n is irq 32 + n
 * (drivers/s3c6410.h names the ones we use).  Handlers run in IRQ mode with
 * interrupts masked, on the IRQ stack; they return IRQ_HANDLED when their
 * device had raised the interrupt.
 */
#ifndef GUEST_DRIVERS_VIC_H
#define GUEST_DRIVERS_VIC_H

#include <stdint.h>

#include "drivers/s3c6410.h"

struct pt_regs;

typedef enum irqreturn {
	IRQ_NONE = 0,
	IRQ_HANDLED = 1,
} irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *data);

/* PL192 registers (ARM DDI 0273, PrimeCell VIC PL192 TRM, sec. 3.2) */
#define VIC_IRQSTATUS      0x000
#define VIC_FIQSTATUS      0x004
#define VIC_RAWINTR        0x008
#define VIC_INTSELECT      0x00c
#define VIC_INTENABLE      0x010
#define VIC_INTENCLEAR     0x014
#define VIC_SOFTINT        0x018
#define VIC_SOFTINTCLEAR   0x01c
#define VIC_PROTECTION     0x020
#define VIC_SWPRIORITYMASK 0x024
#define VIC_PRIORITYDAISY  0x028
#define VIC_VECTADDR(n)    (0x100 + 4 * (n))
#define VIC_VECTPRIORITY(n) (0x200 + 4 * (n))
#define VIC_ADDRESS        0xf00
#define VIC_PERIPHID0      0xfe0

/* Base address of the VIC serving `irq`, and the irq's bit in it. */
static inline uintptr_t vic_base(int irq)
{
	return irq < 32 ? S3C_PA_VIC0 : S3C_PA_VIC1;
}

static inline uint32_t vic_bit(int irq)
{
	return 1u << (irq & 31);
}

/* Reset both VICs to a quiet state: all sources IRQ (not FIQ), disabled,
 * soft interrupts cleared, VECTADDRn = the Linux irq number of source n. */
void vic_init(void);
/* Install `handler` for `irq` and enable the source; -1 if taken or invalid. */
int request_irq(int irq, irq_handler_t handler, void *data);
void free_irq(int irq);
void enable_irq(int irq);
void disable_irq(int irq);
/* Raise/clear the VIC's software interrupt for `irq` (VICSOFTINT). */
void vic_raise_soft(int irq);
void vic_clear_soft(int irq);

/* Called from the IRQ exception entry. */
void do_irq(struct pt_regs *regs);

struct vic_stats {
	uint32_t irqs;            /* interrupts dispatched */
	uint32_t count[64];       /* per irq */
	uint32_t spurious;        /* IRQ entry with nothing pending */
	uint32_t unhandled;       /* pending source without a handler, or IRQ_NONE */
	uint32_t vector_mismatch; /* VICADDRESS named a source that was not pending */
};
const struct vic_stats *vic_stats(void);

#endif /* GUEST_DRIVERS_VIC_H */
