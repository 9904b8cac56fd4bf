/* SPDX-License-Identifier: MIT */
/*
 * test_render.c - the heatmap image: grid layout, cell colours, boundaries,
 * overlays, determinism, PNG bytes, file-name patterns, hover text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fake_mm.h"
#include "mm/font.h"
#include "mm/heatmap.h"
#include "mm/metrics.h"
#include "mm/pagestate.h"
#include "mm/png.h"
#include "mm/render.h"
#include "mm/window.h"

#define BASE   0x50000000u
#define FRAMES 4096u
#define PFN0   (BASE >> 12)

struct fixture {
	struct fake_mm f;
	struct pagestate ps;
	struct mm_metrics mt;
	struct metrics_series se;
	struct render r;
};

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof(*x));

	assert_non_null(x);
	assert_int_equal(fake_mm_init(&x->f, BASE, FRAMES), 0);
	assert_int_equal(pagestate_init(&x->ps, PFN0, x->f.size >> 12), 0);
	assert_int_equal(metrics_series_init(&x->se, 1000, true), 0);
	assert_int_equal(render_init(&x->r, PFN0, x->ps.nframes), 0);
	/* something to look at: free blocks of every order, slab, CMA, a zone */
	for (unsigned o = 0; o <= 10; o++)
		fake_free(&x->f, PFN0 + (1u << o) + (o == 10 ? 1024 : 0), o, MIGRATE_MOVABLE);
	fake_alloc(&x->f, PFN0 + 3900, 8, MIGRATE_MOVABLE);
	fake_flags(&x->f, PFN0 + 3910, 4, 1u << PG_slab);
	fake_zone(&x->f, ZONE_MOVABLE, PFN0 + 3072, 1024);
	x->f.abi->nr_caches = 1;
	strcpy(x->f.abi->caches[0].name, "kmalloc-128");
	x->f.abi->nr_cma = 1;
	x->f.abi->cma[0] = (struct mm_abi_cma){ "reserved", PFN0 + 3072 + 256, 512, 0, 0 };
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;

	render_destroy(&x->r);
	metrics_series_destroy(&x->se);
	pagestate_destroy(&x->ps);
	fake_mm_free(&x->f);
	free(x);
	return 0;
}

static void snap(struct fixture *x, uint64_t cycle)
{
	fake_decode(&x->f, &x->ps);
	x->ps.cycle = cycle;
	x->ps.ns = cycle * 15 / 8;
	metrics_compute(&x->mt, &x->ps);
	metrics_series_add(&x->se, &x->mt, cycle);
}

static struct render_input input(struct fixture *x)
{
	return (struct render_input){
		.ps = &x->ps, .mt = &x->mt, .se = &x->se, .chart_order = -1, .image_name = "test",
	};
}

static uint32_t pixel(const struct render *r, int x, int y)
{
	return r->px[(size_t)y * r->L.width + x];
}

/* The top-left pixel of the cell of a pfn. */
static void cell_xy(const struct render_layout *L, uint32_t pfn, int *x, int *y)
{
	uint32_t i = pfn - L->pfn0;

	*x = L->map_x + (int)((i % L->grid_w) * L->cell);
	*y = L->map_y + (int)((i / L->grid_w) * L->cell);
}

static void test_layout_adapts_to_ram(void **state)
{
	struct render_layout L;
	uint32_t pfn;

	(void)state;
	render_layout_init(&L, 0x50000, 65536);          /* 256 MiB */
	assert_int_equal(L.grid_w, 256);
	assert_int_equal(L.grid_h, 256);
	assert_int_equal(L.cell, 2);
	render_layout_init(&L, 0x50000, 32768);          /* 128 MiB */
	assert_int_equal(L.grid_w, 256);
	assert_int_equal(L.grid_h, 128);
	render_layout_init(&L, 0x50000, 262144);         /* 1 GiB */
	assert_int_equal(L.grid_w, 512);
	assert_int_equal(L.grid_h, 512);
	assert_int_equal(L.cell, 1);
	render_layout_init(&L, 0x50000, 4096 + 3);       /* odd sizes leave a partial row */
	assert_int_equal(L.grid_w, 128);
	assert_int_equal(L.grid_h, 33);
	assert_int_equal(L.cell, 4);

	render_layout_init(&L, 0x50000, 65536);
	assert_true(render_pfn_at(&L, L.map_x, L.map_y, &pfn));
	assert_int_equal(pfn, 0x50000);
	assert_true(render_pfn_at(&L, L.map_x + 3, L.map_y + 1, &pfn));
	assert_int_equal(pfn, 0x50001);
	assert_true(render_pfn_at(&L, L.map_x + L.map_w - 1, L.map_y + L.map_h - 1, &pfn));
	assert_int_equal(pfn, 0x5ffff);
	assert_true(render_pfn_at(&L, L.map_x, L.map_y + 2, &pfn));
	assert_int_equal(pfn, 0x50100);
	assert_false(render_pfn_at(&L, L.map_x - 1, L.map_y, &pfn));
	assert_false(render_pfn_at(&L, L.map_x, L.map_y + L.map_h, &pfn));
	/* the whole picture fits in the image */
	assert_true(L.chart_y + L.chart_gap + L.chart_h + FONT_LINE <= L.height);
	assert_true(L.legend_x + L.legend_w <= L.width);
}

