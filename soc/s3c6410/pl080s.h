/* SPDX-License-Identifier: MIT */
/*
 * pl080s.h - Samsung's PL080S DMA controller (DMA0/1, SDMA0/1 of the S3C6410).
 *
 * DOC: Follows ARM's PL080 TRM (DDI 0196) with the changes of the S3C6410X
 * user's manual's DMA chapter as Linux's amba-pl08x.c (its "PL080S" variant)
 * and include/linux/amba/pl080.h describe them: per channel a Control1
 * register at +0x10 with a 25-bit TransferSize, Configuration moved to +0x14,
 * linked-list items {src, dst, next, control0, control1} (Linux spaces them
 * 8 words apart), PeriphID 0x0A141080, PCellID 0xB105F00D.
 *
 * Outputs: irq, the combined interrupt (DMACINTCOMBINE: any bit of
 *          IntStatus); the S3C6410 wires DMA0/DMA1 to VIC1 9/10 and
 *          SDMA0/SDMA1 to VIC0 17/18.
 *          DMACCLR/DMACTC to the peripheral of a request line, as a call of
 *          `periph.ack` once a request has been served (tc: it ended the item).
 * Inputs:  16 request lines (pl080s_request(): burst, single, last burst,
 *          last single), held until a step takes them (a peripheral whose
 *          condition still holds asserts again, as a level would); the
 *          SoftBReq/SReq/LBReq/LSReq registers drive the same lines.
 * MMIO:    4 KiB: globals at 0x000-0x034, channel n at 0x100 + 0x20 * n,
 *          identification at 0xFE0-0xFFC.  32-bit accesses only.
 * Bus-master port: `struct pl080s_port`, given at creation: move a burst,
 *          time it (the board asks the AHB/DRAM port, with contention), and
 *          an optional observer per burst for the coherency checker.
 *
 * The transfer engine: one bus master per controller, so one step at a time.
 * At each step boundary the lowest-numbered ready channel wins (the TRM's
 * fixed priority); a step is one request's worth of data - a source burst
 * (or single) for memory or a source peripheral, a destination burst for a
 * destination peripheral - or one linked-list fetch (5 words, timed as a
 * burst).  At the start of a step the source bursts are read (SrcAddr moves
 * on) and every burst of the step is timed through the port, back to back;
 * the step's single event fires when the last burst completes, and then the
 * destination bursts land (DestAddr moves on, Control1.TransferSize counts
 * down in source-width units - Linux computes the residue that way).  So
 * registers read mid-transfer show progress at step granularity, and nothing
 * happens in zero time: arbitration itself costs one HCLK cycle.
 * Packing and unpacking go through a per-channel FIFO; bytes that do not fill
 * a destination beat wait there for the next step, and the end of a transfer
 * flushes them with narrower beats.
 *
 * Disable (clearing E) drops the FIFO and any step in flight: data loss, as
 * the TRM says.  Halt (H) lets the step in flight and the FIFO drain and then
 * serves no more requests; Active (A) reads 1 while a step is in flight or
 * the FIFO holds data, so a driver halts, waits for A = 0 and then disables.
 * An AHB error (the port refuses an address) sets the channel's error bit,
 * disables it and reports one guest_error naming controller, channel, address.
 *
 * Not modelled: the 4-word channel FIFO's size (a step buffers its whole
 * burst), big-endian masters (M1/M2 are stored; a warning when set), the
 * second AHB master and the S/D/LM master-select bits (stored; every burst
 * goes through the one port), the lock bit (stored), Sync (stored), the
 * request synchronisers' exact latency (one HCLK of arbitration stands for
 * it), and the PL080's behaviour for TransferSize values that are not a
 * whole number of destination beats (here: narrower beats at the end).
 */
#ifndef SOC_S3C6410_PL080S_H
#define SOC_S3C6410_PL080S_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/dmc.h"

#define PL080S_MMIO_SIZE 0x1000
#define PL080S_NR_CHANNELS 8
#define PL080S_NR_LINES 16
/* One step buffers at most a 256-beat burst of 32-bit words, plus leftovers. */
#define PL080S_FIFO_BYTES 2048

