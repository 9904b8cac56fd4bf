/* SPDX-License-Identifier: MIT */
/*
 * alloc.h - host memory allocation with the emulator's one out-of-memory
 * policy.
 *
 * DOC: The host running out of memory is not something the emulator can
 * recover from or the guest can be blamed for, and an allocation failure
 * handled half-way (dropped silently, or turned into an error return the
 * caller then ignores) only moves the crash.  So every host allocation in
 * emu/, soc/ and mm/ goes through these: on failure they print one fatal line
 * naming what was being allocated and how much, and exit with status 125.
 * They never return NULL; n * size overflowing is the same failure.  (Guest
 * RAM and the executable covers are mapped by the machine, which says so in
 * the same way.)
 */
#ifndef EMU_ALLOC_H
#define EMU_ALLOC_H

#include <stddef.h>

/* Zeroed memory for n objects of `size` bytes (at least one byte). */
void *xcalloc(size_t n, size_t size, const char *what);
/* Resize `p` to n objects of `size` bytes (at least one byte). */
void *xrealloc(void *p, size_t n, size_t size, const char *what);
char *xstrdup(const char *s, const char *what);

#endif /* EMU_ALLOC_H */
