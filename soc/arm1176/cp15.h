/* SPDX-License-Identifier: MIT */
/*
 * cp15.h - observing the guest's CP15 writes (MCR/MCRR p15) without code hooks.
 *
 * DOC: Unicorn 2.0.1 executes cache and TLB maintenance as no-ops and has no
 * coprocessor hook.  A UC_HOOK_CODE limited to the MCR addresses would fire
 * at the right moment, but we measured that the mere presence of a bounded
 * code hook corrupts guest execution in this machine (code outside the
 * hook's range that touches MMIO misbehaves: t_libc, slab and buddyinfo
 * crash, the emulator segfaults in tb_set_jmp_target), and a hook covering
 * all code costs a helper call per instruction (a run fell from 54 to 13
 * MIPS).  So:
 *
 *   1. Sites (MCR p15 and MCRR p15 encodings, ARM code only: the ARM1176's
 *      Thumb has no coprocessor instructions) are kept sorted by the virtual
 *      address they execute at.  At start an ELF image's executable PT_LOAD
 *      segments are scanned for them (a kernel zImage is not: it is mostly
 *      compressed data).  Then the memory model hands every line of code it
 *      fetches from memory - an I-cache line fill, or an uncached fetch - to
 *      cp15_discover(), which registers the sites it holds at the fetch's
 *      virtual address and updates a site whose word changed (a site whose
 *      address now holds other code stays: it no longer matches and is
 *      skipped, and it is right again if its code comes back).  So code that
 *      exists only at run time (a decompressed kernel, modules, code copied
 *      or generated) is covered from its first execution on, and code
 *      rewritten in place is seen again when it is refetched, which a
 *      correct program forces with its I-cache invalidate.  The work is
 *      bounded by the fetches (eight words per line fill) and the table by
 *      CP15_MAX_SITES; everything depends only on the guest's execution.
 *   2. The memory model's block hook asks about every block: a block found
 *      to hold no site is remembered by address and size (a direct-mapped
 *      table, cp15_block_quiet(), emptied when a site is added), so a kernel
 *      whose text spans the sites pays one compare per block, not a binary
 *      search; the rest go to cp15_block().  For a block holding sites, the
 *      registers are read (they are exact in a block hook) and the block's
 *      instructions before the last site are interpreted (data processing,
 *      multiplies, loads with their write-back, MRS/MRC, a few media
 *      instructions) to know each site's source registers and condition
 *      when it executes.
 *   3. Each site becomes a pending operation tagged with the number of data
 *      accesses the block makes before it.  The data hook applies it just
 *      before the next access (cp15_due()), the next block hook applies what
 *      is left; when a synchronous exception cut the block short, operations
 *      after the trapping instruction are dropped.
 *
 * Not covered: an MCR reached through a virtual alias while its line is
 * still in the I-cache from a fetch at another address (it is registered at
 * the first address only; user processes sharing a text address with
 * different MCRs at one address are the case that matters), an ARM line first
 * fetched by Thumb code, a line rewritten without the I-cache invalidate
 * (real hardware would run the stale code too), instructions the interpreter
 * does not know that feed a source register (counted as "unknown operand",
 * the operation is skipped), Thumb-2 MCR (not on ARMv6), an MCR after a
 * semihosting BKPT in the same block.  A CP15 register changed by an
 * operation not seen is noticed at the next table walk (resynchronised).
 */
#ifndef SOC_ARM1176_CP15_H
#define SOC_ARM1176_CP15_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct memsys;
struct report;

struct cp15_op {
	bool mcrr;                 /* MCRR block operation */
	uint8_t crn, opc1, crm, opc2;
	uint8_t rt, rt2;           /* MCR: Rt; MCRR: Rt (end address), Rt2 (start address) */
};

/* Decode an ARM-state MCR/MCRR to p15; false for anything else. */
bool cp15_decode(uint32_t insn, struct cp15_op *op);

/* The sites the table keeps at most (a kernel has a few thousand). */
#define CP15_MAX_SITES (1u << 16)
/* The most code cp15_discover() takes at once: one cache line. */
#define CP15_DISCOVER_MAX 64

struct cp15_site {
	uint32_t va, insn;
	struct cp15_op op;
};

#define CP15_MAX_PENDING 16

struct cp15_pending {
	uint32_t pc;
	unsigned ordinal;          /* data accesses of the block before this instruction */
	struct cp15_op op;
	uint32_t v, v2;
};

