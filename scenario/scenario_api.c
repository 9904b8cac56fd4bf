/* SPDX-License-Identifier: MIT */
/*
 * scenario_api.c - what a scenario can look at and what it can expect:
 * guest memory by physical and virtual address, ELF symbols, device
 * registers, the report data of every model (counters, findings, DMA
 * counters once a DMA model reports them), page-frame states, Linux's
 * fragmentation metrics, heatmap PNGs; and the expect_* functions.
 *
 * Reading is side-effect free except for device registers, which are read
 * through the board's bus exactly as the CPU would read them (a FIFO read
 * pops, an access is counted in the device's counters).  Writes go straight
 * to RAM, like a debugger's: they bypass the memory model's caches and are
 * not bus-master traffic (the DMA controllers will be, see docs/scenarios.md).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "emu/alloc.h"
#include "emu/cpu.h"
#include "emu/elf.h"
#include "emu/json.h"
#include "mm/heatmap.h"
#include "mm/metrics.h"
#include "mm/pagestate.h"
#include "mm/png.h"
#include "mm/render.h"
#include "scenario/scenario_int.h"
#include "soc/s3c6410/board.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/pl080s.h"

#define SC_MAX_BYTES (16u << 20)  /* read_bytes/vread_bytes limit */

static uint32_t check_u32(lua_State *L, int arg)
{
	int ok;
	lua_Integer v = lua_tointegerx(L, arg, &ok);

	if (!ok || v < 0 || v > 0xffffffffll)
		luaL_error(L, "bad argument #%d (a 32-bit address or value is needed, got %s)", arg,
			   lua_type(L, arg) == LUA_TNUMBER ? "a number out of range" :
			   luaL_typename(L, arg));
	return (uint32_t)v;
}

/* ---- guest memory ---- */

static int read_n(lua_State *L, unsigned size, bool virt)
{
	struct machine *m = sc_machine(L);
	uint32_t a = check_u32(L, 1), v = 0;
	bool ok = virt ? cpu_read_virt(m, a, &v, size) : machine_read_phys(m, a, &v, size);

	if (!ok)
		return luaL_error(L, "%s 0x%08x: %s", virt ? "virtual" : "physical", a,
				  virt ? "not mapped by the guest's page tables (or not RAM)"
				       : "not RAM");
	lua_pushinteger(L, v);
	return 1;
}

static int write_n(lua_State *L, unsigned size, bool virt)
{
	struct machine *m = sc_machine(L);
	uint32_t a = check_u32(L, 1), v = check_u32(L, 2);
	bool ok;

	if (size < 4 && v >> (8 * size))
		return luaL_error(L, "bad argument #2 (0x%x does not fit in %u bytes)", v, size);
	ok = virt ? cpu_write_virt(m, a, &v, size) : machine_write_phys(m, a, &v, size);
	if (!ok)
		return luaL_error(L, "%s 0x%08x: %s", virt ? "virtual" : "physical", a,
				  virt ? "not mapped by the guest's page tables (or not RAM)"
				       : "not RAM");
	return 0;
}

static int l_read8(lua_State *L) { return read_n(L, 1, false); }
static int l_read16(lua_State *L) { return read_n(L, 2, false); }
static int l_read32(lua_State *L) { return read_n(L, 4, false); }
static int l_write8(lua_State *L) { return write_n(L, 1, false); }
static int l_write16(lua_State *L) { return write_n(L, 2, false); }
static int l_write32(lua_State *L) { return write_n(L, 4, false); }
static int l_vread8(lua_State *L) { return read_n(L, 1, true); }
static int l_vread16(lua_State *L) { return read_n(L, 2, true); }
static int l_vread32(lua_State *L) { return read_n(L, 4, true); }
static int l_vwrite8(lua_State *L) { return write_n(L, 1, true); }
static int l_vwrite16(lua_State *L) { return write_n(L, 2, true); }
static int l_vwrite32(lua_State *L) { return write_n(L, 4, true); }

static int read_bytes(lua_State *L, bool virt)
{
	struct machine *m = sc_machine(L);
	uint32_t a = check_u32(L, 1), n = check_u32(L, 2);
	luaL_Buffer b;
	char *p;
	bool ok;

	luaL_argcheck(L, n <= SC_MAX_BYTES, 2, "at most 16 MiB at a time");
	p = luaL_buffinitsize(L, &b, n);
	ok = virt ? cpu_read_virt(m, a, p, n) : machine_read_phys(m, a, p, n);
	if (!ok)
		return luaL_error(L, "%s 0x%08x+%u: not all mapped RAM", virt ? "virtual" : "physical",
				  a, n);
	luaL_pushresultsize(&b, n);
	return 1;
}

