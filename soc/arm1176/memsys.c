/* SPDX-License-Identifier: MIT */
/*
 * memsys.c - the memory-path model: hooks, the I and D paths, costs,
 * CP15 operations, coherency checks and reports (see memsys.h).
 */
#include "soc/arm1176/memsys.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "emu/arm_decode.h"
#include "emu/cpu.h"
#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/report.h"
#include "soc/arm1176/cache.h"
#include "soc/arm1176/cp15.h"
#include "soc/arm1176/tlb.h"
#include "soc/s3c6410/board.h"

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define MS_MAX_WB        32
#define MS_KEEP_FINDINGS 32   /* per kind, in the report */
#define MS_WARN_FINDINGS 4    /* per kind, on stderr */
#define MS_MAX_PROBES    16
#define PROBE_PREFIX     "memsys_probe_"

#define PERIPH_LO 0x70000000u
#define PERIPH_HI 0x80000000u

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

static const char *const cause_names[CY_NR] = {
	"main_tlb", "table_walk", "icache_fill", "dcache_fill", "miss_handling", "uncached",
	"device", "write_buffer_full", "barrier_drain",
};

enum ms_finding {
	F_STALE_TLB,         /* a TLB entry used after its descriptor changed */
	F_WALKER_COHERENCY,  /* a walk read a descriptor still dirty in the D-cache */
	F_DMA_READ_DIRTY,    /* a bus master read memory the CPU holds dirty */
	F_DMA_WRITE_DIRTY,   /* a bus master wrote memory the CPU holds dirty */
	F_CPU_READ_STALE,    /* the CPU read a cached line a bus master overwrote */
	F_DISAGREE,          /* the core did an access the model's tables forbid */
	F_VERIFY,            /* --model verify: value or abort status mismatch */
	F_NR
};

static const char *const finding_names[F_NR] = {
	"stale_tlb", "walker_coherency", "dma_read_dirty", "dma_write_dirty", "cpu_read_dma_stale",
	"translation_disagreement", "verify_mismatch",
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
	uint64_t walks[2], walk_reads, walk_faults;
	uint64_t wb_writes, wb_merged, wb_full_stalls, barriers;
	uint64_t untranslated;       /* accesses the model could not translate */
	uint64_t cp15_ops, cp15_unobserved, cp15_mva_faults;
	uint64_t stale_uses;
	uint64_t verify_reads, verify_aborts;
	uint64_t findings[F_NR];
	uint64_t dma_checks;
};

struct memsys {
	struct machine *m;
	struct clock *clock;       /* the machine's, for the hot paths */
	enum memsys_mode mode;
	bool checks, verify;
	struct memsys_params p;
	struct dmc dmc;
	struct cache icache, dcache;
	struct tlb tlb;
	struct cp15_watch cp15;

	/* CP15 state as the guest wrote it */
	struct mmu_regs regs;
	uint8_t asid;
	bool mmu_on, dcache_on, icache_on;
	unsigned walks_since_sync;

	/* hot path: the last clean MicroTLB entry per side, flat maps for MMU off */
	struct tlb_entry *last[2];
	struct tlb_entry flat[2];
	int dlast_idx, ilast_idx;    /* last cache line hit (-1: none) */

	/* write buffer: completion cycle of each entry, oldest at wb_head */
	cycle_t wb_done[MS_MAX_WB];
	unsigned wb_head;
	cycle_t wb_last;
	uint32_t wb_line, wb_bytes;  /* the newest entry's line, bytes merged into it */

	/* exact PCs: data accesses since the block began */
	unsigned blk_accesses;
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

	struct ms_finding_rec *rec;
	unsigned nr_rec;
	bool fcse_warned;
	struct memsys_stats st;
};

static const struct machine_model memsys_ops;

/* --- small helpers ----------------------------------------------------------- */

static inline void charge(struct memsys *ms, enum ms_cause c, cycle_t n)
{
	ms->st.cycles[c] += n;
	ms->clock->now += n;
}

static inline void forget_last(struct memsys *ms)
{
	ms->last[TLB_I] = ms->last[TLB_D] = NULL;
}

static bool host_read32(void *opaque, uint32_t pa, uint32_t *v)
{
	return machine_read_phys(opaque, pa, v, 4);
}

bool memsys_read_virt(struct memsys *ms, uint32_t va, void *buf, uint32_t len)
{
	uint8_t *p = buf;

	while (len) {
		struct mmu_result res;
		uint32_t chunk = 0x400 - (va & 0x3ff);

		if (chunk > len)
			chunk = len;
		if (mmu_walk(&ms->regs, va, host_read32, ms->m, &res) ||
		    !machine_read_phys(ms->m, res.pa, p, chunk))
			return false;
		va += chunk;
		p += chunk;
		len -= chunk;
	}
	return true;
}

/*
 * The instruction behind data access number `blk_accesses` of the current
 * block at `va`: decode each load/store of the block against the (exact)
 * registers, prefer the one whose position in the block's access order
 * matches, else the first whose address matches, else the block's start.
 */
static uint32_t access_pc(struct memsys *ms, uint32_t va, bool write)
{
	struct machine *m = ms->m;
	uint32_t r[16], cpsr, step, first, blk_pc, blk_size;
	unsigned k = ms->blk_accesses ? ms->blk_accesses - 1 : 0, n = 0;
	bool have_first = false, thumb;

	machine_current_block(m, &blk_pc, &blk_size, &thumb);
	step = thumb ? 2 : 4;
	first = blk_pc;
	if (!blk_size)
		return blk_pc;
	cpu_regs(m, r, &cpsr);
	for (uint32_t pc = blk_pc; pc < blk_pc + blk_size; pc += step) {
		struct arm_access acc[ARM_MAX_ACCESSES];
		uint32_t insn = 0;
		int cnt;

		if (!memsys_read_virt(ms, pc, &insn, step))
			break;
		cnt = arm_decode_accesses(insn, thumb, pc, r, cpsr, acc);
		for (int i = 0; i < cnt; i++) {
			if (acc[i].write != write || va - acc[i].addr >= acc[i].size)
				continue;
			if (n + (unsigned)i == k)
				return pc;
			if (!have_first) {
				first = pc;
				have_first = true;
			}
		}
		if (cnt > 0)
			n += (unsigned)cnt;
	}
	return first;
}

static void finding(struct memsys *ms, enum ms_finding kind, bool has_pc, uint32_t pc,
		    uint32_t va, uint32_t pa, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static void finding(struct memsys *ms, enum ms_finding kind, bool has_pc, uint32_t pc,
		    uint32_t va, uint32_t pa, const char *fmt, ...)
{
	uint64_t n = ++ms->st.findings[kind];
	struct ms_finding_rec rec = {
		.kind = (uint8_t)kind, .has_pc = has_pc, .cycle = ms->clock->now,
		.pc = pc, .va = va, .pa = pa,
	};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rec.detail, sizeof(rec.detail), fmt, ap);
	va_end(ap);
	if (n <= MS_KEEP_FINDINGS) {
		struct ms_finding_rec *p = realloc(ms->rec, (ms->nr_rec + 1) * sizeof(*p));

		if (p) {
			ms->rec = p;
			ms->rec[ms->nr_rec++] = rec;
		}
	}
	if (n <= MS_WARN_FINDINGS) {
		char sym[96];

		guest_warn("memory model: %s%s: pc %s, va 0x%08x, pa 0x%08x: %s",
			   finding_names[kind],
			   n == MS_WARN_FINDINGS ? " (further ones only counted)" : "",
			   has_pc ? elf_symbolize(machine_elf(ms->m), pc, sym, sizeof(sym)) : "-", va, pa,
			   rec.detail);
	}
}

/* --- the bus: write buffer, uncached and device accesses ------------------------ */

static cycle_t device_cycles(struct memsys *ms, uint32_t pa)
{
	const struct clock *c = &ms->m->clock;

	if (pa - ms->p.apb_base < ms->p.apb_size)
		return dmc_hclk_to_arm(&ms->dmc, ms->p.ahb_access_hclk) +
		       clock_ticks_to_cycles(c, CLK_PCLK, ms->p.apb_access_pclk);
	return dmc_hclk_to_arm(&ms->dmc, ms->p.ahb_access_hclk);
}

/*
 * A store to the line of the newest write-buffer entry, while that entry is
 * still the last thing the DRAM port does, joins its burst: one more data
 * beat per 8 bytes instead of a transaction of its own (stores to Normal
 * memory may merge; the merging rule is this model's assumption).
 */
static bool wb_merge(struct memsys *ms, uint32_t pa, uint32_t bytes)
{
	cycle_t now = ms->clock->now, beat;
	unsigned prev = (ms->wb_head + ms->p.write_buffer_entries - 1) % ms->p.write_buffer_entries;

	if ((pa & ~31u) != ms->wb_line || ms->wb_last <= now || ms->dmc.busy_until != ms->wb_last)
		return false;
	ms->wb_bytes += bytes;
	ms->dmc.st.bytes[BUS_WRITE_BUFFER] += bytes;
	while (ms->wb_bytes >= ms->dmc.p.bytes_per_hclk) {
		ms->wb_bytes -= ms->dmc.p.bytes_per_hclk;
		beat = dmc_hclk_to_arm(&ms->dmc, 1);
		ms->dmc.busy_until += beat;
		ms->dmc.st.busy_cycles += beat;
		ms->wb_last += beat;
	}
	ms->wb_done[prev] = ms->wb_last;
	ms->st.wb_merged++;
	return true;
}

