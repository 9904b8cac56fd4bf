/* SPDX-License-Identifier: MIT */
/*
 * memsys_priv.h - the memory model's state, shared by its own files only
 * (memsys.c: hooks and the I/D paths; cp15_ops.c: CP15 operations).
 *
 * DOC: memsys orders the calls; each part keeps its own state, counters and
 * report: tlb (MicroTLBs, main TLB, walk counts), cache (L1 tags, hit and
 * miss counts), wbuf (the write buffer), cp15 (the watch on MCRs and the
 * operation counts) and the board's DRAM port (dmc).  What stays here is
 * what only the orchestrator knows: the CP15 state as the guest wrote it,
 * the hot-path shortcuts, where stall cycles go, the checks' findings and
 * the probes.
 */
#ifndef SOC_ARM1176_MEMSYS_PRIV_H
#define SOC_ARM1176_MEMSYS_PRIV_H

#include <string.h>

#include "soc/arm1176/cache.h"
#include "soc/arm1176/coherency.h"
#include "soc/arm1176/cp15.h"
#include "soc/arm1176/memsys.h"
#include "soc/arm1176/tlb.h"
#include "soc/arm1176/wbuf.h"

#define MS_MAX_PROBES 16
#define MS_FAST_SLOTS 64   /* per side, indexed by VA bits [17:12] */
#define MS_LINE_HINTS 256  /* per side, indexed by the low bits of the line number */
#define MS_BLK_SLOTS  1024 /* blocks whose fetches all hit, by address */

/* Where stall cycles go. */
enum ms_cause {
	CY_MAIN_TLB,      /* MicroTLB misses served by the main TLB */
	CY_WALK,          /* table walks: overhead and descriptor reads */
	CY_IFETCH,        /* I-cache line fills */
	CY_DFILL,         /* D-cache line fills */
	CY_MISS,          /* L1 miss handling before the bus request */
	CY_UNCACHED,      /* uncached loads and strongly-ordered stores to RAM, uncached fetches */
	CY_DEVICE,        /* peripheral accesses over AHB/APB */
	CY_WB_FULL,       /* stores waiting for a write-buffer entry */
	CY_BARRIER,       /* drain write buffer (DSB/DMB) and strongly-ordered waits */
	CY_NR
};

enum ms_finding {
	F_STALE_TLB,         /* a TLB entry used after its descriptor changed */
	F_WALKER_COHERENCY,  /* a walk read a descriptor still dirty in the D-cache */
	F_DISAGREE,          /* the core did an access the model's tables forbid */
	F_VERIFY,            /* --model verify: value or abort status mismatch */
	F_NR
};

struct ms_finding_rec {
	uint8_t kind;
	bool has_pc;
	uint64_t cycle;
	uint32_t pc, va, pa;
	char detail[128];
};

struct ms_probe {
	char name[64];
	uint32_t pa, size;
	uint64_t reads, writes, read_hits, read_misses, write_hits, write_misses, fills, writebacks;
};

struct memsys_params {
	uint32_t main_tlb_cycles, walk_cycles, cache_hit_cycles, miss_cycles;
	uint32_t write_buffer_entries, seed;
	uint32_t ahb_access_hclk, apb_access_pclk, apb_base, apb_size;
};

struct memsys_stats {
	uint64_t cycles[CY_NR];
	uint64_t data[2][MT_NR];     /* [write][memtype] */
	uint64_t ifetch_lines, ifetch_uncached;
	uint64_t untranslated;       /* accesses the model could not translate */
	uint64_t verify_reads, verify_aborts;
	uint64_t findings[F_NR];
	uint64_t stale_same_outcome; /* uses of changed TLB entries that translate as the tables do */
	uint64_t dma_checks;
};

/*
 * The hot path's shortcuts, TinyEMU style: per side, a direct-mapped table
 * by virtual page of clean MicroTLB entries (or the flat map), so a
 * MicroTLB hit is one compare; and a direct-mapped table by physical line
 * of L1 line indices to try first, so an L1 hit is one more (a hint is
 * only a guess: the line's key is compared, so a stale hint costs a normal
 * lookup, never a wrong answer).  Every change to the MicroTLBs (a fill,
 * maintenance, a flag) empties the side's page table, so a slot's entry is
 * always in the MicroTLB and counting it as a MicroTLB hit is exact.
 */
struct ms_fast {
	struct tlb_entry *e;       /* NULL: empty */
};

/*
 * A block whose lines were all I-cache hits through a fast slot, and the
 * generations that made it so: while neither the I-cache's lines
 * (cache.gen) nor the translations (fetch_gen: every emptying of the fast
 * slots) have changed, running it again hits the same lines in the same
 * entry, and only the counters move.
 */
