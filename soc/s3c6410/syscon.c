/* SPDX-License-Identifier: MIT */
/*
 * syscon.c - SYSCON: PLL and divider registers, and the ARMCLK/HCLK/PCLK
 * frequencies they imply, pushed to the global clock.
 */
#include "soc/s3c6410/syscon.h"

#include <string.h>

#include "emu/report.h"
#include "emu/log.h"
#include "emu/regs.h"

REG32(APLL_LOCK, 0x000)
REG32(MPLL_LOCK, 0x004)
REG32(EPLL_LOCK, 0x008)
	FIELD(PLL_LOCK, TIME, 0, 16)
REG32(APLL_CON, 0x00c)
REG32(MPLL_CON, 0x010)
	FIELD(PLL_CON, SDIV, 0, 3)
	FIELD(PLL_CON, PDIV, 8, 6)
	FIELD(PLL_CON, MDIV, 16, 10)
	FIELD(PLL_CON, ENABLE, 31, 1)
REG32(EPLL_CON0, 0x014)
	FIELD(EPLL_CON0, SDIV, 0, 3)
	FIELD(EPLL_CON0, PDIV, 8, 6)
	FIELD(EPLL_CON0, MDIV, 16, 8)
	FIELD(EPLL_CON0, ENABLE, 31, 1)
REG32(EPLL_CON1, 0x018)
	FIELD(EPLL_CON1, KDIV, 0, 16)
REG32(CLK_SRC, 0x01c)
	FIELD(CLK_SRC, APLL_SEL, 0, 1)
	FIELD(CLK_SRC, MPLL_SEL, 1, 1)
	FIELD(CLK_SRC, EPLL_SEL, 2, 1)
REG32(CLK_DIV0, 0x020)
	FIELD(CLK_DIV0, ARM_RATIO, 0, 4)
	FIELD(CLK_DIV0, MPLL_RATIO, 4, 1)
	FIELD(CLK_DIV0, HCLK_RATIO, 8, 1)
	FIELD(CLK_DIV0, HCLKX2_RATIO, 9, 3)
	FIELD(CLK_DIV0, PCLK_RATIO, 12, 4)
REG32(CLK_DIV1, 0x024)
REG32(CLK_DIV2, 0x028)
REG32(CLK_OUT, 0x02c)
REG32(HCLK_GATE, 0x030)
REG32(PCLK_GATE, 0x034)
REG32(SCLK_GATE, 0x038)
REG32(MEM0_CLK_GATE, 0x03c)
REG32(CLK_SRC2, 0x10c)
REG32(SDMA_SEL, 0x110)
REG32(SYS_ID, 0x118)
REG32(OTHERS, 0x900)
	FIELD(OTHERS, SYNCMUXSEL, 6, 1)
	FIELD(OTHERS, SYNCMODE, 7, 1)
	FIELD(OTHERS, SYNCACK, 8, 4)
REG32(INFORM0, 0xa00)
REG32(INFORM3, 0xa0c)

#define PLL_CON_WRITABLE (R_PLL_CON_SDIV_MASK | R_PLL_CON_PDIV_MASK | R_PLL_CON_MDIV_MASK | \
			  R_PLL_CON_ENABLE_MASK)
#define EPLL_CON0_WRITABLE (R_EPLL_CON0_SDIV_MASK | R_EPLL_CON0_PDIV_MASK | \
			    R_EPLL_CON0_MDIV_MASK | R_EPLL_CON0_ENABLE_MASK)

void syscon_init(struct syscon *s, const char *name, uint32_t base, struct clock *clock,
		 uint32_t fin_hz, void (*clocks_changed)(void *opaque), void *opaque)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->base = base;
	s->clock = clock;
	s->fin_hz = fin_hz;
	s->clocks_changed = clocks_changed;
	s->opaque = opaque;
	syscon_reset(s);
}

void syscon_reset(struct syscon *s)
{
	s->apll_lock = s->mpll_lock = s->epll_lock = 0xffff;
	/* ENABLE | MDIV 533 | PDIV 6 | SDIV 1: 533 MHz from 12 MHz */
	s->apll_con = s->mpll_con = 0x82150601;
	s->epll_con0 = 0x00200102;   /* chip reset value, EPLL off */
	s->epll_con1 = 0x00009111;
	s->clk_src = 0x00000003;     /* MOUT_APLL = FOUT_APLL, MOUT_MPLL = FOUT_MPLL */
	s->clk_src2 = 0;
	/* ARM 1/1, MPLL 1/2, HCLKX2 1/2, HCLK 1/2, PCLK 1/4 (U-Boot's CLK_DIV_VAL) */
	s->clk_div0 = 0x01043310;
	s->clk_div1 = s->clk_div2 = 0;
	s->clk_out = 0;
	s->hclk_gate = s->pclk_gate = s->sclk_gate = s->mem0_gate = 0xffffffff;
	s->sdma_sel = 0;
	s->others = R_OTHERS_SYNCMUXSEL_MASK | R_OTHERS_SYNCMODE_MASK;
	memset(s->inform, 0, sizeof(s->inform));
	syscon_update(s);
}

