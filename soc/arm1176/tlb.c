/* SPDX-License-Identifier: MIT */
/*
 * tlb.c - MicroTLBs, main TLB, c8 maintenance and descriptor watching (see tlb.h).
 */
#include "soc/arm1176/tlb.h"

#include <string.h>

#include "emu/report.h"

#define LOCK_VICTIM(r)  (((r) >> 26) & 7u)
#define LOCK_PRESERVE   1u

void tlb_init(struct tlb *t, uint32_t seed)
{
	memset(t, 0, sizeof(*t));
	t->lfsr = seed ? seed : 1;
}

void tlb_reset(struct tlb *t, uint32_t seed)
{
	struct tlb_stats keep = t->st;

	tlb_init(t, seed);
	t->st = keep;
}

struct tlb_entry *tlb_main_access(struct tlb *t, uint32_t va, uint8_t asid)
{
	struct tlb_entry *e = tlb_main_lookup(t, va, asid);

	if (e)
		t->st.main_hits++;
	else
		t->st.main_misses++;
	return e;
}

void tlb_count_walk(struct tlb *t, enum tlb_side side, unsigned reads, bool fault)
{
	t->st.walks[side]++;
	t->st.walk_reads += reads;
	t->st.walk_faults += fault;
}

void tlb_count_stale_use(struct tlb *t)
{
	t->st.stale_uses++;
}

enum memtype tlb_memtype(unsigned tex, unsigned c, unsigned b, bool shared)
{
	unsigned cb = (c << 1) | b;
	enum memtype mt;

	if (tex & 4) {
		/* Cached memory: C,B give the inner (L1) policy. */
		static const enum memtype inner[4] = { MT_NORMAL_NC, MT_WB, MT_WT, MT_WB };

		mt = inner[cb];
	} else {
		switch (tex << 2 | cb) {
		case 0x0: mt = MT_STRONGLY_ORDERED; break;
		case 0x1: mt = MT_DEVICE; break;
		case 0x2: mt = MT_WT; break;
		case 0x3: mt = MT_WB; break;
		case 0x4: mt = MT_NORMAL_NC; break;
		case 0x7: mt = MT_WB; break;
		case 0x8: mt = MT_DEVICE; break;   /* non-shared device */
		default:  mt = MT_STRONGLY_ORDERED; break; /* reserved encodings */
		}
	}
	if (shared && (mt == MT_WT || mt == MT_WB))
		mt = MT_NORMAL_NC;
	return mt;
}

const char *tlb_memtype_name(enum memtype mt)
{
	static const char *const names[MT_NR] = {
		"strongly-ordered", "device", "normal-noncacheable", "write-through", "write-back",
	};

	return mt < MT_NR ? names[mt] : "?";
}

void tlb_entry_from_walk(struct tlb_entry *e, const struct mmu_result *w, uint32_t va,
			 uint8_t asid, bool subpages)
{
	uint32_t size = w->size;

	memset(e, 0, sizeof(*e));
	/* XP=0 subpages have their own AP: one entry per subpage. */
	if (subpages && w->kind == MAP_LARGE)
		size = 16384;
	else if (subpages && w->kind == MAP_SMALL)
		size = 1024;
	e->size_log2 = (uint8_t)__builtin_ctz(size);
	e->mask = ~(size - 1);
	e->va = va & e->mask;
	e->pa = w->pa & e->mask;
	e->flags = TLBE_VALID | (w->ng ? 0 : TLBE_GLOBAL);
	e->asid = w->ng ? asid : 0;
	e->kind = (uint8_t)w->kind;
	e->domain = w->domain;
	e->ap = w->ap;
	e->xn = w->xn;
	e->memtype = (uint8_t)tlb_memtype(w->tex, w->c, w->b, w->s);
	e->nr_desc = w->nr_reads;
	for (unsigned i = 0; i < w->nr_reads && i < 2; i++) {
		e->desc_pa[i] = w->desc_pa[i];
		e->desc[i] = w->desc[i];
	}
}

static void watch_add(struct tlb *t, const struct tlb_entry *e)
{
	for (unsigned i = 0; i < e->nr_desc; i++) {
		unsigned slot = tlb_watch_slot(e->desc_pa[i]);

		if (t->watch[slot]++ == 0)
			t->watch_any[slot / 64] |= 1ull << (slot % 64);
	}
}

