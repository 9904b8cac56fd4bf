/* SPDX-License-Identifier: MIT */
/*
 * asm/pgtable.h - ARM two-level page tables as Linux lays them out.
 *
 * DOC: Linux's arch/arm/include/asm/pgtable{,-2level}.h.  The hardware has
 * 4096 first-level entries (1 MiB each) and 256-entry second-level tables;
 * Linux pretends to have 2048 "pgd" entries of two words each (2 MiB) and
 * 512-entry "pte" tables, one page each:
 *
 *     +0     Linux pt 0  (256 x pteval_t, software view: young, dirty...)
 *     +1024  Linux pt 1
 *     +2048  h/w pt 0    <- pgd[n][0] points here
 *     +3072  h/w pt 1    <- pgd[n][1] points here
 *
 * The pmd level is folded into the pgd.  set_pte_ext() writes both views
 * (translating the Linux bits as proc-v6.S's armv6_set_pte_ext does) and
 * cleans the hardware entry's D-cache line; set_pte_at()/pte_clear() then
 * also invalidate the TLB entry of the address (see pgtable.c for why).
 *
 * Addresses: page-table code indexes by the guest's 32-bit virtual address.
 * In the guest a lowmem pointer is one; natively lowmem pointers point into
 * the host RAM buffer, and gva() gives their 0xC0000000-based guest alias.
 * vmalloc/ioremap/kmap addresses are guest addresses in both builds (not
 * dereferenceable natively: tests translate them with a table walk).
 *
 * Virtual memory layout (32-bit guest; deviations from Linux in [brackets]):
 *   0x00000000 - TASK_SIZE       user space [TASK_SIZE = PHYS_OFFSET = 0x50000000:
 *                                 the kernel runs at its physical address]
 *   0x50000000 - end of RAM      identity map of RAM (sections) [Linux: idmap only at boot]
 *   0x70000000 - 0x7FFFFFFF      identity map of the S3C6410 peripherals (sections, device)
 *                                 [Linux: static iotable at 0xF6000000...]
 *   PKMAP_BASE - PAGE_OFFSET     pkmap (kmap), 2 MiB
 *   PAGE_OFFSET - high_memory    lowmem linear map (sections)
 *   VMALLOC_START - VMALLOC_END  vmalloc/ioremap (8 MiB gap after lowmem)
 *   FIXADDR_START - FIXADDR_END  fixmap (kmap_atomic slots)
 *   0xFFFF0000                   vectors page, 0xFFFF1000 stubs page
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <mm/types.h>
#include <mm/mm_types.h>
#include <asm/memory.h>
#include <asm/pgtable-hwdef.h>
#include <asm/proc-fns.h>

struct page;

/* ---- geometry ---- */
#define PTRS_PER_PTE 512
#define PTRS_PER_PMD 1
#define PTRS_PER_PGD 2048
#define PTE_HWTABLE_PTRS (PTRS_PER_PTE)
#define PTE_HWTABLE_OFF (PTE_HWTABLE_PTRS * sizeof(pte_t))
#define PTE_HWTABLE_SIZE (PTRS_PER_PTE * sizeof(u32))
#define PMD_SHIFT 21
#define PGDIR_SHIFT 21
#define PGDIR_SIZE (1UL << PGDIR_SHIFT)
#define PGDIR_MASK (~(PGDIR_SIZE - 1))
#define PMD_MASK (~((unsigned long)PMD_SIZE - 1))
#define SECTION_SHIFT 20
#define SECTION_MASK (~((unsigned long)SECTION_SIZE - 1))
#define PGD_TABLE_ORDER 2 /* 16 KiB first-level table */
#define PGD_TABLE_SIZE (PTRS_PER_PGD * sizeof(pgd_t))

/* ---- virtual layout ---- */
#define TASK_SIZE 0x50000000UL /* see above: user space ends where the identity map starts */
#define USER_PTRS_PER_PGD (TASK_SIZE / PGDIR_SIZE)
#define MODULES_VADDR (ARM_PAGE_OFFSET - SZ_16M)
#define PKMAP_BASE (ARM_PAGE_OFFSET - PMD_SIZE)
#define LAST_PKMAP PTRS_PER_PTE
#define LAST_PKMAP_MASK (LAST_PKMAP - 1)
#define PKMAP_NR(virt) (((virt) - PKMAP_BASE) >> PAGE_SHIFT)
#define PKMAP_ADDR(nr) (PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define FIXADDR_START 0xffc00000UL
#define FIXADDR_END 0xfff00000UL
#define FIXADDR_TOP (FIXADDR_END - PAGE_SIZE)
#define VECTORS_BASE 0xffff0000UL
#define DEV_IDMAP_START 0x70000000UL /* S3C6410 peripheral space, identity mapped */
#define DEV_IDMAP_END 0x80000000UL

