/* SPDX-License-Identifier: MIT */
/*
 * test_pl080s.c - the PL080S DMA controller against a fake bus-master port:
 * 64 KiB of "RAM" in a host buffer, one byte-wide peripheral FIFO register,
 * and a timing model of (2 + beats) HCLK per burst with a shared busy-until,
 * so every completion cycle below is computed, not measured.
 */
#include "tests/device/devtest.h"

#include "emu/log.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/pl080s.h"

#define DMA_BASE 0x75000000u
#define RAM_BASE 0x50000000u
#define RAM_SIZE 0x10000u
#define SFR_TX 0x7f005020u   /* takes bytes, logs them */
#define SFR_RX 0x7f005024u   /* gives bytes from a queue */
#define SFR_NO 0x7f005028u   /* refuses every access */
#define HCLK 4u               /* ARMCLK cycles per HCLK at 533/133.25 MHz */
#define BURST_HCLK(beats) (HCLK * (2u + (beats)))

enum {
	INT_STATUS = 0x000, INT_TC_STATUS = 0x004, INT_TC_CLEAR = 0x008, INT_ERR_STATUS = 0x00c,
	INT_ERR_CLEAR = 0x010, RAW_TC = 0x014, RAW_ERR = 0x018, EN_CHAN = 0x01c,
	SOFT_BREQ = 0x020, SOFT_SREQ = 0x024, SOFT_LBREQ = 0x028, SOFT_LSREQ = 0x02c,
	CONFIG = 0x030, SYNC = 0x034,
};
#define CH(n, r) (0x100u + 0x20u * (n) + (r))
enum { SRC = 0x00, DST = 0x04, LLI = 0x08, CTL0 = 0x0c, CTL1 = 0x10, CFG = 0x14 };

/* Control0 and Configuration fields, as a driver (Linux's pl080.h) spells them. */
#define C_SB(x) ((uint32_t)(x) << 12)
#define C_DB(x) ((uint32_t)(x) << 15)
#define C_SW(x) ((uint32_t)(x) << 18)
#define C_DW(x) ((uint32_t)(x) << 21)
#define C_SI (1u << 26)
#define C_DI (1u << 27)
#define C_PROT(x) ((uint32_t)(x) << 28)
#define C_I (1u << 31)
#define W8 0
#define W16 1
#define W32 2
#define B1 0
#define B4 1
#define B256 7
#define F_E 1u
#define F_SRC(n) ((uint32_t)(n) << 1)
#define F_DST(n) ((uint32_t)(n) << 6)
#define F_FLOW(n) ((uint32_t)(n) << 11)
#define F_IE (1u << 14)
#define F_ITC (1u << 15)
#define F_A (1u << 17)
#define F_H (1u << 18)

struct fixture {
	struct clock clock;
	struct probe irq;
	struct pl080s dma;
	uint8_t ram[RAM_SIZE];
	uint8_t tx[256];
	unsigned nr_tx;
	uint8_t rx[256];
	unsigned rx_pos;
	cycle_t busy_until;
	unsigned acks[PL080S_NR_LINES], tc_acks[PL080S_NR_LINES];
	unsigned observed;
};

static bool fake_access(void *opaque, const struct pl080s_burst *b, uint8_t *buf)
{
	struct fixture *f = opaque;
	uint32_t len = b->width * b->beats;

	if (b->pa >= RAM_BASE && b->pa + (b->inc ? len : b->width) <= RAM_BASE + RAM_SIZE) {
		for (unsigned i = 0; i < b->beats; i++) {
			uint8_t *m = f->ram + (b->pa - RAM_BASE) + (b->inc ? i * b->width : 0);

			if (b->write)
				memcpy(m, buf + i * b->width, b->width);
			else
				memcpy(buf + i * b->width, m, b->width);
		}
		return true;
	}
	if (b->pa == SFR_TX && b->write && !b->inc && b->width == 1) {
		for (unsigned i = 0; i < b->beats && f->nr_tx < sizeof(f->tx); i++)
			f->tx[f->nr_tx++] = buf[i];
		return true;
	}
	if (b->pa == SFR_RX && !b->write && !b->inc && b->width == 1) {
		for (unsigned i = 0; i < b->beats; i++)
			buf[i] = f->rx[f->rx_pos++ % sizeof(f->rx)];
		return true;
	}
	return false;
}

static cycle_t fake_timing(void *opaque, const struct pl080s_burst *b, cycle_t at, cycle_t *start)
{
	struct fixture *f = opaque;

	*start = at > f->busy_until ? at : f->busy_until;
	f->busy_until = *start + BURST_HCLK(b->beats);
	return f->busy_until;
}

static void fake_observe(void *opaque, const struct pl080s_burst *b, cycle_t when)
{
	struct fixture *f = opaque;

	(void)b;
	(void)when;
	f->observed++;
}

