/* SPDX-License-Identifier: MIT */
/*
 * pl080s.c - PL080S DMA controller: registers, request lines, and a transfer
 * engine that moves one request's worth of data per scheduled step, timed
 * through the board's bus-master port (see pl080s.h).
 */
#include "soc/s3c6410/pl080s.h"

#include <string.h>

#include "emu/log.h"
#include "emu/regs.h"
#include "emu/report.h"
#include "soc/s3c6410/device.h"
#include "soc/s3c6410/dmaport.h"

REG32(INT_STATUS, 0x000)
REG32(INT_TC_STATUS, 0x004)
REG32(INT_TC_CLEAR, 0x008)
REG32(INT_ERR_STATUS, 0x00c)
REG32(INT_ERR_CLEAR, 0x010)
REG32(RAW_TC_STATUS, 0x014)
REG32(RAW_ERR_STATUS, 0x018)
REG32(EN_CHAN, 0x01c)
REG32(SOFT_BREQ, 0x020)
REG32(SOFT_SREQ, 0x024)
REG32(SOFT_LBREQ, 0x028)
REG32(SOFT_LSREQ, 0x02c)
REG32(CONFIG, 0x030)
	FIELD(CONFIG, E, 0, 1)
	FIELD(CONFIG, M1, 1, 1)
	FIELD(CONFIG, M2, 2, 1)
REG32(SYNC, 0x034)
	FIELD(SYNC, LINES, 0, 16)
REG32(CHAN0, 0x100)
REG32(PERIPH_ID0, 0xfe0)
REG32(PCELL_ID3, 0xffc)

/* Channel registers, relative to CHAN0 + 0x20 * n. */
#define CHAN_STRIDE 0x20
REG32(C_SRC, 0x00)
REG32(C_DST, 0x04)
REG32(C_LLI, 0x08)
	FIELD(C_LLI, LM, 0, 1)
	FIELD(C_LLI, ADDR, 2, 30)
REG32(C_CONTROL0, 0x0c)
	FIELD(C_CONTROL0, TSIZE, 0, 12)   /* a plain PL080's size; stored, unused */
	FIELD(C_CONTROL0, SBSIZE, 12, 3)
	FIELD(C_CONTROL0, DBSIZE, 15, 3)
	FIELD(C_CONTROL0, SWIDTH, 18, 3)
	FIELD(C_CONTROL0, DWIDTH, 21, 3)
	FIELD(C_CONTROL0, S, 24, 1)
	FIELD(C_CONTROL0, D, 25, 1)
	FIELD(C_CONTROL0, SI, 26, 1)
	FIELD(C_CONTROL0, DI, 27, 1)
	FIELD(C_CONTROL0, PROT, 28, 3)
	FIELD(C_CONTROL0, I, 31, 1)
REG32(C_CONTROL1, 0x10)
	FIELD(C_CONTROL1, TSIZE, 0, 25)
REG32(C_CONFIG, 0x14)
	FIELD(C_CONFIG, E, 0, 1)
	FIELD(C_CONFIG, SRCPERIPH, 1, 4)
	FIELD(C_CONFIG, DESTPERIPH, 6, 4)
	FIELD(C_CONFIG, FLOW, 11, 3)
	FIELD(C_CONFIG, IE, 14, 1)
	FIELD(C_CONFIG, ITC, 15, 1)
	FIELD(C_CONFIG, L, 16, 1)
	FIELD(C_CONFIG, A, 17, 1)
	FIELD(C_CONFIG, H, 18, 1)

#define LLI_WRITABLE (R_C_LLI_LM_MASK | R_C_LLI_ADDR_MASK)
#define CONFIG_WRITABLE (R_C_CONFIG_E_MASK | R_C_CONFIG_SRCPERIPH_MASK | \
			 R_C_CONFIG_DESTPERIPH_MASK | R_C_CONFIG_FLOW_MASK | R_C_CONFIG_IE_MASK | \
			 R_C_CONFIG_ITC_MASK | R_C_CONFIG_L_MASK | R_C_CONFIG_H_MASK)
#define LINES_MASK ((1u << PL080S_NR_LINES) - 1)
#define LLI_ITEM_WORDS 5

/* AMBA identification, one byte per word: PeriphID 0x0A141080, PCellID 0xB105F00D. */
static const uint8_t pl080s_id[8] = { 0x80, 0x10, 0x14, 0x0a, 0x0d, 0xf0, 0x05, 0xb1 };

static void pl080s_event(void *opaque, cycle_t late);
static void trace_signals(struct pl080s *d, cycle_t at);

void pl080s_init(struct pl080s *d, const char *name, uint32_t base, enum bus_master master,
		 struct clock *clock, const struct pl080s_port *port)
{
	memset(d, 0, sizeof(*d));
	d->name = name;
	d->base = base;
	d->master = master;
	d->clock = clock;
	d->port = *port;
	d->busy_ch = -1;
	event_init(&d->event, "pl080s-step", pl080s_event, d);
	pl080s_reset(d);
}