static int write_bytes(lua_State *L, bool virt)
{
	struct machine *m = sc_machine(L);
	uint32_t a = check_u32(L, 1);
	size_t n;
	const char *s = luaL_checklstring(L, 2, &n);
	bool ok = n <= SC_MAX_BYTES && (virt ? cpu_write_virt(m, a, s, (uint32_t)n)
					     : machine_write_phys(m, a, s, (uint32_t)n));

	if (!ok)
		return luaL_error(L, "%s 0x%08x+%u: not all mapped RAM", virt ? "virtual" : "physical",
				  a, (unsigned)n);
	return 0;
}

static int l_read_bytes(lua_State *L) { return read_bytes(L, false); }
static int l_write_bytes(lua_State *L) { return write_bytes(L, false); }
static int l_vread_bytes(lua_State *L) { return read_bytes(L, true); }
static int l_vwrite_bytes(lua_State *L) { return write_bytes(L, true); }

/* virt_to_phys(va) -> pa, or nil and the fault the table walk finds. */
static int l_virt_to_phys(lua_State *L)
{
	struct machine *m = sc_machine(L);
	uint32_t va = check_u32(L, 1), fsr;
	struct mmu_result res;

	fsr = cpu_translate(m, va, MMU_READ, &res);
	if (fsr) {
		lua_pushnil(L);
		lua_pushstring(L, mmu_fault_name(fsr));
		return 2;
	}
	lua_pushinteger(L, res.pa);
	return 1;
}

/* symbol(name) -> address, size (as linked); nil when absent. */
static int l_symbol(lua_State *L)
{
	const struct elf_image *img = machine_elf(sc_machine(L));
	const char *name = luaL_checkstring(L, 1);
	uint32_t addr, size;

	if (!img || !elf_symbol_addr(img, name, &addr, &size)) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, addr);
	lua_pushinteger(L, size);
	return 2;
}

/* symbol_pa(name) -> the physical address the symbol was loaded at. */
static int l_symbol_pa(lua_State *L)
{
	struct machine *m = sc_machine(L);
	const struct elf_image *img = machine_elf(m);
	const char *name = luaL_checkstring(L, 1);
	uint32_t addr, pa;

	if (!img || !elf_symbol_addr(img, name, &addr, NULL))
		return luaL_error(L, "symbol_pa: the image has no symbol '%s'", name);
	if (!elf_virt_to_phys(img, addr, &pa))
		pa = addr;
	lua_pushinteger(L, pa);
	return 1;
}

/* symbolize(addr) -> "name+0x1c". */
static int l_symbolize(lua_State *L)
{
	char buf[128];

	lua_pushstring(L, elf_symbolize(machine_elf(sc_machine(L)), check_u32(L, 1), buf,
					sizeof(buf)));
	return 1;
}

/* ---- device registers, through the board's bus ---- */

static unsigned check_size(lua_State *L, int arg)
{
	lua_Integer s = luaL_optinteger(L, arg, 4);

	luaL_argcheck(L, s == 1 || s == 2 || s == 4, arg, "an access size of 1, 2 or 4");
	return (unsigned)s;
}

static int l_reg_read(lua_State *L)
{
	struct machine *m = sc_machine(L);
	uint32_t pa = check_u32(L, 1);
	unsigned size = check_size(L, 2);

	if (!bus_find(board_bus(machine_board(m)), pa))
		return luaL_error(L, "reg_read 0x%08x: no device there", pa);
	lua_pushinteger(L, bus_read(board_bus(machine_board(m)), pa, size));
	return 1;
}

static int l_reg_write(lua_State *L)
{
	struct machine *m = sc_machine(L);
	uint32_t pa = check_u32(L, 1), v = check_u32(L, 2);
	unsigned size = check_size(L, 3);

	if (!bus_find(board_bus(machine_board(m)), pa))
		return luaL_error(L, "reg_write 0x%08x: no device there", pa);
	bus_write(board_bus(machine_board(m)), pa, v, size);
	return 0;
}

/* device(name) -> base, size of a device on the bus ("uart0", "vic0", ...). */
static int l_device(lua_State *L)
{
	const struct bus *b = board_bus(machine_board(sc_machine(L)));
	const char *name = luaL_checkstring(L, 1);

	for (unsigned i = 0; i < b->nr_regions; i++)
		if (strcmp(b->region[i].name, name) == 0) {
			lua_pushinteger(L, b->region[i].base);
			lua_pushinteger(L, b->region[i].size);
			return 2;
		}
	lua_pushnil(L);
	return 1;
}

