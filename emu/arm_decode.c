/* SPDX-License-Identifier: MIT */
/*
 * arm_decode.c - load/store address decoding (ARM DDI 0100I, A3.11-A3.14, A5).
 */
#include "emu/arm_decode.h"

#define BIT(x, n)        (((x) >> (n)) & 1u)
#define BITS(x, hi, lo)  (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

bool arm_condition_passed(uint32_t cond, uint32_t cpsr)
{
	bool n = BIT(cpsr, 31), z = BIT(cpsr, 30), c = BIT(cpsr, 29), v = BIT(cpsr, 28);

	switch (cond) {
	case 0x0: return z;
	case 0x1: return !z;
	case 0x2: return c;
	case 0x3: return !c;
	case 0x4: return n;
	case 0x5: return !n;
	case 0x6: return v;
	case 0x7: return !v;
	case 0x8: return c && !z;
	case 0x9: return !c || z;
	case 0xa: return n == v;
	case 0xb: return n != v;
	case 0xc: return !z && n == v;
	case 0xd: return z || n != v;
	default: return true; /* AL, and 0xF handled by the caller */
	}
}

/* Register value as an operand: PC reads as the instruction address + 8 (ARM). */
static uint32_t reg(const uint32_t r[16], unsigned n, uint32_t pc_value)
{
	return n == 15 ? pc_value : r[n];
}

/* ARM addressing mode 2 register offset: shift_imm applied to Rm. */
static uint32_t shifted(uint32_t insn, const uint32_t r[16], uint32_t pcv, uint32_t cpsr)
{
	uint32_t rm = reg(r, BITS(insn, 3, 0), pcv);
	unsigned imm = BITS(insn, 11, 7);

	switch (BITS(insn, 6, 5)) {
	case 0: /* LSL */
		return rm << imm;
	case 1: /* LSR, #0 means #32 */
		return imm ? rm >> imm : 0;
	case 2: /* ASR, #0 means #32 */
		return imm ? (uint32_t)((int32_t)rm >> imm) : ((int32_t)rm < 0 ? ~0u : 0);
	default: /* ROR, #0 means RRX */
		if (imm)
			return (rm >> imm) | (rm << (32 - imm));
		return (BIT(cpsr, 29) << 31) | (rm >> 1);
	}
}

static int add(struct arm_access *out, int n, uint32_t addr, unsigned size, bool write)
{
	if (n < ARM_MAX_ACCESSES)
		out[n] = (struct arm_access){ .addr = addr, .size = (uint8_t)size, .write = write };
	return n + 1;
}

/* Word accesses of a block transfer, lowest address first, as the core issues them. */
static int block(struct arm_access *out, uint32_t start, unsigned count, bool write)
{
	int n = 0;

	for (unsigned i = 0; i < count; i++)
		n = add(out, n, start + 4 * i, 4, write);
	return n;
}

static int decode_arm(uint32_t insn, uint32_t pc, const uint32_t r[16], uint32_t cpsr,
		      struct arm_access *out)
{
	uint32_t cond = insn >> 28, pcv = pc + 8;
	unsigned rn = BITS(insn, 19, 16);
	bool p = BIT(insn, 24), u = BIT(insn, 23), w = BIT(insn, 21), l = BIT(insn, 20);
	uint32_t base = reg(r, rn, pcv), addr, off;

	if (cond == 0xf) {
		/* RFE: 1111 100P U0W1 Rn; SRS: 1111 100P U1W0 1101 */
		if ((insn & 0x0e500000u) == 0x08100000u) {
			uint32_t start = u ? (p ? base + 4 : base) : (p ? base - 8 : base - 4);

			return block(out, start, 2, false);
		}
		if ((insn & 0x0e500000u) == 0x08400000u)
			return -1; /* SRS uses another mode's SP: not decodable here */
		if ((insn & 0x0d700000u) == 0x05500000u)
			return 0; /* PLD: hints never fault */
		return 0;
	}
	if (!arm_condition_passed(cond, cpsr))
		return 0;

