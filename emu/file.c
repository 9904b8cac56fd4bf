/* SPDX-License-Identifier: MIT */
/*
 * file.c - bounded reads of input files and up-front checks of output paths.
 */
#include "emu/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/alloc.h"

void *file_read(const char *path, size_t limit, size_t *size, char *why, size_t why_len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf;
	size_t n;

	if (!f) {
		snprintf(why, why_len, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(why, why_len, "not a regular file");
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)st.st_size > limit) {
		snprintf(why, why_len, "%llu bytes, larger than the %zu KiB limit",
			 (unsigned long long)st.st_size, limit >> 10);
		fclose(f);
		return NULL;
	}
	buf = xcalloc((size_t)st.st_size, 1, path);
	/* One byte more than expected: a file that grew is refused, not cut. */
	n = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f) || n != (size_t)st.st_size || fgetc(f) != EOF) {
		snprintf(why, why_len, "%s", ferror(f) ? strerror(errno) : "changed while read");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

int file_check_output(const char *path, char *why, size_t why_len)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];
	struct stat st;

	if (!*path) {
		snprintf(why, why_len, "empty file name");
		return -1;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(why, why_len, "is a folder");
		return -1;
	}
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else if ((size_t)(slash - path) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else {
		snprintf(why, why_len, "file name too long");
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(why, why_len, "folder %s does not exist", dir);
		return -1;
	}
	if (access(dir, W_OK) != 0) {
		snprintf(why, why_len, "folder %s is not writable: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}
