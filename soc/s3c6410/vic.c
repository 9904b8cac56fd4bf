/* SPDX-License-Identifier: MIT */
/*
 * vic.c - PL192 vectored interrupt controller: status, masking, 16-level
 * hardware priority with the VICADDRESS acknowledge/end-of-interrupt stack,
 * FIQ select, soft interrupts and the daisy chain.
 */
#include "soc/s3c6410/vic.h"

#include <string.h>

#include "emu/report.h"
#include "emu/log.h"
#include "emu/regs.h"

REG32(IRQSTATUS, 0x000)
REG32(FIQSTATUS, 0x004)
REG32(RAWINTR, 0x008)
REG32(INTSELECT, 0x00c)
REG32(INTENABLE, 0x010)
REG32(INTENCLEAR, 0x014)
REG32(SOFTINT, 0x018)
REG32(SOFTINTCLEAR, 0x01c)
REG32(PROTECTION, 0x020)
	FIELD(PROTECTION, ENABLE, 0, 1)
REG32(SWPRIORITYMASK, 0x024)
	FIELD(SWPRIORITYMASK, MASK, 0, 16)
REG32(PRIORITYDAISY, 0x028)
	FIELD(PRIORITYDAISY, PRIO, 0, 4)
/* Reserved on the PL192: the PL190's VICVECTADDR and VICDEFVECTADDR (see vic.h). */
REG32(PL190_VECTADDR, 0x030)
REG32(PL190_DEFVECTADDR, 0x034)
REG32(VECTADDR0, 0x100)
REG32(VECTADDR31, 0x17c)
REG32(VECTPRIORITY0, 0x200)
REG32(VECTPRIORITY31, 0x27c)
	FIELD(VECTPRIORITY, PRIO, 0, 4)
REG32(ITCR, 0x300)          /* integration test control (the PL192 RTL's register list) */
	FIELD(ITCR, ITEN, 0, 1)
REG32(ADDRESS, 0xf00)
REG32(PERIPHID0, 0xfe0)
REG32(PCELLID3, 0xffc)