static void fake_ack(void *opaque, unsigned line, bool tc)
{
	struct fixture *f = opaque;

	f->acks[line]++;
	if (tc)
		f->tc_acks[line]++;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct pl080s_port port = {
		.opaque = f, .access = fake_access, .timing = fake_timing, .observe = fake_observe,
	};

	clock_init(&f->clock);
	probe_init(&f->irq, &f->clock);
	pl080s_init(&f->dma, "dma0", DMA_BASE, BUS_DMA0, &f->clock, &port);
	f->dma.irq = probe_line(&f->irq, 0);
	f->dma.periph = (struct pl080s_periph){ .ack = fake_ack, .opaque = f };
	for (unsigned i = 0; i < RAM_SIZE; i++)
		f->ram[i] = (uint8_t)(i * 7 + 3 + (i >> 8) * 31);
	for (unsigned i = 0; i < sizeof(f->rx); i++)
		f->rx[i] = (uint8_t)(0xa0 + i);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pl080s_fini(&f->dma);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static uint32_t rd(struct fixture *f, uint32_t off)
{
	return pl080s_read(&f->dma, off, 4);
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
	pl080s_write(&f->dma, off, v, 4);
}

static uint8_t *ram(struct fixture *f, uint32_t pa)
{
	return f->ram + (pa - RAM_BASE);
}

static void program(struct fixture *f, unsigned ch, uint32_t src, uint32_t dst, uint32_t lli,
		    uint32_t ctl0, uint32_t size)
{
	wr(f, CH(ch, SRC), src);
	wr(f, CH(ch, DST), dst);
	wr(f, CH(ch, LLI), lli);
	wr(f, CH(ch, CTL0), ctl0);
	wr(f, CH(ch, CTL1), size);
}

static void test_reset_values_and_access(void **state)
{
	struct fixture *f = *state;
	static const uint32_t id[8] = { 0x80, 0x10, 0x14, 0x0a, 0x0d, 0xf0, 0x05, 0xb1 };
	uint32_t periph = 0, cell = 0;

	for (uint32_t off = 0; off <= SYNC; off += 4)
		assert_int_equal(rd(f, off), 0);
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++)
		for (uint32_t r = SRC; r <= CFG; r += 4)
			assert_int_equal(rd(f, CH(c, r)), 0);
	/* AMBA IDs, one byte per word: what Linux's amba bus assembles and matches. */
	for (unsigned i = 0; i < 4; i++) {
		assert_int_equal(rd(f, 0xfe0 + 4 * i), id[i]);
		assert_int_equal(rd(f, 0xff0 + 4 * i), id[4 + i]);
		periph |= rd(f, 0xfe0 + 4 * i) << (8 * i);
		cell |= rd(f, 0xff0 + 4 * i) << (8 * i);
	}
	assert_int_equal(periph, 0x0a141080);
	assert_int_equal(cell, 0xb105f00d);

	/* Read-write registers keep what they may hold. */
	wr(f, CONFIG, 0xffffffff);
	assert_int_equal(rd(f, CONFIG), 0x7);
	wr(f, CONFIG, 1);
	wr(f, SYNC, 0xffffffff);
	assert_int_equal(rd(f, SYNC), 0xffff);
	wr(f, CH(3, SRC), 0x12345677);
	assert_int_equal(rd(f, CH(3, SRC)), 0x12345677);
	wr(f, CH(3, DST), 0x89abcdef);
	assert_int_equal(rd(f, CH(3, DST)), 0x89abcdef);
	wr(f, CH(3, LLI), 0xffffffff);
	assert_int_equal(rd(f, CH(3, LLI)), 0xfffffffd); /* bit 1 reserved */
	wr(f, CH(3, CTL0), 0xffffffff);
	assert_int_equal(rd(f, CH(3, CTL0)), 0xffffffff);
	wr(f, CH(3, CTL1), 0xffffffff);
	assert_int_equal(rd(f, CH(3, CTL1)), 0x1ffffff); /* 25-bit TransferSize */
	/* Configuration: A (bit 17) is read-only, bits 5, 10 and 19+ reserved. */
	wr(f, CH(3, CFG), 0xfffffffe);
	assert_int_equal(rd(f, CH(3, CFG)), 0x5fbde);
	assert_int_equal(rd(f, EN_CHAN), 0);

	/* Read-only registers ignore writes; write-only ones read as zero. */
	for (uint32_t off = INT_STATUS; off <= EN_CHAN; off += 4) {
		if (off == INT_TC_CLEAR || off == INT_ERR_CLEAR)
			continue;
		wr(f, off, 0xff);
		assert_int_equal(rd(f, off), 0);
	}
	assert_int_equal(rd(f, INT_TC_CLEAR), 0);
	assert_int_equal(rd(f, INT_ERR_CLEAR), 0);
}

static void test_only_32_bit_accesses(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("dma0", DMA_BASE, PL080S_MMIO_SIZE, &pl080s_mmio_ops, &f->dma,
				   &f->dma.bus);

	bus_write(bus, DMA_BASE + CH(3, SRC), 0x12345678, 4);
	assert_int_equal(bus_read(bus, DMA_BASE + CH(3, SRC), 4), 0x12345678);
	assert_int_equal(bus_read(bus, DMA_BASE + CH(3, SRC), 2), 0);
	bus_write(bus, DMA_BASE + CH(3, SRC), 0, 1);
	bus_write(bus, DMA_BASE + CH(3, SRC) + 2, 0, 2);
	assert_int_equal(bus_read(bus, DMA_BASE + CH(3, SRC), 4), 0x12345678);
	/* Holes in the map are unimplemented registers, reported once each. */
	assert_int_equal(bus_read(bus, DMA_BASE + 0x040, 4), 0);
	assert_int_equal(bus_read(bus, DMA_BASE + CH(7, 0x18), 4), 0);
	assert_int_equal(bus_read(bus, DMA_BASE + 0x040, 4), 0);
	assert_int_equal(bus_unimp_count(bus), 2);
	bus_finish(bus);
	free(bus);
	f->dma.bus = NULL;
}

