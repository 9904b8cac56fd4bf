/* SPDX-License-Identifier: MIT */
/*
 * init.c - the only program in the Linux initramfs (tools/linux builds it,
 * statically linked against Debian's armel glibc).
 *
 * It shows what Linux made of the emulated OK6410A and checks the parts
 * the emulator can confirm from outside:
 *   - /proc/meminfo, buddyinfo, pagetypeinfo, zoneinfo, interrupts and the
 *     clock tree Linux computed from SYSCON (debugfs clk/clk_summary);
 *   - the timer: Linux's CLOCK_MONOTONIC and its timer interrupts over one
 *     second, against the emulator's own simulated time (semihosting
 *     SYS_ELAPSED/SYS_TICKFREQ);
 *   - dmatest on every DMA channel Linux registered, with its summary.
 * Every result line starts with "init: " so tests can find them.
 *
 * The run ends with semihosting SYS_EXIT_EXTENDED (svc 0x123456 from user
 * mode): the emulator serves semihosting in every mode, as a debugger with
 * a vector catch on SVC does, so the status reaches the emulator's exit
 * status.  The status is the number of failed checks (0: all passed).  On
 * anything that is not the emulator the call reaches Linux as system call
 * number -1 (r7), which fails with ENOSYS, and the machine is powered off.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define SYS_ELAPSED        0x30
#define SYS_TICKFREQ       0x31
#define SYS_EXIT_EXTENDED  0x20
#define ADP_STOPPED_EXIT   0x20026u

static int failures;

static long semihost(long op, void *arg)
{
	register long r0 __asm__("r0") = op;
	register void *r1 __asm__("r1") = arg;
	register long r7 __asm__("r7") = -1; /* to Linux: no such system call */

	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
	return r0;
}

/*
 * Wait until the console has sent everything: the kernel's own messages
 * (dmatest's) go out synchronously and would otherwise cut our lines.
 */
static void drain(void)
{
	fflush(stdout);
	tcdrain(STDOUT_FILENO);
}

static void fail(const char *fmt, ...)
{
	va_list ap;

	printf("init: FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	drain();
	failures++;
}

static void cat(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	printf("init: ==== %s ====\n", path);
	fflush(stdout);
	if (fd < 0) {
		fail("cannot open %s: %s", path, strerror(errno));
		return;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stdout);
	close(fd);
	drain();
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static int read_str(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

/*
 * The rates Linux computed for the clocks the emulator derives from SYSCON
 * (clk_summary has a hundred more; the header and these rows are enough).
 */
static void cat_clocks(void)
{
	static const char *const names[] = { "fin_pll", "fout_apll", "fout_mpll", "armclk",
					     "hclkx2", "hclk", "pclk", NULL };
	FILE *f = fopen("/sys/kernel/debug/clk/clk_summary", "r");
	char line[512], name[64];
	int n = 0;

	printf("init: ==== clocks (debugfs clk/clk_summary) ====\n");
	if (!f) {
		fail("cannot open /sys/kernel/debug/clk/clk_summary: %s", strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (n++ < 3) { /* the header */
			fputs(line, stdout);
			continue;
		}
		if (sscanf(line, "%63s", name) != 1)
			continue;
		for (int i = 0; names[i]; i++)
			if (strcmp(name, names[i]) == 0)
				fputs(line, stdout);
	}
	fclose(f);
}

/* The emulator's simulated time in its own ticks (semihosting). */
static uint64_t emu_elapsed(void)
{
	uint32_t t[2] = { 0, 0 };

	if (semihost(SYS_ELAPSED, t) != 0)
		return 0;
	return (uint64_t)t[1] << 32 | t[0];
}

/* Sum of all timer interrupts in /proc/interrupts (the lines naming a PWM timer). */
static unsigned long timer_irqs(void)
{
	char line[256];
	unsigned long total = 0;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		/* samsung_pwm_timer names its clock-event interrupt "samsung_time_irq". */
		if (colon && strstr(line, "time"))
			total += strtoul(colon + 1, NULL, 10);
	}
	fclose(f);
	return total;
}

static double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One second of sleep, measured by Linux and by the emulator. */
static void check_timer(void)
{
	long freq = semihost(SYS_TICKFREQ, NULL);
	unsigned long irq0 = timer_irqs(), irq1;
	uint64_t e0 = emu_elapsed(), e1;
	double m0 = mono_seconds(), m1, emu_s;
	struct timespec one = { 1, 0 };

	nanosleep(&one, NULL);
	m1 = mono_seconds();
	e1 = emu_elapsed();
	irq1 = timer_irqs();
	emu_s = freq > 0 ? (double)(e1 - e0) / (double)freq : 0;
	printf("init: timer: slept 1 s: Linux measured %.6f s, the emulator %.6f s, "
	       "%lu timer interrupts\n", m1 - m0, emu_s, irq1 - irq0);
	drain();
	if (freq <= 0)
		fail("semihosting SYS_TICKFREQ answered %ld", freq);
	else if (emu_s < (m1 - m0) * 0.99 || emu_s > (m1 - m0) * 1.01)
		fail("Linux's clock and the emulator's disagree by more than 1 %%");
}

static int is_channel(const struct dirent *d)
{
	return strncmp(d->d_name, "dma", 3) == 0 && strstr(d->d_name, "chan") != NULL;
}

/* dmatest's per-thread summaries from the kernel log: count them and their failures. */
static void dmatest_summaries(int *tests, int *failed, int *threads)
{
	static char log[1 << 17];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log) - 1);
	char *line, *save;

	*tests = *failed = *threads = 0;
	if (n <= 0)
		return;
	log[n] = 0;
	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *s = strstr(line, ": summary ");
		int t, f;

		if (!s || sscanf(s, ": summary %d tests, %d failures", &t, &f) != 2)
			continue;
		*tests += t;
		*failed += f;
		(*threads)++;
	}
}

