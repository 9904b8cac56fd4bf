// SPDX-License-Identifier: MIT
/*
 * uart.c - the S3C6410 UART0 console, polled like Linux's early console.
 *
 * DOC: Registers from the S3C6410X manual, UART chapter (and Linux's
 * include/linux/serial_s3c.h).  Transmit waits while UFSTAT says the TX FIFO
 * is full (or, with FIFOs off, until UTRSTAT says the holding register is
 * empty).  The baud rate divider is PCLK / (16 * baud) - 1 with the
 * fractional part in 1/16 steps spread over UDIVSLOT by Samsung's table.
 *
 * A full TX FIFO takes 64 character times (5.5 ms at 115200 baud) to
 * drain.  Once uart_enable_irq() has run, a writer in thread context (IRQs
 * enabled) does not spin on UFSTAT meanwhile: it unmasks the TXD interrupt
 * (raised while the FIFO holds no more than the trigger level, 32 bytes) and
 * sleeps in WFI; the handler masks TXD again.  Interrupt handlers, oopses and
 * code running with IRQs off still poll.
 */
#include <stdbool.h>
#include <stdio.h>

#include "drivers/clock.h"
#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/s3c6410.h"
#include "drivers/uart.h"
#include "drivers/vic.h"

#define UART_BASE        S3C_PA_UART(0)
#define ULCON            (UART_BASE + 0x00)
#define UCON             (UART_BASE + 0x04)
#define UFCON            (UART_BASE + 0x08)
#define UMCON            (UART_BASE + 0x0c)
#define UTRSTAT          (UART_BASE + 0x10)
#define UFSTAT           (UART_BASE + 0x18)
#define UTXH             (UART_BASE + 0x20)
#define URXH             (UART_BASE + 0x24)
#define UBRDIV           (UART_BASE + 0x28)
#define UDIVSLOT         (UART_BASE + 0x2c)
#define UINTP            (UART_BASE + 0x30)
#define UINTSP           (UART_BASE + 0x34)
#define UINTM            (UART_BASE + 0x38)

#define ULCON_8N1        0x03                /* word length 8, 1 stop bit, no parity */
#define UCON_RXIRQMODE   (1u << 0)           /* receive: interrupt request or polling */
#define UCON_TXIRQMODE   (1u << 2)           /* transmit: interrupt request or polling */
#define UCON_RXFIFO_TOI  (1u << 7)           /* rx time-out interrupt */
#define UCON_RXILEVEL    (1u << 8)
#define UCON_TXILEVEL    (1u << 9)
#define UCON_CLKSEL_PCLK (0u << 10)
#define UFCON_FIFOMODE   (1u << 0)
#define UFCON_RESETRX    (1u << 1)
#define UFCON_RESETTX    (1u << 2)
#define UFCON_TXTRIG32   (2u << 6)           /* TXD interrupt at <= 32 bytes in the FIFO */
#define UTRSTAT_RXDR     (1u << 0)           /* receive buffer data ready */
#define UTRSTAT_TXFE     (1u << 1)           /* transmit buffer empty */
#define UTRSTAT_TXE      (1u << 2)           /* transmitter (and shifter) empty */
#define UFSTAT_RXCOUNT   0x3fu
#define UFSTAT_RXFULL    (1u << 6)
#define UFSTAT_TXFULL    (1u << 14)
#define UINT_RXD         (1u << 0)
#define UINT_ERROR       (1u << 1)
#define UINT_TXD         (1u << 2)
#define UINT_MODEM       (1u << 3)
#define UINT_ALL         0xfu

/* Samsung's UDIVSLOT patterns for n/16 extra clock slots (S3C6410X manual). */
static const uint16_t udivslot_table[16] = {
	0x0000, 0x0080, 0x0808, 0x0888, 0x2222, 0x4924, 0x4a52, 0x54aa,
	0x5555, 0xd555, 0xd5d5, 0xddd5, 0xdddd, 0xdfdd, 0xdfdf, 0xffdf,
};