static void test_mem_to_mem_timing_and_progress(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE + 0x1000, dst = RAM_BASE + 0x8000;
	const cycle_t step = 2 * BURST_HCLK(4); /* read 4 words, write 4 words */
	cycle_t t0;

	wr(f, CONFIG, 1);
	program(f, 0, src, dst, 0, C_I | C_SI | C_DI | C_SB(B4) | C_DB(B4) | C_SW(W32) |
		C_DW(W32) | C_PROT(1), 64);
	run_to(&f->clock, 1000);
	wr(f, CH(0, CFG), F_E | F_ITC | F_IE | F_FLOW(0));
	t0 = f->clock.now + HCLK; /* one HCLK of arbitration */
	assert_int_equal(rd(f, EN_CHAN), 1);
	assert_int_equal(rd(f, CH(0, CFG)) & F_A, 0);

	/* Mid first step: the source burst is in the FIFO, nothing written yet. */
	run_to(&f->clock, t0 + 1);
	assert_int_equal(rd(f, CH(0, SRC)), src + 16);
	assert_int_equal(rd(f, CH(0, DST)), dst);
	assert_int_equal(rd(f, CH(0, CTL1)), 64);
	assert_true(rd(f, CH(0, CFG)) & F_A);
	assert_memory_not_equal(ram(f, dst), ram(f, src), 16);
	/* After it: four words delivered, TransferSize counts them down. */
	run_to(&f->clock, t0 + step);
	assert_int_equal(rd(f, CH(0, DST)), dst + 16);
	assert_int_equal(rd(f, CH(0, CTL1)), 60);
	assert_memory_equal(ram(f, dst), ram(f, src), 16);
	/* Five steps in: 20 words. */
	run_to(&f->clock, t0 + 5 * step);
	assert_int_equal(rd(f, CH(0, CTL1)), 44);
	assert_int_equal(rd(f, CH(0, DST)), dst + 80);

	run_to(&f->clock, t0 + 16 * step - 1);
	assert_int_equal(f->irq.level[0], 0);
	assert_int_equal(rd(f, EN_CHAN), 1);
	run_to(&f->clock, t0 + 16 * step);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(f->irq.changed_at[0], t0 + 16 * step);
	assert_memory_equal(ram(f, dst), ram(f, src), 256);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(rd(f, CH(0, CFG)) & (F_E | F_A), 0);
	assert_int_equal(rd(f, CH(0, CTL1)), 0);
	assert_int_equal(rd(f, RAW_TC), 1);
	assert_int_equal(rd(f, INT_TC_STATUS), 1);
	assert_int_equal(rd(f, INT_STATUS), 1);
	assert_int_equal(rd(f, RAW_ERR), 0);
	/* Protection bits travel with the bursts' description; Control0 keeps them. */
	assert_int_equal(rd(f, CH(0, CTL0)) >> 28 & 7, 1);
	wr(f, INT_TC_CLEAR, 1);
	assert_int_equal(f->irq.level[0], 0);
	assert_int_equal(rd(f, RAW_TC), 0);

	/* Statistics: 32 bursts of 4 beats, each 6 HCLK busy, no waiting. */
	assert_int_equal(f->dma.ch[0].st.bytes, 256);
	assert_int_equal(f->dma.ch[0].st.bursts, 32);
	assert_int_equal(f->dma.ch[0].st.beats, 128);
	assert_int_equal(f->dma.ch[0].st.busy_cycles, 16 * step);
	assert_int_equal(f->dma.ch[0].st.wait_cycles, 0);
	assert_int_equal(f->dma.ch[0].st.items, 1);
	assert_int_equal(f->observed, 32);
	/* Nothing else happens afterwards. */
	run_for(&f->clock, 100000);
	assert_int_equal(f->dma.ch[0].st.bursts, 32);
}

/* One mem-to-mem transfer on channel 1 with the given widths and increments, to its end. */
static void copy(struct fixture *f, uint32_t src, uint32_t dst, unsigned sw, unsigned dw,
		 bool si, bool di, uint32_t units)
{
	wr(f, CONFIG, 1);
	program(f, 1, src, dst, 0, (si ? C_SI : 0) | (di ? C_DI : 0) | C_SB(B4) | C_DB(B4) |
		C_SW(sw) | C_DW(dw), units);
	wr(f, CH(1, CFG), F_E);
	run_for(&f->clock, 1000000);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(rd(f, CH(1, CTL1)), 0);
	assert_int_equal(rd(f, RAW_ERR), 0);
}

