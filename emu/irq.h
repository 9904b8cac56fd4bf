/* SPDX-License-Identifier: MIT */
/*
 * irq.h - an interrupt line is a value: who to tell, and which input it is.
 *
 * A device holds one `struct irq_line` per output and calls irq_set() from its
 * update function; the receiver (a VIC input, the CPU's nIRQ/nFIQ) decides
 * what a level change means.  An unconnected line is all zero and ignored.
 */
#ifndef EMU_IRQ_H
#define EMU_IRQ_H

struct irq_line {
	void (*set)(void *opaque, int n, int level);
	void *opaque;
	int n;
};

static inline void irq_set(const struct irq_line *l, int level)
{
	if (l->set)
		l->set(l->opaque, l->n, level);
}

static inline struct irq_line irq_line(void (*set)(void *, int, int), void *opaque, int n)
{
	return (struct irq_line){ .set = set, .opaque = opaque, .n = n };
}

#endif /* EMU_IRQ_H */
