/* SPDX-License-Identifier: MIT */
/*
 * json.h - read back the JSON the emulator writes (emu/report.h).
 *
 * DOC: A small DOM parser for our own reports, so front ends can read a
 * model's report data (counters, findings, metrics) without reaching into
 * the model: the scenario engine turns it into Lua tables, the trace writer
 * samples counters from it.  Integers are kept exact (int64), everything else
 * as double.  Strict RFC 8259 syntax; errors give the byte offset.
 */
#ifndef EMU_JSON_H
#define EMU_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_INT, JSON_DOUBLE, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	enum json_type type;
	bool b;
	int64_t i;
	double d;
	char *str;               /* JSON_STRING (NUL-terminated; may hold NULs: len) */
	size_t len;              /* string length, or number of items / members */
	struct json *item;       /* array items, or object member values */
	char **key;              /* object member names (parallel to item) */
};

/* Parse `len` bytes.  Returns NULL with a message in `err` on a syntax error. */
struct json *json_parse(const char *text, size_t len, char *err, size_t err_len);
void json_free(struct json *j);

/* Member of an object by name, or NULL. */
const struct json *json_member(const struct json *j, const char *key);
/* By a dotted path ("memory_model.dcache.fills"; array items by index), or NULL. */
const struct json *json_path(const struct json *j, const char *path);
/* A number as int64 (doubles truncated); `def` when j is NULL or not a number. */
int64_t json_int(const struct json *j, int64_t def);

#endif /* EMU_JSON_H */
