// SPDX-License-Identifier: MIT
/*
 * t_irq.c - the tick, the PWM timers and both VICs, checked from the guest.
 *
 * 1. The tick timer is programmed as timer.c says (TCFG0/TCFG1/TCNTB4/TCON).
 * 2. Over N jiffies the tick handler runs exactly N times, and two other PWM
 *    timers, free-running as references, advance by N periods: timer 2 at
 *    the tick's rate (shared prescaler 1), timer 0 at a quarter of it
 *    (prescaler 0 = /4, mux 1/2).  Semihosting SYS_CLOCK (simulated time)
 *    advances by N * 100 / HZ centiseconds.
 * 3. With IRQs masked in the CPU, a timer underflow shows in TINT_CSTAT and
 *    in VIC0 RAWINTR/IRQSTATUS; INTENCLEAR/INTENABLE gate IRQSTATUS but not
 *    RAWINTR; VICADDRESS names the source; clearing TINT_CSTAT drops the line.
 * 4. Software interrupts on VIC0 and VIC1 reach their handlers exactly once.
 * 5. No spurious, unclaimed or mis-vectored interrupt was seen.
 */
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "drivers/cpu.h"
#include "drivers/io.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"
#include "drivers/vic.h"

#define WINDOW_JIFFIES 50
#define REF_FAST 2        /* same clock as the tick */
#define REF_SLOW 0        /* a quarter of it */
#define SOFT_IRQ_VIC0 S3C_IRQ_VIC0(2)
#define SOFT_IRQ_VIC1 S3C_IRQ_VIC1(31)

static volatile unsigned int tick_calls;
static volatile uint32_t fast_at[WINDOW_JIFFIES + 2], slow_at[WINDOW_JIFFIES + 2];
static volatile uint32_t tcnto4_in_tick;

static void on_tick(void *arg)
{
	unsigned int n = tick_calls;

	if (n < WINDOW_JIFFIES + 2) {
		fast_at[n] = readl(PWM_TCNTO(REF_FAST));
		slow_at[n] = readl(PWM_TCNTO(REF_SLOW));
	}
	tcnto4_in_tick = readl(PWM_TCNTO(4));
	tick_calls = n + 1;
}

/* Start a free-running down-counter from 0xffffffff with auto-reload. */
static void start_reference(unsigned int t, unsigned int prescale_shift, uint32_t prescale,
			    uint32_t mux)
{
	unsigned long flags;
	uint32_t v;

	local_irq_save(flags);
	if (t < 2) {  /* timers 0 and 1 have their own prescaler; 2-4 share the tick's */
		v = readl(PWM_TCFG0) & ~(0xffu << prescale_shift);
		writel(v | (prescale << prescale_shift), PWM_TCFG0);
	}
	v = readl(PWM_TCFG1) & ~(0xfu << TCFG1_MUX_SHIFT(t));
	writel(v | (mux << TCFG1_MUX_SHIFT(t)), PWM_TCFG1);
	writel(0xffffffffu, PWM_TCNTB(t));
	writel(0, PWM_TCMPB(t));
	v = readl(PWM_TCON) & ~(TCON_START(t) | TCON_AUTORELOAD(t) | TCON_INVERT(t));
	writel(v | TCON_MANUALUPDATE(t), PWM_TCON);
	v &= ~TCON_MANUALUPDATE(t);
	writel(v | TCON_START(t) | TCON_AUTORELOAD(t), PWM_TCON);
	local_irq_restore(flags);
}

static int within(uint32_t got, uint32_t want, uint32_t tolerance)
{
	return got + tolerance >= want && got <= want + tolerance;
}

