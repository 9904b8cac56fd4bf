// SPDX-License-Identifier: MIT
/*
 * t_memsys.c - access patterns and maintenance sequences for the memory-path
 * model's tests (tests/model).  One scenario per run, named on the command
 * line (semihosting SYS_GET_CMDLINE):
 *
 *   seq          an 8 KiB buffer read twice, word by word, after a clean and
 *                invalidate of the D-cache: 256 misses, then only hits
 *   stride       after a clean and invalidate, a 32 KiB buffer read every
 *                128 bytes (32 sets get 8 lines each: 256 misses), then its
 *                first 4 KiB again (one line per set): the single round-robin
 *                counter put all four replacements of a set in one way, so
 *                24 of these 32 reads hit (see tests/unit/arm1176/test_cache.c)
 *   conflict     after a clean and invalidate, 4 lines 4 KiB apart (one set)
 *                read 100 times: 4 misses; then 5 such lines: every read misses
 *   maint        four 4-line buffers read and written (dirty), then: one left
 *                dirty, one cleaned by MVA, one invalidated by MVA, one
 *                cleaned and invalidated by MVA, one cleaned by set/way
 *   walker_bad   a PTE rewritten without cleaning its line, TLB invalidated:
 *                the walk reads a dirty line (walker-coherency finding)
 *   walker_ok    the same with the clean: no finding
 *   stale_bad    a PTE rewritten and cleaned, no TLB invalidate: the next
 *                access uses a stale TLB entry (finding)
 *   stale_ok     the same with TLBIMVA: no finding
 *   stale_same   a PTE rewritten and cleaned, no TLB invalidate, but only its
 *                user permission changed (AP 01 -> 11, the reverse of what
 *                Linux's paging_init() does to the kernel's sections): the
 *                privileged read after it does the same with the old entry as
 *                with the new, so no finding
 *   copied_ok    stale_ok with its TLBIMVA in code made at run time: a RAM
 *                buffer first holds a DSB routine, which runs (its line is
 *                fetched), then is rewritten into the TLBIMVA routine, cleaned
 *                and the I-cache invalidated, and that does the invalidate: the
 *                model finds the MCR when the line is refetched (no finding)
 *   copied_stale the same without the I-cache invalidate: the line with the
 *                DSB stays in the modelled I-cache, as it may on the chip, so
 *                the TLBIMVA is not seen to run (a stale-TLB finding)
 *   remap_y      code at VA_CODE (a 4 KiB page, X) runs until its block is all
 *                I-cache hits; then, each of 4 rounds, its PTE is pointed at
 *                page Y (other code), cleaned and the TLB invalidated by MVA,
 *                with no I-cache maintenance, and the code called (three
 *                times, so the block is all hits again before the next): the
 *                I-cache is physically tagged (DDI 0301H; REFERENCE.md), so
 *                the call walks, misses on Y's line and returns Y's value
 *   remap_x      the same rounds with the PTE rewritten to page X: a walk
 *                each round, no new line
 *   remap_k      remap_x with the TLB invalidated at another page: no walk
 *                (the remap scenarios exit with the last call's value, 0x11 or
 *                0x22, straight after the rounds)
 *   asid         two address spaces (TTBR0 + ASID) map one VA to different
 *                sections with nG; switching without a TLB flush reads the
 *                right one in each (no finding)
 *   asid_global  the same with global mappings: the TLB keeps the first
 *                space's translation across the switch (stale finding)
 *   sections     8 MiB touched once per 4 KiB page, 4 passes, mapped with
 *                1 MiB sections
 *   pages        the same through 4 KiB small pages (many more walks)
 *
 * Buffers named memsys_probe_* get their own counters in the model's report.
 * The patterns run with IRQs masked so nothing else touches the cache, and
 * replacement is round-robin (SCTLR.RR) so the counts can be worked out by
 * hand.  Each scenario prints "t_memsys: <name> done" (and ok/not ok lines
 * for what the guest itself can check).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "boot/mmu.h"
#include "check.h"
#include "drivers/cpu.h"
#include "drivers/semihost.h"
#include "drivers/uart.h"

#define SYS_GET_CMDLINE 0x15

#define VA_TEST     0xE0000000u   /* coarse table for the PTE scenarios */
#define VA_CODE     (VA_TEST + 0x2000u)  /* run-time code, page X or Y */
#define VA_ASID     0xE0100000u   /* section, per address space */
#define VA_MAP      0xA0000000u   /* sections vs pages: 8 MiB */
#define MAP_PA      0x58000000u
#define MAP_SIZE    (8u << 20)

