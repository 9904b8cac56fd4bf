/* SPDX-License-Identifier: MIT */
/*
 * uart.c - S3C6410 UART: FIFOs, line timing by events, console input and
 * output, UINTP/UINTSP/UINTM interrupts.
 */
#include "soc/s3c6410/uart.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/report.h"
#include "emu/log.h"
#include "emu/regs.h"

REG32(ULCON, 0x00)
	FIELD(ULCON, WORDLEN, 0, 2)
	FIELD(ULCON, STOP, 2, 1)
	FIELD(ULCON, PARITY, 3, 3)
	FIELD(ULCON, IRDA, 6, 1)
REG32(UCON, 0x04)
	FIELD(UCON, RXMODE, 0, 2)
	FIELD(UCON, TXMODE, 2, 2)
	FIELD(UCON, BREAK, 4, 1)
	FIELD(UCON, LOOPBACK, 5, 1)
	FIELD(UCON, RXERR_INT, 6, 1)
	FIELD(UCON, RX_TIMEOUT, 7, 1)
	FIELD(UCON, RX_LEVEL, 8, 1)
	FIELD(UCON, TX_LEVEL, 9, 1)
	FIELD(UCON, CLKSEL, 10, 2)
REG32(UFCON, 0x08)
	FIELD(UFCON, FIFO_EN, 0, 1)
	FIELD(UFCON, RX_RESET, 1, 1)
	FIELD(UFCON, TX_RESET, 2, 1)
	FIELD(UFCON, RX_TRIG, 4, 2)
	FIELD(UFCON, TX_TRIG, 6, 2)
REG32(UMCON, 0x0c)
REG32(UTRSTAT, 0x10)
	FIELD(UTRSTAT, RX_READY, 0, 1)
	FIELD(UTRSTAT, TX_BUF_EMPTY, 1, 1)
	FIELD(UTRSTAT, TX_EMPTY, 2, 1)
REG32(UERSTAT, 0x14)
	FIELD(UERSTAT, OVERRUN, 0, 1)
REG32(UFSTAT, 0x18)
	FIELD(UFSTAT, RX_COUNT, 0, 6)
	FIELD(UFSTAT, RX_FULL, 6, 1)
	FIELD(UFSTAT, TX_COUNT, 8, 6)
	FIELD(UFSTAT, TX_FULL, 14, 1)
REG32(UMSTAT, 0x1c)
	FIELD(UMSTAT, CTS, 0, 1)
REG32(UTXH, 0x20)
REG32(URXH, 0x24)
REG32(UBRDIV, 0x28)
REG32(UDIVSLOT, 0x2c)
REG32(UINTP, 0x30)
REG32(UINTSP, 0x34)
REG32(UINTM, 0x38)
	FIELD(UINT, RXD, 0, 1)
	FIELD(UINT, ERROR, 1, 1)
	FIELD(UINT, TXD, 2, 1)
	FIELD(UINT, MODEM, 3, 1)
#define UINT_ALL 0xfu

/* UCON RX/TX mode values */
#define UART_MODE_OFF 0
#define UART_MODE_IRQ 1 /* interrupt request or polling */

static const unsigned rx_trigger[4] = { 1, 8, 16, 32 };
static const unsigned tx_trigger[4] = { 0, 16, 32, 48 };

static void uart_tx_event(void *opaque, cycle_t late);
static void uart_rx_event(void *opaque, cycle_t late);
static void uart_tty_event(void *opaque, cycle_t late);
static void uart_timeout_event(void *opaque, cycle_t late);

static void fifo_push(struct uart_fifo *f, uint8_t c)
{
	f->data[(f->head + f->count++) % UART_FIFO_SIZE] = c;
}

static uint8_t fifo_pop(struct uart_fifo *f)
{
	uint8_t c = f->data[f->head];

	f->head = (f->head + 1) % UART_FIFO_SIZE;
	f->count--;
	return c;
}

static void fifo_clear(struct uart_fifo *f)
{
	f->head = f->count = 0;
}

static bool fifo_mode(const struct uart *u)
{
	return FIELD_EX32(u->ufcon, UFCON, FIFO_EN);
}

