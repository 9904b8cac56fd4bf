/* SPDX-License-Identifier: MIT */
/*
 * log.c - host and guest messages on stderr, with the guest's cycle and PC
 * from the context the machine sets.
 */
#include "emu/log.h"

#include <stdio.h>
#include <stdlib.h>

#include "emu/status.h"

static struct log_context context;
static int quiet;
static unsigned guest_errors;

void log_set_context(const struct log_context *ctx)
{
	if (ctx)
		context = *ctx;
	else
		context = (struct log_context){0};
}

void log_set_quiet(int q)
{
	quiet = q;
}

int log_quiet(void)
{
	return quiet;
}

unsigned log_guest_errors(void)
{
	return guest_errors;
}

static void emit(const char *kind, int with_where, const char *fmt, va_list ap)
{
	char where[160] = "";

	/* Keep the guest's console output and our messages in order. */
	fflush(stdout);
	if (with_where && context.where)
		context.where(context.opaque, where, sizeof(where));
	fprintf(stderr, "s3c6410-emu: %s%s%s", kind, where[0] ? where : "", where[0] ? ": " : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	emit("", 0, fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("warning: ", 0, fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("error: ", 0, fmt, ap);
	va_end(ap);
}

void log_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit("fatal: ", 0, fmt, ap);
	va_end(ap);
	exit(EXIT_EMU_ERROR);
}

void guest_error(const char *fmt, ...)
{
	va_list ap;

	guest_errors++;
	va_start(ap, fmt);
	emit("guest error: ", 1, fmt, ap);
	va_end(ap);
}

void guest_warn(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	emit("guest: ", 1, fmt, ap);
	va_end(ap);
}
