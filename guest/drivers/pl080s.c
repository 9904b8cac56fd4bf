// SPDX-License-Identifier: MIT
/*
 * pl080s.c - dmaengine-style driver for the S3C6410's PL080S controllers.
 *
 * DOC: Facts from ARM's PL080 TRM, the S3C6410 DMA chapter and how Linux's
 * amba-pl08x.c drives its PL080S variant (read, not copied): the first item
 * of a chain is written to the channel registers, the rest are fetched by
 * the controller from memory; Control1 holds the 25-bit transfer size in
 * source-width units; only the last item asks for a terminal-count
 * interrupt.  A channel runs one descriptor at a time; the interrupt handler
 * completes it, starts the next issued one and then calls the client back
 * (Linux defers that to a tasklet; here it runs in the IRQ handler with
 * interrupts masked, so callbacks must be short).  Stopping a channel
 * follows the TRM: set Halt, wait for Active to clear, then clear Enable.
 */
#include <stdio.h>
#include <string.h>

#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/pl080s.h"
#include "drivers/vic.h"

/* Global registers (PL080 TRM sec. 3.4) */
#define DMAC_INT_STATUS     0x000
#define DMAC_INT_TC_STATUS  0x004
#define DMAC_INT_TC_CLEAR   0x008
#define DMAC_INT_ERR_STATUS 0x00c
#define DMAC_INT_ERR_CLEAR  0x010
#define DMAC_EN_CHAN        0x01c
#define DMAC_CONFIG         0x030
#define DMAC_CONFIG_E       (1u << 0)
/* Channel n registers, PL080S layout: Control1 at +0x10, Configuration at +0x14 */
#define DMAC_CH(n)          (0x100 + 0x20 * (n))
#define CH_SRC              0x00
#define CH_DST              0x04
#define CH_LLI              0x08
#define CH_CONTROL0         0x0c
#define CH_CONTROL1         0x10
#define CH_CONFIG           0x14

#define CCTL0_SBSIZE_SHIFT  12
#define CCTL0_DBSIZE_SHIFT  15
#define CCTL0_SWIDTH_SHIFT  18
#define CCTL0_DWIDTH_SHIFT  21
#define CCTL0_SI            (1u << 26)
#define CCTL0_DI            (1u << 27)
#define CCTL0_PROT_PRIV     (1u << 28)
#define CCTL0_I             (1u << 31)
#define CCTL1_TSIZE_MAX     0x1ffffffu

#define CCFG_E              (1u << 0)
#define CCFG_SRCPERIPH_SHIFT 1
#define CCFG_DESTPERIPH_SHIFT 6
#define CCFG_FLOW_SHIFT     11
#define CCFG_IE             (1u << 14)
#define CCFG_ITC            (1u << 15)
#define CCFG_A              (1u << 17)
#define CCFG_H              (1u << 18)
#define FLOW_MEM2MEM        0
#define FLOW_MEM2PER        1
#define FLOW_PER2MEM        2

#define SYSCON_SDMA_SEL     (S3C_PA_SYSCON + 0x110)

size_t pl08x_max_lli_bytes = 64 * 1024;

static struct pl08x_dev controllers[PL08X_NR_CONTROLLERS] = {
	{ .name = "DMA0", .base = S3C_PA_DMA0, .irq = IRQ_DMA0 },
	{ .name = "DMA1", .base = S3C_PA_DMA1, .irq = IRQ_DMA1 },
	{ .name = "SDMA0", .base = S3C_PA_SDMA0, .irq = IRQ_SDMA0 },
	{ .name = "SDMA1", .base = S3C_PA_SDMA1, .irq = IRQ_SDMA1 },
};
static int initialised;
/* The LLI pool's owner for the DMA API (its allocation is named after it). */
static struct device lli_dev = { .name = "pl08x-lli" };
#define PL08X_POOL_LLIS 2048   /* 64 KiB of items */
#define PL08X_POOL_DESCS 256
static struct pl08x_lli *lli_pool;
static dma_addr_t lli_pool_bus;
static uint32_t lli_map[PL08X_POOL_LLIS / 32];
static struct pl08x_desc desc_pool[PL08X_POOL_DESCS];
static uint32_t desc_map[PL08X_POOL_DESCS / 32];

static uintptr_t ch_reg(const struct pl08x_chan *c, unsigned int reg)
{
	return c->dma->base + DMAC_CH(c->id) + reg;
}

