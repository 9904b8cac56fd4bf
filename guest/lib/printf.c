// SPDX-License-Identifier: MIT
/*
 * printf.c - formatted output for the guest.
 *
 * DOC: One formatter, format(), walks the format string and hands every
 * output character to a sink: vsnprintf() fills a buffer, vprintf() batches
 * characters into a small stack buffer and passes them to console_write().
 * Integers are converted in 32-bit arithmetic unless the argument is 64-bit,
 * so common %d/%x never call libgcc's 64-bit division.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct sink {
	void (*put)(struct sink *s, char c);
	char *buf;
	size_t size, len;   /* buffer size, characters stored so far */
	size_t count;       /* characters produced (the return value) */
};

enum {
	FL_LEFT = 1 << 0,   /* '-' */
	FL_ZERO = 1 << 1,   /* '0' */
	FL_PLUS = 1 << 2,   /* '+' */
	FL_SPACE = 1 << 3,  /* ' ' */
	FL_ALT = 1 << 4,    /* '#' */
	FL_UPPER = 1 << 5,  /* %X */
	FL_PTR = 1 << 6,    /* %p: "0x" even for a null pointer */
};

static inline void emit(struct sink *s, char c)
{
	s->put(s, c);
	s->count++;
}

static void emit_pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

/* Digits of v in `base`, least significant first; returns how many. */
static int utoa_rev(char *out, unsigned long long v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	if (v <= UINT32_MAX) {
		uint32_t w = (uint32_t)v;

		do {
			out[n++] = digits[w % base];
			w /= base;
		} while (w);
	} else {
		do {
			out[n++] = digits[v % base];
			v /= base;
		} while (v);
	}
	return n;
}

static void emit_number(struct sink *s, unsigned long long v, bool negative, unsigned base,
			int flags, int width, int prec)
{
	char digits[24];
	char prefix[3];
	int nd, np = 0, zeros = 0, pad;

	if (prec == 0 && v == 0)
		nd = 0;  /* C: zero with precision 0 prints no digits */
	else
		nd = utoa_rev(digits, v, base, flags & FL_UPPER);

	if (negative)
		prefix[np++] = '-';
	else if (flags & FL_PLUS)
		prefix[np++] = '+';
	else if (flags & FL_SPACE)
		prefix[np++] = ' ';
	if (flags & FL_ALT) {
		if (base == 16 && (v || (flags & FL_PTR))) {
			prefix[np++] = '0';
			prefix[np++] = (flags & FL_UPPER) ? 'X' : 'x';
		} else if (base == 8 && (prec <= nd)) {
			prec = nd + 1;  /* the leading 0 of %#o */
		}
	}

	if (prec > nd)
		zeros = prec - nd;
	pad = width - np - zeros - nd;
	if (prec < 0 && (flags & FL_ZERO) && !(flags & FL_LEFT) && pad > 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(flags & FL_LEFT))
		emit_pad(s, ' ', pad);
	for (int i = 0; i < np; i++)
		emit(s, prefix[i]);
	emit_pad(s, '0', zeros);
	while (nd > 0)
		emit(s, digits[--nd]);
	if (flags & FL_LEFT)
		emit_pad(s, ' ', pad);
}

