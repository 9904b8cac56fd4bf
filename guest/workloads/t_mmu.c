// SPDX-License-Identifier: MIT
/*
 * t_mmu.c - the MMU as the boot code left it, and new mappings of every
 * ARMv6 kind, checked by comparing what two virtual addresses of the same
 * physical memory see.
 *
 *  - SCTLR has M, C, I, Z, U, XP set and A, V clear; TTBCR/TTBR0/DACR/VBAR
 *    hold what mmu_init() wrote.
 *  - The lowmem alias 0xC000_0000 and the identity map reach the same RAM,
 *    in both directions, and the alias sees the kernel text.
 *  - A coarse (L2) table at 0xF000_0000: a 4 KiB small page onto a chosen
 *    physical page; a second VA onto the same page; retargeting the PTE plus
 *    a TLB invalidate by MVA switches the page; a 64 KiB large page.
 *  - A 16 MiB supersection at 0xF100_0000 onto the start of RAM.
 */
#include <stdint.h>
#include <string.h>

#include "boot/mmu.h"
#include "boot/setup.h"
#include "check.h"
#include "drivers/cpu.h"

#define VA_COARSE   0xF0000000u   /* L1 entry 0xF00 -> coarse table */
#define VA_SMALL    (VA_COARSE + 0x3000u)
#define VA_SMALL2   (VA_COARSE + 0x4000u)
#define VA_LARGE    (VA_COARSE + 0x10000u)
#define VA_SUPER    0xF1000000u   /* 16 MiB aligned */

extern char vectors[];

static uint32_t l2_table[PTRS_PER_PTE] __attribute__((aligned(1024)));
static uint32_t page_a[1024] __attribute__((aligned(4096)));
static uint32_t page_b[1024] __attribute__((aligned(4096)));
static uint32_t alias_buf[1024] __attribute__((aligned(4096)));

#define PROT_PTE_SMALL (PTE_TYPE_SMALL | PTE_AP_WRITE | PTE_SMALL_WBWA)
/* large page: TEX at [14:12], XN at bit 15 */
#define PROT_PTE_LARGE (PTE_TYPE_LARGE | PTE_AP_WRITE | (1u << 12) | PTE_C | PTE_B)

/*
 * Every access goes through a volatile pointer: the compiler cannot know that
 * 0xF000_3000 and page_a are the same memory and would otherwise forward the
 * values it stored into page_a past a write through the other address.
 */
static uint32_t pa(const void *p)
{
	return (uint32_t)(uintptr_t)p;  /* the kernel runs identity-mapped */
}

static volatile uint32_t *va_ptr(uint32_t va)
{
	return (volatile uint32_t *)(uintptr_t)va;
}

static void set_pte(uint32_t *pte, uint32_t desc)
{
	*pte = desc;
	cpu_flush_pte(pte);
}

static void check_registers(void)
{
	uint32_t sctlr = cpu_get_sctlr();
	uint32_t want = SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_Z | SCTLR_U | SCTLR_XP;

	CHECK((sctlr & want) == want, "SCTLR %#lx has M, C, I, Z, U, XP", (unsigned long)sctlr);
	CHECK(!(sctlr & (SCTLR_A | SCTLR_V | SCTLR_TRE | SCTLR_VE)),
	      "SCTLR has A, V, TRE, VE clear");
	CHECK(cpu_get_ttbcr() == 0, "TTBCR = 0 (got %#lx)", (unsigned long)cpu_get_ttbcr());
	CHECK((cpu_get_ttbr0() & ~0x3fffu) == pa(boot_pgd), "TTBR0 %#lx -> boot_pgd %#lx",
	      (unsigned long)cpu_get_ttbr0(), (unsigned long)pa(boot_pgd));
	CHECK((cpu_get_dacr() & 3) == DOMAIN_CLIENT, "DACR %#lx: domain 0 client",
	      (unsigned long)cpu_get_dacr());
	CHECK(cpu_get_vbar() == pa(vectors), "VBAR %#lx = vectors", (unsigned long)cpu_get_vbar());
	CHECK(boot_pgd[PHYS_OFFSET >> 20] == (PHYS_OFFSET | PMD_TYPE_SECT | PMD_SECT_AP_WRITE |
					       PMD_SECT_WBWA),
	      "identity section descriptor %#lx", (unsigned long)boot_pgd[PHYS_OFFSET >> 20]);
}

static void check_alias(void)
{
	volatile uint32_t *ident = alias_buf;
	volatile uint32_t *alias = va_ptr(phys_to_lowmem(pa(alias_buf)));
	unsigned int bad = 0;

	for (unsigned int i = 0; i < 1024; i++)
		alias[i] = 0xa5000000u | i;
	for (unsigned int i = 0; i < 1024; i++)
		bad += ident[i] != (0xa5000000u | i);
	CHECK(bad == 0, "writes through %#lx read back through %#lx (%u mismatches)",
	      (unsigned long)(uintptr_t)alias, (unsigned long)pa(alias_buf), bad);

	bad = 0;
	for (unsigned int i = 0; i < 1024; i++)
		ident[i] = ~(0x5a000000u | i);
	for (unsigned int i = 0; i < 1024; i++)
		bad += alias[i] != ~(0x5a000000u | i);
	CHECK(bad == 0, "and the other way round (%u mismatches)", bad);

	CHECK(memcmp(_text, (const void *)(uintptr_t)phys_to_lowmem(pa(_text)),
		     (size_t)(_etext - _text)) == 0,
	      "kernel text [%p, %p) is the same through the alias", _text, _etext);
	/* last section of the alias maps the last MiB of the 256 MiB window */
	CHECK(boot_pgd[(PAGE_OFFSET + LOWMEM_ALIAS_SIZE - 1) >> 20] >> 20 ==
	      (PHYS_OFFSET + LOWMEM_ALIAS_SIZE - 1) >> 20, "alias covers the whole window");
}

