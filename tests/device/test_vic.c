/* SPDX-License-Identifier: MIT */
/*
 * test_vic.c - PL192 VIC: status and masking, priority, VICADDRESS
 * acknowledge/EOI nesting, soft interrupts, FIQ select, the daisy chain and
 * the propagation latency to the core.
 */
#include "tests/device/devtest.h"

#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/vic.h"

#define VIC0_BASE 0x71200000u
#define VIC1_BASE 0x71300000u

enum {
	IRQSTATUS = 0x000, FIQSTATUS = 0x004, RAWINTR = 0x008, INTSELECT = 0x00c,
	INTENABLE = 0x010, INTENCLEAR = 0x014, SOFTINT = 0x018, SOFTINTCLEAR = 0x01c,
	SWPRIORITYMASK = 0x024, PRIORITYDAISY = 0x028, VECTADDR = 0x100,
	VECTPRIORITY = 0x200, ADDRESS = 0xf00, ITCR = 0x300,
	PL190_VECTADDR = 0x030, PL190_DEFVECTADDR = 0x034,   /* reserved on the PL192 */
};

#define CPU_IRQ 0
#define CPU_FIQ 1

struct fixture {
	struct clock clock;
	struct probe cpu;
	struct vic vic0, vic1;
	cycle_t latency;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	probe_init(&f->cpu, &f->clock);
	vic_init(&f->vic0, "vic0", VIC0_BASE, &f->clock);
	vic_init(&f->vic1, "vic1", VIC1_BASE, &f->clock);
	vic_connect(&f->vic0, probe_line(&f->cpu, CPU_IRQ), probe_line(&f->cpu, CPU_FIQ),
		    VIC_IRQ_LATENCY_HCLK);
	vic_chain(&f->vic0, &f->vic1);
	/* 2 HCLK at 133.25 MHz, in 533 MHz cycles: exactly 8. */
	f->latency = ticks_to_cycles(&f->clock, CLK_HCLK, VIC_IRQ_LATENCY_HCLK);
	for (unsigned i = 0; i < VIC_NR_SOURCES; i++) {
		vic_write(&f->vic0, VECTADDR + 4 * i, 0x50000000 + i, 4);
		vic_write(&f->vic1, VECTADDR + 4 * i, 0x51000000 + i, 4);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	vic_fini(&f->vic0);
	vic_fini(&f->vic1);
	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static uint32_t rd0(struct fixture *f, uint32_t off)
{
	return vic_read(&f->vic0, off, 4);
}

static void wr0(struct fixture *f, uint32_t off, uint32_t v)
{
	vic_write(&f->vic0, off, v, 4);
}

static void test_reset_values(void **state)
{
	struct fixture *f = *state;
	static const uint32_t id[8] = { 0x92, 0x11, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

	assert_int_equal(rd0(f, SWPRIORITYMASK), 0xffff);
	assert_int_equal(rd0(f, PRIORITYDAISY), 0xf);
	assert_int_equal(rd0(f, VECTPRIORITY + 4 * 17), 0xf);
	assert_int_equal(rd0(f, INTENABLE), 0);
	assert_int_equal(rd0(f, VECTADDR + 4 * 3), 0x50000003);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(rd0(f, 0xfe0 + 4 * i), id[i]);
}

static void test_enable_mask_status_latency(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	run_to(&f->clock, 1000);
	vic_set_irq(&f->vic0, 5, 1);
	assert_int_equal(rd0(f, RAWINTR), 1u << 5);
	assert_int_equal(rd0(f, IRQSTATUS), 0);
	run_for(&f->clock, 100);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);

	t0 = f->clock.now;
	wr0(f, INTENABLE, 1u << 5);
	assert_int_equal(rd0(f, INTENABLE), 1u << 5);
	assert_int_equal(rd0(f, IRQSTATUS), 1u << 5);
	/* The core sees nIRQ exactly VIC_IRQ_LATENCY_HCLK HCLK cycles later. */
	assert_int_equal(f->latency, 8);
	run_to(&f->clock, t0 + f->latency - 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	run_to(&f->clock, t0 + f->latency);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(f->cpu.changed_at[CPU_IRQ], t0 + f->latency);

	/* Enabling another source is additive; INTENCLEAR removes; deassert is immediate. */
	wr0(f, INTENABLE, 1u << 6);
	assert_int_equal(rd0(f, INTENABLE), (1u << 5) | (1u << 6));
	wr0(f, INTENCLEAR, 1u << 5);
	assert_int_equal(rd0(f, INTENABLE), 1u << 6);
	assert_int_equal(rd0(f, IRQSTATUS), 0);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	assert_int_equal(rd0(f, RAWINTR), 1u << 5);

	/* A pulse shorter than the latency never reaches the core. */
	wr0(f, INTENABLE, 1u << 5);
	run_for(&f->clock, 3);
	vic_set_irq(&f->vic0, 5, 0);
	run_for(&f->clock, 100);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	assert_int_equal(f->vic0.raised[5], 1);
}

static void test_priority_and_nesting(void **state)
{
	struct fixture *f = *state;

	wr0(f, VECTPRIORITY + 4 * 3, 10);
	wr0(f, VECTPRIORITY + 4 * 7, 2);
	wr0(f, VECTPRIORITY + 4 * 9, 2);
	wr0(f, VECTPRIORITY + 4 * 1, 1);
	wr0(f, INTENABLE, (1u << 1) | (1u << 3) | (1u << 7) | (1u << 9));
	vic_set_irq(&f->vic0, 3, 1);
	vic_set_irq(&f->vic0, 9, 1);
	vic_set_irq(&f->vic0, 7, 1);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);

	/* Level 2 beats 10; between 7 and 9 (both level 2) the lower number wins. */
	assert_int_equal(rd0(f, ADDRESS), 0x50000007);
	/* Level 2 is in service: 9 (same level) and 3 (lower) are masked. */
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	assert_int_equal(rd0(f, IRQSTATUS), (1u << 3) | (1u << 7) | (1u << 9));

	/* A higher level (1) nests. */
	vic_set_irq(&f->vic0, 1, 1);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(vic_acknowledge(&f->vic0), 0x50000001);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	vic_set_irq(&f->vic0, 1, 0);
	vic_set_irq(&f->vic0, 7, 0);

	/* EOI pops level 1; level 2 is still in service, so 9 still waits. */
	wr0(f, ADDRESS, 0);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	/* A read with nothing allowed to interrupt returns the vector in service. */
	assert_int_equal(rd0(f, ADDRESS), 0x50000007);
	assert_int_equal(f->vic0.spurious_acks, 1);

	/* EOI pops level 2: 9 interrupts, then 3. */
	wr0(f, ADDRESS, 0);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(rd0(f, ADDRESS), 0x50000009);
	vic_set_irq(&f->vic0, 9, 0);
	wr0(f, ADDRESS, 0);
	run_for(&f->clock, 20);
	assert_int_equal(rd0(f, ADDRESS), 0x50000003);
	wr0(f, ADDRESS, 0);
	assert_int_equal(f->vic0.active, 0);
	assert_int_equal(f->vic0.eois, 4);
	/* With nothing in service a read returns 0. */
	vic_set_irq(&f->vic0, 3, 0);
	assert_int_equal(rd0(f, ADDRESS), 0);
}

static void test_sw_priority_mask(void **state)
{
	struct fixture *f = *state;

	wr0(f, VECTPRIORITY + 4 * 7, 2);
	wr0(f, VECTPRIORITY + 4 * 3, 10);
	wr0(f, INTENABLE, (1u << 3) | (1u << 7));
	wr0(f, SWPRIORITYMASK, 0xffff & ~(1u << 2) & ~(1u << 10));
	vic_set_irq(&f->vic0, 7, 1);
	vic_set_irq(&f->vic0, 3, 1);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	/* Masked levels still show in IRQSTATUS. */
	assert_int_equal(rd0(f, IRQSTATUS), (1u << 3) | (1u << 7));
	wr0(f, SWPRIORITYMASK, 0xffff & ~(1u << 2));
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(rd0(f, ADDRESS), 0x50000003);
	assert_int_equal(rd0(f, SWPRIORITYMASK), 0xfffb);
}

static void test_soft_interrupts(void **state)
{
	struct fixture *f = *state;

	wr0(f, INTENABLE, 1u << 12);
	wr0(f, SOFTINT, 1u << 12);
	wr0(f, SOFTINT, 1u << 13);
	assert_int_equal(rd0(f, SOFTINT), (1u << 12) | (1u << 13));
	assert_int_equal(rd0(f, RAWINTR), (1u << 12) | (1u << 13));
	assert_int_equal(rd0(f, IRQSTATUS), 1u << 12);
	run_for(&f->clock, f->latency);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(rd0(f, ADDRESS), 0x5000000c);
	wr0(f, SOFTINTCLEAR, 1u << 12);
	wr0(f, ADDRESS, 0);
	assert_int_equal(rd0(f, SOFTINT), 1u << 13);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
}

static void test_fiq_select(void **state)
{
	struct fixture *f = *state;
	cycle_t t0 = f->clock.now;

	wr0(f, INTSELECT, 1u << 4);
	wr0(f, INTENABLE, (1u << 4) | (1u << 8));
	vic_set_irq(&f->vic0, 4, 1);
	assert_int_equal(rd0(f, FIQSTATUS), 1u << 4);
	assert_int_equal(rd0(f, IRQSTATUS), 0);
	run_to(&f->clock, t0 + f->latency);
	assert_int_equal(f->cpu.level[CPU_FIQ], 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	/* FIQ is not vectored: VICADDRESS has nothing to acknowledge. */
	assert_int_equal(rd0(f, ADDRESS), 0);
	vic_set_irq(&f->vic0, 8, 1);
	run_for(&f->clock, f->latency);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	wr0(f, INTSELECT, 0);
	assert_int_equal(f->cpu.level[CPU_FIQ], 0);
	assert_int_equal(rd0(f, IRQSTATUS), (1u << 4) | (1u << 8));
}

static void test_daisy_chain(void **state)
{
	struct fixture *f = *state;
	cycle_t t0;

	/* A VIC1 source reaches the core through VIC0's daisy input. */
	vic_write(&f->vic1, INTENABLE, 1u << 5, 4);
	t0 = f->clock.now;
	vic_set_irq(&f->vic1, 5, 1);
	run_to(&f->clock, t0 + f->latency - 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	run_to(&f->clock, t0 + f->latency);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(rd0(f, IRQSTATUS), 0); /* not one of VIC0's own */

	/* VIC0's VICADDRESS returns VIC1's vector and VIC1 stacks it too. */
	assert_int_equal(rd0(f, ADDRESS), 0x51000005);
	assert_int_equal(vic_read(&f->vic1, ADDRESS, 4), 0x51000005); /* in service */
	assert_int_equal(f->vic1.acks, 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	/* End of interrupt on both, source still high: it comes back. */
	vic_write(&f->vic1, ADDRESS, 0, 4);
	wr0(f, ADDRESS, 0);
	run_for(&f->clock, f->latency);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);

	/* PRIORITYDAISY ranks the whole of VIC1 against VIC0's sources. */
	wr0(f, VECTPRIORITY + 4 * 2, 10);
	wr0(f, INTENABLE, 1u << 2);
	vic_set_irq(&f->vic0, 2, 1);
	wr0(f, PRIORITYDAISY, 5);
	assert_int_equal(rd0(f, ADDRESS), 0x51000005);
	vic_write(&f->vic1, ADDRESS, 0, 4);
	wr0(f, ADDRESS, 0);
	wr0(f, PRIORITYDAISY, 12);
	assert_int_equal(rd0(f, ADDRESS), 0x50000002);
	/* While VIC0's level 10 is in service the daisy input (12) waits. */
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
	wr0(f, ADDRESS, 0);
	vic_set_irq(&f->vic0, 2, 0);
	run_for(&f->clock, 20);
	assert_int_equal(f->cpu.level[CPU_IRQ], 1);
	assert_int_equal(f->vic0.daisy_raised, 3);

	/* VIC1 FIQs pass straight through to the core's nFIQ. */
	vic_write(&f->vic1, INTSELECT, 1u << 5, 4);
	run_for(&f->clock, f->latency);
	assert_int_equal(f->cpu.level[CPU_FIQ], 1);
	assert_int_equal(f->cpu.level[CPU_IRQ], 0);
}

static void test_guest_mistakes(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("vic0", VIC0_BASE, VIC_MMIO_SIZE, &vic_mmio_ops, &f->vic0,
				   &f->vic0.bus);

	/* Wrong sizes (rejected by the bus), write-only reads, read-only writes,
	 * holes: logged, harmless. */
	vic_set_irq(&f->vic0, 0, 1);
	wr0(f, INTENABLE, 1);
	assert_int_equal(bus_read(bus, VIC0_BASE + IRQSTATUS, 1), 0);
	assert_int_equal(bus_read(bus, VIC0_BASE + IRQSTATUS, 4), 1);
	wr0(f, INTENCLEAR, 1);
	vic_set_irq(&f->vic0, 0, 0);
	bus_write(bus, VIC0_BASE + INTENABLE, 0xff, 2);
	bus_write(bus, VIC0_BASE + INTENABLE + 2, 0xff, 4);
	assert_int_equal(bus->rejected_accesses, 3);
	assert_int_equal(rd0(f, INTENABLE), 0);
	assert_int_equal(rd0(f, INTENCLEAR), 0);
	wr0(f, RAWINTR, 0xffffffff);
	assert_int_equal(rd0(f, RAWINTR), 0);
	assert_int_equal(rd0(f, 0x318), 0);
	wr0(f, 0x304, 1);
	assert_int_equal(bus_unimp_count(bus), 2);
	bus_finish(bus);
	free(bus);
	f->vic0.bus = NULL;
	/* EOI with nothing in service changes nothing. */
	wr0(f, ADDRESS, 0);
	assert_int_equal(f->vic0.eois, 0);
}

/*
 * Linux's irq-vic.c (vic_disable, vic_clear_interrupts, vic_init2) on a
 * PL192: VICITCR cleared, the PL190's VICVECTADDR (+0x030) written, read back
 * and rewritten, VICDEFVECTADDR (+0x034) written.  Reserved on the PL192:
 * they read as zero, change nothing and report nothing; the test mode bit is
 * stored and reported once when set.
 */
static void test_linux_pl190_sequence(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("vic0", VIC0_BASE, VIC_MMIO_SIZE, &vic_mmio_ops, &f->vic0,
				   &f->vic0.bus);

	vic_set_irq(&f->vic0, 3, 1);
	bus_write(bus, VIC0_BASE + INTENABLE, 1u << 3, 4);
	bus_write(bus, VIC0_BASE + ITCR, 0, 4);
	bus_write(bus, VIC0_BASE + PL190_VECTADDR, 0, 4);
	for (int i = 0; i < 19; i++)
		bus_write(bus, VIC0_BASE + PL190_VECTADDR,
			  bus_read(bus, VIC0_BASE + PL190_VECTADDR, 4), 4);
	bus_write(bus, VIC0_BASE + PL190_DEFVECTADDR, 32, 4);
	assert_int_equal(bus_read(bus, VIC0_BASE + PL190_VECTADDR, 4), 0);
	assert_int_equal(bus_read(bus, VIC0_BASE + PL190_DEFVECTADDR, 4), 0);
	assert_int_equal(bus_read(bus, VIC0_BASE + ITCR, 4), 0);
	/* Nothing acknowledged or ended: the pending source still wins at VICADDRESS. */
	assert_int_equal(f->vic0.eois, 0);
	assert_int_equal(bus_read(bus, VIC0_BASE + IRQSTATUS, 4), 1u << 3);
	assert_int_equal(bus_unimp_count(bus), 0);
	assert_int_equal(bus->warnings.count, 0);
	/* The test mode is not modelled: stored, said once. */
	bus_write(bus, VIC0_BASE + ITCR, 1, 4);
	bus_write(bus, VIC0_BASE + ITCR, 1, 4);
	assert_int_equal(bus_read(bus, VIC0_BASE + ITCR, 4), 1);
	assert_int_equal(bus->warnings.count, 1);
	assert_int_equal(bus_unimp_count(bus), 0);
	bus_finish(bus);
	free(bus);
	f->vic0.bus = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reset_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enable_mask_status_latency, setup, teardown),
		cmocka_unit_test_setup_teardown(test_priority_and_nesting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sw_priority_mask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_soft_interrupts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fiq_select, setup, teardown),
		cmocka_unit_test_setup_teardown(test_daisy_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_mistakes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_linux_pl190_sequence, setup, teardown),
	};

	return cmocka_run_group_tests_name("vic", tests, NULL, NULL);
}