static void test_cells_show_states(void **state)
{
	struct fixture *x = *state;
	struct render_input in;
	int cx, cy;

	snap(x, 1000);
	in = input(x);
	render_draw(&x->r, &in);
	for (unsigned o = 0; o < 10; o++) {
		uint32_t pfn = PFN0 + (1u << o);

		cell_xy(&x->r.L, pfn + (1u << o) - 1, &cx, &cy);
		assert_int_equal(pixel(&x->r, cx + 1, cy + 1),
				 render_frame_colour(&x->ps.frame[pfn - PFN0]));
	}
	/* larger blocks are brighter greens */
	struct ps_frame f0 = { .state = PS_FREE, .order = 0 }, f10 = { .state = PS_FREE, .order = 10 };
	uint32_t c0 = render_frame_colour(&f0), c10 = render_frame_colour(&f10);

	assert_true((c0 >> 8 & 0xff) < (c10 >> 8 & 0xff));
	cell_xy(&x->r.L, PFN0 + 3910, &cx, &cy);
	struct ps_frame slab = { .state = PS_SLAB };

	assert_int_equal(pixel(&x->r, cx + 1, cy + 1), render_frame_colour(&slab));
	/* distinct colours for the states people must tell apart */
	static const uint8_t states[] = {
		PS_FREE_PCP, PS_CMA_FREE, PS_ALLOC_UNMOVABLE, PS_ALLOC_MOVABLE,
		PS_ALLOC_RECLAIMABLE, PS_CMA_ALLOC, PS_SLAB, PS_PAGETABLE, PS_VMALLOC,
		PS_HIGHMEM, PS_RESERVED, PS_KERNEL, PS_INCONSISTENT, PS_UNKNOWN,
	};
	for (unsigned i = 0; i < sizeof(states); i++)
		for (unsigned j = i + 1; j < sizeof(states); j++) {
			struct ps_frame a = { .state = states[i] }, b = { .state = states[j] };

			assert_int_not_equal(render_frame_colour(&a), render_frame_colour(&b));
		}
}

static void test_boundaries_drawn(void **state)
{
	struct fixture *x = *state;
	struct render_input in;
	uint32_t white = RENDER_RGB(0xff, 0xff, 0xff);
	int cx, cy;

	snap(x, 1000);
	in = input(x);
	render_draw(&x->r, &in);
	/* ZONE_MOVABLE starts at the beginning of a row: a line over that row */
	cell_xy(&x->r.L, PFN0 + 3072, &cx, &cy);
	assert_int_equal(x->r.L.grid_w, 128);
	for (int i = 0; i < x->r.L.map_w; i++)
		assert_int_equal(pixel(&x->r, x->r.L.map_x + i, cy), white);
	/* the CMA area's first row carries the CMA colour, not white */
	cell_xy(&x->r.L, PFN0 + 3072 + 256, &cx, &cy);
	assert_int_not_equal(pixel(&x->r, cx, cy), white);
	assert_int_not_equal(pixel(&x->r, cx, cy),
			     render_frame_colour(&x->ps.frame[3072 + 256]));
}

static void fake_overlay(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes)
{
	/* a DMA buffer of 3 pages that does not start on a page boundary */
	heatmap_overlay_mark(bits, pfn0, nframes, BASE + 64 * 4096 + 100, 2 * 4096);
	(*(int *)opaque)++;
}

