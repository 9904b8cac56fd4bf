/* SPDX-License-Identifier: MIT */
/*
 * stdio.h - the guest's formatted output (guest/lib/printf.c).
 *
 * printf() and friends write to the console (UART0, drivers/uart.c).  The
 * format language is the usual subset: %d %i %u %x %X %o %p %s %c %%, length
 * modifiers hh h l ll z t j, field width and precision (also `*`), and the
 * flags '-', '0', '+', ' ', '#'.  No floating point.  Prototypes match ISO C
 * so code shared with host builds (guest/mm) compiles against glibc as well.
 */
#ifndef GUEST_STDIO_H
#define GUEST_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#ifndef EOF
#define EOF (-1)
#endif

int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *restrict fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int puts(const char *s);
int putchar(int c);

/* The console the stdio functions write to (drivers/uart.c provides it). */
void console_write(const char *buf, size_t len);

#endif /* GUEST_STDIO_H */
