/* SPDX-License-Identifier: MIT */
/*
 * tlb.h - the ARM1176's TLBs: two MicroTLBs and the unified main TLB.
 *
 * DOC: ARM DDI 0301H sec. 6.2 describes the structure modelled here:
 *   - a MicroTLB of 10 fully associative entries per side (instruction,
 *     data), looked up on every access in one cycle;
 *   - a unified main TLB, consulted on MicroTLB misses: 64 entries, 2-way
 *     set associative, plus 8 fully associative entries that only the TLB
 *     lockdown register (c10) fills;
 *   - entries tagged with the 8-bit ASID (CONTEXTIDR) unless global (nG=0).
 * Replacement: the MicroTLBs are round-robin or random (TRM: "you can
 * configure MicroTLB replacement to be round-robin or random"; this model
 * follows SCTLR.RR as the caches do), the main TLB alternates between the
 * two ways of a set (round-robin per set: an assumption, the TRM does not
 * say).  A set is indexed by the virtual page number of the entry's own page
 * size, so lookups probe each page size in use (an assumption: the TRM only
 * says the RAM is 2-way).  Every main-TLB maintenance operation flushes both
 * MicroTLBs, as ARM's later MicroTLB designs document.
 *
 * Stale-entry detection: each entry remembers the physical addresses and
 * values of the descriptors its walk read.  A hash of those addresses lets
 * the store path notice in O(1) when a store may hit one of them; the
 * entries hit are then flagged (TLBE_SUSPECT) and their next use compares
 * the remembered descriptors with memory.  Entries are also flagged
 * TLBE_VERIFY after a TTBR/TTBCR write, so the first use under the new
 * tables re-walks and compares.
 */
#ifndef SOC_ARM1176_TLB_H
#define SOC_ARM1176_TLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "soc/arm1176/mmu.h"

struct report;

#define TLB_UTLB_ENTRIES 10
#define TLB_MAIN_SETS    32     /* 64 entries, 2 ways */
#define TLB_MAIN_WAYS    2
#define TLB_LOCK_ENTRIES 8
#define TLB_WATCH_SIZE   65536  /* descriptor-address hash buckets (~150 words watched) */

enum tlb_side { TLB_I, TLB_D };

/* L1 (inner) memory type, from TEX/C/B with TEX remap off (ARM DDI 0301H table 6-2). */
enum memtype {
	MT_STRONGLY_ORDERED,
	MT_DEVICE,
	MT_NORMAL_NC,     /* also Shared Normal: "the processor does not cache shareable
			   * locations at level one" (DDI 0301H, Shared Normal memory) */
	MT_WT,
	MT_WB,            /* write-back; write-allocate is read-allocate ("the cache does
			   * not implement allocate on write", table 6-2 note c) */
	MT_NR
};

/* Entry flags */
#define TLBE_VALID   0x01u
#define TLBE_GLOBAL  0x02u
#define TLBE_SUSPECT 0x04u  /* a store hit one of its descriptors */
#define TLBE_VERIFY  0x08u  /* the translation tables changed (TTBR/TTBCR write) */
#define TLBE_STALE   0x10u  /* confirmed stale: it no longer matches the tables */

struct tlb_entry {
	uint32_t va, mask, pa;     /* page base addresses; mask = ~(size - 1) */
	uint8_t flags, asid;
	uint8_t kind;              /* enum mmu_map_kind */
	uint8_t domain, ap;
	uint8_t memtype;           /* enum memtype */
	uint8_t size_log2;
	bool xn;
	uint8_t nr_desc;
	uint32_t desc_pa[2], desc[2];
	/* the store that made it suspect, for the report */
	uint32_t store_pa;
	uint64_t store_cycle;
};

struct tlb_stats {
	uint64_t utlb_hits[2], utlb_misses[2];
	uint64_t main_hits, main_misses;
	uint64_t lock_fills;
	uint64_t inv_all, inv_mva, inv_asid;   /* c8 operations */
	uint64_t entries_invalidated;          /* main-TLB entries they removed */
	uint64_t utlb_flushes;
	uint64_t suspect_marks;                /* entries flagged by a descriptor store */
	uint64_t walks[2], walk_reads, walk_faults;  /* table walks that refill it */
	uint64_t stale_uses;                   /* uses of entries found stale */
};

struct tlb {
	struct tlb_entry utlb[2][TLB_UTLB_ENTRIES];
	unsigned utlb_next[2];
	struct tlb_entry main[TLB_MAIN_SETS][TLB_MAIN_WAYS];
	uint8_t main_next[TLB_MAIN_SETS];
	struct tlb_entry lock[TLB_LOCK_ENTRIES];
	uint32_t lockdown;         /* c10, c0, 0: victim [28:26], P [0] */
	uint32_t sizes_in_main;    /* bit n: some main-TLB entry has a 2^n-byte page */
	uint16_t size_count[32];   /* main-TLB entries per page size */
	bool random;               /* SCTLR.RR clear */
	uint32_t lfsr;
	uint16_t watch[TLB_WATCH_SIZE];
	/* Bit per bucket, set while its count is non-zero: every store tests
	 * this 8 KiB map, which stays in the host's L1, not the 128 KiB counts. */
	uint64_t watch_any[TLB_WATCH_SIZE / 64];
	struct tlb_stats st;
};