/* First vmalloc address: high_memory's guest address + 8 MiB, 8 MiB aligned (paging_init). */
extern unsigned long vmalloc_start;
#define VMALLOC_START vmalloc_start

/* ---- Linux ("software") PTE bits ---- */
#define L_PTE_VALID (1u << 0)
#define L_PTE_PRESENT (1u << 0)
#define L_PTE_YOUNG (1u << 1)
#define L_PTE_DIRTY (1u << 6)
#define L_PTE_RDONLY (1u << 7)
#define L_PTE_USER (1u << 8)
#define L_PTE_XN (1u << 9)
#define L_PTE_SHARED (1u << 10)
#define L_PTE_NONE (1u << 11)

/* Memory types: an index into armv6_mt_table (see pgtable.c) on ARMv6. */
#define L_PTE_MT_UNCACHED (0x00u << 2)
#define L_PTE_MT_BUFFERABLE (0x01u << 2)
#define L_PTE_MT_WRITETHROUGH (0x02u << 2)
#define L_PTE_MT_WRITEBACK (0x03u << 2)
#define L_PTE_MT_MINICACHE (0x06u << 2)
#define L_PTE_MT_WRITEALLOC (0x07u << 2)
#define L_PTE_MT_DEV_SHARED (0x04u << 2)
#define L_PTE_MT_DEV_NONSHARED (0x0cu << 2)
#define L_PTE_MT_DEV_WC (0x09u << 2)
#define L_PTE_MT_DEV_CACHED (0x0bu << 2)
#define L_PTE_MT_VECTORS (0x0fu << 2)
#define L_PTE_MT_MASK (0x0fu << 2)

/*
 * Protections.  Cache policy write-back write-allocate: the boot tables map
 * RAM WBWA and ARMv6 forbids two attribute sets for one page (Linux takes
 * its policy from the boot pmd the same way); uniprocessor, so no S bit.
 */
#define pgprot_kernel (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY | L_PTE_MT_WRITEALLOC)
#define pgprot_user (L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_MT_WRITEALLOC)
#define PAGE_KERNEL (pgprot_kernel | L_PTE_XN)
#define PAGE_KERNEL_EXEC (pgprot_kernel)
#define PAGE_KERNEL_RO (pgprot_kernel | L_PTE_XN | L_PTE_RDONLY)
#define PAGE_KERNEL_NOCACHE ((pgprot_kernel & ~L_PTE_MT_MASK) | L_PTE_XN | L_PTE_MT_BUFFERABLE)
/*
 * User mappings.  Linux grants hardware write access only once a write fault
 * has set L_PTE_DIRTY; there is no fault handler here, so writable user
 * pages are mapped dirty from the start.
 */
#define PAGE_USER_RO (pgprot_user | L_PTE_USER | L_PTE_RDONLY | L_PTE_XN)
#define PAGE_USER_RW (pgprot_user | L_PTE_USER | L_PTE_DIRTY | L_PTE_XN)
#define PAGE_USER_RWX (pgprot_user | L_PTE_USER | L_PTE_DIRTY)
#define PAGE_USER_RX (pgprot_user | L_PTE_USER | L_PTE_RDONLY)

/* ---- guest virtual addresses ---- */
static inline unsigned long phys_to_gva(phys_addr_t pa)
{
	return ARM_PAGE_OFFSET + (unsigned long)(pa - PHYS_OFFSET);
}

#ifdef GUEST_ARM
static inline unsigned long gva(const void *p)
{
	return (unsigned long)p;
}
#else
static inline unsigned long gva(const void *p)
{
	const unsigned char *c = p;

	if (native_ram && c >= native_ram && c < native_ram + native_ram_size)
		return phys_to_gva(__pa(p));
	return (unsigned long)p;
}
#endif

/*
 * The pointer through which this CPU reaches guest virtual address va: va
 * itself in the guest; natively, the host address of the RAM the current
 * tables map there (a table walk), so it is valid up to the end of that
 * page only.  NULL natively if nothing is mapped.
 */
#ifdef GUEST_ARM
static inline void *kva_ptr(const void *va)
{
	return (void *)va;
}
#else
void *kva_ptr(const void *va);
#endif

