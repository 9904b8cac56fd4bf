// SPDX-License-Identifier: MIT
/*
 * fdt.c - a small flattened device tree reader (see fdt.h).
 *
 * DOC: The structure block is a stream of big-endian tokens: BEGIN_NODE
 * (name, NUL, padding), PROP (len, nameoff, value, padding), END_NODE, NOP,
 * END.  A node offset points at its BEGIN_NODE token.  Every read is bounds
 * checked against the header's sizes, so a corrupt blob gives an error, not
 * a wild read.
 */
#include "lib/fdt.h"

#include <string.h>

#define DT_BEGIN_NODE 1u
#define DT_END_NODE 2u
#define DT_PROP 3u
#define DT_NOP 4u
#define DT_END 9u

struct dt_header {
	uint32_t magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap, version,
		last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct;
};

static uint32_t hdr(const void *fdt, size_t field)
{
	const uint32_t *h = fdt;

	return dt32_to_cpu(h[field]);
}

#define H_TOTALSIZE 1
#define H_OFF_STRUCT 2
#define H_OFF_STRINGS 3
#define H_VERSION 5
#define H_SIZE_STRINGS 8
#define H_SIZE_STRUCT 9

static const uint8_t *dt_struct(const void *fdt)
{
	return (const uint8_t *)fdt + hdr(fdt, H_OFF_STRUCT);
}

static uint32_t struct_size(const void *fdt)
{
	return hdr(fdt, H_SIZE_STRUCT);
}

/* The 32-bit word at structure offset off, or DT_END past the end. */
static uint32_t word_at(const void *fdt, int off)
{
	uint32_t v;

	if (off < 0 || (uint32_t)off + 4 > struct_size(fdt))
		return DT_END;
	memcpy(&v, dt_struct(fdt) + off, 4);
	return dt32_to_cpu(v);
}

int dt_check_header(const void *fdt, size_t max_size)
{
	uint32_t total, off_s, off_str, sz_s, sz_str;

	if (!fdt || ((uintptr_t)fdt & 3))
		return DT_ERR_BADMAGIC;
	if (hdr(fdt, 0) != DT_MAGIC)
		return DT_ERR_BADMAGIC;
	if (hdr(fdt, H_VERSION) < 16)
		return DT_ERR_BADVERSION;
	total = hdr(fdt, H_TOTALSIZE);
	off_s = hdr(fdt, H_OFF_STRUCT);
	off_str = hdr(fdt, H_OFF_STRINGS);
	sz_s = hdr(fdt, H_SIZE_STRUCT);
	sz_str = hdr(fdt, H_SIZE_STRINGS);
	if (max_size && total > max_size)
		return DT_ERR_TRUNCATED;
	if (total < sizeof(struct dt_header) || (off_s & 3) || off_s > total ||
	    sz_s > total - off_s || off_str > total || sz_str > total - off_str)
		return DT_ERR_TRUNCATED;
	if (word_at(fdt, 0) != DT_BEGIN_NODE)
		return DT_ERR_BADSTRUCTURE;
	return 0;
}

uint32_t dt_totalsize(const void *fdt)
{
	return hdr(fdt, H_TOTALSIZE);
}

/* Offset just past the name of the node at `node`, or an error. */
static int skip_name(const void *fdt, int node)
{
	const char *name = (const char *)dt_struct(fdt) + node + 4;
	uint32_t max = struct_size(fdt) - (uint32_t)node - 4;
	size_t len;

	if (word_at(fdt, node) != DT_BEGIN_NODE)
		return DT_ERR_BADOFFSET;
	len = strnlen(name, max);
	if (len == max)
		return DT_ERR_TRUNCATED;
	return node + 4 + (int)((len + 1 + 3) & ~3u);
}

/* Offset of the token after the property at off. */
static int skip_prop(const void *fdt, int off)
{
	uint32_t len = word_at(fdt, off + 4);

	if (len > struct_size(fdt))
		return DT_ERR_TRUNCATED;
	return off + 12 + (int)((len + 3) & ~3u);
}

int dt_next_node(const void *fdt, int node, int *depth)
{
	int off = node;
	uint32_t tag;

	if (node >= 0) {
		off = skip_name(fdt, node);
		if (off < 0)
			return off;
	} else {
		return DT_ERR_BADOFFSET;
	}
	for (;;) {
		tag = word_at(fdt, off);
		switch (tag) {
		case DT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			return off;
		case DT_END_NODE:
			if (depth)
				(*depth)--;
			off += 4;
			break;
		case DT_PROP:
			off = skip_prop(fdt, off);
			if (off < 0)
				return off;
			break;
		case DT_NOP:
			off += 4;
			break;
		case DT_END:
			return DT_ERR_NOTFOUND;
		default:
			return DT_ERR_BADSTRUCTURE;
		}
		if (depth && *depth < 0)
			return DT_ERR_NOTFOUND;
	}
}

