/* SPDX-License-Identifier: MIT */
/*
 * cpu.c - register and CP15 access, guest virtual memory, exception entry.
 */
#include "emu/cpu.h"

#include <stdio.h>
#include <string.h>

#include "emu/elf.h"
#include "emu/log.h"
#include "soc/s3c6410/board.h"

/* A failing uc_* call is a host problem: stop the machine and say which call. */
static void uc_check(struct machine *m, uc_err err, const char *what)
{
	if (err != UC_ERR_OK && !m->halted)
		machine_halt(m, STOP_HOST_ERROR, 125, "Unicorn %s failed: %s", what, uc_strerror(err));
}

/*
 * The core is made when the machine first runs (machine_run): until then a
 * scenario may still look at memory by virtual address, and the core is in
 * its reset state, SVC mode with the MMU off (every CP15 register read as 0
 * says so).
 */
uint32_t cpu_reg(struct machine *m, int uc_reg)
{
	uint32_t v = 0;

	if (!m->uc)
		return uc_reg == UC_ARM_REG_CPSR ? RESET_CPSR : 0;
	uc_check(m, uc_reg_read(m->uc, uc_reg, &v), "register read");
	return v;
}

void cpu_set_reg(struct machine *m, int uc_reg, uint32_t v)
{
	uc_check(m, uc_reg_write(m->uc, uc_reg, &v), "register write");
}

void cpu_regs(struct machine *m, uint32_t r[16], uint32_t *cpsr)
{
	static int ids[17];
	void *vals[17];

	if (!ids[1]) {
		for (int i = 0; i < 13; i++)
			ids[i] = UC_ARM_REG_R0 + i;
		ids[13] = UC_ARM_REG_SP;
		ids[14] = UC_ARM_REG_LR;
		ids[15] = UC_ARM_REG_PC;
		ids[16] = UC_ARM_REG_CPSR;
	}
	for (int i = 0; i < 16; i++) {
		r[i] = 0;
		vals[i] = &r[i];
	}
	*cpsr = 0;
	vals[16] = cpsr;
	uc_check(m, uc_reg_read_batch(m->uc, ids, vals, 17), "register batch read");
}

uint32_t cpu_pc(struct machine *m)
{
	return cpu_reg(m, UC_ARM_REG_PC);
}

bool cpu_thumb(struct machine *m)
{
	return cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_T;
}

uint32_t cpu_cp15_read(struct machine *m, unsigned crn, unsigned opc1, unsigned crm, unsigned opc2)
{
	uc_arm_cp_reg cp = {
		.cp = 15, .is64 = 0, .sec = 0, .crn = crn, .crm = crm, .opc1 = opc1, .opc2 = opc2,
	};

	if (!m->uc)
		return 0; /* reset state, as cpu_reg says */
	uc_check(m, uc_reg_read(m->uc, UC_ARM_REG_CP_REG, &cp), "CP15 read");
	return (uint32_t)cp.val;
}

void cpu_cp15_write(struct machine *m, unsigned crn, unsigned opc1, unsigned crm, unsigned opc2,
		    uint32_t v)
{
	uc_arm_cp_reg cp = {
		.cp = 15, .is64 = 0, .sec = 0, .crn = crn, .crm = crm, .opc1 = opc1, .opc2 = opc2,
		.val = v,
	};

	uc_check(m, uc_reg_write(m->uc, UC_ARM_REG_CP_REG, &cp), "CP15 write");
}

void cpu_mmu_regs(struct machine *m, struct mmu_regs *r)
{
	r->sctlr = cpu_cp15_read(m, 1, 0, 0, 0);
	r->ttbr0 = cpu_cp15_read(m, 2, 0, 0, 0);
	r->ttbr1 = cpu_cp15_read(m, 2, 0, 0, 1);
	r->ttbcr = cpu_cp15_read(m, 2, 0, 0, 2);
	r->dacr = cpu_cp15_read(m, 3, 0, 0, 0);
	r->contextidr = cpu_cp15_read(m, 13, 0, 0, 1);
}

static bool read_ram32(void *opaque, uint32_t pa, uint32_t *v)
{
	return machine_read_phys(opaque, pa, v, 4);
}

uint32_t cpu_walk(struct machine *m, const struct mmu_regs *r, uint32_t va, struct mmu_result *res)
{
	return mmu_walk(r, va, read_ram32, m, res);
}

