/* SPDX-License-Identifier: MIT */
/*
 * trace.h - a Chrome/Perfetto trace of a run (--trace FILE.json).
 *
 * DOC: The trace writer is a machine model.  It records, in the Trace Event
 * Format that chrome://tracing and ui.perfetto.dev open:
 *   - the core's nIRQ/nFIQ inputs as counters (0/1), exactly when they change;
 *   - every exception the core takes as an instant event (kind, return
 *     address and its symbol);
 *   - the memory model's cache fills, write-backs, TLB walks and DRAM busy
 *     cycles as counters per --trace-interval cycles, read from its parts
 *     (memsys_counters; no hook in the model's fast path);
 *   - memory-model findings (the DMA coherency checker's included): their
 *     number as a counter, the ones the model keeps (its first 32 per kind)
 *     as instant events at their cycle;
 *   - the DRAM port's owner as slices on one track ("CPU" for the core's
 *     fetches, loads, table walks and write buffer; "dma0".."sdma1" for the
 *     PL080S controllers), consecutive grants of one owner merged; the
 *     CPU's only while a DMA channel is active (alone, it is the DRAM busy
 *     cycles counter);
 *   - per PL080S controller, lazily, a track per channel and line that
 *     changes: "dma1 ch0 active" (a step in flight or data in its FIFO),
 *     "dma1 ch0 TC" and "dma1 ch0 error" (the raw interrupt status, from the
 *     item's end until the driver clears it), "dma0 line 4 request" (a
 *     request pending, from the peripheral's or the SoftBReq & co. raise
 *     until a step takes it), each level a slice from rise to fall;
 *   - for other models: named tracks with spans and instants, through
 *     trace_track/trace_begin/trace_end/trace_slice/trace_instant/trace_counter.
 * Timestamps are simulated time: cycle / ARMCLK in microseconds, never the
 * wall clock, so a trace is byte-identical across identical runs.  The size
 * is bounded twice: only events inside --trace-window START:END (cycles) are
 * kept, and at most --trace-max-events of them (a ring: the newest win; the
 * file says how many were dropped).  The file is written when the machine
 * stops.
 */
#ifndef EMU_TRACE_H
#define EMU_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"

struct machine;
struct trace;

#define TRACE_DEFAULT_MAX_EVENTS 1000000u
#define TRACE_DEFAULT_INTERVAL   1000000u  /* cycles between counter samples */

struct trace_options {
	const char *path;          /* NULL: no trace */
	cycle_t window_start, window_end;  /* end CYCLE_NEVER: to the end of the run */
	uint64_t max_events;
	uint64_t interval;
};

void trace_options_init(struct trace_options *o);
/* "START:END", either side may be empty ("1M:", ":5G"); false when malformed. */
bool trace_parse_window(struct trace_options *o, const char *arg);

/* Attach to `m` (before machine_run).  Nothing when o->path is NULL.
 * Returns 0, or -1 after printing an error (the file cannot be written). */
int trace_attach(struct machine *m, const struct trace_options *o);
/* The trace attached to `m`, or NULL. */
struct trace *trace_find(struct machine *m);

/*
 * For models with something to show.  A track is a named row ("DMA0 ch3",
 * "AHB owner"); names are copied.  `args_json` is NULL or the members of a
 * JSON object without braces ("\"pa\":\"0x50001000\"").
 */
int trace_track(struct trace *t, const char *name);
void trace_begin(struct trace *t, int track, const char *name, cycle_t at);
void trace_end(struct trace *t, int track, cycle_t at);
/* A slice known whole: [start, end) on `track`. */
void trace_slice(struct trace *t, int track, const char *name, cycle_t start, cycle_t end);
void trace_instant(struct trace *t, int track, const char *name, cycle_t at, const char *args_json);
void trace_counter(struct trace *t, const char *name, cycle_t at, double value);

#endif /* EMU_TRACE_H */