/* Queue a write of `bytes` at `pa`: to DRAM, or to a device (`device`). */
static void wb_push(struct memsys *ms, uint32_t pa, uint32_t bytes, bool device)
{
	cycle_t now = ms->clock->now, oldest = ms->wb_done[ms->wb_head], done;

	if (!device && bytes < 32 && wb_merge(ms, pa, bytes))
		return;
	if (oldest > now) {
		/* Full: the oldest entry must drain first. */
		charge(ms, CY_WB_FULL, oldest - now);
		ms->st.wb_full_stalls++;
		now = oldest;
	}
	if (device) {
		cycle_t start = ms->wb_last > now ? ms->wb_last : now;

		done = start + device_cycles(ms, pa);
	} else {
		done = dmc_access(&ms->dmc, BUS_WRITE_BUFFER, pa, bytes, true, now, NULL);
	}
	if (done < ms->wb_last)
		done = ms->wb_last; /* FIFO: never before the entries ahead of it */
	ms->wb_done[ms->wb_head] = done;
	ms->wb_head = (ms->wb_head + 1) % ms->p.write_buffer_entries;
	ms->wb_last = done;
	ms->wb_line = device || bytes >= 32 ? 1u : pa & ~31u; /* 1: never a line address */
	ms->wb_bytes = 0;
	ms->st.wb_writes++;
}

/* Drain the write buffer (DSB, strongly-ordered access). */
static void wb_drain(struct memsys *ms)
{
	cycle_t now = ms->clock->now;

	if (ms->wb_last > now)
		charge(ms, CY_BARRIER, ms->wb_last - now);
}

/* A single uncached DRAM access the core waits for. */
static void uncached_access(struct memsys *ms, enum bus_master who, uint32_t pa, uint32_t bytes,
			    bool write, enum ms_cause cause)
{
	cycle_t now = ms->clock->now;

	charge(ms, cause, dmc_access(&ms->dmc, who, pa, bytes, write, now, NULL) - now);
}

static void uncached_read(struct memsys *ms, enum bus_master who, uint32_t pa, uint32_t bytes,
			  enum ms_cause cause)
{
	uncached_access(ms, who, pa, bytes, false, cause);
}

static void probe_writeback(struct memsys *ms, uint32_t line_pa)
{
	for (unsigned i = 0; i < ms->nr_probes; i++)
		if (line_pa - ms->probe[i].pa < ms->probe[i].size ||
		    ms->probe[i].pa - line_pa < ms->dcache.line)
			ms->probe[i].writebacks++;
}

/* A dirty line leaves the D-cache: its write-back goes through the write buffer. */
static void writeback(struct memsys *ms, uint32_t line_pa)
{
	wb_push(ms, line_pa, ms->dcache.line, false);
	if (ms->nr_probes)
		probe_writeback(ms, line_pa);
}

static void writeback_cb(void *opaque, uint32_t pa)
{
	writeback(opaque, pa);
}

/* Allocate and fill the line for `pa`; the core waits for the critical word. */
static int line_fill(struct memsys *ms, struct cache *c, uint32_t pa, enum bus_master who,
		     enum ms_cause cause)
{
	cycle_t now, first;
	uint32_t old;
	uint16_t oldw;
	int idx;

	charge(ms, CY_MISS, ms->p.miss_cycles);
	now = ms->clock->now;
	idx = cache_fill(c, pa, &old, &oldw);
	dmc_access(&ms->dmc, who, pa & ~(c->line - 1), c->line, false, now, &first);
	charge(ms, cause, first - now);
	if (old & CACHE_DIRTY)
		writeback(ms, old & ~(c->line - 1));
	return idx;
}

/* --- translation ------------------------------------------------------------------ */

static void apply_sctlr(struct memsys *ms, uint32_t v)
{
	bool random = !(v & SCTLR_RR);

	ms->regs.sctlr = v;
	ms->mmu_on = v & SCTLR_M;
	ms->dcache_on = v & SCTLR_C;
	ms->icache_on = v & SCTLR_I;
	ms->dcache.random = ms->icache.random = ms->tlb.random = random;
	/* MMU off: data is strongly ordered, fetches Normal (cacheable when I is set). */
	ms->flat[TLB_I].memtype = ms->icache_on ? MT_WB : MT_NORMAL_NC;
	forget_last(ms);
}

static void tables_changed(struct memsys *ms)
{
	if (ms->checks)
		tlb_mark_verify(&ms->tlb);
	forget_last(ms);
}

/* Take CP15 state as the core has it now (start-up, or a change we did not see). */
static void adopt_regs(struct memsys *ms, const struct mmu_regs *r)
{
	bool tables = r->ttbr0 != ms->regs.ttbr0 || r->ttbr1 != ms->regs.ttbr1 ||
		      r->ttbcr != ms->regs.ttbcr;

	ms->regs = *r;
	ms->asid = (uint8_t)r->contextidr;
	apply_sctlr(ms, r->sctlr);
	if (tables)
		tables_changed(ms);
}

/*
 * Every CP15 write the image contains reaches the model through cp15.c; this
 * catches the ones it cannot see (code made at run time).  Reading the six
 * registers costs Unicorn six hash lookups, so it runs on every 32nd walk
 * and on walks that fault.
 */
#define SYNC_EVERY_WALKS 32

static void sync_regs(struct memsys *ms)
{
	struct mmu_regs r;

	cpu_mmu_regs(ms->m, &r);
	if (memcmp(&r, &ms->regs, sizeof(r)) != 0) {
		ms->st.cp15_unobserved++;
		adopt_regs(ms, &r);
	}
}

struct walk_ctx {
	struct memsys *ms;
	uint32_t va;
	enum tlb_side side;
	bool write;
};

/* One descriptor read by the hardware walker: DRAM, never the L1 D-cache. */
static bool walk_read(void *opaque, uint32_t pa, uint32_t *v)
{
	struct walk_ctx *w = opaque;
	struct memsys *ms = w->ms;
	cycle_t now = ms->clock->now;

	if (!machine_read_phys(ms->m, pa, v, 4))
		return false;
	ms->st.walk_reads++;
	charge(ms, CY_WALK, dmc_access(&ms->dmc, BUS_WALKER, pa, 4, false, now, NULL) - now);
	if (ms->checks && cache_word_dirty(&ms->dcache, pa)) {
		bool data = w->side == TLB_D;
		uint32_t pc = data ? access_pc(ms, w->va, w->write) : w->va;

		finding(ms, F_WALKER_COHERENCY, true, pc, w->va, pa,
			"the table walk read descriptor 0x%08x at pa 0x%08x while its D-cache line "
			"is dirty: real hardware reads the stale value in memory (missing clean "
			"D line after a PTE write)", *v, pa);
	}
	return true;
}

/* Walk the tables for `va`; a new main-TLB entry, or NULL on a fault. */
static struct tlb_entry *walk(struct memsys *ms, enum tlb_side side, uint32_t va, bool write,
			      uint32_t *fsr_out)
{
	struct walk_ctx ctx = { ms, va, side, write };
	struct mmu_result res;
	struct tlb_entry e;
	uint32_t fsr;

	if (!(++ms->walks_since_sync % SYNC_EVERY_WALKS))
		sync_regs(ms);
	charge(ms, CY_WALK, ms->p.walk_cycles);
	ms->st.walks[side]++;
	fsr = mmu_walk(&ms->regs, va, walk_read, &ctx, &res);
	if (fsr) {
		struct mmu_regs before = ms->regs;

		/* A fault under stale CP15 state would be ours: check, and walk again. */
		sync_regs(ms);
		if (memcmp(&before, &ms->regs, sizeof(before)) != 0) {
			ctx.side = side;
			fsr = mmu_walk(&ms->regs, va, walk_read, &ctx, &res);
		}
	}
	if (fsr_out)
		*fsr_out = fsr;
	if (fsr) {
		ms->st.walk_faults++;
		return NULL;
	}
	tlb_entry_from_walk(&e, &res, va, ms->asid, !(ms->regs.sctlr & SCTLR_XP));
	return tlb_main_insert(&ms->tlb, &e);
}

static void entry_as_result(const struct tlb_entry *e, struct mmu_result *w)
{
	memset(w, 0, sizeof(*w));
	w->kind = (enum mmu_map_kind)e->kind;
	w->domain = e->domain;
	w->ap = e->ap;
	w->xn = e->xn;
}

static bool privileged(struct memsys *ms)
{
	return (cpu_reg(ms->m, UC_ARM_REG_CPSR) & CPSR_MODE_MASK) != MODE_USR;
}