uint32_t cpu_translate(struct machine *m, uint32_t va, enum mmu_access acc, struct mmu_result *res)
{
	struct mmu_regs r;
	bool priv = (cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_MODE_MASK) != MODE_USR;

	cpu_mmu_regs(m, &r);
	return mmu_translate(&r, va, acc, priv, read_ram32, m, res);
}

/*
 * `as_guest`: the access is the guest's own (a semihosting buffer), so it
 * passes the domain and permission checks at the guest's current privilege;
 * otherwise the host looks on its own behalf (fetching the instruction it is
 * emulating) and only walks.
 */
static bool copy_virt(struct machine *m, uint32_t va, void *buf, uint32_t len, bool write,
		      bool as_guest)
{
	struct mmu_regs r;
	uint8_t *p = buf;
	bool priv = as_guest && (cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_MODE_MASK) != MODE_USR;

	cpu_mmu_regs(m, &r);
	while (len) {
		struct mmu_result res;
		uint32_t chunk = 0x1000 - (va & 0xfff);

		if (chunk > len)
			chunk = len;
		if (as_guest ? mmu_translate(&r, va, write ? MMU_WRITE : MMU_READ, priv, read_ram32,
					     m, &res)
			     : mmu_walk(&r, va, read_ram32, m, &res))
			return false;
		if (write ? !machine_write_phys(m, res.pa, p, chunk)
			  : !machine_read_phys(m, res.pa, p, chunk))
			return false;
		va += chunk;
		p += chunk;
		len -= chunk;
	}
	return true;
}

bool cpu_read_virt(struct machine *m, uint32_t va, void *buf, uint32_t len)
{
	return copy_virt(m, va, buf, len, false, false);
}

bool cpu_write_virt(struct machine *m, uint32_t va, const void *buf, uint32_t len)
{
	return copy_virt(m, va, (void *)buf, len, true, false);
}

bool cpu_copy_from_guest(struct machine *m, uint32_t va, void *buf, uint32_t len)
{
	return copy_virt(m, va, buf, len, false, true);
}

bool cpu_copy_to_guest(struct machine *m, uint32_t va, const void *buf, uint32_t len)
{
	return copy_virt(m, va, (void *)buf, len, true, true);
}

static const struct {
	uint8_t mode, offset;
	bool mask_a, mask_f;
	const char *name;
} exc_info[EXC_NR] = {
	[EXC_RESET] = { MODE_SVC, 0x00, true, true, "reset" },
	[EXC_UNDEF] = { MODE_UND, 0x04, false, false, "undefined instruction" },
	[EXC_SVC] = { MODE_SVC, 0x08, false, false, "supervisor call" },
	[EXC_PABT] = { MODE_ABT, 0x0c, true, false, "prefetch abort" },
	[EXC_DABT] = { MODE_ABT, 0x10, true, false, "data abort" },
	[5] = { MODE_SVC, 0x14, false, false, "reserved" },
	[EXC_IRQ] = { MODE_IRQ, 0x18, true, false, "IRQ" },
	[EXC_FIQ] = { MODE_FIQ, 0x1c, true, true, "FIQ" },
};

const char *cpu_exception_name(enum arm_exception e)
{
	return e < EXC_NR ? exc_info[e].name : "?";
}

uint32_t cpu_vector_base(struct machine *m)
{
	uint32_t sctlr = cpu_cp15_read(m, 1, 0, 0, 0);

	return (sctlr & SCTLR_V) ? 0xffff0000u : cpu_cp15_read(m, 12, 0, 0, 0) & ~0x1fu;
}

/*
 * Is there a handler at the vector?  It must translate for a privileged
 * fetch, land in RAM, and not be zero (an all-zero vector table is memory
 * nobody wrote: andeq r0, r0, r0 would slide through it).
 */
static bool vector_present(struct machine *m, uint32_t va, char *why, size_t len)
{
	struct mmu_result res;
	uint32_t fsr, insn;

	fsr = cpu_translate(m, va, MMU_FETCH, &res);
	if (fsr) {
		snprintf(why, len, "vector 0x%08x does not translate: %s", va, mmu_fault_name(fsr));
		return false;
	}
	if (!machine_read_phys(m, res.pa, &insn, 4)) {
		snprintf(why, len, "vector 0x%08x (physical 0x%08x) is not in RAM", va, res.pa);
		return false;
	}
	if (insn == 0) {
		snprintf(why, len, "vector 0x%08x holds no code (all zeros)", va);
		return false;
	}
	return true;
}

