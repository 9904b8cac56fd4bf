/* SPDX-License-Identifier: MIT */
/*
 * test_gpio.c - GPIO block: reset values, storage, write-1-to-clear pending
 * bits and the group interrupt; the bus refuses narrow accesses, unknown
 * offsets are reported as unimplemented.
 */
#include "tests/device/devtest.h"

#include "soc/s3c6410/bus.h"
#include "soc/s3c6410/gpio.h"

#define GPIO_BASE 0x7f008000u

struct fixture {
	struct clock clock;
	struct probe irq;
	struct gpio gpio;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	clock_init(&f->clock);
	probe_init(&f->irq, &f->clock);
	gpio_init(&f->gpio, "gpio", GPIO_BASE);
	f->gpio.irq = probe_line(&f->irq, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	clock_destroy(&f->clock);
	free(f);
	return 0;
}

static void reset_values(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(gpio_read(&f->gpio, 0x000, 4), 0);          /* GPACON: inputs */
	assert_int_equal(gpio_read(&f->gpio, 0x008, 4), 0x5555);     /* GPAPUD: pull-downs */
	assert_int_equal(gpio_read(&f->gpio, 0x800, 4), 0x22222222); /* GPKCON0 */
	assert_int_equal(gpio_read(&f->gpio, 0x920, 4), 0x0fffffff); /* EINT0MASK: all masked */
	assert_int_equal(f->irq.level[0], 0);
}

static void storage(void **state)
{
	struct fixture *f = *state;

	gpio_write(&f->gpio, 0x0e0, 0x12345678, 4); /* GPHCON0 */
	assert_int_equal(gpio_read(&f->gpio, 0x0e0, 4), 0x12345678);
	gpio_reset(&f->gpio);
	assert_int_equal(gpio_read(&f->gpio, 0x0e0, 4), 0);
}

static void pending_clears_and_interrupts(void **state)
{
	struct fixture *f = *state;

	/* No pin drives an interrupt, so set a pending bit the only way there is. */
	f->gpio.reg[0x260 / 4] = 0x3;               /* EINT12PEND */
	gpio_update_irq(&f->gpio);
	assert_int_equal(f->irq.level[0], 0);       /* masked at reset */
	gpio_write(&f->gpio, 0x240, 0x7f7f7ffe, 4); /* unmask EINT1 group bit 0 */
	assert_int_equal(f->irq.level[0], 1);
	gpio_write(&f->gpio, 0x260, 0x1, 4);        /* write 1 clears */
	assert_int_equal(gpio_read(&f->gpio, 0x260, 4), 0x2);
	assert_int_equal(f->irq.level[0], 0);
}

static void bus_checks(void **state)
{
	struct fixture *f = *state;
	struct bus *bus = bus_with("gpio", GPIO_BASE, GPIO_MMIO_SIZE, &gpio_mmio_ops, &f->gpio,
				   &f->gpio.bus);

	/* 32-bit registers: the bus refuses narrower accesses. */
	assert_int_equal(bus_read(bus, GPIO_BASE + 0x008, 1), 0);
	bus_write(bus, GPIO_BASE + 0x008, 0, 2);
	assert_int_equal(bus->rejected_accesses, 2);
	assert_int_equal(gpio_read(&f->gpio, 0x008, 4), 0x5555);
	/* An offset that is no register is reported as unimplemented. */
	assert_int_equal(bus_read(bus, GPIO_BASE + 0x300, 4), 0);
	bus_write(bus, GPIO_BASE + 0x304, 1, 4);
	assert_int_equal(bus_unimp_count(bus), 2);
	bus_finish(bus);
	free(bus);
	f->gpio.bus = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reset_values, setup, teardown),
		cmocka_unit_test_setup_teardown(storage, setup, teardown),
		cmocka_unit_test_setup_teardown(pending_clears_and_interrupts, setup, teardown),
		cmocka_unit_test_setup_teardown(bus_checks, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
