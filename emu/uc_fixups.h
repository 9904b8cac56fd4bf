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
 *
 * The same slow path (and every hooked load and store) asks memory_mapping()
 * - also exported, also called through the PLT - for the region of the
 * virtual address, a binary search each time in 2.0.1 (its one-entry cache
 * is never filled).  For the engine the machine adopts, the emulator's
 * definition answers from a table of the regions uc_mem_regions() reports,
 * one entry per MiB, with the MemoryRegion pointers the library itself
 * returned; the machine re-adopts after every map change and releases
 * before uc_close().  Same guards, same switch.
 */
#ifndef EMU_UC_FIXUPS_H
#define EMU_UC_FIXUPS_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

/*
 * Cache the region lookups of `uc` (memory_mapping(), which 2.0.1 runs as a
 * binary search for every store and every hooked access).  Adopt after every
 * change to the engine's memory map; release before changing it or closing
 * the engine.  One engine at a time; nothing is cached with the fast path off.
 */
void uc_fixups_adopt(uc_engine *uc);
void uc_fixups_release(uc_engine *uc);

/* Decide (or re-decide) the store path: `want` false forces the library's. */
void uc_fixups_init(bool want);
/* True when page collections are skipped. */
bool uc_fixups_fastpath(void);
/* Why the fast path is on or off, for --stats ("off: --no-uc-fastpath"). */
const char *uc_fixups_describe(void);
/* Page collections the library asked for since start (skipped or forwarded). */
uint64_t uc_fixups_collections(void);

#endif /* EMU_UC_FIXUPS_H */
