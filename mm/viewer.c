/* SPDX-License-Identifier: MIT */
/*
 * viewer.c - the window thread: decode, render and present captured frames.
 *
 * DOC: Two frames rotate between the threads: the emulation thread fills
 * `pending` under the lock and marks it ready; the window thread swaps it
 * with `working` under the lock and draws `working` without it.  Commands
 * (quit, pause, step) are flags under the same lock with one condition
 * variable for every change.
 */
#include "mm/viewer.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/alloc.h"
#include "mm/window.h"


struct hm_viewer {
	struct viewer_config cfg;
	char image_name[64];
	unsigned frame_ms;           /* wall time between frames */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cv;

	/* under lock */
	struct viewer_frame frames[2];
	struct viewer_frame *pending, *working;
	bool pending_ready;
	uint64_t seq, presented_seq;
	bool opened, failed, exit;
	bool paused, quit, step;
	char note[96];
	char why[256];
	uint32_t last_submit;
	int win_x, win_y;
	unsigned win_scale;
	uint64_t shown;
	double busy_s, cpu_s;
	bool stopped;
	bool idle;                   /* the window thread waits for work */
	struct {
		bool pending;        /* copy guest RAM into `pending` now */
		struct ps_mem mem;
		uint32_t abi_pa, kernel_lo, kernel_hi;
	} req;

	/* window thread only */
	struct hm_window *win;
	struct pagestate ps;
	struct mm_metrics mt;
	struct render r;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void deadline_in(struct timespec *ts, unsigned ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	ts->tv_sec += ms / 1000 + ts->tv_nsec / 1000000000L;
	ts->tv_nsec %= 1000000000L;
}

static void draw_working(struct hm_viewer *v)
{
	struct viewer_frame *f = v->working;
	struct render_input in = {
		.ps = &v->ps,
		.mt = &v->mt,
		.se = &f->se,
		.chart_order = v->cfg.chart_order,
		.image_name = v->image_name,
		.nr_overlays = f->nr_overlays,
		.overlay = f->overlay_info,
	};

	pagestate_decode_capture(&v->ps, &f->cap);
	v->ps.cycle = f->cycle;
	v->ps.ns = f->ns;
	v->ps.nr_overlays = f->nr_overlays;
	for (unsigned k = 0; k < f->nr_overlays; k++)
		memcpy(v->ps.overlay[k], f->overlay[k], ((v->ps.nframes + 63) / 64) * 8);
	metrics_compute(&v->mt, &v->ps);
	render_draw(&v->r, &in);
}

static void *viewer_main(void *arg)
{
	struct hm_viewer *v = arg;
	char why[256] = "";
	bool have = false, paused = false;
	char note[96] = "";

	v->win = window_open(&v->r.L, v->cfg.scale, why, sizeof(why));
	pthread_mutex_lock(&v->lock);
	if (v->win) {
		v->opened = true;
		window_position(v->win, &v->win_x, &v->win_y);
		v->win_scale = window_scale(v->win);
	} else {
		v->failed = true;
		snprintf(v->why, sizeof(v->why), "%s", why);
	}
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->lock);
	if (!v->win)
		return NULL;

