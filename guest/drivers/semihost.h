/* SPDX-License-Identifier: MIT */
/*
 * semihost.h - ARM semihosting calls (ARM DUI 0471, "Semihosting operations").
 *
 * In ARM state the call is `svc 0x123456` with the operation in r0 and the
 * parameter (often a pointer to a parameter block) in r1; the result comes
 * back in r0.  The emulator serves these calls itself; a debugger would do
 * the same on a real board.
 */
#ifndef GUEST_DRIVERS_SEMIHOST_H
#define GUEST_DRIVERS_SEMIHOST_H

#include <stdint.h>

#define SYS_WRITEC          0x03
#define SYS_WRITE0          0x04
#define SYS_CLOCK           0x10
#define SYS_EXIT            0x18
#define SYS_EXIT_EXTENDED   0x20

#define ADP_Stopped_ApplicationExit 0x20026

uint32_t semihost_call(uint32_t op, const void *arg);

/* Print a NUL-terminated string on the host's console (not through the UART). */
void sys_write0(const char *s);
void sys_writec(char c);
/* Centiseconds since the program started (SYS_CLOCK; simulated time). */
uint32_t sys_clock(void);
/* Leave the emulator with `code` as its exit status. */
void sys_exit(int code) __attribute__((noreturn));

#endif /* GUEST_DRIVERS_SEMIHOST_H */