uint32_t memsys_probe_seq[2048] __attribute__((aligned(4096)));
uint32_t memsys_probe_stride[8192] __attribute__((aligned(4096)));
uint32_t memsys_probe_conflict4[4 * 1024] __attribute__((aligned(4096)));
uint32_t memsys_probe_conflict5[5 * 1024] __attribute__((aligned(4096)));
uint32_t memsys_probe_dirty[32] __attribute__((aligned(32)));
uint32_t memsys_probe_clean[32] __attribute__((aligned(32)));
uint32_t memsys_probe_inval[32] __attribute__((aligned(32)));
uint32_t memsys_probe_flush[32] __attribute__((aligned(32)));
uint32_t memsys_probe_setway[32] __attribute__((aligned(32)));

static volatile uint32_t l2_test[PTRS_PER_PTE] __attribute__((aligned(1024)));
static uint32_t page_x[1024] __attribute__((aligned(4096)));
static uint32_t page_y[1024] __attribute__((aligned(4096)));
static uint32_t pgd_a[PTRS_PER_PGD] __attribute__((aligned(16384)));
static uint32_t pgd_b[PTRS_PER_PGD] __attribute__((aligned(16384)));
static uint32_t l2_map[8][PTRS_PER_PTE] __attribute__((aligned(1024)));

#define PROT_SMALL (PTE_TYPE_SMALL | PTE_AP_WRITE | PTE_SMALL_WBWA)
#define PROT_SECT  (PMD_TYPE_SECT | PMD_SECT_AP_WRITE | PMD_SECT_WBWA | PMD_DOMAIN(DOMAIN_KERNEL))

static uint32_t code_x[1024] __attribute__((aligned(4096)));
static uint32_t code_y[1024] __attribute__((aligned(4096)));

static uint32_t pa_of(const void *p)
{
	return (uint32_t)(uintptr_t)p;  /* the kernel runs identity-mapped */
}

static volatile uint32_t *va_ptr(uint32_t va)
{
	return (volatile uint32_t *)(uintptr_t)va;
}

/*
 * A buffer's address is a literal-pool load, a D-cache line like any other:
 * taken into a register before the clean and invalidate, it cannot take a way
 * of the sets the pattern counts (where the literal lands moves with the code).
 */
#define ADDR_IN_REG(p) __asm__ volatile("" : "+r"(p))

static void dcache_clean_inv_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c14, 0" : : "r"(0) : "memory");
	cpu_dsb();
}

static void clean_setway(uint32_t set, uint32_t way)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c10, 2" : : "r"((way << 30) | (set << 5)) : "memory");
}

/* --- cache patterns ---------------------------------------------------------------- */

static uint32_t scenario_seq(void)
{
	volatile uint32_t *p = memsys_probe_seq;
	uint32_t sum = 0;

	ADDR_IN_REG(p);
	dcache_clean_inv_all();
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < 2048; i++)
			sum += p[i];
	return sum;
}

static uint32_t scenario_stride(void)
{
	volatile uint32_t *p = memsys_probe_stride;
	uint32_t sum = 0;

	ADDR_IN_REG(p);
	dcache_clean_inv_all();
	for (int i = 0; i < 8192; i += 32)
		sum += p[i];
	for (int i = 0; i < 1024; i += 32)
		sum += p[i];
	return sum;
}