static void test_overlay_blends(void **state)
{
	struct fixture *x = *state;
	struct render_overlay_info info = { "DMA in flight", RENDER_RGB(0xff, 0xff, 0x00) };
	struct render_input in;
	int calls = 0, cx, cy;

	snap(x, 1000);
	x->ps.nr_overlays = 1;
	memset(x->ps.overlay[0], 0, (x->ps.nframes + 63) / 64 * 8);
	fake_overlay(&calls, x->ps.overlay[0], x->ps.pfn0, x->ps.nframes);
	assert_int_equal(calls, 1);
	assert_int_equal(x->ps.overlay[0][1], 0x7);  /* frames 64, 65, 66 */
	in = input(x);
	in.nr_overlays = 1;
	in.overlay = &info;
	render_draw(&x->r, &in);

	uint32_t plain = render_frame_colour(&x->ps.frame[64]);
	uint32_t want = RENDER_RGB(((plain & 0xff) + 0xff) / 2, ((plain >> 8 & 0xff) + 0xff) / 2,
				   ((plain >> 16 & 0xff) + 0x00) / 2);

	for (uint32_t pfn = PFN0 + 64; pfn < PFN0 + 68; pfn++) {
		cell_xy(&x->r.L, pfn, &cx, &cy);
		if (pfn < PFN0 + 67)
			assert_int_equal(pixel(&x->r, cx + 1, cy + 1), want);
		else
			assert_int_equal(pixel(&x->r, cx + 1, cy + 1), plain);
	}
	/* outside RAM and empty ranges mark nothing */
	uint64_t bits[2] = { 0 };

	heatmap_overlay_mark(bits, PFN0, 100, BASE - 8192, 4096);
	heatmap_overlay_mark(bits, PFN0, 100, BASE, 0);
	assert_int_equal(bits[0] | bits[1], 0);
}

static void test_render_is_deterministic(void **state)
{
	struct fixture *x = *state;
	struct render other;
	struct render_input in;
	size_t bytes;

	for (uint64_t c = 0; c < 5; c++)
		snap(x, c * 1000);
	in = input(x);
	render_draw(&x->r, &in);
	bytes = (size_t)x->r.L.width * x->r.L.height * 4;
	assert_int_equal(render_init(&other, PFN0, x->ps.nframes), 0);
	/* garbage in the buffer must not leak into the picture */
	memset(other.px, 0x5a, bytes);
	render_draw(&other, &in);
	assert_memory_equal(x->r.px, other.px, bytes);
	render_draw(&x->r, &in);
	assert_memory_equal(x->r.px, other.px, bytes);

	/* and a change of one frame changes the picture */
	fake_alloc(&x->f, PFN0 + 1, 1, MIGRATE_UNMOVABLE);
	fake_decode(&x->f, &x->ps);
	x->ps.cycle = 4000;
	x->ps.ns = 4000 * 15 / 8;
	metrics_compute(&x->mt, &x->ps);
	render_draw(&other, &in);
	assert_true(memcmp(x->r.px, other.px, bytes) != 0);
	render_destroy(&other);
}

static void test_png_identical_bytes(void **state)
{
	struct fixture *x = *state;
	struct render_input in;
	char a[] = "/tmp/test_render_a_XXXXXX", b[] = "/tmp/test_render_b_XXXXXX";
	uint32_t *px;
	int w, h, fa = mkstemp(a), fb = mkstemp(b);

	assert_true(fa >= 0 && fb >= 0);
	close(fa);
	close(fb);
	snap(x, 1000);
	in = input(x);
	render_draw(&x->r, &in);
	assert_int_equal(png_write_rgba(a, x->r.px, x->r.L.width, x->r.L.height), 0);
	assert_int_equal(png_write_rgba(b, x->r.px, x->r.L.width, x->r.L.height), 0);

	FILE *f1 = fopen(a, "rb"), *f2 = fopen(b, "rb");
	int c1, c2;
	long n = 0;

	do {
		c1 = fgetc(f1);
		c2 = fgetc(f2);
		assert_int_equal(c1, c2);
		n++;
	} while (c1 != EOF);
	fclose(f1);
	fclose(f2);
	assert_true(n > 1000);

	assert_int_equal(png_read_rgba(a, &px, &w, &h), 0);
	assert_int_equal(w, x->r.L.width);
	assert_int_equal(h, x->r.L.height);
	assert_memory_equal(px, x->r.px, (size_t)w * h * 4);
	free(px);
	unlink(a);
	unlink(b);
	/* an unwritable path is one error, not a crash */
	assert_int_equal(png_write_rgba("/nonexistent-dir/x.png", x->r.px, 4, 4), -1);
}

