/* SPDX-License-Identifier: MIT */
/*
 * The DMA/D-cache coherency checks (soc/arm1176/coherency.h) on the model a
 * real guest left behind: CPU accesses through the model's data path, DMA
 * bursts and transfers as the board's DMA port reports them, cache
 * maintenance as the CP15 operations apply it.  Each of the four bug kinds
 * gives exactly its finding; the same sequence with the right maintenance
 * gives none; strict mode hands the device DRAM's bytes, not the CPU's, and
 * leaves the CPU its stale line until it is invalidated or evicted.
 *
 *   test_coherency IMAGE.elf MM-IMAGE.elf
 *
 * IMAGE is a guest that exits with its caches on (hello); MM-IMAGE one whose
 * mm publishes mm_abi with a CMA area (cma), run for its first 30M cycles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "emu/machine.h"
#include "mm/heatmap.h"
#include "mm/pagestate.h"
#include "soc/arm1176/memsys_priv.h"
#include "soc/s3c6410/board.h"

/* A buffer in lowmem the hello guest does not use; its linear-map address. */
#define BUF_PA 0x5e000000u
#define BUF_VA (BUF_PA - 0x50000000u + 0xc0000000u)

static const char *image, *mm_image;

struct fx {
	struct machine *m;
	struct memsys *ms;
};

static struct fx boot(enum coherency_mode mode)
{
	struct machine_config cfg = { .image_path = image, .watchdog = WATCHDOG_EXIT };
	struct fx f = { machine_create(&cfg), NULL };
	int saved = dup(1), null = open("/dev/null", O_WRONLY);

	assert_non_null(f.m);
	assert_int_equal(memsys_attach_coherency(f.m, MEMSYS_FULL, mode), 0);
	/* The guest's console would mix with the TAP output: send it away. */
	fflush(stdout);
	dup2(null, 1);
	assert_int_equal(machine_run(f.m), 0);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(null);
	f.ms = memsys_find(f.m);
	assert_non_null(f.ms);
	/* hello ran with the MMU and D-cache on: the buffer is cacheable lowmem */
	assert_true(f.ms->dcache_on);
	assert_int_equal(coherency_total(&f.ms->coh), 0);
	return f;
}

static void dma(struct fx *f, enum bus_master who, unsigned ch, uint32_t pa, uint32_t len,
		bool write)
{
	struct pl080s_burst b = { .master = who, .channel = ch, .pa = pa, .width = 4,
				  .beats = len / 4, .inc = true, .write = write };

	coherency_dma_burst(f->ms, &b, len);
}

static void item(struct fx *f, unsigned ch, bool start, uint32_t src, uint32_t dst, uint32_t n)
{
	struct pl080s_item it = { start, src, dst, n, n };

	coherency_dma_item(f->ms, BUS_DMA0, ch, &it);
}

/* A CP15 c7 operation by MVA, as cp15_ops.c applies it. */
static void maint(struct fx *f, uint32_t pa, enum cache_op op)
{
	uint32_t k = cache_maint_pa(&f->ms->dcache, pa, op);

	if ((k & CACHE_DIRTY) && (op & CACHE_CLEAN))
		memsys_writeback(f->ms, k);
}

/* Exactly one finding, of `kind`, and its record names what it should. */
static const struct coh_finding *only(struct fx *f, enum coh_kind kind)
{
	const struct coherency *co = &f->ms->coh;

	for (int k = 0; k < COH_NR; k++)
		assert_int_equal(co->count[k], k == (int)kind);
	assert_int_equal(co->nr_rec, 1);
	assert_int_equal(co->rec[0].kind, kind);
	return &co->rec[0];
}

static void none(struct fx *f)
{
	assert_int_equal(coherency_total(&f->ms->coh), 0);
	assert_int_equal(f->ms->coh.nr_rec, 0);
}

static void done(struct fx *f)
{
	machine_destroy(f->m);
}