/*
 * dma_request(pair, line, kind, level): a peripheral's DMA request line, as
 * the peripheral raises it (pair 0: DMA0/SDMA0, 1: DMA1/SDMA1, routed by
 * SYSCON's SDMA_SEL); kind "single", "burst", "last_single", "last_burst".
 */
static int l_dma_request(lua_State *L)
{
	static const char *const kinds[] = { "single", "burst", "last_single", "last_burst", NULL };
	static const enum pl080s_req codes[] = { PL080S_REQ_SINGLE, PL080S_REQ_BURST,
						 PL080S_REQ_LAST_SINGLE, PL080S_REQ_LAST_BURST };
	struct machine *m = sc_machine(L);
	lua_Integer pair = luaL_checkinteger(L, 1), line = luaL_checkinteger(L, 2);
	int kind = luaL_checkoption(L, 3, NULL, kinds);

	luaL_argcheck(L, pair == 0 || pair == 1, 1, "pair 0 (DMA0/SDMA0) or 1 (DMA1/SDMA1)");
	luaL_argcheck(L, line >= 0 && line < PL080S_NR_LINES, 2, "a request line 0..15");
	luaL_checktype(L, 4, LUA_TBOOLEAN);
	board_dma_request(machine_board(m), (unsigned)pair, (unsigned)line, codes[kind],
			  lua_toboolean(L, 4));
	return 0;
}

/* ---- report data as Lua tables ---- */

static void push_json(lua_State *L, const struct json *j)
{
	luaL_checkstack(L, 4, "report nested too deeply");
	switch (j->type) {
	case JSON_NULL:
		lua_pushnil(L);
		break;
	case JSON_BOOL:
		lua_pushboolean(L, j->b);
		break;
	case JSON_INT:
		lua_pushinteger(L, j->i);
		break;
	case JSON_DOUBLE:
		lua_pushnumber(L, j->d);
		break;
	case JSON_STRING:
		lua_pushlstring(L, j->str, j->len);
		break;
	case JSON_ARRAY:
		lua_createtable(L, (int)j->len, 0);
		for (size_t k = 0; k < j->len; k++) {
			push_json(L, &j->item[k]);
			lua_rawseti(L, -2, (lua_Integer)k + 1);
		}
		break;
	case JSON_OBJECT:
		lua_createtable(L, 0, (int)j->len);
		for (size_t k = 0; k < j->len; k++) {
			push_json(L, &j->item[k]);
			lua_setfield(L, -2, j->key[k]);
		}
		break;
	}
}

static struct json *report_json(lua_State *L, const char *model)
{
	size_t len;
	char *text = machine_report_string(sc_machine(L), model, &len), err[96];
	struct json *j;

	if (!text)
		return NULL;
	j = json_parse(text, len, err, sizeof(err));
	free(text);
	if (!j)
		luaL_error(L, "internal: the report is not valid JSON (%s)", err);
	return j;
}

void sc_push_report(lua_State *L, const char *model)
{
	struct json *j = report_json(L, model);

	if (!j) {
		lua_pushnil(L);
		return;
	}
	push_json(L, j);
	json_free(j);
}

/* report() -> the whole report as it stands (what --report would write now). */
static int l_report(lua_State *L)
{
	sc_push_report(L, NULL);
	return 1;
}

/* counters() -> the memory model's section (nil with --model none). */
static int l_counters(lua_State *L)
{
	struct json *j = report_json(L, "memsys");
	const struct json *mm = json_member(j, "memory_model");

	if (mm)
		push_json(L, mm);
	else
		lua_pushnil(L);
	json_free(j);
	return 1;
}

/* The memory model's findings, then the DMA coherency checks' (coherency.c). */
static const char *const finding_sections[] = { "memory_model.findings",
						  "memory_model.coherency" };
#define NR_FINDING_SECTIONS 2

static const struct json *finding_part(const struct json *j, unsigned s, const char *what)
{
	char path[64];

	snprintf(path, sizeof(path), "%s.%s", finding_sections[s], what);
	return json_path(j, path);
}

/* Findings of one kind (NULL: all; -1: no such kind). */
static int64_t count_findings(const struct json *j, const char *kind)
{
	int64_t n = 0;
	bool known = false;

	for (unsigned s = 0; s < NR_FINDING_SECTIONS; s++) {
		const struct json *counts = finding_part(j, s, "counts");

		if (!counts)
			continue;
		known = true;
		if (kind) {
			int64_t v = json_int(json_member(counts, kind), -1);

			if (v >= 0)
				return v;
			continue;
		}
		for (size_t k = 0; k < counts->len; k++)
			n += json_int(&counts->item[k], 0);
	}
	return kind && known ? -1 : n;
}

