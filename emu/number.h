/* SPDX-License-Identifier: MIT */
/*
 * number.h - numbers as users write them on the command line.
 *
 * DOC: A plain helper below both the CLI (emu/options.c) and the front ends
 * that parse their own options (mm/heatmap.c), so neither imports the other.
 */
#ifndef EMU_NUMBER_H
#define EMU_NUMBER_H

#include <stdbool.h>
#include <stdint.h>

/*
 * "123", "4k", "5M", "2G" (decimal multipliers) -> value.  Only digits may
 * start it (no sign, no space: strtoull would take " -1" as 2^64 - 1); false
 * if malformed or over 2^64 - 1.
 */
bool parse_count(const char *s, uint64_t *out);

#endif /* EMU_NUMBER_H */
