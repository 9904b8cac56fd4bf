/* SPDX-License-Identifier: MIT */
/*
 * pngcmp.c - compare two PNG images pixel by pixel (for the golden and
 * window tests; no Python imaging library is needed).
 *
 *   pngcmp [--bytes] [--at X,Y] [--scale S] [--diff OUT.png] IMAGE REFERENCE
 *
 * Without --at, IMAGE and REFERENCE must have the same size and pixels.
 * With --at X,Y the reference is looked for inside IMAGE (a screenshot) with
 * its top-left corner at X,Y, every reference pixel drawn as an S x S block.
 * --bytes first compares the files byte for byte and says whether they
 * differ in bytes only (same pixels: a different zlib or libpng) or in
 * pixels.  --diff writes the reference dimmed, differing pixels in magenta.
 * Exit status: 0 identical, 1 different, 2 error.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/png.h"

static bool same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	bool same = fa && fb;
	int ca, cb;

	while (same) {
		ca = fgetc(fa);
		cb = fgetc(fb);
		if (ca != cb)
			same = false;
		if (ca == EOF || cb == EOF)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

int main(int argc, char **argv)
{
	const char *diff_path = NULL;
	int at_x = -1, at_y = -1, scale = 1, i;
	bool bytes = false;
	uint32_t *img, *ref;
	int iw, ih, rw, rh;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--bytes"))
			bytes = true;
		else if (!strcmp(argv[i], "--at") && i + 1 < argc &&
			 sscanf(argv[i + 1], "%d,%d", &at_x, &at_y) == 2)
			i++;
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc && atoi(argv[i + 1]) > 0)
			scale = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--diff") && i + 1 < argc)
			diff_path = argv[++i];
		else
			break;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: pngcmp [--bytes] [--at X,Y] [--scale S] [--diff OUT.png] "
			"IMAGE REFERENCE\n");
		return 2;
	}
	const char *img_path = argv[i], *ref_path = argv[i + 1];

	if (bytes && same_bytes(img_path, ref_path)) {
		printf("pngcmp: %s and %s are identical byte for byte\n", img_path, ref_path);
		return 0;
	}
	if (png_read_rgba(img_path, &img, &iw, &ih) != 0 ||
	    png_read_rgba(ref_path, &ref, &rw, &rh) != 0)
		return 2;
	if (at_x < 0) {
		at_x = at_y = 0;
		if (iw != rw || ih != rh) {
			printf("pngcmp: %s is %dx%d, %s is %dx%d\n", img_path, iw, ih, ref_path, rw,
			       rh);
			return 1;
		}
	} else if (at_x + rw * scale > iw || at_y + rh * scale > ih) {
		printf("pngcmp: a %dx%d reference at %d,%d scale %d does not fit in %dx%d\n", rw, rh,
		       at_x, at_y, scale, iw, ih);
		return 1;
	}

	long bad = 0;
	int fx = -1, fy = -1;
	uint32_t got = 0, want = 0;
	uint32_t *diff = diff_path ? malloc((size_t)rw * rh * 4) : NULL;

	for (int y = 0; y < rh; y++) {
		for (int x = 0; x < rw; x++) {
			uint32_t r = ref[(size_t)y * rw + x] | 0xff000000u;
			bool ok = true;

			for (int dy = 0; dy < scale && ok; dy++)
				for (int dx = 0; dx < scale && ok; dx++) {
					uint32_t p = img[(size_t)(at_y + y * scale + dy) * iw +
							 at_x + x * scale + dx] | 0xff000000u;

					if (p != r) {
						ok = false;
						if (!bad) {
							fx = x;
							fy = y;
							got = p;
							want = r;
						}
					}
				}
			bad += !ok;
			if (diff)
				diff[(size_t)y * rw + x] = ok ? ((r >> 2) & 0x3f3f3f3fu) | 0xff000000u
							      : 0xffff00ffu;
		}
	}
	if (diff) {
		png_write_rgba(diff_path, diff, rw, rh);
		free(diff);
	}
	if (!bad) {
		printf("pngcmp: %s%s matches %s pixel for pixel%s\n", img_path,
		       at_x || at_y || scale > 1 ? " (region)" : "", ref_path,
		       bytes ? " (the files differ in bytes only: another zlib or libpng?)" : "");
	} else {
		printf("pngcmp: %ld of %d pixels differ; first at %d,%d of the reference: "
		       "#%06x, expected #%06x\n", bad, rw * rh, fx, fy,
		       (got & 0xff) << 16 | (got & 0xff00) | (got >> 16 & 0xff),
		       (want & 0xff) << 16 | (want & 0xff00) | (want >> 16 & 0xff));
	}
	free(img);
	free(ref);
	return bad || bytes ? 1 : 0;
}