static uint32_t scenario_conflict(void)
{
	volatile uint32_t *c4 = memsys_probe_conflict4, *c5 = memsys_probe_conflict5;
	uint32_t sum = 0;

	ADDR_IN_REG(c4);
	ADDR_IN_REG(c5);
	/* Empty ways fill first (DDI 0301H 7.2.1): start from an empty set. */
	dcache_clean_inv_all();
	for (int r = 0; r < 100; r++)
		for (int k = 0; k < 4; k++)
			sum += c4[k * 1024];
	for (int r = 0; r < 100; r++)
		for (int k = 0; k < 5; k++)
			sum += c5[k * 1024];
	return sum;
}

static void dirty_lines(uint32_t *buf)
{
	volatile uint32_t *p = buf;

	for (int l = 0; l < 4; l++) {
		uint32_t v = p[l * 8];   /* read: allocate (no allocate on write) */

		p[l * 8] = v + 1;       /* write hit: dirty */
	}
}

static void scenario_maint(void)
{
	dirty_lines(memsys_probe_dirty);
	dirty_lines(memsys_probe_clean);
	dirty_lines(memsys_probe_inval);
	dirty_lines(memsys_probe_flush);
	dirty_lines(memsys_probe_setway);
	for (int l = 0; l < 4; l++) {
		uint32_t set = (pa_of(&memsys_probe_setway[l * 8]) >> 5) & 127;

		cpu_dcache_clean_line(&memsys_probe_clean[l * 8]);
		cpu_dcache_inv_line(&memsys_probe_inval[l * 8]);
		cpu_dcache_flush_line(&memsys_probe_flush[l * 8]);
		for (uint32_t way = 0; way < 4; way++)
			clean_setway(set, way);
	}
	cpu_dsb();
}

/* --- page tables and TLBs -------------------------------------------------------------- */

static void test_map_setup(void)
{
	memset((void *)l2_test, 0, sizeof(l2_test));
	for (int i = 0; i < 1024; i++) {
		page_x[i] = 0x11110000u | (uint32_t)i;
		page_y[i] = 0x22220000u | (uint32_t)i;
	}
	l2_test[0] = pa_of(page_x) | PROT_SMALL;
	cpu_dcache_clean_area((const void *)l2_test, sizeof(l2_test));
	cpu_dcache_clean_area(page_x, sizeof(page_x));
	cpu_dcache_clean_area(page_y, sizeof(page_y));
	pgd_set(boot_pgd, VA_TEST, pa_of((const void *)l2_test) | PMD_TYPE_TABLE |
				   PMD_DOMAIN(DOMAIN_KERNEL));
	cpu_tlb_flush_all();
}

/* Retarget VA_TEST from page X to page Y, with or without the clean and the TLBIMVA. */
static uint32_t scenario_pte(bool clean, bool tlbi)
{
	uint32_t before, after;

	test_map_setup();
	before = *va_ptr(VA_TEST + 4);   /* now the TLBs hold the translation */
	/* Read the PTE first, as a kernel does: its line is then in the D-cache and
	 * the store makes it dirty (the cache does not allocate on write). */
	if (l2_test[0] & PTE_TYPE_SMALL)
		l2_test[0] = pa_of(page_y) | PROT_SMALL;
	if (clean)
		cpu_flush_pte((const void *)&l2_test[0]);
	if (tlbi)
		cpu_tlb_flush_page(VA_TEST);
	after = *va_ptr(VA_TEST + 4);
	CHECK(before == (0x11110000u | 1), "VA %#lx read page X before the change (%#lx)",
	      (unsigned long)VA_TEST, (unsigned long)before);
	if (clean && tlbi)
		CHECK(after == (0x22220000u | 1), "and page Y after clean + TLBIMVA (%#lx)",
		      (unsigned long)after);
	return after;
}