static const char *access_name(enum mmu_access acc)
{
	return acc == MMU_WRITE ? "write" : acc == MMU_READ ? "read" : "fetch";
}

/* The pending model fault had no abort after it: the core did what the model forbids. */
static void model_fault_unmatched(struct memsys *ms)
{
	ms->mf_pending = false;
	finding(ms, F_DISAGREE, true, ms->mf_pc, ms->mf_va, ms->mf_pa, "the core performed a %s "
		"that the model's translation forbids: %s", access_name(ms->mf_acc),
		mmu_fault_name(ms->mf_fsr));
}

static void model_fault(struct memsys *ms, enum tlb_side side, uint32_t va, uint32_t pa,
			enum mmu_access acc, uint32_t fsr)
{
	if (!ms->checks)
		return;
	if (ms->mf_pending)
		model_fault_unmatched(ms);
	ms->mf_pending = true;
	ms->mf_va = va;
	ms->mf_pa = pa;
	ms->mf_acc = (uint8_t)acc;
	ms->mf_fsr = fsr;
	ms->mf_pc = side == TLB_D ? access_pc(ms, va, acc == MMU_WRITE) : va;
}

/* Would the model's entry allow the access?  (An abort should follow if not.) */
static void check_permission(struct memsys *ms, const struct tlb_entry *e, enum tlb_side side,
			     uint32_t va, enum mmu_access acc)
{
	struct mmu_result w;
	uint32_t fsr;

	entry_as_result(e, &w);
	fsr = mmu_check(&ms->regs, &w, va, acc, privileged(ms));
	if (fsr)
		model_fault(ms, side, va, e->pa | (va & ~e->mask), acc, fsr);
}

/*
 * A flagged entry is used: does it still match the tables?  Returns true when
 * the entry is clean again (no flags left).
 */
static bool check_entry(struct memsys *ms, struct tlb_entry *e, enum tlb_side side,
			uint32_t va, bool write)
{
	bool stale = false;
	char why[96] = "";

	if (e->flags & TLBE_SUSPECT) {
		bool changed = false;

		for (unsigned i = 0; i < e->nr_desc; i++) {
			uint32_t now = 0;

			machine_read_phys(ms->m, e->desc_pa[i], &now, 4);
			if (now != e->desc[i]) {
				changed = true;
				snprintf(why, sizeof(why), "descriptor at pa 0x%08x changed "
					 "from 0x%08x to 0x%08x at cycle %llu", e->desc_pa[i],
					 e->desc[i], now, (unsigned long long)e->store_cycle);
			}
		}
		if (changed)
			stale = true;
		else
			e->flags &= (uint8_t)~TLBE_SUSPECT;
	}
	if (e->flags & TLBE_VERIFY) {
		struct mmu_result w;
		struct tlb_entry fresh;

		if (mmu_walk(&ms->regs, va, host_read32, ms->m, &w) != 0) {
			stale = true;
			snprintf(why, sizeof(why), "the current tables (TTBR0 0x%08x) do not "
				 "map it", ms->regs.ttbr0);
		} else {
			tlb_entry_from_walk(&fresh, &w, va, ms->asid, !(ms->regs.sctlr & SCTLR_XP));
			if (fresh.pa != e->pa || fresh.mask != e->mask || fresh.ap != e->ap ||
			    fresh.domain != e->domain || fresh.memtype != e->memtype) {
				stale = true;
				snprintf(why, sizeof(why), "the current tables (TTBR0 0x%08x) "
					 "map it to pa 0x%08x", ms->regs.ttbr0,
					 fresh.pa | (va & ~fresh.mask));
			} else {
				e->flags &= (uint8_t)~TLBE_VERIFY;
			}
		}
	}
	if (!stale) {
		e->flags &= (uint8_t)~TLBE_STALE;
		return !(e->flags & (TLBE_SUSPECT | TLBE_VERIFY));
	}
	ms->st.stale_uses++;
	if (!(e->flags & TLBE_STALE)) {
		e->flags |= TLBE_STALE;
		finding(ms, F_STALE_TLB, true, side == TLB_D ? access_pc(ms, va, write) : va, va,
			e->pa | (va & ~e->mask), "%s translation served from a stale TLB entry "
			"(missing TLB invalidate): %s", side == TLB_D ? "data" : "instruction",
			why);
	}
	return false;
}

/* The MicroTLB missed or is flagged: the full lookup.  NULL when the model faults. */
static struct tlb_entry *translate(struct memsys *ms, enum tlb_side side, uint32_t va,
				   enum mmu_access acc)
{
	struct tlb *t = &ms->tlb;
	struct tlb_entry *e, *me;
	bool write = acc == MMU_WRITE;
	uint32_t fsr = 0;

	if (!ms->mmu_on) {
		ms->last[side] = &ms->flat[side];
		return &ms->flat[side];
	}
	e = tlb_utlb_lookup(t, side, va, ms->asid);
	if (e) {
		t->st.utlb_hits[side]++;
		if (!(e->flags & (TLBE_SUSPECT | TLBE_VERIFY | TLBE_STALE)) ||
		    check_entry(ms, e, side, va, write))
			ms->last[side] = e;
		return e;
	}
	t->st.utlb_misses[side]++;
	me = tlb_main_lookup(t, va, ms->asid);
	if (me) {
		t->st.main_hits++;
		charge(ms, CY_MAIN_TLB, ms->p.main_tlb_cycles);
		if (me->flags & (TLBE_SUSPECT | TLBE_VERIFY | TLBE_STALE))
			check_entry(ms, me, side, va, write);
	} else {
		t->st.main_misses++;
		me = walk(ms, side, va, write, &fsr);
		if (!me) {
			model_fault(ms, side, va, 0, acc, fsr);
			return NULL;
		}
	}
	if (ms->checks)
		check_permission(ms, me, side, va, acc);
	ms->last[side] = NULL;
	e = tlb_utlb_insert(t, side, me);
	if (!(e->flags & (TLBE_SUSPECT | TLBE_VERIFY | TLBE_STALE)))
		ms->last[side] = e;
	return e;
}

/* --- the D side ------------------------------------------------------------------- */

static void probe_account(struct memsys *ms, uint32_t pa, bool write, int outcome)
{
	for (unsigned i = 0; i < ms->nr_probes; i++) {
		struct ms_probe *p = &ms->probe[i];

		if (pa - p->pa >= p->size)
			continue;
		if (write) {
			p->writes++;
			p->write_hits += outcome == 1;
			p->write_misses += outcome == 0;
		} else {
			p->reads++;
			p->read_hits += outcome == 1;
			p->read_misses += outcome == 0;
			p->fills += outcome == 0;
		}
	}
}

static void cpu_read_stale(struct memsys *ms, int idx, uint32_t va, uint32_t pa)
{
	ms->dcache.key[idx] &= ~CACHE_DMA_STALE;
	if (ms->checks)
		finding(ms, F_CPU_READ_STALE, true, access_pc(ms, va, false), va, pa,
			"the CPU read a D-cache line that a bus master overwrote in memory while "
			"it was cached: the data is stale (missing invalidate after DMA)");
}

/* A cacheable access; returns 1 for a hit, 0 for a miss (for probes). */
static int dcache_access(struct memsys *ms, enum memtype mt, uint32_t va, uint32_t pa,
			 unsigned size, bool write)
{
	struct cache *c = &ms->dcache;
	int idx = ms->dlast_idx;

	if (idx < 0 || ((c->key[idx] ^ pa) & ~(c->line - 1)) || !(c->key[idx] & CACHE_VALID))
		idx = cache_find(c, pa);
	if (idx >= 0) {
		ms->dlast_idx = idx;
		if (write) {
			c->st.write_hits++;
			if (mt == MT_WB)
				cache_mark_dirty(c, idx, pa, size);
			else
				wb_push(ms, pa, size, false);
		} else {
			c->st.read_hits++;
			if (unlikely(c->key[idx] & CACHE_DMA_STALE))
				cpu_read_stale(ms, idx, va, pa);
		}
		if (ms->p.cache_hit_cycles)
			charge(ms, CY_DFILL, ms->p.cache_hit_cycles);
		return 1;
	}
	if (write) {
		/* No allocate on write: the store goes to the write buffer. */
		c->st.write_misses++;
		wb_push(ms, pa, size, false);
		return 0;
	}
	c->st.read_misses++;
	ms->dlast_idx = line_fill(ms, c, pa, BUS_CPU_DATA, CY_DFILL);
	return 0;
}