/* findings([kind]) -> count, list of records ({kind, cycle, pc, symbol, va, pa, detail}). */
static int l_findings(lua_State *L)
{
	const char *kind = luaL_optstring(L, 1, NULL);
	struct json *j = report_json(L, "memsys");
	int64_t n = count_findings(j, kind);
	lua_Integer k = 0;

	if (n < 0) {
		json_free(j);
		return luaL_error(L, "findings: no finding kind '%s'", kind);
	}
	lua_pushinteger(L, n);
	lua_newtable(L);
	for (unsigned s = 0; s < NR_FINDING_SECTIONS; s++) {
		const struct json *first = finding_part(j, s, "first");

		for (size_t i = 0; first && i < first->len; i++) {
			const struct json *fk = json_member(&first->item[i], "kind");

			if (kind && (!fk || !fk->str || strcmp(fk->str, kind) != 0))
				continue;
			push_json(L, &first->item[i]);
			lua_rawseti(L, -2, ++k);
		}
	}
	json_free(j);
	return 2;
}

/* ---- page frames and fragmentation metrics, decoded now ---- */

struct sc_mm {
	struct pagestate ps;
	struct mm_metrics mt;
};

static void decode_now(lua_State *L, struct sc_mm *s)
{
	struct machine *m = sc_machine(L);
	const struct elf_image *img = machine_elf(m);
	struct ps_mem mem;

	mem.ram = machine_ram(m, &mem.base, &mem.size);
	if (pagestate_init(&s->ps, mem.base >> MM_ABI_PAGE_SHIFT, mem.size >> MM_ABI_PAGE_SHIFT))
		luaL_error(L, "out of memory");
	pagestate_decode(&s->ps, &mem, heatmap_find_abi(m), img ? img->lo_pa : 0,
			 img ? img->hi_pa : 0);
	s->ps.cycle = machine_clock(m)->now;
	s->ps.ns = clock_ns(machine_clock(m));
	metrics_compute(&s->mt, &s->ps);
}

/* frames() -> {state name = frame count, ...} (see mm/pagestate.h). */
static int l_frames(lua_State *L)
{
	struct sc_mm s;

	decode_now(L, &s);
	lua_newtable(L);
	for (unsigned k = 0; k < PS_NR_STATES; k++) {
		lua_pushinteger(L, s.ps.count[k]);
		lua_setfield(L, -2, pagestate_state_name(k));
	}
	pagestate_destroy(&s.ps);
	return 1;
}

static void push_zone(lua_State *L, const struct mm_metrics *mt, const struct mm_zone_metrics *z)
{
	lua_newtable(L);
	lua_pushinteger(L, (lua_Integer)z->free_pages);
	lua_setfield(L, -2, "free_pages");
	lua_pushinteger(L, z->largest_order);
	lua_setfield(L, -2, "largest_order");
	lua_pushinteger(L, z->managed);
	lua_setfield(L, -2, "managed");
	lua_pushinteger(L, z->present);
	lua_setfield(L, -2, "present");
	lua_pushinteger(L, z->pcp_pages);
	lua_setfield(L, -2, "pcp_pages");
	lua_pushboolean(L, z->consistent);
	lua_setfield(L, -2, "consistent");
	/* Tables indexed by order from 0, as /proc/buddyinfo's columns. */
	lua_newtable(L);
	for (unsigned o = 0; o < mt->max_order; o++) {
		lua_pushinteger(L, z->nr_free[o]);
		lua_rawseti(L, -2, o);
	}
	lua_setfield(L, -2, "nr_free");
	lua_newtable(L);
	for (unsigned o = 0; o < mt->max_order; o++) {
		lua_pushinteger(L, metrics_unusable_index(z->nr_free, mt->max_order, o));
		lua_rawseti(L, -2, o);
	}
	lua_setfield(L, -2, "unusable_index");
	lua_newtable(L);
	for (unsigned o = 0; o < mt->max_order; o++) {
		lua_pushinteger(L, metrics_fragmentation_index(z->nr_free, mt->max_order, o));
		lua_rawseti(L, -2, o);
	}
	lua_setfield(L, -2, "fragmentation_index");
}

static void push_metrics(lua_State *L, const struct mm_metrics *mt)
{
	lua_newtable(L);
	lua_pushboolean(L, mt->valid);
	lua_setfield(L, -2, "valid");
	lua_pushboolean(L, mt->consistent);
	lua_setfield(L, -2, "consistent");
	lua_pushinteger(L, mt->max_order);
	lua_setfield(L, -2, "max_order");
	lua_newtable(L);
	for (unsigned z = 0; z < MAX_NR_ZONES; z++) {
		if (!mt->zone[z].populated)
			continue;
		push_zone(L, mt, &mt->zone[z]);
		lua_setfield(L, -2, mt->zone[z].name);
	}
	lua_setfield(L, -2, "zones");
}

