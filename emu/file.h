/* SPDX-License-Identifier: MIT */
/*
 * file.h - input files read with a size limit, output paths checked before
 * a run starts.
 *
 * DOC: Every file the emulator reads whole (a --dtb) must be a regular file
 * no larger than its limit, so `--dtb /dev/zero` or a FIFO fails at once in
 * one line instead of reading forever.  Every file it writes late (heatmap
 * PNGs at exit, time-lapse frames) has its folder checked up front, as
 * --report's file is opened up front, so a typo does not cost a long run.
 */
#ifndef EMU_FILE_H
#define EMU_FILE_H

#include <stddef.h>

/*
 * Read a regular file of at most `limit` bytes.  Returns a malloc'd buffer
 * (free it), or NULL with a reason in `why` ("not a regular file", "larger
 * than the 1 MiB limit", strerror text).
 */
void *file_read(const char *path, size_t limit, size_t *size, char *why, size_t why_len);

/*
 * Can `path` be created or replaced?  Its folder must exist and be writable
 * and the path must not be a folder.  0, or -1 with a reason in `why`.
 */
int file_check_output(const char *path, char *why, size_t why_len);

#endif /* EMU_FILE_H */