/* Give user mode access to VA_TEST's page and read it privileged, with no TLB invalidate. */
static uint32_t scenario_pte_same(void)
{
	uint32_t before, after;

	test_map_setup();
	before = *va_ptr(VA_TEST + 4);
	if (l2_test[0] & PTE_TYPE_SMALL)
		l2_test[0] |= PTE_AP_READ;
	cpu_flush_pte((const void *)&l2_test[0]);
	after = *va_ptr(VA_TEST + 4);
	CHECK(before == (0x11110000u | 1) && after == before,
	      "VA %#lx reads page X before and after the change (%#lx, %#lx)",
	      (unsigned long)VA_TEST, (unsigned long)before, (unsigned long)after);
	return after;
}

/* Run-time code: one CP15 write and a return (ARM encodings). */
#define INSN_DSB     0xee070f9au   /* mcr p15, 0, r0, c7, c10, 4 */
#define INSN_TLBIMVA 0xee080f37u   /* mcr p15, 0, r0, c8, c7, 1 */
#define INSN_BX_LR   0xe12fff1eu

static uint32_t code_buf[CACHE_LINE_SIZE / 4] __attribute__((aligned(CACHE_LINE_SIZE)));

static void code_make(uint32_t insn, bool inval_icache)
{
	code_buf[0] = insn;
	code_buf[1] = INSN_BX_LR;
	cpu_dcache_clean_area(code_buf, sizeof(code_buf));
	cpu_dsb();
	if (inval_icache)
		cpu_icache_inv_all();
}

static void code_call(uint32_t r0)
{
	((void (*)(uint32_t))(uintptr_t)code_buf)(r0);
}

/* stale_ok with the TLBIMVA in rewritten run-time code (see the list above). */
static uint32_t scenario_copied(bool inval_icache)
{
	uint32_t before, after;

	test_map_setup();
	code_make(INSN_DSB, true);
	code_call(0);
	before = *va_ptr(VA_TEST + 4);
	if (l2_test[0] & PTE_TYPE_SMALL)
		l2_test[0] = pa_of(page_y) | PROT_SMALL;
	cpu_flush_pte((const void *)&l2_test[0]);
	code_make(INSN_TLBIMVA, inval_icache);
	code_call(VA_TEST);
	after = *va_ptr(VA_TEST + 4);
	CHECK(before == (0x11110000u | 1), "VA %#lx read page X before the change (%#lx)",
	      (unsigned long)VA_TEST, (unsigned long)before);
	return after;
}

#define INSN_MOV_R0(imm) (0xe3a00000u | (imm))   /* mov r0, #imm (imm < 256) */
#define REMAP_X 0x11u
#define REMAP_Y 0x22u

/*
 * Point VA_CODE at a page as a correct kernel would (clean, TLBIMVA), leave
 * the I-cache alone, and call the code three times: the first call after a
 * TLB change takes the model's slow path, the second finds its block all hits
 * and the third only moves counters.  The value, or 0 if the calls disagree.
 */
static uint32_t remap_round(const uint32_t *page, uint32_t tlbi_va)
{
	uint32_t (*code)(void) = (uint32_t (*)(void))(uintptr_t)VA_CODE;
	uint32_t a, b, c;

	if (l2_test[2] & PTE_TYPE_SMALL)
		l2_test[2] = pa_of(page) | PROT_SMALL;
	cpu_flush_pte((const void *)&l2_test[2]);
	cpu_tlb_flush_page(tlbi_va);
	a = code();
	b = code();
	c = code();
	return a == b && b == c ? a : 0;
}

/*
 * remap_x, remap_y, remap_k (see the list above).  The exit status is the
 * value the last round's call returned (1 if any round returned another), and
 * nothing runs between the rounds and the exit: the rounds are all the runs
 * differ in, so their counters differ by what the rounds cost.
 */
