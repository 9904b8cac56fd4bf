// SPDX-License-Identifier: MIT
/*
 * arch/native/mm_native.c - the host side of guest/mm's page allocator layer.
 *
 * DOC: "Physical RAM" is a calloc'd buffer at native_phys_offset; the kernel
 * image is whatever range a test declares (native_set_kernel_image());
 * printk goes to stdout or into a capture buffer; mm_bug() aborts, which
 * fails the test; the background-work hooks are not registered (tests call
 * mm_background_work() themselves).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/memory.h>
#include <mm/printk.h>

phys_addr_t native_phys_offset = 0x50000000u;
unsigned char *native_ram;
size_t native_ram_size;

static phys_addr_t kernel_start, kernel_end;
static char *capture_buf;
static size_t capture_size, capture_len;
static bool quiet;
unsigned long native_warn_count;

/*
 * The IRQ mask of asm/irqflags.h.  arch/native/cpu.c (the page-table
 * layer's recording CPU) defines it too; this weak copy serves test
 * programs built without it.
 */
__attribute__((weak)) unsigned long native_cpsr = 0x13;

void native_ram_init(phys_addr_t base, size_t size)
{
	free(native_ram);
	native_ram = calloc(1, size);
	if (!native_ram) {
		fprintf(stderr, "native_ram_init: out of host memory (%zu bytes)\n", size);
		abort();
	}
	native_phys_offset = base;
	native_ram_size = size;
}

void native_ram_free(void)
{
	free(native_ram);
	native_ram = NULL;
	native_ram_size = 0;
}

void native_set_kernel_image(phys_addr_t start, phys_addr_t end);
void native_set_kernel_image(phys_addr_t start, phys_addr_t end)
{
	kernel_start = start;
	kernel_end = end;
}

void arch_kernel_image(phys_addr_t *start, phys_addr_t *end)
{
	*start = kernel_start;
	*end = kernel_end;
}

void arch_mm_register_background(void);
void arch_mm_register_background(void)
{
}

int mm_vprintk(const char *fmt, va_list ap);
int mm_vprintk(const char *fmt, va_list ap)
{
	if (capture_buf) {
		int n;
		size_t room = capture_size - capture_len;

		n = vsnprintf(capture_buf + capture_len, room, fmt, ap);
		if (n > 0)
			capture_len += (size_t)n < room ? (size_t)n : room ? room - 1 : 0;
		return n;
	}
	if (quiet)
		return 0;
	return vprintf(fmt, ap);
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = mm_vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void printk_capture(char *buf, size_t size)
{
	capture_buf = buf;
	capture_size = size;
	capture_len = 0;
	if (buf && size)
		buf[0] = '\0';
}

void printk_set_quiet(bool q)
{
	quiet = q;
}

void mm_bug(const char *file, int line, const char *cond)
{
	fflush(stdout);
	fprintf(stderr, "kernel BUG at %s:%d: %s\n", file, line, cond);
	abort();
}

void mm_warn(const char *file, int line, const char *cond)
{
	native_warn_count++;
	if (!quiet)
		fprintf(stderr, "WARNING: at %s:%d: %s\n", file, line, cond);
}
