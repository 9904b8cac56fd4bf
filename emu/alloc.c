/* SPDX-License-Identifier: MIT */
/*
 * alloc.c - allocations that end the run, in one line, when the host has no
 * memory left.
 */
#include "emu/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emu/log.h"

static _Noreturn void out_of_memory(const char *what, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		log_fatal("out of memory for %s (%zu x %zu bytes overflows)", what, n, size);
	log_fatal("out of memory for %s (%zu bytes)", what, n * size);
}

void *xcalloc(size_t n, size_t size, const char *what)
{
	void *p;

	if (!n || !size)
		n = size = 1;
	p = calloc(n, size);
	if (!p)
		out_of_memory(what, n, size);
	return p;
}

void *xrealloc(void *p, size_t n, size_t size, const char *what)
{
	void *q;

	if (!n || !size)
		n = size = 1;
	if (n > SIZE_MAX / size)
		out_of_memory(what, n, size);
	q = realloc(p, n * size);
	if (!q)
		out_of_memory(what, n, size);
	return q;
}

char *xstrdup(const char *s, const char *what)
{
	size_t len = strlen(s) + 1;
	char *p = xcalloc(len, 1, what);

	memcpy(p, s, len);
	return p;
}
