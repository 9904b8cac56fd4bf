/* SPDX-License-Identifier: MIT */
/*
 * metrics.c - buddyinfo, pagetypeinfo and the extfrag indices of mm/vmstat.c.
 *
 * DOC: fill_info() is Linux's fill_contig_page_info(); the two index
 * functions are unusable_free_index() and __fragmentation_index() with the
 * same integer arithmetic, so the host prints exactly what a Linux kernel in
 * the same state would print.  Printing follows vmstat.c's seq_printf formats.
 */
#include "mm/metrics.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/report.h"
#include "mm/pagestate.h"

void metrics_from_tally(struct mm_metrics *mt, const struct mm_abi *abi, bool abi_ok,
			const struct ps_tally *t)
{
	memset(mt, 0, sizeof(*mt));
	mt->max_order = MM_ABI_MAX_ORDER;
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		mt->zone[z].largest_order = -1;
		snprintf(mt->zone[z].name, sizeof(mt->zone[z].name), "%s",
			 pagestate_abi_zone_name(abi, abi_ok, z));
	}
	mt->phase = abi_ok ? abi->phase : MM_PHASE_EARLY;
	if (!abi_ok || abi->phase < MM_PHASE_BUDDY)
		return;
	mt->valid = true;
	mt->max_order = abi->max_order;
	mt->pageblock_order = abi->pageblock_order;
	mt->consistent = true;
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		struct mm_zone_metrics *zm = &mt->zone[z];
		const struct mm_abi_zone *az = &abi->zones[z];

		zm->populated = az->present_pages != 0;
		zm->node = az->node;
		zm->start_pfn = az->zone_start_pfn;
		zm->spanned = az->spanned_pages;
		zm->present = az->present_pages;
		zm->managed = az->managed_pages;
		memcpy(zm->guest_nr_free, az->nr_free, sizeof(zm->guest_nr_free));
		memcpy(zm->nr_free, t->nr_free[z], sizeof(zm->nr_free));
		for (unsigned m = 0; m < MIGRATE_TYPES; m++)
			memcpy(zm->nr_free_mt[m], t->nr_free_mt[z][m], sizeof(zm->nr_free_mt[m]));
		zm->pcp_pages = t->pcp[z];
		zm->consistent = true;
		for (unsigned o = 0; o < mt->max_order; o++) {
			zm->free_pages += (uint64_t)zm->nr_free[o] << o;
			for (unsigned m = 0; m < MIGRATE_TYPES; m++)
				zm->free_pages_mt[m] += (uint64_t)zm->nr_free_mt[m][o] << o;
			if (zm->nr_free[o])
				zm->largest_order = (int)o;
			if (zm->nr_free[o] != zm->guest_nr_free[o])
				zm->consistent = false;
		}
		if (zm->populated && !zm->consistent)
			mt->consistent = false;
	}
}

void metrics_compute(struct mm_metrics *mt, const struct pagestate *ps)
{
	const struct mm_abi *abi = &ps->abi;
	struct ps_tally t;

	pagestate_tally_frames(ps, &t);
	metrics_from_tally(mt, abi, ps->abi_ok, &t);
	mt->inconsistent_frames = ps->count[PS_INCONSISTENT];
	if (!mt->valid)
		return;

	/* Pageblocks by migratetype, walked as pagetypeinfo_showblockcount_print(). */
	uint32_t pb = 1u << abi->pageblock_order;

	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		struct mm_zone_metrics *zm = &mt->zone[z];
		uint64_t pfn = zm->start_pfn, end = (uint64_t)zm->start_pfn + zm->spanned;

		/* Spans come from the guest: the walk never leaves the snapshot's
		 * frames, whatever they say (the decoder also checks them). */
		if (end > (uint64_t)ps->pfn0 + ps->nframes)
			end = (uint64_t)ps->pfn0 + ps->nframes;
		if (pfn < ps->pfn0)
			pfn += (ps->pfn0 - pfn + pb - 1) / pb * pb;
		for (; pfn < end; pfn += pb) {
			const struct ps_frame *f = &ps->frame[pfn - ps->pfn0];

			if (f->zone == z && f->pbmt < MIGRATE_TYPES)
				zm->blocks_mt[f->pbmt]++;
		}
	}
}

struct contig_info {
	uint64_t free_pages, free_blocks_total, free_blocks_suitable;
};

