/* SPDX-License-Identifier: MIT */
/*
 * number.c - decimal counts with k/M/G multipliers, strictly.
 */
#include "emu/number.h"

#include <errno.h>
#include <stdlib.h>

bool parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	uint64_t mul = 1;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return false;
	if (*end) {
		switch (*end) {
		case 'k': mul = 1000ull; break;
		case 'M': mul = 1000000ull; break;
		case 'G': mul = 1000000000ull; break;
		default: return false;
		}
		if (end[1])
			return false;
	}
	if (v > UINT64_MAX / mul)
		return false;
	*out = v * mul;
	return true;
}
