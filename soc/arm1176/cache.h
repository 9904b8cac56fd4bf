/* SPDX-License-Identifier: MIT */
/*
 * cache.h - the tags of one ARM1176 L1 cache: valid, dirty, no data.
 *
 * DOC: A physically tagged, set-associative cache (ARM DDI 0301H ch. 7):
 * geometry from the board's device tree (16 KiB, 4 ways, 32-byte lines on the
 * S3C6410), one key per line holding the line's physical address and its
 * state bits, and a dirty-word mask so a check can tell which words of a
 * dirty line differ from memory.  Guest data lives in Unicorn's RAM only; the
 * cache decides hits, misses, fills, write-backs and coherency findings, not
 * values.
 *
 * Allocation (DDI 0301H 7.2.1): the invalid way with the lowest number is
 * filled in preference; when every way of the set is valid, SCTLR.RR picks
 * the victim: round-robin (one counter for all sets, advanced each time it
 * chooses a victim; when it advances is this model's assumption) or
 * pseudo-random (a deterministic xorshift generator seeded from the board).
 *
 * Not modelled: cache lockdown (c9), the CZ 16 KiB restriction, page colouring
 * aliases (the model is physically indexed), TCMs.
 */
#ifndef SOC_ARM1176_CACHE_H
#define SOC_ARM1176_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct report;

/* State bits kept in the low bits of a line's key (lines are >= 16 bytes). */
#define CACHE_VALID     0x1u
#define CACHE_DIRTY     0x2u
#define CACHE_DMA_STALE 0x4u  /* another bus master wrote the line's memory while cached */
#define CACHE_STATE     0x7u

#define CACHE_MAX_WAYS  8
#define CACHE_MAX_LINE  64    /* the dirty-word mask is 16 bits */

enum cache_op { CACHE_CLEAN = 1, CACHE_INVALIDATE = 2, CACHE_CLEAN_INVALIDATE = 3 };

struct cache_stats {
	uint64_t read_hits, read_misses;
	uint64_t write_hits, write_misses;
	uint64_t fills;           /* lines allocated */
	uint64_t evictions;       /* valid lines replaced by a fill */
	uint64_t writebacks;      /* dirty lines written back (eviction or clean) */
	uint64_t maint_ops;       /* c7 operations applied */
	uint64_t maint_cleaned;   /* dirty lines cleaned by c7 operations */
	uint64_t maint_invalidated; /* valid lines invalidated by c7 operations */
	uint64_t dirty_discarded; /* dirty lines invalidated without a clean */
};

struct cache {
	const char *name;
	uint32_t size, line, sets, ways;
	unsigned line_shift, way_shift;
	uint32_t set_mask;
	uint32_t match_mask;      /* tag bits | CACHE_VALID: one compare tests a line */
	uint32_t *key;            /* [set * ways + way]: line address | CACHE_* bits */
	int last;                 /* the line of the last hit or fill (-1: none) */
	uint32_t gen;             /* advances whenever a line may come or go */
	uint32_t absent;          /* a line known not cached (key form; 0: none) */
	uint16_t *wdirty;         /* dirty words of each line */
	uint32_t rr;              /* the round-robin victim counter, shared by all sets */
	bool random;              /* SCTLR.RR clear: pseudo-random replacement */
	uint32_t lfsr;
	struct cache_stats st;
	/* Optional: told before a valid line is cleaned, invalidated or evicted. */
	void (*on_line)(void *opaque, int idx, uint32_t key, enum cache_op op);
	void *on_line_opaque;
};

/*
 * Set up a cache of `size` bytes with `line`-byte lines and `sets` sets (the
 * device-tree properties); ways = size / (line * sets).  Returns 0, or -1
 * with a reason in `why` when the geometry is not one this model handles.
 */
int cache_init(struct cache *c, const char *name, uint32_t size, uint32_t line, uint32_t sets,
	       uint32_t seed, char *why, unsigned why_len);
void cache_destroy(struct cache *c);

/* Invalidate every line and reset the replacement state (power-on). */
void cache_reset(struct cache *c);

/*
 * Who hears of a valid line `idx` (holding `key`) about to leave or turn
 * clean: `op` is what happens to it - CACHE_CLEAN (it stays valid),
 * CACHE_INVALIDATE (dropped without a write-back), CACHE_CLEAN_INVALIDATE
 * (written back when dirty, then dropped; an eviction is one).  NULL: nobody.
 */
static inline void cache_set_observer(struct cache *c,
				      void (*fn)(void *opaque, int idx, uint32_t key,
						 enum cache_op op), void *opaque)
{
	c->on_line = fn;
	c->on_line_opaque = opaque;
}

/* SCTLR.RR: round-robin (false) or pseudo-random (true) replacement. */
static inline void cache_set_random(struct cache *c, bool random)
{
	c->random = random;
}

static inline uint32_t cache_set_of(const struct cache *c, uint32_t pa)
{
	return (pa >> c->line_shift) & c->set_mask;
}

/* Does line `idx` hold `pa` (valid, same tag)? */
static inline bool cache_line_holds(const struct cache *c, int idx, uint32_t pa)
{
	return !((c->key[idx] ^ (pa | CACHE_VALID)) & c->match_mask);
}

