/* SPDX-License-Identifier: MIT */
/*
 * mmu.c - ARMv6 short-descriptor table walk and access checks.
 */
#include "soc/arm1176/mmu.h"

#include <string.h>

/* L1 descriptor fields (XP=1 unless noted). */
#define L1_TYPE(d)      ((d) & 3u)
#define L1_COARSE       1u
#define L1_SECTION      2u
#define L1_B            (1u << 2)
#define L1_C            (1u << 3)
#define L1_XN           (1u << 4)
#define L1_DOMAIN(d)    (((d) >> 5) & 0xfu)
#define L1_AP(d)        (((d) >> 10) & 3u)
#define L1_TEX(d)       (((d) >> 12) & 7u)
#define L1_APX          (1u << 15)
#define L1_S            (1u << 16)
#define L1_NG           (1u << 17)
#define L1_SUPER        (1u << 18)
#define L1_SUPER_EXTBASE(d) (((d) >> 20) & 0xfu) /* PA[35:32] */

/* L2 descriptor fields. */
#define L2_TYPE(d)      ((d) & 3u)
#define L2_LARGE        1u
#define L2_B            (1u << 2)
#define L2_C            (1u << 3)
#define L2_AP(d)        (((d) >> 4) & 3u)
#define L2_SMALL_TEX(d) (((d) >> 6) & 7u)
#define L2_APX          (1u << 9)
#define L2_S            (1u << 10)
#define L2_NG           (1u << 11)
#define L2_LARGE_TEX(d) (((d) >> 12) & 7u)
#define L2_LARGE_XN     (1u << 15)
#define L2_SMALL_XN     (1u << 0)

#define TTBCR_N(t)      ((t) & 7u)
#define TTBCR_PD0       (1u << 4)
#define TTBCR_PD1       (1u << 5)

static uint32_t fault(struct mmu_result *out, uint32_t status, unsigned domain,
		      uint32_t va, enum mmu_access acc)
{
	out->fsr = mmu_fsr(status, domain, acc == MMU_WRITE);
	out->far = va;
	return out->fsr;
}

static bool read_desc(struct mmu_result *out, mmu_read_fn rd, void *opaque,
		      uint32_t pa, uint32_t *d)
{
	bool ok = rd(opaque, pa, d);

	if (out->nr_reads < 2) {
		out->desc_pa[out->nr_reads] = pa;
		out->desc[out->nr_reads] = ok ? *d : 0;
		out->nr_reads++;
	}
	return ok;
}

uint32_t mmu_walk(const struct mmu_regs *r, uint32_t va, mmu_read_fn rd, void *opaque,
		  struct mmu_result *out)
{
	const bool xp = r->sctlr & SCTLR_XP;
	unsigned n = TTBCR_N(r->ttbcr);
	uint32_t l1_pa, l1, l2_pa, l2;

	memset(out, 0, sizeof(*out));
	if (!(r->sctlr & SCTLR_M)) {
		out->pa = va;
		out->kind = MAP_FLAT;
		out->size = 1u << 12;
		out->ap = 3;
		/* With the MMU off data is strongly ordered; fetches are Normal. */
		return 0;
	}

	if (n && (va >> (32 - n))) {
		if (r->ttbcr & TTBCR_PD1)
			return fault(out, FAULT_TRANSLATION_SECTION, 0, va, MMU_READ);
		l1_pa = (r->ttbr1 & 0xffffc000u) | ((va >> 20) << 2);
	} else {
		if (r->ttbcr & TTBCR_PD0)
			return fault(out, FAULT_TRANSLATION_SECTION, 0, va, MMU_READ);
		l1_pa = (r->ttbr0 & ~((0x4000u >> n) - 1)) | (((va << n) >> (20 + n)) << 2);
	}

	if (!read_desc(out, rd, opaque, l1_pa, &l1))
		return fault(out, FAULT_EXT_TRANSLATION_L1, 0, va, MMU_READ);

	switch (L1_TYPE(l1)) {
	case L1_SECTION:
		out->b = !!(l1 & L1_B);
		out->c = !!(l1 & L1_C);
		out->tex = L1_TEX(l1);
		if (xp) {
			out->xn = l1 & L1_XN;
			out->s = l1 & L1_S;
			out->ng = l1 & L1_NG;
			out->ap = (uint8_t)(L1_AP(l1) | ((l1 & L1_APX) ? 4 : 0));
		} else {
			out->ap = (uint8_t)L1_AP(l1);
		}
		if (xp && (l1 & L1_SUPER)) {
			out->kind = MAP_SUPERSECTION;
			out->size = 1u << 24;
			out->domain = 0; /* supersections are always in domain 0 */
			if (L1_SUPER_EXTBASE(l1))
				return fault(out, FAULT_EXT_TRANSLATION_L1, 0, va, MMU_READ);
			out->pa = (l1 & 0xff000000u) | (va & 0x00ffffffu);
		} else {
			out->kind = MAP_SECTION;
			out->size = 1u << 20;
			out->domain = (uint8_t)L1_DOMAIN(l1);
			out->pa = (l1 & 0xfff00000u) | (va & 0x000fffffu);
		}
		return 0;
	case L1_COARSE:
		break;
	default: /* fault, or a fine table: reserved on ARMv6 */
		return fault(out, FAULT_TRANSLATION_SECTION, 0, va, MMU_READ);
	}

	out->domain = (uint8_t)L1_DOMAIN(l1);
	l2_pa = (l1 & 0xfffffc00u) | (((va >> 12) & 0xffu) << 2);
	if (!read_desc(out, rd, opaque, l2_pa, &l2))
		return fault(out, FAULT_EXT_TRANSLATION_L2, out->domain, va, MMU_READ);

