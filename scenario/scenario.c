/* SPDX-License-Identifier: MIT */
/*
 * scenario.c - the scenario engine: the sandboxed Lua state, the
 * instruction budget, seeded randomness, scenario{}, time (at, after,
 * every, cancel, run_until), the report's "scenario" section and the exit
 * status.  The inspection and expectation functions are in scenario_api.c.
 */
#define _GNU_SOURCE /* asprintf */
#include "scenario/scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "emu/alloc.h"
#include "emu/log.h"
#include "emu/report.h"
#include "emu/session.h"
#include "emu/status.h"
#include "scenario/scenario_int.h"
#include "soc/s3c6410/board.h"

static const char sc_key[] = "s3c6410-emu.scenario";
static struct machine *volatile interruptible; /* for Ctrl-C */

static void on_sigint(int sig)
{
	(void)sig;
	if (interruptible)
		machine_interrupt(interruptible);
}

struct scenario *sc_get(lua_State *L)
{
	struct scenario *sc;

	lua_getfield(L, LUA_REGISTRYINDEX, sc_key);
	sc = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return sc;
}

struct machine *sc_machine(lua_State *L)
{
	struct scenario *sc = sc_get(L);

	if (!sc->m)
		luaL_error(L, "call scenario{...} first: it names the board and the image");
	return sc->m;
}