/* Index into key[] of the line holding `pa`, or -1. */
static inline int cache_find(const struct cache *c, uint32_t pa)
{
	uint32_t want = (pa & c->match_mask) | CACHE_VALID;
	const uint32_t *k = c->key + (cache_set_of(c, pa) << c->way_shift);

	for (uint32_t w = 0; w < c->ways; w++)
		if ((k[w] & c->match_mask) == want)
			return (int)((k - c->key) + w);
	return -1;
}

/* Lines may have come or gone: what was known absent may not be. */
static inline void cache_changed(struct cache *c)
{
	c->gen++;
	c->absent = 0;
}

/*
 * A read or write by the core: the index of the line holding `pa`, or -1,
 * counted as a hit or miss.  The line *hint names is tried first (one
 * compare); a hit leaves its index there.  The last line found missing is
 * remembered until lines change, so a run of stores to a line that is not
 * cached (no allocate on write) skips the search.
 */
static inline int cache_lookup_hint(struct cache *c, uint32_t pa, bool write, int *hint)
{
	int idx = *hint;

	if (idx < 0 || !cache_line_holds(c, idx, pa)) {
		if (!((c->absent ^ (pa | CACHE_VALID)) & c->match_mask)) {
			idx = -1;
		} else {
			idx = cache_find(c, pa);
			if (idx < 0)
				c->absent = (pa & ~(c->line - 1)) | CACHE_VALID;
		}
	}
	if (idx >= 0) {
		*hint = idx;
		if (write)
			c->st.write_hits++;
		else
			c->st.read_hits++;
	} else if (write) {
		c->st.write_misses++;
	} else {
		c->st.read_misses++;
	}
	return idx;
}

/*
 * The same, trying the line of the last hit first; callers with several
 * streams keep a hint per stream (cache_lookup_hint(): any index from a
 * lookup or fill of this cache, or -1).
 */
static inline int cache_lookup(struct cache *c, uint32_t pa, bool write)
{
	return cache_lookup_hint(c, pa, write, &c->last);
}

/* Another bus master wrote the memory of line `idx` while it was cached. */
static inline void cache_mark_dma_stale(struct cache *c, int idx)
{
	c->key[idx] |= CACHE_DMA_STALE;
}

/* Was line `idx` overwritten in memory behind the cache?  Clears the mark. */
static inline bool cache_take_dma_stale(struct cache *c, int idx)
{
	if (__builtin_expect(!(c->key[idx] & CACHE_DMA_STALE), 1))
		return false;
	c->key[idx] &= ~CACHE_DMA_STALE;
	return true;
}

static inline uint32_t cache_line_pa(const struct cache *c, int idx)
{
	return c->key[idx] & ~(c->line - 1);
}

/* Mark the words [pa, pa + size) of line `idx` dirty. */
static inline void cache_mark_dirty(struct cache *c, int idx, uint32_t pa, unsigned size)
{
	unsigned first = (pa & (c->line - 1)) >> 2;
	unsigned last = ((pa & (c->line - 1)) + (size ? size : 1) - 1) >> 2;

	if (last >= c->line / 4)
		last = c->line / 4 - 1;
	c->key[idx] |= CACHE_DIRTY;
	c->wdirty[idx] |= (uint16_t)(((2u << last) - 1) & ~((1u << first) - 1));
}

/*
 * Allocate a line for `pa` (which must miss): choose the victim, report it
 * in *old_key (0 when the way was invalid) and *old_wdirty, install the new
 * line clean.  Returns the new line's index.
 */
int cache_fill(struct cache *c, uint32_t pa, uint32_t *old_key, uint16_t *old_wdirty);

/*
 * Maintenance on the line holding `pa` (by MVA after translation) or on one
 * set/way.  Returns the key the line had before the operation (0 when no
 * valid line was there); a dirty key means a write-back happened if `op`
 * cleans.
 */
uint32_t cache_maint_pa(struct cache *c, uint32_t pa, enum cache_op op);
uint32_t cache_maint_setway(struct cache *c, uint32_t set, uint32_t way, enum cache_op op);

/*
 * The whole cache.  Calls `wb` for each dirty line an operation that cleans
 * writes back (may be NULL).  Returns the number of lines written back.
 */
unsigned cache_maint_all(struct cache *c, enum cache_op op,
			 void (*wb)(void *opaque, uint32_t pa), void *opaque);

/* State of the line holding `pa`: CACHE_* bits, 0 when not cached. */
static inline uint32_t cache_state(const struct cache *c, uint32_t pa)
{
	int i = cache_find(c, pa);

	return i < 0 ? 0 : c->key[i] & CACHE_STATE;
}

/* Is the word at `pa` dirty (written in the cache, not yet in memory)? */
bool cache_word_dirty(const struct cache *c, uint32_t pa);

/* Is any word of [lo, hi) dirty in line `idx` (the range lies within the line)? */
bool cache_range_dirty(const struct cache *c, int idx, uint32_t lo, uint32_t hi);

/* Call fn for every valid line (pa, CACHE_* bits), in set/way order. */
void cache_for_each(const struct cache *c, void (*fn)(void *opaque, uint32_t pa, uint32_t state),
		    void *opaque);

/* Counts of valid and dirty lines now. */
void cache_count(const struct cache *c, uint32_t *valid, uint32_t *dirty);

/* Geometry and counters as report object `key`; one --stats line headed `name`. */
void cache_report(const struct cache *c, struct report *r, const char *key);
void cache_print_stats(const struct cache *c, FILE *f, const char *name);

#endif /* SOC_ARM1176_CACHE_H */
