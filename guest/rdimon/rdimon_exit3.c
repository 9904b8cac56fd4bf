// SPDX-License-Identifier: MIT
/*
 * rdimon_exit3.c - an ordinary newlib program, nothing emulator-specific:
 * printf, malloc, argc/argv (semihosting SYS_GET_CMDLINE), and exit code 3,
 * which must become the emulator's exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	size_t n = 1000;
	unsigned long sum = 0;
	int *v = malloc(n * sizeof(*v));

	if (!v) {
		printf("malloc failed\n");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = (int)i;
	for (size_t i = 0; i < n; i++)
		sum += (unsigned long)v[i];
	free(v);

	printf("rdimon: hello from newlib\n");
	printf("rdimon: argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("rdimon: argv[%d]=%s\n", i, argv[i]);
	printf("rdimon: malloc'd sum=%lu (expect %lu)\n", sum, (unsigned long)(n * (n - 1) / 2));
	if (sum != n * (n - 1) / 2)
		return 1;
	printf("rdimon: exiting with 3\n");
	return 3;
}
