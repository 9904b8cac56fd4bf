/* SPDX-License-Identifier: MIT */
/*
 * assert.h - assert() for the guest: a failed assertion panics (prints the
 * expression, file and line, then exits through semihosting, see
 * drivers/exceptions.h for the exit codes).  NDEBUG turns it off as usual.
 */
#ifndef GUEST_ASSERT_H
#define GUEST_ASSERT_H

void __assert_fail(const char *expr, const char *file, unsigned int line, const char *func)
	__attribute__((noreturn));

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef static_assert
#define static_assert _Static_assert
#endif

#endif /* GUEST_ASSERT_H */
