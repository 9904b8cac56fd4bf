/* SPDX-License-Identifier: MIT */
/*
 * test_dmaport.c - a PL080S on the board's real bus-master port: bursts into
 * a RAM buffer timed by the DRAM port model (dmc.c), register-wide beats into
 * a device on the peripheral bus, and an AHB error for an address with
 * nothing behind it or a register that refuses the width, and a CPU line fill
 * waiting behind DMA bursts on the shared port; the trace hooks: the port's
 * grants by master, a channel's active/TC lines and a request line.
 */
#include "tests/device/devtest.h"

#include "emu/log.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/dmaport.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/pl080s.h"

#define RAM_BASE 0x50000000u
#define RAM_SIZE 0x10000u
#define DEV_BASE 0x7f00b000u   /* inside no APB window below: AHB timing */

enum { EN_CHAN = 0x01c, RAW_ERR = 0x018, CONFIG = 0x030 };
#define CH(n, r) (0x100u + 0x20u * (n) + (r))
enum { SRC = 0x00, DST = 0x04, LLI = 0x08, CTL0 = 0x0c, CTL1 = 0x10, CFG = 0x14 };
#define C_SB4 (1u << 12)
#define C_DB4 (1u << 15)
#define C_SW(x) ((uint32_t)(x) << 18)
#define C_DW(x) ((uint32_t)(x) << 21)
#define C_SI (1u << 26)
#define C_DI (1u << 27)

/* A FIFO register that logs every access with its size. */
struct fifo_dev {
	uint32_t value[64];
	unsigned size[64];
	unsigned n;
};

static uint32_t fifo_read(void *dev, uint32_t offset, unsigned size)
{
	(void)dev;
	return 0x11223344u + offset + size;
}

static void fifo_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
	struct fifo_dev *f = dev;

	(void)offset;
	if (f->n < 64) {
		f->value[f->n] = value;
		f->size[f->n++] = size;
	}
}

static const struct mmio_ops fifo_ops = {
	.read = fifo_read, .write = fifo_write, .min_size = 1, .max_size = 4,
};

struct fixture {
	struct clock clock;
	struct bus bus;
	struct dmc dmc;
	struct dma_port port;
	struct pl080s dma;
	struct fifo_dev fifo;
	uint8_t ram[RAM_SIZE];
	unsigned seen_reads, seen_writes, items_started, items_ended;
	struct pl080s_item first_item;
	uint64_t seen_bytes;
	enum bus_master seen_who;
};

/* What the memory model's coherency checks would be told. */
static void observer(void *opaque, const struct pl080s_burst *b, uint32_t len)
{
	struct fixture *f = opaque;
	enum bus_master who = b->master;
	uint32_t pa = b->pa;
	bool write = b->write;

	assert_true(pa >= RAM_BASE && pa + len <= RAM_BASE + RAM_SIZE);
	f->seen_who = who;
	f->seen_bytes += len;
	if (write)
		f->seen_writes++;
	else
		f->seen_reads++;
}

static void item_observer(void *opaque, enum bus_master who, unsigned c,
			  const struct pl080s_item *it)
{
	struct fixture *f = opaque;

	assert_int_equal(who, BUS_DMA1);
	if (it->start && !f->items_started++)
		f->first_item = *it;
	f->items_ended += !it->start;
	(void)c;
}

static int setup(void **state)
{
	static const struct dma_observer obs_ops = {
		.burst = observer, .item = item_observer,
	};
	struct dma_observer obs = obs_ops;

	struct fixture *f = calloc(1, sizeof(*f));
	struct dmc_params dp;
	struct pl080s_port ops;

	clock_init(&f->clock);
	bus_init(&f->bus);
	assert_int_equal(bus_map(&f->bus, "fifo", DEV_BASE, 0x100, &fifo_ops, &f->fifo), 0);
	dmc_params_default(&dp);
	dmc_init(&f->dmc, &dp, &f->clock);
	dma_port_init(&f->port, &f->bus, &f->clock, NULL);
	f->port.apb_size = 0; /* everything on the AHB in this test */
	dma_port_set_ram(&f->port, f->ram, RAM_BASE, RAM_SIZE);
	dma_port_set_dmc(&f->port, &f->dmc);
	obs.opaque = f;
	dma_port_set_observer(&f->port, &obs);
	ops = dma_port_ops(&f->port);
	pl080s_init(&f->dma, "dma1", 0x75100000, BUS_DMA1, &f->clock, &ops);
	f->dma.bus = &f->bus;
	assert_int_equal(bus_map(&f->bus, "dma1", 0x75100000, PL080S_MMIO_SIZE, &pl080s_mmio_ops,
				 &f->dma), 0);
	for (unsigned i = 0; i < RAM_SIZE; i++)
		f->ram[i] = (uint8_t)(i * 13 + (i >> 8));
	pl080s_write(&f->dma, CONFIG, 1, 4);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pl080s_fini(&f->dma);
	bus_finish(&f->bus);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
	pl080s_write(&f->dma, off, v, 4);
}

