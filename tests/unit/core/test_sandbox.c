/* SPDX-License-Identifier: MIT */
/*
 * test_sandbox.c - path resolution beneath the semihosting root, with
 * openat2 and with the component walk used when the kernel lacks it: the
 * same escapes are refused (EACCES, `refused` set) and the same legitimate
 * paths work in both.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/sandbox.h"

struct fixture {
	char top[64], root[96], out[96];
	struct sandbox sb;
};

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state, bool walk)
{
	struct fixture *x = calloc(1, sizeof(*x));
	char p[256];

	assert_non_null(x);
	strcpy(x->top, "/tmp/test-sandbox-XXXXXX");
	assert_non_null(mkdtemp(x->top));
	snprintf(x->root, sizeof(x->root), "%s/root", x->top);
	snprintf(x->out, sizeof(x->out), "%s/outside", x->top);
	assert_int_equal(mkdir(x->root, 0755), 0);
	assert_int_equal(mkdir(x->out, 0755), 0);
	snprintf(p, sizeof(p), "%s/sub", x->root);
	assert_int_equal(mkdir(p, 0755), 0);
	put(x->root, "in.txt", "in");
	put(x->out, "secret", "secret");
	snprintf(p, sizeof(p), "%s/link_out", x->root);
	assert_int_equal(symlink("../outside/secret", p), 0);
	snprintf(p, sizeof(p), "%s/dirlink", x->root);
	assert_int_equal(symlink("../outside", p), 0);
	snprintf(p, sizeof(p), "%s/sub/up", x->root);
	assert_int_equal(symlink("../..", p), 0);
	assert_int_equal(sandbox_init(&x->sb, x->root), 0);
	x->sb.walk_only = walk;
	*state = x;
	return 0;
}

static int setup_openat2(void **state)
{
	return setup(state, false);
}

static int setup_walk(void **state)
{
	return setup(state, true);
}

static int teardown(void **state)
{
	struct fixture *x = *state;
	char cmd[128];

	sandbox_fini(&x->sb);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", x->top);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

static void refused_open(struct fixture *x, const char *path, int flags)
{
	int fd = sandbox_open(&x->sb, path, flags, 0644);

	if (fd >= 0)
		close(fd);
	assert_int_equal(fd, -EACCES);
	assert_true(x->sb.refused);
}

static void test_escapes_refused(void **state)
{
	struct fixture *x = *state;
	char abs[160];

	snprintf(abs, sizeof(abs), "%s/secret", x->out);
	refused_open(x, "/etc/passwd", O_RDONLY);
	refused_open(x, "/proc/self/environ", O_RDONLY);
	refused_open(x, abs, O_RDONLY);
	refused_open(x, "..", O_RDONLY);
	refused_open(x, "../outside/secret", O_RDONLY);
	refused_open(x, "sub/../../outside/secret", O_RDONLY);
	refused_open(x, "link_out", O_RDONLY);
	refused_open(x, "dirlink/secret", O_RDONLY);
	refused_open(x, "dirlink/new", O_WRONLY | O_CREAT);
	refused_open(x, "sub/up/outside/secret", O_RDONLY);
	refused_open(x, ":tmp/../../../etc/passwd", O_RDONLY);
	assert_int_equal(sandbox_remove(&x->sb, "../outside/secret"), -EACCES);
	assert_int_equal(sandbox_remove(&x->sb, "dirlink/secret"), -EACCES);
	assert_int_equal(sandbox_remove(&x->sb, abs), -EACCES);
	assert_int_equal(sandbox_rename(&x->sb, "in.txt", "dirlink/in.txt"), -EACCES);
	assert_int_equal(sandbox_rename(&x->sb, "../outside/secret", "stolen"), -EACCES);
	assert_int_equal(access(abs, F_OK), 0);
	snprintf(abs, sizeof(abs), "%s/in.txt", x->root);
	assert_int_equal(access(abs, F_OK), 0);
}

static void test_inside_works(void **state)
{
	struct fixture *x = *state;
	char buf[8] = { 0 };
	int fd;

	fd = sandbox_open(&x->sb, "sub/../in.txt", O_RDONLY, 0);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "in");
	close(fd);
	fd = sandbox_open(&x->sb, "sub/new", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sandbox_rename(&x->sb, "sub/new", "moved"), 0);
	assert_int_equal(sandbox_remove(&x->sb, "moved"), 0);
	assert_int_equal(sandbox_open(&x->sb, "moved", O_RDONLY, 0), -ENOENT);
	assert_false(x->sb.refused);
	/* removing a planted link removes the link, not what it names */
	assert_int_equal(sandbox_remove(&x->sb, "link_out"), 0);
	assert_int_equal(sandbox_remove(&x->sb, "sub/up"), 0);
}

static void test_tmp(void **state)
{
	struct fixture *x = *state;
	char name[16], shortname[5], dir[256];
	int fd;

	assert_false(sandbox_tmpname(3, shortname, sizeof(shortname)));
	assert_true(sandbox_tmpname(3, name, sizeof(name)));
	assert_string_equal(name, ":tmp/003");
	fd = sandbox_open(&x->sb, name, O_RDWR | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_non_null(x->sb.tmp_path);
	snprintf(dir, sizeof(dir), "%s", x->sb.tmp_path);
	assert_int_equal(access(dir, F_OK), 0);
	sandbox_fini(&x->sb);
	assert_int_equal(access(dir, F_OK), -1); /* gone with its contents */
	assert_int_equal(sandbox_init(&x->sb, x->root), 0);
}

static void test_roots(void **state)
{
	struct sandbox sb;

	(void)state;
	assert_int_equal(sandbox_init(&sb, "/nonexistent-dir-xyz"), -ENOENT);
	assert_int_equal(sandbox_init(&sb, "/etc/passwd"), -ENOTDIR);
	/* "/" is the explicit way to give the guest the host's filesystem */
	assert_int_equal(sandbox_init(&sb, "/"), 0);
	assert_int_equal(sb.root_fd, -1);
	int fd = sandbox_open(&sb, "/etc/hostname", O_RDONLY, 0);

	assert_true(fd >= 0 || fd == -ENOENT);
	if (fd >= 0)
		close(fd);
	sandbox_fini(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escapes_refused, setup_openat2, teardown),
		cmocka_unit_test_setup_teardown(test_escapes_refused, setup_walk, teardown),
		cmocka_unit_test_setup_teardown(test_inside_works, setup_openat2, teardown),
		cmocka_unit_test_setup_teardown(test_inside_works, setup_walk, teardown),
		cmocka_unit_test_setup_teardown(test_tmp, setup_openat2, teardown),
		cmocka_unit_test_setup_teardown(test_tmp, setup_walk, teardown),
		cmocka_unit_test(test_roots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
