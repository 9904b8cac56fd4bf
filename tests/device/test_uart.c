/* SPDX-License-Identifier: MIT */
/*
 * test_uart.c - UART: transmit timing and FIFO levels, TX interrupts (level
 * and pulse), receive from a file at the line rate with flow control, the
 * receive trigger and time-out, overrun, loopback and non-FIFO mode.
 */
#include "tests/device/devtest.h"

#include <stdio.h>

#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/uart.h"

#define UART0_BASE 0x7f005000u

enum {
	ULCON = 0x00, UCON = 0x04, UFCON = 0x08, UTRSTAT = 0x10, UERSTAT = 0x14,
	UFSTAT = 0x18, UMSTAT = 0x1c, UTXH = 0x20, URXH = 0x24, UBRDIV = 0x28,
	UDIVSLOT = 0x2c, UINTP = 0x30, UINTSP = 0x34, UINTM = 0x38,
};
#define INT_RXD 1u
#define INT_ERROR 2u
#define INT_TXD 4u
#define UCON_IRQ_MODE 0x5u    /* RX and TX in interrupt/polling mode */
#define UCON_LOOPBACK (1u << 5)
#define UCON_RXERR (1u << 6)
#define UCON_TIMEOUT (1u << 7)
#define UCON_RX_LEVEL (1u << 8)
#define UCON_TX_LEVEL (1u << 9)

/* 8N1, UBRDIV 35, 2 slots: 10 * (16 * 36 + 2) = 5780 PCLK = 46240 cycles. */
#define CHAR_PCLK 5780u
#define CHAR_CYCLES (CHAR_PCLK * 8u)

struct fixture {
	struct clock clock;
	struct probe irq;
	struct uart uart;
	FILE *out, *in;
};

static struct fixture *fixture_new(const void *input, size_t len)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	probe_init(&f->irq, &f->clock);
	f->out = tmpfile();
	assert_non_null(f->out);
	if (input) {
		f->in = tmpfile();
		assert_non_null(f->in);
		assert_int_equal(fwrite(input, 1, len, f->in), len);
		rewind(f->in);
	}
	uart_init(&f->uart, "uart0", UART0_BASE, &f->clock, f->out, f->in);
	f->uart.irq = probe_line(&f->irq, 0);
	return f;
}