static void check_setup(void)
{
	uint32_t tcon = readl(PWM_TCON);

	CHECK(timer_hz() == HZ, "tick runs at HZ=%d (got %u)", HZ, timer_hz());
	CHECK(readl(PWM_TCNTB(4)) == timer_period() - 1, "TCNTB4 = rate/HZ - 1 = %lu (got %lu)",
	      (unsigned long)timer_period() - 1, (unsigned long)readl(PWM_TCNTB(4)));
	CHECK(((readl(PWM_TCFG0) >> TCFG0_PRESCALER1_SHIFT) & 0xff) == 1,
	      "TCFG0 prescaler 1 = 1 (got %#lx)", (unsigned long)readl(PWM_TCFG0));
	CHECK(((readl(PWM_TCFG1) >> TCFG1_MUX_SHIFT(4)) & 0xf) == 0, "TCFG1 mux4 = 1/1 (got %#lx)",
	      (unsigned long)readl(PWM_TCFG1));
	CHECK((tcon & (TCON_START(4) | TCON_AUTORELOAD(4) | TCON_MANUALUPDATE(4))) ==
	      (TCON_START(4) | TCON_AUTORELOAD(4)),
	      "TCON: timer 4 started, auto-reload, no manual update (TCON %#lx)",
	      (unsigned long)tcon);
	CHECK(readl(PWM_TINT_CSTAT) & TINT_CSTAT_ENABLE(4), "TINT_CSTAT enables timer 4 (%#lx)",
	      (unsigned long)readl(PWM_TINT_CSTAT));
	CHECK(readl(S3C_PA_VIC0 + VIC_INTENABLE) & vic_bit(IRQ_TIMER4),
	      "VIC0 INTENABLE has source 28 (%#lx)",
	      (unsigned long)readl(S3C_PA_VIC0 + VIC_INTENABLE));
	CHECK(readl(S3C_PA_VIC0 + VIC_VECTADDR(28)) == 28, "VIC0 VECTADDR28 reads back 28");
}

static void check_counting(void)
{
	const struct vic_stats *st = vic_stats();
	uint32_t period = timer_period();
	uint32_t irqs_before, fast, slow, cs_before, cs;
	unsigned long j0;

	start_reference(REF_FAST, TCFG0_PRESCALER1_SHIFT, 1, 0);
	start_reference(REF_SLOW, TCFG0_PRESCALER0_SHIFT, 3, 1);

	/* start on a tick boundary */
	j0 = jiffies;
	while (jiffies == j0)
		cpu_idle();
	tick_register(on_tick, NULL);
	j0 = jiffies;
	irqs_before = st->count[IRQ_TIMER4];
	cs_before = sys_clock();
	while (tick_calls < WINDOW_JIFFIES + 1)
		cpu_idle();
	tick_unregister(on_tick, NULL);
	cs = sys_clock() - cs_before;

	CHECK(tick_calls == WINDOW_JIFFIES + 1 && jiffies - j0 == WINDOW_JIFFIES + 1,
	      "%d ticks: tick function ran %u times, jiffies advanced %lu", WINDOW_JIFFIES + 1,
	      tick_calls, (unsigned long)(jiffies - j0));
	CHECK(st->count[IRQ_TIMER4] - irqs_before == WINDOW_JIFFIES + 1,
	      "VIC dispatched irq 28 %lu times",
	      (unsigned long)(st->count[IRQ_TIMER4] - irqs_before));

	/* down-counters: elapsed = first sample - last sample */
	fast = fast_at[0] - fast_at[WINDOW_JIFFIES];
	slow = slow_at[0] - slow_at[WINDOW_JIFFIES];
	CHECK(within(fast, WINDOW_JIFFIES * period, period / 100),
	      "timer 2 (prescaler 1, 1/1) advanced %lu over %d ticks (want %lu +- 1%%)",
	      (unsigned long)fast, WINDOW_JIFFIES, (unsigned long)(WINDOW_JIFFIES * period));
	CHECK(within(slow, WINDOW_JIFFIES * period / 4, period / 100),
	      "timer 0 (prescaler 4, 1/2) advanced %lu over %d ticks (want %lu +- 1%%)",
	      (unsigned long)slow, WINDOW_JIFFIES, (unsigned long)(WINDOW_JIFFIES * period / 4));
	CHECK(tcnto4_in_tick > period / 2 && tcnto4_in_tick < period,
	      "TCNTO4 just reloaded in the tick handler (%lu of %lu)",
	      (unsigned long)tcnto4_in_tick, (unsigned long)period);
	CHECK(within(cs, (WINDOW_JIFFIES + 1) * 100 / HZ, 2),
	      "SYS_CLOCK advanced %lu cs over %d ticks (want %d +- 2)", (unsigned long)cs,
	      WINDOW_JIFFIES + 1, (WINDOW_JIFFIES + 1) * 100 / HZ);
}

