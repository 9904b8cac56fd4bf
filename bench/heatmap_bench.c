/* SPDX-License-Identifier: MIT */
/*
 * heatmap_bench.c - what the heatmap costs the host.
 *
 *   heatmap_bench [--frames N] [--png FILE] [--window SECONDS] [--scale S]
 *                 [--emu EXE IMAGE MAX_CYCLES]
 *
 * 1. Decode, metrics and render of a crafted, fragmented 256 MiB machine
 *    (65,536 frames; tests/unit/host/fake_mm.c), timed over many rounds.
 * 2. With --window and a display (run it under xvfb-run): the real SDL
 *    window, snapshot + render + present as fast as it goes for SECONDS,
 *    giving the window's frames per second and the cost of one frame.
 * 3. With --emu: the emulator run on IMAGE for MAX_CYCLES cycles without a
 *    heatmap, with --heatmap-png and with the live --heatmap window; the
 *    guest's MIPS from each run's --stats and the slowdown against the first.
 *
 * Figures go to stdout; nothing here is checked, see tests/ for that.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tests/unit/host/fake_mm.h"
#include "mm/metrics.h"
#include "mm/pagestate.h"
#include "mm/png.h"
#include "mm/render.h"
#include "mm/window.h"

extern char **environ;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct world {
	struct fake_mm f;
	struct pagestate ps;
	struct mm_metrics mt;
	struct metrics_series se;
	struct render r;
};

static struct render_input input(struct world *w)
{
	return (struct render_input){
		.ps = &w->ps, .mt = &w->mt, .se = &w->se, .chart_order = -1,
		.image_name = "crafted 256 MiB",
	};
}

static void bench_core(struct world *w, int rounds)
{
	double t0, t_dec, t_met, t_ren, t_tally;
	struct render_input in = input(w);

	t0 = now();
	for (int i = 0; i < rounds; i++)
		pagestate_decode(&w->ps, &w->f.mem, w->f.abi_pa, 0, 0);
	t_dec = (now() - t0) / rounds;
	t0 = now();
	for (int i = 0; i < rounds; i++)
		metrics_compute(&w->mt, &w->ps);
	t_met = (now() - t0) / rounds;
	t0 = now();
	for (int i = 0; i < rounds; i++) {
		struct ps_tally t;
		struct mm_abi abi;
		char why[96];

		pagestate_tally(&w->f.mem, w->f.abi_pa, w->ps.pfn0, w->ps.nframes, &abi, &t, why,
				sizeof(why));
	}
	t_tally = (now() - t0) / rounds;
	t0 = now();
	for (int i = 0; i < rounds; i++)
		render_draw(&w->r, &in);
	t_ren = (now() - t0) / rounds;
	printf("frames                 %" PRIu32 " (grid %ux%u, cell %u px, image %dx%d)\n",
	       w->ps.nframes, w->r.L.grid_w, w->r.L.grid_h, w->r.L.cell, w->r.L.width,
	       w->r.L.height);
	printf("decode                 %.3f ms\n", t_dec * 1e3);
	printf("metrics                %.3f ms\n", t_met * 1e3);
	printf("tally (metric sample)  %.3f ms\n", t_tally * 1e3);
	printf("render                 %.3f ms\n", t_ren * 1e3);
	printf("snapshot+render        %.3f ms (%.1f%% of one core at 60 fps)\n",
	       (t_dec + t_met + t_ren) * 1e3, (t_dec + t_met + t_ren) * 60 * 100);
}

static void bench_window(struct world *w, double seconds, unsigned scale)
{
	char why[256];
	struct hm_window *win = window_open(&w->r.L, scale, why, sizeof(why));
	struct render_input in = input(w);
	double t0, t_present = 0;
	uint64_t frames = 0;

	if (!win) {
		printf("window                 not available: %s\n", why);
		return;
	}
	t0 = now();
	while (now() - t0 < seconds) {
		double t1;

		pagestate_decode(&w->ps, &w->f.mem, w->f.abi_pa, 0, 0);
		metrics_compute(&w->mt, &w->ps);
		w->ps.cycle += 1000000;
		render_draw(&w->r, &in);
		t1 = now();
		window_present(win, w->r.px, &w->ps);
		window_poll(win);
		t_present += now() - t1;
		frames++;
	}
	double dt = now() - t0;

	printf("window (scale %u)       %.1f frames/s unpaced; one frame %.3f ms, of which "
	       "present %.3f ms\n", window_scale(win), frames / dt, dt / frames * 1e3,
	       t_present / frames * 1e3);
	window_close(win);
}

struct emu_run {
	double wall_mips, host_s;      /* from --stats: guest instructions per wall second */
	double emu_cpu_s, cpu_mips;    /* CPU time of the emulation thread */
	double win_cpu_s;              /* CPU time of the window thread */
	uint64_t insns, frames;        /* frames the window showed */
};

