/* SPDX-License-Identifier: MIT */
/*
 * clock.h - the S3C6410 clock tree as the guest reads it from SYSCON.
 *
 * s3c_clk_init() reads the PLL, mux and divider registers once (it does not
 * reprogram them: the board comes up with the bootloader's settings, as
 * Linux's clk-s3c64xx assumes) and computes ARMCLK, HCLK and PCLK.
 */
#ifndef GUEST_DRIVERS_CLOCK_H
#define GUEST_DRIVERS_CLOCK_H

#include <stdint.h>

/* The board's crystal (XTIPLL); fin_pll in the device tree. */
#define S3C_FIN_HZ 12000000u

struct s3c_clocks {
	uint32_t apll, mpll;     /* PLL outputs (FOUT), 0 when the PLL is off */
	uint32_t armclk, hclkx2, hclk, pclk;
	int sync;                /* OTHERS.SYNCMUXSEL: HCLKX2 from APLL (1) or MPLL (0) */
};

void s3c_clk_init(void);
const struct s3c_clocks *s3c_clk(void);
static inline uint32_t s3c_clk_pclk(void) { return s3c_clk()->pclk; }

#endif /* GUEST_DRIVERS_CLOCK_H */