/* Poll until the tick timer's pending bit is set (IRQs masked); false on timeout. */
static int wait_timer_pending(void)
{
	uint32_t last = readl(PWM_TCNTO(4));

	for (unsigned long i = 0; i < 100000000ul; i++) {
		uint32_t now;

		if (readl(PWM_TINT_CSTAT) & TINT_CSTAT_STATUS(4))
			return 1;
		now = readl(PWM_TCNTO(4));
		if (now > last && i > 16)  /* reloaded without setting the pending bit */
			return readl(PWM_TINT_CSTAT) & TINT_CSTAT_STATUS(4) ? 1 : 0;
		last = now;
	}
	return 0;
}

/*
 * Register snapshots are taken first and printed afterwards: printing a line
 * at 115200 baud takes longer than a tick period, so a check printed between
 * two accesses would see the next underflow.
 */
static void check_masked(void)
{
	uintptr_t vic0 = S3C_PA_VIC0;
	uint32_t raw, status, enable, status_off, raw_off, status_on, vector, cstat_acked,
		raw_acked;
	unsigned long j;
	int pending;

	local_irq_disable();
	j = jiffies;
	pending = wait_timer_pending();
	raw = readl(vic0 + VIC_RAWINTR);
	status = readl(vic0 + VIC_IRQSTATUS);
	writel(vic_bit(IRQ_TIMER4), vic0 + VIC_INTENCLEAR);
	enable = readl(vic0 + VIC_INTENABLE);
	status_off = readl(vic0 + VIC_IRQSTATUS);
	raw_off = readl(vic0 + VIC_RAWINTR);
	writel(vic_bit(IRQ_TIMER4), vic0 + VIC_INTENABLE);
	status_on = readl(vic0 + VIC_IRQSTATUS);
	vector = readl(vic0 + VIC_ADDRESS);
	writel(0, vic0 + VIC_ADDRESS);
	pwm_ack(4);
	cstat_acked = readl(PWM_TINT_CSTAT);
	raw_acked = readl(vic0 + VIC_RAWINTR);

	CHECK(pending, "timer 4 underflow sets TINT_CSTAT status bit 9");
	CHECK(jiffies == j, "no tick handled while CPSR.I masks IRQs");
	CHECK(raw & vic_bit(IRQ_TIMER4), "VIC0 RAWINTR bit 28 set (%#lx)", (unsigned long)raw);
	CHECK(status & vic_bit(IRQ_TIMER4), "VIC0 IRQSTATUS bit 28 set (%#lx)",
	      (unsigned long)status);
	CHECK(!(enable & vic_bit(IRQ_TIMER4)), "INTENCLEAR clears INTENABLE bit 28 (%#lx)",
	      (unsigned long)enable);
	CHECK(!(status_off & vic_bit(IRQ_TIMER4)), "a disabled source leaves IRQSTATUS (%#lx)",
	      (unsigned long)status_off);
	CHECK(raw_off & vic_bit(IRQ_TIMER4), "but stays in RAWINTR (%#lx)", (unsigned long)raw_off);
	CHECK(status_on & vic_bit(IRQ_TIMER4), "INTENABLE brings it back (%#lx)",
	      (unsigned long)status_on);
	CHECK(vector == 28, "VICADDRESS names the pending source: 28 (got %lu)",
	      (unsigned long)vector);
	CHECK(!(cstat_acked & TINT_CSTAT_STATUS(4)), "writing 1 clears TINT_CSTAT status 4 (%#lx)",
	      (unsigned long)cstat_acked);
	CHECK(cstat_acked & TINT_CSTAT_ENABLE(4), "and keeps its enable bit");
	CHECK(!(raw_acked & vic_bit(IRQ_TIMER4)), "the interrupt line drops with it (RAWINTR %#lx)",
	      (unsigned long)raw_acked);
	local_irq_enable();
}

static volatile int soft_calls[S3C_NR_IRQS];
static volatile uint32_t soft_order[4];
static volatile int soft_seq;

