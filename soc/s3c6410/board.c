/* SPDX-License-Identifier: MIT */
/*
 * board.c - build an S3C6410 board from its device tree (read with libfdt).
 *
 * DOC: Devices are found by `compatible`, placed at their `reg` and wired by
 * `interrupts` to the VIC their `interrupt-parent` names.  The PL192s are
 * created first; the lowest-addressed one drives the core's nIRQ/nFIQ and the
 * other is chained into its daisy input (the S3C6410's fixed VIC1 -> VIC0
 * wiring, which the binding does not describe).  Nodes with other compatibles
 * (the DMA controllers, for now) or with status = "disabled" are skipped:
 * accesses to them get the bus's "unimplemented" message.  Devices smaller
 * than a 4 KiB bus page (the UARTs, 0x400 apart) share their page through a
 * small dispatcher.
 */
#include "soc/s3c6410/board.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "emu/log.h"
#include "emu/report.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/pwm.h"
#include "soc/s3c6410/syscon.h"
#include "soc/s3c6410/uart.h"
#include "soc/s3c6410/vic.h"
#include "soc/s3c6410/wdt.h"

#define BOARD_MAX_VICS 2
#define BOARD_MAX_UARTS 4

struct board {
	struct board_env env;
	struct board_info info;
	void *fdt;
	size_t fdt_size;
	char *what;
	struct bus bus;

	struct vic vic[BOARD_MAX_VICS];
	int vic_node[BOARD_MAX_VICS];
	unsigned nr_vics;
	struct pwm pwm;
	bool has_pwm;
	struct uart uart[BOARD_MAX_UARTS];
	unsigned nr_uarts;
	int console;               /* index of the console UART, -1 if none */
	uint32_t console_baud;
	struct wdt wdt;
	bool has_wdt;
	struct syscon syscon;
	bool has_syscon;
	struct dmc dram;           /* the DRAM port every bus master shares */

};

extern const struct {
	const char *name;
	const unsigned char *data;
	size_t len;
} board_dtb_table[];

const void *board_builtin_dtb(const char *name, size_t *size)
{
	for (unsigned i = 0; board_dtb_table[i].name; i++) {
		if (strcmp(board_dtb_table[i].name, name) == 0) {
			*size = board_dtb_table[i].len;
			return board_dtb_table[i].data;
		}
	}
	return NULL;
}

const char *board_builtin_names(void)
{
	static char names[256];

	if (!names[0]) {
		for (unsigned i = 0; board_dtb_table[i].name; i++) {
			if (i)
				strncat(names, ", ", sizeof(names) - strlen(names) - 1);
			strncat(names, board_dtb_table[i].name, sizeof(names) - strlen(names) - 1);
		}
	}
	return names;
}

/* Read a cell-sized property of a node; `def` when absent. */
static uint32_t prop_u32(const void *fdt, int node, const char *name, uint32_t def)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p && len >= 4 ? fdt32_to_cpu(p[0]) : def;
}

static int parse_memory(struct board *b)
{
	const void *fdt = b->fdt;
	int node, len, ac, sc;
	const fdt32_t *reg;
	uint64_t base = 0, size = 0;

	ac = fdt_address_cells(fdt, 0);
	sc = fdt_size_cells(fdt, 0);
	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", sizeof("memory"));
	if (node < 0) {
		log_error("%s: no /memory node (device_type = \"memory\")", b->what);
		return -1;
	}
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || sc < 1 || sc > 2 || len < 4 * (ac + sc)) {
		log_error("%s: /memory has no usable reg property", b->what);
		return -1;
	}
	for (int i = 0; i < ac; i++)
		base = base << 32 | fdt32_to_cpu(reg[i]);
	for (int i = 0; i < sc; i++)
		size = size << 32 | fdt32_to_cpu(reg[ac + i]);
	if (len > 4 * (ac + sc))
		log_warn("%s: only the first /memory bank is used", b->what);
	if (size == 0 || (base & 0xfffff) || (size & 0xfffff) || base + size > 0x70000000ull ||
	    base < 0x40000000ull) {
		log_error("%s: RAM 0x%llx+0x%llx is not a 1 MiB-aligned range inside the S3C6410's "
		      "DRAM window 0x40000000-0x6fffffff", b->what,
		      (unsigned long long)base, (unsigned long long)size);
		return -1;
	}
	b->info.ram_base = (uint32_t)base;
	b->info.ram_size = (uint32_t)size;
	return 0;
}

