/* SPDX-License-Identifier: MIT */
/*
 * fdt.h - a small flattened device tree reader for the guest.
 *
 * DOC: Enough of the DTB format (devicetree specification v0.4, chapter 5)
 * for early boot: header check, nodes by path, subnodes, properties, and
 * #address-cells/#size-cells.  Read-only, no allocation; works on a blob in
 * memory at any alignment the spec allows (8-byte aligned header, 4-byte
 * aligned structure block).  Portable: also compiled natively for the unit
 * tests.  Names are dt_* so they do not clash with the host's libfdt.
 * Node offsets are byte offsets into the structure block; negative values
 * are errors (DT_ERR_*).
 */
#ifndef GUEST_LIB_FDT_H
#define GUEST_LIB_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DT_MAGIC 0xd00dfeedu

enum {
	DT_ERR_NOTFOUND = -1,
	DT_ERR_BADMAGIC = -2,
	DT_ERR_BADVERSION = -3,
	DT_ERR_BADSTRUCTURE = -4,
	DT_ERR_TRUNCATED = -5,
	DT_ERR_BADOFFSET = -6,
};

static inline uint32_t dt32_to_cpu(uint32_t be)
{
	const uint8_t *b = (const uint8_t *)&be;

	return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/* 0 if blob looks like a valid DTB of at most max_size bytes (0: no limit). */
int dt_check_header(const void *fdt, size_t max_size);
uint32_t dt_totalsize(const void *fdt);

/* Offset of the node at an absolute path ("/", "/memory", "/chosen"), or an error. */
int dt_path_offset(const void *fdt, const char *path);
/* Child nodes of `parent`; DT_ERR_NOTFOUND when there are no more. */
int dt_first_subnode(const void *fdt, int parent);
int dt_next_subnode(const void *fdt, int node);
/* Offset of the child named name (with or without @unit-address). */
int dt_subnode_offset(const void *fdt, int parent, const char *name);
/* Node name including @unit-address; *lenp gets its length. */
const char *dt_get_name(const void *fdt, int node, int *lenp);

/* Property value and its length in bytes, or NULL. */
const void *dt_getprop(const void *fdt, int node, const char *name, int *lenp);
bool dt_getprop_u32(const void *fdt, int node, const char *name, uint32_t *out);
/* Is the string in a stringlist property (e.g. "compatible")? */
bool dt_prop_has_string(const void *fdt, int node, const char *prop, const char *str);

/* #address-cells / #size-cells that apply to the children of `parent` (2 / 1 by default). */
int dt_address_cells(const void *fdt, int parent);
int dt_size_cells(const void *fdt, int parent);
/* Read `cells` big-endian cells at *p as a number and advance *p. */
uint64_t dt_read_number(const uint32_t **p, int cells);

/* Walk every node in document order: returns the next node offset, *depth updated. */
int dt_next_node(const void *fdt, int node, int *depth);

#endif /* GUEST_LIB_FDT_H */
