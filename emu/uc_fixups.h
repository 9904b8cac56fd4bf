/* SPDX-License-Identifier: MIT */
/*
 * uc_fixups.h - work-arounds for Unicorn 2.0.1 that live outside its
 * library: the store path's page-collection interposition.
 *
 * DOC: Unicorn 2.0.1 keeps no dirty-code bitmap, so every guest store to RAM
 * takes QEMU's notdirty_write() slow path, which builds and frees a GLib tree
 * in page_collection_lock()/page_collection_unlock() - page "locks" that are
 * no-ops in Unicorn, in a collection nothing but the unlock reads (ARM has no
 * TARGET_HAS_PRECISE_SMC).  Debian's libunicorn.so.2 exports both functions
 * as page_collection_lock_arm/page_collection_unlock_arm and calls them
 * through its PLT, so the definitions in uc_fixups.c, exported from the
 * executable, are the ones the library calls.  They either skip the
 * collection (the "fast path") or forward to the library's own functions,
 * found with dlsym(RTLD_NEXT).  The fast path is used only when the loaded
 * library says it is 2.0.x, exports both names, is not a debug-TCG build
 * (whose page locks are real), and neither `--no-uc-fastpath` nor
 * S3C6410_EMU_NO_UC_FASTPATH=1 turned it off.  Whatever is decided, the
 * translated code the store hits is still invalidated: the library's
 * tb_invalidate_phys_page_fast() runs either way.
 */
#ifndef EMU_UC_FIXUPS_H
#define EMU_UC_FIXUPS_H

#include <stdbool.h>
#include <stdint.h>

/* Decide (or re-decide) the store path: `want` false forces the library's. */
void uc_fixups_init(bool want);
/* True when page collections are skipped. */
bool uc_fixups_fastpath(void);
/* Why the fast path is on or off, for --stats ("off: --no-uc-fastpath"). */
const char *uc_fixups_describe(void);
/* Page collections the library asked for since start (skipped or forwarded). */
uint64_t uc_fixups_collections(void);

#endif /* EMU_UC_FIXUPS_H */
