/* SPDX-License-Identifier: MIT */
/*
 * uart.h - S3C6410 UART (one channel; the SoC has four).
 *
 * DOC: Follows the "UART" chapter of the S3C6410X user's manual (and Linux's
 * samsung_tty.c / serial_s3c.h for the S3C64xx register layout).
 *
 * Outputs: irq (VIC1 sources 5..8 for UART0..3) = UINTP != 0, where
 *          UINTP = UINTSP & ~UINTM (bits RXD, ERROR, TXD, MODEM);
 *          dma_tx / dma_rx request lines, asserted in DMA mode when the
 *          transmit/receive condition holds; the board routes UARTn's to
 *          request lines 2n / 2n + 1 of DMA0 or SDMA0 (SYSCON's SDMA_SEL) as
 *          single requests, so the FIFO paces the transfer.
 * MMIO:    0x7F00_5000 + 0x400 * n; registers ULCON..UINTM (+0x00..+0x38).
 *          UTXH/URXH also take byte accesses, as Linux uses them.
 *
 * Timing: a character occupies the line for
 *     frame_bits * (16 * (UBRDIV + 1) + popcount(UDIVSLOT))  PCLK ticks
 * (frame_bits = start + data + parity + stop).  Transmission drains the
 * 64-byte FIFO through a shift register, one event per character, back to
 * back from an epoch so a burst never drifts; a guest polling UTRSTAT/UFSTAT
 * sees the FIFO fill and drain.  A character reaches the output FILE when its
 * stop bit ends (in loopback mode it is received instead).
 *
 * Receive: uart_rx_byte() is "a character arrived on RXD now" (FIFO full =>
 * overrun error).  The console input FILE feeds it at the line rate: a regular
 * file or pipe is read one character per character time while the RX FIFO has
 * room (purely simulated-time driven, so runs are deterministic); a terminal
 * is polled with a non-blocking read every UART_TTY_POLL_NS of simulated time
 * - terminal input is the one non-deterministic input of the emulator.
 *
 * Interrupt conditions: RX when the FIFO holds >= the trigger level (1, 8,
 * 16, 32) or a receive time-out (3 character times without a new character)
 * is pending; TX when the FIFO holds <= the trigger level (0, 16, 32, 48);
 * non-FIFO mode uses 1-byte holding registers.  UCON selects level type
 * (UINTSP re-set while the condition holds) or pulse type (set when it
 * becomes true).  ERROR is set on an overrun when UCON.RX_ERR_INT is set.
 *
 * Not modelled: modem lines and AFC (CTS reads as asserted, no MODEM
 * interrupt), parity/frame/break errors (the input is a byte stream), IrDA,
 * the send-break bit (cleared at once), clock sources other than PCLK
 * (EXT_UCLK0/1 are counted as PCLK, with a warning).
 */
#ifndef SOC_S3C6410_UART_H
#define SOC_S3C6410_UART_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/device.h"

#define UART_FIFO_SIZE 64
#define UART_MMIO_SIZE 0x100
/* Simulated interval between non-blocking reads of a terminal. */
#define UART_TTY_POLL_NS 1000000u

struct uart_fifo {
	uint8_t data[UART_FIFO_SIZE];
	unsigned head, count;
};

enum uart_rx_source {
	UART_RX_NONE,
	UART_RX_STREAM, /* regular file or pipe: read as fast as the line allows */
	UART_RX_TTY,    /* terminal: polled */
};

struct uart {
	const char *name;
	uint32_t base;
	struct clock *clock;
	struct bus *bus;         /* reports go here (set by the board; NULL: log only) */
	FILE *out, *in;

	/* registers */
	uint32_t ulcon, ucon, ufcon, umcon;
	uint32_t uerstat;
	uint32_t ubrdiv, udivslot;
	uint32_t uintsp, uintm;

	struct uart_fifo tx, rx;

	/* transmitter: the character in the shift register ends at tx_deadline */
	bool tx_busy;
	uint8_t tx_shift;
	cycle_t tx_epoch, tx_deadline;
	uint64_t tx_n;           /* characters since tx_epoch, the one in flight included */
	uint32_t tx_char_ticks;  /* PCLK ticks per character since tx_epoch */
	struct event tx_event;

	/* receive line from the console input */
	enum uart_rx_source rx_source;
	bool rx_eof, rx_busy;
	cycle_t rx_epoch, rx_deadline;
	uint64_t rx_n;
	uint32_t rx_char_ticks;
	struct event rx_event;
	uint8_t tty_buf[UART_FIFO_SIZE];
	unsigned tty_head, tty_count;
	struct event tty_event;

	bool rx_timeout;         /* receive time-out condition pending */
	struct event timeout_event;

	/* interrupt state */
	bool rx_cond, tx_cond;   /* last computed conditions (pulse type) */
	struct irq_line irq;     /* set by the board */
	struct irq_line dma_tx, dma_rx;

	/* statistics over the whole run (a reset keeps them) */
	uint64_t tx_chars, rx_chars, overruns, tx_dropped;
	bool warned_clk, warned_drop;
};

/* `out` receives transmitted characters; `in` (NULL = none) feeds the receiver. */
void uart_init(struct uart *u, const char *name, uint32_t base, struct clock *clock,
	       FILE *out, FILE *in);
void uart_reset(struct uart *u);
/* Change the input FILE (takes effect at the next reset for a terminal's polling). */
void uart_set_input(struct uart *u, FILE *in);
/* Cancel pending events before the state goes away. */
void uart_fini(struct uart *u);
/* Call after CLK_ARM or CLK_PCLK changed frequency (SYSCON). */
void uart_clock_changed(struct uart *u);

/*
 * Program the registers as the boot loader leaves the console: 8N1 at `baud`
 * from PCLK (UBRDIV and UDIVSLOT as the manual's formula gives them), FIFOs
 * on, receive and transmit in interrupt/polling mode.
 */
void uart_boot_setup(struct uart *u, uint32_t baud);

/* A character arrives on RXD now. */
void uart_rx_byte(struct uart *u, uint8_t c);
/* PCLK ticks one character occupies the line with the current settings. */
uint32_t uart_char_ticks(const struct uart *u);

uint32_t uart_read(void *dev, uint32_t offset, unsigned size);
void uart_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
extern const struct mmio_ops uart_mmio_ops;

void uart_update_irq(struct uart *u);

#endif /* SOC_S3C6410_UART_H */
