/* SPDX-License-Identifier: MIT */
/*
 * memsys.h - the ARM1176's memory path as a machine model: table walks,
 * TLBs, L1 caches, the write buffer and the DRAM port, with cycle costs on
 * the global clock, coherency checks and reports.
 *
 * DOC: Unicorn executes the guest; this model watches it.  Hooks:
 *   - a block hook: every translated block's fetches go through the I-side
 *     MicroTLB and the I-cache, line by line;
 *   - a memory hook on every data read and write (Unicorn 2.0.1 reports
 *     virtual addresses): D-side MicroTLB, main TLB, table walk, then the
 *     D-cache, the write buffer or an uncached/device bus access by the
 *     page's memory type;
 *   - CP15 writes: the MCR/MCRR p15 instructions of the image's executable
 *     segments are found at start; blocks holding them are interpreted at
 *     block start to learn their operands, and each operation is applied in
 *     program order between the data accesses around it (cp15.c explains
 *     why not code hooks), so cache and TLB maintenance, SCTLR, TTBR/TTBCR,
 *     DACR and CONTEXTIDR writes act on the model (cp15_ops.c).
 * Every stall is added to the clock (`now`) as it happens, by cause.
 *
 * The parts: tlb.c (MicroTLBs, main TLB, walk counts), cache.c (L1 tags),
 * wbuf.c (write buffer), cp15.c/cp15_ops.c, and the board's DRAM port
 * (soc/s3c6410/dmc.c).  Each keeps its own counters and writes its own
 * report section; memsys.c orders the calls (memsys_priv.h).
 *
 * Modes (--model): none attaches nothing (Unicorn plus the machine's own
 * block hook, the instruction clock); timing runs TLBs, caches, bus and
 * costs; full adds the checks (stale TLB entries, walker coherency, other
 * bus masters against the D-cache, model/core disagreements); verify adds a
 * check of every load's value against RAM at the model's physical address
 * and of every abort's DFSR/DFAR against the model (a testing aid).
 *
 * Parameters (ARMCLK cycles unless noted; device-tree properties of
 * /cpus/cpu@0 and of the memory controller node, see s3c6410.dtsi):
 * | parameter                       | value | source / assumption                      |
 * |---------------------------------|-------|------------------------------------------|
 * | L1 I/D: size, ways, line        | 16 KiB, 4, 32 B | board DTS (d-/i-cache-*), |
 * |                                 |       | DDI 0301H 7.2 (4 ways, 8-word lines)     |
 * | allocation                      | read  | DDI 0301H table 6-2: "the cache does not |
 * |                                 |       | implement allocate on write"             |
 * | Shared Normal memory            | not cached | DDI 0301H: "does not cache       |
 * |                                 |       | shareable locations at level one"        |
 * | replacement                     | SCTLR.RR | invalid way first, then one round-   |
 * |                                 |       | robin counter for all sets / xorshift    |
 * |                                 |       | PRNG (DDI 0301H 7.2.1)                   |
 * | MicroTLB entries per side       | 10    | DDI 0301H 6.2.1                          |
 * | main TLB                        | 64 2-way + 8 lockable | DDI 0301H 6.2.2          |
 * | main-tlb-cycles (uTLB miss, main hit) | 2 | assumption ("variable number of cycles") |
 * | walk-cycles (walker overhead)   | 2     | assumption; each descriptor read is a    |
 * |                                 |       | DRAM access on top (walker skips L1)     |
 * | cache-hit-cycles                | 0     | hits are inside the 1-cycle issue        |
 * | miss-cycles (L1 miss handling)  | 1     | assumption                               |
 * | write-buffer-entries            | 8     | assumption (the TRM's 3-entry buffer is  |
 * |                                 |       | the cache's internal one)                |
 * | replacement-seed                | 0x1176 | PRNG seed for SCTLR.RR = 0             |
 * | cas-latency / write-latency     | 3 / 1 HCLK | typical mobile DDR-266 (check)      |
 * | t-rcd / t-rp                    | 3 / 3 HCLK | typical mobile DDR-266 (check)      |
 * | queue-latency                   | 4 HCLK | assumption (AXI port, arbiter, PHY)     |
 * | bytes-per-hclk                  | 8     | 32-bit DDR bus, 2 beats per clock        |
 * | banks / row-bytes               | 4 / 2048 | typical 512 Mbit mobile DDR (check)   |
 * | ahb-access-hclk                 | 2 HCLK | AHB address + data phase (AMBA 2)       |
 * | apb-access-pclk                 | 2 PCLK | APB setup + access phase (AMBA 2) plus  |
 * |                                 |       | the AHB transfer to the bridge           |
 * | APB window                      | 0x7E000000+32M | S3C6410 memory map (check)      |
 * The instruction itself costs 1 ARMCLK (the machine's block hook).
 *
 * Timing: a hit costs nothing beyond the instruction's cycle; a MicroTLB miss
 * that hits the main TLB costs main-tlb-cycles; a walk costs walk-cycles
 * plus one DRAM read per descriptor (the walker does not look in the L1);
 * a read miss costs miss-cycles and waits for the critical word of the line
 * fill (the port stays busy for the whole line); stores that miss (no
 * allocate on write), write-through stores, uncached and device stores and
 * write-backs go through the write buffer and stall only when it is full
 * (a store to the line of the newest entry merges into its burst);
 * strongly-ordered accesses and DSB/DMB drain it; uncached loads wait for
 * their DRAM access, device accesses for their AHB/APB cycles.
 *
 * Not modelled: branch prediction and the prefetch buffer, load-use and
 * other pipeline interlocks, hit-under-miss, cache lockdown, TCMs, the
 * FCSE, L2 (the S3C6410 has none), DRAM refresh, the time a whole-cache
 * maintenance operation takes (its write-backs are timed).  Approximations:
 * instruction fetches are modelled per translated block, line by line (a
 * block whose tail did not run because of an exception still counts its
 * fetches); Unicorn 2.0.1 calls memory hooks before its own translation, so
 * an access that then aborts has been counted (its fault is matched with the
 * abort at the next block); an access crossing a page uses the first page's
 * translation.  Permissions are checked when an entry enters a MicroTLB (and
 * for every abort), not on every hit: an access Unicorn performed passed the
 * core's own check.  MCRs in code generated at run time are not seen; the
 * model re-reads CP15 on every 32nd walk and on faulting walks, counts any
 * difference as an unobserved change and resynchronises.
 */
