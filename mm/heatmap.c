/* SPDX-License-Identifier: MIT */
/*
 * heatmap.c - the heatmap model: snapshots on clock events, PNG files, the
 * live window, --stats tables and the report's "mm" section.
 *
 * DOC: All work happens in three periodic events (see heatmap.h) and in the
 * machine's stop callback.  A snapshot is decoded at most once per cycle and
 * shared by whatever needs it at that cycle.  Pausing the window blocks the
 * emulation inside the window event until the user runs or steps again; the
 * events keep their schedule, so a paused-and-resumed run is cycle for cycle
 * the same as an uninterrupted one.
 */
#include "mm/heatmap.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/alloc.h"
#include "emu/clock.h"
#include "emu/elf.h"
#include "emu/file.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/number.h"
#include "emu/report.h"
#include "mm/metrics.h"
#include "mm/pagestate.h"
#include "mm/png.h"
#include "mm/render.h"
#include "mm/viewer.h"
#include "mm/window.h"

struct heatmap {
	struct machine *m;
	struct heatmap_options o;
	const char *png_path;        /* o.png_path or the headless fallback */
	char image_name[64];

	uint32_t abi_pa;             /* 0: the image has no mm_abi */
	struct ps_mem mem;
	struct pagestate ps;
	struct mm_metrics mt;        /* metrics of ps */
	bool snap_valid;
	cycle_t snap_cycle;
	uint64_t snap_insns;         /* instructions executed at the last decode */
	uint64_t reused;             /* snapshots that needed no decode */

	/* metrics samples: a light walk of mem_map (pagestate_tally) */
	struct ps_tally tally;
	struct mm_abi tally_abi;
	struct mm_metrics sample_mt;
	bool tally_valid;
	uint64_t tally_insns, tallies;
	double tally_s;
	bool have_final;

	struct metrics_series se;
	struct render r;
	bool rendered;               /* r.px shows ps */

	struct heatmap_overlay ov[PS_MAX_OVERLAYS];
	struct render_overlay_info ov_info[PS_MAX_OVERLAYS];
	unsigned nr_ov;

	struct event sample_ev, lapse_ev, window_ev, step_ev;
	cycle_t sample_due, lapse_due, window_due;
	bool started;

	struct hm_viewer *viewer;
	bool quit;
	bool rate_valid;             /* --heatmap-rate: wall time and cycle anchors */
	double rate_t0;
	cycle_t rate_c0;
	int win_x, win_y;
	unsigned win_scale;
	uint64_t win_frames;
	double win_ms, win_cpu_s, emu_cpu_s;

	/* host-side costs, for --stats only (never in the report) */
	uint64_t lapse_frames, captures;
	double decode_s, render_s, capture_s;
	uint64_t decodes, renders;
};

static const struct machine_model heatmap_ops;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of the calling thread: what the emulation itself costs, whatever
 * else the machine is running. */
static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void heatmap_options_init(struct heatmap_options *o)
{
	memset(o, 0, sizeof(*o));
	o->order = -1;
}

bool heatmap_options_active(const struct heatmap_options *o)
{
	return o->window || o->png_path || o->every || o->metrics || o->stats;
}

void heatmap_usage(FILE *f)
{
	fprintf(f,
		"Page frames (host view of guest memory, fragmentation metrics):\n"
		"      --heatmap            live window of every page frame (SDL2);\n"
		"                           with no display, heatmap.png at exit instead\n"
		"      --heatmap-png FILE   write the last frame as a PNG at exit\n"
		"      --heatmap-every N PATTERN\n"
		"                           a PNG every N cycles; PATTERN holds one %%d\n"
		"                           (or %%05d): frame k (1, 2, ...) shows cycle k*N\n"
		"      --heatmap-scale S    window pixels per image pixel, 1-16\n"
		"                           (default: the largest that fits the screen)\n"
		"      --heatmap-order N    block order of the fragmentation charts, 0-10\n"
		"                           (default: the highest)\n"
		"      --heatmap-fps N      window frames per second at most (default 60)\n"
		"      --heatmap-wait       keep the window open after the run until closed\n"
		"      --heatmap-paused     start paused (space runs, n steps one sample)\n"
		"      --heatmap-rate N     with the window, run at most N simulated cycles\n"
		"                           per second of wall time (slow motion; 100M:\n"
		"                           about 5 times slower than the real board)\n"
		"      --sample-every N     sample the metrics every N cycles (default:\n"
		"                           adaptive, 256-512 evenly spaced samples)\n"
		"  --stats prints Linux's buddyinfo, pagetypeinfo and extfrag indices at\n"
		"  exit; --report adds the metrics and their time series (\"mm\").\n"
		"\n");
}

