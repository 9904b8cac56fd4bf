// SPDX-License-Identifier: MIT
/*
 * t_dabort.c - data aborts with the fault status and address the ARM1176
 * reports (DFSR/DFAR, ARM DDI 0301 sec. 3.2.21-22), handled and resumed.
 *
 *   load  from 0xE000_0000 (no L1 entry)   section translation fault 0x005
 *   store to   0xE000_0004                 0x805 (WnR)
 *   byte load  0xE012_3457                 DFAR exact, 0x005
 *   load in a coarse table's empty slot    page translation fault 0x007
 *   store to a read-only (APX) small page  page permission fault 0x80f
 *   load from a section in domain 5, which DACR says no-access:
 *                                          section domain fault 0x009
 * DFSR[7:4] (domain) is only checked for the faults that define it.  The
 * hook checks PC = the faulting instruction and steps over it.
 */
#include <stdint.h>

#include "boot/mmu.h"
#include "check.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"

#define VA_UNMAPPED 0xE0000000u
#define VA_COARSE   0xE0100000u   /* coarse table: only the RO page valid */
#define VA_RO_PAGE  (VA_COARSE + 0x2000u)
#define VA_NOPAGE   (VA_COARSE + 0x5000u)
#define VA_DOMAIN   0xE0200000u   /* section in domain 5 */
#define DOMAIN_TEST 5

static uint32_t l2_table[PTRS_PER_PTE] __attribute__((aligned(1024)));
static uint32_t ro_page[1024] __attribute__((aligned(4096)));

static volatile int aborts;
static volatile uint32_t seen_pc;
static struct fault seen;

static int on_abort(struct pt_regs *regs, const struct fault *f)
{
	aborts++;
	seen_pc = regs->ARM_pc;
	seen = *f;
	return EXC_HANDLED;
}

/* One faulting access at a known label; returns the loaded value (or 0). */
#define FAULT_LOAD(label, insn, addr)                                                  \
	({                                                                             \
		uint32_t v_ = 0;                                                       \
		__asm__ volatile(".global " #label "\n" #label ":\n\t" insn " %0, [%1]"   \
				 : "+r"(v_) : "r"(addr) : "memory");                    \
		v_;                                                                    \
	})
#define FAULT_STORE(label, insn, val, addr)                                            \
	__asm__ volatile(".global " #label "\n" #label ":\n\t" insn " %0, [%1]"           \
			 : : "r"(val), "r"(addr) : "memory")

extern const uint32_t ld_section[], st_section[], ldb_section[], ld_page[], st_perm[],
	ld_domain[];

static void expect(const char *what, const uint32_t *site, uint32_t addr, uint32_t fsr,
		   bool check_domain, int n_before)
{
	uint32_t mask = check_domain ? 0x1fffu : 0x1f0fu;  /* [12] SD/ExT, [11] WnR, [10], [3:0] */

	CHECK(aborts == n_before + 1, "%s: one data abort (%d)", what, aborts - n_before);
	CHECK(seen.vector == VEC_DABT, "%s: reported as a data abort", what);
	CHECK(seen_pc == (uint32_t)(uintptr_t)site, "%s: PC %#lx is the access at %#lx", what,
	      (unsigned long)seen_pc, (unsigned long)(uintptr_t)site);
	CHECK(seen.addr == addr, "%s: DFAR %#lx (want %#lx)", what, (unsigned long)seen.addr,
	      (unsigned long)addr);
	CHECK((seen.fsr & mask) == (fsr & mask), "%s: DFSR %#lx = %s (want %#lx)", what,
	      (unsigned long)seen.fsr, fsr_name(seen.status), (unsigned long)fsr);
}

int main(void)
{
	volatile uint32_t *ro = ro_page;  /* also reached through VA_RO_PAGE */
	uint32_t v;
	int n;

	set_abort_handler(on_abort);

	n = aborts;
	v = FAULT_LOAD(ld_section, "ldr", VA_UNMAPPED);
	expect("load, no section", ld_section, VA_UNMAPPED, 0x005, false, n);
	CHECK(!seen.write && v == 0, "load: WnR clear, destination untouched");

	n = aborts;
	FAULT_STORE(st_section, "str", 0x12345678u, VA_UNMAPPED + 4);
	expect("store, no section", st_section, VA_UNMAPPED + 4, 0x805, false, n);
	CHECK(seen.write, "store: WnR set");

	n = aborts;
	FAULT_LOAD(ldb_section, "ldrb", VA_UNMAPPED + 0x123457);
	expect("byte load", ldb_section, VA_UNMAPPED + 0x123457, 0x005, false, n);

	/* a coarse table with one read-only page */
	pgd_set(boot_pgd, VA_COARSE, (uint32_t)(uintptr_t)l2_table | PMD_TYPE_TABLE |
				     PMD_DOMAIN(DOMAIN_KERNEL));
	l2_table[(VA_RO_PAGE >> 12) & 0xff] = (uint32_t)(uintptr_t)ro_page | PTE_TYPE_SMALL |
					      PTE_AP_WRITE | PTE_APX | PTE_SMALL_WBWA;
	cpu_dcache_clean_area(l2_table, sizeof(l2_table));
	/* a section in a domain DACR denies */
	pgd_set(boot_pgd, VA_DOMAIN, PHYS_OFFSET | PMD_TYPE_SECT | PMD_SECT_AP_WRITE |
				     PMD_SECT_WBWA | PMD_DOMAIN(DOMAIN_TEST));
	cpu_tlb_flush_all();

	ro[0] = 0xfeedf00d;
	CHECK(*(volatile uint32_t *)VA_RO_PAGE == 0xfeedf00d && aborts == n + 1,
	      "read-only page reads fine");

	n = aborts;
	FAULT_LOAD(ld_page, "ldr", VA_NOPAGE);
	expect("load, empty coarse slot", ld_page, VA_NOPAGE, 0x007, true, n);

	n = aborts;
	FAULT_STORE(st_perm, "str", 0xbad, VA_RO_PAGE + 8);
	expect("store to read-only page", st_perm, VA_RO_PAGE + 8, 0x80f, true, n);
	CHECK(ro[2] == 0, "the read-only page was not written");

	n = aborts;
	FAULT_LOAD(ld_domain, "ldr", VA_DOMAIN);
	expect("load, no-access domain", ld_domain, VA_DOMAIN, 0x009 | (DOMAIN_TEST << 4), true,
	       n);

	CHECK(!irqs_disabled(), "IRQs enabled again after the aborts");
	return check_done("t_dabort");
}
