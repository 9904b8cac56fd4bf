/* SPDX-License-Identifier: MIT */
/*
 * gpio.c - GPIO ports and EINT registers as storage with reset values (see
 * gpio.h); the only behaviour is write-1-to-clear pending bits and the
 * group interrupt they drive.
 */
#include "soc/s3c6410/gpio.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "emu/log.h"
#include "emu/regs.h"
#include "soc/s3c6410/device.h"

/* The EINT registers with behaviour; every register is in `gpio_regs` below. */
REG32(EINT12MASK, 0x240)
REG32(EINT12PEND, 0x260)
REG32(EINT0MASK, 0x920)
REG32(EINT0PEND, 0x924)
#define EINT_GROUP_WORDS 5 /* EINT12, 34, 56, 78, 9 */

enum reg_kind { R_RW, R_W1C };

/*
 * Reset values from the manual's register tables: inputs (CON 0) on the
 * general ports, pull-downs enabled (PUD 01 per pin), the memory-port and
 * always-on ports in their function states, every EINT masked (check: the
 * PUD and memory-port values are as the manual's tables were read for this
 * model, not confirmed on a board; the same for SPCON and the drive strengths).
 */
static const struct gpio_reg {
	const char *name;
	uint16_t offset;
	enum reg_kind kind;
	uint32_t reset;
} gpio_regs[] = {
#define PORT4(P, off, pud)                                                         \
	{ "GP" #P "CON", (off), R_RW, 0 }, { "GP" #P "DAT", (off) + 4, R_RW, 0 },  \
	{ "GP" #P "PUD", (off) + 8, R_RW, (pud) },                                 \
	{ "GP" #P "CONSLP", (off) + 0xc, R_RW, 0 }, { "GP" #P "PUDSLP", (off) + 0x10, R_RW, 0 }
	PORT4(A, 0x000, 0x00005555),
	PORT4(B, 0x020, 0x00001555),
	PORT4(C, 0x040, 0x00005555),
	PORT4(D, 0x060, 0x00000155),
	PORT4(E, 0x080, 0x00000155),
	PORT4(F, 0x0a0, 0x55555555),
	PORT4(G, 0x0c0, 0x00001555),
	{ "GPHCON0", 0x0e0, R_RW, 0 }, { "GPHCON1", 0x0e4, R_RW, 0 },
	{ "GPHDAT", 0x0e8, R_RW, 0 }, { "GPHPUD", 0x0ec, R_RW, 0x00055555 },
	{ "GPHCONSLP", 0x0f0, R_RW, 0 }, { "GPHPUDSLP", 0x0f4, R_RW, 0 },
	PORT4(I, 0x100, 0x55555555),
	PORT4(J, 0x120, 0x00555555),
	PORT4(O, 0x140, 0x55555555),
	PORT4(P, 0x160, 0x55555555),
	PORT4(Q, 0x180, 0x00015555),
#undef PORT4
	{ "SPCON", 0x1a0, R_RW, 0xbfc11500 },
	{ "MEM0CONSTOP", 0x1b0, R_RW, 0 }, { "MEM1CONSTOP", 0x1b4, R_RW, 0 },
	{ "MEM0CONSLP0", 0x1c0, R_RW, 0 }, { "MEM0CONSLP1", 0x1c4, R_RW, 0 },
	{ "MEM1CONSLP", 0x1c8, R_RW, 0 },
	{ "MEM0DRVCON", 0x1d0, R_RW, 0x10555551 }, { "MEM1DRVCON", 0x1d4, R_RW, 0x55555555 },
	{ "EINT12CON", 0x200, R_RW, 0 }, { "EINT34CON", 0x204, R_RW, 0 },
	{ "EINT56CON", 0x208, R_RW, 0 }, { "EINT78CON", 0x20c, R_RW, 0 },
	{ "EINT9CON", 0x210, R_RW, 0 },
	{ "EINT12FLTCON", 0x220, R_RW, 0 }, { "EINT34FLTCON", 0x224, R_RW, 0 },
	{ "EINT56FLTCON", 0x228, R_RW, 0 }, { "EINT78FLTCON", 0x22c, R_RW, 0 },
	{ "EINT9FLTCON", 0x230, R_RW, 0 },
	{ "EINT12MASK", A_EINT12MASK, R_RW, 0x7f7f7fff }, { "EINT34MASK", 0x244, R_RW, 0x3fff3fff },
	{ "EINT56MASK", 0x248, R_RW, 0x03ff007f }, { "EINT78MASK", 0x24c, R_RW, 0x7fffffff },
	{ "EINT9MASK", 0x250, R_RW, 0x000001ff },
	{ "EINT12PEND", A_EINT12PEND, R_W1C, 0 }, { "EINT34PEND", 0x264, R_W1C, 0 },
	{ "EINT56PEND", 0x268, R_W1C, 0 }, { "EINT78PEND", 0x26c, R_W1C, 0 },
	{ "EINT9PEND", 0x270, R_W1C, 0 },
	{ "PRIORITY", 0x280, R_RW, 0x3ff }, { "SERVICE", 0x284, R_RW, 0 },
	{ "SERVICEPEND", 0x288, R_RW, 0 },
	{ "GPKCON0", 0x800, R_RW, 0x22222222 }, { "GPKCON1", 0x804, R_RW, 0x22222222 },
	{ "GPKDAT", 0x808, R_RW, 0 }, { "GPKPUD", 0x80c, R_RW, 0x55555555 },
	{ "GPLCON0", 0x810, R_RW, 0x22222222 }, { "GPLCON1", 0x814, R_RW, 0x22222222 },
	{ "GPLDAT", 0x818, R_RW, 0 }, { "GPLPUD", 0x81c, R_RW, 0x55555555 },
	{ "GPMCON", 0x820, R_RW, 0x00222222 }, { "GPMDAT", 0x824, R_RW, 0 },
	{ "GPMPUD", 0x828, R_RW, 0x000002aa },
	{ "GPNCON", 0x830, R_RW, 0 }, { "GPNDAT", 0x834, R_RW, 0 },
	{ "GPNPUD", 0x838, R_RW, 0x55555555 },
	{ "SPCONSLP", 0x880, R_RW, 0x00000020 },
	{ "EINT0CON0", 0x900, R_RW, 0 }, { "EINT0CON1", 0x904, R_RW, 0 },
	{ "EINT0FLTCON0", 0x910, R_RW, 0 }, { "EINT0FLTCON1", 0x914, R_RW, 0 },
	{ "EINT0FLTCON2", 0x918, R_RW, 0 }, { "EINT0FLTCON3", 0x91c, R_RW, 0 },
	{ "EINT0MASK", A_EINT0MASK, R_RW, 0x0fffffff }, { "EINT0PEND", A_EINT0PEND, R_W1C, 0 },
	{ "SLPEN", 0x930, R_RW, 0 },
};

#define NR_REGS (sizeof(gpio_regs) / sizeof(gpio_regs[0]))

static const struct gpio_reg *find_reg(uint32_t offset)
{
	for (size_t i = 0; i < NR_REGS; i++)
		if (gpio_regs[i].offset == offset)
			return &gpio_regs[i];
	return NULL;
}

void gpio_init(struct gpio *g, const char *name, uint32_t base)
{
	memset(g, 0, sizeof(*g));
	g->name = name;
	g->base = base;
	gpio_reset(g);
}

void gpio_reset(struct gpio *g)
{
	memset(g->reg, 0, sizeof(g->reg));
	for (size_t i = 0; i < NR_REGS; i++)
		g->reg[gpio_regs[i].offset / 4] = gpio_regs[i].reset;
	gpio_update_irq(g);
}

void gpio_update_irq(struct gpio *g)
{
	bool level = false;

	for (unsigned i = 0; i < EINT_GROUP_WORDS; i++)
		level |= (g->reg[A_EINT12PEND / 4 + i] & ~g->reg[A_EINT12MASK / 4 + i]) != 0;
	irq_set(&g->irq, level);
}

uint32_t gpio_read(void *dev, uint32_t offset, unsigned size)
{
	struct gpio *g = dev;
	const struct gpio_reg *r = find_reg(offset & ~3u);

	if (!r) {
		bus_unimp(g->bus, g->name, g->base + offset, size, false, 0);
		return 0;
	}
	g->reads++;
	return g->reg[offset / 4];
}

void gpio_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct gpio *g = dev;
	const struct gpio_reg *r = find_reg(offset & ~3u);
	uint32_t *w;

	if (!r) {
		bus_unimp(g->bus, g->name, g->base + offset, size, true, value);
		return;
	}
	g->writes++;
	w = &g->reg[offset / 4];
	if (r->kind == R_W1C)
		*w &= ~value;
	else
		*w = value;
	gpio_update_irq(g);
}

/* 32-bit accesses only, as Linux's pinctrl driver makes them (the bus refuses others). */
const struct mmio_ops gpio_mmio_ops = {
	.read = gpio_read,
	.write = gpio_write,
	.min_size = 4,
	.max_size = 4,
};

/* --- the board's view ------------------------------------------------------ */

static int gpio_create(void *dev, const struct device_params *p)
{
	struct gpio *g = dev;

	gpio_init(g, p->name, p->base);
	g->bus = p->bus;
	g->irq = p->irq[0];
	return 0;
}

static void gpio_reset_op(void *dev)
{
	gpio_reset(dev);
}

const struct device_ops gpio_device = {
	.compatible = "samsung,s3c64xx-pinctrl",
	.name = "gpio",
	.max = 1,
	.span = 0x940,
	.nr_irqs = 1,
	.state_size = sizeof(struct gpio),
	.mmio = &gpio_mmio_ops,
	.create = gpio_create,
	.reset = gpio_reset_op,
};
