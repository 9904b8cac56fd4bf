/* SPDX-License-Identifier: MIT */
/*
 * test_board.c - the board built from the ok6410a device tree: every device
 * at its address, interrupts wired through the VICs to the core (PWM -> VIC0,
 * UART1 -> VIC1 -> VIC0's daisy input), the console, the watchdog's reset,
 * reset, reports, and clear errors for malformed trees.
 */
#include "tests/device/devtest.h"

#include <stdio.h>

#include <libfdt.h>

#include "emu/report.h"
#include "soc/s3c6410/board.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/pl080s.h"
#include "soc/s3c6410/uart.h"

#define CPU_IRQ 0
#define CPU_FIQ 1
#define LATENCY 8 /* 2 HCLK at 133.25 MHz in 533 MHz cycles */
#define CHAR_CYCLES (5780u * 8u) /* 115200 8N1 from 66.625 MHz */

#define VIC0 0x71200000u
#define VIC1 0x71300000u
#define PWM 0x7f006000u
#define WDT 0x7e004000u
#define SYSCON 0x7e00f000u
#define UART(n) (0x7f005000u + 0x400u * (n))
#define DMA0 0x75000000u
#define DMA1 0x75100000u
#define SDMA0 0x7db00000u
#define SDMA1 0x7dc00000u

struct fixture {
	struct clock clock;
	struct probe cpu;
	FILE *out;
	struct board *board;
	struct bus *bus;
	unsigned resets;
	char why[64];
};

static void system_reset(void *opaque, const char *why)
{
	struct fixture *f = opaque;

	f->resets++;
	snprintf(f->why, sizeof(f->why), "%s", why);
}

static struct board *create_with_input(struct fixture *f, const void *dtb, size_t size,
				       FILE *in)
{
	struct board_env env = {
		.clock = &f->clock,
		.cpu_irq = probe_line(&f->cpu, CPU_IRQ),
		.cpu_fiq = probe_line(&f->cpu, CPU_FIQ),
		.system_reset = system_reset,
		.opaque = f,
		.console_out = f->out,
		.console_in = in,
	};

	return board_create(dtb, size, "test.dtb", &env);
}

static struct board *create(struct fixture *f, const void *dtb, size_t size)
{
	return create_with_input(f, dtb, size, NULL);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	size_t size;
	const void *dtb = board_builtin_dtb("ok6410a", &size);

	assert_non_null(dtb);
	clock_init(&f->clock);
	probe_init(&f->cpu, &f->clock);
	f->out = tmpfile();
	f->board = create(f, dtb, size);
	assert_non_null(f->board);
	f->bus = board_bus(f->board);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	board_destroy(f->board);
	assert_int_equal(f->clock.nr, 0); /* every event went with the board */
	clock_destroy(&f->clock);
	fclose(f->out);
	free(f);
	return 0;
}

static uint32_t rd(struct fixture *f, uint32_t pa)
{
	return bus_read(f->bus, pa, 4);
}

static void wr(struct fixture *f, uint32_t pa, uint32_t v)
{
	bus_write(f->bus, pa, v, 4);
}

static void assert_region(struct fixture *f, uint32_t pa, const char *name)
{
	const struct mmio_region *r = bus_find(f->bus, pa);

	assert_non_null(r);
	assert_string_equal(r->name, name);
}