static void watch_remove(struct tlb *t, const struct tlb_entry *e)
{
	if (!(e->flags & TLBE_VALID))
		return;
	for (unsigned i = 0; i < e->nr_desc; i++) {
		unsigned slot = tlb_watch_slot(e->desc_pa[i]);

		if (--t->watch[slot] == 0)
			t->watch_any[slot / 64] &= ~(1ull << (slot % 64));
	}
}

static void size_gone(struct tlb *t, const struct tlb_entry *e);
static void size_added(struct tlb *t, const struct tlb_entry *e);

/* Replace slot `dst` with `src` (NULL: invalidate), keeping the counts right. */
static void put(struct tlb *t, struct tlb_entry *dst, const struct tlb_entry *src)
{
	watch_remove(t, dst);
	size_gone(t, dst);
	if (src) {
		*dst = *src;
		watch_add(t, dst);
		size_added(t, dst);
	} else {
		dst->flags = 0;
	}
}

static uint32_t next_random(struct tlb *t)
{
	uint32_t x = t->lfsr;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	t->lfsr = x;
	return x;
}

static bool in_main(const struct tlb *t, const struct tlb_entry *e)
{
	return e >= &t->main[0][0] && e < &t->main[0][0] + TLB_MAIN_SETS * TLB_MAIN_WAYS;
}

/* Keep the set of page sizes in the 2-way part, so lookups probe only those. */
static void size_gone(struct tlb *t, const struct tlb_entry *e)
{
	if ((e->flags & TLBE_VALID) && in_main(t, e) && !--t->size_count[e->size_log2])
		t->sizes_in_main &= ~(1u << e->size_log2);
}

static void size_added(struct tlb *t, const struct tlb_entry *e)
{
	if (in_main(t, e) && !t->size_count[e->size_log2]++)
		t->sizes_in_main |= 1u << e->size_log2;
}

struct tlb_entry *tlb_main_lookup(struct tlb *t, uint32_t va, uint8_t asid)
{
	uint32_t sizes = t->sizes_in_main;

	for (unsigned i = 0; i < TLB_LOCK_ENTRIES; i++)
		if (tlb_entry_matches(&t->lock[i], va, asid))
			return &t->lock[i];
	while (sizes) {
		unsigned lg = (unsigned)__builtin_ctz(sizes);
		struct tlb_entry *set = t->main[(va >> lg) & (TLB_MAIN_SETS - 1)];

		sizes &= sizes - 1;
		for (unsigned w = 0; w < TLB_MAIN_WAYS; w++)
			if (set[w].size_log2 == lg && tlb_entry_matches(&set[w], va, asid))
				return &set[w];
	}
	return NULL;
}

struct tlb_entry *tlb_utlb_insert(struct tlb *t, enum tlb_side side, const struct tlb_entry *e)
{
	unsigned i;

	if (t->random) {
		i = (next_random(t) >> 8) % TLB_UTLB_ENTRIES;
	} else {
		i = t->utlb_next[side];
		t->utlb_next[side] = (i + 1) % TLB_UTLB_ENTRIES;
	}
	put(t, &t->utlb[side][i], e);
	return &t->utlb[side][i];
}

struct tlb_entry *tlb_main_insert(struct tlb *t, const struct tlb_entry *e)
{
	struct tlb_entry *dst;

	if (t->lockdown & LOCK_PRESERVE) {
		unsigned v = LOCK_VICTIM(t->lockdown);

		dst = &t->lock[v];
		t->lockdown = (t->lockdown & ~(7u << 26)) | (((v + 1) & 7u) << 26);
		t->st.lock_fills++;
	} else {
		unsigned set = (e->va >> e->size_log2) & (TLB_MAIN_SETS - 1);
		unsigned way = t->main_next[set];

		t->main_next[set] = (uint8_t)((way + 1) % TLB_MAIN_WAYS);
		dst = &t->main[set][way];
	}
	put(t, dst, e);
	return dst;
}

void tlb_flush_utlbs(struct tlb *t)
{
	for (unsigned s = 0; s < 2; s++)
		for (unsigned i = 0; i < TLB_UTLB_ENTRIES; i++)
			put(t, &t->utlb[s][i], NULL);
	t->st.utlb_flushes++;
}

