/* SPDX-License-Identifier: MIT */
/*
 * mm/highmem.h - temporary kernel mappings of highmem pages (Linux mm/highmem.c).
 *
 * DOC: A board whose RAM exceeds the lowmem limit has ZONE_HIGHMEM pages,
 * which have no permanent kernel address.  kmap() maps one in the 2 MiB
 * pkmap window below PAGE_OFFSET (pkmap_count[] per slot: 0 free, 1 mapped
 * but unused, >1 in use; unused slots are unmapped lazily, all at once,
 * when the slot search wraps, as Linux's flush_all_zero_pkmaps()).
 * kmap_atomic() uses a stack of fixmap slots instead and unmaps at once;
 * it may be called from interrupt handlers, in strict LIFO order.  For a
 * lowmem page both return page_address().  Linux sleeps when every pkmap
 * slot is busy; here kmap() warns and returns NULL.
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include <mm/types.h>
#include <asm/pgtable.h>

struct page;

extern pte_t *pkmap_page_table;
extern int pkmap_count[LAST_PKMAP];

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_high(struct page *page);
void kunmap_high(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *kvaddr);
/* Current kmap_atomic() nesting depth. */
int kmap_atomic_idx(void);
/* pkmap slots that map a page now (count >= 1). */
unsigned int nr_pkmap_mapped(void);
/* Drop every unused pkmap mapping now (flush_all_zero_pkmaps). */
void kmap_flush_unused(void);

/* Page contents helpers that work for highmem pages too. */
void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);
void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len);
void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len);

#endif /* MM_HIGHMEM_H */