static bool uart_ready;
static bool fifo_mode;     /* UFCON.FIFO as we programmed it */
static bool tx_irq;        /* the TXD interrupt may wake a waiting writer */
static struct uart_config config;

void uart_init(uint32_t baud)
{
	uint32_t pclk = s3c_clk_pclk();

	writel(UINT_ALL, UINTM);
	writel(UINT_ALL, UINTSP);
	writel(UINT_ALL, UINTP);
	writel(ULCON_8N1, ULCON);
	writel(UCON_RXIRQMODE | UCON_TXIRQMODE | UCON_RXFIFO_TOI | UCON_RXILEVEL |
	       UCON_TXILEVEL | UCON_CLKSEL_PCLK, UCON);
	writel(UFCON_FIFOMODE | UFCON_RESETRX | UFCON_RESETTX | UFCON_TXTRIG32, UFCON);
	fifo_mode = true;
	writel(0, UMCON);
	config.pclk = pclk;
	config.baud = baud;
	if (pclk && baud) {
		/* PCLK / baud = 16 * (UBRDIV + 1) + slots, rounded to the nearest slot */
		uint32_t sixteenths = (pclk + baud / 2) / baud;

		config.ubrdiv = sixteenths / 16 - 1;
		config.udivslot = udivslot_table[sixteenths % 16];
		writel(config.ubrdiv, UBRDIV);
		writel(config.udivslot, UDIVSLOT);
	}
	uart_ready = true;
}

const struct uart_config *uart_config(void)
{
	return &config;
}

static irqreturn_t uart_interrupt(int irq, void *data)
{
	uint32_t pending = readl(UINTP);

	if (!pending)
		return IRQ_NONE;
	/* Only TXD is ever unmasked: its writer is awake now, so mask it again. */
	writel(UINT_ALL, UINTM);
	writel(pending, UINTSP);
	writel(pending, UINTP);
	return IRQ_HANDLED;
}

int uart_enable_irq(void)
{
	if (!uart_ready || request_irq(IRQ_UART0, uart_interrupt, NULL))
		return -1;
	tx_irq = true;
	return 0;
}

static bool tx_full(void)
{
	if (fifo_mode)
		return readl(UFSTAT) & UFSTAT_TXFULL;
	return !(readl(UTRSTAT) & UTRSTAT_TXFE);
}

/* Sleep until the FIFO has drained to the trigger level (or any interrupt). */
static void tx_wait_irq(void)
{
	unsigned long flags;

	local_irq_save(flags);

	if (tx_full()) {
		writel(UINT_TXD, UINTSP);  /* drop a stale request from before the FIFO filled */
		writel(UINT_TXD, UINTP);
		writel(UINT_ALL & ~UINT_TXD, UINTM);
		cpu_do_idle();
	}
	local_irq_restore(flags);  /* the interrupt is taken here */
}

void uart_putc(char c)
{
	if (!uart_ready)
		return;
	while (tx_full()) {
		if (tx_irq && fifo_mode && !irqs_disabled())
			tx_wait_irq();
	}
	writeb((uint8_t)c, UTXH);
}

void uart_write(const char *buf, size_t len)
{
	while (len--)
		uart_putc(*buf++);
}

int uart_getc(void)
{
	bool ready;

	if (!uart_ready)
		return -1;
	if (fifo_mode)
		ready = readl(UFSTAT) & (UFSTAT_RXCOUNT | UFSTAT_RXFULL);
	else
		ready = readl(UTRSTAT) & UTRSTAT_RXDR;
	return ready ? readb(URXH) : -1;
}

void uart_flush(void)
{
	if (!uart_ready)
		return;
	while (!(readl(UTRSTAT) & UTRSTAT_TXE))
		;
}

/* The console behind printf() and friends. */
void console_write(const char *buf, size_t len)
{
	uart_write(buf, len);
}