/* One burst on the controller's bus (also what the port and observer see). */
struct pl080s_burst {
	enum bus_master master;
	unsigned channel;
	uint32_t pa;
	unsigned width;     /* bytes per beat: 1, 2, 4 */
	unsigned beats;     /* 1..256 */
	bool inc;           /* address increments by `width` per beat */
	bool write;
	bool lli;           /* a linked-list fetch */
	unsigned prot;      /* HPROT from Control0 (recorded only) */
};

/* One transfer (LLI item) on a channel, as the coherency checks see it. */
struct pl080s_item {
	bool start;         /* false: it ended (TC, error or disable) */
	uint32_t src, dst;  /* SrcAddr/DestAddr when it started */
	uint32_t src_bytes; /* bytes the source range spans (0: a fixed address) */
	uint32_t dst_bytes; /* bytes the destination range spans (0: a fixed address) */
};

struct pl080s_port {
	void *opaque;
	/*
	 * Move the burst's beats * width bytes between `buf` and guest memory
	 * (a non-incrementing burst reads or writes the same address each
	 * beat).  false: nothing answers there, or an SFR refused it.
	 */
	bool (*access)(void *opaque, const struct pl080s_burst *b, uint8_t *buf);
	/*
	 * When would the burst, asked for at cycle `at`, complete?  *start gets
	 * the cycle it got the bus (start - at is time waited for contention).
	 */
	cycle_t (*timing)(void *opaque, const struct pl080s_burst *b, cycle_t at, cycle_t *start);
	/* Optional: every burst that moved data, when it did (coherency checks). */
	void (*observe)(void *opaque, const struct pl080s_burst *b, cycle_t when);
	/* Optional: an item starts or ends on channel `c` (coherency checks). */
	void (*item)(void *opaque, enum bus_master who, unsigned c, const struct pl080s_item *it);
};

/* DMACCLR (and DMACTC when tc) back to the peripheral on a request line. */
struct pl080s_periph {
	void (*ack)(void *opaque, unsigned line, bool tc);
	void *opaque;
};

enum pl080s_req {
	PL080S_REQ_SINGLE,      /* DMACSREQ */
	PL080S_REQ_BURST,       /* DMACBREQ */
	PL080S_REQ_LAST_SINGLE, /* DMACLSREQ */
	PL080S_REQ_LAST_BURST,  /* DMACLBREQ */
	PL080S_REQ_KINDS
};

/* The lines a trace shows (emu/trace.c), each a bit per channel or request line. */
enum pl080s_signal {
	PL080S_SIG_ACTIVE,  /* channel: a step in flight or data in its FIFO (Configuration.A) */
	PL080S_SIG_TC,      /* channel: terminal-count status (RawIntTCStatus), until cleared */
	PL080S_SIG_ERR,     /* channel: error status (RawIntErrorStatus), until cleared */
	PL080S_SIG_REQ,     /* request line 0-15: a request pending (hardware or SoftBReq & co.) */
	PL080S_SIG_NR
};

struct pl080s;

/* Who hears the signals change (one listener; the board connects it). */
struct pl080s_tracer {
	void (*signal)(void *opaque, const struct pl080s *d, enum pl080s_signal s, unsigned index,
		       bool level, cycle_t at);
	void *opaque;
};

struct pl080s_stats {
	uint64_t bytes;        /* delivered to the destination */
	uint64_t beats;        /* source + destination + LLI beats */
	uint64_t bursts;
	uint64_t busy_cycles;  /* ARMCLK cycles the bursts held the bus */
	uint64_t wait_cycles;  /* ARMCLK cycles the bursts waited for it */
	uint64_t lli_fetches;
	uint64_t items;        /* transfers (LLI items) completed */
	uint64_t tc_irqs;
	uint64_t errors;
};

