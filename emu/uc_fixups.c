/* SPDX-License-Identifier: MIT */
/*
 * uc_fixups.c - the store path's page-collection interposition (see
 * uc_fixups.h for why it is safe and when it is used).
 *
 * The two functions below carry the library's exported names and are
 * exported from the executable (core_dep's link arguments), so the dynamic
 * linker binds libunicorn's PLT calls to them - no preload, no change to the
 * installed library.  What they then do is decided here, once at start-up
 * (or on first use, for programs that run Unicorn without a machine).
 */
#define _GNU_SOURCE
#include "emu/uc_fixups.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#define LOCK_NAME "page_collection_lock_arm"
#define UNLOCK_NAME "page_collection_unlock_arm"
#define ENV_OFF "S3C6410_EMU_NO_UC_FASTPATH"

/* QEMU's types as 2.0.1 declares them (accel/tcg/translate-all.h). */
struct uc_struct;
struct page_collection;
typedef uint64_t tb_page_addr_t;

typedef struct page_collection *lock_fn(struct uc_struct *, tb_page_addr_t, tb_page_addr_t);
typedef void unlock_fn(struct page_collection *);
typedef void *mapping_fn(struct uc_struct *, uint64_t);

struct page_collection *page_collection_lock_arm(struct uc_struct *uc, tb_page_addr_t start,
						 tb_page_addr_t end);
void page_collection_unlock_arm(struct page_collection *set);
void *memory_mapping(struct uc_struct *uc, uint64_t address);

static struct {
	bool decided;
	bool fast;
	lock_fn *real_lock;
	unlock_fn *real_unlock;
	mapping_fn *real_mapping;
	uint64_t collections;
	char why[128];
} fx;

/*
 * The region map of the one engine the machine adopted: the bounds come from
 * uc_mem_regions(), each region's MemoryRegion pointer from the library's own
 * memory_mapping() the first time the region is asked for.
 */
#define MAPPING_MAX 64
#define MAPPING_NONE 0xff
static struct {
	const struct uc_struct *uc;    /* NULL: nothing adopted, every call forwards */
	uint8_t of_mib[4096];          /* region index of each MiB, or MAPPING_NONE */
	void *mr[MAPPING_MAX];
} mc;

void uc_fixups_init(bool want)
{
	unsigned major = 0, minor = 0, ver = uc_version(&major, &minor);
	const char *env = getenv(ENV_OFF);

	fx.real_lock = (lock_fn *)dlsym(RTLD_NEXT, LOCK_NAME);
	fx.real_unlock = (unlock_fn *)dlsym(RTLD_NEXT, UNLOCK_NAME);
	fx.real_mapping = (mapping_fn *)dlsym(RTLD_NEXT, "memory_mapping");
	mc.uc = NULL;
	fx.fast = false;
	fx.decided = true;
	if (!want)
		snprintf(fx.why, sizeof(fx.why), "off (--no-uc-fastpath)");
	else if (env && *env && strcmp(env, "0") != 0)
		snprintf(fx.why, sizeof(fx.why), "off (%s=%s)", ENV_OFF, env);
	else if (major != 2 || minor != 0)
		snprintf(fx.why, sizeof(fx.why), "off (Unicorn %u.%u.%u is not 2.0.x)", major, minor,
			 (ver >> 8) & 0xff);
	else if (!fx.real_lock || !fx.real_unlock || !fx.real_mapping)
		snprintf(fx.why, sizeof(fx.why), "off (libunicorn does not export %s, %s and "
			 "memory_mapping)", LOCK_NAME, UNLOCK_NAME);
	else if (dlsym(RTLD_NEXT, "assert_no_pages_locked"))
		snprintf(fx.why, sizeof(fx.why), "off (a debug-TCG libunicorn: its page locks are real)");
	else {
		fx.fast = true;
		snprintf(fx.why, sizeof(fx.why), "on (Unicorn %u.%u.%u: page collections skipped, "
			 "region lookups cached)",
			 major, minor, (ver >> 8) & 0xff);
	}
}

bool uc_fixups_fastpath(void)
{
	if (!fx.decided)
		uc_fixups_init(true);
	return fx.fast;
}

const char *uc_fixups_describe(void)
{
	if (!fx.decided)
		uc_fixups_init(true);
	return fx.why;
}

uint64_t uc_fixups_collections(void)
{
	return fx.collections;
}

/*
 * notdirty_write() and tb_invalidate_phys_range() call these around the
 * invalidation of translated code in the written range.  On the fast path
 * there is no collection: NULL is what the invalidation is handed, and it
 * passes it on only to page_collection_unlock() (under
 * TARGET_HAS_PRECISE_SMC, which ARM does not define).
 */
struct page_collection *page_collection_lock_arm(struct uc_struct *uc, tb_page_addr_t start,
						 tb_page_addr_t end)
{
	fx.collections++;
	if (__builtin_expect(!fx.decided, 0))
		uc_fixups_init(true);
	/* No real lock can only mean a library that calls the name without
	 * defining it; skipping is then the only thing left to do. */
	if (fx.fast || !fx.real_lock)
		return NULL;
	return fx.real_lock(uc, start, end);
}

/* NULL is only ever a skipped collection: the real lock never returns NULL. */
void page_collection_unlock_arm(struct page_collection *set)
{
	if (set && fx.real_unlock)
		fx.real_unlock(set);
}

void uc_fixups_adopt(uc_engine *uc)
{
	uc_mem_region *regs = NULL;
	uint32_t count = 0;
	bool ok = true;

	mc.uc = NULL;
	if (!uc_fixups_fastpath() || uc_mem_regions(uc, &regs, &count) != UC_ERR_OK)
		return;
	/* The machine maps whole MiBs below 4 GiB: one table entry per MiB. */
	memset(mc.of_mib, MAPPING_NONE, sizeof(mc.of_mib));
	ok = count <= MAPPING_MAX;
	for (uint32_t i = 0; i < count && ok; i++) {
		ok = !(regs[i].begin & 0xfffff) && !((regs[i].end + 1) & 0xfffff) &&
		     regs[i].end < 0x100000000ull && regs[i].begin <= regs[i].end;
		for (uint64_t mib = regs[i].begin >> 20; ok && mib <= regs[i].end >> 20; mib++) {
			ok = mc.of_mib[mib] == MAPPING_NONE;
			mc.of_mib[mib] = (uint8_t)i;
		}
		mc.mr[i] = NULL;
	}
	if (ok)
		mc.uc = uc;
	uc_free(regs);
}

void uc_fixups_release(uc_engine *uc)
{
	if (mc.uc == uc)
		mc.uc = NULL;
}

/*
 * Unicorn 2.0.1 calls this with the virtual address of every load and store
 * that leaves its TLB fast path - every store, given notdirty - and never
 * updates the one-entry cache it checks first, so each call is a binary
 * search.  For the adopted engine the answer is the library's own, kept per
 * region; ARM has no mem_redirect, so the address is looked up as given.
 */
void *memory_mapping(struct uc_struct *uc, uint64_t address)
{
	unsigned i;

	if (__builtin_expect(!fx.decided, 0))
		uc_fixups_init(true);
	if (uc != mc.uc || address >> 32)
		return fx.real_mapping(uc, address);
	i = mc.of_mib[address >> 20];
	if (i == MAPPING_NONE)
		return fx.real_mapping(uc, address);
	if (!mc.mr[i])
		mc.mr[i] = fx.real_mapping(uc, address);
	return mc.mr[i];
}