static void test_every_device_mapped(void **state)
{
	struct fixture *f = *state;
	const struct board_info *info = board_info(f->board);

	assert_int_equal(info->ram_base, 0x50000000);
	assert_int_equal(info->ram_size, 0x10000000);
	assert_region(f, VIC0, "vic0");
	assert_region(f, VIC1 + 0xffc, "vic1");
	assert_region(f, PWM + 0x44, "pwm");
	assert_region(f, WDT, "wdt");
	assert_region(f, SYSCON + 0x900, "syscon");
	/* The four UARTs share one 4 KiB page, each its own region. */
	for (int n = 0; n < 4; n++) {
		char name[8];

		snprintf(name, sizeof(name), "uart%d", n);
		assert_region(f, UART(n) + 0x38, name);
		assert_null(bus_find(f->bus, UART(n) + 0x100)); /* the gap after each */
	}
	/* The four PL080S, identified as Linux's amba-pl08x matches them. */
	assert_region(f, DMA0, "dma0");
	assert_region(f, DMA1 + 0xffc, "dma1");
	assert_region(f, SDMA0, "sdma0");
	assert_region(f, SDMA1, "sdma1");
	assert_int_equal(rd(f, DMA1 + 0xfe0) | rd(f, DMA1 + 0xfe4) << 8 | rd(f, DMA1 + 0xfe8) << 16 |
			 rd(f, DMA1 + 0xfec) << 24, 0x0a141080);
	assert_int_equal(rd(f, SDMA1 + 0xff0) | rd(f, SDMA1 + 0xff4) << 8 |
			 rd(f, SDMA1 + 0xff8) << 16 | rd(f, SDMA1 + 0xffc) << 24, 0xb105f00d);

	/* Each one answers at its address. */
	assert_int_equal(rd(f, VIC0 + 0xfe0), 0x92);
	assert_int_equal(rd(f, VIC1 + 0xfe4), 0x11);
	assert_int_equal(rd(f, SYSCON + 0x118), 0x36410101);
	assert_int_equal(rd(f, WDT + 0x04), 0x8000);
	assert_int_equal(rd(f, PWM + 0x00), 0x101);
	/* UARTs sharing a page stay apart. */
	wr(f, UART(1) + 0x28, 7);
	assert_int_equal(rd(f, UART(1) + 0x28), 7);
	assert_int_equal(rd(f, UART(2) + 0x28), 0);
	assert_int_equal(rd(f, UART(0) + 0x100), 0); /* between UART0 and UART1 */
	/* The console (serial0 of stdout-path) as the boot loader leaves it. */
	assert_int_equal(rd(f, UART(0) + 0x04), 0x5);
	assert_int_equal(rd(f, UART(0) + 0x00), 0x3);
	assert_int_equal(rd(f, UART(0) + 0x08), 0x1);
	assert_int_equal(rd(f, UART(0) + 0x28), 35);
	assert_int_equal(rd(f, UART(0) + 0x2c), 0x0808);
	assert_int_equal(rd(f, UART(3) + 0x04), 0);
	assert_int_equal(f->clock.hz[CLK_PCLK], 66625000);
}

static void test_timer_irq_reaches_core(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, VIC0 + 0x100 + 4 * 23, 0x50001230);  /* VECTADDR23 */
	wr(f, VIC0 + 0x010, 1u << 23);             /* INTENABLE: timer 0 */
	wr(f, PWM + 0x00, 0);
	wr(f, PWM + 0x04, 0);
	wr(f, PWM + 0x0c, 99);                     /* 100 ticks of 8 cycles */
	wr(f, PWM + 0x44, 1);
	wr(f, PWM + 0x08, 2);
	run_to(&f->clock, 1000);
	wr(f, PWM + 0x08, 1);
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 800 + LATENCY - 1);
	assert_int_equal(rd(f, VIC0 + 0x000), 1u << 23); /* IRQSTATUS already set */
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	run_to(&f->clock, t0 + 800 + LATENCY);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	/* The VIC port acknowledge returns the vector and masks the level. */
	assert_int_equal(board_irq_vector(f->board), 0x50001230);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	wr(f, PWM + 0x44, 1 | 1u << 5);
	wr(f, VIC0 + 0xf00, 0);
	run_for(&f->clock, 100);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	assert_int_equal(rd(f, VIC0 + 0x008), 0);
}

