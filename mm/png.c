/* SPDX-License-Identifier: MIT */
/*
 * png.c - PNG output (and input, for tests) of heatmap images through libpng.
 */
#include "mm/png.h"

#include <errno.h>
#include <inttypes.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/log.h"

static void png_err(png_structp png, png_const_charp msg)
{
	const char *path = png_get_error_ptr(png);

	log_error("%s: PNG: %s", path ? path : "?", msg);
	png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg; /* libpng warnings about our own fixed settings are not the user's concern */
}

int png_write_rgba(const char *path, const uint32_t *px, int width, int height)
{
	FILE *f = fopen(path, "wb");
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *row = NULL;
	volatile int ret = -1;

	if (!f) {
		log_error("%s: cannot create: %s", path, strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, (void *)path, png_err, png_warn);
	if (png)
		info = png_create_info_struct(png);
	row = xcalloc((size_t)width, 3, "a PNG row");
	if (!png || !info) {
		log_error("%s: out of memory writing PNG", path);
		goto out;
	}
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	/* Fixed encoder settings: the same pixels give the same bytes. */
	png_set_compression_level(png, 6);
	png_set_compression_strategy(png, 0 /* Z_DEFAULT_STRATEGY */);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB | PNG_FILTER_UP);
	png_write_info(png, info);
	for (int y = 0; y < height; y++) {
		const uint32_t *p = px + (size_t)y * width;

		for (int x = 0; x < width; x++) {
			row[3 * x + 0] = (uint8_t)(p[x]);
			row[3 * x + 1] = (uint8_t)(p[x] >> 8);
			row[3 * x + 2] = (uint8_t)(p[x] >> 16);
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	ret = 0;
out:
	if (png)
		png_destroy_write_struct(&png, info ? &info : NULL);
	free(row);
	if (fclose(f) != 0 && ret == 0) {
		log_error("%s: write failed: %s", path, strerror(errno));
		ret = -1;
	}
	return ret;
}

int png_read_rgba(const char *path, uint32_t **out, int *width, int *height)
{
	png_image img;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path)) {
		log_error("%s: %s", path, img.message);
		return -1;
	}
	img.format = PNG_FORMAT_RGBA;
	uint32_t *px = xcalloc(PNG_IMAGE_SIZE(img), 1, path);

	if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
		log_error("%s: %s", path, img.message);
		free(px);
		return -1;
	}
	*out = px;
	*width = (int)img.width;
	*height = (int)img.height;
	return 0;
}

int png_format_name(char *out, unsigned len, const char *pattern, uint64_t n)
{
	unsigned o = 0, conversions = 0;

	for (const char *p = pattern; *p; p++) {
		char piece[48];
		int w = 0;

		if (*p != '%') {
			piece[0] = *p;
			piece[1] = '\0';
		} else if (p[1] == '%') {
			p++;
			strcpy(piece, "%");
		} else {
			bool zero = false;

			p++;
			if (*p == '0') {
				zero = true;
				p++;
			}
			while (*p >= '0' && *p <= '9' && w <= PNG_FORMAT_MAX_WIDTH)
				w = w * 10 + (*p++ - '0');
			/* Wider than any frame number: the name would be cut, and every
			 * frame would overwrite one file. */
			if (w > PNG_FORMAT_MAX_WIDTH || (*p != 'd' && *p != 'u'))
				return -1;
			conversions++;
			snprintf(piece, sizeof(piece), zero ? "%0*" PRIu64 : "%*" PRIu64, w, n);
		}
		size_t l = strlen(piece);

		if (o + l >= len)
			return -1;
		memcpy(out + o, piece, l);
		o += (unsigned)l;
	}
	out[o] = '\0';
	return conversions == 1 ? 0 : -1;
}
