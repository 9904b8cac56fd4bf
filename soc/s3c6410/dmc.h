/* SPDX-License-Identifier: MIT */
/*
 * dmc.h - the path to DRAM: the DMC1 memory controller's timing and the one
 * port every bus master shares.
 *
 * DOC: The S3C6410's mobile DDR sits behind DMC1, an ARM PrimeCell PL341-style
 * dynamic memory controller (0x7E00_1000).  This file models when a
 * transaction completes, not the controller's registers (the boot loader has
 * programmed those before the guest runs; accesses to the window are still
 * "unimplemented" on the bus).  The model:
 *   - one port, busy until its last transaction completes (`busy_until`):
 *     a master that asks earlier waits, so the CPU's line fills, the table
 *     walker, the write buffer and DMA masters contend for it;
 *   - open-page DRAM: each bank keeps its last row open; a row hit costs the
 *     CAS latency, a miss adds ACTIVE (tRCD), a conflict PRECHARGE (tRP) too;
 *   - a fixed queue/PHY latency per transaction and DDR beats of
 *     `bytes-per-hclk` bytes each; the critical word arrives with the first.
 * Times are HCLK cycles internally and ARMCLK cycles at the interface; the
 * ratio follows SYSCON's current clocks.  Parameters come from the board
 * (properties of the memory-controller node; see dmc_params_parse()).
 *
 * Not modelled: refresh, bank-parallel scheduling, read/write turnaround,
 * the controller's registers and power modes.
 */
#ifndef SOC_S3C6410_DMC_H
#define SOC_S3C6410_DMC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "emu/clock.h"

/* Who drives a transaction (for arbitration statistics and coherency checks). */
enum bus_master {
	BUS_CPU_INSN,     /* I-cache line fills, uncached fetches */
	BUS_CPU_DATA,     /* D-cache line fills, uncached loads */
	BUS_WALKER,       /* hardware table walks */
	BUS_WRITE_BUFFER, /* stores and write-backs draining from the CPU */
	BUS_DMA0,
	BUS_DMA1,
	BUS_SDMA0,
	BUS_SDMA1,
	BUS_OTHER,        /* any other master (LCD, USB, ...) */
	BUS_NR_MASTERS
};

const char *bus_master_name(enum bus_master who);

#define DMC_MAX_BANKS 8

/* All times in HCLK cycles (the memory clock is HCLK: DDR-266 at 133 MHz). */
struct dmc_params {
	uint32_t cas_latency;   /* READ command to first data */
	uint32_t write_latency; /* WRITE command to first data */
	uint32_t t_rcd;         /* ACTIVE to READ/WRITE */
	uint32_t t_rp;          /* PRECHARGE to ACTIVE */
	uint32_t queue_latency; /* AXI port, arbiter and PHY, every transaction */
	uint32_t bytes_per_hclk;/* data per memory clock: 32-bit DDR moves 8 */
	uint32_t banks;         /* power of two, <= DMC_MAX_BANKS */
	uint32_t row_bytes;     /* bytes of one row of one bank (power of two) */
};

struct dmc_stats {
	uint64_t transactions[BUS_NR_MASTERS];
	uint64_t bytes[BUS_NR_MASTERS];
	uint64_t wait_cycles[BUS_NR_MASTERS];  /* ARMCLK cycles spent waiting for the port */
	uint64_t busy_cycles;                  /* ARMCLK cycles the port was busy */
	uint64_t row_hits, row_misses, row_conflicts;
};

struct report;

/*
 * Who hears which master holds the port when (the trace's bus-ownership
 * track).  Grants come in time order: a transaction starts when the port is
 * free, so each begins at or after the end of the one before.
 */
struct dmc_tracer {
	/* `who` holds the port from `start` to `done` (ARMCLK cycles); an
	 * extension of the last transaction comes as a grant from its old end. */
	void (*grant)(void *opaque, enum bus_master who, cycle_t start, cycle_t done);
	void *opaque;
	uint32_t masters;   /* whose grants: bit 1 << enum bus_master (0: nobody's) */
};

