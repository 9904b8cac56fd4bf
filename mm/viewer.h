/* SPDX-License-Identifier: MIT */
/*
 * viewer.h - the live heatmap window on its own thread.
 *
 * DOC: Presenting one frame through SDL costs 4-10 ms under Xvfb (measured
 * with bench/heatmap_bench), far more than the 5 % of emulation time the
 * window may take at 60 frames per second.  So the window has a thread of
 * its own.  At a window event on the machine clock, when 16 ms of wall time
 * have passed and the window thread is idle, the emulation thread puts the
 * overlay bitmaps and the metrics series in the viewer's spare frame and
 * has the window thread copy the descriptor, mem_map and pageblock flags
 * out of guest RAM (pagestate_capture) while it waits: 2 MiB copied on the
 * emulation's own core would evict its cache, which costs it far more than
 * the wait.  The window thread owns SDL: it decodes and renders the capture
 * with the same code as the PNG path, presents it, and handles the mouse
 * and keys.
 *
 * What flows back is only the user's will: quit, pause and step.  The
 * emulation thread reads them at its window events and blocks there while
 * paused, so the guest's cycles never depend on the window.
 */
#ifndef MM_VIEWER_H
#define MM_VIEWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/metrics.h"
#include "mm/pagestate.h"
#include "mm/render.h"

struct hm_viewer;

struct viewer_config {
	uint32_t pfn0, nframes;
	unsigned scale;                 /* 0: fit the display */
	unsigned fps;                   /* frames per second at most; 0: 60 */
	int chart_order;
	const char *image_name;
};

/* One captured instant, filled by the emulation thread. */
struct viewer_frame {
	struct ps_capture cap;
	unsigned nr_overlays;               /* overlays registered with the heatmap */
	struct render_overlay_info overlay_info[PS_MAX_OVERLAYS];
	uint64_t *overlay[PS_MAX_OVERLAYS]; /* one bit per frame, cleared by viewer_begin() */
	struct metrics_series se;
	uint64_t cycle, ns;
	uint64_t seq;
};

/* Start the window thread; returns once the window is open, or NULL with
 * the reason (no display, SDL failure, built without SDL2) in `why`. */
struct hm_viewer *viewer_start(const struct viewer_config *cfg, char *why, size_t why_len);
/* Close the window and join the thread. */
void viewer_stop(struct hm_viewer *v);
/* Close the window and join the thread, keeping the viewer for viewer_info();
 * gives the window thread's CPU time. viewer_stop() must follow. */
void viewer_stop_cpu(struct hm_viewer *v, double *cpu_s);

/* Emulation thread: 16 ms since the last frame, and the window took it? */
bool viewer_due(struct hm_viewer *v);
/* Emulation thread: fill the returned frame, then submit it (the viewer's
 * lock is held in between; keep it short). Returns the frame's sequence number. */
struct viewer_frame *viewer_begin(struct hm_viewer *v);
/* Between begin and submit: have the window thread copy mem_map and the
 * rest of the capture out of guest RAM while this thread waits (see DOC). */
void viewer_capture(struct hm_viewer *v, const struct ps_mem *mem, uint32_t abi_pa,
		    uint32_t kernel_lo, uint32_t kernel_hi);
uint64_t viewer_submit(struct hm_viewer *v);

/* What the user asked for. */
#define VIEWER_QUIT 0x1u
#define VIEWER_STEP 0x2u  /* run one sampling period, then pause (reported once) */
unsigned viewer_commands(struct hm_viewer *v, bool *paused);
void viewer_set_paused(struct hm_viewer *v, bool paused, const char *note);
/* Block while paused; returns early when *halted becomes true or the user quits. */
void viewer_wait_paused(struct hm_viewer *v, const volatile bool *halted);
/* Wait (up to `ms`) until the frame `seq` is on the screen; false on timeout. */
bool viewer_wait_presented(struct hm_viewer *v, uint64_t seq, unsigned ms);
/* Wait until the user closes the window. */
void viewer_wait_quit(struct hm_viewer *v);

/* Where the window is, its scale, frames shown, and the window thread's
 * average time per frame (decode + render + present), for messages/stats. */
void viewer_info(struct hm_viewer *v, int *x, int *y, unsigned *scale, uint64_t *frames,
		 double *ms_per_frame);

#endif /* MM_VIEWER_H */
