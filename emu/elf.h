/* SPDX-License-Identifier: MIT */
/*
 * elf.h - load an ELF32 ARM image with libelf and keep its symbols.
 *
 * DOC: PT_LOAD segments are copied to their physical addresses (p_paddr), so
 * an image linked to run at a virtual address but loaded low works as it
 * would from a boot loader.  Every check a user can fail - not an ELF, wrong
 * class, endianness or machine, truncated, a segment outside RAM - becomes one
 * error line naming the file and the problem.  The symbol table stays loaded
 * to turn any guest PC into function+offset, and ARM mapping symbols ($a/$t/$d)
 * tell which code is Thumb.
 */
#ifndef EMU_ELF_H
#define EMU_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Images larger than the S3C6410's whole DRAM window (768 MiB) cannot fit. */
#define ELF_MAX_FILE_SIZE (768u << 20)

struct elf_symbol {
	uint32_t addr, size;
	const char *name;
	bool func;
};

struct elf_segment {
	uint32_t vaddr, paddr, filesz, memsz, flags;
};

struct elf_image {
	char *path;
	uint32_t entry;          /* virtual entry point, as in e_entry */
	uint32_t entry_pa;       /* physical address the CPU starts at */
	bool entry_thumb;
	struct elf_segment *seg;
	unsigned nr_seg;
	uint32_t lo_pa, hi_pa;   /* physical extent of the loaded image */
	struct elf_symbol *sym;  /* sorted by address */
	unsigned nr_sym;
	uint32_t *thumb_ranges;  /* [start, end) pairs from $t mapping symbols */
	unsigned nr_thumb;
	char *strtab;            /* owned copy of symbol names */
};

/* Where to put loaded bytes: the caller's RAM. */
struct elf_load_target {
	uint8_t *ram;
	uint32_t base, size;
	bool zeroed;   /* RAM is all zero already: leave .bss pages untouched */
};

/*
 * Parse and load `path`.  Returns 0, or -1 after printing one error line that
 * names the file and the problem.  On success *out must be freed with elf_free.
 */
int elf_load(const char *path, const struct elf_load_target *t, struct elf_image **out);
void elf_free(struct elf_image *img);
/* Add the symbol table of another ELF file (a kernel's vmlinux) to an image
 * that has none.  Returns 0, or -1 after one error line. */
int elf_load_symbols(const char *path, struct elf_image *img);

const struct elf_symbol *elf_lookup(const struct elf_image *img, uint32_t addr);
/* Address of a symbol by name; false when absent. */
bool elf_symbol_addr(const struct elf_image *img, const char *name, uint32_t *addr, uint32_t *size);
/* "name+0x1c" or "0x50001234" when no symbol covers addr. */
const char *elf_symbolize(const struct elf_image *img, uint32_t addr, char *buf, size_t len);
bool elf_is_thumb(const struct elf_image *img, uint32_t addr);
/* Physical address for a virtual one inside a loaded segment, or false. */
bool elf_virt_to_phys(const struct elf_image *img, uint32_t va, uint32_t *pa);

#endif /* EMU_ELF_H */
