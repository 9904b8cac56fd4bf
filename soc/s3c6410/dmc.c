/* SPDX-License-Identifier: MIT */
/*
 * dmc.c - DRAM timing and the shared memory port (see dmc.h).
 */
#include "soc/s3c6410/dmc.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "emu/report.h"
#include "soc/fdt_props.h"

const char *bus_master_name(enum bus_master who)
{
	static const char *const names[BUS_NR_MASTERS] = {
		[BUS_CPU_INSN] = "cpu_insn",
		[BUS_CPU_DATA] = "cpu_data",
		[BUS_WALKER] = "walker",
		[BUS_WRITE_BUFFER] = "write_buffer",
		[BUS_DMA0] = "dma0",
		[BUS_DMA1] = "dma1",
		[BUS_SDMA0] = "sdma0",
		[BUS_SDMA1] = "sdma1",
		[BUS_OTHER] = "other",
	};

	return who < BUS_NR_MASTERS ? names[who] : "?";
}

void dmc_params_default(struct dmc_params *p)
{
	*p = (struct dmc_params){
		.cas_latency = 3,
		.write_latency = 1,
		.t_rcd = 3,
		.t_rp = 3,
		.queue_latency = 4,
		.bytes_per_hclk = 8,
		.banks = 4,
		.row_bytes = 2048,
	};
}

static bool pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

int dmc_params_parse(struct dmc_params *p, const void *fdt, char *why, unsigned why_len)
{
	static const struct fdt_u32_prop props[] = {
		{ "s3c6410-emu,cas-latency", offsetof(struct dmc_params, cas_latency), 1, 16 },
		{ "s3c6410-emu,write-latency", offsetof(struct dmc_params, write_latency), 0, 16 },
		{ "s3c6410-emu,t-rcd", offsetof(struct dmc_params, t_rcd), 0, 64 },
		{ "s3c6410-emu,t-rp", offsetof(struct dmc_params, t_rp), 0, 64 },
		{ "s3c6410-emu,queue-latency", offsetof(struct dmc_params, queue_latency), 0,
		  1024 },
		{ "s3c6410-emu,bytes-per-hclk", offsetof(struct dmc_params, bytes_per_hclk), 1,
		  64 },
		{ "s3c6410-emu,banks", offsetof(struct dmc_params, banks), 1, DMC_MAX_BANKS },
		{ "s3c6410-emu,row-bytes", offsetof(struct dmc_params, row_bytes), 64, 1u << 20 },
	};
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl341");

	if (fdt_read_u32_props(fdt, node, props, sizeof(props) / sizeof(props[0]), p,
			       "memory controller: ", why, why_len) != 0)
		return -1;
	if (!pow2(p->banks) || !pow2(p->row_bytes)) {
		snprintf(why, why_len, "memory controller: banks (%u) and row-bytes (%u) must be "
			 "powers of two", p->banks, p->row_bytes);
		return -1;
	}
	return 0;
}

void dmc_init(struct dmc *d, const struct dmc_params *p, const struct clock *clock)
{
	memset(d, 0, sizeof(*d));
	d->p = *p;
	d->clock = clock;
	d->row_shift = (unsigned)__builtin_ctz(p->row_bytes);
	d->bank_bits = (unsigned)__builtin_ctz(p->banks);
}

void dmc_reset(struct dmc *d)
{
	d->busy_until = d->clock->now;
	d->tail_bytes = 0;
	memset(d->row_open, 0, sizeof(d->row_open));
}

cycle_t dmc_hclk_to_arm_slow(struct dmc *d, uint32_t hclk)
{
	const uint32_t *hz = d->clock->hz;

	if (hz[CLK_ARM] != d->hz_arm || hz[CLK_HCLK] != d->hz_hclk) {
		d->hz_arm = hz[CLK_ARM];
		d->hz_hclk = hz[CLK_HCLK] ? hz[CLK_HCLK] : hz[CLK_ARM];
		/* The usual 533/133.25 MHz is exactly 4: no division then. */
		d->arm_per_hclk = d->hz_arm % d->hz_hclk ? 0 : d->hz_arm / d->hz_hclk;
	}
	if (d->arm_per_hclk)
		return (cycle_t)hclk * d->arm_per_hclk;
	return ((uint64_t)hclk * d->hz_arm + d->hz_hclk - 1) / d->hz_hclk;
}

