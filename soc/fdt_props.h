/* SPDX-License-Identifier: MIT */
/*
 * fdt_props.h - read a table of one-cell number properties of a device-tree
 * node into a parameter struct, each checked against its range.
 *
 * DOC: Models take their costs and sizes from the board's device tree
 * ("s3c6410-emu,*" properties).  Each declares a table (name, offset of its
 * uint32_t field, allowed range); absent properties keep the defaults the
 * struct already holds.  One reader for all of them, so every model reports
 * a bad value the same way.
 */
#ifndef SOC_FDT_PROPS_H
#define SOC_FDT_PROPS_H

#include <stddef.h>
#include <stdint.h>

struct fdt_u32_prop {
	const char *name;
	size_t off;                /* offsetof() the uint32_t field */
	uint32_t min, max;
};

/*
 * Read the properties of `table` present on `node` (a negative node: none)
 * into the struct at `base`.  Returns 0, or -1 with "<prefix><name> must be
 * one cell in <min>..<max>" in `why`.
 */
int fdt_read_u32_props(const void *fdt, int node, const struct fdt_u32_prop *table, size_t n,
		       void *base, const char *prefix, char *why, unsigned why_len);

#endif /* SOC_FDT_PROPS_H */