static void test_uart1_irq_through_daisy_chain(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, VIC1 + 0x100 + 4 * 6, 0x50006660);
	wr(f, VIC1 + 0x010, 1u << 6);              /* UART1 on VIC1 */
	t0 = f->clock.now;
	wr(f, UART(1) + 0x04, 0x5 | 1u << 9);      /* TX level interrupt, FIFO empty */
	assert_int_equal(rd(f, UART(1) + 0x30), 0x4);
	assert_int_equal(rd(f, VIC1 + 0x000), 1u << 6);
	run_to(&f->clock, t0 + LATENCY - 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	run_to(&f->clock, t0 + LATENCY);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(board_irq_vector(f->board), 0x50006660);
	wr(f, UART(1) + 0x38, 0xf);                /* UINTM: all masked */
	wr(f, VIC1 + 0xf00, 0);
	wr(f, VIC0 + 0xf00, 0);
	run_for(&f->clock, 100);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
}

static void test_console_output(void **state)
{
	struct fixture *f = *state;
	char buf[16] = { 0 };
	cycle_t t0 = f->clock.now;

	bus_write(f->bus, UART(0) + 0x20, 'H', 1);
	bus_write(f->bus, UART(0) + 0x20, 'i', 1);
	run_to(&f->clock, t0 + 2 * CHAR_CYCLES - 1);
	assert_int_equal(rd(f, UART(0) + 0x10) & 4, 0);
	run_to(&f->clock, t0 + 2 * CHAR_CYCLES);
	assert_int_equal(rd(f, UART(0) + 0x10) & 4, 4);
	rewind(f->out);
	assert_int_equal(fread(buf, 1, sizeof(buf) - 1, f->out), 2);
	assert_string_equal(buf, "Hi");
}

static void test_console_input(void **state)
{
	struct fixture *f = *state;
	FILE *in = tmpfile();
	size_t size;
	const void *dtb = board_builtin_dtb("ok6410a", &size);
	struct board *b;
	struct bus *bus;
	cycle_t t0 = f->clock.now;

	fputs("ok", in);
	rewind(in);
	b = create_with_input(f, dtb, size, in);
	assert_non_null(b);
	bus = board_bus(b);
	/* The console receiver is on from reset: characters arrive at 115200 baud. */
	run_to(&f->clock, t0 + CHAR_CYCLES - 1);
	assert_int_equal(bus_read(bus, UART(0) + 0x18, 4) & 0x3f, 0);
	run_to(&f->clock, t0 + 2 * CHAR_CYCLES);
	assert_int_equal(bus_read(bus, UART(0) + 0x18, 4) & 0x3f, 2);
	assert_int_equal(bus_read(bus, UART(0) + 0x24, 1), 'o');
	assert_int_equal(bus_read(bus, UART(0) + 0x24, 1), 'k');
	/* Only the console reads the input. */
	bus_write(bus, UART(1) + 0x04, 0x5, 4);
	run_for(&f->clock, 10 * CHAR_CYCLES);
	assert_int_equal(bus_read(bus, UART(1) + 0x18, 4), 0);
	board_destroy(b);
	fclose(in);
}

static void test_watchdog_reset_and_board_reset(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	wr(f, VIC0 + 0x010, 1u << 26);
	wr(f, WDT + 0x08, 5);
	wr(f, WDT + 0x00, 1u << 5 | 1u << 2 | 1u << 0);  /* enable, interrupt, reset */
	t0 = f->clock.now;
	run_to(&f->clock, t0 + 5 * 128 - 1);
	assert_int_equal(f->resets, 0);
	run_to(&f->clock, t0 + 5 * 128);
	assert_int_equal(f->resets, 1);
	assert_string_equal(f->why, "watchdog expired");
	assert_int_equal(rd(f, VIC0 + 0x008), 1u << 26);

	/* What the machine does next: reset every device. */
	wr(f, UART(0) + 0x04, 0);
	board_reset(f->board);
	assert_int_equal(rd(f, VIC0 + 0x010), 0);
	assert_int_equal(rd(f, VIC0 + 0x008), 0);
	assert_int_equal(rd(f, WDT + 0x00), 0);
	assert_int_equal(rd(f, UART(0) + 0x04), 0x5);
	run_for(&f->clock, 1000000);
	assert_int_equal(f->resets, 1);
}

static char *read_all(FILE *fp)
{
	long n;
	char *s;

	fflush(fp);
	n = ftell(fp);
	rewind(fp);
	s = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	return s;
}