static void fill_info(const uint32_t *nr_free, unsigned max_order, unsigned suitable_order,
		      struct contig_info *info)
{
	memset(info, 0, sizeof(*info));
	if (max_order > MM_ABI_MAX_ORDER)
		max_order = MM_ABI_MAX_ORDER;
	for (unsigned o = 0; o < max_order; o++) {
		uint64_t blocks = nr_free[o];

		info->free_blocks_total += blocks;
		info->free_pages += blocks << o;
		if (o >= suitable_order)
			info->free_blocks_suitable += blocks << (o - suitable_order);
	}
}

int metrics_unusable_index(const uint32_t *nr_free, unsigned max_order, unsigned order)
{
	struct contig_info info;

	fill_info(nr_free, max_order, order, &info);
	/* No free memory is interpreted as all free memory being unusable. */
	if (info.free_pages == 0)
		return 1000;
	return (int)((info.free_pages - (info.free_blocks_suitable << order)) * 1000ull /
		     info.free_pages);
}

int metrics_fragmentation_index(const uint32_t *nr_free, unsigned max_order, unsigned order)
{
	struct contig_info info;
	uint64_t requested = 1ull << order;

	if (order >= max_order)
		return 0;
	fill_info(nr_free, max_order, order, &info);
	if (!info.free_blocks_total)
		return 0;
	/* Fragmentation index only makes sense when a request would fail. */
	if (info.free_blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + info.free_pages * 1000ull / requested) /
			    info.free_blocks_total);
}

void metrics_format_index(char *buf, unsigned len, int index)
{
	snprintf(buf, len, "%s%d.%03d", index < 0 ? "-" : "", abs(index) / 1000, abs(index) % 1000);
}

static const char *const mt_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "CMA", "Isolate",
};

void metrics_print_buddyinfo(FILE *f, const struct mm_metrics *mt)
{
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_zone_metrics *zm = &mt->zone[z];

		if (!zm->populated)
			continue;
		fprintf(f, "Node %u, zone %8s ", zm->node, zm->name);
		for (unsigned o = 0; o < mt->max_order; o++)
			fprintf(f, "%6" PRIu32 " ", zm->nr_free[o]);
		fputc('\n', f);
	}
}

void metrics_print_pagetypeinfo(FILE *f, const struct mm_metrics *mt)
{
	fprintf(f, "Page block order: %u\n", mt->pageblock_order);
	fprintf(f, "Pages per block:  %u\n", 1u << mt->pageblock_order);
	fputc('\n', f);
	fprintf(f, "%-43s ", "Free pages count per migrate type at order");
	for (unsigned o = 0; o < mt->max_order; o++)
		fprintf(f, "%6u ", o);
	fputc('\n', f);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_zone_metrics *zm = &mt->zone[z];

		if (!zm->populated)
			continue;
		for (unsigned m = 0; m < MIGRATE_TYPES; m++) {
			fprintf(f, "Node %4u, zone %8s, type %12s ", zm->node, zm->name,
				mt_names[m]);
			for (unsigned o = 0; o < mt->max_order; o++) {
				/* Linux stops counting a list at 100000 entries. */
				uint32_t n = zm->nr_free_mt[m][o];

				fprintf(f, "%s%6" PRIu32 " ", n >= 100000 ? ">" : "",
					n >= 100000 ? 100000 : n);
			}
			fputc('\n', f);
		}
	}
	fprintf(f, "\n%-23s", "Number of blocks type ");
	for (unsigned m = 0; m < MIGRATE_TYPES; m++)
		fprintf(f, "%12s ", mt_names[m]);
	fputc('\n', f);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_zone_metrics *zm = &mt->zone[z];

		if (!zm->populated)
			continue;
		fprintf(f, "Node %u, zone %8s ", zm->node, zm->name);
		for (unsigned m = 0; m < MIGRATE_TYPES; m++)
			fprintf(f, "%12" PRIu32 " ", zm->blocks_mt[m]);
		fputc('\n', f);
	}
}

static void print_indices(FILE *f, const struct mm_metrics *mt, bool frag)
{
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_zone_metrics *zm = &mt->zone[z];

		if (!zm->populated)
			continue;
		fprintf(f, "Node %u, zone %8s ", zm->node, zm->name);
		for (unsigned o = 0; o < mt->max_order; o++) {
			int idx = frag ? metrics_fragmentation_index(zm->nr_free, mt->max_order, o)
				       : metrics_unusable_index(zm->nr_free, mt->max_order, o);

			/* Linux's "%2d.%03d" of idx / 1000, idx % 1000 would print a
			 * fragmentation index between -1000 and 0 (possible with very
			 * few free blocks) as " 0.-500"; we print "-0.500", as the
			 * guest's show_extfrag_index() does, so the two agree. */
			if (idx < 0 && idx > -1000)
				fprintf(f, "-0.%03d ", -idx);
			else if (frag)
				fprintf(f, "%2d.%03d ", idx / 1000, abs(idx % 1000));
			else
				fprintf(f, "%d.%03d ", idx / 1000, idx % 1000);
		}
		fputc('\n', f);
	}
}