static void emit_string(struct sink *s, const char *str, int flags, int width, int prec)
{
	size_t n;
	int pad;

	if (!str)
		str = "(null)";
	n = prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str);
	pad = width - (int)n;
	if (!(flags & FL_LEFT))
		emit_pad(s, ' ', pad);
	for (size_t i = 0; i < n; i++)
		emit(s, str[i]);
	if (flags & FL_LEFT)
		emit_pad(s, ' ', pad);
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static int format(struct sink *s, const char *fmt, va_list ap)
{
	while (*fmt) {
		int flags = 0, width = 0, prec = -1;
		enum length len = LEN_INT;
		unsigned long long v;
		bool negative = false;
		unsigned base = 10;
		char c = *fmt++;

		if (c != '%') {
			emit(s, c);
			continue;
		}
		for (;; fmt++) {
			if (*fmt == '-')
				flags |= FL_LEFT;
			else if (*fmt == '0')
				flags |= FL_ZERO;
			else if (*fmt == '+')
				flags |= FL_PLUS;
			else if (*fmt == ' ')
				flags |= FL_SPACE;
			else if (*fmt == '#')
				flags |= FL_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= FL_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		switch (*fmt) {
		case 'h':
			len = LEN_SHORT;
			if (*++fmt == 'h') {
				len = LEN_CHAR;
				fmt++;
			}
			break;
		case 'l':
			len = LEN_LONG;
			if (*++fmt == 'l') {
				len = LEN_LLONG;
				fmt++;
			}
			break;
		case 'z':
		case 't':
			len = LEN_SIZE;
			fmt++;
			break;
		case 'j':
			len = LEN_LLONG;
			fmt++;
			break;
		}

		c = *fmt;
		if (c)
			fmt++;
		switch (c) {
		case 'd':
		case 'i': {
			long long sv;

			switch (len) {
			case LEN_LLONG: sv = va_arg(ap, long long); break;
			case LEN_LONG: sv = va_arg(ap, long); break;
			case LEN_SIZE: sv = va_arg(ap, ptrdiff_t); break;
			case LEN_SHORT: sv = (short)va_arg(ap, int); break;
			case LEN_CHAR: sv = (signed char)va_arg(ap, int); break;
			default: sv = va_arg(ap, int); break;
			}
			negative = sv < 0;
			v = negative ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
			emit_number(s, v, negative, 10, flags, width, prec);
			break;
		}
		case 'X':
			flags |= FL_UPPER;
			/* fall through */
		case 'x':
			base = 16;
			goto unsigned_number;
		case 'o':
			base = 8;
			goto unsigned_number;
		case 'u':
unsigned_number:
			switch (len) {
			case LEN_LLONG: v = va_arg(ap, unsigned long long); break;
			case LEN_LONG: v = va_arg(ap, unsigned long); break;
			case LEN_SIZE: v = va_arg(ap, size_t); break;
			case LEN_SHORT: v = (unsigned short)va_arg(ap, unsigned int); break;
			case LEN_CHAR: v = (unsigned char)va_arg(ap, unsigned int); break;
			default: v = va_arg(ap, unsigned int); break;
			}
			emit_number(s, v, false, base, flags & ~(FL_PLUS | FL_SPACE), width, prec);
			break;
		case 'p':
			v = (uintptr_t)va_arg(ap, void *);
			flags = (flags & ~(FL_PLUS | FL_SPACE)) | FL_ALT | FL_PTR;
			emit_number(s, v, false, 16, flags, width, prec);
			break;
		case 'c': {
			char ch = (char)va_arg(ap, int);

			if (!(flags & FL_LEFT))
				emit_pad(s, ' ', width - 1);
			emit(s, ch);
			if (flags & FL_LEFT)
				emit_pad(s, ' ', width - 1);
			break;
		}
		case 's':
			emit_string(s, va_arg(ap, const char *), flags, width, prec);
			break;
		case '%':
			emit(s, '%');
			break;
		case '\0':
			emit(s, '%');  /* a lone '%' at the end */
			break;
		default:
			/* unknown conversion: print it as written */
			emit(s, '%');
			emit(s, c);
			break;
		}
	}
	return (int)s->count;
}

static void put_buf(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		s->buf[s->len++] = c;
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct sink s = { .put = put_buf, .buf = buf, .size = size };
	int n = format(&s, fmt, ap);

	if (size)
		buf[s.len] = '\0';
	return n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Console output goes out in chunks of this many characters. */
#define CONSOLE_CHUNK 64

static void put_console(struct sink *s, char c)
{
	s->buf[s->len++] = c;
	if (s->len == s->size) {
		console_write(s->buf, s->len);
		s->len = 0;
	}
}

int vprintf(const char *restrict fmt, va_list ap)
{
	char chunk[CONSOLE_CHUNK];
	struct sink s = { .put = put_console, .buf = chunk, .size = sizeof(chunk) };
	int n = format(&s, fmt, ap);

	if (s.len)
		console_write(chunk, s.len);
	return n;
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int putchar(int c)
{
	char ch = (char)c;

	console_write(&ch, 1);
	return (unsigned char)c;
}

int puts(const char *str)
{
	size_t n = strlen(str);

	console_write(str, n);
	console_write("\n", 1);
	return (int)n + 1;
}
