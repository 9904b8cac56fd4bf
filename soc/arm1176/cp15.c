/* SPDX-License-Identifier: MIT */
/*
 * cp15.c - find the image's MCR/MCRR p15 instructions, work out their operands
 * at block start and hand them to the memory model in program order (see cp15.h).
 */
#include "soc/arm1176/cp15.h"

#include <stdlib.h>
#include <string.h>

#include "emu/arm_decode.h"
#include "emu/cpu.h"
#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/alloc.h"
#include "emu/report.h"
#include "soc/arm1176/cp15_ops.h"
#include "soc/arm1176/memsys.h"

#define PF_X 1u

#define BIT(x, n)       (((x) >> (n)) & 1u)
#define BITS(x, hi, lo) (((x) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

/* MCR: cond 1110 opc1:3 0 CRn Rt 1111 opc2:3 1 CRm */
#define MCR_MASK  0x0f100f10u
#define MCR_P15   0x0e000f10u
/* MCRR: cond 1100 0100 Rt2 Rt 1111 opc1:4 CRm */
#define MCRR_MASK 0x0ff00f00u
#define MCRR_P15  0x0c400f00u

#define CPSR_N (1u << 31)
#define CPSR_Z (1u << 30)
#define CPSR_C (1u << 29)
#define CPSR_V (1u << 28)

bool cp15_decode(uint32_t insn, struct cp15_op *op)
{
	if ((insn >> 28) == 0xf)
		return false; /* MCR2/MCRR2 */
	if ((insn & MCR_MASK) == MCR_P15) {
		*op = (struct cp15_op){
			.mcrr = false,
			.opc1 = BITS(insn, 23, 21),
			.crn = BITS(insn, 19, 16),
			.rt = BITS(insn, 15, 12),
			.opc2 = BITS(insn, 7, 5),
			.crm = BITS(insn, 3, 0),
		};
		return true;
	}
	if ((insn & MCRR_MASK) == MCRR_P15) {
		*op = (struct cp15_op){
			.mcrr = true,
			.rt2 = BITS(insn, 19, 16),
			.rt = BITS(insn, 15, 12),
			.opc1 = BITS(insn, 7, 4),
			.crm = BITS(insn, 3, 0),
		};
		return true;
	}
	return false;
}

static int cmp_site(const void *a, const void *b)
{
	uint32_t x = ((const struct cp15_site *)a)->va, y = ((const struct cp15_site *)b)->va;

	return x < y ? -1 : x > y;
}

/* Room for one more site; false when the table is at its bound. */
static bool site_room(struct cp15_watch *w)
{
	unsigned cap;

	if (w->nr < w->cap)
		return true;
	if (w->cap >= CP15_MAX_SITES)
		return false;
	cap = w->cap ? 2 * w->cap : 64;
	w->site = xrealloc(w->site, cap, sizeof(*w->site), "CP15 site table");
	w->cap = cap;
	return true;
}

static void update_span(struct cp15_watch *w)
{
	w->lo = w->nr ? w->site[0].va : 0;
	w->hi = w->nr ? w->site[w->nr - 1].va + 4 : 0;
}

int cp15_watch_scan(struct cp15_watch *w, struct machine *m)
{
	const struct elf_image *elf = machine_elf(m);

	w->nr = 0;
	w->npend = w->next = 0;
	/* A kernel's zImage is mostly compressed data: its code is found as it runs. */
	for (unsigned i = 0; i < elf->nr_seg && !machine_config(m)->image_is_kernel; i++) {
		const struct elf_segment *sg = &elf->seg[i];

		if (!(sg->flags & PF_X) || !machine_is_ram(m, sg->paddr, sg->filesz))
			continue;
		for (uint32_t off = 0; off + 4 <= sg->filesz; off += 4) {
			uint32_t insn, va = sg->vaddr + off;
			struct cp15_op op;

			if (elf->nr_thumb && elf_is_thumb(elf, va))
				continue;
			machine_read_phys(m, sg->paddr + off, &insn, 4);
			if (!cp15_decode(insn, &op) || !site_room(w))
				continue;
			w->site[w->nr++] = (struct cp15_site){ va, insn, op };
		}
	}
	if (w->nr > 1) /* no sites: site is NULL, and qsort's base must not be */
		qsort(w->site, w->nr, sizeof(*w->site), cmp_site);
	w->scanned = w->nr;
	update_span(w);
	memset(w->quiet, 0, sizeof(w->quiet));
	w->quiet_nr = w->nr;
	return 0;
}