/* Control0 burst-size encoding: 1, 4, 8, 16, 32, 64, 128, 256 beats. */
static uint32_t burst_code(unsigned int beats)
{
	static const unsigned int sizes[] = { 1, 4, 8, 16, 32, 64, 128, 256 };
	uint32_t code = 0;

	for (uint32_t i = 0; i < 8; i++)
		if (sizes[i] <= beats)
			code = i;
	return code;
}

static uint32_t width_code(unsigned int bytes)
{
	return bytes == 4 ? 2 : bytes == 2 ? 1 : 0;
}

static irqreturn_t pl08x_irq(int irq, void *data);

int pl08x_init(void)
{
	if (initialised)
		return 0;
	lli_pool = dma_alloc_coherent(&lli_dev, PL08X_POOL_LLIS * sizeof(struct pl08x_lli),
				      &lli_pool_bus, GFP_KERNEL);
	if (!lli_pool)
		return -ENOMEM;
	for (unsigned int i = 0; i < PL08X_NR_CONTROLLERS; i++) {
		struct pl08x_dev *d = &controllers[i];

		for (unsigned int n = 0; n < PL08X_CHANNELS; n++) {
			d->chan[n].dma = d;
			d->chan[n].id = n;
			d->chan[n].nr = i * PL08X_CHANNELS + n;
		}
		writel(0xff, d->base + DMAC_INT_TC_CLEAR);
		writel(0xff, d->base + DMAC_INT_ERR_CLEAR);
		writel(DMAC_CONFIG_E, d->base + DMAC_CONFIG); /* little-endian masters */
		if (request_irq(d->irq, pl08x_irq, d)) {
			printf("pl08x: %s: irq %d is taken\n", d->name, d->irq);
			return -EBUSY;
		}
	}
	initialised = 1;
	return 0;
}

void pl08x_exit(void)
{
	if (!initialised)
		return;
	for (unsigned int i = 0; i < PL08X_NR_CONTROLLERS; i++) {
		free_irq(controllers[i].irq);
		for (unsigned int n = 0; n < PL08X_CHANNELS; n++)
			pl08x_terminate_all(&controllers[i].chan[n]);
		writel(0, controllers[i].base + DMAC_CONFIG);
	}
	dma_free_coherent(&lli_dev, PL08X_POOL_LLIS * sizeof(struct pl08x_lli), lli_pool,
			  lli_pool_bus);
	initialised = 0;
}

struct pl08x_dev *pl08x_controller(unsigned int index)
{
	return index < PL08X_NR_CONTROLLERS ? &controllers[index] : NULL;
}

void pl08x_route_line(unsigned int pair, unsigned int line, int to_dma)
{
	uint32_t bit = 1u << (16 * pair + line), v = readl(SYSCON_SDMA_SEL);

	writel(to_dma ? v | bit : v & ~bit, SYSCON_SDMA_SEL);
}

struct pl08x_chan *pl08x_request_channel(unsigned int nr, const char *owner)
{
	struct pl08x_chan *c;

	if (nr >= PL08X_NR_CONTROLLERS * PL08X_CHANNELS || pl08x_init() || request_dma(nr, owner))
		return NULL;
	c = &controllers[nr / PL08X_CHANNELS].chan[nr % PL08X_CHANNELS];
	c->owner = owner;
	memset(&c->cfg, 0, sizeof(c->cfg));
	return c;
}

void pl08x_release_channel(struct pl08x_chan *c)
{
	pl08x_terminate_all(c);
	free_dma(c->nr);
	c->owner = NULL;
}

int pl08x_slave_config(struct pl08x_chan *c, const struct dma_slave_config *cfg)
{
	if (cfg->line > 15 || !(cfg->addr_width == 1 || cfg->addr_width == 2 ||
				cfg->addr_width == 4) || !cfg->maxburst || cfg->maxburst > 256)
		return -EINVAL;
	c->cfg = *cfg;
	return 0;
}

/*
 * Descriptors and their LLIs come from fixed pools (Linux: a dma_pool of
 * LLIs) set up once: completion frees them in the interrupt handler, where
 * neither vmalloc space (the coherent alias) nor the slab may be touched.
 */
static unsigned int run_find(const uint32_t *map, unsigned int size, unsigned int n)
{
	unsigned int run = 0;

	for (unsigned int i = 0; i < size; i++) {
		run = map[i / 32] >> (i % 32) & 1 ? 0 : run + 1;
		if (run == n)
			return i + 1 - n;
	}
	return size;
}