static irqreturn_t on_soft(int irq, void *data)
{
	if (!(readl(vic_base(irq) + VIC_SOFTINT) & vic_bit(irq)))
		return IRQ_NONE;
	vic_clear_soft(irq);
	soft_calls[irq]++;
	if (soft_seq < 4)
		soft_order[soft_seq++] = (uint32_t)irq;
	return IRQ_HANDLED;
}

static void check_soft(void)
{
	uintptr_t vic1 = S3C_PA_VIC1;
	uint32_t soft, raw, status;

	CHECK(request_irq(SOFT_IRQ_VIC0, on_soft, NULL) == 0, "request_irq(%d)", SOFT_IRQ_VIC0);
	CHECK(request_irq(SOFT_IRQ_VIC1, on_soft, NULL) == 0, "request_irq(%d)", SOFT_IRQ_VIC1);
	CHECK(request_irq(SOFT_IRQ_VIC1, on_soft, NULL) != 0, "a second request_irq is refused");

	local_irq_disable();
	vic_raise_soft(SOFT_IRQ_VIC1);
	soft = readl(vic1 + VIC_SOFTINT);
	raw = readl(vic1 + VIC_RAWINTR);
	status = readl(vic1 + VIC_IRQSTATUS);
	CHECK(soft & vic_bit(SOFT_IRQ_VIC1), "VIC1 SOFTINT bit 31 reads back (%#lx)",
	      (unsigned long)soft);
	CHECK(raw & vic_bit(SOFT_IRQ_VIC1), "VIC1 RAWINTR shows it (%#lx)", (unsigned long)raw);
	CHECK(status & vic_bit(SOFT_IRQ_VIC1), "VIC1 IRQSTATUS shows it (%#lx)",
	      (unsigned long)status);
	CHECK(soft_calls[SOFT_IRQ_VIC1] == 0, "not taken while masked");
	vic_raise_soft(SOFT_IRQ_VIC0);
	local_irq_enable();
	for (int i = 0; i < 100 && soft_seq < 2; i++)
		cpu_dsb();
	CHECK(soft_calls[SOFT_IRQ_VIC0] == 1 && soft_calls[SOFT_IRQ_VIC1] == 1,
	      "each soft interrupt handled once (irq %d: %d, irq %d: %d)", SOFT_IRQ_VIC0,
	      soft_calls[SOFT_IRQ_VIC0], SOFT_IRQ_VIC1, soft_calls[SOFT_IRQ_VIC1]);
	CHECK(soft_seq == 2 && soft_order[0] == SOFT_IRQ_VIC0 && soft_order[1] == SOFT_IRQ_VIC1,
	      "VIC0 served before VIC1 (order %lu, %lu)", (unsigned long)soft_order[0],
	      (unsigned long)soft_order[1]);
	raw = readl(vic1 + VIC_RAWINTR);
	CHECK(!(raw & vic_bit(SOFT_IRQ_VIC1)), "SOFTINTCLEAR dropped it from RAWINTR (%#lx)",
	      (unsigned long)raw);
	free_irq(SOFT_IRQ_VIC0);
	free_irq(SOFT_IRQ_VIC1);
	CHECK(!(readl(S3C_PA_VIC0 + VIC_INTENABLE) & vic_bit(SOFT_IRQ_VIC0)),
	      "free_irq disables the source");
}

int main(void)
{
	const struct vic_stats *st = vic_stats();
	unsigned long j;

	printf("t_irq: PWM timer 4 tick at %u Hz, %lu timer clocks per tick\n", timer_hz(),
	       (unsigned long)timer_period());
	check_setup();
	check_counting();
	check_masked();
	check_soft();

	/* the tick still runs after all that */
	j = jiffies;
	while (jiffies - j < 3)
		cpu_idle();
	CHECK(jiffies - j == 3, "tick keeps running afterwards");
	CHECK(st->spurious == 0 && st->unhandled == 0 && st->vector_mismatch == 0,
	      "no spurious (%lu), unclaimed (%lu) or mis-vectored (%lu) interrupts",
	      (unsigned long)st->spurious, (unsigned long)st->unhandled,
	      (unsigned long)st->vector_mismatch);
	return check_done("t_irq");
}
