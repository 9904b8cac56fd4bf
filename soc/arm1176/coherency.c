/* SPDX-License-Identifier: MIT */
/*
 * coherency.c - DMA against the modelled D-cache: the four findings, their
 * records and report, strict mode's DRAM view (see coherency.h).
 */
#include "soc/arm1176/coherency.h"

#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/arm_decode.h"
#include "emu/cpu.h"
#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/report.h"
#include "mm/heatmap.h"
#include "mm/pagestate.h"
#include "soc/arm1176/memsys_priv.h"

#define COH_KEEP 32   /* findings kept for the report, per kind */
#define COH_WARN 8    /* lines on stderr, per kind */

static const char *const kind_names[COH_NR] = {
	"missing_clean", "missing_invalidate", "writeback_over_dma", "cpu_write_in_flight",
};

static const char *const kind_text[COH_NR] = {
	"DMA read a line the CPU holds dirty: the device reads stale memory (missing clean "
	"before the transfer)",
	"the CPU read a cached line DMA wrote behind it: the CPU reads stale data (missing "
	"invalidate after the transfer)",
	"a dirty line was written back over memory DMA wrote: the write-back destroys the "
	"device's data (missing clean+invalidate before the transfer)",
	"the CPU wrote a buffer a DMA transfer is reading (write while the transfer is in "
	"flight)",
};

bool coherency_parse_mode(const char *s, enum coherency_mode *out)
{
	static const char *const names[] = { "off", "report", "strict" };

	for (int i = 0; i < 3; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum coherency_mode)i;
			return true;
		}
	}
	return false;
}

const char *coherency_kind_name(enum coh_kind k)
{
	return k < COH_NR ? kind_names[k] : "?";
}

int coherency_init(struct coherency *co, enum coherency_mode mode, uint32_t nr_lines,
		   uint32_t line)
{
	memset(co, 0, sizeof(*co));
	co->mode = mode;
	if (mode == COHERENCY_OFF)
		return 0;
	co->store = xcalloc(nr_lines, sizeof(*co->store), "coherency store records");
	if (mode == COHERENCY_STRICT) {
		co->dram = xcalloc(nr_lines, line, "strict-mode DRAM lines");
		co->shadow = xcalloc(nr_lines, sizeof(*co->shadow), "strict-mode line tags");
	}
	return 0;
}

void coherency_destroy(struct coherency *co)
{
	free(co->store);
	free(co->dram);
	free(co->shadow);
	free(co->rec);
	if (co->ps)
		pagestate_destroy(co->ps);
	free(co->ps);
	co->ps = NULL;
	co->store = NULL;
	co->dram = NULL;
	co->shadow = NULL;
	co->rec = NULL;
}

static uint32_t store_pc(struct memsys *ms, const struct coh_store *s);

static bool is_dma(enum bus_master who)
{
	return who >= BUS_DMA0 && who <= BUS_SDMA1;
}

static struct coh_writer *writer_slot(struct coherency *co, uint32_t line, unsigned shift)
{
	return &co->writer[(line >> shift) % COH_WRITERS];
}

/*
 * Where the frame of `pa` came from, as the guest's mm says right now (the
 * page-state decoder, guest/include/page_abi.h): its CMA area, its state,
 * and its slab cache.  Runs only for findings that are kept.
 */
