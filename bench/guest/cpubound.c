/* SPDX-License-Identifier: MIT */
/*
 * cpubound.c - a CPU-bound guest for bench/mips: integer work over a 64 KiB
 * working set, no devices, no interrupts, MMU off, so the same image runs
 * on the full emulator and on bare Unicorn.  Exits through semihosting with
 * a checksum so both runs can be compared.
 */
#include <stdint.h>

#define ROUNDS 40

static uint32_t sieve[16384];   /* 64 KiB */
static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc32(const uint8_t *p, uint32_t n, uint32_t crc)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

static uint32_t primes(void)
{
	uint32_t count = 0;
	const uint32_t n = 16384 * 32;

	for (uint32_t i = 0; i < 16384; i++)
		sieve[i] = 0;
	for (uint32_t i = 2; i < n; i++) {
		if (sieve[i >> 5] & (1u << (i & 31)))
			continue;
		count++;
		for (uint32_t j = 2 * i; j < n; j += i)
			sieve[j >> 5] |= 1u << (j & 31);
	}
	return count;
}

static void semihost_exit(uint32_t code)
{
	static uint32_t block[2];
	register uint32_t r0 __asm__("r0") = 0x20; /* SYS_EXIT_EXTENDED */
	register uint32_t *r1 __asm__("r1") = block;

	block[0] = 0x20026; /* ADP_Stopped_ApplicationExit */
	block[1] = code;
	__asm__ volatile("svc 0x123456" : : "r"(r0), "r"(r1) : "memory");
	for (;;)
		;
}

int main(void);

void __attribute__((naked, section(".text.start"))) _start(void)
{
	__asm__ volatile("ldr sp, =0x50800000\n\tbl main\n\tb .");
}

int main(void)
{
	uint32_t sum = 0;

	crc_init();
	for (int r = 0; r < ROUNDS; r++) {
		sum += primes();
		sum = crc32((const uint8_t *)sieve, sizeof(sieve), sum);
	}
	/* 43390 primes below 524288: low byte of the checksum is the exit code */
	semihost_exit(sum & 0x7f);
	return 0;
}