uint64_t syscon_pll_hz(uint32_t con, uint32_t fin_hz)
{
	uint64_t pdiv = FIELD_EX32(con, PLL_CON, PDIV);

	if (!FIELD_EX32(con, PLL_CON, ENABLE) || !pdiv)
		return 0;
	return (uint64_t)FIELD_EX32(con, PLL_CON, MDIV) * fin_hz /
	       (pdiv << FIELD_EX32(con, PLL_CON, SDIV));
}

static uint64_t epll_hz(const struct syscon *s)
{
	uint64_t pdiv = FIELD_EX32(s->epll_con0, EPLL_CON0, PDIV);
	uint64_t m16;

	if (!FIELD_EX32(s->epll_con0, EPLL_CON0, ENABLE) || !pdiv)
		return 0;
	m16 = ((uint64_t)FIELD_EX32(s->epll_con0, EPLL_CON0, MDIV) << 16) +
	      FIELD_EX32(s->epll_con1, EPLL_CON1, KDIV);
	return m16 * s->fin_hz / (pdiv << FIELD_EX32(s->epll_con0, EPLL_CON0, SDIV)) >> 16;
}

/* Push one derived rate to the clock; returns whether it changed. */
static int push_rate(struct syscon *s, enum clock_domain d, const char *what, uint64_t hz)
{
	if (hz == 0 || hz > UINT32_MAX) {
		bus_guest_warn(s->bus, "%s: the settings give %s = %llu Hz; keeping %u Hz",
			       s->name, what, (unsigned long long)hz, s->clock->hz[d]);
		return 0;
	}
	if (s->clock->hz[d] == hz)
		return 0;
	clock_set_hz(s->clock, d, (uint32_t)hz);
	return 1;
}

void syscon_update(struct syscon *s)
{
	uint64_t mout_apll, mout_mpll, sync;
	int changed = 0;

	s->fout_apll = syscon_pll_hz(s->apll_con, s->fin_hz);
	s->fout_mpll = syscon_pll_hz(s->mpll_con, s->fin_hz);
	s->fout_epll = epll_hz(s);
	mout_apll = FIELD_EX32(s->clk_src, CLK_SRC, APLL_SEL) ? s->fout_apll : s->fin_hz;
	mout_mpll = FIELD_EX32(s->clk_src, CLK_SRC, MPLL_SEL) ? s->fout_mpll : s->fin_hz;
	sync = FIELD_EX32(s->others, OTHERS, SYNCMUXSEL) ? mout_apll : mout_mpll;

	s->armclk = mout_apll / (FIELD_EX32(s->clk_div0, CLK_DIV0, ARM_RATIO) + 1);
	s->hclkx2 = sync / (FIELD_EX32(s->clk_div0, CLK_DIV0, HCLKX2_RATIO) + 1);
	s->hclk = s->hclkx2 / (FIELD_EX32(s->clk_div0, CLK_DIV0, HCLK_RATIO) + 1);
	s->pclk = s->hclkx2 / (FIELD_EX32(s->clk_div0, CLK_DIV0, PCLK_RATIO) + 1);

	changed |= push_rate(s, CLK_ARM, "ARMCLK", s->armclk);
	changed |= push_rate(s, CLK_HCLK, "HCLK", s->hclk);
	changed |= push_rate(s, CLK_PCLK, "PCLK", s->pclk);
	if (changed) {
		s->changes++;
		if (s->clocks_changed)
			s->clocks_changed(s->opaque);
	}
}

