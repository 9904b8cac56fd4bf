/* SPDX-License-Identifier: MIT */
/*
 * mmu.h - the boot page tables and ARMv6 short-descriptor formats (SCTLR.XP = 1).
 *
 * DOC: mmu_init() (boot/start.S calls it with the MMU off) builds boot_pgd:
 *   0x5000_0000-0x5FFF_FFFF  identity, 1 MiB sections, normal memory
 *                            write-back write-allocate (TEX=001 C=1 B=1)
 *   0xC000_0000-0xCFFF_FFFF  the same RAM again (Linux's lowmem alias)
 *   0x7000_0000-0x7FFF_FFFF  identity, shared device (TEX=000 C=0 B=1), XN
 * everything privileged read/write, no user access (APX=0 AP=01), global.
 * RAM and the alias use domain 0 (Linux's DOMAIN_KERNEL), devices domain 2
 * (DOMAIN_IO); DACR makes domains 0-3 clients.  TTBCR = 0 (TTBR0 covers all),
 * TTBR0 = TTBR1 = boot_pgd with outer write-back write-allocate walks.
 * Field layouts: ARM DDI 0301 sec. 6.11 (and Linux's pgtable-2level-hwdef.h).
 */
#ifndef GUEST_BOOT_MMU_H
#define GUEST_BOOT_MMU_H

#include <stdint.h>

#define PAGE_OFFSET      0xC0000000u   /* lowmem alias of RAM */
#define PHYS_OFFSET      0x50000000u
#define LOWMEM_ALIAS_SIZE 0x10000000u

#define SECTION_SHIFT    20
#define SECTION_SIZE     (1u << SECTION_SHIFT)
#define PTRS_PER_PGD     4096
#define PTRS_PER_PTE     256

/* First-level descriptors */
#define PMD_TYPE_FAULT   (0u << 0)
#define PMD_TYPE_TABLE   (1u << 0)     /* coarse page table */
#define PMD_TYPE_SECT    (2u << 0)
#define PMD_TYPE_MASK    (3u << 0)
#define PMD_SECT_B       (1u << 2)
#define PMD_SECT_C       (1u << 3)
#define PMD_SECT_XN      (1u << 4)
#define PMD_DOMAIN(x)    ((uint32_t)(x) << 5)
#define PMD_SECT_AP_WRITE (1u << 10)   /* AP[0] */
#define PMD_SECT_AP_READ (1u << 11)    /* AP[1] */
#define PMD_SECT_TEX(x)  ((uint32_t)(x) << 12)
#define PMD_SECT_APX     (1u << 15)
#define PMD_SECT_S       (1u << 16)
#define PMD_SECT_nG      (1u << 17)
#define PMD_SECT_SUPER   (1u << 18)
#define PMD_SECT_WBWA    (PMD_SECT_TEX(1) | PMD_SECT_C | PMD_SECT_B)
#define PMD_SECT_DEVICE  PMD_SECT_B     /* TEX=000 C=0 B=1: shared device */

/* Second-level (coarse table) descriptors */
#define PTE_TYPE_FAULT   (0u << 0)
#define PTE_TYPE_LARGE   (1u << 0)     /* 64 KiB */
#define PTE_TYPE_SMALL   (2u << 0)     /* 4 KiB; bit 0 is XN */
#define PTE_SMALL_XN     (1u << 0)
#define PTE_B            (1u << 2)
#define PTE_C            (1u << 3)
#define PTE_AP_WRITE     (1u << 4)     /* AP[0] */
#define PTE_AP_READ      (1u << 5)     /* AP[1] */
#define PTE_SMALL_TEX(x) ((uint32_t)(x) << 6)
#define PTE_APX          (1u << 9)
#define PTE_S            (1u << 10)
#define PTE_nG           (1u << 11)
#define PTE_SMALL_WBWA   (PTE_SMALL_TEX(1) | PTE_C | PTE_B)

#define DOMAIN_KERNEL    0
#define DOMAIN_USER      1
#define DOMAIN_IO        2
#define DOMAIN_VECTORS   3
#define DOMAIN_NOACCESS  0
#define DOMAIN_CLIENT    1
#define DOMAIN_MANAGER   3
#define DACR_VAL(dom, type) ((uint32_t)(type) << (2 * (dom)))

/* TTBR0/1 walk attributes: outer write-back write-allocate, inner non-cacheable */
#define TTB_RGN_OC_WBWA  (1u << 3)

/* The boot L1 table (16 KiB aligned, in .bss; [_text, _end) covers it). */
extern uint32_t boot_pgd[PTRS_PER_PGD];

/* Build boot_pgd and turn on the MMU, caches and branch prediction. */
void mmu_init(void);

/* Write one L1 entry of boot_pgd and make it visible to the table walker
 * (clean its D-cache line, drain).  The caller flushes TLBs as needed. */
void pgd_set(uint32_t *pgd, uint32_t va, uint32_t desc);

/* Virtual address of RAM through the lowmem alias, and back. */
static inline uint32_t phys_to_lowmem(uint32_t pa)
{
	return pa - PHYS_OFFSET + PAGE_OFFSET;
}

static inline uint32_t lowmem_to_phys(uint32_t va)
{
	return va - PAGE_OFFSET + PHYS_OFFSET;
}

#endif /* GUEST_BOOT_MMU_H */
