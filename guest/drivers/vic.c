// SPDX-License-Identifier: MIT
/*
 * vic.c - IRQ dispatch through the two PL192 vectored interrupt controllers.
 *
 * DOC: Each VIC's VECTADDRn holds the Linux irq number of its source n.  On
 * an IRQ exception do_irq() serves VIC0 then VIC1 while either has a
 * pending source: it reads the VIC's VICADDRESS (which also raises the
 * VIC's hardware priority level to that source's, as the PL192 TRM's
 * interrupt flow requires), calls the handler of the irq it names, then
 * writes VICADDRESS to end the interrupt and restore the priority level.
 * The irq read back is checked against VICIRQSTATUS; a mismatch is counted
 * and the lowest pending source is served instead, so a broken vector
 * cannot hang the guest and the statistics show it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "boot/ptrace.h"
#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/vic.h"

/* Give up on an interrupt storm after this many rounds in one entry. */
#define MAX_ROUNDS 64

struct irq_desc {
	irq_handler_t handler;
	void *data;
};

static struct irq_desc irq_desc[S3C_NR_IRQS];
static struct vic_stats stats;

static void vic_reset_one(uintptr_t base, int first_irq)
{
	writel(0, base + VIC_INTSELECT);
	writel(~0u, base + VIC_INTENCLEAR);
	writel(~0u, base + VIC_SOFTINTCLEAR);
	writel(0, base + VIC_PROTECTION);
	writel(0xffff, base + VIC_SWPRIORITYMASK);
	for (int i = 0; i < 32; i++) {
		writel((uint32_t)(first_irq + i), base + VIC_VECTADDR(i));
		writel(0xf, base + VIC_VECTPRIORITY(i));
	}
}

void vic_init(void)
{
	vic_reset_one(S3C_PA_VIC0, 0);
	vic_reset_one(S3C_PA_VIC1, 32);
}

int request_irq(int irq, irq_handler_t handler, void *data)
{
	unsigned long flags;
	int ret = -1;

	if (irq < 0 || irq >= S3C_NR_IRQS || !handler)
		return -1;
	local_irq_save(flags);
	if (!irq_desc[irq].handler) {
		irq_desc[irq].handler = handler;
		irq_desc[irq].data = data;
		writel(vic_bit(irq), vic_base(irq) + VIC_INTENABLE);
		ret = 0;
	}
	local_irq_restore(flags);
	return ret;
}

void free_irq(int irq)
{
	unsigned long flags;

	if (irq < 0 || irq >= S3C_NR_IRQS)
		return;
	local_irq_save(flags);
	writel(vic_bit(irq), vic_base(irq) + VIC_INTENCLEAR);
	irq_desc[irq].handler = NULL;
	irq_desc[irq].data = NULL;
	local_irq_restore(flags);
}

void enable_irq(int irq)
{
	if (irq >= 0 && irq < S3C_NR_IRQS)
		writel(vic_bit(irq), vic_base(irq) + VIC_INTENABLE);
}

void disable_irq(int irq)
{
	if (irq >= 0 && irq < S3C_NR_IRQS)
		writel(vic_bit(irq), vic_base(irq) + VIC_INTENCLEAR);
}

void vic_raise_soft(int irq)
{
	if (irq >= 0 && irq < S3C_NR_IRQS)
		writel(vic_bit(irq), vic_base(irq) + VIC_SOFTINT);
}

void vic_clear_soft(int irq)
{
	if (irq >= 0 && irq < S3C_NR_IRQS)
		writel(vic_bit(irq), vic_base(irq) + VIC_SOFTINTCLEAR);
}

const struct vic_stats *vic_stats(void)
{
	return &stats;
}

static void handle_irq(int irq)
{
	struct irq_desc *d = &irq_desc[irq];

	stats.irqs++;
	stats.count[irq]++;
	if (d->handler && d->handler(irq, d->data) == IRQ_HANDLED)
		return;
	/* Nobody claims it: mask it, as Linux's note_interrupt() eventually does. */
	if (stats.unhandled++ == 0)
		printf("irq %d: nobody cared, disabling it\n", irq);
	disable_irq(irq);
}

/* Serve one pending source of the VIC at `base`; false when none is pending. */
static bool vic_serve_one(uintptr_t base, int first_irq)
{
	uint32_t status = readl(base + VIC_IRQSTATUS);
	uint32_t vector;
	int irq;

	if (!status)
		return false;
	vector = readl(base + VIC_ADDRESS);
	irq = (int)vector;
	if (vector - (uint32_t)first_irq >= 32 || !(status & vic_bit(irq))) {
		stats.vector_mismatch++;
		irq = first_irq + __builtin_ctz(status);
	}
	handle_irq(irq);
	writel(0, base + VIC_ADDRESS);
	return true;
}

void do_irq(struct pt_regs *regs)
{
	bool any = false;

	for (int round = 0; round < MAX_ROUNDS; round++) {
		bool served = vic_serve_one(S3C_PA_VIC0, 0);

		served |= vic_serve_one(S3C_PA_VIC1, 32);
		if (!served)
			break;
		any = true;
	}
	if (!any)
		stats.spurious++;
}
