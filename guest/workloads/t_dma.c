// SPDX-License-Identifier: MIT
/*
 * t_dma.c - the PL080S driver against the controllers, checked from the guest.
 *
 * 1. Memory to memory on each controller (its TC interrupt through VIC1 for
 *    DMA0/DMA1, VIC0 for SDMA0/SDMA1), 32-bit and byte-wide, LLI chains of
 *    several items; the data arrives and the transfer took time.
 * 2. UART-paced: UART1 in loopback with both directions in DMA mode,
 *    SDMA_SEL routing its request lines to DMA0; a slave scatter-gather list
 *    (two pieces) goes out through UTXH and comes back through URXH into a
 *    second buffer.  The bytes match and the transfer lasted at least as long
 *    as the characters take on the line.
 * 3. A copy to an address with nothing behind it: the error interrupt, the
 *    driver reports it, the client's callback sees DMA_TRANS_ERROR, and the
 *    channel works again afterwards.
 * 4. terminate_all in the middle of a slow UART transfer: the callback sees
 *    DMA_TRANS_ABORTED with a residue between 0 and the length.
 */
#include <stdio.h>
#include <string.h>

#include <mm/dma-mapping.h>
#include <mm/slab.h>

#include "boot/setup.h"
#include "check.h"
#include "drivers/clock.h"
#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/pl080s.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"
#include "drivers/uart.h"

#define UART1 S3C_PA_UART(1)
#define ULCON 0x00
#define UCON 0x04
#define UFCON 0x08
#define UTRSTAT 0x10
#define UTRSTAT_TX_EMPTY (1u << 2)
#define UFSTAT 0x18
#define UTXH 0x20
#define URXH 0x24
#define UBRDIV 0x28
#define UDIVSLOT 0x2c
#define UINTM 0x38
#define UCON_RX_DMA (2u << 0)
#define UCON_TX_DMA (2u << 2)
#define UCON_LOOPBACK (1u << 5)
#define UFCON_FIFO (1u << 0)
#define UFCON_RESET (3u << 1)
#define BAUD 460800u
#define MSG_LEN 64

struct waiter {
	volatile int done;
	struct dma_tx_result res;
};

static struct device dev = { .name = "t_dma" };

static void on_done(void *param, const struct dma_tx_result *res)
{
	struct waiter *w = param;

	w->res = *res;
	w->done = 1;
}

static uint64_t now_cycles(void)
{
	uint32_t t[2] = { 0, 0 };

	semihost_call(0x30 /* SYS_ELAPSED */, t);
	return (uint64_t)t[1] << 32 | t[0];
}

/* Sleep until the callback ran, at most `ticks` jiffies. */
static int wait_for(struct waiter *w, unsigned long ticks)
{
	unsigned long end = jiffies + ticks;

	while (!w->done && (long)(jiffies - end) < 0)
		cpu_do_idle();
	return w->done;
}

static int queue(struct pl08x_desc *d, struct waiter *w)
{
	if (!d)
		return -1;
	w->done = 0;
	d->callback = on_done;
	d->callback_param = w;
	pl08x_submit(d);
	pl08x_issue_pending(d->chan);
	return 0;
}

static void test_memcpy(unsigned int nr, size_t len, unsigned int offset)
{
	struct pl08x_chan *c = pl08x_request_channel(nr, "t_dma memcpy");
	unsigned char *src = kmalloc(len + 8, GFP_KERNEL), *dst = kmalloc(len + 8, GFP_KERNEL);
	struct pl08x_dev *dma = pl08x_controller(nr / 8);
	unsigned long irqs = dma->irqs;
	dma_addr_t s, d;
	struct waiter w;
	uint64_t t0, took;
	size_t wrong = 0;
	int ok;

	if (!CHECK(c && src && dst, "channel %u and buffers", nr))
		return;
	for (size_t i = 0; i < len; i++)
		src[offset + i] = (unsigned char)(i * 7 + nr);
	memset(dst, 0, len + 8);
	s = dma_map_single(&dev, src + offset, len, DMA_TO_DEVICE);
	d = dma_map_single(&dev, dst + offset, len, DMA_FROM_DEVICE);
	CHECK(!dma_mapping_error(&dev, s) && !dma_mapping_error(&dev, d), "mapped");
	t0 = now_cycles();
	ok = !queue(pl08x_prep_dma_memcpy(c, d, s, len), &w) && wait_for(&w, 10);
	took = now_cycles() - t0;  /* nothing printed in between: the console would count */
	CHECK(ok && w.res.result == DMA_TRANS_NOERROR && w.res.residue == 0,
	      "%s channel %u: %u bytes (offset %u) completed by its TC interrupt", dma->name,
	      nr % 8, (unsigned int)len, offset);
	/* at least one AHB cycle (two ARM cycles or more) per 32-bit beat read and written */
	CHECK(took > len / 4 * 2, "the copy took time (%llu cycles)", (unsigned long long)took);
	dma_unmap_single(&dev, s, len, DMA_TO_DEVICE);
	dma_unmap_single(&dev, d, len, DMA_FROM_DEVICE);
	for (size_t i = 0; i < len; i++)
		wrong += dst[offset + i] != (unsigned char)(i * 7 + nr);
	CHECK(wrong == 0 && dst[offset + len] == 0, "the data arrived, nothing past its end");
	CHECK(dma->irqs > irqs, "%s took an interrupt", dma->name);
	kfree(src);
	kfree(dst);
	pl08x_release_channel(c);
}

