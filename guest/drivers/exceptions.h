/* SPDX-License-Identifier: MIT */
/*
 * exceptions.h - what the guest does with undefined instructions, aborts,
 * SVCs and FIQs, and how a workload hooks in.
 *
 * A hook returns one of:
 *   EXC_UNHANDLED  not mine: print an oops and exit (below)
 *   EXC_HANDLED    resume at the next instruction (step over the one that
 *                  trapped; for an imprecise abort, resume where interrupted)
 *   EXC_RESTART    resume at regs->ARM_pc as the hook left it (re-execute
 *                  the instruction after fixing its cause, or go elsewhere)
 * Hooks run in the exception's mode (UND/ABT/SVC) with IRQs masked.
 *
 * Exit codes (semihosting SYS_EXIT_EXTENDED) when nobody handles it:
 *   99                 panic(), a failed assert(), or an SVC/IRQ stack overflow
 *                      found at exit (boot/setup.c)
 *   100 + vector       an oops: 100 jump to the (unused) reset vector,
 *                      101 undefined instruction, 102 SVC, 103 prefetch abort,
 *                      104 data abort, 105 reserved vector, 107 FIQ
 */
#ifndef GUEST_DRIVERS_EXCEPTIONS_H
#define GUEST_DRIVERS_EXCEPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/ptrace.h"

enum arm_vector {
	VEC_RESET = 0,
	VEC_UNDEF = 1,
	VEC_SVC = 2,
	VEC_PABT = 3,
	VEC_DABT = 4,
	VEC_RESERVED = 5,
	VEC_IRQ = 6,
	VEC_FIQ = 7,
};

#define EXC_UNHANDLED 0
#define EXC_HANDLED   1
#define EXC_RESTART   2

#define PANIC_EXIT_CODE 99
#define OOPS_EXIT_BASE  100

/* Fault status (DFSR/IFSR bits [10] and [3:0]), ARM DDI 0301 sec. 3.2.21 */
#define FSR_FS_MASK       0x40fu
#define FSR_WNR           (1u << 11)
#define FSR_DOMAIN(fsr)   (((fsr) >> 4) & 0xf)
#define FSR_STATUS(fsr)   (((fsr) & 0xf) | (((fsr) >> 6) & 0x10))
#define FS_ALIGNMENT      0x01
#define FS_DEBUG          0x02
#define FS_ICACHE_MAINT   0x04
#define FS_TRANS_SECTION  0x05
#define FS_TRANS_PAGE     0x07
#define FS_EXT_ABORT      0x08
#define FS_DOMAIN_SECTION 0x09
#define FS_DOMAIN_PAGE    0x0b
#define FS_EXT_L1         0x0c
#define FS_PERM_SECTION   0x0d
#define FS_EXT_L2         0x0e
#define FS_PERM_PAGE      0x0f
#define FS_IMPRECISE      0x16

struct fault {
	enum arm_vector vector;   /* VEC_DABT or VEC_PABT */
	uint32_t fsr;             /* DFSR or IFSR as read */
	uint32_t addr;            /* DFAR or IFAR */
	unsigned int status;      /* FSR_STATUS(fsr) */
	bool write;               /* DFSR.WnR (data aborts) */
};

typedef int (*undef_hook_t)(struct pt_regs *regs, uint32_t insn);
typedef int (*abort_hook_t)(struct pt_regs *regs, const struct fault *f);
typedef int (*svc_hook_t)(struct pt_regs *regs, uint32_t imm);

/* Install a hook; returns the previous one (NULL: the default oops). */
undef_hook_t set_undef_handler(undef_hook_t fn);
abort_hook_t set_abort_handler(abort_hook_t fn);   /* data and prefetch aborts */
svc_hook_t set_svc_handler(svc_hook_t fn);

const char *fsr_name(unsigned int status);
void show_regs(const struct pt_regs *regs);
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* Print an oops for `regs` and exit with `code`. */
void die(const char *what, const struct pt_regs *regs, uint32_t err, int code)
	__attribute__((noreturn));

/* C entry points called by boot/entry.S */
void do_undef(struct pt_regs *regs);
void do_svc(struct pt_regs *regs);
void do_prefetch_abort(struct pt_regs *regs);
void do_data_abort(struct pt_regs *regs);
void do_fiq(struct pt_regs *regs);
void do_bad_vector(struct pt_regs *regs, int vector);

#endif /* GUEST_DRIVERS_EXCEPTIONS_H */
