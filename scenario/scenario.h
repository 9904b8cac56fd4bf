/* SPDX-License-Identifier: MIT */
/*
 * scenario.h - scripted runs: a Lua 5.4 scenario names the board, the guest
 * and the model, drives the run on the global clock and states what must
 * hold (docs/scenarios.md is the user's guide).
 *
 * DOC: The scenario layer is a front end, like the CLI: it builds a machine
 * from what the script asks for, attaches the same models the command line
 * would, and runs it in slices (machine_run_until) between which the script
 * inspects and changes the guest.  Script callbacks (at, every) are events
 * on the machine's clock, so they run between blocks at exact cycles and a
 * scenario is as deterministic as a plain run.  The script is data: only
 * Lua's base (without dofile/loadfile/load), string, table, math (seeded),
 * utf8 and coroutine libraries are open, and its execution is bounded by an
 * instruction budget.
 */
#ifndef SCENARIO_SCENARIO_H
#define SCENARIO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct options;

/*
 * What a scenario may use.  The Lua state's memory is always bounded (its
 * allocator refuses beyond lua_memory); work done inside the string and
 * table libraries' C code is charged to the instruction budget.  A harness
 * (tests/fuzz/fuzz_scenario.c) lowers the bounds and confines the script.
 */
struct scenario_limits {
	size_t lua_memory;        /* bytes the Lua state may hold */
	uint64_t lua_budget_max;  /* scenario{lua_budget} is clamped to it; 0: no clamp */
	uint64_t max_cycles_max;  /* scenario{max_cycles} likewise */
	bool confined;            /* no file written (heatmap_png draws into /dev/null),
				   * no board = "x.dts" (no dtc process) */
};

/* The limits of a scenario run from the command line. */
extern const struct scenario_limits scenario_default_limits;

/* The exit status when the script ran but an expectation failed. */
#define EXIT_SCENARIO_FAILED 120

/*
 * Run the scenario o->scenario_path with the command line's front-end
 * options (report, stats, trace, model default).  Returns the process exit
 * status: 0 when every expectation held, EXIT_SCENARIO_FAILED when one
 * failed, EXIT_EMU_ERROR (125) with "FILE:LINE: message" on stderr for a
 * script error.
 */
int scenario_main(const struct options *o);

/*
 * Run a scenario held in memory (text, len; its chunk name and directory are
 * o->scenario_path's) under lim.  The same contract as scenario_main.
 */
int scenario_run(const struct options *o, const char *text, size_t len,
		 const struct scenario_limits *lim);

#endif /* SCENARIO_SCENARIO_H */
