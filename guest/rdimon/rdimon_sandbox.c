// SPDX-License-Identifier: MIT
/*
 * rdimon_sandbox.c - a stock newlib program that tries to leave the
 * semihosting root and must fail every time, while ordinary relative file
 * use keeps working.  tests/guest/sandbox_check.py builds the directories:
 *
 *   ROOT/inside.txt            "inside\n"
 *   ROOT/sub/                  an empty directory
 *   ROOT/link_out    -> ../outside/secret.txt   (a planted escape)
 *   ROOT/dirlink     -> ../outside
 *   ROOT/link_abs    -> /etc/passwd
 *   ROOT/link_proc   -> /proc/self/environ
 *   ROOT/link_in     -> inside.txt              (stays inside)
 *   OUTSIDE/secret.txt, OUTSIDE/victim
 *
 * argv[1] is the absolute path of OUTSIDE/secret.txt.  Refusals must set
 * errno to EACCES.  Prints "rdimon_sandbox: PASS" and exits 0 when every
 * check holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int _rename(const char *oldpath, const char *newpath);

static int failures;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	failures += !ok;
}

/* fopen must fail with EACCES. */
static void refused_open(const char *path, const char *mode)
{
	char what[160];
	FILE *f;

	errno = 0;
	f = fopen(path, mode);
	snprintf(what, sizeof(what), "fopen(\"%s\", \"%s\") refused with EACCES (errno %d)", path,
		 mode, errno);
	check(f == NULL && errno == EACCES, what);
	if (f)
		fclose(f);
}

static int read_all(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	buf[n] = 0;
	fclose(f);
	return (int)n;
}

/* SYS_TMPNAM (0x0d) directly: newlib's tmpnam() builds its own names. */
static int sys_tmpnam(char *buf, unsigned id, unsigned len)
{
	unsigned block[3] = { (unsigned)buf, id, len };
	register unsigned r0 __asm__("r0") = 0x0d;
	register unsigned *r1 __asm__("r1") = block;

	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	return (int)r0;
}

int main(int argc, char **argv)
{
	char buf[256], tmp[64];
	FILE *f;

	if (argc < 2) {
		printf("usage: rdimon_sandbox ABSOLUTE-PATH-OUTSIDE\n");
		return 2;
	}

	/* ordinary relative use works */
	check(read_all("inside.txt", buf, sizeof(buf)) == 7 && strcmp(buf, "inside\n") == 0,
	      "read inside.txt");
	check(read_all("sub/../inside.txt", buf, sizeof(buf)) == 7, "sub/../inside.txt stays inside");
	check(read_all("./link_in", buf, sizeof(buf)) == 7, "a link inside the root is followed");
	f = fopen("sub/new.txt", "w");
	check(f && fputs("new\n", f) >= 0 && fclose(f) == 0, "create sub/new.txt");
	check(_rename("sub/new.txt", "renamed.txt") == 0, "rename inside the root");
	check(read_all("renamed.txt", buf, sizeof(buf)) == 4, "read the renamed file");
	check(remove("renamed.txt") == 0, "remove inside the root");

	/* escapes */
	refused_open("/etc/passwd", "r");
	refused_open("/proc/self/environ", "r");
	refused_open(argv[1], "r");
	refused_open("../outside/secret.txt", "r");
	refused_open("sub/../../outside/secret.txt", "r");
	refused_open("link_out", "r");
	refused_open("link_abs", "r");
	refused_open("link_proc", "r");
	refused_open("dirlink/secret.txt", "r");
	refused_open("dirlink/secret.txt", "w");
	refused_open("../outside/new.txt", "w");
	refused_open("dirlink/new.txt", "a");
	refused_open(":tmp/../../etc/passwd", "r");

	errno = 0;
	check(remove("../outside/victim") != 0 && errno == EACCES, "remove ../outside/victim refused");
	errno = 0;
	check(remove("dirlink/victim") != 0 && errno == EACCES, "remove dirlink/victim refused");
	errno = 0;
	check(remove(argv[1]) != 0 && errno == EACCES, "remove of an absolute path refused");
	errno = 0;
	check(remove("..") != 0 && errno == EACCES, "remove .. refused");
	errno = 0;
	check(_rename("inside.txt", "../outside/moved") != 0 && errno == EACCES,
	      "rename out of the root refused");
	errno = 0;
	check(_rename("../outside/victim", "stolen") != 0 && errno == EACCES,
	      "rename into the root refused");
	errno = 0;
	check(_rename("dirlink/victim", "stolen") != 0 && errno == EACCES,
	      "rename through a planted link refused");
	check(remove("link_out") == 0, "removing the planted link removes the link only");
	check(read_all("inside.txt", buf, sizeof(buf)) == 7, "inside.txt is still there");

	/* temporary files live in a private directory */
	check(sys_tmpnam(tmp, 7, sizeof(tmp)) == 0 && strcmp(tmp, ":tmp/007") == 0,
	      "SYS_TMPNAM names :tmp/007");
	f = fopen(tmp, "w+");
	check(f && fputs("scratch\n", f) >= 0 && fclose(f) == 0, "write the temporary file");
	check(read_all(tmp, buf, sizeof(buf)) == 8, "read it back");
	check(sys_tmpnam(tmp, 7, 4) == -1, "SYS_TMPNAM with a short buffer fails");

	/* the special files still work */
	f = fopen(":tt", "w");
	check(f && fputs("via :tt\n", f) >= 0, "write to :tt");

	printf("rdimon_sandbox: %s\n", failures ? "FAILED" : "PASS");
	return failures ? 1 : 0;
}