static void test_widths_packing_and_increments(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE + 0x2000;
	uint32_t d;

	/* Every pair of widths, both increments on: a plain copy of 48 bytes. */
	for (unsigned sw = 0; sw < 3; sw++) {
		for (unsigned dw = 0; dw < 3; dw++) {
			d = RAM_BASE + 0x9000 + (sw * 3 + dw) * 0x100;
			memset(ram(f, d), 0, 64);
			copy(f, src, d, sw, dw, true, true, 48u >> sw);
			assert_memory_equal(ram(f, d), ram(f, src), 48);
			assert_int_equal(ram(f, d)[48], 0);
			assert_int_equal(rd(f, CH(1, SRC)), src + 48);
			assert_int_equal(rd(f, CH(1, DST)), d + 48);
		}
	}
	/* Fixed source, 16-bit: the same halfword fills the destination. */
	d = RAM_BASE + 0xa000;
	copy(f, src, d, W16, W32, false, true, 8);
	for (unsigned i = 0; i < 16; i += 2)
		assert_memory_equal(ram(f, d + i), ram(f, src), 2);
	assert_int_equal(rd(f, CH(1, SRC)), src);
	/* Fixed destination, unpacking 32 -> 8: the last byte written wins. */
	d = RAM_BASE + 0xa100;
	copy(f, src, d, W32, W8, true, false, 3);
	assert_int_equal(ram(f, d)[0], ram(f, src)[11]);
	assert_int_equal(rd(f, CH(1, DST)), d);
	/* Packing bytes into words with a size that is not a whole word: the tail
	 * goes out in narrower beats at the end. */
	d = RAM_BASE + 0xa200;
	memset(ram(f, d), 0, 16);
	copy(f, src + 1, d, W8, W32, true, true, 7);
	assert_memory_equal(ram(f, d), ram(f, src + 1), 7);
	assert_int_equal(ram(f, d)[7], 0);
}

static void test_bursts(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE, dst = RAM_BASE + 0x8000;
	cycle_t t0;

	/* 512 words in bursts of 256: 2 reads + 2 writes of 256 beats. */
	wr(f, CONFIG, 1);
	program(f, 2, src, dst, 0, C_SI | C_DI | C_SB(B256) | C_DB(B256) | C_SW(W32) | C_DW(W32),
		512);
	wr(f, CH(2, CFG), F_E);
	t0 = f->clock.now + HCLK;
	run_to(&f->clock, t0 + 4 * BURST_HCLK(256) - 1);
	assert_int_equal(rd(f, EN_CHAN), 4);
	run_to(&f->clock, t0 + 4 * BURST_HCLK(256));
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_memory_equal(ram(f, dst), ram(f, src), 2048);
	assert_int_equal(f->dma.ch[2].st.bursts, 4);
	assert_int_equal(f->dma.ch[2].st.beats, 1024);

	/* Single transfers (burst size 1): a burst per beat, each paying its setup. */
	program(f, 3, src, dst + 0x1000, 0, C_SI | C_DI | C_SB(B1) | C_DB(B1) | C_SW(W32) |
		C_DW(W32), 10);
	wr(f, CH(3, CFG), F_E);
	t0 = f->clock.now + HCLK;
	run_to(&f->clock, t0 + 20 * BURST_HCLK(1));
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(f->dma.ch[3].st.bursts, 20);
	assert_memory_equal(ram(f, dst + 0x1000), ram(f, src), 40);
}

static void put32(struct fixture *f, uint32_t pa, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		ram(f, pa)[i] = (uint8_t)(v >> (8 * i));
}

/* A Linux-style LLI item: 8 words apart, words 0-4 filled. */
static void put_lli(struct fixture *f, uint32_t pa, uint32_t src, uint32_t dst, uint32_t next,
		    uint32_t ctl0, uint32_t ctl1)
{
	put32(f, pa, src);
	put32(f, pa + 4, dst);
	put32(f, pa + 8, next);
	put32(f, pa + 12, ctl0);
	put32(f, pa + 16, ctl1);
	put32(f, pa + 20, 0xdeadbeef); /* words 5-7: unused padding */
}

static void test_lli_chain(void **state)
{
	struct fixture *f = *state;
	uint32_t lli = RAM_BASE + 0x4000;
	uint32_t ctl = C_SI | C_DI | C_SB(B4) | C_DB(B4) | C_SW(W32) | C_DW(W32);
	uint32_t d0 = RAM_BASE + 0xc000, d1 = RAM_BASE + 0xc100, d2 = RAM_BASE + 0xc200;
	cycle_t t0, t_item0, t_lli;

	/* Item 0 in the registers, items 1 and 2 in memory; TC only on the last. */
	put_lli(f, lli, RAM_BASE + 0x100, d1, lli + 32, ctl, 8);
	put_lli(f, lli + 32, RAM_BASE + 0x200, d2, 0, ctl | C_I, 12);
	wr(f, CONFIG, 1);
	program(f, 0, RAM_BASE, d0, lli | 0 /* LM: AHB master 1 */, ctl, 4);
	wr(f, CH(0, CFG), F_E | F_ITC | F_IE);
	t0 = f->clock.now + HCLK;
	t_item0 = t0 + 2 * BURST_HCLK(4);
	t_lli = t_item0 + BURST_HCLK(5);
	run_to(&f->clock, t_item0);
	assert_memory_equal(ram(f, d0), ram(f, RAM_BASE), 16);
	assert_int_equal(rd(f, RAW_TC), 0);     /* no I bit on item 0 */
	assert_int_equal(rd(f, EN_CHAN), 1);
	/* The fetch takes its bus time; then the registers hold item 1. */
	run_to(&f->clock, t_lli - 1);
	assert_int_equal(rd(f, CH(0, LLI)), lli);
	/* ... and item 1's first source burst has already been read. */
	run_to(&f->clock, t_lli);
	assert_int_equal(rd(f, CH(0, SRC)), RAM_BASE + 0x100 + 16);
	assert_int_equal(rd(f, CH(0, DST)), d1);
	assert_int_equal(rd(f, CH(0, LLI)), lli + 32);
	assert_int_equal(rd(f, CH(0, CTL1)), 8);
	run_for(&f->clock, 100000);
	assert_memory_equal(ram(f, d1), ram(f, RAM_BASE + 0x100), 32);
	assert_memory_equal(ram(f, d2), ram(f, RAM_BASE + 0x200), 48);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(rd(f, RAW_TC), 1);
	assert_int_equal(f->irq.rises[0], 1);
	assert_int_equal(f->dma.ch[0].st.items, 3);
	assert_int_equal(f->dma.ch[0].st.lli_fetches, 2);
	assert_int_equal(f->dma.ch[0].st.tc_irqs, 1);
	assert_int_equal(rd(f, CH(0, CTL0)), ctl | C_I);
}