static void device_access(struct memsys *ms, enum memtype mt, uint32_t pa, unsigned size,
			  bool write)
{
	struct machine *m = ms->m;

	if (machine_is_ram(m, pa, 1)) {
		if (!write) {
			uncached_read(ms, BUS_CPU_DATA, pa, size, CY_UNCACHED);
		} else if (mt == MT_STRONGLY_ORDERED) {
			wb_drain(ms);
			uncached_access(ms, BUS_CPU_DATA, pa, size, true, CY_UNCACHED);
		} else {
			wb_push(ms, pa, size, false);
		}
	} else if (pa - PERIPH_LO < PERIPH_HI - PERIPH_LO) {
		if (!write) {
			charge(ms, CY_DEVICE, device_cycles(ms, pa));
		} else if (mt == MT_STRONGLY_ORDERED) {
			wb_drain(ms);
			charge(ms, CY_DEVICE, device_cycles(ms, pa));
		} else {
			wb_push(ms, pa, size, true);
		}
	}
	/* Anything else is a bus error: the machine reports it; no cost here. */
}

static void descriptor_store(struct memsys *ms, uint32_t va, uint32_t pa, unsigned size)
{
	if (tlb_descriptor_store(&ms->tlb, pa, size, ms->clock->now))
		forget_last(ms);
}

static void hook_data(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		      void *opaque)
{
	struct memsys *ms = opaque;
	uint32_t va = (uint32_t)addr, pa;
	bool write = type == UC_MEM_WRITE;
	struct tlb_entry *e;
	enum memtype mt;
	int outcome = -1;

	cp15_due(&ms->cp15, ms, ms->blk_accesses);
	ms->blk_accesses++;
	e = ms->last[TLB_D];
	if (likely(e && !((va ^ e->va) & e->mask))) {
		ms->tlb.st.utlb_hits[TLB_D] += ms->mmu_on;
	} else {
		e = translate(ms, TLB_D, va, write ? MMU_WRITE : MMU_READ);
		if (unlikely(!e)) {
			ms->st.untranslated++;
			return;
		}
	}
	pa = e->pa | (va & ~e->mask);
	if (ms->checks && write && unlikely(tlb_watch_hit(&ms->tlb, pa)))
		descriptor_store(ms, va, pa, (unsigned)size);
	if (ms->verify && !write) {
		ms->vr_valid = true;
		ms->vr_va = va;
		ms->vr_pa = pa;
	}
	mt = (enum memtype)e->memtype;
	if (mt >= MT_WT && !ms->dcache_on)
		mt = MT_NORMAL_NC;
	ms->st.data[write][mt]++;
	switch (mt) {
	case MT_WB:
	case MT_WT:
		outcome = dcache_access(ms, mt, va, pa, (unsigned)size, write);
		break;
	case MT_NORMAL_NC:
		if (write)
			wb_push(ms, pa, (unsigned)size, false);
		else
			uncached_read(ms, BUS_CPU_DATA, pa, (unsigned)size, CY_UNCACHED);
		break;
	default:
		device_access(ms, mt, pa, (unsigned)size, write);
	}
	if (ms->nr_probes && pa - ms->probe_lo < ms->probe_hi - ms->probe_lo)
		probe_account(ms, pa, write, outcome);
}

/* --model verify: what the load returned is what RAM holds at the model's address. */
static void hook_read_after(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
			    int64_t value, void *opaque)
{
	struct memsys *ms = opaque;
	uint64_t mem = 0, mask = size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;

	if (!ms->vr_valid || ms->vr_va != (uint32_t)addr)
		return;
	ms->vr_valid = false;
	if (size > 8 || !machine_read_phys(ms->m, ms->vr_pa, &mem, (uint32_t)size))
		return; /* a device register: nothing to compare */
	ms->st.verify_reads++;
	if ((mem & mask) != ((uint64_t)value & mask))
		finding(ms, F_VERIFY, true, access_pc(ms, (uint32_t)addr, false), (uint32_t)addr,
			ms->vr_pa, "the load returned 0x%llx but memory at the model's physical "
			"address holds 0x%llx", (unsigned long long)((uint64_t)value & mask),
			(unsigned long long)(mem & mask));
}

/* --- the I side and aborts --------------------------------------------------------- */

static void fetch_lines(struct memsys *ms, const struct tlb_entry *e, uint32_t va, uint32_t end)
{
	struct cache *c = &ms->icache;
	bool cached = ms->icache_on && (e->memtype == MT_WB || e->memtype == MT_WT);

	for (uint32_t line = va & ~(c->line - 1); line <= end; line += c->line) {
		uint32_t pa = e->pa | (line & ~e->mask);
		int idx = ms->ilast_idx;

		ms->st.ifetch_lines++;
		if (!cached) {
			uint32_t from = line > va ? line : va;
			uint32_t to = line + c->line - 1 < end ? line + c->line - 1 : end;

			ms->st.ifetch_uncached++;
			uncached_read(ms, BUS_CPU_INSN, e->pa | (from & ~e->mask), to - from + 1,
				      CY_UNCACHED);
		} else if (idx >= 0 && !((c->key[idx] ^ pa) & ~(c->line - 1)) &&
			   (c->key[idx] & CACHE_VALID)) {
			c->st.read_hits++;
		} else if ((idx = cache_find(c, pa)) >= 0) {
			c->st.read_hits++;
			ms->ilast_idx = idx;
		} else {
			c->st.read_misses++;
			ms->ilast_idx = line_fill(ms, c, pa, BUS_CPU_INSN, CY_IFETCH);
		}
		if (line + c->line < line)
			break; /* wrapped at the top of the address space */
	}
}

/* The model's view of a faulting access (no side effects): the fault status or 0. */
static uint32_t model_fault_status(struct memsys *ms, uint32_t va, enum mmu_access acc, bool priv)
{
	struct tlb_entry *e = tlb_utlb_lookup(&ms->tlb, acc == MMU_FETCH ? TLB_I : TLB_D, va,
					      ms->asid);
	struct mmu_result w;

	if (!e)
		e = tlb_main_lookup(&ms->tlb, va, ms->asid);
	if (e) {
		entry_as_result(e, &w);
		return mmu_check(&ms->regs, &w, va, acc, priv);
	}
	return mmu_translate(&ms->regs, va, acc, priv, host_read32, ms->m, &w);
}

/*
 * The machine delivered an abort since the last block.  Its walk (when the
 * TLB did not hold the page) costs time; --model verify compares the
 * delivered DFSR/DFAR (IFSR/IFAR) with the model's own answer.
 */
static void after_abort(struct memsys *ms, bool data)
{
	struct machine *m = ms->m;
	uint32_t fsr = data ? cpu_cp15_read(m, 5, 0, 0, 0) : cpu_cp15_read(m, 5, 0, 0, 1);
	uint32_t far = data ? cpu_cp15_read(m, 6, 0, 0, 0) : cpu_cp15_read(m, 6, 0, 0, 2);
	uint32_t st = mmu_fsr_status(fsr), spsr = cpu_reg(m, UC_ARM_REG_SPSR);
	enum mmu_access acc = !data ? MMU_FETCH : (fsr & FSR_WNR) ? MMU_WRITE : MMU_READ;
	bool priv = (spsr & CPSR_MODE_MASK) != MODE_USR;
	bool mmu_fault = st == FAULT_TRANSLATION_SECTION || st == FAULT_TRANSLATION_PAGE ||
			 st == FAULT_DOMAIN_SECTION || st == FAULT_DOMAIN_PAGE ||
			 st == FAULT_PERMISSION_SECTION || st == FAULT_PERMISSION_PAGE;
	uint32_t want;

	bool seen = ms->mf_pending && ms->mf_va == far;

	/* The model saw this access fault in the hook: they agree. */
	if (seen)
		ms->mf_pending = false;
	if (!mmu_fault || !ms->mmu_on)
		return;
	/* Charge the walk of a faulting access the hooks did not report (fetches). */
	if (!seen && !tlb_main_lookup(&ms->tlb, far, ms->asid))
		walk(ms, data ? TLB_D : TLB_I, far, acc == MMU_WRITE, NULL);
	if (!ms->verify)
		return;
	ms->st.verify_aborts++;
	want = model_fault_status(ms, far, acc, priv);
	/* Status, and the domain where the fault defines one (not section translation). */
	if (mmu_fsr_status(want) != st ||
	    (data && st != FAULT_TRANSLATION_SECTION && ((want ^ fsr) & 0xf0u)) ||
	    (data && ((want ^ fsr) & FSR_WNR)))
		finding(ms, F_VERIFY, false, 0, far, 0, "the core's %s abort has %s 0x%03x but the "
			"model computes 0x%03x (%s)", data ? "data" : "prefetch",
			data ? "DFSR" : "IFSR", fsr, want, mmu_fault_name(want));
}