	switch (BITS(insn, 27, 25)) {
	case 0: /* misc loads/stores, SWP, LDREX/STREX: bit 7 and 4 set */
	case 1:
		if (BITS(insn, 27, 25) == 1 || !BIT(insn, 7) || !BIT(insn, 4))
			return 0;
		if ((insn & 0x0fb00ff0u) == 0x01000090u) /* SWP{B} */
			return add(out, add(out, 0, base, BIT(insn, 22) ? 1 : 4, false), base,
				   BIT(insn, 22) ? 1 : 4, true);
		if ((insn & 0x0f800ff0u) == 0x01800f90u) {
			/* LDREX/STREX family: bits 22:21 size (00 word, 01 dword, 10 byte, 11 half) */
			static const uint8_t sz[4] = { 4, 8, 1, 2 };
			unsigned size = sz[BITS(insn, 22, 21)];

			if (size == 8)
				return add(out, add(out, 0, base, 4, !l), base + 4, 4, !l);
			return add(out, 0, base, size, !l);
		}
		if (BITS(insn, 6, 5) == 0)
			return 0; /* multiplies */
		off = BIT(insn, 22) ? (BITS(insn, 11, 8) << 4 | BITS(insn, 3, 0))
				    : reg(r, BITS(insn, 3, 0), pcv);
		addr = p ? (u ? base + off : base - off) : base;
		switch (BITS(insn, 6, 5) | (l << 2)) {
		case 1: return add(out, 0, addr, 2, true);                 /* STRH */
		case 2: return add(out, add(out, 0, addr, 4, false), addr + 4, 4, false); /* LDRD */
		case 3: return add(out, add(out, 0, addr, 4, true), addr + 4, 4, true);   /* STRD */
		case 5: return add(out, 0, addr, 2, false);                /* LDRH */
		case 6: return add(out, 0, addr, 1, false);                /* LDRSB */
		case 7: return add(out, 0, addr, 2, false);                /* LDRSH */
		default: return 0;
		}
	case 2: /* LDR/STR immediate */
	case 3: /* LDR/STR register (bit 4 set = media instructions) */
		if (BITS(insn, 27, 25) == 3 && BIT(insn, 4))
			return 0;
		off = BITS(insn, 27, 25) == 2 ? BITS(insn, 11, 0) : shifted(insn, r, pcv, cpsr);
		addr = p ? (u ? base + off : base - off) : base;
		(void)w;
		return add(out, 0, addr, BIT(insn, 22) ? 1 : 4, !l);
	case 4: { /* LDM/STM */
		unsigned count = __builtin_popcount(BITS(insn, 15, 0));
		uint32_t start;

		if (!count)
			return 0;
		if (u)
			start = p ? base + 4 : base;
		else
			start = p ? base - 4 * count : base - 4 * count + 4;
		return block(out, start, count, !l);
	}
	case 6: { /* LDC/STC: coprocessor (VFP) transfers */
		unsigned words = BITS(insn, 7, 0);
		uint32_t imm = words * 4;

		if (!p && !w && !u)
			return 0; /* MCRR/MRRC encodings share this space */
		if (!p && !w) /* unindexed: one transfer of unknown length; assume one word */
			return add(out, 0, base, 4, !l);
		addr = p ? (u ? base + imm : base - imm) : base;
		if (p && !w) /* VLDR/VSTR: one or two words depending on precision */
			return BITS(insn, 11, 8) == 11 ? block(out, addr, 2, !l) : add(out, 0, addr, 4, !l);
		return block(out, addr, words ? words : 1, !l);
	}
	default:
		return 0;
	}
}

static int decode_thumb(uint32_t insn, uint32_t pc, const uint32_t r[16], struct arm_access *out)
{
	uint32_t hw = insn & 0xffffu;
	uint32_t rn = r[BITS(hw, 5, 3)], imm5 = BITS(hw, 10, 6);

	switch (hw >> 12) {
	case 0x4:
		if ((hw & 0xf800u) == 0x4800u) /* LDR literal */
			return add(out, 0, ((pc + 4) & ~3u) + BITS(hw, 7, 0) * 4, 4, false);
		return 0;
	case 0x5: { /* register offset */
		static const struct { uint8_t size; bool write; } op[8] = {
			{4, true}, {2, true}, {1, true}, {1, false},
			{4, false}, {2, false}, {1, false}, {2, false},
		};
		unsigned o = BITS(hw, 11, 9);

		return add(out, 0, rn + r[BITS(hw, 8, 6)], op[o].size, op[o].write);
	}
	case 0x6: /* STR/LDR word immediate */
		return add(out, 0, rn + imm5 * 4, 4, !BIT(hw, 11));
	case 0x7: /* STRB/LDRB immediate */
		return add(out, 0, rn + imm5, 1, !BIT(hw, 11));
	case 0x8: /* STRH/LDRH immediate */
		return add(out, 0, rn + imm5 * 2, 2, !BIT(hw, 11));
	case 0x9: /* SP-relative */
		return add(out, 0, r[13] + BITS(hw, 7, 0) * 4, 4, !BIT(hw, 11));
	case 0xb:
		if ((hw & 0x0600u) == 0x0400u) { /* PUSH / POP */
			unsigned count = __builtin_popcount(BITS(hw, 8, 0));
			bool pop = BIT(hw, 11);

			return block(out, pop ? r[13] : r[13] - 4 * count, count, !pop);
		}
		return 0;
	case 0xc: /* STMIA / LDMIA */
		return block(out, r[BITS(hw, 10, 8)], __builtin_popcount(BITS(hw, 7, 0)),
			     !BIT(hw, 11));
	default:
		return 0;
	}
}

int arm_decode_accesses(uint32_t insn, bool thumb, uint32_t pc, const uint32_t r[16],
			uint32_t cpsr, struct arm_access *out)
{
	int n = thumb ? decode_thumb(insn, pc, r, out) : decode_arm(insn, pc, r, cpsr, out);

	return n > ARM_MAX_ACCESSES ? ARM_MAX_ACCESSES : n;
}