static void test_missing_clean(void **state)
{
	struct fx f = boot(COHERENCY_REPORT);
	const struct coh_finding *r;

	(void)state;
	memsys_cpu_access(f.ms, BUF_VA + 8, 4, false);  /* fill */
	memsys_cpu_access(f.ms, BUF_VA + 8, 4, true);   /* dirty */
	assert_true(memsys_dcache_state(f.ms, BUF_PA) & CACHE_DIRTY);
	/* the CPU store came before the transfer: not "in flight" */
	item(&f, 3, true, BUF_PA, 0x5e100000u, 64);
	none(&f);
	dma(&f, BUS_DMA0, 3, BUF_PA, 32, false);
	r = only(&f, COH_MISSING_CLEAN);
	assert_int_equal(r->who, BUS_DMA0);
	assert_int_equal(r->channel, 3);
	assert_int_equal(r->pa, BUF_PA);
	assert_int_equal(r->va, BUF_VA);     /* the dirtying store's line */
	assert_true(r->has_pc);
	assert_true(r->has_xfer);
	assert_int_equal(r->xfer.src, BUF_PA);
	assert_int_equal(r->xfer.dst, 0x5e100000u);
	done(&f);

	/* the same with a clean before the transfer */
	f = boot(COHERENCY_REPORT);
	memsys_cpu_access(f.ms, BUF_VA + 8, 4, false);
	memsys_cpu_access(f.ms, BUF_VA + 8, 4, true);
	maint(&f, BUF_PA, CACHE_CLEAN);
	item(&f, 3, true, BUF_PA, 0x5e100000u, 64);
	dma(&f, BUS_DMA0, 3, BUF_PA, 32, false);
	none(&f);
	done(&f);
}

static void test_missing_invalidate(void **state)
{
	struct fx f = boot(COHERENCY_REPORT);
	const struct coh_finding *r;

	(void)state;
	memsys_cpu_access(f.ms, BUF_VA + 4, 4, false);  /* the line is cached, clean */
	dma(&f, BUS_DMA1, 5, BUF_PA, 32, true);
	none(&f);                                        /* legal so far */
	memsys_cpu_access(f.ms, BUF_VA + 4, 4, false);
	r = only(&f, COH_MISSING_INVALIDATE);
	assert_int_equal(r->who, BUS_DMA1);
	assert_int_equal(r->channel, 5);
	assert_int_equal(r->pa, BUF_PA + 4);
	assert_true(r->has_va);
	assert_int_equal(r->va, BUF_VA + 4);
	assert_true(r->has_pc);
	/* reported once: the next read of the same line is not a second finding */
	memsys_cpu_access(f.ms, BUF_VA + 8, 4, false);
	assert_int_equal(coherency_total(&f.ms->coh), 1);
	done(&f);

	/* with an invalidate after the transfer: the read refills, no finding */
	f = boot(COHERENCY_REPORT);
	memsys_cpu_access(f.ms, BUF_VA + 4, 4, false);
	dma(&f, BUS_DMA1, 5, BUF_PA, 32, true);
	maint(&f, BUF_PA, CACHE_INVALIDATE);
	memsys_cpu_access(f.ms, BUF_VA + 4, 4, false);
	none(&f);
	done(&f);
}

static void test_writeback_over_dma(void **state)
{
	struct fx f = boot(COHERENCY_REPORT);
	const struct coh_finding *r;

	(void)state;
	memsys_cpu_access(f.ms, BUF_VA + 64, 4, false);
	memsys_cpu_access(f.ms, BUF_VA + 64, 4, true);  /* dirty, never cleaned */
	dma(&f, BUS_SDMA1, 7, BUF_PA + 64, 32, true);
	none(&f);                                        /* found at the write-back */
	maint(&f, BUF_PA + 64, CACHE_CLEAN_INVALIDATE);
	r = only(&f, COH_WRITEBACK_OVER_DMA);
	assert_int_equal(r->who, BUS_SDMA1);
	assert_int_equal(r->channel, 7);
	assert_int_equal(r->pa, BUF_PA + 64);
	done(&f);

	/* clean+invalidate before the transfer (dma_map_single FROM_DEVICE) */
	f = boot(COHERENCY_REPORT);
	memsys_cpu_access(f.ms, BUF_VA + 64, 4, false);
	memsys_cpu_access(f.ms, BUF_VA + 64, 4, true);
	maint(&f, BUF_PA + 64, CACHE_CLEAN_INVALIDATE);
	dma(&f, BUS_SDMA1, 7, BUF_PA + 64, 32, true);
	memsys_cpu_access(f.ms, BUF_VA + 64, 4, false);
	none(&f);
	done(&f);
}