static void test_report_and_stats(void **state)
{
	struct fixture *f = *state;
	struct report r;
	FILE *fp = tmpfile();
	char *s;

	bus_write(f->bus, UART(0) + 0x20, 'x', 1);
	wr(f, VIC0 + 0x018, 1u << 4); /* a soft interrupt */
	run_for(&f->clock, 2 * CHAR_CYCLES);
	report_open(&r, fp);
	board_report(f->board, &r);
	report_close(&r);
	s = read_all(fp);
	assert_non_null(strstr(s, "\"model\": \"Forlinx OK6410A (256 MiB)\""));
	assert_non_null(strstr(s, "\"pclk_hz\": 66625000"));
	assert_non_null(strstr(s, "\"uart0\": {"));
	assert_non_null(strstr(s, "\"tx_chars\": 1"));
	assert_non_null(strstr(s, "\"expiries\": ["));
	free(s);
	fclose(fp);

	fp = tmpfile();
	board_print_stats(f->board, fp);
	s = read_all(fp);
	assert_non_null(strstr(s, "uart0: 1 characters sent"));
	assert_non_null(strstr(s, "PCLK 66.625 MHz"));
	free(s);
	fclose(fp);
}

/* A writable copy of the built-in tree with one property changed. */
static void *dtb_with(const char *path, const char *prop, const void *val, int len, size_t *size)
{
	size_t base_size;
	const void *base = board_builtin_dtb("ok6410a", &base_size);
	void *buf = malloc(base_size + 1024);
	int node;

	assert_int_equal(fdt_open_into(base, buf, (int)base_size + 1024), 0);
	node = fdt_path_offset(buf, path);
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop(buf, node, prop, val, len), 0);
	*size = fdt_totalsize(buf);
	return buf;
}

