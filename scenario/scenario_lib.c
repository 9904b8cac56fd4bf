/* SPDX-License-Identifier: MIT */
/*
 * scenario_lib.c - the string and table library functions whose C loops a
 * script's arguments can make arbitrarily long, wrapped so that their work
 * is charged to the instruction budget before it is done.
 *
 * The count hook only sees VM instructions: string.rep("", 1e18) loops
 * 10^18 times inside one instruction, a pattern such as
 * string.find(("a"):rep(5000), ".-.-.-.-b") backtracks for hours, and
 * table.move/insert/remove shift as many slots as a __len metamethod
 * claims.  Each wrapper charges a bound of the work (sc_charge raises the
 * budget error when it does not fit) and then calls Lua's own function.
 * Allocation is charged by the allocator (scenario.c).
 *
 * Finalizers are refused: Lua runs __gc with hooks off (and all of them in
 * lua_close), so an endless loop there would escape the budget.
 */
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "scenario/scenario_int.h"

/* A bound as an instruction count, saturating (the charge raises anyway). */
static uint64_t to_count(double x)
{
	return x >= 1.8e19 ? UINT64_MAX : (uint64_t)x;
}

/*
 * A bound of the steps Lua's matcher may take for pattern p over a subject
 * of n bytes, from the pattern's shape: every starting position (unless
 * anchored with '^'), and for every item that may backtrack or scan (x*,
 * x+, x-, %b, a back-reference) every length, times the pattern's length.
 * x? doubles.  Malformed patterns get a bound too; Lua then refuses them.
 */
static double pattern_bound(const char *p, size_t lp, size_t n)
{
	double f = (double)n + 1, cost = (double)lp + 1;
	size_t i = 0;

	if (lp && p[0] == '^')
		i = 1;
	else
		cost *= f;
	while (i < lp) {
		if (p[i] == '%' && i + 1 < lp) {
			char c = p[i + 1];

			i += 2;
			if (c == 'b') {
				cost *= f;
				i += 2;
				continue;
			}
			if (c >= '0' && c <= '9') {
				cost *= f;
				continue;
			}
			/* %f's set follows: parsed below */
			if (c != 'f' || i >= lp || p[i] != '[')
				goto quantifier;
		}
		if (p[i] == '[') {
			i++;
			if (i < lp && p[i] == '^')
				i++;
			do {
				if (i < lp && p[i] == '%')
					i++;
				i++;
			} while (i < lp && p[i] != ']');
			i++;
		} else {
			i++;
		}
quantifier:
		if (i < lp && (p[i] == '*' || p[i] == '+' || p[i] == '-')) {
			cost *= f;
			i++;
		} else if (i < lp && p[i] == '?') {
			cost *= 2;
			i++;
		}
	}
	return cost;
}

/* The original function is upvalue 1. */
static int call_original(lua_State *L)
{
	int n = lua_gettop(L);

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, n, LUA_MULTRET);
	return lua_gettop(L);
}

/* string.find/match/gmatch/gsub(s, pattern, ...): the whole search is
 * charged once (gmatch's iterations and gsub's positions together scan the
 * subject once). */
static int bounded_pattern(lua_State *L)
{
	size_t n, lp;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *p = luaL_checklstring(L, 2, &lp);
	double cost;

	(void)s;
	/* find's 4th argument: a plain search, at most n x lp compares */
	if (lua_toboolean(L, lua_upvalueindex(2)) && lua_toboolean(L, 4))
		cost = ((double)n + 1) * ((double)lp + 1);
	else
		cost = pattern_bound(p, lp, n);
	sc_charge(L, to_count(cost));
	return call_original(L);
}

/* string.rep(s, n [, sep]): n copies, whatever their size (the bytes are
 * charged by the allocator). */
static int bounded_rep(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 2);

	luaL_checkstring(L, 1);
	if (n > 0)
		sc_charge(L, (uint64_t)n);
	return call_original(L);
}

/* table.move(a1, f, e, t [, a2]): e - f + 1 slots. */
static int bounded_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);

	if (e >= f)
		sc_charge(L, to_count((double)e - (double)f + 1));
	return call_original(L);
}

/* How many slots of t (argument 1) from position `from` to its end: #t as
 * the __len metamethod says. */
static double slots_from(lua_State *L, lua_Integer from)
{
	lua_Integer len = luaL_len(L, 1);

	return len >= from ? (double)len - (double)from + 1 : 0;
}

/* table.insert(t, [pos,] v) and table.remove(t [, pos]) shift the slots
 * from pos to #t (at the end: none). */
static int bounded_shift(lua_State *L)
{
	bool insert = lua_toboolean(L, lua_upvalueindex(2));
	int pos_arg = insert ? (lua_gettop(L) >= 3 ? 2 : 0) : (lua_gettop(L) >= 2 ? 2 : 0);

	luaL_checkany(L, 1);
	if (pos_arg && lua_isinteger(L, pos_arg))
		sc_charge(L, to_count(slots_from(L, lua_tointeger(L, pos_arg))));
	return call_original(L);
}

/* table.concat(t [, sep [, i [, j]]]): j - i + 1 items; table.sort(t): #t
 * log #t comparisons. */
static int bounded_range(lua_State *L)
{
	double cost;

	luaL_checkany(L, 1);
	if (lua_toboolean(L, lua_upvalueindex(2))) {
		double n = slots_from(L, 1);

		cost = n;
		for (double k = n; k > 1; k /= 2)
			cost += n;
	} else {
		lua_Integer i = lua_isinteger(L, 3) ? lua_tointeger(L, 3) : 1;
		lua_Integer j = lua_isinteger(L, 4) ? lua_tointeger(L, 4) : luaL_len(L, 1);

		cost = j >= i ? (double)j - (double)i + 1 : 0;
	}
	sc_charge(L, to_count(cost));
	return call_original(L);
}

/* setmetatable(t, mt): no __gc (see above). */
static int no_finalizer(lua_State *L)
{
	if (lua_istable(L, 2) && lua_getfield(L, 2, "__gc") != LUA_TNIL)
		return luaL_error(L, "setmetatable: a scenario cannot have finalizers (__gc)");
	lua_settop(L, 2);
	return call_original(L);
}

static void wrap(lua_State *L, const char *name, lua_CFunction fn, bool flag)
{
	lua_getfield(L, -1, name);
	lua_pushboolean(L, flag);
	lua_pushcclosure(L, fn, 2);
	lua_setfield(L, -2, name);
}

void sc_bound_libs(lua_State *L)
{
	lua_pushglobaltable(L);
	wrap(L, "setmetatable", no_finalizer, false);
	lua_pop(L, 1);
	lua_getglobal(L, LUA_STRLIBNAME);
	wrap(L, "find", bounded_pattern, true);
	wrap(L, "match", bounded_pattern, false);
	wrap(L, "gmatch", bounded_pattern, false);
	wrap(L, "gsub", bounded_pattern, false);
	wrap(L, "rep", bounded_rep, false);
	lua_pop(L, 1);
	lua_getglobal(L, LUA_TABLIBNAME);
	wrap(L, "move", bounded_move, false);
	wrap(L, "insert", bounded_shift, true);
	wrap(L, "remove", bounded_shift, false);
	wrap(L, "concat", bounded_range, false);
	wrap(L, "sort", bounded_range, true);
	lua_pop(L, 1);
}