static void where_at(lua_State *L, int level, char *buf, size_t len)
{
	lua_Debug ar;

	if (lua_getstack(L, level, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
		snprintf(buf, len, "%s:%d", ar.source[0] == '@' ? ar.source + 1 : ar.short_src,
			 ar.currentline);
	else
		snprintf(buf, len, "%s", sc_get(L)->path);
}

void sc_where(lua_State *L, char *buf, size_t len)
{
	where_at(L, 1, buf, len);
}

/* ---- the budget: an endless Lua loop is an error, not a hang ---- */

#define SC_HOOK_EVERY 1000
#define SC_BYTES_PER_INSTRUCTION 16 /* an allocation's charge to the budget */

const struct scenario_limits scenario_default_limits = {
	.lua_memory = SC_DEFAULT_LUA_MEMORY,
};

static bool over_budget(const struct scenario *sc)
{
	return sc->used > sc->budget || sc->charged > sc->budget - sc->used;
}

static int raise_budget(lua_State *L, int level)
{
	struct scenario *sc = sc_get(L);
	char where[300];

	where_at(L, level, where, sizeof(where));
	sc->raising = true; /* the message itself may be allocated */
	lua_pushfstring(L, "%s: the scenario's Lua code ran %I instructions, over its budget "
			"(an endless loop? raise scenario{lua_budget = N})", where,
			(lua_Integer)sc->budget);
	sc->raising = false;
	return lua_error(L);
}

static void budget_hook(lua_State *L, lua_Debug *ar)
{
	struct scenario *sc = sc_get(L);

	(void)ar;
	sc->used += SC_HOOK_EVERY;
	if (over_budget(sc))
		raise_budget(L, 0);
}

void sc_charge(lua_State *L, uint64_t n)
{
	struct scenario *sc = sc_get(L);

	sc->charged = n > UINT64_MAX - sc->charged ? UINT64_MAX : sc->charged + n;
	if (over_budget(sc))
		raise_budget(L, 1);
}

/*
 * The Lua state's allocator: at most lim.lua_memory bytes, and every byte a
 * script makes (a string.rep, a concatenation) is work charged to the
 * budget.  An allocator may not raise: past the budget it refuses to grow
 * (Lua then raises "not enough memory") and makes the next VM instruction
 * run the hook, which raises the budget error.
 */
static void *sc_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct scenario *sc = ud;
	void *p;

	if (!ptr)
		osize = 0; /* then osize is the object's type */
	if (nsize == 0) {
		free(ptr);
		sc->mem -= osize;
		return NULL;
	}
	if (nsize > osize) {
		size_t grow = nsize - osize;

		if (grow > sc->lim.lua_memory - sc->mem)
			return NULL;
		if (!sc->raising) {
			sc->charged += grow / SC_BYTES_PER_INSTRUCTION;
			if (over_budget(sc)) {
				if (sc->L)
					lua_sethook(sc->L, budget_hook, LUA_MASKCOUNT, 1);
				return NULL;
			}
		}
	}
	p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	sc->mem = sc->mem - osize + nsize;
	if (sc->mem > sc->mem_peak)
		sc->mem_peak = sc->mem;
	return p;
}

/* ---- seeded randomness: xoshiro256** seeded through splitmix64 ---- */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void rng_seed(struct scenario *sc, uint64_t seed)
{
	uint64_t x = seed;

	sc->seed = seed;
	for (int i = 0; i < 4; i++)
		sc->rng[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct scenario *sc)
{
	uint64_t *s = sc->rng, r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

/* Uniform in [0, n) without modulo bias. */
static uint64_t rng_below(struct scenario *sc, uint64_t n)
{
	uint64_t lim = UINT64_MAX - UINT64_MAX % n, v;

	do
		v = rng_next(sc);
	while (v >= lim);
	return v % n;
}

/* math.random as Lua 5.4 documents it: (), (m), (m, n). */
static int l_random(lua_State *L)
{
	struct scenario *sc = sc_get(L);
	lua_Integer lo = 1, hi;

	switch (lua_gettop(L)) {
	case 0:
		lua_pushnumber(L, (lua_Number)(rng_next(sc) >> 11) * 0x1.0p-53);
		return 1;
	case 1:
		hi = luaL_checkinteger(L, 1);
		break;
	case 2:
		lo = luaL_checkinteger(L, 1);
		hi = luaL_checkinteger(L, 2);
		break;
	default:
		return luaL_error(L, "wrong number of arguments to 'random'");
	}
	luaL_argcheck(L, lo <= hi, lua_gettop(L), "interval is empty");
	lua_pushinteger(L, lo + (lua_Integer)rng_below(sc, (uint64_t)hi - (uint64_t)lo + 1));
	return 1;
}

static int l_randomseed(lua_State *L)
{
	rng_seed(sc_get(L), (uint64_t)luaL_checkinteger(L, 1));
	return 0;
}

/* ---- the sandbox ---- */

/* Reading an undefined global is an error: a typo'd API name says so. */
static int strict_index(lua_State *L)
{
	return luaL_error(L, "unknown name '%s' (not a scenario function or a variable set "
			  "before; see docs/scenarios.md)", lua_tostring(L, 2));
}

static void open_sandbox(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base },
		{ LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },
		{ LUA_COLIBNAME, luaopen_coroutine },
	};
	static const char *const removed[] = { "dofile", "loadfile", "load", "require",
					       "collectgarbage" };

	for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++) {
		luaL_requiref(L, libs[i].name, libs[i].func, 1);
		lua_pop(L, 1);
	}
	for (size_t i = 0; i < sizeof(removed) / sizeof(removed[0]); i++) {
		lua_pushnil(L);
		lua_setglobal(L, removed[i]);
	}
	/* string.dump makes bytecode, which only load could use. */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pop(L, 1);
	lua_getglobal(L, LUA_MATHLIBNAME);
	lua_pushcfunction(L, l_random);
	lua_setfield(L, -2, "random");
	lua_pushcfunction(L, l_randomseed);
	lua_setfield(L, -2, "randomseed");
	lua_pop(L, 1);
}

static void make_strict(lua_State *L)
{
	lua_pushglobaltable(L);
	lua_newtable(L);
	lua_pushcfunction(L, strict_index);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2);
	lua_pop(L, 1);
}

/* ---- scenario{} ---- */

/* The directory holding the emulator binary (its guest images are in guest/). */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);

	if (n <= 0)
		return xstrdup(".", "directory name");
	buf[n] = 0;
	return xstrdup(dirname(buf), "directory name");
}

static char *join(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		log_fatal("out of memory");
	return p;
}

/*
 * A bare image name is a guest image of this build (build/guest/NAME), then
 * a file beside the scenario; a relative path is relative to the scenario.
 */
static char *resolve_image(struct scenario *sc, const char *name)
{
	char *p;

	if (name[0] == '/')
		return xstrdup(name, "image path");
	if (!strchr(name, '/')) {
		char *d = exe_dir(), *g = join(d, "guest");

		p = join(g, name);
		free(d);
		free(g);
		if (access(p, R_OK) == 0)
			return p;
		free(p);
	}
	return join(sc->dir, name);
}

