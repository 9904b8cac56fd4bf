/* SPDX-License-Identifier: MIT */
/* Unit tests of the JSON report writer (emu/report.c): exact bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_close_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
