/* SPDX-License-Identifier: MIT */
/*
 * elf.c - ELF32 ARM images: checks, PT_LOAD copies by physical address,
 * the symbol table for function+offset names.
 */
#include "emu/elf.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/alloc.h"
#include "emu/log.h"

static int cmp_sym(const void *a, const void *b)
{
	const struct elf_symbol *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	/* Functions before other symbols at the same address. */
	if (x->func != y->func)
		return x->func ? -1 : 1;
	return strcmp(x->name, y->name);
}

struct mapsym {
	uint32_t addr;
	char kind; /* 'a', 't' or 'd' */
};

static int cmp_mapsym(const void *a, const void *b)
{
	const struct mapsym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

void elf_free(struct elf_image *img)
{
	if (!img)
		return;
	free(img->path);
	free(img->seg);
	free(img->sym);
	free(img->thumb_ranges);
	free(img->strtab);
	free(img);
}

/* Copy symbol names into one owned block so the Elf handle can be closed. */
static int read_symbols(Elf *e, struct elf_image *img)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	struct mapsym *maps = NULL;
	unsigned nr_maps = 0;
	size_t strbytes = 0, used = 0;

	while ((scn = elf_nextscn(e, scn))) {
		Elf_Data *data;
		size_t n;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			return -1;
		n = sh.sh_size / sh.sh_entsize;
		img->sym = xcalloc(n, sizeof(*img->sym), "the image's symbols");
		maps = xcalloc(n, sizeof(*maps), "the image's mapping symbols");
		/* First pass: sizes, so names can live in one block. */
		for (size_t i = 0; i < n; i++) {
			GElf_Sym s;
			const char *name;

			if (!gelf_getsym(data, (int)i, &s))
				continue;
			name = elf_strptr(e, sh.sh_link, s.st_name);
			if (name)
				strbytes += strlen(name) + 1;
		}
		img->strtab = xcalloc(strbytes, 1, "the image's symbol names");
		for (size_t i = 0; i < n; i++) {
			GElf_Sym s;
			const char *name;
			int type;
			size_t len;

			if (!gelf_getsym(data, (int)i, &s))
				continue;
			name = elf_strptr(e, sh.sh_link, s.st_name);
			if (!name || !*name || s.st_shndx == SHN_UNDEF)
				continue;
			if (name[0] == '$' && strchr("atd", name[1]) &&
			    (name[2] == 0 || name[2] == '.')) {
				maps[nr_maps++] = (struct mapsym){ (uint32_t)s.st_value, name[1] };
				continue;
			}
			type = GELF_ST_TYPE(s.st_info);
			if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
				continue;
			len = strlen(name) + 1;
			memcpy(img->strtab + used, name, len);
			img->sym[img->nr_sym++] = (struct elf_symbol){
				.addr = (uint32_t)s.st_value & (type == STT_FUNC ? ~1u : ~0u),
				.size = (uint32_t)s.st_size,
				.name = img->strtab + used,
				.func = type == STT_FUNC,
			};
			used += len;
		}
		break; /* one symbol table is all an executable has */
	}
	if (img->nr_sym)
		qsort(img->sym, img->nr_sym, sizeof(*img->sym), cmp_sym);
	if (nr_maps) {
		qsort(maps, nr_maps, sizeof(*maps), cmp_mapsym);
		img->thumb_ranges = xcalloc(2 * (size_t)nr_maps, sizeof(uint32_t),
					    "the image's Thumb ranges");
		for (unsigned i = 0; i < nr_maps; i++) {
			if (maps[i].kind != 't')
				continue;
			img->thumb_ranges[2 * img->nr_thumb] = maps[i].addr;
			img->thumb_ranges[2 * img->nr_thumb + 1] =
				i + 1 < nr_maps ? maps[i + 1].addr : UINT32_MAX;
			img->nr_thumb++;
		}
	}
	free(maps);
	return 0;
}

#define FAIL(...)                                   \
	do {                                        \
		log_error("%s: " __VA_ARGS__);          \
		goto fail;                          \
	} while (0)

/* Does [lo, hi) meet the file bytes of a segment loaded before? */
static bool bss_overlaps(const struct elf_image *img, uint32_t lo, uint32_t hi)
{
	for (unsigned i = 0; i < img->nr_seg; i++)
		if (lo < img->seg[i].paddr + img->seg[i].filesz && img->seg[i].paddr < hi)
			return true;
	return false;
}

