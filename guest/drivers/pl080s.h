/* SPDX-License-Identifier: MIT */
/*
 * pl080s.h - the guest's driver for the S3C6410's four PL080S DMA controllers.
 *
 * DOC: Shaped like a Linux dmaengine provider (drivers/dma/amba-pl08x.c,
 * include/linux/dmaengine.h), without the framework around it: a client
 * takes a channel (request_dma() numbering: DMA0 0-7, DMA1 8-15, SDMA0
 * 16-23, SDMA1 24-31), prepares a descriptor (memcpy, or a slave
 * scatter-gather list to or from a peripheral's FIFO), submits it, issues the
 * channel's pending work and gets a callback from the controller's interrupt
 * (terminal count or error).  Every descriptor is a chain of linked-list
 * items in coherent memory (dma_alloc_coherent), laid out as the PL080S
 * fetches them: 8 words apart, {src, dst, next, control0, control1}.
 * Buffers are the client's, mapped by it through the DMA API.
 */
#ifndef GUEST_DRIVERS_PL080S_H
#define GUEST_DRIVERS_PL080S_H

#include <stddef.h>
#include <stdint.h>

#include <mm/dma-mapping.h>

#define PL08X_NR_CONTROLLERS 4
#define PL08X_CHANNELS 8
#define S3C_PA_DMA0  0x75000000u
#define S3C_PA_DMA1  0x75100000u
#define S3C_PA_SDMA0 0x7DB00000u
#define S3C_PA_SDMA1 0x7DC00000u
#define IRQ_SDMA0    S3C_IRQ_VIC0(17)
#define IRQ_SDMA1    S3C_IRQ_VIC0(18)

/* Peripheral request lines (S3C6410 DMA chapter): UART n TX 2n, RX 2n+1 of DMA0/SDMA0. */
#define PL08X_LINE_UART_TX(n) (2u * (n))
#define PL08X_LINE_UART_RX(n) (2u * (n) + 1u)

enum dma_transfer_direction { DMA_MEM_TO_MEM, DMA_MEM_TO_DEV, DMA_DEV_TO_MEM };

/* What a slave channel talks to (Linux struct dma_slave_config, the part we use). */
struct dma_slave_config {
	enum dma_transfer_direction direction;
	dma_addr_t src_addr;   /* the device's FIFO register for DEV_TO_MEM */
	dma_addr_t dst_addr;   /* ... for MEM_TO_DEV */
	unsigned int addr_width; /* bytes: 1, 2, 4 */
	unsigned int maxburst;   /* beats per request: 1, 4, 8, ... 256 */
	unsigned int line;       /* request line, 0-15 */
};

/* How a descriptor ended (Linux enum dmaengine_tx_result). */
enum dma_result { DMA_TRANS_NOERROR = 0, DMA_TRANS_ABORTED, DMA_TRANS_ERROR };

struct dma_tx_result {
	enum dma_result result;
	size_t residue;          /* bytes not transferred */
};

typedef void (*dma_async_tx_callback)(void *param, const struct dma_tx_result *res);
typedef int dma_cookie_t;

struct pl08x_lli {
	uint32_t src, dst, next, cctl0, cctl1;
	uint32_t pad[3];         /* Linux's PL080S stride: 8 words */
};
_Static_assert(sizeof(struct pl08x_lli) == 32, "PL080S LLIs are 8 words apart");

struct pl08x_chan;

struct pl08x_desc {
	struct pl08x_chan *chan;
	struct pl08x_lli *llis;  /* coherent (non-cacheable) CPU alias */
	dma_addr_t llis_bus;
	unsigned int nr_lli, nr_alloc;
	size_t len;
	uint32_t ccfg;           /* channel Configuration for this transfer */
	dma_cookie_t cookie;
	dma_async_tx_callback callback;
	void *callback_param;
	struct pl08x_desc *next; /* in the channel's queue */
};

struct pl08x_dev;

struct pl08x_chan {
	struct pl08x_dev *dma;
	unsigned int id;         /* 0-7 in its controller */
	unsigned int nr;         /* 0-31, request_dma() numbering */
	const char *owner;
	struct dma_slave_config cfg;
	struct pl08x_desc *submitted, *issued, *active;
	dma_cookie_t last_cookie, completed_cookie;
	uint64_t bytes, transfers, errors;
};

struct pl08x_dev {
	const char *name;
	uintptr_t base;
	int irq;
	struct pl08x_chan chan[PL08X_CHANNELS];
	uint64_t bytes, transfers, errors, irqs;
};

/* Turn the four controllers on and take their interrupts; 0 or -errno. */
int pl08x_init(void);
/* Stop every channel, release the interrupts and the LLI pool. */
void pl08x_exit(void);
struct pl08x_dev *pl08x_controller(unsigned int index);
/*
 * Route peripheral request `line` of pair `pair` (0: DMA0/SDMA0, 1:
 * DMA1/SDMA1) to the normal controller (to_dma) or the secure one (SYSCON
 * SDMA_SEL).
 */
void pl08x_route_line(unsigned int pair, unsigned int line, int to_dma);

struct pl08x_chan *pl08x_request_channel(unsigned int nr, const char *owner);
void pl08x_release_channel(struct pl08x_chan *c);
int pl08x_slave_config(struct pl08x_chan *c, const struct dma_slave_config *cfg);

struct pl08x_desc *pl08x_prep_dma_memcpy(struct pl08x_chan *c, dma_addr_t dst, dma_addr_t src,
					 size_t len);
struct pl08x_desc *pl08x_prep_slave_sg(struct pl08x_chan *c, struct scatterlist *sgl,
				       unsigned int sg_len, enum dma_transfer_direction dir);
dma_cookie_t pl08x_submit(struct pl08x_desc *d);
void pl08x_issue_pending(struct pl08x_chan *c);
/* Stop the channel (halt, wait for it to drain, disable) and drop its queue; callbacks see ABORTED. */
int pl08x_terminate_all(struct pl08x_chan *c);
/* 1 when `cookie` has completed (or was dropped), 0 while queued or running. */
int pl08x_cookie_done(const struct pl08x_chan *c, dma_cookie_t cookie);

/* Largest item the driver puts in one LLI (bytes); smaller makes longer chains. */
extern size_t pl08x_max_lli_bytes;

#endif /* GUEST_DRIVERS_PL080S_H */
