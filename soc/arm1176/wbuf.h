/* SPDX-License-Identifier: MIT */
/*
 * wbuf.h - the ARM1176's write buffer between the core and the bus.
 *
 * DOC: Stores that do not stay in the L1 D-cache (misses - the cache does
 * not allocate on write -, write-through stores, uncached and device stores)
 * and dirty lines leaving the cache queue here and drain to the DRAM port or
 * the peripheral bus in order.  The core stalls only when every entry is
 * still waiting.  A store to the line of the newest entry, while that entry
 * is still the last transaction on the DRAM port, joins its burst (Normal
 * memory may merge; the merging rule is this model's assumption).  DSB/DMB
 * and strongly-ordered accesses wait until the buffer is empty.
 *
 * Entries: write-buffer-entries (8, an assumption: the TRM's 3-entry buffer
 * is the cache's internal one; see memsys.h).  Not modelled: write
 * combining across lines, reads served from the buffer.
 */
#ifndef SOC_ARM1176_WBUF_H
#define SOC_ARM1176_WBUF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/clock.h"
#include "soc/s3c6410/dmc.h"

#define WBUF_MAX_ENTRIES 32

struct report;

struct wbuf_stats {
	uint64_t writes, merged, full_stalls, barriers;
};

struct wbuf {
	unsigned entries;
	cycle_t done[WBUF_MAX_ENTRIES];  /* completion cycle of each entry, oldest at head */
	unsigned head;
	cycle_t last;                    /* completion of the newest entry */
	uint32_t line;                   /* the newest entry's line (1: none to merge into) */
	struct wbuf_stats st;
};

void wbuf_init(struct wbuf *wb, unsigned entries);
/* Power-on or system reset: empty; the counters keep running. */
void wbuf_reset(struct wbuf *wb);

/*
 * A write of `bytes` at `pa` (DRAM) joins the newest entry's burst when it is
 * to that entry's line and the entry is still the port's last transaction.
 * True when it did (the core does not wait); inline because most guest
 * stores that miss the D-cache end here.
 */
static inline bool wbuf_merge(struct wbuf *wb, struct dmc *port, uint32_t pa, uint32_t bytes,
			      cycle_t now)
{
	cycle_t done;

	if (bytes >= 32 || (pa & ~31u) != wb->line || wb->last <= now)
		return false;
	done = dmc_extend(port, BUS_WRITE_BUFFER, wb->last, bytes);
	if (!done)
		return false;
	wb->last = done;
	wb->done[(wb->head ? wb->head : wb->entries) - 1] = done;
	wb->st.merged++;
	return true;
}

/*
 * Queue a write of `bytes` at `pa` at cycle `now`: to DRAM through `port`
 * (merged when wbuf_merge() can), or to a peripheral (`device`) taking
 * `device_cycles`.  Returns the cycles the core waits for a free entry (0
 * unless the buffer is full).
 */
cycle_t wbuf_push(struct wbuf *wb, struct dmc *port, uint32_t pa, uint32_t bytes, bool device,
		  cycle_t device_cycles, cycle_t now);

/* Cycles until the buffer is empty (a strongly-ordered access waits that long). */
static inline cycle_t wbuf_drain(const struct wbuf *wb, cycle_t now)
{
	return wb->last > now ? wb->last - now : 0;
}

/* A DSB or DMB: counted, and drained like wbuf_drain(). */
static inline cycle_t wbuf_barrier(struct wbuf *wb, cycle_t now)
{
	wb->st.barriers++;
	return wbuf_drain(wb, now);
}

/* Counters as report object "write_buffer"; one --stats line. */
void wbuf_report(const struct wbuf *wb, struct report *r);
void wbuf_print_stats(const struct wbuf *wb, FILE *f);

#endif /* SOC_ARM1176_WBUF_H */
