// SPDX-License-Identifier: MIT
/*
 * t_oops.c - an undefined instruction nobody handles: the default handler
 * must print an oops naming the instruction and PC and exit with 101
 * (OOPS_EXIT_BASE + VEC_UNDEF).  The test checks status and output.
 */
#include <stdint.h>
#include <stdio.h>

#include "drivers/exceptions.h"

extern const uint32_t oops_site[];

int main(void)
{
	printf("t_oops: undefined instruction at %p, expect exit %d\n", (const void *)oops_site,
	       OOPS_EXIT_BASE + VEC_UNDEF);
	__asm__ volatile(".global oops_site\noops_site:\n\t.word 0xe7f000f0" : : : "memory");
	printf("t_oops: still running: the oops did not stop the guest\n");
	return 0;
}
