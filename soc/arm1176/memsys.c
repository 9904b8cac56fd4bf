/* SPDX-License-Identifier: MIT */
/*
 * memsys.c - the memory-path model's orchestrator: Unicorn hooks, the I and
 * D paths through the parts (tlb, cache, wbuf, the board's dmc), stall costs
 * by cause, the checks and their findings (see memsys.h, memsys_priv.h).
 */
#include "soc/arm1176/memsys.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <stddef.h>

#include <libfdt.h>

#include "emu/alloc.h"
#include "emu/arm_decode.h"
#include "emu/cpu.h"
#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/report.h"
#include "soc/arm1176/memsys_priv.h"
#include "soc/fdt_props.h"
#include "soc/s3c6410/board.h"
#include "soc/s3c6410/dmaport.h"

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define MS_KEEP_FINDINGS 32   /* per kind, in the report */
#define MS_WARN_FINDINGS 4    /* per kind, on stderr */
#define PROBE_PREFIX     "memsys_probe_"

#define PERIPH_LO 0x70000000u
#define PERIPH_HI 0x80000000u

static const char *const cause_names[CY_NR] = {
	"main_tlb", "table_walk", "icache_fill", "dcache_fill", "miss_handling", "uncached",
	"device", "write_buffer_full", "barrier_drain",
};

static const char *const finding_names[F_NR] = {
	"stale_tlb", "walker_coherency",
	"translation_disagreement", "verify_mismatch",
};

static const struct machine_model memsys_ops;

/* --- small helpers ----------------------------------------------------------- */

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
 * The instruction behind data access number `k` of the block at blk_pc:
 * decode each load/store of the block against registers `r` and `cpsr`,
 * prefer the one whose position in the block's access order matches, else
 * the first whose address matches, else the block's start.  Without
 * registers (r NULL) every condition passes and the position alone decides.
 */
uint32_t memsys_block_access_pc(struct memsys *ms, uint32_t blk_pc, uint32_t blk_size,
				bool thumb, unsigned k, const uint32_t *r, uint32_t cpsr,
				uint32_t va, bool write)
{
	static const uint32_t zero[16];
	uint32_t step = thumb ? 2 : 4, first = blk_pc, code_va = 0, code_len = 0;
	uint8_t code[0x400];
	unsigned n = 0;
	bool have_first = false;

	for (uint32_t pc = blk_pc; pc < blk_pc + blk_size; pc += step) {
		struct arm_access acc[ARM_MAX_ACCESSES];
		uint32_t insn = 0;
		int cnt;

		/* The code 1 KiB at a time (one walk each), an instruction at a time where that fails. */
		if (pc - code_va >= code_len) {
			code_va = pc;
			code_len = 0x400 - (pc & 0x3ff);
			if (code_len > blk_pc + blk_size - pc)
				code_len = blk_pc + blk_size - pc;
			if (!memsys_read_virt(ms, pc, code, code_len))
				code_len = 0;
		}
		if (pc - code_va < code_len)
			memcpy(&insn, code + (pc - code_va), step);
		else if (!memsys_read_virt(ms, pc, &insn, step))
			break;
		if (!r && !thumb && insn >> 28 != 0xf)
			insn = (insn & 0x0fffffffu) | 0xe0000000u;
		cnt = arm_decode_accesses(insn, thumb, pc, r ? r : zero, cpsr, acc);
		for (int i = 0; i < cnt; i++) {
			if (acc[i].write != write || (r && va - acc[i].addr >= acc[i].size))
				continue;
			if (n + (unsigned)i == k)
				return pc;
			if (!have_first && r) {
				first = pc;
				have_first = true;
			}
		}
		if (cnt > 0)
			n += (unsigned)cnt;
	}
	return first;
}

/* The instruction behind the current data access at `va` (exact registers). */
static uint32_t access_pc(struct memsys *ms, uint32_t va, bool write)
{
	uint32_t r[16], cpsr, blk_pc, blk_size;
	bool thumb;

	machine_current_block(ms->m, &blk_pc, &blk_size, &thumb);
	if (!blk_size)
		return blk_pc;
	cpu_regs(ms->m, r, &cpsr);
	return memsys_block_access_pc(ms, blk_pc, blk_size, thumb,
				      ms->blk_accesses ? ms->blk_accesses - 1 : 0, r, cpsr, va,
				      write);
}

