/* SPDX-License-Identifier: MIT */
/*
 * vic.h - ARM PrimeCell PL192 vectored interrupt controller (VIC0, VIC1).
 *
 * DOC: Follows ARM DDI 0273A (PL192 TRM) and the "Vectored Interrupt
 * Controller" chapter of the S3C6410X user's manual.
 *
 * Inputs:  32 level-sensitive sources (vic_input()), and a daisy-chain input
 *          driven by another VIC (vic_chain()): on the S3C6410 VIC1 is chained
 *          into VIC0.
 * Outputs: nIRQ and nFIQ (vic_connect()), each reaching its receiver
 *          VIC_IRQ_LATENCY_HCLK HCLK cycles after it asserts (a scheduled
 *          event); a chained VIC drives its parent's daisy input directly.
 * MMIO:    4 KiB window (VIC0 0x7120_0000, VIC1 0x7130_0000), 32-bit registers.
 *
 * Hardware priority: 16 levels (0 highest); among sources of equal level the
 * lowest number wins and the daisy input comes last.  Reading VICADDRESS (or
 * acknowledging through the VIC port, vic_acknowledge()) returns the winner's
 * vector and pushes its level: sources of that level and below are masked
 * until a write to VICADDRESS pops it.  A winner on the daisy input returns the
 * chained VIC's vector and acknowledges it there too, so the handler ends with
 * a write to both VICs' VICADDRESS, as S3C6410 code does.
 *
 * Reserved: +0x030 and +0x034, the PL190's VICVECTADDR and VICDEFVECTADDR,
 * which the PL192 moved (VICADDRESS is at +0xF00) and does not decode; Linux's
 * irq-vic.c drives the PL190 and PL192 alike and writes and reads both there
 * at boot.  They read as zero and ignore writes, quietly.
 *
 * Not modelled: VICPROTECTION (stored; the device cannot see the privilege of
 * an access), the asynchronous-mode synchronisers, the integration test
 * mode (VICITCR is stored, and turning its ITEN on is reported once: the test
 * inputs and outputs VICITIP/VICITOP are not modelled), and the IRQADDRV
 * handshake timing of the VIC port.
 */
#ifndef SOC_S3C6410_VIC_H
#define SOC_S3C6410_VIC_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/device.h"

#define VIC_NR_SOURCES 32
#define VIC_NR_LEVELS 16
#define VIC_MMIO_SIZE 0x1000

/*
 * Assumption (no figure in the manuals we have): nIRQ/nFIQ reach the core two
 * HCLK cycles after a source asserts - one to register the input, one for the
 * priority logic.  Deassertion is immediate, so a handler that clears its
 * source is never re-entered spuriously (the real chip needs a read-back).
 */
#define VIC_IRQ_LATENCY_HCLK 2

struct vic {
	const char *name;
	uint32_t base;
	struct clock *clock;
	struct bus *bus;         /* reports go here (set by the board; NULL: log only) */

	/* registers */
	uint32_t level;          /* hardware inputs */
	uint32_t soft;           /* VICSOFTINT */
	uint32_t itcr;           /* VICITCR (stored only) */
	bool warned_test;        /* ITEN reported */
	uint32_t enable;         /* VICINTENABLE */
	uint32_t select;         /* VICINTSELECT: 1 = FIQ */
	uint32_t protection;
	uint32_t sw_mask;        /* VICSWPRIORITYMASK, 1 = level enabled */
	uint32_t daisy_prio;     /* VICPRIORITYDAISY */
	uint32_t vect_addr[VIC_NR_SOURCES];
	uint8_t vect_prio[VIC_NR_SOURCES];

	/* priority hardware: bit n set = an interrupt of level n is in service */
	uint16_t active;
	uint32_t active_vect[VIC_NR_LEVELS];
	uint32_t address;        /* VICADDRESS: vector of the interrupt in service */

	/* daisy chain */
	struct vic *daisy;       /* the VIC chained into our daisy input */
	bool daisy_irq, daisy_fiq;

	/* outputs */
	struct irq_line irq_out, fiq_out;
	unsigned latency_hclk;   /* 0: outputs follow state immediately */
	bool irq_level, fiq_level;         /* as computed from state */
	bool irq_driven, fiq_driven;       /* as seen by the receiver */
	struct event irq_event, fiq_event;

	/* statistics over the whole run (a reset keeps them) */
	uint64_t raised[VIC_NR_SOURCES];   /* rising edges per source */
	uint64_t daisy_raised;
	uint64_t acks, eois, spurious_acks;
};

void vic_init(struct vic *v, const char *name, uint32_t base, struct clock *clock);
void vic_reset(struct vic *v);
/* Cancel pending events before the state goes away. */
void vic_fini(struct vic *v);

/* Drive nIRQ/nFIQ of the core (or anything else) with the given latency. */
void vic_connect(struct vic *v, struct irq_line irq, struct irq_line fiq, unsigned latency_hclk);
/* Chain `child`'s outputs into `parent`'s daisy input. */
void vic_chain(struct vic *parent, struct vic *child);

/* The line to give a device for source n. */
struct irq_line vic_input(struct vic *v, unsigned n);
void vic_set_irq(void *opaque, int n, int level);

/* VIC port acknowledge (SCTLR.VE): the same as a read of VICADDRESS. */
uint32_t vic_acknowledge(struct vic *v);

uint32_t vic_read(void *dev, uint32_t offset, unsigned size);
void vic_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
extern const struct mmio_ops vic_mmio_ops;

/* Recompute nIRQ/nFIQ from the state; called after every change. */
void vic_update_irq(struct vic *v);

#endif /* SOC_S3C6410_VIC_H */
