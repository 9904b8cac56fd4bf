/* SPDX-License-Identifier: MIT */
/*
 * check.h - self-checks for the guest test images.
 *
 * CHECK(cond, fmt, ...) prints "ok N - what" or "not ok N - what" (TAP-like,
 * so a failing run's log shows which check broke) and counts failures;
 * check_done(name) prints a summary line and returns the exit code: 0 only
 * when every check passed and at least one ran.
 */
#ifndef GUEST_WORKLOADS_CHECK_H
#define GUEST_WORKLOADS_CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_count, check_failures;

static inline __attribute__((format(printf, 2, 3))) int check(int ok, const char *fmt, ...)
{
	va_list ap;

	check_count++;
	if (!ok)
		check_failures++;
	printf("%s %d - ", ok ? "ok" : "not ok", check_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return ok;
}

#define CHECK(cond, ...) check(!!(cond), __VA_ARGS__)

static inline int check_done(const char *name)
{
	if (check_failures || !check_count) {
		printf("%s: FAILED %d of %d checks\n", name, check_failures, check_count);
		return 1;
	}
	printf("%s: PASS (%d checks)\n", name, check_count);
	return 0;
}

#endif /* GUEST_WORKLOADS_CHECK_H */
