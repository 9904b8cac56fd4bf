/* SPDX-License-Identifier: MIT */
/*
 * uart.h - the S3C6410 UART0 console (polled).
 */
#ifndef GUEST_DRIVERS_UART_H
#define GUEST_DRIVERS_UART_H

#include <stddef.h>
#include <stdint.h>

/* Program UART0 for `baud` 8N1 from PCLK with FIFOs on and its interrupts
 * masked.  Output before uart_init() is dropped. */
void uart_init(uint32_t baud);
/* After the VICs are up: let writers sleep on the TXD interrupt while the
 * FIFO is full instead of polling it.  0 on success. */
int uart_enable_irq(void);
void uart_putc(char c);
void uart_write(const char *buf, size_t len);
/* A received character, or -1 when none is waiting. */
int uart_getc(void);
/* Wait until the transmitter has sent everything (shift register empty). */
void uart_flush(void);

/* Register values uart_init() chose, for the record. */
struct uart_config {
	uint32_t pclk, baud, ubrdiv, udivslot;
};
const struct uart_config *uart_config(void);

#endif /* GUEST_DRIVERS_UART_H */