static void test_peripheral_paced_mem_to_periph(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE + 0x300;

	/* UART-style TX: memory -> FIFO register, DMAC flow control, line 3. */
	wr(f, CONFIG, 1);
	program(f, 0, src, SFR_TX, 0, C_I | C_SI | C_SB(B4) | C_DB(B4) | C_SW(W8) | C_DW(W8), 10);
	wr(f, CH(0, CFG), F_E | F_ITC | F_DST(3) | F_FLOW(1));
	run_for(&f->clock, 100000);
	assert_int_equal(f->nr_tx, 0); /* no request, no data */
	assert_int_equal(rd(f, CH(0, CFG)) & F_A, 0);

	/* A single request moves one byte and is acknowledged (DMACCLR). */
	pl080s_request(&f->dma, 3, PL080S_REQ_SINGLE, true);
	assert_int_equal(rd(f, SOFT_SREQ), 1u << 3);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 1);
	assert_int_equal(f->tx[0], ram(f, src)[0]);
	assert_int_equal(f->acks[3], 1);
	assert_int_equal(rd(f, SOFT_SREQ), 0);
	assert_int_equal(rd(f, CH(0, CTL1)), 9);
	/* A burst request moves a destination burst: four bytes. */
	pl080s_request(&f->dma, 3, PL080S_REQ_BURST, true);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 5);
	assert_int_equal(rd(f, CH(0, CTL1)), 5);
	assert_int_equal(f->tc_acks[3], 0);
	/* Soft requests drive the same line. */
	wr(f, SOFT_BREQ, 1u << 3);
	assert_int_equal(rd(f, SOFT_BREQ), 1u << 3);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 9);
	assert_int_equal(rd(f, SOFT_BREQ), 0);
	assert_int_equal(f->irq.level[0], 0);
	/* The last byte ends the transfer: DMACTC to the peripheral, TC interrupt. */
	pl080s_request(&f->dma, 3, PL080S_REQ_BURST, true);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 10);
	assert_memory_equal(f->tx, ram(f, src), 10);
	assert_int_equal(f->tc_acks[3], 1);
	assert_int_equal(f->acks[3], 4);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(rd(f, EN_CHAN), 0);
}

static void test_peripheral_flow_control(void **state)
{
	struct fixture *f = *state;
	uint32_t dst = RAM_BASE + 0xd000;

	/* Peripheral -> memory, the peripheral controls the flow (mode 6): the
	 * transfer ends with its last request, whatever TransferSize says. */
	wr(f, CONFIG, 1);
	program(f, 5, SFR_RX, dst, 0, C_I | C_DI | C_SB(B4) | C_DB(B1) | C_SW(W8) | C_DW(W8), 2);
	wr(f, CH(5, CFG), F_E | F_ITC | F_SRC(7) | F_FLOW(6));
	for (unsigned i = 0; i < 3; i++) {
		pl080s_request(&f->dma, 7, PL080S_REQ_BURST, true);
		run_for(&f->clock, 1000);
	}
	assert_int_equal(rd(f, EN_CHAN), 1 << 5);
	assert_int_equal(rd(f, CH(5, DST)), dst + 12);
	assert_int_equal(rd(f, CH(5, CTL1)), 2); /* not used in this mode */
	pl080s_request(&f->dma, 7, PL080S_REQ_LAST_SINGLE, true);
	run_for(&f->clock, 1000);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(f->tc_acks[7], 1);
	for (unsigned i = 0; i < 13; i++)
		assert_int_equal(ram(f, dst)[i], 0xa0 + i);
	assert_int_equal(f->dma.ch[5].st.bytes, 13);
}

