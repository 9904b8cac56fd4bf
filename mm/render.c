/* SPDX-License-Identifier: MIT */
/*
 * render.c - the heatmap image: map, legend, boundaries, charts and text.
 *
 * DOC: Colours: free memory is green, darker for small blocks and brighter
 * for large ones (one shade per order, so fragmentation shows as the map
 * going from bright to dark green); allocations are coloured by mobility
 * (unmovable red, movable blue, reclaimable teal) so unmovable pages pinning
 * a pageblock stand out; CMA is violet (lavender when free); slab orange,
 * page tables yellow, vmalloc brown; reserved memory grey and the kernel
 * image light grey; a frame whose struct page makes no sense is hot pink.
 * Overlays are blended half and half over the frame's colour.
 */
#include "mm/render.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "mm/font.h"
#include "mm/metrics.h"

#define RGB RENDER_RGB

#define MARGIN       8
#define AXIS_W       66          /* "0x50000000" plus a tick */
#define LEGEND_W     246
#define LEGEND_ROWS  50
#define CHART_H      64
#define CHART_LABEL  12
#define MAP_TARGET   512

static const uint32_t bg = RGB(0x16, 0x16, 0x1a);
static const uint32_t fg = RGB(0xe8, 0xe8, 0xe8);
static const uint32_t dim = RGB(0x90, 0x90, 0x98);
static const uint32_t frame_line = RGB(0x60, 0x60, 0x68);
static const uint32_t zone_line = RGB(0xff, 0xff, 0xff);
static const uint32_t cma_line = RGB(0xff, 0x3c, 0xf0);

static const uint32_t state_colour[PS_NR_STATES] = {
	[PS_UNKNOWN] = RGB(0x3a, 0x3a, 0x40),
	[PS_HOLE] = RGB(0x00, 0x00, 0x00),
	[PS_MB_MEMORY] = RGB(0x2a, 0x5a, 0x60),
	[PS_MB_RESERVED] = RGB(0x80, 0x80, 0x80),
	[PS_FREE] = RGB(0x8c, 0xf5, 0x6e),      /* order 10; see free_colour() */
	[PS_FREE_PCP] = RGB(0xd2, 0xe8, 0x4a),
	[PS_CMA_FREE] = RGB(0xd8, 0xbc, 0xf8),
	[PS_ALLOC_UNMOVABLE] = RGB(0xe0, 0x3c, 0x31),
	[PS_ALLOC_MOVABLE] = RGB(0x3d, 0x7e, 0xe8),
	[PS_ALLOC_RECLAIMABLE] = RGB(0x1e, 0xb4, 0xb4),
	[PS_CMA_ALLOC] = RGB(0x9b, 0x4d, 0xd6),
	[PS_SLAB] = RGB(0xff, 0x99, 0x1c),
	[PS_PAGETABLE] = RGB(0xff, 0xe4, 0x3a),
	[PS_VMALLOC] = RGB(0xa8, 0x6a, 0x3c),
	[PS_HIGHMEM] = RGB(0x2a, 0x3a, 0x96),
	[PS_RESERVED] = RGB(0x80, 0x80, 0x80),
	[PS_KERNEL] = RGB(0xd0, 0xd0, 0xd0),
	[PS_INCONSISTENT] = RGB(0xff, 0x2a, 0x8c),
};

/* One line colour per zone in the charts. */
static const uint32_t zone_colour[MAX_NR_ZONES] = {
	[ZONE_DMA] = RGB(0xff, 0xe4, 0x3a),
	[ZONE_NORMAL] = RGB(0xff, 0xff, 0xff),
	[ZONE_HIGHMEM] = RGB(0xff, 0x99, 0x1c),
	[ZONE_MOVABLE] = RGB(0x4a, 0xd8, 0xff),
};