/* Run the emulator with --stats and read its figures; false on failure. */
static bool run_emu(const char *exe, const char *image, const char *cycles,
		    const char *const extra[], struct emu_run *out)
{
	char log[] = "/tmp/heatmap_bench_XXXXXX";
	int fd = mkstemp(log);
	const char *argv[32];
	int argc = 0, status;
	pid_t pid;
	posix_spawn_file_actions_t fa;

	memset(out, 0, sizeof(*out));
	if (fd < 0)
		return false;
	argv[argc++] = exe;
	argv[argc++] = "--stats";
	argv[argc++] = "--quiet";
	argv[argc++] = "--max-cycles";
	argv[argc++] = cycles;
	for (int i = 0; extra[i]; i++)
		argv[argc++] = extra[i];
	argv[argc++] = image;
	argv[argc] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd, 2);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	if (posix_spawn(&pid, exe, &fa, NULL, (char *const *)argv, environ) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		close(fd);
		unlink(log);
		return false;
	}
	waitpid(pid, &status, 0);
	posix_spawn_file_actions_destroy(&fa);
	close(fd);

	FILE *f = fopen(log, "r");
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		double a, b;
		unsigned long long n, fr;
		char *p;

		if (sscanf(line, "instructions %llu", &n) == 1)
			out->insns = n;
		else if (sscanf(line, "host time %lf s (%lf MIPS)", &a, &b) == 2) {
			out->host_s = a;
			out->wall_mips = b;
		} else if (sscanf(line, "emulation thread host CPU %lf s", &a) == 1)
			out->emu_cpu_s = a;
		else if ((p = strstr(line, "thread; ")) &&
			 sscanf(p + 8, "%llu frames shown", &fr) == 1)
			out->frames = fr;
		if ((p = strstr(line, "window thread (")) && sscanf(p, "window thread (%lf", &a) == 1)
			out->win_cpu_s = a;
	}
	if (f)
		fclose(f);
	unlink(log);
	if (out->emu_cpu_s > 0)
		out->cpu_mips = out->insns / out->emu_cpu_s / 1e6;
	return out->insns > 0 && out->emu_cpu_s > 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The three modes run in turn, `repeat` rounds, so that a busy neighbour
 * slows them alike; the figures are the median emulation-thread CPU time of
 * each mode (the thread's own CPU time: what the heatmap costs the
 * emulation, whatever else the machine runs) and the median wall MIPS.
 */
