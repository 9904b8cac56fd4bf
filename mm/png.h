/* SPDX-License-Identifier: MIT */
/*
 * png.h - write the heatmap image as a PNG with libpng.
 *
 * DOC: Byte-identical output for identical pixels: 8-bit RGB, no ancillary
 * chunks (no tIME, no text, no gamma), zlib level 6 with the default
 * strategy and a fixed filter choice, so two runs of the same guest give
 * the same file and golden images can be compared with cmp.
 */
#ifndef MM_PNG_H
#define MM_PNG_H

#include <stdint.h>

/* Pixels are RGBA bytes in memory order (see render.h); alpha is dropped.
 * Returns 0, or -1 after printing one error line naming the file. */
int png_write_rgba(const char *path, const uint32_t *px, int width, int height);

/* Read a PNG written by png_write_rgba (or any 8-bit RGB/RGBA PNG) into a
 * malloc'd RGBA buffer; for tests and tools.  Returns 0 or -1. */
int png_read_rgba(const char *path, uint32_t **px, int *width, int *height);

/* Widest %Nd a pattern may ask for: 2^64 - 1 has 20 digits. */
#define PNG_FORMAT_MAX_WIDTH 20

/* Expand a "%d"-style pattern with one unsigned 64-bit number: the pattern
 * may contain one %d, %u, %Nd or %0Nd (N digits, N <= PNG_FORMAT_MAX_WIDTH);
 * "%%" is a percent sign.  Returns -1 when the pattern has no or several
 * conversions, a wider field, or does not fit in `len`. */
int png_format_name(char *out, unsigned len, const char *pattern, uint64_t n);

#endif /* MM_PNG_H */