static unsigned first_site(const struct cp15_watch *w, uint32_t pc);

/* Put (va, insn) at index i of the sorted table; false when the table is full. */
static bool site_insert(struct cp15_watch *w, unsigned i, uint32_t va, uint32_t insn,
			const struct cp15_op *op)
{
	if (!site_room(w)) {
		if (!w->st.table_full++)
			guest_warn("CP15 watch: %u sites, the most it keeps: the MCR at 0x%08x and "
				   "later new ones are not observed", w->nr, va);
		return false;
	}
	memmove(&w->site[i + 1], &w->site[i], (w->nr - i) * sizeof(*w->site));
	w->site[i] = (struct cp15_site){ va, insn, *op };
	w->nr++;
	update_span(w);
	return true;
}

bool cp15_discover(struct cp15_watch *w, struct machine *m, uint32_t va, uint32_t pa,
		   uint32_t len)
{
	const struct elf_image *elf = machine_elf(m);
	uint32_t words[CP15_DISCOVER_MAX / 4], blk_pc, blk_size, n;
	unsigned i = ~0u;
	bool thumb, changed = false;

	machine_current_block(m, &blk_pc, &blk_size, &thumb);
	if (thumb) /* Thumb code on the ARM1176 has no coprocessor instructions */
		return false;
	/* Whole words: an uncached fetch may start or end mid-word. */
	len += va & 3;
	pa -= va & 3;
	va -= va & 3;
	n = (len + 3) / 4;
	if (n > CP15_DISCOVER_MAX / 4 || !machine_read_phys(m, pa, words, 4 * n))
		return false;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t a = va + 4 * k;
		struct cp15_op op;

		/* Coprocessor space with coprocessor 15 (MCR and MCRR both): rejects most words. */
		if ((words[k] & 0x0c000f00u) != 0x0c000f00u || !cp15_decode(words[k], &op) ||
		    (elf->nr_thumb && elf_is_thumb(elf, a)))
			continue;
		if (i == ~0u)
			i = first_site(w, a);
		while (i < w->nr && w->site[i].va < a)
			i++;
		if (i < w->nr && w->site[i].va == a) {
			if (w->site[i].insn != words[k]) {
				/* New code at a known address: the old site is gone. */
				w->site[i].insn = words[k];
				w->site[i].op = op;
				w->st.rewritten++;
				changed = true;
			}
		} else if (site_insert(w, i, a, words[k], &op)) {
			w->st.discovered++;
			changed = true;
		}
		i++;
	}
	return changed;
}

void cp15_watch_free(struct cp15_watch *w)
{
	free(w->site);
	memset(w, 0, sizeof(*w));
}

/* --- a small ARM interpreter for the instructions before a site -------------------- */

struct interp {
	struct machine *m;
	struct memsys *ms;
	uint32_t r[16];
	uint32_t known;            /* bit n: r[n] is known */
	uint32_t cpsr;
	bool flags_known, mode_known;
	struct {
		uint32_t addr, val;
		uint8_t size;
		bool have;         /* value known */
	} st[8];                   /* stores made by the block so far */
	unsigned nst;
};

static bool known(const struct interp *s, unsigned n)
{
	return n == 15 || (s->known >> n) & 1;
}

static uint32_t val(const struct interp *s, unsigned n, uint32_t pc)
{
	return n == 15 ? pc + 8 : s->r[n];
}

static void set(struct interp *s, unsigned n, uint32_t v)
{
	if (n < 15) {
		s->r[n] = v;
		s->known |= 1u << n;
	}
}

static void forget(struct interp *s, unsigned n)
{
	if (n < 15)
		s->known &= ~(1u << n);
}

static void forget_all(struct interp *s)
{
	s->known = 0;
	s->flags_known = false;
	s->mode_known = false;
}

/* A mode change swaps the banked registers: forget them. */
static void mode_changed(struct interp *s)
{
	for (unsigned n = 8; n <= 14; n++)
		forget(s, n);
}

static uint32_t ror32(uint32_t v, unsigned n)
{
	n &= 31;
	return n ? (v >> n) | (v << (32 - n)) : v;
}

static bool load(struct interp *s, uint32_t addr, unsigned size, uint32_t *out)
{
	uint32_t v = 0;

	for (unsigned i = s->nst; i-- > 0;) {
		if (s->st[i].addr == addr && s->st[i].size == size && s->st[i].have) {
			*out = s->st[i].val;
			return true;
		}
		if (s->st[i].addr < addr + size && addr < s->st[i].addr + s->st[i].size)
			return false; /* partly overwritten: do not guess */
	}
	if (!memsys_read_virt(s->ms, addr, &v, size))
		return false;
	*out = v;
	return true;
}

