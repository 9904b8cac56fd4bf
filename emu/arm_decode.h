/* SPDX-License-Identifier: MIT */
/*
 * arm_decode.h - the memory accesses one ARM or Thumb instruction makes.
 *
 * DOC: Unicorn 2.0.1 reports a data abort with the faulting PC but leaves the
 * fault address to us, and its memory callbacks see the PC of the block, not
 * of the instruction.  The general registers, however, are exact at both
 * points (TCG writes them back before every memory operation).  Decoding the
 * load/store at a PC against those registers gives the addresses it touches,
 * in the order the core issues them: enough to fill DFAR/DFSR and to name the
 * instruction behind an MMIO access.
 *
 * Covered: ARM LDR/STR(B/H/SB/SH/D/T), LDM/STM (all modes), SWP(B),
 * LDREX/STREX(B/H/D), LDC/STC (so VFP VLDR/VSTR/VLDM/VSTM), RFE/SRS; Thumb
 * 16-bit loads/stores, PUSH/POP, LDMIA/STMIA.  Not covered: 32-bit Thumb-2
 * (the ARM1176 has none beyond BL/BLX).
 */
#ifndef EMU_ARM_DECODE_H
#define EMU_ARM_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#define ARM_MAX_ACCESSES 17 /* LDM of 16 registers, plus a spare */

struct arm_access {
	uint32_t addr;
	uint8_t size;   /* bytes */
	bool write;
};

/*
 * Decode `insn` at `pc` (Thumb when `thumb`, insn then holds the halfword) with
 * register file r[0..15] (r[15] is ignored: PC reads are computed from `pc`)
 * and CPSR `cpsr` (for RRX and condition codes).  Returns the number of
 * accesses written to out[], 0 for an instruction that touches no memory
 * (or whose condition fails), -1 for an encoding not covered.
 */
int arm_decode_accesses(uint32_t insn, bool thumb, uint32_t pc, const uint32_t r[16],
			uint32_t cpsr, struct arm_access *out);

/* Whether the ARM condition field passes for these flags. */
bool arm_condition_passed(uint32_t cond, uint32_t cpsr);

#endif /* EMU_ARM_DECODE_H */
