/* SPDX-License-Identifier: MIT */
/*
 * window.h - the live heatmap window (SDL2).
 *
 * DOC: The window shows the renderer's RGBA buffer, scaled by an integer
 * factor, above a one-line status bar that describes the frame under the
 * mouse.  It never runs on its own: the heatmap calls window_present() and
 * window_poll() from a clock event, so the emulation and the window share
 * one thread and the window cannot change what the guest does.  Built
 * without SDL2, window_open() fails with a reason and the heatmap falls back
 * to PNG output.
 */
#ifndef MM_WINDOW_H
#define MM_WINDOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/render.h"

struct hm_window;
struct pagestate;

/* What the user asked for since the last poll. */
#define WIN_EV_QUIT   0x1u  /* close button, q, Escape, SIGTERM */
#define WIN_EV_PAUSE  0x2u  /* space: toggle pause */
#define WIN_EV_STEP   0x4u  /* n: run one sampling period, then pause */
#define WIN_EV_REDRAW 0x8u  /* the view changed (zoom, pan, hover, expose) */

/*
 * Open a window for images of layout L.  scale 0 picks the largest integer
 * factor that fits the display.  Returns NULL with the reason in `why` when
 * there is no display or SDL fails.
 */
struct hm_window *window_open(const struct render_layout *L, unsigned scale, char *why,
			      size_t why_len);
void window_close(struct hm_window *w);

/* Show `px` (the layout's size) and describe the hovered frame from `ps`. */
void window_present(struct hm_window *w, const uint32_t *px, const struct pagestate *ps);
/* Handle pending input; returns WIN_EV_* bits. */
unsigned window_poll(struct hm_window *w);

/* Status bar state shown to the user. */
void window_set_status(struct hm_window *w, bool paused, const char *note);

/* Wall-clock helpers for the heatmap's frame pacing (milliseconds). */
uint32_t window_ticks(void);
void window_sleep(uint32_t ms);

/* Scale factor in use, and where the window's client area is on screen. */
unsigned window_scale(const struct hm_window *w);
void window_position(const struct hm_window *w, int *x, int *y);
/* Frames presented so far. */
uint64_t window_frames(const struct hm_window *w);

/* The status text for a pfn (shared by the status bar and tests). */
void window_describe(char *buf, size_t len, const struct pagestate *ps, uint32_t pfn);

#endif /* MM_WINDOW_H */
