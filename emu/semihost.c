/* SPDX-License-Identifier: MIT */
/*
 * semihost.c - the semihosting operations (ARM "Semihosting for AArch32 and
 * AArch64", version 2.0, sections 5.x).
 */
#include "emu/semihost.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emu/cpu.h"
#include "emu/alloc.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/sandbox.h"

enum sh_op {
	SYS_OPEN = 0x01,
	SYS_CLOSE = 0x02,
	SYS_WRITEC = 0x03,
	SYS_WRITE0 = 0x04,
	SYS_WRITE = 0x05,
	SYS_READ = 0x06,
	SYS_READC = 0x07,
	SYS_ISERROR = 0x08,
	SYS_ISTTY = 0x09,
	SYS_SEEK = 0x0a,
	SYS_FLEN = 0x0c,
	SYS_TMPNAM = 0x0d,
	SYS_REMOVE = 0x0e,
	SYS_RENAME = 0x0f,
	SYS_CLOCK = 0x10,
	SYS_TIME = 0x11,
	SYS_SYSTEM = 0x12,
	SYS_ERRNO = 0x13,
	SYS_GET_CMDLINE = 0x15,
	SYS_HEAPINFO = 0x16,
	SYS_EXIT = 0x18,
	SYS_EXIT_EXTENDED = 0x20,
	SYS_ELAPSED = 0x30,
	SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUNTIME_ERROR    0x20023u

/* Feature bits served in ":semihosting-features" (spec 5.5.2). */
#define SH_EXT_EXIT_EXTENDED 0x01
#define SH_EXT_STDOUT_STDERR 0x02
static const uint8_t features[5] = { 'S', 'H', 'F', 'B',
				     SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR };

#define MAX_HANDLES 32
#define MAX_PATH 1024

enum handle_kind { H_FREE, H_FILE, H_STDIN, H_STDOUT, H_STDERR, H_FEATURES };

struct handle {
	enum handle_kind kind;
	FILE *f;
	uint32_t pos; /* features file only */
};

/* Warnings a guest can repeat at will: the first few of each kind are
 * printed, the rest counted and summed up at exit. */
enum sh_warning { W_ARGS, W_STRING, W_REFUSED, W_SYSTEM, W_UNSUPPORTED, W_NR };
#define WARN_LIMIT 3
static const char *const warning_names[W_NR] = {
	[W_ARGS] = "unreadable argument block",
	[W_STRING] = "unreadable string",
	[W_REFUSED] = "path outside the semihosting root",
	[W_SYSTEM] = "SYS_SYSTEM",
	[W_UNSUPPORTED] = "unsupported operation",
};

struct semihost {
	struct machine *m;
	struct handle h[MAX_HANDLES];
	int last_errno;
	char *cmdline;
	uint32_t heap_base, heap_limit, stack_base, stack_limit;
	struct sandbox sb;
	uint64_t warnings[W_NR];
};

static void PRINTF_LIKE(3, 4) sh_warn(struct semihost *s, enum sh_warning w, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (++s->warnings[w] > WARN_LIMIT)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	guest_warn("semihosting: %s%s", msg,
		   s->warnings[w] == WARN_LIMIT ? " (further warnings of this kind are counted)" : "");
}

/*
 * Join argv into the command line newlib's crt0 splits again: quote an
 * argument holding blanks or quotes, with the quote character it lacks.
 */
static char *join_cmdline(int argc, char **argv)
{
	size_t len = 1;
	char *out, *p;

	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 3;
	out = p = xcalloc(1, len, "the guest command line");
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool plain = *a && !strpbrk(a, " \t\n\"'");
		char q = strchr(a, '"') ? '\'' : '"';

		if (i)
			*p++ = ' ';
		if (!plain)
			*p++ = q;
		p = stpcpy(p, a);
		if (!plain)
			*p++ = q;
	}
	return out;
}

struct semihost *semihost_create(struct machine *m, int argc, char **argv, const char *root)
{
	struct semihost *s = xcalloc(1, sizeof(*s), "semihosting state");
	int err;