int elf_load(const char *path, const struct elf_load_target *t, struct elf_image **out)
{
	struct elf_image *img = NULL;
	Elf *e = NULL;
	GElf_Ehdr eh;
	struct stat st;
	size_t phnum;
	char *raw;
	size_t rawsize;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		log_error("%s: cannot open image: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		log_error("%s: not a regular file", path);
		close(fd);
		return -1;
	}
	/* libelf reads the whole file: bound it by the largest RAM a board has. */
	if ((unsigned long long)st.st_size > ELF_MAX_FILE_SIZE) {
		log_error("%s: %llu bytes, larger than the %u MiB limit for an image", path,
			  (unsigned long long)st.st_size, ELF_MAX_FILE_SIZE >> 20);
		close(fd);
		return -1;
	}
	if (elf_version(EV_CURRENT) == EV_NONE)
		log_fatal("libelf is too old: %s", elf_errmsg(-1));
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e)
		FAIL("cannot read image: %s", path, elf_errmsg(-1));
	raw = elf_rawfile(e, &rawsize);
	if (elf_kind(e) != ELF_K_ELF) {
		if (rawsize == 0)
			FAIL("empty file, not an ELF image", path);
		if (rawsize >= 4 && memcmp(raw, ELFMAG, 4) == 0)
			FAIL("truncated ELF image: the %zu-byte file is shorter than its ELF header",
			     path, rawsize);
		FAIL("not an ELF image (no \\177ELF magic at the start of the file)", path);
	}
	if (rawsize < EI_NIDENT)
		FAIL("truncated ELF image", path);
	if (raw[EI_CLASS] != ELFCLASS32)
		FAIL("%s ELF image: the S3C6410's ARM1176 runs 32-bit (ELFCLASS32) images",
		     path, raw[EI_CLASS] == ELFCLASS64 ? "64-bit" : "unknown-class");
	if (raw[EI_DATA] != ELFDATA2LSB)
		FAIL("big-endian ELF image: the board boots little-endian", path);
	if (!gelf_getehdr(e, &eh))
		FAIL("truncated or corrupt ELF header: %s", path, elf_errmsg(-1));
	if (eh.e_machine != EM_ARM)
		FAIL("ELF image is for machine %u (%s), not ARM (EM_ARM = 40)", path,
		     eh.e_machine, eh.e_machine == EM_X86_64 ? "x86-64" :
		     eh.e_machine == EM_386 ? "i386" : eh.e_machine == EM_AARCH64 ? "AArch64" :
		     eh.e_machine == EM_RISCV ? "RISC-V" : "not ARM");
	if (eh.e_type != ET_EXEC)
		FAIL("ELF image is not an executable (e_type %u): link it with a fixed address",
		     path, eh.e_type);
	/* Check the header's own counts against the file: libelf reports a
	 * truncated table as an empty one. */
	if (eh.e_phnum == 0)
		FAIL("ELF image has no program headers, nothing to load", path);
	if (eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize > rawsize)
		FAIL("truncated ELF image: the program headers end at byte %llu of a %zu-byte file",
		     path, (unsigned long long)(eh.e_phoff + (uint64_t)eh.e_phnum * eh.e_phentsize),
		     rawsize);
	if (elf_getphdrnum(e, &phnum) != 0 || phnum == 0)
		FAIL("corrupt program header table: %s", path, elf_errmsg(-1));

	img = xcalloc(1, sizeof(*img), "the image");
	img->path = xstrdup(path, "the image's path");
	img->seg = xcalloc(phnum, sizeof(*img->seg), "the image's segments");
	img->lo_pa = UINT32_MAX;
	img->entry = (uint32_t)eh.e_entry;

	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		uint64_t end;

		if (!gelf_getphdr(e, (int)i, &ph))
			FAIL("corrupt program header %zu: %s", path, i, elf_errmsg(-1));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (ph.p_filesz > ph.p_memsz)
			FAIL("segment %zu has more file bytes (%llu) than memory bytes (%llu)", path, i,
			     (unsigned long long)ph.p_filesz, (unsigned long long)ph.p_memsz);
		if (ph.p_offset + ph.p_filesz > rawsize)
			FAIL("truncated ELF image: segment %zu needs bytes %llu..%llu but the file has %zu",
			     path, i, (unsigned long long)ph.p_offset,
			     (unsigned long long)(ph.p_offset + ph.p_filesz), rawsize);
		end = ph.p_paddr + ph.p_memsz;
		if (ph.p_paddr < t->base || end > (uint64_t)t->base + t->size)
			FAIL("segment %zu at physical 0x%08llx-0x%08llx lies outside RAM "
			     "0x%08x-0x%08llx: link the image for the board's RAM",
			     path, i, (unsigned long long)ph.p_paddr, (unsigned long long)end - 1,
			     t->base, (unsigned long long)t->base + t->size - 1);
		memcpy(t->ram + (ph.p_paddr - t->base), raw + ph.p_offset, ph.p_filesz);
		if (!t->zeroed || bss_overlaps(img, (uint32_t)(ph.p_paddr + ph.p_filesz), (uint32_t)end))
			memset(t->ram + (ph.p_paddr - t->base) + ph.p_filesz, 0,
			       ph.p_memsz - ph.p_filesz);
		img->seg[img->nr_seg++] = (struct elf_segment){
			.vaddr = (uint32_t)ph.p_vaddr, .paddr = (uint32_t)ph.p_paddr,
			.filesz = (uint32_t)ph.p_filesz, .memsz = (uint32_t)ph.p_memsz,
			.flags = ph.p_flags,
		};
		if (ph.p_paddr < img->lo_pa)
			img->lo_pa = (uint32_t)ph.p_paddr;
		if (end > img->hi_pa)
			img->hi_pa = (uint32_t)end;
	}
	if (!img->nr_seg)
		FAIL("ELF image has no loadable (PT_LOAD) segments", path);

	if (read_symbols(e, img) != 0)
		FAIL("corrupt symbol table: %s", path, elf_errmsg(-1));

	img->entry_thumb = img->entry & 1;
	if (!elf_virt_to_phys(img, img->entry & ~1u, &img->entry_pa)) {
		if (img->entry - t->base < t->size)
			img->entry_pa = img->entry & ~1u;
		else
			FAIL("entry point 0x%08x is neither in a loaded segment nor in RAM", path,
			     img->entry);
	}
	if (!img->entry_thumb)
		img->entry_thumb = elf_is_thumb(img, img->entry & ~1u);

	elf_end(e);
	close(fd);
	*out = img;
	return 0;
