/* SPDX-License-Identifier: MIT */
/*
 * asm/fixmap.h - compile-time virtual addresses (Linux arch/arm/include/asm/fixmap.h).
 *
 * DOC: Slots count down from FIXADDR_TOP, one page each.  Only the
 * kmap_atomic() slots are used (KM_MAX_IDX deep: nesting from interrupt
 * handlers included); they share the top 2 MiB pte table with the vectors.
 */
#ifndef ASM_FIXMAP_H
#define ASM_FIXMAP_H

#include <asm/pgtable.h>

#define KM_MAX_IDX 16

enum fixed_addresses {
	FIX_EARLYCON_MEM_BASE,
	__end_of_permanent_fixed_addresses,
	FIX_KMAP_BEGIN = __end_of_permanent_fixed_addresses,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_IDX - 1,
	__end_of_fixed_addresses
};

#define __fix_to_virt(x) (FIXADDR_TOP - ((unsigned long)(x) << PAGE_SHIFT))
#define __virt_to_fix(x) ((FIXADDR_TOP - ((x) & PAGE_MASK)) >> PAGE_SHIFT)
_Static_assert(FIXADDR_TOP - ((unsigned long)__end_of_fixed_addresses << 12) >= FIXADDR_START,
	       "fixmap overflows its window");

#endif /* ASM_FIXMAP_H */