static void name_alloc(struct memsys *ms, uint32_t pa, char *buf, size_t len)
{
	struct coherency *co = &ms->coh;
	uint32_t base, size, abi_pa = heatmap_find_abi(ms->m);
	const uint8_t *ram = machine_ram(ms->m, &base, &size);
	struct ps_mem mem = { ram, base, size };
	const struct ps_frame *f;
	const char *owner;
	char cma[48] = "";

	buf[0] = 0;
	if (!abi_pa || pa - base >= size)
		return;
	if (!co->ps) {
		co->ps = xcalloc(1, sizeof(*co->ps), "a page-state snapshot");
		if (pagestate_init(co->ps, base >> 12, size >> 12) != 0) {
			free(co->ps);
			co->ps = NULL;
			return;
		}
	}
	pagestate_decode(co->ps, &mem, abi_pa, 0, 0);
	if (!co->ps->abi_ok)
		return;
	for (uint32_t i = 0; i < co->ps->abi.nr_cma && i < MM_ABI_MAX_CMA; i++) {
		const struct mm_abi_cma *a = &co->ps->abi.cma[i];

		if ((pa >> 12) - a->base_pfn < a->count)
			snprintf(cma, sizeof(cma), "CMA area %.*s, ", MM_ABI_CMA_NAME_LEN, a->name);
	}
	f = &co->ps->frame[(pa >> 12) - co->ps->pfn0];
	owner = pagestate_owner_name(co->ps, f);
	snprintf(buf, len, "%s%s%s%s", cma, pagestate_state_name((enum ps_state)f->state),
		 owner ? " " : "", owner ? owner : "");
}

/* Record and print one finding. */
static void coh_finding(struct memsys *ms, enum coh_kind kind, enum bus_master who, int channel,
			uint32_t pa, bool has_va, uint32_t va, bool has_pc, uint32_t pc)
{
	struct coherency *co = &ms->coh;
	uint64_t n = ++co->count[kind];
	struct coh_finding f = {
		.kind = (uint8_t)kind, .who = (uint8_t)who, .channel = (int8_t)channel,
		.has_pc = has_pc, .has_va = has_va, .cycle = ms->clock->now,
		.pa = pa, .va = va, .pc = pc,
	};
	char sym[96], xfer[96] = "", vas[16] = "-", alloc[80] = "";

	if (is_dma(who) && channel >= 0) {
		f.xfer = co->xfer[who - BUS_DMA0][channel];
		f.has_xfer = f.xfer.start || f.xfer.active;
	}
	if (n <= COH_KEEP || n <= COH_WARN)
		name_alloc(ms, pa, f.alloc, sizeof(f.alloc));
	if (n <= COH_KEEP) {
		co->rec = xrealloc(co->rec, co->nr_rec + 1, sizeof(*co->rec), "a coherency finding");
		co->rec[co->nr_rec++] = f;
	}
	if (n > COH_WARN)
		return;
	if (f.alloc[0])
		snprintf(alloc, sizeof(alloc), " (%s)", f.alloc);
	if (has_va)
		snprintf(vas, sizeof(vas), "0x%08x", va);
	if (f.has_xfer)
		snprintf(xfer, sizeof(xfer), ", transfer from cycle %llu src 0x%08x dst 0x%08x",
			 (unsigned long long)f.xfer.start, f.xfer.src, f.xfer.dst);
	guest_warn("coherency: %s%s: %s channel %d, pa 0x%08x%s, va %s, pc %s%s: %s",
		   kind_names[kind], n == COH_WARN ? " (further ones only counted)" : "",
		   is_dma(who) ? bus_master_name(who) : "DMA", channel, pa, alloc, vas, has_pc ? elf_symbolize(machine_elf(ms->m), pc, sym, sizeof(sym)) : "-", xfer,
		   kind_text[kind]);
}

/* --- the DMA side ---------------------------------------------------------------- */

static void range_update(struct coherency *co)
{
	co->in_flight = 0;
	co->src_lo = UINT32_MAX;
	co->src_hi = 0;
	for (unsigned k = 0; k < COH_CONTROLLERS; k++)
		for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
			const struct coh_xfer *x = &co->xfer[k][c];

			if (!x->active || !x->src_bytes)
				continue;
			co->in_flight++;
			if (x->src < co->src_lo)
				co->src_lo = x->src;
			if (x->src + x->src_bytes > co->src_hi)
				co->src_hi = x->src + x->src_bytes;
		}
}

static void remember_range(struct coherency *co, uint32_t pa, uint32_t len)
{
	if (!len)
		return;
	if (co->nr_recent == COH_RECENT) {
		co->recent_dropped++;
		return;
	}
	co->recent[co->nr_recent++] = (struct coh_range){ pa, len };
}

