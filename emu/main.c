/* SPDX-License-Identifier: MIT */
/*
 * main.c - the s3c6410-emu command: parse options, build the machine, attach
 * the front ends, run, report.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/log.h"
#include "emu/machine.h"
#include "emu/options.h"
#include "emu/report.h"
#include "emu/status.h"
#include "mm/heatmap.h"
#include "soc/arm1176/memsys.h"

static struct machine *running;

static void on_sigint(int sig)
{
	(void)sig;
	if (running)
		machine_interrupt(running);
}

static void print_outcome(struct machine *m)
{
	switch (m->reason) {
	case STOP_EXIT:
		if (m->exit_code)
			log_info("%s", m->stop_detail);
		break;
	case STOP_CYCLE_LIMIT:
	case STOP_USER:
		log_info("stopped: %s", m->stop_detail);
		break;
	case STOP_WATCHDOG:
		log_error("watchdog: %s", m->stop_detail);
		break;
	case STOP_GUEST_CRASH:
		log_error("guest crash: %s", m->stop_detail);
		break;
	default:
		log_error("%s", m->stop_detail);
	}
}

int main(int argc, char **argv)
{
	struct options opt;
	struct machine *m;
	FILE *report_file = NULL;
	int status, r;

	r = options_parse(&opt, argc, argv);
	if (r != 0)
		return r > 0 ? 0 : EXIT_EMU_ERROR;
	log_set_quiet(opt.quiet);

	if (opt.report_path) {
		/* Open now so a bad path fails before a long run, not after it. */
		report_file = fopen(opt.report_path, "w");
		if (!report_file) {
			log_error("--report: cannot write %s: %s", opt.report_path, strerror(errno));
			return EXIT_EMU_ERROR;
		}
	}

	m = machine_create(&opt.machine);
	if (!m) {
		if (report_file) {
			fclose(report_file);
			remove(opt.report_path);
		}
		return EXIT_EMU_ERROR;
	}

	/* Front ends and models attach here (memory path, heatmap). */
	if (heatmap_attach(m, &opt.heatmap) != 0 || memsys_attach(m, opt.model) != 0) {
		machine_destroy(m);
		if (report_file) {
			fclose(report_file);
			remove(opt.report_path);
		}
		return EXIT_EMU_ERROR;
	}

	/* With both attached, the heatmap shows the D-cache's dirty lines. */
	if (heatmap_find(m) && memsys_find(m)) {
		struct heatmap_overlay dirty = {
			.name = "dirty in D-cache",
			.rgb = 0xffffff,
			.fill = memsys_overlay_dirty_lines,
			.opaque = memsys_find(m),
		};

		heatmap_add_overlay(heatmap_find(m), &dirty);
	}

	running = m;
	signal(SIGINT, on_sigint);
	status = machine_run(m);
	running = NULL;
	fflush(stdout);
	print_outcome(m);

	if (opt.stats)
		machine_print_stats(m, stderr);
	if (report_file) {
		struct report rep;

		int failed;

		report_open(&rep, report_file);
		machine_report(m, &rep);
		failed = report_close(&rep);
		/* A report that did not reach the disk is an error, not a success. */
		if (fclose(report_file) != 0 || failed) {
			log_error("--report: writing %s failed: %s", opt.report_path,
				  errno ? strerror(errno) : "write error");
			status = EXIT_EMU_ERROR;
		}
	}
	machine_destroy(m);
	return status;
}