/* metrics() -> {valid, consistent, max_order, zones = {Normal = {...}, ...}}. */
static int l_metrics(lua_State *L)
{
	struct sc_mm s;

	decode_now(L, &s);
	push_metrics(L, &s.mt);
	pagestate_destroy(&s.ps);
	return 1;
}

/* heatmap_png(path): the page-frame map of this instant, as --heatmap-png draws it. */
static int l_heatmap_png(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct sc_mm s;
	struct render r;
	struct render_input in = { .chart_order = -1 };
	int rc;

	decode_now(L, &s);
	if (render_init(&r, s.ps.pfn0, s.ps.nframes) != 0) {
		pagestate_destroy(&s.ps);
		return luaL_error(L, "out of memory");
	}
	in.ps = &s.ps;
	in.mt = &s.mt;
	in.image_name = machine_config(sc_machine(L))->image_path;
	render_draw(&r, &in);
	/* a confined run (the fuzzer) draws and encodes but writes no file */
	rc = png_write_rgba(sc_get(L)->lim.confined ? "/dev/null" : path, r.px, r.L.width,
			    r.L.height);
	render_destroy(&r);
	pagestate_destroy(&s.ps);
	if (rc != 0)
		return luaL_error(L, "heatmap_png: cannot write %s", path);
	return 0;
}

/* ---- expectations ---- */

static int l_expect(lua_State *L)
{
	bool ok = lua_toboolean(L, 1);
	const char *msg = luaL_optstring(L, 2, "a true condition");

	luaL_checkany(L, 1);
	sc_expect_record(L, "expect", ok, msg, ok ? "true" : "false");
	return 0;
}

static void describe_stop(struct machine *m, char *buf, size_t len)
{
	if (!machine_halted(m))
		snprintf(buf, len, "still running at cycle %" PRIu64, (uint64_t)machine_clock(m)->now);
	else if (machine_stop_reason(m) == STOP_EXIT)
		snprintf(buf, len, "exit %d", machine_exit_code(m));
	else
		snprintf(buf, len, "%s (%s)", machine_stop_reason_name(machine_stop_reason(m)),
			 machine_stop_detail(m));
}

/* expect_exit(n): the guest has exited with status n. */
static int l_expect_exit(lua_State *L)
{
	struct machine *m = sc_machine(L);
	lua_Integer n = luaL_checkinteger(L, 1);
	char exp[64], act[600];

	snprintf(exp, sizeof(exp), "exit %lld", (long long)n);
	describe_stop(m, act, sizeof(act));
	sc_expect_record(L, "expect_exit", machine_halted(m) && machine_stop_reason(m) == STOP_EXIT &&
			 machine_exit_code(m) == n, exp, act);
	return 0;
}

/* expect_stop(reason): "exit", "cycle-limit", "guest-crash", "watchdog", ... */
static int l_expect_stop(lua_State *L)
{
	struct machine *m = sc_machine(L);
	const char *want = luaL_checkstring(L, 1);
	char act[600];

	describe_stop(m, act, sizeof(act));
	sc_expect_record(L, "expect_stop", machine_halted(m) &&
			 strcmp(machine_stop_reason_name(machine_stop_reason(m)), want) == 0, want, act);
	return 0;
}

/* {count = N} or {min = A, max = B}: the bounds a table asks for. */
static void check_bounds(lua_State *L, int t, const char *exact, int64_t *lo, int64_t *hi,
			 bool required)
{
	int found = 0;

	*lo = INT64_MIN;
	*hi = INT64_MAX;
	lua_getfield(L, t, exact);
	if (!lua_isnil(L, -1)) {
		*lo = *hi = luaL_checkinteger(L, -1);
		found++;
	}
	lua_pop(L, 1);
	lua_getfield(L, t, "min");
	if (!lua_isnil(L, -1)) {
		*lo = luaL_checkinteger(L, -1);
		found++;
	}
	lua_pop(L, 1);
	lua_getfield(L, t, "max");
	if (!lua_isnil(L, -1)) {
		*hi = luaL_checkinteger(L, -1);
		found++;
	}
	lua_pop(L, 1);
	if (required && !found)
		luaL_error(L, "give %s, or min and/or max", exact);
}