void coherency_dma_item(struct memsys *ms, enum bus_master who, unsigned c,
			const struct pl080s_item *it)
{
	struct coh_xfer *x;

	if (!is_dma(who) || c >= PL080S_NR_CHANNELS || ms->coh.mode == COHERENCY_OFF)
		return;
	x = &ms->coh.xfer[who - BUS_DMA0][c];
	if (it->start) {
		*x = (struct coh_xfer){ .active = true, .start = ms->clock->now, .src = it->src,
					.dst = it->dst, .src_bytes = it->src_bytes,
					.dst_bytes = it->dst_bytes };
		remember_range(&ms->coh, it->src, it->src_bytes);
		remember_range(&ms->coh, it->dst, it->dst_bytes);
	} else if (x->active)
		x->active = false;
	else
		return;
	range_update(&ms->coh);
}

void coherency_dma_burst(struct memsys *ms, const struct pl080s_burst *b, uint32_t len)
{
	struct coherency *co = &ms->coh;
	struct cache *c = &ms->dcache;
	uint32_t first = b->pa & ~(c->line - 1);

	if (co->mode == COHERENCY_OFF || !len)
		return;
	ms->st.dma_checks++;
	for (uint32_t line = first; line - first < len + (b->pa - first); line += c->line) {
		int idx = cache_find(c, line);
		uint32_t lo = line > b->pa ? line : b->pa, hi = line + c->line;

		if (idx >= 0) {
			if (hi > b->pa + len)
				hi = b->pa + len;
			if (!b->write) {
				if (cache_range_dirty(c, idx, lo, hi))
					coh_finding(ms, COH_MISSING_CLEAN, b->master, (int)b->channel,
						    lo, true,
						    (co->store[idx].va & ~(c->line - 1)) + (lo - line),
						    true, store_pc(ms, &co->store[idx]));
			} else {
				struct coh_writer *w = writer_slot(co, line, c->line_shift);

				*w = (struct coh_writer){ line | 1, (uint8_t)b->master,
							  (uint8_t)b->channel };
				cache_mark_dma_stale(c, idx);
			}
		}
		if (line + c->line < line)
			break;
	}
}

/* --- strict mode: DRAM's bytes kept apart from the CPU's view -------------------- */

static uint8_t *ram_at(struct memsys *ms, uint32_t pa, uint32_t len)
{
	uint32_t base, size;
	uint8_t *ram = machine_ram(ms->m, &base, &size);

	return ram && pa - base < size && len <= size - (pa - base) ? ram + (pa - base) : NULL;
}

/* DRAM's bytes of `line`, cached at `idx`: kept from now on if they were not. */
static uint8_t *keep_line(struct memsys *ms, int idx, uint32_t line)
{
	struct coherency *co = &ms->coh;
	uint32_t n = ms->dcache.line;
	uint8_t *d = co->dram + (size_t)idx * n;

	if (co->shadow[idx] != (line | 1)) {
		const uint8_t *r = ram_at(ms, line, n);

		/* Until now DRAM and the CPU's view agreed: RAM holds both. */
		if (r)
			memcpy(d, r, n);
		co->shadow[idx] = line | 1;
		co->nr_shadow++;
	}
	return d;
}

/* Move [pa, pa + len) between `buf` and DRAM as the device sees it. */
static void dram_move(struct memsys *ms, uint32_t pa, uint8_t *buf, uint32_t len, bool write)
{
	struct coherency *co = &ms->coh;
	struct cache *c = &ms->dcache;

	while (len) {
		uint32_t line = pa & ~(c->line - 1), off = pa - line;
		uint32_t n = c->line - off < len ? c->line - off : len;
		int idx = write || co->nr_shadow ? cache_find(c, line) : -1;
		uint8_t *m = NULL;

		/* One lookup per line: a line the CPU holds keeps DRAM's bytes apart. */
		if (idx >= 0 && (write || co->shadow[idx] == (line | 1))) {
			m = keep_line(ms, idx, line) + off;
			co->dma_kept += write;
		} else {
			m = ram_at(ms, pa, n);
		}
		if (m) {
			if (write)
				memcpy(m, buf, n);
			else
				memcpy(buf, m, n);
		}
		pa += n;
		buf += n;
		len -= n;
	}
}

