/* SPDX-License-Identifier: MIT */
/*
 * machine.h - one emulated OK6410A: the ARM1176 core in Unicorn, the board,
 * guest RAM and the run loop on the global clock.
 *
 * DOC: The run loop alternates between the core and the scheduler.  Unicorn
 * runs translated blocks until the next event is due; a block hook charges
 * each block's cycles to the clock and asks Unicorn to stop when an event is
 * due or an unmasked interrupt is pending (the stop cancels the block about to
 * run, so nothing is counted twice).  Between runs the loop fires due events,
 * delivers exceptions by hand (Unicorn 2.0.1 has no interrupt API), serves
 * semihosting calls and skips idle time while the core waits for an interrupt.
 *
 * The physical map: RAM from the device tree is host memory under Unicorn;
 * the peripheral window 0x7000_0000-0x7FFF_FFFF is one MMIO region routed by
 * the board's bus; every other address is a "bus error" MMIO region, so that
 * Unicorn 2.0.1, which looks virtual addresses up in its region list before
 * translating them, accepts any virtual window the guest maps.  A physical
 * access that really lands in a gap becomes an imprecise external abort.
 */
#ifndef EMU_MACHINE_H
#define EMU_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>

#include <unicorn/unicorn.h>

#include "emu/clock.h"
#include "soc/arm1176/mmu.h"

struct board;
struct elf_image;
struct kernel_boot;
struct report;
struct semihost;

enum stop_reason {
	STOP_NONE,
	STOP_EXIT,          /* the guest exited through semihosting */
	STOP_CYCLE_LIMIT,   /* --max-cycles */
	STOP_GUEST_CRASH,   /* unhandled exception, abort without handler, deadlock */
	STOP_WATCHDOG,      /* watchdog expiry with --watchdog=exit */
	STOP_HOST_ERROR,    /* Unicorn failed, or the host ran out of something */
	STOP_USER,          /* the user closed the window or pressed Ctrl-C */
	STOP_SCRIPT,        /* a scenario script ended the run (scenario/) */
};

enum watchdog_action { WATCHDOG_RESET, WATCHDOG_EXIT };

struct machine_config {
	const char *image_path;    /* ELF image, or the --kernel image */
	bool image_is_kernel;      /* --kernel: a zImage or Image (emu/kernel.h) */
	const char *initrd_path;   /* --initrd, or NULL */
	const char *append;        /* --append: /chosen/bootargs, or NULL */
	const char *symbols_path;  /* --symbols: an ELF file whose symbols name guest PCs */
	const char *dtb_path;      /* NULL: the built-in board below */
	const char *board_name;    /* built-in board, default "ok6410a" */
	uint64_t max_cycles;       /* 0: no limit */
	int guest_argc;            /* the guest's command line (SYS_GET_CMDLINE) */
	char **guest_argv;
	enum watchdog_action watchdog;
	bool trace_exceptions;     /* log every exception entry */
	bool no_uc_fastpath;       /* the library's own store path (emu/uc_fixups.h) */
	const char *semihosting_root; /* NULL: the current directory; "/": unconfined */
};

/* Exception kinds in ARM's vector order. */
enum arm_exception {
	EXC_RESET,
	EXC_UNDEF,
	EXC_SVC,
	EXC_PABT,
	EXC_DABT,
	EXC_IRQ = 6,
	EXC_FIQ,
	EXC_NR
};

/* A load or store the machine is serving right now (inside an MMIO callback). */
struct mmio_access {
	bool active;
	bool write;
	uint32_t pa;
	unsigned size;
};

struct machine_stats {
	uint64_t insns;
	uint64_t blocks;
	uint64_t idle_cycles;      /* skipped while waiting for an interrupt */
	uint64_t runs;             /* uc_emu_start calls */
	uint64_t exceptions[EXC_NR];
	uint64_t semihost_calls;
	uint64_t bus_errors;
	uint64_t exec_covers;      /* gap megabytes made executable for the guest */
	double host_seconds;       /* wall time of machine_run, for --stats only */
};

struct machine {
	const struct machine_config *cfg;
	uc_engine *uc;
	struct clock clock;
	struct board *board;
	struct elf_image *elf;
	struct kernel_boot *boot;  /* kernel, initramfs and command line (emu/kernel.h) */
	struct semihost *semihost;

	uint8_t *ram;              /* anonymous mapping: untouched pages cost nothing */
	uint32_t ram_base, ram_size;
	bool ram_used;             /* something was loaded: a reset must clear it */
	uint32_t dtb_pa, dtb_size;