static __attribute__((noreturn)) void scenario_remap(char kind)
{
	/* Selected by index, not by branches (and names of one length, one path in
	 * main()): the three runs fetch the same lines up to the rounds. */
	static const uint32_t *const pages[2] = { code_x, code_y };
	static const uint32_t tlbi_vas[2] = { VA_CODE, VA_CODE + 0x1000u };
	static const uint32_t wants[2] = { REMAP_X, REMAP_Y };
	unsigned y = kind == 'y', k = kind == 'k';
	uint32_t got = 0;
	unsigned bad = 0;

	test_map_setup();
	code_x[0] = INSN_MOV_R0(REMAP_X);
	code_x[1] = INSN_BX_LR;
	code_y[0] = INSN_MOV_R0(REMAP_Y);
	code_y[1] = INSN_BX_LR;
	cpu_dcache_clean_area(code_x, 8);
	cpu_dcache_clean_area(code_y, 8);
	cpu_dsb();
	cpu_icache_inv_all();  /* once, before either page ever ran */
	l2_test[2] = pa_of(code_x) | PROT_SMALL;
	cpu_flush_pte((const void *)&l2_test[2]);
	cpu_tlb_flush_all();
	/*
	 * Three rounds at page X, then four at the target, in one loop: the first
	 * rounds fill the lines (this loop's too), then no I-cache line changes
	 * unless the target's code is new, so the first call after the remap
	 * meets the model's all-hits block with only the translation changed.
	 */
	for (unsigned r = 0; r < 7; r++) {
		unsigned late = r >= 3;

		got = remap_round(pages[late & y], tlbi_vas[late & k]);
		bad += got != wants[late & y];
	}
	sys_exit(bad ? 1 : (int)got);
}

static void switch_space(uint32_t *pgd, uint32_t asid)
{
	cpu_set_contextidr(asid);
	cpu_isb();
	cpu_set_ttbr0(pa_of(pgd) | TTB_RGN_OC_WBWA);
	cpu_isb();
}

#define ASID_PA_A 0x58000000u   /* the section space A maps at VA_ASID */
#define ASID_PA_B 0x58100000u   /* and space B */

static void scenario_asid(bool global)
{
	uint32_t ng = global ? 0 : PMD_SECT_nG;
	volatile uint32_t *a_mem = va_ptr(ASID_PA_A), *b_mem = va_ptr(ASID_PA_B);
	unsigned bad = 0;

	memcpy(pgd_a, boot_pgd, sizeof(pgd_a));
	memcpy(pgd_b, boot_pgd, sizeof(pgd_b));
	for (int i = 0; i < 8; i++) {
		a_mem[i] = 0x11110000u | (uint32_t)i;
		b_mem[i] = 0x22220000u | (uint32_t)i;
	}
	cpu_dcache_clean_area((const void *)a_mem, 32);
	cpu_dcache_clean_area((const void *)b_mem, 32);
	pgd_a[VA_ASID >> 20] = ASID_PA_A | PROT_SECT | ng;
	pgd_b[VA_ASID >> 20] = ASID_PA_B | PROT_SECT | ng;
	cpu_dcache_clean_area(pgd_a, sizeof(pgd_a));
	cpu_dcache_clean_area(pgd_b, sizeof(pgd_b));
	cpu_tlb_flush_all();
	for (int r = 0; r < 8; r++) {
		uint32_t a, b;

		switch_space(pgd_a, 1);
		a = *va_ptr(VA_ASID + 4 * (uint32_t)r);
		switch_space(pgd_b, 2);
		b = *va_ptr(VA_ASID + 4 * (uint32_t)r);
		if (!global)
			bad += a != (0x11110000u | (uint32_t)r) || b != (0x22220000u | (uint32_t)r);
	}
	switch_space(boot_pgd, 0);
	cpu_tlb_flush_all();
	if (!global)
		CHECK(bad == 0, "each address space read its own section with nG entries "
		      "(%u wrong)", bad);
}