static void run_dmatest(void)
{
	const char *p = "/sys/module/dmatest/parameters";
	struct dirent **chans;
	char path[128], buf[64];
	int n, tests, failed, threads, selected = 0, refused = 0;

	if (access(p, F_OK) != 0) {
		printf("init: dmatest: not in this kernel\n");
		return;
	}
	n = scandir("/sys/class/dma", &chans, is_channel, alphasort);
	if (n <= 0) {
		printf("init: dmatest: no DMA channels registered\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/iterations", p);
	write_str(path, "4");
	snprintf(path, sizeof(path), "%s/timeout", p);
	write_str(path, "5000");
	/*
	 * amba-pl08x registers two DMA devices per controller: one with its
	 * memcpy channels, one with its virtual slave channels.  dmatest tests
	 * memory-to-memory copies, so it refuses the slave channels: those
	 * refusals are counted, not failed.
	 */
	snprintf(path, sizeof(path), "%s/channel", p);
	for (int i = 0; i < n; i++) {
		if (write_str(path, chans[i]->d_name) == 0)
			selected++;
		else
			refused++;
		free(chans[i]);
	}
	free(chans);
	printf("init: dmatest: %d memcpy channels selected, %d slave-only channels refused\n",
	       selected, refused);
	drain();
	if (!selected) {
		fail("dmatest: no channel takes memcpy tests");
		return;
	}
	snprintf(path, sizeof(path), "%s/run", p);
	if (write_str(path, "1") != 0) {
		fail("dmatest: cannot start");
		return;
	}
	/* Reading "wait" blocks until every test thread has finished. */
	snprintf(path, sizeof(path), "%s/wait", p);
	read_str(path, buf, sizeof(buf));
	dmatest_summaries(&tests, &failed, &threads);
	printf("init: dmatest: %d channels, %d threads, %d tests, %d failures\n", selected,
	       threads, tests, failed);
	drain();
	if (threads < selected || failed)
		fail("dmatest: %d of %d channels ran, %d failures", threads, selected, failed);
}

int main(void)
{
	uint32_t block[2];

	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("init: hello from PID %d\n", getpid());
	drain();
	cat("/proc/version");
	cat("/proc/cpuinfo");
	cat("/proc/meminfo");
	cat("/proc/buddyinfo");
	cat("/proc/pagetypeinfo");
	cat("/proc/zoneinfo");
	cat_clocks();
	check_timer();
	run_dmatest();
	cat("/proc/interrupts");
	printf("init: done, %d failures\n", failures);
	fflush(stdout);
	/* The exit stops the machine at once: let the UART send everything first. */
	tcdrain(STDOUT_FILENO);
	sync();

	block[0] = ADP_STOPPED_EXIT;
	block[1] = (uint32_t)failures;
	semihost(SYS_EXIT_EXTENDED, block);
	reboot(RB_POWER_OFF);
	return failures;
}
