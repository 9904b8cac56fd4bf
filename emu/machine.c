/* SPDX-License-Identifier: MIT */
/*
 * machine.c - Unicorn setup, the physical map, hooks and the run loop.
 */
#include "emu/machine.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "emu/arm_decode.h"
#include "emu/cpu.h"
#include "emu/elf.h"
#include "emu/file.h"
#include "emu/kernel.h"
#include "emu/alloc.h"
#include "emu/log.h"
#include "emu/report.h"
#include "emu/semihost.h"
#include "emu/status.h"
#include "emu/uc_fixups.h"
#include "soc/s3c6410/board.h"

#define MACH_OK6410 1628       /* arch/arm/tools/mach-types */
/* Linux's own ceiling for a DTB (arm64's MAX_FDT_SIZE): a --dtb larger is refused. */
#define MACHINE_MAX_DTB_SIZE (2u << 20)
/* A guest can repeat a bus error forever: the first ones are reported. */
#define MACHINE_BUS_ERRORS_SHOWN 16
#define UC_UNTIL_NEVER 0xffffffffu /* odd and unaligned: never a block address */
#define SCR_NS (1u << 0)
#define SCR_FW (1u << 4)
#define SCR_AW (1u << 5)

/* Unicorn exception numbers (QEMU's EXCP_*), as the intr hook reports them. */
enum {
	UC_EXCP_UDEF = 1,
	UC_EXCP_SWI = 2,
	UC_EXCP_PREFETCH_ABORT = 3,
	UC_EXCP_DATA_ABORT = 4,
	UC_EXCP_IRQ = 5,
	UC_EXCP_FIQ = 6,
	UC_EXCP_BKPT = 7,
};

const char *machine_stop_reason_name(enum stop_reason r)
{
	static const char *const names[] = {
		[STOP_NONE] = "running",
		[STOP_EXIT] = "exit",
		[STOP_CYCLE_LIMIT] = "cycle-limit",
		[STOP_GUEST_CRASH] = "guest-crash",
		[STOP_WATCHDOG] = "watchdog",
		[STOP_HOST_ERROR] = "host-error",
		[STOP_USER] = "user",
		[STOP_SCRIPT] = "script",
	};

	return r < sizeof(names) / sizeof(names[0]) ? names[r] : "?";
}

/*
 * Stops are only ever issued from the block hook (or outside emulation).
 * Unicorn 2.0.1 abandons the current block when uc_emu_stop() is called
 * from an MMIO callback or memory hook and restarts it from its first
 * instruction without undoing what already ran, so instructions - and the
 * MMIO access itself - would execute twice.  Everyone else just pulls the
 * deadline in; the next block hook stops cleanly before anything runs.
 */
void machine_request_stop(struct machine *m)
{
	m->deadline = 0;
}

/* Async-signal-safe: two plain stores; the run loop does the rest. */
void machine_interrupt(struct machine *m)
{
	m->interrupted = 1;
	m->deadline = 0;
}

static void stop_now(struct machine *m)
{
	if (!m->stop_requested) {
		m->stop_requested = true;
		uc_emu_stop(m->uc);
	}
}

/* A device scheduled an event from inside a block: stop in time for it. */
static inline void refresh_deadline(struct machine *m)
{
	cycle_t next = clock_next(&m->clock);

	if (next < m->deadline)
		m->deadline = next;
}

void machine_pause(struct machine *m)
{
	m->pause_requested = true;
	if (m->uc)
		machine_request_stop(m);
}

static void pause_reached(void *opaque, cycle_t late)
{
	machine_pause(opaque);
}

bool machine_run_until(struct machine *m, cycle_t until)
{
	if (m->halted)
		return false;
	if (m->clock.now >= until)
		return true;
	clock_schedule_at(&m->clock, &m->pause_event, until);
	machine_run(m);
	clock_cancel(&m->clock, &m->pause_event);
	return !m->halted;
}

void machine_set_tracer(struct machine *m, const struct machine_tracer *t, void *opaque)
{
	m->tracer = t;
	m->tracer_opaque = opaque;
}

void machine_halt(struct machine *m, enum stop_reason why, int status, const char *fmt, ...)
{
	va_list ap;

	if (m->halted)
		return;
	m->halted = true;
	m->reason = why;
	m->exit_code = status;
	va_start(ap, fmt);
	vsnprintf(m->stop_detail, sizeof(m->stop_detail), fmt, ap);
	va_end(ap);
	if (m->uc)
		machine_request_stop(m);
}

bool machine_read_phys(struct machine *m, uint32_t pa, void *buf, uint32_t len)
{
	if (!machine_is_ram(m, pa, len))
		return false;
	memcpy(buf, m->ram + (pa - m->ram_base), len);
	return true;
}

bool machine_write_phys(struct machine *m, uint32_t pa, const void *buf, uint32_t len)
{
	if (!machine_is_ram(m, pa, len))
		return false;
	memcpy(m->ram + (pa - m->ram_base), buf, len);
	return true;
}

int machine_attach(struct machine *m, const struct machine_model *ops, void *opaque)
{
	if (m->nr_models == sizeof(m->models) / sizeof(m->models[0]))
		return -1;
	m->models[m->nr_models++] = (struct machine_model_slot){ ops, opaque };
	return 0;
}

void machine_set_block_hook(struct machine *m, void (*fn)(void *opaque, uint32_t pc,
							   uint32_t size), void *opaque)
{
	m->block_fn = fn;
	m->block_opaque = opaque;
}

void *machine_find_model(struct machine *m, const struct machine_model *ops)
{
	for (unsigned i = 0; i < m->nr_models; i++)
		if (m->models[i].ops == ops)
			return m->models[i].opaque;
	return NULL;
}

/*
 * The instruction behind an MMIO access.  Unicorn reports the block's PC in
 * callbacks, but registers are exact: decode each load/store of the block
 * against them and take the first whose address translates to `pa`.
 */
