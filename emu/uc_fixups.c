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

struct page_collection *page_collection_lock_arm(struct uc_struct *uc, tb_page_addr_t start,
						 tb_page_addr_t end);
void page_collection_unlock_arm(struct page_collection *set);

static struct {
	bool decided;
	bool fast;
	lock_fn *real_lock;
	unlock_fn *real_unlock;
	uint64_t collections;
	char why[128];
} fx;

void uc_fixups_init(bool want)
{
	unsigned major = 0, minor = 0, ver = uc_version(&major, &minor);
	const char *env = getenv(ENV_OFF);

	fx.real_lock = (lock_fn *)dlsym(RTLD_NEXT, LOCK_NAME);
	fx.real_unlock = (unlock_fn *)dlsym(RTLD_NEXT, UNLOCK_NAME);
	fx.fast = false;
	fx.decided = true;
	if (!want)
		snprintf(fx.why, sizeof(fx.why), "off (--no-uc-fastpath)");
	else if (env && *env && strcmp(env, "0") != 0)
		snprintf(fx.why, sizeof(fx.why), "off (%s=%s)", ENV_OFF, env);
	else if (major != 2 || minor != 0)
		snprintf(fx.why, sizeof(fx.why), "off (Unicorn %u.%u.%u is not 2.0.x)", major, minor,
			 (ver >> 8) & 0xff);
	else if (!fx.real_lock || !fx.real_unlock)
		snprintf(fx.why, sizeof(fx.why), "off (libunicorn does not export %s)", LOCK_NAME);
	else if (dlsym(RTLD_NEXT, "assert_no_pages_locked"))
		snprintf(fx.why, sizeof(fx.why), "off (a debug-TCG libunicorn: its page locks are real)");
	else {
		fx.fast = true;
		snprintf(fx.why, sizeof(fx.why), "on (Unicorn %u.%u.%u: page collections skipped)",
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
