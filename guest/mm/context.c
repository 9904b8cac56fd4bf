// SPDX-License-Identifier: MIT
/*
 * context.c - ASID allocation, switch_mm and per-mm TLB maintenance (arch/arm/mm/context.c).
 *
 * DOC: A uniprocessor version of Linux's ARMv6 ASID allocator.  mm->context.id
 * holds generation | ASID.  An mm whose generation is current keeps its
 * ASID; otherwise switch_mm() gives it the next free one, and when all 255
 * are taken the generation is bumped, the bitmap cleared and the whole TLB
 * flushed (entries tagged with recycled ASIDs must not survive).  ASID 0
 * belongs to init_mm, whose mappings are all global anyway.
 */
#include <string.h>

#include <asm/cacheflush.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <mm/mm.h>

#include "mmu-internal.h"

struct mm_struct *current_mm = &init_mm;

static u32 asid_generation = NUM_USER_ASIDS;
static u8 asid_map[NUM_USER_ASIDS / 8];

static bool asid_test(u32 asid)
{
	return asid_map[asid / 8] & (1u << (asid % 8));
}

static void asid_set(u32 asid, bool used)
{
	if (used)
		asid_map[asid / 8] |= (u8)(1u << (asid % 8));
	else
		asid_map[asid / 8] &= (u8)~(1u << (asid % 8));
}

void context_reset_state(void)
{
	asid_generation = NUM_USER_ASIDS;
	memset(asid_map, 0, sizeof(asid_map));
	current_mm = &init_mm;
}

int mm_asid(const struct mm_struct *mm)
{
	if (mm == &init_mm)
		return 0;
	if (!mm->context.id || ((mm->context.id ^ asid_generation) & ASID_MASK))
		return -1;
	return (int)(mm->context.id & ~ASID_MASK);
}

static u32 new_context(void)
{
	u32 asid;

	for (asid = 1; asid < NUM_USER_ASIDS; asid++)
		if (!asid_test(asid))
			goto found;
	/* Rollover: every old ASID may still tag TLB entries. */
	asid_generation += NUM_USER_ASIDS;
	memset(asid_map, 0, sizeof(asid_map));
	local_flush_tlb_all();
	asid = 1;
found:
	asid_set(asid, true);
	return asid_generation | asid;
}

/* Give back mm's ASID (mmput): its entries are flushed first. */
void release_asid(struct mm_struct *mm)
{
	int asid = mm_asid(mm);

	if (asid > 0) {
		__local_flush_tlb_asid((u32)asid);
		asid_set((u32)asid, false);
	}
	mm->context.id = 0;
}

void switch_mm(struct mm_struct *next)
{
	if (next == current_mm)
		return;
	if (next == &init_mm) {
		cpu_v6_switch_mm(swapper_pg_dir_phys, 0);
	} else {
		check_vmalloc_seq(next);
		if (mm_asid(next) < 0)
			next->context.id = new_context();
		cpu_v6_switch_mm(__pa(next->pgd), next->context.id & ~ASID_MASK);
	}
	current_mm = next;
}

/* ---- TLB maintenance for an address space ---- */

void local_flush_tlb_mm(struct mm_struct *mm)
{
	int asid = mm_asid(mm);

	if (mm == &init_mm)
		local_flush_tlb_all();
	else if (asid > 0)
		__local_flush_tlb_asid((u32)asid);
}

void flush_tlb_page(struct mm_struct *mm, unsigned long uaddr)
{
	int asid = mm_asid(mm);

	if (mm == &init_mm || uaddr >= TASK_SIZE)
		local_flush_tlb_kernel_page(uaddr);
	else if (asid > 0)
		__local_flush_tlb_page(uaddr, (u32)asid);
	/* no ASID of this generation: the TLB holds nothing for mm */
}

void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	if ((end - start) >> PAGE_SHIFT > 32) {
		local_flush_tlb_mm(mm);
		return;
	}
	for (start &= PAGE_MASK; start < end; start += PAGE_SIZE)
		flush_tlb_page(mm, start);
}

void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	/* v6wbi_flush_kern_tlb_range walks page by page; beyond 32 pages flush all */
	if ((end - start) >> PAGE_SHIFT > 32) {
		local_flush_tlb_all();
		return;
	}
	for (start &= PAGE_MASK; start < end; start += PAGE_SIZE)
		local_flush_tlb_kernel_page(start);
}