static void hook_block(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct memsys *ms = opaque;
	struct machine *m = ms->m;
	uint32_t va = (uint32_t)addr, end;
	uint64_t aborts;

	/* The machine's block hook runs first; when it stopped, this block will not run. */
	if (machine_stop_pending(m))
		return;
	/* Most blocks hold no CP15 write and leave nothing pending: skip the call. */
	if (unlikely(ms->cp15.next < ms->cp15.npend ||
		     (va < ms->cp15.hi && va + size > ms->cp15.lo)))
		cp15_block(&ms->cp15, m, ms, va, size);
	ms->blk_accesses = 0;
	ms->vr_valid = false;
	aborts = machine_stats(m)->exceptions[EXC_DABT] + machine_stats(m)->exceptions[EXC_PABT];
	if (unlikely(aborts != ms->seen_aborts)) {
		bool data = machine_stats(m)->exceptions[EXC_DABT] != ms->seen_dabt;

		ms->seen_aborts = aborts;
		ms->seen_dabt = machine_stats(m)->exceptions[EXC_DABT];
		/* The first block of the handler: the fault registers are fresh. */
		if ((cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_MODE_MASK) == MODE_ABT)
			after_abort(ms, data);
	}
	if (unlikely(ms->mf_pending))
		model_fault_unmatched(ms);
	end = va + (size ? size : 4) - 1;
	for (;;) {
		struct tlb_entry *e = ms->last[TLB_I];
		uint32_t seg_end;

		if (likely(e && !((va ^ e->va) & e->mask))) {
			ms->tlb.st.utlb_hits[TLB_I] += ms->mmu_on;
		} else {
			e = translate(ms, TLB_I, va, MMU_FETCH);
			if (!e) {
				ms->st.untranslated++;
				return;
			}
		}
		seg_end = e->va + ~e->mask;
		if (seg_end > end || e == &ms->flat[TLB_I])
			seg_end = end;
		fetch_lines(ms, e, va, seg_end);
		if (seg_end >= end)
			break;
		va = seg_end + 1;
	}
}

/* --- CP15 operations ---------------------------------------------------------------- */

/* Physical address for a c7 by-MVA operation (it goes through the MMU like a load). */
static bool mva_to_pa(struct memsys *ms, enum tlb_side side, uint32_t mva, uint32_t *pa)
{
	struct tlb_entry *e = translate(ms, side, mva, MMU_READ);

	if (!e) {
		ms->st.cp15_mva_faults++;
		return false;
	}
	*pa = e->pa | (mva & ~e->mask);
	return true;
}

static void dcache_line_op(struct memsys *ms, uint32_t pa, enum cache_op op)
{
	uint32_t k = cache_maint_pa(&ms->dcache, pa, op);

	if ((k & CACHE_DIRTY) && (op & CACHE_CLEAN))
		writeback(ms, k & ~(ms->dcache.line - 1));
	ms->dlast_idx = -1;
}

static void dcache_setway_op(struct memsys *ms, uint32_t v, enum cache_op op)
{
	struct cache *c = &ms->dcache;
	unsigned way_shift = 32 - (unsigned)__builtin_ctz(c->ways);
	uint32_t k = cache_maint_setway(c, (v >> c->line_shift) & c->set_mask,
					c->ways > 1 ? v >> way_shift : 0, op);

	if ((k & CACHE_DIRTY) && (op & CACHE_CLEAN))
		writeback(ms, k & ~(c->line - 1));
	ms->dlast_idx = -1;
}

static void icache_invalidate(struct memsys *ms, bool all, uint32_t pa)
{
	if (all)
		cache_maint_all(&ms->icache, CACHE_INVALIDATE, NULL, NULL);
	else
		cache_maint_pa(&ms->icache, pa, CACHE_INVALIDATE);
	ms->ilast_idx = -1;
}

static void icache_setway_op(struct memsys *ms, uint32_t v)
{
	struct cache *c = &ms->icache;

	cache_maint_setway(c, (v >> c->line_shift) & c->set_mask,
			   c->ways > 1 ? v >> (32 - __builtin_ctz(c->ways)) : 0, CACHE_INVALIDATE);
	ms->ilast_idx = -1;
}

static void c7_op(struct memsys *ms, unsigned crm, unsigned opc2, uint32_t v)
{
	static const enum cache_op dop[16] = {
		[6] = CACHE_INVALIDATE, [10] = CACHE_CLEAN, [11] = CACHE_CLEAN,
		[14] = CACHE_CLEAN_INVALIDATE, [15] = CACHE_CLEAN_INVALIDATE,
	};
	uint32_t pa;

	switch (crm) {
	case 5: /* I-cache, prefetch buffer, branch predictor */
		if (opc2 == 0)
			icache_invalidate(ms, true, 0);
		else if (opc2 == 1 && mva_to_pa(ms, TLB_I, v, &pa))
			icache_invalidate(ms, false, pa);
		else if (opc2 == 2)
			icache_setway_op(ms, v);
		return;
	case 7: /* both caches */
		if (opc2 == 0) {
			icache_invalidate(ms, true, 0);
			cache_maint_all(&ms->dcache, CACHE_INVALIDATE, NULL, NULL);
			ms->dlast_idx = -1;
		}
		return;
	case 10:
		if (opc2 == 4 || opc2 == 5) { /* drain write buffer, data memory barrier */
			ms->st.barriers++;
			wb_drain(ms);
			return;
		}
		/* fall through: the clean operations */
		__attribute__((fallthrough));
	case 6:
	case 11:
	case 14:
	case 15:
		if (opc2 == 0) {
			cache_maint_all(&ms->dcache, dop[crm], writeback_cb, ms);
			ms->dlast_idx = -1;
		} else if (opc2 == 1 && mva_to_pa(ms, TLB_D, v, &pa)) {
			dcache_line_op(ms, pa, dop[crm]);
		} else if (opc2 == 2) {
			dcache_setway_op(ms, v, dop[crm]);
		}
		return;
	default: /* c7,c0,4 WFI (the machine's), c7,c13,1 prefetch: nothing to model */
		return;
	}
}

static void c8_op(struct memsys *ms, unsigned crm, unsigned opc2, uint32_t v)
{
	if (crm < 5 || crm > 7)
		return;
	/* I, D and unified variants all act on the unified main TLB and flush both MicroTLBs. */
	switch (opc2) {
	case 0:
		tlb_invalidate_all(&ms->tlb);
		break;
	case 1:
		tlb_invalidate_mva(&ms->tlb, v & ~0xfffu, (uint8_t)v);
		break;
	case 2:
		tlb_invalidate_asid(&ms->tlb, (uint8_t)v);
		break;
	default:
		return;
	}
	forget_last(ms);
}

void memsys_cp15_write(struct memsys *ms, unsigned crn, unsigned opc1, unsigned crm,
		       unsigned opc2, uint32_t v, uint32_t pc)
{
	ms->st.cp15_ops++;
	if (opc1 != 0)
		return;
	switch (crn) {
	case 1:
		if (crm == 0 && opc2 == 0)
			apply_sctlr(ms, v);
		break;
	case 2:
		if (crm == 0 && opc2 <= 2) {
			if (opc2 == 0)
				ms->regs.ttbr0 = v;
			else if (opc2 == 1)
				ms->regs.ttbr1 = v;
			else
				ms->regs.ttbcr = v;
			tables_changed(ms);
		}
		break;
	case 3:
		if (crm == 0 && opc2 == 0)
			ms->regs.dacr = v;
		break;
	case 7:
		c7_op(ms, crm, opc2, v);
		break;
	case 8:
		c8_op(ms, crm, opc2, v);
		break;
	case 10:
		if (crm == 0 && opc2 == 0)
			ms->tlb.lockdown = v;
		break;
	case 13:
		if (crm == 0 && opc2 == 1) {
			ms->regs.contextidr = v;
			ms->asid = (uint8_t)v;
			forget_last(ms);
		} else if (crm == 0 && opc2 == 0 && (v >> 25) && !ms->fcse_warned) {
			char sym[96];

			ms->fcse_warned = true;
			guest_warn("memory model: the FCSE PID (0x%08x, written at %s) is not "
				   "modelled", v, elf_symbolize(machine_elf(ms->m), pc, sym, sizeof(sym)));
		}
		break;
	default:
		break;
	}
}

void memsys_cp15_range(struct memsys *ms, unsigned crm, uint32_t start, uint32_t end,
		       uint32_t pc)
{
	uint32_t line = ms->dcache.line, pa;

	ms->st.cp15_ops++;
	if (end < start || end - start > (64u << 20))
		return; /* nonsense range: the core would do a bounded amount of work */
	for (uint32_t va = start & ~(line - 1); va <= end; va += line) {
		switch (crm) {
		case 5:
			if (mva_to_pa(ms, TLB_I, va, &pa))
				icache_invalidate(ms, false, pa);
			break;
		case 6:
		case 12:
		case 14:
			if (mva_to_pa(ms, TLB_D, va, &pa))
				dcache_line_op(ms, pa, crm == 6 ? CACHE_INVALIDATE : crm == 12 ?
					       CACHE_CLEAN : CACHE_CLEAN_INVALIDATE);
			break;
		default:
			return;
		}
		if (va + line < va)
			break;
	}
}

/* --- other bus masters --------------------------------------------------------------- */