uint32_t memsys_access_pc(struct memsys *ms, uint32_t va, bool write)
{
	return access_pc(ms, va, write);
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
		ms->rec = xrealloc(ms->rec, ms->nr_rec + 1, sizeof(*ms->rec), "a finding");
		ms->rec[ms->nr_rec++] = rec;
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
	const struct clock *c = ms->clock;

	if (pa - ms->p.apb_base < ms->p.apb_size)
		return dmc_hclk_to_arm(ms->dmc, ms->p.ahb_access_hclk) +
		       clock_ticks_to_cycles(c, CLK_PCLK, ms->p.apb_access_pclk);
	return dmc_hclk_to_arm(ms->dmc, ms->p.ahb_access_hclk);
}

static __attribute__((noinline)) void wb_queue(struct memsys *ms, uint32_t pa, uint32_t bytes,
						bool device)
{
	cycle_t dev = device ? device_cycles(ms, pa) : 0;

	memsys_charge(ms, CY_WB_FULL, wbuf_push(&ms->wb, ms->dmc, pa, bytes, device, dev,
						ms->clock->now));
}

/* A store into the write buffer: to DRAM, or to a device (`device`).  Merges inline. */
static inline void wb_push(struct memsys *ms, uint32_t pa, uint32_t bytes, bool device)
{
	if (likely(!device && wbuf_merge(&ms->wb, ms->dmc, pa, bytes, ms->clock->now)))
		return;
	wb_queue(ms, pa, bytes, device);
}

/* A single uncached DRAM access the core waits for. */
static void uncached_access(struct memsys *ms, enum bus_master who, uint32_t pa, uint32_t bytes,
			    bool write, enum ms_cause cause)
{
	cycle_t now = ms->clock->now;

	memsys_charge(ms, cause, dmc_access(ms->dmc, who, pa, bytes, write, now, NULL) - now);
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

void memsys_writeback(struct memsys *ms, uint32_t key)
{
	uint32_t line_pa = key & ~(ms->dcache.line - 1);

	if (unlikely(key & CACHE_DMA_STALE))
		coherency_writeback(ms, key);
	wb_push(ms, line_pa, ms->dcache.line, false);
	if (ms->nr_probes)
		probe_writeback(ms, line_pa);
}

/* Allocate and fill the line for `pa`; the core waits for the critical word. */
static int line_fill(struct memsys *ms, struct cache *c, uint32_t pa, enum bus_master who,
		     enum ms_cause cause)
{
	cycle_t now, first;
	uint32_t old;
	uint16_t oldw;
	int idx;

	memsys_charge(ms, CY_MISS, ms->p.miss_cycles);
	now = ms->clock->now;
	idx = cache_fill(c, pa, &old, &oldw);
	dmc_access(ms->dmc, who, pa & ~(c->line - 1), c->line, false, now, &first);
	memsys_charge(ms, cause, first - now);
	if (old & CACHE_DIRTY)
		memsys_writeback(ms, old);
	return idx;
}

/* --- translation ------------------------------------------------------------------ */

void memsys_apply_sctlr(struct memsys *ms, uint32_t v)
{
	bool random = !(v & SCTLR_RR);

	ms->regs.sctlr = v;
	ms->mmu_on = v & SCTLR_M;
	ms->dcache_on = v & SCTLR_C;
	ms->icache_on = v & SCTLR_I;
	cache_set_random(&ms->dcache, random);
	cache_set_random(&ms->icache, random);
	tlb_set_random(&ms->tlb, random);
	/* MMU off: data is strongly ordered, fetches Normal (cacheable when I is set). */
	ms->flat[TLB_I].memtype = ms->icache_on ? MT_WB : MT_NORMAL_NC;
	memsys_forget_last(ms);
}

void memsys_tables_changed(struct memsys *ms)
{
	if (ms->checks)
		tlb_mark_verify(&ms->tlb);
	memsys_forget_last(ms);
}

/* Take CP15 state as the core has it now (start-up, or a change we did not see). */
static void adopt_regs(struct memsys *ms, const struct mmu_regs *r)
{
	bool tables = r->ttbr0 != ms->regs.ttbr0 || r->ttbr1 != ms->regs.ttbr1 ||
		      r->ttbcr != ms->regs.ttbcr;

	ms->regs = *r;
	ms->asid = (uint8_t)r->contextidr;
	memsys_apply_sctlr(ms, r->sctlr);
	if (tables)
		memsys_tables_changed(ms);
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
		ms->cp15.st.unobserved++;
		adopt_regs(ms, &r);
	}
}

struct walk_ctx {
	struct memsys *ms;
	uint32_t va;
	enum tlb_side side;
	bool write;
	unsigned reads;
};