/* Non-FIFO mode has 1-byte holding registers. */
static unsigned fifo_capacity(const struct uart *u)
{
	return fifo_mode(u) ? UART_FIFO_SIZE : 1;
}

static unsigned tx_mode(const struct uart *u)
{
	return FIELD_EX32(u->ucon, UCON, TXMODE);
}

static unsigned rx_mode(const struct uart *u)
{
	return FIELD_EX32(u->ucon, UCON, RXMODE);
}

static cycle_t ns_to_cycles(const struct clock *c, uint64_t ns)
{
	return (cycle_t)((unsigned __int128)ns * c->hz[CLK_ARM] / 1000000000u);
}

void uart_set_input(struct uart *u, FILE *in)
{
	struct stat st;

	u->in = in;
	u->rx_eof = false;
	u->rx_source = UART_RX_NONE;
	if (!in)
		return;
	u->rx_source = isatty(fileno(in)) ? UART_RX_TTY : UART_RX_STREAM;
	/* A directory or similar would make every read fail: treat it as empty. */
	if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode))
		u->rx_source = UART_RX_NONE;
}

void uart_init(struct uart *u, const char *name, uint32_t base, struct clock *clock,
	       FILE *out, FILE *in)
{
	memset(u, 0, sizeof(*u));
	u->name = name;
	u->base = base;
	u->clock = clock;
	u->out = out;
	uart_set_input(u, in);
	event_init(&u->tx_event, "uart-tx", uart_tx_event, u);
	event_init(&u->rx_event, "uart-rx", uart_rx_event, u);
	event_init(&u->tty_event, "uart-tty-poll", uart_tty_event, u);
	event_init(&u->timeout_event, "uart-rx-timeout", uart_timeout_event, u);
	uart_reset(u);
}

void uart_fini(struct uart *u)
{
	clock_cancel(u->clock, &u->tx_event);
	clock_cancel(u->clock, &u->rx_event);
	clock_cancel(u->clock, &u->tty_event);
	clock_cancel(u->clock, &u->timeout_event);
}

void uart_reset(struct uart *u)
{
	uart_fini(u);
	u->ulcon = u->ucon = u->ufcon = u->umcon = 0;
	u->uerstat = 0;
	u->ubrdiv = u->udivslot = 0;
	u->uintsp = u->uintm = 0;
	fifo_clear(&u->tx);
	fifo_clear(&u->rx);
	u->tx_busy = false;
	u->rx_busy = false;
	u->rx_timeout = false;
	u->rx_cond = u->tx_cond = false;
	/* Input already consumed stays consumed: a reset does not rewind a file. */
	if (u->rx_source == UART_RX_TTY && !u->rx_eof)
		clock_schedule(u->clock, &u->tty_event, ns_to_cycles(u->clock, UART_TTY_POLL_NS));
	uart_update_irq(u);
}

uint32_t uart_char_ticks(const struct uart *u)
{
	unsigned bits = 1 + 5 + FIELD_EX32(u->ulcon, ULCON, WORDLEN) +
			(FIELD_EX32(u->ulcon, ULCON, PARITY) & 4 ? 1 : 0) +
			(FIELD_EX32(u->ulcon, ULCON, STOP) ? 2 : 1);

	return bits * (16 * ((u->ubrdiv & 0xffff) + 1) +
		       (uint32_t)__builtin_popcount(u->udivslot & 0xffff));
}

static void uart_check_clock(struct uart *u)
{
	unsigned sel = FIELD_EX32(u->ucon, UCON, CLKSEL);

	if ((sel == 1 || sel == 3) && !u->warned_clk) {
		bus_guest_warn(u->bus, "%s: UCON selects EXT_UCLK%u, not modelled: baud rate "
			       "from PCLK", u->name, sel >> 1);
		u->warned_clk = true;
	}
}

/*
 * Line timing: characters back to back from an epoch, the n-th ending at
 * epoch + n character times, so rounding never accumulates.  A new character
 * time (UBRDIV, ULCON, PCLK) starts a new epoch at the end of the last one.
 */