unsigned memsys_coherency_check(struct memsys *ms, enum bus_master who, uint32_t pa,
				uint32_t len, bool write)
{
	struct cache *c = &ms->dcache;
	unsigned found = 0;

	if (!ms->checks || !len)
		return 0;
	ms->st.dma_checks++;
	for (uint32_t line = pa & ~(c->line - 1); line - (pa & ~(c->line - 1)) < len +
	     (pa & (c->line - 1)); line += c->line) {
		int idx = cache_find(c, line);
		uint32_t lo = line > pa ? line : pa, hi = line + c->line;
		bool dirty = false;

		if (idx < 0)
			continue;
		if (hi > pa + len)
			hi = pa + len;
		for (uint32_t a = lo & ~3u; a < hi; a += 4)
			dirty |= cache_word_dirty(c, a);
		if (!write && dirty) {
			found++;
			finding(ms, F_DMA_READ_DIRTY, false, 0, 0, line, "%s read memory the "
				"CPU holds dirty in its D-cache: it gets stale data (missing clean "
				"before the transfer)", bus_master_name(who));
		} else if (write) {
			if (dirty) {
				found++;
				finding(ms, F_DMA_WRITE_DIRTY, false, 0, 0, line, "%s wrote "
					"memory the CPU holds dirty in its D-cache: a later "
					"write-back will overwrite the new data (missing "
					"clean+invalidate before the transfer)",
					bus_master_name(who));
			}
			c->key[idx] |= CACHE_DMA_STALE;
		}
		if (line + c->line < line)
			break;
	}
	return found;
}

cycle_t memsys_bus_master_access(struct memsys *ms, enum bus_master who, uint32_t pa,
				 uint32_t len, bool write, cycle_t at)
{
	memsys_coherency_check(ms, who, pa, len, write);
	return dmc_access(&ms->dmc, who, pa, len, write, at, NULL);
}

uint32_t memsys_dcache_state(struct memsys *ms, uint32_t pa)
{
	return cache_state(&ms->dcache, pa);
}

void memsys_dcache_for_each(struct memsys *ms, void (*fn)(void *opaque, uint32_t pa,
							   uint32_t state), void *opaque)
{
	cache_for_each(&ms->dcache, fn, opaque);
}

struct overlay_ctx {
	uint64_t *bits;
	uint32_t pfn0, nframes;
};

static void mark_dirty(void *opaque, uint32_t pa, uint32_t state)
{
	struct overlay_ctx *o = opaque;
	uint32_t i = (pa >> 12) - o->pfn0;

	if ((state & CACHE_DIRTY) && i < o->nframes)
		o->bits[i / 64] |= 1ull << (i % 64);
}

void memsys_overlay_dirty_lines(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes)
{
	struct overlay_ctx o = { bits, pfn0, nframes };

	cache_for_each(&((struct memsys *)opaque)->dcache, mark_dirty, &o);
}

struct dmc *memsys_dmc(struct memsys *ms)
{
	return &ms->dmc;
}

/* --- parameters ------------------------------------------------------------------------ */

static void params_default(struct memsys_params *p)
{
	*p = (struct memsys_params){
		.main_tlb_cycles = 2,
		.walk_cycles = 2,
		.cache_hit_cycles = 0,
		.miss_cycles = 1,
		.write_buffer_entries = 8,
		.seed = 0x1176,
		.ahb_access_hclk = 2,
		.apb_access_pclk = 2,
		.apb_base = 0x7e000000u,
		.apb_size = 0x02000000u,
	};
}

static int prop(const void *fdt, int node, const char *name, uint32_t *out, uint32_t min,
		uint32_t max, char *why, unsigned why_len)
{
	int len;
	const fdt32_t *v = node >= 0 ? fdt_getprop(fdt, node, name, &len) : NULL;

	if (!v)
		return 0;
	if (len != 4 || fdt32_to_cpu(*v) < min || fdt32_to_cpu(*v) > max) {
		snprintf(why, why_len, "%s must be one cell in %u..%u", name, min, max);
		return -1;
	}
	*out = fdt32_to_cpu(*v);
	return 0;
}

static int params_parse(struct memsys_params *p, const void *fdt, char *why, unsigned why_len)
{
	int cpu = fdt_path_offset(fdt, "/cpus/cpu@0"), soc = fdt_path_offset(fdt, "/soc");
	const fdt32_t *win;
	int len;

	if (prop(fdt, cpu, "s3c6410-emu,main-tlb-cycles", &p->main_tlb_cycles, 0, 1000, why,
		 why_len) ||
	    prop(fdt, cpu, "s3c6410-emu,walk-cycles", &p->walk_cycles, 0, 1000, why, why_len) ||
	    prop(fdt, cpu, "s3c6410-emu,cache-hit-cycles", &p->cache_hit_cycles, 0, 100, why,
		 why_len) ||
	    prop(fdt, cpu, "s3c6410-emu,miss-cycles", &p->miss_cycles, 0, 1000, why, why_len) ||
	    prop(fdt, cpu, "s3c6410-emu,write-buffer-entries", &p->write_buffer_entries, 1,
		 MS_MAX_WB, why, why_len) ||
	    prop(fdt, cpu, "s3c6410-emu,replacement-seed", &p->seed, 1, ~0u, why, why_len) ||
	    prop(fdt, soc, "s3c6410-emu,ahb-access-hclk", &p->ahb_access_hclk, 0, 1000, why,
		 why_len) ||
	    prop(fdt, soc, "s3c6410-emu,apb-access-pclk", &p->apb_access_pclk, 0, 1000, why,
		 why_len))
		return -1;
	win = soc >= 0 ? fdt_getprop(fdt, soc, "s3c6410-emu,apb-window", &len) : NULL;
	if (win) {
		if (len != 8) {
			snprintf(why, why_len, "s3c6410-emu,apb-window must be <base size>");
			return -1;
		}
		p->apb_base = fdt32_to_cpu(win[0]);
		p->apb_size = fdt32_to_cpu(win[1]);
	}
	return 0;
}

/* --- machine model callbacks ------------------------------------------------------------ */

static void find_probes(struct memsys *ms)
{
	const struct elf_image *elf = machine_elf(ms->m);

	ms->nr_probes = 0;
	ms->probe_lo = ~0u;
	ms->probe_hi = 0;
	for (unsigned i = 0; i < elf->nr_sym && ms->nr_probes < MS_MAX_PROBES; i++) {
		const struct elf_symbol *s = &elf->sym[i];
		struct ms_probe *p = &ms->probe[ms->nr_probes];
		uint32_t pa;

		if (s->func || !s->size || strncmp(s->name, PROBE_PREFIX, strlen(PROBE_PREFIX)))
			continue;
		if (!elf_virt_to_phys(elf, s->addr, &pa))
			pa = s->addr;
		memset(p, 0, sizeof(*p));
		snprintf(p->name, sizeof(p->name), "%s", s->name + strlen(PROBE_PREFIX));
		p->pa = pa;
		p->size = s->size;
		if (pa < ms->probe_lo)
			ms->probe_lo = pa;
		if (pa + s->size > ms->probe_hi)
			ms->probe_hi = pa + s->size;
		ms->nr_probes++;
	}
}

static int memsys_start(struct machine *m, void *opaque)
{
	struct memsys *ms = opaque;
	struct mmu_regs r;
	uc_hook h;
	uc_err err;

	/* Power-on (or system reset): empty caches and TLBs, an idle port. */
	struct tlb_stats keep = ms->tlb.st;   /* counters run across a watchdog reset */

	cache_reset(&ms->icache);
	cache_reset(&ms->dcache);
	tlb_init(&ms->tlb, ms->p.seed);
	ms->tlb.st = keep;
	memset(ms->wb_done, 0, sizeof(ms->wb_done));
	ms->wb_head = 0;
	ms->wb_last = 0;
	ms->wb_line = 1;
	ms->wb_bytes = 0;
	ms->dmc.busy_until = machine_clock(m)->now;
	memset(ms->dmc.row_open, 0, sizeof(ms->dmc.row_open));
	ms->dlast_idx = ms->ilast_idx = -1;
	ms->seen_aborts = machine_stats(m)->exceptions[EXC_DABT] + machine_stats(m)->exceptions[EXC_PABT];
	ms->seen_dabt = machine_stats(m)->exceptions[EXC_DABT];
	memset(ms->flat, 0, sizeof(ms->flat));
	for (int s = 0; s < 2; s++) {
		ms->flat[s].flags = TLBE_VALID | TLBE_GLOBAL;
		ms->flat[s].mask = 0;
		ms->flat[s].memtype = MT_STRONGLY_ORDERED;
		ms->flat[s].size_log2 = 31;
	}
	cpu_mmu_regs(m, &r);
	memset(&ms->regs, 0xff, sizeof(ms->regs));
	adopt_regs(ms, &r);
	find_probes(ms);

	err = uc_hook_add(machine_uc(m), &h, UC_HOOK_BLOCK, (void *)hook_block, ms, 1, 0);
	if (err == UC_ERR_OK)
		err = uc_hook_add(machine_uc(m), &h, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
				  (void *)hook_data, ms, 1, 0);
	if (err == UC_ERR_OK && ms->verify)
		err = uc_hook_add(machine_uc(m), &h, UC_HOOK_MEM_READ_AFTER, (void *)hook_read_after, ms, 1,
				  0);
	if (err != UC_ERR_OK) {
		log_error("memory model: cannot install Unicorn hooks: %s", uc_strerror(err));
		return -1;
	}
	if (cp15_watch_scan(&ms->cp15, m) != 0) {
		log_error("memory model: out of memory scanning the image for CP15 instructions");
		return -1;
	}
	return 0;
}