struct ms_blk {
	uint32_t va, size;         /* va 1: empty (no block starts at an odd address) */
	uint32_t cache_gen, fetch_gen;
	uint32_t lines;
};

struct memsys {
	/* hot path first: the fast-path state shares the first cache lines */
	struct clock *clock;       /* the machine's */
	bool mmu_on, dcache_on, icache_on;
	bool checks, verify;
	uint8_t asid;
	unsigned blk_accesses;     /* data accesses since the block began (exact PCs) */
	struct dmc *dmc;           /* the board's DRAM port */
	struct cache icache, dcache;
	struct wbuf wb;
	struct memsys_stats st;

	struct machine *m;
	enum memsys_mode mode;
	struct memsys_params p;
	struct ms_fast fast[2][MS_FAST_SLOTS];
	uint32_t fetch_gen;        /* advances whenever fast slots are emptied */
	int line_hint[2][MS_LINE_HINTS];
	struct ms_blk blk[MS_BLK_SLOTS];
	struct tlb tlb;
	struct cp15_watch cp15;

	/* CP15 state as the guest wrote it */
	struct mmu_regs regs;
	unsigned walks_since_sync;
	struct tlb_entry flat[2];  /* MMU off: flat maps */

	uint64_t seen_aborts, seen_dabt;

	/*
	 * A fault the model found for an access the hook reported.  Unicorn 2.0.1
	 * calls memory hooks before its own translation, so a faulting access is
	 * seen here first; it is a disagreement only if no abort follows.
	 */
	bool mf_pending;
	uint32_t mf_va, mf_pa, mf_pc, mf_fsr;
	uint8_t mf_acc;

	/* --model verify: the read in flight */
	bool vr_valid;
	uint32_t vr_va, vr_pa;

	struct ms_probe probe[MS_MAX_PROBES];
	unsigned nr_probes;
	uint32_t probe_lo, probe_hi;

	struct coherency coh;      /* DMA against the D-cache (coherency.c) */

	struct ms_finding_rec *rec;
	unsigned nr_rec;
	bool fcse_warned;
};

static inline void memsys_charge(struct memsys *ms, enum ms_cause c, cycle_t n)
{
	ms->st.cycles[c] += n;
	ms->clock->now += n;
}

/* The hot-path entries may be gone or changed: look them up again. */
static inline struct ms_fast *memsys_fast(struct memsys *ms, enum tlb_side side, uint32_t va)
{
	return &ms->fast[side][(va >> 12) & (MS_FAST_SLOTS - 1)];
}

static inline int *memsys_line_hint(struct memsys *ms, enum tlb_side side,
				    const struct cache *c, uint32_t pa)
{
	return &ms->line_hint[side][(pa >> c->line_shift) & (MS_LINE_HINTS - 1)];
}

static inline void memsys_forget_side(struct memsys *ms, enum tlb_side side)
{
	memset(ms->fast[side], 0, sizeof(ms->fast[side]));
	ms->fetch_gen++;
}

static inline void memsys_forget_last(struct memsys *ms)
{
	memset(ms->fast, 0, sizeof(ms->fast));
	ms->fetch_gen++;
}

static inline struct ms_blk *memsys_blk(struct memsys *ms, uint32_t va)
{
	return &ms->blk[((va >> 2) ^ (va >> 12)) & (MS_BLK_SLOTS - 1)];
}

/* The full lookup (MicroTLB, main TLB, walk); NULL when the model faults. */
struct tlb_entry *memsys_translate(struct memsys *ms, enum tlb_side side, uint32_t va,
				  enum mmu_access acc);
/* A dirty D-cache line leaves: its write-back goes through the write buffer.
 * `key` is the line's key as it was (address | CACHE_* bits). */
void memsys_writeback(struct memsys *ms, uint32_t key);
/* The PC of the load/store at `va` in the current block (exact, slow). */
uint32_t memsys_access_pc(struct memsys *ms, uint32_t va, bool write);
/* The same for data access number `k` of any block (r NULL: by position only). */
uint32_t memsys_block_access_pc(struct memsys *ms, uint32_t blk_pc, uint32_t blk_size,
				bool thumb, unsigned k, const uint32_t *r, uint32_t cpsr,
				uint32_t va, bool write);
void memsys_apply_sctlr(struct memsys *ms, uint32_t v);
/* TTBR0/TTBR1/TTBCR changed. */
void memsys_tables_changed(struct memsys *ms);

#endif /* SOC_ARM1176_MEMSYS_PRIV_H */