int dt_first_subnode(const void *fdt, int parent)
{
	int depth = 0;
	int off = dt_next_node(fdt, parent, &depth);

	if (off < 0 || depth != 1)
		return DT_ERR_NOTFOUND;
	return off;
}

int dt_next_subnode(const void *fdt, int node)
{
	int depth = 1;
	int off = node;

	/* Skip node's own subtree, then expect a sibling at the same depth. */
	do {
		off = dt_next_node(fdt, off, &depth);
		if (off < 0 || depth < 1)
			return DT_ERR_NOTFOUND;
	} while (depth > 1);
	return off;
}

const char *dt_get_name(const void *fdt, int node, int *lenp)
{
	const char *name;

	if (word_at(fdt, node) != DT_BEGIN_NODE)
		return NULL;
	name = (const char *)dt_struct(fdt) + node + 4;
	if (lenp)
		*lenp = (int)strnlen(name, struct_size(fdt) - (uint32_t)node - 4);
	return name;
}

/* Does node name `n` (len nl, maybe with @unit) match `want` (with or without @unit)? */
static bool name_matches(const char *n, int nl, const char *want, size_t wl)
{
	if ((size_t)nl == wl && memcmp(n, want, wl) == 0)
		return true;
	if (memchr(want, '@', wl))
		return false;
	return (size_t)nl > wl && n[wl] == '@' && memcmp(n, want, wl) == 0;
}

static int subnode_offset_namelen(const void *fdt, int parent, const char *name, size_t len)
{
	int node;

	for (node = dt_first_subnode(fdt, parent); node >= 0; node = dt_next_subnode(fdt, node)) {
		int nl;
		const char *n = dt_get_name(fdt, node, &nl);

		if (n && name_matches(n, nl, name, len))
			return node;
	}
	return DT_ERR_NOTFOUND;
}

int dt_subnode_offset(const void *fdt, int parent, const char *name)
{
	return subnode_offset_namelen(fdt, parent, name, strlen(name));
}

int dt_path_offset(const void *fdt, const char *path)
{
	int node = 0;

	if (path[0] != '/')
		return DT_ERR_BADOFFSET;
	while (*path) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = strchr(path, '/');
		if (!end)
			end = path + strlen(path);
		node = subnode_offset_namelen(fdt, node, path, (size_t)(end - path));
		if (node < 0)
			return node;
		path = end;
	}
	return node;
}

const void *dt_getprop(const void *fdt, int node, const char *name, int *lenp)
{
	const char *strings = (const char *)fdt + hdr(fdt, H_OFF_STRINGS);
	uint32_t strsize = hdr(fdt, H_SIZE_STRINGS);
	int off = skip_name(fdt, node);

	while (off >= 0) {
		uint32_t tag = word_at(fdt, off);

		if (tag == DT_NOP) {
			off += 4;
			continue;
		}
		if (tag != DT_PROP)
			break;
		uint32_t len = word_at(fdt, off + 4);
		uint32_t nameoff = word_at(fdt, off + 8);

		if (nameoff < strsize && (uint32_t)off + 12 + len <= struct_size(fdt) &&
		    strncmp(strings + nameoff, name, strsize - nameoff) == 0) {
			if (lenp)
				*lenp = (int)len;
			return dt_struct(fdt) + off + 12;
		}
		off = skip_prop(fdt, off);
	}
	if (lenp)
		*lenp = DT_ERR_NOTFOUND;
	return NULL;
}

bool dt_getprop_u32(const void *fdt, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = dt_getprop(fdt, node, name, &len);
	uint32_t v;

	if (!p || len != 4)
		return false;
	memcpy(&v, p, 4);
	*out = dt32_to_cpu(v);
	return true;
}

bool dt_prop_has_string(const void *fdt, int node, const char *prop, const char *str)
{
	int len;
	const char *p = dt_getprop(fdt, node, prop, &len);
	size_t sl = strlen(str);

	while (p && len > 0) {
		size_t l = strnlen(p, (size_t)len);

		if (l == sl && memcmp(p, str, sl) == 0)
			return true;
		p += l + 1;
		len -= (int)(l + 1);
	}
	return false;
}

int dt_address_cells(const void *fdt, int parent)
{
	uint32_t v;

	if (dt_getprop_u32(fdt, parent, "#address-cells", &v) && v >= 1 && v <= 4)
		return (int)v;
	return 2;
}

int dt_size_cells(const void *fdt, int parent)
{
	uint32_t v;

	if (dt_getprop_u32(fdt, parent, "#size-cells", &v) && v <= 4)
		return (int)v;
	return 1;
}

uint64_t dt_read_number(const uint32_t **p, int cells)
{
	uint64_t v = 0;

	while (cells-- > 0) {
		uint32_t w;

		memcpy(&w, *p, 4);
		v = (v << 32) | dt32_to_cpu(w);
		(*p)++;
	}
	return v;
}