static void parse_cpu(struct board *b)
{
	const void *fdt = b->fdt;
	int cpu = fdt_path_offset(fdt, "/cpus/cpu@0");
	int osc = fdt_node_offset_by_compatible(fdt, -1, "fixed-clock");
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *s;

	b->info.cpu_hz = cpu >= 0 ? prop_u32(fdt, cpu, "clock-frequency", 533000000) : 533000000;
	b->info.fin_hz = osc >= 0 ? prop_u32(fdt, osc, "clock-frequency", 12000000) : 12000000;
	b->info.dcache = (struct cache_geometry){
		prop_u32(fdt, cpu, "d-cache-size", 16384),
		prop_u32(fdt, cpu, "d-cache-line-size", 32),
		prop_u32(fdt, cpu, "d-cache-sets", 128),
	};
	b->info.icache = (struct cache_geometry){
		prop_u32(fdt, cpu, "i-cache-size", 16384),
		prop_u32(fdt, cpu, "i-cache-line-size", 32),
		prop_u32(fdt, cpu, "i-cache-sets", 128),
	};
	s = fdt_getprop(fdt, 0, "model", NULL);
	snprintf(b->info.model, sizeof(b->info.model), "%s", s ? s : "unknown S3C6410 board");
	s = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", NULL) : NULL;
	snprintf(b->info.bootargs, sizeof(b->info.bootargs), "%s", s ? s : "");
}

/* "<dtb>: <node path>: <message>" */
static int node_error(const struct board *b, int node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int node_error(const struct board *b, int node, const char *fmt, ...)
{
	char path[256], msg[256];
	va_list ap;

	if (fdt_get_path(b->fdt, node, path, sizeof(path)) != 0)
		snprintf(path, sizeof(path), "node at offset %d", node);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_error("%s: %s: %s", b->what, path, msg);
	return -1;
}

static bool node_enabled(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return !s || strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0;
}

/* The first (base, size) pair of `reg`, in the parent's address space. */
static int node_reg(const struct board *b, int node, uint32_t span, uint32_t *base,
		    uint32_t *size)
{
	const void *fdt = b->fdt;
	int parent = fdt_parent_offset(fdt, node);
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt, parent), len;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
	uint64_t a = 0, s = 0;

	if (!reg)
		return node_error(b, node, "no reg property");
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return node_error(b, node, "unsupported #address-cells %d / #size-cells %d in "
				  "the parent", ac, sc);
	if (len <= 0 || len % (4 * (ac + sc)))
		return node_error(b, node, "malformed reg property (%d bytes; expected a "
				  "multiple of %d)", len, 4 * (ac + sc));
	for (int i = 0; i < ac; i++)
		a = a << 32 | fdt32_to_cpu(reg[i]);
	for (int i = 0; i < sc; i++)
		s = s << 32 | fdt32_to_cpu(reg[ac + i]);
	if (parent > 0) {
		int rlen;
		const void *ranges = fdt_getprop(fdt, parent, "ranges", &rlen);

		if (ranges && rlen > 0)
			return node_error(b, node, "the parent's ranges translate addresses; only "
					  "an empty ranges (identity) is supported");
	}
	if (s == 0 || a + s > 0x100000000ull)
		return node_error(b, node, "reg 0x%llx+0x%llx is not a range of the 32-bit "
				  "address space", (unsigned long long)a, (unsigned long long)s);
	if (s < span)
		return node_error(b, node, "reg size 0x%llx is smaller than the device's "
				  "registers (0x%x bytes)", (unsigned long long)s, span);
	*base = (uint32_t)a;
	*size = (uint32_t)s;
	return 0;
}

