/* SPDX-License-Identifier: MIT */
/*
 * cpu.h - what the host does on the core's behalf: register and CP15 access,
 * exception entry, and guest virtual memory seen through the page tables.
 *
 * DOC: Unicorn 2.0.1 executes instructions but leaves exception entry to us.
 * cpu_take_exception() does what the ARM1176 does on entry (ARM DDI 0301
 * sec. 2.12): switch mode (CPSR first, so the banked SP/LR/SPSR swap), save
 * the old CPSR in the new mode's SPSR, set LR, mask I (and F and A as the
 * exception demands), then jump to the vector at SCTLR.V ? 0xFFFF0000 : VBAR.
 * Before jumping it checks that a handler is there; if not, the machine stops
 * with a report instead of running into zeroes.
 */
#ifndef EMU_CPU_H
#define EMU_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu/machine.h"
#include "soc/arm1176/mmu.h"

#define CPSR_MODE_MASK 0x1fu
#define CPSR_T (1u << 5)
#define CPSR_F (1u << 6)
#define CPSR_I (1u << 7)
#define CPSR_A (1u << 8)
#define CPSR_E (1u << 9)
#define CPSR_J (1u << 24)
#define CPSR_IT_MASK 0x0600fc00u

enum arm_mode {
	MODE_USR = 0x10,
	MODE_FIQ = 0x11,
	MODE_IRQ = 0x12,
	MODE_SVC = 0x13,
	MODE_MON = 0x16,
	MODE_ABT = 0x17,
	MODE_UND = 0x1b,
	MODE_SYS = 0x1f,
};

/* The core's state out of reset: SVC mode, interrupts and aborts masked. */
#define RESET_CPSR (MODE_SVC | CPSR_I | CPSR_F | CPSR_A)

uint32_t cpu_reg(struct machine *m, int uc_reg);
void cpu_set_reg(struct machine *m, int uc_reg, uint32_t v);
/* r0..r15 (r15 = current PC) and CPSR in one call. */
void cpu_regs(struct machine *m, uint32_t r[16], uint32_t *cpsr);
uint32_t cpu_pc(struct machine *m);
bool cpu_thumb(struct machine *m);

/* CP15 through Unicorn's CP_REG interface (non-secure bank, as the core runs). */
uint32_t cpu_cp15_read(struct machine *m, unsigned crn, unsigned opc1, unsigned crm, unsigned opc2);
void cpu_cp15_write(struct machine *m, unsigned crn, unsigned opc1, unsigned crm, unsigned opc2,
		    uint32_t v);
void cpu_mmu_regs(struct machine *m, struct mmu_regs *r);

/* Walk the tables in guest RAM for `va` with the given CP15 state (no permission checks). */
uint32_t cpu_walk(struct machine *m, const struct mmu_regs *r, uint32_t va, struct mmu_result *res);
/* Translate a virtual address as the core would (privileged unless in USR). */
uint32_t cpu_translate(struct machine *m, uint32_t va, enum mmu_access acc, struct mmu_result *res);
/* Read/write guest memory by virtual address (RAM only); false on any fault. */
bool cpu_read_virt(struct machine *m, uint32_t va, void *buf, uint32_t len);
bool cpu_write_virt(struct machine *m, uint32_t va, const void *buf, uint32_t len);
/* The same as the guest itself at its current privilege would access it
 * (domains and permissions checked): for buffers a guest hands the host. */
bool cpu_copy_from_guest(struct machine *m, uint32_t va, void *buf, uint32_t len);
bool cpu_copy_to_guest(struct machine *m, uint32_t va, const void *buf, uint32_t len);

/*
 * Enter an exception.  `lr` is the value the new mode's LR receives.  Fault
 * registers must already be written for aborts.  Returns false (and halts
 * the machine with a report) when no handler is installed.
 */
bool cpu_take_exception(struct machine *m, enum arm_exception e, uint32_t lr, const char *why);

const char *cpu_exception_name(enum arm_exception e);
/* Is a handler installed for exception `e`?  Explains why not in `why`. */
bool cpu_handler_installed(struct machine *m, enum arm_exception e, char *why, size_t len);
uint32_t cpu_vector_base(struct machine *m);

#endif /* EMU_CPU_H */