static void run_set(uint32_t *map, unsigned int first, unsigned int n, int used)
{
	for (unsigned int i = first; i < first + n; i++)
		if (used)
			map[i / 32] |= 1u << (i % 32);
		else
			map[i / 32] &= ~(1u << (i % 32));
}

static void desc_free(struct pl08x_desc *d)
{
	unsigned long flags;

	local_irq_save(flags);
	run_set(lli_map, (unsigned int)(d->llis - lli_pool), d->nr_alloc, 0);
	run_set(desc_map, (unsigned int)(d - desc_pool), 1, 0);
	local_irq_restore(flags);
}

static struct pl08x_desc *desc_alloc(struct pl08x_chan *c, unsigned int nr_lli)
{
	struct pl08x_desc *d = NULL;
	unsigned long flags;
	unsigned int di, li;

	local_irq_save(flags);
	di = run_find(desc_map, PL08X_POOL_DESCS, 1);
	li = run_find(lli_map, PL08X_POOL_LLIS, nr_lli);
	if (di < PL08X_POOL_DESCS && li < PL08X_POOL_LLIS) {
		run_set(desc_map, di, 1, 1);
		run_set(lli_map, li, nr_lli, 1);
		d = &desc_pool[di];
	}
	local_irq_restore(flags);
	if (!d) {
		printf("pl08x: %s: no room for a descriptor of %u items\n", c->dma->name, nr_lli);
		return NULL;
	}
	memset(d, 0, sizeof(*d));
	d->chan = c;
	d->nr_lli = d->nr_alloc = nr_lli;
	d->llis = &lli_pool[li];
	d->llis_bus = lli_pool_bus + li * sizeof(struct pl08x_lli);
	return d;
}

/* Bytes one item carries at most: the driver's limit, Control1's 25 bits, whole beats. */
static size_t item_max(unsigned int width)
{
	size_t max = pl08x_max_lli_bytes;

	if (max > (size_t)CCTL1_TSIZE_MAX * width)
		max = (size_t)CCTL1_TSIZE_MAX * width;
	max -= max % width;
	return max ? max : width;
}

/* Items needed for `len` bytes at `width` bytes per beat. */
static unsigned int items_for(size_t len, unsigned int width)
{
	size_t max = item_max(width);

	return (unsigned int)((len + max - 1) / max);
}

/*
 * Fill items [*i, ...) for one contiguous piece; the memory side increments,
 * a peripheral side stays on its FIFO register.
 */
static void fill_items(struct pl08x_desc *d, unsigned int *i, dma_addr_t src, dma_addr_t dst,
		       size_t len, unsigned int width, uint32_t cctl0)
{
	size_t max = item_max(width);

	while (len) {
		struct pl08x_lli *l = &d->llis[*i];
		size_t n = len < max ? len : max;

		l->src = src;
		l->dst = dst;
		l->cctl0 = cctl0;
		l->cctl1 = (uint32_t)(n / width);
		l->next = 0;
		if (*i > 0)
			d->llis[*i - 1].next = d->llis_bus + *i * sizeof(struct pl08x_lli);
		if (cctl0 & CCTL0_SI)
			src += n;
		if (cctl0 & CCTL0_DI)
			dst += n;
		len -= n;
		d->len += n;
		++*i;
	}
}

static void finish_chain(struct pl08x_desc *d, unsigned int used)
{
	d->nr_lli = used;
	d->llis[used - 1].cctl0 |= CCTL0_I;  /* only the end interrupts */
}

struct pl08x_desc *pl08x_prep_dma_memcpy(struct pl08x_chan *c, dma_addr_t dst, dma_addr_t src,
					 size_t len)
{
	unsigned int width = ((src | dst | len) & 3) ? 1 : 4, i = 0;
	struct pl08x_desc *d;
	uint32_t cctl0;

	if (!len)
		return NULL;
	d = desc_alloc(c, items_for(len, width));
	if (!d)
		return NULL;
	cctl0 = burst_code(16) << CCTL0_SBSIZE_SHIFT | burst_code(16) << CCTL0_DBSIZE_SHIFT |
		width_code(width) << CCTL0_SWIDTH_SHIFT | width_code(width) << CCTL0_DWIDTH_SHIFT |
		CCTL0_SI | CCTL0_DI | CCTL0_PROT_PRIV;
	fill_items(d, &i, src, dst, len, width, cctl0);
	finish_chain(d, i);
	d->ccfg = FLOW_MEM2MEM << CCFG_FLOW_SHIFT | CCFG_IE | CCFG_ITC;
	return d;
}