static void uart1_setup(void)
{
	uint32_t sixteenths = (s3c_clk_pclk() + BAUD / 2) / BAUD;

	writel(0xf, UART1 + UINTM);
	writel(3, UART1 + ULCON);  /* 8N1 */
	writel(UFCON_FIFO | UFCON_RESET, UART1 + UFCON);  /* RX trigger 1, TX trigger empty */
	writel(sixteenths / 16 - 1, UART1 + UBRDIV);
	writel(0, UART1 + UDIVSLOT);
	/* requests from UART1 (lines 2, 3) go to DMA0, not SDMA0 */
	pl08x_route_line(0, PL08X_LINE_UART_TX(1), 1);
	pl08x_route_line(0, PL08X_LINE_UART_RX(1), 1);
}

static struct pl08x_chan *uart_chan(unsigned int nr, enum dma_transfer_direction dir)
{
	struct pl08x_chan *c = pl08x_request_channel(nr, dir == DMA_MEM_TO_DEV ? "uart1-tx"
										: "uart1-rx");
	struct dma_slave_config cfg = {
		.direction = dir,
		.src_addr = UART1 + URXH,
		.dst_addr = UART1 + UTXH,
		.addr_width = 1,
		.maxburst = 1,
		.line = dir == DMA_MEM_TO_DEV ? PL08X_LINE_UART_TX(1) : PL08X_LINE_UART_RX(1),
	};

	if (c && pl08x_slave_config(c, &cfg)) {
		pl08x_release_channel(c);
		return NULL;
	}
	return c;
}