/* Order 0 dark green .. order 10 bright green, linear in 10 steps. */
static uint32_t free_colour(unsigned order)
{
	static const int lo[3] = { 0x16, 0x46, 0x1c }, hi[3] = { 0x8c, 0xf5, 0x6e };
	int c[3];

	if (order > 10)
		order = 10;
	for (int i = 0; i < 3; i++)
		c[i] = lo[i] + (hi[i] - lo[i]) * (int)order / 10;
	return RGB(c[0], c[1], c[2]);
}

uint32_t render_frame_colour(const struct ps_frame *f)
{
	if (f->state == PS_FREE)
		return free_colour(f->order);
	return f->state < PS_NR_STATES ? state_colour[f->state] : state_colour[PS_INCONSISTENT];
}

static uint32_t blend(uint32_t a, uint32_t b)
{
	/* Average each byte; alpha stays 0xff. */
	return (((a >> 1) & 0x7f7f7f7fu) + ((b >> 1) & 0x7f7f7f7fu) + (a & b & 0x01010101u)) |
	       0xff000000u;
}

void render_layout_init(struct render_layout *L, uint32_t pfn0, uint32_t nframes)
{
	uint32_t w = 1;

	memset(L, 0, sizeof(*L));
	L->pfn0 = pfn0;
	L->nframes = nframes;
	while ((uint64_t)w * w < nframes)
		w <<= 1;
	L->grid_w = w;
	L->grid_h = nframes ? (nframes + w - 1) / w : 1;
	L->cell = w < MAP_TARGET ? MAP_TARGET / w : 1;
	L->map_w = (int)(L->grid_w * L->cell);
	L->map_h = (int)(L->grid_h * L->cell);
	L->map_x = MARGIN + AXIS_W;
	L->map_y = MARGIN + 2 * FONT_LINE + 6;
	L->legend_x = L->map_x + L->map_w + 14;
	L->legend_y = L->map_y;
	L->legend_w = LEGEND_W;
	L->width = L->legend_x + L->legend_w + MARGIN;

	int body = L->map_h > LEGEND_ROWS * FONT_LINE ? L->map_h : LEGEND_ROWS * FONT_LINE;

	L->chart_x = L->map_x;
	L->chart_w = L->width - MARGIN - L->chart_x;
	L->chart_h = CHART_H;
	L->chart_gap = CHART_LABEL + CHART_H + FONT_LINE + 6;
	L->chart_y = L->map_y + body + 10 + CHART_LABEL;
	L->height = L->chart_y + L->chart_gap + CHART_H + FONT_LINE + MARGIN;
}

bool render_pfn_at(const struct render_layout *L, int x, int y, uint32_t *pfn)
{
	if (x < L->map_x || y < L->map_y || x >= L->map_x + L->map_w || y >= L->map_y + L->map_h)
		return false;
	uint32_t col = (uint32_t)(x - L->map_x) / L->cell, row = (uint32_t)(y - L->map_y) / L->cell;
	uint64_t i = (uint64_t)row * L->grid_w + col;

	if (i >= L->nframes)
		return false;
	*pfn = L->pfn0 + (uint32_t)i;
	return true;
}

int render_init(struct render *r, uint32_t pfn0, uint32_t nframes)
{
	render_layout_init(&r->L, pfn0, nframes);
	r->px = xcalloc((size_t)r->L.width * r->L.height, sizeof(*r->px), "the heatmap image");
	return 0;
}

void render_destroy(struct render *r)
{
	free(r->px);
	r->px = NULL;
}

/* ---- primitives ---- */

void render_fill(uint32_t *px, int width, int height, int x, int y, int w, int h,
		 uint32_t colour)
{
	if (x < 0) {
		w += x;
		x = 0;
	}
	if (y < 0) {
		h += y;
		y = 0;
	}
	if (x + w > width)
		w = width - x;
	if (y + h > height)
		h = height - y;
	for (int j = 0; j < h; j++) {
		uint32_t *p = px + (size_t)(y + j) * width + x;

		for (int i = 0; i < w; i++)
			p[i] = colour;
	}
}

