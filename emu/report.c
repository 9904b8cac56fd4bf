/* SPDX-License-Identifier: MIT */
/*
 * report.c - the streaming JSON writer: one member per call, indentation by
 * depth, strings escaped; a report that cannot be written whole says so.
 */
#include "emu/report.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>

static void indent(struct report *r)
{
	fputc('\n', r->f);
	for (int i = 0; i < r->depth; i++)
		fputs("  ", r->f);
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\t': fputs("\\t", f); break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* Start a member; false once the report is too deep to write. */
static bool member(struct report *r, const char *key)
{
	if (r->too_deep)
		return false;
	if (!r->first[r->depth])
		fputc(',', r->f);
	r->first[r->depth] = false;
	indent(r);
	if (!r->in_array[r->depth]) {
		put_string(r->f, key ? key : "");
		fputs(": ", r->f);
	}
	return true;
}

void report_open(struct report *r, FILE *f)
{
	/* The outer object is level 1, so its members are indented like any other. */
	r->f = f;
	r->depth = 1;
	r->first[1] = true;
	r->in_array[1] = false;
	r->too_deep = false;
	fputc('{', f);
}

static void push(struct report *r, bool array)
{
	if (r->too_deep || r->depth + 1 >= REPORT_MAX_DEPTH) {
		/* Count the levels so report_end() pairs up, but write nothing more. */
		r->too_deep = true;
		r->depth++;
		return;
	}
	fputc(array ? '[' : '{', r->f);
	r->depth++;
	r->first[r->depth] = true;
	r->in_array[r->depth] = array;
}

void report_object(struct report *r, const char *key)
{
	member(r, key);
	push(r, false);
}

void report_array(struct report *r, const char *key)
{
	member(r, key);
	push(r, true);
}

void report_end(struct report *r)
{
	bool array, empty;

	if (r->depth <= 1)
		return;
	if (r->depth >= REPORT_MAX_DEPTH) {
		r->depth--;
		return;
	}
	array = r->in_array[r->depth];
	empty = r->first[r->depth];
	r->depth--;
	if (!empty)
		indent(r);
	fputc(array ? ']' : '}', r->f);
}

int report_close(struct report *r)
{
	while (r->depth > 1)
		report_end(r);
	if (r->too_deep) {
		errno = EOVERFLOW;
		return -1;
	}
	fputs(r->first[1] ? "}\n" : "\n}\n", r->f);
	errno = 0;
	if (fflush(r->f) != 0 || ferror(r->f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	return 0;
}

void report_u64(struct report *r, const char *key, uint64_t v)
{
	if (!member(r, key))
		return;
	fprintf(r->f, "%" PRIu64, v);
}

void report_i64(struct report *r, const char *key, int64_t v)
{
	if (!member(r, key))
		return;
	fprintf(r->f, "%" PRId64, v);
}

void report_f64(struct report *r, const char *key, double v)
{
	if (!member(r, key))
		return;
	if (isfinite(v))
		fprintf(r->f, "%.6g", v);
	else
		fputs("null", r->f);
}

void report_str(struct report *r, const char *key, const char *v)
{
	if (!member(r, key))
		return;
	put_string(r->f, v);
}

void report_bool(struct report *r, const char *key, bool v)
{
	if (!member(r, key))
		return;
	fputs(v ? "true" : "false", r->f);
}

void report_hex(struct report *r, const char *key, uint32_t v)
{
	if (!member(r, key))
		return;
	fprintf(r->f, "\"0x%08x\"", v);
}
