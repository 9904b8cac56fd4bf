/* SPDX-License-Identifier: MIT */
/*
 * dma_bench.c - PL080S memory-to-memory throughput, simulated and host.
 *
 * One controller on the board's bus-master port (dmaport.c) with the DRAM
 * port model (dmc.c, default OK6410A parameters) copies MIB MiB between two
 * RAM buffers for every source/destination width and burst size, and prints
 * the simulated rate (bytes over simulated time at 533/133.25 MHz) next to
 * the bus limit, and the host rate (bytes per host second) of the model.
 *
 *   build/bench/dma_bench [MIB [WIDTH_BITS BURST]]   (one configuration only)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "emu/clock.h"
#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/dmaport.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/pl080s.h"

#define RAM_BASE 0x50000000u

static double host_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void w(struct pl080s *d, uint32_t off, uint32_t v)
{
	pl080s_write(d, off, v, 4);
}

int main(int argc, char **argv)
{
	uint32_t mib = argc > 1 ? (uint32_t)atoi(argv[1]) : 4;
	int only_width = argc > 3 ? atoi(argv[2]) : 0, only_burst = argc > 3 ? atoi(argv[3]) : 0;
	uint32_t bytes = mib << 20;
	uint8_t *ram = calloc(1, 2 * (size_t)bytes);
	static struct bus bus;
	struct clock clock;
	struct dmc dmc;
	struct dmc_params dp;
	struct dma_port port;
	struct pl080s *dma = calloc(1, sizeof(*dma));
	struct pl080s_port ops;

	if (!ram || !dma || !mib || mib > 64) {
		fprintf(stderr, "usage: dma_bench [MIB 1..64 [WIDTH_BITS BURST]]\n");
		return 1;
	}
	for (uint32_t i = 0; i < bytes; i++)
		ram[i] = (uint8_t)(i * 31 + (i >> 12));
	clock_init(&clock);
	bus_init(&bus);
	dmc_params_default(&dp);
	printf("PL080S memory-to-memory copy of %u MiB, ARMCLK %.2f MHz, HCLK %.2f MHz\n", mib,
	       clock.hz[CLK_ARM] / 1e6, clock.hz[CLK_HCLK] / 1e6);
	printf("bus limit: 32-bit AHB, one beat per HCLK, each byte crosses it twice: "
	       "%.1f MB/s for 32-bit beats\n", clock.hz[CLK_HCLK] * 4.0 / 2 / 1e6);
	printf("| width | burst | simulated MB/s | of AHB limit | host MB/s |\n");
	printf("| --- | --- | --- | --- | --- |\n");
	for (unsigned wf = 0; wf < 3; wf++) {
		for (unsigned bf = 0; bf < 8; bf++) {
			unsigned width = 1u << wf, burst = bf ? 2u << bf : 1;
			uint32_t units = bytes / width;
			double t0, host, sim_s, limit;
			cycle_t c0;

			if (only_width && (only_width != 8 * (int)width || only_burst != (int)burst))
				continue;
			dmc_init(&dmc, &dp, &clock);
			dma_port_init(&port, &bus, &clock, NULL);
			dma_port_set_ram(&port, ram, RAM_BASE, 2 * bytes);
			dma_port_set_dmc(&port, &dmc);
			ops = dma_port_ops(&port);
			pl080s_init(dma, "dma0", 0x75000000, BUS_DMA0, &clock, &ops);
			w(dma, 0x030, 1);
			w(dma, 0x100, RAM_BASE);
			w(dma, 0x104, RAM_BASE + bytes);
			w(dma, 0x108, 0);
			w(dma, 0x10c, 3u << 26 | wf << 21 | wf << 18 | bf << 15 | bf << 12);
			w(dma, 0x110, units);
			c0 = clock.now;
			t0 = host_seconds();
			w(dma, 0x114, 1);
			while (clock_next(&clock) != CYCLE_NEVER) {
				clock_advance_to(&clock, clock_next(&clock));
				clock_run_due(&clock);
			}
			host = host_seconds() - t0;
			if (memcmp(ram, ram + bytes, bytes) != 0) {
				fprintf(stderr, "copy mismatch at width %u burst %u\n", width, burst);
				return 1;
			}
			memset(ram + bytes, 0, bytes);
			sim_s = (double)(clock.now - c0) / clock.hz[CLK_ARM];
			limit = clock.hz[CLK_HCLK] * (double)width / 2;
			printf("| %u bit | %u | %.1f | %.0f %% | %.0f |\n", 8 * width, burst,
			       bytes / sim_s / 1e6, 100.0 * bytes / sim_s / limit, bytes / host / 1e6);
			pl080s_fini(dma);
		}
	}
	clock_destroy(&clock);
	free(dma);
	free(ram);
	return 0;
}
