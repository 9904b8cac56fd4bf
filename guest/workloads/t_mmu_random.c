// SPDX-License-Identifier: MIT
/*
 * t_mmu_random.c - random page tables of every ARMv6 kind, and random loads
 * and stores through them, checked against what the tables say.
 *
 * A 16 MiB pool at physical 0x5800_0000 holds in every word its own physical
 * address, so a load shows which physical word it reached.  Each round:
 *   - VA 0x8000_0000-0xBFFF_FFFF gets random L1 entries: faults, sections,
 *     supersections and coarse tables whose entries are faults, small pages
 *     and large pages, all onto random parts of the pool, with random
 *     domains, AP/APX, TEX/C/B, S, nG;
 *   - DACR makes domains 4-7 random clients, managers or no-access;
 *   - CONTEXTIDR gets a random ASID; the tables are cleaned, the TLBs
 *     invalidated;
 *   - 64 random word and byte loads and stores (stores write the value the
 *     word already holds): each either returns the expected physical address
 *     or takes the expected data abort (status, domain, WnR, DFAR);
 *   - a few PTEs are retargeted, cleaned and invalidated by MVA, and read
 *     through again.
 * Run with --model verify, the emulator checks the same accesses against
 * the memory model: every load's value against RAM at the model's physical
 * address, every abort's DFSR/DFAR against the model's own answer.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "boot/mmu.h"
#include "check.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"

#define POOL_PA    0x58000000u
#define POOL_SIZE  0x01000000u
#define VA_LO      0x80000000u
#define L1_FIRST   (VA_LO >> 20)
#define L1_SLOTS   1024u          /* 0x8000_0000 - 0xBFFF_FFFF */
#define MAPPINGS   24
#define ACCESSES   64
#define ROUNDS     100
#define MAX_L2     32

enum kind { K_FAULT, K_SECTION, K_SUPER, K_COARSE };

struct mapping {
	enum kind kind;
	uint32_t slot;            /* first L1 index */
	uint32_t *l2;             /* coarse table */
};

static uint32_t l2_pool[MAX_L2][PTRS_PER_PTE] __attribute__((aligned(1024)));
static struct mapping map[MAPPINGS];
static unsigned nmap, nl2;
static uint32_t seed = 0x1176cafe, dacr, asid;

static volatile int aborts;
static struct fault last_fault;

static uint32_t rnd(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return n ? seed % n : seed;
}

static int on_abort(struct pt_regs *regs, const struct fault *f)
{
	aborts++;
	last_fault = *f;
	return EXC_HANDLED;
}

/* Memory types for normal memory: TEX, C, B. */
static const uint8_t mem_types[][3] = {
	{ 1, 1, 1 }, /* write-back, write-allocate */
	{ 0, 1, 1 }, /* write-back */
	{ 0, 1, 0 }, /* write-through */
	{ 1, 0, 0 }, /* non-cacheable */
	{ 0, 0, 0 }, /* strongly ordered */
};
/* APX:AP encodings (APX=1 AP=00 is reserved: left out). */
static const uint8_t aps[] = { 0, 1, 2, 3, 5, 6, 7 };
static const uint8_t domains[] = { 0, 4, 5, 6, 7 };

static uint32_t l1_attrs(uint32_t dom, bool super)
{
	const uint8_t *mt = mem_types[rnd(5)];
	uint32_t ap = aps[rnd(sizeof(aps))];

	return ((uint32_t)mt[0] << 12) | ((uint32_t)mt[1] << 3) | ((uint32_t)mt[2] << 2) |
	       ((ap & 3) << 10) | ((ap >> 2) << 15) | (super ? 0 : dom << 5) |
	       (rnd(2) ? PMD_SECT_S : 0) | (rnd(2) ? PMD_SECT_nG : 0) | (rnd(4) ? 0 : PMD_SECT_XN);
}