void pl080s_reset(struct pl080s *d)
{
	clock_cancel(d->clock, &d->event);
	d->raw_tc = d->raw_err = d->config = d->sync = 0;
	memset(d->req, 0, sizeof(d->req));
	memset(d->soft_req, 0, sizeof(d->soft_req));
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
		struct pl080s_chan *ch = &d->ch[c];

		ch->src = ch->dst = ch->lli = ch->control0 = ch->control1 = ch->config = 0;
		ch->fifo_level = ch->src_left = ch->wr_acc = 0;
		ch->need_lli = false;
	}
	d->busy_ch = -1;
	d->step_aborted = false;
	pl080s_update_irq(d);
	trace_signals(d, d->clock->now);
}

void pl080s_fini(struct pl080s *d)
{
	clock_cancel(d->clock, &d->event);
}

/* ---- decoding ---------------------------------------------------------- */

static unsigned width_bytes(uint32_t field)
{
	return field <= 2 ? 1u << field : 0; /* 3..7 are reserved */
}

static unsigned burst_beats(uint32_t field)
{
	return field ? 2u << field : 1; /* 1, 4, 8, ..., 256 */
}

static bool flow_src_periph(unsigned flow)
{
	return flow == 2 || flow == 3 || flow == 4 || flow == 6 || flow == 7;
}

static bool flow_dst_periph(unsigned flow)
{
	return flow == 1 || flow == 3 || flow == 4 || flow == 5 || flow == 7;
}

/* -1: the DMAC controls the flow (TransferSize); else the controlling line. */
static int flow_controller_line(uint32_t config)
{
	switch (FIELD_EX32(config, C_CONFIG, FLOW)) {
	case 4:
	case 5:
		return (int)FIELD_EX32(config, C_CONFIG, DESTPERIPH);
	case 6:
	case 7:
		return (int)FIELD_EX32(config, C_CONFIG, SRCPERIPH);
	default:
		return -1;
	}
}

static uint16_t line_bits(const struct pl080s *d, enum pl080s_req kind)
{
	return d->req[kind] | d->soft_req[kind];
}

static bool line_pending(const struct pl080s *d, unsigned line)
{
	uint16_t any = 0;

	for (unsigned k = 0; k < PL080S_REQ_KINDS; k++)
		any |= line_bits(d, k);
	return any >> line & 1;
}

static bool line_burst(const struct pl080s *d, unsigned line)
{
	return (line_bits(d, PL080S_REQ_BURST) | line_bits(d, PL080S_REQ_LAST_BURST)) >> line & 1;
}

static bool line_last(const struct pl080s *d, unsigned line)
{
	return (line_bits(d, PL080S_REQ_LAST_SINGLE) | line_bits(d, PL080S_REQ_LAST_BURST)) >>
	       line & 1;
}

static bool chan_enabled(const struct pl080s_chan *ch)
{
	return FIELD_EX32(ch->config, C_CONFIG, E);
}

static bool chan_active(const struct pl080s *d, unsigned c)
{
	return (d->busy_ch == (int)c && !d->step_aborted) || d->ch[c].fifo_level;
}

/* ---- interrupts and requests ------------------------------------------- */

/*
 * Recompute the traced lines and report the ones that changed, at `at`.
 * Called once at the end of whatever may change them (a step's event, a
 * register write, a request), so a channel that wins the next step back to
 * back stays active without a gap.
 */
static void trace_signals(struct pl080s *d, cycle_t at)
{
	uint32_t now[PL080S_SIG_NR] = { 0 };

	if (!d->tracer.signal)
		return;
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++)
		now[PL080S_SIG_ACTIVE] |= (uint32_t)chan_active(d, c) << c;
	now[PL080S_SIG_TC] = d->raw_tc;
	now[PL080S_SIG_ERR] = d->raw_err;
	for (unsigned k = 0; k < PL080S_REQ_KINDS; k++)
		now[PL080S_SIG_REQ] |= line_bits(d, k);
	for (unsigned s = 0; s < PL080S_SIG_NR; s++) {
		uint32_t diff = now[s] ^ d->traced[s];

		for (unsigned i = 0; diff; i++, diff >>= 1)
			if (diff & 1)
				d->tracer.signal(d->tracer.opaque, d, (enum pl080s_signal)s, i,
						 now[s] >> i & 1, at);
		d->traced[s] = now[s];
	}
}

void pl080s_set_tracer(struct pl080s *d, const struct pl080s_tracer *t)
{
	if (t)
		d->tracer = *t;
	else
		memset(&d->tracer, 0, sizeof(d->tracer));
	memset(d->traced, 0, sizeof(d->traced));
	trace_signals(d, d->clock->now);
}

static uint32_t chan_mask(const struct pl080s *d, uint32_t field_mask)
{
	uint32_t m = 0;

	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++)
		if (d->ch[c].config & field_mask)
			m |= 1u << c;
	return m;
}

static uint32_t int_tc_status(const struct pl080s *d)
{
	return d->raw_tc & chan_mask(d, R_C_CONFIG_ITC_MASK);
}

static uint32_t int_err_status(const struct pl080s *d)
{
	return d->raw_err & chan_mask(d, R_C_CONFIG_IE_MASK);
}