void coherency_dma_access(struct memsys *ms, const struct pl080s_burst *b, uint8_t *buf)
{
	if (b->inc) {
		dram_move(ms, b->pa, buf, b->width * b->beats, b->write);
		return;
	}
	/* A fixed address: every beat reads or writes the same bytes. */
	for (uint32_t i = 0; i < b->beats; i++)
		dram_move(ms, b->pa, buf + i * b->width, b->width, b->write);
}

void coherency_line_event(void *opaque, int idx, uint32_t key, enum cache_op op)
{
	struct memsys *ms = opaque;
	struct coherency *co = &ms->coh;
	uint32_t line = key & ~(ms->dcache.line - 1);

	if (co->shadow[idx] != (line | 1))
		return;
	if ((key & CACHE_DIRTY) && (op & CACHE_CLEAN)) {
		/* The write-back makes DRAM the cache's copy, which RAM holds. */
	} else if (op & CACHE_INVALIDATE) {
		/* The line leaves unwritten: from now on the CPU reads DRAM. */
		uint8_t *r = ram_at(ms, line, ms->dcache.line);

		if (r)
			memcpy(r, co->dram + (size_t)idx * ms->dcache.line, ms->dcache.line);
		co->cpu_stale++;
	} else {
		return; /* cleaning a clean line: the CPU keeps its (stale) copy */
	}
	co->shadow[idx] = 0;
	co->nr_shadow--;
}

/* --- the CPU side ------------------------------------------------------------------- */

/*
 * The number of the block's first conditional load or store (0xffff: none):
 * up to there every access runs, so a position names its instruction.
 */
static unsigned block_first_cond(struct memsys *ms, uint32_t pc, uint32_t size, bool thumb)
{
	struct coh_block *b = &ms->coh.block[(pc >> 1) % COH_BLOCKS];
	static const uint32_t r[16];
	unsigned n = 0;

	if (b->size && b->pc == pc && b->size == size)
		return b->first_cond;
	*b = (struct coh_block){ pc, (uint16_t)size, 0xffff };
	for (uint32_t a = pc; a < pc + size && !thumb; a += 4) {
		struct arm_access acc[ARM_MAX_ACCESSES];
		uint32_t insn = 0;
		int cnt;

		if (!memsys_read_virt(ms, a, &insn, 4))
			break;
		/* as if it passed: does it access memory, under a condition? */
		cnt = arm_decode_accesses((insn & 0x0fffffffu) | 0xe0000000u, false, a, r, 0, acc);
		if (cnt < 0 || (cnt > 0 && insn >> 28 < 0xe)) {
			b->first_cond = (uint16_t)n;
			break;
		}
		n += (unsigned)cnt;
	}
	return b->first_cond;
}

void coherency_store_hit(struct memsys *ms, int idx, uint32_t va, uint32_t pa, bool dirtying)
{
	struct coh_store *s = &ms->coh.store[idx];
	uint32_t pc, bytes;
	bool thumb;

	machine_current_block(ms->m, &pc, &bytes, &thumb);
	s->blk_pc = pc;
	s->blk_size = (uint16_t)bytes;
	s->thumb = thumb;
	s->k = (uint16_t)(ms->blk_accesses ? ms->blk_accesses - 1 : 0);
	s->va = va;
	s->has_regs = bytes && s->k >= block_first_cond(ms, pc, bytes, thumb);
	if (s->has_regs)
		cpu_regs(ms->m, s->r, &s->cpsr);
	/* The store has not reached RAM yet: RAM is still what DRAM holds. */
	if (dirtying && ms->coh.shadow)
		keep_line(ms, idx, pa & ~(ms->dcache.line - 1));
}