static bool find_access_pc(struct machine *m, uint32_t pa, unsigned size, bool write,
			   uint32_t *pc_out)
{
	struct mmu_regs mr;
	uint32_t r[16], cpsr, step = m->blk_thumb ? 2 : 4;

	if (!m->blk_size)
		return false;
	cpu_regs(m, r, &cpsr);
	cpu_mmu_regs(m, &mr);
	for (uint32_t pc = m->blk_pc; pc < m->blk_pc + m->blk_size; pc += step) {
		struct arm_access acc[ARM_MAX_ACCESSES];
		uint32_t insn = 0;
		int n;

		if (!cpu_read_virt(m, pc, &insn, step))
			return false;
		n = arm_decode_accesses(insn, m->blk_thumb, pc, r, cpsr, acc);
		for (int i = 0; i < n; i++) {
			struct mmu_result res;

			if (acc[i].write != write)
				continue;
			if (cpu_walk(m, &mr, acc[i].addr, &res))
				continue;
			/* The decoded access and the bus access overlap. */
			if (pa - res.pa < acc[i].size || res.pa - pa < size) {
				*pc_out = pc;
				return true;
			}
		}
	}
	return false;
}

void machine_where(struct machine *m, char *buf, size_t len)
{
	char sym[96];
	uint32_t pc;

	if (!m->uc) {
		snprintf(buf, len, "cycle %llu", (unsigned long long)m->clock.now);
		return;
	}
	if (m->mmio.active) {
		if (find_access_pc(m, m->mmio.pa, m->mmio.size, m->mmio.write, &pc)) {
			snprintf(buf, len, "cycle %llu, pc %s", (unsigned long long)m->clock.now,
				 elf_symbolize(m->elf, pc, sym, sizeof(sym)));
		} else {
			snprintf(buf, len, "cycle %llu, in block at %s", (unsigned long long)m->clock.now,
				 elf_symbolize(m->elf, m->blk_pc, sym, sizeof(sym)));
		}
		return;
	}
	pc = cpu_pc(m);
	snprintf(buf, len, "cycle %llu, pc %s", (unsigned long long)m->clock.now,
		 elf_symbolize(m->elf, pc, sym, sizeof(sym)));
}

static void log_where(void *opaque, char *buf, size_t len)
{
	machine_where(opaque, buf, len);
}

/* --- the CPU's interrupt inputs ------------------------------------------ */

static void set_cpu_line(void *opaque, int n, int level)
{
	struct machine *m = opaque;

	if (n == 0)
		m->irq_line = level;
	else
		m->fiq_line = level;
	if (m->tracer && m->tracer->cpu_line)
		m->tracer->cpu_line(m->tracer_opaque, n, level);
	/* Inside a block (an MMIO write raised it): let the block hook see it. */
}

static bool interrupt_unmasked(struct machine *m)
{
	uint32_t cpsr = cpu_reg(m, UC_ARM_REG_CPSR);

	return (m->fiq_line && !(cpsr & CPSR_F)) || (m->irq_line && !(cpsr & CPSR_I));
}

/* --- memory map ------------------------------------------------------------ */

static uint64_t periph_read(uc_engine *uc, uint64_t offset, unsigned size, void *opaque)
{
	struct machine *m = opaque;
	uint32_t pa = PERIPH_BASE + (uint32_t)offset, v;

	m->mmio = (struct mmio_access){ true, false, pa, size };
	v = bus_read(board_bus(m->board), pa, size);
	m->mmio.active = false;
	refresh_deadline(m);
	return v;
}

static void periph_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *opaque)
{
	struct machine *m = opaque;
	uint32_t pa = PERIPH_BASE + (uint32_t)offset;

	m->mmio = (struct mmio_access){ true, true, pa, size };
	bus_write(board_bus(m->board), pa, (uint32_t)value, size);
	m->mmio.active = false;
	refresh_deadline(m);
}

/*
 * A physical access with nothing behind it.  The core has already retired
 * the instruction with a garbage value, so the abort is delivered as the
 * ARM1176 delivers an external abort it cannot make precise: imprecise,
 * at the next block boundary, masked by CPSR.A.
 */
static void bus_error(struct machine *m, uint32_t pa, bool write)
{
	uint32_t pc;
	char why[160];

	m->stats.bus_errors++;
	if (m->pending_ext_abort)
		return;
	m->pending_ext_abort = true;
	m->ext_abort_pa = pa;
	m->ext_abort_write = write;
	m->mmio = (struct mmio_access){ true, write, pa, 4 };
	m->ext_abort_pc = find_access_pc(m, pa, 4, write, &pc) ? pc : m->blk_pc;
	/* With no abort handler there is nothing to deliver to: stop and say so. */
	if (!cpu_handler_installed(m, EXC_DABT, why, sizeof(why))) {
		char sym[96];

		machine_halt(m, STOP_GUEST_CRASH, EXIT_GUEST_CRASH,
			     "%s of physical 0x%08x at pc %s: nothing is mapped there (bus error), "
			     "and no data abort handler is installed: %s", write ? "write" : "read", pa,
			     elf_symbolize(m->elf, m->ext_abort_pc, sym, sizeof(sym)), why);
		m->mmio.active = false;
		return;
	}
	/* A guest bug whether or not it handles the abort: always say so. */
	if (m->stats.bus_errors <= MACHINE_BUS_ERRORS_SHOWN)
		guest_error("%s of physical 0x%08x: nothing is mapped there (bus error -> imprecise "
			    "external abort%s)", write ? "write" : "read", pa,
			    (cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_A) ? ", pending while CPSR.A masks it" : "");
	m->mmio.active = false;
	machine_request_stop(m);
}