void metrics_print_unusable_index(FILE *f, const struct mm_metrics *mt)
{
	print_indices(f, mt, false);
}

void metrics_print_extfrag_index(FILE *f, const struct mm_metrics *mt)
{
	print_indices(f, mt, true);
}

/* ---- time series ---- */

int metrics_series_init(struct metrics_series *se, uint64_t period, bool adaptive)
{
	memset(se, 0, sizeof(*se));
	se->period = period ? period : 1;
	se->adaptive = adaptive;
	se->max_order = MM_ABI_MAX_ORDER;
	se->cap = adaptive ? METRICS_SERIES_MAX : 256;
	se->s = xcalloc(se->cap, sizeof(*se->s), "the metrics time series");
	return 0;
}

int metrics_series_copy(struct metrics_series *dst, const struct metrics_series *src)
{
	struct metrics_sample *s = dst->s;
	unsigned cap = dst->cap;

	if (cap < src->nr || !s) {
		s = xrealloc(s, src->nr, sizeof(*s), "a copy of the metrics time series");
		cap = src->nr ? src->nr : 1;
	}
	*dst = *src;
	dst->s = s;
	dst->cap = cap;
	memcpy(s, src->s, src->nr * sizeof(*s));
	return 0;
}

void metrics_series_destroy(struct metrics_series *se)
{
	free(se->s);
	memset(se, 0, sizeof(*se));
}

static void sample_from(struct metrics_sample *s, const struct mm_metrics *mt, uint64_t cycle)
{
	memset(s, 0, sizeof(*s));
	s->cycle = cycle;
	s->phase = mt->phase;
	s->valid = mt->valid;
	s->consistent = mt->consistent;
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_zone_metrics *zm = &mt->zone[z];

		memcpy(s->nr_free[z], zm->nr_free, sizeof(s->nr_free[z]));
		memcpy(s->guest_nr_free[z], zm->guest_nr_free, sizeof(s->guest_nr_free[z]));
		for (unsigned m = 0; m < MIGRATE_TYPES; m++)
			s->free_pages_mt[z][m] = (uint32_t)zm->free_pages_mt[m];
		s->pcp_pages[z] = zm->pcp_pages;
		s->zone_consistent[z] = zm->consistent;
	}
}

bool metrics_series_add(struct metrics_series *se, const struct mm_metrics *mt, uint64_t cycle)
{
	bool thinned = false;

	if (mt->valid) {
		se->max_order = mt->max_order <= MM_ABI_MAX_ORDER ? mt->max_order : MM_ABI_MAX_ORDER;
		for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
			se->populated[z] = mt->zone[z].populated;
			memcpy(se->zone_name[z], mt->zone[z].name, sizeof(se->zone_name[z]));
		}
	}
	if (se->nr == se->cap) {
		if (se->adaptive) {
			/* Keep samples 0, 2, 4...: those on the doubled period's grid. */
			for (unsigned i = 0; 2 * i < se->nr; i++)
				se->s[i] = se->s[2 * i];
			se->nr = (se->nr + 1) / 2;
			se->period *= 2;
			thinned = true;
		} else {
			se->s = xrealloc(se->s, 2 * (size_t)se->cap, sizeof(*se->s),
					 "the metrics time series");
			se->cap *= 2;
		}
	}
	sample_from(&se->s[se->nr++], mt, cycle);
	se->samples_taken++;
	if (mt->valid && !mt->consistent)
		se->samples_inconsistent++;
	return thinned;
}

/* ---- JSON ---- */

static const char *const phase_names[] = { "early", "memblock", "buddy", "slab" };

static const char *phase_name(uint32_t p)
{
	return p < 4 ? phase_names[p] : "?";
}

static void report_u32_array(struct report *r, const char *key, const uint32_t *v, unsigned n)
{
	report_array(r, key);
	for (unsigned i = 0; i < n; i++)
		report_u64(r, NULL, v[i]);
	report_end(r);
}

static void report_indices(struct report *r, const uint32_t *nr_free, unsigned max_order)
{
	report_array(r, "unusable_index");
	for (unsigned o = 0; o < max_order; o++)
		report_i64(r, NULL, metrics_unusable_index(nr_free, max_order, o));
	report_end(r);
	report_array(r, "fragmentation_index");
	for (unsigned o = 0; o < max_order; o++)
		report_i64(r, NULL, metrics_fragmentation_index(nr_free, max_order, o));
	report_end(r);
}

