/* SPDX-License-Identifier: MIT */
/*
 * font.h - the heatmap's built-in 5x8 bitmap font.
 *
 * A character cell is FONT_ADVANCE x FONT_LINE pixels: a 5x8 glyph, one
 * column of spacing, two rows between lines.
 */
#ifndef MM_FONT_H
#define MM_FONT_H

#include <stdint.h>

#define FONT_COLS    5
#define FONT_ROWS    8
#define FONT_ADVANCE 6
#define FONT_LINE    10

/* Row `row` (0 = top) of the glyph for `c`; bit 4 is the leftmost column.
 * Characters outside ASCII 32..126 draw as '?'. */
uint8_t font_row(char c, unsigned row);

#endif /* MM_FONT_H */