#ifndef SC_DTS_INCLUDE
#define SC_DTS_INCLUDE "."
#endif

extern char **environ;

/*
 * board = "x.dts": compile it with dtc (as the build compiles the built-in
 * boards) into a temporary blob; its own directory and the built-in boards'
 * (s3c6410.dtsi) are the include path.  dtc's messages go to stderr.
 */
static char *compile_dts(lua_State *L, const char *dts)
{
	char *tmpl, *dir = xstrdup(dts, "DTS path");
	const char *tmpdir = getenv("TMPDIR");
	int fd, st = -1;
	pid_t pid;

	if (asprintf(&tmpl, "%s/s3c6410-emu-XXXXXX.dtb", tmpdir && *tmpdir ? tmpdir : "/tmp") < 0)
		log_fatal("out of memory");
	fd = mkstemps(tmpl, 4);
	if (fd < 0) {
		free(dir);
		free(tmpl);
		luaL_error(L, "scenario{board = '%s'}: cannot make a temporary file: %s", dts,
			   strerror(errno));
	}
	close(fd);
	{
		char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dtb", "-i", dirname(dir), "-i",
				 SC_DTS_INCLUDE, "-o", tmpl, (char *)dts, NULL };

		if (posix_spawnp(&pid, "dtc", NULL, NULL, argv, environ) == 0)
			waitpid(pid, &st, 0);
	}
	free(dir);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		unlink(tmpl);
		free(tmpl);
		luaL_error(L, "scenario{board = '%s'}: dtc could not compile it (see above)", dts);
	}
	return tmpl;
}

static const char *const scenario_fields[] = {
	"board", "image", "args", "model", "max_cycles", "watchdog", "seed", "lua_budget", NULL,
};

static uint64_t field_count(lua_State *L, const char *name, uint64_t def)
{
	uint64_t v = def;

	lua_getfield(L, 1, name);
	if (!lua_isnil(L, -1)) {
		int ok;
		lua_Integer i = lua_tointegerx(L, -1, &ok);

		if (!ok || i <= 0)
			luaL_error(L, "scenario{%s = ...}: a positive integer is needed", name);
		v = (uint64_t)i;
	}
	lua_pop(L, 1);
	return v;
}

static const char *field_string(lua_State *L, const char *name)
{
	const char *s = NULL;

	lua_getfield(L, 1, name);
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "scenario{%s = ...}: a string is needed", name);
		s = lua_tostring(L, -1);
	}
	lua_pop(L, 1); /* the table keeps the string alive */
	return s;
}

