/* SPDX-License-Identifier: MIT */
/*
 * memsys_bench.c - what the memory-path model costs the host.
 *
 *   memsys_bench [--repeat N] [--modes LIST] IMAGE [GUEST-ARGS...]
 *
 * Runs IMAGE (build/bench/membench.elf: a newlib program that turns the MMU
 * and caches on itself) in one process, one mode after the other, N times
 * each (default 3), and keeps the fastest run of each mode:
 *
 *   bare    Unicorn alone: RAM, the ELF, an interrupt hook that serves the
 *           few semihosting calls newlib makes, and no other hook at all;
 *   none    the emulator with --model none (the machine's block hook, the
 *           instruction clock, the board);
 *   hooks   none plus the block and memory hooks --model full installs, with
 *           empty bodies: what Unicorn's hook dispatch alone costs;
 *   timing  --model timing;
 *   full    --model full.
 *
 * LIST is a comma-separated subset (default "bare,none,hooks,timing,full").  It
 * prints seconds, instructions, guest MIPS and each mode's MIPS relative to
 * none and to bare.  bare has no instruction counter: it executes what none
 * executes (membench never waits for a device; a kernel guest that polls a
 * UART runs more or fewer polling loops as memory timing changes, so compare
 * MIPS, not seconds).  Wall time is measured here, in the bench, never inside
 * the simulation.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicorn/unicorn.h>

#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "soc/arm1176/memsys.h"

#define RAM_BASE 0x50000000u
#define RAM_SIZE 0x10000000u
#define NR_MODES 5

struct result {
	bool ran;
	double seconds;
	uint64_t insns, cycles;
	int status;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* --- bare Unicorn ------------------------------------------------------------ */

struct bare {
	uc_engine *uc;
	uint8_t *ram;
	uint32_t heap_lo, heap_hi, stack_top;
	const char *cmdline;
	int status;
	bool done;
};

static void *guest_ptr(struct bare *b, uint32_t va, uint32_t len)
{
	if (va - RAM_BASE >= RAM_SIZE || len > RAM_SIZE - (va - RAM_BASE))
		return NULL;
	return b->ram + (va - RAM_BASE);
}

static uint32_t word(struct bare *b, uint32_t va)
{
	uint32_t *p = guest_ptr(b, va, 4), v = 0;

	if (p)
		memcpy(&v, p, 4);
	return v;
}

/* The semihosting calls newlib's rdimon makes (ARM semihosting 2.0). */
static void bare_svc(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct bare *b = opaque;
	uint32_t op, arg, ret = 0, *blk;
	char *s;

	if (intno != 2) {
		fprintf(stderr, "memsys_bench: bare run: unexpected exception %u\n", intno);
		b->status = 125;
		b->done = true;
		uc_emu_stop(uc);
		return;
	}
	uc_reg_read(uc, UC_ARM_REG_R0, &op);
	uc_reg_read(uc, UC_ARM_REG_R1, &arg);
	switch (op) {
	case 0x01: /* SYS_OPEN: only the console ":tt" */
		s = guest_ptr(b, word(b, arg), 3);
		ret = s && !strncmp(s, ":tt", 3) ? 1 : ~0u;
		break;
	case 0x03: /* SYS_WRITEC */
		s = guest_ptr(b, arg, 1);
		if (s)
			putchar(*s);
		break;
	case 0x04: /* SYS_WRITE0 */
		s = guest_ptr(b, arg, 1);
		if (s)
			fputs(s, stdout);
		break;
	case 0x05: { /* SYS_WRITE {handle, buf, len}: returns bytes not written */
		uint32_t len = word(b, arg + 8);

		s = guest_ptr(b, word(b, arg + 4), len);
		if (s)
			fwrite(s, 1, len, stdout);
		break;
	}
	case 0x06: /* SYS_READ: nothing to read */
		ret = word(b, arg + 8);
		break;
	case 0x09: /* SYS_ISTTY */
		ret = 1;
		break;
	case 0x15: { /* SYS_GET_CMDLINE {buf, len} */
		uint32_t len = word(b, arg + 4), n = (uint32_t)strlen(b->cmdline) + 1;

		s = guest_ptr(b, word(b, arg), len);
		blk = guest_ptr(b, arg + 4, 4);
		if (!s || !blk || n > len) {
			ret = ~0u;
			break;
		}
		memcpy(s, b->cmdline, n);
		n--;
		memcpy(blk, &n, 4);
		break;
	}
	case 0x16: { /* SYS_HEAPINFO: *arg -> {heap base, limit, stack base, limit} */
		uint32_t v[4] = { b->heap_lo, b->heap_hi, b->stack_top, b->heap_hi };

		blk = guest_ptr(b, word(b, arg), 16);
		if (blk)
			memcpy(blk, v, sizeof(v));
		break;
	}
	case 0x18: /* SYS_EXIT */
	case 0x20: /* SYS_EXIT_EXTENDED */
		b->status = op == 0x20 ? (int)word(b, arg + 4) : arg == 0x20026u ? 0 : 1;
		b->done = true;
		uc_emu_stop(uc);
		return;
	default: /* SYS_CLOSE, SYS_SEEK, SYS_FLEN, SYS_ERRNO, SYS_CLOCK, SYS_TIME, ... */
		break;
	}
	uc_reg_write(uc, UC_ARM_REG_R0, &ret);
}