/* PL192 r0: part 0x192, designer 0x41 (ARM); PrimeCell id 0xB105F00D. */
static const uint8_t vic_id[8] = { 0x92, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

#define VIC_DAISY VIC_NR_SOURCES /* "source" number of the daisy input */

static void vic_irq_event(void *opaque, cycle_t late);
static void vic_fiq_event(void *opaque, cycle_t late);

void vic_init(struct vic *v, const char *name, uint32_t base, struct clock *clock)
{
	memset(v, 0, sizeof(*v));
	v->name = name;
	v->base = base;
	v->clock = clock;
	event_init(&v->irq_event, "vic-irq", vic_irq_event, v);
	event_init(&v->fiq_event, "vic-fiq", vic_fiq_event, v);
	vic_reset(v);
}

void vic_reset(struct vic *v)
{
	/* Inputs (level, daisy) belong to the devices driving them: keep them. */
	v->soft = 0;
	v->enable = 0;
	v->select = 0;
	v->protection = 0;
	v->itcr = 0;
	v->sw_mask = 0xffff;
	v->daisy_prio = 0xf;
	memset(v->vect_addr, 0, sizeof(v->vect_addr));
	memset(v->vect_prio, 0xf, sizeof(v->vect_prio));
	v->active = 0;
	memset(v->active_vect, 0, sizeof(v->active_vect));
	v->address = 0;
	vic_update_irq(v);
}

void vic_fini(struct vic *v)
{
	clock_cancel(v->clock, &v->irq_event);
	clock_cancel(v->clock, &v->fiq_event);
}

void vic_connect(struct vic *v, struct irq_line irq, struct irq_line fiq, unsigned latency_hclk)
{
	v->irq_out = irq;
	v->fiq_out = fiq;
	v->latency_hclk = latency_hclk;
	v->irq_driven = v->fiq_driven = false;
	vic_update_irq(v);
}

static void vic_daisy_set(void *opaque, int n, int level)
{
	struct vic *v = opaque;

	if (n == 0) {
		if (level && !v->daisy_irq)
			v->daisy_raised++;
		v->daisy_irq = level;
	} else {
		v->daisy_fiq = level;
	}
	vic_update_irq(v);
}

void vic_chain(struct vic *parent, struct vic *child)
{
	parent->daisy = child;
	vic_connect(child, irq_line(vic_daisy_set, parent, 0), irq_line(vic_daisy_set, parent, 1),
		    0);
}

void vic_set_irq(void *opaque, int n, int level)
{
	struct vic *v = opaque;
	uint32_t bit = 1u << n;

	if (level) {
		if (!(v->level & bit))
			v->raised[n]++;
		v->level |= bit;
	} else {
		v->level &= ~bit;
	}
	vic_update_irq(v);
}

struct irq_line vic_input(struct vic *v, unsigned n)
{
	return irq_line(vic_set_irq, v, (int)(n % VIC_NR_SOURCES));
}

static uint32_t vic_raw(const struct vic *v)
{
	return v->level | v->soft;
}

static uint32_t vic_irq_status(const struct vic *v)
{
	return vic_raw(v) & v->enable & ~v->select;
}

static uint32_t vic_fiq_status(const struct vic *v)
{
	return vic_raw(v) & v->enable & v->select;
}

/*
 * The request that would win an acknowledge now: a source number, VIC_DAISY,
 * or -1.  It must beat every level in service and be let through by
 * VICSWPRIORITYMASK; ties go to the lowest source, the daisy input last.
 */
static int vic_winner(const struct vic *v, unsigned *level)
{
	uint32_t pending = vic_irq_status(v);
	unsigned best_level = v->active ? (unsigned)__builtin_ctz(v->active) : VIC_NR_LEVELS;
	int best = -1;

	while (pending) {
		unsigned i = (unsigned)__builtin_ctz(pending);
		unsigned p = v->vect_prio[i];

		pending &= pending - 1;
		if (p < best_level && (v->sw_mask >> p & 1)) {
			best = (int)i;
			best_level = p;
		}
	}
	if (v->daisy_irq && v->daisy_prio < best_level && (v->sw_mask >> v->daisy_prio & 1)) {
		best = VIC_DAISY;
		best_level = v->daisy_prio;
	}
	*level = best_level;
	return best;
}

/* Deliver one output: assertion after the latency event, deassertion at once. */
static void vic_drive(struct vic *v, bool level, bool *driven, struct event *e,
		      const struct irq_line *line)
{
	if (level == *driven) {
		clock_cancel(v->clock, e);
		return;
	}
	if (!level || !v->latency_hclk) {
		clock_cancel(v->clock, e);
		*driven = level;
		irq_set(line, level);
		return;
	}
	if (!event_pending(e))
		clock_schedule(v->clock, e,
			       clock_ticks_to_cycles(v->clock, CLK_HCLK, v->latency_hclk));
}

void vic_update_irq(struct vic *v)
{
	unsigned level;

	v->irq_level = vic_winner(v, &level) >= 0;
	v->fiq_level = vic_fiq_status(v) || v->daisy_fiq;
	vic_drive(v, v->irq_level, &v->irq_driven, &v->irq_event, &v->irq_out);
	vic_drive(v, v->fiq_level, &v->fiq_driven, &v->fiq_event, &v->fiq_out);
}

static void vic_irq_event(void *opaque, cycle_t late)
{
	struct vic *v = opaque;

	(void)late;
	if (v->irq_level && !v->irq_driven) {
		v->irq_driven = true;
		irq_set(&v->irq_out, 1);
	}
}

static void vic_fiq_event(void *opaque, cycle_t late)
{
	struct vic *v = opaque;

	(void)late;
	if (v->fiq_level && !v->fiq_driven) {
		v->fiq_driven = true;
		irq_set(&v->fiq_out, 1);
	}
}

uint32_t vic_acknowledge(struct vic *v)
{
	unsigned level;
	int w = vic_winner(v, &level);
	uint32_t vect;

	if (w < 0) {
		/* Nothing may interrupt: VICADDRESS keeps the vector in service. */
		v->spurious_acks++;
		return v->address;
	}
	v->acks++;
	v->active |= (uint16_t)(1u << level);
	/* The chained VIC sees its IRQACK and stacks its own winner. */
	vect = w == VIC_DAISY ? (v->daisy ? vic_acknowledge(v->daisy) : 0) : v->vect_addr[w];
	v->active_vect[level] = vect;
	v->address = vect;
	vic_update_irq(v);
	return vect;
}

static void vic_end_of_interrupt(struct vic *v)
{
	unsigned level;

	if (!v->active) {
		bus_guest_warn(v->bus, "%s: write to VICADDRESS with no interrupt in service",
			       v->name);
		return;
	}
	v->eois++;
	level = (unsigned)__builtin_ctz(v->active);
	v->active &= (uint16_t)~(1u << level);
	v->address = v->active ? v->active_vect[__builtin_ctz(v->active)] : 0;
	vic_update_irq(v);
}

uint32_t vic_read(void *dev, uint32_t offset, unsigned size)
{
	struct vic *v = dev;

	if (offset >= A_VECTADDR0 && offset <= A_VECTADDR31)
		return v->vect_addr[(offset - A_VECTADDR0) / 4];
	if (offset >= A_VECTPRIORITY0 && offset <= A_VECTPRIORITY31)
		return v->vect_prio[(offset - A_VECTPRIORITY0) / 4];
	if (offset >= A_PERIPHID0 && offset <= A_PCELLID3)
		return vic_id[(offset - A_PERIPHID0) / 4];

	switch (offset) {
	case A_IRQSTATUS:
		return vic_irq_status(v);
	case A_FIQSTATUS:
		return vic_fiq_status(v);
	case A_RAWINTR:
		return vic_raw(v);
	case A_INTSELECT:
		return v->select;
	case A_INTENABLE:
		return v->enable;
	case A_SOFTINT:
		return v->soft;
	case A_PROTECTION:
		return v->protection;
	case A_SWPRIORITYMASK:
		return v->sw_mask;
	case A_PRIORITYDAISY:
		return v->daisy_prio;
	case A_ADDRESS:
		return vic_acknowledge(v);
	case A_ITCR:
		return v->itcr;
	case A_PL190_VECTADDR:
	case A_PL190_DEFVECTADDR:
		return 0; /* reserved */
	case A_INTENCLEAR:
	case A_SOFTINTCLEAR:
		bus_guest_warn(v->bus, "%s: read of write-only register +0x%03x reads as 0",
			       v->name, offset);
		return 0;
	default:
		bus_unimp(v->bus, v->name, v->base + offset, size, false, 0);
		return 0;
	}
}

void vic_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct vic *v = dev;

	if (offset >= A_VECTADDR0 && offset <= A_VECTADDR31) {
		v->vect_addr[(offset - A_VECTADDR0) / 4] = value;
		return;
	}
	if (offset >= A_VECTPRIORITY0 && offset <= A_VECTPRIORITY31) {
		v->vect_prio[(offset - A_VECTPRIORITY0) / 4] =
			(uint8_t)FIELD_EX32(value, VECTPRIORITY, PRIO);
		vic_update_irq(v);
		return;
	}

	switch (offset) {
	case A_INTSELECT:
		v->select = value;
		break;
	case A_INTENABLE:
		v->enable |= value;
		break;
	case A_INTENCLEAR:
		v->enable &= ~value;
		break;
	case A_SOFTINT:
		v->soft |= value;
		break;
	case A_SOFTINTCLEAR:
		v->soft &= ~value;
		break;
	case A_PROTECTION:
		v->protection = FIELD_EX32(value, PROTECTION, ENABLE);
		return;
	case A_SWPRIORITYMASK:
		v->sw_mask = FIELD_EX32(value, SWPRIORITYMASK, MASK);
		break;
	case A_PRIORITYDAISY:
		v->daisy_prio = FIELD_EX32(value, PRIORITYDAISY, PRIO);
		break;
	case A_ADDRESS:
		vic_end_of_interrupt(v);
		return;
	case A_ITCR:
		v->itcr = value;
		if (FIELD_EX32(value, ITCR, ITEN) && !v->warned_test) {
			v->warned_test = true;
			bus_guest_warn(v->bus, "%s: VICITCR.ITEN set: the integration test mode is "
				       "not modelled, the VIC keeps working normally", v->name);
		}
		return;
	case A_PL190_VECTADDR:
	case A_PL190_DEFVECTADDR:
		return; /* reserved */
	case A_IRQSTATUS:
	case A_FIQSTATUS:
	case A_RAWINTR:
		bus_guest_warn(v->bus, "%s: write of 0x%x to read-only register +0x%03x ignored",
			       v->name, value, offset);
		return;
	default:
		if (offset >= A_PERIPHID0 && offset <= A_PCELLID3) {
			bus_guest_warn(v->bus, "%s: write of 0x%x to read-only ID register "
				       "+0x%03x ignored", v->name, value, offset);
			return;
		}
		bus_unimp(v->bus, v->name, v->base + offset, size, true, value);
		return;
	}
	vic_update_irq(v);
}

