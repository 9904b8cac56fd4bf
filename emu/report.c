/* SPDX-License-Identifier: MIT */
#include "emu/report.h"

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

static void member(struct report *r, const char *key)
{
	if (!r->first[r->depth])
		fputc(',', r->f);
	r->first[r->depth] = false;
	indent(r);
	if (!r->in_array[r->depth]) {
		put_string(r->f, key ? key : "");
		fputs(": ", r->f);
	}
}

void report_open(struct report *r, FILE *f)
{
	/* The outer object is level 1, so its members are indented like any other. */
	r->f = f;
	r->depth = 1;
	r->first[1] = true;
	r->in_array[1] = false;
	fputc('{', f);
}

static void push(struct report *r, bool array)
{
	fputc(array ? '[' : '{', r->f);
	if (r->depth + 1 < REPORT_MAX_DEPTH)
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
	bool array = r->in_array[r->depth], empty = r->first[r->depth];

	if (r->depth <= 1)
		return;
	r->depth--;
	if (!empty)
		indent(r);
	fputc(array ? ']' : '}', r->f);
}

void report_close(struct report *r)
{
	while (r->depth > 1)
		report_end(r);
	fputs(r->first[1] ? "}\n" : "\n}\n", r->f);
	fflush(r->f);
}

void report_u64(struct report *r, const char *key, uint64_t v)
{
	member(r, key);
	fprintf(r->f, "%" PRIu64, v);
}

void report_i64(struct report *r, const char *key, int64_t v)
{
	member(r, key);
	fprintf(r->f, "%" PRId64, v);
}

void report_f64(struct report *r, const char *key, double v)
{
	member(r, key);
	if (isfinite(v))
		fprintf(r->f, "%.6g", v);
	else
		fputs("null", r->f);
}

void report_str(struct report *r, const char *key, const char *v)
{
	member(r, key);
	put_string(r->f, v);
}

void report_bool(struct report *r, const char *key, bool v)
{
	member(r, key);
	fputs(v ? "true" : "false", r->f);
}

void report_hex(struct report *r, const char *key, uint32_t v)
{
	member(r, key);
	fprintf(r->f, "\"0x%08x\"", v);
}