fail:
	elf_free(img);
	if (e)
		elf_end(e);
	close(fd);
	return -1;
}

int elf_load_symbols(const char *path, struct elf_image *img)
{
	Elf *e;
	int fd, ret = -1;

	if (img->nr_sym) {
		log_error("%s: the image already has symbols", path);
		return -1;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		log_error("%s: cannot open symbol file: %s", path, strerror(errno));
		return -1;
	}
	if (elf_version(EV_CURRENT) == EV_NONE)
		log_fatal("libelf is too old: %s", elf_errmsg(-1));
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || gelf_getclass(e) != ELFCLASS32)
		log_error("%s: not a 32-bit ELF file (give the kernel's vmlinux)", path);
	else if (read_symbols(e, img) != 0)
		log_error("%s: corrupt symbol table: %s", path, elf_errmsg(-1));
	else if (!img->nr_sym)
		log_error("%s: no symbols", path);
	else
		ret = 0;
	if (e)
		elf_end(e);
	close(fd);
	return ret;
}

/*
 * The symbol covering addr: a sized symbol that contains it, else the nearest
 * unsized label (assembly entry points often have no .size) within 64 KiB.
 */
const struct elf_symbol *elf_lookup(const struct elf_image *img, uint32_t addr)
{
	const struct elf_symbol *label = NULL;
	unsigned lo = 0, hi;

	if (!img || !img->nr_sym)
		return NULL;
	hi = img->nr_sym;
	while (lo < hi) { /* first symbol above addr */
		unsigned mid = lo + (hi - lo) / 2;

		if (img->sym[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (unsigned i = lo; i-- > 0 && lo - i <= 8;) {
		const struct elf_symbol *s = &img->sym[i];

		if (s->size) {
			if (addr - s->addr < s->size)
				return s;
		} else if (!label && addr - s->addr < 0x10000) {
			label = s;
		}
	}
	return label;
}

bool elf_symbol_addr(const struct elf_image *img, const char *name, uint32_t *addr, uint32_t *size)
{
	if (!img)
		return false;
	for (unsigned i = 0; i < img->nr_sym; i++) {
		if (strcmp(img->sym[i].name, name) == 0) {
			if (addr)
				*addr = img->sym[i].addr;
			if (size)
				*size = img->sym[i].size;
			return true;
		}
	}
	return false;
}

const char *elf_symbolize(const struct elf_image *img, uint32_t addr, char *buf, size_t len)
{
	const struct elf_symbol *s = elf_lookup(img, addr);

	if (!s)
		snprintf(buf, len, "0x%08x", addr);
	else if (addr == s->addr)
		snprintf(buf, len, "0x%08x <%s>", addr, s->name);
	else
		snprintf(buf, len, "0x%08x <%s+0x%x>", addr, s->name, addr - s->addr);
	return buf;
}

bool elf_is_thumb(const struct elf_image *img, uint32_t addr)
{
	unsigned lo = 0, hi;

	if (!img || !img->nr_thumb)
		return false;
	hi = img->nr_thumb;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (img->thumb_ranges[2 * mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && addr < img->thumb_ranges[2 * (lo - 1) + 1];
}

bool elf_virt_to_phys(const struct elf_image *img, uint32_t va, uint32_t *pa)
{
	for (unsigned i = 0; i < img->nr_seg; i++) {
		const struct elf_segment *s = &img->seg[i];

		if (va - s->vaddr < s->memsz) {
			*pa = s->paddr + (va - s->vaddr);
			return true;
		}
	}
	return false;
}