/* Resolve `interrupts` through `interrupt-parent` to lines into our VICs. */
static int node_irqs(struct board *b, int node, struct irq_line *out, unsigned want)
{
	const void *fdt = b->fdt;
	const fdt32_t *prop = NULL;
	struct vic *found = NULL;
	int len, ctrl, cells;
	uint32_t ph;

	for (int n = node; n >= 0 && !prop; n = fdt_parent_offset(fdt, n))
		prop = fdt_getprop(fdt, n, "interrupt-parent", &len);
	if (!prop || len != 4)
		return node_error(b, node, prop ? "malformed interrupt-parent" :
				  "no interrupt-parent (here or in a parent node)");
	ph = fdt32_to_cpu(prop[0]);
	ctrl = fdt_node_offset_by_phandle(fdt, ph);
	if (ctrl < 0)
		return node_error(b, node, "interrupt-parent <0x%x> names no node", ph);
	for (unsigned i = 0; i < b->nr_vics; i++)
		if (b->vic_node[i] == ctrl)
			found = &b->vic[i];
	if (!found)
		return node_error(b, node, "interrupt-parent <0x%x> is not a PL192 VIC of this "
				  "board", ph);
	prop = fdt_getprop(fdt, ctrl, "#interrupt-cells", &len);
	cells = prop && len == 4 ? (int)fdt32_to_cpu(prop[0]) : 1;
	if (cells < 1 || cells > 4)
		return node_error(b, ctrl, "unsupported #interrupt-cells %d", cells);
	prop = fdt_getprop(fdt, node, "interrupts", &len);
	if (!prop)
		return node_error(b, node, "no interrupts property");
	if (len < 0 || (unsigned)len != want * (unsigned)cells * 4)
		return node_error(b, node, "malformed interrupts property (%d bytes; expected "
				  "%u interrupt(s) of %d cell(s))", len, want, cells);
	for (unsigned i = 0; i < want; i++) {
		uint32_t src = fdt32_to_cpu(prop[i * (unsigned)cells]);

		if (src >= VIC_NR_SOURCES)
			return node_error(b, node, "interrupt %u is out of range (the PL192 has "
					  "sources 0-%d)", src, VIC_NR_SOURCES - 1);
		out[i] = vic_input(found, src);
	}
	return 0;
}

static int board_map(struct board *b, int node, const char *name, uint32_t base, uint32_t size,
		     const struct mmio_ops *ops, void *dev)
{
	if (bus_map(&b->bus, name, base, size, ops, dev) != 0)
		return node_error(b, node, "cannot map %s at 0x%08x+0x%x", name, base, size);
	return 0;
}

static void board_clocks_changed(void *opaque)
{
	struct board *b = opaque;

	if (b->has_pwm)
		pwm_clock_changed(&b->pwm);
	if (b->has_wdt)
		wdt_clock_changed(&b->wdt);
	for (unsigned i = 0; i < b->nr_uarts; i++)
		uart_clock_changed(&b->uart[i]);
}

static void board_system_reset(void *opaque, const char *why)
{
	struct board *b = opaque;

	if (b->env.system_reset)
		b->env.system_reset(b->env.opaque, why);
}

/* The node /chosen/stdout-path names ("serial0:115200n8"), and its baud rate. */
static int console_node(const void *fdt, uint32_t *baud)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *s = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", NULL) : NULL;
	const char *colon, *path;
	char name[128];

	*baud = 115200;
	if (!s)
		return -1;
	colon = strchr(s, ':');
	snprintf(name, sizeof(name), "%.*s", colon ? (int)(colon - s) : (int)strlen(s), s);
	if (colon && atoi(colon + 1) > 0)
		*baud = (uint32_t)atoi(colon + 1);
	path = name[0] == '/' ? name : fdt_get_alias(fdt, name);
	return path ? fdt_path_offset(fdt, path) : -1;
}

enum dev_kind { DEV_VIC, DEV_PWM, DEV_UART, DEV_SYSCON, DEV_WDT };

static const struct board_device {
	const char *compatible;
	enum dev_kind kind;
	uint32_t span;    /* bytes of registers the reg property must cover */
	unsigned nr_irqs;
} board_devices[] = {
	{ "arm,pl192-vic", DEV_VIC, VIC_MMIO_SIZE, 0 },
	{ "samsung,s3c6400-pwm", DEV_PWM, 0x48, PWM_NR_TIMERS },
	{ "samsung,s3c6400-uart", DEV_UART, 0x3c, 1 },
	{ "samsung,s3c6410-clock", DEV_SYSCON, 0xa10, 0 },
	{ "samsung,s3c6410-wdt", DEV_WDT, 0x10, 1 },
};

static const char *const vic_names[BOARD_MAX_VICS] = { "vic0", "vic1" };
static const char *const uart_names[BOARD_MAX_UARTS] = { "uart0", "uart1", "uart2", "uart3" };

