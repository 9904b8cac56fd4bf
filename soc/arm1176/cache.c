/* SPDX-License-Identifier: MIT */
/*
 * cache.c - L1 cache tags, replacement and maintenance (see cache.h).
 */
#include "soc/arm1176/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/report.h"

static bool pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

int cache_init(struct cache *c, const char *name, uint32_t size, uint32_t line, uint32_t sets,
	       uint32_t seed, char *why, unsigned why_len)
{
	uint32_t n;

	memset(c, 0, sizeof(*c));
	if (!pow2(size) || !pow2(line) || !pow2(sets) || line < 16 || line > CACHE_MAX_LINE ||
	    (uint64_t)line * sets > size || size % (line * sets)) {
		snprintf(why, why_len, "%s: size %u, line %u, sets %u is not a power-of-two "
			 "geometry with 16..%u-byte lines", name, size, line, sets, CACHE_MAX_LINE);
		return -1;
	}
	c->ways = size / (line * sets);
	if (c->ways > CACHE_MAX_WAYS) {
		snprintf(why, why_len, "%s: %u ways (size %u, line %u, sets %u); at most %u",
			 name, c->ways, size, line, sets, CACHE_MAX_WAYS);
		return -1;
	}
	c->name = name;
	c->size = size;
	c->line = line;
	c->sets = sets;
	c->set_mask = sets - 1;
	c->line_shift = (unsigned)__builtin_ctz(line);
	c->way_shift = (unsigned)__builtin_ctz(c->ways);
	c->match_mask = ~(line - 1) | CACHE_VALID;
	n = sets * c->ways;
	c->key = xcalloc(n, sizeof(*c->key), "L1 cache tags");
	c->wdirty = xcalloc(n, sizeof(*c->wdirty), "L1 cache dirty bits");
	c->lfsr = seed ? seed : 1;
	c->last = -1;
	return 0;
}

void cache_destroy(struct cache *c)
{
	free(c->key);
	free(c->wdirty);
	c->key = NULL;
	c->wdirty = NULL;
}

void cache_reset(struct cache *c)
{
	if (c->on_line)
		for (uint32_t i = 0; i < c->sets * c->ways; i++)
			if (c->key[i] & CACHE_VALID)
				c->on_line(c->on_line_opaque, (int)i, c->key[i], CACHE_INVALIDATE);
	memset(c->key, 0, c->sets * c->ways * sizeof(*c->key));
	memset(c->wdirty, 0, c->sets * c->ways * sizeof(*c->wdirty));
	c->rr = 0;
	c->last = -1;
	cache_changed(c);
}

/* xorshift32: deterministic, cheap, and good enough to pick one of 4 ways. */
static uint32_t next_random(struct cache *c)
{
	uint32_t x = c->lfsr;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	c->lfsr = x;
	return x;
}

/*
 * DDI 0301H 7.2.1: an invalid line of the set, lowest way first, is used in
 * preference; only when every way is valid does the replacement policy pick
 * one, and round-robin then takes the way from one counter shared by all
 * sets.  The counter advancing only when it chooses a victim is this model's
 * reading of "selects the way used for replacement".
 */
int cache_fill(struct cache *c, uint32_t pa, uint32_t *old_key, uint16_t *old_wdirty)
{
	uint32_t set = cache_set_of(c, pa), base = set * c->ways, way;
	int idx;

	for (way = 0; way < c->ways; way++)
		if (!(c->key[base + way] & CACHE_VALID))
			break;
	if (way == c->ways) {
		if (c->random) {
			way = (next_random(c) >> 8) % c->ways;
		} else {
			way = c->rr;
			c->rr = (way + 1) % c->ways;
		}
	}
	idx = (int)(base + way);
	cache_changed(c);
	*old_key = (c->key[idx] & CACHE_VALID) ? c->key[idx] : 0;
	*old_wdirty = c->wdirty[idx];
	if (*old_key) {
		if (c->on_line)
			c->on_line(c->on_line_opaque, idx, *old_key, CACHE_CLEAN_INVALIDATE);
		c->st.evictions++;
		if (*old_key & CACHE_DIRTY)
			c->st.writebacks++;
	}
	c->key[idx] = (pa & ~(c->line - 1)) | CACHE_VALID;
	c->wdirty[idx] = 0;
	c->st.fills++;
	c->last = idx;
	return idx;
}

