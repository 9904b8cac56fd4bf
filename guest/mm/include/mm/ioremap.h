/* SPDX-License-Identifier: MIT */
/*
 * mm/ioremap.h - mapping device memory (Linux arch/arm/mm/ioremap.c).
 *
 * DOC: ioremap() finds room in the vmalloc window and maps the physical
 * range with device attributes, execute-never, in 4 KiB ptes, or in 1 MiB
 * sections when address, size and virtual address are 2 MiB aligned (as
 * Linux's remap_area_sections).  Mapping RAM this way is refused (ARMv6
 * forbids a second, differently-attributed alias).  The identity map of the
 * peripherals the boot code set up is not reused: ioremap always builds its
 * own mapping, so its attributes can be checked.
 */
#ifndef MM_IOREMAP_H
#define MM_IOREMAP_H

#include <mm/types.h>

#define __iomem

void __iomem *ioremap(phys_addr_t phys, size_t size);          /* MT_DEVICE */
void __iomem *ioremap_wc(phys_addr_t phys, size_t size);       /* MT_DEVICE_WC */
void __iomem *ioremap_cache(phys_addr_t phys, size_t size);    /* MT_DEVICE_CACHED */
void __iomem *__arm_ioremap(phys_addr_t phys, size_t size, unsigned int mtype);
#define ioremap_nocache ioremap
void iounmap(volatile void __iomem *addr);

#endif /* MM_IOREMAP_H */
