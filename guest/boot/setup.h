/* SPDX-License-Identifier: MIT */
/*
 * setup.h - what the boot code leaves for the rest of the kernel.
 *
 * Linker symbols as in Linux's vmlinux.lds: [_text, _etext) code and
 * read-only data, [_data, _edata) initialised data, [__bss_start,
 * __bss_stop) zeroed data (with boot_pgd), then the exception stacks (SVC
 * 32 KiB, IRQ 16 KiB, ABT/UND/SYS 4 KiB, FIQ 1 KiB); _end ends the image.  The kernel runs where it is linked (identity map), so
 * these are physical addresses too.
 */
#ifndef GUEST_BOOT_SETUP_H
#define GUEST_BOOT_SETUP_H

#include <stdint.h>

extern char _text[], _etext[], _data[], _edata[], __bss_start[], __bss_stop[], _end[];
extern char svc_stack_base[], svc_stack_top[], irq_stack_base[], irq_stack_top[];

/* Boot arguments from r1 and r2 (Linux ARM boot protocol). */
extern uint32_t boot_machine_nr;   /* 1628 = MACH_OK6410 */
extern uint32_t boot_dtb_pa;       /* physical address of the flattened device tree */

/* Every kernel workload provides main(); its return value is the exit code. */
int main(void);

/* Flush the console and leave the emulator with `code`. */
void kernel_exit(int code) __attribute__((noreturn));

/* boot/start.S -> start_kernel(): console, interrupts, tick, main(), exit. */
void start_kernel(void) __attribute__((noreturn));

#endif /* GUEST_BOOT_SETUP_H */