static cycle_t line_next(struct uart *u, bool busy, cycle_t prev_end, cycle_t *epoch,
			 uint64_t *n, uint32_t *ticks)
{
	uint32_t ct = uart_char_ticks(u);

	if (!busy) {
		*epoch = u->clock->now;
		*n = 0;
		*ticks = ct;
	} else if (ct != *ticks) {
		*epoch = prev_end;
		*n = 0;
		*ticks = ct;
	}
	++*n;
	return *epoch + clock_ticks_to_cycles(u->clock, CLK_PCLK, *n * *ticks);
}

/* Move the next character into the shift register if the transmitter is idle. */
static void uart_tx_kick(struct uart *u)
{
	if (u->tx_busy || tx_mode(u) == UART_MODE_OFF || !u->tx.count)
		return;
	u->tx_shift = fifo_pop(&u->tx);
	u->tx_deadline = line_next(u, false, 0, &u->tx_epoch, &u->tx_n, &u->tx_char_ticks);
	u->tx_busy = true;
	clock_schedule_at(u->clock, &u->tx_event, u->tx_deadline);
}

static void uart_tx_event(void *opaque, cycle_t late)
{
	struct uart *u = opaque;
	cycle_t end = u->clock->now - late; /* when the stop bit ended */

	u->tx_chars++;
	if (FIELD_EX32(u->ucon, UCON, LOOPBACK)) {
		uart_rx_byte(u, u->tx_shift);
	} else if (u->out) {
		fputc(u->tx_shift, u->out);
		if (!u->tx.count)
			fflush(u->out); /* end of a burst: let the user see it */
	}
	if (u->tx.count && tx_mode(u) != UART_MODE_OFF) {
		u->tx_shift = fifo_pop(&u->tx);
		u->tx_deadline = line_next(u, true, end, &u->tx_epoch, &u->tx_n,
					   &u->tx_char_ticks);
		clock_schedule_at(u->clock, &u->tx_event, u->tx_deadline);
	} else {
		u->tx_busy = false;
	}
	uart_update_irq(u);
}

static void uart_arm_timeout(struct uart *u)
{
	u->rx_timeout = false;
	if (fifo_mode(u) && FIELD_EX32(u->ucon, UCON, RX_TIMEOUT) && u->rx.count)
		clock_schedule(u->clock, &u->timeout_event,
			       clock_ticks_to_cycles(u->clock, CLK_PCLK,
						     3 * (uint64_t)uart_char_ticks(u)));
	else
		clock_cancel(u->clock, &u->timeout_event);
}

static void uart_timeout_event(void *opaque, cycle_t late)
{
	struct uart *u = opaque;

	(void)late;
	u->rx_timeout = u->rx.count > 0;
	uart_update_irq(u);
}

void uart_rx_byte(struct uart *u, uint8_t c)
{
	if (rx_mode(u) == UART_MODE_OFF)
		return; /* receiver disabled: the character is lost on the line */
	if (u->rx.count >= fifo_capacity(u)) {
		u->overruns++;
		u->uerstat |= R_UERSTAT_OVERRUN_MASK;
		if (FIELD_EX32(u->ucon, UCON, RXERR_INT))
			u->uintsp |= R_UINT_ERROR_MASK;
	} else {
		fifo_push(&u->rx, c);
		u->rx_chars++;
	}
	uart_arm_timeout(u);
	uart_update_irq(u);
}

/* Next console character, or -1 (none yet for a terminal, end of a stream). */
static int uart_source_next(struct uart *u)
{
	int c;

	if (u->rx_source == UART_RX_TTY) {
		if (!u->tty_count)
			return -1;
		c = u->tty_buf[u->tty_head++];
		u->tty_count--;
		return c;
	}
	c = fgetc(u->in);
	if (c == EOF)
		u->rx_eof = true;
	return c == EOF ? -1 : c;
}

static bool uart_source_ready(const struct uart *u)
{
	if (u->rx_source == UART_RX_NONE || u->rx_eof)
		return false;
	return u->rx_source == UART_RX_STREAM || u->tty_count > 0;
}

/*
 * Start (or continue) the console line: the next character arrives one
 * character time after the previous one, while the RX FIFO has room.
 */