/* Is this guest address in the lowmem linear map? */
bool gva_is_lowmem(unsigned long addr);

/* ---- value helpers ---- */
#define pte_val(x) (x)
#define pmd_val(x) (x)
#define pgd_val(x) ((x)[0])
#define pgprot_val(x) (x)
#define __pte(x) ((pte_t)(x))
#define __pmd(x) ((pmd_t)(x))
#define __pgprot(x) ((pgprot_t)(x))

#define pgd_index(addr) ((unsigned long)(addr) >> PGDIR_SHIFT)
#define pte_index(addr) (((unsigned long)(addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))
#define pgd_offset(mm, addr) ((mm)->pgd + pgd_index(addr))
#define pgd_offset_k(addr) pgd_offset(&init_mm, addr)
#define pgd_addr_end(addr, end)                                                     \
	({                                                                          \
		unsigned long __boundary = ((addr) + PGDIR_SIZE) & PGDIR_MASK;      \
		(__boundary - 1 < (end) - 1) ? __boundary : (end);                  \
	})

/* The pmd is folded: pmd_offset() gives the first hardware entry of the pair. */
static inline pmd_t *pmd_offset(pgd_t *pgd, unsigned long addr)
{
	(void)addr;
	return (pmd_t *)pgd;
}

static inline pmd_t *pmd_off_k(unsigned long addr)
{
	return pmd_offset(pgd_offset_k(addr), addr);
}

#define pmd_none(pmd) (!pmd_val(pmd))
#define pmd_present(pmd) (pmd_val(pmd))
#define pmd_leaf(pmd) (pmd_val(pmd) & 2)
#define pmd_bad(pmd) (pmd_val(pmd) & 2)
#define pmd_table(pmd) ((pmd_val(pmd) & PMD_TYPE_MASK) == PMD_TYPE_TABLE)

/* Physical address of the Linux pte table page a (table) pmd points into. */
static inline phys_addr_t pmd_page_paddr(pmd_t pmd)
{
	return pmd_val(pmd) & (phys_addr_t)PAGE_MASK;
}

static inline pte_t *pmd_page_vaddr(pmd_t pmd)
{
	return (pte_t *)__va(pmd_page_paddr(pmd));
}

static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return pmd_page_vaddr(*pmd) + pte_index(addr);
}
#define pte_offset_map(pmd, addr) pte_offset_kernel(pmd, addr)

/* The hardware entry that goes with a Linux pte. */
static inline u32 *pte_hw(pte_t *ptep)
{
	return (u32 *)((unsigned char *)ptep + PTE_HWTABLE_OFF);
}

#define pte_none(pte) (!pte_val(pte))
#define pte_present(pte) (pte_val(pte) & L_PTE_PRESENT)
#define pte_valid(pte) (pte_val(pte) & L_PTE_VALID)
#define pte_young(pte) (pte_val(pte) & L_PTE_YOUNG)
#define pte_dirty(pte) (pte_val(pte) & L_PTE_DIRTY)
#define pte_write(pte) (!(pte_val(pte) & L_PTE_RDONLY))
#define pte_exec(pte) (!(pte_val(pte) & L_PTE_XN))
#define pte_user(pte) (pte_val(pte) & L_PTE_USER)
#define pte_pfn(pte) ((unsigned long)(pte_val(pte) >> PAGE_SHIFT))
#define pfn_pte(pfn, prot) __pte(((pteval_t)(pfn) << PAGE_SHIFT) | pgprot_val(prot))
#define pte_modify(pte, prot) __pte((pte_val(pte) & PTE_SMALL_ADDR_MASK) | pgprot_val(prot))
#define pte_mkold(pte) __pte(pte_val(pte) & ~L_PTE_YOUNG)
#define pte_mkyoung(pte) __pte(pte_val(pte) | L_PTE_YOUNG)
#define pte_mkclean(pte) __pte(pte_val(pte) & ~L_PTE_DIRTY)
#define pte_mkdirty(pte) __pte(pte_val(pte) | L_PTE_DIRTY)
#define pte_wrprotect(pte) __pte(pte_val(pte) | L_PTE_RDONLY)
#define pte_mkwrite(pte) __pte(pte_val(pte) & ~L_PTE_RDONLY)
pte_t mk_pte(const struct page *page, pgprot_t prot);
struct page *pte_page(pte_t pte);

/* The hardware descriptor armv6_set_pte_ext writes for a Linux pte. */
u32 armv6_pte_hw(pte_t pte, u32 ext);

