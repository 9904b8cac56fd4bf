/* SPDX-License-Identifier: MIT */
/*
 * mmu.h - ARM1176JZF-S (ARMv6 VMSA) translation table walk.
 *
 * DOC: A pure function of the CP15 state and of guest memory: given a virtual
 * address and an access kind it walks the short-descriptor tables exactly as
 * the hardware walker does (ARM DDI 0301 ch. 6, ARM DDI 0100I B4) and returns
 * either the physical address with its memory attributes or the fault the
 * core would raise, encoded as the DFSR/IFSR value.  It reads descriptors
 * through a callback so the caller decides what a walk read means (timing,
 * coherency checks, host reads for reports).  No TLB here: see tlb.c.
 *
 * Modelled: TTBR0/TTBR1 split by TTBCR.N, TTBCR.PD0/PD1, sections,
 * supersections, coarse tables with large (64 KiB) and small (4 KiB) pages,
 * the ARMv6 (XP=1) and the backwards-compatible (XP=0, subpage AP) formats,
 * domains (DACR), AP/APX with SCTLR.S/R, XN, nG, S, TEX/C/B.
 * Not modelled: fine tables (reserved on ARMv6), the NS bit, 36-bit
 * supersection addresses (reported as an external abort), the access flag
 * (SCTLR.AFE) and TEX remap (SCTLR.TRE).
 */
#ifndef SOC_ARM1176_MMU_H
#define SOC_ARM1176_MMU_H

#include <stdbool.h>
#include <stdint.h>

/* SCTLR bits the walker and the machine care about. */
#define SCTLR_M  (1u << 0)  /* MMU enable */
#define SCTLR_A  (1u << 1)  /* strict alignment */
#define SCTLR_C  (1u << 2)  /* D-cache enable */
#define SCTLR_W  (1u << 3)  /* write buffer */
#define SCTLR_S  (1u << 8)  /* system protection (XP=0, AP=00) */
#define SCTLR_R  (1u << 9)  /* ROM protection (XP=0, AP=00) */
#define SCTLR_Z  (1u << 11) /* branch prediction */
#define SCTLR_I  (1u << 12) /* I-cache enable */
#define SCTLR_V  (1u << 13) /* high vectors at 0xFFFF0000 */
#define SCTLR_RR (1u << 14) /* round-robin cache replacement */
#define SCTLR_U  (1u << 22) /* unaligned access support */
#define SCTLR_XP (1u << 23) /* ARMv6 page table format, subpages off */
#define SCTLR_VE (1u << 24) /* vectored interrupts from the VIC port */
#define SCTLR_EE (1u << 25) /* big-endian exception entry */

/* Fault status values (FS[4] is FSR bit 10, FS[3:0] bits 3:0). */
enum mmu_fault {
	FAULT_NONE = 0,
	FAULT_ALIGNMENT = 0x01,
	FAULT_DEBUG = 0x02,
	FAULT_ICACHE_MAINT = 0x04,
	FAULT_TRANSLATION_SECTION = 0x05,
	FAULT_TRANSLATION_PAGE = 0x07,
	FAULT_EXTERNAL = 0x08,          /* precise external abort */
	FAULT_DOMAIN_SECTION = 0x09,
	FAULT_DOMAIN_PAGE = 0x0b,
	FAULT_EXT_TRANSLATION_L1 = 0x0c,
	FAULT_PERMISSION_SECTION = 0x0d,
	FAULT_EXT_TRANSLATION_L2 = 0x0e,
	FAULT_PERMISSION_PAGE = 0x0f,
	FAULT_IMPRECISE_EXTERNAL = 0x16,
};

#define FSR_WNR (1u << 11) /* data aborts: the access was a write */

enum mmu_access { MMU_READ, MMU_WRITE, MMU_FETCH };

struct mmu_regs {
	uint32_t sctlr, ttbr0, ttbr1, ttbcr, dacr, contextidr;
};

/* Kind of mapping a translation came from. */
enum mmu_map_kind { MAP_FLAT, MAP_SECTION, MAP_SUPERSECTION, MAP_LARGE, MAP_SMALL };

struct mmu_result {
	uint32_t pa;
	uint32_t fsr;       /* 0, or the DFSR/IFSR value the core would write */
	uint32_t far;       /* the faulting virtual address */
	enum mmu_map_kind kind;
	uint32_t size;      /* bytes covered by the mapping (4K, 64K, 1M, 16M) */
	uint8_t domain;
	uint8_t ap;         /* APX:AP[1:0] as 3 bits (XP=0: the subpage's AP) */
	uint8_t tex, c, b;  /* memory attributes */
	bool xn, ng, s;
	/* Descriptors the walk read, for timing and walker-coherency checks. */
	uint8_t nr_reads;
	uint32_t desc_pa[2];
	uint32_t desc[2];
};

/* Read a 32-bit descriptor at a physical address; false = no memory there. */
typedef bool (*mmu_read_fn)(void *opaque, uint32_t pa, uint32_t *value);

/*
 * Translate `va`.  Returns 0 on success, or the fault status with `out->fsr`
 * and `out->far` filled in.  With SCTLR.M clear the mapping is flat.
 */
uint32_t mmu_translate(const struct mmu_regs *r, uint32_t va, enum mmu_access acc,
		       bool privileged, mmu_read_fn rd, void *opaque, struct mmu_result *out);

/* Walk only (no domain or permission checks): for host-side reads and TLB fills. */
uint32_t mmu_walk(const struct mmu_regs *r, uint32_t va, mmu_read_fn rd, void *opaque,
		  struct mmu_result *out);

/* Domain and permission checks of a completed walk, as the core applies them. */
uint32_t mmu_check(const struct mmu_regs *r, const struct mmu_result *w, uint32_t va,
		   enum mmu_access acc, bool privileged);

/* Human-readable name of a fault status ("translation fault (page)"). */
const char *mmu_fault_name(uint32_t fsr);

/* FSR value for a status code and, for data aborts, domain and direction. */
static inline uint32_t mmu_fsr(uint32_t status, unsigned domain, bool write)
{
	return (status & 0xf) | ((status & 0x10) << 6) | ((domain & 0xf) << 4) |
	       (write ? FSR_WNR : 0);
}

static inline uint32_t mmu_fsr_status(uint32_t fsr)
{
	return (fsr & 0xf) | ((fsr >> 6) & 0x10);
}

#endif /* SOC_ARM1176_MMU_H */