/* Out of line, so the hot paths pay one test when nobody listens. */
__attribute__((noinline, cold)) void dmc_trace_grant(struct dmc *d, enum bus_master who,
						     cycle_t start, cycle_t done)
{
	if (d->tracer.masters >> who & 1)
		d->tracer.grant(d->tracer.opaque, who, start, done);
}

cycle_t dmc_access(struct dmc *d, enum bus_master who, uint32_t pa, uint32_t bytes, bool write,
		   cycle_t at, cycle_t *first)
{
	unsigned bank = (pa >> d->row_shift) & (d->p.banks - 1);
	uint32_t row = pa >> (d->row_shift + d->bank_bits);
	uint32_t beats = (bytes + d->p.bytes_per_hclk - 1) / d->p.bytes_per_hclk;
	uint32_t lat = d->p.queue_latency;
	cycle_t start = at > d->busy_until ? at : d->busy_until;
	cycle_t done;

	if (d->row_open[bank] && d->open_row[bank] == row) {
		d->st.row_hits++;
	} else {
		if (d->row_open[bank]) {
			lat += d->p.t_rp;
			d->st.row_conflicts++;
		} else {
			d->st.row_misses++;
		}
		lat += d->p.t_rcd;
		d->row_open[bank] = true;
		d->open_row[bank] = row;
	}
	lat += write ? d->p.write_latency : d->p.cas_latency;
	if (!beats)
		beats = 1;
	done = start + dmc_hclk_to_arm(d, lat + beats);
	if (first)
		*first = start + dmc_hclk_to_arm(d, lat + 1);
	if (who < BUS_NR_MASTERS) {
		d->st.transactions[who]++;
		d->st.bytes[who] += bytes;
		d->st.wait_cycles[who] += start - at;
	}
	d->st.busy_cycles += done - start;
	d->busy_until = done;
	d->tail_bytes = 0;
	if (__builtin_expect(d->tracer.masters != 0, 0))
		dmc_trace_grant(d, who, start, done);
	return done;
}

void dmc_set_tracer(struct dmc *d, const struct dmc_tracer *t)
{
	if (t && t->grant)
		d->tracer = *t;
	else
		memset(&d->tracer, 0, sizeof(d->tracer));
}

void dmc_report_params(const struct dmc *d, struct report *r)
{
	report_u64(r, "dram_cas_latency", d->p.cas_latency);
	report_u64(r, "dram_write_latency", d->p.write_latency);
	report_u64(r, "dram_t_rcd", d->p.t_rcd);
	report_u64(r, "dram_t_rp", d->p.t_rp);
	report_u64(r, "dram_queue_latency", d->p.queue_latency);
	report_u64(r, "dram_bytes_per_hclk", d->p.bytes_per_hclk);
	report_u64(r, "dram_banks", d->p.banks);
	report_u64(r, "dram_row_bytes", d->p.row_bytes);
}

void dmc_report(const struct dmc *d, struct report *r, const char *key)
{
	report_object(r, key);
	report_u64(r, "busy_cycles", d->st.busy_cycles);
	report_u64(r, "row_hits", d->st.row_hits);
	report_u64(r, "row_misses", d->st.row_misses);
	report_u64(r, "row_conflicts", d->st.row_conflicts);
	report_object(r, "masters");
	for (int b = 0; b < BUS_NR_MASTERS; b++) {
		if (!d->st.transactions[b])
			continue;
		report_object(r, bus_master_name((enum bus_master)b));
		report_u64(r, "transactions", d->st.transactions[b]);
		report_u64(r, "bytes", d->st.bytes[b]);
		report_u64(r, "wait_cycles", d->st.wait_cycles[b]);
		report_end(r);
	}
	report_end(r);
	report_end(r);
}

void dmc_print_stats(const struct dmc *d, FILE *f)
{
	fprintf(f, "DRAM port          busy %llu cycles, row hits %llu, misses %llu, conflicts "
		"%llu\n", (unsigned long long)d->st.busy_cycles,
		(unsigned long long)d->st.row_hits, (unsigned long long)d->st.row_misses,
		(unsigned long long)d->st.row_conflicts);
}