struct cp15_stats {
	uint64_t blocks;           /* blocks analysed (they held sites) */
	uint64_t applied;          /* operations passed to the model */
	uint64_t cond_failed;      /* conditional sites that did not execute */
	uint64_t user_mode;        /* privileged operations in User mode (they trap) */
	uint64_t unknown;          /* operand or condition not known: skipped */
	uint64_t dropped;          /* after an exception cut the block */
	uint64_t discovered;       /* sites registered from fetched code */
	uint64_t rewritten;        /* sites whose instruction changed when refetched */
	uint64_t table_full;       /* sites not registered: the table is at its bound */
	/* the model's side (cp15_ops.c) */
	uint64_t ops;              /* operations the model received */
	uint64_t unobserved;       /* register changes found by re-reading, not by a site */
	uint64_t mva_faults;       /* by-MVA operations whose address did not translate */
};

/* 32 KiB: the blocks of a kernel's hot paths fit with few collisions. */
#define CP15_QUIET_SLOTS 4096

struct cp15_watch {
	struct cp15_site *site;
	unsigned nr, cap;
	unsigned scanned;          /* sites found in the image at start */
	/*
	 * Blocks known to hold no site, by address and size.  Valid for the
	 * `quiet_nr` sites it was built with: adding a site empties it.  An
	 * all-zero slot is a true answer too (a block of size 0 holds nothing).
	 */
	struct cp15_quiet {
		uint32_t pc, size;
	} quiet[CP15_QUIET_SLOTS];
	unsigned quiet_nr;
	uint32_t lo, hi;           /* [lo, hi): the sites' span */
	struct cp15_pending pend[CP15_MAX_PENDING];
	unsigned npend, next;      /* pending operations, the next to apply */
	uint32_t blk_pc;           /* the block they came from */
	uint64_t sync_exc;         /* synchronous exceptions taken when it began */
	struct cp15_stats st;
};

/* Scan the machine's image for CP15 writes.  Returns 0. */
int cp15_watch_scan(struct cp15_watch *w, struct machine *m);
void cp15_watch_free(struct cp15_watch *w);

static inline unsigned cp15_quiet_slot(uint32_t pc)
{
	return ((pc >> 2) ^ (pc >> 14)) & (CP15_QUIET_SLOTS - 1);
}

/*
 * Nothing to do for this block: no operation is pending from the last one
 * and the block is known to hold no site.  Otherwise call cp15_block().
 */
static inline bool cp15_block_quiet(const struct cp15_watch *w, uint32_t pc, uint32_t size)
{
	const struct cp15_quiet *q = &w->quiet[cp15_quiet_slot(pc)];

	return w->next >= w->npend && q->pc == pc && q->size == size && w->quiet_nr == w->nr;
}

/*
 * A block begins (from the block hook, after the machine's): finish the
 * previous block's operations, then analyse this one.
 */
void cp15_block(struct cp15_watch *w, struct machine *m, struct memsys *ms, uint32_t pc,
		uint32_t size);

/*
 * Code at virtual [va, va + len) (len <= CP15_DISCOVER_MAX) came from
 * physical `pa` for the block running now: register the sites it holds.
 * True when the table changed, so the block, already analysed, must be
 * again: cp15_block_refetched().
 */
bool cp15_discover(struct cp15_watch *w, struct machine *m, uint32_t va, uint32_t pa,
		   uint32_t len);

/* The block's sites changed while it was fetched (after cp15_block()): analyse it again. */
void cp15_block_refetched(struct cp15_watch *w, struct machine *m, struct memsys *ms,
			  uint32_t pc, uint32_t size);

/* Apply the pending operations that precede data access number `ordinal`. */
void cp15_apply_due(struct cp15_watch *w, struct memsys *ms, unsigned ordinal);

static inline void cp15_due(struct cp15_watch *w, struct memsys *ms, unsigned ordinal)
{
	if (__builtin_expect(w->next < w->npend, 0) && w->pend[w->next].ordinal <= ordinal)
		cp15_apply_due(w, ms, ordinal);
}

/* The run ended: apply what the last block left pending. */
void cp15_finish(struct cp15_watch *w, struct machine *m, struct memsys *ms);

/* Sites and counters as report object "cp15"; one --stats line. */
void cp15_report(const struct cp15_watch *w, struct report *r);
void cp15_print_stats(const struct cp15_watch *w, FILE *f);

#endif /* SOC_ARM1176_CP15_H */