static void test_errors(void **state)
{
	struct fixture *f = *state;
	unsigned errors = log_guest_errors();

	wr(f, CONFIG, 1);
	/* A source with nothing behind it. */
	program(f, 0, 0x10000000, RAM_BASE, 0, C_SI | C_DI | C_SW(W32) | C_DW(W32), 4);
	wr(f, CH(0, CFG), F_E | F_IE | F_ITC);
	run_for(&f->clock, 1000);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(rd(f, RAW_ERR), 1);
	assert_int_equal(rd(f, INT_ERR_STATUS), 1);
	assert_int_equal(rd(f, INT_STATUS), 1);
	assert_int_equal(rd(f, RAW_TC), 0);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(log_guest_errors(), errors + 1);
	wr(f, INT_ERR_CLEAR, 1);
	assert_int_equal(f->irq.level[0], 0);

	/* A masked error (IE clear) is raw status only. */
	program(f, 1, RAM_BASE, SFR_NO, 0, C_SI | C_SW(W8) | C_DW(W8), 4);
	wr(f, CH(1, CFG), F_E);
	run_for(&f->clock, 1000);
	assert_int_equal(rd(f, RAW_ERR), 2);
	assert_int_equal(rd(f, INT_ERR_STATUS), 0);
	assert_int_equal(f->irq.level[0], 0);
	assert_int_equal(log_guest_errors(), errors + 2);
	wr(f, INT_ERR_CLEAR, 2);

	/* A linked list pointing at nothing. */
	program(f, 2, RAM_BASE, RAM_BASE + 0x100, 0x20000000, C_SI | C_DI | C_SW(W32) |
		C_DW(W32), 1);
	wr(f, CH(2, CFG), F_E | F_IE);
	run_for(&f->clock, 1000);
	assert_int_equal(rd(f, RAW_ERR), 4);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(f->dma.ch[2].st.items, 1);
	assert_int_equal(f->dma.ch[2].st.errors, 1);
	/* A reserved width is an error too, not a crash. */
	program(f, 3, RAM_BASE, RAM_BASE + 0x100, 0, C_SW(5) | C_DW(W32), 1);
	wr(f, CH(3, CFG), F_E);
	run_for(&f->clock, 1000);
	assert_int_equal(rd(f, RAW_ERR), 0xc);
}

static void test_halt_active_and_disable(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE, dst = RAM_BASE + 0x8000;
	uint32_t ctl = C_SI | C_DI | C_SB(B4) | C_DB(B4) | C_SW(W32) | C_DW(W32);
	const cycle_t step = 2 * BURST_HCLK(4);
	uint32_t cfg = F_E | F_ITC;
	cycle_t t0;

	wr(f, CONFIG, 1);
	program(f, 0, src, dst, 0, ctl | C_I, 32);
	wr(f, CH(0, CFG), cfg);
	t0 = f->clock.now + HCLK;
	/* Halt in the middle of the second step: that step still completes. */
	run_to(&f->clock, t0 + step + 3);
	wr(f, CH(0, CFG), cfg | F_H);
	assert_true(rd(f, CH(0, CFG)) & F_A);
	run_to(&f->clock, t0 + 2 * step);
	assert_int_equal(rd(f, CH(0, CFG)) & F_A, 0);
	assert_int_equal(rd(f, CH(0, CTL1)), 24);
	run_for(&f->clock, 10000);
	assert_int_equal(rd(f, CH(0, CTL1)), 24);
	assert_int_equal(rd(f, EN_CHAN), 1);
	assert_memory_equal(ram(f, dst), ram(f, src), 32);
	/* Resume: the rest follows, nothing lost. */
	wr(f, CH(0, CFG), cfg);
	run_for(&f->clock, 10000);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_memory_equal(ram(f, dst), ram(f, src), 128);
	assert_int_equal(f->irq.level[0], 1);
	wr(f, INT_TC_CLEAR, 0xff);

	/* Disable mid-step: the step's data is lost and the channel stops now. */
	dst = RAM_BASE + 0x9000;
	memset(ram(f, dst), 0, 64);
	program(f, 0, src, dst, 0, ctl | C_I, 16);
	wr(f, CH(0, CFG), cfg);
	t0 = f->clock.now + HCLK;
	run_to(&f->clock, t0 + step + 3);
	wr(f, CH(0, CFG), F_ITC);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(rd(f, CH(0, CFG)) & F_A, 0);
	run_for(&f->clock, 10000);
	assert_memory_equal(ram(f, dst), ram(f, src), 16);
	assert_int_equal(ram(f, dst)[16], 0);
	assert_int_equal(rd(f, CH(0, DST)), dst + 16);
	assert_int_equal(rd(f, RAW_TC), 0);
	assert_int_equal(f->irq.level[0], 0);
}