/* The register a plain read/write offset refers to, NULL if none. */
static uint32_t *syscon_reg(struct syscon *s, uint32_t offset)
{
	if (offset >= A_INFORM0 && offset <= A_INFORM3)
		return &s->inform[(offset - A_INFORM0) / 4];
	switch (offset) {
	case A_APLL_LOCK: return &s->apll_lock;
	case A_MPLL_LOCK: return &s->mpll_lock;
	case A_EPLL_LOCK: return &s->epll_lock;
	case A_APLL_CON: return &s->apll_con;
	case A_MPLL_CON: return &s->mpll_con;
	case A_EPLL_CON0: return &s->epll_con0;
	case A_EPLL_CON1: return &s->epll_con1;
	case A_CLK_SRC: return &s->clk_src;
	case A_CLK_SRC2: return &s->clk_src2;
	case A_CLK_DIV0: return &s->clk_div0;
	case A_CLK_DIV1: return &s->clk_div1;
	case A_CLK_DIV2: return &s->clk_div2;
	case A_CLK_OUT: return &s->clk_out;
	case A_HCLK_GATE: return &s->hclk_gate;
	case A_PCLK_GATE: return &s->pclk_gate;
	case A_SCLK_GATE: return &s->sclk_gate;
	case A_MEM0_CLK_GATE: return &s->mem0_gate;
	case A_SDMA_SEL: return &s->sdma_sel;
	case A_OTHERS: return &s->others;
	default: return NULL;
	}
}

uint32_t syscon_read(void *dev, uint32_t offset, unsigned size)
{
	struct syscon *s = dev;
	uint32_t *reg;

	if (offset == A_SYS_ID)
		return SYSCON_SYS_ID;
	if (offset == A_OTHERS)
		/* The core acknowledges a synchronous-mode request at once. */
		return FIELD_DP32(s->others, OTHERS, SYNCACK,
				  FIELD_EX32(s->others, OTHERS, SYNCMODE) ? 0xf : 0);
	reg = syscon_reg(s, offset);
	if (!reg) {
		bus_unimp(s->bus, s->name, s->base + offset, size, false, 0);
		return 0;
	}
	return *reg;
}

void syscon_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct syscon *s = dev;
	uint32_t *reg;

	switch (offset) {
	case A_SYS_ID:
		bus_guest_warn(s->bus, "%s: write of 0x%x to read-only SYS_ID ignored", s->name,
			       value);
		return;
	case A_APLL_LOCK:
	case A_MPLL_LOCK:
	case A_EPLL_LOCK:
		value = FIELD_EX32(value, PLL_LOCK, TIME);
		break;
	case A_APLL_CON:
	case A_MPLL_CON:
		value &= PLL_CON_WRITABLE;
		break;
	case A_EPLL_CON0:
		value &= EPLL_CON0_WRITABLE;
		break;
	case A_EPLL_CON1:
		value = FIELD_EX32(value, EPLL_CON1, KDIV);
		break;
	case A_OTHERS:
		value &= ~R_OTHERS_SYNCACK_MASK;
		break;
	}
	reg = syscon_reg(s, offset);
	if (!reg) {
		bus_unimp(s->bus, s->name, s->base + offset, size, true, value);
		return;
	}
	*reg = value;
	switch (offset) {
	case A_APLL_CON:
	case A_MPLL_CON:
	case A_EPLL_CON0:
	case A_EPLL_CON1:
	case A_CLK_SRC:
	case A_CLK_DIV0:
	case A_OTHERS:
		syscon_update(s);
		break;
	}
}

const struct mmio_ops syscon_mmio_ops = {
	.read = syscon_read,
	.write = syscon_write,
	.min_size = 4,
	.max_size = 4,
};

/* --- the board's view ------------------------------------------------------ */

static int syscon_create(void *dev, const struct device_params *p)
{
	struct syscon *s = dev;

	syscon_init(s, p->name, p->base, p->clock, p->fin_hz, p->clocks_changed, p->board);
	s->bus = p->bus;
	return 0;
}

/* The clock tree as the run left it. */
static void syscon_report(void *dev, struct report *r)
{
	const struct syscon *s = dev;

	report_object(r, "clocks");
	report_u64(r, "armclk_hz", s->clock->hz[CLK_ARM]);
	report_u64(r, "hclk_hz", s->clock->hz[CLK_HCLK]);
	report_u64(r, "pclk_hz", s->clock->hz[CLK_PCLK]);
	report_u64(r, "changes", s->changes);
	report_end(r);
}

static void syscon_reset_op(void *dev)
{
	syscon_reset(dev);
}

const struct device_ops syscon_device = {
	.compatible = "samsung,s3c6410-clock",
	.name = "syscon",
	.max = 1,
	.span = 0xa10,
	.state_size = sizeof(struct syscon),
	.mmio = &syscon_mmio_ops,
	.create = syscon_create,
	.reset = syscon_reset_op,
	.report = syscon_report,
};
