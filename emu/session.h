/* SPDX-License-Identifier: MIT */
/*
 * session.h - what every front end does around machine_run(): attach the
 * models the options ask for, say how the run ended, write statistics and
 * the report.  The CLI (main.c) and the scenario engine share it.
 */
#ifndef EMU_SESSION_H
#define EMU_SESSION_H

#include <stdio.h>

struct machine;
struct options;
struct report;

/* Memory path, heatmap (with the dirty-line overlay) and trace.  Returns 0,
 * or -1 after printing an error. */
int session_attach(struct machine *m, const struct options *o);

/* One line on stderr saying why the machine stopped (nothing for exit 0). */
void session_print_outcome(struct machine *m);

/*
 * Open --report's file early, so a bad path fails before a long run.
 * Returns 0 (and *f, NULL when no report is asked for) or -1 after an error.
 */
int session_open_report(const struct options *o, FILE **f);

/*
 * --stats to stderr and the report to `f` (closed here); `extra` adds a
 * front end's own sections after the machine's.  Returns -1 when writing
 * the report failed (reported).
 */
int session_finish(struct machine *m, const struct options *o, FILE *f,
		   void (*extra)(void *opaque, struct report *r), void *opaque);

#endif /* EMU_SESSION_H */