	err = sandbox_init(&s->sb, root);
	if (err) {
		log_error("--semihosting-root: '%s': %s", root ? root : ".", strerror(-err));
		free(s);
		return NULL;
	}
	s->m = m;
	s->cmdline = join_cmdline(argc, argv);
	return s;
}

void semihost_destroy(struct semihost *s)
{
	if (!s)
		return;
	for (int i = 0; i < MAX_HANDLES; i++)
		if (s->h[i].kind == H_FILE && s->h[i].f)
			fclose(s->h[i].f);
	for (unsigned w = 0; w < W_NR; w++)
		if (s->warnings[w] > WARN_LIMIT)
			log_warn("semihosting: %llu warnings in all of this kind: %s",
				 (unsigned long long)s->warnings[w], warning_names[w]);
	sandbox_fini(&s->sb);
	free(s->cmdline);
	free(s);
}

void semihost_set_heap(struct semihost *s, uint32_t heap_base, uint32_t heap_limit,
		       uint32_t stack_base, uint32_t stack_limit)
{
	s->heap_base = heap_base;
	s->heap_limit = heap_limit;
	s->stack_base = stack_base;
	s->stack_limit = stack_limit;
}

bool semihost_is_svc(uint32_t insn, bool thumb)
{
	return thumb ? (insn & 0xffffu) == 0xdfabu : (insn & 0x0fffffffu) == 0x0f123456u;
}

bool semihost_is_bkpt(uint32_t insn, bool thumb)
{
	return thumb ? (insn & 0xffffu) == 0xbeabu : (insn & 0xfff000f0u) == 0xe1200070u &&
		       (((insn >> 4) & 0xfff0u) | (insn & 0xfu)) == 0xabu;
}

/* Errors a guest can cause: remember errno for SYS_ERRNO, return -1. */
static uint32_t fail(struct semihost *s, int err)
{
	s->last_errno = err;
	return (uint32_t)-1;
}

static bool arg_words(struct semihost *s, uint32_t va, uint32_t *w, unsigned n)
{
	if (cpu_copy_from_guest(s->m, va, w, 4 * n))
		return true;
	sh_warn(s, W_ARGS, "argument block at 0x%08x is not readable", va);
	return false;
}

static bool guest_string(struct semihost *s, uint32_t va, uint32_t len, char *buf, size_t cap)
{
	if (len >= cap || !cpu_copy_from_guest(s->m, va, buf, len)) {
		sh_warn(s, W_STRING, "string at 0x%08x (%u bytes) is not readable", va, len);
		return false;
	}
	buf[len] = 0;
	return true;
}

static struct handle *handle(struct semihost *s, uint32_t h)
{
	if (h == 0 || h >= MAX_HANDLES || s->h[h].kind == H_FREE)
		return NULL;
	return &s->h[h];
}

static FILE *stream(struct handle *h)
{
	switch (h->kind) {
	case H_FILE: return h->f;
	case H_STDIN: return stdin;
	case H_STDOUT: return stdout;
	case H_STDERR: return stderr;
	default: return NULL;
	}
}

/* A path call's outcome: an escape is refused with EACCES and a warning. */
static uint32_t path_result(struct semihost *s, int rc, const char *op, const char *path)
{
	char shown[128];
	size_t i;

	if (rc >= 0)
		return (uint32_t)rc;
	if (s->sb.refused) {
		/* the guest's bytes, made printable: no control sequences on the terminal */
		for (i = 0; path[i] && i < sizeof(shown) - 1; i++)
			shown[i] = path[i] >= 0x20 && path[i] < 0x7f ? path[i] : '?';
		shown[i] = 0;
		sh_warn(s, W_REFUSED, "%s \"%s%s\" refused: outside the semihosting root %s", op,
			shown, path[i] ? "..." : "", s->sb.root);
	}
	return fail(s, -rc);
}