/* The instruction of a noted store. */
static uint32_t store_pc(struct memsys *ms, const struct coh_store *s)
{
	return memsys_block_access_pc(ms, s->blk_pc, s->blk_size, s->thumb, s->k,
				      s->has_regs ? s->r : NULL, s->cpsr, s->va, true);
}

void coherency_store_through(struct memsys *ms, uint32_t pa, unsigned size, uint64_t value)
{
	struct coherency *co = &ms->coh;
	struct cache *c = &ms->dcache;
	uint32_t line = pa & ~(c->line - 1);
	int idx = cache_find(c, line);

	if (idx < 0 || co->shadow[idx] != (line | 1) || (pa & (c->line - 1)) + size > c->line)
		return;
	for (unsigned i = 0; i < size && i < 8; i++)
		co->dram[(size_t)idx * c->line + (pa - line) + i] = (uint8_t)(value >> (8 * i));
}

static void writer_of(struct memsys *ms, uint32_t line, enum bus_master *who, int *ch)
{
	const struct coh_writer *w = writer_slot(&ms->coh, line, ms->dcache.line_shift);

	*who = BUS_NR_MASTERS;
	*ch = -1;
	if (w->line == (line | 1)) {
		*who = (enum bus_master)w->who;
		*ch = w->channel;
	}
}

void coherency_stale_read(struct memsys *ms, uint32_t va, uint32_t pa)
{
	enum bus_master who;
	int ch;

	if (ms->coh.mode == COHERENCY_OFF)
		return;
	writer_of(ms, pa & ~(ms->dcache.line - 1), &who, &ch);
	coh_finding(ms, COH_MISSING_INVALIDATE, who, ch, pa, true, va, true,
		    memsys_access_pc(ms, va, false));
}

void coherency_writeback(struct memsys *ms, uint32_t key)
{
	uint32_t line = key & ~(ms->dcache.line - 1);
	enum bus_master who;
	int ch;

	if (ms->coh.mode == COHERENCY_OFF || !(key & CACHE_DMA_STALE))
		return;
	writer_of(ms, line, &who, &ch);
	coh_finding(ms, COH_WRITEBACK_OVER_DMA, who, ch, line, false, 0, false, 0);
}

void coherency_cpu_store(struct memsys *ms, uint32_t va, uint32_t pa, unsigned size)
{
	struct coherency *co = &ms->coh;

	for (unsigned k = 0; k < COH_CONTROLLERS; k++)
		for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
			const struct coh_xfer *x = &co->xfer[k][c];

			if (x->active && x->src_bytes && pa + size > x->src &&
			    pa < x->src + x->src_bytes) {
				coh_finding(ms, COH_CPU_WRITE_IN_FLIGHT, BUS_DMA0 + k, (int)c, pa,
					    true, va, true, memsys_access_pc(ms, va, true));
				return;
			}
		}
}

/* --- results ---------------------------------------------------------------------- */

uint64_t coherency_total(const struct coherency *co)
{
	uint64_t n = 0;

	for (int k = 0; k < COH_NR; k++)
		n += co->count[k];
	return n;
}

void coherency_finish(struct memsys *ms)
{
	const struct coherency *co = &ms->coh;
	uint64_t n = coherency_total(co);

	if (!n)
		return;
	log_warn("coherency: %llu finding(s) in all: missing_clean %llu, missing_invalidate %llu, "
		 "writeback_over_dma %llu, cpu_write_in_flight %llu%s", (unsigned long long)n,
		 (unsigned long long)co->count[0], (unsigned long long)co->count[1],
		 (unsigned long long)co->count[2], (unsigned long long)co->count[3],
		 co->mode == COHERENCY_STRICT ? " (strict: the device saw DRAM, the CPU its cached "
		 "lines)" : "");
}