static void test_cpu_write_in_flight(void **state)
{
	struct fx f = boot(COHERENCY_REPORT);
	const struct coh_finding *r;

	(void)state;
	item(&f, 2, true, BUF_PA + 0x1000, 0x5e200000u, 256);
	memsys_cpu_access(f.ms, BUF_VA + 0x1000 + 128, 4, true);
	r = only(&f, COH_CPU_WRITE_IN_FLIGHT);
	assert_int_equal(r->who, BUS_DMA0);
	assert_int_equal(r->channel, 2);
	assert_int_equal(r->pa, BUF_PA + 0x1000 + 128);
	assert_int_equal(r->va, BUF_VA + 0x1000 + 128);
	assert_true(r->has_pc);
	assert_int_equal(r->xfer.src, BUF_PA + 0x1000);
	{
		/* the heatmap's overlays: the transfer's frames, the finding's frame */
		uint32_t pfn0 = 0x50000, nframes = 0x10000;
		uint64_t *bits = calloc(nframes / 64, sizeof(*bits));
		uint32_t src = (BUF_PA + 0x1000) / 4096 - pfn0, dst = 0x5e200000u / 4096 - pfn0;
		unsigned marked = 0;

		assert_non_null(bits);
		coherency_overlay_in_flight(f.ms, bits, pfn0, nframes);
		for (uint32_t i = 0; i < nframes / 64; i++)
			marked += (unsigned)__builtin_popcountll(bits[i]);
		assert_int_equal(marked, 2);
		assert_true(bits[src / 64] & (1ull << (src % 64)));
		assert_true(bits[dst / 64] & (1ull << (dst % 64)));
		memset(bits, 0, nframes / 8);
		coherency_overlay_findings(f.ms, bits, pfn0, nframes);
		assert_true(bits[src / 64] & (1ull << (src % 64)));
		item(&f, 2, false, 0, 0, 0);
		memset(bits, 0, nframes / 8);
		coherency_overlay_in_flight(f.ms, bits, pfn0, nframes);
		for (uint32_t i = 0; i < nframes / 64; i++)
			assert_int_equal(bits[i], 0);
		free(bits);
	}
	done(&f);

	/* writes outside the source, and after the transfer ended: none */
	f = boot(COHERENCY_REPORT);
	item(&f, 2, true, BUF_PA + 0x1000, 0x5e200000u, 256);
	memsys_cpu_access(f.ms, BUF_VA + 0x1000 + 256, 4, true);
	memsys_cpu_access(f.ms, BUF_VA + 0x1000 - 4, 4, true);
	item(&f, 2, false, 0, 0, 0);
	memsys_cpu_access(f.ms, BUF_VA + 0x1000 + 128, 4, true);
	none(&f);
	done(&f);
}

/* A burst of `len` bytes through the DMA port's data path (strict mode's). */
static void dma_data(struct fx *f, uint32_t pa, void *buf, uint32_t len, bool write)
{
	struct pl080s_burst b = { .master = BUS_DMA0, .channel = 1, .pa = pa, .width = 4,
				  .beats = len / 4, .inc = true, .write = write };

	coherency_dma_access(f->ms, &b, buf);
	coherency_dma_burst(f->ms, &b, len);
}

/* Does strict mode keep DRAM's bytes of the line of `pa` apart? */
static bool kept(struct fx *f, uint32_t pa)
{
	uint32_t line = pa & ~(f->ms->dcache.line - 1);
	int idx = cache_find(&f->ms->dcache, line);

	return idx >= 0 && f->ms->coh.shadow[idx] == (line | 1);
}

static uint32_t ram32(struct fx *f, uint32_t pa)
{
	uint32_t v = 0;

	assert_true(machine_read_phys(f->m, pa, &v, 4));
	return v;
}

static unsigned popcount_bits(const uint64_t *bits, uint32_t nframes)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < nframes / 64; i++)
		n += (unsigned)__builtin_popcountll(bits[i]);
	return n;
}

/* The "DMA since last frame" overlay: items started since the previous picture, ended or not. */
static void test_overlay_recent(void **state)
{
	struct fx f = boot(COHERENCY_REPORT);
	uint32_t pfn0 = 0x50000, nframes = 0x10000;
	uint64_t *bits = calloc(nframes / 64, sizeof(*bits));
	uint32_t src = 0x5e100ff0u, dst = 0x5e300000u;

	(void)state;
	assert_non_null(bits);
	/* 32 bytes across a page boundary, into one page; finished before the picture */
	item(&f, 1, true, src, dst, 32);
	item(&f, 1, false, 0, 0, 0);
	coherency_overlay_in_flight(f.ms, bits, pfn0, nframes);
	assert_int_equal(popcount_bits(bits, nframes), 0);
	coherency_overlay_recent(f.ms, bits, pfn0, nframes);
	assert_int_equal(popcount_bits(bits, nframes), 3);
	assert_true(bits[(src / 4096 - pfn0) / 64] >> ((src / 4096 - pfn0) % 64) & 1);
	assert_true(bits[(src / 4096 + 1 - pfn0) / 64] >> ((src / 4096 + 1 - pfn0) % 64) & 1);
	assert_true(bits[(dst / 4096 - pfn0) / 64] >> ((dst / 4096 - pfn0) % 64) & 1);
	/* the picture started a new period: nothing since */
	memset(bits, 0, nframes / 8);
	coherency_overlay_recent(f.ms, bits, pfn0, nframes);
	assert_int_equal(popcount_bits(bits, nframes), 0);
	/* more items than it keeps between two pictures: the rest are counted */
	for (unsigned i = 0; i < COH_RECENT; i++)
		item(&f, 0, true, dst, dst + 4096, 4);
	assert_int_equal(f.ms->coh.recent_dropped, COH_RECENT);
	free(bits);
	done(&f);
}