static uint64_t gap_read(uc_engine *uc, uint64_t offset, unsigned size, void *opaque)
{
	struct machine_gap *g = opaque;

	bus_error(g->m, g->base + (uint32_t)offset, false);
	return 0;
}

static void gap_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *opaque)
{
	struct machine_gap *g = opaque;

	bus_error(g->m, g->base + (uint32_t)offset, true);
}

static int map_gap(struct machine *m, uint32_t base, uint64_t size)
{
	struct machine_gap *g = NULL;
	uc_err err;

	for (unsigned i = 0; i < sizeof(m->gaps) / sizeof(m->gaps[0]) && !g; i++)
		if (!m->gaps[i].used)
			g = &m->gaps[i];
	if (!g) {
		log_error("too many bus-error regions");
		return -1;
	}
	*g = (struct machine_gap){ .m = m, .base = base, .size = size, .used = true };
	err = uc_mmio_map(m->uc, base, size, gap_read, g, gap_write, g);
	if (err != UC_ERR_OK) {
		g->used = false;
		log_error("cannot map the bus-error region 0x%08x+0x%llx: %s", base,
		      (unsigned long long)size, uc_strerror(err));
		return -1;
	}
	return 0;
}

static int map_memory(struct machine *m)
{
	struct {
		uint64_t base, size;
	} used[2] = {
		{ m->ram_base, m->ram_size },
		{ PERIPH_BASE, PERIPH_SIZE },
	};
	uint64_t at = 0;
	uc_err err;

	if (used[0].base > used[1].base) {
		used[0] = used[1];
		used[1] = (typeof(used[1])){ m->ram_base, m->ram_size };
	}
	err = uc_mem_map_ptr(m->uc, m->ram_base, m->ram_size, UC_PROT_ALL, m->ram);
	if (err == UC_ERR_OK)
		err = uc_mmio_map(m->uc, PERIPH_BASE, PERIPH_SIZE, periph_read, m, periph_write, m);
	if (err != UC_ERR_OK) {
		log_error("cannot map guest memory into Unicorn: %s", uc_strerror(err));
		return -1;
	}
	/* Everything else: bus-error regions (at most three gaps around two ranges). */
	memset(m->gaps, 0, sizeof(m->gaps));
	for (int i = 0; i <= 2; i++) {
		uint64_t end = i < 2 ? used[i].base : 0x100000000ull;

		if (end > at && map_gap(m, (uint32_t)at, end - at) != 0)
			return -1;
		if (i < 2)
			at = used[i].base + used[i].size;
	}
	return 0;
}

static void free_covers(struct machine *m)
{
	for (unsigned i = 0; i < m->nr_covers; i++)
		munmap(m->covers[i].mem, 1u << 20);
	m->nr_covers = 0;
}

/*
 * Unicorn 2.0.1 refuses to fetch instructions from a virtual address that
 * lies in an MMIO region, before it even translates it: high vectors at
 * 0xFFFF0000, code run through the lowmem alias, vmalloc or user space all
 * sit over physical gaps.  When the guest's own tables say the fetch is
 * fine, trade the MiB of bus-error cover around it for RAM-type cover (never
 * touched: the access lands at the translated address) and retry.  The cost:
 * physical accesses into that MiB are no longer reported as bus errors.
 */
static bool cover_for_fetch(struct machine *m, uint32_t va)
{
	uint32_t base = va & ~0xfffffu, size = 1u << 20;
	struct mmu_result res;
	struct machine_gap *g = NULL;
	uint32_t gbase;
	uint64_t gsize;
	void *mem;

	if (cpu_translate(m, va, MMU_FETCH, &res) || !machine_is_ram(m, res.pa, 4))
		return false;
	for (unsigned i = 0; i < sizeof(m->gaps) / sizeof(m->gaps[0]); i++)
		if (m->gaps[i].used && base - m->gaps[i].base < m->gaps[i].size)
			g = &m->gaps[i];
	if (!g || m->nr_covers == sizeof(m->covers) / sizeof(m->covers[0]))
		return false;
	mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		   -1, 0);
	if (mem == MAP_FAILED)
		return false;
	/* Remap the rest of the gap with fresh callbacks: Unicorn restarts the
	 * offsets of a split MMIO region at the split but keeps its user data. */
	gbase = g->base;
	gsize = g->size;
	g->used = false;
	uc_fixups_release(m->uc);
	if (uc_mem_unmap(m->uc, gbase, gsize) != UC_ERR_OK ||
	    (base > gbase && map_gap(m, gbase, base - gbase) != 0) ||
	    (gbase + gsize > (uint64_t)base + size &&
	     map_gap(m, base + size, gbase + gsize - base - size) != 0) ||
	    uc_mem_map_ptr(m->uc, base, size, UC_PROT_ALL, mem) != UC_ERR_OK) {
		munmap(mem, size);
		machine_halt(m, STOP_HOST_ERROR, EXIT_EMU_ERROR,
			     "cannot remap 0x%08x for execution", base);
		return false;
	}
	uc_fixups_adopt(m->uc);
	m->covers[m->nr_covers++] = (struct machine_cover){ base, mem };
	m->stats.exec_covers++;
	return true;
}

/* --- hooks ------------------------------------------------------------------- */

/*
 * The block's own state.  Unicorn reports a Thumb block at its even address;
 * CPSR.T at the hook is the state the block was translated for (the ELF's $t
 * symbols would call a wild branch into data ARM).  The answer is kept per
 * block address and size, as a translation is: the one case the table can
 * confuse is the same bytes run as a block of the same size in both states
 * while the entry lasts.
 */
static bool block_thumb(struct machine *m, uint32_t pc, uint32_t size)
{
	struct machine_blk_state *s =
		&m->blk_state[((pc >> 1) ^ (pc >> 11)) % (sizeof(m->blk_state) / sizeof(m->blk_state[0]))];

	if (__builtin_expect(s->key != (pc | 1) || s->size != size, 0))
		*s = (struct machine_blk_state){ pc | 1, size,
						 (cpu_reg(m, UC_ARM_REG_CPSR) & CPSR_T) != 0 };
	return s->thumb;
}

