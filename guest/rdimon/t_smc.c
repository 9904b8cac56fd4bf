// SPDX-License-Identifier: MIT
/*
 * t_smc.c - self-modifying code: code is written, executed, overwritten and
 * executed again, with the cache maintenance an ARMv6 guest must do (clean
 * the D-cache lines, drain the write buffer, invalidate the I-cache and the
 * branch predictor, flush the prefetch buffer).  It checks that Unicorn
 * drops translated code whenever a store changes it - also when the
 * emulator skips Unicorn 2.0.1's page collections (emu/uc_fixups.h).
 *
 * A stock newlib program that turns the MMU on itself, so the same scenarios
 * run first with the MMU off and then on (RAM identity-mapped write-back,
 * plus an alias: 1 MiB at VA 0xC000_0000 over the code buffer's MiB, where
 * the S3C6410 has no physical memory).  Scenarios:
 *   - write a function, call it, overwrite it, call it again;
 *   - a block that patches a later block in its own page (the later block
 *     has run before, so its translation is stale), then branches to it;
 *   - straight-line code across a 4 KiB boundary, patched in the first page
 *     and then in the second (Unicorn ends ARM translation blocks at a
 *     page boundary, so each half is a block of its own page);
 *   - 50 rewrites of one function in a loop;
 *   - with the MMU on: written through the alias and run through the
 *     identity map, and the other way round.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../workloads/check.h"

#define ALIAS_VA 0xc0000000u
#define PAGE 4096u

/* ARM encodings of the few instructions the generated code needs. */
#define MOV_R0(imm)   (0xe3a00000u | (imm))      /* mov r0, #imm (imm < 256) */
#define ADD_R0(imm)   (0xe2800000u | (imm))      /* add r0, r0, #imm */
#define BX_LR         0xe12fff1eu
#define B_FWD(words)  (0xea000000u | (words))    /* b . + 8 + 4 * words */

static uint32_t l1[4096] __attribute__((aligned(16384)));
/* Three pages of code, in a MiB of their own so the alias covers them. */
static uint32_t code[3 * PAGE / 4] __attribute__((aligned(PAGE)));

typedef int code_fn(void);

/* The ARMv6 sequence after writing instructions (Linux's flush_icache_range). */
static void sync_icache(const void *start, size_t len)
{
	uintptr_t a = (uintptr_t)start & ~31u, end = (uintptr_t)start + len;

	for (; a < end; a += 32)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a) : "memory"); /* clean D line */
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 4\n\t"  /* drain write buffer */
			 "mcr p15, 0, %0, c7, c5, 0\n\t"   /* invalidate I-cache */
			 "mcr p15, 0, %0, c7, c5, 6\n\t"   /* flush branch predictor */
			 "mcr p15, 0, %0, c7, c5, 4"       /* flush prefetch buffer */
			 : : "r"(0) : "memory");
}

static int call(const volatile uint32_t *at)
{
	return ((code_fn *)(uintptr_t)at)();
}

/* Write `n` words at `dst` (the store's view) and make them executable. */
static void emit(volatile uint32_t *dst, const uint32_t *words, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		dst[i] = words[i];
	sync_icache((const void *)dst, n * 4);
}

static volatile uint32_t *alias_of(volatile uint32_t *p)
{
	return (volatile uint32_t *)(ALIAS_VA + ((uintptr_t)p & 0xfffffu));
}

/* Write, run, overwrite, run: the store view `w` and the execute view `x` of one place. */
static void rewrite(const char *mode, volatile uint32_t *w, volatile uint32_t *x)
{
	uint32_t f1[] = { MOV_R0(17), ADD_R0(4), BX_LR };
	uint32_t f2[] = { MOV_R0(100), ADD_R0(23), ADD_R0(1), BX_LR };

	emit(w, f1, 3);
	CHECK(call(x) == 21, "%s: a written function runs (%d)", mode, call(x));
	emit(w, f2, 4);
	CHECK(call(x) == 124, "%s: its overwritten version runs (%d)", mode, call(x));
	emit(w, f1, 3);
	CHECK(call(x) == 21, "%s: and the first again (%d)", mode, call(x));
}

/*
 * A block that stores a new instruction into a later block of its own page,
 * does the maintenance itself and branches there.  Word 16 is the later
 * block; it runs once on its own first, so a stale translation exists.
 */