static void store(struct interp *s, uint32_t addr, unsigned size, bool have, uint32_t v)
{
	if (s->nst == sizeof(s->st) / sizeof(s->st[0])) {
		memmove(s->st, s->st + 1, sizeof(s->st) - sizeof(s->st[0]));
		s->nst--;
	}
	/* An unknown value still shadows memory: loads that overlap it give up. */
	s->st[s->nst].addr = addr;
	s->st[s->nst].size = (uint8_t)size;
	s->st[s->nst].have = have;
	s->st[s->nst].val = v;
	s->nst++;
}

/* Operand 2 of a data-processing instruction and the shifter's carry. */
static bool shifter(const struct interp *s, uint32_t insn, uint32_t pc, uint32_t *out, bool *carry)
{
	bool c = s->cpsr & CPSR_C;
	uint32_t v, amt;
	unsigned type = BITS(insn, 6, 5), rm = BITS(insn, 3, 0);

	if (BIT(insn, 25)) {
		unsigned rot = 2 * BITS(insn, 11, 8);

		v = ror32(BITS(insn, 7, 0), rot);
		*out = v;
		*carry = rot ? v >> 31 : c;
		return true;
	}
	if (!known(s, rm))
		return false;
	v = val(s, rm, pc);
	if (BIT(insn, 4)) {
		unsigned rs = BITS(insn, 11, 8);

		if (!known(s, rs))
			return false;
		amt = val(s, rs, pc) & 0xff;
		if (rm == 15)
			v += 4;
		if (amt == 0) {
			*out = v;
			*carry = c;
			return true;
		}
		switch (type) {
		case 0:
			c = amt <= 32 ? (v >> (32 - amt)) & 1 : 0;
			v = amt < 32 ? v << amt : 0;
			break;
		case 1:
			c = amt <= 32 ? (v >> (amt - 1)) & 1 : 0;
			v = amt < 32 ? v >> amt : 0;
			break;
		case 2:
			c = amt < 32 ? (v >> (amt - 1)) & 1 : v >> 31;
			v = amt < 32 ? (uint32_t)((int32_t)v >> amt) : (v >> 31 ? ~0u : 0);
			break;
		default:
			c = (amt & 31) ? (v >> ((amt & 31) - 1)) & 1 : v >> 31;
			v = ror32(v, amt);
		}
		*out = v;
		*carry = c;
		return true;
	}
	amt = BITS(insn, 11, 7);
	switch (type) {
	case 0:
		if (amt) {
			c = (v >> (32 - amt)) & 1;
			v <<= amt;
		}
		break;
	case 1:
		c = amt ? (v >> (amt - 1)) & 1 : v >> 31;
		v = amt ? v >> amt : 0;
		break;
	case 2:
		c = amt ? (v >> (amt - 1)) & 1 : v >> 31;
		v = amt ? (uint32_t)((int32_t)v >> amt) : (v >> 31 ? ~0u : 0);
		break;
	default:
		if (amt) {
			c = (v >> (amt - 1)) & 1;
			v = ror32(v, amt);
		} else { /* RRX */
			if (!s->flags_known)
				return false;
			bool out_c = v & 1;

			v = (c ? 0x80000000u : 0) | (v >> 1);
			c = out_c;
		}
	}
	*out = v;
	*carry = c;
	return true;
}

static void set_nz(struct interp *s, uint32_t res)
{
	s->cpsr = (s->cpsr & ~(CPSR_N | CPSR_Z)) | (res & CPSR_N) | (res ? 0 : CPSR_Z);
}

