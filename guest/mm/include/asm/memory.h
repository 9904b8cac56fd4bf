/* SPDX-License-Identifier: MIT */
/*
 * asm/memory.h - physical/virtual address conversion and the ARM memory layout.
 *
 * DOC: Linux ARM's layout: the lowmem linear map starts at PAGE_OFFSET
 * (0xC0000000) and covers RAM from PHYS_OFFSET up to arm_lowmem_limit; the
 * vmalloc area ends at VMALLOC_END (0xFF800000) and is vmalloc_size bytes
 * (240 MiB by default, `vmalloc=` on the command line), with an 8 MiB gap
 * (VMALLOC_OFFSET) below it, so lowmem is at most 768 MiB.  RAM above that is
 * ZONE_HIGHMEM.  The constants ARM_* are the 32-bit guest layout and are the
 * same in both builds (they size lowmem); PAGE_OFFSET/__va/__pa are what the
 * build really uses.
 *
 * Native build (GUEST_NATIVE): "physical RAM" is a host buffer native_ram
 * covering [native_phys_offset, native_phys_offset + native_ram_size);
 * __va(pa) = native_ram + (pa - PHYS_OFFSET).  Tests create it with
 * native_ram_init() (arch/native/memory.c).
 */
#ifndef ASM_MEMORY_H
#define ASM_MEMORY_H

#include <mm/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* The guest's 32-bit virtual layout (Linux arch/arm/include/asm/{memory,pgtable}.h). */
#define ARM_PAGE_OFFSET 0xC0000000u
#define VMALLOC_END 0xFF800000u
#define VMALLOC_OFFSET (8u << 20)
#define VMALLOC_DEFAULT_SIZE (240u << 20)
#define SECTION_SIZE (1u << 20)
#define PMD_SIZE (2u << 20) /* Linux ARM pairs two 1 MiB sections per pmd */

#ifdef GUEST_ARM
#define PHYS_OFFSET 0x50000000u /* S3C6410 DRAM (DMC1) */
#define PAGE_OFFSET 0xC0000000UL
#define __va(pa) ((void *)((unsigned long)(pa) - PHYS_OFFSET + PAGE_OFFSET))
/*
 * The kernel image runs where it is linked, at its physical address (an
 * identity map, guest/boot/kernel.ld), so its own variables have VA == PA;
 * everything else in lowmem is reached through the linear map.
 */
#define __pa(va) ((phys_addr_t)((unsigned long)(va) >= PAGE_OFFSET ?                        \
				    (unsigned long)(va) - PAGE_OFFSET + PHYS_OFFSET :       \
				    (unsigned long)(va)))
#else
extern phys_addr_t native_phys_offset;
extern unsigned char *native_ram;
extern size_t native_ram_size;
#define PHYS_OFFSET native_phys_offset
#define PAGE_OFFSET ((unsigned long)native_ram)
#define __va(pa) ((void *)(native_ram + ((phys_addr_t)(pa) - native_phys_offset)))
#define __pa(va) ((phys_addr_t)((const unsigned char *)(va) - native_ram) + native_phys_offset)
/* Create (or replace) the native RAM buffer; zero-filled. */
void native_ram_init(phys_addr_t base, size_t size);
void native_ram_free(void);
#endif

#define ARCH_PFN_OFFSET ((unsigned long)(PHYS_OFFSET >> PAGE_SHIFT))
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_PHYS(pfn) ((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(pa) ((unsigned long)((pa) >> PAGE_SHIFT))
#define __phys_to_pfn(pa) PHYS_PFN(pa)
#define __pfn_to_phys(pfn) PFN_PHYS(pfn)
#define virt_to_phys(va) __pa(va)
#define phys_to_virt(pa) __va(pa)

/*
 * Set by mm_init() (adjust_lowmem_bounds(), as Linux's arch/arm/mm/mmu.c):
 * the first physical address not in the linear map, and its virtual address.
 * The page-table layer maps lowmem [PHYS_OFFSET, arm_lowmem_limit) in
 * paging_init() and starts vmalloc at high_memory + VMALLOC_OFFSET.
 */
extern phys_addr_t arm_lowmem_limit;
extern void *high_memory;
extern unsigned long vmalloc_size; /* bytes, `vmalloc=` */

/* The kernel image [_text, _end) as physical addresses (arch layer). */
void arch_kernel_image(phys_addr_t *start, phys_addr_t *end);
/* Is p on a kernel stack (Linux object_is_on_stack(), for dma-debug)?  Arch layer. */
bool arch_object_is_on_stack(const void *p);

#endif /* ASM_MEMORY_H */
