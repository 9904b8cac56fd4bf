/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pagestate.c - the page-state decoder and the metrics (mm/pagestate.c,
 * mm/metrics.c) on arbitrary guest RAM.
 *
 * Input: a 4-byte offset of the mm_abi descriptor, then the RAM's bytes (RAM
 * at 0x5000_0000, its size the rest of the input rounded up to 4 KiB, at
 * most 1 MiB).  The descriptor's magic, version and size are forced, so
 * every input reaches the checks behind them.  Besides crashes, the target
 * checks what the header promises: pagestate_tally() counts exactly what a
 * decode followed by pagestate_tally_frames() counts, and a capture decodes
 * to exactly the frames of a direct decode.
 */
#include "tests/fuzz/fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "mm/metrics.h"
#include "mm/pagestate.h"

#define RAM_BASE 0x50000000u
#define RAM_MAX  (1u << 20)

static uint8_t *ram;
static struct pagestate ps, ps2;
static struct ps_capture cap;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ram = malloc(RAM_MAX);
	if (!ram || pagestate_init(&ps, RAM_BASE >> 12, RAM_MAX >> 12) ||
	    pagestate_init(&ps2, RAM_BASE >> 12, RAM_MAX >> 12))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t off, ram_size, abi_pa;
	struct ps_tally t1, t2;
	struct mm_metrics mt;
	struct mm_abi abi;
	char why[96];

	if (size < 4 || size - 4 > RAM_MAX)
		return 0;
	memcpy(&off, data, 4);
	data += 4;
	size -= 4;
	ram_size = (uint32_t)((size + 4095) & ~(size_t)4095);
	if (!ram_size)
		ram_size = 4096;
	memset(ram, 0, ram_size);
	memcpy(ram, data, size);
	abi_pa = RAM_BASE + (off % ram_size & ~3u);
	if (abi_pa - RAM_BASE + sizeof(struct mm_abi) <= ram_size) {
		struct mm_abi *a = (struct mm_abi *)(ram + (abi_pa - RAM_BASE));

		a->magic = MM_ABI_MAGIC;
		a->version = MM_ABI_VERSION;
		a->size = sizeof(*a);
	}
	struct ps_mem mem = { ram, RAM_BASE, ram_size };

	/* the snapshot covers this RAM exactly, as the machine's does */
	ps.nframes = ps2.nframes = ram_size >> 12;
	pagestate_decode(&ps, &mem, abi_pa, RAM_BASE, RAM_BASE + 0x8000);
	metrics_compute(&mt, &ps);

	bool ok = pagestate_tally(&mem, abi_pa, ps.pfn0, ps.nframes, &abi, &t1, why, sizeof(why));

	if (ok != ps.abi_ok)
		abort();
	if (ok && abi.phase >= MM_PHASE_BUDDY) {
		pagestate_tally_frames(&ps, &t2);
		if (memcmp(&t1, &t2, sizeof(t1)) != 0)
			abort(); /* the tally and the decoder disagree */
	}
	if (pagestate_capture(&cap, &mem, abi_pa, RAM_BASE, RAM_BASE + 0x8000) == 0) {
		pagestate_decode_capture(&ps2, &cap);
		if (memcmp(ps.frame, ps2.frame, ps.nframes * sizeof(*ps.frame)) != 0)
			abort(); /* a capture must decode as the RAM it copied */
	}
	return 0;
}