static void test_priority_and_contention(void **state)
{
	struct fixture *f = *state;
	uint32_t ctl = C_SI | C_DI | C_SB(B4) | C_DB(B4) | C_SW(W32) | C_DW(W32) | C_I;
	const cycle_t step = 2 * BURST_HCLK(4);
	cycle_t t0, t1;

	/* Channel 1 starts first; channel 0 arrives mid-step and takes the bus at
	 * the next step boundary; channel 1 finishes after it. */
	wr(f, CONFIG, 1);
	program(f, 1, RAM_BASE, RAM_BASE + 0x8000, 0, ctl, 16);
	program(f, 0, RAM_BASE + 0x1000, RAM_BASE + 0x9000, 0, ctl, 8);
	wr(f, CH(1, CFG), F_E | F_ITC);
	t0 = f->clock.now + HCLK;
	run_to(&f->clock, t0 + 10);
	wr(f, CH(0, CFG), F_E | F_ITC);
	run_to(&f->clock, t0 + step);
	assert_int_equal(rd(f, CH(1, CTL1)), 12);
	run_to(&f->clock, t0 + 3 * step);
	assert_int_equal(rd(f, EN_CHAN), 2);       /* channel 0 done: two steps */
	assert_int_equal(rd(f, RAW_TC), 1);
	assert_int_equal(rd(f, CH(1, CTL1)), 12);  /* channel 1 waited */
	run_to(&f->clock, t0 + 6 * step - 1);
	assert_int_equal(rd(f, EN_CHAN), 2);
	run_to(&f->clock, t0 + 6 * step);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(rd(f, RAW_TC), 3);
	assert_memory_equal(ram(f, RAM_BASE + 0x8000), ram(f, RAM_BASE), 64);
	assert_memory_equal(ram(f, RAM_BASE + 0x9000), ram(f, RAM_BASE + 0x1000), 32);

	/* Another master holds the port: the burst waits, and the wait is counted. */
	wr(f, INT_TC_CLEAR, 0xff);
	program(f, 2, RAM_BASE, RAM_BASE + 0xa000, 0, ctl, 4);
	wr(f, CH(2, CFG), F_E | F_ITC);
	t1 = f->clock.now + HCLK;
	f->busy_until = t1 + 1000;
	run_to(&f->clock, t1 + 1000 + step - 1);
	assert_int_equal(rd(f, EN_CHAN), 4);
	run_to(&f->clock, t1 + 1000 + step);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_int_equal(f->dma.ch[2].st.wait_cycles, 1000);
}

static void test_controller_disabled(void **state)
{
	struct fixture *f = *state;

	program(f, 0, RAM_BASE, RAM_BASE + 0x8000, 0, C_SI | C_DI | C_SW(W32) | C_DW(W32), 4);
	wr(f, CH(0, CFG), F_E);
	run_for(&f->clock, 100000);
	assert_int_equal(rd(f, EN_CHAN), 1);
	assert_int_equal(f->dma.ch[0].st.bursts, 0);
	wr(f, CONFIG, 1);
	run_for(&f->clock, 1000);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_memory_equal(ram(f, RAM_BASE + 0x8000), ram(f, RAM_BASE), 16);
}

static void test_late_events_keep_time(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE + 0x1000, dst = RAM_BASE + 0x8000;
	const cycle_t step = 2 * BURST_HCLK(4);
	cycle_t t0;

	/* A CPU running long blocks runs the step events late; the steps still
	 * follow each other from their due times, so the transfer ends on the
	 * same cycle on the bus as with exact event delivery. */
	wr(f, CONFIG, 1);
	program(f, 0, src, dst, 0, C_I | C_SI | C_DI | C_SB(B4) | C_DB(B4) | C_SW(W32) |
		C_DW(W32), 64);
	wr(f, CH(0, CFG), F_E | F_ITC);
	t0 = f->clock.now + HCLK;
	run_sloppy(&f->clock, t0 + 20 * step, 37);
	assert_int_equal(rd(f, EN_CHAN), 0);
	assert_memory_equal(ram(f, dst), ram(f, src), 256);
	assert_int_equal(f->busy_until, t0 + 16 * step);
	assert_int_equal(f->dma.ch[0].st.busy_cycles, 16 * step);
	assert_int_equal(f->dma.ch[0].st.wait_cycles, 0);
	assert_true(f->irq.changed_at[0] >= t0 + 16 * step);
	assert_true(f->irq.changed_at[0] < t0 + 16 * step + 37);
}

static void test_halt_drains_to_a_peripheral(void **state)
{
	struct fixture *f = *state;
	uint32_t src = RAM_BASE + 0x500;
	uint32_t cfg = F_E | F_ITC | F_DST(2) | F_FLOW(1);

	/* Words unpacked into a byte-wide TX register: one single request reads a
	 * word and writes a byte, three bytes wait in the FIFO. */
	wr(f, CONFIG, 1);
	program(f, 0, src, SFR_TX, 0, C_I | C_SI | C_SW(W32) | C_DW(W8), 4);
	wr(f, CH(0, CFG), cfg);
	pl080s_request(&f->dma, 2, PL080S_REQ_SINGLE, true);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 1);
	assert_int_equal(rd(f, CH(0, SRC)), src + 4);
	assert_true(rd(f, CH(0, CFG)) & F_A);
	/* Halt (Linux's pause): the FIFO drains as the peripheral keeps asking,
	 * without another source read. */
	wr(f, CH(0, CFG), cfg | F_H);
	for (unsigned i = 0; i < 3; i++) {
		assert_true(rd(f, CH(0, CFG)) & F_A);
		pl080s_request(&f->dma, 2, PL080S_REQ_SINGLE, true);
		run_for(&f->clock, 1000);
	}
	assert_int_equal(f->nr_tx, 4);
	assert_memory_equal(f->tx, ram(f, src), 4);
	assert_int_equal(rd(f, CH(0, CFG)) & F_A, 0);
	assert_int_equal(rd(f, CH(0, SRC)), src + 4);
	assert_int_equal(rd(f, CH(0, CTL1)), 3);
	/* Empty and halted: requests wait. */
	pl080s_request(&f->dma, 2, PL080S_REQ_SINGLE, true);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 4);
	assert_int_equal(f->acks[2], 4);
	/* Resume: the pending request is served. */
	wr(f, CH(0, CFG), cfg);
	run_for(&f->clock, 1000);
	assert_int_equal(f->nr_tx, 5);
	assert_int_equal(f->tx[4], ram(f, src)[4]);
}