static int setup(void **state)
{
	*state = fixture_new(NULL, 0);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	uart_fini(&f->uart);
	fclose(f->out);
	if (f->in)
		fclose(f->in);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static uint32_t rd(struct fixture *f, uint32_t off)
{
	return uart_read(&f->uart, off, 4);
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
	uart_write(&f->uart, off, v, 4);
}

/* 115200 8N1 from 66.625 MHz, FIFOs on; UCON last (it starts the receiver). */
static void configure(struct fixture *f, uint32_t ufcon, uint32_t ucon)
{
	wr(f, ULCON, 3);
	wr(f, UBRDIV, 35);
	wr(f, UDIVSLOT, 0x0808);
	wr(f, UFCON, ufcon);
	wr(f, UCON, ucon);
	assert_int_equal(uart_char_ticks(&f->uart), CHAR_PCLK);
}

static size_t output(struct fixture *f, char *buf, size_t len)
{
	size_t n;

	fflush(f->out);
	rewind(f->out);
	n = fread(buf, 1, len - 1, f->out);
	buf[n] = 0;
	fseek(f->out, 0, SEEK_END);
	return n;
}

static unsigned tx_count(struct fixture *f)
{
	return rd(f, UFSTAT) >> 8 & 0x3f;
}

static void test_tx_burst_timing(void **state)
{
	struct fixture *f = *state;
	char buf[128], want[65];
	cycle_t t0;

	configure(f, 1, UCON_IRQ_MODE);
	run_to(&f->clock, 777);
	t0 = f->clock.now;
	for (int i = 0; i < 64; i++) {
		want[i] = (char)('A' + i % 26);
		uart_write(&f->uart, UTXH, (uint8_t)want[i], 1); /* Linux writes UTXH as a byte */
	}
	want[64] = 0;
	/* One character went straight into the shift register. */
	assert_int_equal(tx_count(f), 63);
	assert_int_equal(rd(f, UTRSTAT), 0);
	for (unsigned k = 1; k < 64; k++) {
		run_to(&f->clock, t0 + k * CHAR_CYCLES - 1);
		assert_int_equal(tx_count(f), 64 - k);
		run_to(&f->clock, t0 + k * CHAR_CYCLES);
		assert_int_equal(tx_count(f), 63 - k);
		assert_int_equal(f->uart.tx_chars, k);
	}
	/* The last character leaves the line 64 character times after the first write. */
	run_to(&f->clock, t0 + 64 * CHAR_CYCLES - 1);
	assert_int_equal(rd(f, UTRSTAT), 0x2);          /* buffer empty, shifting */
	run_to(&f->clock, t0 + 64 * CHAR_CYCLES);
	assert_int_equal(rd(f, UTRSTAT), 0x6);          /* transmitter empty */
	assert_int_equal(output(f, buf, sizeof(buf)), 64);
	assert_string_equal(buf, want);
}

static void test_tx_fifo_full(void **state)
{
	struct fixture *f = *state;

	configure(f, 1, UCON_IRQ_MODE);
	for (int i = 0; i < 65; i++)
		wr(f, UTXH, 'x');
	/* 64 in the FIFO (the count field wraps, the full bit is set), one shifting. */
	assert_int_equal(rd(f, UFSTAT), 1u << 14);
	wr(f, UTXH, 'y');
	assert_int_equal(f->uart.tx_dropped, 1);
	run_for(&f->clock, 65 * CHAR_CYCLES);
	assert_int_equal(f->uart.tx_chars, 65);
	assert_int_equal(rd(f, UTRSTAT), 0x6);
}

static void test_tx_interrupt_level(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* Level type, trigger "empty": pending as long as the FIFO is empty. */
	configure(f, 1, UCON_IRQ_MODE | UCON_TX_LEVEL);
	assert_int_equal(rd(f, UINTP), INT_TXD);
	assert_int_equal(f->irq.level[0], 1);
	wr(f, UINTP, INT_TXD); /* condition still true: re-set at once */
	assert_int_equal(rd(f, UINTSP), INT_TXD);

	t0 = f->clock.now;
	wr(f, UTXH, '1');
	wr(f, UTXH, '2');
	wr(f, UTXH, '3');
	wr(f, UINTP, INT_TXD);
	assert_int_equal(rd(f, UINTP), 0);
	assert_int_equal(f->irq.level[0], 0);
	/* After two characters the third moves to the shift register: FIFO empty. */
	run_to(&f->clock, t0 + 2 * CHAR_CYCLES - 1);
	assert_int_equal(f->irq.level[0], 0);
	run_to(&f->clock, t0 + 2 * CHAR_CYCLES);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(f->irq.changed_at[0], t0 + 2 * CHAR_CYCLES);
	/* UINTM masks the output, not the source. */
	wr(f, UINTM, INT_TXD);
	assert_int_equal(f->irq.level[0], 0);
	assert_int_equal(rd(f, UINTP), 0);
	assert_int_equal(rd(f, UINTSP), INT_TXD);
}

static void test_tx_interrupt_pulse_and_trigger(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* Pulse type, TX trigger 16 bytes. */
	configure(f, 1 | 1u << 6, UCON_IRQ_MODE);
	assert_int_equal(rd(f, UINTSP), INT_TXD); /* enabling made the edge */
	wr(f, UINTSP, INT_TXD);
	assert_int_equal(rd(f, UINTSP), 0); /* pulse: stays clear */
	t0 = f->clock.now;
	for (int i = 0; i < 20; i++)
		wr(f, UTXH, 'p');
	assert_int_equal(tx_count(f), 19);
	/* 19 -> 16 takes three characters. */
	run_to(&f->clock, t0 + 3 * CHAR_CYCLES - 1);
	assert_int_equal(rd(f, UINTSP), 0);
	run_to(&f->clock, t0 + 3 * CHAR_CYCLES);
	assert_int_equal(rd(f, UINTSP), INT_TXD);
	wr(f, UINTSP, INT_TXD);
	run_for(&f->clock, 10 * CHAR_CYCLES);
	assert_int_equal(rd(f, UINTSP), 0); /* no new edge while below the trigger */
}

static void test_rx_from_file(void **state)
{
	static const char text[] = "hello\n";
	struct fixture *f = fixture_new(text, 6);
	char got[7] = { 0 };
	cycle_t t0;

	*state = f;
	run_to(&f->clock, 5000);
	t0 = f->clock.now;
	configure(f, 1, UCON_IRQ_MODE);
	run_to(&f->clock, t0 + 3 * CHAR_CYCLES - 1);
	assert_int_equal(rd(f, UFSTAT) & 0x3f, 2);
	run_to(&f->clock, t0 + 3 * CHAR_CYCLES);
	assert_int_equal(rd(f, UFSTAT) & 0x3f, 3);
	assert_int_equal(rd(f, UTRSTAT) & 1, 1);
	run_for(&f->clock, 100 * CHAR_CYCLES);
	assert_int_equal(rd(f, UFSTAT) & 0x3f, 6);
	for (int i = 0; i < 6; i++)
		got[i] = (char)uart_read(&f->uart, URXH, 1);
	assert_string_equal(got, text);
	assert_int_equal(rd(f, UTRSTAT) & 1, 0);
	assert_true(f->uart.rx_eof);
	assert_int_equal(f->uart.rx_chars, 6);
	/* With FIFO trigger 1 and interrupt mode, RXD was raised. */
	assert_true(f->irq.rises[0] >= 1);
}

static void test_rx_flow_control(void **state)
{
	uint8_t data[100];
	struct fixture *f;
	unsigned got = 0;
	cycle_t t;

	for (int i = 0; i < 100; i++)
		data[i] = (uint8_t)i;
	f = fixture_new(data, sizeof(data));
	*state = f;
	configure(f, 1, UCON_IRQ_MODE);
	run_for(&f->clock, 200 * CHAR_CYCLES);
	/* The FIFO fills and the file waits: no overrun, nothing lost. */
	assert_int_equal(rd(f, UFSTAT), 1u << 6);
	assert_int_equal(rd(f, UERSTAT), 0);
	assert_int_equal(f->uart.rx_chars, 64);
	assert_int_equal(rd(f, URXH), got++);
	/* Room again: the next character arrives one character time later. */
	t = f->clock.now;
	run_to(&f->clock, t + CHAR_CYCLES - 1);
	assert_int_equal(rd(f, UFSTAT) & 0x3f, 63);
	run_to(&f->clock, t + CHAR_CYCLES);
	assert_int_equal(rd(f, UFSTAT), 1u << 6);
	while (got < 100) {
		if (rd(f, UTRSTAT) & 1)
			assert_int_equal(rd(f, URXH), got++);
		else
			run_for(&f->clock, CHAR_CYCLES);
	}
	assert_int_equal(f->uart.overruns, 0);
	run_for(&f->clock, 10 * CHAR_CYCLES);
	assert_true(f->uart.rx_eof);
}

static void test_rx_overrun(void **state)
{
	struct fixture *f = *state;

	configure(f, 1, UCON_IRQ_MODE | UCON_RXERR);
	wr(f, UINTM, INT_RXD | INT_TXD);
	for (int i = 0; i < 64; i++)
		uart_rx_byte(&f->uart, (uint8_t)i);
	assert_int_equal(rd(f, UERSTAT), 0);
	assert_int_equal(f->irq.level[0], 0);
	uart_rx_byte(&f->uart, 0xee); /* no room: lost */
	assert_int_equal(f->uart.overruns, 1);
	assert_int_equal(rd(f, UINTP), INT_ERROR);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(rd(f, UERSTAT), 1);
	assert_int_equal(rd(f, UERSTAT), 0); /* cleared by reading */
	wr(f, UINTP, INT_ERROR);
	assert_int_equal(f->irq.level[0], 0);
	for (int i = 0; i < 64; i++)
		assert_int_equal(rd(f, URXH), i);
	assert_int_equal(rd(f, UFSTAT), 0);
}

static void test_rx_trigger_and_timeout(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* RX trigger 8 bytes, time-out enabled, level type; TXD masked. */
	configure(f, 1 | 1u << 4, UCON_IRQ_MODE | UCON_TIMEOUT | UCON_RX_LEVEL);
	wr(f, UINTM, INT_TXD);
	t0 = f->clock.now;
	for (int i = 0; i < 3; i++)
		uart_rx_byte(&f->uart, (uint8_t)('a' + i));
	assert_int_equal(rd(f, UINTSP) & INT_RXD, 0);
	/* Three character times without a new character: time-out. */
	run_to(&f->clock, t0 + 3 * CHAR_CYCLES - 1);
	assert_int_equal(f->irq.level[0], 0);
	run_to(&f->clock, t0 + 3 * CHAR_CYCLES);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(rd(f, UINTP), INT_RXD);
	for (int i = 0; i < 3; i++)
		assert_int_equal(rd(f, URXH), 'a' + i);
	wr(f, UINTP, INT_RXD);
	assert_int_equal(f->irq.level[0], 0);
	/* Eight characters reach the trigger level at once. */
	for (int i = 0; i < 7; i++)
		uart_rx_byte(&f->uart, 'x');
	assert_int_equal(f->irq.level[0], 0);
	uart_rx_byte(&f->uart, 'y');
	assert_int_equal(f->irq.level[0], 1);
}

static void test_loopback(void **state)
{
	struct fixture *f = *state;
	char buf[8];

	configure(f, 1, UCON_IRQ_MODE | UCON_LOOPBACK);
	wr(f, UTXH, 'a');
	wr(f, UTXH, 'b');
	run_for(&f->clock, 2 * CHAR_CYCLES);
	assert_int_equal(rd(f, URXH), 'a');
	assert_int_equal(rd(f, URXH), 'b');
	assert_int_equal(output(f, buf, sizeof(buf)), 0);
}

static void test_non_fifo_mode(void **state)
{
	struct fixture *f = *state;
	char buf[8];

	configure(f, 0, UCON_IRQ_MODE);
	wr(f, UTXH, 'x');                   /* straight to the shift register */
	assert_int_equal(rd(f, UTRSTAT), 0x2);
	wr(f, UTXH, 'y');                   /* holding register */
	assert_int_equal(rd(f, UTRSTAT), 0x0);
	wr(f, UTXH, 'z');                   /* holding register full: dropped */
	assert_int_equal(f->uart.tx_dropped, 1);
	run_for(&f->clock, 2 * CHAR_CYCLES);
	assert_int_equal(output(f, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "xy");
	/* Receive holding register: a second character overruns. */
	uart_rx_byte(&f->uart, '1');
	uart_rx_byte(&f->uart, '2');
	assert_int_equal(rd(f, UERSTAT), 1);
	assert_int_equal(rd(f, URXH), '1');
}

static void test_disabled_and_mistakes(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("uart0", UART0_BASE, UART_MMIO_SIZE, &uart_mmio_ops, &f->uart,
				   &f->uart.bus);
	char buf[8];

	/* After reset the transmitter is off: characters wait in the FIFO. */
	wr(f, UFCON, 1);
	wr(f, UTXH, 'q');
	run_for(&f->clock, 10 * CHAR_CYCLES);
	assert_int_equal(output(f, buf, sizeof(buf)), 0);
	assert_int_equal(tx_count(f), 1);
	wr(f, UCON, UCON_IRQ_MODE);
	run_for(&f->clock, 2 * 7 * 16 * 8); /* reset ULCON/UBRDIV: 7 bits of 16 PCLK */
	assert_int_equal(output(f, buf, sizeof(buf)), 1);
	/* Guest mistakes are reported and change nothing. */
	assert_int_equal(bus_read(bus, UART0_BASE + UFSTAT + 1, 1), 0); /* off the word */
	assert_int_equal(bus_read(bus, UART0_BASE + UFSTAT, 8), 0);     /* too wide */
	assert_int_equal(bus->rejected_accesses, 2);
	wr(f, UTRSTAT, 0xff);
	assert_int_equal(rd(f, UTXH), 0);
	assert_int_equal(rd(f, UMSTAT), 1);  /* CTS asserted */
	assert_int_equal(bus_read(bus, UART0_BASE + 0x40, 4), 0);
	bus_write(bus, UART0_BASE + 0x44, 1, 1);
	assert_int_equal(bus_unimp_count(bus), 2);
	bus_finish(bus);
	free(bus);
	f->uart.bus = NULL;
	/* Reading an empty FIFO gives 0 and no underflow. */
	assert_int_equal(rd(f, URXH), 0);
	assert_int_equal(rd(f, UFSTAT) & 0x7f, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tx_burst_timing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_fifo_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_interrupt_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_interrupt_pulse_and_trigger, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rx_from_file, NULL, teardown),
		cmocka_unit_test_setup_teardown(test_rx_flow_control, NULL, teardown),
		cmocka_unit_test_setup_teardown(test_rx_overrun, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_trigger_and_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loopback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_non_fifo_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled_and_mistakes, setup, teardown),
	};

	return cmocka_run_group_tests_name("uart", tests, NULL, NULL);
}
