/* SPDX-License-Identifier: MIT */
/*
 * mm_alloc.c - guest instructions per alloc_pages()+__free_pages() pair.
 *
 *   bench/mm_alloc [--image bench_alloc.elf] [--pairs N] [--profile ORDER]
 *
 * Runs guest/workloads/bench_alloc.c on the full machine with 0, N/2 and N
 * steady-state pairs of order 0, 3 and 9 and prints (insns(N) - insns(0)) / N
 * from the emulator's instruction counter (machine_stats()->insns): the exact guest
 * cost of one pair plus the benchmark loop around it, whatever else the
 * guest does at boot and exit.  (insns(N) - insns(N/2)) / (N/2) must agree:
 * it shows that nothing but the loop depends on N.  Orders 3 and 9 run
 * N/8 and N/200 pairs.  A short run with a per-PC instruction hook splits
 * each figure into the allocator's part (alloc_pages + __free_pages and
 * what they call) and the benchmark loop's own (run_pairs*: argument
 * set-up, the two calls, the loop counter).
 *
 * --profile ORDER prints that split by function instead, from runs of 0 and
 * N/16 pairs.
 *
 * The guest console goes to a temporary file; it is shown only when a run
 * fails.  Not a test: it prints figures for BENCHMARKS.md.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicorn/unicorn.h>

#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"

#ifndef BENCH_ALLOC_IMAGE
#define BENCH_ALLOC_IMAGE "bench_alloc.elf"
#endif

struct profile {
	uint32_t text, etext;
	uint64_t *count; /* executions per instruction word of [text, etext) */
};

static void profile_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct profile *p = opaque;

	if (addr >= p->text && addr < p->etext)
		p->count[(addr - p->text) / 4]++;
}

/* Unicorn exists once the machine starts: hook every instruction of the kernel text then. */
static int profile_start(struct machine *m, void *opaque)
{
	struct profile *p = opaque;
	uc_hook h;

	if (uc_hook_add(machine_uc(m), &h, UC_HOOK_CODE, (void *)profile_hook, p, (uint64_t)p->text,
			(uint64_t)p->etext - 1) != UC_ERR_OK) {
		fprintf(stderr, "mm_alloc: cannot install the profile hook\n");
		return -1;
	}
	return 0;
}

static const struct machine_model profile_model = {
	.name = "mm_alloc-profile",
	.start = profile_start,
};

/* One run: "IMAGE pairs order"; returns the exit status, -1 if the machine failed. */
static int run(const char *image, unsigned long pairs, unsigned order, uint64_t *insns,
	       struct profile *prof)
{
	char n_arg[32], order_arg[16];
	char *argv[] = { (char *)image, n_arg, order_arg, NULL };
	struct machine_config cfg = { .image_path = image, .guest_argc = 3, .guest_argv = argv };
	struct machine *m;
	FILE *out = tmpfile();
	int saved = dup(1), status = -1;

	/* fixed width: parsing the argument costs the same for every N */
	snprintf(n_arg, sizeof(n_arg), "%012lu", pairs);
	snprintf(order_arg, sizeof(order_arg), "%u", order);
	if (!out || saved < 0) {
		perror("mm_alloc: console capture");
		exit(1);
	}
	fflush(stdout);
	dup2(fileno(out), 1);
	m = machine_create(&cfg);
	if (m && prof) {
		if (!elf_symbol_addr(machine_elf(m), "_text", &prof->text, NULL) ||
		    !elf_symbol_addr(machine_elf(m), "_etext", &prof->etext, NULL) ||
		    machine_attach(m, &profile_model, prof) != 0) {
			machine_destroy(m);
			m = NULL;
		} else if (!prof->count) {
			prof->count = calloc((prof->etext - prof->text) / 4, sizeof(*prof->count));
		}
	}
	if (m) {
		status = machine_run(m);
		*insns = machine_stats(m)->insns;
	}
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	if (status != 0) {
		char line[256];

		fprintf(stderr, "mm_alloc: %s %lu %u exited with status %d; guest output:\n", image,
			pairs, order, status);
		rewind(out);
		while (fgets(line, sizeof(line), out))
			fputs(line, stderr);
	}
	if (m)
		machine_destroy(m);
	fclose(out);
	return status;
}

struct fn_count {
	const char *name;
	double per_pair;
};

static int cmp_fn(const void *a, const void *b)
{
	const struct fn_count *x = a, *y = b;

	return x->per_pair < y->per_pair ? 1 : x->per_pair > y->per_pair ? -1 : 0;
}