/* Remaining bytes as Linux's pl08x_getbytes_chan() computes them for a PL080S. */
static uint32_t linux_residue(struct fixture *f, unsigned ch)
{
	uint32_t clli = rd(f, CH(ch, LLI)) & ~1u;
	uint32_t bytes = (rd(f, CH(ch, CTL1)) & 0x1ffffff) << (rd(f, CH(ch, CTL0)) >> 18 & 7);

	while (clli) {
		const uint8_t *item = ram(f, clli);
		uint32_t ctl0 = item[12] | item[13] << 8 | item[14] << 16 | (uint32_t)item[15] << 24;
		uint32_t ctl1 = item[16] | item[17] << 8 | item[18] << 16 | (uint32_t)item[19] << 24;
		uint32_t next = item[8] | item[9] << 8 | item[10] << 16 | (uint32_t)item[11] << 24;

		bytes += (ctl1 & 0x1ffffff) << (ctl0 >> 18 & 7);
		if (next <= clli)
			break;
		clli = next;
	}
	return bytes;
}

static void test_linux_driver_sequence(void **state)
{
	struct fixture *f = *state;
	uint32_t llis = RAM_BASE + 0x6000, src = RAM_BASE + 0x100, dst = RAM_BASE + 0xe000;
	/* Linux's memcpy on the S3C64xx: bursts of 4, 32 bit, bufferable+cacheable. */
	uint32_t cctl = C_SI | C_DI | C_SB(B4) | C_DB(B4) | C_SW(W32) | C_DW(W32) | C_PROT(6);
	uint32_t ccfg = F_ITC | F_IE | F_FLOW(0);
	uint32_t total = 3 * 96, last = 0;

	/* The txd's LLIs, 8 words apart; the last asks for the TC interrupt. */
	for (unsigned i = 0; i < 3; i++)
		put_lli(f, llis + 32 * i, src + 96 * i, dst + 96 * i, i < 2 ? llis + 32 * (i + 1) : 0,
			cctl | (i == 2 ? C_I : 0), 24);
	/* pl08x_ensure_on(), then pl08x_write_lli() with the first item, then the
	 * enable once EnbldChns and A/E read clear. */
	wr(f, CONFIG, 1);
	assert_int_equal(rd(f, CH(4, CFG)) & F_A, 0);
	wr(f, CH(4, SRC), src);
	wr(f, CH(4, DST), dst);
	wr(f, CH(4, LLI), llis + 32);
	wr(f, CH(4, CTL0), cctl);
	wr(f, CH(4, CTL1), 24);
	wr(f, CH(4, CFG), ccfg);
	assert_int_equal(rd(f, EN_CHAN) & (1u << 4), 0);
	assert_int_equal(rd(f, CH(4, CFG)) & (F_A | F_E), 0);
	wr(f, CH(4, CFG), rd(f, CH(4, CFG)) | F_E);
	/* The residue falls exactly as data reaches the destination. */
	assert_int_equal(linux_residue(f, 4), total);
	for (unsigned i = 0; i < 12; i++) {
		run_for(&f->clock, 37);
		assert_int_equal(linux_residue(f, 4), total - f->dma.ch[4].st.bytes);
		assert_true(linux_residue(f, 4) <= total - last);
		last = total - linux_residue(f, 4);
	}
	/* dmaengine_pause(): set H, poll A; the residue then stands still. */
	wr(f, CH(4, CFG), rd(f, CH(4, CFG)) | F_H);
	while (rd(f, CH(4, CFG)) & F_A)
		run_for(&f->clock, 4);
	last = linux_residue(f, 4);
	assert_true(last > 0 && last < total);
	run_for(&f->clock, 10000);
	assert_int_equal(linux_residue(f, 4), last);
	/* dmaengine_resume(), then the interrupt handler's TC status and clear. */
	wr(f, CH(4, CFG), rd(f, CH(4, CFG)) & ~F_H);
	run_for(&f->clock, 10000);
	assert_int_equal(f->irq.level[0], 1);
	assert_int_equal(rd(f, INT_ERR_STATUS), 0);
	assert_int_equal(rd(f, INT_TC_STATUS), 1u << 4);
	wr(f, INT_TC_CLEAR, 1u << 4);
	assert_int_equal(f->irq.level[0], 0);
	assert_memory_equal(ram(f, dst), ram(f, src), total);
	assert_int_equal(linux_residue(f, 4), 0);
	/* pl08x_terminate_phy_chan() on the idle channel leaves it clean. */
	wr(f, CH(4, CFG), rd(f, CH(4, CFG)) & ~(F_E | F_IE | F_ITC));
	wr(f, INT_ERR_CLEAR, 1u << 4);
	wr(f, INT_TC_CLEAR, 1u << 4);
	assert_int_equal(rd(f, INT_STATUS), 0);
	assert_int_equal(rd(f, RAW_TC) | rd(f, RAW_ERR), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_values_and_access, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_32_bit_accesses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mem_to_mem_timing_and_progress, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_widths_packing_and_increments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bursts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lli_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peripheral_paced_mem_to_periph, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_peripheral_flow_control, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_active_and_disable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_priority_and_contention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_controller_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_events_keep_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_halt_drains_to_a_peripheral, setup, teardown),
		cmocka_unit_test_setup_teardown(test_linux_driver_sequence, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