/* One descriptor read by the hardware walker: DRAM, never the L1 D-cache. */
static bool walk_read(void *opaque, uint32_t pa, uint32_t *v)
{
	struct walk_ctx *w = opaque;
	struct memsys *ms = w->ms;
	cycle_t now = ms->clock->now;

	if (!machine_read_phys(ms->m, pa, v, 4))
		return false;
	w->reads++;
	memsys_charge(ms, CY_WALK, dmc_access(ms->dmc, BUS_WALKER, pa, 4, false, now, NULL) - now);
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
	struct walk_ctx ctx = { ms, va, side, write, 0 };
	struct mmu_result res;
	struct tlb_entry e;
	uint32_t fsr;

	if (!(++ms->walks_since_sync % SYNC_EVERY_WALKS))
		sync_regs(ms);
	memsys_charge(ms, CY_WALK, ms->p.walk_cycles);
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
	tlb_count_walk(&ms->tlb, side, ctx.reads, fsr != 0);
	if (fsr)
		return NULL;
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
 * A descriptor of `e` changed: would a walk of the tables now do to this
 * access what the entry does - the same physical address, memory type and
 * permission verdict?  Then using the old entry is harmless, as the ARM ARM
 * lets either translation be used until the TLB is invalidated: Linux's
 * paging_init() rewrites the sections the kernel runs from (AP 11 -> 01,
 * taking user access away) and flushes the TLB only later.  The entry stays
 * suspect, so an access the change does affect is still reported.
 */
static bool same_outcome(struct memsys *ms, const struct tlb_entry *e, enum tlb_side side,
			 uint32_t va, bool write)
{
	enum mmu_access acc = side == TLB_I ? MMU_FETCH : write ? MMU_WRITE : MMU_READ;
	struct mmu_result now, was;
	struct tlb_entry fresh;
	bool priv;

	if (mmu_walk(&ms->regs, va, host_read32, ms->m, &now) != 0)
		return false;
	tlb_entry_from_walk(&fresh, &now, va, ms->asid, !(ms->regs.sctlr & SCTLR_XP));
	if ((fresh.pa | (va & ~fresh.mask)) != (e->pa | (va & ~e->mask)) ||
	    fresh.memtype != e->memtype)
		return false;
	priv = privileged(ms);
	entry_as_result(e, &was);
	entry_as_result(&fresh, &now);
	return mmu_check(&ms->regs, &was, va, acc, priv) == mmu_check(&ms->regs, &now, va, acc, priv);
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
		if (changed && !(e->flags & TLBE_STALE) && same_outcome(ms, e, side, va, write))
			ms->st.stale_same_outcome++;
		else if (changed)
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
	tlb_count_stale_use(&ms->tlb);
	if (!(e->flags & TLBE_STALE)) {
		e->flags |= TLBE_STALE;
		finding(ms, F_STALE_TLB, true, side == TLB_D ? access_pc(ms, va, write) : va, va,
			e->pa | (va & ~e->mask), "%s translation served from a stale TLB entry "
			"(missing TLB invalidate): %s", side == TLB_D ? "data" : "instruction",
			why);
	}
	return false;
}

/* The hot path's entry missed or is flagged. */
struct tlb_entry *memsys_translate(struct memsys *ms, enum tlb_side side, uint32_t va,
				  enum mmu_access acc)
{
	struct tlb *t = &ms->tlb;
	struct tlb_entry *e, *me;
	bool write = acc == MMU_WRITE;
	uint32_t fsr = 0;

	if (!ms->mmu_on) {
		memsys_fast(ms, side, va)->e = &ms->flat[side];
		return &ms->flat[side];
	}
	e = tlb_utlb_access(t, side, va, ms->asid);
	if (e) {
		if (!(e->flags & (TLBE_SUSPECT | TLBE_VERIFY | TLBE_STALE)) ||
		    check_entry(ms, e, side, va, write))
			memsys_fast(ms, side, va)->e = e;
		return e;
	}
	me = tlb_main_access(t, va, ms->asid);
	if (me) {
		memsys_charge(ms, CY_MAIN_TLB, ms->p.main_tlb_cycles);
		if (me->flags & (TLBE_SUSPECT | TLBE_VERIFY | TLBE_STALE))
			check_entry(ms, me, side, va, write);
	} else {
		me = walk(ms, side, va, write, &fsr);
		if (!me) {
			model_fault(ms, side, va, 0, acc, fsr);
			return NULL;
		}
	}
	if (ms->checks)
		check_permission(ms, me, side, va, acc);
	memsys_forget_side(ms, side); /* the fill replaces an entry slots may name */
	e = tlb_utlb_insert(t, side, me);
	if (!(e->flags & (TLBE_SUSPECT | TLBE_VERIFY | TLBE_STALE)))
		memsys_fast(ms, side, va)->e = e;
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

/*
 * A cacheable access; returns 1 for a hit, 0 for a miss (for probes).
 * `hint`: the line to try first (the page's fast slot keeps it).
 */
static int dcache_access(struct memsys *ms, enum memtype mt, uint32_t va, uint32_t pa,
			 unsigned size, bool write, int *hint)
{
	struct cache *c = &ms->dcache;
	int idx = cache_lookup_hint(c, pa, write, hint);

	if (idx >= 0) {
		if (!write) {
			if (unlikely(cache_take_dma_stale(c, idx)))
				coherency_stale_read(ms, va, pa);
		} else if (mt == MT_WB) {
			/* The store that last wrote the line (the coherency checks name it). */
			if (unlikely(ms->coh.store))
				coherency_store_hit(ms, idx, va, pa, !(c->key[idx] & CACHE_DIRTY));
			cache_mark_dirty(c, idx, pa, size);
		} else {
			wb_push(ms, pa, size, false);
		}
		if (ms->p.cache_hit_cycles)
			memsys_charge(ms, CY_DFILL, ms->p.cache_hit_cycles);
		return 1;
	}
	if (write)
		wb_push(ms, pa, size, false); /* no allocate on write */
	else
		*hint = line_fill(ms, c, pa, BUS_CPU_DATA, CY_DFILL);
	return 0;
}

/* A strongly-ordered access waits for the write buffer to empty. */
static void wb_drain(struct memsys *ms)
{
	memsys_charge(ms, CY_BARRIER, wbuf_drain(&ms->wb, ms->clock->now));
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
			memsys_charge(ms, CY_DEVICE, device_cycles(ms, pa));
		} else if (mt == MT_STRONGLY_ORDERED) {
			wb_drain(ms);
			memsys_charge(ms, CY_DEVICE, device_cycles(ms, pa));
		} else {
			wb_push(ms, pa, size, true);
		}
	}
	/* Anything else is a bus error: the machine reports it; no cost here. */
}