/* Apply `op` to line `idx`; returns its key before the operation (0: invalid). */
static uint32_t maint_line(struct cache *c, int idx, enum cache_op op)
{
	uint32_t k = c->key[idx];

	c->last = -1;
	if (!(k & CACHE_VALID))
		return 0;
	if (c->on_line)
		c->on_line(c->on_line_opaque, idx, k, op);
	if (k & CACHE_DIRTY) {
		if (op & CACHE_CLEAN) {
			c->st.maint_cleaned++;
			c->st.writebacks++;
		} else {
			c->st.dirty_discarded++;
		}
	}
	if (op & CACHE_INVALIDATE) {
		cache_changed(c);
		c->key[idx] = 0;
		c->wdirty[idx] = 0;
		c->st.maint_invalidated++;
	} else if (op & CACHE_CLEAN) {
		c->key[idx] &= ~CACHE_DIRTY;
		c->wdirty[idx] = 0;
	}
	return k;
}

uint32_t cache_maint_pa(struct cache *c, uint32_t pa, enum cache_op op)
{
	int idx = cache_find(c, pa);

	c->st.maint_ops++;
	c->last = -1;
	return idx < 0 ? 0 : maint_line(c, idx, op);
}

uint32_t cache_maint_setway(struct cache *c, uint32_t set, uint32_t way, enum cache_op op)
{
	c->st.maint_ops++;
	c->last = -1;
	if (set >= c->sets || way >= c->ways)
		return 0;
	return maint_line(c, (int)(set * c->ways + way), op);
}

unsigned cache_maint_all(struct cache *c, enum cache_op op,
			 void (*wb)(void *opaque, uint32_t pa), void *opaque)
{
	unsigned n = 0;

	c->st.maint_ops++;
	c->last = -1;
	for (uint32_t i = 0; i < c->sets * c->ways; i++) {
		uint32_t k = maint_line(c, (int)i, op);

		if ((k & CACHE_DIRTY) && (op & CACHE_CLEAN)) {
			n++;
			if (wb)
				wb(opaque, k);
		}
	}
	return n;
}

bool cache_word_dirty(const struct cache *c, uint32_t pa)
{
	int idx = cache_find(c, pa);

	if (idx < 0 || !(c->key[idx] & CACHE_DIRTY))
		return false;
	return c->wdirty[idx] & (1u << ((pa & (c->line - 1)) >> 2));
}

bool cache_range_dirty(const struct cache *c, int idx, uint32_t lo, uint32_t hi)
{
	bool dirty = false;

	if (!(c->key[idx] & CACHE_DIRTY))
		return false;
	for (uint32_t a = lo & ~3u; a < hi; a += 4)
		dirty |= (c->wdirty[idx] >> ((a & (c->line - 1)) >> 2)) & 1;
	return dirty;
}

void cache_for_each(const struct cache *c, void (*fn)(void *opaque, uint32_t pa, uint32_t state),
		    void *opaque)
{
	for (uint32_t i = 0; i < c->sets * c->ways; i++)
		if (c->key[i] & CACHE_VALID)
			fn(opaque, c->key[i] & ~(c->line - 1), c->key[i] & CACHE_STATE);
}

void cache_count(const struct cache *c, uint32_t *valid, uint32_t *dirty)
{
	*valid = *dirty = 0;
	for (uint32_t i = 0; i < c->sets * c->ways; i++) {
		if (c->key[i] & CACHE_VALID) {
			(*valid)++;
			if (c->key[i] & CACHE_DIRTY)
				(*dirty)++;
		}
	}
}

static double pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

void cache_report(const struct cache *c, struct report *r, const char *key)
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

void cache_print_stats(const struct cache *c, FILE *f, const char *name)
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