const struct mmio_ops vic_mmio_ops = {
	.read = vic_read,
	.write = vic_write,
	.min_size = 4,
	.max_size = 4,
};

/* --- the board's view ------------------------------------------------------ */

static int vic_create(void *dev, const struct device_params *p)
{
	struct vic *v = dev;

	vic_init(v, p->name, p->base, p->clock);
	v->bus = p->bus;
	return 0;
}

static void vic_report(void *dev, struct report *r)
{
	const struct vic *v = dev;
	char key[8];

	report_object(r, v->name);
	report_hex(r, "base", v->base);
	report_u64(r, "acknowledged", v->acks);
	report_u64(r, "end_of_interrupt", v->eois);
	report_u64(r, "spurious_acknowledges", v->spurious_acks);
	report_u64(r, "daisy_raised", v->daisy_raised);
	report_object(r, "raised"); /* rising edges per source, sources that had any */
	for (unsigned i = 0; i < VIC_NR_SOURCES; i++) {
		if (!v->raised[i])
			continue;
		snprintf(key, sizeof(key), "%u", i);
		report_u64(r, key, v->raised[i]);
	}
	report_end(r);
	report_end(r);
}

static void vic_print_stats(void *dev, FILE *f)
{
	const struct vic *v = dev;

	fprintf(f, "%s: %llu acknowledged, %llu end-of-interrupt, %llu spurious; raised:",
		v->name, (unsigned long long)v->acks, (unsigned long long)v->eois,
		(unsigned long long)v->spurious_acks);
	for (unsigned s = 0; s < VIC_NR_SOURCES; s++)
		if (v->raised[s])
			fprintf(f, " %u:%llu", s, (unsigned long long)v->raised[s]);
	if (v->daisy_raised)
		fprintf(f, " daisy:%llu", (unsigned long long)v->daisy_raised);
	fputc('\n', f);
}

static void vic_reset_op(void *dev)
{
	vic_reset(dev);
}

static void vic_fini_op(void *dev)
{
	vic_fini(dev);
}

const struct device_ops vic_device = {
	.compatible = "arm,pl192-vic",
	.name = "vic",
	.max = 2,                 /* BOARD_MAX_VICS: VIC0 and VIC1 */
	.span = VIC_MMIO_SIZE,
	.state_size = sizeof(struct vic),
	.mmio = &vic_mmio_ops,
	.create = vic_create,
	.reset = vic_reset_op,
	.report = vic_report,
	.print_stats = vic_print_stats,
	.destroy = vic_fini_op,
};