static int create_device(struct board *b, int node, const struct board_device *d, int console)
{
	struct irq_line irqs[PWM_NR_TIMERS] = { 0 };
	struct clock *clk = b->env.clock;
	uint32_t base, size;

	if (node_reg(b, node, d->span, &base, &size) != 0)
		return -1;
	if (d->nr_irqs && node_irqs(b, node, irqs, d->nr_irqs) != 0)
		return -1;

	switch (d->kind) {
	case DEV_VIC:
		return -1; /* created by create_vics() */
	case DEV_PWM:
		if (b->has_pwm)
			return node_error(b, node, "a second PWM block is not supported");
		pwm_init(&b->pwm, "pwm", base, clk);
		for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
			b->pwm.irq[i] = irqs[i];
		b->has_pwm = true;
		return board_map(b, node, "pwm", base, size, &pwm_mmio_ops, &b->pwm);
	case DEV_UART: {
		unsigned n = b->nr_uarts;
		bool is_console = node == console;

		if (n == BOARD_MAX_UARTS)
			return node_error(b, node, "more than %d UARTs", BOARD_MAX_UARTS);
		uart_init(&b->uart[n], uart_names[n], base, clk, b->env.console_out,
			  is_console ? b->env.console_in : NULL);
		b->uart[n].irq = irqs[0];
		if (is_console)
			b->console = (int)n;
		b->nr_uarts++;
		return board_map(b, node, uart_names[n], base, size, &uart_mmio_ops, &b->uart[n]);
	}
	case DEV_SYSCON:
		if (b->has_syscon)
			return node_error(b, node, "a second clock controller is not supported");
		syscon_init(&b->syscon, "syscon", base, clk, b->info.fin_hz,
			    board_clocks_changed, b);
		b->has_syscon = true;
		return board_map(b, node, "syscon", base, size, &syscon_mmio_ops, &b->syscon);
	case DEV_WDT:
		if (b->has_wdt)
			return node_error(b, node, "a second watchdog is not supported");
		wdt_init(&b->wdt, "wdt", base, clk, board_system_reset, b);
		b->wdt.irq = irqs[0];
		b->has_wdt = true;
		return board_map(b, node, "wdt", base, size, &wdt_mmio_ops, &b->wdt);
	}
	return -1;
}

/* The device a node is, or NULL (unknown compatible, or disabled). */
static const struct board_device *node_device(const void *fdt, int node)
{
	for (unsigned i = 0; i < sizeof(board_devices) / sizeof(board_devices[0]); i++)
		if (fdt_node_check_compatible(fdt, node, board_devices[i].compatible) == 0)
			return node_enabled(fdt, node) ? &board_devices[i] : NULL;
	return NULL;
}

/* VICs first, in address order: VIC0 drives the core, VIC1 its daisy input. */
static int create_vics(struct board *b)
{
	const void *fdt = b->fdt;
	uint32_t base[BOARD_MAX_VICS], size[BOARD_MAX_VICS];
	int depth = 0;

	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const struct board_device *d = node_device(fdt, node);
		unsigned n = b->nr_vics;

		if (!d || d->kind != DEV_VIC)
			continue;
		if (n == BOARD_MAX_VICS)
			return node_error(b, node, "more than %d interrupt controllers",
					  BOARD_MAX_VICS);
		if (node_reg(b, node, d->span, &base[n], &size[n]) != 0)
			return -1;
		/* Insertion sort by address. */
		while (n > 0 && base[n - 1] > base[n]) {
			uint32_t tb = base[n], ts = size[n];

			base[n] = base[n - 1];
			size[n] = size[n - 1];
			base[n - 1] = tb;
			size[n - 1] = ts;
			b->vic_node[n] = b->vic_node[n - 1];
			n--;
		}
		b->vic_node[n] = node;
		b->nr_vics++;
	}
	for (unsigned i = 0; i < b->nr_vics; i++) {
		vic_init(&b->vic[i], vic_names[i], base[i], b->env.clock);
		if (board_map(b, b->vic_node[i], vic_names[i], base[i], size[i], &vic_mmio_ops,
			      &b->vic[i]) != 0)
			return -1;
	}
	if (b->nr_vics)
		vic_connect(&b->vic[0], b->env.cpu_irq, b->env.cpu_fiq, VIC_IRQ_LATENCY_HCLK);
	if (b->nr_vics > 1)
		vic_chain(&b->vic[0], &b->vic[1]);
	return 0;
}

