/* SPDX-License-Identifier: MIT */
/*
 * scenario_int.h - what scenario.c (the engine) and scenario_api.c (the
 * functions a script calls) share.  Not for other layers.
 */
#ifndef SCENARIO_SCENARIO_INT_H
#define SCENARIO_SCENARIO_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <lua.h>

#include "emu/clock.h"
#include "emu/machine.h"
#include "emu/options.h"
#include "scenario/scenario.h"

#define SC_DEFAULT_BUDGET     1000000000ull  /* Lua VM instructions per scenario */
#define SC_DEFAULT_MAX_CYCLES 10000000000ull /* a run's bound when the script gives none */
#define SC_DEFAULT_POLL       10000u         /* cycles between run_until(fn) checks */
#define SC_DEFAULT_LUA_MEMORY (512u << 20)   /* bytes the Lua state may hold */

/* A callback on the clock: at() once, every() periodically. */
struct sc_timer {
	struct scenario *sc;
	struct event ev;
	int fn_ref;               /* LUA_NOREF once finished or cancelled */
	cycle_t period;           /* 0: once */
	cycle_t due;
	int id;
};

struct sc_expect {
	char where[256];          /* FILE:LINE of the calling line */
	char what[64];            /* expect_exit, expect_findings, ... */
	char expected[256], actual[1024];
	bool ok;
	uint64_t cycle;
};

struct scenario {
	lua_State *L;
	const char *path;         /* as given: the chunk name, for FILE:LINE */
	char *dir;                /* the scenario's directory, for relative paths */
	struct options opt;       /* the command line's, completed by scenario{} */
	char *image, *dtb;
	bool dtb_temporary;        /* dtb compiled from board = "x.dts": removed after use */
	char **argv;
	int argc;
	struct machine *m;
	FILE *report_file;

	uint64_t budget, used;    /* Lua VM instructions */
	uint64_t charged;         /* work in the libraries' C code, in instructions */
	size_t mem, mem_peak;     /* bytes the Lua state holds */
	struct scenario_limits lim;
	bool raising;             /* the budget error is being made: allocate freely */
	uint64_t seed, rng[4];

	struct sc_timer **timer;
	unsigned nr_timers;

	/* run_until(fn): the condition, polled on the clock */
	struct event cond_ev;
	int cond_ref;
	cycle_t cond_period;
	bool cond_met;

	bool in_callback;
	char *cb_error;           /* a callback's error, raised when run_until returns */

	struct sc_expect *exp;
	unsigned nr_exp, failed;
	bool script_error;
	char error[1024];
};

/*
 * Charge n instructions of work done in C (a library function's loop, an
 * allocation) to the budget; raises the budget error when it is spent.
 */
void sc_charge(lua_State *L, uint64_t n);
/* The libraries' functions whose C loops a script's arguments drive,
 * replaced by wrappers that charge their work first (scenario_lib.c). */
void sc_bound_libs(lua_State *L);

/* The scenario behind a Lua state. */
struct scenario *sc_get(lua_State *L);
/* Raises "call scenario{...} first" when the machine does not exist yet. */
struct machine *sc_machine(lua_State *L);
/* FILE:LINE of the Lua line that called the running C function. */
void sc_where(lua_State *L, char *buf, size_t len);
/* Record an expectation's outcome (prints a failure to stderr). */
void sc_expect_record(lua_State *L, const char *what, bool ok, const char *expected,
		      const char *actual);
/* The report so far as a Lua table (pushed); model NULL: all of it. */
void sc_push_report(lua_State *L, const char *model);

/* Engine functions (scenario.c) and the inspection/expectation API
 * (scenario_api.c) registered as globals. */
void sc_register_engine(lua_State *L);
void sc_register_api(lua_State *L);
void sc_api_destroy(struct scenario *sc);

#endif /* SCENARIO_SCENARIO_INT_H */