static void fmt_bounds(char *buf, size_t len, int64_t lo, int64_t hi)
{
	if (lo == hi)
		snprintf(buf, len, "%" PRId64, lo);
	else if (lo == INT64_MIN)
		snprintf(buf, len, "<= %" PRId64, hi);
	else if (hi == INT64_MAX)
		snprintf(buf, len, ">= %" PRId64, lo);
	else
		snprintf(buf, len, "%" PRId64 "..%" PRId64, lo, hi);
}

static void unknown_fields(lua_State *L, int t, const char *fn, const char *const *known)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
		bool ok = false;

		for (int i = 0; known[i]; i++)
			ok |= strcmp(k, known[i]) == 0;
		if (!ok)
			luaL_error(L, "%s{}: unknown field '%s'", fn, k);
		lua_pop(L, 1);
	}
}

/* expect_findings{kind = K, count = N | min = A, max = B}: memory-model findings. */
static int l_expect_findings(lua_State *L)
{
	static const char *const known[] = { "kind", "count", "min", "max", NULL };
	const char *kind;
	int64_t lo, hi, n;
	struct json *j;
	char exp[160], act[1024], bounds[64];

	luaL_checktype(L, 1, LUA_TTABLE);
	unknown_fields(L, 1, "expect_findings", known);
	lua_getfield(L, 1, "kind");
	kind = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
	check_bounds(L, 1, "count", &lo, &hi, false);
	if (lo == INT64_MIN && hi == INT64_MAX)
		lo = hi = 0; /* no bound given: none at all */
	j = report_json(L, "memsys");
	n = count_findings(j, kind);
	if (n < 0) {
		json_free(j);
		return luaL_error(L, "expect_findings: no finding kind '%s'", kind);
	}
	fmt_bounds(bounds, sizeof(bounds), lo, hi);
	snprintf(exp, sizeof(exp), "%s %s finding%s", bounds, kind ? kind : "(any kind)",
		 lo == 1 && hi == 1 ? "" : "s");
	snprintf(act, sizeof(act), "%" PRId64, n);
	/* Say what the first unexpected one was: kind, where, which code. */
	for (unsigned s = 0; n > hi && s < NR_FINDING_SECTIONS; s++) {
		const struct json *first = finding_part(j, s, "first");
		bool said = false;

		for (size_t i = 0; first && i < first->len && !said; i++) {
			const struct json *f = &first->item[i], *k = json_member(f, "kind"),
					  *sym = json_member(f, "symbol"), *pa = json_member(f, "pa"),
					  *d = json_member(f, "detail");

			if (kind && (!k || !k->str || strcmp(k->str, kind) != 0))
				continue;
			snprintf(act, sizeof(act), "%" PRId64 " (first: %s at cycle %" PRId64
				 ", pa %s, pc %s: %s)", n, k && k->str ? k->str : "?",
				 json_int(json_member(f, "cycle"), 0), pa && pa->str ? pa->str : "?",
				 sym && sym->str ? sym->str : "-", d && d->str ? d->str : "");
			said = true;
		}
		if (said)
			break;
	}
	json_free(j);
	sc_expect_record(L, "expect_findings", n >= lo && n <= hi, exp, act);
	return 0;
}

/* expect_cycles{min = A, max = B}: the clock now. */
static int l_expect_cycles(lua_State *L)
{
	static const char *const known[] = { "min", "max", "count", NULL };
	int64_t lo, hi, now = (int64_t)machine_clock(sc_machine(L))->now;
	char exp[96], act[32];

	luaL_checktype(L, 1, LUA_TTABLE);
	unknown_fields(L, 1, "expect_cycles", known);
	check_bounds(L, 1, "count", &lo, &hi, true);
	fmt_bounds(exp, sizeof(exp), lo, hi);
	strncat(exp, " cycles", sizeof(exp) - strlen(exp) - 1);
	snprintf(act, sizeof(act), "%" PRId64, now);
	sc_expect_record(L, "expect_cycles", now >= lo && now <= hi, exp, act);
	return 0;
}

/*
 * expect_metric{name = N, zone = "Normal", order = K, min = A, max = B}:
 * a fragmentation metric now.  Names: free_pages, largest_order, pcp_pages,
 * nr_free, unusable_index, fragmentation_index (the last three per order;
 * indices in thousandths, as Linux computes them).
 */
