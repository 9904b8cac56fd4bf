/* SPDX-License-Identifier: MIT */
/*
 * coherency.h - DMA against the modelled D-cache (--model full): the four
 * ways a driver's missing cache maintenance corrupts data, found as they
 * happen and reported with the channel, the transfer and the CPU side.
 *
 * DOC: The memory model (memsys) owns one `struct coherency` and calls in
 * from its paths: DMA bursts and item starts/ends from the board's DMA port,
 * every CPU store that hits a write-back line (to remember it), a load that
 * hits a line DMA overwrote, every write-back, and CPU stores while a
 * transfer's source is in flight.  The per-line state it needs is one key
 * bit in the cache (CACHE_DMA_STALE) and one record per line (the block and
 * access number of the store that last wrote it, decoded into a PC only when
 * a finding names it); DMA writers are kept in a small table by line
 * address, consulted only when a finding is made.
 *
 *  kind                  when                               the CPU-side PC
 *  missing_clean         DMA reads a line the CPU holds dirty   store that last wrote it
 *  missing_invalidate    CPU loads a line DMA wrote behind it   that load
 *  writeback_over_dma    a dirty line DMA wrote is written back  - (eviction or clean)
 *  cpu_write_in_flight   CPU stores into a transfer's source     that store
 *
 * --coherency=strict: the data a board would show.  Unicorn reads and writes
 * guest RAM, which therefore holds the CPU's view; for a line the D-cache
 * holds whose DRAM contents differ from it (the CPU dirtied it, or DMA wrote
 * under it) DRAM's bytes are kept aside, one line-sized shadow per cache line
 * (so at most the cache's size).  The DMA port reads and writes through
 * coherency_dma_access(): DRAM's bytes, never the CPU's cached ones.  The
 * cache tells coherency_line_event() when a line is cleaned, invalidated or
 * evicted: a write-back makes DRAM the cache's copy (the shadow goes), a
 * clean line dropped makes the CPU's view DRAM's (the shadow is copied into
 * RAM), so a missing invalidate leaves the CPU reading its old line until
 * then, as on hardware.
 */
#ifndef SOC_ARM1176_COHERENCY_H
#define SOC_ARM1176_COHERENCY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "soc/arm1176/cache.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/pl080s.h"

struct memsys;
struct pagestate;
struct report;

enum coherency_mode { COHERENCY_OFF, COHERENCY_REPORT, COHERENCY_STRICT };

enum coh_kind {
	COH_MISSING_CLEAN,
	COH_MISSING_INVALIDATE,
	COH_WRITEBACK_OVER_DMA,
	COH_CPU_WRITE_IN_FLIGHT,
	COH_NR
};

#define COH_CONTROLLERS 4            /* BUS_DMA0 .. BUS_SDMA1 */
#define COH_WRITERS     1024         /* DMA writers remembered by line (direct-mapped) */

/* One transfer (LLI item) as it started. */
struct coh_xfer {
	bool active;
	uint64_t start;
	uint32_t src, dst, src_bytes, dst_bytes;
};

struct coh_finding {
	uint8_t kind;
	uint8_t who;                  /* enum bus_master; BUS_NR_MASTERS: unknown */
	int8_t channel;               /* -1: unknown */
	bool has_pc, has_va, has_xfer;
	uint64_t cycle;
	uint32_t pa, va, pc;
	struct coh_xfer xfer;
	char alloc[64];               /* where the buffer came from, as the guest's mm knows */
};

/*
 * The CPU store that last wrote a line, noted cheaply: its block and its
 * number among the block's data accesses name the instruction by position,
 * except in a block with conditional loads or stores, where the registers of
 * that moment are kept too (they decide which ones ran) - for a store at or
 * after the block's first conditional access only.
 */
struct coh_store {
	uint32_t blk_pc;              /* its translation block */
	uint32_t va;                  /* its address */
	uint16_t blk_size;            /* the block's bytes */
	uint16_t k;                   /* its number among the block's data accesses */
	bool thumb;
	bool has_regs;
	uint32_t r[16], cpsr;         /* with has_regs */
};

/* Blocks seen storing: from which access on does their access order depend on the flags? */
#define COH_BLOCKS 1024
struct coh_block {
	uint32_t pc;
	uint16_t size;
	uint16_t first_cond;          /* number of the first conditional access; 0xffff: none */
};

/* A range an item read or wrote, for the "DMA since the last frame" overlay. */
struct coh_range {
	uint32_t pa, len;
};