static uint32_t sys_open(struct semihost *s, uint32_t arg)
{
	static const char *const modes[12] = {
		"r", "rb", "r+", "r+b", "w", "wb", "w+", "w+b", "a", "ab", "a+", "a+b",
	};
	static const int flags[6] = {
		O_RDONLY, O_RDWR, O_WRONLY | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
		O_WRONLY | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
	};
	uint32_t w[3];
	char path[MAX_PATH];
	unsigned slot;
	struct stat st;
	int fd;

	if (!arg_words(s, arg, w, 3) || !guest_string(s, w[0], w[2], path, sizeof(path)))
		return fail(s, EFAULT);
	if (w[1] > 11)
		return fail(s, EINVAL);
	for (slot = 1; slot < MAX_HANDLES && s->h[slot].kind != H_FREE; slot++)
		;
	if (slot == MAX_HANDLES)
		return fail(s, EMFILE);
	if (strcmp(path, ":tt") == 0) {
		s->h[slot].kind = w[1] < 4 ? H_STDIN : w[1] < 8 ? H_STDOUT : H_STDERR;
		return slot;
	}
	if (strcmp(path, ":semihosting-features") == 0) {
		if (w[1] > 1)
			return fail(s, EACCES);
		s->h[slot] = (struct handle){ .kind = H_FEATURES };
		return slot;
	}
	/* O_NONBLOCK: a FIFO must not stall the emulator in open(). */
	fd = sandbox_open(&s->sb, path, flags[w[1] / 2] | O_NONBLOCK, 0666);
	if (fd < 0)
		return path_result(s, fd, "open", path);
	/* Confined, a guest gets regular files only: no devices, FIFOs or sockets. */
	if (fstat(fd, &st) != 0) {
		int err = errno;

		close(fd);
		return fail(s, err);
	}
	if (s->sb.root_fd >= 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		return fail(s, S_ISDIR(st.st_mode) ? EISDIR : EACCES);
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	s->h[slot].f = fdopen(fd, modes[w[1]]);
	if (!s->h[slot].f) {
		int err = errno;

		close(fd);
		return fail(s, err);
	}
	s->h[slot].kind = H_FILE;
	return slot;
}

static uint32_t sys_close(struct semihost *s, uint32_t arg)
{
	uint32_t w[1];
	struct handle *h;

	if (!arg_words(s, arg, w, 1))
		return fail(s, EFAULT);
	h = handle(s, w[0]);
	if (!h)
		return fail(s, EBADF);
	if (h->kind == H_FILE && fclose(h->f) != 0) {
		h->kind = H_FREE;
		return fail(s, errno);
	}
	*h = (struct handle){ 0 };
	return 0;
}

/* Copy between guest memory and a stream in bounded chunks. */
static uint32_t sys_rw(struct semihost *s, uint32_t arg, bool write)
{
	uint32_t w[3], done = 0;
	struct handle *h;
	uint8_t buf[4096];
	FILE *f;

	if (!arg_words(s, arg, w, 3))
		return fail(s, EFAULT);
	h = handle(s, w[0]);
	if (!h)
		return fail(s, EBADF);
	if (h->kind == H_FEATURES) {
		uint32_t n;

		if (write)
			return fail(s, EBADF);
		n = h->pos < sizeof(features) ? sizeof(features) - h->pos : 0;
		if (n > w[2])
			n = w[2];
		if (n && !cpu_copy_to_guest(s->m, w[1], features + h->pos, n))
			return fail(s, EFAULT);
		h->pos += n;
		return w[2] - n;
	}
	f = stream(h);
	while (done < w[2]) {
		uint32_t chunk = w[2] - done < sizeof(buf) ? w[2] - done : sizeof(buf);
		size_t n;

		if (write) {
			if (!cpu_copy_from_guest(s->m, w[1] + done, buf, chunk))
				return s->last_errno = EFAULT, w[2] - done;
			n = fwrite(buf, 1, chunk, f);
		} else {
			n = fread(buf, 1, chunk, f);
			if (n && !cpu_copy_to_guest(s->m, w[1] + done, buf, (uint32_t)n))
				return s->last_errno = EFAULT, w[2] - done;
		}
		done += (uint32_t)n;
		if (n < chunk) {
			if (ferror(f))
				s->last_errno = errno;
			break;
		}
	}
	if (write && f != stdout && f != stderr)
		fflush(f);
	return w[2] - done; /* bytes NOT transferred */
}

static uint32_t sys_seek_flen(struct semihost *s, uint32_t arg, bool seek)
{
	uint32_t w[2];
	struct handle *h;
	long here, len;

	if (!arg_words(s, arg, w, seek ? 2 : 1))
		return fail(s, EFAULT);
	h = handle(s, w[0]);
	if (!h)
		return fail(s, EBADF);
	if (h->kind == H_FEATURES) {
		if (seek) {
			h->pos = w[1];
			return 0;
		}
		return sizeof(features);
	}
	if (h->kind != H_FILE)
		return fail(s, ESPIPE);
	if (seek)
		return fseek(h->f, (long)w[1], SEEK_SET) == 0 ? 0 : fail(s, errno);
	here = ftell(h->f);
	if (here < 0 || fseek(h->f, 0, SEEK_END) != 0)
		return fail(s, errno);
	len = ftell(h->f);
	if (fseek(h->f, here, SEEK_SET) != 0)
		return fail(s, errno);
	return (uint32_t)len;
}

static uint32_t sys_get_cmdline(struct semihost *s, uint32_t arg)
{
	uint32_t w[2], len = (uint32_t)strlen(s->cmdline) + 1;

	if (!arg_words(s, arg, w, 2))
		return fail(s, EFAULT);
	if (len > w[1])
		return fail(s, E2BIG);
	if (!cpu_copy_to_guest(s->m, w[0], s->cmdline, len))
		return fail(s, EFAULT);
	w[1] = len - 1;
	if (!cpu_copy_to_guest(s->m, arg + 4, &w[1], 4))
		return fail(s, EFAULT);
	return 0;
}

static uint32_t sys_heapinfo(struct semihost *s, uint32_t arg)
{
	uint32_t block, info[4] = { s->heap_base, s->heap_limit, s->stack_base, s->stack_limit };

	if (!arg_words(s, arg, &block, 1) || !cpu_copy_to_guest(s->m, block, info, sizeof(info)))
		return fail(s, EFAULT);
	return 0;
}

static void sys_exit(struct semihost *s, uint32_t reason, uint32_t code, bool extended)
{
	struct machine *m = s->m;

	fflush(stdout);
	if (reason == ADP_STOPPED_APPLICATION_EXIT) {
		int status = extended ? (int)(code & 0xff) : 0;

		machine_halt(m, STOP_EXIT, status, "guest exited with status %d", status);
	} else {
		machine_halt(m, STOP_EXIT, 1, "guest stopped with semihosting reason 0x%x%s", reason,
			     reason == ADP_STOPPED_RUNTIME_ERROR ? " (run-time error)" : "");
	}
}

void semihost_call(struct machine *m)
{
	struct semihost *s = m->semihost;
	uint32_t op = cpu_reg(m, UC_ARM_REG_R0), arg = cpu_reg(m, UC_ARM_REG_R1);
	uint32_t ret = 0, w[2];
	char buf[MAX_PATH], c;

	_Static_assert(sizeof(buf) >= 0x400, "SYS_WRITE0 reads 1 KiB at a time");

	m->stats.semihost_calls++;
	switch (op) {
	case SYS_OPEN:
		ret = sys_open(s, arg);
		break;
	case SYS_CLOSE:
		ret = sys_close(s, arg);
		break;
	case SYS_WRITEC:
		if (cpu_copy_from_guest(m, arg, &c, 1))
			putchar(c);
		else
			ret = fail(s, EFAULT);
		break;
	case SYS_WRITE0:
		/* 1 KiB at a time (the finest permission granule, an ARMv6
		 * subpage; one walk each) up to the NUL. */
		for (uint32_t va = arg;;) {
			uint32_t n = 0x400 - (va & 0x3ff);
			const char *nul;

			if (!cpu_copy_from_guest(m, va, buf, n)) {
				ret = fail(s, EFAULT);
				break;
			}
			nul = memchr(buf, 0, n);
			fwrite(buf, 1, nul ? (size_t)(nul - buf) : n, stdout);
			if (nul)
				break;
			va += n;
		}
		break;
	case SYS_WRITE:
		ret = sys_rw(s, arg, true);
		break;
	case SYS_READ:
		ret = sys_rw(s, arg, false);
		break;
	case SYS_READC: {
		int ch = getchar();

		ret = ch == EOF ? (uint32_t)-1 : (uint32_t)ch;
		break;
	}
	case SYS_ISERROR:
		ret = arg_words(s, arg, w, 1) ? (int32_t)w[0] < 0 : fail(s, EFAULT);
		break;
	case SYS_ISTTY: {
		struct handle *h = arg_words(s, arg, w, 1) ? handle(s, w[0]) : NULL;

		ret = h ? h->kind == H_STDIN || h->kind == H_STDOUT || h->kind == H_STDERR
			: fail(s, EBADF);
		break;
	}
	case SYS_SEEK:
		ret = sys_seek_flen(s, arg, true);
		break;
	case SYS_FLEN:
		ret = sys_seek_flen(s, arg, false);
		break;
	case SYS_TMPNAM: {
		/* Names depend only on the guest's id (reproducible) and live in
		 * the sandbox's private directory, not in the shared /tmp. */
		uint32_t len;

		if (!arg_words(s, arg, w, 2) || !cpu_copy_from_guest(m, arg + 8, &len, 4)) {
			ret = fail(s, EFAULT);
			break;
		}
		sandbox_tmpname(w[1] & 0xff, buf, sizeof(buf));
		if (strlen(buf) + 1 > len)
			ret = fail(s, EINVAL);
		else if (!cpu_copy_to_guest(m, w[0], buf, (uint32_t)strlen(buf) + 1))
			ret = fail(s, EFAULT);
		break;
	}
	case SYS_REMOVE:
		if (!arg_words(s, arg, w, 2) || !guest_string(s, w[0], w[1], buf, sizeof(buf)))
			ret = fail(s, EFAULT);
		else
			ret = path_result(s, sandbox_remove(&s->sb, buf), "remove", buf);
		break;
	case SYS_RENAME: {
		uint32_t r[4];
		char to[MAX_PATH];

		if (!arg_words(s, arg, r, 4) || !guest_string(s, r[0], r[1], buf, sizeof(buf)) ||
		    !guest_string(s, r[2], r[3], to, sizeof(to)))
			ret = fail(s, EFAULT);
		else
			ret = path_result(s, sandbox_rename(&s->sb, buf, to), "rename", buf);
		break;
	}
	case SYS_CLOCK:
		ret = (uint32_t)(clock_ns(&m->clock) / 10000000u);
		break;
	case SYS_TIME:
		ret = SEMIHOST_EPOCH + (uint32_t)(clock_ns(&m->clock) / 1000000000u);
		break;
	case SYS_SYSTEM:
		/* Running host commands would make runs depend on the host. */
		sh_warn(s, W_SYSTEM, "SYS_SYSTEM is not served (host commands are not run)");
		ret = fail(s, ENOSYS);
		break;
	case SYS_ERRNO:
		ret = (uint32_t)s->last_errno;
		break;
	case SYS_GET_CMDLINE:
		ret = sys_get_cmdline(s, arg);
		break;
	case SYS_HEAPINFO:
		ret = sys_heapinfo(s, arg);
		break;
	case SYS_EXIT:
		/* AArch32: r1 holds the reason itself, no exit code. */
		sys_exit(s, arg, 0, false);
		return;
	case SYS_EXIT_EXTENDED:
		if (!arg_words(s, arg, w, 2))
			sys_exit(s, ADP_STOPPED_RUNTIME_ERROR, 0, false);
		else
			sys_exit(s, w[0], w[1], true);
		return;
	case SYS_ELAPSED: {
		uint64_t t = m->clock.now;
		uint32_t v[2] = { (uint32_t)t, (uint32_t)(t >> 32) };

		ret = cpu_copy_to_guest(m, arg, v, sizeof(v)) ? 0 : fail(s, EFAULT);
		break;
	}
	case SYS_TICKFREQ:
		ret = m->clock.hz[CLK_ARM];
		break;
	default:
		sh_warn(s, W_UNSUPPORTED, "unsupported operation 0x%x (returns -1)", op);
		ret = fail(s, ENOSYS);
		break;
	}
	cpu_set_reg(m, UC_ARM_REG_R0, ret);
}
