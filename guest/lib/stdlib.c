// SPDX-License-Identifier: MIT
/*
 * stdlib.c - number parsing and small helpers of the guest libc.
 *
 * The strto* family follows ISO C: leading white space, an optional sign,
 * base 0 picks 8/10/16 from the prefix, base 16 accepts "0x", out-of-range
 * values clamp to the type's limits, *end points after the last digit used
 * (or at the start when there was no number).  There is no errno.
 */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

/* Parse the magnitude; *neg gets the sign, *overflow is set past `limit`. */
static unsigned long long parse(const char *s, char **end, int base, unsigned long long limit,
				bool *neg, bool *overflow)
{
	const char *p = s, *digits_start;
	unsigned long long v = 0;

	*neg = false;
	*overflow = false;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	digits_start = p;
	if (base >= 2 && base <= 36) {
		for (;; p++) {
			int c = (unsigned char)*p, d;

			if (isdigit(c))
				d = c - '0';
			else if (isalpha(c))
				d = tolower(c) - 'a' + 10;
			else
				break;
			if (d >= base)
				break;
			if (v > (limit - (unsigned)d) / (unsigned)base)
				*overflow = true;
			else
				v = v * (unsigned)base + (unsigned)d;
		}
	}
	if (end)
		*end = (char *)(p == digits_start ? s : p);
	return p == digits_start ? 0 : v;
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long long v = parse(s, end, base, ULLONG_MAX, &neg, &overflow);

	if (overflow)
		return ULLONG_MAX;
	return neg ? 0ULL - v : v;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long v = (unsigned long)parse(s, end, base, ULONG_MAX, &neg, &overflow);

	if (overflow)
		return ULONG_MAX;
	return neg ? 0UL - v : v;
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long long limit = (unsigned long long)LLONG_MAX + 1;
	unsigned long long v = parse(s, end, base, limit, &neg, &overflow);

	if (overflow || (!neg && v > (unsigned long long)LLONG_MAX))
		return neg ? LLONG_MIN : LLONG_MAX;
	return neg ? (long long)(0ULL - v) : (long long)v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long long limit = (unsigned long long)LONG_MAX + 1;
	unsigned long long v = parse(s, end, base, limit, &neg, &overflow);

	if (overflow || (!neg && v > (unsigned long long)LONG_MAX))
		return neg ? LONG_MIN : LONG_MAX;
	return neg ? (long)(0ULL - v) : (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}