void pl080s_update_irq(struct pl080s *d)
{
	irq_set(&d->irq, (int_tc_status(d) | int_err_status(d)) != 0);
}

/*
 * A step takes the request on `line`: it is cleared when the step starts, so
 * a peripheral that re-asserts its level while the step runs (its FIFO still
 * below the trigger) asks for the next one.
 */
static void take_line(struct pl080s *d, unsigned line)
{
	for (unsigned k = 0; k < PL080S_REQ_KINDS; k++) {
		d->req[k] &= (uint16_t)~(1u << line);
		d->soft_req[k] &= (uint16_t)~(1u << line);
	}
}

/* DMACCLR (and DMACTC): the request on `line` has been served. */
static void ack_line(struct pl080s *d, unsigned line, bool tc)
{
	if (d->periph.ack)
		d->periph.ack(d->periph.opaque, line, tc);
}

/* ---- the engine --------------------------------------------------------- */

static cycle_t hclk_cycles(const struct pl080s *d, uint64_t n)
{
	return clock_ticks_to_cycles(d->clock, CLK_HCLK, n);
}

/* Start arbitrating one HCLK from now, unless a step or arbitration is due. */
static void kick(struct pl080s *d)
{
	if (d->busy_ch >= 0 || event_pending(&d->event) || !FIELD_EX32(d->config, CONFIG, E))
		return;
	clock_schedule_at(d->clock, &d->event, d->clock->now + hclk_cycles(d, 1));
}

/* The error response: status bit, channel off, FIFO lost. */
/* Tell the port an item starts (its source range) or ends. */
static void item_event(struct pl080s *d, unsigned c, bool start)
{
	const struct pl080s_chan *ch = &d->ch[c];
	struct pl080s_item it = { .start = start, .src = ch->src, .dst = ch->dst };

	uint32_t bytes = FIELD_EX32(ch->control1, C_CONTROL1, TSIZE) *
			 width_bytes(FIELD_EX32(ch->control0, C_CONTROL0, SWIDTH));

	if (!d->port.item)
		return;
	if (start && FIELD_EX32(ch->control0, C_CONTROL0, SI))
		it.src_bytes = bytes;
	if (start && FIELD_EX32(ch->control0, C_CONTROL0, DI))
		it.dst_bytes = bytes;
	d->port.item(d->port.opaque, d->master, c, &it);
}

static void chan_fail(struct pl080s *d, unsigned c)
{
	struct pl080s_chan *ch = &d->ch[c];

	d->raw_err |= 1u << c;
	ch->st.errors++;
	ch->config &= ~R_C_CONFIG_E_MASK;
	item_event(d, c, false);
	ch->fifo_level = 0;
	ch->need_lli = false;
	pl080s_update_irq(d);
}

static void chan_error(struct pl080s *d, unsigned c, uint32_t pa, const char *what)
{
	guest_error("%s: channel %u: AHB error %s 0x%08x; channel disabled, error interrupt "
		    "raised", d->name, c, what, pa);
	chan_fail(d, c);
}

static bool chan_ready(const struct pl080s *d, unsigned c)
{
	const struct pl080s_chan *ch = &d->ch[c];
	uint32_t cfg = ch->config;
	unsigned flow = FIELD_EX32(cfg, C_CONFIG, FLOW);
	bool sp = flow_src_periph(flow), dp = flow_dst_periph(flow);

	if (!chan_enabled(ch))
		return false;
	/* Halted: no more source requests, but whole destination beats drain. */
	if (FIELD_EX32(cfg, C_CONFIG, H)) {
		unsigned dw = width_bytes(FIELD_EX32(ch->control0, C_CONTROL0, DWIDTH));

		if (!dw || ch->fifo_level < dw)
			return false;
		return !dp || line_pending(d, FIELD_EX32(cfg, C_CONFIG, DESTPERIPH));
	}
	if (ch->need_lli)
		return true;
	/* Nothing left to move: the step that completes the item. */
	if (flow_controller_line(cfg) < 0 && !ch->src_left && !ch->fifo_level)
		return true;
	if (sp && !line_pending(d, FIELD_EX32(cfg, C_CONFIG, SRCPERIPH)))
		return false;
	if (dp && !line_pending(d, FIELD_EX32(cfg, C_CONFIG, DESTPERIPH)))
		return false;
	return true;
}

static void account(struct pl080s_chan *ch, const struct pl080s_burst *b, cycle_t at,
		    cycle_t start, cycle_t done)
{
	ch->st.bursts++;
	ch->st.beats += b->beats;
	ch->st.busy_cycles += done - start;
	ch->st.wait_cycles += start - at;
}

/* Time a burst on the port from `at`; returns when it completes. */
static cycle_t time_burst(struct pl080s *d, struct pl080s_chan *ch, const struct pl080s_burst *b,
			  cycle_t at)
{
	cycle_t start = at, done = d->port.timing(d->port.opaque, b, at, &start);

	if (start < at)
		start = at;
	if (done <= start)
		done = start + 1; /* a port that says "free" still takes a cycle */
	account(ch, b, at, start, done);
	return done;
}

