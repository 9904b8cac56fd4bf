/* SPDX-License-Identifier: MIT */
/*
 * gpio.h - S3C6410 GPIO ports A-Q and their external-interrupt registers.
 *
 * DOC: Follows the "GPIO" chapter of the S3C6410X user's manual, with the
 * bank layout Linux's pinctrl-s3c64xx.c programs: ports A-J and O-Q at
 * 0x20-byte strides from +0x000 (CON, DAT, PUD, CONSLP, PUDSLP; port H has
 * two CON words), the always-on ports K-N at +0x800, the EINT group 1-9
 * registers at +0x200 and EINT0 at +0x900.
 *
 * Outputs: irq, the EINT group 1-9 interrupt (VIC1 source 21): high while
 *          any EINTnPEND bit is set and unmasked in EINTnMASK.
 * MMIO:    0x7F00_8000, 4 KiB.
 * Bus master: none.
 *
 * The model is register storage with the chip's reset values, so Linux's
 * pinctrl driver probes and its reads return what it wrote; pending bits
 * clear when 1 is written.  Not modelled: pins and whatever drives them - a
 * data register reads back the last value written, whatever the pin
 * direction, and no external interrupt is ever raised (so EINT0, routed to
 * VIC0/VIC1 sources 0-1, is not wired); sleep-mode pin states; drive
 * strengths (they are stored).  An offset that is no register is reported
 * as unimplemented.
 */
#ifndef SOC_S3C6410_GPIO_H
#define SOC_S3C6410_GPIO_H

#include <stdint.h>

#include "emu/irq.h"
#include "soc/s3c6410/bus.h"

#define GPIO_MMIO_SIZE 0x1000

struct gpio {
	const char *name;
	uint32_t base;
	struct bus *bus;                     /* where unimplemented offsets are reported */
	uint32_t reg[GPIO_MMIO_SIZE / 4];   /* by word offset; only known registers used */
	struct irq_line irq;                 /* set by the board */
	uint64_t reads, writes;
};

void gpio_init(struct gpio *g, const char *name, uint32_t base);
void gpio_reset(struct gpio *g);
uint32_t gpio_read(void *dev, uint32_t offset, unsigned size);
void gpio_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
void gpio_update_irq(struct gpio *g);
extern const struct mmio_ops gpio_mmio_ops;

#endif /* SOC_S3C6410_GPIO_H */