static void descriptor_store(struct memsys *ms, uint32_t va, uint32_t pa, unsigned size)
{
	if (tlb_descriptor_store(&ms->tlb, pa, size, ms->clock->now))
		memsys_forget_last(ms);
}

static void hook_data(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		      void *opaque)
{
	struct memsys *ms = opaque;
	uint32_t va = (uint32_t)addr, pa;
	bool write = type == UC_MEM_WRITE;
	struct ms_fast *f = memsys_fast(ms, TLB_D, va);
	struct tlb_entry *e = f->e;
	enum memtype mt;
	int outcome = -1;

	cp15_due(&ms->cp15, ms, ms->blk_accesses);
	ms->blk_accesses++;
	/* The common case: the page's slot holds its MicroTLB entry (one compare). */
	if (likely(e && !((va ^ e->va) & e->mask))) {
		tlb_utlb_hits(&ms->tlb, TLB_D, ms->mmu_on);
	} else {
		e = memsys_translate(ms, TLB_D, va, write ? MMU_WRITE : MMU_READ);
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
	if (write && coherency_in_flight_src(&ms->coh, pa))
		coherency_cpu_store(ms, va, pa, (unsigned)size);
	mt = (enum memtype)e->memtype;
	if (mt >= MT_WT && !ms->dcache_on)
		mt = MT_NORMAL_NC;
	ms->st.data[write][mt]++;
	switch (mt) {
	case MT_WB:
	case MT_WT:
		outcome = dcache_access(ms, mt, va, pa, (unsigned)size, write,
				       memsys_line_hint(ms, TLB_D, &ms->dcache, pa));
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
	/* --coherency=strict: a store DRAM sees too (not a write-back hit) */
	if (unlikely(ms->coh.nr_shadow) && write && !(mt == MT_WB && outcome == 1))
		coherency_store_through(ms, pa, (unsigned)size, (uint64_t)value);
}

void memsys_cpu_access(struct memsys *ms, uint32_t va, unsigned size, bool write)
{
	hook_data(NULL, write ? UC_MEM_WRITE : UC_MEM_READ, va, (int)size, 0, ms);
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

/* Code came from memory (a miss, or uncached): the CP15 watch looks for sites in it. */
static __attribute__((noinline, cold)) void fetch_from_memory(struct memsys *ms, bool cached,
							     uint32_t va, uint32_t pa,
							     uint32_t len, int *hint)
{
	if (cached) {
		*hint = line_fill(ms, &ms->icache, pa, BUS_CPU_INSN, CY_IFETCH);
	} else {
		ms->st.ifetch_uncached++;
		uncached_read(ms, BUS_CPU_INSN, pa, len, CY_UNCACHED);
	}
	if (cp15_discover(&ms->cp15, ms->m, va, pa, len)) {
		uint32_t blk_pc, blk_size;
		bool thumb;

		/* New sites in the block about to run: analyse it again, with them. */
		machine_current_block(ms->m, &blk_pc, &blk_size, &thumb);
		cp15_block_refetched(&ms->cp15, ms->m, ms, blk_pc, blk_size);
	}
}

/* Fetch the block's lines in [va, end]. */
static void fetch_lines(struct memsys *ms, const struct tlb_entry *e, uint32_t va, uint32_t end)
{
	struct cache *c = &ms->icache;
	bool cached = ms->icache_on && (e->memtype == MT_WB || e->memtype == MT_WT);

	for (uint32_t line = va & ~(c->line - 1); line <= end; line += c->line) {
		uint32_t pa = e->pa | (line & ~e->mask);

		ms->st.ifetch_lines++;
		if (!cached) {
			uint32_t from = line > va ? line : va;
			uint32_t to = line + c->line - 1 < end ? line + c->line - 1 : end;

			fetch_from_memory(ms, false, from, e->pa | (from & ~e->mask), to - from + 1,
					  NULL);
		} else {
			int *hint = memsys_line_hint(ms, TLB_I, c, pa);

			if (cache_lookup_hint(c, pa, false, hint) < 0)
				fetch_from_memory(ms, true, line, pa, c->line, hint);
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

/* An abort was delivered since the last block (rare: out of the hot path). */
static __attribute__((noinline, cold)) void block_after_abort(struct memsys *ms)
{
	struct machine *m = ms->m;
	const uint64_t *exc = machine_stats(m)->exceptions;
	bool data = exc[EXC_DABT] != ms->seen_dabt;

	ms->seen_aborts = exc[EXC_DABT] + exc[EXC_PABT];
	ms->seen_dabt = exc[EXC_DABT];
	/* The first block of the handler: the fault registers are fresh. */
	if ((cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_MODE_MASK) == MODE_ABT)
		after_abort(ms, data);
}

static __attribute__((noinline, cold)) void block_cp15(struct memsys *ms, uint32_t va,
							uint32_t size)
{
	cp15_block(&ms->cp15, ms->m, ms, va, size);
}

/* The block's fetches, segment by segment (any MicroTLB state, uncached code, misses). */
static __attribute__((noinline)) void fetch_block(struct memsys *ms, uint32_t va, uint32_t end)
{
	for (;;) {
		struct tlb_entry *e = memsys_fast(ms, TLB_I, va)->e;
		uint32_t seg_end;

		if (likely(e && !((va ^ e->va) & e->mask))) {
			tlb_utlb_hits(&ms->tlb, TLB_I, ms->mmu_on);
		} else {
			e = memsys_translate(ms, TLB_I, va, MMU_FETCH);
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

/*
 * Every block that runs, from the machine's block hook (machine_set_block_hook()).
 * The common case is a block that ran before with every line a hit and
 * nothing changed since (struct ms_blk): only counters move.  Next, straight
 * line: the page's slot holds the MicroTLB entry for the whole block,
 * cacheable code, each line where its hint says.  fetch_block() takes the
 * rest; all three count the same.
 */
static void hook_block(void *opaque, uint32_t va, uint32_t size)
{
	struct memsys *ms = opaque;
	const uint64_t *exc = machine_stats(ms->m)->exceptions;
	struct cache *c = &ms->icache;
	uint32_t end = va + (size ? size : 4) - 1, line, pa, last, lines = 0;
	struct tlb_entry *e;
	struct ms_blk *b;
	bool filled = false;

	/* Most blocks hold no CP15 write and leave nothing pending: skip the call. */
	if (unlikely(!cp15_block_quiet(&ms->cp15, va, size)))
		block_cp15(ms, va, size);
	ms->blk_accesses = 0;
	ms->vr_valid = false;
	if (unlikely(exc[EXC_DABT] + exc[EXC_PABT] != ms->seen_aborts))
		block_after_abort(ms);
	if (unlikely(ms->mf_pending))
		model_fault_unmatched(ms);
	b = memsys_blk(ms, va);
	if (likely(b->va == va && b->size == size && b->cache_gen == c->gen &&
		   b->fetch_gen == ms->fetch_gen)) {
		/* As the loop below would count it: one MicroTLB hit, every line a hit. */
		tlb_utlb_hits(&ms->tlb, TLB_I, ms->mmu_on);
		ms->st.ifetch_lines += b->lines;
		c->st.read_hits += b->lines;
		return;
	}
	e = memsys_fast(ms, TLB_I, va)->e;
	if (unlikely(!e || ((va ^ e->va) & e->mask) || ((end ^ e->va) & e->mask) || end < va ||
		     !ms->icache_on || (e->memtype != MT_WB && e->memtype != MT_WT) ||
		     (end | (c->line - 1)) == ~0u)) {
		fetch_block(ms, va, end);
		return;
	}
	tlb_utlb_hits(&ms->tlb, TLB_I, ms->mmu_on);
	line = va & ~(c->line - 1);
	pa = e->pa | (line & ~e->mask);
	last = e->pa | ((end & ~e->mask) & ~(c->line - 1));
	for (;; pa += c->line, line += c->line) {
		int *hint = memsys_line_hint(ms, TLB_I, c, pa);

		lines++;
		if (likely(*hint >= 0 && cache_line_holds(c, *hint, pa))) {
			c->st.read_hits++;
		} else if (cache_lookup_hint(c, pa, false, hint) < 0) {
			fetch_from_memory(ms, true, line, pa, c->line, hint);
			filled = true;
		}
		if (pa == last)
			break;
	}
	ms->st.ifetch_lines += lines;
	if (!filled)
		*b = (struct ms_blk){ va, size, c->gen, ms->fetch_gen, lines };
}

/* --- other bus masters --------------------------------------------------------------- */

unsigned memsys_coherency_check(struct memsys *ms, enum bus_master who, uint32_t pa,
				uint32_t len, bool write)
{
	struct pl080s_burst b = { .master = who, .pa = pa, .width = 1, .beats = len, .inc = true,
				  .write = write };
	uint64_t before;

	if (!ms || !ms->checks || !len)
		return 0;
	before = coherency_total(&ms->coh);
	coherency_dma_burst(ms, &b, len);
	return (unsigned)(coherency_total(&ms->coh) - before);
}

cycle_t memsys_bus_master_access(struct memsys *ms, enum bus_master who, uint32_t pa,
				 uint32_t len, bool write, cycle_t at)
{
	memsys_coherency_check(ms, who, pa, len, write);
	return dmc_access(ms->dmc, who, pa, len, write, at, NULL);
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
	return ms->dmc;
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

static int params_parse(struct memsys_params *p, const void *fdt, char *why, unsigned why_len)
{
#define P(name, field, min, max) { "s3c6410-emu," name, offsetof(struct memsys_params, field), \
				   min, max }
	static const struct fdt_u32_prop cpu_props[] = {
		P("main-tlb-cycles", main_tlb_cycles, 0, 1000),
		P("walk-cycles", walk_cycles, 0, 1000),
		P("cache-hit-cycles", cache_hit_cycles, 0, 100),
		P("miss-cycles", miss_cycles, 0, 1000),
		P("write-buffer-entries", write_buffer_entries, 1, WBUF_MAX_ENTRIES),
		P("replacement-seed", seed, 1, ~0u),
	};
	static const struct fdt_u32_prop soc_props[] = {
		P("ahb-access-hclk", ahb_access_hclk, 0, 1000),
		P("apb-access-pclk", apb_access_pclk, 0, 1000),
	};
#undef P
	int cpu = fdt_path_offset(fdt, "/cpus/cpu@0"), soc = fdt_path_offset(fdt, "/soc");
	const fdt32_t *win;
	int len;

	if (fdt_read_u32_props(fdt, cpu, cpu_props, sizeof(cpu_props) / sizeof(cpu_props[0]), p,
			       "", why, why_len) ||
	    fdt_read_u32_props(fdt, soc, soc_props, sizeof(soc_props) / sizeof(soc_props[0]), p,
			       "", why, why_len))
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

	/* Power-on (or system reset): empty caches, TLBs and write buffer (the board resets its port). */
	cache_reset(&ms->icache);
	cache_reset(&ms->dcache);
	tlb_reset(&ms->tlb, ms->p.seed);
	wbuf_reset(&ms->wb);
	ms->seen_aborts = machine_stats(m)->exceptions[EXC_DABT] + machine_stats(m)->exceptions[EXC_PABT];
	ms->seen_dabt = machine_stats(m)->exceptions[EXC_DABT];
	for (unsigned i = 0; i < MS_BLK_SLOTS; i++)
		ms->blk[i].va = 1;
	ms->fetch_gen++;
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

	machine_set_block_hook(m, hook_block, ms);
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
	coherency_finish(ms);
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

static void memsys_print_stats(struct machine *m, void *opaque, FILE *f)
{
	struct memsys *ms = opaque;
	uint64_t stall = total_stall(ms);

	fprintf(f, "--- memory model (%s) ---\n", memsys_mode_name(ms->mode));
	tlb_print_stats(&ms->tlb, f);
	cache_print_stats(&ms->icache, f, "I-cache");
	cache_print_stats(&ms->dcache, f, "D-cache");
	wbuf_print_stats(&ms->wb, f);
	dmc_print_stats(ms->dmc, f);
	fprintf(f, "memory stalls      %llu cycles (%.1f%% of %llu):", (unsigned long long)stall,
		pct(stall, machine_clock(m)->now), (unsigned long long)machine_clock(m)->now);
	for (int c = 0; c < CY_NR; c++)
		if (ms->st.cycles[c])
			fprintf(f, " %s %llu", cause_names[c],
				(unsigned long long)ms->st.cycles[c]);
	fputc('\n', f);
	cp15_print_stats(&ms->cp15, f);
	if (ms->checks) {
		fprintf(f, "findings          ");
		for (int k = 0; k < F_NR; k++)
			fprintf(f, " %s %llu", finding_names[k],
				(unsigned long long)ms->st.findings[k]);
		fprintf(f, " (%llu uses of changed TLB entries with the tables' outcome)\n",
			(unsigned long long)ms->st.stale_same_outcome);
		coherency_print_stats(ms, f);
	}
	if (ms->verify)
		fprintf(f, "verify             %llu loads and %llu aborts compared\n",
			(unsigned long long)ms->st.verify_reads,
			(unsigned long long)ms->st.verify_aborts);
}

static void report_probes(struct memsys *ms, struct report *r)
{
	report_object(r, "probes");
	for (unsigned i = 0; i < ms->nr_probes; i++) {
		const struct ms_probe *p = &ms->probe[i];
		uint32_t valid = 0, dirty = 0;

		for (uint32_t a = p->pa & ~(ms->dcache.line - 1); a < p->pa + p->size;
		     a += ms->dcache.line) {
			uint32_t st = cache_state(&ms->dcache, a);

			valid += !!(st & CACHE_VALID);
			dirty += !!(st & CACHE_DIRTY);
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

static void report_findings(struct memsys *ms, struct report *r)
{
	report_object(r, "findings");
	report_object(r, "counts");
	for (int k = 0; k < F_NR; k++)
		report_u64(r, finding_names[k], ms->st.findings[k]);
	report_end(r);
	report_u64(r, "stale_tlb_same_outcome", ms->st.stale_same_outcome);
	report_array(r, "first");
	for (unsigned i = 0; i < ms->nr_rec; i++) {
		const struct ms_finding_rec *f = &ms->rec[i];
		char sym[96];

		report_object(r, NULL);
		report_str(r, "kind", finding_names[f->kind]);
		report_u64(r, "cycle", f->cycle);
		if (f->has_pc) {
			report_hex(r, "pc", f->pc);
			report_str(r, "symbol", elf_symbolize(machine_elf(ms->m), f->pc, sym,
							      sizeof(sym)));
		}
		report_hex(r, "va", f->va);
		report_hex(r, "pa", f->pa);
		report_str(r, "detail", f->detail);
		report_end(r);
	}
	report_end(r);
	report_end(r);
}

/* The parts' sections in a fixed order; this file writes only its own counters. */
static void memsys_report(struct machine *m, void *opaque, struct report *r)
{
	struct memsys *ms = opaque;

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
	dmc_report_params(ms->dmc, r);
	report_end(r);

	tlb_report(&ms->tlb, r);
	cache_report(&ms->icache, r, "icache");
	cache_report(&ms->dcache, r, "dcache");

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

	wbuf_report(&ms->wb, r);
	dmc_report(ms->dmc, r, "bus");

	report_object(r, "cycles");
	report_u64(r, "instructions", machine_stats(m)->insns);
	for (int c = 0; c < CY_NR; c++)
		report_u64(r, cause_names[c], ms->st.cycles[c]);
	report_u64(r, "memory_stall_total", total_stall(ms));
	report_end(r);

	cp15_report(&ms->cp15, r);
	if (ms->nr_probes)
		report_probes(ms, r);
	report_findings(ms, r);
	coherency_report(ms, r);
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

	/* The board outlives the models: no DMA burst may call into freed state. */
	board_set_dma_observer(machine_board(ms->m), NULL);
	coherency_destroy(&ms->coh);
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

static void memsys_dma_burst(void *opaque, const struct pl080s_burst *b, uint32_t len)
{
	struct memsys *ms = opaque;

	if (ms->checks)
		coherency_dma_burst(ms, b, len);
}

static void memsys_dma_item(void *opaque, enum bus_master who, unsigned c,
			    const struct pl080s_item *it)
{
	struct memsys *ms = opaque;

	if (ms->checks)
		coherency_dma_item(ms, who, c, it);
}

static void memsys_dma_ram(void *opaque, const struct pl080s_burst *b, uint8_t *buf)
{
	coherency_dma_access(opaque, b, buf);
}

int memsys_attach(struct machine *m, enum memsys_mode mode)
{
	return memsys_attach_coherency(m, mode, COHERENCY_REPORT);
}

int memsys_attach_coherency(struct machine *m, enum memsys_mode mode, enum coherency_mode coh)
{
	struct dma_observer obs = { memsys_dma_burst, memsys_dma_item, NULL, NULL };
	const struct board_info *bi = board_info(machine_board(m));
	const void *fdt;
	struct memsys *ms;
	size_t fdt_size;
	char why[160];

	if (mode == MEMSYS_NONE)
		return 0;
	ms = xcalloc(1, sizeof(*ms), "the memory model");
	ms->m = m;
	ms->clock = machine_clock(m);
	ms->mode = mode;
	ms->checks = mode >= MEMSYS_FULL;
	ms->verify = mode == MEMSYS_VERIFY;
	ms->dmc = board_dram_port(machine_board(m));
	params_default(&ms->p);
	fdt = board_fdt(machine_board(m), &fdt_size);
	if (params_parse(&ms->p, fdt, why, sizeof(why)) != 0 ||
	    cache_init(&ms->icache, "i-cache", bi->icache.size, bi->icache.line_size,
		       bi->icache.sets, ms->p.seed, why, sizeof(why)) != 0 ||
	    cache_init(&ms->dcache, "d-cache", bi->dcache.size, bi->dcache.line_size,
		       bi->dcache.sets, ms->p.seed ^ 0x5a5a5a5au, why, sizeof(why)) != 0) {
		log_error("memory model: board device tree: %s", why);
		memsys_destroy(ms);
		return -1;
	}
	wbuf_init(&ms->wb, ms->p.write_buffer_entries);
	if (coherency_init(&ms->coh, ms->checks ? coh : COHERENCY_OFF,
			   ms->dcache.sets * ms->dcache.ways, ms->dcache.line) != 0) {
		log_error("memory model: out of memory for the coherency checks");
		memsys_destroy(ms);
		return -1;
	}
	if (machine_attach(m, &memsys_ops, ms) != 0) {
		log_error("memory model: too many models attached");
		memsys_destroy(ms);
		return -1;
	}
	/* The DMA controllers' RAM bursts go through the coherency checks. */
	obs.opaque = ms;
	if (ms->coh.mode == COHERENCY_STRICT) {
		obs.ram = memsys_dma_ram;
		cache_set_observer(&ms->dcache, coherency_line_event, ms);
	}
	board_set_dma_observer(machine_board(m), &obs);
	return 0;
}

void memsys_counters(const struct memsys *ms, struct memsys_counters *c)
{
	c->dcache_fills = ms->dcache.st.fills;
	c->dcache_writebacks = ms->dcache.st.writebacks;
	c->icache_fills = ms->icache.st.fills;
	c->tlb_walks_data = ms->tlb.st.walks[TLB_D];
	c->tlb_walks_insn = ms->tlb.st.walks[TLB_I];
	c->dram_busy_cycles = ms->dmc->st.busy_cycles;
	c->wb_full_stalls = ms->wb.st.full_stalls;
	c->findings = coherency_total(&ms->coh);
	for (int k = 0; k < F_NR; k++)
		c->findings += ms->st.findings[k];
}

uint64_t memsys_coherency_findings(struct machine *m)
{
	struct memsys *ms = memsys_find(m);

	return ms ? coherency_total(&ms->coh) : 0;
}

struct memsys *memsys_find(struct machine *m)
{
	return machine_find_model(m, &memsys_ops);
}
