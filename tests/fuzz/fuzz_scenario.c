/* SPDX-License-Identifier: MIT */
/*
 * fuzz_scenario.c - the scenario front end (scenario/) with the script as
 * input: Lua's parser, the sandbox, the budget and memory bounds, every
 * API function's argument checks, callbacks on the clock, the report.
 *
 * Each input is run as a scenario file FUZZ_GUEST_DIR/fuzz.lua (so a bare
 * image name is one of the build's guest images) with the command line's
 * options of `s3c6410-emu -q --scenario`, under limits that keep one input
 * short: 1 million Lua instructions, 32 MiB of Lua memory, at most 1
 * million guest cycles (scenario{} may ask for less, not more), and
 * confined (no file written, no dtc).  A machine is made only when the
 * script calls scenario{}: hello.elf on the built-in board is made and
 * torn down in a few milliseconds, and the cycle bound keeps its run short.
 */
#include "tests/fuzz/fuzz.h"

#include <stdio.h>
#include <stdlib.h>

#include "emu/log.h"
#include "emu/options.h"
#include "scenario/scenario.h"

static struct options opt;
static const struct scenario_limits lim = {
	.lua_memory = 32u << 20,
	.lua_budget_max = 1000000,
	.max_cycles_max = 1000000,
	.confined = true,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char *args[] = { "s3c6410-emu", "-q", "--scenario", FUZZ_GUEST_DIR "/fuzz.lua",
				NULL };

	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "r", stdin))
		abort();
	if (options_parse(&opt, 4, args) != 0)
		abort();
	log_set_quiet(1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	scenario_run(&opt, (const char *)data, size, &lim);
	return 0;
}