static struct pl080s_burst make_burst(const struct pl080s *d, unsigned c, uint32_t pa,
				      unsigned width, unsigned beats, bool inc, bool write)
{
	return (struct pl080s_burst){
		.master = d->master,
		.channel = c,
		.pa = pa,
		.width = width,
		.beats = beats,
		.inc = inc,
		.write = write,
		.prot = FIELD_EX32(d->ch[c].control0, C_CONTROL0, PROT),
	};
}

static bool move(struct pl080s *d, const struct pl080s_burst *b, uint8_t *buf, cycle_t when)
{
	if (!d->port.access(d->port.opaque, b, buf))
		return false;
	if (d->port.observe)
		d->port.observe(d->port.opaque, b, when);
	return true;
}

/*
 * The destination side of a step moves `wbytes` from the FIFO: whole beats
 * of the destination width in bursts of `bsize`, then any tail in bytes.
 * Called to time the bursts at the start of the step and again, with the
 * same arguments, to move the data when it completes.
 */
static unsigned next_write(unsigned wbytes, unsigned off, unsigned dw, unsigned bsize,
			   unsigned *width)
{
	unsigned whole = wbytes / dw * dw;

	if (off < whole) {
		unsigned beats = (whole - off) / dw;

		*width = dw;
		return beats < bsize ? beats : bsize;
	}
	*width = 1;
	return wbytes - off;
}

/* Begin a linked-list fetch: five words read as one burst. */
static cycle_t start_lli(struct pl080s *d, unsigned c, cycle_t now)
{
	struct pl080s_chan *ch = &d->ch[c];
	uint32_t pa = ch->lli & R_C_LLI_ADDR_MASK;
	struct pl080s_burst b = make_burst(d, c, pa, 4, LLI_ITEM_WORDS, true, false);
	uint8_t buf[LLI_ITEM_WORDS * 4];
	cycle_t done;

	b.lli = true;
	done = time_burst(d, ch, &b, now);
	ch->st.lli_fetches++;
	if (!move(d, &b, buf, now)) {
		chan_error(d, c, pa, "fetching a linked-list item at");
		d->step_aborted = true;
		return done;
	}
	for (unsigned i = 0; i < LLI_ITEM_WORDS; i++)
		d->lli_words[i] = (uint32_t)buf[4 * i] | (uint32_t)buf[4 * i + 1] << 8 |
				  (uint32_t)buf[4 * i + 2] << 16 | (uint32_t)buf[4 * i + 3] << 24;
	d->step_lli = true;
	return done;
}

/* Begin one transfer step of channel c at `now`; returns when it completes. */
static cycle_t start_transfer(struct pl080s *d, unsigned c, cycle_t now)
{
	struct pl080s_chan *ch = &d->ch[c];
	uint32_t ctl = ch->control0, cfg = ch->config;
	unsigned sw = width_bytes(FIELD_EX32(ctl, C_CONTROL0, SWIDTH));
	unsigned dw = width_bytes(FIELD_EX32(ctl, C_CONTROL0, DWIDTH));
	unsigned sb = burst_beats(FIELD_EX32(ctl, C_CONTROL0, SBSIZE));
	unsigned db = burst_beats(FIELD_EX32(ctl, C_CONTROL0, DBSIZE));
	unsigned flow = FIELD_EX32(cfg, C_CONFIG, FLOW);
	unsigned sline = FIELD_EX32(cfg, C_CONFIG, SRCPERIPH);
	unsigned dline = FIELD_EX32(cfg, C_CONFIG, DESTPERIPH);
	bool sp = flow_src_periph(flow), dp = flow_dst_periph(flow);
	bool si = FIELD_EX32(ctl, C_CONTROL0, SI), di = FIELD_EX32(ctl, C_CONTROL0, DI);
	int fc = flow_controller_line(cfg);
	unsigned rbytes, rburst, wbytes, wburst, want_w, avail, width;
	cycle_t t = now;

	if (!sw || !dw) {
		guest_error("%s: channel %u: Control0 0x%08x has a reserved transfer width; "
			    "channel disabled, error interrupt raised", d->name, c, ctl);
		chan_fail(d, c);
		d->step_aborted = true;
		return now + hclk_cycles(d, 1);
	}
	/* How much this step reads: one request's worth on the paced side. */
	if (sp) {
		rburst = line_burst(d, sline) ? sb : 1;
		rbytes = rburst * sw;
	} else if (dp) {
		unsigned want = (line_burst(d, dline) ? db : 1) * dw;

		rbytes = want > ch->fifo_level ? (want - ch->fifo_level + sw - 1) / sw * sw : 0;
		rburst = sb;
	} else {
		rbytes = sb * sw;
		rburst = sb;
	}
	if (fc < 0 && rbytes > ch->src_left * sw)
		rbytes = ch->src_left * sw;
	if (rbytes > PL080S_FIFO_BYTES - ch->fifo_level)
		rbytes = (PL080S_FIFO_BYTES - ch->fifo_level) / sw * sw;
	if (FIELD_EX32(cfg, C_CONFIG, H)) {
		/* A drain: no source request is served, none ends the item. */
		rbytes = 0;
		d->step_ends_item = fc < 0 && !ch->src_left;
		sp = false;
	} else {
		d->step_ends_item = fc < 0 ? ch->src_left == rbytes / sw :
				   line_last(d, (unsigned)fc);
	}
	d->step_lines[0] = sp ? (int)sline : -1;
	d->step_lines[1] = dp ? (int)dline : -1;
	/* Burst or single, last or not: decided above from the requests. */
	wburst = dp && !line_burst(d, dline) ? 1 : db;
	want_w = (dp && line_burst(d, dline) ? db : 1) * dw;
	for (unsigned i = 0; i < 2; i++)
		if (d->step_lines[i] >= 0)
			take_line(d, (unsigned)d->step_lines[i]);

	/* Source bursts: read now, into the FIFO. */
	for (unsigned off = 0; off < rbytes;) {
		unsigned beats = (rbytes - off) / sw < rburst ? (rbytes - off) / sw : rburst;
		struct pl080s_burst b = make_burst(d, c, ch->src, sw, beats, si, false);

		t = time_burst(d, ch, &b, t);
		if (!move(d, &b, ch->fifo + ch->fifo_level, now)) {
			chan_error(d, c, ch->src, "reading");
			d->step_aborted = true;
			return t;
		}
		ch->fifo_level += beats * sw;
		if (si)
			ch->src += beats * sw;
		if (fc < 0)
			ch->src_left -= beats;
		off += beats * sw;
	}

	/* Destination bursts: timed now, written when the step completes. */
	avail = ch->fifo_level;
	if (d->step_ends_item)
		wbytes = avail;
	else if (dp)
		wbytes = want_w;
	else
		wbytes = avail / dw * dw;
	if (wbytes > avail / dw * dw && !d->step_ends_item)
		wbytes = avail / dw * dw;
	d->step_wbytes = wbytes;
	d->step_wburst = wburst;
	d->step_dst = ch->dst;
	for (unsigned off = 0; off < wbytes;) {
		unsigned beats = next_write(wbytes, off, dw, wburst, &width);
		uint32_t pa = ch->dst + (di ? off : 0);
		struct pl080s_burst b = make_burst(d, c, pa, width, beats, di, true);

		t = time_burst(d, ch, &b, t);
		off += beats * width;
	}
	/* An empty step (a zero-size item) still takes its arbitration cycle. */
	return t > now ? t : now + hclk_cycles(d, 1);
}

