/* SPDX-License-Identifier: MIT */
/*
 * regs.h - declare registers and their fields once, by name.
 *
 *   REG32(ULCON, 0x00)               -> A_ULCON (byte offset)
 *   FIELD(ULCON, WORDLEN, 0, 2)      -> R_ULCON_WORDLEN_{SHIFT,LENGTH,MASK}
 *   FIELD_EX32(v, ULCON, WORDLEN)    -> extract the field
 *   FIELD_DP32(v, ULCON, WORDLEN, x) -> v with the field replaced by x
 *
 * The same shape as QEMU's hw/registerfields.h, so device models read alike.
 */
#ifndef EMU_REGS_H
#define EMU_REGS_H

#include <stdint.h>

#define REG32(reg, addr) enum { A_##reg = (addr) };

#define FIELD(reg, field, shift, length)                                        \
	enum {                                                                  \
		R_##reg##_##field##_SHIFT = (shift),                            \
		R_##reg##_##field##_LENGTH = (length),                          \
	};                                                                      \
	static const uint32_t R_##reg##_##field##_MASK __attribute__((unused)) = \
		(uint32_t)((((uint64_t)1 << (length)) - 1) << (shift));

#define FIELD_EX32(v, reg, field)                                               \
	(((uint32_t)(v) & R_##reg##_##field##_MASK) >> R_##reg##_##field##_SHIFT)

#define FIELD_DP32(v, reg, field, x)                                            \
	(((uint32_t)(v) & ~R_##reg##_##field##_MASK) |                          \
	 (((uint32_t)(x) << R_##reg##_##field##_SHIFT) & R_##reg##_##field##_MASK))

#endif /* EMU_REGS_H */
