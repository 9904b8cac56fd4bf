/* SPDX-License-Identifier: MIT */
/*
 * render.h - draw a page-state snapshot as an RGBA image.
 *
 * DOC: The same pixels go to the PNG files and to the SDL window.  Layout:
 *
 *   +-------------------------------------------------------------+
 *   | title: cycle, simulated time, phase, image                  |
 *   | RAM size, frames, grid geometry                             |
 *   | addr |  map: one cell per frame,        | legend: colours,  |
 *   | axis |  row-major from the lowest pfn,  | state counts,     |
 *   |      |  zone (white) and CMA (magenta)  | zones, CMA areas, |
 *   |      |  boundaries drawn as lines       | overlays          |
 *   | strip chart: unusable free space index over time, order N  |
 *   | strip chart: fragmentation index over time, order N        |
 *   +-------------------------------------------------------------+
 *
 * The grid is W x H cells where W is the smallest power of two with
 * W * W >= frames and H = ceil(frames / W): 256 MiB (65,536 frames) is
 * 256 x 256, 128 MiB is 256 wide by 128 high, 1 GiB is 512 x 512.  A row of a
 * power-of-two width holds whole aligned buddy blocks, so a free block of
 * order k is one run of 2^k cells (or 2^k / W whole rows).  Cells are
 * max(1, 512 / W) pixels square, so the map is about 512 pixels wide.
 *
 * Everything is integer arithmetic on the snapshot: the same snapshot always
 * gives the same pixels.  Pixels are uint32_t holding bytes R, G, B, A in
 * memory order (SDL_PIXELFORMAT_RGBA32, PNG's RGBA).
 */
#ifndef MM_RENDER_H
#define MM_RENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/pagestate.h"

struct mm_metrics;
struct metrics_series;

/* A colour as stored in the image: bytes R, G, B, A on a little-endian host. */
#define RENDER_RGB(r, g, b) \
	((uint32_t)(r) | (uint32_t)(g) << 8 | (uint32_t)(b) << 16 | 0xff000000u)

struct render_layout {
	uint32_t pfn0, nframes;
	uint32_t grid_w, grid_h, cell;
	int map_x, map_y, map_w, map_h;
	int legend_x, legend_y, legend_w;
	int chart_x, chart_y, chart_w, chart_h, chart_gap;
	int width, height;
};

void render_layout_init(struct render_layout *L, uint32_t pfn0, uint32_t nframes);

/* The pfn under image pixel (x, y), or false outside the map. */
bool render_pfn_at(const struct render_layout *L, int x, int y, uint32_t *pfn);

struct render_overlay_info {
	const char *name;
	uint32_t colour;         /* RENDER_RGB */
};

struct render_input {
	const struct pagestate *ps;
	const struct mm_metrics *mt;         /* metrics of ps, or NULL */
	const struct metrics_series *se;     /* history for the strip charts, or NULL */
	int chart_order;                     /* -1: the highest order (max_order - 1) */
	const char *image_name;              /* shown in the title, or NULL */
	unsigned nr_overlays;                /* ps->overlay[0..n) */
	const struct render_overlay_info *overlay;
};

struct render {
	struct render_layout L;
	uint32_t *px;            /* L.width * L.height */
};

int render_init(struct render *r, uint32_t pfn0, uint32_t nframes);
void render_destroy(struct render *r);
void render_draw(struct render *r, const struct render_input *in);

/* The colour of one frame (without overlays), for tests and the legend. */
uint32_t render_frame_colour(const struct ps_frame *f);

/* Text with the built-in font, clipped to the buffer; returns the x after it. */
int render_text(uint32_t *px, int width, int height, int x, int y, uint32_t colour,
		const char *s);
void render_fill(uint32_t *px, int width, int height, int x, int y, int w, int h,
		 uint32_t colour);

/* The chart's order for an input (resolving -1). */
unsigned render_chart_order(const struct render_input *in);

#endif /* MM_RENDER_H */