/*
 * Runs of 0 and n pairs with the per-PC hook: where one pair's instructions
 * go, by function.  Sets *loop to the benchmark loop's share (run_pairs*);
 * prints the table if verbose.
 */
static int profile(const char *image, unsigned order, unsigned long n, bool verbose, double *loop)
{
	struct profile base = { 0 }, prof = { 0 };
	struct fn_count fns[256];
	struct elf_image *img;
	unsigned nr = 0;
	uint64_t i0, in;
	double total = 0;
	uint8_t *ram;
	int err = -1;

	*loop = 0;
	if (run(image, 0, order, &i0, &base) || run(image, n, order, &in, &prof))
		goto out;
	/* the symbols, from the image alone */
	ram = calloc(1, 0x10000000u);
	if (!ram || elf_load(image, &(struct elf_load_target){ ram, 0x50000000u, 0x10000000u, false },
			     &img) != 0) {
		free(ram);
		goto out;
	}
	for (uint32_t w = 0; w < (prof.etext - prof.text) / 4; w++) {
		int64_t d = (int64_t)(prof.count[w] - base.count[w]);
		const struct elf_symbol *s;
		const char *name;
		unsigned i;

		if (!d)
			continue;
		s = elf_lookup(img, prof.text + 4 * w);
		name = s ? s->name : "?";
		for (i = 0; i < nr && strcmp(fns[i].name, name); i++)
			;
		if (i == nr) {
			if (nr == sizeof(fns) / sizeof(fns[0]))
				continue;
			fns[nr++] = (struct fn_count){ name, 0 };
		}
		fns[i].per_pair += (double)d / n;
	}
	qsort(fns, nr, sizeof(fns[0]), cmp_fn);
	if (verbose)
		printf("profile of one order-%u pair (%lu pairs; per-PC hook):\n", order, n);
	for (unsigned i = 0; i < nr; i++) {
		if (fns[i].per_pair < 0.005 && fns[i].per_pair > -0.005)
			continue;
		if (verbose)
			printf("  %9.2f  %s\n", fns[i].per_pair, fns[i].name);
		total += fns[i].per_pair;
		if (!strncmp(fns[i].name, "run_pairs", 9))
			*loop += fns[i].per_pair;
	}
	if (verbose)
		printf("  %9.2f  total (counter: %.2f); without the benchmark loop (run_pairs*): %.2f\n",
		       total, (double)(in - i0) / n, total - *loop);
	elf_free(img);
	free(ram);
	err = 0;
out:
	free(base.count);
	free(prof.count);
	return err;
}

/* Counter figures for one order, and the loop's share from a short profiled run. */
static int measure(const char *image, unsigned order, unsigned long n)
{
	uint64_t i0, ihalf, in;
	double per_pair, loop;

	if (run(image, 0, order, &i0, NULL) || run(image, n / 2, order, &ihalf, NULL) ||
	    run(image, n, order, &in, NULL) || profile(image, order, 1000, false, &loop))
		return -1;
	per_pair = (double)(in - i0) / n;
	printf("order %u  %8lu pairs  %9.2f insns/pair = %9.2f alloc+free + %5.2f loop"
	       "  (N/2..N: %.2f; 0 pairs: %llu insns)\n",
	       order, n, per_pair, per_pair - loop, loop, (double)(in - ihalf) / (n - n / 2),
	       (unsigned long long)i0);
	return 0;
}

int main(int argc, char **argv)
{
	const char *image = BENCH_ALLOC_IMAGE;
	unsigned long n = 1000000;
	int prof_order = -1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--image") && i + 1 < argc) {
			image = argv[++i];
		} else if (!strcmp(argv[i], "--pairs") && i + 1 < argc) {
			n = strtoul(argv[++i], NULL, 0);
		} else if (!strcmp(argv[i], "--profile") && i + 1 < argc) {
			prof_order = atoi(argv[++i]);
		} else {
			fprintf(stderr,
				"usage: %s [--image bench_alloc.elf] [--pairs N] [--profile ORDER]\n",
				argv[0]);
			return 2;
		}
	}
	if (n < 256) {
		fprintf(stderr, "mm_alloc: --pairs must be at least 256\n");
		return 2;
	}
	log_set_quiet(1);
	if (prof_order >= 0) {
		double loop;

		return profile(image, (unsigned)prof_order, n / 16, true, &loop) ? 1 : 0;
	}

	printf("image %s\n", image);
	if (measure(image, 0, n) || measure(image, 3, n / 8) || measure(image, 9, n / 200))
		return 1;
	return 0;
}