/*
 * Write both views of a pte and clean the hardware entry's D-cache line
 * (cpu_v6_set_pte_ext).  No TLB maintenance: use set_pte_at()/pte_clear().
 */
void cpu_set_pte_ext(pte_t *ptep, pte_t pte, u32 ext);
#define set_pte_ext(ptep, pte, ext) cpu_set_pte_ext(ptep, pte, ext)
/* A global (kernel) pte, no TLB maintenance: prefer set_pte_at(). */
#define set_pte(ptep, pte) set_pte_ext(ptep, pte, 0)

/*
 * Install a pte mapping addr in mm (user addresses get nG), then invalidate
 * the TLB entry of addr.  pte_clear() writes a fault entry the same way.
 */
void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte);
void pte_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep);

/*
 * First-level writes: each stores through cpu_pgtable_store(), cleans the
 * line (flush_pmd_entry/clean_pmd_entry) and invalidates the TLB for the MiB.
 * __pmd_populate points both halves of a pgd entry at the two hardware tables
 * of a pte page; pmd_clear empties both; set_pmd writes one section entry.
 */
void __pmd_populate(pmd_t *pmdp, unsigned long addr, phys_addr_t pte_phys, pmdval_t prot);
void pmd_clear_k(pmd_t *pmdp, unsigned long addr);
void set_section(pmd_t *pmdp, unsigned long addr, pmdval_t val);
#define _PAGE_KERNEL_TABLE (PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_KERNEL))
#define _PAGE_USER_TABLE (PMD_TYPE_TABLE | PMD_DOMAIN(DOMAIN_USER))

/* ---- page-table pages (pgalloc) ---- */
/* A zeroed pte page for mm (kernel: init_mm), marked PG_table; NULL if out of memory. */
pte_t *pte_alloc_one_kernel(struct mm_struct *mm);
void pte_free_kernel(struct mm_struct *mm, pte_t *pte);
/* pte for addr in init_mm, allocating its table if needed (NULL: no memory or a section). */
pte_t *pte_alloc_kernel(unsigned long addr);
/* pte for addr in mm, allocating a table if needed. */
pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr);
/* Existing pte for addr in mm, or NULL (no table, or a section). */
pte_t *pte_lookup(struct mm_struct *mm, unsigned long addr);

/* ---- kernel page tables (mmu.c) ---- */
extern pgd_t *swapper_pg_dir;
extern phys_addr_t swapper_pg_dir_phys;

/* Build the kernel's tables and switch to them (called by mm_init()). */
void paging_init(void);
/* After mem_map exists: mark the boot page-table pages PG_table (kmem_cache_init()). */
void mark_boot_page_tables(void);

/* Memory types (Linux asm/mach/map.h MT_*). */
enum mem_type_id {
	MT_DEVICE,
	MT_DEVICE_NONSHARED,
	MT_DEVICE_CACHED,
	MT_DEVICE_WC,
	MT_UNCACHED,
	MT_LOW_VECTORS,
	MT_HIGH_VECTORS,
	MT_MEMORY_RWX,
	MT_MEMORY_RW,
	MT_ROM,
	MT_MEMORY_RWX_NONCACHED,
	MT_MEMORY_DMA_READY,
	NR_MEM_TYPES
};

struct mem_type {
	pteval_t prot_pte;
	pmdval_t prot_l1;
	pmdval_t prot_sect;
	unsigned int domain;
};

const struct mem_type *get_mem_type(unsigned int type);

struct map_desc {
	unsigned long virtual;
	unsigned long pfn;
	unsigned long length;
	unsigned int type;
};

/*
 * Map md into init_mm with sections where aligned, else 4 KiB pages (tables
 * from memblock before the buddy allocator runs, from it afterwards).
 */
int create_mapping(const struct map_desc *md);
/* Remove section mappings of [addr, addr + size) (ioremap's section unmap). */
void unmap_area_sections(unsigned long addr, unsigned long size);

/* Software walk of mm's tables: physical address for addr, or (phys_addr_t)-1. */
phys_addr_t pgtable_walk(struct mm_struct *mm, unsigned long addr);

/* Copy the kernel entries of init_mm into mm's table when they changed (switch_mm). */
void check_vmalloc_seq(struct mm_struct *mm);
/* A kernel-half pgd entry changed: make the live table and later switch_mm() see it. */
void pgd_kernel_changed(unsigned long addr);

/* Stats. */
extern unsigned long nr_kernel_pte_pages; /* L2 table pages of init_mm */

#endif /* ASM_PGTABLE_H */