static void data_processing(struct interp *s, uint32_t insn, uint32_t pc)
{
	unsigned op = BITS(insn, 24, 21), rn = BITS(insn, 19, 16), rd = BITS(insn, 15, 12);
	bool sflag = BIT(insn, 20), test = op >= 8 && op <= 11, logical, ok, sc, c, v;
	bool cin = s->cpsr & CPSR_C;
	uint32_t a = 0, b, res = 0;
	uint64_t wide;

	ok = shifter(s, insn, pc, &b, &sc);
	if (op != 13 && op != 15) {
		ok = ok && known(s, rn);
		a = val(s, rn, pc);
	}
	if ((op == 5 || op == 6 || op == 7) && !s->flags_known)
		ok = false;
	if (!ok) {
		if (!test)
			forget(s, rd);
		if (sflag)
			s->flags_known = false;
		return;
	}
	logical = op <= 1 || op == 8 || op == 9 || op >= 12;
	c = sc;
	v = s->cpsr & CPSR_V;
	switch (op) {
	case 0: case 8: res = a & b; break;
	case 1: case 9: res = a ^ b; break;
	case 2: case 10:
		res = a - b;
		c = a >= b;
		v = ((a ^ b) & (a ^ res)) >> 31;
		break;
	case 3:
		res = b - a;
		c = b >= a;
		v = ((b ^ a) & (b ^ res)) >> 31;
		break;
	case 4: case 11:
		wide = (uint64_t)a + b;
		res = (uint32_t)wide;
		c = wide >> 32;
		v = (~(a ^ b) & (a ^ res)) >> 31;
		break;
	case 5:
		wide = (uint64_t)a + b + cin;
		res = (uint32_t)wide;
		c = wide >> 32;
		v = (~(a ^ b) & (a ^ res)) >> 31;
		break;
	case 6:
		wide = (uint64_t)a + (uint32_t)~b + cin;
		res = (uint32_t)wide;
		c = wide >> 32;
		v = ((a ^ b) & (a ^ res)) >> 31;
		break;
	case 7:
		wide = (uint64_t)b + (uint32_t)~a + cin;
		res = (uint32_t)wide;
		c = wide >> 32;
		v = ((b ^ a) & (b ^ res)) >> 31;
		break;
	case 12: res = a | b; break;
	case 13: res = b; break;
	case 14: res = a & ~b; break;
	default: res = ~b; break;
	}
	if (!test)
		set(s, rd, res);
	if (sflag && rd != 15) {
		set_nz(s, res);
		s->cpsr = (s->cpsr & ~CPSR_C) | (c ? CPSR_C : 0);
		if (!logical) {
			s->cpsr = (s->cpsr & ~CPSR_V) | (v ? CPSR_V : 0);
			s->flags_known = true;
		}
		/* A logical op keeps V (and C without a shift): known only if they were. */
	}
}

static void multiply(struct interp *s, uint32_t insn, uint32_t pc)
{
	unsigned rd = BITS(insn, 19, 16), ra = BITS(insn, 15, 12), rs = BITS(insn, 11, 8);
	unsigned rm = BITS(insn, 3, 0);
	bool acc = BIT(insn, 21), sflag = BIT(insn, 20);

	if ((insn & 0x0f8000f0u) == 0x00800090u) { /* UMULL, UMLAL, SMULL, SMLAL */
		uint64_t r;

		if (!known(s, rs) || !known(s, rm) || (acc && (!known(s, rd) || !known(s, ra)))) {
			forget(s, rd);
			forget(s, ra);
			if (sflag)
				s->flags_known = false;
			return;
		}
		if (BIT(insn, 22))
			r = (uint64_t)((int64_t)(int32_t)s->r[rm] * (int32_t)s->r[rs]);
		else
			r = (uint64_t)s->r[rm] * s->r[rs];
		if (acc)
			r += ((uint64_t)s->r[rd] << 32) | s->r[ra];
		set(s, ra, (uint32_t)r);
		set(s, rd, (uint32_t)(r >> 32));
		if (sflag) {
			s->cpsr = (s->cpsr & ~(CPSR_N | CPSR_Z)) | ((r >> 32) & CPSR_N) |
				  (r ? 0 : CPSR_Z);
		}
		return;
	}
	if (!known(s, rs) || !known(s, rm) || (acc && !known(s, ra))) {
		forget(s, rd);
		if (sflag)
			s->flags_known = false;
		return;
	}
	set(s, rd, s->r[rm] * s->r[rs] + (acc ? val(s, ra, pc) : 0));
	if (sflag)
		set_nz(s, s->r[rd]);
}

/* LDR/STR/LDRB/STRB (class 01x). */
static void load_store(struct interp *s, uint32_t insn, uint32_t pc)
{
	bool p = BIT(insn, 24), u = BIT(insn, 23), byte = BIT(insn, 22), w = BIT(insn, 21);
	bool l = BIT(insn, 20), ok = known(s, BITS(insn, 19, 16));
	unsigned rn = BITS(insn, 19, 16), rd = BITS(insn, 15, 12);
	uint32_t off = BITS(insn, 11, 0), base = val(s, rn, pc), addr, v = 0;

	if (BIT(insn, 25)) {
		bool c;

		/* register offset, shifted by an immediate: reuse the shifter (bit 4 is 0) */
		ok = ok && shifter(s, insn & ~(1u << 25), pc, &off, &c);
	}
	addr = p ? (u ? base + off : base - off) : base;
	if (l) {
		if (ok && load(s, addr, byte ? 1 : 4, &v))
			set(s, rd, v);
		else
			forget(s, rd);
	} else {
		store(s, addr, byte ? 1 : 4, ok && known(s, rd), val(s, rd, pc));
	}
	if (!p || w) {
		if (ok && !(l && rn == rd))
			set(s, rn, u ? base + off : base - off);
		else if (!(l && rn == rd))
			forget(s, rn);
	}
}

