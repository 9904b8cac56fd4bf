/* SPDX-License-Identifier: MIT */
/*
 * mkseeds_pagestate.c - the seed corpus of fuzz_pagestate: small machines
 * made with tests/unit/host/fake_mm (a valid descriptor, mem_map and
 * pageblock flags in the top frames, as a guest lays them out), written in
 * the target's input format: the descriptor's offset, then the RAM.
 * Usage: mkseeds_pagestate OUTDIR (build-fuzz/tests/fuzz/mkseeds_pagestate).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/host/fake_mm.h"

#define BASE 0x50000000u

static void write_seed(const char *dir, const char *name, const struct fake_mm *f)
{
	char path[512];
	uint32_t off = f->abi_pa - f->base;
	FILE *o;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	o = fopen(path, "wb");
	if (!o || fwrite(&off, 4, 1, o) != 1 || fwrite(f->ram, 1, f->size, o) != f->size ||
	    fclose(o) != 0) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	struct fake_mm f;

	if (argc != 2) {
		fprintf(stderr, "usage: mkseeds_pagestate OUTDIR\n");
		return 2;
	}
	/* buddy: free blocks of several orders and types, pcp pages, slab */
	if (fake_mm_init_inside(&f, BASE, 32))
		return 1;
	fake_free(&f, (BASE >> 12) + 0, 2, MIGRATE_MOVABLE);
	fake_free(&f, (BASE >> 12) + 4, 0, MIGRATE_UNMOVABLE);
	fake_free(&f, (BASE >> 12) + 8, 3, MIGRATE_RECLAIMABLE);
	fake_flags(&f, (BASE >> 12) + 16, 2, 1u << PG_pcp);
	fake_flags(&f, (BASE >> 12) + 20, 1, 1u << PG_slab);
	f.abi->nr_caches = 1;
	f.abi->pageblock_order = 3;
	write_seed(argv[1], "buddy-32", &f);
	/* the same with a second zone and CMA pageblocks */
	fake_zone(&f, ZONE_MOVABLE, (BASE >> 12) + 24, 8);
	fake_pageblock(&f, (BASE >> 12) + 8, MIGRATE_CMA);
	write_seed(argv[1], "zones-32", &f);
	/* memblock phase: regions instead of mem_map */
	f.abi->phase = MM_PHASE_MEMBLOCK;
	f.abi->nr_memory = 1;
	f.abi->memory[0].base = BASE;
	f.abi->memory[0].size = 32 * 4096;
	f.abi->nr_reserved = 1;
	f.abi->reserved[0].base = BASE + 0x4000;
	f.abi->reserved[0].size = 0x3000;
	write_seed(argv[1], "memblock-32", &f);
	fake_mm_free(&f);
	return 0;
}