static void finish_lli(struct pl080s *d, unsigned c)
{
	struct pl080s_chan *ch = &d->ch[c];

	ch->src = d->lli_words[0];
	ch->dst = d->lli_words[1];
	ch->lli = d->lli_words[2] & LLI_WRITABLE;
	ch->control0 = d->lli_words[3];
	ch->control1 = d->lli_words[4] & R_C_CONTROL1_TSIZE_MASK;
	ch->src_left = ch->control1;
	ch->wr_acc = 0;
	ch->need_lli = false;
	item_event(d, c, true);
}

static void item_done(struct pl080s *d, unsigned c)
{
	struct pl080s_chan *ch = &d->ch[c];

	ch->st.items++;
	if (FIELD_EX32(ch->control0, C_CONTROL0, I)) {
		d->raw_tc |= 1u << c;
		ch->st.tc_irqs++;
	}
	item_event(d, c, false);
	if (ch->lli & R_C_LLI_ADDR_MASK)
		ch->need_lli = true;
	else
		ch->config &= ~R_C_CONFIG_E_MASK;
	pl080s_update_irq(d);
}

static void finish_transfer(struct pl080s *d, unsigned c, cycle_t now)
{
	struct pl080s_chan *ch = &d->ch[c];
	unsigned sw = width_bytes(FIELD_EX32(ch->control0, C_CONTROL0, SWIDTH));
	unsigned dw = width_bytes(FIELD_EX32(ch->control0, C_CONTROL0, DWIDTH));
	bool di = FIELD_EX32(ch->control0, C_CONTROL0, DI);
	unsigned wbytes = d->step_wbytes, width;

	for (unsigned off = 0; off < wbytes;) {
		unsigned beats = next_write(wbytes, off, dw, d->step_wburst, &width);
		uint32_t pa = d->step_dst + (di ? off : 0);
		struct pl080s_burst b = make_burst(d, c, pa, width, beats, di, true);

		if (!move(d, &b, ch->fifo + off, now)) {
			chan_error(d, c, pa, "writing");
			return;
		}
		off += beats * width;
		ch->st.bytes += beats * width;
		if (di)
			ch->dst = d->step_dst + off;
	}
	ch->fifo_level -= wbytes;
	memmove(ch->fifo, ch->fifo + wbytes, ch->fifo_level);
	/* TransferSize counts down in source units as they reach the destination. */
	if (flow_controller_line(ch->config) < 0) {
		uint32_t size = FIELD_EX32(ch->control1, C_CONTROL1, TSIZE);
		uint32_t units;

		ch->wr_acc += wbytes;
		units = ch->wr_acc / sw;
		ch->wr_acc %= sw;
		size = units < size ? size - units : 0;
		ch->control1 = FIELD_DP32(ch->control1, C_CONTROL1, TSIZE, size);
	}
	for (unsigned i = 0; i < 2; i++)
		if (d->step_lines[i] >= 0 && (i == 0 || d->step_lines[1] != d->step_lines[0]))
			ack_line(d, (unsigned)d->step_lines[i], d->step_ends_item);
	if (d->step_ends_item)
		item_done(d, c);
}

