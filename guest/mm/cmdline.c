// SPDX-License-Identifier: MIT
/*
 * cmdline.c - the early parameters guest/mm understands (/chosen/bootargs).
 *
 * DOC: As Linux's early_param() handlers: mem= (memblock_enforce_memory_limit),
 * movablecore= and kernelcore= (size or percentage; sizes ZONE_MOVABLE),
 * vmalloc= (vmalloc area size, hence the lowmem limit), cma= (recorded for a
 * CMA layer), memblock=debug.  Sizes use memparse() (K, M, G suffixes).
 * Anything else is left alone.
 */
#include <mm/page_alloc.h>
#include <mm/printk.h>
#include <asm/memory.h>

#include <string.h>

char boot_command_line[256];
unsigned long required_movablecore;
unsigned long required_kernelcore;
unsigned long required_movablecore_percent;
unsigned long required_kernelcore_percent;
phys_addr_t memory_limit;
phys_addr_t cma_size_bytes;
phys_addr_t zone_dma_size;
bool memblock_debug;

static unsigned long long simple_strtoull(const char *cp, const char **endp, unsigned int base)
{
	unsigned long long v = 0;

	if (base == 0) {
		base = 10;
		if (cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X')) {
			base = 16;
			cp += 2;
		} else if (cp[0] == '0' && cp[1] >= '0' && cp[1] <= '7') {
			base = 8;
		}
	}
	for (;;) {
		unsigned int d;
		char c = *cp;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
		cp++;
	}
	if (endp)
		*endp = cp;
	return v;
}

unsigned long long memparse(const char *ptr, const char **retptr)
{
	const char *endptr;
	unsigned long long ret = simple_strtoull(ptr, &endptr, 0);

	switch (*endptr) {
	case 'G':
	case 'g':
		ret <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		ret <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		ret <<= 10;
		endptr++;
		/* fall through */
	default:
		break;
	}
	if (retptr)
		*retptr = endptr;
	return ret;
}

/* kernelcore=/movablecore=: a size (in pages) or a percentage of memory. */
static void cmdline_parse_core(const char *p, unsigned long *core, unsigned long *percent)
{
	const char *end;
	unsigned long long v = simple_strtoull(p, &end, 10);

	if (*end == '%') {
		if (v > 100) {
			pr_warn("%s: percentage above 100, ignored\n", p);
			return;
		}
		*percent = (unsigned long)v;
		*core = 0;
		return;
	}
	*core = (unsigned long)(memparse(p, NULL) >> PAGE_SHIFT);
	*percent = 0;
}

static void early_vmalloc(const char *arg)
{
	unsigned long long reserve = memparse(arg, NULL);
	unsigned long vmalloc_max = VMALLOC_END - (ARM_PAGE_OFFSET + (32u << 20) + VMALLOC_OFFSET);

	if (reserve < SZ_16M) {
		reserve = SZ_16M;
		pr_warn("vmalloc area is too small, limiting to %luMiB\n",
			(unsigned long)(reserve >> 20));
	}
	if (reserve > vmalloc_max) {
		reserve = vmalloc_max;
		pr_warn("vmalloc area is too big, limiting to %luMiB\n",
			(unsigned long)(reserve >> 20));
	}
	vmalloc_size = (unsigned long)reserve;
}

static void do_early_param(const char *param, const char *val)
{
	if (!strcmp(param, "mem") && val) {
		memory_limit = (phys_addr_t)memparse(val, NULL);
		memory_limit &= (phys_addr_t)PAGE_MASK;
	} else if (!strcmp(param, "movablecore") && val) {
		cmdline_parse_core(val, &required_movablecore, &required_movablecore_percent);
	} else if (!strcmp(param, "kernelcore") && val) {
		if (!strcmp(val, "mirror"))
			pr_warn("kernelcore=mirror: no mirrored memory on this board, ignored\n");
		else
			cmdline_parse_core(val, &required_kernelcore, &required_kernelcore_percent);
	} else if (!strcmp(param, "vmalloc") && val) {
		early_vmalloc(val);
	} else if (!strcmp(param, "cma") && val) {
		cma_size_bytes = (phys_addr_t)memparse(val, NULL);
	} else if (!strcmp(param, "memblock") && val && !strcmp(val, "debug")) {
		memblock_debug = true;
	}
}

void parse_early_param(const char *cmdline)
{
	char buf[sizeof(boot_command_line)];
	char *p = buf;

	if (cmdline != boot_command_line) {
		strncpy(boot_command_line, cmdline, sizeof(boot_command_line) - 1);
		boot_command_line[sizeof(boot_command_line) - 1] = '\0';
	}
	memcpy(buf, boot_command_line, sizeof(buf));
	while (*p) {
		char *param, *val = NULL;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		param = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '=' && !val) {
				*p = '\0';
				val = p + 1;
			}
			p++;
		}
		if (*p)
			*p++ = '\0';
		do_early_param(param, val);
	}
}