void tlb_init(struct tlb *t, uint32_t seed);
/* Power-on or system reset: every entry invalid; the counters keep running. */
void tlb_reset(struct tlb *t, uint32_t seed);

/* SCTLR.RR clear: random MicroTLB replacement. */
static inline void tlb_set_random(struct tlb *t, bool random)
{
	t->random = random;
}

/* The c10 TLB lockdown register (victim and preserve bit for the next fills). */
static inline void tlb_set_lockdown(struct tlb *t, uint32_t v)
{
	t->lockdown = v;
}

/* Memory type of a walk's TEX/C/B/S (TEX remap off). */
enum memtype tlb_memtype(unsigned tex, unsigned c, unsigned b, bool shared);
const char *tlb_memtype_name(enum memtype mt);

/*
 * An entry for a successful walk of `va` (ASID for nG pages).  `subpages`:
 * the walk used the XP=0 format with subpage permissions, so the entry
 * covers one subpage (1 KiB of a small page, 16 KiB of a large one).
 */
void tlb_entry_from_walk(struct tlb_entry *e, const struct mmu_result *w, uint32_t va,
			 uint8_t asid, bool subpages);

static inline bool tlb_entry_matches(const struct tlb_entry *e, uint32_t va, uint8_t asid)
{
	return (e->flags & TLBE_VALID) && !((va ^ e->va) & e->mask) &&
	       ((e->flags & TLBE_GLOBAL) || e->asid == asid);
}

/* MicroTLB lookup on `side`; NULL on a miss.  Counts nothing. */
static inline struct tlb_entry *tlb_utlb_lookup(struct tlb *t, enum tlb_side side, uint32_t va,
						uint8_t asid)
{
	struct tlb_entry *u = t->utlb[side];

	for (unsigned i = 0; i < TLB_UTLB_ENTRIES; i++)
		if (tlb_entry_matches(&u[i], va, asid))
			return &u[i];
	return NULL;
}

/* Main TLB (lockable part first); NULL on a miss.  Counts nothing. */
struct tlb_entry *tlb_main_lookup(struct tlb *t, uint32_t va, uint8_t asid);

/* Lookups by the core, counted as hits and misses. */
static inline struct tlb_entry *tlb_utlb_access(struct tlb *t, enum tlb_side side, uint32_t va,
						uint8_t asid)
{
	struct tlb_entry *e = tlb_utlb_lookup(t, side, va, asid);

	if (e)
		t->st.utlb_hits[side]++;
	else
		t->st.utlb_misses[side]++;
	return e;
}

struct tlb_entry *tlb_main_access(struct tlb *t, uint32_t va, uint8_t asid);

/* `n` MicroTLB hits the caller served from the entry it kept (its fast path). */
static inline void tlb_utlb_hits(struct tlb *t, enum tlb_side side, unsigned n)
{
	t->st.utlb_hits[side] += n;
}

/* A table walk for `side` with `reads` descriptor reads, and whether it faulted. */
void tlb_count_walk(struct tlb *t, enum tlb_side side, unsigned reads, bool fault);
/* An entry was used after it stopped matching the tables. */
void tlb_count_stale_use(struct tlb *t);

/* Install a copy of `e`; returns where it went. */
struct tlb_entry *tlb_utlb_insert(struct tlb *t, enum tlb_side side, const struct tlb_entry *e);
struct tlb_entry *tlb_main_insert(struct tlb *t, const struct tlb_entry *e);

/* c8 operations.  `inv_all` spares locked entries ("invalidate entire unlocked TLB"). */
void tlb_invalidate_all(struct tlb *t);
void tlb_invalidate_mva(struct tlb *t, uint32_t mva, uint8_t asid);
void tlb_invalidate_asid(struct tlb *t, uint8_t asid);
void tlb_flush_utlbs(struct tlb *t);

/* Flag every entry (MicroTLBs included) for re-verification against the tables. */
void tlb_mark_verify(struct tlb *t);

/* Could a store to `pa` hit a cached descriptor?  (Hash test: may say yes wrongly.) */
static inline unsigned tlb_watch_slot(uint32_t pa)
{
	uint32_t w = pa >> 2;

	return (w ^ (w >> 16)) & (TLB_WATCH_SIZE - 1);
}

static inline bool tlb_watch_hit(const struct tlb *t, uint32_t pa)
{
	unsigned slot = tlb_watch_slot(pa);

	return (t->watch_any[slot / 64] >> (slot % 64)) & 1;
}

/*
 * A store to [pa, pa + size) happened: flag every entry whose descriptors it
 * overlaps TLBE_SUSPECT.  Returns the number of entries flagged.
 */
unsigned tlb_descriptor_store(struct tlb *t, uint32_t pa, unsigned size, uint64_t cycle);

/* Call fn on every valid entry (MicroTLBs, main, lockable). */
void tlb_for_each(struct tlb *t, void (*fn)(void *opaque, struct tlb_entry *e), void *opaque);

/* Valid entries now: per MicroTLB, in the 2-way part and in the lockable part. */
void tlb_count(const struct tlb *t, unsigned *itlb, unsigned *dtlb, unsigned *main,
	       unsigned *locked);

/* Counters and occupancy as report object "tlb"; the --stats lines. */
void tlb_report(const struct tlb *t, struct report *r);
void tlb_print_stats(const struct tlb *t, FILE *f);

#endif /* SOC_ARM1176_TLB_H */