static int l_scenario(lua_State *L)
{
	struct scenario *sc = sc_get(L);
	const char *board, *image, *model, *watchdog;
	struct machine_config *cfg = &sc->opt.machine;

	luaL_checktype(L, 1, LUA_TTABLE);
	if (sc->m)
		return luaL_error(L, "scenario{...} may be called once");
	/* Unknown fields are typos: say which. */
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		bool known = false;

		for (int i = 0; k && scenario_fields[i]; i++)
			known |= strcmp(k, scenario_fields[i]) == 0;
		if (!known)
			return luaL_error(L, "scenario{}: unknown field '%s' (fields: board, image, "
					  "args, model, max_cycles, watchdog, seed, lua_budget)",
					  k ? k : luaL_typename(L, -2));
		lua_pop(L, 1);
	}

	board = field_string(L, "board");
	image = field_string(L, "image");
	model = field_string(L, "model");
	watchdog = field_string(L, "watchdog");
	if (!image)
		return luaL_error(L, "scenario{}: 'image' is missing (a guest image, e.g. "
				  "\"hello.elf\")");
	if (board && strlen(board) > 4 && strcmp(board + strlen(board) - 4, ".dts") == 0) {
		char *dts;

		if (sc->lim.confined)
			return luaL_error(L, "scenario{board = '%s'}: no .dts in a confined run", board);
		dts = board[0] == '/' ? xstrdup(board, "DTS path") : join(sc->dir, board);

		free(sc->dtb);
		sc->dtb = NULL;
		lua_pushstring(L, dts); /* compile_dts may raise: keep the path collectable */
		free(dts);
		sc->dtb = compile_dts(L, lua_tostring(L, -1));
		sc->dtb_temporary = true;
		lua_pop(L, 1);
		cfg->dtb_path = sc->dtb;
	} else if (board && (strstr(board, ".dtb") || strchr(board, '/'))) {
		free(sc->dtb);
		sc->dtb = board[0] == '/' ? xstrdup(board, "DTB path") : join(sc->dir, board);
		cfg->dtb_path = sc->dtb;
	} else if (board) {
		if (!board_builtin_dtb(board, &(size_t){ 0 }))
			return luaL_error(L, "scenario{board = '%s'}: not a built-in board (%s) nor "
					  "a .dts or .dtb path", board, board_builtin_names());
		cfg->board_name = board;
	}
	if (model && !memsys_parse_mode(model, &sc->opt.model))
		return luaL_error(L, "scenario{model = '%s'}: not none, timing, full or verify",
				  model);
	if (watchdog) {
		if (strcmp(watchdog, "reset") == 0)
			cfg->watchdog = WATCHDOG_RESET;
		else if (strcmp(watchdog, "exit") == 0)
			cfg->watchdog = WATCHDOG_EXIT;
		else
			return luaL_error(L, "scenario{watchdog = '%s'}: reset or exit", watchdog);
	}
	cfg->max_cycles = field_count(L, "max_cycles", SC_DEFAULT_MAX_CYCLES);
	if (sc->lim.max_cycles_max && cfg->max_cycles > sc->lim.max_cycles_max)
		cfg->max_cycles = sc->lim.max_cycles_max;
	sc->budget = field_count(L, "lua_budget", sc->budget);
	if (sc->lim.lua_budget_max && sc->budget > sc->lim.lua_budget_max)
		sc->budget = sc->lim.lua_budget_max;
	lua_getfield(L, 1, "seed");
	if (!lua_isnil(L, -1)) {
		int ok;
		lua_Integer s = lua_tointegerx(L, -1, &ok);

		if (!ok)
			return luaL_error(L, "scenario{seed = ...}: an integer is needed");
		rng_seed(sc, (uint64_t)s);
	}
	lua_pop(L, 1);

	sc->image = resolve_image(sc, image);
	/* argv[0] is the image as the scenario names it, not the resolved path:
	 * the guest sees its command line, and a run must not depend on where
	 * the checkout lives. */
	lua_getfield(L, 1, "args");
	if (!lua_isnil(L, -1) && !lua_istable(L, -1))
		return luaL_error(L, "scenario{args = ...}: a list of strings is needed");
	sc->argc = 1 + (lua_istable(L, -1) ? (int)luaL_len(L, -1) : 0);
	sc->argv = xcalloc((size_t)sc->argc + 1, sizeof(char *), "guest arguments");
	sc->argv[0] = xstrdup(image, "guest arguments");
	for (int i = 1; i < sc->argc; i++) {
		lua_geti(L, -1, i);
		if (!lua_isstring(L, -1))
			return luaL_error(L, "scenario{args = ...}: item %d is not a string", i);
		sc->argv[i] = xstrdup(lua_tostring(L, -1), "guest arguments");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	cfg->image_path = sc->image;
	cfg->guest_argc = sc->argc;
	cfg->guest_argv = sc->argv;

	sc->m = machine_create(cfg);
	if (sc->dtb_temporary)
		unlink(sc->dtb); /* read by machine_create */
	if (!sc->m)
		return luaL_error(L, "scenario{}: the machine could not be built (the message "
				  "above says why)");
	if (session_attach(sc->m, &sc->opt) != 0)
		return luaL_error(L, "scenario{}: a model could not be attached (see above)");
	interruptible = sc->m;
	signal(SIGINT, on_sigint);
	return 0;
}

/* ---- time ---- */

static void timer_finish(struct scenario *sc, struct sc_timer *t)
{
	clock_cancel(machine_clock(sc->m), &t->ev);
	if (t->fn_ref != LUA_NOREF)
		luaL_unref(sc->L, LUA_REGISTRYINDEX, t->fn_ref);
	t->fn_ref = LUA_NOREF;
}

