/* SPDX-License-Identifier: MIT */
/*
 * heatmap.h - the page-frame heatmap and fragmentation metrics as a machine
 * model.
 *
 * DOC: heatmap_attach() hooks the host's view of guest memory into a machine.
 * Everything runs from events on the machine clock, never per memory access:
 *
 *   sample     every --sample-every cycles (adaptive by default, see
 *              metrics.h): a light walk of mem_map (pagestate_tally) gives
 *              the metrics of that instant, appended to the time series of
 *              the report and the charts; skipped when no instruction ran;
 *   time-lapse every --heatmap-every cycles: decode, render, write a PNG;
 *   window     every HEATMAP_POLL_CYCLES: if the window thread is idle and
 *              1/fps seconds of wall time have passed, it copies mem_map out
 *              of guest RAM while the emulation waits, then decodes, renders
 *              and presents on its own thread (mm/viewer.h); the user's
 *              quit, pause and step are obeyed here.  The wall clock decides
 *              only when to draw, and events stop the CPU only between
 *              blocks, so the guest runs the same cycles with or without a
 *              window, paused or not (tests/golden/window_interact.py).
 *
 * At exit the final snapshot gives --heatmap-png, the --stats tables and
 * the report's final metrics.
 *
 * Other models add overlays (DMA in flight, dirty D-cache lines) with
 * heatmap_add_overlay(); each is asked for a bitmap of frames whenever a
 * snapshot or a window frame is taken.
 */
#ifndef MM_HEATMAP_H
#define MM_HEATMAP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct heatmap;

/* Window poll period and the default first sampling period (cycles). */
#define HEATMAP_POLL_CYCLES    (1u << 17)
#define HEATMAP_SAMPLE_DEFAULT (1u << 21)

struct heatmap_options {
	bool window;              /* --heatmap: live SDL window (PNG when headless) */
	bool window_wait;         /* --heatmap-wait: keep the window open after the run */
	bool start_paused;        /* --heatmap-paused: wait for space or n before cycle 0 */
	uint64_t rate;            /* --heatmap-rate: at most this many cycles per wall second */
	const char *png_path;     /* --heatmap-png FILE: the last frame, at exit */
	uint64_t every;           /* --heatmap-every N PATTERN: a PNG every N cycles */
	const char *every_pattern;
	uint64_t sample_every;    /* --sample-every N; 0: adaptive from HEATMAP_SAMPLE_DEFAULT */
	unsigned scale;           /* --heatmap-scale S; 0: the largest that fits the display */
	unsigned fps;             /* --heatmap-fps N; 0: 60 */
	int order;                /* --heatmap-order N for the charts; -1: highest order */
	bool metrics;             /* sample the metrics' time series (--report given) */
	bool stats;               /* print Linux's tables with --stats (final state only) */
};

/*
 * Command-line options, parsed by emu/options.c through these so the
 * heatmap's options live with the heatmap.  HEATMAP_LONG_OPTIONS goes into
 * the getopt_long table; codes in [HEATMAP_OPT_BASE, HEATMAP_OPT_END) go to
 * heatmap_parse_option().
 */
enum {
	HEATMAP_OPT_BASE = 0x200,
	HEATMAP_OPT_WINDOW = HEATMAP_OPT_BASE,
	HEATMAP_OPT_PNG,
	HEATMAP_OPT_EVERY,
	HEATMAP_OPT_SAMPLE,
	HEATMAP_OPT_SCALE,
	HEATMAP_OPT_ORDER,
	HEATMAP_OPT_WAIT,
	HEATMAP_OPT_PAUSED,
	HEATMAP_OPT_RATE,
	HEATMAP_OPT_FPS,
	HEATMAP_OPT_END
};

#define HEATMAP_LONG_OPTIONS \
	{ "heatmap", no_argument, NULL, HEATMAP_OPT_WINDOW }, \
	{ "heatmap-png", required_argument, NULL, HEATMAP_OPT_PNG }, \
	{ "heatmap-every", required_argument, NULL, HEATMAP_OPT_EVERY }, \
	{ "sample-every", required_argument, NULL, HEATMAP_OPT_SAMPLE }, \
	{ "heatmap-scale", required_argument, NULL, HEATMAP_OPT_SCALE }, \
	{ "heatmap-order", required_argument, NULL, HEATMAP_OPT_ORDER }, \
	{ "heatmap-wait", no_argument, NULL, HEATMAP_OPT_WAIT }, \
	{ "heatmap-paused", no_argument, NULL, HEATMAP_OPT_PAUSED }, \
	{ "heatmap-rate", required_argument, NULL, HEATMAP_OPT_RATE }, \
	{ "heatmap-fps", required_argument, NULL, HEATMAP_OPT_FPS }

/*
 * Handle one option.  --heatmap-every takes two arguments: N in `arg` and
 * the file pattern in argv[*optind], which it consumes.  Returns 0, or -1
 * after printing a one-line error.
 */
int heatmap_parse_option(struct heatmap_options *o, int code, const char *arg, int argc,
			 char **argv, int *optind);
/* The "Page frames" section of --help. */
void heatmap_usage(FILE *f);
/* After all options: what --stats and --report ask of the heatmap. */
void heatmap_options_finish(struct heatmap_options *o, bool stats, bool report);

/* Fill in the defaults (nothing enabled, order -1). */
void heatmap_options_init(struct heatmap_options *o);

/* Does `o` ask for anything at all? */
bool heatmap_options_active(const struct heatmap_options *o);

/*
 * Attach to `m` (before machine_run).  Returns 0, or -1 after printing an
 * error.  Does nothing and returns 0 when `o` asks for nothing.
 */
int heatmap_attach(struct machine *m, const struct heatmap_options *o);

/* Physical address of the guest's `mm_abi` descriptor (0: the image has none). */
uint32_t heatmap_find_abi(struct machine *m);

/* The heatmap attached to `m`, or NULL: how other models find it. */
struct heatmap *heatmap_find(struct machine *m);

/*
 * An overlay: a per-frame mark drawn over the frame's state colour.  `fill`
 * is called at every snapshot with a zeroed bitmap of `nframes` bits, bit i
 * standing for pfn `pfn0 + i`; it sets the frames it wants marked.
 */
struct heatmap_overlay {
	const char *name;         /* legend label, e.g. "DMA in flight" */
	uint32_t rgb;             /* 0xRRGGBB */
	void (*fill)(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);
	void *opaque;
};

/* Register an overlay (up to 4).  Returns 0, or -1 when the table is full. */
int heatmap_add_overlay(struct heatmap *h, const struct heatmap_overlay *ov);

/*
 * A model that writes guest RAM without the CPU (DMA) calls this after a
 * write: the heatmap skips re-reading mem_map while no instruction runs
 * (the core idle in WFI), which is only right if nothing else writes it.
 */
void heatmap_ram_written(struct heatmap *h);

/* Where the image's mm_abi descriptor lives in RAM (0: the image has none). */
uint32_t heatmap_find_abi(struct machine *m);

/* Mark the frames a physical range [pa, pa + len) touches; for fill(). */
void heatmap_overlay_mark(uint64_t *bits, uint32_t pfn0, uint32_t nframes, uint32_t pa,
			  uint32_t len);

#endif /* MM_HEATMAP_H */