static int run_bare(const char *image, const char *cmdline, struct result *res)
{
	struct bare b = { .cmdline = cmdline };
	struct elf_load_target t;
	struct elf_image *img = NULL;
	uint32_t cpsr = 0x1d3, pc;
	double t0;
	uc_hook h;
	uc_err err;

	b.ram = aligned_alloc(4096, RAM_SIZE);
	if (!b.ram)
		return -1;
	memset(b.ram, 0, RAM_SIZE);
	t = (struct elf_load_target){ b.ram, RAM_BASE, RAM_SIZE, false };
	if (elf_load(image, &t, &img) != 0) {
		free(b.ram);
		return -1;
	}
	b.stack_top = RAM_BASE + RAM_SIZE - 0x1000;
	b.heap_lo = (img->hi_pa + 7) & ~7u;
	b.heap_hi = b.stack_top - 0x100000;
	pc = img->entry_pa;
	err = uc_open(UC_ARCH_ARM, UC_MODE_ARM, &b.uc);
	if (!err)
		err = uc_ctl_set_cpu_model(b.uc, UC_CPU_ARM_1176);
	if (!err)
		err = uc_ctl_set_page_size(b.uc, 2048); /* 4 KiB pages, as the machine */
	if (!err)
		err = uc_mem_map_ptr(b.uc, RAM_BASE, RAM_SIZE, UC_PROT_ALL, b.ram);
	if (!err)
		err = uc_hook_add(b.uc, &h, UC_HOOK_INTR, (void *)bare_svc, &b, 1, 0);
	if (!err)
		err = uc_reg_write(b.uc, UC_ARM_REG_CPSR, &cpsr);
	if (err) {
		fprintf(stderr, "memsys_bench: bare Unicorn: %s\n", uc_strerror(err));
		return -1;
	}
	t0 = now();
	while (!b.done) {
		err = uc_emu_start(b.uc, pc, 0xffffffffu, 0, 0);
		if (err) {
			fprintf(stderr, "memsys_bench: bare run stopped: %s\n", uc_strerror(err));
			b.status = 125;
			break;
		}
		uc_reg_read(b.uc, UC_ARM_REG_PC, &pc);
	}
	res->seconds = now() - t0;
	res->status = b.status;
	res->ran = true;
	uc_close(b.uc);
	elf_free(img);
	free(b.ram);
	return 0;
}

/* --- the emulator ------------------------------------------------------------ */

/* "hooks": the hooks --model full installs, doing nothing: Unicorn's share of the cost. */
static void empty_block(void *opaque, uint32_t pc, uint32_t size)
{
}

static void empty_mem(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value,
		      void *opaque)
{
}

static int empty_start(struct machine *m, void *opaque)
{
	uc_hook h;

	machine_set_block_hook(m, empty_block, NULL);
	if (uc_hook_add(machine_uc(m), &h, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
			(void *)empty_mem, NULL, 1, 0))
		return -1;
	return 0;
}

static const struct machine_model empty_model = { .name = "empty-hooks", .start = empty_start };