static uint32_t small_pte(void)
{
	const uint8_t *mt = mem_types[rnd(5)];
	uint32_t ap = aps[rnd(sizeof(aps))];

	return (POOL_PA + (rnd(POOL_SIZE >> 12) << 12)) | PTE_TYPE_SMALL |
	       ((uint32_t)mt[0] << 6) | ((uint32_t)mt[1] << 3) | ((uint32_t)mt[2] << 2) |
	       ((ap & 3) << 4) | ((ap >> 2) << 9) | (rnd(2) ? PTE_S : 0) | (rnd(2) ? PTE_nG : 0) |
	       (rnd(4) ? 0 : PTE_SMALL_XN);
}

static uint32_t large_pte(void)
{
	const uint8_t *mt = mem_types[rnd(5)];
	uint32_t ap = aps[rnd(sizeof(aps))];

	return (POOL_PA + (rnd(POOL_SIZE >> 16) << 16)) | PTE_TYPE_LARGE |
	       ((uint32_t)mt[0] << 12) | ((uint32_t)mt[1] << 3) | ((uint32_t)mt[2] << 2) |
	       ((ap & 3) << 4) | ((ap >> 2) << 9) | (rnd(2) ? PTE_S : 0) | (rnd(2) ? PTE_nG : 0) |
	       (rnd(4) ? 0 : (1u << 15));
}

static void fill_coarse(uint32_t *l2)
{
	for (uint32_t i = 0; i < PTRS_PER_PTE;) {
		uint32_t r = rnd(10);

		if (r < 3) {
			l2[i++] = 0;
		} else if (r < 8 || (i & 15)) {
			l2[i++] = small_pte();
		} else {
			uint32_t d = large_pte();

			for (int k = 0; k < 16; k++)
				l2[i++] = d;
		}
	}
}

static bool slot_free(uint32_t slot, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (boot_pgd[L1_FIRST + slot + i])
			return false;
	return true;
}

static void build_round(void)
{
	memset(&boot_pgd[L1_FIRST], 0, L1_SLOTS * 4);
	nmap = nl2 = 0;
	while (nmap < MAPPINGS) {
		struct mapping *mp = &map[nmap];
		enum kind k = (enum kind)rnd(4);
		uint32_t n = k == K_SUPER ? 16 : 1;
		uint32_t slot = rnd(L1_SLOTS) & ~(n - 1);
		uint32_t dom = domains[rnd(sizeof(domains))];

		if (!slot_free(slot, n) || (k == K_COARSE && nl2 == MAX_L2))
			continue;
		mp->kind = k;
		mp->slot = slot;
		switch (k) {
		case K_FAULT:
			break;
		case K_SECTION:
			boot_pgd[L1_FIRST + slot] = (POOL_PA + (rnd(16) << 20)) | PMD_TYPE_SECT |
						    l1_attrs(dom, false);
			break;
		case K_SUPER: {
			uint32_t d = POOL_PA | PMD_SECT_SUPER | PMD_TYPE_SECT | l1_attrs(0, true);

			for (uint32_t i = 0; i < 16; i++)
				boot_pgd[L1_FIRST + slot + i] = d;
			break;
		}
		case K_COARSE:
			mp->l2 = l2_pool[nl2++];
			fill_coarse(mp->l2);
			cpu_dcache_clean_area(mp->l2, 1024);
			boot_pgd[L1_FIRST + slot] = (uint32_t)(uintptr_t)mp->l2 | PMD_TYPE_TABLE |
						    PMD_DOMAIN(dom);
			break;
		}
		nmap++;
	}
	cpu_dcache_clean_area(&boot_pgd[L1_FIRST], L1_SLOTS * 4);
	dacr = DACR_VAL(0, DOMAIN_CLIENT) | DACR_VAL(1, DOMAIN_CLIENT) |
	       DACR_VAL(2, DOMAIN_CLIENT) | DACR_VAL(3, DOMAIN_CLIENT);
	for (uint32_t d = 4; d < 8; d++)
		dacr |= rnd(4) << (2 * d);  /* 0 no access, 1 client, 2 reserved, 3 manager */
	cpu_set_dacr(dacr);
	asid = rnd(256);
	cpu_set_contextidr(asid);
	cpu_tlb_flush_all();
}