/* Invalidate the main-TLB entries `match` selects (locked ones when `locked`). */
static void invalidate_main(struct tlb *t, bool locked,
			    bool (*match)(const struct tlb_entry *e, uint32_t mva, uint8_t asid),
			    uint32_t mva, uint8_t asid)
{
	for (unsigned s = 0; s < TLB_MAIN_SETS; s++) {
		for (unsigned w = 0; w < TLB_MAIN_WAYS; w++) {
			struct tlb_entry *e = &t->main[s][w];

			if ((e->flags & TLBE_VALID) && match(e, mva, asid)) {
				put(t, e, NULL);
				t->st.entries_invalidated++;
			}
		}
	}
	if (locked) {
		for (unsigned i = 0; i < TLB_LOCK_ENTRIES; i++) {
			struct tlb_entry *e = &t->lock[i];

			if ((e->flags & TLBE_VALID) && match(e, mva, asid)) {
				put(t, e, NULL);
				t->st.entries_invalidated++;
			}
		}
	}
	tlb_flush_utlbs(t);
}

static bool match_all(const struct tlb_entry *e, uint32_t mva, uint8_t asid)
{
	return true;
}

static bool match_mva(const struct tlb_entry *e, uint32_t mva, uint8_t asid)
{
	return !((mva ^ e->va) & e->mask) && ((e->flags & TLBE_GLOBAL) || e->asid == asid);
}

static bool match_asid(const struct tlb_entry *e, uint32_t mva, uint8_t asid)
{
	return !(e->flags & TLBE_GLOBAL) && e->asid == asid;
}

void tlb_invalidate_all(struct tlb *t)
{
	t->st.inv_all++;
	invalidate_main(t, false, match_all, 0, 0);
}

void tlb_invalidate_mva(struct tlb *t, uint32_t mva, uint8_t asid)
{
	t->st.inv_mva++;
	invalidate_main(t, true, match_mva, mva, asid);
}

void tlb_invalidate_asid(struct tlb *t, uint8_t asid)
{
	t->st.inv_asid++;
	invalidate_main(t, true, match_asid, 0, asid);
}

void tlb_for_each(struct tlb *t, void (*fn)(void *opaque, struct tlb_entry *e), void *opaque)
{
	for (unsigned s = 0; s < 2; s++)
		for (unsigned i = 0; i < TLB_UTLB_ENTRIES; i++)
			if (t->utlb[s][i].flags & TLBE_VALID)
				fn(opaque, &t->utlb[s][i]);
	for (unsigned s = 0; s < TLB_MAIN_SETS; s++)
		for (unsigned w = 0; w < TLB_MAIN_WAYS; w++)
			if (t->main[s][w].flags & TLBE_VALID)
				fn(opaque, &t->main[s][w]);
	for (unsigned i = 0; i < TLB_LOCK_ENTRIES; i++)
		if (t->lock[i].flags & TLBE_VALID)
			fn(opaque, &t->lock[i]);
}

static void mark_verify(void *opaque, struct tlb_entry *e)
{
	e->flags |= TLBE_VERIFY;
}

void tlb_mark_verify(struct tlb *t)
{
	tlb_for_each(t, mark_verify, NULL);
}

struct store_ctx {
	uint32_t lo, hi;
	uint64_t cycle;
	unsigned n;
};

static void check_store(void *opaque, struct tlb_entry *e)
{
	struct store_ctx *s = opaque;

	for (unsigned i = 0; i < e->nr_desc; i++) {
		if (e->desc_pa[i] + 4 > s->lo && e->desc_pa[i] < s->hi) {
			if (!(e->flags & TLBE_SUSPECT)) {
				e->store_pa = e->desc_pa[i];
				e->store_cycle = s->cycle;
			}
			e->flags |= TLBE_SUSPECT;
			s->n++;
			return;
		}
	}
}

unsigned tlb_descriptor_store(struct tlb *t, uint32_t pa, unsigned size, uint64_t cycle)
{
	struct store_ctx s = { pa, pa + (size ? size : 1), cycle, 0 };

	tlb_for_each(t, check_store, &s);
	t->st.suspect_marks += s.n;
	return s.n;
}