/* A callback failed: remember why, stop the machine, raise it in run_until. */
static void callback_failed(struct scenario *sc)
{
	if (!sc->cb_error)
		sc->cb_error = xstrdup(lua_tostring(sc->L, -1) ? lua_tostring(sc->L, -1)
							    : "(error object is not a string)", "error message");
	lua_pop(sc->L, 1);
	machine_pause(sc->m);
}

static void timer_fire(void *opaque, cycle_t late)
{
	struct sc_timer *t = opaque;
	struct scenario *sc = t->sc;
	lua_State *L = sc->L;

	if (sc->cb_error || t->fn_ref == LUA_NOREF)
		return;
	if (t->period) {
		t->due += t->period;
		clock_schedule_at(machine_clock(sc->m), &t->ev, t->due);
	}
	lua_rawgeti(L, LUA_REGISTRYINDEX, t->fn_ref);
	lua_pushinteger(L, (lua_Integer)machine_clock(sc->m)->now);
	sc->in_callback = true;
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		sc->in_callback = false;
		callback_failed(sc);
		return;
	}
	sc->in_callback = false;
	/* every(): returning false ends it; at() ends after one call. */
	if (!t->period || (lua_isboolean(L, -1) && !lua_toboolean(L, -1)))
		timer_finish(sc, t);
	lua_pop(L, 1);
}

static int add_timer(lua_State *L, cycle_t when, cycle_t period, int fn_index)
{
	struct scenario *sc = sc_get(L);
	struct machine *m = sc_machine(L);
	struct sc_timer *t;

	luaL_checktype(L, fn_index, LUA_TFUNCTION);
	sc->timer = xrealloc(sc->timer, sc->nr_timers + 1, sizeof(*sc->timer), "scenario timers");
	t = xcalloc(1, sizeof(*t), "scenario timer");
	t->sc = sc;
	t->id = (int)sc->nr_timers + 1;
	t->period = period;
	t->due = when;
	lua_pushvalue(L, fn_index);
	t->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	event_init(&t->ev, period ? "scenario every" : "scenario at", timer_fire, t);
	sc->timer[sc->nr_timers++] = t;
	clock_schedule_at(machine_clock(m), &t->ev, when);
	lua_pushinteger(L, t->id);
	return 1;
}

static cycle_t check_cycle(lua_State *L, int arg, const char *what)
{
	int ok;
	lua_Integer v = lua_tointegerx(L, arg, &ok);

	if (!ok || v < 0)
		luaL_error(L, "bad argument #%d (%s: a cycle count >= 0 is needed, got %s)", arg,
			   what, luaL_typename(L, arg));
	return (cycle_t)v;
}

/* at(cycle, fn): call fn(now) once at that cycle (absolute). */
static int l_at(lua_State *L)
{
	cycle_t when = check_cycle(L, 1, "at");

	return add_timer(L, when, 0, 2);
}

/* after(delay, fn): once, `delay` cycles from now. */
static int l_after(lua_State *L)
{
	cycle_t d = check_cycle(L, 1, "after");

	return add_timer(L, machine_clock(sc_machine(L))->now + d, 0, 2);
}

/* every(period, fn [, first]): fn(now) every period cycles, first at `first`
 * (default now + period), until it returns false or cancel(id). */
static int l_every(lua_State *L)
{
	cycle_t p = check_cycle(L, 1, "every"), first;

	if (!p)
		return luaL_error(L, "every: the period must be at least 1 cycle");
	first = lua_isnoneornil(L, 3) ? machine_clock(sc_machine(L))->now + p
				      : check_cycle(L, 3, "every's first");
	return add_timer(L, first, p, 2);
}

static int l_cancel(lua_State *L)
{
	struct scenario *sc = sc_get(L);
	lua_Integer id = luaL_checkinteger(L, 1);

	luaL_argcheck(L, id >= 1 && (unsigned)id <= sc->nr_timers, 1, "no such timer");
	timer_finish(sc, sc->timer[id - 1]);
	return 0;
}