#define COH_RECENT 512               /* item ranges kept between two pictures */

struct coh_writer {
	uint32_t line;                /* line address | 1 when valid */
	uint8_t who, channel;
};

struct coherency {
	enum coherency_mode mode;
	struct coh_xfer xfer[COH_CONTROLLERS][PL080S_NR_CHANNELS];
	uint32_t src_lo, src_hi;      /* covers every in-flight source range (kind 4 gate) */
	unsigned in_flight;           /* transfers with a source range */
	struct coh_store *store;      /* [cache line index]: the store that last wrote it */
	struct coh_block block[COH_BLOCKS]; /* direct-mapped by block address */
	struct coh_writer writer[COH_WRITERS];
	uint64_t count[COH_NR];
	struct coh_finding *rec;
	unsigned nr_rec;
	struct pagestate *ps;         /* for naming a finding's allocation (lazily) */
	struct coh_range recent[COH_RECENT]; /* items started since the last picture */
	unsigned nr_recent;
	uint64_t recent_dropped;      /* not kept: more items than COH_RECENT between pictures */
	/* strict mode: DRAM's bytes where they differ from the CPU's cached line */
	uint8_t *dram;                /* [cache line index * line] */
	uint32_t *shadow;             /* [cache line index]: line address | 1 while kept */
	uint32_t nr_shadow;           /* lines kept now */
	uint64_t dma_kept;            /* DMA writes kept from the CPU's view (strict) */
	uint64_t cpu_stale;           /* lines whose stale CPU view was dropped for DRAM's */
};

bool coherency_parse_mode(const char *s, enum coherency_mode *out);
const char *coherency_kind_name(enum coh_kind k);

/* Set up for a D-cache of `nr_lines` lines of `line` bytes (0, or -1 out of memory). */
int coherency_init(struct coherency *co, enum coherency_mode mode, uint32_t nr_lines,
		   uint32_t line);
void coherency_destroy(struct coherency *co);

/* From the DMA port. */
void coherency_dma_burst(struct memsys *ms, const struct pl080s_burst *b, uint32_t len);
void coherency_dma_item(struct memsys *ms, enum bus_master who, unsigned c,
			const struct pl080s_item *it);
/*
 * strict mode: move a RAM burst's data as DRAM holds it (the port's copy
 * when nobody is strict): reads see DRAM's bytes, writes to a line the
 * D-cache holds stay out of the CPU's view.
 */
void coherency_dma_access(struct memsys *ms, const struct pl080s_burst *b, uint8_t *buf);
/* strict mode: the cache's observer (cache_set_observer(); `opaque` is the memsys). */
void coherency_line_event(void *opaque, int idx, uint32_t key, enum cache_op op);

/* From the CPU paths (memsys.c). */
/*
 * A store hit write-back line `idx` (`dirtying`: the line was clean): note
 * where it came from, decoded only if a finding names it; in strict mode a
 * line turning dirty keeps DRAM's bytes first.
 */
void coherency_store_hit(struct memsys *ms, int idx, uint32_t va, uint32_t pa, bool dirtying);
/* strict mode: a CPU store that reaches DRAM (write-through, uncached) updates a kept line. */
void coherency_store_through(struct memsys *ms, uint32_t pa, unsigned size, uint64_t value);
void coherency_stale_read(struct memsys *ms, uint32_t va, uint32_t pa);
void coherency_writeback(struct memsys *ms, uint32_t key);
void coherency_cpu_store(struct memsys *ms, uint32_t va, uint32_t pa, unsigned size);

/* Is `pa` inside a source range some transfer is reading? (the hot-path gate) */
static inline bool coherency_in_flight_src(const struct coherency *co, uint32_t pa)
{
	return __builtin_expect(co->in_flight != 0, 0) && pa - co->src_lo < co->src_hi - co->src_lo;
}

uint64_t coherency_total(const struct coherency *co);
/* At the end of the run: one line with the counts when there were findings. */
void coherency_finish(struct memsys *ms);
void coherency_report(struct memsys *ms, struct report *r);
void coherency_print_stats(struct memsys *ms, FILE *f);
/*
 * Heatmap overlays: frames with a transfer in flight, frames with findings,
 * and frames the transfers (LLI items) started since the previous picture
 * read or write (the call starts the next period).
 */
void coherency_overlay_in_flight(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);
void coherency_overlay_recent(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);
void coherency_overlay_findings(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);

#endif /* SOC_ARM1176_COHERENCY_H */
