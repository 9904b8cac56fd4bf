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

struct options;

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

#endif /* SCENARIO_SCENARIO_H */
