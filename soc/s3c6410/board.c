/* SPDX-License-Identifier: MIT */
/*
 * board.c - build an S3C6410 board from its device tree (read with libfdt).
 *
 * DOC: Every device model is one entry of board_device_table (its
 * struct device_ops, soc/s3c6410/device.h).  Devices are found by
 * `compatible`, numbered in address order, placed at their `reg` and wired by
 * `interrupts` to the VIC their `interrupt-parent` names.  The PL192s are
 * created before the devices they serve; the lowest-addressed one drives the
 * core's nIRQ/nFIQ and the other is chained into its daisy input (the
 * S3C6410's fixed VIC1 -> VIC0 wiring, which the binding does not describe).
 * An instance joins the board only once its create() succeeded, so a tree
 * rejected half-way is undone exactly.  Nodes with other compatibles
 * or with status = "disabled" are skipped:
 * accesses to them get the bus's "unimplemented" message.  Devices smaller
 * than a 4 KiB bus page (the UARTs, 0x400 apart) share their page through a
 * small dispatcher.
 */
#include "soc/s3c6410/board.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "emu/alloc.h"
#include "emu/log.h"
#include "emu/report.h"
#include "soc/fdt_props.h"
#include "soc/s3c6410/device.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/dmaport.h"
#include "soc/s3c6410/pl080s.h"
#include "soc/s3c6410/syscon.h"
#include "soc/s3c6410/uart.h"
#include "soc/s3c6410/vic.h"

/*
 * The devices a board can have, in the order they are created, reset,
 * reported and destroyed.  Interrupt controllers come before the devices
 * whose interrupts they take; SYSCON comes first so that everything else
 * resets at the clocks it sets.
 */
static const struct device_ops *const board_device_table[] = {
	&syscon_device,
	&vic_device,
	&pwm_device,
	&uart_device,
	&wdt_device,
	&gpio_device,
	&pl080s_device,
	&pl080s_secure_device,
};

#define BOARD_MAX_DEVICES 32
#define BOARD_MAX_VICS 2

/* One instance of a device_ops entry. */
struct board_dev {
	const struct device_ops *ops;
	void *state;
	char name[16];
	int node;
};

struct board {
	struct board_env env;
	struct board_info info;
	void *fdt;
	size_t fdt_size;
	char *what;
	struct bus bus;