static int create_devices(struct board *b)
{
	const void *fdt = b->fdt;
	int console = console_node(fdt, &b->console_baud);
	int depth = 0;

	if (create_vics(b) != 0)
		return -1;
	for (int node = fdt_next_node(fdt, -1, &depth); node >= 0;
	     node = fdt_next_node(fdt, node, &depth)) {
		const struct board_device *d = node_device(fdt, node);

		if (!d || d->kind == DEV_VIC)
			continue;
		if (create_device(b, node, d, console) != 0)
			return -1;
	}
	/* No usable stdout-path: the first UART is the console. */
	if (b->console < 0 && b->nr_uarts) {
		b->console = 0;
		uart_set_input(&b->uart[0], b->env.console_in);
	}
	return 0;
}

/* The DMC's timing from the memory-controller node (defaults when absent). */
static int create_dram_port(struct board *b)
{
	struct dmc_params p;
	char why[160];

	dmc_params_default(&p);
	if (dmc_params_parse(&p, b->fdt, why, sizeof(why)) != 0) {
		log_error("%s: %s", b->what, why);
		return -1;
	}
	dmc_init(&b->dram, &p, b->env.clock);
	return 0;
}

struct board *board_create(const void *fdt, size_t fdt_size, const char *what,
			   const struct board_env *env)
{
	struct board *b;
	int err;

	if (fdt_size < sizeof(struct fdt_header) || (err = fdt_check_header(fdt)) != 0) {
		log_error("%s: not a device tree blob (%s)", what,
		      fdt_size < sizeof(struct fdt_header) ? "file too short" : fdt_strerror(err));
		return NULL;
	}
	if (fdt_totalsize(fdt) > fdt_size) {
		log_error("%s: truncated device tree blob (%u bytes declared, %zu present)", what,
		      fdt_totalsize(fdt), fdt_size);
		return NULL;
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		log_fatal("out of memory");
	b->env = *env;
	b->console = -1;
	b->what = strdup(what);
	b->fdt_size = fdt_totalsize(fdt);
	b->fdt = malloc(b->fdt_size);
	if (!b->what || !b->fdt)
		log_fatal("out of memory");
	memcpy(b->fdt, fdt, b->fdt_size);
	bus_init(&b->bus);

	if (parse_memory(b) != 0) {
		board_destroy(b);
		return NULL;
	}
	parse_cpu(b);
	if (create_dram_port(b) != 0 || create_devices(b) != 0) {
		board_destroy(b);
		return NULL;
	}
	board_reset(b);
	return b;
}

void board_destroy(struct board *b)
{
	if (!b)
		return;
	/* The clock keeps pointers to our events: take them all out. */
	for (unsigned i = 0; i < b->nr_vics; i++)
		vic_fini(&b->vic[i]);
	if (b->has_pwm)
		pwm_fini(&b->pwm);
	if (b->has_wdt)
		wdt_fini(&b->wdt);
	for (unsigned i = 0; i < b->nr_uarts; i++)
		uart_fini(&b->uart[i]);
	free(b->fdt);
	free(b->what);
	free(b);
}

void board_reset(struct board *b)
{
	/* SYSCON first: everything else counts at the clocks it sets. */
	if (b->has_syscon)
		syscon_reset(&b->syscon);
	dmc_reset(&b->dram);
	for (unsigned i = 0; i < b->nr_vics; i++)
		vic_reset(&b->vic[i]);
	if (b->has_pwm)
		pwm_reset(&b->pwm);
	if (b->has_wdt)
		wdt_reset(&b->wdt);
	for (unsigned i = 0; i < b->nr_uarts; i++)
		uart_reset(&b->uart[i]);
	if (b->console >= 0)
		uart_boot_setup(&b->uart[b->console], b->console_baud);
}

const struct board_info *board_info(const struct board *b)
{
	return &b->info;
}

struct dmc *board_dram_port(struct board *b)
{
	return &b->dram;
}

struct bus *board_bus(struct board *b)
{
	return &b->bus;
}

const void *board_fdt(const struct board *b, size_t *size)
{
	*size = b->fdt_size;
	return b->fdt;
}

uint32_t board_irq_vector(struct board *b)
{
	return b->nr_vics ? vic_acknowledge(&b->vic[0]) : 0;
}

static void report_vic(struct report *r, const struct vic *v)
{
	char key[8];

	report_object(r, v->name);
	report_hex(r, "base", v->base);
	report_u64(r, "acknowledged", v->acks);
	report_u64(r, "end_of_interrupt", v->eois);
	report_u64(r, "spurious_acknowledges", v->spurious_acks);
	report_u64(r, "daisy_raised", v->daisy_raised);
	report_object(r, "raised"); /* rising edges per source, sources that had any */
	for (unsigned i = 0; i < VIC_NR_SOURCES; i++) {
		if (!v->raised[i])
			continue;
		snprintf(key, sizeof(key), "%u", i);
		report_u64(r, key, v->raised[i]);
	}
	report_end(r);
	report_end(r);
}

void board_report(struct board *b, struct report *r)
{
	report_object(r, "board");
	report_str(r, "model", b->info.model);
	report_hex(r, "ram_base", b->info.ram_base);
	report_u64(r, "ram_size", b->info.ram_size);
	report_object(r, "clocks");
	report_u64(r, "armclk_hz", b->env.clock->hz[CLK_ARM]);
	report_u64(r, "hclk_hz", b->env.clock->hz[CLK_HCLK]);
	report_u64(r, "pclk_hz", b->env.clock->hz[CLK_PCLK]);
	report_u64(r, "changes", b->has_syscon ? b->syscon.changes : 0);
	report_end(r);
	for (unsigned i = 0; i < b->nr_vics; i++)
		report_vic(r, &b->vic[i]);
	if (b->has_pwm) {
		report_object(r, "pwm");
		report_array(r, "expiries");
		for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
			report_u64(r, NULL, b->pwm.t[i].expiries);
		report_end(r);
		report_array(r, "interrupts");
		for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
			report_u64(r, NULL, b->pwm.t[i].irqs);
		report_end(r);
		report_end(r);
	}
	for (unsigned i = 0; i < b->nr_uarts; i++) {
		const struct uart *u = &b->uart[i];

		report_object(r, u->name);
		report_hex(r, "base", u->base);
		report_u64(r, "tx_chars", u->tx_chars);
		report_u64(r, "rx_chars", u->rx_chars);
		report_u64(r, "overruns", u->overruns);
		report_u64(r, "tx_dropped", u->tx_dropped);
		report_end(r);
	}
	if (b->has_wdt) {
		report_object(r, "wdt");
		report_u64(r, "expiries", b->wdt.expiries);
		report_u64(r, "interrupts", b->wdt.irqs);
		report_u64(r, "resets", b->wdt.resets);
		report_end(r);
	}
	report_u64(r, "unimplemented_registers", mmio_unimp_count());
	report_end(r);
}

void board_print_stats(struct board *b, FILE *f)
{
	const struct clock *c = b->env.clock;

	fprintf(f, "board: %s, ARMCLK %.3f MHz, HCLK %.3f MHz, PCLK %.3f MHz\n", b->info.model,
		c->hz[CLK_ARM] / 1e6, c->hz[CLK_HCLK] / 1e6, c->hz[CLK_PCLK] / 1e6);
	for (unsigned i = 0; i < b->nr_vics; i++) {
		const struct vic *v = &b->vic[i];

		fprintf(f, "%s: %llu acknowledged, %llu end-of-interrupt, %llu spurious; raised:",
			v->name, (unsigned long long)v->acks, (unsigned long long)v->eois,
			(unsigned long long)v->spurious_acks);
		for (unsigned s = 0; s < VIC_NR_SOURCES; s++)
			if (v->raised[s])
				fprintf(f, " %u:%llu", s, (unsigned long long)v->raised[s]);
		if (v->daisy_raised)
			fprintf(f, " daisy:%llu", (unsigned long long)v->daisy_raised);
		fputc('\n', f);
	}
	if (b->has_pwm) {
		fprintf(f, "pwm: expiries");
		for (unsigned i = 0; i < PWM_NR_TIMERS; i++)
			fprintf(f, " %llu", (unsigned long long)b->pwm.t[i].expiries);
		fprintf(f, " (timers 0-4)\n");
	}
	for (unsigned i = 0; i < b->nr_uarts; i++) {
		const struct uart *u = &b->uart[i];

		if (!u->tx_chars && !u->rx_chars && !u->overruns && !u->tx_dropped)
			continue;
		fprintf(f, "%s: %llu characters sent, %llu received, %llu overruns, %llu dropped\n",
			u->name, (unsigned long long)u->tx_chars, (unsigned long long)u->rx_chars,
			(unsigned long long)u->overruns, (unsigned long long)u->tx_dropped);
	}
	if (b->has_wdt && b->wdt.expiries)
		fprintf(f, "wdt: %llu expiries, %llu resets\n", (unsigned long long)b->wdt.expiries,
			(unsigned long long)b->wdt.resets);
	fprintf(f, "unimplemented registers touched: %u\n", mmio_unimp_count());
}
