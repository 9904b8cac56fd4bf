/* SPDX-License-Identifier: MIT */
/*
 * s3c6410.h - where things are on the S3C6410 (S3C6410X user's manual,
 * memory map and interrupt controller chapters; Linux mach-s3c64xx irqs.h).
 *
 * Interrupt numbers are Linux's: VIC0 sources 0-31 are irqs 0-31, VIC1
 * sources 0-31 are irqs 32-63.
 */
#ifndef GUEST_DRIVERS_S3C6410_H
#define GUEST_DRIVERS_S3C6410_H

#define S3C_PA_DRAM      0x50000000u
#define S3C_DRAM_WINDOW  0x10000000u  /* 256 MiB window of DMC1 */
#define S3C_PA_PERIPH    0x70000000u  /* on-chip peripherals: 0x7000_0000-0x7FFF_FFFF */
#define S3C_PERIPH_SIZE  0x10000000u

#define S3C_PA_VIC0      0x71200000u
#define S3C_PA_VIC1      0x71300000u
#define S3C_PA_WDT       0x7E004000u
#define S3C_PA_SYSCON    0x7E00F000u
#define S3C_PA_UART(n)   (0x7F005000u + 0x400u * (n))
#define S3C_PA_PWM       0x7F006000u

#define S3C_IRQ_VIC0(x)  (x)
#define S3C_IRQ_VIC1(x)  (32 + (x))
#define S3C_NR_IRQS      64

#define IRQ_TIMER0       S3C_IRQ_VIC0(23)
#define IRQ_TIMER1       S3C_IRQ_VIC0(24)
#define IRQ_TIMER2       S3C_IRQ_VIC0(25)
#define IRQ_WDT          S3C_IRQ_VIC0(26)
#define IRQ_TIMER3       S3C_IRQ_VIC0(27)
#define IRQ_TIMER4       S3C_IRQ_VIC0(28)
#define IRQ_UART0        S3C_IRQ_VIC1(5)
#define IRQ_UART1        S3C_IRQ_VIC1(6)
#define IRQ_UART2        S3C_IRQ_VIC1(7)
#define IRQ_UART3        S3C_IRQ_VIC1(8)
#define IRQ_DMA0         S3C_IRQ_VIC1(9)
#define IRQ_DMA1         S3C_IRQ_VIC1(10)

#endif /* GUEST_DRIVERS_S3C6410_H */