	/* run state */
	cycle_t deadline;          /* the CPU stops at the first block at or after it */
	bool stop_requested;       /* uc_emu_stop() called; the next block will not run */
	bool halted;
	bool pause_requested;      /* machine_pause(): return from machine_run, resumable */
	bool wfi_paused;           /* the pause came while the core waited in WFI */
	enum stop_reason reason;
	int exit_code;
	char stop_detail[512];

	/* CPU inputs and pending work for the run loop */
	bool irq_line, fiq_line;   /* nIRQ / nFIQ asserted by the VIC */
	int pending_intno;         /* Unicorn exception number from the intr hook, -1 none */
	bool pending_ext_abort;    /* a physical bus error waits to be delivered */
	uint32_t ext_abort_pa, ext_abort_pc;
	bool ext_abort_write;
	/* the last synchronous exception, to catch a handler that never resolves it */
	enum arm_exception last_sync;
	uint32_t last_sync_pc;
	unsigned sync_repeats;
	bool reset_pending;        /* the watchdog asked for a system reset */
	volatile sig_atomic_t interrupted; /* Ctrl-C: see machine_interrupt() */
	unsigned resets;

	/* the translation block running now, for exact PCs in reports */
	uint32_t blk_pc, blk_size;
	bool blk_thumb;
	/* Each block's state, CPSR.T read once per block address and size:
	 * reading CPSR on every block cost 23 % of the host's time. */
	struct machine_blk_state {
		uint32_t key, size; /* key: the block's address | 1; 0 when empty */
		bool thumb;
	} blk_state[1024];
	struct mmio_access mmio;

	struct machine_stats stats;
	struct event limit_event;
	struct event pause_event;  /* machine_run_until()'s target cycle */

	/* An observer of CPU inputs and exceptions (the --trace writer), or NULL. */
	const struct machine_tracer *tracer;
	void *tracer_opaque;

	/* Physical ranges with nothing behind them, mapped as bus-error MMIO so
	 * that Unicorn accepts any virtual address (see the overview above). */
	struct machine_gap {
		struct machine *m;
		uint32_t base;
		uint64_t size;
		bool used;
	} gaps[64];
	/* Executable covers: 1 MiB of a gap turned into RAM-type cover because
	 * the guest executes from a virtual address there (see cover_for_fetch). */
	struct machine_cover {
		uint32_t base;
		void *mem;
	} covers[32];
	unsigned nr_covers;

	/* The model called from the block hook (machine_set_block_hook()). */
	void (*block_fn)(void *opaque, uint32_t pc, uint32_t size);
	void *block_opaque;

	/* Attached models (memory path, heatmap), in attachment order. */
	struct machine_model_slot {
		const struct machine_model *ops;
		void *opaque;
	} models[8];
	unsigned nr_models;
};

/*
 * A model observes or extends the machine without the run loop knowing it:
 * the memory-path models and the heatmap attach this way.  Every callback is
 * optional; they run in attachment order.
 */
struct machine_model {
	const char *name;
	/* After the image is loaded and the CPU is at its entry, before the
	 * first instruction: schedule events, install hooks.  Non-zero fails
	 * machine start-up (print the error first). */
	int (*start)(struct machine *m, void *opaque);
	/* The machine has stopped (any reason), before reports are written. */
	void (*stop)(struct machine *m, void *opaque);
	void (*print_stats)(struct machine *m, void *opaque, FILE *f);
	void (*report)(struct machine *m, void *opaque, struct report *r);
	void (*destroy)(void *opaque);
};

/*
 * What a tracer sees as it happens (emu/trace.c): the core's interrupt inputs
 * and every exception it takes.  Both callbacks are optional.
 */
struct machine_tracer {
	void (*cpu_line)(void *opaque, int line, int level);  /* 0 nIRQ, 1 nFIQ */
	void (*exception)(void *opaque, enum arm_exception e, uint32_t lr); /* after entry */
};
void machine_set_tracer(struct machine *m, const struct machine_tracer *t, void *opaque);

/* Attach before machine_run(); returns -1 when the table is full. */
int machine_attach(struct machine *m, const struct machine_model *ops, void *opaque);

/*
 * A model that must see every translated block (the memory model): `fn` runs
 * from the machine's own block hook, after the clock is charged, for every
 * block that will run.  One Unicorn block hook instead of two: Unicorn 2.0.1
 * walks its hook list and calls each entry from a helper in every block.
 * One model at a time; NULL removes it.  Set it from the model's start().
 */