	for (;;) {
		struct timespec ts;
		bool take, status_changed;
		uint64_t seq = 0;

		pthread_mutex_lock(&v->lock);
		v->idle = true;
		if (!v->pending_ready && !v->exit && !v->req.pending) {
			deadline_in(&ts, v->frame_ms);
			pthread_cond_timedwait(&v->cv, &v->lock, &ts);
		}
		if (v->req.pending) {
			/*
			 * The emulation thread waits while this thread copies mem_map
			 * out of guest RAM: the 2 MiB go through this core's cache,
			 * not through the one the emulation's working set lives in.
			 */
			pagestate_capture(&v->pending->cap, &v->req.mem, v->req.abi_pa,
					  v->req.kernel_lo, v->req.kernel_hi);
			v->req.pending = false;
			pthread_cond_broadcast(&v->cv);
			pthread_mutex_unlock(&v->lock);
			continue;
		}
		v->idle = false;
		if (v->exit) {
			pthread_mutex_unlock(&v->lock);
			break;
		}
		take = v->pending_ready;
		if (take) {
			struct viewer_frame *t = v->working;

			v->working = v->pending;
			v->pending = t;
			v->pending_ready = false;
			seq = v->working->seq;
		}
		status_changed = paused != v->paused || strcmp(note, v->note) != 0;
		paused = v->paused;
		snprintf(note, sizeof(note), "%s", v->note);
		pthread_mutex_unlock(&v->lock);

		double t0 = now_s();

		if (take) {
			draw_working(v);
			have = true;
		}
		window_set_status(v->win, paused, note);
		unsigned ev = window_poll(v->win);

		if (have && (take || status_changed || (ev & WIN_EV_REDRAW)))
			window_present(v->win, v->r.px, &v->ps);

		pthread_mutex_lock(&v->lock);
		if (take) {
			v->presented_seq = seq;
			v->shown++;
			v->busy_s += now_s() - t0;
		}
		if (ev & WIN_EV_QUIT) {
			v->quit = true;
			v->paused = false;
		}
		if (ev & WIN_EV_PAUSE)
			v->paused = !v->paused;
		if (ev & WIN_EV_STEP) {
			v->step = true;
			v->paused = false;
		}
		pthread_cond_broadcast(&v->cv);
		pthread_mutex_unlock(&v->lock);
	}
	window_close(v->win);
	v->win = NULL;

	struct timespec cpu;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	pthread_mutex_lock(&v->lock);
	v->cpu_s = (double)cpu.tv_sec + cpu.tv_nsec * 1e-9;
	pthread_mutex_unlock(&v->lock);
	return NULL;
}

static void free_viewer(struct hm_viewer *v)
{
	for (unsigned i = 0; i < 2; i++) {
		pagestate_capture_free(&v->frames[i].cap);
		metrics_series_destroy(&v->frames[i].se);
		for (unsigned k = 0; k < PS_MAX_OVERLAYS; k++)
			free(v->frames[i].overlay[k]);
	}
	render_destroy(&v->r);
	pagestate_destroy(&v->ps);
	pthread_cond_destroy(&v->cv);
	pthread_mutex_destroy(&v->lock);
	free(v);
}

struct hm_viewer *viewer_start(const struct viewer_config *cfg, char *why, size_t why_len)
{
	struct hm_viewer *v = xcalloc(1, sizeof(*v), "the heatmap viewer");
	size_t words = (cfg->nframes + 63) / 64 + 1;

	v->cfg = *cfg;
	v->frame_ms = cfg->fps ? 1000 / cfg->fps : 16;
	if (!v->frame_ms)
		v->frame_ms = 1;
	snprintf(v->image_name, sizeof(v->image_name), "%s",
		 cfg->image_name ? cfg->image_name : "");
	v->cfg.image_name = v->image_name;
	pthread_mutex_init(&v->lock, NULL);
	pthread_cond_init(&v->cv, NULL);
	v->pending = &v->frames[0];
	v->working = &v->frames[1];
	pagestate_init(&v->ps, cfg->pfn0, cfg->nframes);
	render_init(&v->r, cfg->pfn0, cfg->nframes);
	for (unsigned i = 0; i < 2; i++)
		for (unsigned k = 0; k < PS_MAX_OVERLAYS; k++)
			v->frames[i].overlay[k] = xcalloc(words, sizeof(uint64_t),
							  "a heatmap viewer overlay");
	if (pthread_create(&v->thread, NULL, viewer_main, v) != 0) {
		snprintf(why, why_len, "cannot start the window thread");
		free_viewer(v);
		return NULL;
	}
	pthread_mutex_lock(&v->lock);
	while (!v->opened && !v->failed)
		pthread_cond_wait(&v->cv, &v->lock);
	pthread_mutex_unlock(&v->lock);
	if (v->failed) {
		pthread_join(v->thread, NULL);
		snprintf(why, why_len, "%s", v->why);
		free_viewer(v);
		return NULL;
	}
	v->last_submit = window_ticks() - v->frame_ms;
	return v;
}

static void join(struct hm_viewer *v)
{
	if (v->stopped)
		return;
	pthread_mutex_lock(&v->lock);
	v->exit = true;
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->lock);
	pthread_join(v->thread, NULL);
	v->stopped = true;
}

void viewer_stop_cpu(struct hm_viewer *v, double *cpu_s)
{
	join(v);
	*cpu_s = v->cpu_s;
}

void viewer_stop(struct hm_viewer *v)
{
	if (!v)
		return;
	join(v);
	free_viewer(v);
}

