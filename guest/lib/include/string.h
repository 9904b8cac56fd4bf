/* SPDX-License-Identifier: MIT */
/*
 * string.h - memory and string functions of the guest libc (guest/lib/string.c).
 *
 * Prototypes are ISO C (plus strnlen, strlcpy) so that code shared with
 * native builds compiles against glibc too.  The guest is built with
 * -ffreestanding, which turns off GCC's builtins; the mem* and strlen macros
 * below give them back (small constant sizes are inlined), falling back to
 * the functions here.
 */
#ifndef GUEST_STRING_H
#define GUEST_STRING_H

#include <stddef.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
/* Also declared here for convenience; ISO C puts it in <stdlib.h>. */
unsigned long strtoul(const char *restrict s, char **restrict end, int base);

#ifndef GUEST_LIBC_IMPL
#define memset(s, c, n) __builtin_memset((s), (c), (n))
#define memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define memmove(d, s, n) __builtin_memmove((d), (s), (n))
#define memcmp(a, b, n) __builtin_memcmp((a), (b), (n))
#define strlen(s) __builtin_strlen(s)
#endif

#endif /* GUEST_STRING_H */