static void check_coarse(void)
{
	volatile uint32_t *small = va_ptr(VA_SMALL), *small2 = va_ptr(VA_SMALL2);
	volatile uint32_t *a = page_a, *b = page_b;
	uint32_t large_pa = (pa(_end) + 0x1ffffu) & ~0xffffu;  /* free RAM, 64 KiB aligned */
	volatile uint32_t *large = va_ptr(VA_LARGE);
	volatile uint32_t *large_ident = va_ptr(large_pa);
	unsigned int bad = 0;

	memset(l2_table, 0, sizeof(l2_table));
	cpu_dcache_clean_area(l2_table, sizeof(l2_table));
	pgd_set(boot_pgd, VA_COARSE, pa(l2_table) | PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL));
	set_pte(&l2_table[(VA_SMALL >> 12) & 0xff], pa(page_a) | PROT_PTE_SMALL);
	set_pte(&l2_table[(VA_SMALL2 >> 12) & 0xff], pa(page_a) | PROT_PTE_SMALL);
	cpu_tlb_flush_all();

	for (unsigned int i = 0; i < 1024; i++) {
		a[i] = 0x11000000u | i;
		b[i] = 0x22000000u | i;
	}
	for (unsigned int i = 0; i < 1024; i++)
		bad += small[i] != (0x11000000u | i);
	CHECK(bad == 0, "small page %#lx -> %#lx reads page A (%u mismatches)",
	      (unsigned long)VA_SMALL, (unsigned long)pa(page_a), bad);
	small[5] = 0xdeadbeef;
	CHECK(a[5] == 0xdeadbeef && small2[5] == 0xdeadbeef && small[5] == 0xdeadbeef,
	      "a write through it lands in page A (%#lx) and shows at the second VA %#lx (%#lx)"
	      " and the first (%#lx)", (unsigned long)a[5], (unsigned long)VA_SMALL2,
	      (unsigned long)small2[5], (unsigned long)small[5]);

	set_pte(&l2_table[(VA_SMALL >> 12) & 0xff], pa(page_b) | PROT_PTE_SMALL);
	cpu_tlb_flush_page(VA_SMALL);
	CHECK(small[7] == (0x22000000u | 7) && small2[7] == (0x11000000u | 7),
	      "retargeted PTE + TLB invalidate by MVA: %#lx now reads page B (%#lx), %#lx still A",
	      (unsigned long)VA_SMALL, (unsigned long)small[7], (unsigned long)VA_SMALL2);

	/* 64 KiB large page: 16 identical descriptors */
	for (unsigned int i = 0; i < 16; i++)
		l2_table[((VA_LARGE >> 12) & 0xff) + i] = large_pa | PROT_PTE_LARGE;
	cpu_dcache_clean_area(&l2_table[(VA_LARGE >> 12) & 0xff], 16 * sizeof(uint32_t));
	cpu_tlb_flush_all();
	large_ident[0] = 0x33333333;
	large_ident[0x1234 / 4] = 0x44444444;
	large_ident[0xfffc / 4] = 0x55555555;
	CHECK(large[0] == 0x33333333 && large[0x1234 / 4] == 0x44444444 &&
	      large[0xfffc / 4] == 0x55555555,
	      "large page %#lx -> %#lx: first, middle and last word",
	      (unsigned long)VA_LARGE, (unsigned long)large_pa);
	large[0x8000 / 4] = 0x66666666;
	CHECK(large_ident[0x8000 / 4] == 0x66666666, "a write through the large page lands");
}

static void check_supersection(void)
{
	uint32_t off = pa(_text) - PHYS_OFFSET;

	/* 16 copies of the supersection descriptor: base [31:24], bit 18 */
	for (unsigned int i = 0; i < 16; i++)
		boot_pgd[(VA_SUPER >> 20) + i] = PHYS_OFFSET | PMD_SECT_SUPER | PMD_TYPE_SECT |
						 PMD_SECT_AP_WRITE | PMD_SECT_WBWA;
	cpu_dcache_clean_area(&boot_pgd[VA_SUPER >> 20], 16 * sizeof(uint32_t));
	cpu_tlb_flush_all();
	CHECK(memcmp(_text, (const void *)(uintptr_t)(VA_SUPER + off), 4096) == 0,
	      "supersection %#lx -> %#lx shows the kernel text", (unsigned long)VA_SUPER,
	      (unsigned long)PHYS_OFFSET);
	volatile uint32_t *ident = alias_buf;

	*va_ptr(VA_SUPER + pa(alias_buf) - PHYS_OFFSET) = 0x77777777;
	CHECK(ident[0] == 0x77777777, "and writes through it land (%#lx, read back %#lx)",
	      (unsigned long)ident[0],
	      (unsigned long)*va_ptr(VA_SUPER + pa(alias_buf) - PHYS_OFFSET));
}

int main(void)
{
	printf("t_mmu: boot page tables at %p, kernel [%p, %p)\n", boot_pgd, _text, _end);
	check_registers();
	check_alias();
	check_coarse();
	check_supersection();
	return check_done("t_mmu");
}