static void uart_rx_line(struct uart *u, bool continuing, cycle_t prev_end)
{
	if (u->rx_busy && !continuing)
		return; /* a character is already on its way */
	if (!uart_source_ready(u) || rx_mode(u) == UART_MODE_OFF ||
	    u->rx.count >= fifo_capacity(u)) {
		u->rx_busy = false;
		return;
	}
	u->rx_deadline = line_next(u, continuing, prev_end, &u->rx_epoch, &u->rx_n,
				   &u->rx_char_ticks);
	u->rx_busy = true;
	clock_schedule_at(u->clock, &u->rx_event, u->rx_deadline);
}

static void uart_rx_event(void *opaque, cycle_t late)
{
	struct uart *u = opaque;
	cycle_t end = u->clock->now - late;
	int c;

	if (rx_mode(u) == UART_MODE_OFF || u->rx.count >= fifo_capacity(u)) {
		u->rx_busy = false; /* the character waits in the source */
		return;
	}
	c = uart_source_next(u);
	if (c < 0) {
		u->rx_busy = false;
		return;
	}
	uart_rx_byte(u, (uint8_t)c);
	uart_rx_line(u, true, end);
}

static void uart_tty_event(void *opaque, cycle_t late)
{
	struct uart *u = opaque;
	struct pollfd pfd = { .fd = fileno(u->in), .events = POLLIN };

	(void)late;
	if (!u->tty_count && poll(&pfd, 1, 0) > 0) {
		ssize_t n = read(pfd.fd, u->tty_buf, sizeof(u->tty_buf));

		if (n > 0) {
			u->tty_head = 0;
			u->tty_count = (unsigned)n;
			uart_rx_line(u, false, 0);
		} else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			u->rx_eof = true; /* terminal closed */
			return;
		}
	}
	clock_schedule(u->clock, &u->tty_event, ns_to_cycles(u->clock, UART_TTY_POLL_NS));
}

void uart_clock_changed(struct uart *u)
{
	/* Characters in flight finish at the old rate; the next ones use the new. */
	if (u->tx_busy) {
		u->tx_epoch = u->tx_deadline;
		u->tx_n = 0;
	}
	if (u->rx_busy) {
		u->rx_epoch = u->rx_deadline;
		u->rx_n = 0;
	}
}

void uart_update_irq(struct uart *u)
{
	bool rx_cond, tx_cond;
	uint32_t set = 0;

	if (fifo_mode(u)) {
		unsigned rtrig = rx_trigger[FIELD_EX32(u->ufcon, UFCON, RX_TRIG)];
		unsigned ttrig = tx_trigger[FIELD_EX32(u->ufcon, UFCON, TX_TRIG)];

		rx_cond = u->rx.count >= rtrig || (u->rx_timeout && u->rx.count);
		tx_cond = u->tx.count <= ttrig;
	} else {
		rx_cond = u->rx.count > 0;
		tx_cond = u->tx.count == 0;
	}
	/* A disabled direction has no condition: enabling it can make an edge. */
	rx_cond = rx_cond && rx_mode(u) != UART_MODE_OFF;
	tx_cond = tx_cond && tx_mode(u) != UART_MODE_OFF;
	if (rx_mode(u) == UART_MODE_IRQ && rx_cond &&
	    (FIELD_EX32(u->ucon, UCON, RX_LEVEL) || !u->rx_cond))
		set |= R_UINT_RXD_MASK;
	if (tx_mode(u) == UART_MODE_IRQ && tx_cond &&
	    (FIELD_EX32(u->ucon, UCON, TX_LEVEL) || !u->tx_cond))
		set |= R_UINT_TXD_MASK;
	u->rx_cond = rx_cond;
	u->tx_cond = tx_cond;
	u->uintsp |= set;

	irq_set(&u->irq, (u->uintsp & ~u->uintm & UINT_ALL) != 0);
	/* DMA modes (UCON mode 2, 3) request transfers instead of interrupts. */
	irq_set(&u->dma_rx, rx_mode(u) >= 2 && rx_cond);
	irq_set(&u->dma_tx, tx_mode(u) >= 2 && tx_cond);
}

static uint32_t uart_ufstat(const struct uart *u)
{
	uint32_t v = 0;

	v = FIELD_DP32(v, UFSTAT, RX_COUNT, u->rx.count);
	v = FIELD_DP32(v, UFSTAT, RX_FULL, u->rx.count >= UART_FIFO_SIZE);
	v = FIELD_DP32(v, UFSTAT, TX_COUNT, u->tx.count);
	v = FIELD_DP32(v, UFSTAT, TX_FULL, u->tx.count >= UART_FIFO_SIZE);
	return v;
}

