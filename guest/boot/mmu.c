// SPDX-License-Identifier: MIT
/*
 * mmu.c - boot page tables and MMU start-up for the ARM1176 (ARMv6, XP = 1).
 *
 * DOC: Runs once from start.S with the MMU and caches off (so every
 * descriptor write goes straight to memory), but cleans each descriptor's
 * D-cache line anyway, as every later page-table write must: the ARM1176
 * table walker does not look in the D-cache.  The enable sequence follows
 * Linux's __v6_setup (arch/arm/mm/proc-v6.S): clean+invalidate D, invalidate
 * I, drain the write buffer, invalidate TLBs, set TTBCR/TTBRs/DACR, then
 * SCTLR, then flush the prefetch buffer.  See boot/mmu.h for the map.
 */
#include <stdint.h>

#include "boot/mmu.h"
#include "drivers/cpu.h"
#include "drivers/s3c6410.h"

uint32_t boot_pgd[PTRS_PER_PGD] __attribute__((aligned(16384)));

#define PROT_SECT_RAM    (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WBWA | \
			  PMD_DOMAIN(DOMAIN_KERNEL))
#define PROT_SECT_DEVICE (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_DEVICE | \
			  PMD_SECT_S | PMD_SECT_XN | PMD_DOMAIN(DOMAIN_IO))

/* SCTLR bits Linux's v6_crval clears and sets, minus high vectors (we use VBAR). */
#define SCTLR_CLEAR (SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_Z | SCTLR_I | SCTLR_V | \
		     SCTLR_RR | SCTLR_VE | SCTLR_TRE | SCTLR_AFE | (1u << 8) /* S */ | \
		     (1u << 9) /* R */ | (1u << 21) /* FI */)
#define SCTLR_SET   (SCTLR_M | SCTLR_C | SCTLR_W | SCTLR_Z | SCTLR_I | SCTLR_U | \
		     SCTLR_XP | (7u << 4) /* SBO on ARMv6 */)

void pgd_set(uint32_t *pgd, uint32_t va, uint32_t desc)
{
	uint32_t *entry = &pgd[va >> SECTION_SHIFT];

	*entry = desc;
	cpu_flush_pte(entry);
}

static void map_sections(uint32_t va, uint32_t pa, uint32_t size, uint32_t prot)
{
	for (uint32_t off = 0; off < size; off += SECTION_SIZE)
		pgd_set(boot_pgd, va + off, ((pa + off) & ~(SECTION_SIZE - 1)) | prot);
}

void mmu_init(void)
{
	uint32_t zero = 0;

	map_sections(S3C_PA_DRAM, S3C_PA_DRAM, S3C_DRAM_WINDOW, PROT_SECT_RAM);
	map_sections(PAGE_OFFSET, S3C_PA_DRAM, LOWMEM_ALIAS_SIZE, PROT_SECT_RAM);
	map_sections(S3C_PA_PERIPH, S3C_PA_PERIPH, S3C_PERIPH_SIZE, PROT_SECT_DEVICE);

	__asm__ volatile(
		"mcr	p15, 0, %0, c7, c14, 0\n\t"	/* clean+invalidate D-cache */
		"mcr	p15, 0, %0, c7, c5, 0\n\t"	/* invalidate I-cache */
		"mcr	p15, 0, %0, c7, c5, 6\n\t"	/* invalidate branch target cache */
		"mcr	p15, 0, %0, c7, c10, 4\n\t"	/* drain write buffer */
		"mcr	p15, 0, %0, c8, c7, 0"		/* invalidate I+D TLBs */
		: : "r"(zero) : "memory");

	cpu_set_ttbcr(0);
	cpu_set_ttbr0((uint32_t)(uintptr_t)boot_pgd | TTB_RGN_OC_WBWA);
	cpu_set_ttbr1((uint32_t)(uintptr_t)boot_pgd | TTB_RGN_OC_WBWA);
	cpu_set_dacr(DACR_VAL(DOMAIN_KERNEL, DOMAIN_CLIENT) | DACR_VAL(DOMAIN_USER, DOMAIN_CLIENT) |
		     DACR_VAL(DOMAIN_IO, DOMAIN_CLIENT) | DACR_VAL(DOMAIN_VECTORS, DOMAIN_CLIENT));
	cpu_set_contextidr(0);
	cpu_isb();

	cpu_set_sctlr((cpu_get_sctlr() & ~SCTLR_CLEAR) | SCTLR_SET);
	cpu_isb();
}
