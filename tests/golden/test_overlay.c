/* SPDX-License-Identifier: MIT */
/*
 * test_overlay.c - the overlay interface end to end, with a fake model.
 *
 * A stand-in for the DMA controller (which does not exist yet) finds the
 * heatmap attached to a real machine with heatmap_find(), registers an
 * overlay, and marks a buffer it "transfers into".  The PNG written at exit
 * must show those frames blended with the overlay colour, and only those.
 *
 *   test_overlay IMAGE.elf OUTPUT.png
 */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "emu/log.h"
#include "emu/machine.h"
#include "mm/heatmap.h"
#include "mm/pagestate.h"
#include "mm/png.h"
#include "mm/render.h"

static const char *image, *output;

struct fake_dma {
	uint32_t pa, len;
	unsigned fills;
};

static void fake_dma_fill(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes)
{
	struct fake_dma *d = opaque;

	d->fills++;
	heatmap_overlay_mark(bits, pfn0, nframes, d->pa, d->len);
}

static void test_fake_dma_overlay(void **state)
{
	struct machine_config cfg = { .image_path = image, .max_cycles = 20000000 };
	struct heatmap_options o;
	struct machine *m;
	struct fake_dma dma = { 0 };
	struct heatmap_overlay ov = { "fake DMA", 0xffff00, fake_dma_fill, &dma };
	uint32_t *px, ram_base, ram_size;
	int w, h;

	(void)state;
	log_set_quiet(1);
	m = machine_create(&cfg);
	assert_non_null(m);
	assert_null(heatmap_find(m));
	heatmap_options_init(&o);
	o.png_path = output;
	assert_int_equal(heatmap_attach(m, &o), 0);
	struct heatmap *hm = heatmap_find(m);

	assert_non_null(hm);
	/* a buffer of 3 pages and a bit, 16 MiB into RAM */
	machine_ram(m, &ram_base, &ram_size);
	dma.pa = ram_base + (16u << 20) + 0x800;
	dma.len = 3 * 4096;
	assert_int_equal(heatmap_add_overlay(hm, &ov), 0);
	for (int i = 1; i < 4; i++)
		assert_int_equal(heatmap_add_overlay(hm, &ov), 0);
	assert_int_equal(heatmap_add_overlay(hm, &ov), -1); /* four at most */
	heatmap_ram_written(hm); /* what the DMA model will call after a write */

	uint32_t pfn0 = ram_base >> 12, nframes = ram_size >> 12;
	int saved_stdout, null_fd;

	/* The guest's console is stdout: keep it out of the TAP stream. */
	fflush(stdout);
	saved_stdout = dup(1);
	assert_true(saved_stdout >= 0);
	null_fd = open("/dev/null", O_WRONLY);
	assert_true(null_fd >= 0);
	assert_int_equal(dup2(null_fd, 1), 1);
	close(null_fd);
	machine_run(m);
	fflush(stdout);
	assert_int_equal(dup2(saved_stdout, 1), 1);
	close(saved_stdout);
	machine_destroy(m);
	assert_true(dma.fills >= 4);   /* once per overlay at the final snapshot */

	assert_int_equal(png_read_rgba(output, &px, &w, &h), 0);
	struct render_layout L;

	render_layout_init(&L, pfn0, nframes);
	assert_int_equal(w, L.width);
	assert_int_equal(h, L.height);
	/* the four frames the buffer touches differ from their neighbours */
	uint32_t first = (dma.pa >> 12) - pfn0;
	uint32_t colour[6];

	for (int k = 0; k < 6; k++) {
		uint32_t i = first - 1 + (uint32_t)k;
		int x = L.map_x + (int)((i % L.grid_w) * L.cell);
		int y = L.map_y + (int)((i / L.grid_w) * L.cell);

		colour[k] = px[(size_t)y * w + x] | 0xff000000u;
	}
	assert_int_equal(colour[0], colour[5]);      /* untouched frames: the same state */
	for (int k = 1; k <= 4; k++) {
		assert_int_not_equal(colour[k], colour[0]);
		/* yellow blended in: red and green up, blue down */
		assert_true((colour[k] & 0xff) >= (colour[0] & 0xff));
		assert_true((colour[k] >> 8 & 0xff) >= (colour[0] >> 8 & 0xff));
		assert_true((colour[k] >> 16 & 0xff) <= (colour[0] >> 16 & 0xff));
	}
	free(px);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fake_dma_overlay),
	};

	if (argc != 3) {
		fprintf(stderr, "usage: test_overlay IMAGE.elf OUTPUT.png\n");
		return 2;
	}
	image = argv[1];
	output = argv[2];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