static void test_malformed_trees(void **state)
{
	struct fixture *f = *state;
	fdt32_t three[3] = { cpu_to_fdt32(23), cpu_to_fdt32(24), cpu_to_fdt32(25) };
	fdt32_t big = cpu_to_fdt32(40);
	fdt32_t none = cpu_to_fdt32(0x7777);
	size_t size;
	void *dtb;

	/* The PWM needs five interrupts. */
	dtb = dtb_with("/soc/pwm@7f006000", "interrupts", three, sizeof(three), &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	/* A reg property that is not (address, size) pairs. */
	dtb = dtb_with("/soc/watchdog@7e004000", "reg", three, 3, &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	/* A register window smaller than the device's registers. */
	{
		fdt32_t reg[2] = { cpu_to_fdt32(0x7f005c00), cpu_to_fdt32(0x10) };

		dtb = dtb_with("/soc/serial@7f005c00", "reg", reg, sizeof(reg), &size);
		assert_null(create(f, dtb, size));
		free(dtb);
	}
	/* A source the PL192 does not have, and a phandle that names nothing. */
	dtb = dtb_with("/soc/serial@7f005400", "interrupts", &big, 4, &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	dtb = dtb_with("/soc/serial@7f005400", "interrupt-parent", &none, 4, &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	/* A core clock of 0 Hz, and a D-cache line of 7 bytes: each refused (one
	 * range-checked reader for every number property of the board). */
	{
		fdt32_t zero = cpu_to_fdt32(0), seven = cpu_to_fdt32(7);

		dtb = dtb_with("/cpus/cpu@0", "clock-frequency", &zero, 4, &size);
		assert_null(create(f, dtb, size));
		free(dtb);
		dtb = dtb_with("/cpus/cpu@0", "d-cache-line-size", &seven, 4, &size);
		assert_null(create(f, dtb, size));
		free(dtb);
	}
	/* Not a DTB at all. */
	assert_null(create(f, "hello", 5));
}

/*
 * Issue 13.1: errors found after the VICs were counted (a VIC reg too small
 * or huge, a third VIC) used to make board_destroy() call vic_fini() on VICs
 * never set up.  Each tree is refused, cleanly, with no event left behind.
 */
static void test_vic_errors_after_counting(void **state)
{
	struct fixture *f = *state;
	fdt32_t small[2] = { cpu_to_fdt32(0x71300000), cpu_to_fdt32(0x10) };
	fdt32_t huge[2] = { cpu_to_fdt32(0x71300000), cpu_to_fdt32(0x8f000000) };
	size_t size;
	void *dtb;
	int soc, node;

	dtb = dtb_with("/soc/interrupt-controller@71300000", "reg", small, sizeof(small), &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	dtb = dtb_with("/soc/interrupt-controller@71300000", "reg", huge, sizeof(huge), &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	/* A third PL192. */
	dtb = dtb_with("/soc/interrupt-controller@71300000", "status", "okay", 5, &size);
	soc = fdt_path_offset(dtb, "/soc");
	node = fdt_add_subnode(dtb, soc, "interrupt-controller@71400000");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop_string(dtb, node, "compatible", "arm,pl192-vic"), 0);
	huge[0] = cpu_to_fdt32(0x71400000);
	huge[1] = cpu_to_fdt32(0x1000);
	assert_int_equal(fdt_setprop(dtb, node, "reg", huge, sizeof(huge)), 0);
	size = fdt_totalsize(dtb);
	assert_null(create(f, dtb, size));
	free(dtb);
	/* A device failing after the VICs were created and mapped. */
	dtb = dtb_with("/soc/serial@7f005400", "interrupts", huge, 4, &size);
	assert_null(create(f, dtb, size));
	free(dtb);
	assert_int_equal(f->clock.nr, 0);
}

/*
 * Issue 13.2: a reg above 0x80000000 wrapped the bus's range check and wrote
 * outside its page table.  Such devices are refused in one line.
 */
static void test_reg_above_peripheral_window(void **state)
{
	struct fixture *f = *state;
	static const uint32_t bases[] = { 0x90000000u, 0xfffff000u, 0x7ffffc00u };

	for (unsigned i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		fdt32_t reg[2] = { cpu_to_fdt32(bases[i]), cpu_to_fdt32(0x400) };
		size_t size;
		void *dtb = dtb_with("/soc/serial@7f005c00", "reg", reg, sizeof(reg), &size);
		struct board *b = create(f, dtb, size);

		if (bases[i] == 0x7ffffc00u) {
			/* The last 1 KiB of the window is fine. */
			assert_non_null(b);
			assert_string_equal(bus_find(board_bus(b), 0x7fffffff)->name, "uart3");
			board_destroy(b);
		} else {
			assert_null(b);
		}
		free(dtb);
	}
	/* The bus on its own: base + size past 4 GiB is outside, never mapped. */
	{
		struct bus *bus = malloc(sizeof(*bus));
		struct uart u;

		bus_init(bus);
		assert_int_equal(bus_map(bus, "x", 0x90000000u, 0x400, &uart_mmio_ops, &u), -1);
		assert_non_null(strstr(bus->error, "outside the peripheral window"));
		assert_int_equal(bus_map(bus, "x", 0xfffff000u, 0x2000, &uart_mmio_ops, &u), -1);
		assert_int_equal(bus->nr_regions, 0);
		bus_finish(bus);
		free(bus);
	}
}

/* The unimplemented-register set belongs to each board, not the process. */
static void test_unimplemented_set_per_board(void **state)
{
	struct fixture *f = *state;
	size_t size;
	const void *dtb = board_builtin_dtb("ok6410a", &size);
	struct board *b2 = create(f, dtb, size);

	assert_non_null(b2);
	assert_int_equal(bus_unimp_count(f->bus), 0);
	bus_read(f->bus, 0x7f008000, 4);
	bus_read(f->bus, 0x7f008004, 4);
	bus_read(f->bus, 0x7f008004, 4);
	assert_int_equal(bus_unimp_count(f->bus), 2);
	assert_int_equal(bus_unimp_count(board_bus(b2)), 0);
	/* The same register on the second board is new there, and reported. */
	bus_read(board_bus(b2), 0x7f008000, 4);
	assert_int_equal(bus_unimp_count(board_bus(b2)), 1);
	assert_int_equal(board_bus(b2)->unimp_reports.count, 1);
	board_destroy(b2);
}

/*
 * Issue 13.4: a guest touching millions of distinct registers.  The set stays
 * bounded, every access after it fills is counted, and only BUS_REPORT_LIMIT
 * reports are printed.
 */
static void test_unimplemented_bounded(void **state)
{
	struct fixture *f = *state;
	const unsigned n = 3 * BUS_UNIMP_TRACKED;

	for (unsigned i = 0; i < n; i++)
		bus_read(f->bus, 0x74000000u + 8 * i, 1);
	assert_int_equal(bus_unimp_count(f->bus), BUS_UNIMP_TRACKED);
	assert_int_equal(f->bus->unimp_untracked, n - BUS_UNIMP_TRACKED);
	assert_true(f->bus->unimp_cap <= 2 * BUS_UNIMP_TRACKED);
	assert_int_equal(f->bus->unimp_reports.count, BUS_UNIMP_TRACKED);
	/* A remembered register stays quiet. */
	bus_read(f->bus, 0x74000000u, 1);
	assert_int_equal(f->bus->unimp_reports.count, BUS_UNIMP_TRACKED);
}

static void test_skipped_nodes(void **state)
{
	struct fixture *f = *state;
	struct board *b;
	size_t size;
	void *dtb;

	/* Unknown compatible: skipped, not mapped, the rest of the board works. */
	dtb = dtb_with("/soc/pwm@7f006000", "compatible", "acme,timer", 11, &size);
	b = create(f, dtb, size);
	assert_non_null(b);
	assert_null(bus_find(board_bus(b), PWM));
	assert_non_null(bus_find(board_bus(b), VIC0));
	board_destroy(b);
	free(dtb);
	/* status = "disabled": skipped too. */
	dtb = dtb_with("/soc/serial@7f005c00", "status", "disabled", 9, &size);
	b = create(f, dtb, size);
	assert_non_null(b);
	assert_string_equal(bus_find(board_bus(b), UART(2))->name, "uart2");
	assert_null(bus_find(board_bus(b), UART(3)));
	assert_int_equal(bus_read(board_bus(b), UART(3) + 0x28, 4), 0);
	board_destroy(b);
	free(dtb);
}

/* A copy through DMA1 into the board's RAM ends with VIC1 source 10 at the core. */
static void test_dma_copy_and_interrupt(void **state)
{
	struct fixture *f = *state;
	const struct board_info *info = board_info(f->board);
	uint8_t *ram = calloc(1, info->ram_size);
	uint32_t src = info->ram_base + 0x1000, dst = info->ram_base + 0x200000;
	struct report r;
	FILE *fp;
	char *text;

	assert_non_null(ram);
	board_attach_ram(f->board, ram);
	for (unsigned i = 0; i < 256; i++)
		ram[0x1000 + i] = (uint8_t)(i ^ 0x5a);
	wr(f, VIC1 + 0x010, 1u << 10);                 /* VICINTENABLE: DMA1 */
	wr(f, DMA1 + 0x030, 1);
	wr(f, DMA1 + 0x100, src);
	wr(f, DMA1 + 0x104, dst);
	wr(f, DMA1 + 0x10c, 1u << 31 | 3u << 26 | 2u << 21 | 2u << 18 | 1u << 15 | 1u << 12);
	wr(f, DMA1 + 0x110, 64);
	wr(f, DMA1 + 0x114, 1u | 1u << 15);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	run_for(&f->clock, 100000);
	assert_memory_equal(ram + 0x200000, ram + 0x1000, 256);
	assert_int_equal(rd(f, DMA1 + 0x004), 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(rd(f, VIC1 + 0x000), 1u << 10);  /* VICIRQSTATUS */
	wr(f, DMA1 + 0x008, 1);
	assert_int_equal(rd(f, VIC1 + 0x000), 0);
	/* An address with nothing behind it: the error interrupt, no crash. */
	wr(f, DMA1 + 0x100, 0x10000000);
	wr(f, DMA1 + 0x110, 4);
	wr(f, DMA1 + 0x114, 1u | 1u << 14);
	run_for(&f->clock, 100000);
	assert_int_equal(rd(f, DMA1 + 0x00c), 1);
	assert_int_equal(rd(f, VIC1 + 0x000), 1u << 10);
	/* Its figures in the report and --stats. */
	fp = tmpfile();
	report_open(&r, fp);
	board_report(f->board, &r);
	report_close(&r);
	text = read_all(fp);
	assert_non_null(strstr(text, "\"dma1\": {\n      \"base\": \"0x75100000\",\n      \"bytes\": 256,"));
	assert_non_null(strstr(text, "\"sdma1\": {"));
	free(text);
	fclose(fp);
	fp = tmpfile();
	board_print_stats(f->board, fp);
	text = read_all(fp);
	assert_non_null(strstr(text, "dma1: 256 bytes in 132 beats, 33 bursts")); /* + the failed one */
	assert_non_null(strstr(text, "1 errors"));
	assert_null(strstr(text, "dma0:"));
	free(text);
	fclose(fp);
	free(ram);
}

/* SYSCON's SDMA_SEL sends a peripheral's request to DMA<n> or SDMA<n>. */
static void test_sdma_sel_routes_requests(void **state)
{
	struct fixture *f = *state;

	/* Reset value 0: everything to the secure controllers. */
	assert_int_equal(rd(f, SYSCON + 0x110), 0);
	board_dma_request(f->board, 0, 3, PL080S_REQ_SINGLE, true);
	board_dma_request(f->board, 1, 14, PL080S_REQ_BURST, true);
	assert_int_equal(rd(f, SDMA0 + 0x024), 1u << 3);
	assert_int_equal(rd(f, SDMA1 + 0x020), 1u << 14);
	assert_int_equal(rd(f, DMA0 + 0x024), 0);
	/* What Linux writes: lines 0-15 of pair 0 and 0-7 of pair 1 to DMA0/DMA1. */
	wr(f, SYSCON + 0x110, 0xffffff);
	board_dma_request(f->board, 0, 5, PL080S_REQ_LAST_SINGLE, true);
	board_dma_request(f->board, 1, 7, PL080S_REQ_SINGLE, true);
	board_dma_request(f->board, 1, 8, PL080S_REQ_SINGLE, true);
	assert_int_equal(rd(f, DMA0 + 0x02c), 1u << 5);
	assert_int_equal(rd(f, DMA1 + 0x024), 1u << 7);
	assert_int_equal(rd(f, SDMA1 + 0x024), 1u << 8);
	/* Withdrawn where it went. */
	board_dma_request(f->board, 0, 5, PL080S_REQ_LAST_SINGLE, false);
	assert_int_equal(rd(f, DMA0 + 0x02c), 0);
}

/* UART1's transmit FIFO paces a DMA0 memory-to-peripheral transfer. */
static void test_uart_tx_paced_by_dma(void **state)
{
	struct fixture *f = *state;
	const struct board_info *info = board_info(f->board);
	uint8_t *ram = calloc(1, info->ram_size);
	static const char msg[] = "paced by the FIFO!\n";
	const uint32_t n = sizeof(msg) - 1;
	cycle_t t0;
	uint32_t left;
	char *text;

	assert_non_null(ram);
	board_attach_ram(f->board, ram);
	memcpy(ram + 0x3000, msg, n);
	wr(f, SYSCON + 0x110, 0xffffff);           /* requests to DMA0/DMA1, as Linux sets */
	wr(f, UART(1) + 0x00, 0x3);                /* 8N1 */
	wr(f, UART(1) + 0x28, 35);                 /* 115200 baud, as the console */
	wr(f, UART(1) + 0x2c, 0x0808);
	wr(f, UART(1) + 0x08, 0x1);                /* FIFO on, TX trigger: empty */
	wr(f, DMA0 + 0x030, 1);
	wr(f, DMA0 + 0x100, info->ram_base + 0x3000);
	wr(f, DMA0 + 0x104, UART(1) + 0x20);       /* UTXH */
	wr(f, DMA0 + 0x10c, 1u << 31 | 1u << 26);  /* bytes, source increments, TC irq */
	wr(f, DMA0 + 0x110, n);
	wr(f, DMA0 + 0x114, 1u | 2u << 6 | 1u << 11 | 1u << 15); /* line 2 = UART1 TX, mem->periph */
	run_for(&f->clock, 10 * CHAR_CYCLES);
	assert_int_equal(rd(f, DMA0 + 0x01c), 1);  /* nothing without the UART asking */
	t0 = f->clock.now;
	wr(f, UART(1) + 0x04, 2u << 2);            /* TX mode: DMA */
	run_to(&f->clock, t0 + 10 * CHAR_CYCLES);
	left = rd(f, DMA0 + 0x110);
	assert_true(left >= n - 12 && left <= n - 9);   /* a character time per byte */
	assert_int_equal(rd(f, DMA0 + 0x014), 0);
	run_to(&f->clock, t0 + (n + 2) * CHAR_CYCLES);
	assert_int_equal(rd(f, DMA0 + 0x014), 1);
	assert_int_equal(rd(f, DMA0 + 0x01c), 0);
	fflush(f->out);
	text = read_all(f->out);
	assert_non_null(strstr(text, msg));
	free(text);
	free(ram);
}

/* And the other way: characters arriving on UART1 land in RAM through DMA0. */
static void test_uart_rx_through_dma(void **state)
{
	struct fixture *f = *state;
	const struct board_info *info = board_info(f->board);
	uint8_t *ram = calloc(1, info->ram_size);
	struct uart *u1 = bus_find(f->bus, UART(1))->dev;
	static const char msg[] = "hello";

	assert_non_null(ram);
	board_attach_ram(f->board, ram);
	wr(f, SYSCON + 0x110, 0xffffff);
	wr(f, UART(1) + 0x00, 0x3);
	wr(f, UART(1) + 0x08, 0x1);                /* FIFO on, RX trigger: 1 byte */
	wr(f, UART(1) + 0x04, 2u << 0);            /* RX mode: DMA */
	wr(f, DMA0 + 0x030, 1);
	wr(f, DMA0 + 0x120, UART(1) + 0x24);       /* channel 1: URXH */
	wr(f, DMA0 + 0x124, info->ram_base + 0x4000);
	wr(f, DMA0 + 0x12c, 1u << 31 | 1u << 27);  /* bytes, destination increments */
	wr(f, DMA0 + 0x130, 5);
	wr(f, DMA0 + 0x134, 1u | 3u << 1 | 2u << 11 | 1u << 15); /* line 3 = UART1 RX, periph->mem */
	for (unsigned i = 0; i < 5; i++) {
		uart_rx_byte(u1, (uint8_t)msg[i]);
		run_for(&f->clock, 1000);
		assert_int_equal(ram[0x4000 + i], (uint8_t)msg[i]);
		assert_int_equal(rd(f, DMA0 + 0x130), 4 - i);
		assert_int_equal(rd(f, UART(1) + 0x18) & 0x7f, 0); /* UFSTAT: RX FIFO empty */
	}
	assert_int_equal(rd(f, DMA0 + 0x014), 2);
	assert_int_equal(rd(f, DMA0 + 0x01c), 0);
	free(ram);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_device_mapped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dma_copy_and_interrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sdma_sel_routes_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uart_tx_paced_by_dma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uart_rx_through_dma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timer_irq_reaches_core, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uart1_irq_through_daisy_chain, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_console_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_watchdog_reset_and_board_reset, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_report_and_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_trees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skipped_nodes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vic_errors_after_counting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reg_above_peripheral_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unimplemented_set_per_board, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unimplemented_bounded, setup, teardown),
	};

	return cmocka_run_group_tests_name("board", tests, NULL, NULL);
}
