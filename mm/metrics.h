/* SPDX-License-Identifier: MIT */
/*
 * metrics.h - Linux's fragmentation metrics, computed by the host from a
 * page-state snapshot.
 *
 * DOC: Per zone, the numbers Linux shows in /proc/buddyinfo, /proc/pagetypeinfo
 * and /sys/kernel/debug/extfrag/{unusable_index,extfrag_index}, computed from
 * the PG_buddy heads the decoder found (never from the guest's own counters,
 * which are kept beside them so the two can be compared).  The indices use
 * mm/vmstat.c's integer arithmetic and return thousandths, as Linux does.
 *
 * A series holds samples taken every `period` cycles.  In adaptive mode it
 * never grows past METRICS_SERIES_MAX samples: when full, every other sample
 * is dropped and the period doubles, so any run length ends with between
 * METRICS_SERIES_MAX/2 and METRICS_SERIES_MAX samples evenly spaced in time.
 */
#ifndef MM_METRICS_H
#define MM_METRICS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "page_abi.h"

struct pagestate;
struct report;

struct mm_zone_metrics {
	bool populated;            /* present_pages != 0, as Linux's populated_zone() */
	char name[MM_ABI_ZONE_NAME_LEN];
	uint32_t node, start_pfn, spanned, present, managed;
	uint32_t nr_free[MM_ABI_MAX_ORDER];                 /* free blocks per order */
	uint32_t nr_free_mt[MIGRATE_TYPES][MM_ABI_MAX_ORDER]; /* ... per free-list type */
	uint32_t blocks_mt[MIGRATE_TYPES];                  /* pageblocks per migratetype */
	uint32_t guest_nr_free[MM_ABI_MAX_ORDER];           /* mm_abi.zones[].nr_free */
	bool consistent;                                    /* nr_free == guest_nr_free */
	uint64_t free_pages;                                /* in buddy free blocks */
	uint64_t free_pages_mt[MIGRATE_TYPES];
	uint32_t pcp_pages;                                 /* free on per-cpu lists */
	int largest_order;                                  /* -1: no free block */
};

struct mm_metrics {
	bool valid;                /* the snapshot had a valid descriptor past memblock */
	uint32_t phase;
	unsigned max_order, pageblock_order;
	struct mm_zone_metrics zone[MAX_NR_ZONES];
	bool consistent;           /* every populated zone agrees with the guest */
	uint32_t inconsistent_frames;
};

void metrics_compute(struct mm_metrics *mt, const struct pagestate *ps);
/* The same from a tally (pagestate_tally(): no per-frame records); leaves
 * blocks_mt and inconsistent_frames zero. */
struct ps_tally;
void metrics_from_tally(struct mm_metrics *mt, const struct mm_abi *abi, bool abi_ok,
			const struct ps_tally *t);

/*
 * mm/vmstat.c's indices for an allocation of 2^order pages, from the free
 * block counts per order of one zone (nr_free[0..max_order-1]), in
 * thousandths.  Unusable free space index: 1000 when nothing is free.
 * Fragmentation index: 0 when there are no free blocks, -1000 when a block
 * of at least this order exists.
 */
int metrics_unusable_index(const uint32_t *nr_free, unsigned max_order, unsigned order);
int metrics_fragmentation_index(const uint32_t *nr_free, unsigned max_order, unsigned order);

/* Linux's text formats; only populated zones are printed, as Linux does. */
void metrics_print_buddyinfo(FILE *f, const struct mm_metrics *mt);
void metrics_print_pagetypeinfo(FILE *f, const struct mm_metrics *mt);
void metrics_print_unusable_index(FILE *f, const struct mm_metrics *mt);
void metrics_print_extfrag_index(FILE *f, const struct mm_metrics *mt);

/* "0.123", "-1.000", "-0.500": an index in thousandths, as the tables print it. */
void metrics_format_index(char *buf, unsigned len, int index);

/* One sample of the time series: what is needed to redo every figure. */
struct metrics_sample {
	uint64_t cycle;
	uint32_t phase;
	bool valid, consistent;
	uint32_t nr_free[MAX_NR_ZONES][MM_ABI_MAX_ORDER];
	uint32_t guest_nr_free[MAX_NR_ZONES][MM_ABI_MAX_ORDER];
	uint32_t free_pages_mt[MAX_NR_ZONES][MIGRATE_TYPES];
	uint32_t pcp_pages[MAX_NR_ZONES];
	uint8_t zone_consistent[MAX_NR_ZONES];
};

#define METRICS_SERIES_MAX 512

struct metrics_series {
	struct metrics_sample *s;
	unsigned nr, cap;
	uint64_t period;           /* cycles between samples now */
	bool adaptive;
	unsigned max_order;
	uint8_t populated[MAX_NR_ZONES];
	char zone_name[MAX_NR_ZONES][MM_ABI_ZONE_NAME_LEN];
	uint64_t samples_taken;
	uint64_t samples_inconsistent; /* samples where host and guest disagreed */
};

int metrics_series_init(struct metrics_series *se, uint64_t period, bool adaptive);
void metrics_series_destroy(struct metrics_series *se);
/* A copy to draw from on another thread (dst starts zeroed or as a previous copy). */
int metrics_series_copy(struct metrics_series *dst, const struct metrics_series *src);
/* Append a sample; returns true when the series was thinned and the period doubled. */
bool metrics_series_add(struct metrics_series *se, const struct mm_metrics *mt, uint64_t cycle);

/* The "mm" section of the JSON report: final metrics and the series. */
void metrics_report(struct report *r, const struct mm_metrics *final,
		    const struct metrics_series *se);

#endif /* MM_METRICS_H */
