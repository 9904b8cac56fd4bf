/* SPDX-License-Identifier: MIT */
/*
 * sandbox.h - the host directory a guest's semihosting file calls live in.
 *
 * DOC: Every path a guest names is resolved beneath one root directory
 * (`--semihosting-root`, by default the current directory).  Absolute paths,
 * `..` above the root and symbolic links leading out of it are refused; no
 * component is ever looked up by the host's own path resolution from the
 * root's parent.  openat2(RESOLVE_BENEATH) does the resolution when the
 * kernel has it; otherwise a walk one component at a time holding a file
 * descriptor per level, with O_NOFOLLOW, and which refuses every symbolic
 * link (so nothing swapped in during the walk is followed).  REMOVE and
 * RENAME resolve the parent directory the same way and then act on the last
 * component only, which is never followed.
 *
 * Names under ":tmp/" live in a private directory made with mkdtemp() on
 * first use and removed, with its contents, by sandbox_fini(): SYS_TMPNAM
 * hands those out, so temporary names are neither predictable host paths nor
 * shared with other programs, and they are the same in every run.
 *
 * A root of "/" means no confinement: paths go to the host as given, relative
 * ones from the current directory (QEMU's behaviour).
 */
#ifndef EMU_SANDBOX_H
#define EMU_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SANDBOX_TMP_PREFIX ":tmp/"

struct sandbox {
	int root_fd;        /* -1: unconfined */
	char *root;         /* canonical path, for messages */
	int tmp_fd;         /* -1 until the first ":tmp/" name is used */
	char *tmp_path;
	bool walk_only;     /* openat2 unavailable (or disabled by a test) */
	bool refused;       /* the last call failed because a path left its root */
};

/* NULL: the current directory.  Returns 0, or -errno (root not a directory). */
int sandbox_init(struct sandbox *sb, const char *root);
/* Closes the root and removes the private temporary directory. */
void sandbox_fini(struct sandbox *sb);

/* open(2) inside the sandbox: a file descriptor, or -errno. */
int sandbox_open(struct sandbox *sb, const char *path, int flags, mode_t mode);
/* remove(3) and rename(2) inside the sandbox: 0 or -errno. */
int sandbox_remove(struct sandbox *sb, const char *path);
int sandbox_rename(struct sandbox *sb, const char *from, const char *to);

/* The name of temporary file `id` (":tmp/NNN"); false if `len` is too small. */
bool sandbox_tmpname(unsigned id, char *buf, size_t len);

#endif /* EMU_SANDBOX_H */
