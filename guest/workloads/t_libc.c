// SPDX-License-Identifier: MIT
/*
 * t_libc.c - the guest libc against ISO C's answers: snprintf conversions,
 * flags, widths, precisions and length modifiers; truncation and the return
 * value; the string and memory functions; strtol/strtoul.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static char buf[128];
static const char *volatile null_string;  /* NULL, hidden from -Wformat */

#define FMT(want, ...)                                                                    \
	do {                                                                              \
		int n_ = snprintf(buf, sizeof(buf), __VA_ARGS__);                         \
		CHECK(strcmp(buf, want) == 0 && n_ == (int)strlen(want),                  \
		      "snprintf(%s) = \"%s\" (%d), want \"%s\"", #__VA_ARGS__, buf, n_, want); \
	} while (0)

static void check_printf(void)
{
	FMT("42 -42 0", "%d %i %d", 42, -42, 0);
	FMT("4294967295 ffffffff FFFFFFFF 37777777777", "%u %x %X %o", UINT_MAX, UINT_MAX,
	    UINT_MAX, UINT_MAX);
	FMT("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
	FMT("[   42][42   ][00042][+42][ 42]", "[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42, 42, 42);
	FMT("[-0042][  -42][-42  ]", "[%05d][%5d][%-5d]", -42, -42, -42);
	FMT("[  007][007][]", "[%5.3d][%.3d][%.0d]", 7, 7, 0);
	FMT("0x1f 0X1F 017 0", "%#x %#X %#o %#x", 31, 31, 15, 0);
	FMT("[0x0000beef]", "[%#010x]", 0xbeef);
	FMT("-9223372036854775808 18446744073709551615", "%lld %llu", LLONG_MIN, ULLONG_MAX);
	FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	FMT("-1 4294967295 65535 255 -1", "%ld %lu %hu %hhu %hhd", -1L, ULONG_MAX, 0x1ffff, 0x1ff,
	    0xff);
	FMT("12345 -7", "%zu %zd", (size_t)12345, (ptrdiff_t)-7);
	FMT("0x50008000 0x0", "%p %p", (void *)0x50008000, (void *)0);
	FMT("[abc][  abc][abc  ][ab][(null)]", "[%s][%5s][%-5s][%.2s][%s]", "abc", "abc", "abc",
	    "abcdef", null_string);
	FMT("[x][  x][x  ][%]", "[%c][%3c][%-3c][%%]", 'x', 'x', 'x');
	FMT("[   42][42   ]", "[%*d][%-*d]", 5, 42, 5, 42);
	FMT("[ab]", "[%.*s]", 2, "abcdef");

	int n = snprintf(buf, 6, "%s", "0123456789");
	CHECK(n == 10 && strcmp(buf, "01234") == 0,
	      "truncation keeps the NUL and returns 10 (%d, %s)", n, buf);
	n = snprintf(NULL, 0, "%d", 123456);
	CHECK(n == 6, "snprintf(NULL, 0) counts (%d)", n);
}

static void check_string(void)
{
	char a[32], b[32];

	memset(a, 'x', sizeof(a));
	CHECK(a[0] == 'x' && a[31] == 'x', "memset");
	for (int i = 0; i < 32; i++)
		a[i] = (char)i;
	memcpy(b, a, sizeof(a));
	CHECK(memcmp(a, b, sizeof(a)) == 0, "memcpy + memcmp equal");
	b[17] = 99;
	CHECK(memcmp(a, b, sizeof(a)) < 0 && memcmp(b, a, sizeof(a)) > 0, "memcmp order");
	memmove(a + 1, a, 16);   /* overlapping, forwards */
	CHECK(a[1] == 0 && a[16] == 15 && a[17] == 17, "memmove up");
	memmove(a, a + 1, 16);   /* overlapping, backwards */
	CHECK(a[0] == 0 && a[15] == 15, "memmove down");
	CHECK(strlen("hello") == 5 && strnlen("hello", 3) == 3 && strnlen("hi", 9) == 2,
	      "strlen, strnlen");
	CHECK(strcmp("abc", "abc") == 0 && strcmp("abc", "abd") < 0 && strcmp("b", "abc") > 0 &&
	      strcmp("ab", "abc") < 0, "strcmp");
	CHECK(strncmp("abcx", "abcy", 3) == 0 && strncmp("abcx", "abcy", 4) < 0, "strncmp");
	strcpy(a, "copy");
	CHECK(strcmp(a, "copy") == 0, "strcpy");
	strncpy(a, "ab", 5);
	CHECK(a[0] == 'a' && a[2] == 0 && a[4] == 0, "strncpy pads with NULs");
	CHECK(strlcpy(a, "truncate me", 6) == 11 && strcmp(a, "trunc") == 0, "strlcpy");
	const char *s = "hello";
	CHECK(strchr(s, 'l') == s + 2 && strrchr(s, 'l') == s + 3 && strchr(s, 'z') == NULL &&
	      strchr(s, '\0') == s + 5, "strchr, strrchr");
	CHECK(strstr("haystack", "st") != NULL && strcmp(strstr("haystack", "st"), "stack") == 0 &&
	      strstr("haystack", "needle") == NULL && strstr(s, "") == s, "strstr");
}

static void check_strto(void)
{
	char *end;

	CHECK(strtoul("  123abc", &end, 10) == 123 && strcmp(end, "abc") == 0, "strtoul base 10");
	CHECK(strtoul("0x1F", &end, 0) == 31 && *end == 0, "strtoul base 0 hex");
	CHECK(strtoul("017", NULL, 0) == 15, "strtoul base 0 octal");
	CHECK(strtoul("ff", NULL, 16) == 255, "strtoul base 16");
	CHECK(strtoul("99999999999", NULL, 10) == ULONG_MAX, "strtoul clamps");
	CHECK(strtoul("xyz", &end, 10) == 0 && strcmp(end, "xyz") == 0, "no digits: end = start");
	CHECK(strtol("-42", NULL, 10) == -42 && strtol("+7", NULL, 10) == 7, "strtol sign");
	CHECK(strtol("-99999999999", NULL, 10) == LONG_MIN &&
	      strtol("99999999999", NULL, 10) == LONG_MAX, "strtol clamps");
	CHECK(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX, "strtoull");
	CHECK(atoi("1234") == 1234 && abs(-5) == 5, "atoi, abs");
}

int main(void)
{
	check_printf();
	check_string();
	check_strto();
	return check_done("t_libc");
}