/* LDRH/STRH/LDRSB/LDRSH/LDRD/STRD (class 000 with bits 7 and 4 set). */
static void load_store_extra(struct interp *s, uint32_t insn, uint32_t pc)
{
	bool p = BIT(insn, 24), u = BIT(insn, 23), imm = BIT(insn, 22), w = BIT(insn, 21);
	bool l = BIT(insn, 20);
	unsigned rn = BITS(insn, 19, 16), rd = BITS(insn, 15, 12), sh = BITS(insn, 6, 5);
	unsigned rm = BITS(insn, 3, 0);
	bool ok = known(s, rn) && (imm || known(s, rm));
	uint32_t off = imm ? (BITS(insn, 11, 8) << 4) | rm : val(s, rm, pc);
	uint32_t base = val(s, rn, pc), addr = p ? (u ? base + off : base - off) : base, v = 0;

	if (l) {
		unsigned size = sh == 1 ? 2 : sh == 2 ? 1 : 2;

		if (ok && load(s, addr, size, &v)) {
			if (sh == 2)
				v = (uint32_t)(int32_t)(int8_t)v;
			else if (sh == 3)
				v = (uint32_t)(int32_t)(int16_t)v;
			set(s, rd, v);
		} else {
			forget(s, rd);
		}
	} else if (sh == 2) { /* LDRD */
		uint32_t v2 = 0;

		if (ok && load(s, addr, 4, &v) && load(s, addr + 4, 4, &v2)) {
			set(s, rd, v);
			set(s, rd + 1, v2);
		} else {
			forget(s, rd);
			forget(s, rd + 1);
		}
	} else if (sh == 3) { /* STRD */
		store(s, addr, 4, ok && known(s, rd), val(s, rd, pc));
		store(s, addr + 4, 4, ok && known(s, rd + 1), val(s, rd + 1, pc));
	} else { /* STRH */
		store(s, addr, 2, ok && known(s, rd), val(s, rd, pc) & 0xffff);
	}
	if (!p || w) {
		if (ok)
			set(s, rn, u ? base + off : base - off);
		else
			forget(s, rn);
	}
}

static void block_transfer(struct interp *s, uint32_t insn, uint32_t pc)
{
	bool p = BIT(insn, 24), u = BIT(insn, 23), user = BIT(insn, 22), w = BIT(insn, 21);
	bool l = BIT(insn, 20), ok;
	unsigned rn = BITS(insn, 19, 16), list = BITS(insn, 15, 0), n = __builtin_popcount(list);
	uint32_t base = val(s, rn, pc), addr;

	ok = known(s, rn);
	addr = u ? base + (p ? 4 : 0) : base - 4 * n + (p ? 0 : 4);
	for (unsigned r = 0; r < 16; r++) {
		uint32_t v = 0;

		if (!(list & (1u << r)))
			continue;
		if (l) {
			if (ok && !user && load(s, addr, 4, &v))
				set(s, r, v);
			else
				forget(s, r);
		} else {
			store(s, addr, 4, ok && known(s, r), val(s, r, pc));
		}
		addr += 4;
	}
	if (w && !(l && (list & (1u << rn)))) {
		if (ok)
			set(s, rn, u ? base + 4 * n : base - 4 * n);
		else
			forget(s, rn);
	}
}

/* MSR: flags and, with the c field, the mode. */
static void msr(struct interp *s, uint32_t insn, uint32_t pc)
{
	bool have;
	uint32_t v, c;

	if (BIT(insn, 22))
		return; /* SPSR */
	if (BIT(insn, 25)) {
		v = ror32(BITS(insn, 7, 0), 2 * BITS(insn, 11, 8));
		have = true;
	} else {
		have = known(s, BITS(insn, 3, 0));
		v = val(s, BITS(insn, 3, 0), pc);
	}
	if (BIT(insn, 19)) {
		if (have)
			s->cpsr = (s->cpsr & 0x0fffffffu) | (v & 0xf0000000u);
		s->flags_known = have;
	}
	if (BIT(insn, 16)) {
		c = s->cpsr & CPSR_MODE_MASK;
		if (!have || (v & CPSR_MODE_MASK) != c) {
			mode_changed(s);
			s->mode_known = have;
		}
		if (have)
			s->cpsr = (s->cpsr & ~0xffu) | (v & 0xffu);
	}
}