struct pl080s_chan {
	uint32_t src, dst, lli, control0, control1, config;
	uint8_t fifo[PL080S_FIFO_BYTES];
	uint32_t fifo_level;
	uint32_t src_left;     /* source-width units not yet read (DMAC flow) */
	uint32_t wr_acc;       /* bytes written that do not make a whole source unit yet */
	bool need_lli;         /* item done, next LLI to fetch */
	struct pl080s_stats st;
};

struct pl080s {
	const char *name;
	uint32_t base;
	enum bus_master master;
	struct clock *clock;
	struct pl080s_port port;
	struct pl080s_periph periph;   /* set by the board; may stay empty */
	struct irq_line irq;           /* set by the board */
	struct bus *bus;               /* where guest mistakes are reported; may be NULL */

	uint32_t raw_tc, raw_err, config, sync;
	uint16_t req[PL080S_REQ_KINDS];      /* hardware request lines */
	uint16_t soft_req[PL080S_REQ_KINDS]; /* SoftBReq & co. */
	struct pl080s_chan ch[PL080S_NR_CHANNELS];

	/* the step in flight */
	struct event event;
	int busy_ch;           /* -1: idle */
	bool step_lli, step_aborted, step_ends_item;
	uint32_t step_wbytes;  /* bytes the step writes when it completes */
	unsigned step_wburst;  /* destination beats per burst */
	uint32_t step_dst;     /* DestAddr when the step started */
	int step_lines[2];     /* request lines served (source, destination), -1 none */
	uint32_t lli_words[5];
	uint64_t arbitrations;
	bool warned_endian;
	struct pl080s_tracer tracer;   /* all NULL when nobody listens */
	uint32_t traced[PL080S_SIG_NR];/* the levels the tracer last heard */
};

void pl080s_init(struct pl080s *d, const char *name, uint32_t base, enum bus_master master,
		 struct clock *clock, const struct pl080s_port *port);
void pl080s_reset(struct pl080s *d);
/* Cancel pending events before the state goes away. */
void pl080s_fini(struct pl080s *d);

uint32_t pl080s_read(void *dev, uint32_t offset, unsigned size);
void pl080s_write(void *dev, uint32_t offset, uint32_t value, unsigned size);
extern const struct mmio_ops pl080s_mmio_ops;

/* A peripheral raises (level true) or withdraws a request on `line`. */
void pl080s_request(struct pl080s *d, unsigned line, enum pl080s_req kind, bool level);
void pl080s_update_irq(struct pl080s *d);
/* Tell `t` (NULL: nobody) of every signal change from now on. */
void pl080s_set_tracer(struct pl080s *d, const struct pl080s_tracer *t);

/*
 * SYSCON's SDMA_SEL picks, per peripheral request, which controller of a pair
 * sees it: bit 16 * pair + line set routes line `line` of pair 0 (DMA0/SDMA0)
 * or 1 (DMA1/SDMA1) to the normal controller, clear to the secure one (the
 * reset value 0 routes everything to SDMA; Linux writes 0xffffff).  A request
 * goes where SDMA_SEL pointed when it was raised.  Sources: SYSCON + 0x110 and
 * the 0xffffff "DMA, not SDMA" in Linux 6.1 (mach-s3c/regs-sys-s3c64xx.h,
 * pl080.c); the bit of DMA1's line n is 16 + n in Samsung's Linux BSP
 * (plat-s3c dma-pl080.h S3C_DMA1 = 16, mach-s3c6410/dma.c sets
 * 1 << (n + S3C_DMA1) for a DMA1 peripheral, 1 << n for DMA0's).  The user's
 * manual itself was not available to check against.
 */
static inline struct pl080s *pl080s_route(struct pl080s *dma, struct pl080s *sdma,
					  uint32_t sdma_sel, unsigned pair, unsigned line)
{
	return sdma_sel >> (16 * pair + line) & 1 ? dma : sdma;
}

/* Sum of the channels' statistics. */
void pl080s_total(const struct pl080s *d, struct pl080s_stats *sum);
struct report;
void pl080s_report(const struct pl080s *d, struct report *r);
void pl080s_print_stats(const struct pl080s *d, FILE *f);

#endif /* SOC_S3C6410_PL080S_H */
