/* SPDX-License-Identifier: MIT */
/*
 * report.h - the machine-readable run summary (--report FILE.json).
 *
 * DOC: A streaming JSON writer: models add their sections in a fixed order,
 * values are formatted the same way on every run, and nothing host-dependent
 * (wall-clock time, host addresses) goes in unless asked for, so two runs of
 * the same image and board produce the same bytes.
 */
#ifndef EMU_REPORT_H
#define EMU_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define REPORT_MAX_DEPTH 16

struct report {
	FILE *f;
	int depth;
	bool first[REPORT_MAX_DEPTH];
	bool in_array[REPORT_MAX_DEPTH];
	/* Nesting deeper than REPORT_MAX_DEPTH: nothing more is written (the
	 * JSON would be malformed) and report_close() fails. */
	bool too_deep;
};

void report_open(struct report *r, FILE *f);   /* writes the opening brace */
/*
 * Close every open level and flush.  Returns 0, or -1 when the report is
 * not complete on its stream: nesting too deep, or a write error (errno set).
 */
int report_close(struct report *r);

/* `key` is the member name inside an object and NULL inside an array. */
void report_object(struct report *r, const char *key);
void report_array(struct report *r, const char *key);
void report_end(struct report *r);

void report_u64(struct report *r, const char *key, uint64_t v);
void report_i64(struct report *r, const char *key, int64_t v);
void report_f64(struct report *r, const char *key, double v);
void report_str(struct report *r, const char *key, const char *v);
void report_bool(struct report *r, const char *key, bool v);
void report_hex(struct report *r, const char *key, uint32_t v); /* "0x5000abcd" */

#endif /* EMU_REPORT_H */