static void start(struct fixture *f, unsigned ch, uint32_t src, uint32_t dst, uint32_t ctl0,
		  uint32_t size)
{
	wr(f, CH(ch, SRC), src);
	wr(f, CH(ch, DST), dst);
	wr(f, CH(ch, LLI), 0);
	wr(f, CH(ch, CTL0), ctl0);
	wr(f, CH(ch, CTL1), size);
	wr(f, CH(ch, CFG), 1);
}

static void test_ram_copy_on_the_dram_port(void **state)
{
	struct fixture *f = *state;
	cycle_t cpu_done, t0;

	/* The CPU holds the DRAM port first: the DMA's first burst waits for it. */
	cpu_done = dmc_access(&f->dmc, BUS_CPU_DATA, RAM_BASE + 0x8000, 32, false,
			      f->clock.now, NULL);
	start(f, 0, RAM_BASE, RAM_BASE + 0x4000, C_SI | C_DI | C_SB4 | C_DB4 | C_SW(2) | C_DW(2),
	      64);
	t0 = f->clock.now + clock_ticks_to_cycles(&f->clock, CLK_HCLK, 1);
	run_for(&f->clock, 100000);
	assert_int_equal(pl080s_read(&f->dma, EN_CHAN, 4), 0);
	assert_memory_equal(f->ram + 0x4000, f->ram, 256);
	/* Every burst went through the port as DMA1's transaction. */
	assert_int_equal(f->dmc.st.transactions[BUS_DMA1], 32);
	assert_int_equal(f->dmc.st.bytes[BUS_DMA1], 512);
	assert_int_equal(f->dma.ch[0].st.bursts, 32);
	assert_true(cpu_done > t0);
	assert_int_equal(f->dma.ch[0].st.wait_cycles, cpu_done - t0);
	/* Every RAM burst was reported to the coherency observer, as DMA1's. */
	assert_int_equal(f->seen_reads, 16);
	assert_int_equal(f->seen_writes, 16);
	assert_int_equal(f->seen_bytes, 512);
	assert_int_equal(f->seen_who, BUS_DMA1);
	/* One item: its start names the source range, its end follows at TC. */
	assert_int_equal(f->items_started, 1);
	assert_int_equal(f->items_ended, 1);
	assert_int_equal(f->first_item.src_bytes, 256);
	/* Each 16-byte burst holds the 32-bit AHB for at least its four beats. */
	assert_true(f->dma.ch[0].st.busy_cycles >= 32 * 4 * 4);
}

/* A strict observer moves RAM bursts itself: here it keeps the writes in a side buffer. */
static uint8_t side[256];
static unsigned ram_calls;

static void ram_hook(void *opaque, const struct pl080s_burst *b, uint8_t *buf)
{
	struct fixture *f = opaque;
	uint32_t n = b->width * b->beats, off = b->pa - RAM_BASE;

	ram_calls++;
	if (b->write)
		memcpy(side + (off - 0x4000), buf, n);
	else
		memcpy(buf, f->ram + off, n);
}

static void test_observer_moves_ram_data(void **state)
{
	struct fixture *f = *state;
	struct dma_observer obs = { observer, item_observer, ram_hook, f };
	uint8_t before[256];

	memcpy(before, f->ram + 0x4000, sizeof(before));
	dma_port_set_observer(&f->port, &obs);
	start(f, 0, RAM_BASE, RAM_BASE + 0x4000, C_SI | C_DI | C_SB4 | C_DB4 | C_SW(2) | C_DW(2),
	      64);
	run_for(&f->clock, 100000);
	assert_int_equal(pl080s_read(&f->dma, EN_CHAN, 4), 0);
	assert_int_equal(ram_calls, 32);                       /* every burst, both ways */
	assert_memory_equal(side, f->ram, 256);                /* the data went where it said */
	assert_memory_equal(f->ram + 0x4000, before, 256);     /* and not into RAM */
	assert_int_equal(f->seen_writes, 16);                  /* still observed */
}