static void media(struct interp *s, uint32_t insn, uint32_t pc)
{
	unsigned rd = BITS(insn, 15, 12), rm = BITS(insn, 3, 0), rot = 8 * BITS(insn, 11, 10);
	uint32_t v = val(s, rm, pc);

	if ((insn & 0x0ff003f0u) == 0x06e00070u || (insn & 0x0ff003f0u) == 0x06f00070u ||
	    (insn & 0x0ff003f0u) == 0x06a00070u || (insn & 0x0ff003f0u) == 0x06b00070u) {
		/* UXTB/UXTH/SXTB/SXTH, or their accumulating forms when Rn != 15 */
		unsigned rn = BITS(insn, 19, 16), kind = BITS(insn, 22, 20);
		uint32_t x = ror32(v, rot);

		if (!known(s, rm) || (rn != 15 && !known(s, rn))) {
			forget(s, rd);
			return;
		}
		x = kind == 6 ? (x & 0xff) : kind == 7 ? (x & 0xffff) :
		    kind == 2 ? (uint32_t)(int32_t)(int8_t)x : (uint32_t)(int32_t)(int16_t)x;
		set(s, rd, rn == 15 ? x : x + s->r[rn]);
		return;
	}
	if ((insn & 0x0fff0ff0u) == 0x06bf0f30u && known(s, rm)) { /* REV */
		set(s, rd, __builtin_bswap32(v));
		return;
	}
	/* Anything else in the media space writes Rd (some forms 19:16). */
	forget(s, rd);
	forget(s, BITS(insn, 19, 16));
	s->flags_known = false;
}

/* Execute one non-site instruction of the block on the interpreter's state. */
static void step(struct interp *s, uint32_t insn, uint32_t pc)
{
	unsigned cond = insn >> 28;

	if (cond == 0xf) {
		/* CPS with a mode change; PLD, SETEND, CLREX, ... change nothing we track. */
		if ((insn & 0xfff1fe20u) == 0xf1000000u && BIT(insn, 17)) {
			mode_changed(s);
			s->cpsr = (s->cpsr & ~CPSR_MODE_MASK) | BITS(insn, 4, 0);
		}
		return;
	}
	if (cond != 0xe) {
		if (!s->flags_known) {
			forget_all(s);
			return;
		}
		if (!arm_condition_passed(cond, s->cpsr))
			return;
	}
	switch (BITS(insn, 27, 25)) {
	case 0:
		if ((insn & 0x0fc000f0u) == 0x00000090u || (insn & 0x0f8000f0u) == 0x00800090u) {
			multiply(s, insn, pc);
		} else if ((insn & 0x0e000090u) == 0x00000090u && BITS(insn, 6, 5)) {
			load_store_extra(s, insn, pc);
		} else if ((insn & 0x0f9000f0u) == 0x01000090u ||
			   (insn & 0x0f9000f0u) == 0x01800090u) {
			forget(s, BITS(insn, 15, 12)); /* SWP(B), LDREX/STREX */
		} else if ((insn & 0x0fbf0fffu) == 0x010f0000u) {
			unsigned rd = BITS(insn, 15, 12);

			if (!BIT(insn, 22) && s->flags_known && s->mode_known)
				set(s, rd, s->cpsr); /* MRS CPSR */
			else
				forget(s, rd);
		} else if ((insn & 0x0fb0fff0u) == 0x0120f000u) {
			msr(s, insn, pc);
		} else if ((insn & 0x0fff0ff0u) == 0x016f0f10u) {
			unsigned rm = BITS(insn, 3, 0), rd = BITS(insn, 15, 12);

			if (known(s, rm))
				set(s, rd, s->r[rm] ? (uint32_t)__builtin_clz(s->r[rm]) : 32);
			else
				forget(s, rd);
		} else if ((insn & 0x0f900010u) == 0x01000000u ||
			   (insn & 0x0f900090u) == 0x01000080u) {
			forget(s, BITS(insn, 15, 12)); /* QADD family, signed 16-bit multiplies */
			forget(s, BITS(insn, 19, 16));
		} else {
			data_processing(s, insn, pc);
		}
		return;
	case 1:
		if ((insn & 0x0fb0f000u) == 0x0320f000u)
			msr(s, insn, pc); /* also the hints, with an empty mask */
		else if ((insn & 0x0f900000u) == 0x01000000u)
			forget_all(s); /* MOVW/MOVT space: not ARMv6 */
		else
			data_processing(s, insn, pc);
		return;
	case 2:
		load_store(s, insn, pc);
		return;
	case 3:
		if (BIT(insn, 4))
			media(s, insn, pc);
		else
			load_store(s, insn, pc);
		return;
	case 4:
		block_transfer(s, insn, pc);
		return;
	case 6:
		if ((insn & 0x0ff00000u) == 0x0c500000u) { /* MRRC */
			forget(s, BITS(insn, 15, 12));
			forget(s, BITS(insn, 19, 16));
		} else if (BIT(insn, 21)) {
			forget(s, BITS(insn, 19, 16)); /* LDC/STC write-back */
		}
		return;
	case 7:
		if (!BIT(insn, 24) && BIT(insn, 4) && BIT(insn, 20)) { /* MRC */
			unsigned rt = BITS(insn, 15, 12);

			if (BITS(insn, 11, 8) == 15 && rt != 15) {
				set(s, rt, cpu_cp15_read(s->m, BITS(insn, 19, 16),
							 BITS(insn, 23, 21), BITS(insn, 3, 0),
							 BITS(insn, 7, 5)));
			} else if (rt == 15) {
				s->flags_known = false;
			} else {
				forget(s, rt);
			}
		}
		return;
	default: /* branches end the block before any later site */
		forget_all(s);
		return;
	}
}

