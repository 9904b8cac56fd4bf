// SPDX-License-Identifier: MIT
/*
 * t_thumbbss.c - a wild branch in Thumb state into 3 MiB of zeroed .bss,
 * with the MMU, caches and the timer tick on (issue 13 item 3).  Zeros are
 * "movs r0, r0" in Thumb, so the core slides to the end of the array and
 * into whatever follows; the kernel's undefined-instruction handler then
 * prints an oops in Thumb state and exits 101.  The emulator must stop
 * there cleanly in every memory model.
 */
#include <stdint.h>

#include "check.h"

static uint8_t sled[3u << 20] __attribute__((aligned(4096)));

int main(void)
{
	void (*wild)(void) = (void (*)(void))((uintptr_t)sled + 1);

	wild();
	return check_done("t_thumbbss");
}
