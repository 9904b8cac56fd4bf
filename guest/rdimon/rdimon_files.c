// SPDX-License-Identifier: MIT
/*
 * rdimon_files.c - an ordinary newlib program using files, time and stdin,
 * which newlib's rdimon turns into semihosting calls: SYS_OPEN, WRITE, READ,
 * SEEK, FLEN (via fseek to the end), ISTTY, CLOSE, RENAME, REMOVE, ERRNO,
 * TIME and CLOCK.  argv[1] is a scratch path the test gives; stdin is the
 * test's input file.  Prints "rdimon_files: PASS" and exits 0 when every
 * check holds.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * newlib as Debian builds it implements rename() as link() + unlink(), and
 * libgloss has no link(); its SYS_RENAME call is _rename() itself.
 */
int _rename(const char *oldpath, const char *newpath);

static int failures;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	failures += !ok;
}

int main(int argc, char **argv)
{
	static const char text[] = "0123456789abcdefghijklmnopqrstuvwxyz\n";
	char path2[512], buf[128], line[128];
	FILE *f;
	long len;
	time_t t0;
	clock_t c0, c1;
	volatile unsigned long spin = 0;

	if (argc < 2) {
		printf("usage: rdimon_files SCRATCH-PATH < input\n");
		return 2;
	}
	snprintf(path2, sizeof(path2), "%s.renamed", argv[1]);

	f = fopen(argv[1], "wb");
	check(f != NULL, "fopen for writing (SYS_OPEN)");
	if (!f)
		return 1;
	check(fwrite(text, 1, sizeof(text) - 1, f) == sizeof(text) - 1, "fwrite (SYS_WRITE)");
	check(fclose(f) == 0, "fclose (SYS_CLOSE)");

	f = fopen(argv[1], "rb");
	check(f != NULL, "fopen for reading");
	if (!f)
		return 1;
	check(fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) == (long)sizeof(text) - 1,
	      "file length 37 (SYS_FLEN)");
	check(fseek(f, 10, SEEK_SET) == 0, "fseek to 10 (SYS_SEEK)");
	memset(buf, 0, sizeof(buf));
	check(fread(buf, 1, 6, f) == 6 && memcmp(buf, "abcdef", 6) == 0,
	      "fread after the seek reads 'abcdef' (SYS_READ)");
	check(!isatty(fileno(f)), "a file is not a terminal (SYS_ISTTY)");
	fclose(f);

	check(_rename(argv[1], path2) == 0, "_rename (SYS_RENAME)");
	check(fopen(argv[1], "rb") == NULL && errno != 0, "the old name is gone, errno set (SYS_ERRNO)");
	check(remove(path2) == 0, "remove (SYS_REMOVE)");
	check(fopen(path2, "rb") == NULL, "the new name is gone too");

	check(fgets(line, sizeof(line), stdin) != NULL && strcmp(line, "from stdin\n") == 0,
	      "a line from stdin (SYS_READ on :tt)");

	t0 = time(NULL);
	check(t0 >= 1767225600 && t0 < 1767225600 + 60, "time() counts from 2026-01-01 (SYS_TIME)");
	c0 = clock();
	for (unsigned long i = 0; i < 20000000ul; i++)
		spin += i;
	c1 = clock();
	check(c1 > c0, "clock() advances with simulated time (SYS_CLOCK)");

	printf("rdimon_files: %s\n", failures ? "FAILED" : "PASS");
	return failures ? 1 : 0;
}