void machine_set_block_hook(struct machine *m, void (*fn)(void *opaque, uint32_t pc,
							   uint32_t size), void *opaque);

/* Create a machine from a config; returns NULL after printing an error. */
struct machine *machine_create(const struct machine_config *cfg);
void machine_destroy(struct machine *m);

/*
 * Run until the guest exits or something stops it.  Returns the exit status.
 * After machine_pause() it returns early with the machine still running
 * (machine_halted() false); calling it again resumes where it stopped.
 */
int machine_run(struct machine *m);

/* Return from machine_run() at the next block boundary, resumable (scenarios). */
void machine_pause(struct machine *m);

/*
 * Run until the clock reaches `until` (the first block boundary at or after
 * it) or the machine stops.  Returns true when it paused at `until`, false
 * when the machine stopped first (or had stopped already).
 */
bool machine_run_until(struct machine *m, cycle_t until);
static inline bool machine_halted(const struct machine *m) { return m->halted; }
static inline enum stop_reason machine_stop_reason(const struct machine *m) { return m->reason; }
static inline int machine_exit_code(const struct machine *m) { return m->exit_code; }
static inline const char *machine_stop_detail(const struct machine *m) { return m->stop_detail; }

/* Stop at the next block boundary with a reason and exit status. */
void machine_halt(struct machine *m, enum stop_reason why, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Ask Unicorn to return to the run loop at the next block boundary. */
void machine_request_stop(struct machine *m);
/* From a signal handler: stop at the next block boundary with STOP_USER. */
void machine_interrupt(struct machine *m);
const char *machine_stop_reason_name(enum stop_reason r);

/* Guest physical memory (RAM only); false when the range is not all RAM. */
bool machine_read_phys(struct machine *m, uint32_t pa, void *buf, uint32_t len);
bool machine_write_phys(struct machine *m, uint32_t pa, const void *buf, uint32_t len);
static inline bool machine_is_ram(const struct machine *m, uint32_t pa, uint32_t len)
{
	return pa - m->ram_base < m->ram_size && len <= m->ram_size - (pa - m->ram_base);
}

/*
 * Accessors for models and front ends.  Nothing outside emu/ reads the fields
 * of struct machine: the run loop's state is its own.
 */
static inline struct clock *machine_clock(struct machine *m) { return &m->clock; }
static inline uc_engine *machine_uc(struct machine *m) { return m->uc; }
static inline struct board *machine_board(struct machine *m) { return m->board; }
/* The loaded ELF image (symbols, extent); NULL when the image has none. */
static inline const struct elf_image *machine_elf(const struct machine *m) { return m->elf; }
static inline const struct machine_config *machine_config(const struct machine *m) { return m->cfg; }
static inline const struct machine_stats *machine_stats(const struct machine *m) { return &m->stats; }
/* Guest RAM as host memory: [base, base + size) physical. */
static inline uint8_t *machine_ram(struct machine *m, uint32_t *base, uint32_t *size)
{
	if (base)
		*base = m->ram_base;
	if (size)
		*size = m->ram_size;
	return m->ram;
}
/* The translation block running now (size 0 outside a block). */
static inline void machine_current_block(const struct machine *m, uint32_t *pc, uint32_t *size,
					 bool *thumb)
{
	*pc = m->blk_pc;
	*size = m->blk_size;
	*thumb = m->blk_thumb;
}
/* The flag a front end may wait on: true once the machine has stopped. */
static inline const volatile bool *machine_halted_flag(const struct machine *m) { return &m->halted; }
/* The opaque pointer of the attached model with these ops, or NULL. */
void *machine_find_model(struct machine *m, const struct machine_model *ops);

/* "cycle 1234, pc 0x50008010 <main+0x10>" for messages. */
void machine_where(struct machine *m, char *buf, size_t len);

void machine_print_stats(struct machine *m, FILE *f);
void machine_report(struct machine *m, struct report *r);
/*
 * The report as it stands now, as a JSON document in a malloc'd string:
 * the whole report (`model` NULL) or one attached model's section only
 * (`model` is its name, e.g. "memsys"; NULL returned when not attached).
 * For front ends that read report data back (emu/json.h).
 */
char *machine_report_string(struct machine *m, const char *model, size_t *len);

#endif /* EMU_MACHINE_H */