bool cpu_handler_installed(struct machine *m, enum arm_exception e, char *why, size_t len)
{
	return vector_present(m, cpu_vector_base(m) + exc_info[e].offset, why, len);
}

bool cpu_take_exception(struct machine *m, enum arm_exception e, uint32_t lr, const char *why)
{
	uint32_t old = cpu_reg(m, UC_ARM_REG_CPSR);
	uint32_t sctlr = cpu_cp15_read(m, 1, 0, 0, 0);
	uint32_t vector = cpu_vector_base(m) + exc_info[e].offset;
	uint32_t cpsr;
	char missing[160], pcbuf[96];

	if (e == EXC_UNDEF || e == EXC_PABT || e == EXC_DABT) {
		/* The same fault at the same instruction, again and again: the
		 * handler returns without fixing anything.  Stop instead of spinning. */
		uint32_t at = lr - (e == EXC_DABT ? 8 : e == EXC_PABT ? 4 : (old & CPSR_T) ? 2 : 4);

		if (e == m->last_sync && at == m->last_sync_pc) {
			if (++m->sync_repeats >= 64) {
				machine_halt(m, STOP_GUEST_CRASH, 126, "%s loop at pc %s%s%s: taken 64 "
					     "times in a row without progress", exc_info[e].name,
					     elf_symbolize(m->elf, at, pcbuf, sizeof(pcbuf)),
					     why && *why ? ": " : "", why ? why : "");
				return false;
			}
		} else {
			m->last_sync = e;
			m->last_sync_pc = at;
			m->sync_repeats = 0;
		}
		/* A fault at the vector itself can never be handled. */
		if (at == vector && e != EXC_UNDEF) {
			machine_halt(m, STOP_GUEST_CRASH, 126, "double fault: %s at its own vector %s%s%s",
				     exc_info[e].name, elf_symbolize(m->elf, at, pcbuf, sizeof(pcbuf)),
				     why && *why ? ": " : "", why ? why : "");
			return false;
		}
	}
	if (e == EXC_IRQ && (sctlr & SCTLR_VE))
		vector = board_irq_vector(m->board);
	if (!vector_present(m, vector, missing, sizeof(missing))) {
		/* Name the instruction that raised it: PC is already past an SVC. */
		uint32_t pc = cpu_pc(m) - (e == EXC_SVC ? ((old & CPSR_T) ? 2 : 4) : 0);

		machine_halt(m, STOP_GUEST_CRASH, 126, "%s at pc %s%s%s, and no handler is installed: %s",
			     exc_info[e].name, elf_symbolize(m->elf, pc, pcbuf, sizeof(pcbuf)),
			     why && *why ? ": " : "", why ? why : "", missing);
		return false;
	}

	cpsr = (old & ~(CPSR_MODE_MASK | CPSR_T | CPSR_J | CPSR_IT_MASK | CPSR_E)) |
	       exc_info[e].mode | CPSR_I;
	if (exc_info[e].mask_a)
		cpsr |= CPSR_A;
	if (exc_info[e].mask_f)
		cpsr |= CPSR_F;
	if (sctlr & (1u << 30)) /* SCTLR.TE: take exceptions in Thumb state */
		cpsr |= CPSR_T;
	if (sctlr & SCTLR_EE)
		cpsr |= CPSR_E;

	/* CPSR first: the mode change swaps in the new mode's banked SP, LR and SPSR. */
	cpu_set_reg(m, UC_ARM_REG_CPSR, cpsr);
	cpu_set_reg(m, UC_ARM_REG_SPSR, old);
	cpu_set_reg(m, UC_ARM_REG_LR, lr);
	cpu_set_reg(m, UC_ARM_REG_PC, vector);
	m->stats.exceptions[e]++;
	if (m->tracer && m->tracer->exception)
		m->tracer->exception(m->tracer_opaque, e, lr);
	if (m->cfg->trace_exceptions) {
		char where[160];

		machine_where(m, where, sizeof(where));
		log_info("%s: %s -> vector 0x%08x, lr 0x%08x%s%s", where, exc_info[e].name, vector, lr,
		     why && *why ? ": " : "", why ? why : "");
	}
	return true;
}