bool viewer_due(struct hm_viewer *v)
{
	bool due;

	pthread_mutex_lock(&v->lock);
	due = v->idle && !v->pending_ready && window_ticks() - v->last_submit >= v->frame_ms;
	pthread_mutex_unlock(&v->lock);
	return due;
}

void viewer_capture(struct hm_viewer *v, const struct ps_mem *mem, uint32_t abi_pa,
		    uint32_t kernel_lo, uint32_t kernel_hi)
{
	struct timespec ts;

	v->req.mem = *mem;
	v->req.abi_pa = abi_pa;
	v->req.kernel_lo = kernel_lo;
	v->req.kernel_hi = kernel_hi;
	v->req.pending = true;
	pthread_cond_broadcast(&v->cv);
	deadline_in(&ts, 2000);
	while (v->req.pending)
		if (pthread_cond_timedwait(&v->cv, &v->lock, &ts) == ETIMEDOUT)
			break;
	if (v->req.pending) {
		/* the window thread is stuck (in the X server?): copy here */
		v->req.pending = false;
		pagestate_capture(&v->pending->cap, mem, abi_pa, kernel_lo, kernel_hi);
	}
}

struct viewer_frame *viewer_begin(struct hm_viewer *v)
{
	struct viewer_frame *f;

	pthread_mutex_lock(&v->lock);
	f = v->pending;
	for (unsigned k = 0; k < PS_MAX_OVERLAYS; k++)
		memset(f->overlay[k], 0, ((v->cfg.nframes + 63) / 64) * sizeof(uint64_t));
	return f;
}

uint64_t viewer_submit(struct hm_viewer *v)
{
	uint64_t seq = ++v->seq;

	v->pending->seq = seq;
	v->pending_ready = true;
	v->last_submit = window_ticks();
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->lock);
	return seq;
}

unsigned viewer_commands(struct hm_viewer *v, bool *paused)
{
	unsigned cmd = 0;

	pthread_mutex_lock(&v->lock);
	if (v->quit)
		cmd |= VIEWER_QUIT;
	if (v->step) {
		cmd |= VIEWER_STEP;
		v->step = false;
	}
	*paused = v->paused;
	pthread_mutex_unlock(&v->lock);
	return cmd;
}

void viewer_set_paused(struct hm_viewer *v, bool paused, const char *note)
{
	pthread_mutex_lock(&v->lock);
	v->paused = paused;
	if (note)
		snprintf(v->note, sizeof(v->note), "%s", note);
	pthread_cond_broadcast(&v->cv);
	pthread_mutex_unlock(&v->lock);
}

void viewer_wait_paused(struct hm_viewer *v, const volatile bool *halted)
{
	pthread_mutex_lock(&v->lock);
	while (v->paused && !v->quit && !*halted) {
		struct timespec ts;

		/* wake now and then: Ctrl-C halts the machine without telling us */
		deadline_in(&ts, 100);
		pthread_cond_timedwait(&v->cv, &v->lock, &ts);
	}
	pthread_mutex_unlock(&v->lock);
}

bool viewer_wait_presented(struct hm_viewer *v, uint64_t seq, unsigned ms)
{
	struct timespec ts;
	bool ok = true;

	deadline_in(&ts, ms);
	pthread_mutex_lock(&v->lock);
	while (v->presented_seq < seq && ok)
		ok = pthread_cond_timedwait(&v->cv, &v->lock, &ts) != ETIMEDOUT;
	ok = v->presented_seq >= seq;
	pthread_mutex_unlock(&v->lock);
	return ok;
}

void viewer_wait_quit(struct hm_viewer *v)
{
	pthread_mutex_lock(&v->lock);
	while (!v->quit)
		pthread_cond_wait(&v->cv, &v->lock);
	pthread_mutex_unlock(&v->lock);
}

void viewer_info(struct hm_viewer *v, int *x, int *y, unsigned *scale, uint64_t *frames,
		 double *ms_per_frame)
{
	pthread_mutex_lock(&v->lock);
	*x = v->win_x;
	*y = v->win_y;
	*scale = v->win_scale;
	*frames = v->shown;
	*ms_per_frame = v->shown ? 1e3 * v->busy_s / v->shown : 0.0;
	pthread_mutex_unlock(&v->lock);
}