static void hook_block(uc_engine *uc, uint64_t addr, uint32_t size, void *opaque)
{
	struct machine *m = opaque;
	uint32_t n;

	/* A stop is pending: this block will not run (the exit check follows the hook). */
	if (m->stop_requested)
		return;
	if (m->clock.now >= m->deadline ||
	    ((m->irq_line || m->fiq_line) && interrupt_unmasked(m))) {
		stop_now(m);
		return;
	}
	m->blk_pc = (uint32_t)addr;
	m->blk_size = size;
	m->blk_thumb = block_thumb(m, (uint32_t)addr, size);
	/* One cycle per instruction for now; ARMv6 Thumb BL is two 16-bit instructions. */
	n = m->blk_thumb ? size / 2 : size / 4;
	if (!n)
		n = 1;
	m->stats.insns += n;
	m->stats.blocks++;
	m->clock.now += n;
	if (m->block_fn)
		m->block_fn(m->block_opaque, (uint32_t)addr, size);
}

/* The block was cut short at `pc` (an exception): un-count what did not run. */
static void refund_after(struct machine *m, uint32_t pc)
{
	uint32_t step = m->blk_thumb ? 2 : 4, end = m->blk_pc + m->blk_size, n;

	if (pc < m->blk_pc || pc >= end)
		return;
	n = (end - pc) / step - 1; /* the faulting instruction itself did issue */
	m->stats.insns -= n;
	m->clock.now -= n;
}

static void hook_intr(uc_engine *uc, uint32_t intno, void *opaque)
{
	struct machine *m = opaque;

	m->pending_intno = (int)intno;
	/* Safe here: exceptions are taken between blocks, with state restored. */
	stop_now(m);
}

/* --- exceptions ---------------------------------------------------------------- */

static void data_abort(struct machine *m)
{
	uint32_t r[16], cpsr, insn = 0, pc, sctlr, fsr = 0, far = 0;
	struct arm_access acc[ARM_MAX_ACCESSES];
	bool thumb;
	int n;
	char why[200], sym[96];

	cpu_regs(m, r, &cpsr);
	pc = r[15];
	thumb = cpsr & CPSR_T;
	refund_after(m, pc);
	sctlr = cpu_cp15_read(m, 1, 0, 0, 0);
	n = cpu_read_virt(m, pc, &insn, thumb ? 2 : 4)
		    ? arm_decode_accesses(insn, thumb, pc, r, cpsr, acc) : -1;
	/* The first access of the instruction that faults is the one reported. */
	for (int i = 0; i < n && !fsr; i++) {
		struct mmu_result res;

		if ((sctlr & SCTLR_A) && (acc[i].addr & (acc[i].size - 1))) {
			fsr = mmu_fsr(FAULT_ALIGNMENT, 0, acc[i].write);
			far = acc[i].addr;
		} else if (cpu_translate(m, acc[i].addr, acc[i].write ? MMU_WRITE : MMU_READ, &res)) {
			fsr = res.fsr;
			far = res.far;
		}
	}
	if (!fsr) {
		/* Unicorn faulted where our walk does not: trust Unicorn, say so. */
		far = n > 0 ? acc[0].addr : 0;
		fsr = mmu_fsr(FAULT_TRANSLATION_SECTION, 0, n > 0 && acc[0].write);
		guest_warn("data abort at pc %s: the host table walk finds no fault for 0x%08x; "
			   "delivering a translation fault", elf_symbolize(m->elf, pc, sym, sizeof(sym)), far);
	}
	cpu_cp15_write(m, 5, 0, 0, 0, fsr);
	cpu_cp15_write(m, 6, 0, 0, 0, far);
	snprintf(why, sizeof(why), "%s of 0x%08x: %s (DFSR 0x%03x)", (fsr & FSR_WNR) ? "write" : "read",
		 far, mmu_fault_name(fsr), fsr);
	cpu_take_exception(m, EXC_DABT, pc + 8, why);
}

static void prefetch_abort(struct machine *m, uint32_t ifsr_status)
{
	uint32_t pc = cpu_pc(m), ifsr = mmu_fsr(ifsr_status, 0, false);
	struct mmu_result res;
	char why[160];

	if (!ifsr_status) {
		ifsr = cpu_translate(m, pc, MMU_FETCH, &res);
		if (!ifsr)
			ifsr = mmu_fsr(FAULT_TRANSLATION_SECTION, 0, false);
		ifsr &= ~(FSR_WNR | 0xf0u); /* IFSR has no domain or direction */
	}
	cpu_cp15_write(m, 5, 0, 0, 1, ifsr);
	cpu_cp15_write(m, 6, 0, 0, 2, pc); /* IFAR */
	snprintf(why, sizeof(why), "fetch from 0x%08x: %s (IFSR 0x%03x)", pc, mmu_fault_name(ifsr), ifsr);
	cpu_take_exception(m, EXC_PABT, pc + 4, why);
}

static void undefined(struct machine *m, uint32_t pc)
{
	bool thumb = cpu_thumb(m);
	uint32_t insn = 0;
	char why[64];

	refund_after(m, pc);
	cpu_read_virt(m, pc, &insn, thumb ? 2 : 4);
	snprintf(why, sizeof(why), "instruction 0x%0*x", thumb ? 4 : 8, insn);
	cpu_take_exception(m, EXC_UNDEF, pc + (thumb ? 2 : 4), why);
}

