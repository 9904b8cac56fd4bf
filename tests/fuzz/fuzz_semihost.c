/* SPDX-License-Identifier: MIT */
/*
 * fuzz_semihost.c - the semihosting call handler (emu/semihost.c and the
 * sandbox behind it) with the guest's registers, page tables and memory as
 * input.
 *
 * One machine (the hello image on the 256 MiB board) is made once; each
 * input gets a fresh semihosting state confined to an empty scratch root,
 * which is emptied again afterwards.  Input:
 *   0  u32  operation (r0)
 *   4  u32  argument (r1): taken modulo the scratch window and added to its
 *           base unless flags bit 0 asks for the raw value
 *   8  u32  flags: bit 0 raw r1, bit 1 MMU on (TTBR0 = the window's first
 *           16 KiB, which the input fills), bit 2 user mode
 *  12  u32  DACR when the MMU is on
 *  16  ...  the scratch window's contents (at most 64 KiB)
 * The host's stdin and stdout are /dev/null, so the console calls neither
 * block nor print.
 */
#define _GNU_SOURCE
#include "tests/fuzz/fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emu/cpu.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/semihost.h"

#define WINDOW    0x50400000u /* 16 KiB aligned: the table can live here */
#define WINDOW_SZ 0x10000u

static struct machine *m;
static struct machine_config cfg;
static char root[64];
static char *argv0[] = { "fuzz.elf", "a b", NULL };

static void empty_root(void)
{
	DIR *d = opendir(root);
	struct dirent *e;

	if (!d)
		abort();
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			if (unlinkat(dirfd(d), e->d_name, 0) != 0)
				unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
	closedir(d);
}

static void cleanup(void)
{
	machine_destroy(m);
	empty_root();
	rmdir(root);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	log_set_quiet(1);
	if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout))
		abort();
	strcpy(root, "/tmp/fuzz-semihost-XXXXXX");
	if (!mkdtemp(root))
		abort();
	cfg.image_path = FUZZ_IMAGE;
	cfg.guest_argc = 2;
	cfg.guest_argv = argv0;
	cfg.semihosting_root = root;
	/* run the image for a moment: that brings the core up (Unicorn, CP15) */
	cfg.max_cycles = 1000;
	m = machine_create(&cfg);
	if (!m)
		abort();
	machine_run(m);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t window[WINDOW_SZ];
	uint32_t hdr[4], cpsr;

	if (size < sizeof(hdr))
		return 0;
	memcpy(hdr, data, sizeof(hdr));
	memset(window, 0, sizeof(window));
	memcpy(window, data + sizeof(hdr),
	       size - sizeof(hdr) < sizeof(window) ? size - sizeof(hdr) : sizeof(window));
	if (!machine_write_phys(m, WINDOW, window, sizeof(window)))
		abort();

	semihost_destroy(m->semihost);
	m->semihost = semihost_create(m, cfg.guest_argc, cfg.guest_argv, root);
	if (!m->semihost)
		abort();
	semihost_set_heap(m->semihost, 0x50100000u, 0x50200000u, 0x50300000u, 0x50280000u);

	cpu_cp15_write(m, 2, 0, 0, 0, WINDOW);
	cpu_cp15_write(m, 3, 0, 0, 0, hdr[3]);
	cpu_cp15_write(m, 1, 0, 0, 0, (cpu_cp15_read(m, 1, 0, 0, 0) & ~1u) | (hdr[2] >> 1 & 1));
	cpsr = cpu_reg(m, UC_ARM_REG_CPSR) & ~CPSR_MODE_MASK;
	cpu_set_reg(m, UC_ARM_REG_CPSR, cpsr | (hdr[2] & 4 ? MODE_USR : MODE_SVC));
	cpu_set_reg(m, UC_ARM_REG_R0, hdr[0]);
	cpu_set_reg(m, UC_ARM_REG_R1, hdr[2] & 1 ? hdr[1] : WINDOW + hdr[1] % WINDOW_SZ);
	semihost_call(m);

	cpu_set_reg(m, UC_ARM_REG_CPSR, cpsr | MODE_SVC);
	cpu_cp15_write(m, 1, 0, 0, 0, cpu_cp15_read(m, 1, 0, 0, 0) & ~1u);
	empty_root();
	return 0;
}
