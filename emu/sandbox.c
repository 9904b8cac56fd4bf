/* SPDX-License-Identifier: MIT */
/*
 * sandbox.c - resolving guest paths beneath one host directory (see
 * sandbox.h for what is refused and why).
 */
#define _GNU_SOURCE
#include "emu/sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "emu/log.h"

#define MAX_DEPTH 64 /* directory levels a walked path may descend */

int sandbox_init(struct sandbox *sb, const char *root)
{
	struct stat st;
	char *real;

	*sb = (struct sandbox){ .root_fd = -1, .tmp_fd = -1 };
	real = realpath(root ? root : ".", NULL);
	if (!real)
		return -errno;
	if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(real);
		return -ENOTDIR;
	}
	sb->root = real;
	if (strcmp(real, "/") == 0)
		return 0; /* unconfined, by explicit request */
	sb->root_fd = open(real, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (sb->root_fd < 0) {
		int err = -errno;

		free(real);
		sb->root = NULL;
		return err;
	}
	return 0;
}

/* Remove everything below directory `dfd` (no link is followed). */
static void remove_tree_at(int dfd, int depth)
{
	int fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0 || errno != EISDIR || depth >= MAX_DEPTH)
			continue;
		int sub = openat(dirfd(d), e->d_name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (sub >= 0) {
			remove_tree_at(sub, depth + 1);
			close(sub);
		}
		unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
	}
	closedir(d);
}

void sandbox_fini(struct sandbox *sb)
{
	if (sb->tmp_fd >= 0) {
		remove_tree_at(sb->tmp_fd, 0);
		close(sb->tmp_fd);
		if (rmdir(sb->tmp_path) != 0)
			log_warn("cannot remove %s: %s", sb->tmp_path, strerror(errno));
	}
	if (sb->root_fd >= 0)
		close(sb->root_fd);
	free(sb->tmp_path);
	free(sb->root);
	*sb = (struct sandbox){ .root_fd = -1, .tmp_fd = -1 };
}

bool sandbox_tmpname(unsigned id, char *buf, size_t len)
{
	int n = snprintf(buf, len, SANDBOX_TMP_PREFIX "%03u", id);

	return n > 0 && (size_t)n < len;
}

/* The private temporary directory, made on first use. */
static int tmp_dir(struct sandbox *sb)
{
	const char *base = getenv("TMPDIR");
	char *path;

	if (sb->tmp_fd >= 0)
		return sb->tmp_fd;
	if (!base || !*base)
		base = "/tmp";
	if (asprintf(&path, "%s/s3c6410-emu-XXXXXX", base) < 0)
		return -ENOMEM;
	if (!mkdtemp(path)) {
		int err = -errno;

		free(path);
		return err;
	}
	sb->tmp_fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (sb->tmp_fd < 0) {
		int err = -errno;

		rmdir(path);
		free(path);
		return err;
	}
	sb->tmp_path = path;
	return sb->tmp_fd;
}

static int refuse(struct sandbox *sb)
{
	sb->refused = true;
	return -EACCES;
}

static bool is_link(int dfd, const char *name)
{
	struct stat st;
	int err = errno;
	bool link = fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);

	errno = err;
	return link;
}

/*
 * Without openat2: one component at a time from `dfd`, each level held open,
 * `..` popping back to a descriptor already held (never looked up), every
 * symbolic link refused.
 */
static int walk(struct sandbox *sb, int dfd, const char *path, int flags, mode_t mode)
{
	char buf[PATH_MAX], *save = NULL, *comp, *next;
	int stack[MAX_DEPTH + 1], depth = 0, fd;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	if (path[0] == '/')
		return refuse(sb);
	strcpy(buf, path);
	stack[0] = dfd;
	comp = strtok_r(buf, "/", &save);
	while (comp) {
		next = strtok_r(NULL, "/", &save);
		if (strcmp(comp, ".") == 0) {
			/* nothing */
		} else if (strcmp(comp, "..") == 0) {
			if (depth == 0) {
				fd = refuse(sb);
				goto out;
			}
			close(stack[depth--]);
		} else if (next) {
			if (depth == MAX_DEPTH) {
				fd = -ENAMETOOLONG;
				goto out;
			}
			fd = openat(stack[depth], comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0) {
				fd = is_link(stack[depth], comp) ? refuse(sb) : -errno;
				goto out;
			}
			stack[++depth] = fd;
		} else {
			fd = openat(stack[depth], comp, flags | O_NOFOLLOW | O_CLOEXEC, mode);
			if (fd < 0)
				fd = is_link(stack[depth], comp) ? refuse(sb) : -errno;
			goto out;
		}
		comp = next;
	}
	/* "", "a/..", "dir/": open the directory the walk ended in */
	fd = openat(stack[depth], ".", flags | O_CLOEXEC, mode);
	if (fd < 0)
		fd = -errno;
out:
	while (depth > 0)
		close(stack[depth--]);
	return fd;
}