/*
 * What the tables say about a privileged access: 0 and the physical address,
 * or the fault status with the domain and WnR bits as DFSR holds them.
 */
static uint32_t expect(uint32_t va, bool write, uint32_t *pa)
{
	uint32_t l1 = boot_pgd[va >> 20], dom, ap, l2 = 0, wnr = write ? FSR_WNR : 0;
	bool page = false;

	switch (l1 & 3) {
	case PMD_TYPE_SECT:
		if (l1 & PMD_SECT_SUPER) {
			dom = 0;
			*pa = (l1 & 0xff000000u) | (va & 0x00ffffffu);
		} else {
			dom = (l1 >> 5) & 15;
			*pa = (l1 & 0xfff00000u) | (va & 0x000fffffu);
		}
		ap = ((l1 >> 10) & 3) | (((l1 >> 15) & 1) << 2);
		break;
	case PMD_TYPE_TABLE:
		dom = (l1 >> 5) & 15;
		l2 = ((uint32_t *)(uintptr_t)(l1 & 0xfffffc00u))[(va >> 12) & 0xff];
		page = true;
		if (!(l2 & 3))
			return FS_TRANS_PAGE | (dom << 4) | wnr;
		if ((l2 & 3) == PTE_TYPE_LARGE)
			*pa = (l2 & 0xffff0000u) | (va & 0xffffu);
		else
			*pa = (l2 & 0xfffff000u) | (va & 0xfffu);
		ap = ((l2 >> 4) & 3) | (((l2 >> 9) & 1) << 2);
		break;
	default:
		return FS_TRANS_SECTION | wnr;
	}
	switch ((dacr >> (2 * dom)) & 3) {
	case 0:
	case 2:
		return (page ? FS_DOMAIN_PAGE : FS_DOMAIN_SECTION) | (dom << 4) | wnr;
	case 3:
		return 0;
	}
	if (ap == 0 || (write && (ap & 4)))
		return (page ? FS_PERM_PAGE : FS_PERM_SECTION) | (dom << 4) | wnr;
	return 0;
}

/* A random address inside one of this round's mappings (or its fault slot). */
static uint32_t random_va(void)
{
	const struct mapping *mp = &map[rnd(nmap)];
	uint32_t span = mp->kind == K_SUPER ? 16u << 20 : 1u << 20;

	return VA_LO + (mp->slot << 20) + rnd(span);
}

static unsigned access_once(uint32_t va, bool write, bool byte)
{
	uint32_t pa = 0, want = expect(va, write, &pa), got = 0xdeadbeefu, mask;
	int n = aborts;
	unsigned bad = 0;

	if (byte) {
		/* the byte it holds: stores keep the pool as it is */
		uint32_t v = ((pa & ~3u) >> (8 * (va & 3))) & 0xff;

		if (write)
			__asm__ volatile("strb %0, [%1]" : : "r"(v), "r"(va) : "memory");
		else
			__asm__ volatile("ldrb %0, [%1]" : "+r"(got) : "r"(va) : "memory");
	} else {
		va &= ~3u;
		if (want == 0)
			pa &= ~3u;
		if (write)
			__asm__ volatile("str %0, [%1]" : : "r"(pa & ~3u), "r"(va) : "memory");
		else
			__asm__ volatile("ldr %0, [%1]" : "+r"(got) : "r"(va) : "memory");
	}
	if (want) {
		/* Translation faults in a section say nothing about the domain. */
		mask = (want & 0xf) == FS_TRANS_SECTION ? 0x80fu : 0x8ffu;
		if (aborts != n + 1 || last_fault.addr != va ||
		    (last_fault.fsr & mask) != (want & mask)) {
			printf("not ok: %s%s %#lx: want fault %#lx, got %s %#lx at %#lx\n",
			       write ? "store" : "load", byte ? "b" : "", (unsigned long)va,
			       (unsigned long)want, aborts == n ? "no abort" : "abort",
			       (unsigned long)last_fault.fsr, (unsigned long)last_fault.addr);
			bad++;
		}
	} else if (aborts != n) {
		printf("not ok: %s %#lx: unexpected abort %#lx\n", write ? "store" : "load",
		       (unsigned long)va, (unsigned long)last_fault.fsr);
		bad++;
	} else if (!write) {
		uint32_t exp = byte ? (pa & ~3u) >> (8 * (va & 3)) & 0xff : pa;

		if (got != exp) {
			printf("not ok: load%s %#lx: got %#lx, want %#lx\n", byte ? "b" : "",
			       (unsigned long)va, (unsigned long)got, (unsigned long)exp);
			bad++;
		}
	}
	return bad;
}