static int l_expect_metric(lua_State *L)
{
	static const char *const known[] = { "name", "zone", "order", "min", "max", "value", NULL };
	const char *name, *zone;
	struct sc_mm s;
	const struct mm_zone_metrics *z = NULL;
	lua_Integer order;
	int64_t lo, hi, v;
	char exp[160], act[64], bounds[64];

	luaL_checktype(L, 1, LUA_TTABLE);
	unknown_fields(L, 1, "expect_metric", known);
	lua_getfield(L, 1, "name");
	name = luaL_checkstring(L, -1);
	lua_getfield(L, 1, "zone");
	zone = luaL_optstring(L, -1, "Normal");
	lua_getfield(L, 1, "order");
	order = luaL_optinteger(L, -1, -1);
	check_bounds(L, 1, "value", &lo, &hi, true);

	decode_now(L, &s);
	for (unsigned i = 0; i < MAX_NR_ZONES; i++)
		if (s.mt.zone[i].populated && strcmp(s.mt.zone[i].name, zone) == 0)
			z = &s.mt.zone[i];
	if (!z || !s.mt.valid) {
		pagestate_destroy(&s.ps);
		fmt_bounds(bounds, sizeof(bounds), lo, hi);
		snprintf(exp, sizeof(exp), "%s of zone %s %s", name, zone, bounds);
		sc_expect_record(L, "expect_metric", false, exp, s.mt.valid ? "no such zone"
			: "no valid mm_abi descriptor in the guest (yet)");
		return 0;
	}
	if ((strcmp(name, "nr_free") == 0 || strstr(name, "_index")) &&
	    (order < 0 || order >= (lua_Integer)s.mt.max_order)) {
		pagestate_destroy(&s.ps);
		return luaL_error(L, "expect_metric{name = '%s'}: give order = 0..%u", name,
				  s.mt.max_order - 1);
	}
	if (strcmp(name, "free_pages") == 0)
		v = (int64_t)z->free_pages;
	else if (strcmp(name, "largest_order") == 0)
		v = z->largest_order;
	else if (strcmp(name, "pcp_pages") == 0)
		v = z->pcp_pages;
	else if (strcmp(name, "nr_free") == 0)
		v = z->nr_free[order];
	else if (strcmp(name, "unusable_index") == 0)
		v = metrics_unusable_index(z->nr_free, s.mt.max_order, (unsigned)order);
	else if (strcmp(name, "fragmentation_index") == 0)
		v = metrics_fragmentation_index(z->nr_free, s.mt.max_order, (unsigned)order);
	else {
		pagestate_destroy(&s.ps);
		return luaL_error(L, "expect_metric: unknown metric '%s' (free_pages, largest_order, "
				  "pcp_pages, nr_free, unusable_index, fragmentation_index)", name);
	}
	pagestate_destroy(&s.ps);
	fmt_bounds(bounds, sizeof(bounds), lo, hi);
	if (order >= 0)
		snprintf(exp, sizeof(exp), "%s(order %lld) of zone %s %s", name, (long long)order,
			 zone, bounds);
	else
		snprintf(exp, sizeof(exp), "%s of zone %s %s", name, zone, bounds);
	snprintf(act, sizeof(act), "%" PRId64, v);
	sc_expect_record(L, "expect_metric", v >= lo && v <= hi, exp, act);
	return 0;
}

/*
 * expect_counter{path = "memory_model.dcache.fills", min = A, max = B | value = V}:
 * any number in the report (report() shows the paths).
 */
static int l_expect_counter(lua_State *L)
{
	static const char *const known[] = { "path", "min", "max", "value", NULL };
	const char *path;
	int64_t lo, hi, v;
	struct json *j;
	const struct json *x;
	char exp[200], act[64], bounds[64];

	luaL_checktype(L, 1, LUA_TTABLE);
	unknown_fields(L, 1, "expect_counter", known);
	lua_getfield(L, 1, "path");
	path = luaL_checkstring(L, -1);
	check_bounds(L, 1, "value", &lo, &hi, true);
	j = report_json(L, NULL);
	x = json_path(j, path);
	fmt_bounds(bounds, sizeof(bounds), lo, hi);
	snprintf(exp, sizeof(exp), "%s %s", path, bounds);
	if (!x || (x->type != JSON_INT && x->type != JSON_DOUBLE)) {
		json_free(j);
		sc_expect_record(L, "expect_counter", false, exp,
				 x ? "not a number" : "no such field in the report");
		return 0;
	}
	v = x->i;
	json_free(j);
	snprintf(act, sizeof(act), "%" PRId64, v);
	sc_expect_record(L, "expect_counter", v >= lo && v <= hi, exp, act);
	return 0;
}

/*
 * expect_mem{pa = A | va = A, u8 | u16 | u32 = V | bytes = "..."}: guest
 * memory holds this now.
 */