/* --- pending operations ------------------------------------------------------------------ */

static uint64_t sync_exceptions(const struct machine *m)
{
	const uint64_t *e = machine_stats(m)->exceptions;

	return e[EXC_UNDEF] + e[EXC_SVC] + e[EXC_PABT] + e[EXC_DABT];
}

static void apply(struct cp15_watch *w, struct memsys *ms, const struct cp15_pending *p)
{
	w->st.applied++;
	if (p->op.mcrr)
		cp15_op_range(ms, p->op.crm, p->v2, p->v, p->pc);
	else
		cp15_op_write(ms, p->op.crn, p->op.opc1, p->op.crm, p->op.opc2, p->v, p->pc);
}

void cp15_apply_due(struct cp15_watch *w, struct memsys *ms, unsigned ordinal)
{
	while (w->next < w->npend && w->pend[w->next].ordinal <= ordinal)
		apply(w, ms, &w->pend[w->next++]);
}

/*
 * The previous block is over.  If a synchronous exception cut it short, its
 * handler is about to run and LR says where: operations from the trapping
 * instruction on never executed.
 */
static void finish_block(struct cp15_watch *w, struct machine *m, struct memsys *ms)
{
	uint32_t cut = ~0u;

	if (sync_exceptions(m) != w->sync_exc) {
		uint32_t mode = cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_MODE_MASK;
		uint32_t lr = cpu_reg(m, UC_ARM_REG_LR);

		if (mode == MODE_ABT)
			cut = lr - 8; /* a data abort; a prefetch abort never began the block */
		else if (mode == MODE_UND)
			cut = lr - 4;
		else if (mode != MODE_SVC)
			cut = w->blk_pc;
		/* SVC: the call ends its block, so everything before it ran. */
	}
	while (w->next < w->npend) {
		const struct cp15_pending *p = &w->pend[w->next++];

		if (p->pc < cut)
			apply(w, ms, p);
		else
			w->st.dropped++;
	}
}

void cp15_finish(struct cp15_watch *w, struct machine *m, struct memsys *ms)
{
	if (w->next < w->npend)
		finish_block(w, m, ms);
	w->npend = w->next = 0;
}