static void cond_fire(void *opaque, cycle_t late)
{
	struct scenario *sc = opaque;
	lua_State *L = sc->L;

	if (sc->cb_error)
		return;
	lua_rawgeti(L, LUA_REGISTRYINDEX, sc->cond_ref);
	sc->in_callback = true;
	if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
		sc->in_callback = false;
		callback_failed(sc);
		return;
	}
	sc->in_callback = false;
	sc->cond_met = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (sc->cond_met)
		machine_pause(sc->m);
	else
		clock_schedule(machine_clock(sc->m), &sc->cond_ev, sc->cond_period);
}

static void raise_callback_error(lua_State *L, struct scenario *sc)
{
	if (!sc->cb_error)
		return;
	sc->raising = true; /* a budget error's message: past the budget */
	lua_pushstring(L, sc->cb_error);
	sc->raising = false;
	lua_error(L);
}

/*
 * run_until(cycle | "exit" | fn [, {every = N, max = CYCLE}]): run the
 * machine.  Returns true when the target was reached (the cycle, the
 * guest's exit, fn() true), false when the machine stopped first or the
 * `max` cycle came.
 */
static int l_run_until(lua_State *L)
{
	struct scenario *sc = sc_get(L);
	struct machine *m = sc_machine(L);
	cycle_t max = CYCLE_NEVER;
	bool reached;

	if (sc->in_callback)
		return luaL_error(L, "run_until cannot be called from an at/every callback");
	if (!lua_pushthread(L)) {
		lua_pop(L, 1);
		return luaL_error(L, "run_until cannot be called from a coroutine");
	}
	lua_pop(L, 1);
	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "max");
		if (!lua_isnil(L, -1))
			max = check_cycle(L, lua_gettop(L), "max");
		lua_pop(L, 1);
	} else if (!lua_isnoneornil(L, 2)) {
		return luaL_error(L, "bad argument #2 to 'run_until' (a table {every = N, max = "
				  "CYCLE} or nothing)");
	}

	if (lua_type(L, 1) == LUA_TNUMBER) {
		cycle_t until = check_cycle(L, 1, "run_until");

		reached = machine_run_until(m, until < max ? until : max) && until <= max;
	} else if (lua_type(L, 1) == LUA_TSTRING && strcmp(lua_tostring(L, 1), "exit") == 0) {
		while (!machine_halted(m) && !sc->cb_error && machine_clock(m)->now < max)
			machine_run_until(m, max);
		reached = machine_halted(m) && machine_stop_reason(m) == STOP_EXIT;
	} else if (lua_type(L, 1) == LUA_TFUNCTION) {
		lua_Integer every = SC_DEFAULT_POLL;

		if (lua_istable(L, 2)) {
			lua_getfield(L, 2, "every");
			if (!lua_isnil(L, -1))
				every = (lua_Integer)check_cycle(L, lua_gettop(L), "every");
			lua_pop(L, 1);
			if (every < 1)
				return luaL_error(L, "run_until: 'every' must be at least 1 cycle");
		}
		lua_pushvalue(L, 1);
		sc->cond_ref = luaL_ref(L, LUA_REGISTRYINDEX);
		sc->cond_period = (cycle_t)every;
		sc->cond_met = false;
		/* Already true? Then no time passes. */
		lua_rawgeti(L, LUA_REGISTRYINDEX, sc->cond_ref);
		lua_call(L, 0, 1);
		sc->cond_met = lua_toboolean(L, -1);
		lua_pop(L, 1);
		if (!sc->cond_met)
			clock_schedule(machine_clock(m), &sc->cond_ev, sc->cond_period);
		while (!sc->cond_met && !machine_halted(m) && !sc->cb_error &&
		       machine_clock(m)->now < max)
			machine_run_until(m, max);
		clock_cancel(machine_clock(m), &sc->cond_ev);
		luaL_unref(L, LUA_REGISTRYINDEX, sc->cond_ref);
		sc->cond_ref = LUA_NOREF;
		reached = sc->cond_met;
	} else {
		return luaL_error(L, "bad argument #1 to 'run_until' (a cycle, \"exit\" or a "
				  "function, got %s)", luaL_typename(L, 1));
	}
	raise_callback_error(L, sc);
	lua_pushboolean(L, reached);
	return 1;
}

static int l_now(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)machine_clock(sc_machine(L))->now);
	return 1;
}

static int l_ns(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)clock_ns(machine_clock(sc_machine(L))));
	return 1;
}