static void memsys_stop(struct machine *m, void *opaque)
{
	struct memsys *ms = opaque;

	if (machine_uc(m))
		cp15_finish(&ms->cp15, m, ms);
	if (ms->mf_pending)
		model_fault_unmatched(ms);
}

static uint64_t total_stall(const struct memsys *ms)
{
	uint64_t t = 0;

	for (int c = 0; c < CY_NR; c++)
		t += ms->st.cycles[c];
	return t;
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_cache(FILE *f, const char *name, const struct cache *c)
{
	uint64_t r = c->st.read_hits + c->st.read_misses, w = c->st.write_hits + c->st.write_misses;
	uint32_t valid, dirty;

	cache_count(c, &valid, &dirty);
	fprintf(f, "%-18s reads %llu (%.2f%% miss), writes %llu (%.2f%% miss), fills %llu, "
		"write-backs %llu, now %u valid %u dirty\n", name, (unsigned long long)r,
		pct(c->st.read_misses, r), (unsigned long long)w, pct(c->st.write_misses, w),
		(unsigned long long)c->st.fills, (unsigned long long)c->st.writebacks, valid,
		dirty);
}

static void memsys_print_stats(struct machine *m, void *opaque, FILE *f)
{
	struct memsys *ms = opaque;
	const struct tlb_stats *t = &ms->tlb.st;
	uint64_t ti = t->utlb_hits[TLB_I] + t->utlb_misses[TLB_I];
	uint64_t td = t->utlb_hits[TLB_D] + t->utlb_misses[TLB_D];
	uint64_t stall = total_stall(ms);

	fprintf(f, "--- memory model (%s) ---\n", memsys_mode_name(ms->mode));
	fprintf(f, "I-MicroTLB         %llu lookups, %llu misses (%.2f%%)\n",
		(unsigned long long)ti, (unsigned long long)t->utlb_misses[TLB_I],
		pct(t->utlb_misses[TLB_I], ti));
	fprintf(f, "D-MicroTLB         %llu lookups, %llu misses (%.2f%%)\n",
		(unsigned long long)td, (unsigned long long)t->utlb_misses[TLB_D],
		pct(t->utlb_misses[TLB_D], td));
	fprintf(f, "main TLB           %llu hits, %llu misses; walks %llu I + %llu D, %llu "
		"descriptor reads, %llu faulting\n", (unsigned long long)t->main_hits,
		(unsigned long long)t->main_misses, (unsigned long long)ms->st.walks[TLB_I],
		(unsigned long long)ms->st.walks[TLB_D], (unsigned long long)ms->st.walk_reads,
		(unsigned long long)ms->st.walk_faults);
	fprintf(f, "TLB maintenance    %llu all, %llu by MVA, %llu by ASID (%llu entries)\n",
		(unsigned long long)t->inv_all, (unsigned long long)t->inv_mva,
		(unsigned long long)t->inv_asid, (unsigned long long)t->entries_invalidated);
	print_cache(f, "I-cache", &ms->icache);
	print_cache(f, "D-cache", &ms->dcache);
	fprintf(f, "write buffer       %llu writes (+%llu merged), %llu full stalls, %llu "
		"barriers\n", (unsigned long long)ms->st.wb_writes,
		(unsigned long long)ms->st.wb_merged, (unsigned long long)ms->st.wb_full_stalls,
		(unsigned long long)ms->st.barriers);
	fprintf(f, "DRAM port          busy %llu cycles, row hits %llu, misses %llu, conflicts "
		"%llu\n", (unsigned long long)ms->dmc.st.busy_cycles,
		(unsigned long long)ms->dmc.st.row_hits, (unsigned long long)ms->dmc.st.row_misses,
		(unsigned long long)ms->dmc.st.row_conflicts);
	fprintf(f, "memory stalls      %llu cycles (%.1f%% of %llu):", (unsigned long long)stall,
		pct(stall, machine_clock(m)->now), (unsigned long long)machine_clock(m)->now);
	for (int c = 0; c < CY_NR; c++)
		if (ms->st.cycles[c])
			fprintf(f, " %s %llu", cause_names[c],
				(unsigned long long)ms->st.cycles[c]);
	fputc('\n', f);
	fprintf(f, "CP15               %u sites, %llu blocks analysed, %llu operations applied "
		"(%llu unknown operand, %llu dropped), %llu unobserved changes\n", ms->cp15.nr,
		(unsigned long long)ms->cp15.st.blocks, (unsigned long long)ms->cp15.st.applied,
		(unsigned long long)ms->cp15.st.unknown, (unsigned long long)ms->cp15.st.dropped,
		(unsigned long long)ms->st.cp15_unobserved);
	if (ms->checks) {
		fprintf(f, "findings          ");
		for (int k = 0; k < F_NR; k++)
			fprintf(f, " %s %llu", finding_names[k],
				(unsigned long long)ms->st.findings[k]);
		fputc('\n', f);
	}
	if (ms->verify)
		fprintf(f, "verify             %llu loads and %llu aborts compared\n",
			(unsigned long long)ms->st.verify_reads,
			(unsigned long long)ms->st.verify_aborts);
}

static void report_cache(struct report *r, const char *key, const struct cache *c)
{
	uint32_t valid, dirty;

	cache_count(c, &valid, &dirty);
	report_object(r, key);
	report_u64(r, "size", c->size);
	report_u64(r, "line", c->line);
	report_u64(r, "ways", c->ways);
	report_u64(r, "read_hits", c->st.read_hits);
	report_u64(r, "read_misses", c->st.read_misses);
	report_u64(r, "write_hits", c->st.write_hits);
	report_u64(r, "write_misses", c->st.write_misses);
	report_u64(r, "fills", c->st.fills);
	report_u64(r, "evictions", c->st.evictions);
	report_u64(r, "writebacks", c->st.writebacks);
	report_u64(r, "maintenance_ops", c->st.maint_ops);
	report_u64(r, "maintenance_cleaned", c->st.maint_cleaned);
	report_u64(r, "maintenance_invalidated", c->st.maint_invalidated);
	report_u64(r, "dirty_discarded", c->st.dirty_discarded);
	report_u64(r, "valid_lines", valid);
	report_u64(r, "dirty_lines", dirty);
	report_end(r);
}

static void memsys_report(struct machine *m, void *opaque, struct report *r)
{
	struct memsys *ms = opaque;
	const struct tlb_stats *t = &ms->tlb.st;
	const struct dmc_params *d = &ms->dmc.p;
	unsigned ni, nd, nm, nl;

	report_object(r, "memory_model");
	report_str(r, "mode", memsys_mode_name(ms->mode));

	report_object(r, "parameters");
	report_u64(r, "main_tlb_cycles", ms->p.main_tlb_cycles);
	report_u64(r, "walk_cycles", ms->p.walk_cycles);
	report_u64(r, "cache_hit_cycles", ms->p.cache_hit_cycles);
	report_u64(r, "miss_cycles", ms->p.miss_cycles);
	report_u64(r, "write_buffer_entries", ms->p.write_buffer_entries);
	report_u64(r, "replacement_seed", ms->p.seed);
	report_u64(r, "ahb_access_hclk", ms->p.ahb_access_hclk);
	report_u64(r, "apb_access_pclk", ms->p.apb_access_pclk);
	report_hex(r, "apb_base", ms->p.apb_base);
	report_hex(r, "apb_size", ms->p.apb_size);
	report_u64(r, "dram_cas_latency", d->cas_latency);
	report_u64(r, "dram_write_latency", d->write_latency);
	report_u64(r, "dram_t_rcd", d->t_rcd);
	report_u64(r, "dram_t_rp", d->t_rp);
	report_u64(r, "dram_queue_latency", d->queue_latency);
	report_u64(r, "dram_bytes_per_hclk", d->bytes_per_hclk);
	report_u64(r, "dram_banks", d->banks);
	report_u64(r, "dram_row_bytes", d->row_bytes);
	report_end(r);

	tlb_count(&ms->tlb, &ni, &nd, &nm, &nl);
	report_object(r, "tlb");
	report_object(r, "itlb");
	report_u64(r, "hits", t->utlb_hits[TLB_I]);
	report_u64(r, "misses", t->utlb_misses[TLB_I]);
	report_u64(r, "entries", ni);
	report_end(r);
	report_object(r, "dtlb");
	report_u64(r, "hits", t->utlb_hits[TLB_D]);
	report_u64(r, "misses", t->utlb_misses[TLB_D]);
	report_u64(r, "entries", nd);
	report_end(r);
	report_object(r, "main");
	report_u64(r, "hits", t->main_hits);
	report_u64(r, "misses", t->main_misses);
	report_u64(r, "entries", nm);
	report_u64(r, "locked_entries", nl);
	report_u64(r, "lock_fills", t->lock_fills);
	report_end(r);
	report_object(r, "walks");
	report_u64(r, "insn", ms->st.walks[TLB_I]);
	report_u64(r, "data", ms->st.walks[TLB_D]);
	report_u64(r, "descriptor_reads", ms->st.walk_reads);
	report_u64(r, "faults", ms->st.walk_faults);
	report_end(r);
	report_object(r, "maintenance");
	report_u64(r, "invalidate_all", t->inv_all);
	report_u64(r, "invalidate_mva", t->inv_mva);
	report_u64(r, "invalidate_asid", t->inv_asid);
	report_u64(r, "entries_invalidated", t->entries_invalidated);
	report_u64(r, "utlb_flushes", t->utlb_flushes);
	report_end(r);
	report_u64(r, "descriptor_store_marks", t->suspect_marks);
	report_u64(r, "stale_uses", ms->st.stale_uses);
	report_end(r);

	report_cache(r, "icache", &ms->icache);
	report_cache(r, "dcache", &ms->dcache);

	report_object(r, "data_accesses");
	for (int w = 0; w < 2; w++) {
		report_object(r, w ? "write" : "read");
		for (int mt = 0; mt < MT_NR; mt++)
			report_u64(r, tlb_memtype_name((enum memtype)mt), ms->st.data[w][mt]);
		report_end(r);
	}
	report_u64(r, "untranslated", ms->st.untranslated);
	report_end(r);
	report_object(r, "instruction_fetch");
	report_u64(r, "lines", ms->st.ifetch_lines);
	report_u64(r, "uncached", ms->st.ifetch_uncached);
	report_end(r);

	report_object(r, "write_buffer");
	report_u64(r, "writes", ms->st.wb_writes);
	report_u64(r, "merged", ms->st.wb_merged);
	report_u64(r, "full_stalls", ms->st.wb_full_stalls);
	report_u64(r, "barriers", ms->st.barriers);
	report_end(r);

	report_object(r, "bus");
	report_u64(r, "busy_cycles", ms->dmc.st.busy_cycles);
	report_u64(r, "row_hits", ms->dmc.st.row_hits);
	report_u64(r, "row_misses", ms->dmc.st.row_misses);
	report_u64(r, "row_conflicts", ms->dmc.st.row_conflicts);
	report_object(r, "masters");
	for (int b = 0; b < BUS_NR_MASTERS; b++) {
		if (!ms->dmc.st.transactions[b])
			continue;
		report_object(r, bus_master_name((enum bus_master)b));
		report_u64(r, "transactions", ms->dmc.st.transactions[b]);
		report_u64(r, "bytes", ms->dmc.st.bytes[b]);
		report_u64(r, "wait_cycles", ms->dmc.st.wait_cycles[b]);
		report_end(r);
	}
	report_end(r);
	report_end(r);

	report_object(r, "cycles");
	report_u64(r, "instructions", machine_stats(m)->insns);
	for (int c = 0; c < CY_NR; c++)
		report_u64(r, cause_names[c], ms->st.cycles[c]);
	report_u64(r, "memory_stall_total", total_stall(ms));
	report_end(r);

	report_object(r, "cp15");
	report_u64(r, "sites", ms->cp15.nr);
	report_u64(r, "blocks_analysed", ms->cp15.st.blocks);
	report_u64(r, "operations", ms->st.cp15_ops);
	report_u64(r, "condition_failed", ms->cp15.st.cond_failed);
	report_u64(r, "user_mode_traps", ms->cp15.st.user_mode);
	report_u64(r, "unknown_operand", ms->cp15.st.unknown);
	report_u64(r, "dropped_after_exception", ms->cp15.st.dropped);
	report_u64(r, "unobserved_changes", ms->st.cp15_unobserved);
	report_u64(r, "mva_translation_faults", ms->st.cp15_mva_faults);
	report_end(r);

	if (ms->nr_probes) {
		report_object(r, "probes");
		for (unsigned i = 0; i < ms->nr_probes; i++) {
			const struct ms_probe *p = &ms->probe[i];
			uint32_t valid = 0, dirty = 0;

			for (uint32_t a = p->pa & ~(ms->dcache.line - 1); a < p->pa + p->size;
			     a += ms->dcache.line) {
				uint32_t s = cache_state(&ms->dcache, a);

				valid += !!(s & CACHE_VALID);
				dirty += !!(s & CACHE_DIRTY);
			}
			report_object(r, p->name);
			report_hex(r, "pa", p->pa);
			report_u64(r, "size", p->size);
			report_u64(r, "reads", p->reads);
			report_u64(r, "writes", p->writes);
			report_u64(r, "read_hits", p->read_hits);
			report_u64(r, "read_misses", p->read_misses);
			report_u64(r, "write_hits", p->write_hits);
			report_u64(r, "write_misses", p->write_misses);
			report_u64(r, "writebacks", p->writebacks);
			report_u64(r, "valid_lines", valid);
			report_u64(r, "dirty_lines", dirty);
			report_end(r);
		}
		report_end(r);
	}

	report_object(r, "findings");
	report_object(r, "counts");
	for (int k = 0; k < F_NR; k++)
		report_u64(r, finding_names[k], ms->st.findings[k]);
	report_end(r);
	report_array(r, "first");
	for (unsigned i = 0; i < ms->nr_rec; i++) {
		const struct ms_finding_rec *f = &ms->rec[i];
		char sym[96];

		report_object(r, NULL);
		report_str(r, "kind", finding_names[f->kind]);
		report_u64(r, "cycle", f->cycle);
		if (f->has_pc) {
			report_hex(r, "pc", f->pc);
			report_str(r, "symbol", elf_symbolize(machine_elf(m), f->pc, sym, sizeof(sym)));
		}
		report_hex(r, "va", f->va);
		report_hex(r, "pa", f->pa);
		report_str(r, "detail", f->detail);
		report_end(r);
	}
	report_end(r);
	report_end(r);

	if (ms->verify) {
		report_object(r, "verify");
		report_u64(r, "loads_checked", ms->st.verify_reads);
		report_u64(r, "aborts_checked", ms->st.verify_aborts);
		report_end(r);
	}
	report_end(r);
}

static void memsys_destroy(void *opaque)
{
	struct memsys *ms = opaque;

	cache_destroy(&ms->icache);
	cache_destroy(&ms->dcache);
	cp15_watch_free(&ms->cp15);
	free(ms->rec);
	free(ms);
}

static const struct machine_model memsys_ops = {
	.name = "memsys",
	.start = memsys_start,
	.stop = memsys_stop,
	.print_stats = memsys_print_stats,
	.report = memsys_report,
	.destroy = memsys_destroy,
};

bool memsys_parse_mode(const char *s, enum memsys_mode *out)
{
	static const char *const names[] = { "none", "timing", "full", "verify" };

	for (int i = 0; i < 4; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum memsys_mode)i;
			return true;
		}
	}
	return false;
}

