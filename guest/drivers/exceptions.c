// SPDX-License-Identifier: MIT
/*
 * exceptions.c - C handlers for undefined instructions, aborts, SVC and FIQ.
 *
 * DOC: Each handler reads what the CPU recorded (the instruction, or
 * DFSR/DFAR, IFSR/IFAR from CP15), offers it to the hook a workload
 * installed, and otherwise prints a Linux-style oops -- the fault decoded,
 * the first-level descriptor that covered the address, the registers --
 * and exits through semihosting with 100 + the vector number.  Nested
 * trouble while printing an oops goes straight to semihosting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "boot/setup.h"
#include "drivers/cpu.h"
#include "drivers/exceptions.h"
#include "drivers/semihost.h"

static undef_hook_t undef_hook;
static abort_hook_t abort_hook;
static svc_hook_t svc_hook;
static int oops_count;

undef_hook_t set_undef_handler(undef_hook_t fn)
{
	undef_hook_t old = undef_hook;

	undef_hook = fn;
	return old;
}

abort_hook_t set_abort_handler(abort_hook_t fn)
{
	abort_hook_t old = abort_hook;

	abort_hook = fn;
	return old;
}

svc_hook_t set_svc_handler(svc_hook_t fn)
{
	svc_hook_t old = svc_hook;

	svc_hook = fn;
	return old;
}

/* ARMv6 fault status encodings (ARM DDI 0301 table 3-63, Linux fsr-2level.c). */
const char *fsr_name(unsigned int status)
{
	switch (status) {
	case 0x00: return "vector exception";
	case FS_ALIGNMENT: return "alignment exception";
	case FS_DEBUG: return "debug event";
	case 0x03: return "alignment exception";
	case FS_ICACHE_MAINT: return "instruction cache maintenance fault";
	case FS_TRANS_SECTION: return "section translation fault";
	case 0x06: return "external abort on linefetch";
	case FS_TRANS_PAGE: return "page translation fault";
	case FS_EXT_ABORT: return "external abort on non-linefetch";
	case FS_DOMAIN_SECTION: return "section domain fault";
	case 0x0a: return "external abort on non-linefetch";
	case FS_DOMAIN_PAGE: return "page domain fault";
	case FS_EXT_L1: return "external abort on translation (first level)";
	case FS_PERM_SECTION: return "section permission fault";
	case FS_EXT_L2: return "external abort on translation (second level)";
	case FS_PERM_PAGE: return "page permission fault";
	case FS_IMPRECISE: return "imprecise external abort";
	default: return "unknown fault";
	}
}

static const char *mode_name(uint32_t cpsr)
{
	switch (cpsr & PSR_MODE_MASK) {
	case PSR_USR_MODE: return "USER_32";
	case PSR_FIQ_MODE: return "FIQ_32";
	case PSR_IRQ_MODE: return "IRQ_32";
	case PSR_SVC_MODE: return "SVC_32";
	case PSR_ABT_MODE: return "ABT_32";
	case PSR_UND_MODE: return "UND_32";
	case PSR_SYS_MODE: return "SYS_32";
	default: return "UK_32";
	}
}