static void dispatch_exception(struct machine *m, int intno)
{
	uint32_t pc = cpu_pc(m), insn = 0;
	bool thumb = cpu_thumb(m);
	char sym[96];

	switch (intno) {
	case UC_EXCP_SWI:
		/* PC is past the SVC. */
		cpu_read_virt(m, pc - (thumb ? 2 : 4), &insn, thumb ? 2 : 4);
		if (semihost_is_svc(insn, thumb))
			semihost_call(m);
		else
			cpu_take_exception(m, EXC_SVC, pc, NULL);
		break;
	case UC_EXCP_BKPT:
		/* PC is at the BKPT. */
		refund_after(m, pc);
		cpu_read_virt(m, pc, &insn, thumb ? 2 : 4);
		if (semihost_is_bkpt(insn, thumb)) {
			semihost_call(m);
			if (!m->halted)
				cpu_set_reg(m, UC_ARM_REG_PC, pc + (thumb ? 2 : 4));
		} else {
			/* No debugger attached: a BKPT is a prefetch abort (debug event). */
			prefetch_abort(m, FAULT_DEBUG);
		}
		break;
	case UC_EXCP_UDEF:
		undefined(m, pc);
		break;
	case UC_EXCP_PREFETCH_ABORT:
		prefetch_abort(m, 0);
		break;
	case UC_EXCP_DATA_ABORT:
		data_abort(m);
		break;
	default:
		machine_halt(m, STOP_HOST_ERROR, EXIT_EMU_ERROR,
			     "unexpected Unicorn exception %d at pc %s", intno,
			     elf_symbolize(m->elf, pc, sym, sizeof(sym)));
	}
}

static void unicorn_error(struct machine *m, uc_err err)
{
	uint32_t pc = cpu_pc(m);
	char sym[96];

	switch (err) {
	case UC_ERR_INSN_INVALID:
		undefined(m, pc);
		return;
	case UC_ERR_FETCH_UNMAPPED:
	case UC_ERR_FETCH_PROT:
		if (cover_for_fetch(m, pc))
			return; /* retry the fetch */
		/* Executing from a bus-error region or device memory. */
		prefetch_abort(m, FAULT_EXTERNAL);
		return;
	case UC_ERR_READ_UNMAPPED:
	case UC_ERR_WRITE_UNMAPPED:
	case UC_ERR_READ_PROT:
	case UC_ERR_WRITE_PROT:
		machine_halt(m, STOP_GUEST_CRASH, EXIT_GUEST_CRASH, "%s at pc %s", uc_strerror(err),
			     elf_symbolize(m->elf, pc, sym, sizeof(sym)));
		return;
	default:
		machine_halt(m, STOP_HOST_ERROR, EXIT_EMU_ERROR, "Unicorn stopped at pc %s: %s",
			     elf_symbolize(m->elf, pc, sym, sizeof(sym)), uc_strerror(err));
	}
}

/* Interrupts and imprecise aborts are taken between blocks, highest priority first. */
static void take_pending(struct machine *m)
{
	uint32_t cpsr = cpu_reg(m, UC_ARM_REG_CPSR), pc;

	if (m->pending_ext_abort && !(cpsr & CPSR_A)) {
		char why[200], sym[96];

		m->pending_ext_abort = false;
		pc = cpu_pc(m);
		cpu_cp15_write(m, 5, 0, 0, 0, mmu_fsr(FAULT_IMPRECISE_EXTERNAL, 0, m->ext_abort_write));
		snprintf(why, sizeof(why), "%s of physical 0x%08x by pc %s: nothing is mapped there "
			 "(imprecise external abort)", m->ext_abort_write ? "write" : "read",
			 m->ext_abort_pa, elf_symbolize(m->elf, m->ext_abort_pc, sym, sizeof(sym)));
		if (!cpu_take_exception(m, EXC_DABT, pc + 8, why))
			return;
		cpsr = cpu_reg(m, UC_ARM_REG_CPSR);
	}
	if (m->fiq_line && !(cpsr & CPSR_F)) {
		pc = cpu_pc(m);
		cpu_take_exception(m, EXC_FIQ, pc + 4, NULL);
		cpsr = cpu_reg(m, UC_ARM_REG_CPSR);
	}
	if (m->irq_line && !(cpsr & CPSR_I)) {
		pc = cpu_pc(m);
		cpu_take_exception(m, EXC_IRQ, pc + 4, NULL);
	}
}

static bool is_wfi(uint32_t insn)
{
	/* mcr p15, 0, rX, c7, c0, 4 (ARMv6) or the ARMv6K WFI hint. */
	return (insn & 0x0fff0fffu) == 0x0e070f90u || (insn & 0x0fffffffu) == 0x0320f003u;
}

/*
 * The core executed WFI: nothing happens until an interrupt is pending, so
 * jump the clock from event to event (a mask does not stop WFI waking).
 */
static void wait_for_interrupt(struct machine *m)
{
	uint32_t pc = cpu_pc(m), insn = 0;
	char sym[96];

	if (m->wfi_paused) {
		m->wfi_paused = false;  /* resuming a WFI that machine_pause() interrupted */
	} else {
		cpu_read_virt(m, pc - 4, &insn, 4);
		if (!is_wfi(insn))
			guest_warn("Unicorn returned without a reason at pc 0x%08x; treating it as WFI",
				   pc);
	}
	while (!m->irq_line && !m->fiq_line && !m->halted && !m->interrupted && !m->pause_requested) {
		cycle_t next = clock_next(&m->clock);

		if (next == CYCLE_NEVER) {
			machine_halt(m, STOP_GUEST_CRASH, EXIT_GUEST_CRASH,
				     "deadlock: the guest waits for an interrupt (WFI at pc %s) "
				     "but no device has anything scheduled",
				     elf_symbolize(m->elf, pc - 4, sym, sizeof(sym)));
			return;
		}
		if (next > m->clock.now) {
			m->stats.idle_cycles += next - m->clock.now;
			clock_advance_to(&m->clock, next);
		}
		clock_run_due(&m->clock);
	}
	/* Paused while waiting: the core is still in WFI when the run resumes. */
	m->wfi_paused = m->pause_requested && !m->irq_line && !m->fiq_line && !m->halted;
}

