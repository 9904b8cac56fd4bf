// SPDX-License-Identifier: MIT
/*
 * clock.c - compute ARMCLK/HCLK/PCLK from the S3C6410 SYSCON registers.
 *
 * DOC: The tree, as in the S3C6410 manual's clock chapter and Linux's
 * drivers/clk/samsung/clk-s3c64xx.c:
 *   fin_pll --APLL--> fout_apll --mux CLK_SRC[0]--> mout_apll --/ARM_RATIO--> ARMCLK
 *   fin_pll --MPLL--> fout_mpll --mux CLK_SRC[1]--> mout_mpll
 *   mout_syncmux = OTHERS[6] ? mout_apll : mout_mpll
 *   HCLKX2 = mout_syncmux / (CLK_DIV0[11:9] + 1)
 *   HCLK   = HCLKX2 / (CLK_DIV0[8] + 1),  PCLK = HCLKX2 / (CLK_DIV0[15:12] + 1)
 * The APLL and MPLL are PLL6552s: FOUT = MDIV * FIN / (PDIV * 2^SDIV).
 */
#include "drivers/clock.h"
#include "drivers/io.h"
#include "drivers/s3c6410.h"

#define SYSCON_APLL_CON  (S3C_PA_SYSCON + 0x00c)
#define SYSCON_MPLL_CON  (S3C_PA_SYSCON + 0x010)
#define SYSCON_CLK_SRC   (S3C_PA_SYSCON + 0x01c)
#define SYSCON_CLK_DIV0  (S3C_PA_SYSCON + 0x020)
#define SYSCON_OTHERS    (S3C_PA_SYSCON + 0x900)

#define PLL_ENABLE       (1u << 31)
#define PLL_MDIV(v)      (((v) >> 16) & 0x3ff)
#define PLL_PDIV(v)      (((v) >> 8) & 0x3f)
#define PLL_SDIV(v)      ((v) & 0x7)

#define CLK_SRC_APLL_SEL (1u << 0)
#define CLK_SRC_MPLL_SEL (1u << 1)
#define OTHERS_SYNCMUXSEL (1u << 6)

#define DIV0_ARM(v)      ((v) & 0xf)
#define DIV0_HCLK(v)     (((v) >> 8) & 0x1)
#define DIV0_HCLKX2(v)   (((v) >> 9) & 0x7)
#define DIV0_PCLK(v)     (((v) >> 12) & 0xf)

static struct s3c_clocks clocks;

static uint32_t pll6552_rate(uint32_t con)
{
	uint64_t pdiv = PLL_PDIV(con);

	if (!(con & PLL_ENABLE) || pdiv == 0)
		return 0;
	return (uint32_t)((uint64_t)PLL_MDIV(con) * S3C_FIN_HZ / (pdiv << PLL_SDIV(con)));
}

void s3c_clk_init(void)
{
	uint32_t src = readl(SYSCON_CLK_SRC);
	uint32_t div0 = readl(SYSCON_CLK_DIV0);
	uint32_t mout_apll, mout_mpll, syncmux;

	clocks.apll = pll6552_rate(readl(SYSCON_APLL_CON));
	clocks.mpll = pll6552_rate(readl(SYSCON_MPLL_CON));
	mout_apll = (src & CLK_SRC_APLL_SEL) ? clocks.apll : S3C_FIN_HZ;
	mout_mpll = (src & CLK_SRC_MPLL_SEL) ? clocks.mpll : S3C_FIN_HZ;
	clocks.sync = !!(readl(SYSCON_OTHERS) & OTHERS_SYNCMUXSEL);
	syncmux = clocks.sync ? mout_apll : mout_mpll;

	clocks.armclk = mout_apll / (DIV0_ARM(div0) + 1);
	clocks.hclkx2 = syncmux / (DIV0_HCLKX2(div0) + 1);
	clocks.hclk = clocks.hclkx2 / (DIV0_HCLK(div0) + 1);
	clocks.pclk = clocks.hclkx2 / (DIV0_PCLK(div0) + 1);
}

const struct s3c_clocks *s3c_clk(void)
{
	return &clocks;
}
