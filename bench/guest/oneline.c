// SPDX-License-Identifier: MIT
/*
 * oneline.c - the smallest useful guest: a stock newlib (rdimon) program
 * that prints one line and exits 0.  bench/qemu_compare times whole runs of
 * it to measure start-up: what a regression suite of short guests pays.
 */
#include <stdio.h>

int main(void)
{
	puts("oneline: hello from a stock newlib program");
	return 0;
}
