/* SPDX-License-Identifier: MIT */
/*
 * mips.c - host MIPS of s3c6410-emu against bare Unicorn on the same image.
 *
 *   bench/mips [IMAGE.elf] [REPEATS]
 *
 * Runs the image on the full machine (devices, clock, block hook, exception
 * handling) and on bare Unicorn (the same RAM and MMIO layout, no hooks but
 * the one that catches the final semihosting exit), each REPEATS times, and
 * prints the best time of each.  Both execute the same instructions: the
 * emulator counts them; bare Unicorn cannot, so its MIPS uses that count.
 * Not a test: it prints figures for BENCHMARKS.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicorn/unicorn.h>

#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"

#ifndef BENCH_DEFAULT_IMAGE
#define BENCH_DEFAULT_IMAGE "cpubound.elf"
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int run_machine(const char *image, uint64_t *insns, int *status, double *secs)
{
	struct machine_config cfg = { .image_path = image, .guest_argc = 1 };
	char *argv[] = { (char *)image, NULL };
	struct machine *m;
	double t0;

	cfg.guest_argv = argv;
	m = machine_create(&cfg);
	if (!m)
		return -1;
	t0 = now();
	*status = machine_run(m);
	*secs = now() - t0;
	*insns = machine_stats(m)->insns;
	machine_destroy(m);
	return 0;
}

static uint64_t bare_read(uc_engine *uc, uint64_t off, unsigned size, void *opaque)
{
	return 0;
}

static void bare_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t v, void *opaque)
{
}

static void bare_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	uint32_t r1, block[2] = { 0, 0 }, *exit_code = opaque;

	/* The only exception the image raises is its final SYS_EXIT_EXTENDED. */
	uc_reg_read(uc, UC_ARM_REG_R1, &r1);
	uc_mem_read(uc, r1, block, sizeof(block));
	*exit_code = block[1];
	uc_emu_stop(uc);
}

static int run_bare(const char *image, int *status, double *secs)
{
	const uint32_t base = 0x50000000u, size = 0x10000000u;
	struct elf_load_target t;
	struct elf_image *img;
	uint8_t *ram = calloc(1, size);
	uint32_t exit_code = ~0u;
	uc_engine *uc;
	uc_hook h;
	double t0;
	uc_err err;

	if (!ram)
		return -1;
	t = (struct elf_load_target){ ram, base, size, false };
	if (elf_load(image, &t, &img) != 0) {
		free(ram);
		return -1;
	}
	err = uc_open(UC_ARCH_ARM, UC_MODE_ARM, &uc);
	if (!err)
		err = uc_ctl_set_cpu_model(uc, UC_CPU_ARM_1176);
	if (!err)
		err = uc_ctl_set_page_size(uc, 2048);
	if (!err)
		err = uc_mem_map_ptr(uc, base, size, UC_PROT_ALL, ram);
	/* The same cover as the machine: every other address is an MMIO region. */
	if (!err)
		err = uc_mmio_map(uc, 0, base, bare_read, NULL, bare_write, NULL);
	if (!err)
		err = uc_mmio_map(uc, 0x60000000u, 0xa0000000ull, bare_read, NULL, bare_write, NULL);
	if (!err)
		err = uc_hook_add(uc, &h, UC_HOOK_INTR, (void *)bare_intr, &exit_code, 1, 0);
	if (err) {
		fprintf(stderr, "bare Unicorn setup failed: %s\n", uc_strerror(err));
		return -1;
	}
	t0 = now();
	err = uc_emu_start(uc, img->entry_pa, 0xffffffffu, 0, 0);
	*secs = now() - t0;
	*status = (int)exit_code;
	uc_close(uc);
	elf_free(img);
	free(ram);
	return err ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *image = argc > 1 ? argv[1] : BENCH_DEFAULT_IMAGE;
	int repeats = argc > 2 ? atoi(argv[2]) : 3;
	double best_emu = 1e9, best_bare = 1e9, s;
	uint64_t insns = 0;
	int st_emu = -1, st_bare = -1;

	log_set_quiet(1);
	for (int i = 0; i < repeats; i++) {
		if (run_machine(image, &insns, &st_emu, &s) != 0)
			return 1;
		if (s < best_emu)
			best_emu = s;
		if (run_bare(image, &st_bare, &s) != 0)
			return 1;
		if (s < best_bare)
			best_bare = s;
	}
	printf("image               %s\n", image);
	printf("guest instructions  %llu (exit status: emulator %d, bare %d)\n",
	       (unsigned long long)insns, st_emu, st_bare);
	printf("s3c6410-emu         %.3f s  %.1f MIPS  (best of %d)\n", best_emu,
	       insns / best_emu / 1e6, repeats);
	printf("bare Unicorn        %.3f s  %.1f MIPS  (best of %d)\n", best_bare,
	       insns / best_bare / 1e6, repeats);
	printf("emulator / bare     %.1f %% of bare Unicorn's speed\n", 100.0 * best_bare / best_emu);
	return st_emu == st_bare ? 0 : 1;
}