int render_text(uint32_t *px, int width, int height, int x, int y, uint32_t colour,
		const char *s)
{
	for (; *s; s++, x += FONT_ADVANCE) {
		for (unsigned row = 0; row < FONT_ROWS; row++) {
			uint8_t bits = font_row(*s, row);
			int yy = y + (int)row;

			if (!bits || yy < 0 || yy >= height)
				continue;
			for (int col = 0; col < FONT_COLS; col++) {
				int xx = x + col;

				if ((bits & (0x10 >> col)) && xx >= 0 && xx < width)
					px[(size_t)yy * width + xx] = colour;
			}
		}
	}
	return x;
}

static void put(struct render *r, int x, int y, uint32_t c)
{
	if (x >= 0 && y >= 0 && x < r->L.width && y < r->L.height)
		r->px[(size_t)y * r->L.width + x] = c;
}

static void hline(struct render *r, int x0, int x1, int y, uint32_t c)
{
	for (int x = x0; x < x1; x++)
		put(r, x, y, c);
}

static void vline(struct render *r, int x, int y0, int y1, uint32_t c)
{
	for (int y = y0; y < y1; y++)
		put(r, x, y, c);
}

static void line(struct render *r, int x0, int y0, int x1, int y1, uint32_t c)
{
	int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
	int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
	int err = dx + dy;

	for (;;) {
		put(r, x0, y0, c);
		if (x0 == x1 && y0 == y1)
			break;
		int e2 = 2 * err;

		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

static void rect(struct render *r, int x, int y, int w, int h, uint32_t c)
{
	hline(r, x, x + w, y, c);
	hline(r, x, x + w, y + h - 1, c);
	vline(r, x, y, y + h, c);
	vline(r, x + w - 1, y, y + h, c);
}

static int text(struct render *r, int x, int y, uint32_t c, const char *s)
{
	return render_text(r->px, r->L.width, r->L.height, x, y, c, s);
}

static void textf(struct render *r, int x, int y, uint32_t c, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void textf(struct render *r, int x, int y, uint32_t c, const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	text(r, x, y, c, buf);
}

/* 1234567 -> "1,234,567" */
static void group(char *buf, size_t len, uint64_t v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%" PRIu64, v), o = 0;

	for (int i = 0; i < n && (size_t)o + 2 < len; i++) {
		if (i && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
}

/* ---- the map ---- */

static void draw_map(struct render *r, const struct render_input *in)
{
	const struct render_layout *L = &r->L;
	const struct pagestate *ps = in->ps;
	uint32_t cell = L->cell, n = L->nframes < ps->nframes ? L->nframes : ps->nframes;
	uint32_t lut[PS_NR_STATES], free_lut[16];
	unsigned nov = in->nr_overlays < ps->nr_overlays ? in->nr_overlays : ps->nr_overlays;
	size_t stride = (size_t)L->width;

	/* 65,536 frames at up to 60 frames per second: table lookups, no division */
	for (unsigned s = 0; s < PS_NR_STATES; s++)
		lut[s] = state_colour[s];
	for (unsigned o = 0; o < 16; o++)
		free_lut[o] = free_colour(o);
	if (n < L->grid_w * L->grid_h) /* a partial last row */
		render_fill(r->px, L->width, L->height, L->map_x, L->map_y, L->map_w, L->map_h, bg);
	for (uint32_t i = 0, row = 0; i < n; row++) {
		uint32_t *line = r->px + (size_t)(L->map_y + (int)(row * cell)) * stride + L->map_x;

		for (uint32_t col = 0; col < L->grid_w && i < n; col++, i++) {
			const struct ps_frame *f = &ps->frame[i];
			uint32_t c = f->state == PS_FREE ? free_lut[f->order & 15]
				   : f->state < PS_NR_STATES ? lut[f->state] : lut[PS_INCONSISTENT];
			uint32_t *p = line + col * cell;

			for (unsigned k = 0; k < nov; k++)
				if (ps->overlay[k][i / 64] >> (i % 64) & 1)
					c = blend(c, in->overlay[k].colour);
			if (cell == 2) {
				p[0] = p[1] = p[stride] = p[stride + 1] = c;
				continue;
			}
			for (uint32_t dy = 0; dy < cell; dy++)
				for (uint32_t dx = 0; dx < cell; dx++)
					p[dy * stride + dx] = c;
		}
	}
}

/* A boundary in front of pfn `p`: the staircase between frame p-1 and p. */
static void boundary(struct render *r, uint64_t p, uint32_t c)
{
	const struct render_layout *L = &r->L;

	if (p <= L->pfn0 || p >= (uint64_t)L->pfn0 + L->nframes)
		return;
	uint32_t i = (uint32_t)(p - L->pfn0), row = i / L->grid_w, col = i % L->grid_w;
	int x = L->map_x + (int)(col * L->cell), y = L->map_y + (int)(row * L->cell);
	int s = (int)L->cell;

	hline(r, x, L->map_x + L->map_w, y, c);
	if (col) {
		vline(r, x, y, y + s, c);
		hline(r, L->map_x, x + 1, y + s - 1 + (s == 1), c);
	}
	/* a tick in the address axis, so thin boundaries are easy to find */
	hline(r, L->map_x - 6, L->map_x - 1, y, c);
}

static void draw_boundaries(struct render *r, const struct pagestate *ps)
{
	if (!ps->abi_ok || ps->abi.phase < MM_PHASE_BUDDY)
		return;
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_abi_zone *az = &ps->abi.zones[z];

		if (!az->spanned_pages)
			continue;
		boundary(r, az->zone_start_pfn, zone_line);
		boundary(r, (uint64_t)az->zone_start_pfn + az->spanned_pages, zone_line);
	}
	for (unsigned k = 0; k < ps->abi.nr_cma; k++) {
		const struct mm_abi_cma *cma = &ps->abi.cma[k];

		if (!cma->count)
			continue;
		boundary(r, cma->base_pfn, cma_line);
		boundary(r, (uint64_t)cma->base_pfn + cma->count, cma_line);
	}
}

static void draw_axis(struct render *r)
{
	const struct render_layout *L = &r->L;
	uint32_t rows = 1;

	/* label every 2^k rows, at least 30 pixels apart */
	while (rows * L->cell < 30)
		rows <<= 1;
	for (uint32_t row = 0; row < L->grid_h; row += rows) {
		uint64_t pa = ((uint64_t)L->pfn0 + (uint64_t)row * L->grid_w) << MM_ABI_PAGE_SHIFT;
		int y = L->map_y + (int)(row * L->cell);

		textf(r, MARGIN - 2, y, dim, "0x%08" PRIx64, pa);
		hline(r, L->map_x - 4, L->map_x - 1, y, dim);
	}
	rect(r, L->map_x - 1, L->map_y - 1, L->map_w + 2, L->map_h + 2, frame_line);
}

/* ---- title ---- */

static const char *const phase_names[] = { "early", "memblock", "buddy", "slab" };

static void draw_title(struct render *r, const struct render_input *in)
{
	const struct render_layout *L = &r->L;
	const struct pagestate *ps = in->ps;
	char cyc[40], buf[200];
	int x;

	group(cyc, sizeof(cyc), ps->cycle);
	x = text(r, MARGIN, MARGIN, fg, "s3c6410-emu page frames");
	if (in->image_name)
		x = text(r, x + 12, MARGIN, dim, in->image_name);
	snprintf(buf, sizeof(buf), "cycle %s   t = %" PRIu64 ".%06" PRIu64 " s", cyc,
		 ps->ns / 1000000000u, ps->ns % 1000000000u / 1000u);
	x = text(r, x + 18, MARGIN, fg, buf);
	if (ps->abi_ok)
		textf(r, x + 18, MARGIN, fg, "phase %s",
		      ps->abi.phase < 4 ? phase_names[ps->abi.phase] : "?");

	uint64_t bytes = (uint64_t)L->nframes << MM_ABI_PAGE_SHIFT;
	uint64_t row_bytes = (uint64_t)L->grid_w << MM_ABI_PAGE_SHIFT;

	snprintf(buf, sizeof(buf),
		 "%" PRIu64 " MiB, %" PRIu32 " frames (pfn 0x%" PRIx32 "-0x%" PRIx32
		 "), %ux%u grid, %" PRIu64 " KiB per row",
		 bytes >> 20, L->nframes, L->pfn0, L->pfn0 + L->nframes - 1, L->grid_w, L->grid_h,
		 row_bytes >> 10);
	x = text(r, MARGIN, MARGIN + FONT_LINE + 2, dim, buf);
	if (!ps->abi_ok)
		textf(r, x + 18, MARGIN + FONT_LINE + 2, state_colour[PS_INCONSISTENT],
		      "mm_abi: %s", ps->abi_error);
	else if (ps->count[PS_INCONSISTENT])
		textf(r, x + 18, MARGIN + FONT_LINE + 2, state_colour[PS_INCONSISTENT],
		      "%" PRIu32 " inconsistent frames (first pfn 0x%" PRIx32 ")",
		      ps->count[PS_INCONSISTENT], ps->first_bad_pfn);
}

/* ---- legend ---- */

static const uint8_t legend_order[] = {
	PS_FREE_PCP, PS_CMA_FREE, PS_ALLOC_UNMOVABLE, PS_ALLOC_MOVABLE, PS_ALLOC_RECLAIMABLE,
	PS_CMA_ALLOC, PS_SLAB, PS_PAGETABLE, PS_VMALLOC, PS_HIGHMEM, PS_RESERVED, PS_KERNEL,
	PS_MB_MEMORY, PS_MB_RESERVED, PS_HOLE, PS_UNKNOWN, PS_INCONSISTENT,
};

static void swatch(struct render *r, int x, int y, uint32_t c)
{
	render_fill(r->px, r->L.width, r->L.height, x, y, 8, 7, c);
}

static void draw_legend(struct render *r, const struct render_input *in)
{
	const struct render_layout *L = &r->L;
	const struct pagestate *ps = in->ps;
	const struct mm_metrics *mt = in->mt;
	int x = L->legend_x, y = L->legend_y, right = L->legend_x + L->legend_w;
	uint32_t free_total = ps->count[PS_FREE];
	char buf[64];

	text(r, x, y, fg, "page state");
	text(r, right - 5 * FONT_ADVANCE, y, dim, "pages");
	y += FONT_LINE + 2;

	/* free blocks: one swatch per order */
	text(r, x, y, fg, "free, by block order");
	snprintf(buf, sizeof(buf), "%" PRIu32, free_total);
	text(r, right - (int)strlen(buf) * FONT_ADVANCE, y, fg, buf);
	y += FONT_LINE;
	for (unsigned o = 0; o <= 10; o++) {
		int sx = x + (int)o * 20;

		render_fill(r->px, L->width, L->height, sx, y, 18, 7, free_colour(o));
		textf(r, sx + (o < 10 ? 6 : 3), y + 9, dim, "%u", o);
	}
	y += 2 * FONT_LINE + 2;

	for (unsigned k = 0; k < sizeof(legend_order); k++) {
		unsigned s = legend_order[k];

		swatch(r, x, y, state_colour[s]);
		text(r, x + 12, y, fg, pagestate_state_name(s));
		snprintf(buf, sizeof(buf), "%" PRIu32, ps->count[s]);
		text(r, right - (int)strlen(buf) * FONT_ADVANCE, y, ps->count[s] ? fg : dim, buf);
		y += FONT_LINE;
	}
	for (unsigned k = 0; k < in->nr_overlays; k++) {
		uint32_t n = 0;

		for (uint32_t i = 0; i < ps->nframes; i++)
			n += ps->overlay[k][i / 64] >> (i % 64) & 1;
		swatch(r, x, y, blend(bg, in->overlay[k].colour));
		textf(r, x + 12, y, fg, "overlay: %s", in->overlay[k].name);
		snprintf(buf, sizeof(buf), "%" PRIu32, n);
		text(r, right - (int)strlen(buf) * FONT_ADVANCE, y, n ? fg : dim, buf);
		y += FONT_LINE;
	}
	y += 4;
	hline(r, x, x + 8, y + 3, zone_line);
	text(r, x + 12, y, fg, "zone boundary");
	hline(r, x + 110, x + 118, y + 3, cma_line);
	text(r, x + 122, y, fg, "CMA area");
	y += FONT_LINE + 6;

	/* zones */
	if (!ps->abi_ok || ps->abi.phase < MM_PHASE_BUDDY)
		return;
	unsigned order = render_chart_order(in);

	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		const struct mm_abi_zone *az = &ps->abi.zones[z];

		if (!az->present_pages)
			continue;
		hline(r, x, x + 8, y + 3, zone_colour[z]);
		textf(r, x + 12, y, fg, "%s  pfn 0x%" PRIx32 "+0x%" PRIx32,
		      pagestate_zone_name(ps, z), az->zone_start_pfn, az->spanned_pages);
		y += FONT_LINE;
		if (mt && mt->valid) {
			const struct mm_zone_metrics *zm = &mt->zone[z];
			char ui[16];

			int unusable = metrics_unusable_index(zm->nr_free, mt->max_order, order);

			metrics_format_index(ui, sizeof(ui), unusable);
			textf(r, x + 12, y, dim, "free %" PRIu64 ", largest %d, unusable %s",
			      zm->free_pages, zm->largest_order, ui);
			y += FONT_LINE;
			textf(r, x + 12, y, zm->consistent ? dim : state_colour[PS_INCONSISTENT],
			      zm->consistent ? "guest nr_free agrees" : "guest nr_free differs");
			y += FONT_LINE;
		}
	}
	for (unsigned k = 0; k < ps->abi.nr_cma; k++) {
		const struct mm_abi_cma *cma = &ps->abi.cma[k];

		hline(r, x, x + 8, y + 3, cma_line);
		textf(r, x + 12, y, fg, "%s  pfn 0x%" PRIx32 "+0x%" PRIx32,
		      cma->name[0] ? cma->name : "cma", cma->base_pfn, cma->count);
		y += FONT_LINE;
	}
}

/* ---- charts ---- */

unsigned render_chart_order(const struct render_input *in)
{
	unsigned max_order = MM_ABI_MAX_ORDER;

	if (in->ps->abi_ok && in->ps->abi.phase >= MM_PHASE_BUDDY)
		max_order = in->ps->abi.max_order;
	if (in->chart_order >= 0 && (unsigned)in->chart_order < max_order)
		return (unsigned)in->chart_order;
	return max_order - 1;
}

struct chart_point {
	uint64_t cycle;
	int value;
};

static int chart_value(const uint32_t *nr_free, unsigned max_order, unsigned order, bool frag)
{
	return frag ? metrics_fragmentation_index(nr_free, max_order, order)
		    : metrics_unusable_index(nr_free, max_order, order);
}

static void draw_chart(struct render *r, const struct render_input *in, int y0, bool frag)
{
	const struct render_layout *L = &r->L;
	const struct metrics_series *se = in->se;
	const struct mm_metrics *mt = in->mt;
	unsigned order = render_chart_order(in);
	int x0 = L->chart_x, w = L->chart_w, h = L->chart_h;
	uint64_t tmax = in->ps->cycle;
	char cyc[40];

	if (frag)
		textf(r, x0, y0 - CHART_LABEL, fg,
		      "fragmentation index, order %u   (-1: a block exists, 0: out of memory, "
		      "1: fragmented)", order);
	else
		textf(r, x0, y0 - CHART_LABEL, fg,
		      "unusable free space index, order %u   (0: all free memory usable, 1: none)",
		      order);
	rect(r, x0 - 1, y0 - 1, w + 2, h + 2, frame_line);
	/* grid lines and labels at the index's landmarks */
	for (int v = frag ? -1000 : 0; v <= 1000; v += 500) {
		int y = frag ? y0 + (h - 1) - (v + 1000) * (h - 1) / 2000
			     : y0 + (h - 1) - v * (h - 1) / 1000;
		char label[16];

		for (int x = x0; x < x0 + w; x += 4)
			put(r, x, y, frame_line);
		metrics_format_index(label, sizeof(label), v);
		label[v < 0 ? 4 : 3] = '\0'; /* "-1.0", "0.5" */
		text(r, x0 - 6 - (int)strlen(label) * FONT_ADVANCE, y - 3, dim, label);
	}
	if (se)
		for (unsigned i = 0; i < se->nr; i++)
			if (se->s[i].cycle > tmax)
				tmax = se->s[i].cycle;
	if (!tmax)
		tmax = 1;
	group(cyc, sizeof(cyc), tmax);
	textf(r, x0 + w - (int)(strlen(cyc) + 6) * FONT_ADVANCE, y0 + h + 2, dim, "cycle %s",
	      cyc);
	text(r, x0, y0 + h + 2, dim, "0");

	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		bool populated = (mt && mt->valid && mt->zone[z].populated) ||
				 (se && se->populated[z]);
		int px = -1, py = -1;

		if (!populated)
			continue;
		unsigned n = se ? se->nr : 0;

		for (unsigned i = 0; i <= n; i++) {
			const uint32_t *nr_free;
			unsigned max_order;
			uint64_t cycle;

			if (i < n) {
				if (!se->s[i].valid) {
					px = -1;
					continue;
				}
				nr_free = se->s[i].nr_free[z];
				max_order = se->max_order;
				cycle = se->s[i].cycle;
			} else {
				/* the snapshot itself, when newer than the last sample */
				if (!mt || !mt->valid || (n && se->s[n - 1].cycle >= in->ps->cycle))
					break;
				nr_free = mt->zone[z].nr_free;
				max_order = mt->max_order;
				cycle = in->ps->cycle;
			}
			int v = chart_value(nr_free, max_order, order, frag);
			int x = x0 + (int)(cycle * (uint64_t)(w - 1) / tmax);
			int y = frag ? y0 + (h - 1) - (v + 1000) * (h - 1) / 2000
				     : y0 + (h - 1) - v * (h - 1) / 1000;

			if (px >= 0)
				line(r, px, py, x, y, zone_colour[z]);
			else
				put(r, x, y, zone_colour[z]);
			px = x;
			py = y;
		}
	}
}

void render_draw(struct render *r, const struct render_input *in)
{
	const struct render_layout *L = &r->L;

	/* the background around the map; draw_map() paints its own rectangle */
	render_fill(r->px, L->width, L->height, 0, 0, L->width, L->map_y, bg);
	render_fill(r->px, L->width, L->height, 0, L->map_y, L->map_x, L->map_h, bg);
	render_fill(r->px, L->width, L->height, L->map_x + L->map_w, L->map_y,
		    L->width - L->map_x - L->map_w, L->map_h, bg);
	render_fill(r->px, L->width, L->height, 0, L->map_y + L->map_h, L->width,
		    L->height - L->map_y - L->map_h, bg);
	draw_title(r, in);
	draw_axis(r);
	draw_map(r, in);
	draw_boundaries(r, in->ps);
	draw_legend(r, in);
	draw_chart(r, in, L->chart_y, false);
	draw_chart(r, in, L->chart_y + L->chart_gap, true);
}
