/* SPDX-License-Identifier: MIT */
/*
 * semihost.h - ARM semihosting (v2.0): the guest's console, files and exit.
 *
 * DOC: A guest calls the host with `svc 0x123456` (ARM), `svc 0xab` (Thumb)
 * or `bkpt 0xab`, operation in r0, argument (often a pointer to a block of
 * words) in r1, result back in r0.  Enough of the specification is served
 * for newlib's rdimon (printf, malloc, file I/O, exit codes) to run unchanged,
 * including the `:semihosting-features` file through which newlib 3.3
 * discovers SYS_EXIT_EXTENDED.  File calls stay inside one host directory
 * (emu/sandbox.h), and every buffer a guest hands over is copied with the
 * guest's own permission checks at its current privilege.  Time comes from the simulated clock, never the
 * host's: SYS_TIME counts from a fixed epoch, so runs are reproducible.
 */
#ifndef EMU_SEMIHOST_H
#define EMU_SEMIHOST_H

#include <stdbool.h>
#include <stdint.h>

struct machine;
struct semihost;

/* 2026-01-01T00:00:00Z: what SYS_TIME returns at cycle 0. */
#define SEMIHOST_EPOCH 1767225600u

/*
 * `root`: the directory file calls are confined to (NULL: the current
 * directory; "/": no confinement).  NULL, after one line on stderr, when the
 * root is not a directory.
 */
struct semihost *semihost_create(struct machine *m, int argc, char **argv, const char *root);
void semihost_destroy(struct semihost *s);

/* Is this SVC/BKPT instruction a semihosting call? */
bool semihost_is_svc(uint32_t insn, bool thumb);
bool semihost_is_bkpt(uint32_t insn, bool thumb);

/* Serve the call described by r0/r1; writes r0 or halts the machine. */
void semihost_call(struct machine *m);

/* Heap and stack the guest learns from SYS_HEAPINFO. */
void semihost_set_heap(struct semihost *s, uint32_t heap_base, uint32_t heap_limit,
		       uint32_t stack_base, uint32_t stack_limit);

#endif /* EMU_SEMIHOST_H */