struct pl08x_desc *pl08x_prep_slave_sg(struct pl08x_chan *c, struct scatterlist *sgl,
				       unsigned int sg_len, enum dma_transfer_direction dir)
{
	const struct dma_slave_config *cfg = &c->cfg;
	unsigned int width = cfg->addr_width, items = 0, i = 0, k;
	struct scatterlist *sg;
	struct pl08x_desc *d;
	uint32_t cctl0;

	if (!width || dir != cfg->direction || dir == DMA_MEM_TO_MEM || !sg_len)
		return NULL;
	for_each_sg(sgl, sg, sg_len, k) {
		if (sg_dma_len(sg) % width || sg_dma_address(sg) % width)
			return NULL;
		items += items_for(sg_dma_len(sg), width);
	}
	d = desc_alloc(c, items);
	if (!d)
		return NULL;
	cctl0 = burst_code(cfg->maxburst) << CCTL0_SBSIZE_SHIFT |
		burst_code(cfg->maxburst) << CCTL0_DBSIZE_SHIFT |
		width_code(width) << CCTL0_SWIDTH_SHIFT | width_code(width) << CCTL0_DWIDTH_SHIFT |
		CCTL0_PROT_PRIV | (dir == DMA_MEM_TO_DEV ? CCTL0_SI : CCTL0_DI);
	for_each_sg(sgl, sg, sg_len, k) {
		if (dir == DMA_MEM_TO_DEV)
			fill_items(d, &i, sg_dma_address(sg), cfg->dst_addr, sg_dma_len(sg), width,
				   cctl0);
		else
			fill_items(d, &i, cfg->src_addr, sg_dma_address(sg), sg_dma_len(sg), width,
				   cctl0);
	}
	finish_chain(d, i);
	d->ccfg = CCFG_IE | CCFG_ITC |
		  (dir == DMA_MEM_TO_DEV ? FLOW_MEM2PER << CCFG_FLOW_SHIFT |
						   cfg->line << CCFG_DESTPERIPH_SHIFT
					 : FLOW_PER2MEM << CCFG_FLOW_SHIFT |
						   cfg->line << CCFG_SRCPERIPH_SHIFT);
	return d;
}

dma_cookie_t pl08x_submit(struct pl08x_desc *d)
{
	struct pl08x_chan *c = d->chan;
	struct pl08x_desc **p;
	unsigned long flags;

	local_irq_save(flags);
	d->cookie = ++c->last_cookie;
	for (p = &c->submitted; *p; p = &(*p)->next)
		;
	*p = d;
	local_irq_restore(flags);
	return d->cookie;
}

/* Program the channel with the descriptor's first item and enable it. */
static void start_desc(struct pl08x_chan *c, struct pl08x_desc *d)
{
	const struct pl08x_lli *l = &d->llis[0];

	c->active = d;
	cpu_dsb();  /* the LLIs sit in bufferable memory: out of the write buffer first */
	writel(l->src, ch_reg(c, CH_SRC));
	writel(l->dst, ch_reg(c, CH_DST));
	writel(l->next, ch_reg(c, CH_LLI));
	writel(l->cctl0, ch_reg(c, CH_CONTROL0));
	writel(l->cctl1, ch_reg(c, CH_CONTROL1));
	writel(d->ccfg | CCFG_E, ch_reg(c, CH_CONFIG));
}

static void start_next(struct pl08x_chan *c)
{
	struct pl08x_desc *d = c->issued;

	c->active = NULL;
	if (!d)
		return;
	c->issued = d->next;
	d->next = NULL;
	start_desc(c, d);
}

void pl08x_issue_pending(struct pl08x_chan *c)
{
	struct pl08x_desc **p;
	unsigned long flags;

	local_irq_save(flags);
	for (p = &c->issued; *p; p = &(*p)->next)
		;
	*p = c->submitted;
	c->submitted = NULL;
	if (!c->active)
		start_next(c);
	local_irq_restore(flags);
}

