/* SPDX-License-Identifier: MIT */
/*
 * cp15_ops.c - CP15 register writes and cache/TLB maintenance applied to the
 * memory model (see cp15_ops.h).
 */
#include "soc/arm1176/cp15_ops.h"

#include "emu/elf.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "soc/arm1176/memsys_priv.h"

/* Physical address for a c7 by-MVA operation (it goes through the MMU like a load). */
static bool mva_to_pa(struct memsys *ms, enum tlb_side side, uint32_t mva, uint32_t *pa)
{
	struct tlb_entry *e = memsys_translate(ms, side, mva, MMU_READ);

	if (!e) {
		ms->cp15.st.mva_faults++;
		return false;
	}
	*pa = e->pa | (mva & ~e->mask);
	return true;
}

static void dcache_line_op(struct memsys *ms, uint32_t pa, enum cache_op op)
{
	uint32_t k = cache_maint_pa(&ms->dcache, pa, op);

	if ((k & CACHE_DIRTY) && (op & CACHE_CLEAN))
		memsys_writeback(ms, k);
}

/* The set/way operand: way in the top bits, set above the line offset (DDI 0301H 3.2.22). */
static uint32_t setway_op(struct cache *c, uint32_t v, enum cache_op op)
{
	unsigned way_shift = 32 - (unsigned)__builtin_ctz(c->ways);

	return cache_maint_setway(c, (v >> c->line_shift) & c->set_mask,
				  c->ways > 1 ? v >> way_shift : 0, op);
}

static void dcache_setway_op(struct memsys *ms, uint32_t v, enum cache_op op)
{
	uint32_t k = setway_op(&ms->dcache, v, op);

	if ((k & CACHE_DIRTY) && (op & CACHE_CLEAN))
		memsys_writeback(ms, k);
}

static void writeback_cb(void *opaque, uint32_t pa)
{
	memsys_writeback(opaque, pa);
}

static void c7_op(struct memsys *ms, unsigned crm, unsigned opc2, uint32_t v)
{
	static const enum cache_op dop[16] = {
		[6] = CACHE_INVALIDATE, [10] = CACHE_CLEAN, [11] = CACHE_CLEAN,
		[14] = CACHE_CLEAN_INVALIDATE, [15] = CACHE_CLEAN_INVALIDATE,
	};
	uint32_t pa;

	switch (crm) {
	case 5: /* I-cache, prefetch buffer, branch predictor */
		if (opc2 == 0)
			cache_maint_all(&ms->icache, CACHE_INVALIDATE, NULL, NULL);
		else if (opc2 == 1 && mva_to_pa(ms, TLB_I, v, &pa))
			cache_maint_pa(&ms->icache, pa, CACHE_INVALIDATE);
		else if (opc2 == 2)
			setway_op(&ms->icache, v, CACHE_INVALIDATE);
		return;
	case 7: /* both caches */
		if (opc2 == 0) {
			cache_maint_all(&ms->icache, CACHE_INVALIDATE, NULL, NULL);
			cache_maint_all(&ms->dcache, CACHE_INVALIDATE, NULL, NULL);
		}
		return;
	case 10:
		if (opc2 == 4 || opc2 == 5) { /* drain write buffer, data memory barrier */
			memsys_charge(ms, CY_BARRIER, wbuf_barrier(&ms->wb, ms->clock->now));
			return;
		}
		/* fall through: the clean operations */
		__attribute__((fallthrough));
	case 6:
	case 11:
	case 14:
	case 15:
		if (opc2 == 0)
			cache_maint_all(&ms->dcache, dop[crm], writeback_cb, ms);
		else if (opc2 == 1 && mva_to_pa(ms, TLB_D, v, &pa))
			dcache_line_op(ms, pa, dop[crm]);
		else if (opc2 == 2)
			dcache_setway_op(ms, v, dop[crm]);
		return;
	default: /* c7,c0,4 WFI (the machine's), c7,c13,1 prefetch: nothing to model */
		return;
	}
}

static void c8_op(struct memsys *ms, unsigned crm, unsigned opc2, uint32_t v)
{
	if (crm < 5 || crm > 7)
		return;
	/* I, D and unified variants all act on the unified main TLB and flush both MicroTLBs. */
	switch (opc2) {
	case 0:
		tlb_invalidate_all(&ms->tlb);
		break;
	case 1:
		tlb_invalidate_mva(&ms->tlb, v & ~0xfffu, (uint8_t)v);
		break;
	case 2:
		tlb_invalidate_asid(&ms->tlb, (uint8_t)v);
		break;
	default:
		return;
	}
	memsys_forget_last(ms);
}

void cp15_op_write(struct memsys *ms, unsigned crn, unsigned opc1, unsigned crm, unsigned opc2,
		   uint32_t v, uint32_t pc)
{
	ms->cp15.st.ops++;
	if (opc1 != 0)
		return;
	switch (crn) {
	case 1:
		if (crm == 0 && opc2 == 0)
			memsys_apply_sctlr(ms, v);
		break;
	case 2:
		if (crm == 0 && opc2 <= 2) {
			if (opc2 == 0)
				ms->regs.ttbr0 = v;
			else if (opc2 == 1)
				ms->regs.ttbr1 = v;
			else
				ms->regs.ttbcr = v;
			memsys_tables_changed(ms);
		}
		break;
	case 3:
		if (crm == 0 && opc2 == 0)
			ms->regs.dacr = v;
		break;
	case 7:
		c7_op(ms, crm, opc2, v);
		break;
	case 8:
		c8_op(ms, crm, opc2, v);
		break;
	case 10:
		if (crm == 0 && opc2 == 0)
			tlb_set_lockdown(&ms->tlb, v);
		break;
	case 13:
		if (crm == 0 && opc2 == 1) {
			ms->regs.contextidr = v;
			ms->asid = (uint8_t)v;
			memsys_forget_last(ms);
		} else if (crm == 0 && opc2 == 0 && (v >> 25) && !ms->fcse_warned) {
			char sym[96];

			ms->fcse_warned = true;
			guest_warn("memory model: the FCSE PID (0x%08x, written at %s) is not "
				   "modelled", v, elf_symbolize(machine_elf(ms->m), pc, sym, sizeof(sym)));
		}
		break;
	default:
		break;
	}
}

void cp15_op_range(struct memsys *ms, unsigned crm, uint32_t start, uint32_t end, uint32_t pc)
{
	uint32_t line = ms->dcache.line, pa;

	ms->cp15.st.ops++;
	if (end < start || end - start > (64u << 20))
		return; /* nonsense range: the core would do a bounded amount of work */
	for (uint32_t va = start & ~(line - 1); va <= end; va += line) {
		switch (crm) {
		case 5:
			if (mva_to_pa(ms, TLB_I, va, &pa))
				cache_maint_pa(&ms->icache, pa, CACHE_INVALIDATE);
			break;
		case 6:
		case 12:
		case 14:
			if (mva_to_pa(ms, TLB_D, va, &pa))
				dcache_line_op(ms, pa, crm == 6 ? CACHE_INVALIDATE : crm == 12 ?
					       CACHE_CLEAN : CACHE_CLEAN_INVALIDATE);
			break;
		default:
			return;
		}
		if (va + line < va)
			break;
	}
}