#ifndef SOC_ARM1176_MEMSYS_H
#define SOC_ARM1176_MEMSYS_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/clock.h"
#include "soc/arm1176/coherency.h"
#include "soc/s3c6410/dmc.h"

struct machine;
struct memsys;

enum memsys_mode { MEMSYS_NONE, MEMSYS_TIMING, MEMSYS_FULL, MEMSYS_VERIFY };

/* "none", "timing", "full", "verify" -> mode; false when unknown. */
bool memsys_parse_mode(const char *s, enum memsys_mode *out);
const char *memsys_mode_name(enum memsys_mode mode);

/*
 * Attach the model to `m` (before machine_run).  MEMSYS_NONE attaches
 * nothing.  Returns 0, or -1 after printing an error.
 */
int memsys_attach(struct machine *m, enum memsys_mode mode);
/* The same with a --coherency mode (memsys_attach: COHERENCY_REPORT). */
int memsys_attach_coherency(struct machine *m, enum memsys_mode mode,
			    enum coherency_mode coh);
/* One CPU data access through the model, as the core's memory hook reports it
 * (before the store reaches RAM); for tests and other models. */
void memsys_cpu_access(struct memsys *ms, uint32_t va, unsigned size, bool write);
/* Coherency findings so far (0 without checks), for --fail-on-coherency. */
uint64_t memsys_coherency_findings(struct machine *m);

/* What a trace samples, read straight from the parts (no report rendered). */
struct memsys_counters {
	uint64_t dcache_fills, dcache_writebacks, icache_fills;
	uint64_t tlb_walks_data, tlb_walks_insn;
	uint64_t dram_busy_cycles, wb_full_stalls;
	uint64_t findings;   /* every kind: the model's and the DMA coherency checker's */
};
void memsys_counters(const struct memsys *ms, struct memsys_counters *c);

/* The model attached to `m`, or NULL: how other models find it. */
struct memsys *memsys_find(struct machine *m);

/*
 * --- for peers: other bus masters and other models --------------------------
 *
 * The DRAM port belongs to the board (board_dram_port()); the CPU side and
 * each DMA controller are bus masters on it.  A DMA controller times each
 * beat with dmc_access() on that port and, so the checks see its traffic,
 * reports the beat here: memsys_coherency_check(memsys_find(m), ...) (a NULL
 * memsys - no model attached - is allowed and checks nothing).
 */

/*
 * A transfer by another bus master (`who`: BUS_DMA0..BUS_OTHER) of `len`
 * bytes at `pa` against the CPU's D-cache: a read of memory the CPU holds
 * dirty (missing clean before the device reads it) is found now; a write
 * to a line the CPU has cached marks it, so a later CPU read of it (missing
 * invalidate) or its write-back when dirty (the write-back destroys the
 * device's data) is found then (coherency.h).  Channel unknown (0).  Returns
 * the number of findings made now.  Does nothing outside full/verify mode or
 * when `ms` is NULL.
 */
unsigned memsys_coherency_check(struct memsys *ms, enum bus_master who, uint32_t pa,
				uint32_t len, bool write);

/*
 * The coherency check, then the transfer on the board's DRAM port (waiting
 * for it when busy), requested at cycle `at`.  Returns the completion cycle.
 */
cycle_t memsys_bus_master_access(struct memsys *ms, enum bus_master who, uint32_t pa,
				 uint32_t len, bool write, cycle_t at);

/* The DRAM port the model uses (the board's). */
struct dmc *memsys_dmc(struct memsys *ms);

/* CACHE_VALID/CACHE_DIRTY/CACHE_DMA_STALE bits of the D-cache line holding `pa` (0: none). */
uint32_t memsys_dcache_state(struct memsys *ms, uint32_t pa);

/* Call fn for every valid D-cache line (physical line address, CACHE_* bits). */
void memsys_dcache_for_each(struct memsys *ms, void (*fn)(void *opaque, uint32_t pa,
							   uint32_t state), void *opaque);

/*
 * A heatmap overlay fill function (mm/heatmap.h) marking the frames that
 * hold dirty D-cache lines; pass the memsys as `opaque`.
 */
void memsys_overlay_dirty_lines(void *opaque, uint64_t *bits, uint32_t pfn0, uint32_t nframes);

/* --- used by cp15.c -------------------------------------------------------------- */

/* Read guest memory by virtual address through the CP15 state the model tracks. */
bool memsys_read_virt(struct memsys *ms, uint32_t va, void *buf, uint32_t len);

#endif /* SOC_ARM1176_MEMSYS_H */
