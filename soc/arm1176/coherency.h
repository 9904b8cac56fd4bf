/* SPDX-License-Identifier: MIT */
/*
 * coherency.h - DMA against the modelled D-cache (--model full): the four
 * ways a driver's missing cache maintenance corrupts data, found as they
 * happen and reported with the channel, the transfer and the CPU side.
 *
 * DOC: The memory model (memsys) owns one `struct coherency` and calls in
 * from its paths: DMA bursts and item starts/ends from the board's DMA port,
 * a CPU store that dirties a clean line (to remember its PC), a load that
 * hits a line DMA overwrote, every write-back, and CPU stores while a
 * transfer's source is in flight.  The per-line state it needs is one key
 * bit in the cache (CACHE_DMA_STALE) and one word per line (the PC of the
 * store that dirtied it); DMA writers are kept in a small table by line
 * address, consulted only when a finding is made.
 *
 *  kind                  when                               the CPU-side PC
 *  missing_clean         DMA reads a line the CPU holds dirty   store that dirtied it
 *  missing_invalidate    CPU loads a line DMA wrote behind it   that load
 *  writeback_over_dma    a dirty line DMA wrote is written back  - (eviction or clean)
 *  cpu_write_in_flight   CPU stores into a transfer's source     that store
 *
 * --coherency=strict (kind 1 only): the device reads what DRAM holds, not
 * the CPU's dirty data - see coherency_dma_read_fixup().
 */
#ifndef SOC_ARM1176_COHERENCY_H
#define SOC_ARM1176_COHERENCY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

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

struct coh_writer {
	uint32_t line;                /* line address | 1 when valid */
	uint8_t who, channel;
};

struct coherency {
	enum coherency_mode mode;
	struct coh_xfer xfer[COH_CONTROLLERS][PL080S_NR_CHANNELS];
	uint32_t src_lo, src_hi;      /* covers every in-flight source range (kind 4 gate) */
	unsigned in_flight;           /* transfers with a source range */
	uint32_t *store_pc;           /* [cache line index]: the store that dirtied it */
	uint32_t *store_va;           /* [cache line index]: its line's virtual address */
	struct coh_writer writer[COH_WRITERS];
	uint64_t count[COH_NR];
	struct coh_finding *rec;
	unsigned nr_rec;
	struct pagestate *ps;         /* for naming a finding's allocation (lazily) */
	/* strict mode: DRAM's copy of every dirty line, [cache line index * line] */
	uint8_t *dram;
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
 * strict mode: a DMA read of [pa, pa + len) just copied RAM into `buf`; put
 * back DRAM's bytes wherever the CPU holds the line dirty.
 */
void coherency_dma_read_fixup(struct memsys *ms, uint32_t pa, uint8_t *buf, uint32_t len,
			      unsigned width, bool inc);

/* From the CPU paths (memsys.c). */
void coherency_line_dirtied(struct memsys *ms, int idx, uint32_t va, uint32_t pa);
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
/* Heatmap overlays: frames with a transfer in flight, frames with findings. */
void coherency_overlay_in_flight(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);
void coherency_overlay_findings(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);

#endif /* SOC_ARM1176_COHERENCY_H */