static uint32_t uart_utrstat(const struct uart *u)
{
	uint32_t v = 0;

	v = FIELD_DP32(v, UTRSTAT, RX_READY, u->rx.count > 0);
	v = FIELD_DP32(v, UTRSTAT, TX_BUF_EMPTY, u->tx.count == 0);
	v = FIELD_DP32(v, UTRSTAT, TX_EMPTY, u->tx.count == 0 && !u->tx_busy);
	return v;
}

static uint32_t uart_read_rx(struct uart *u)
{
	uint8_t c;

	if (!u->rx.count)
		return 0;
	c = fifo_pop(&u->rx);
	uart_arm_timeout(u);
	uart_rx_line(u, false, 0); /* room again: the console line may resume */
	uart_update_irq(u);
	return c;
}

uint32_t uart_read(void *dev, uint32_t offset, unsigned size)
{
	struct uart *u = dev;
	uint32_t v;

	switch (offset) {
	case A_ULCON:
		return u->ulcon;
	case A_UCON:
		return u->ucon;
	case A_UFCON:
		return u->ufcon;
	case A_UMCON:
		return u->umcon;
	case A_UTRSTAT:
		return uart_utrstat(u);
	case A_UERSTAT:
		v = u->uerstat;
		u->uerstat = 0;
		return v;
	case A_UFSTAT:
		return uart_ufstat(u);
	case A_UMSTAT:
		return R_UMSTAT_CTS_MASK;
	case A_URXH:
		return uart_read_rx(u);
	case A_UBRDIV:
		return u->ubrdiv;
	case A_UDIVSLOT:
		return u->udivslot;
	case A_UINTP:
		return u->uintsp & ~u->uintm & UINT_ALL;
	case A_UINTSP:
		return u->uintsp;
	case A_UINTM:
		return u->uintm;
	case A_UTXH:
		bus_guest_warn(u->bus, "%s: read of write-only UTXH reads as 0", u->name);
		return 0;
	default:
		bus_unimp(u->bus, u->name, u->base + offset, size, false, 0);
		return 0;
	}
}

static void uart_write_tx(struct uart *u, uint8_t c)
{
	if (u->tx.count >= fifo_capacity(u)) {
		u->tx_dropped++;
		if (!u->warned_drop)
			bus_guest_warn(u->bus, "%s: UTXH written with the transmit %s full: "
				       "character dropped (further drops are only counted)",
				       u->name, fifo_mode(u) ? "FIFO" : "holding register");
		u->warned_drop = true;
		return;
	}
	fifo_push(&u->tx, c);
	uart_tx_kick(u);
}

void uart_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct uart *u = dev;

	switch (offset) {
	case A_ULCON:
		u->ulcon = value & 0x7f;
		return;
	case A_UCON:
		/* The break is "sent" at once: the bit clears itself. */
		u->ucon = value & 0xfef;
		uart_check_clock(u);
		uart_tx_kick(u);
		uart_rx_line(u, false, 0);
		uart_arm_timeout(u);
		break;
	case A_UFCON:
		if (FIELD_EX32(value, UFCON, RX_RESET)) {
			fifo_clear(&u->rx);
			uart_arm_timeout(u);
		}
		if (FIELD_EX32(value, UFCON, TX_RESET))
			fifo_clear(&u->tx);
		u->ufcon = value & (R_UFCON_FIFO_EN_MASK | R_UFCON_RX_TRIG_MASK |
				    R_UFCON_TX_TRIG_MASK);
		uart_rx_line(u, false, 0);
		break;
	case A_UMCON:
		u->umcon = value & 0xf9;
		return;
	case A_UTXH:
		uart_write_tx(u, (uint8_t)value);
		break;
	case A_UBRDIV:
		u->ubrdiv = value & 0xffff;
		return;
	case A_UDIVSLOT:
		u->udivslot = value & 0xffff;
		return;
	case A_UINTP:
	case A_UINTSP:
		u->uintsp &= ~(value & UINT_ALL);
		break;
	case A_UINTM:
		u->uintm = value & UINT_ALL;
		break;
	case A_UTRSTAT:
	case A_UERSTAT:
	case A_UFSTAT:
	case A_UMSTAT:
	case A_URXH:
		bus_guest_warn(u->bus, "%s: write of 0x%x to read-only register +0x%02x ignored",
			       u->name, value, offset);
		return;
	default:
		bus_unimp(u->bus, u->name, u->base + offset, size, true, value);
		return;
	}
	uart_update_irq(u);
}