/* --- creation ------------------------------------------------------------------ */

static void limit_reached(void *opaque, cycle_t late)
{
	struct machine *m = opaque;

	machine_halt(m, STOP_CYCLE_LIMIT, EXIT_CYCLE_LIMIT, "cycle limit of %llu reached",
		     (unsigned long long)m->cfg->max_cycles);
}

static void system_reset(void *opaque, const char *why);

static int start_cpu(struct machine *m)
{
	uc_hook h;
	uc_err err;

	err = uc_open(UC_ARCH_ARM, UC_MODE_ARM, &m->uc);
	if (err == UC_ERR_OK)
		err = uc_ctl_set_cpu_model(m->uc, UC_CPU_ARM_1176);
	/* 2.0.1 is off by one here: 2048 selects 4 KiB target pages (REFERENCE.md). */
	if (err == UC_ERR_OK)
		err = uc_ctl_set_page_size(m->uc, 2048);
	if (err != UC_ERR_OK) {
		log_error("cannot start Unicorn's ARM1176: %s", uc_strerror(err));
		return -1;
	}
	if (map_memory(m) != 0)
		return -1;
	uc_fixups_adopt(m->uc);
	err = uc_hook_add(m->uc, &h, UC_HOOK_BLOCK, (void *)hook_block, m, 1, 0);
	if (err == UC_ERR_OK)
		err = uc_hook_add(m->uc, &h, UC_HOOK_INTR, (void *)hook_intr, m, 1, 0);
	if (err != UC_ERR_OK) {
		log_error("cannot install Unicorn hooks: %s", uc_strerror(err));
		return -1;
	}
	/*
	 * Unicorn starts the core in the non-secure world (SCR.NS = 1).  A real
	 * S3C6410 boots secure with no monitor, so the kernel owns CPSR.A and
	 * CPSR.F; with SCR.AW/FW clear, non-secure code could not change them.
	 */
	cpu_cp15_write(m, 1, 0, 1, 0, SCR_NS | SCR_FW | SCR_AW);
	/* Linux's boot protocol: r0 = 0, r1 = machine number, r2 = DTB. */
	cpu_set_reg(m, UC_ARM_REG_CPSR, RESET_CPSR);
	cpu_set_reg(m, UC_ARM_REG_R0, 0);
	cpu_set_reg(m, UC_ARM_REG_R1, MACH_OK6410);
	cpu_set_reg(m, UC_ARM_REG_R2, m->dtb_pa);
	cpu_set_reg(m, UC_ARM_REG_PC, m->elf->entry_pa);
	if (m->elf->entry_thumb)
		cpu_set_reg(m, UC_ARM_REG_CPSR, RESET_CPSR | CPSR_T);
	m->blk_size = 0;
	for (unsigned i = 0; i < m->nr_models; i++) {
		const struct machine_model *ops = m->models[i].ops;

		if (ops->start && ops->start(m, m->models[i].opaque) != 0)
			return -1;
	}
	return m->halted ? -1 : 0;
}

/*
 * Guest RAM is anonymous memory: zero pages until the guest (or the loader)
 * touches one, so resident memory follows what the guest uses, not the
 * board's size, and nothing is cleared before the first instruction.
 */