/* --coherency=strict: the device reads what DRAM holds, not the dirty line. */
static void test_strict_reads_dram(void **state)
{
	struct fx f = boot(COHERENCY_STRICT);
	uint32_t old = 0x11111111u, cpu = 0x22222222u, seen[8];

	(void)state;
	assert_true(machine_write_phys(f.m, BUF_PA + 0x2000, &old, 4));
	memsys_cpu_access(f.ms, BUF_VA + 0x2000, 4, false);
	memsys_cpu_access(f.ms, BUF_VA + 0x2000, 4, true);
	/* Unicorn stores into guest RAM after the hook: do the same */
	assert_true(machine_write_phys(f.m, BUF_PA + 0x2000, &cpu, 4));
	dma_data(&f, BUF_PA + 0x2000, seen, 32, false);
	assert_int_equal(seen[0], old);
	/* after a clean, DRAM holds the CPU's data and the device reads it */
	maint(&f, BUF_PA + 0x2000, CACHE_CLEAN);
	dma_data(&f, BUF_PA + 0x2000, seen, 32, false);
	assert_int_equal(seen[0], cpu);
	assert_false(kept(&f, BUF_PA + 0x2000));
	done(&f);

	/* report mode leaves the data alone */
	f = boot(COHERENCY_REPORT);
	assert_true(machine_write_phys(f.m, BUF_PA + 0x2000, &old, 4));
	memsys_cpu_access(f.ms, BUF_VA + 0x2000, 4, false);
	memsys_cpu_access(f.ms, BUF_VA + 0x2000, 4, true);
	assert_true(machine_write_phys(f.m, BUF_PA + 0x2000, &cpu, 4));
	assert_true(machine_read_phys(f.m, BUF_PA + 0x2000, seen, 32));
	assert_int_equal(seen[0], cpu);
	done(&f);
}

/*
 * --coherency=strict, missing invalidate: the CPU keeps reading its cached
 * line after DMA wrote memory under it, until the line is invalidated or
 * evicted; report mode hands it DMA's data at once.
 */