/* Pick the lowest-numbered ready channel and start its next step. */
static void arbitrate(struct pl080s *d, cycle_t now)
{
	cycle_t done;

	d->busy_ch = -1;
	if (!FIELD_EX32(d->config, CONFIG, E))
		return;
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
		if (!chan_ready(d, c))
			continue;
		d->arbitrations++;
		d->busy_ch = (int)c;
		d->step_aborted = false;
		d->step_lli = false;
		d->step_wbytes = 0;
		d->step_ends_item = false;
		d->step_lines[0] = d->step_lines[1] = -1;
		done = d->ch[c].need_lli ? start_lli(d, c, now) : start_transfer(d, c, now);
		clock_schedule_at(d->clock, &d->event, done);
		return;
	}
}

static void pl080s_event(void *opaque, cycle_t late)
{
	struct pl080s *d = opaque;
	/* Steps run back to back from their due times, however late we are. */
	cycle_t now = d->clock->now - late;
	int c = d->busy_ch;

	if (c >= 0 && !d->step_aborted) {
		if (d->step_lli)
			finish_lli(d, (unsigned)c);
		else
			finish_transfer(d, (unsigned)c, now);
	}
	arbitrate(d, now);
	trace_signals(d, now);
}

/* ---- registers ----------------------------------------------------------- */

static void chan_enable(struct pl080s *d, unsigned c)
{
	struct pl080s_chan *ch = &d->ch[c];

	ch->src_left = FIELD_EX32(ch->control1, C_CONTROL1, TSIZE);
	ch->wr_acc = 0;
	ch->fifo_level = 0;
	ch->need_lli = false;
	item_event(d, c, true);
	if (!FIELD_EX32(d->config, CONFIG, E))
		bus_guest_warn(d->bus, "%s: channel %u enabled while the controller is disabled "
			   "(DMACConfiguration.E = 0): it waits", d->name, c);
}

/* Clearing E: the FIFO and any step in flight are lost. */
static void chan_disable(struct pl080s *d, unsigned c)
{
	d->ch[c].fifo_level = 0;
	d->ch[c].need_lli = false;
	if (d->busy_ch == (int)c)
		d->step_aborted = true;
	item_event(d, c, false);
}

static void write_chan_config(struct pl080s *d, unsigned c, uint32_t value)
{
	struct pl080s_chan *ch = &d->ch[c];
	bool was = chan_enabled(ch);

	ch->config = (value & CONFIG_WRITABLE) | (ch->config & R_C_CONFIG_A_MASK);
	if (!was && chan_enabled(ch))
		chan_enable(d, c);
	else if (was && !chan_enabled(ch))
		chan_disable(d, c);
	pl080s_update_irq(d); /* IE/ITC mask the status */
	kick(d);
}

static uint32_t read_chan(struct pl080s *d, unsigned c, uint32_t off)
{
	struct pl080s_chan *ch = &d->ch[c];

	switch (off) {
	case A_C_SRC:
		return ch->src;
	case A_C_DST:
		return ch->dst;
	case A_C_LLI:
		return ch->lli;
	case A_C_CONTROL0:
		return ch->control0;
	case A_C_CONTROL1:
		return ch->control1;
	case A_C_CONFIG:
		return FIELD_DP32(ch->config, C_CONFIG, A, chan_active(d, c));
	default:
		bus_unimp(d->bus, d->name, d->base + A_CHAN0 + c * CHAN_STRIDE + off, 4, false, 0);
		return 0;
	}
}

static void write_chan(struct pl080s *d, unsigned c, uint32_t off, uint32_t value)
{
	struct pl080s_chan *ch = &d->ch[c];

	switch (off) {
	case A_C_SRC:
		ch->src = value;
		break;
	case A_C_DST:
		ch->dst = value;
		break;
	case A_C_LLI:
		ch->lli = value & LLI_WRITABLE;
		break;
	case A_C_CONTROL0:
		ch->control0 = value;
		break;
	case A_C_CONTROL1:
		ch->control1 = value & R_C_CONTROL1_TSIZE_MASK;
		break;
	case A_C_CONFIG:
		write_chan_config(d, c, value);
		break;
	default:
		bus_unimp(d->bus, d->name, d->base + A_CHAN0 + c * CHAN_STRIDE + off, 4, true, value);
		break;
	}
}

static uint32_t enabled_channels(const struct pl080s *d)
{
	return chan_mask(d, R_C_CONFIG_E_MASK);
}

