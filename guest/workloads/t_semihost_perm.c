// SPDX-License-Identifier: MIT
/*
 * t_semihost_perm.c - semihosting buffers are checked as the guest's own
 * accesses: a buffer the guest could not read or write at its privilege makes
 * the call fail with EFAULT, and the host never touches it.
 *
 *   SYS_ELAPSED into a read-only (APX) page          -1, errno 14, page intact
 *   SYS_GET_CMDLINE into the read-only page          -1, page intact
 *   SYS_OPEN whose name lies in a no-access domain    -1, errno 14
 *   SYS_WRITE from the no-access domain               nothing written
 *   the same calls with ordinary buffers              succeed
 */
#include <stdint.h>
#include <string.h>

#include "boot/mmu.h"
#include "check.h"
#include "drivers/cpu.h"
#include "drivers/semihost.h"

#define SYS_OPEN        0x01
#define SYS_WRITE       0x05
#define SYS_ERRNO       0x13
#define SYS_GET_CMDLINE 0x15
#define SYS_ELAPSED     0x30
#define EFAULT_         14

#define VA_COARSE   0xE0100000u   /* coarse table: one read-only page */
#define VA_RO_PAGE  (VA_COARSE + 0x2000u)
#define VA_DOMAIN   0xE0200000u   /* section in a domain DACR denies */
#define DOMAIN_TEST 5

static uint32_t l2_table[PTRS_PER_PTE] __attribute__((aligned(1024)));
static uint32_t ro_page[1024] __attribute__((aligned(4096)));
static char tt_name[4096] __attribute__((aligned(4096))) = ":tt";

int main(void)
{
	volatile uint32_t *ro = ro_page;
	uint32_t w[3], elapsed[2];
	char cmdline[256];
	uint32_t r;
	/* tt_name as seen through the denied section (it maps all of RAM) */
	const char *denied_name = (const char *)(VA_DOMAIN +
		((uint32_t)(uintptr_t)tt_name - PHYS_OFFSET) % SECTION_SIZE);
	int fd;

	pgd_set(boot_pgd, VA_COARSE, (uint32_t)(uintptr_t)l2_table | PMD_TYPE_TABLE |
				     PMD_DOMAIN(DOMAIN_KERNEL));
	l2_table[(VA_RO_PAGE >> 12) & 0xff] = (uint32_t)(uintptr_t)ro_page | PTE_TYPE_SMALL |
					      PTE_AP_WRITE | PTE_APX | PTE_SMALL_WBWA;
	cpu_dcache_clean_area(l2_table, sizeof(l2_table));
	/* the section holding tt_name, again at VA_DOMAIN, in a no-access domain */
	pgd_set(boot_pgd, VA_DOMAIN, (((uint32_t)(uintptr_t)tt_name) & ~(SECTION_SIZE - 1)) |
				     PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WBWA |
				     PMD_DOMAIN(DOMAIN_TEST));
	cpu_tlb_flush_all();
	ro[0] = 0x11111111;
	ro[1] = 0x22222222;

	/* ordinary buffers work */
	CHECK(semihost_call(SYS_ELAPSED, elapsed) == 0 && (elapsed[0] || elapsed[1]),
	      "SYS_ELAPSED into an ordinary buffer");
	w[0] = (uint32_t)(uintptr_t)tt_name;
	w[1] = 4; /* "w" */
	w[2] = 3;
	fd = (int)semihost_call(SYS_OPEN, w);
	CHECK(fd > 0, "SYS_OPEN \":tt\" from an ordinary buffer (%d)", fd);
	w[0] = (uint32_t)fd;
	w[1] = (uint32_t)(uintptr_t)"perm: hello\n";
	w[2] = 12;
	CHECK(semihost_call(SYS_WRITE, w) == 0, "SYS_WRITE from an ordinary buffer");

	/* read-only page: the host must not write it */
	r = semihost_call(SYS_ELAPSED, (const void *)VA_RO_PAGE);
	CHECK(r == 0xffffffffu, "SYS_ELAPSED into a read-only page fails (%#lx)", (unsigned long)r);
	CHECK(semihost_call(SYS_ERRNO, 0) == EFAULT_, "errno is EFAULT");
	CHECK(ro[0] == 0x11111111 && ro[1] == 0x22222222, "the read-only page is intact");
	w[0] = VA_RO_PAGE;
	w[1] = sizeof(cmdline);
	CHECK(semihost_call(SYS_GET_CMDLINE, w) == 0xffffffffu && ro[0] == 0x11111111,
	      "SYS_GET_CMDLINE into a read-only page fails");

	/* no-access domain: the host must not read it */
	w[0] = (uint32_t)(uintptr_t)denied_name;
	w[1] = 4;
	w[2] = 3;
	CHECK(semihost_call(SYS_OPEN, w) == 0xffffffffu,
	      "SYS_OPEN with a name in a no-access domain fails");
	CHECK(semihost_call(SYS_ERRNO, 0) == EFAULT_, "errno is EFAULT");
	memcpy(tt_name + 64, "perm: leaked\n", 13);
	w[0] = (uint32_t)fd;
	w[1] = (uint32_t)(uintptr_t)denied_name + 64;
	w[2] = 13;
	CHECK(semihost_call(SYS_WRITE, w) == 13, "SYS_WRITE from a no-access domain writes nothing");

	/* and the same memory through an ordinary mapping is fine */
	w[0] = (uint32_t)(uintptr_t)cmdline;
	w[1] = sizeof(cmdline);
	CHECK(semihost_call(SYS_GET_CMDLINE, w) == 0, "SYS_GET_CMDLINE into an ordinary buffer");
	return check_done("t_semihost_perm");
}