const char *memsys_mode_name(enum memsys_mode mode)
{
	static const char *const names[] = { "none", "timing", "full", "verify" };

	return mode <= MEMSYS_VERIFY ? names[mode] : "?";
}

int memsys_attach(struct machine *m, enum memsys_mode mode)
{
	const struct board_info *bi = board_info(machine_board(m));
	const void *fdt;
	struct memsys *ms;
	struct dmc_params dp;
	size_t fdt_size;
	char why[160];

	if (mode == MEMSYS_NONE)
		return 0;
	ms = calloc(1, sizeof(*ms));
	if (!ms) {
		log_error("memory model: out of memory");
		return -1;
	}
	ms->m = m;
	ms->clock = machine_clock(m);
	ms->mode = mode;
	ms->checks = mode >= MEMSYS_FULL;
	ms->verify = mode == MEMSYS_VERIFY;
	params_default(&ms->p);
	dmc_params_default(&dp);
	fdt = board_fdt(machine_board(m), &fdt_size);
	if (params_parse(&ms->p, fdt, why, sizeof(why)) != 0 ||
	    dmc_params_parse(&dp, fdt, why, sizeof(why)) != 0 ||
	    cache_init(&ms->icache, "i-cache", bi->icache.size, bi->icache.line_size,
		       bi->icache.sets, ms->p.seed, why, sizeof(why)) != 0 ||
	    cache_init(&ms->dcache, "d-cache", bi->dcache.size, bi->dcache.line_size,
		       bi->dcache.sets, ms->p.seed ^ 0x5a5a5a5au, why, sizeof(why)) != 0) {
		log_error("memory model: board device tree: %s", why);
		memsys_destroy(ms);
		return -1;
	}
	dmc_init(&ms->dmc, &dp, machine_clock(m));
	if (machine_attach(m, &memsys_ops, ms) != 0) {
		log_error("memory model: too many models attached");
		memsys_destroy(ms);
		return -1;
	}
	return 0;
}

struct memsys *memsys_find(struct machine *m)
{
	return machine_find_model(m, &memsys_ops);
}