/* Retarget a few small-page PTEs, clean them, invalidate by MVA, read again. */
static unsigned retarget(void)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < nmap; i++) {
		const struct mapping *mp = &map[i];
		uint32_t idx = rnd(PTRS_PER_PTE), va;

		if (mp->kind != K_COARSE || (mp->l2[idx] & 3) != PTE_TYPE_SMALL)
			continue;
		va = VA_LO + (mp->slot << 20) + (idx << 12) + (rnd(1024) << 2);
		bad += access_once(va, false, false);      /* cache the old translation */
		mp->l2[idx] = (mp->l2[idx] & 0xfffu) | (POOL_PA + (rnd(POOL_SIZE >> 12) << 12));
		cpu_flush_pte(&mp->l2[idx]);
		/* TLBIMVA takes MVA | ASID: an nG entry of another ASID would stay. */
		cpu_dsb();
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 1"
				 : : "r"((va & ~0xfffu) | asid) : "memory");
		cpu_dsb();
		cpu_isb();
		bad += access_once(va, false, false);
	}
	return bad;
}

int main(void)
{
	volatile uint32_t *pool = (volatile uint32_t *)(uintptr_t)POOL_PA;
	unsigned bad = 0, total = 0, faults = 0;

	printf("t_mmu_random: filling the pool at %#lx\n", (unsigned long)POOL_PA);
	for (uint32_t i = 0; i < POOL_SIZE / 4; i++)
		pool[i] = POOL_PA + 4 * i;
	set_abort_handler(on_abort);
	for (int r = 0; r < ROUNDS; r++) {
		build_round();
		for (int a = 0; a < ACCESSES; a++) {
			uint32_t va = random_va(), pa;
			bool write = rnd(3) == 0, byte = rnd(4) == 0;

			faults += expect(va, write, &pa) != 0;
			bad += access_once(va, write, byte);
			total++;
		}
		bad += retarget();
	}
	memset(&boot_pgd[L1_FIRST], 0, L1_SLOTS * 4);
	cpu_dcache_clean_area(&boot_pgd[L1_FIRST], L1_SLOTS * 4);
	cpu_set_contextidr(0);
	cpu_set_dacr(DACR_VAL(0, DOMAIN_CLIENT) | DACR_VAL(1, DOMAIN_CLIENT) |
		     DACR_VAL(2, DOMAIN_CLIENT) | DACR_VAL(3, DOMAIN_CLIENT));
	cpu_tlb_flush_all();
	printf("t_mmu_random: %u random accesses, %u expected to fault, %d aborts taken\n", total,
	       faults, aborts);
	CHECK(bad == 0, "every access reached the expected physical word or took the expected "
	      "abort (%u wrong)", bad);
	CHECK(faults > total / 10 && faults < total - total / 10,
	      "both outcomes are exercised (%u of %u fault)", faults, total);
	return check_done("t_mmu_random");
}