void coherency_report(struct memsys *ms, struct report *r)
{
	static const char *const modes[] = { "off", "report", "strict" };
	struct coherency *co = &ms->coh;

	report_object(r, "coherency");
	report_str(r, "mode", modes[co->mode]);
	report_object(r, "counts");
	for (int k = 0; k < COH_NR; k++)
		report_u64(r, kind_names[k], co->count[k]);
	report_end(r);
	if (co->mode == COHERENCY_STRICT) {
		/* what strict mode did to the data */
		report_object(r, "strict");
		report_u64(r, "dma_writes_kept_from_cpu", co->dma_kept);
		report_u64(r, "stale_lines_dropped", co->cpu_stale);
		report_u64(r, "lines_kept_now", co->nr_shadow);
		report_end(r);
	}
	report_array(r, "first");
	for (unsigned i = 0; i < co->nr_rec; i++) {
		const struct coh_finding *f = &co->rec[i];
		char sym[96];

		report_object(r, NULL);
		report_str(r, "kind", kind_names[f->kind]);
		report_u64(r, "cycle", f->cycle);
		report_hex(r, "pa", f->pa);
		if (f->has_va)
			report_hex(r, "va", f->va);
		report_str(r, "controller", is_dma((enum bus_master)f->who) ?
			   bus_master_name((enum bus_master)f->who) : "unknown");
		if (f->channel >= 0)
			report_u64(r, "channel", (uint64_t)f->channel);
		if (f->has_pc) {
			report_hex(r, "pc", f->pc);
			report_str(r, "symbol", elf_symbolize(machine_elf(ms->m), f->pc, sym,
							      sizeof(sym)));
		}
		if (f->has_xfer) {
			report_object(r, "transfer");
			report_u64(r, "start_cycle", f->xfer.start);
			report_hex(r, "src", f->xfer.src);
			report_hex(r, "dst", f->xfer.dst);
			report_u64(r, "in_flight", f->xfer.active);
			report_end(r);
		}
		if (f->alloc[0])
			report_str(r, "allocation", f->alloc);
		report_str(r, "detail", kind_text[f->kind]);
		report_end(r);
	}
	report_end(r);
	report_end(r);
}

void coherency_print_stats(struct memsys *ms, FILE *f)
{
	const struct coherency *co = &ms->coh;

	fprintf(f, "coherency         ");
	for (int k = 0; k < COH_NR; k++)
		fprintf(f, " %s %llu", kind_names[k], (unsigned long long)co->count[k]);
	fprintf(f, "\n");
}

/* Mark the frames [pa, pa + len) touches. */
static void mark(uint64_t *bits, uint32_t pfn0, uint32_t nframes, uint32_t pa, uint32_t len)
{
	uint32_t last = (uint32_t)(((uint64_t)pa + (len ? len : 1) - 1) >> 12);

	for (uint32_t pfn = pa >> 12; pfn <= last; pfn++)
		if (pfn - pfn0 < nframes)
			bits[(pfn - pfn0) / 64] |= 1ull << ((pfn - pfn0) % 64);
}

void coherency_overlay_in_flight(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes)
{
	struct memsys *ms = opaque;

	for (unsigned k = 0; k < COH_CONTROLLERS; k++)
		for (unsigned c = 0; c < PL080S_NR_CHANNELS; c++) {
			const struct coh_xfer *x = &ms->coh.xfer[k][c];

			if (!x->active)
				continue;
			mark(bits, pfn0, nframes, x->src, x->src_bytes);
			mark(bits, pfn0, nframes, x->dst, x->dst_bytes);
		}
}

void coherency_overlay_recent(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes)
{
	struct memsys *ms = opaque;

	for (unsigned i = 0; i < ms->coh.nr_recent; i++)
		mark(bits, pfn0, nframes, ms->coh.recent[i].pa, ms->coh.recent[i].len);
	ms->coh.nr_recent = 0;
}

void coherency_overlay_findings(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes)
{
	struct memsys *ms = opaque;

	for (unsigned i = 0; i < ms->coh.nr_rec; i++)
		mark(bits, pfn0, nframes, ms->coh.rec[i].pa, 1);
}
