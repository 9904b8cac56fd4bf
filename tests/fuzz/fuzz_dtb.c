/* SPDX-License-Identifier: MIT */
/*
 * fuzz_dtb.c - the board built from an arbitrary device tree blob
 * (soc/s3c6410/board.c and every device it instantiates), reset and torn
 * down again; no event may outlive the board.
 */
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "emu/clock.h"
#include "emu/irq.h"
#include "emu/log.h"
#include "soc/s3c6410/board.h"

static void cpu_line(void *opaque, int n, int level)
{
	(void)opaque;
	(void)n;
	(void)level;
}

static void system_reset(void *opaque, const char *why)
{
	(void)opaque;
	(void)why;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_set_quiet(1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct clock clock;
	struct board *b;

	if (!sink)
		sink = fopen("/dev/null", "w");
	clock_init(&clock);
	struct board_env env = {
		.clock = &clock,
		.cpu_irq = irq_line(cpu_line, NULL, 0),
		.cpu_fiq = irq_line(cpu_line, NULL, 1),
		.system_reset = system_reset,
		.console_out = sink,
	};
	b = board_create(data, size, "fuzz.dtb", &env);
	if (b) {
		board_reset(b);
		board_destroy(b);
	}
	if (clock.nr)
		abort(); /* an event outlived the board that scheduled it */
	clock_destroy(&clock);
	return 0;
}