uint32_t pl080s_read(void *dev, uint32_t offset, unsigned size)
{
	struct pl080s *d = dev;

	if (offset >= A_CHAN0 && offset < A_CHAN0 + PL080S_NR_CHANNELS * CHAN_STRIDE)
		return read_chan(d, (offset - A_CHAN0) / CHAN_STRIDE, (offset - A_CHAN0) % CHAN_STRIDE);
	if (offset >= A_PERIPH_ID0 && offset <= A_PCELL_ID3)
		return pl080s_id[(offset - A_PERIPH_ID0) / 4];
	switch (offset) {
	case A_INT_STATUS:
		return int_tc_status(d) | int_err_status(d);
	case A_INT_TC_STATUS:
		return int_tc_status(d);
	case A_INT_ERR_STATUS:
		return int_err_status(d);
	case A_RAW_TC_STATUS:
		return d->raw_tc;
	case A_RAW_ERR_STATUS:
		return d->raw_err;
	case A_EN_CHAN:
		return enabled_channels(d);
	case A_SOFT_BREQ:
		return line_bits(d, PL080S_REQ_BURST);
	case A_SOFT_SREQ:
		return line_bits(d, PL080S_REQ_SINGLE);
	case A_SOFT_LBREQ:
		return line_bits(d, PL080S_REQ_LAST_BURST);
	case A_SOFT_LSREQ:
		return line_bits(d, PL080S_REQ_LAST_SINGLE);
	case A_CONFIG:
		return d->config;
	case A_SYNC:
		return d->sync;
	case A_INT_TC_CLEAR:
	case A_INT_ERR_CLEAR:
		bus_guest_warn(d->bus, "%s: read of write-only register +0x%03x reads as 0", d->name, offset);
		return 0;
	default:
		bus_unimp(d->bus, d->name, d->base + offset, size, false, 0);
		return 0;
	}
}

static void soft_request(struct pl080s *d, enum pl080s_req kind, uint32_t value)
{
	/* Writing 1 raises the line's request; 0 has no effect.  Served: cleared. */
	d->soft_req[kind] |= (uint16_t)(value & LINES_MASK);
	if (value & LINES_MASK)
		kick(d);
}

static void write_reg(struct pl080s *d, uint32_t offset, uint32_t value, unsigned size)
{

	if (offset >= A_CHAN0 && offset < A_CHAN0 + PL080S_NR_CHANNELS * CHAN_STRIDE) {
		write_chan(d, (offset - A_CHAN0) / CHAN_STRIDE, (offset - A_CHAN0) % CHAN_STRIDE,
			   value);
		return;
	}
	switch (offset) {
	case A_INT_TC_CLEAR:
		d->raw_tc &= ~(value & 0xff);
		pl080s_update_irq(d);
		break;
	case A_INT_ERR_CLEAR:
		d->raw_err &= ~(value & 0xff);
		pl080s_update_irq(d);
		break;
	case A_SOFT_BREQ:
		soft_request(d, PL080S_REQ_BURST, value);
		break;
	case A_SOFT_SREQ:
		soft_request(d, PL080S_REQ_SINGLE, value);
		break;
	case A_SOFT_LBREQ:
		soft_request(d, PL080S_REQ_LAST_BURST, value);
		break;
	case A_SOFT_LSREQ:
		soft_request(d, PL080S_REQ_LAST_SINGLE, value);
		break;
	case A_CONFIG:
		d->config = value & (R_CONFIG_E_MASK | R_CONFIG_M1_MASK | R_CONFIG_M2_MASK);
		if ((d->config & (R_CONFIG_M1_MASK | R_CONFIG_M2_MASK)) && !d->warned_endian) {
			d->warned_endian = true;
			bus_guest_warn(d->bus, "%s: big-endian AHB master selected (DMACConfiguration 0x%x); "
				   "the model moves data little-endian", d->name, d->config);
		}
		kick(d);
		break;
	case A_SYNC:
		d->sync = FIELD_EX32(value, SYNC, LINES);
		break;
	case A_INT_STATUS:
	case A_INT_TC_STATUS:
	case A_INT_ERR_STATUS:
	case A_RAW_TC_STATUS:
	case A_RAW_ERR_STATUS:
	case A_EN_CHAN:
		bus_guest_warn(d->bus, "%s: write of 0x%x to read-only register +0x%03x ignored", d->name, value,
			   offset);
		break;
	default:
		bus_unimp(d->bus, d->name, d->base + offset, size, true, value);
		break;
	}
}

void pl080s_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct pl080s *d = dev;

	write_reg(d, offset, value, size);
	trace_signals(d, d->clock->now);
}

/* 32-bit registers only (the bus rejects other accesses). */
const struct mmio_ops pl080s_mmio_ops = {
	.read = pl080s_read,
	.write = pl080s_write,
	.min_size = 4,
	.max_size = 4,
};

void pl080s_request(struct pl080s *d, unsigned line, enum pl080s_req kind, bool level)
{
	if (line >= PL080S_NR_LINES || kind >= PL080S_REQ_KINDS)
		return;
	if (level) {
		d->req[kind] |= (uint16_t)(1u << line);
		kick(d);
	} else {
		d->req[kind] &= (uint16_t)~(1u << line);
	}
	trace_signals(d, d->clock->now);
}

/* ---- statistics ------------------------------------------------------------ */

