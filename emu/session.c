/* SPDX-License-Identifier: MIT */
/*
 * session.c - attach, outcome, statistics and report for a front end.
 */
#include "emu/session.h"

#include <errno.h>
#include <string.h>

#include "emu/log.h"
#include "emu/machine.h"
#include "emu/options.h"
#include "emu/report.h"
#include "emu/trace.h"
#include "mm/heatmap.h"
#include "soc/arm1176/memsys.h"
#include "soc/s3c6410/board.h"

int session_attach(struct machine *m, const struct options *o)
{
	if (heatmap_attach(m, &o->heatmap) != 0 || memsys_attach_coherency(m, o->model, o->coherency) != 0 ||
	    trace_attach(m, &o->trace) != 0)
		return -1;
	/* With both attached, the heatmap shows the D-cache's dirty lines. */
	if (heatmap_find(m) && memsys_find(m)) {
		struct heatmap_overlay dirty = {
			.name = "dirty in D-cache",
			.rgb = 0xffffff,
			.fill = memsys_overlay_dirty_lines,
			.opaque = memsys_find(m),
		};

		struct heatmap_overlay dma = {
			.name = "DMA in flight",
			.rgb = 0x00e5ff,
			.fill = coherency_overlay_in_flight,
			.opaque = memsys_find(m),
		};
		struct heatmap_overlay recent = {
			.name = "DMA since last frame",
			.rgb = 0xffc400,
			.fill = coherency_overlay_recent,
			.opaque = memsys_find(m),
		};
		struct heatmap_overlay found = {
			.name = "coherency finding",
			.rgb = 0xff00ff,
			.fill = coherency_overlay_findings,
			.opaque = memsys_find(m),
		};

		heatmap_add_overlay(heatmap_find(m), &dirty);
		/* The coherency checks' own overlays, when they run. */
		if (o->coherency != COHERENCY_OFF && o->model >= MEMSYS_FULL) {
			heatmap_add_overlay(heatmap_find(m), &dma);
			heatmap_add_overlay(heatmap_find(m), &recent);
			heatmap_add_overlay(heatmap_find(m), &found);
		}
	}
	return 0;
}

void session_print_outcome(struct machine *m)
{
	switch (machine_stop_reason(m)) {
	case STOP_EXIT:
		if (machine_exit_code(m))
			log_info("%s", machine_stop_detail(m));
		break;
	case STOP_CYCLE_LIMIT:
	case STOP_USER:
	case STOP_SCRIPT:
		log_info("stopped: %s", machine_stop_detail(m));
		break;
	case STOP_WATCHDOG:
		log_error("watchdog: %s", machine_stop_detail(m));
		break;
	case STOP_GUEST_CRASH:
		log_error("guest crash: %s", machine_stop_detail(m));
		break;
	default:
		log_error("%s", machine_stop_detail(m));
	}
}

int session_open_report(const struct options *o, FILE **f)
{
	*f = NULL;
	if (!o->report_path)
		return 0;
	*f = fopen(o->report_path, "w");
	if (!*f) {
		log_error("--report: cannot write %s: %s", o->report_path, strerror(errno));
		return -1;
	}
	return 0;
}

int session_finish(struct machine *m, const struct options *o, FILE *f,
		   void (*extra)(void *opaque, struct report *r), void *opaque)
{
	if (o->stats) {
		machine_print_stats(m, stderr);
		board_print_stats(machine_board(m), stderr);
	}
	if (f) {
		struct report rep;

		int failed;

		report_open(&rep, f);
		machine_report(m, &rep);
		if (extra)
			extra(opaque, &rep);
		failed = report_close(&rep);
		if (fclose(f) != 0 || failed) {
			log_error("--report: writing %s failed: %s", o->report_path,
				  errno ? strerror(errno) : "write error");
			return -1;
		}
	}
	return 0;
}