/* Bytes the active descriptor has not moved yet, from the channel's registers. */
static size_t residue(const struct pl08x_chan *c, const struct pl08x_desc *d)
{
	uint32_t lli = readl(ch_reg(c, CH_LLI)) & ~3u;
	uint32_t cctl0 = readl(ch_reg(c, CH_CONTROL0));
	size_t left = (size_t)(readl(ch_reg(c, CH_CONTROL1)) & CCTL1_TSIZE_MAX)
		      << ((cctl0 >> CCTL0_SWIDTH_SHIFT) & 3);
	unsigned int i;

	/* items after the loaded one: those from the one `lli` points at */
	for (i = 0; lli && i < d->nr_lli; i++)
		if (d->llis_bus + i * sizeof(struct pl08x_lli) == lli)
			break;
	for (; lli && i < d->nr_lli; i++)
		left += (size_t)d->llis[i].cctl1 << ((d->llis[i].cctl0 >> CCTL0_SWIDTH_SHIFT) & 3);
	return left;
}

static void complete_desc(struct pl08x_chan *c, struct pl08x_desc *d, enum dma_result result,
			  size_t left)
{
	struct dma_tx_result res = { .result = result, .residue = left };

	c->completed_cookie = d->cookie;
	if (d->callback)
		d->callback(d->callback_param, &res);
	desc_free(d);
}

static irqreturn_t pl08x_irq(int irq, void *data)
{
	struct pl08x_dev *dma = data;
	uint32_t err = readl(dma->base + DMAC_INT_ERR_STATUS);
	uint32_t tc = readl(dma->base + DMAC_INT_TC_STATUS);

	if (!(err | tc))
		return IRQ_NONE;
	dma->irqs++;
	writel(err, dma->base + DMAC_INT_ERR_CLEAR);
	writel(tc, dma->base + DMAC_INT_TC_CLEAR);
	for (unsigned int n = 0; n < PL08X_CHANNELS; n++) {
		struct pl08x_chan *c = &dma->chan[n];
		struct pl08x_desc *d = c->active;
		enum dma_result result = DMA_TRANS_NOERROR;
		size_t left = 0;

		if (!((err | tc) >> n & 1) || !d)
			continue;
		if (err >> n & 1) {
			/* the controller has disabled the channel */
			left = residue(c, d);
			printf("pl08x: %s channel %u (%s): error interrupt: src 0x%08x dst 0x%08x, "
			       "%u of %u bytes not transferred\n", dma->name, n,
			       c->owner ? c->owner : "?", (unsigned int)readl(ch_reg(c, CH_SRC)),
			       (unsigned int)readl(ch_reg(c, CH_DST)), (unsigned int)left,
			       (unsigned int)d->len);
			result = DMA_TRANS_ERROR;
			c->errors++;
			dma->errors++;
		} else {
			c->bytes += d->len;
			c->transfers++;
			dma->bytes += d->len;
			dma->transfers++;
		}
		start_next(c);
		complete_desc(c, d, result, left);
	}
	return IRQ_HANDLED;
}

/* Halt, let the channel drain (Active clears), then disable: no data lost. */
static void stop_channel(struct pl08x_chan *c)
{
	uint32_t cfg = readl(ch_reg(c, CH_CONFIG));

	if (!(cfg & CCFG_E))
		return;
	writel(cfg | CCFG_H, ch_reg(c, CH_CONFIG));
	while (readl(ch_reg(c, CH_CONFIG)) & CCFG_A)
		;
	writel(readl(ch_reg(c, CH_CONFIG)) & ~(CCFG_E | CCFG_H), ch_reg(c, CH_CONFIG));
}

int pl08x_terminate_all(struct pl08x_chan *c)
{
	struct pl08x_desc *list[3], *d;
	unsigned long flags;
	size_t left = 0;

	local_irq_save(flags);
	stop_channel(c);
	writel(1u << c->id, c->dma->base + DMAC_INT_TC_CLEAR);
	writel(1u << c->id, c->dma->base + DMAC_INT_ERR_CLEAR);
	if (c->active)
		left = residue(c, c->active);
	list[0] = c->active;
	list[1] = c->issued;
	list[2] = c->submitted;
	c->active = c->issued = c->submitted = NULL;
	local_irq_restore(flags);
	if (list[0])
		list[0]->next = NULL;
	for (int k = 0; k < 3; k++)
		while ((d = list[k])) {
			list[k] = d->next;
			complete_desc(c, d, DMA_TRANS_ABORTED, k ? d->len : left);
		}
	return 0;
}

int pl08x_cookie_done(const struct pl08x_chan *c, dma_cookie_t cookie)
{
	return cookie - c->completed_cookie <= 0;
}