static uint8_t *ram_alloc(uint32_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		       -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* Back to all zeroes, as a cold boot: hand the pages back rather than write them. */
static void ram_clear(struct machine *m)
{
	if (madvise(m->ram, m->ram_size, MADV_DONTNEED) != 0)
		memset(m->ram, 0, m->ram_size);
}

/* Load the image, the initramfs and the DTB into RAM (all zero first, as a cold boot). */
static int load_ram(struct machine *m)
{
	struct elf_load_target t = { m->ram, m->ram_base, m->ram_size, .zeroed = true };
	const void *fdt;
	size_t fdt_size;
	uint32_t top;

	if (m->ram_used)
		ram_clear(m);
	m->ram_used = true;
	elf_free(m->elf);
	m->elf = NULL;
	if (m->cfg->image_is_kernel ? kernel_boot_load(m->boot, &t, &m->elf) != 0
				    : elf_load(m->cfg->image_path, &t, &m->elf) != 0)
		return -1;
	if (m->cfg->symbols_path && elf_load_symbols(m->cfg->symbols_path, m->elf) != 0)
		return -1;
	fdt = board_fdt(m->board, &fdt_size);
	/* Half of RAM at most, so the address below cannot wrap under RAM. */
	if (fdt_size > m->ram_size / 2) {
		log_error("%s: the device tree (%zu bytes) does not fit in the top half of RAM "
			  "(%u MiB)", m->cfg->dtb_path ? m->cfg->dtb_path : "board", fdt_size,
			  m->ram_size >> 20);
		return -1;
	}
	if (kernel_boot_place(m->boot, &t, m->cfg->image_path, m->elf->hi_pa, fdt, fdt_size,
			      &m->dtb_pa, &m->dtb_size) != 0)
		return -1;
	/* rdimon programs: heap after the image, 1 MiB of stack under the DTB. */
	top = m->dtb_pa & ~7u;
	semihost_set_heap(m->semihost, (m->elf->hi_pa + 7) & ~7u, top - 0x100000u, top,
			  top - 0x100000u);
	return 0;
}

struct machine *machine_create(const struct machine_config *cfg)
{
	struct machine *m = xcalloc(1, sizeof(*m), "the machine");
	struct board_env env;
	const void *fdt;
	void *owned = NULL;
	size_t fdt_size;
	const char *what;
	struct stat st;

	m->cfg = cfg;
	uc_fixups_init(!cfg->no_uc_fastpath);
	m->pending_intno = -1;
	clock_init(&m->clock);
	event_init(&m->limit_event, "cycle-limit", limit_reached, m);
	event_init(&m->pause_event, "pause", pause_reached, m);

	if (cfg->dtb_path) {
		char why[128];

		owned = file_read(cfg->dtb_path, MACHINE_MAX_DTB_SIZE, &fdt_size, why, sizeof(why));
		if (!owned) {
			log_error("%s: cannot read device tree: %s", cfg->dtb_path, why);
			goto fail;
		}
		fdt = owned;
		what = cfg->dtb_path;
	} else {
		/* A Linux kernel gets the board with its CMA area (ok6410a-linux.dts). */
		what = cfg->board_name ? cfg->board_name
				       : cfg->image_is_kernel ? "ok6410a-linux" : "ok6410a";
		fdt = board_builtin_dtb(what, &fdt_size);
		if (!fdt) {
			log_error("unknown board '%s' (built-in boards: %s)", what, board_builtin_names());
			goto fail;
		}
	}

	env = (struct board_env){
		.clock = &m->clock,
		.cpu_irq = irq_line(set_cpu_line, m, 0),
		.cpu_fiq = irq_line(set_cpu_line, m, 1),
		.system_reset = system_reset,
		.opaque = m,
		.console_out = stdout,
		/* Input from stdin only when it is a terminal, a file or a pipe. */
		.console_in = fstat(0, &st) == 0 &&
			(isatty(0) || S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)) ? stdin : NULL,
	};
	m->board = board_create(fdt, fdt_size, what, &env);
	free(owned);
	owned = NULL;
	if (!m->board)
		goto fail;
	m->ram_base = board_info(m->board)->ram_base;
	m->ram_size = board_info(m->board)->ram_size;
	m->ram = ram_alloc(m->ram_size);
	if (!m->ram)
		log_fatal("cannot allocate %u MiB of guest RAM", m->ram_size >> 20);
	board_attach_ram(m->board, m->ram);
	m->semihost = semihost_create(m, cfg->guest_argc, cfg->guest_argv, cfg->semihosting_root);
	if (!m->semihost)
		goto fail;
	m->boot = kernel_boot_open(cfg->image_is_kernel ? cfg->image_path : NULL, cfg->initrd_path,
				   cfg->append);
	if (!m->boot || load_ram(m) != 0)
		goto fail;
	log_set_context(&(struct log_context){ .where = log_where, .opaque = m });
	if (cfg->max_cycles)
		clock_schedule_at(&m->clock, &m->limit_event, cfg->max_cycles);
	return m;
fail:
	free(owned);
	machine_destroy(m);
	return NULL;
}

void machine_destroy(struct machine *m)
{
	if (!m)
		return;
	log_set_context(NULL);
	for (unsigned i = 0; i < m->nr_models; i++)
		if (m->models[i].ops->destroy)
			m->models[i].ops->destroy(m->models[i].opaque);
	if (m->uc) {
		uc_fixups_release(m->uc);
		uc_close(m->uc);
	}
	free_covers(m);
	board_destroy(m->board);
	semihost_destroy(m->semihost);
	kernel_boot_free(m->boot);
	elf_free(m->elf);
	clock_destroy(&m->clock);
	if (m->ram)
		munmap(m->ram, m->ram_size);
	free(m);
}

/*
 * A system reset (watchdog): devices reset, RAM reloaded as a boot loader
 * would, and a fresh Unicorn core - 2.0.1 has no CPU reset, and a new
 * instance is the only way to be sure no translated code or TLB survives.
 * Time keeps counting.
 */
static void system_reset(void *opaque, const char *why)
{
	struct machine *m = opaque;

	if (m->cfg->watchdog == WATCHDOG_EXIT) {
		machine_halt(m, STOP_WATCHDOG, EXIT_WATCHDOG, "%s", why);
		return;
	}
	log_info("system reset #%u at cycle %llu: %s", ++m->resets, (unsigned long long)m->clock.now, why);
	m->reset_pending = true;
	if (m->uc)
		machine_request_stop(m);
}

static int do_reset(struct machine *m)
{
	m->reset_pending = false;
	uc_fixups_release(m->uc);
	uc_close(m->uc);
	m->uc = NULL;
	free_covers(m);
	m->irq_line = m->fiq_line = false;
	m->pending_ext_abort = false;
	board_reset(m->board);
	if (load_ram(m) != 0 || start_cpu(m) != 0) {
		machine_halt(m, STOP_HOST_ERROR, EXIT_EMU_ERROR, "system reset failed");
		return -1;
	}
	return 0;
}

/* --- the run loop -------------------------------------------------------------- */

static double host_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int machine_run(struct machine *m)
{
	double t0 = host_seconds();

	if (!m->uc && start_cpu(m) != 0) {
		if (!m->halted)
			machine_halt(m, STOP_HOST_ERROR, EXIT_EMU_ERROR, "machine start-up failed");
	}
	while (!m->halted) {
		uint32_t pc;
		uc_err err;

		if (m->interrupted) {
			machine_halt(m, STOP_USER, 130, "interrupted");
			break;
		}
		clock_run_due(&m->clock);
		if (m->reset_pending && do_reset(m) != 0)
			break;
		if (m->halted || m->pause_requested)
			break;
		if (m->wfi_paused && !m->irq_line && !m->fiq_line) {
			wait_for_interrupt(m);
			continue;
		}
		m->wfi_paused = false;
		take_pending(m);
		if (m->halted)
			break;

		m->deadline = clock_next(&m->clock);
		m->stop_requested = false;
		m->pending_intno = -1;
		pc = cpu_pc(m) | (cpu_thumb(m) ? 1u : 0u);
		err = uc_emu_start(m->uc, pc, UC_UNTIL_NEVER, 0, 0);
		m->stats.runs++;

		if (m->halted)
			break;
		if (err != UC_ERR_OK)
			unicorn_error(m, err);
		else if (m->pending_intno >= 0)
			dispatch_exception(m, m->pending_intno);
		else if (!m->stop_requested && !m->halted)
			wait_for_interrupt(m);
	}
	m->stats.host_seconds += host_seconds() - t0;
	if (!m->halted) {
		/* Paused (machine_pause): the models keep running on the next call. */
		m->pause_requested = false;
		return m->exit_code;
	}
	for (unsigned i = 0; i < m->nr_models; i++)
		if (m->models[i].ops->stop)
			m->models[i].ops->stop(m, m->models[i].opaque);
	/* Bus errors are reported MACHINE_BUS_ERRORS_SHOWN times, then counted. */
	if (m->stats.bus_errors > MACHINE_BUS_ERRORS_SHOWN)
		log_warn("... and %llu more bus errors (%llu in all; not shown)",
			 (unsigned long long)(m->stats.bus_errors - MACHINE_BUS_ERRORS_SHOWN),
			 (unsigned long long)m->stats.bus_errors);
	return m->exit_code;
}