static unsigned first_site(const struct cp15_watch *w, uint32_t pc)
{
	unsigned lo = 0, hi = w->nr;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (w->site[mid].va < pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Interpret the block up to its last site and queue each site's operation. */
static void analyse(struct cp15_watch *w, struct machine *m, struct memsys *ms, uint32_t pc,
		    uint32_t end, unsigned first)
{
	struct interp s = {
		.m = m, .ms = ms, .known = 0x7fffu, .flags_known = true, .mode_known = true,
	};
	unsigned ordinal = 0, i = first;

	cpu_regs(m, s.r, &s.cpsr);
	if (s.cpsr & CPSR_T)
		return;
	w->st.blocks++;
	for (uint32_t a = pc; a < end && i < w->nr && w->site[i].va < end; a += 4) {
		struct arm_access acc[ARM_MAX_ACCESSES];
		uint32_t insn = 0;
		int n;

		if (!memsys_read_virt(ms, a, &insn, 4))
			return;
		if (a == w->site[i].va && insn == w->site[i].insn) {
			const struct cp15_op *op = &w->site[i++].op;
			unsigned cond = insn >> 28;
			struct cp15_pending *p;

			if (cond != 0xe && !s.flags_known) {
				w->st.unknown++;
				continue;
			}
			if (cond != 0xe && !arm_condition_passed(cond, s.cpsr)) {
				w->st.cond_failed++;
				continue;
			}
			if ((s.cpsr & CPSR_MODE_MASK) == MODE_USR && s.mode_known &&
			    !(op->crn == 7 && !op->mcrr && ((op->crm == 10 && op->opc2 >= 4) ||
							     (op->crm == 5 && op->opc2 == 4)))) {
				w->st.user_mode++;
				continue;
			}
			if (!known(&s, op->rt) || (op->mcrr && !known(&s, op->rt2)) ||
			    w->npend == CP15_MAX_PENDING) {
				w->st.unknown++;
				continue;
			}
			p = &w->pend[w->npend++];
			*p = (struct cp15_pending){ a, ordinal, *op, val(&s, op->rt, a),
						    op->mcrr ? val(&s, op->rt2, a) : 0 };
			continue;
		}
		while (i < w->nr && w->site[i].va <= a)
			i++; /* a site whose word changed: not an MCR any more */
		n = arm_decode_accesses(insn, false, a, s.r, s.cpsr, acc);
		if (n > 0)
			ordinal += (unsigned)n;
		step(&s, insn, a);
	}
}

/* The block holds no site: remember it (cp15_block_quiet()). */
static void quiet(struct cp15_watch *w, uint32_t pc, uint32_t size)
{
	if (w->quiet_nr != w->nr) {
		memset(w->quiet, 0, sizeof(w->quiet));
		w->quiet_nr = w->nr;
	}
	w->quiet[cp15_quiet_slot(pc)] = (struct cp15_quiet){ pc, size };
}

void cp15_block(struct cp15_watch *w, struct machine *m, struct memsys *ms, uint32_t pc,
		uint32_t size)
{
	unsigned first;

	if (w->next < w->npend)
		finish_block(w, m, ms);
	w->npend = w->next = 0;
	if (pc >= w->hi || pc + size <= w->lo) {
		quiet(w, pc, size);
		return;
	}
	first = first_site(w, pc);
	if (first == w->nr || w->site[first].va >= pc + size) {
		quiet(w, pc, size);
		return;
	}
	w->blk_pc = pc;
	w->sync_exc = sync_exceptions(m);
	analyse(w, m, ms, pc, pc + size, first);
}

void cp15_block_refetched(struct cp15_watch *w, struct machine *m, struct memsys *ms,
			  uint32_t pc, uint32_t size)
{
	/* The first analysis's operations are this block's: none has been applied yet. */
	w->npend = w->next = 0;
	cp15_block(w, m, ms, pc, size);
}

void cp15_report(const struct cp15_watch *w, struct report *r)
{
	report_object(r, "cp15");
	report_u64(r, "sites", w->nr);
	report_u64(r, "sites_in_image", w->scanned);
	report_u64(r, "sites_found_at_fetch", w->st.discovered);
	report_u64(r, "sites_rewritten", w->st.rewritten);
	report_u64(r, "blocks_analysed", w->st.blocks);
	report_u64(r, "operations", w->st.ops);
	report_u64(r, "condition_failed", w->st.cond_failed);
	report_u64(r, "user_mode_traps", w->st.user_mode);
	report_u64(r, "unknown_operand", w->st.unknown);
	report_u64(r, "dropped_after_exception", w->st.dropped);
	report_u64(r, "unobserved_changes", w->st.unobserved);
	report_u64(r, "mva_translation_faults", w->st.mva_faults);
	report_end(r);
}

void cp15_print_stats(const struct cp15_watch *w, FILE *f)
{
	fprintf(f, "CP15               %u sites (%u in the image, %llu found at fetch, %llu "
		"rewritten), %llu blocks analysed, %llu operations applied (%llu unknown operand, "
		"%llu dropped), %llu unobserved changes\n", w->nr, w->scanned,
		(unsigned long long)w->st.discovered, (unsigned long long)w->st.rewritten,
		(unsigned long long)w->st.blocks, (unsigned long long)w->st.applied,
		(unsigned long long)w->st.unknown, (unsigned long long)w->st.dropped,
		(unsigned long long)w->st.unobserved);
}
