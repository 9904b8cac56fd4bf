/* SPDX-License-Identifier: MIT */
/*
 * The memory model's interface to other models (soc/arm1176/memsys.h): after
 * a guest ran with --model full, query D-cache lines, run the bus-master
 * coherency check against dirty and clean lines, time transfers on the DRAM
 * port, and fill the heatmap's dirty-line overlay.
 *
 *   test_memsys IMAGE.elf
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "emu/log.h"
#include "emu/machine.h"
#include "soc/arm1176/cache.h"
#include "soc/arm1176/memsys.h"
#include "soc/s3c6410/board.h"

static const char *image;

struct lines {
	uint32_t dirty, clean;
	unsigned nr_dirty, nr_valid;
};

static void collect(void *opaque, uint32_t pa, uint32_t state)
{
	struct lines *l = opaque;

	l->nr_valid++;
	if (state & CACHE_DIRTY) {
		if (!l->nr_dirty++)
			l->dirty = pa;
	} else if (!l->clean) {
		l->clean = pa;
	}
}

static void test_interface(void **state)
{
	struct machine_config cfg = { .image_path = image, .watchdog = WATCHDOG_EXIT };
	struct machine *m = machine_create(&cfg);
	struct memsys *ms;
	struct lines l = { 0 };
	cycle_t now, t1, t2;
	uint64_t *bits;
	uint32_t pfn0, nframes, i;

	assert_non_null(m);
	assert_null(memsys_find(m));
	assert_int_equal(memsys_attach(m, MEMSYS_FULL), 0);
	{
		/* The guest's console would mix with the TAP output: send it away. */
		int saved = dup(1), null = open("/dev/null", O_WRONLY);

		fflush(stdout);
		dup2(null, 1);
		assert_int_equal(machine_run(m), 0);
		fflush(stdout);
		dup2(saved, 1);
		close(saved);
		close(null);
	}
	ms = memsys_find(m);
	/* The board owns the DRAM port; the model is one bus master on it. */
	assert_ptr_equal(memsys_dmc(ms), board_dram_port(machine_board(m)));
	assert_true(board_dram_port(machine_board(m))->st.transactions[BUS_CPU_DATA] > 0);
	/* No model attached: the coherency check is a no-op, not a crash. */
	assert_int_equal(memsys_coherency_check(NULL, BUS_DMA0, 0x50000000u, 64, true), 0);
	assert_non_null(ms);

	memsys_dcache_for_each(ms, collect, &l);
	assert_true(l.nr_valid > 0);
	assert_true(l.nr_dirty > 0);
	assert_true(l.clean != 0);
	assert_int_equal(memsys_dcache_state(ms, l.dirty + 4) & (CACHE_VALID | CACHE_DIRTY),
			 CACHE_VALID | CACHE_DIRTY);
	assert_int_equal(memsys_dcache_state(ms, l.clean), CACHE_VALID);

	/* a device reading a clean line, and memory nobody caches: fine */
	assert_int_equal(memsys_coherency_check(ms, BUS_DMA0, l.clean, 32, false), 0);
	assert_int_equal(memsys_coherency_check(ms, BUS_DMA0, 0x5f000000u, 4096, false), 0);
	/* reading a line the CPU holds dirty: a missing clean; writing it is found
	 * only when the line is written back (test_coherency) */
	assert_int_equal(memsys_coherency_check(ms, BUS_DMA0, l.dirty, 32, false), 1);
	assert_int_equal(memsys_coherency_check(ms, BUS_DMA1, l.dirty, 32, true), 0);
	assert_true(memsys_dcache_state(ms, l.dirty) & CACHE_DMA_STALE);
	/* writing a clean cached line is legal, but the CPU's copy is now stale */
	assert_int_equal(memsys_coherency_check(ms, BUS_DMA1, l.clean, 32, true), 0);
	assert_true(memsys_dcache_state(ms, l.clean) & CACHE_DMA_STALE);

	/* two transfers asked for at the same cycle: the second waits for the port */
	now = machine_clock(m)->now;
	t1 = memsys_bus_master_access(ms, BUS_DMA0, 0x5f000000u, 64, false, now);
	t2 = memsys_bus_master_access(ms, BUS_DMA1, 0x5f100000u, 64, true, now);
	assert_true(t1 > now);
	assert_true(t2 > t1);
	assert_true(memsys_dmc(ms)->st.wait_cycles[BUS_DMA1] >= t1 - now);

	/* the overlay marks the frame of the dirty line */
	machine_ram(m, &pfn0, &nframes);
	pfn0 >>= 12;
	nframes >>= 12;
	bits = calloc((nframes + 63) / 64, sizeof(*bits));
	assert_non_null(bits);
	memsys_overlay_dirty_lines(ms, bits, pfn0, nframes);
	i = (l.dirty >> 12) - pfn0;
	assert_true(bits[i / 64] & (1ull << (i % 64)));
	free(bits);
	machine_destroy(m);
}

static void test_modes(void **state)
{
	enum memsys_mode mode;

	assert_true(memsys_parse_mode("none", &mode) && mode == MEMSYS_NONE);
	assert_true(memsys_parse_mode("verify", &mode) && mode == MEMSYS_VERIFY);
	assert_false(memsys_parse_mode("fast", &mode));
	assert_string_equal(memsys_mode_name(MEMSYS_TIMING), "timing");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_interface),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: test_memsys IMAGE.elf\n");
		return 2;
	}
	image = argv[1];
	log_set_quiet(1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