static int open_beneath(struct sandbox *sb, int dfd, const char *path, int flags, mode_t mode)
{
	if (!sb->walk_only) {
		struct open_how how = {
			.flags = (uint64_t)(flags | O_CLOEXEC),
			.mode = (flags & O_CREAT) ? mode : 0,
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
		};
		long fd;
		int tries = 0;

		/* EAGAIN: a rename raced the lookup (the kernel asks us to retry) */
		do
			fd = syscall(SYS_openat2, dfd, path, &how, sizeof(how));
		while (fd < 0 && errno == EAGAIN && ++tries < 8);
		if (fd >= 0)
			return (int)fd;
		if (errno == EXDEV)
			return refuse(sb);
		if (errno != ENOSYS)
			return -errno;
		sb->walk_only = true; /* kernel older than 5.6 */
	}
	return walk(sb, dfd, path, flags, mode);
}

/* Which directory a guest path starts from, and the rest of the path. */
static int start_dir(struct sandbox *sb, const char **path)
{
	if (strncmp(*path, SANDBOX_TMP_PREFIX, strlen(SANDBOX_TMP_PREFIX)) == 0) {
		*path += strlen(SANDBOX_TMP_PREFIX);
		return tmp_dir(sb);
	}
	return sb->root_fd >= 0 ? sb->root_fd : AT_FDCWD;
}

int sandbox_open(struct sandbox *sb, const char *path, int flags, mode_t mode)
{
	int dfd, fd;

	sb->refused = false;
	if (!*path)
		return -ENOENT;
	dfd = start_dir(sb, &path);
	if (dfd == AT_FDCWD) {
		fd = open(path, flags | O_CLOEXEC, mode);
		return fd < 0 ? -errno : fd;
	}
	if (dfd < 0)
		return dfd;
	return open_beneath(sb, dfd, path, flags, mode);
}

/*
 * The directory holding a path's last component, opened beneath the root
 * (AT_FDCWD when unconfined and the path has no directory part), and that
 * component (never "", "." or ".."), which points into `buf`.  0 or -errno.
 */
static int parent_of(struct sandbox *sb, const char *path, char *buf, size_t len, int *dfd,
		     const char **base)
{
	char *slash;
	int start;

	*dfd = -1;
	if (!*path)
		return -ENOENT;
	start = start_dir(sb, &path);
	if (start < 0 && start != AT_FDCWD)
		return start;
	if (strlen(path) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, path);
	for (size_t n = strlen(buf); n > 1 && buf[n - 1] == '/'; n--)
		buf[n - 1] = 0;
	slash = strrchr(buf, '/');
	*base = slash ? slash + 1 : buf;
	if (strcmp(*base, "..") == 0 && start != AT_FDCWD)
		return refuse(sb);
	if (!**base || strcmp(*base, ".") == 0 || strcmp(*base, "..") == 0)
		return -EINVAL;
	if (start == AT_FDCWD) {
		*dfd = !slash ? AT_FDCWD
		       : slash == buf ? open("/", O_PATH | O_DIRECTORY | O_CLOEXEC)
				      : (*slash = 0, open(buf, O_PATH | O_DIRECTORY | O_CLOEXEC));
	} else if (!slash) {
		*dfd = fcntl(start, F_DUPFD_CLOEXEC, 0);
	} else if (slash == buf) {
		return refuse(sb);
	} else {
		*slash = 0;
		*dfd = open_beneath(sb, start, buf, O_PATH | O_DIRECTORY, 0);
		return *dfd < 0 ? *dfd : 0;
	}
	return *dfd < 0 && *dfd != AT_FDCWD ? -errno : 0;
}

static void close_dir(int dfd)
{
	if (dfd >= 0)
		close(dfd);
}

int sandbox_remove(struct sandbox *sb, const char *path)
{
	char buf[PATH_MAX];
	const char *base;
	int dfd, rc;

	sb->refused = false;
	rc = parent_of(sb, path, buf, sizeof(buf), &dfd, &base);
	if (rc < 0)
		return rc;
	rc = unlinkat(dfd, base, 0);
	if (rc != 0 && errno == EISDIR)
		rc = unlinkat(dfd, base, AT_REMOVEDIR);
	rc = rc == 0 ? 0 : -errno;
	close_dir(dfd);
	return rc;
}

int sandbox_rename(struct sandbox *sb, const char *from, const char *to)
{
	char fbuf[PATH_MAX], tbuf[PATH_MAX];
	const char *fbase, *tbase;
	int fd1, fd2, rc;

	sb->refused = false;
	rc = parent_of(sb, from, fbuf, sizeof(fbuf), &fd1, &fbase);
	if (rc < 0)
		return rc;
	rc = parent_of(sb, to, tbuf, sizeof(tbuf), &fd2, &tbase);
	if (rc == 0)
		rc = renameat(fd1, fbase, fd2, tbase) == 0 ? 0 : -errno;
	close_dir(fd1);
	close_dir(fd2);
	return rc;
}