static void test_strict_stale_line(void **state)
{
	uint32_t pa = BUF_PA + 0x3000, va = BUF_VA + 0x3000, old = 0x33333333u;
	uint32_t dev[8] = { 0xd0d0d0d0u, 1, 2, 3, 4, 5, 6, 7 }, seen[8];
	struct fx f = boot(COHERENCY_STRICT);

	(void)state;
	assert_true(machine_write_phys(f.m, pa, &old, 4));
	memsys_cpu_access(f.ms, va, 4, false);          /* cached, clean */
	dma_data(&f, pa, dev, 32, true);
	assert_int_equal(ram32(&f, pa), old);           /* the CPU's view: its old line */
	assert_true(kept(&f, pa));
	dma_data(&f, pa, seen, 32, false);              /* the device reads DRAM */
	assert_memory_equal(seen, dev, 32);
	memsys_cpu_access(f.ms, va, 4, false);          /* the stale load: found */
	assert_int_equal(f.ms->coh.count[COH_MISSING_INVALIDATE], 1);
	assert_int_equal(ram32(&f, pa), old);
	/* a store that reaches DRAM (write-through, uncached alias) updates DRAM's bytes */
	coherency_store_through(f.ms, pa + 4, 4, 0x44556677u);
	dma_data(&f, pa, seen, 32, false);
	assert_int_equal(seen[1], 0x44556677u);
	assert_int_equal(seen[0], dev[0]);
	dev[1] = 0x44556677u;
	maint(&f, pa, CACHE_CLEAN);                     /* cleaning a clean line changes nothing */
	assert_int_equal(ram32(&f, pa), old);
	maint(&f, pa, CACHE_INVALIDATE);                /* now the CPU reads DRAM */
	assert_int_equal(ram32(&f, pa), dev[0]);
	assert_false(kept(&f, pa));
	done(&f);

	/* an eviction drops the stale line too: fill every way of its set */
	f = boot(COHERENCY_STRICT);
	assert_true(machine_write_phys(f.m, pa, &old, 4));
	memsys_cpu_access(f.ms, va, 4, false);
	dma_data(&f, pa, dev, 32, true);
	assert_int_equal(ram32(&f, pa), old);
	for (uint32_t w = 1; w <= f.ms->dcache.ways * 4 && memsys_dcache_state(f.ms, pa); w++)
		memsys_cpu_access(f.ms, va + w * f.ms->dcache.sets * f.ms->dcache.line, 4, false);
	assert_int_equal(memsys_dcache_state(f.ms, pa), 0);
	assert_int_equal(ram32(&f, pa), dev[0]);
	done(&f);

	/* a dirty line written back over DMA's data: DRAM gets the CPU's line */
	f = boot(COHERENCY_STRICT);
	assert_true(machine_write_phys(f.m, pa, &old, 4));
	memsys_cpu_access(f.ms, va, 4, false);
	memsys_cpu_access(f.ms, va, 4, true);
	dma_data(&f, pa, dev, 32, true);
	assert_int_equal(ram32(&f, pa), old);
	maint(&f, pa, CACHE_CLEAN_INVALIDATE);
	assert_int_equal(f.ms->coh.count[COH_WRITEBACK_OVER_DMA], 1);
	assert_int_equal(ram32(&f, pa), old);           /* DMA's data destroyed */
	dma_data(&f, pa, seen, 32, false);
	assert_int_equal(seen[0], old);
	done(&f);

	/* report mode: the CPU sees DMA's data at once (and the finding is the same) */
	f = boot(COHERENCY_REPORT);
	assert_true(machine_write_phys(f.m, pa, &old, 4));
	memsys_cpu_access(f.ms, va, 4, false);
	{
		struct pl080s_burst b = { .master = BUS_DMA0, .channel = 1, .pa = pa, .width = 4,
					  .beats = 8, .inc = true, .write = true };

		assert_true(machine_write_phys(f.m, pa, dev, 32));  /* the port's copy */
		coherency_dma_burst(f.ms, &b, 32);
	}
	assert_int_equal(ram32(&f, pa), dev[0]);
	memsys_cpu_access(f.ms, va, 4, false);
	assert_int_equal(f.ms->coh.count[COH_MISSING_INVALIDATE], 1);
	done(&f);
}

/* A finding in a CMA area names it, from the guest's own mm_abi. */
static void test_names_the_allocation(void **state)
{
	struct machine_config cfg = { .image_path = mm_image, .watchdog = WATCHDOG_EXIT,
				      .max_cycles = 30000000 };
	struct fx f = { machine_create(&cfg), NULL };
	int saved = dup(1), null = open("/dev/null", O_WRONLY);
	uint32_t base, size, pa, va;
	const uint8_t *ram;
	struct mm_abi abi;
	char why[96];

	(void)state;
	assert_non_null(f.m);
	assert_int_equal(memsys_attach_coherency(f.m, MEMSYS_FULL, COHERENCY_REPORT), 0);
	fflush(stdout);
	dup2(null, 1);
	machine_run(f.m);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(null);
	f.ms = memsys_find(f.m);
	assert_true(f.ms->dcache_on);
	ram = machine_ram(f.m, &base, &size);
	assert_true(pagestate_read_abi(&(struct ps_mem){ ram, base, size }, heatmap_find_abi(f.m),
				       &abi, why, sizeof(why)));
	assert_true(abi.nr_cma >= 1);
	pa = (abi.cma[0].base_pfn << 12) + 0x3000;
	va = pa - base + 0xc0000000u;
	memsys_cpu_access(f.ms, va, 4, false);
	memsys_cpu_access(f.ms, va, 4, true);
	dma(&f, BUS_DMA1, 1, pa, 32, false);
	assert_int_equal(f.ms->coh.count[COH_MISSING_CLEAN], 1);
	assert_int_equal(strncmp(f.ms->coh.rec[0].alloc, "CMA area ", 9), 0);
	assert_non_null(strstr(f.ms->coh.rec[0].alloc, abi.cma[0].name));
	done(&f);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_clean),
		cmocka_unit_test(test_missing_invalidate),
		cmocka_unit_test(test_writeback_over_dma),
		cmocka_unit_test(test_cpu_write_in_flight),
		cmocka_unit_test(test_overlay_recent),
		cmocka_unit_test(test_strict_reads_dram),
		cmocka_unit_test(test_strict_stale_line),
		cmocka_unit_test(test_names_the_allocation),
	};

	if (argc != 3) {
		fprintf(stderr, "usage: %s IMAGE.elf MM-IMAGE.elf\n", argv[0]);
		return 2;
	}
	image = argv[1];
	mm_image = argv[2];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
