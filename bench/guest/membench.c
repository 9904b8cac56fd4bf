// SPDX-License-Identifier: MIT
/*
 * membench.c - a CPU- and memory-bound guest for bench/memsys_bench: a stock
 * newlib (rdimon) program that turns the MMU and caches on itself, so the
 * same image runs on bare Unicorn, which has no board, and in the emulator.
 *
 *   membench [ROUNDS]     (default 4)
 *
 * Each round: CRC-32 over a 64 KiB buffer (cache-resident compute), a
 * 1 MiB memcpy back and forth (streaming: line fills, write buffer), a
 * pointer chase through 4 MiB mapped with 4 KiB pages (TLB misses, walks,
 * cache misses) and an insertion sort of 2048 words.  It prints one
 * checksum line: every mode must print the same.
 *
 * Map: RAM 0x5000_0000-0x5FFF_FFFF identity, 1 MiB sections, write-back
 * (TEX=001 C=1 B=1), full access, domain 0 client; the chase pool at VA
 * 0x5800_0000-0x583F_FFFF through four coarse tables onto PA 0x5C00_0000.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RAM's physical base: the S3C6410's; bench/qemu_compare relinks the image
 * with -DRAM_BASE=0 for QEMU's versatilepb, whose RAM starts at 0. */
#ifndef RAM_BASE
#define RAM_BASE  0x50000000u
#endif
#define POOL_VA   0x58000000u
#define POOL_PA   (RAM_BASE + 0x0c000000u)
#define POOL_SIZE (4u << 20)
#define NODE      64u

static uint32_t l1[4096] __attribute__((aligned(16384)));
static uint32_t l2[4][256] __attribute__((aligned(1024)));
static uint8_t buf_a[1 << 20], buf_b[1 << 20];
static uint32_t crc_table[256];
static uint32_t sort_buf[2048];

#define SECT(pa) (((pa) & 0xfff00000u) | (1u << 12) | (3u << 10) | 0xcu | 2u)
#define PAGE(pa) (((pa) & 0xfffff000u) | (1u << 6) | (3u << 4) | 0xcu | 2u)

static void mmu_on(void)
{
	uint32_t sctlr;

	for (uint32_t i = RAM_BASE >> 20; i < (RAM_BASE >> 20) + 0x100; i++)
		l1[i] = SECT(i << 20);
	for (uint32_t t = 0; t < 4; t++) {
		for (uint32_t i = 0; i < 256; i++)
			l2[t][i] = PAGE(POOL_PA + (t << 20) + (i << 12));
		l1[(POOL_VA >> 20) + t] = (uint32_t)(uintptr_t)l2[t] | 1u;
	}
	/* Caches are off here, so the tables are in memory already. */
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

static uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t chase_setup(void)
{
	uint32_t n = POOL_SIZE / NODE, seed = 12345, *perm = malloc(n * sizeof(*perm));

	if (!perm)
		return 0;
	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	for (uint32_t i = n - 1; i > 0; i--) {
		uint32_t j, t;

		seed = seed * 1664525u + 1013904223u;
		j = (seed >> 8) % (i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint32_t i = 0; i < n; i++)
		*(volatile uint32_t *)(uintptr_t)(POOL_VA + perm[i] * NODE) =
			POOL_VA + perm[(i + 1) % n] * NODE;
	free(perm);
	return n;
}

static uint32_t chase(uint32_t steps)
{
	uint32_t p = POOL_VA, sum = 0;

	while (steps--) {
		p = *(volatile uint32_t *)(uintptr_t)p;
		sum += p;
	}
	return sum;
}

static uint32_t sort_round(uint32_t seed)
{
	size_t n = sizeof(sort_buf) / sizeof(sort_buf[0]);

	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		sort_buf[i] = seed >> 8;
	}
	for (size_t i = 1; i < n; i++) {
		uint32_t v = sort_buf[i];
		size_t j = i;

		while (j && sort_buf[j - 1] > v) {
			sort_buf[j] = sort_buf[j - 1];
			j--;
		}
		sort_buf[j] = v;
	}
	return sort_buf[0] ^ sort_buf[n / 2] ^ sort_buf[n - 1];
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 4;
	uint32_t sum = 0;

	mmu_on();
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (c & 1 ? 0xedb88320u : 0);
		crc_table[i] = c;
	}
	for (size_t i = 0; i < sizeof(buf_a); i++)
		buf_a[i] = (uint8_t)(i * 7 + (i >> 9));
	if (!chase_setup()) {
		printf("membench: out of memory\n");
		return 1;
	}
	for (int r = 0; r < rounds; r++) {
		for (int k = 0; k < 8; k++)
			sum = crc32(buf_a + 65536 * (r & 7), 65536, sum);
		memcpy(buf_b, buf_a, sizeof(buf_a));
		memcpy(buf_a, buf_b, sizeof(buf_b));
		sum ^= chase(200000);
		sum += sort_round((uint32_t)r);
	}
	printf("membench: %d rounds, checksum %08lx\n", rounds, (unsigned long)sum);
	return 0;
}
