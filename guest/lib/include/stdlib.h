/* SPDX-License-Identifier: MIT */
/*
 * stdlib.h - number parsing, abs() and exit() for the guest (guest/lib/stdlib.c).
 *
 * There is no malloc here: the guest kernel's allocators live in guest/mm.
 * exit() flushes the console and leaves the emulator through semihosting
 * SYS_EXIT_EXTENDED with the given status.
 */
#ifndef GUEST_STDLIB_H
#define GUEST_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

int abs(int x);
long labs(long x);
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);
int atoi(const char *s);
void exit(int status) __attribute__((noreturn));

#endif /* GUEST_STDLIB_H */