int heatmap_parse_option(struct heatmap_options *o, int code, const char *arg, int argc,
			 char **argv, int *optind)
{
	uint64_t v;
	char name[4096];

	switch (code) {
	case HEATMAP_OPT_WINDOW:
		o->window = true;
		return 0;
	case HEATMAP_OPT_WAIT:
		o->window_wait = true;
		return 0;
	case HEATMAP_OPT_PAUSED:
		o->start_paused = true;
		return 0;
	case HEATMAP_OPT_FPS:
		if (!parse_count(arg, &v) || v < 1 || v > 240) {
			log_error("--heatmap-fps: '%s' is not a frame rate from 1 to 240", arg);
			return -1;
		}
		o->fps = (unsigned)v;
		return 0;
	case HEATMAP_OPT_RATE:
		if (!parse_count(arg, &o->rate) || !o->rate) {
			log_error("--heatmap-rate: '%s' is not a positive number of cycles per second",
			      arg);
			return -1;
		}
		return 0;
	case HEATMAP_OPT_PNG:
		/* Written at exit: a bad folder should fail now, not after the run. */
		if (file_check_output(arg, name, sizeof(name)) != 0) {
			log_error("--heatmap-png: cannot write %s: %s", arg, name);
			return -1;
		}
		o->png_path = arg;
		return 0;
	case HEATMAP_OPT_EVERY:
		if (!parse_count(arg, &o->every) || !o->every) {
			log_error("--heatmap-every: '%s' is not a positive cycle count", arg);
			return -1;
		}
		if (*optind >= argc) {
			log_error("--heatmap-every: a file pattern (frame-%%05d.png...) must follow %s",
			      arg);
			return -1;
		}
		o->every_pattern = argv[(*optind)++];
		if (png_format_name(name, sizeof(name), o->every_pattern, 1) != 0) {
			log_error("--heatmap-every: pattern '%s' needs exactly one %%d (or %%05d; "
				  "width at most %d)", o->every_pattern, PNG_FORMAT_MAX_WIDTH);
			return -1;
		}
		{
			char why[256];

			if (file_check_output(name, why, sizeof(why)) != 0) {
				log_error("--heatmap-every: cannot write %s: %s", name, why);
				return -1;
			}
		}
		return 0;
	case HEATMAP_OPT_SAMPLE:
		if (!parse_count(arg, &o->sample_every) || !o->sample_every) {
			log_error("--sample-every: '%s' is not a positive cycle count", arg);
			return -1;
		}
		return 0;
	case HEATMAP_OPT_SCALE:
		if (!parse_count(arg, &v) || v < 1 || v > 16) {
			log_error("--heatmap-scale: '%s' is not a scale from 1 to 16", arg);
			return -1;
		}
		o->scale = (unsigned)v;
		return 0;
	case HEATMAP_OPT_ORDER:
		if (!parse_count(arg, &v) || v >= MM_ABI_MAX_ORDER) {
			log_error("--heatmap-order: '%s' is not an order from 0 to %u", arg,
			      MM_ABI_MAX_ORDER - 1);
			return -1;
		}
		o->order = (int)v;
		return 0;
	}
	log_error("heatmap: unknown option code %d", code);
	return -1;
}

void heatmap_options_finish(struct heatmap_options *o, bool stats, bool report)
{
	o->stats = stats;
	o->metrics = report;
}

struct heatmap *heatmap_find(struct machine *m)
{
	return machine_find_model(m, &heatmap_ops);
}

int heatmap_add_overlay(struct heatmap *h, const struct heatmap_overlay *ov)
{
	if (h->nr_ov == PS_MAX_OVERLAYS)
		return -1;
	h->ov[h->nr_ov] = *ov;
	h->ov_info[h->nr_ov].name = ov->name;
	h->ov_info[h->nr_ov].colour = RENDER_RGB(ov->rgb >> 16 & 0xff, ov->rgb >> 8 & 0xff,
						 ov->rgb & 0xff);
	h->nr_ov++;
	h->ps.nr_overlays = h->nr_ov;
	return 0;
}

