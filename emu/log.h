/* SPDX-License-Identifier: MIT */
/*
 * log.h - messages to the user.
 *
 * The names carry the log_ prefix: glibc has error(3) and warn(3), and an
 * executable exports its symbols to every library it loads.
 *
 * DOC: Three kinds of message leave the emulator on stderr.  Host errors
 * (`log_error`, `log_fatal`) are ours: bad options, unreadable files, out of memory.
 * Guest errors (`guest_error`, `guest_warn`) are things the guest did - an
 * unimplemented register, a bad DMA address - and carry the cycle and the
 * guest PC as function+offset, supplied by whoever runs the CPU through
 * log_set_context(); device tests run without one.  `log_info` is chatter that
 * --quiet silences.  Nothing here aborts on the guest's behalf.
 */
#ifndef EMU_LOG_H
#define EMU_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

struct log_context {
	/* Write "cycle N, pc 0x... <sym+off>" into buf. */
	void (*where)(void *opaque, char *buf, size_t len);
	void *opaque;
};

void log_set_context(const struct log_context *ctx);
void log_set_quiet(int quiet);
int log_quiet(void);
unsigned log_guest_errors(void);

void log_info(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_warn(const char *fmt, ...) PRINTF_LIKE(1, 2);
void log_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
_Noreturn void log_fatal(const char *fmt, ...) PRINTF_LIKE(1, 2);
void guest_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
void guest_warn(const char *fmt, ...) PRINTF_LIKE(1, 2);

#endif /* EMU_LOG_H */