/* UDIVSLOT patterns for 0-15 extra slots (the S3C6410 manual's table). */
static const uint16_t udivslot_table[16] = {
	0x0000, 0x0080, 0x0808, 0x0888, 0x2222, 0x4924, 0x4a52, 0x54aa,
	0x5555, 0xd555, 0xd5d5, 0xddd5, 0xdddd, 0xdfdd, 0xdfdf, 0xffdf,
};

void uart_boot_setup(struct uart *u, uint32_t baud)
{
	/* PCLK / baud = 16 * (UBRDIV + 1) + slots, rounded to the nearest slot. */
	uint64_t x16 = baud ? ((uint64_t)u->clock->hz[CLK_PCLK] + baud / 2) / baud : 16;

	if (x16 < 16)
		x16 = 16;
	uart_write(u, A_ULCON, 0x3, 4);
	uart_write(u, A_UBRDIV, (uint32_t)(x16 / 16 - 1), 4);
	uart_write(u, A_UDIVSLOT, udivslot_table[x16 % 16], 4);
	uart_write(u, A_UFCON, R_UFCON_FIFO_EN_MASK | R_UFCON_RX_RESET_MASK |
		   R_UFCON_TX_RESET_MASK, 4);
	uart_write(u, A_UCON, FIELD_DP32(FIELD_DP32(0, UCON, RXMODE, UART_MODE_IRQ),
					 UCON, TXMODE, UART_MODE_IRQ), 4);
}

const struct mmio_ops uart_mmio_ops = {
	.read = uart_read,
	.write = uart_write,
	.min_size = 1,
	.max_size = 4,
	.align = 4, /* byte access to UTXH/URXH; offsets stay word-aligned */
};

/* --- the board's view ------------------------------------------------------ */

static int uart_create(void *dev, const struct device_params *p)
{
	struct uart *u = dev;

	uart_init(u, p->name, p->base, p->clock, p->console_out, p->console_in);
	u->bus = p->bus;
	u->irq = p->irq[0];
	return 0;
}

static void uart_report(void *dev, struct report *r)
{
	const struct uart *u = dev;

	report_object(r, u->name);
	report_hex(r, "base", u->base);
	report_u64(r, "tx_chars", u->tx_chars);
	report_u64(r, "rx_chars", u->rx_chars);
	report_u64(r, "overruns", u->overruns);
	report_u64(r, "tx_dropped", u->tx_dropped);
	report_end(r);
}

static void uart_print_stats(void *dev, FILE *f)
{
	const struct uart *u = dev;

	if (!u->tx_chars && !u->rx_chars && !u->overruns && !u->tx_dropped)
		return;
	fprintf(f, "%s: %llu characters sent, %llu received, %llu overruns, %llu dropped\n",
		u->name, (unsigned long long)u->tx_chars, (unsigned long long)u->rx_chars,
		(unsigned long long)u->overruns, (unsigned long long)u->tx_dropped);
}

static void uart_reset_op(void *dev)
{
	uart_reset(dev);
}

static void uart_clock_changed_op(void *dev)
{
	uart_clock_changed(dev);
}

static void uart_fini_op(void *dev)
{
	uart_fini(dev);
}

const struct device_ops uart_device = {
	.compatible = "samsung,s3c6400-uart",
	.name = "uart",
	.max = 4,
	.span = 0x3c,
	.nr_irqs = 1,
	.state_size = sizeof(struct uart),
	.mmio = &uart_mmio_ops,
	.create = uart_create,
	.reset = uart_reset_op,
	.clock_changed = uart_clock_changed_op,
	.report = uart_report,
	.print_stats = uart_print_stats,
	.destroy = uart_fini_op,
};