void heatmap_ram_written(struct heatmap *h)
{
	h->snap_valid = false;
	h->tally_valid = false;
}

void heatmap_overlay_mark(uint64_t *bits, uint32_t pfn0, uint32_t nframes, uint32_t pa,
			  uint32_t len)
{
	uint64_t lo, hi;

	if (!len)
		return;
	lo = pa >> MM_ABI_PAGE_SHIFT;
	hi = ((uint64_t)pa + len - 1) >> MM_ABI_PAGE_SHIFT;
	for (uint64_t pfn = lo; pfn <= hi; pfn++)
		if (pfn >= pfn0 && pfn - pfn0 < nframes)
			bits[(pfn - pfn0) / 64] |= 1ull << ((pfn - pfn0) % 64);
}

/* ---- snapshots ---- */

static void snapshot(struct heatmap *h)
{
	struct machine *m = h->m;
	double t0;

	if (h->snap_valid && h->snap_cycle == machine_clock(m)->now)
		return;
	t0 = now_s();
	/*
	 * No instruction since the last snapshot (the core waited for an
	 * interrupt): guest memory, and so every page's state, is what it was.
	 * Idle time is skipped in big steps, so this saves most decodes of a
	 * mostly idle guest.  Models that write RAM without the CPU (DMA) say so
	 * with heatmap_ram_written().
	 */
	if (h->snap_valid && machine_stats(m)->insns == h->snap_insns) {
		h->reused++;
	} else {
		pagestate_decode(&h->ps, &h->mem, h->abi_pa, machine_elf(m) ? machine_elf(m)->lo_pa : 0,
				 machine_elf(m) ? machine_elf(m)->hi_pa : 0);
		metrics_compute(&h->mt, &h->ps);
		h->snap_insns = machine_stats(m)->insns;
		h->decodes++;
	}
	h->ps.cycle = machine_clock(m)->now;
	h->ps.ns = clock_ns(machine_clock(m));
	for (unsigned k = 0; k < h->nr_ov; k++) {
		memset(h->ps.overlay[k], 0, ((h->ps.nframes + 63) / 64) * sizeof(uint64_t));
		h->ov[k].fill(h->ov[k].opaque, h->ps.overlay[k], h->ps.pfn0, h->ps.nframes);
	}
	h->snap_valid = true;
	h->snap_cycle = machine_clock(m)->now;
	h->rendered = false;
	h->decode_s += now_s() - t0;
}

static void draw(struct heatmap *h)
{
	struct render_input in = {
		.ps = &h->ps,
		.mt = &h->mt,
		.se = &h->se,
		.chart_order = h->o.order,
		.image_name = h->image_name,
		.nr_overlays = h->nr_ov,
		.overlay = h->ov_info,
	};
	double t0;

	if (h->rendered)
		return;
	t0 = now_s();
	render_draw(&h->r, &in);
	h->rendered = true;
	h->render_s += now_s() - t0;
	h->renders++;
}

/* ---- events ---- */

static void sample_event(void *opaque, cycle_t late)
{
	struct heatmap *h = opaque;
	struct machine *m = h->m;

	/* The light walk; nothing to redo if no instruction ran since the last. */
	if (!h->tally_valid || machine_stats(m)->insns != h->tally_insns) {
		double t0 = now_s();
		char why[96];
		bool ok = pagestate_tally(&h->mem, h->abi_pa, h->ps.pfn0, h->ps.nframes,
					  &h->tally_abi, &h->tally, why, sizeof(why));

		metrics_from_tally(&h->sample_mt, &h->tally_abi, ok, &h->tally);
		h->tally_valid = true;
		h->tally_insns = machine_stats(m)->insns;
		h->tallies++;
		h->tally_s += now_s() - t0;
	}
	metrics_series_add(&h->se, &h->sample_mt, machine_clock(m)->now);
	/* The period may have doubled; the next sample stays on its grid. */
	h->sample_due += h->se.period;
	clock_schedule_at(machine_clock(h->m), &h->sample_ev, h->sample_due);
}