void pl080s_total(const struct pl080s *d, struct pl080s_stats *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
		const struct pl080s_stats *s = &d->ch[c].st;

		sum->bytes += s->bytes;
		sum->beats += s->beats;
		sum->bursts += s->bursts;
		sum->busy_cycles += s->busy_cycles;
		sum->wait_cycles += s->wait_cycles;
		sum->lli_fetches += s->lli_fetches;
		sum->items += s->items;
		sum->tc_irqs += s->tc_irqs;
		sum->errors += s->errors;
	}
}

static void report_stats(struct report *r, const struct pl080s_stats *s)
{
	report_u64(r, "bytes", s->bytes);
	report_u64(r, "beats", s->beats);
	report_u64(r, "bursts", s->bursts);
	report_u64(r, "busy_cycles", s->busy_cycles);
	report_u64(r, "wait_cycles", s->wait_cycles);
	report_u64(r, "lli_fetches", s->lli_fetches);
	report_u64(r, "items", s->items);
	report_u64(r, "tc_interrupts", s->tc_irqs);
	report_u64(r, "errors", s->errors);
}

void pl080s_report(const struct pl080s *d, struct report *r)
{
	struct pl080s_stats sum;

	pl080s_total(d, &sum);
	report_object(r, d->name);
	report_hex(r, "base", d->base);
	report_stats(r, &sum);
	report_array(r, "channels");
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
		report_object(r, NULL);
		report_stats(r, &d->ch[c].st);
		report_end(r);
	}
	report_end(r);
	report_end(r);
}

void pl080s_print_stats(const struct pl080s *d, FILE *f)
{
	struct pl080s_stats sum;

	pl080s_total(d, &sum);
	if (!sum.bursts && !sum.errors)
		return;
	fprintf(f, "%s: %llu bytes in %llu beats, %llu bursts; bus busy %llu, waiting %llu "
		"cycles; %llu items, %llu LLI fetches, %llu errors\n", d->name,
		(unsigned long long)sum.bytes, (unsigned long long)sum.beats,
		(unsigned long long)sum.bursts, (unsigned long long)sum.busy_cycles,
		(unsigned long long)sum.wait_cycles, (unsigned long long)sum.items,
		(unsigned long long)sum.lli_fetches, (unsigned long long)sum.errors);
	for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
		const struct pl080s_stats *s = &d->ch[c].st;

		if (!s->bursts && !s->errors)
			continue;
		fprintf(f, "  channel %u: %llu bytes, %llu beats, %llu bursts, busy %llu, "
			"waiting %llu cycles, %llu items, %llu errors\n", c,
			(unsigned long long)s->bytes, (unsigned long long)s->beats,
			(unsigned long long)s->bursts, (unsigned long long)s->busy_cycles,
			(unsigned long long)s->wait_cycles, (unsigned long long)s->items,
			(unsigned long long)s->errors);
	}
}

/* ---- the board's device table ---------------------------------------------- */

/* DMA0/DMA1 and SDMA0/SDMA1 by instance number, in address order. */
static int pl080s_create(void *dev, const struct device_params *p, enum bus_master first)
{
	struct pl080s *d = dev;
	struct pl080s_port port;

	if (!p->dma_port) {
		log_error("%s: the board has no bus-master port for DMA", p->name);
		return -1;
	}
	port = dma_port_ops(p->dma_port);
	pl080s_init(d, p->name, p->base, (enum bus_master)(first + p->index), p->clock, &port);
	d->bus = p->bus;
	d->irq = p->irq[0];
	return 0;
}

static int pl080s_create_dma(void *dev, const struct device_params *p)
{
	return pl080s_create(dev, p, BUS_DMA0);
}

static int pl080s_create_sdma(void *dev, const struct device_params *p)
{
	return pl080s_create(dev, p, BUS_SDMA0);
}

static void pl080s_reset_op(void *dev)
{
	pl080s_reset(dev);
}

static void pl080s_report_op(void *dev, struct report *r)
{
	pl080s_report(dev, r);
}

static void pl080s_print_stats_op(void *dev, FILE *f)
{
	pl080s_print_stats(dev, f);
}

static void pl080s_fini_op(void *dev)
{
	pl080s_fini(dev);
}

const struct device_ops pl080s_device = {
	.compatible = "samsung,s3c6410-pl080s",
	.name = "dma",
	.max = 2,
	.span = PL080S_MMIO_SIZE,
	.nr_irqs = 1,
	.state_size = sizeof(struct pl080s),
	.mmio = &pl080s_mmio_ops,
	.create = pl080s_create_dma,
	.reset = pl080s_reset_op,
	.report = pl080s_report_op,
	.print_stats = pl080s_print_stats_op,
	.destroy = pl080s_fini_op,
};

/* The secure pair: the same block; SDMA_SEL decides which one sees a request. */
const struct device_ops pl080s_secure_device = {
	.compatible = "samsung,s3c6410-sdma",
	.name = "sdma",
	.max = 2,
	.span = PL080S_MMIO_SIZE,
	.nr_irqs = 1,
	.state_size = sizeof(struct pl080s),
	.mmio = &pl080s_mmio_ops,
	.create = pl080s_create_sdma,
	.reset = pl080s_reset_op,
	.report = pl080s_report_op,
	.print_stats = pl080s_print_stats_op,
	.destroy = pl080s_fini_op,
};