void tlb_count(const struct tlb *t, unsigned *itlb, unsigned *dtlb, unsigned *main,
	       unsigned *locked)
{
	*itlb = *dtlb = *main = *locked = 0;
	for (unsigned i = 0; i < TLB_UTLB_ENTRIES; i++) {
		*itlb += !!(t->utlb[TLB_I][i].flags & TLBE_VALID);
		*dtlb += !!(t->utlb[TLB_D][i].flags & TLBE_VALID);
	}
	for (unsigned s = 0; s < TLB_MAIN_SETS; s++)
		for (unsigned w = 0; w < TLB_MAIN_WAYS; w++)
			*main += !!(t->main[s][w].flags & TLBE_VALID);
	for (unsigned i = 0; i < TLB_LOCK_ENTRIES; i++)
		*locked += !!(t->lock[i].flags & TLBE_VALID);
}

void tlb_report(const struct tlb *t, struct report *r)
{
	const struct tlb_stats *st = &t->st;
	unsigned ni, nd, nm, nl;

	tlb_count(t, &ni, &nd, &nm, &nl);
	report_object(r, "tlb");
	report_object(r, "itlb");
	report_u64(r, "hits", st->utlb_hits[TLB_I]);
	report_u64(r, "misses", st->utlb_misses[TLB_I]);
	report_u64(r, "entries", ni);
	report_end(r);
	report_object(r, "dtlb");
	report_u64(r, "hits", st->utlb_hits[TLB_D]);
	report_u64(r, "misses", st->utlb_misses[TLB_D]);
	report_u64(r, "entries", nd);
	report_end(r);
	report_object(r, "main");
	report_u64(r, "hits", st->main_hits);
	report_u64(r, "misses", st->main_misses);
	report_u64(r, "entries", nm);
	report_u64(r, "locked_entries", nl);
	report_u64(r, "lock_fills", st->lock_fills);
	report_end(r);
	report_object(r, "walks");
	report_u64(r, "insn", st->walks[TLB_I]);
	report_u64(r, "data", st->walks[TLB_D]);
	report_u64(r, "descriptor_reads", st->walk_reads);
	report_u64(r, "faults", st->walk_faults);
	report_end(r);
	report_object(r, "maintenance");
	report_u64(r, "invalidate_all", st->inv_all);
	report_u64(r, "invalidate_mva", st->inv_mva);
	report_u64(r, "invalidate_asid", st->inv_asid);
	report_u64(r, "entries_invalidated", st->entries_invalidated);
	report_u64(r, "utlb_flushes", st->utlb_flushes);
	report_end(r);
	report_u64(r, "descriptor_store_marks", st->suspect_marks);
	report_u64(r, "stale_uses", st->stale_uses);
	report_end(r);
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void tlb_print_stats(const struct tlb *t, FILE *f)
{
	const struct tlb_stats *st = &t->st;
	uint64_t ti = st->utlb_hits[TLB_I] + st->utlb_misses[TLB_I];
	uint64_t td = st->utlb_hits[TLB_D] + st->utlb_misses[TLB_D];

	fprintf(f, "I-MicroTLB         %llu lookups, %llu misses (%.2f%%)\n",
		(unsigned long long)ti, (unsigned long long)st->utlb_misses[TLB_I],
		pct(st->utlb_misses[TLB_I], ti));
	fprintf(f, "D-MicroTLB         %llu lookups, %llu misses (%.2f%%)\n",
		(unsigned long long)td, (unsigned long long)st->utlb_misses[TLB_D],
		pct(st->utlb_misses[TLB_D], td));
	fprintf(f, "main TLB           %llu hits, %llu misses; walks %llu I + %llu D, %llu "
		"descriptor reads, %llu faulting\n", (unsigned long long)st->main_hits,
		(unsigned long long)st->main_misses, (unsigned long long)st->walks[TLB_I],
		(unsigned long long)st->walks[TLB_D], (unsigned long long)st->walk_reads,
		(unsigned long long)st->walk_faults);
	fprintf(f, "TLB maintenance    %llu all, %llu by MVA, %llu by ASID (%llu entries)\n",
		(unsigned long long)st->inv_all, (unsigned long long)st->inv_mva,
		(unsigned long long)st->inv_asid, (unsigned long long)st->entries_invalidated);
}
