/* SPDX-License-Identifier: MIT */
/* Unit tests of the JSON report writer (emu/report.c): exact bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "emu/report.h"

static char *render(void (*build)(struct report *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct report r;

	report_open(&r, f);
	build(&r);
	report_close(&r);
	fclose(f);
	return buf;
}

static void nested(struct report *r)
{
	report_str(r, "name", "a \"quoted\"\\path\n\x01");
	report_object(r, "counts");
	report_u64(r, "big", UINT64_MAX);
	report_i64(r, "neg", -5);
	report_end(r);
	report_array(r, "list");
	report_u64(r, NULL, 1);
	report_object(r, NULL);
	report_bool(r, "ok", true);
	report_hex(r, "pc", 0x50008000u);
	report_end(r);
	report_end(r);
	report_array(r, "empty");
	report_end(r);
	report_f64(r, "ratio", 0.5);
	report_f64(r, "nan", 0.0 / 0.0);
}

static void test_nested(void **state)
{
	char *out = render(nested);

	assert_string_equal(out,
		"{\n"
		"  \"name\": \"a \\\"quoted\\\"\\\\path\\n\\u0001\",\n"
		"  \"counts\": {\n"
		"    \"big\": 18446744073709551615,\n"
		"    \"neg\": -5\n"
		"  },\n"
		"  \"list\": [\n"
		"    1,\n"
		"    {\n"
		"      \"ok\": true,\n"
		"      \"pc\": \"0x50008000\"\n"
		"    }\n"
		"  ],\n"
		"  \"empty\": [],\n"
		"  \"ratio\": 0.5,\n"
		"  \"nan\": null\n"
		"}\n");
	free(out);
}

static void unclosed(struct report *r)
{
	report_object(r, "a");
	report_array(r, "b");
	report_u64(r, NULL, 7);
}

/* report_close closes whatever is still open: a crash report is still JSON. */
static void test_close_all(void **state)
{
	char *out = render(unclosed);

	assert_string_equal(out, "{\n  \"a\": {\n    \"b\": [\n      7\n    ]\n  }\n}\n");
	free(out);
}

/*
 * Deeper than REPORT_MAX_DEPTH: the writer used to stop counting levels and
 * wrote unbalanced JSON; now it writes nothing past the limit and fails.
 */
static void test_too_deep_fails(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct report r;
	int depth = 0;

	report_open(&r, f);
	for (int i = 0; i < REPORT_MAX_DEPTH + 4; i++)
		report_object(&r, "x");
	report_u64(&r, "deep", 1);
	for (int i = 0; i < REPORT_MAX_DEPTH + 4; i++)
		report_end(&r);
	report_u64(&r, "after", 2);
	assert_int_equal(report_close(&r), -1);
	fclose(f);
	assert_null(strstr(buf, "deep"));
	assert_null(strstr(buf, "after"));
	for (const char *p = buf; *p; p++)
		depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
	assert_true(depth >= 0);
	free(buf);

	/* Exactly at the limit is fine. */
	f = open_memstream(&buf, &len);
	report_open(&r, f);
	for (int i = 1; i < REPORT_MAX_DEPTH - 1; i++)
		report_object(&r, "x");
	report_u64(&r, "deepest", 1);
	assert_int_equal(report_close(&r), 0);
	fclose(f);
	assert_non_null(strstr(buf, "\"deepest\": 1"));
	free(buf);
}

/* A report that cannot be written (a full disk) is an error. */
static void test_write_error_fails(void **state)
{
	FILE *f = fopen("/dev/full", "w");
	struct report r;

	if (!f)
		skip();
	report_open(&r, f);
	report_u64(&r, "a", 1);
	assert_int_equal(report_close(&r), -1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_close_all),
		cmocka_unit_test(test_too_deep_fails),
		cmocka_unit_test(test_write_error_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