static void test_name_patterns(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(png_format_name(buf, sizeof(buf), "frag-%d.png", 7), 0);
	assert_string_equal(buf, "frag-7.png");
	assert_int_equal(png_format_name(buf, sizeof(buf), "out/f%05d.png", 42), 0);
	assert_string_equal(buf, "out/f00042.png");
	assert_int_equal(png_format_name(buf, sizeof(buf), "100%%-%u.png", 3), 0);
	assert_string_equal(buf, "100%-3.png");
	assert_int_equal(png_format_name(buf, sizeof(buf), "plain.png", 1), -1);
	assert_int_equal(png_format_name(buf, sizeof(buf), "%d-%d.png", 1), -1);
	assert_int_equal(png_format_name(buf, sizeof(buf), "%s.png", 1), -1);
	assert_int_equal(png_format_name(buf, 8, "long-name-%d.png", 1), -1);
}

static void test_font_and_text(void **state)
{
	uint32_t px[20 * 12];
	int end;

	(void)state;
	for (char c = '!'; c <= '~'; c++) {
		unsigned on = 0;

		for (unsigned r = 0; r < FONT_ROWS; r++)
			on += font_row(c, r) != 0;
		if (!on)
			fail_msg("glyph '%c' is empty", c);
	}
	for (unsigned r = 0; r < FONT_ROWS; r++)
		assert_int_equal(font_row(' ', r), 0);
	/* characters outside ASCII draw as '?' */
	for (unsigned r = 0; r < FONT_ROWS; r++)
		assert_int_equal(font_row('\x01', r), font_row('?', r));
	memset(px, 0, sizeof(px));
	end = render_text(px, 20, 12, 1, 1, 0xffffffffu, "Hi!");
	assert_int_equal(end, 1 + 3 * FONT_ADVANCE);
	/* 'H' has its left column set on rows 0..6 */
	for (int r = 0; r < 7; r++)
		assert_int_equal(px[(1 + r) * 20 + 1], 0xffffffffu);
	/* clipped at the edge without writing outside the buffer (ASan) */
	render_text(px, 20, 12, 15, 8, 0xffffffffu, "WWW");
}

static void test_hover_description(void **state)
{
	struct fixture *x = *state;
	char buf[256];

	x->f.abi->nr_caches = 1;
	strcpy(x->f.abi->caches[0].name, "task_struct");
	snap(x, 1000);
	window_describe(buf, sizeof(buf), &x->ps, PFN0 + 3910);
	assert_string_equal(buf, "pfn 0x50f46  pa 0x50f46000  va 0xc0f46000  Movable  slab, "
			    "cache task_struct  [pageblock Movable]");
	window_describe(buf, sizeof(buf), &x->ps, PFN0 + 9);
	assert_string_equal(buf, "pfn 0x50009  pa 0x50009000  va 0xc0009000  Normal  free, "
			    "order 3 block, Movable list  [pageblock Movable]");
	window_describe(buf, sizeof(buf), &x->ps, PFN0 + 3900);
	assert_non_null(strstr(buf, "movable, asked Movable"));
	window_describe(buf, sizeof(buf), &x->ps, PFN0 - 1);
	assert_non_null(strstr(buf, "outside RAM"));
	/* highmem frames have no lowmem address */
	x->f.abi->lowmem_limit_pfn = PFN0 + 100;
	snap(x, 2000);
	window_describe(buf, sizeof(buf), &x->ps, PFN0 + 3910);
	assert_non_null(strstr(buf, "va highmem"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_adapts_to_ram),
		cmocka_unit_test_setup_teardown(test_cells_show_states, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boundaries_drawn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overlay_blends, setup, teardown),
		cmocka_unit_test_setup_teardown(test_render_is_deterministic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_png_identical_bytes, setup, teardown),
		cmocka_unit_test(test_name_patterns),
		cmocka_unit_test(test_font_and_text),
		cmocka_unit_test_setup_teardown(test_hover_description, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
