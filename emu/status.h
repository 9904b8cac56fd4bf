/* SPDX-License-Identifier: MIT */
/*
 * status.h - the emulator's exit statuses (also listed in --help and README).
 *
 * Statuses below EXIT_CYCLE_LIMIT are the guest's own exit code, passed
 * through from semihosting SYS_EXIT/SYS_EXIT_EXTENDED.  The emulator's own
 * outcomes sit above it, where a shell's `timeout` puts its own; only
 * --fail-on-coherency takes 123 from the guest's range, when it asked for it.
 */
#ifndef EMU_STATUS_H
#define EMU_STATUS_H

#define EXIT_COHERENCY   123 /* --fail-on-coherency and a DMA/cache coherency finding */
#define EXIT_CYCLE_LIMIT 124 /* --max-cycles reached before the guest exited */
#define EXIT_EMU_ERROR   125 /* bad option, unreadable or invalid image or board */
#define EXIT_GUEST_CRASH 126 /* unhandled exception, abort without handler, deadlock */
#define EXIT_WATCHDOG    127 /* the watchdog expired (with --watchdog=exit) */

#endif /* EMU_STATUS_H */