	if (L2_TYPE(l2) == 0)
		return fault(out, FAULT_TRANSLATION_PAGE, out->domain, va, MMU_READ);

	out->b = !!(l2 & L2_B);
	out->c = !!(l2 & L2_C);
	if (L2_TYPE(l2) == L2_LARGE) {
		out->kind = MAP_LARGE;
		out->size = 1u << 16;
		out->pa = (l2 & 0xffff0000u) | (va & 0xffffu);
		out->tex = L2_LARGE_TEX(l2);
		if (xp) {
			out->xn = l2 & L2_LARGE_XN;
			out->ap = (uint8_t)(L2_AP(l2) | ((l2 & L2_APX) ? 4 : 0));
		} else {
			/* Subpages of 16 KiB, AP0..AP3 at bits 4..11. */
			out->ap = (uint8_t)((l2 >> (4 + 2 * ((va >> 14) & 3))) & 3);
		}
	} else {
		out->kind = MAP_SMALL;
		out->size = 1u << 12;
		out->pa = (l2 & 0xfffff000u) | (va & 0xfffu);
		if (xp) {
			out->xn = l2 & L2_SMALL_XN;
			out->tex = L2_SMALL_TEX(l2);
			out->ap = (uint8_t)(L2_AP(l2) | ((l2 & L2_APX) ? 4 : 0));
		} else if (L2_TYPE(l2) == 3) {
			/* Extended small page: one AP, TEX at 8:6. */
			out->tex = L2_SMALL_TEX(l2);
			out->ap = (uint8_t)L2_AP(l2);
		} else {
			/* Subpages of 1 KiB. */
			out->ap = (uint8_t)((l2 >> (4 + 2 * ((va >> 10) & 3))) & 3);
		}
	}
	if (xp) {
		out->s = l2 & L2_S;
		out->ng = l2 & L2_NG;
	}
	return 0;
}

/* Can this access go ahead under AP/APX?  (ARM DDI 0100I table B4-1 and 0301 6.5.2) */
static bool ap_allows(const struct mmu_regs *r, unsigned ap, bool apx, bool priv, bool write)
{
	if (!apx) {
		switch (ap) {
		case 0:
			if (r->sctlr & SCTLR_XP)
				return false;
			/* Legacy S/R protection */
			if (write)
				return false;
			if (r->sctlr & SCTLR_R)
				return true;
			return (r->sctlr & SCTLR_S) && priv;
		case 1:
			return priv;
		case 2:
			return priv || !write;
		default:
			return true;
		}
	}
	switch (ap) {
	case 1:
		return priv && !write;
	case 2:
	case 3:
		return !write;
	default: /* APX=1, AP=00 is reserved */
		return false;
	}
}

uint32_t mmu_check(const struct mmu_regs *r, const struct mmu_result *w, uint32_t va,
		   enum mmu_access acc, bool privileged)
{
	struct mmu_result tmp;
	bool page = w->kind == MAP_LARGE || w->kind == MAP_SMALL;
	unsigned dom;

	if (w->kind == MAP_FLAT)
		return 0;
	dom = (r->dacr >> (2 * w->domain)) & 3u;
	tmp = *w;
	if (dom == 0 || dom == 2)
		return fault(&tmp, page ? FAULT_DOMAIN_PAGE : FAULT_DOMAIN_SECTION,
			     w->domain, va, acc);
	if (dom == 3) /* manager: no permission checks, XN not applied */
		return 0;
	if (acc == MMU_FETCH && w->xn)
		return fault(&tmp, page ? FAULT_PERMISSION_PAGE : FAULT_PERMISSION_SECTION,
			     w->domain, va, acc);
	if (!ap_allows(r, w->ap & 3u, w->ap & 4u, privileged, acc == MMU_WRITE))
		return fault(&tmp, page ? FAULT_PERMISSION_PAGE : FAULT_PERMISSION_SECTION,
			     w->domain, va, acc);
	return 0;
}

uint32_t mmu_translate(const struct mmu_regs *r, uint32_t va, enum mmu_access acc,
		       bool privileged, mmu_read_fn rd, void *opaque, struct mmu_result *out)
{
	uint32_t fsr = mmu_walk(r, va, rd, opaque, out);

	if (fsr) {
		/* Walk faults carry the direction of the access that caused them. */
		out->fsr = (fsr & ~FSR_WNR) | (acc == MMU_WRITE ? FSR_WNR : 0);
		return out->fsr;
	}
	fsr = mmu_check(r, out, va, acc, privileged);
	if (fsr) {
		out->fsr = fsr;
		out->far = va;
	}
	return fsr;
}

const char *mmu_fault_name(uint32_t fsr)
{
	switch (mmu_fsr_status(fsr)) {
	case FAULT_NONE: return "no fault";
	case FAULT_ALIGNMENT: return "alignment fault";
	case FAULT_DEBUG: return "debug event";
	case FAULT_ICACHE_MAINT: return "instruction cache maintenance fault";
	case FAULT_TRANSLATION_SECTION: return "translation fault (section)";
	case FAULT_TRANSLATION_PAGE: return "translation fault (page)";
	case FAULT_EXTERNAL: return "precise external abort";
	case FAULT_DOMAIN_SECTION: return "domain fault (section)";
	case FAULT_DOMAIN_PAGE: return "domain fault (page)";
	case FAULT_EXT_TRANSLATION_L1: return "external abort on translation (first level)";
	case FAULT_PERMISSION_SECTION: return "permission fault (section)";
	case FAULT_EXT_TRANSLATION_L2: return "external abort on translation (second level)";
	case FAULT_PERMISSION_PAGE: return "permission fault (page)";
	case FAULT_IMPRECISE_EXTERNAL: return "imprecise external abort";
	default: return "reserved fault status";
	}
}
