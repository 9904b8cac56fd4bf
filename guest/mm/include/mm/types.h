/* SPDX-License-Identifier: MIT */
/*
 * mm/types.h - basic types and helpers shared by every guest/mm file.
 *
 * DOC: guest/mm is compiled for the ARM guest (GUEST_ARM=1) and natively for
 * the host unit tests (GUEST_NATIVE=1).  Physical addresses are 32 bits in
 * both builds; virtual addresses are `void *` / `unsigned long`.
 */
#ifndef MM_TYPES_H
#define MM_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * unsigned int, not uint32_t: newlib's uint32_t is `long unsigned int`, and
 * these are printed with %x/%u in both builds.
 */
typedef unsigned int phys_addr_t;
typedef uint64_t u64;
typedef unsigned int u32;
_Static_assert(sizeof(unsigned int) == 4, "phys_addr_t is 32 bits");
typedef uint16_t u16;
typedef uint8_t u8;

#define PHYS_ADDR_MAX ((phys_addr_t)~0u)

/* Linux errno values (identical to newlib's and glibc's). */
#ifndef ENOENT
#define ENOENT 2
#endif
#ifndef EAGAIN
#define EAGAIN 11
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EBUSY
#define EBUSY 16
#endif
#ifndef EEXIST
#define EEXIST 17
#endif
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ENOSPC
#define ENOSPC 28
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#ifndef min
#define min(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) ((a) > (b) ? (a) : (b))
#endif
#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))
#define max_t(t, a, b) ((t)(a) > (t)(b) ? (t)(a) : (t)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
#ifndef __maybe_unused
#define __maybe_unused __attribute__((unused))
#endif
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#ifndef __noreturn
#define __noreturn __attribute__((noreturn))
#endif
#ifndef __printf
#define __printf(a, b) __attribute__((format(printf, a, b)))
#endif
#ifndef __weak
#define __weak __attribute__((weak))
#endif

#define SZ_1K 0x00000400u
#define SZ_4K 0x00001000u
#define SZ_64K 0x00010000u
#define SZ_1M 0x00100000u
#define SZ_2M 0x00200000u
#define SZ_4M 0x00400000u
#define SZ_8M 0x00800000u
#define SZ_16M 0x01000000u
#define SZ_32M 0x02000000u
#define SZ_64M 0x04000000u
#define SZ_128M 0x08000000u
#define SZ_256M 0x10000000u

#endif /* MM_TYPES_H */