static int largest(const uint32_t *nr_free, unsigned max_order)
{
	int l = -1;

	for (unsigned o = 0; o < max_order; o++)
		if (nr_free[o])
			l = (int)o;
	return l;
}

static void report_zone_final(struct report *r, const struct mm_metrics *mt,
			      const struct mm_zone_metrics *zm)
{
	report_object(r, NULL);
	report_str(r, "zone", zm->name);
	report_u64(r, "node", zm->node);
	report_u64(r, "start_pfn", zm->start_pfn);
	report_u64(r, "spanned", zm->spanned);
	report_u64(r, "present", zm->present);
	report_u64(r, "managed", zm->managed);
	report_u64(r, "free_pages", zm->free_pages);
	report_u64(r, "pcp_pages", zm->pcp_pages);
	report_i64(r, "largest_order", zm->largest_order);
	report_u32_array(r, "buddyinfo", zm->nr_free, mt->max_order);
	report_u32_array(r, "guest_nr_free", zm->guest_nr_free, mt->max_order);
	report_bool(r, "consistent", zm->consistent);
	report_object(r, "pagetypeinfo");
	for (unsigned m = 0; m < MIGRATE_TYPES; m++)
		report_u32_array(r, mt_names[m], zm->nr_free_mt[m], mt->max_order);
	report_end(r);
	report_object(r, "blocks");
	for (unsigned m = 0; m < MIGRATE_TYPES; m++)
		report_u64(r, mt_names[m], zm->blocks_mt[m]);
	report_end(r);
	report_object(r, "free_pages_by_type");
	for (unsigned m = 0; m < MIGRATE_TYPES; m++)
		report_u64(r, mt_names[m], zm->free_pages_mt[m]);
	report_end(r);
	report_indices(r, zm->nr_free, mt->max_order);
	report_end(r);
}

void metrics_report(struct report *r, const struct mm_metrics *final,
		    const struct metrics_series *se)
{
	report_str(r, "phase", phase_name(final->phase));
	report_bool(r, "valid", final->valid);
	report_u64(r, "max_order", final->max_order);
	report_u64(r, "pageblock_order", final->pageblock_order);
	report_bool(r, "consistent", final->consistent);
	report_u64(r, "inconsistent_frames", final->inconsistent_frames);
	report_array(r, "zones");
	for (unsigned z = 0; z < MAX_NR_ZONES; z++)
		if (final->zone[z].populated)
			report_zone_final(r, final, &final->zone[z]);
	report_end(r);

	if (!se)
		return;
	unsigned max_order = se->max_order < MM_ABI_MAX_ORDER ? se->max_order : MM_ABI_MAX_ORDER;

	report_object(r, "series");
	report_u64(r, "period_cycles", se->period);
	report_bool(r, "adaptive", se->adaptive);
	report_u64(r, "samples_taken", se->samples_taken);
	report_u64(r, "samples_inconsistent", se->samples_inconsistent);
	report_array(r, "samples");
	for (unsigned i = 0; i < se->nr; i++) {
		const struct metrics_sample *s = &se->s[i];

		report_object(r, NULL);
		report_u64(r, "cycle", s->cycle);
		report_str(r, "phase", phase_name(s->phase));
		if (s->valid) {
			report_bool(r, "consistent", s->consistent);
			report_array(r, "zones");
			for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
				uint64_t free_pages = 0;

				if (!se->populated[z])
					continue;
				for (unsigned o = 0; o < max_order; o++)
					free_pages += (uint64_t)s->nr_free[z][o] << o;
				report_object(r, NULL);
				report_str(r, "zone", se->zone_name[z]);
				report_u64(r, "free_pages", free_pages);
				report_u64(r, "pcp_pages", s->pcp_pages[z]);
				report_i64(r, "largest_order",
					   largest(s->nr_free[z], max_order));
				report_u32_array(r, "buddyinfo", s->nr_free[z], max_order);
				report_u32_array(r, "guest_nr_free", s->guest_nr_free[z],
						 max_order);
				report_bool(r, "consistent", s->zone_consistent[z]);
				report_object(r, "free_pages_by_type");
				for (unsigned m = 0; m < MIGRATE_TYPES; m++)
					report_u64(r, mt_names[m], s->free_pages_mt[z][m]);
				report_end(r);
				report_indices(r, s->nr_free[z], max_order);
				report_end(r);
			}
			report_end(r);
		}
		report_end(r);
	}
	report_end(r);
	report_end(r);
}