static int l_expect_mem(lua_State *L)
{
	static const char *const known[] = { "pa", "va", "u8", "u16", "u32", "bytes", NULL };
	static const char *const widths[] = { "u8", "u16", "u32" };
	struct machine *m = sc_machine(L);
	bool virt, ok;
	uint32_t a;
	char exp[200], act[200];

	luaL_checktype(L, 1, LUA_TTABLE);
	unknown_fields(L, 1, "expect_mem", known);
	lua_getfield(L, 1, "pa");
	lua_getfield(L, 1, "va");
	virt = lua_isnil(L, -2);
	if (virt == lua_isnil(L, -1))
		return luaL_error(L, "expect_mem{}: give pa or va (one of them)");
	a = check_u32(L, virt ? -1 : -2);
	lua_pop(L, 2);
	for (unsigned w = 0; w < 3; w++) {
		unsigned size = 1u << w;
		uint32_t want, got = 0;

		lua_getfield(L, 1, widths[w]);
		if (lua_isnil(L, -1)) {
			lua_pop(L, 1);
			continue;
		}
		want = check_u32(L, lua_gettop(L));
		ok = virt ? cpu_read_virt(m, a, &got, size) : machine_read_phys(m, a, &got, size);
		snprintf(exp, sizeof(exp), "%s 0x%08x %s = 0x%0*x", virt ? "va" : "pa", a, widths[w],
			 (int)size * 2, want);
		if (ok)
			snprintf(act, sizeof(act), "0x%0*x", (int)size * 2, got);
		else
			snprintf(act, sizeof(act), "unreadable (not mapped RAM)");
		sc_expect_record(L, "expect_mem", ok && got == want, exp, act);
		return 0;
	}
	lua_getfield(L, 1, "bytes");
	if (lua_isstring(L, -1)) {
		size_t n;
		const char *want = lua_tolstring(L, -1, &n);
		char *got = xcalloc(n ? n : 1, 1, "expect_mem bytes");
		size_t diff = n;

		ok = n <= SC_MAX_BYTES &&
		     (virt ? cpu_read_virt(m, a, got, (uint32_t)n) : machine_read_phys(m, a, got, (uint32_t)n));
		for (size_t i = 0; ok && i < n && diff == n; i++)
			if (got[i] != want[i])
				diff = i;
		snprintf(exp, sizeof(exp), "%zu given bytes at %s 0x%08x", n, virt ? "va" : "pa", a);
		if (!ok)
			snprintf(act, sizeof(act), "unreadable (not mapped RAM)");
		else if (diff < n)
			snprintf(act, sizeof(act), "byte %zu (0x%08x) is 0x%02x, not 0x%02x", diff,
				 a + (uint32_t)diff, (uint8_t)got[diff], (uint8_t)want[diff]);
		else
			snprintf(act, sizeof(act), "the same bytes");
		free(got);
		sc_expect_record(L, "expect_mem", ok && diff == n, exp, act);
		return 0;
	}
	return luaL_error(L, "expect_mem{}: give u8, u16, u32 or bytes");
}

void sc_register_api(lua_State *L)
{
	static const luaL_Reg fns[] = {
		{ "read8", l_read8 }, { "read16", l_read16 }, { "read32", l_read32 },
		{ "write8", l_write8 }, { "write16", l_write16 }, { "write32", l_write32 },
		{ "vread8", l_vread8 }, { "vread16", l_vread16 }, { "vread32", l_vread32 },
		{ "vwrite8", l_vwrite8 }, { "vwrite16", l_vwrite16 }, { "vwrite32", l_vwrite32 },
		{ "read_bytes", l_read_bytes }, { "write_bytes", l_write_bytes },
		{ "vread_bytes", l_vread_bytes }, { "vwrite_bytes", l_vwrite_bytes },
		{ "virt_to_phys", l_virt_to_phys },
		{ "symbol", l_symbol }, { "symbol_pa", l_symbol_pa }, { "symbolize", l_symbolize },
		{ "reg_read", l_reg_read }, { "reg_write", l_reg_write }, { "device", l_device },
		{ "dma_request", l_dma_request },
		{ "report", l_report }, { "counters", l_counters }, { "findings", l_findings },
		{ "frames", l_frames }, { "metrics", l_metrics }, { "heatmap_png", l_heatmap_png },
		{ "expect", l_expect }, { "expect_exit", l_expect_exit },
		{ "expect_stop", l_expect_stop }, { "expect_findings", l_expect_findings },
		{ "expect_cycles", l_expect_cycles }, { "expect_metric", l_expect_metric },
		{ "expect_counter", l_expect_counter }, { "expect_mem", l_expect_mem },
		{ NULL, NULL },
	};

	lua_pushglobaltable(L);
	luaL_setfuncs(L, fns, 0);
	lua_pop(L, 1);
}

void sc_api_destroy(struct scenario *sc)
{
	(void)sc;
}