static void patch_own_page(const char *mode, volatile uint32_t *p, unsigned round)
{
	uint32_t before = MOV_R0(40 + round), after = MOV_R0(90 + round);
	uint32_t blk[] = {
		0xe59f101cu,    /*  0: ldr r1, [pc, #28]   -> word 9, the new instruction */
		0xe28f2034u,    /*  1: add r2, pc, #52     -> word 16 */
		0xe5821000u,    /*  2: str r1, [r2] */
		0xee072f3au,    /*  3: mcr p15, 0, r2, c7, c10, 1   clean D line */
		0xe3a03000u,    /*  4: mov r3, #0 */
		0xee073f9au,    /*  5: mcr p15, 0, r3, c7, c10, 4   drain write buffer */
		0xee073f15u,    /*  6: mcr p15, 0, r3, c7, c5, 0    invalidate I-cache */
		0xee073f95u,    /*  7: mcr p15, 0, r3, c7, c5, 4    flush prefetch buffer */
		B_FWD(6),       /*  8: b word 16 */
		after,          /*  9: the literal */
		0, 0, 0, 0, 0, 0,
		before,         /* 16: the later block */
		BX_LR,          /* 17 */
	};

	emit(p, blk, sizeof(blk) / 4);
	CHECK(call(p + 16) == (int)(40 + round), "%s: the later block runs as written (%d)", mode,
	      call(p + 16));
	CHECK(call(p) == (int)(90 + round), "%s: a block patches a later block of its page (%d)",
	      mode, call(p + 16));
	CHECK(p[16] == after, "%s: the patched word is in memory", mode);
	CHECK(call(p + 16) == (int)(90 + round), "%s: and the patched block stays patched", mode);
}

/* Straight-line code over the boundary between two pages, patched in each. */
static void cross_page(const char *mode, volatile uint32_t *boundary)
{
	volatile uint32_t *f = boundary - 2;
	uint32_t w[] = { MOV_R0(1), ADD_R0(2), ADD_R0(4), BX_LR };

	emit(f, w, 4);
	CHECK(call(f) == 7, "%s: code across a page boundary runs (%d)", mode, call(f));
	w[1] = ADD_R0(20);
	emit(f + 1, &w[1], 1);
	CHECK(call(f) == 25, "%s: patched in the first page (%d)", mode, call(f));
	w[2] = ADD_R0(40);
	emit(f + 2, &w[2], 1);
	CHECK(call(f) == 61, "%s: patched in the second page (%d)", mode, call(f));
	w[0] = MOV_R0(3);
	w[3] = BX_LR;
	w[2] = ADD_R0(50);
	emit(f, w, 4);
	CHECK(call(f) == 73, "%s: patched in both pages at once (%d)", mode, call(f));
}

/* 50 rewrites of one function, each executed. */
static void rewrite_loop(const char *mode, volatile uint32_t *p)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < 50; i++) {
		uint32_t w[] = { MOV_R0(i), ADD_R0(i), ADD_R0(i & 7), BX_LR };
		int r;

		emit(p, w, 4);
		r = call(p);
		if (r != (int)(2 * i + (i & 7))) {
			if (!bad)
				printf("# %s: rewrite %u returned %d, expected %u\n", mode, i, r,
				       2 * i + (i & 7));
			bad++;
		}
	}
	CHECK(bad == 0, "%s: 50 rewrites in a loop, each runs (%u stale)", mode, bad);
}

static void scenarios(const char *mode, unsigned round)
{
	rewrite(mode, code, code);
	patch_own_page(mode, code + 64, round);
	cross_page(mode, code + PAGE / 4);
	rewrite_loop(mode, code + 2 * PAGE / 4 + 8);
}

#define SECT(pa) (((pa) & 0xfff00000u) | (1u << 12) | (3u << 10) | 0xcu | 2u)

static void mmu_on(void)
{
	uint32_t sctlr;

	for (uint32_t i = 0x500; i < 0x600; i++)
		l1[i] = SECT(i << 20);
	l1[ALIAS_VA >> 20] = SECT((uint32_t)(uintptr_t)code);
	__asm__ volatile("mcr p15, 0, %0, c7, c14, 0\n\t"
			 "mcr p15, 0, %0, c7, c5, 0\n\t"
			 "mcr p15, 0, %0, c7, c10, 4\n\t"
			 "mcr p15, 0, %0, c8, c7, 0\n\t"
			 "mcr p15, 0, %0, c2, c0, 2\n\t"
			 "mcr p15, 0, %1, c2, c0, 0\n\t"
			 "mcr p15, 0, %2, c3, c0, 0"
			 : : "r"(0), "r"((uint32_t)(uintptr_t)l1), "r"(0x55555555u) : "memory");
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sctlr &= ~(1u << 1);                          /* A */
	sctlr |= 1u | (1u << 2) | (1u << 11) | (1u << 12) | (1u << 22) | (1u << 23);
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\t"
			 "mcr p15, 0, %1, c7, c5, 4" : : "r"(sctlr), "r"(0) : "memory");
}

int main(void)
{
	uint32_t sctlr;

	scenarios("MMU off", 0);

	mmu_on();
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	CHECK((sctlr & 5u) == 5u, "MMU and D-cache on (SCTLR 0x%08lx)", (unsigned long)sctlr);
	scenarios("MMU on", 1);

	/* Through the alias: one VA writes, the other executes, both ways. */
	rewrite("write alias, run identity", alias_of(code), code);
	rewrite("write identity, run alias", code, alias_of(code));
	patch_own_page("alias", alias_of(code + 128), 2);
	rewrite_loop("alias", alias_of(code + 2 * PAGE / 4 + 8));

	return check_done("t_smc");
}
