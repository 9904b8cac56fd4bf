/* SPDX-License-Identifier: MIT */
/*
 * syscon.h - S3C6410 system controller: PLLs, clock muxes and dividers.
 *
 * DOC: Follows the "System Controller" chapter of the S3C6410X user's manual
 * and Linux's clk-s3c64xx.c for the clock tree:
 *
 *   FOUT(A/MPLL) = MDIV * FIN / (PDIV * 2^SDIV)
 *   FOUT(EPLL)   = (MDIV + KDIV / 65536) * FIN / (PDIV * 2^SDIV)
 *   MOUT_xPLL    = CLK_SRC.xPLL_SEL ? FOUT_xPLL : FIN
 *   ARMCLK       = MOUT_APLL / (ARM_RATIO + 1)
 *   HCLKX2       = (OTHERS.SYNCMUXSEL ? MOUT_APLL : MOUT_MPLL) / (HCLKX2_RATIO + 1)
 *   HCLK         = HCLKX2 / (HCLK_RATIO + 1),  PCLK = HCLKX2 / (PCLK_RATIO + 1)
 *
 * Whenever a write changes ARMCLK, HCLK or PCLK, the model calls
 * clock_set_hz() and then `clocks_changed` so that timers re-anchor.  ARMCLK
 * is the unit of simulated time: after an ARMCLK change `now` keeps counting
 * ARMCLK cycles, at the new rate, so cycle counts before and after the change
 * are not comparable in nanoseconds (clock_ns() uses the current rate).
 *
 * Outputs: none (no interrupt); CLK_ARM/CLK_HCLK/CLK_PCLK of the clock.
 * MMIO:    0x7E00_F000, 4 KiB.  Implemented: the PLL lock/config registers,
 *          CLK_SRC, CLK_SRC2, CLK_DIV0-2, CLK_OUT, the four gate registers,
 *          SDMA_SEL, SYS_ID, OTHERS, INFORM0-3; every other register is
 *          reported by mmio_unimp().
 *
 * Reset state: what the OK6410A boot loader leaves - APLL = MPLL = 533 MHz
 * from the 12 MHz crystal (MDIV 533, PDIV 6, SDIV 1), synchronous mode,
 * ARMCLK 533 MHz, HCLKX2 266.5, HCLK 133.25, PCLK 66.625 MHz.
 *
 * Not modelled: PLL lock time (a new PLL setting applies at once), clock
 * gating (a gated device keeps working), the special clocks (UART, MMC,
 * LCD...) and power management.
 */
#ifndef SOC_S3C6410_SYSCON_H
#define SOC_S3C6410_SYSCON_H

#include <stdint.h>

#include "emu/clock.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/device.h"

#define SYSCON_MMIO_SIZE 0x1000
#define SYSCON_SYS_ID 0x36410101u /* S3C6410, as read on OK6410A boards */

struct syscon {
	const char *name;
	uint32_t base;
	struct clock *clock;
	struct bus *bus;         /* reports go here (set by the board; NULL: log only) */
	uint32_t fin_hz;

	uint32_t apll_lock, mpll_lock, epll_lock;
	uint32_t apll_con, mpll_con, epll_con0, epll_con1;
	uint32_t clk_src, clk_src2, clk_div0, clk_div1, clk_div2, clk_out;
	uint32_t hclk_gate, pclk_gate, sclk_gate, mem0_gate;
	uint32_t sdma_sel, others;
	uint32_t inform[4];

	/* derived frequencies, Hz */
	uint64_t fout_apll, fout_mpll, fout_epll;
	uint64_t armclk, hclkx2, hclk, pclk;

	void (*clocks_changed)(void *opaque);
	void *opaque;
	uint64_t changes;        /* times ARMCLK/HCLK/PCLK changed (kept across resets) */
};

void syscon_init(struct syscon *s, const char *name, uint32_t base, struct clock *clock,
		 uint32_t fin_hz, void (*clocks_changed)(void *opaque), void *opaque);
void syscon_reset(struct syscon *s);

uint32_t syscon_read(void *dev, uint32_t offset, unsigned size);
void syscon_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
extern const struct mmio_ops syscon_mmio_ops;

/* Recompute the clock tree; push changed rates to the clock. */
void syscon_update(struct syscon *s);

/* SDMA_SEL: bit 16 * pair + line set routes that request to DMA0/DMA1 (pl080s_route()). */
static inline uint32_t syscon_sdma_sel(const struct syscon *s)
{
	return s->sdma_sel;
}

/* MDIV * FIN / (PDIV * 2^SDIV) for an APLL_CON/MPLL_CON value (0 if off or PDIV 0). */
uint64_t syscon_pll_hz(uint32_t con, uint32_t fin_hz);

#endif /* SOC_S3C6410_SYSCON_H */