static void test_peripheral_beats_have_the_register_width(void **state)
{
	struct fixture *f = *state;

	/* Memory -> a 16-bit FIFO register, fixed destination: one bus write per beat. */
	start(f, 1, RAM_BASE + 0x10, DEV_BASE + 0x20, C_SI | C_SB4 | C_DB4 | C_SW(2) | C_DW(1), 4);
	run_for(&f->clock, 100000);
	assert_int_equal(pl080s_read(&f->dma, EN_CHAN, 4), 0);
	assert_int_equal(f->fifo.n, 8);
	/* Only the RAM side is observed: one 16-byte read, no SFR writes. */
	assert_int_equal(f->seen_reads, 1);
	assert_int_equal(f->seen_writes, 0);
	for (unsigned i = 0; i < 8; i++) {
		assert_int_equal(f->fifo.size[i], 2);
		assert_int_equal(f->fifo.value[i], f->ram[0x10 + 2 * i] | f->ram[0x11 + 2 * i] << 8);
	}
	/* And the other way: the register's value lands in RAM. */
	start(f, 2, DEV_BASE + 0x4, RAM_BASE + 0x6000, C_DI | C_SW(2) | C_DW(2), 2);
	run_for(&f->clock, 100000);
	assert_int_equal(f->ram[0x6000], 0x44 + 4 + 4);
	assert_int_equal(f->ram[0x6003], 0x11);
}

static void test_nothing_there_is_an_ahb_error(void **state)
{
	struct fixture *f = *state;
	unsigned errors = log_guest_errors();

	/* A hole in the peripheral window, then past the end of RAM. */
	start(f, 3, RAM_BASE, 0x7f0f0000, C_SI | C_SW(2) | C_DW(2), 1);
	run_for(&f->clock, 10000);
	start(f, 4, RAM_BASE + RAM_SIZE - 4, RAM_BASE, C_SI | C_DI | C_SB4 | C_SW(2) | C_DW(2), 4);
	run_for(&f->clock, 10000);
	/* A register that takes only 32-bit accesses refuses a byte: its own Sync. */
	start(f, 5, RAM_BASE, 0x75100034, C_SI | C_SW(0) | C_DW(0), 1);
	run_for(&f->clock, 10000);
	assert_int_equal(pl080s_read(&f->dma, RAW_ERR, 4), 0x38);
	assert_int_equal(log_guest_errors(), errors + 3);
	/* ... and takes a word. */
	f->ram[0] = 0x5a;
	start(f, 6, RAM_BASE, 0x75100034, C_SW(2) | C_DW(2), 1);
	run_for(&f->clock, 10000);
	assert_int_equal(pl080s_read(&f->dma, 0x034, 4), (uint32_t)(f->ram[0] | f->ram[1] << 8));
}

/* A CPU line fill waits for the DMA bursts ahead of it on the shared DRAM port. */
static void test_cpu_fill_slowed_by_dma(void **state)
{
	struct fixture *f = *state;
	cycle_t t, idle, loaded;

	/* On an idle port: a 32-byte line fill. */
	t = f->clock.now;
	idle = dmc_access(&f->dmc, BUS_CPU_DATA, RAM_BASE + 0x9000, 32, false, t, NULL) - t;
	run_for(&f->clock, 1000);
	/* Under a long 256-beat DMA copy, the same fill asked for mid-transfer. */
	start(f, 0, RAM_BASE, RAM_BASE + 0x4000, C_SI | C_DI | (7u << 12) | (7u << 15) | C_SW(2) |
	      C_DW(2), 1024);
	run_for(&f->clock, 200);
	t = f->clock.now;
	loaded = dmc_access(&f->dmc, BUS_CPU_DATA, RAM_BASE + 0x9000, 32, false, t, NULL) - t;
	assert_true(loaded > idle + 100);
	assert_true(f->dmc.st.wait_cycles[BUS_CPU_DATA] > 100);
	run_for(&f->clock, 100000);
	assert_int_equal(pl080s_read(&f->dma, EN_CHAN, 4), 0);
	assert_memory_equal(f->ram + 0x4000, f->ram, 4096);
}

/* What a trace would be told: the lines' changes in order, the port's grants. */
struct heard {
	struct { enum pl080s_signal s; unsigned i; bool level; cycle_t at; } sig[64];
	unsigned nsig;
	unsigned grants[BUS_NR_MASTERS];
	cycle_t last_done;
	bool out_of_order;
};