static void lapse_event(void *opaque, cycle_t late)
{
	struct heatmap *h = opaque;
	char name[4096];
	uint64_t k = h->lapse_due / h->o.every;

	h->lapse_due += h->o.every;
	clock_schedule_at(machine_clock(h->m), &h->lapse_ev, h->lapse_due);
	if (png_format_name(name, sizeof(name), h->o.every_pattern, k) != 0)
		return; /* checked when the option was parsed */
	snapshot(h);
	draw(h);
	if (png_write_rgba(name, h->r.px, h->r.L.width, h->r.L.height) != 0) {
		/* A full disk should not go on failing 1000 times. */
		clock_cancel(machine_clock(h->m), &h->lapse_ev);
		return;
	}
	h->lapse_frames++;
}

/* Hand the window thread a capture of this instant. */
static uint64_t submit_frame(struct heatmap *h)
{
	struct machine *m = h->m;
	struct viewer_frame *f = viewer_begin(h->viewer);
	double t0 = now_s();

	viewer_capture(h->viewer, &h->mem, h->abi_pa, machine_elf(m) ? machine_elf(m)->lo_pa : 0,
		       machine_elf(m) ? machine_elf(m)->hi_pa : 0);
	f->nr_overlays = h->nr_ov;
	for (unsigned k = 0; k < h->nr_ov; k++) {
		f->overlay_info[k] = h->ov_info[k];
		h->ov[k].fill(h->ov[k].opaque, f->overlay[k], h->ps.pfn0, h->ps.nframes);
	}
	metrics_series_copy(&f->se, &h->se);
	f->cycle = machine_clock(m)->now;
	f->ns = clock_ns(machine_clock(m));
	h->capture_s += now_s() - t0;
	h->captures++;
	return viewer_submit(h->viewer);
}

/* Act on the user's commands; while paused the emulation waits in here. */
static void obey(struct heatmap *h)
{
	bool paused;
	unsigned cmd = viewer_commands(h->viewer, &paused);

	if (cmd & VIEWER_STEP)
		clock_schedule(machine_clock(h->m), &h->step_ev, h->se.period);
	if (paused && !(cmd & VIEWER_QUIT)) {
		submit_frame(h);
		viewer_wait_paused(h->viewer, machine_halted_flag(h->m));
		h->rate_valid = false; /* paused time is not emulation time */
		cmd |= viewer_commands(h->viewer, &paused);
		if (cmd & VIEWER_STEP)
			clock_schedule(machine_clock(h->m), &h->step_ev, h->se.period);
	}
	if (cmd & VIEWER_QUIT) {
		h->quit = true;
		machine_halt(h->m, STOP_USER, 0, "window closed");
	}
}

static void step_event(void *opaque, cycle_t late)
{
	struct heatmap *h = opaque;

	if (!h->viewer || h->quit)
		return;
	viewer_set_paused(h->viewer, true, NULL);
	obey(h);
}

static void window_event(void *opaque, cycle_t late)
{
	struct heatmap *h = opaque;

	h->window_due += HEATMAP_POLL_CYCLES;
	clock_schedule_at(machine_clock(h->m), &h->window_ev, h->window_due);
	if (!h->viewer || h->quit)
		return;
	/* The wall clock only decides whether to capture now... */
	if (viewer_due(h->viewer))
		submit_frame(h);
	obey(h);
	/* ...and, with --heatmap-rate, how long to wait: slow motion for runs
	 * too short to watch.  The guest's cycles do not change. */
	if (h->o.rate && !h->quit) {
		struct machine *m = h->m;
		double wall = now_s();

		if (!h->rate_valid) {
			h->rate_valid = true;
			h->rate_t0 = wall;
			h->rate_c0 = machine_clock(m)->now;
		}
		double ahead = (double)(machine_clock(m)->now - h->rate_c0) / (double)h->o.rate -
			       (wall - h->rate_t0);

		if (ahead > 0) {
			if (ahead > 0.1)
				ahead = 0.1;
			struct timespec ts = { 0, (long)(ahead * 1e9) };

			nanosleep(&ts, NULL);
		}
	}
}

/* ---- the model ---- */

uint32_t heatmap_find_abi(struct machine *m)
{
	uint32_t sym, pa, ram_base;

	if (!machine_elf(m) || !elf_symbol_addr(machine_elf(m), MM_ABI_SYMBOL, &sym, NULL))
		return 0;
	/* A kernel linked at PAGE_OFFSET: its segments say where it was loaded. */
	if (elf_virt_to_phys(machine_elf(m), sym, &pa))
		return pa;
	if (machine_is_ram(m, sym, sizeof(struct mm_abi)))
		return sym;
	machine_ram(m, &ram_base, NULL);
	return pagestate_symbol_to_pa(sym, 0xc0000000u, ram_base);
}