static void test_uart(void)
{
	struct pl08x_chan *tx = uart_chan(1, DMA_MEM_TO_DEV), *rx = uart_chan(2, DMA_DEV_TO_MEM);
	char *out = kmalloc(MSG_LEN, GFP_KERNEL), *in = kmalloc(MSG_LEN, GFP_KERNEL);
	struct scatterlist tsg[2], rsg[1];
	struct waiter wt, wr;
	uint64_t t0, took, line;
	int qr, qt;

	if (!CHECK(tx && rx && out && in, "UART channels and buffers"))
		return;
	for (int i = 0; i < MSG_LEN; i++)
		out[i] = (char)('A' + i % 26);
	memset(in, 0, MSG_LEN);
	sg_init_table(tsg, 2);
	sg_set_buf(&tsg[0], out, MSG_LEN / 2);
	sg_set_buf(&tsg[1], out + MSG_LEN / 2, MSG_LEN / 2);
	sg_init_table(rsg, 1);
	sg_set_buf(&rsg[0], in, MSG_LEN);
	CHECK(dma_map_sg(&dev, tsg, 2, DMA_TO_DEVICE) == 2 &&
	      dma_map_sg(&dev, rsg, 1, DMA_FROM_DEVICE) == 1, "scatterlists mapped");
	writel(UCON_RX_DMA | UCON_TX_DMA | UCON_LOOPBACK, UART1 + UCON);
	uart_flush();  /* the console's own characters would delay us */
	t0 = now_cycles();
	qr = queue(pl08x_prep_slave_sg(rx, rsg, 1, DMA_DEV_TO_MEM), &wr);
	qt = queue(pl08x_prep_slave_sg(tx, tsg, 2, DMA_MEM_TO_DEV), &wt);
	wait_for(&wt, 50);
	wait_for(&wr, 50);
	took = now_cycles() - t0;
	CHECK(!qr && !qt, "RX and TX (2 items) prepared");
	CHECK(wt.done && wt.res.result == DMA_TRANS_NOERROR, "TX completed");
	CHECK(wr.done && wr.res.result == DMA_TRANS_NOERROR, "RX completed");
	/* 10 bits a character; the last one must have come back through the line */
	line = (uint64_t)semihost_call(0x31 /* SYS_TICKFREQ */, NULL) / BAUD * 10 * MSG_LEN;
	CHECK(took >= line * 9 / 10 && took < line * 2, "paced by the UART: %llu cycles for %d characters "
	      "(%llu on the line)", (unsigned long long)took, MSG_LEN, (unsigned long long)line);
	dma_unmap_sg(&dev, tsg, 2, DMA_TO_DEVICE);
	dma_unmap_sg(&dev, rsg, 1, DMA_FROM_DEVICE);
	CHECK(!memcmp(in, out, MSG_LEN), "the characters came back in order: %.16s...", in);
	CHECK(!(readl(UART1 + UFSTAT) & 0x3f), "nothing left in the RX FIFO");

	/* 4. a long transmit stopped half way */
	{
		size_t len = 1024;
		char *big = kmalloc(len, GFP_KERNEL);
		dma_addr_t b;
		unsigned long end;

		memset(big, 'x', len);
		b = dma_map_single(&dev, big, len, DMA_TO_DEVICE);
		CHECK(!dma_mapping_error(&dev, b), "long buffer mapped");
		/* receiver off: the looped-back characters are dropped, not printed */
		writel(UCON_TX_DMA | UCON_LOOPBACK, UART1 + UCON);
		sg_init_table(tsg, 1);
		sg_dma_address(&tsg[0]) = b;
		sg_dma_len(&tsg[0]) = (unsigned int)len;
		CHECK(!queue(pl08x_prep_slave_sg(tx, tsg, 1, DMA_MEM_TO_DEV), &wt), "long TX queued");
		end = jiffies + 1;  /* 10 ms: about 460 of the 1024 characters */
		while ((long)(jiffies - end) < 0)
			cpu_do_idle();
		pl08x_terminate_all(tx);
		while (!(readl(UART1 + UTRSTAT) & UTRSTAT_TX_EMPTY))
			;  /* the characters already in the FIFO go out (and are dropped) */
		CHECK(wt.done && wt.res.result == DMA_TRANS_ABORTED && wt.res.residue > 0 &&
		      wt.res.residue < len, "terminate_all: callback ABORTED, %u of %u bytes left",
		      (unsigned int)wt.res.residue, (unsigned int)len);
		dma_unmap_single(&dev, b, len, DMA_TO_DEVICE);
		kfree(big);
	}
	writel(0, UART1 + UCON);
	pl08x_release_channel(tx);
	pl08x_release_channel(rx);
	kfree(out);
	kfree(in);
}

static void test_error(void)
{
	struct pl08x_chan *c = pl08x_request_channel(11, "t_dma error");
	char *src = kmalloc(256, GFP_KERNEL);
	dma_addr_t s;
	struct waiter w;

	if (!CHECK(c && src, "channel DMA1.3"))
		return;
	memset(src, 0x42, 256);
	s = dma_map_single(&dev, src, 256, DMA_TO_DEVICE);
	CHECK(!dma_mapping_error(&dev, s), "mapped");
	/* 0x60000000: past the 256 MiB of DRAM, nothing answers there */
	CHECK(!queue(pl08x_prep_dma_memcpy(c, 0x60000000u, s, 256), &w), "copy to 0x60000000");
	CHECK(wait_for(&w, 10) && w.res.result == DMA_TRANS_ERROR,
	      "the error interrupt ended it: callback sees DMA_TRANS_ERROR, residue %u",
	      (unsigned int)w.res.residue);
	CHECK(c->errors == 1 && pl08x_controller(1)->errors == 1, "the driver counted the error");
	dma_unmap_single(&dev, s, 256, DMA_TO_DEVICE);
	kfree(src);
	pl08x_release_channel(c);
	test_memcpy(11, 512, 0);  /* the channel works again */
}

int main(void)
{
	mm_init(boot_dtb_pa);
	CHECK(pl08x_init() == 0, "four controllers on, interrupts taken");
	pl08x_max_lli_bytes = 256;  /* chains of several items */
	test_memcpy(0, 4096, 0);         /* DMA0, 16 items */
	test_memcpy(9, 1000, 0);         /* DMA1, 32-bit: 1000 is a multiple of 4 */
	test_memcpy(20, 333, 1);         /* SDMA0, byte-wide: odd length and address */
	test_memcpy(31, 2048, 4);        /* SDMA1, its last channel */
	uart1_setup();
	test_uart();
	test_error();
	pl08x_exit();
	CHECK(dma_debug_check_leaks(NULL) == 0, "no DMA mapping left");
	for (int k = 0; k < NR_DMA_DEBUG_ERRORS; k++)
		CHECK(dma_debug_errors[k] == 0, "no dma-debug report of kind %d", k);
	return check_done("t_dma");
}
