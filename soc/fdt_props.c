/* SPDX-License-Identifier: MIT */
/*
 * fdt_props.c - the table-driven device-tree number reader (see fdt_props.h).
 */
#include "soc/fdt_props.h"

#include <stdio.h>

#include <libfdt.h>

int fdt_read_u32_props(const void *fdt, int node, const struct fdt_u32_prop *table, size_t n,
		       void *base, const char *prefix, char *why, unsigned why_len)
{
	if (node < 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int len;
		const fdt32_t *v = fdt_getprop(fdt, node, table[i].name, &len);
		uint32_t x;

		if (!v)
			continue;
		x = len == 4 ? fdt32_to_cpu(*v) : ~0u;
		if (len != 4 || x < table[i].min || x > table[i].max) {
			snprintf(why, why_len, "%s%s must be one cell in %u..%u", prefix,
				 table[i].name, table[i].min, table[i].max);
			return -1;
		}
		*(uint32_t *)((char *)base + table[i].off) = x;
	}
	return 0;
}