static int heatmap_start(struct machine *m, void *opaque)
{
	struct heatmap *h = opaque;

	/* Called again after a system reset: the image was reloaded. */
	h->abi_pa = heatmap_find_abi(m);
	h->snap_valid = false;
	h->tally_valid = false;
	if (h->started)
		return 0;
	h->started = true;

	/*
	 * Open the window only now, after the machine made its Unicorn instance:
	 * SDL's X11 and OpenGL libraries (LLVM, for Mesa's llvmpipe) take
	 * hundreds of MiB of address space.  Loaded first, they pushed Unicorn's
	 * 1 GiB translation buffer to 2.05 GiB from Unicorn's code (seen in
	 * /proc/PID/maps), beyond the reach of the direct calls QEMU's x86-64
	 * backend emits from translated code into its helpers.  (After a system
	 * reset the machine makes a new Unicorn instance with SDL loaded.)
	 */
	if (h->o.window) {
		char why[256];
		struct viewer_config vc = {
			.pfn0 = h->ps.pfn0,
			.nframes = h->ps.nframes,
			.scale = h->o.scale,
			.fps = h->o.fps,
			.chart_order = h->o.order,
			.image_name = h->image_name,
		};

		h->viewer = viewer_start(&vc, why, sizeof(why));
		if (!h->viewer) {
			if (!h->png_path)
				h->png_path = "heatmap.png";
			log_info("heatmap: no display (%s): writing %s at exit instead", why,
			     h->png_path);
		}
	}
	h->emu_cpu_s = -thread_cpu_s();
	if (!h->abi_pa)
		log_info("heatmap: %s has no %s symbol: only the loaded image is shown",
		     machine_config(m)->image_path, MM_ABI_SYMBOL);

	/* The series feeds the report and the charts; --stats alone needs only
	 * the final state.  Without a descriptor there is nothing to measure. */
	if (h->abi_pa && (h->o.metrics || h->png_path || h->o.every || h->viewer)) {
		h->sample_due = machine_clock(m)->now;
		clock_schedule_at(machine_clock(m), &h->sample_ev, h->sample_due);
	}
	if (h->o.every) {
		h->lapse_due = (machine_clock(m)->now / h->o.every + 1) * h->o.every;
		clock_schedule_at(machine_clock(m), &h->lapse_ev, h->lapse_due);
	}
	if (h->viewer) {
		h->window_due = machine_clock(m)->now + HEATMAP_POLL_CYCLES;
		clock_schedule_at(machine_clock(m), &h->window_ev, h->window_due);
		/* pause at the first event, before the first instruction */
		if (h->o.start_paused)
			clock_schedule_at(machine_clock(m), &h->step_ev, machine_clock(m)->now);
	}
	return 0;
}

static void heatmap_stop(struct machine *m, void *opaque)
{
	struct heatmap *h = opaque;

	clock_cancel(machine_clock(m), &h->sample_ev);
	clock_cancel(machine_clock(m), &h->lapse_ev);
	clock_cancel(machine_clock(m), &h->window_ev);
	clock_cancel(machine_clock(m), &h->step_ev);
	if (!h->started)
		return;
	h->emu_cpu_s += thread_cpu_s();
	snapshot(h);
	h->have_final = true;
	if (h->png_path) {
		draw(h);
		png_write_rgba(h->png_path, h->r.px, h->r.L.width, h->r.L.height);
	}
	if (h->viewer && !h->quit) {
		viewer_set_paused(h->viewer, false,
				  h->o.window_wait ? "run finished: q to close" : "run finished");
		uint64_t seq = submit_frame(h);

		if (h->o.window_wait) {
			int x, y;
			unsigned scale;
			uint64_t frames;
			double ms;

			if (!viewer_wait_presented(h->viewer, seq, 10000))
				log_warn("heatmap: the window did not show the final frame in 10 s");
			viewer_info(h->viewer, &x, &y, &scale, &frames, &ms);
			log_info("heatmap: final frame at cycle %" PRIu64 " shown at %d,%d scale %u; "
			     "close the window (q) to exit", (uint64_t)machine_clock(m)->now, x, y, scale);
			viewer_wait_quit(h->viewer);
		}
	}
	if (h->viewer) {
		viewer_stop_cpu(h->viewer, &h->win_cpu_s);
		viewer_info(h->viewer, &h->win_x, &h->win_y, &h->win_scale, &h->win_frames,
			    &h->win_ms);
		viewer_stop(h->viewer);
		h->viewer = NULL;
	}
}