static void bench_emu(const char *exe, const char *image, const char *cycles, int repeat)
{
	static const char *const none[] = { NULL };
	static const char *const png[] = { "--heatmap-png", "/tmp/heatmap_bench.png", NULL };
	static const char *const win[] = { "--heatmap", NULL };
	static const struct {
		const char *name;
		const char *const *args;
	} modes[] = {
		{ "no heatmap output", none },
		{ "--heatmap-png", png },
		{ "--heatmap (window)", win },
	};
	enum { NMODES = 3, MAXREP = 64 };
	double cpu[NMODES][MAXREP], wall[NMODES][MAXREP], fps[NMODES][MAXREP];
	double wcpu[NMODES][MAXREP];
	uint64_t insns = 0;
	int n[NMODES] = { 0 };

	if (repeat > MAXREP)
		repeat = MAXREP;
	printf("emulator               %s, --max-cycles %s, %d rounds of the three modes in turn\n",
	       image, cycles, repeat);
	for (int i = 0; i < repeat; i++)
		for (unsigned m = 0; m < NMODES; m++) {
			struct emu_run r;

			if (!run_emu(exe, image, cycles, modes[m].args, &r))
				continue;
			insns = r.insns;
			cpu[m][n[m]] = r.emu_cpu_s;
			wall[m][n[m]] = r.wall_mips;
			fps[m][n[m]] = r.frames ? r.frames / r.host_s : 0;
			wcpu[m][n[m]] = r.win_cpu_s;
			n[m]++;
		}
	double base = 0;

	for (unsigned m = 0; m < NMODES; m++) {
		if (!n[m]) {
			printf("  %-20s failed\n", modes[m].name);
			continue;
		}
		qsort(cpu[m], n[m], sizeof(double), cmp_double);
		qsort(wall[m], n[m], sizeof(double), cmp_double);
		qsort(fps[m], n[m], sizeof(double), cmp_double);
		qsort(wcpu[m], n[m], sizeof(double), cmp_double);
		double med = cpu[m][n[m] / 2];

		if (m == 0)
			base = med;
		printf("  %-20s emulation thread %.3f s CPU (median; min %.3f) = %.1f MIPS, wall %.1f "
		       "MIPS", modes[m].name, med, cpu[m][0], insns / med / 1e6, wall[m][n[m] / 2]);
		if (m && base > 0)
			printf(", CPU %+.1f%%", (med / base - 1) * 100);
		if (fps[m][n[m] / 2] > 0)
			printf("; %.1f fps, window thread %.3f s CPU", fps[m][n[m] / 2],
			       wcpu[m][n[m] / 2]);
		printf("\n");
	}
	unlink("/tmp/heatmap_bench.png");
}

int main(int argc, char **argv)
{
	struct world *w = calloc(1, sizeof(*w));
	uint32_t frames = 65536;
	const char *png = NULL, *emu = NULL, *image = NULL, *cycles = NULL;
	double window_s = 0;
	unsigned scale = 1;
	int repeat = 3;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--frames") && i + 1 < argc)
			frames = (uint32_t)strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--png") && i + 1 < argc)
			png = argv[++i];
		else if (!strcmp(argv[i], "--window") && i + 1 < argc)
			window_s = atof(argv[++i]);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
			repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--emu") && i + 3 < argc) {
			emu = argv[++i];
			image = argv[++i];
			cycles = argv[++i];
		} else {
			fprintf(stderr, "usage: %s [--frames N] [--png FILE] [--window SECONDS] "
				"[--scale S] [--repeat N] [--emu EXE IMAGE MAX_CYCLES]\n", argv[0]);
			return 2;
		}
	}
	if (!w || fake_mm_init_inside(&w->f, 0x50000000u, frames) != 0 ||
	    pagestate_init(&w->ps, 0x50000, frames) != 0 ||
	    metrics_series_init(&w->se, 1000000, true) != 0 ||
	    render_init(&w->r, 0x50000, frames) != 0) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	fake_fragment(&w->f, 2024);
	pagestate_decode(&w->ps, &w->f.mem, w->f.abi_pa, 0, 0);
	metrics_compute(&w->mt, &w->ps);
	/* a made-up history for the charts */
	for (unsigned i = 0; i < 300; i++) {
		struct mm_metrics m = w->mt;

		for (unsigned z = 0; z < MAX_NR_ZONES; z++)
			for (unsigned o = 6; o < 11; o++)
				m.zone[z].nr_free[o] = m.zone[z].nr_free[o] * (300 - i) / 300 +
						       (o == 10 ? 40 * i / 300 : 0);
		metrics_series_add(&w->se, &m, (uint64_t)i * 1000000);
	}
	w->ps.cycle = 300000000;
	w->ps.ns = w->ps.cycle * 1000 / 533;

	bench_core(w, 200);
	if (png) {
		struct render_input in = input(w);

		render_draw(&w->r, &in);
		if (png_write_rgba(png, w->r.px, w->r.L.width, w->r.L.height) == 0)
			printf("wrote                  %s\n", png);
	}
	if (window_s > 0)
		bench_window(w, window_s, scale);
	if (emu)
		bench_emu(emu, image, cycles, repeat);
	render_destroy(&w->r);
	metrics_series_destroy(&w->se);
	pagestate_destroy(&w->ps);
	fake_mm_free(&w->f);
	free(w);
	return 0;
}