	/* Only devices whose create() succeeded are here: destroy undoes exactly these. */
	struct board_dev dev[BOARD_MAX_DEVICES];
	unsigned nr_devs;
	/* In address order: VIC0 drives the core.  vic_device.max is BOARD_MAX_VICS. */
	struct vic *vic[BOARD_MAX_VICS];
	int vic_node[BOARD_MAX_VICS];
	unsigned nr_vics;
	struct uart *console;
	uint32_t console_baud;
	/* Not a device on the bus but a part of the board: the DRAM port every
	 * bus master (the CPU side, the DMA controllers) shares. */
	struct dmc dram;
	struct syscon *syscon;
	/* DMA0/DMA1 and SDMA0/SDMA1, and the port they move data through */
	struct pl080s *dma[2], *sdma[2];
	struct dma_port dma_port;
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

/* The core's clock and L1 geometry (absent: the OK6410A's), the crystal. */
static const struct fdt_u32_prop cpu_props[] = {
	{ "clock-frequency", offsetof(struct board_info, cpu_hz), 1000000, 2000000000 },
	{ "d-cache-size", offsetof(struct board_info, dcache.size), 1024, 65536 },
	{ "d-cache-line-size", offsetof(struct board_info, dcache.line_size), 8, 128 },
	{ "d-cache-sets", offsetof(struct board_info, dcache.sets), 1, 4096 },
	{ "i-cache-size", offsetof(struct board_info, icache.size), 1024, 65536 },
	{ "i-cache-line-size", offsetof(struct board_info, icache.line_size), 8, 128 },
	{ "i-cache-sets", offsetof(struct board_info, icache.sets), 1, 4096 },
};
static const struct fdt_u32_prop osc_props[] = {
	{ "clock-frequency", offsetof(struct board_info, fin_hz), 1000000, 100000000 },
};

static int parse_cpu(struct board *b)
{
	const void *fdt = b->fdt;
	int cpu = fdt_path_offset(fdt, "/cpus/cpu@0");
	int osc = fdt_node_offset_by_compatible(fdt, -1, "fixed-clock");
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *s;
	char why[160];

	b->info.cpu_hz = 533000000;
	b->info.fin_hz = 12000000;
	b->info.dcache = (struct cache_geometry){ 16384, 32, 128 };
	b->info.icache = (struct cache_geometry){ 16384, 32, 128 };
	if (fdt_read_u32_props(fdt, cpu, cpu_props, sizeof(cpu_props) / sizeof(cpu_props[0]),
			       &b->info, "/cpus/cpu@0: ", why, sizeof(why)) != 0 ||
	    fdt_read_u32_props(fdt, osc, osc_props, 1, &b->info, "fixed-clock: ", why,
			       sizeof(why)) != 0) {
		log_error("%s: %s", b->what, why);
		return -1;
	}
	s = fdt_getprop(fdt, 0, "model", NULL);
	snprintf(b->info.model, sizeof(b->info.model), "%s", s ? s : "unknown S3C6410 board");
	s = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", NULL) : NULL;
	snprintf(b->info.bootargs, sizeof(b->info.bootargs), "%s", s ? s : "");
	return 0;
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
			found = b->vic[i];
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

static void board_clocks_changed(void *opaque)
{
	struct board *b = opaque;

	for (unsigned i = 0; i < b->nr_devs; i++)
		if (b->dev[i].ops->clock_changed)
			b->dev[i].ops->clock_changed(b->dev[i].state);
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

/* One instance: parameters from the node, state, registers on the bus. */
/*
 * A peripheral's DMA request line, as an interrupt-style level: n is
 * 16 * pair + line (pair 0: DMA0/SDMA0).  Peripherals that hold their
 * request while their FIFO condition lasts re-assert it after each transfer.
 */
static void board_dma_line(void *opaque, int n, int level)
{
	board_dma_request(opaque, (unsigned)n / PL080S_NR_LINES, (unsigned)n % PL080S_NR_LINES,
			  PL080S_REQ_SINGLE, level != 0);
}

static int create_instance(struct board *b, const struct device_ops *ops, unsigned index,
			   int node, uint32_t base, uint32_t size, int console)
{
	struct board_dev *d = &b->dev[b->nr_devs];
	struct device_params p = {
		.fdt = b->fdt,
		.node = node,
		.base = base,
		.size = size,
		.clock = b->env.clock,
		.bus = &b->bus,
		.fin_hz = b->info.fin_hz,
		.clocks_changed = board_clocks_changed,
		.system_reset = board_system_reset,
		.board = b,
		.console_out = b->env.console_out,
		.console_in = node == console ? b->env.console_in : NULL,
		.dma_port = &b->dma_port,
		.index = index,
	};

	if (b->nr_devs == BOARD_MAX_DEVICES)
		return node_error(b, node, "more than %d devices", BOARD_MAX_DEVICES);
	if (ops->nr_irqs && node_irqs(b, node, p.irq, ops->nr_irqs) != 0)
		return -1;
	if (ops->max > 1)
		snprintf(d->name, sizeof(d->name), "%s%u", ops->name, index);
	else
		snprintf(d->name, sizeof(d->name), "%s", ops->name);
	p.name = d->name;
	d->ops = ops;
	d->node = node;
	d->state = xcalloc(1, ops->state_size, d->name);
	if (ops->create(d->state, &p) != 0) {
		free(d->state);
		return -1;
	}
	b->nr_devs++;
	if (bus_map(&b->bus, d->name, base, size, ops->mmio, d->state) != 0)
		return node_error(b, node, "%s", b->bus.error);
	if (ops == &vic_device) {
		b->vic[b->nr_vics] = d->state;
		b->vic_node[b->nr_vics++] = node;
	}
	if (ops == &uart_device && index < 4) {
		struct uart *u = d->state;

		/* UARTn's TX and RX request DMA0/SDMA0 lines 2n and 2n + 1. */
		u->dma_tx = irq_line(board_dma_line, b, (int)(2 * index));
		u->dma_rx = irq_line(board_dma_line, b, (int)(2 * index + 1));
	}
	if (ops == &uart_device && node == console)
		b->console = d->state;
	if (ops == &syscon_device)
		b->syscon = d->state;
	if (ops == &pl080s_device)
		b->dma[index] = d->state;
	if (ops == &pl080s_secure_device)
		b->sdma[index] = d->state;
	return 0;
}

/* Every enabled node of one kind, numbered in address order. */
static int create_kind(struct board *b, const struct device_ops *ops, int console)
{
	const void *fdt = b->fdt;
	struct { int node; uint32_t base, size; } found[DEVICE_MAX_INSTANCES], t;
	unsigned n = 0;

	for (int node = fdt_node_offset_by_compatible(fdt, -1, ops->compatible); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, ops->compatible)) {
		if (!node_enabled(fdt, node))
			continue;
		if (n == ops->max || n == DEVICE_MAX_INSTANCES)
			return node_error(b, node, "more than %u %s devices (%s)", n, ops->name,
					  ops->compatible);
		if (node_reg(b, node, ops->span, &found[n].base, &found[n].size) != 0)
			return -1;
		found[n].node = node;
		for (unsigned i = n++; i > 0 && found[i - 1].base > found[i].base; i--) {
			t = found[i];
			found[i] = found[i - 1];
			found[i - 1] = t;
		}
	}
	for (unsigned i = 0; i < n; i++)
		if (create_instance(b, ops, i, found[i].node, found[i].base, found[i].size,
				    console) != 0)
			return -1;
	return 0;
}

static int create_devices(struct board *b)
{
	int console = console_node(b->fdt, &b->console_baud);

	for (unsigned k = 0; k < sizeof(board_device_table) / sizeof(board_device_table[0]); k++) {
		if (create_kind(b, board_device_table[k], console) != 0)
			return -1;
		/* The S3C6410's fixed wiring: VIC0 drives the core, VIC1 its daisy input. */
		if (board_device_table[k] == &vic_device && b->nr_vics) {
			vic_connect(b->vic[0], b->env.cpu_irq, b->env.cpu_fiq,
				    VIC_IRQ_LATENCY_HCLK);
			if (b->nr_vics > 1)
				vic_chain(b->vic[0], b->vic[1]);
		}
	}
	/* No usable stdout-path: the first UART is the console. */
	if (!b->console) {
		for (unsigned i = 0; i < b->nr_devs && !b->console; i++)
			if (b->dev[i].ops == &uart_device)
				b->console = b->dev[i].state;
		if (b->console)
			uart_set_input(b->console, b->env.console_in);
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
	/* Trees older than version 17 name nodes by full path, a format nothing
	 * here writes and where Debian's libfdt 1.6.1 fdt_check_full()
	 * dereferences NULL (fdt_get_name fails on a name without '/'). */
	if (fdt_version(fdt) < 17) {
		log_error("%s: device tree format version %u is not supported (version 17 needed, as dtc writes)",
			  what, fdt_version(fdt));
		return NULL;
	}
	/* libfdt's lookups trust the structure block: check all of it first. */
	if ((err = fdt_check_full(fdt, fdt_totalsize(fdt))) != 0) {
		log_error("%s: malformed device tree blob (%s)", what, fdt_strerror(err));
		return NULL;
	}
	b = xcalloc(1, sizeof(*b), "the board");
	b->env = *env;
	b->what = xstrdup(what, "the board's name");
	b->fdt_size = fdt_totalsize(fdt);
	b->fdt = xcalloc(b->fdt_size, 1, "the board's device tree");
	memcpy(b->fdt, fdt, b->fdt_size);
	bus_init(&b->bus);
	dma_port_init(&b->dma_port, &b->bus, b->env.clock, b->fdt);
	dma_port_set_dmc(&b->dma_port, &b->dram);

	if (parse_memory(b) != 0 || parse_cpu(b) != 0) {
		board_destroy(b);
		return NULL;
	}
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
	/* The clock keeps pointers to the devices' events: each takes its own out. */
	for (unsigned i = b->nr_devs; i-- > 0;) {
		if (b->dev[i].ops->destroy)
			b->dev[i].ops->destroy(b->dev[i].state);
		free(b->dev[i].state);
	}
	bus_finish(&b->bus);
	free(b->fdt);
	free(b->what);
	free(b);
}

void board_reset(struct board *b)
{
	dmc_reset(&b->dram);
	for (unsigned i = 0; i < b->nr_devs; i++)
		b->dev[i].ops->reset(b->dev[i].state);
	if (b->console)
		uart_boot_setup(b->console, b->console_baud);
}

void board_attach_ram(struct board *b, uint8_t *ram)
{
	dma_port_set_ram(&b->dma_port, ram, b->info.ram_base, b->info.ram_size);
}

void board_dma_request(struct board *b, unsigned pair, unsigned line, enum pl080s_req kind,
		       bool level)
{
	struct pl080s *to;

	if (pair >= 2 || !b->syscon)
		return;
	to = pl080s_route(b->dma[pair], b->sdma[pair], syscon_sdma_sel(b->syscon), pair, line);
	if (to)
		pl080s_request(to, line, kind, level);
}

const struct board_info *board_info(const struct board *b)
{
	return &b->info;
}

void board_set_dma_observer(struct board *b, const struct dma_observer *o)
{
	dma_port_set_observer(&b->dma_port, o);
}

void board_set_dma_tracer(struct board *b, const struct pl080s_tracer *t)
{
	for (unsigned pair = 0; pair < 2; pair++) {
		if (b->dma[pair])
			pl080s_set_tracer(b->dma[pair], t);
		if (b->sdma[pair])
			pl080s_set_tracer(b->sdma[pair], t);
	}
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
	return b->nr_vics ? vic_acknowledge(b->vic[0]) : 0;
}

void board_report(struct board *b, struct report *r)
{
	report_object(r, "board");
	report_str(r, "model", b->info.model);
	report_hex(r, "ram_base", b->info.ram_base);
	report_u64(r, "ram_size", b->info.ram_size);
	for (unsigned i = 0; i < b->nr_devs; i++)
		if (b->dev[i].ops->report)
			b->dev[i].ops->report(b->dev[i].state, r);
	report_u64(r, "unimplemented_registers", bus_unimp_count(&b->bus));
	report_end(r);
}

void board_print_stats(struct board *b, FILE *f)
{
	const struct clock *c = b->env.clock;

	fprintf(f, "board: %s, ARMCLK %.3f MHz, HCLK %.3f MHz, PCLK %.3f MHz\n", b->info.model,
		c->hz[CLK_ARM] / 1e6, c->hz[CLK_HCLK] / 1e6, c->hz[CLK_PCLK] / 1e6);
	for (unsigned i = 0; i < b->nr_devs; i++)
		if (b->dev[i].ops->print_stats)
			b->dev[i].ops->print_stats(b->dev[i].state, f);
	fprintf(f, "unimplemented registers touched: %u\n", bus_unimp_count(&b->bus));
}
