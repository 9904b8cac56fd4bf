/* SPDX-License-Identifier: MIT */
/*
 * mm/printk.h - printk and the pr_*() / WARN / BUG helpers used by guest/mm.
 *
 * DOC: In the guest printk is the console printf of guest/lib.  Natively it
 * goes to stdout, or into a buffer a test installs with printk_capture()
 * to compare output (e.g. /proc/buddyinfo lines).
 * Formats used by guest/mm: %d %u %ld %lu %lx %x %s %c %p %%, with width,
 * '-' and '0' flags.  No floating point, no %ll, no %z.
 */
#ifndef MM_PRINTK_H
#define MM_PRINTK_H

#include <mm/types.h>

#ifdef GUEST_ARM
int printf(const char *fmt, ...) __printf(1, 2);
#define printk(...) printf(__VA_ARGS__)
#else
int printk(const char *fmt, ...) __printf(1, 2);
/* Append printk output to buf (NUL terminated, truncated at size); NULL: back to stdout. */
void printk_capture(char *buf, size_t size);
/* Suppress stdout output while no capture is installed (noisy tests). */
void printk_set_quiet(bool quiet);
#endif

#define pr_emerg(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(fmt, ##__VA_ARGS__)
#ifdef MM_DEBUG
#define pr_debug(fmt, ...) printk(fmt, ##__VA_ARGS__)
#else
#define pr_debug(fmt, ...) do { if (0) printk(fmt, ##__VA_ARGS__); } while (0)
#endif

/*
 * mm_bug(): an mm invariant is broken.  Guest: print and stop the guest with
 * a failure status.  Native: print and abort() (a test failure).
 */
void mm_bug(const char *file, int line, const char *cond) __noreturn;
void mm_warn(const char *file, int line, const char *cond);

#define BUG() mm_bug(__FILE__, __LINE__, "BUG")
#define BUG_ON(cond) do { if (unlikely(cond)) mm_bug(__FILE__, __LINE__, #cond); } while (0)
#define WARN_ON(cond) ({ bool __w = !!(cond); if (unlikely(__w)) mm_warn(__FILE__, __LINE__, #cond); __w; })
#define WARN_ON_ONCE(cond) ({ static bool __warned; bool __w = !!(cond); \
	if (unlikely(__w) && !__warned) { __warned = true; mm_warn(__FILE__, __LINE__, #cond); } __w; })
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page) BUG_ON(cond)
#define VM_WARN_ON(cond) ((void)WARN_ON(cond))

#endif /* MM_PRINTK_H */