static int l_exited(lua_State *L)
{
	lua_pushboolean(L, machine_halted(sc_machine(L)));
	return 1;
}

static int l_stop_reason(lua_State *L)
{
	struct machine *m = sc_machine(L);

	lua_pushstring(L, machine_stop_reason_name(machine_stop_reason(m)));
	lua_pushstring(L, machine_stop_detail(m));
	return 2;
}

static int l_exit_code(lua_State *L)
{
	struct machine *m = sc_machine(L);

	if (!machine_halted(m))
		lua_pushnil(L);
	else
		lua_pushinteger(L, machine_exit_code(m));
	return 1;
}

static int l_seed(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)sc_get(L)->seed);
	return 1;
}

void sc_register_engine(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "scenario", l_scenario },
		{ "at", l_at },
		{ "after", l_after },
		{ "every", l_every },
		{ "cancel", l_cancel },
		{ "run_until", l_run_until },
		{ "now", l_now },
		{ "ns", l_ns },
		{ "exited", l_exited },
		{ "stop_reason", l_stop_reason },
		{ "exit_code", l_exit_code },
		{ "seed", l_seed },
		{ NULL, NULL },
	};

	lua_pushglobaltable(L);
	luaL_setfuncs(L, fns, 0);
	lua_pop(L, 1);
}

/* ---- expectations ---- */

void sc_expect_record(lua_State *L, const char *what, bool ok, const char *expected,
		      const char *actual)
{
	struct scenario *sc = sc_get(L);
	struct sc_expect *e;

	sc->exp = xrealloc(sc->exp, sc->nr_exp + 1, sizeof(*sc->exp), "expectations");
	e = &sc->exp[sc->nr_exp++];
	memset(e, 0, sizeof(*e));
	sc_where(L, e->where, sizeof(e->where));
	snprintf(e->what, sizeof(e->what), "%s", what);
	snprintf(e->expected, sizeof(e->expected), "%s", expected);
	snprintf(e->actual, sizeof(e->actual), "%s", actual);
	e->ok = ok;
	e->cycle = sc->m ? machine_clock(sc->m)->now : 0;
	if (!ok) {
		sc->failed++;
		fflush(stdout);
		fprintf(stderr, "%s: %s failed: expected %s, got %s\n", e->where, what, expected,
			actual);
	}
}

static void report_scenario(void *opaque, struct report *r)
{
	struct scenario *sc = opaque;

	report_object(r, "scenario");
	report_str(r, "file", sc->path);
	report_u64(r, "seed", sc->seed);
	report_u64(r, "lua_instructions", sc->used);
	report_str(r, "outcome", sc->script_error ? "script-error" : sc->failed ? "failed" : "passed");
	if (sc->script_error)
		report_str(r, "error", sc->error);
	report_u64(r, "expectations_failed", sc->failed);
	report_array(r, "expectations");
	for (unsigned i = 0; i < sc->nr_exp; i++) {
		const struct sc_expect *e = &sc->exp[i];

		report_object(r, NULL);
		report_str(r, "where", e->where);
		report_str(r, "what", e->what);
		report_str(r, "expected", e->expected);
		report_str(r, "actual", e->actual);
		report_bool(r, "ok", e->ok);
		report_u64(r, "cycle", e->cycle);
		report_end(r);
	}
	report_end(r);
	report_end(r);
}

/* ---- the entry point ---- */

static void scenario_free(struct scenario *sc)
{
	sc_api_destroy(sc);
	if (sc->L)
		lua_close(sc->L);
	machine_destroy(sc->m);
	for (unsigned i = 0; i < sc->nr_timers; i++)
		free(sc->timer[i]);
	free(sc->timer);
	for (int i = 0; i < sc->argc; i++)
		free(sc->argv[i]);
	free(sc->argv);
	free(sc->image);
	free(sc->dtb);
	free(sc->dir);
	free(sc->cb_error);
	free(sc->exp);
	free(sc);
}

int scenario_main(const struct options *o)
{
	return scenario_run(o, NULL, 0, &scenario_default_limits);
}

