/* SPDX-License-Identifier: MIT */
/*
 * asm/pgtable-hwdef.h - ARMv6 short-descriptor (SCTLR.XP=1) hardware bits.
 *
 * DOC: Names and values as Linux's arch/arm/include/asm/pgtable-2level-hwdef.h
 * (ARM DDI 0301 ch. 6.11).  The first level ("PMD" in Linux's vocabulary)
 * has 4096 one-word entries, each mapping 1 MiB: a fault, a pointer to a
 * 256-entry coarse table, or a section.  The second level ("PTE") maps 4 KiB
 * small pages.  These are the bits the hardware table walker reads; the
 * software bits Linux keeps next to them are in asm/pgtable.h.
 */
#ifndef ASM_PGTABLE_HWDEF_H
#define ASM_PGTABLE_HWDEF_H

/* Level 1 descriptor (PMD) - common */
#define PMD_TYPE_MASK (3u << 0)
#define PMD_TYPE_FAULT (0u << 0)
#define PMD_TYPE_TABLE (1u << 0)
#define PMD_TYPE_SECT (2u << 0)
#define PMD_PXNTABLE (1u << 2) /* v7 */
#define PMD_BIT4 (1u << 4)
#define PMD_DOMAIN(x) ((unsigned int)(x) << 5)
#define PMD_DOMAIN_MASK PMD_DOMAIN(0xf)
#define PMD_PROTECTION (1u << 9) /* v5 */

/* Level 1 - section */
#define PMD_SECT_BUFFERABLE (1u << 2)
#define PMD_SECT_CACHEABLE (1u << 3)
#define PMD_SECT_XN (1u << 4) /* v6 */
#define PMD_SECT_AP_WRITE (1u << 10)
#define PMD_SECT_AP_READ (1u << 11)
#define PMD_SECT_TEX(x) ((unsigned int)(x) << 12) /* v5 */
#define PMD_SECT_APX (1u << 15) /* v6 */
#define PMD_SECT_S (1u << 16) /* v6 */
#define PMD_SECT_nG (1u << 17) /* v6 */
#define PMD_SECT_SUPER (1u << 18) /* v6 */
#define PMD_SECT_AF (0u)

#define PMD_SECT_UNCACHED (0u)
#define PMD_SECT_BUFFERED (PMD_SECT_BUFFERABLE)
#define PMD_SECT_WT (PMD_SECT_CACHEABLE)
#define PMD_SECT_WB (PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE)
#define PMD_SECT_MINICACHE (PMD_SECT_TEX(1) | PMD_SECT_CACHEABLE)
#define PMD_SECT_WBWA (PMD_SECT_TEX(1) | PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE)
#define PMD_SECT_CACHE_MASK (PMD_SECT_TEX(7) | PMD_SECT_CACHEABLE | PMD_SECT_BUFFERABLE)
#define PMD_SECT_NONSHARED_DEV (PMD_SECT_TEX(2))

/* Level 1 - coarse table: bits [31:10] are the table's physical address */
#define PMD_TABLE_ADDR_MASK 0xfffffc00u
#define PMD_SECT_ADDR_MASK 0xfff00000u

/* Level 2 descriptor (PTE) - common */
#define PTE_TYPE_MASK (3u << 0)
#define PTE_TYPE_FAULT (0u << 0)
#define PTE_TYPE_LARGE (1u << 0)
#define PTE_TYPE_SMALL (2u << 0)
#define PTE_TYPE_EXT (3u << 0) /* v5 */
#define PTE_BUFFERABLE (1u << 2)
#define PTE_CACHEABLE (1u << 3)

/* Level 2 - extended small page (v6 with XP=1) */
#define PTE_EXT_XN (1u << 0) /* v6 */
#define PTE_EXT_AP_MASK (3u << 4)
#define PTE_EXT_AP0 (1u << 4)
#define PTE_EXT_AP1 (2u << 4)
#define PTE_EXT_AP_UNO_SRO (0u << 4)
#define PTE_EXT_AP_UNO_SRW (PTE_EXT_AP0)
#define PTE_EXT_AP_URO_SRW (PTE_EXT_AP1)
#define PTE_EXT_AP_URW_SRW (PTE_EXT_AP1 | PTE_EXT_AP0)
#define PTE_EXT_TEX(x) ((unsigned int)(x) << 6) /* v5 */
#define PTE_EXT_APX (1u << 9) /* v6 */
#define PTE_EXT_COHERENT (1u << 9) /* XScale3 */
#define PTE_EXT_SHARED (1u << 10) /* v6 */
#define PTE_EXT_NG (1u << 11) /* v6 */
#define PTE_SMALL_ADDR_MASK 0xfffff000u

/* TTBR0/TTBR1 walk attributes (ARMv6: C, S, RGN) */
#define TTB_C (1u << 0)
#define TTB_S (1u << 1)
#define TTB_IMP (1u << 2)
#define TTB_RGN_NC (0u << 3)
#define TTB_RGN_WBWA (1u << 3)
#define TTB_RGN_WT (2u << 3)
#define TTB_RGN_WB (3u << 3)
/* What cpu_v6_switch_mm ORs into TTBR0 on a uniprocessor (proc-v6.S TTB_FLAGS_UP) */
#define TTB_FLAGS_UP TTB_RGN_WBWA

/* TTBCR */
#define TTBCR_N_MASK 7u
#define TTBCR_PD0 (1u << 4)
#define TTBCR_PD1 (1u << 5)

/* Domain access control (Linux arch/arm/include/asm/domain.h, ARMv6 without domains) */
#define DOMAIN_KERNEL 0
#define DOMAIN_USER 1
#define DOMAIN_IO 2
#define DOMAIN_VECTORS 3
#define DOMAIN_NOACCESS 0u
#define DOMAIN_CLIENT 1u
#define DOMAIN_MANAGER 3u
#define domain_val(dom, type) ((unsigned int)(type) << (2 * (dom)))

/* SCTLR (CP15 c1) bits used by the mm */
#define CR_M (1u << 0)
#define CR_A (1u << 1)
#define CR_C (1u << 2)
#define CR_W (1u << 3)
#define CR_Z (1u << 11)
#define CR_I (1u << 12)
#define CR_V (1u << 13)
#define CR_XP (1u << 23)

#endif /* ASM_PGTABLE_HWDEF_H */