/* mode < 0: the empty hooks instead of a memory model. */
static int run_machine(const char *image, int argc, char **argv, int mode, struct result *res)
{
	struct machine_config cfg = {
		.image_path = image,
		.guest_argc = argc,
		.guest_argv = argv,
		.watchdog = WATCHDOG_EXIT,
	};
	struct machine *m = machine_create(&cfg);
	double t0;
	int rc;

	if (!m)
		return -1;
	rc = mode < 0 ? machine_attach(m, &empty_model, NULL)
		      : memsys_attach(m, (enum memsys_mode)mode);
	if (rc != 0) {
		machine_destroy(m);
		return -1;
	}
	t0 = now();
	res->status = machine_run(m);
	res->seconds = now() - t0;
	res->insns = machine_stats(m)->insns;
	res->cycles = machine_clock(m)->now;
	res->ran = true;
	machine_destroy(m);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const names[NR_MODES] = { "bare", "none", "hooks", "timing", "full" };
	static const int mode_of[NR_MODES] = { 0, MEMSYS_NONE, -1, MEMSYS_TIMING, MEMSYS_FULL };
	const char *modes = "bare,none,hooks,timing,full";
	struct result best[NR_MODES] = { { 0 } };
	double mips[NR_MODES] = { 0 };
	int repeat = 3, i = 1, first_arg;
	char cmdline[512] = "";

	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			repeat = atoi(argv[i + 1]);
			i += 2;
		} else if (!strcmp(argv[i], "--modes") && i + 1 < argc) {
			modes = argv[i + 1];
			i += 2;
		} else {
			break;
		}
	}
	if (i >= argc || repeat < 1) {
		fprintf(stderr, "usage: memsys_bench [--repeat N] [--modes LIST] IMAGE "
			"[ARGS...]\n");
		return 2;
	}
	first_arg = i;
	for (int k = first_arg; k < argc; k++) {
		strncat(cmdline, argv[k], sizeof(cmdline) - strlen(cmdline) - 2);
		if (k + 1 < argc)
			strcat(cmdline, " ");
	}
	log_set_quiet(1);
	for (int r = 0; r < repeat; r++) {
		for (int k = 0; k < NR_MODES; k++) {
			struct result res = { 0 };
			int rc;

			if (!strstr(modes, names[k]))
				continue;
			fflush(stdout);
			if (k == 0)
				rc = run_bare(argv[first_arg], cmdline, &res);
			else
				rc = run_machine(argv[first_arg], argc - first_arg,
						 argv + first_arg, mode_of[k], &res);
			if (rc != 0 || res.status != 0) {
				fprintf(stderr, "memsys_bench: %s run failed (status %d)\n",
					names[k], res.status);
				return 1;
			}
			if (!best[k].ran || res.seconds < best[k].seconds)
				best[k] = res;
		}
	}
	/* bare Unicorn has no instruction counter: it runs what --model none runs */
	if (best[0].ran) {
		for (int k = 1; k < NR_MODES && !best[0].insns; k++)
			best[0].insns = best[k].insns;
	}
	for (int k = 0; k < NR_MODES; k++)
		if (best[k].ran)
			mips[k] = best[k].insns / best[k].seconds / 1e6;
	printf("\nmemsys_bench: %s, best of %d\n", cmdline, repeat);
	printf("%-8s %9s %13s %8s %13s %8s %8s\n", "mode", "seconds", "instructions", "MIPS",
	       "cycles", "vs none", "vs bare");
	for (int k = 0; k < NR_MODES; k++) {
		if (!best[k].ran)
			continue;
		printf("%-8s %9.3f %13llu %8.1f %13llu", names[k], best[k].seconds,
		       (unsigned long long)best[k].insns, mips[k],
		       (unsigned long long)best[k].cycles);
		if (best[1].ran)
			printf(" %7.0f%%", 100.0 * mips[k] / mips[1]);
		else
			printf(" %8s", "-");
		if (best[0].ran)
			printf(" %7.0f%%", 100.0 * mips[k] / mips[0]);
		printf("\n");
	}
	printf("(speed: guest MIPS relative to the column's mode; bare runs what none runs)\n");
	return 0;
}