int scenario_run(const struct options *o, const char *text, size_t len,
		 const struct scenario_limits *lim)
{
	struct scenario *sc = xcalloc(1, sizeof(*sc), "scenario");
	char *tmp;
	int status, r;

	sc->path = o->scenario_path;
	sc->opt = *o;
	sc->lim = *lim;
	sc->budget = SC_DEFAULT_BUDGET;
	if (lim->lua_budget_max && sc->budget > lim->lua_budget_max)
		sc->budget = lim->lua_budget_max;
	sc->cond_ref = LUA_NOREF;
	rng_seed(sc, 1);
	tmp = xstrdup(o->scenario_path, "scenario path");
	sc->dir = xstrdup(dirname(tmp), "scenario path");
	free(tmp);
	if (session_open_report(o, &sc->report_file) != 0) {
		scenario_free(sc);
		return EXIT_EMU_ERROR;
	}

	sc->L = lua_newstate(sc_alloc, sc);
	if (!sc->L)
		log_fatal("cannot create a Lua state");
	lua_pushlightuserdata(sc->L, sc);
	lua_setfield(sc->L, LUA_REGISTRYINDEX, sc_key);
	open_sandbox(sc->L);
	sc_bound_libs(sc->L);
	sc_register_engine(sc->L);
	sc_register_api(sc->L);
	make_strict(sc->L);
	lua_sethook(sc->L, budget_hook, LUA_MASKCOUNT, SC_HOOK_EVERY);
	/* The scenario gets the clock's events for run_until(fn). */
	event_init(&sc->cond_ev, "scenario condition", cond_fire, sc);

	if (text) {
		/* the chunk name as luaL_loadfilex makes it: errors say FILE:LINE */
		lua_pushfstring(sc->L, "@%s", o->scenario_path);
		r = luaL_loadbufferx(sc->L, text, len, lua_tostring(sc->L, -1), "t");
		lua_remove(sc->L, -2);
	} else {
		r = luaL_loadfilex(sc->L, o->scenario_path, "t");
	}
	if (r == LUA_OK)
		r = lua_pcall(sc->L, 0, 0, 0);
	if (r == LUA_ERRMEM) {
		/* the allocator refuses past the limit, and past the budget */
		sc->script_error = true;
		if (over_budget(sc))
			snprintf(sc->error, sizeof(sc->error), "%s: the scenario's Lua code ran "
				 "over its budget of %" PRIu64 " instructions", sc->path, sc->budget);
		else
			snprintf(sc->error, sizeof(sc->error), "%s: the scenario's Lua code needed "
				 "more than %zu MiB, its limit (a runaway table or string?)",
				 sc->path, sc->lim.lua_memory >> 20);
		fflush(stdout);
		fprintf(stderr, "%s\n", sc->error);
	} else if (r != LUA_OK) {
		const char *msg = lua_tostring(sc->L, -1);

		sc->script_error = true;
		snprintf(sc->error, sizeof(sc->error), "%s", msg ? msg : "(error object is not a string)");
		fflush(stdout);
		fprintf(stderr, "%s\n", sc->error);
	} else if (!sc->m) {
		sc->script_error = true;
		snprintf(sc->error, sizeof(sc->error), "%s: the scenario never called scenario{...}",
			 sc->path);
		fprintf(stderr, "%s\n", sc->error);
	}

	interruptible = NULL;
	if (sc->m) {
		/* The script is done: stop a machine it left running, so the models
		 * finish (final heatmap, trace file) before the report. */
		if (!machine_halted(sc->m)) {
			machine_halt(sc->m, STOP_SCRIPT, 0, "the scenario ended the run at cycle %" PRIu64,
				     (uint64_t)machine_clock(sc->m)->now);
			machine_run(sc->m);
		}
		fflush(stdout);
		session_print_outcome(sc->m);
		session_finish(sc->m, &sc->opt, sc->report_file, report_scenario, sc);
		sc->report_file = NULL;
	} else if (sc->report_file) {
		fclose(sc->report_file);
		remove(o->report_path);
		sc->report_file = NULL;
	}
	if (sc->script_error)
		status = EXIT_EMU_ERROR;
	else if (sc->failed)
		status = EXIT_SCENARIO_FAILED;
	else
		status = 0;
	if (sc->failed && !sc->script_error)
		log_info("%s: %u of %u expectations failed", sc->path, sc->failed, sc->nr_exp);
	scenario_free(sc);
	return status;
}