static void heard_signal(void *opaque, const struct pl080s *d, enum pl080s_signal s, unsigned i,
			 bool level, cycle_t at)
{
	struct heard *h = opaque;

	assert_int_equal(d->master, BUS_DMA1);
	if (h->nsig < 64) {
		h->sig[h->nsig].s = s;
		h->sig[h->nsig].i = i;
		h->sig[h->nsig].level = level;
		h->sig[h->nsig++].at = at;
	}
}

static void heard_grant(void *opaque, enum bus_master who, cycle_t start, cycle_t done)
{
	struct heard *h = opaque;

	h->grants[who]++;
	h->out_of_order |= start < h->last_done || done < start;
	h->last_done = done;
}

/* Index of the first change of (s, i) to `level` at or after `from`, or -1. */
static int find_signal(const struct heard *h, unsigned from, enum pl080s_signal s, unsigned i,
		       bool level)
{
	for (unsigned k = from; k < h->nsig; k++)
		if (h->sig[k].s == s && h->sig[k].i == i && h->sig[k].level == level)
			return (int)k;
	return -1;
}

static void test_trace_hooks(void **state)
{
	struct fixture *f = *state;
	struct heard h = { .nsig = 0 };
	const struct pl080s_tracer lines = { heard_signal, &h };
	const struct dmc_tracer grants = { heard_grant, &h, 1u << BUS_DMA1 };
	int up, down, tc, clr;

	pl080s_set_tracer(&f->dma, &lines);
	dmc_set_tracer(&f->dmc, &grants);
	/* A CPU access is not asked for: only DMA1's grants are heard. */
	dmc_access(&f->dmc, BUS_CPU_DATA, RAM_BASE + 0x8000, 32, false, f->clock.now, NULL);
	start(f, 0, RAM_BASE, RAM_BASE + 0x4000, C_SI | C_DI | C_SB4 | C_DB4 | C_SW(2) | C_DW(2) |
	      (1u << 31), 64);
	wr(f, CH(0, CFG), 1 | 1u << 15); /* ITC: the TC interrupt is wanted */
	run_for(&f->clock, 100000);
	assert_int_equal(h.grants[BUS_CPU_DATA], 0);
	assert_int_equal(h.grants[BUS_DMA1], 32);
	assert_false(h.out_of_order);
	/* Channel 0 goes active once (its 32 steps back to back) and falls as TC rises. */
	up = find_signal(&h, 0, PL080S_SIG_ACTIVE, 0, true);
	down = find_signal(&h, 0, PL080S_SIG_ACTIVE, 0, false);
	tc = find_signal(&h, 0, PL080S_SIG_TC, 0, true);
	assert_true(up >= 0 && down > up && tc >= 0);
	assert_int_equal(find_signal(&h, (unsigned)up + 1, PL080S_SIG_ACTIVE, 0, true), -1);
	assert_int_equal(h.sig[tc].at, h.sig[down].at);
	/* Clearing the TC status lowers the line at that cycle. */
	wr(f, 0x008, 1);
	clr = find_signal(&h, 0, PL080S_SIG_TC, 0, false);
	assert_true(clr > tc);
	assert_int_equal(h.sig[clr].at, f->clock.now);
	/* A request line: high when raised, low when a step takes it. */
	pl080s_request(&f->dma, 5, PL080S_REQ_BURST, true);
	assert_true(find_signal(&h, 0, PL080S_SIG_REQ, 5, true) > clr);
	pl080s_request(&f->dma, 5, PL080S_REQ_BURST, false);
	assert_true(find_signal(&h, 0, PL080S_SIG_REQ, 5, false) > clr);
	/* Nobody listening: nothing more is heard. */
	pl080s_set_tracer(&f->dma, NULL);
	dmc_set_tracer(&f->dmc, NULL);
	up = (int)h.nsig;
	start(f, 1, RAM_BASE, RAM_BASE + 0x5000, C_SI | C_DI | C_SW(2) | C_DW(2), 4);
	run_for(&f->clock, 10000);
	assert_int_equal(h.nsig, up);
	assert_int_equal(h.grants[BUS_DMA1], 32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ram_copy_on_the_dram_port, setup, teardown),
		cmocka_unit_test_setup_teardown(test_observer_moves_ram_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peripheral_beats_have_the_register_width,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_there_is_an_ahb_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpu_fill_slowed_by_dma, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trace_hooks, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