void show_regs(const struct pt_regs *regs)
{
	uint32_t psr = regs->ARM_cpsr;

	printf("pc : [<%08lx>]    lr : [<%08lx>]    psr: %08lx\n",
	       (unsigned long)regs->ARM_pc, (unsigned long)regs->ARM_lr, (unsigned long)psr);
	printf("sp : %08lx  ip : %08lx  fp : %08lx\n", (unsigned long)regs->ARM_sp,
	       (unsigned long)regs->ARM_ip, (unsigned long)regs->ARM_fp);
	printf("r10: %08lx  r9 : %08lx  r8 : %08lx\n", (unsigned long)regs->ARM_r10,
	       (unsigned long)regs->ARM_r9, (unsigned long)regs->ARM_r8);
	printf("r7 : %08lx  r6 : %08lx  r5 : %08lx  r4 : %08lx\n", (unsigned long)regs->ARM_r7,
	       (unsigned long)regs->ARM_r6, (unsigned long)regs->ARM_r5,
	       (unsigned long)regs->ARM_r4);
	printf("r3 : %08lx  r2 : %08lx  r1 : %08lx  r0 : %08lx\n", (unsigned long)regs->ARM_r3,
	       (unsigned long)regs->ARM_r2, (unsigned long)regs->ARM_r1,
	       (unsigned long)regs->ARM_r0);
	printf("Flags: %c%c%c%c  IRQs %s  FIQs %s  Mode %s  ISA %s\n",
	       psr & (1u << 31) ? 'N' : 'n', psr & (1u << 30) ? 'Z' : 'z',
	       psr & (1u << 29) ? 'C' : 'c', psr & (1u << 28) ? 'V' : 'v',
	       psr & PSR_I_BIT ? "off" : "on", psr & PSR_F_BIT ? "off" : "on",
	       mode_name(psr), psr & PSR_T_BIT ? "Thumb" : "ARM");
	printf("Control: %08lx  Table: %08lx  DAC: %08lx\n", (unsigned long)cpu_get_sctlr(),
	       (unsigned long)cpu_get_ttbr0(), (unsigned long)cpu_get_dacr());
}

/* Print the first-level descriptor covering `addr` (Linux's show_pte). */
static void show_pte(uint32_t addr)
{
	uint32_t ttbcr = cpu_get_ttbcr() & 7;
	uint32_t ttbr, *pgd, pmd;

	if (!(cpu_get_sctlr() & SCTLR_M))
		return;
	if (ttbcr && (addr >> (32 - ttbcr)))
		ttbr = cpu_get_ttbr1() & ~0x3fffu;
	else
		ttbr = cpu_get_ttbr0() & ~(0x3fffu >> ttbcr);
	/* Page tables live in RAM, which the boot map covers one-to-one. */
	pgd = (uint32_t *)(uintptr_t)ttbr;
	pmd = pgd[addr >> 20];
	printf("pgd = %08lx\n[%08lx] *pgd=%08lx", (unsigned long)ttbr, (unsigned long)addr,
	       (unsigned long)pmd);
	if ((pmd & 3) == 1) {
		uint32_t *pte = (uint32_t *)(uintptr_t)(pmd & ~0x3ffu);

		printf(", *pte=%08lx", (unsigned long)pte[(addr >> 12) & 0xff]);
	}
	printf("\n");
}

static void __attribute__((noreturn)) oops_exit(int code)
{
	kernel_exit(code);
}