struct dmc {
	struct dmc_params p;
	const struct clock *clock;
	cycle_t busy_until;
	uint32_t open_row[DMC_MAX_BANKS];
	bool row_open[DMC_MAX_BANKS];
	uint32_t tail_bytes;    /* bytes added to the last transaction since its last full beat */
	unsigned row_shift, bank_bits;
	/* the clocks the ratio was computed for; the ratio when it is an integer */
	uint32_t hz_arm, hz_hclk, arm_per_hclk;
	struct dmc_stats st;
	struct dmc_tracer tracer;  /* all NULL when nobody listens */
};

/* The defaults of the table in memsys.h (used when the board says nothing). */
void dmc_params_default(struct dmc_params *p);

/*
 * Read "s3c6410-emu,*" timing properties from the memory-controller node
 * (compatible "arm,pl341") of a board's device tree, keeping defaults for
 * absent ones.  Returns 0, or -1 with the reason in `why` for a bad value.
 */
int dmc_params_parse(struct dmc_params *p, const void *fdt, char *why, unsigned why_len);

void dmc_init(struct dmc *d, const struct dmc_params *p, const struct clock *clock);

/* Power-on or system reset: rows closed, the port idle from now; counters keep running. */
void dmc_reset(struct dmc *d);

/*
 * One transaction of `bytes` at physical `pa` by `who`, requested at ARMCLK
 * cycle `at`.  Returns the cycle it completes; *first (if not NULL) gets the
 * cycle its first beat (the critical word) arrives.
 */
cycle_t dmc_access(struct dmc *d, enum bus_master who, uint32_t pa, uint32_t bytes, bool write,
		   cycle_t at, cycle_t *first);

/* HCLK cycles to ARMCLK cycles at the current clocks (rounded up). */
cycle_t dmc_hclk_to_arm_slow(struct dmc *d, uint32_t hclk);
/* Tell the tracer `who` holds the port (out of line: one test when nobody listens). */
void dmc_trace_grant(struct dmc *d, enum bus_master who, cycle_t start, cycle_t done);

/* Inline while the clocks are those the ratio was computed for and it is an integer. */
static inline cycle_t dmc_hclk_to_arm(struct dmc *d, uint32_t hclk)
{
	const uint32_t *hz = d->clock->hz;

	if (__builtin_expect(d->arm_per_hclk && hz[CLK_ARM] == d->hz_arm &&
			     hz[CLK_HCLK] == d->hz_hclk, 1))
		return (cycle_t)hclk * d->arm_per_hclk;
	return dmc_hclk_to_arm_slow(d, hclk);
}

/*
 * More data for the port's last transaction, by the master that issued it
 * (`done`: the completion cycle it was given): while it is still the last
 * thing the port does, `bytes` join its burst, one more beat per
 * bytes-per-hclk.  Returns the new completion cycle, or 0 when another
 * transaction followed it (the data needs a transaction of its own).
 * Inline: the write buffer's merges call it for most guest stores that miss
 * the D-cache.
 */
static inline cycle_t dmc_extend(struct dmc *d, enum bus_master who, cycle_t done,
				 uint32_t bytes)
{
	if (d->busy_until != done)
		return 0;
	d->st.bytes[who] += bytes;
	d->tail_bytes += bytes;
	while (d->tail_bytes >= d->p.bytes_per_hclk) {
		cycle_t beat = dmc_hclk_to_arm(d, 1);

		d->tail_bytes -= d->p.bytes_per_hclk;
		d->busy_until += beat;
		d->st.busy_cycles += beat;
		/* per beat: `done` need not live on in a register for the tracer */
		if (__builtin_expect(d->tracer.masters != 0, 0))
			dmc_trace_grant(d, who, d->busy_until - beat, d->busy_until);
	}
	return d->busy_until;
}

/* The port's one tracer (NULL: none). */
void dmc_set_tracer(struct dmc *d, const struct dmc_tracer *t);

/* The dram_* parameter keys (inside the caller's object). */
void dmc_report_params(const struct dmc *d, struct report *r);
/* The port's counters and per-master traffic as object `key`. */
void dmc_report(const struct dmc *d, struct report *r, const char *key);
/* One "DRAM port" line for --stats. */
void dmc_print_stats(const struct dmc *d, FILE *f);

#endif /* SOC_S3C6410_DMC_H */