static uint32_t scenario_map(bool sections)
{
	uint32_t sum = 0;

	for (uint32_t s = 0; s < MAP_SIZE >> 20; s++) {
		uint32_t va = VA_MAP + (s << 20), pa = MAP_PA + (s << 20);

		if (sections) {
			pgd_set(boot_pgd, va, pa | PROT_SECT);
			continue;
		}
		for (uint32_t i = 0; i < PTRS_PER_PTE; i++)
			l2_map[s][i] = (pa + (i << 12)) | PROT_SMALL;
		cpu_dcache_clean_area(l2_map[s], sizeof(l2_map[s]));
		pgd_set(boot_pgd, va, pa_of(l2_map[s]) | PMD_TYPE_TABLE |
				      PMD_DOMAIN(DOMAIN_KERNEL));
	}
	cpu_tlb_flush_all();
	for (int pass = 0; pass < 4; pass++)
		for (uint32_t off = 0; off < MAP_SIZE; off += 4096)
			sum += *va_ptr(VA_MAP + off);
	return sum;
}

static void get_scenario(char *name, size_t len)
{
	static char cmd[256];
	struct {
		char *buf;
		uint32_t len;
	} blk = { cmd, sizeof(cmd) };
	char *p = cmd, *word;

	name[0] = 0;
	if (semihost_call(SYS_GET_CMDLINE, &blk) != 0)
		return;
	cmd[sizeof(cmd) - 1] = 0;
	while (*p && *p != ' ')   /* argv[0]: the image */
		p++;
	while (*p == ' ')
		p++;
	word = p;
	while (*p && *p != ' ')
		p++;
	*p = 0;
	snprintf(name, len, "%s", word);
}

int main(void)
{
	unsigned long flags;
	char name[32];
	uint32_t v = 0;

	get_scenario(name, sizeof(name));
	printf("t_memsys: scenario '%s'\n", name);
	/* Round-robin replacement, so the counts can be worked out by hand. */
	cpu_set_sctlr(cpu_get_sctlr() | SCTLR_RR);
	cpu_isb();
	if (!strcmp(name, "maint")) {
		/* Nothing may run after the sequence and before the exit: not even the
		 * exit path's stack-canary scan, which would load lines. */
		uart_flush();
		local_irq_save(flags);
		scenario_maint();
		sys_exit(0);
	}
	/* remap_y, remap_x, remap_k: one path for the three (see scenario_remap()). */
	if (!strncmp(name, "remap_", 6) && name[6] && !name[7] && strchr("yxk", name[6])) {
		uart_flush();
		local_irq_save(flags);
		scenario_remap(name[6]);
	}
	local_irq_save(flags);
	if (!strcmp(name, "seq"))
		v = scenario_seq();
	else if (!strcmp(name, "stride"))
		v = scenario_stride();
	else if (!strcmp(name, "conflict"))
		v = scenario_conflict();
	else if (!strcmp(name, "walker_bad"))
		v = scenario_pte(false, true);
	else if (!strcmp(name, "walker_ok"))
		v = scenario_pte(true, true);
	else if (!strcmp(name, "stale_bad"))
		v = scenario_pte(true, false);
	else if (!strcmp(name, "stale_ok"))
		v = scenario_pte(true, true);
	else if (!strcmp(name, "stale_same"))
		v = scenario_pte_same();
	else if (!strcmp(name, "copied_ok"))
		v = scenario_copied(true);
	else if (!strcmp(name, "copied_stale"))
		v = scenario_copied(false);
	else if (!strcmp(name, "asid"))
		scenario_asid(false);
	else if (!strcmp(name, "asid_global"))
		scenario_asid(true);
	else if (!strcmp(name, "sections"))
		v = scenario_map(true);
	else if (!strcmp(name, "pages"))
		v = scenario_map(false);
	else
		CHECK(0, "unknown scenario '%s'", name);
	local_irq_restore(flags);
	printf("t_memsys: %s done (%#lx)\n", name, (unsigned long)v);
	CHECK(1, "%s ran", name);
	return check_done("t_memsys");
}