void die(const char *what, const struct pt_regs *regs, uint32_t err, int code)
{
	if (oops_count++) {
		/* faulted while reporting: do not trust the console any more */
		sys_write0("guest: nested fault while printing an oops\n");
		sys_exit(code);
	}
	printf("Internal error: %s: %lx [#1] ARM\n", what, (unsigned long)err);
	show_regs(regs);
	printf("Kernel panic - not syncing: Fatal exception (exit code %d)\n", code);
	oops_exit(code);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	local_irq_disable();
	printf("Kernel panic - not syncing: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	oops_exit(PANIC_EXIT_CODE);
}

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
{
	panic("assertion \"%s\" failed: file \"%s\", line %u, function %s", expr, file, line,
	      func);
}

/* Size of the instruction at regs->ARM_pc (Thumb-1 BL/BLX prefixes are 32-bit). */
static uint32_t insn_size(const struct pt_regs *regs)
{
	uint16_t hw;

	if (!thumb_mode(regs))
		return 4;
	hw = *(const uint16_t *)(uintptr_t)regs->ARM_pc;
	return (hw >> 11) >= 0x1d ? 4 : 2;
}

enum skip { SKIP_NONE, SKIP_INSN, SKIP_FETCH };

/*
 * Apply a hook's verdict.  SKIP_INSN steps over the instruction at ARM_pc
 * (it was fetched, so reading it is safe); SKIP_FETCH steps without reading
 * (a prefetch abort: there is nothing readable there).
 */
static bool resume(struct pt_regs *regs, int how, enum skip skip)
{
	if (how == EXC_HANDLED && skip == SKIP_INSN)
		regs->ARM_pc += insn_size(regs);
	else if (how == EXC_HANDLED && skip == SKIP_FETCH)
		regs->ARM_pc += thumb_mode(regs) ? 2 : 4;
	return how != EXC_UNHANDLED;
}

void do_undef(struct pt_regs *regs)
{
	uint32_t insn;

	if (thumb_mode(regs)) {
		regs->ARM_pc += 2;  /* entry.S assumed ARM: LR - 4; Thumb is LR - 2 */
		insn = *(const uint16_t *)(uintptr_t)regs->ARM_pc;
	} else {
		insn = *(const uint32_t *)(uintptr_t)regs->ARM_pc;
	}
	if (undef_hook && resume(regs, undef_hook(regs, insn), SKIP_INSN))
		return;
	printf("Internal error: undefined instruction %08lx at %08lx\n", (unsigned long)insn,
	       (unsigned long)regs->ARM_pc);
	die("Oops - undefined instruction", regs, 0, OOPS_EXIT_BASE + VEC_UNDEF);
}

void do_svc(struct pt_regs *regs)
{
	uint32_t imm;

	if (thumb_mode(regs))
		imm = *(const uint16_t *)(uintptr_t)(regs->ARM_pc - 2) & 0xff;
	else
		imm = *(const uint32_t *)(uintptr_t)(regs->ARM_pc - 4) & 0xffffff;
	/* ARM_pc already is the next instruction: nothing to skip */
	if (svc_hook && resume(regs, svc_hook(regs, imm), SKIP_NONE))
		return;
	printf("unexpected SVC #0x%lx at %08lx\n", (unsigned long)imm,
	       (unsigned long)(regs->ARM_pc - (thumb_mode(regs) ? 2 : 4)));
	die("Oops - SVC", regs, imm, OOPS_EXIT_BASE + VEC_SVC);
}

static void report_fault(const char *kind, const struct fault *f)
{
	printf("8<--- cut here ---\n");
	printf("Unable to handle kernel %s at virtual address %08lx\n", kind,
	       (unsigned long)f->addr);
	printf("%s: %s (0x%03lx) %s\n", f->vector == VEC_DABT ? "DFSR" : "IFSR",
	       fsr_name(f->status), (unsigned long)f->fsr,
	       f->vector == VEC_PABT ? "on instruction fetch" : f->write ? "on write" : "on read");
	show_pte(f->addr);
}

void do_data_abort(struct pt_regs *regs)
{
	struct fault f = { .vector = VEC_DABT };

	f.fsr = cpu_get_dfsr();
	f.addr = cpu_get_dfar();
	f.status = FSR_STATUS(f.fsr);
	f.write = !!(f.fsr & FSR_WNR);
	if (abort_hook && resume(regs, abort_hook(regs, &f),
				   f.status == FS_IMPRECISE ? SKIP_NONE : SKIP_INSN))
		return;
	report_fault(f.status == FS_ALIGNMENT ? "alignment access" : "paging request", &f);
	die("Oops", regs, f.fsr, OOPS_EXIT_BASE + VEC_DABT);
}

void do_prefetch_abort(struct pt_regs *regs)
{
	struct fault f = { .vector = VEC_PABT };

	f.fsr = cpu_get_ifsr();
	f.addr = cpu_get_ifar();
	f.status = FSR_STATUS(f.fsr);
	if (abort_hook && resume(regs, abort_hook(regs, &f), SKIP_FETCH))
		return;
	report_fault("instruction fetch", &f);
	die("Oops - prefetch abort", regs, f.fsr, OOPS_EXIT_BASE + VEC_PABT);
}

void do_fiq(struct pt_regs *regs)
{
	printf("unexpected FIQ\n");
	die("Oops - FIQ", regs, 0, OOPS_EXIT_BASE + VEC_FIQ);
}

void do_bad_vector(struct pt_regs *regs, int vector)
{
	printf("exception through the %s vector\n", vector == VEC_RESET ? "reset" : "reserved");
	die("Oops - bad vector", regs, (uint32_t)vector, OOPS_EXIT_BASE + vector);
}