static const char *const phase_names[] = { "early", "memblock", "buddy", "slab" };

/* Frames an overlay marked in the last snapshot. */
static uint64_t overlay_frames(const struct pagestate *ps, unsigned k)
{
	uint64_t n = 0;

	for (uint32_t w = 0; w < (ps->nframes + 63) / 64; w++)
		n += (uint64_t)__builtin_popcountll(ps->overlay[k][w]);
	return n;
}

static void heatmap_print_stats(struct machine *m, void *opaque, FILE *f)
{
	struct heatmap *h = opaque;
	const struct mm_metrics *mt = &h->mt;
	const struct pagestate *ps = &h->ps;

	if (!h->have_final)
		return;
	fprintf(f, "--- page frames (host view of guest memory) ---\n");
	if (!ps->abi_ok) {
		fprintf(f, "mm_abi             not available: %s\n", ps->abi_error);
	} else {
		fprintf(f, "mm_abi             at 0x%08" PRIx32 ", phase %s, %u frames from "
			"pfn 0x%" PRIx32 "\n", h->abi_pa,
			ps->abi.phase < 4 ? phase_names[ps->abi.phase] : "?", ps->nframes,
			ps->pfn0);
	}
	fprintf(f, "frame states       ");
	for (unsigned s = 0, n = 0; s < PS_NR_STATES; s++)
		if (ps->count[s])
			fprintf(f, "%s%s %" PRIu32, n++ ? ", " : "", pagestate_state_name(s),
				ps->count[s]);
	fputc('\n', f);
	if (ps->count[PS_INCONSISTENT])
		fprintf(f, "inconsistent       %" PRIu32 " frames, first at pfn 0x%" PRIx32 "\n",
			ps->count[PS_INCONSISTENT], ps->first_bad_pfn);
	for (unsigned k = 0; k < h->nr_ov; k++)
		fprintf(f, "overlay            %s: %" PRIu64 " frames\n", h->ov[k].name,
			overlay_frames(ps, k));
	if (mt->valid && h->o.stats) {
		fprintf(f, "\n/proc/buddyinfo:\n");
		metrics_print_buddyinfo(f, mt);
		fprintf(f, "\n/proc/pagetypeinfo:\n");
		metrics_print_pagetypeinfo(f, mt);
		fprintf(f, "\n/sys/kernel/debug/extfrag/unusable_index:\n");
		metrics_print_unusable_index(f, mt);
		fprintf(f, "\n/sys/kernel/debug/extfrag/extfrag_index:\n");
		metrics_print_extfrag_index(f, mt);
		fputc('\n', f);
		for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
			const struct mm_zone_metrics *zm = &mt->zone[z];

			if (!zm->populated)
				continue;
			fprintf(f, "zone %-8s free %" PRIu64 " pages (+%" PRIu32 " per-cpu), "
				"largest block order %d; by type:", zm->name, zm->free_pages,
				zm->pcp_pages, zm->largest_order);
			for (unsigned t = 0; t < MIGRATE_TYPES; t++)
				fprintf(f, " %s %" PRIu64, pagestate_mt_name(t),
					zm->free_pages_mt[t]);
			fprintf(f, "; guest nr_free %s\n",
				zm->consistent ? "agrees" : "DIFFERS");
		}
	}
	fprintf(f, "metric samples     %u kept of %" PRIu64 " taken (period %" PRIu64
		" cycles), %" PRIu64 " with host/guest disagreement\n", h->se.nr,
		h->se.samples_taken, h->se.period, h->se.samples_inconsistent);
	if (h->tallies)
		fprintf(f, "metric walks       host cost: %" PRIu64 " walks of mem_map, %.3f ms each\n",
			h->tallies, 1e3 * h->tally_s / h->tallies);
	if (h->decodes)
		fprintf(f, "heatmap host cost  %" PRIu64 " decodes %.3f ms each (%" PRIu64
			" more snapshots while idle needed none), %" PRIu64
			" renders %.3f ms each, %" PRIu64 " PNG time-lapse frames\n", h->decodes,
			1e3 * h->decode_s / h->decodes, h->reused, h->renders,
			h->renders ? 1e3 * h->render_s / h->renders : 0.0, h->lapse_frames);
	if (h->captures)
		fprintf(f, "heatmap window     host cost: %" PRIu64 " captures %.3f ms each on the emulation "
			"thread; %" PRIu64 " frames shown, %.3f ms each on the window thread "
			"(%.3f s CPU)\n", h->captures, 1e3 * h->capture_s / h->captures,
			h->win_frames, h->win_ms, h->win_cpu_s);
	fprintf(f, "emulation thread   host CPU %.3f s while running\n", h->emu_cpu_s);
}

