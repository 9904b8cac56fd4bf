/* SPDX-License-Identifier: MIT */
/*
 * options.h - the command line.
 *
 * DOC: Options are parsed once into `struct options`, which holds the
 * machine's configuration and each front end's (reports, models, heatmap).
 * Every mistake is one line on stderr naming the option and the problem,
 * and exit status 125; nothing is half-applied.
 */
#ifndef EMU_OPTIONS_H
#define EMU_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/machine.h"
#include "emu/trace.h"
#include "mm/heatmap.h"
#include "soc/arm1176/memsys.h"

struct options {
	struct machine_config machine;
	bool stats;
	bool quiet;
	const char *report_path;
	struct heatmap_options heatmap; /* --heatmap* and --sample-every (mm/heatmap.c) */
	enum memsys_mode model;         /* --model (soc/arm1176/memsys.h) */
	bool model_given;               /* --model was on the command line */
	enum coherency_mode coherency;  /* --coherency (soc/arm1176/coherency.h) */
	bool coherency_given;
	bool fail_on_coherency;         /* --fail-on-coherency: findings exit EXIT_COHERENCY */
	struct trace_options trace;     /* --trace* (emu/trace.h) */
	const char *scenario_path;      /* --scenario FILE.lua: no image on the command line */
};

/*
 * Parse argv.  Returns 0 to run, 1 when the program should exit 0 at once
 * (--help, --version were printed), or -1 after printing an error.
 */
int options_parse(struct options *o, int argc, char **argv);
void options_usage(FILE *f);

#endif /* EMU_OPTIONS_H */