void machine_print_stats(struct machine *m, FILE *f)
{
	const struct machine_stats *s = &m->stats;
	double sim = (double)clock_ns(&m->clock) * 1e-9;

	fprintf(f, "--- s3c6410-emu statistics ---\n");
	fprintf(f, "stop reason        %s (exit status %d)\n", machine_stop_reason_name(m->reason),
		m->exit_code);
	fprintf(f, "instructions       %llu\n", (unsigned long long)s->insns);
	fprintf(f, "cycles             %llu (ARMCLK %u Hz)\n", (unsigned long long)m->clock.now,
		m->clock.hz[CLK_ARM]);
	fprintf(f, "idle cycles        %llu (WFI)\n", (unsigned long long)s->idle_cycles);
	fprintf(f, "simulated time     %.6f s\n", sim);
	fprintf(f, "blocks             %llu\n", (unsigned long long)s->blocks);
	fprintf(f, "events             %llu\n", (unsigned long long)m->clock.events_run);
	fprintf(f, "exceptions         undef %llu, svc %llu, pabt %llu, dabt %llu, irq %llu, fiq %llu\n",
		(unsigned long long)s->exceptions[EXC_UNDEF], (unsigned long long)s->exceptions[EXC_SVC],
		(unsigned long long)s->exceptions[EXC_PABT], (unsigned long long)s->exceptions[EXC_DABT],
		(unsigned long long)s->exceptions[EXC_IRQ], (unsigned long long)s->exceptions[EXC_FIQ]);
	fprintf(f, "semihosting calls  %llu\n", (unsigned long long)s->semihost_calls);
	fprintf(f, "bus errors         %llu\n", (unsigned long long)s->bus_errors);
	if (s->exec_covers)
		fprintf(f, "executable covers  %llu MiB of physical gap (guest code at virtual addresses there)\n",
			(unsigned long long)s->exec_covers);
	fprintf(f, "Unicorn store path %s, %llu page collections\n", uc_fixups_describe(),
		(unsigned long long)uc_fixups_collections());
	fprintf(f, "host time          %.3f s (%.1f MIPS)\n", s->host_seconds,
		s->host_seconds > 0 ? (double)s->insns / s->host_seconds / 1e6 : 0.0);
	for (unsigned i = 0; i < m->nr_models; i++)
		if (m->models[i].ops->print_stats)
			m->models[i].ops->print_stats(m, m->models[i].opaque, f);
}

void machine_report(struct machine *m, struct report *r)
{
	const struct machine_stats *s = &m->stats;
	static const char *const exc_names[EXC_NR] = {
		"reset", "undef", "svc", "pabt", "dabt", "reserved", "irq", "fiq",
	};

	report_str(r, "emulator", "s3c6410-emu");
	report_str(r, "image", m->cfg->image_path);
	report_object(r, "result");
	report_str(r, "stop_reason", machine_stop_reason_name(m->reason));
	report_i64(r, "exit_code", m->exit_code);
	report_str(r, "detail", m->stop_detail);
	report_end(r);
	report_u64(r, "instructions", s->insns);
	report_u64(r, "cycles", m->clock.now);
	report_u64(r, "idle_cycles", s->idle_cycles);
	report_u64(r, "simulated_ns", clock_ns(&m->clock));
	report_u64(r, "armclk_hz", m->clock.hz[CLK_ARM]);
	report_u64(r, "blocks", s->blocks);
	report_u64(r, "events", m->clock.events_run);
	report_object(r, "exceptions");
	for (int e = 0; e < EXC_NR; e++)
		if (e != 5)
			report_u64(r, exc_names[e], s->exceptions[e]);
	report_end(r);
	report_u64(r, "semihosting_calls", s->semihost_calls);
	report_u64(r, "bus_errors", s->bus_errors);
	report_u64(r, "exec_covers", s->exec_covers);
	report_u64(r, "guest_errors", log_guest_errors());
	report_u64(r, "system_resets", m->resets);
	board_report(m->board, r);
	for (unsigned i = 0; i < m->nr_models; i++)
		if (m->models[i].ops->report)
			m->models[i].ops->report(m, m->models[i].opaque, r);
}

char *machine_report_string(struct machine *m, const char *model, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f;
	struct report r;
	unsigned i = 0;

	if (model) {
		for (i = 0; i < m->nr_models; i++)
			if (strcmp(m->models[i].ops->name, model) == 0 && m->models[i].ops->report)
				break;
		if (i == m->nr_models)
			return NULL;
	}
	f = open_memstream(&buf, &n);
	if (!f)
		return NULL;
	report_open(&r, f);
	if (model)
		m->models[i].ops->report(m, m->models[i].opaque, &r);
	else
		machine_report(m, &r);
	report_close(&r);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	if (len)
		*len = n;
	return buf;
}
