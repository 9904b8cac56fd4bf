// SPDX-License-Identifier: MIT
/*
 * hello.c - the default guest: say hello with the board's RAM size (from
 * the device tree the emulator passed in r2), take exactly 100 timer
 * interrupts sleeping in cpu_idle() between them, and exit 0.
 */
#include <stdint.h>
#include <stdio.h>

#include "boot/setup.h"
#include "drivers/clock.h"
#include "drivers/cpu.h"
#include "drivers/timer.h"
#include "lib/fdt.h"

#define TICKS_WANTED 100

static volatile unsigned int ticks;

static void count_tick(void *arg)
{
	if (++ticks == TICKS_WANTED)
		tick_unregister(count_tick, arg);
}

/* Sum of the /memory node's reg ranges; false when the tree has none. */
static bool dt_ram(const void *fdt, uint64_t *base, uint64_t *size)
{
	int root = dt_path_offset(fdt, "/");
	int node = dt_path_offset(fdt, "/memory");
	int ac, sc, len;
	const uint32_t *reg, *end;

	if (root < 0 || node < 0)
		return false;
	reg = dt_getprop(fdt, node, "reg", &len);
	ac = dt_address_cells(fdt, root);
	sc = dt_size_cells(fdt, root);
	if (!reg || len <= 0 || ac <= 0 || sc <= 0)
		return false;
	end = reg + len / 4;
	*size = 0;
	for (bool first = true; reg + ac + sc <= end; first = false) {
		uint64_t b = dt_read_number(&reg, ac);

		if (first)
			*base = b;
		*size += dt_read_number(&reg, sc);
	}
	return *size != 0;
}

int main(void)
{
	const void *fdt = (const void *)(uintptr_t)boot_dtb_pa;
	const struct s3c_clocks *clk = s3c_clk();
	uint64_t ram_base = 0, ram_size = 0;
	const char *model = NULL;
	unsigned long start;

	if (dt_check_header(fdt, 0) != 0) {
		printf("Hello from the S3C6410, but r2 = %#lx holds no device tree\n",
		       (unsigned long)boot_dtb_pa);
		return 1;
	}
	model = dt_getprop(fdt, dt_path_offset(fdt, "/"), "model", NULL);
	if (!dt_ram(fdt, &ram_base, &ram_size)) {
		printf("Hello from the S3C6410, but the device tree has no /memory\n");
		return 1;
	}
	printf("Hello from the S3C6410 (%s)!\n", model ? model : "unknown board");
	printf("RAM: %lu MiB at %#lx, device tree at %#lx (%lu bytes), machine %lu\n",
	       (unsigned long)(ram_size >> 20), (unsigned long)ram_base,
	       (unsigned long)boot_dtb_pa, (unsigned long)dt_totalsize(fdt),
	       (unsigned long)boot_machine_nr);
	printf("Clocks: ARMCLK %lu Hz, HCLK %lu Hz, PCLK %lu Hz\n", (unsigned long)clk->armclk,
	       (unsigned long)clk->hclk, (unsigned long)clk->pclk);

	printf("Waiting for %d timer interrupts at %u Hz...\n", TICKS_WANTED, timer_hz());
	start = jiffies;
	tick_register(count_tick, NULL);
	while (ticks < TICKS_WANTED)
		cpu_idle();
	printf("Took %u timer interrupts (jiffies %lu -> %lu)\n", ticks, start,
	       (unsigned long)jiffies);
	printf("Goodbye.\n");
	return 0;
}