static void heatmap_report(struct machine *m, void *opaque, struct report *r)
{
	struct heatmap *h = opaque;
	const struct pagestate *ps = &h->ps;

	if (!h->have_final)
		return;
	report_object(r, "mm");
	report_bool(r, "abi_found", ps->abi_ok);
	if (h->abi_pa)
		report_hex(r, "abi_pa", h->abi_pa);
	if (!ps->abi_ok)
		report_str(r, "abi_error", ps->abi_error);
	report_hex(r, "pfn0", ps->pfn0);
	report_u64(r, "frames", ps->nframes);
	report_object(r, "grid");
	report_u64(r, "width", h->r.L.grid_w);
	report_u64(r, "height", h->r.L.grid_h);
	report_end(r);
	report_object(r, "frame_states");
	for (unsigned s = 0; s < PS_NR_STATES; s++)
		report_u64(r, pagestate_state_name(s), ps->count[s]);
	report_end(r);
	report_object(r, "overlays");
	for (unsigned k = 0; k < h->nr_ov; k++)
		report_u64(r, h->ov[k].name, overlay_frames(ps, k));
	report_end(r);
	metrics_report(r, &h->mt, &h->se);
	report_end(r);
}

static void heatmap_destroy(void *opaque)
{
	struct heatmap *h = opaque;

	viewer_stop(h->viewer);
	pagestate_destroy(&h->ps);
	metrics_series_destroy(&h->se);
	render_destroy(&h->r);
	free(h);
}

static const struct machine_model heatmap_ops = {
	.name = "heatmap",
	.start = heatmap_start,
	.stop = heatmap_stop,
	.print_stats = heatmap_print_stats,
	.report = heatmap_report,
	.destroy = heatmap_destroy,
};

int heatmap_attach(struct machine *m, const struct heatmap_options *o)
{
	struct heatmap *h;
	const char *base;
	uint32_t ram_base, ram_size;
	uint8_t *ram;

	if (!heatmap_options_active(o))
		return 0;
	h = xcalloc(1, sizeof(*h), "the heatmap");
	h->m = m;
	h->o = *o;
	h->png_path = o->png_path;
	base = strrchr(machine_config(m)->image_path, '/');
	snprintf(h->image_name, sizeof(h->image_name), "%s",
		 base ? base + 1 : machine_config(m)->image_path);
	ram = machine_ram(m, &ram_base, &ram_size);
	h->mem = (struct ps_mem){ ram, ram_base, ram_size };
	if (pagestate_init(&h->ps, ram_base >> MM_ABI_PAGE_SHIFT,
			   ram_size >> MM_ABI_PAGE_SHIFT) != 0 ||
	    metrics_series_init(&h->se, o->sample_every ? o->sample_every
							 : HEATMAP_SAMPLE_DEFAULT,
				!o->sample_every) != 0 ||
	    render_init(&h->r, h->ps.pfn0, h->ps.nframes) != 0) {
		log_error("heatmap: out of memory");
		heatmap_destroy(h);
		return -1;
	}
	event_init(&h->sample_ev, "heatmap-sample", sample_event, h);
	event_init(&h->lapse_ev, "heatmap-timelapse", lapse_event, h);
	event_init(&h->window_ev, "heatmap-window", window_event, h);
	event_init(&h->step_ev, "heatmap-step", step_event, h);
	/* After the devices' events of the same cycle: see their effects. */
	h->sample_ev.priority = 100;
	h->lapse_ev.priority = 101;
	h->window_ev.priority = 102;
	h->step_ev.priority = 103;

	if (machine_attach(m, &heatmap_ops, h) != 0) {
		log_error("heatmap: too many models attached");
		heatmap_destroy(h);
		return -1;
	}
	return 0;
}
