// SPDX-License-Identifier: MIT
/*
 * dmademo.c - data streamed through all four PL080S controllers, 32 channels,
 * while the CPU allocates and frees.
 *
 * DOC: Each channel owns a source and a destination buffer (kmalloc for the
 * even channels, whole pages from the buddy allocator for the odd ones),
 * mapped once with the streaming DMA API: the source DMA_TO_DEVICE, the
 * destination DMA_FROM_DEVICE.  A round, per channel: the CPU writes a fresh
 * pattern into the source, dma_sync_single_for_device() cleans it and
 * invalidates the destination, the driver copies source to destination
 * (an LLI chain: items are at most 1 KiB here), and after the completion
 * callback dma_sync_single_for_cpu() invalidates the destination before the
 * CPU checks every word.  While the 32 copies run the CPU churns the slab
 * and buddy allocators.  The summary gives bytes and transfers per
 * controller and the simulated time.
 *
 * Guest arguments: --rounds=N, and --omit=KIND to leave one piece of
 * maintenance out on one channel (VICTIM: DMA0 channel 0, the highest priority, kmalloc buffers) so the host's
 * coherency checker has something to find:
 *   clean  no dma_sync_single_for_device() of the source after the CPU wrote
 *          it: the DMA reads lines the CPU holds dirty;
 *   inval  no invalidation of the destination (neither sync): the CPU reads
 *          the lines it cached in the previous round, not what DMA wrote;
 *   wb     the CPU marks the destination (a poison fill) and it is not synced
 *          for the device; the CPU keeps allocating while the copy runs, and
 *          evictions write the dirty lines back over DMA's data;
 *   wait   the CPU writes the next pattern into the source (its last word
 *          first) while the copy from it is still running: that word arrives
 *          new, which the check sees on any model.
 * For the host-cost benchmark (bench/dma_host.py): --len=KIB gives every
 * channel KIB KiB of whole pages, --no-check leaves out the CPU's pattern
 * fill, word check, allocator churn and the syncs (the copies alone), --no-dma does all
 * the CPU's work but starts no transfer (the data is then not checked).
 * Exit 0 when every word arrived (an --omit run may well see bad data: that
 * is the bug it provokes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mm/dma-mapping.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

#include "boot/setup.h"
#include "drivers/cpu.h"
#include "drivers/pl080s.h"
#include "drivers/semihost.h"
#include "drivers/timer.h"

#define NR_CHANS 32
#define VICTIM 0
#define VICTIM_COPIES 4
#define CHURN_SLOTS 64

enum omit { OMIT_NONE, OMIT_CLEAN, OMIT_INVAL, OMIT_WB, OMIT_WAIT };
static const char *const omit_names[] = { "none", "clean", "inval", "wb", "wait" };

struct stream {
	struct pl08x_chan *chan;
	struct device dev;
	char name[16];
	uint32_t *src, *dst;
	dma_addr_t src_bus, dst_bus;
	size_t len;
	int order;            /* -1: kmalloc */
	volatile int done, failed;
	unsigned long bad_words, src_changed, failures;
	uint64_t moved;
};

static struct stream streams[NR_CHANS];
static enum omit omit;
static int churn_order[CHURN_SLOTS];
static unsigned int overlapped;
static unsigned long churn_bad;  /* allocator pages that did not read back */  /* --omit=wait: source rewritten before the copy ended */
static unsigned int rounds = 6;
static size_t len_kib;      /* --len=: every channel's buffers, KiB (0: 1..8 KiB) */
static int no_check, no_dma;

static uint32_t pattern(unsigned int ch, unsigned int round, unsigned int i)
{
	return (ch << 24 | round << 16 | i) * 2654435761u ^ 0x5a5a0000u;
}

static void parse_args(void)
{
	static char buf[256];
	uint32_t block[2] = { (uint32_t)(uintptr_t)buf, sizeof(buf) };
	char *p, *next;

	if (semihost_call(0x15 /* SYS_GET_CMDLINE */, block))
		return;
	for (p = buf; *p; p = next) {
		for (next = p; *next && *next != ' '; next++)
			;
		if (*next)
			*next++ = 0;
		if (!strncmp(p, "--rounds=", 9))
			rounds = (unsigned int)strtoul(p + 9, NULL, 0);
		if (!strncmp(p, "--len=", 6))
			len_kib = strtoul(p + 6, NULL, 0);
		no_check |= !strcmp(p, "--no-check");
		no_dma |= !strcmp(p, "--no-dma");
		for (int k = 1; k <= OMIT_WAIT; k++)
			if (!strncmp(p, "--omit=", 7) && !strcmp(p + 7, omit_names[k]))
				omit = (enum omit)k;
	}
}

static void on_done(void *param, const struct dma_tx_result *res)
{
	struct stream *s = param;

	s->failed = res->result != DMA_TRANS_NOERROR;
	s->done = 1;
}

static int setup_stream(unsigned int n)
{
	struct stream *s = &streams[n];

	snprintf(s->name, sizeof(s->name), "dmademo.%u", n);
	s->dev.name = s->name;
	s->len = 1024u << (n % 4);   /* 1, 2, 4, 8 KiB */
	if (len_kib) {
		s->len = len_kib * 1024;
		s->order = 0;
		while ((PAGE_SIZE << s->order) < s->len)
			s->order++;
		s->src = (uint32_t *)__get_free_pages(GFP_KERNEL, s->order);
		s->dst = (uint32_t *)__get_free_pages(GFP_KERNEL, s->order);
	} else if (n % 2 == 0) {
		s->order = -1;
		s->src = kmalloc(s->len, GFP_KERNEL);
		s->dst = kmalloc(s->len, GFP_KERNEL);
	} else {
		s->order = s->len > PAGE_SIZE ? 1 : 0;  /* up to 8 KiB */
		s->src = (uint32_t *)__get_free_pages(GFP_KERNEL, s->order);
		s->dst = (uint32_t *)__get_free_pages(GFP_KERNEL, s->order);
	}
	s->chan = pl08x_request_channel(n, s->name);
	if (!s->src || !s->dst || !s->chan)
		return -1;
	s->src_bus = dma_map_single(&s->dev, s->src, s->len, DMA_TO_DEVICE);
	if (dma_mapping_error(&s->dev, s->src_bus))
		return -1;
	s->dst_bus = dma_map_single(&s->dev, s->dst, s->len, DMA_FROM_DEVICE);
	if (dma_mapping_error(&s->dev, s->dst_bus))
		return -1;
	return 0;
}

static void teardown_stream(struct stream *s)
{
	dma_unmap_single(&s->dev, s->src_bus, s->len, DMA_TO_DEVICE);
	dma_unmap_single(&s->dev, s->dst_bus, s->len, DMA_FROM_DEVICE);
	pl08x_release_channel(s->chan);
	if (s->order < 0) {
		kfree(s->src);
		kfree(s->dst);
	} else {
		free_pages((unsigned long)s->src, s->order);
		free_pages((unsigned long)s->dst, s->order);
	}
}

/*
 * The source still holds the previous round's data: check the copy left it
 * alone, then write the new pattern.  (The reads matter: the ARM1176 D-cache
 * allocates on reads only, so this is what leaves dirty lines to clean.)
 */
static void fill_source(struct stream *s, unsigned int n, unsigned int round)
{
	for (unsigned int i = 0; i < s->len / 4; i++) {
		if (round && s->src[i] != pattern(n, round - 1, i))
			s->src_changed++;
		s->src[i] = pattern(n, round, i);
	}
}

/* Hand both buffers to the device and queue copy number `seq`. */
static int start_copy(unsigned int n, unsigned int seq)
{
	struct stream *s = &streams[n];
	int victim = n == VICTIM;
	struct pl08x_desc *d;

	if (!no_check)
		fill_source(s, n, seq);
	/* --no-check: the CPU never touches the buffers after dma_map_single() */
	if (!(victim && omit == OMIT_CLEAN) && !no_check)
		dma_sync_single_for_device(&s->dev, s->src_bus, s->len, DMA_TO_DEVICE);
	if (victim && omit == OMIT_WB)
		memset(s->dst, 0xee, s->len);  /* hits the lines the last check read in */
	if (!(victim && (omit == OMIT_INVAL || omit == OMIT_WB)) && !no_check)
		dma_sync_single_for_device(&s->dev, s->dst_bus, s->len, DMA_FROM_DEVICE);
	if (no_dma) {
		s->done = 1;          /* the CPU's side only: nothing moves */
		return 0;
	}
	d = pl08x_prep_dma_memcpy(s->chan, s->dst_bus, s->src_bus, s->len);
	if (!d)
		return -1;
	d->callback = on_done;
	d->callback_param = s;
	s->done = 0;
	pl08x_submit(d);
	pl08x_issue_pending(s->chan);
	if (victim && omit == OMIT_WAIT) {
		/* too early: the copy is still reading it (the end first, as a ring refill would) */
		s->src[s->len / 4 - 1] = pattern(n, seq + 1, (unsigned int)(s->len / 4 - 1));
		overlapped += !s->done;      /* its callback had not run yet */
		fill_source(s, n, seq + 1);
		s->src_changed = 0;
	}
	return 0;
}

/* After the callback: give the destination back to the CPU and check every word. */
static void finish_copy(unsigned int n, unsigned int seq)
{
	struct stream *s = &streams[n];

	s->failures += s->failed;
	if (!(n == VICTIM && omit == OMIT_INVAL) && !no_check)
		dma_sync_single_for_cpu(&s->dev, s->dst_bus, s->len, DMA_FROM_DEVICE);
	for (unsigned int i = 0; i < s->len / 4 && !no_check; i++)
		if (s->dst[i] != pattern(n, seq, i))
			s->bad_words += !no_dma;  /* without DMA: the same reads, nothing to compare */
	s->moved += no_dma ? 0 : s->len;
}

/* Simulated time in microseconds (SYS_ELAPSED counts ARM cycles, SYS_TICKFREQ their rate). */
static uint64_t now_us(void)
{
	uint32_t t[2] = { 0, 0 };
	uint32_t hz = semihost_call(0x31 /* SYS_TICKFREQ */, NULL);

	semihost_call(0x30 /* SYS_ELAPSED */, t);
	return hz ? ((uint64_t)t[1] << 32 | t[0]) / (hz / 1000000u) : 0;
}

/* The CPU's own work while the copies run: slab and buddy allocations, written to. */
static void churn(void **slot, struct page **pages, unsigned int step)
{
	unsigned int k = step % CHURN_SLOTS;
	size_t size = 32u << (step % 7);

	kfree(slot[k]);
	slot[k] = kmalloc(size, GFP_KERNEL);
	if (slot[k])
		memset(slot[k], (int)step, size);
	if (pages[k])
		__free_pages(pages[k], churn_order[k]);
	churn_order[k] = (int)((step + 1) % 3);
	pages[k] = alloc_pages(GFP_KERNEL, churn_order[k]);
	if (pages[k]) {
		const unsigned char *p = page_address(pages[k]);
		size_t n = PAGE_SIZE << churn_order[k];

		memset(page_address(pages[k]), (int)step, n);
		/* read back: reads allocate D-cache lines (and evict others) */
		for (size_t i = 0; i < n; i += 32)
			churn_bad += p[i] != (unsigned char)step;
	}
}

int main(void)
{
	static void *slot[CHURN_SLOTS];
	static struct page *pages[CHURN_SLOTS];
	unsigned int step = 0;
	unsigned long bad = 0, failed = 0;
	uint64_t t0, t1;
	uint64_t total = 0;

	mm_init(boot_dtb_pa);
	parse_args();
	pl08x_max_lli_bytes = len_kib ? 64 * 1024 : 1024;
	if (pl08x_init())
		return 2;
	for (unsigned int n = 0; n < NR_CHANS; n++)
		if (setup_stream(n)) {
			printf("dmademo: cannot set up channel %u\n", n);
			return 2;
		}
	printf("dmademo: %u channels on DMA0, DMA1, SDMA0, SDMA1, %u rounds, omit %s "
	       "(victim %s channel %u)\n", NR_CHANS, rounds, omit_names[omit],
	       pl08x_controller(VICTIM / 8)->name, VICTIM % 8);
	printf("dmademo: victim %s channel %u: source pa 0x%08x, destination pa 0x%08x, "
	       "%u bytes each (%s)\n", pl08x_controller(VICTIM / 8)->name, VICTIM % 8,
	       (unsigned int)streams[VICTIM].src_bus, (unsigned int)streams[VICTIM].dst_bus,
	       (unsigned int)streams[VICTIM].len, streams[VICTIM].order < 0 ? "kmalloc" : "pages");
	t0 = now_us();
	for (unsigned int r = 0; r < rounds; r++) {
		int busy;

		/* 31 channels at once, while the CPU allocates and frees */
		for (unsigned int n = 0; n < NR_CHANS; n++)
			if (n != VICTIM && start_copy(n, r)) {
				printf("dmademo: cannot prepare a copy on channel %u\n", n);
				return 2;
			}
		do {
			/* allocator work while the copies run, then sleep until the last callback */
			if (step < (r + 1) * 200 && !no_check)
				churn(slot, pages, step++);
			else
				cpu_do_idle();
			busy = 0;
			for (unsigned int n = 0; n < NR_CHANS; n++)
				busy |= n != VICTIM && !streams[n].done;
		} while (busy);
		for (unsigned int n = 0; n < NR_CHANS; n++)
			if (n != VICTIM)
				finish_copy(n, r);
		/*
		 * Then the victim channel: synchronous copies back to back, so the
		 * lines one check reads are still in the D-cache for the next copy.
		 */
		for (unsigned int j = 0; j < VICTIM_COPIES; j++) {
			unsigned int seq = r * VICTIM_COPIES + j;

			if (start_copy(VICTIM, seq)) {
				printf("dmademo: cannot prepare a copy on channel %u\n", VICTIM);
				return 2;
			}
			/*
			 * --omit=wb: the CPU keeps working meanwhile, and its reads evict
			 * the destination's dirty lines over what the DMA wrote.
			 */
			while (!streams[VICTIM].done)
				if (omit == OMIT_WB)
					churn(slot, pages, step++);
				else
					cpu_do_idle();
			finish_copy(VICTIM, seq);
		}
	}
	t1 = now_us();
	for (unsigned int i = 0; i < PL08X_NR_CONTROLLERS; i++) {
		const struct pl08x_dev *d = pl08x_controller(i);

		printf("dmademo: %-5s %8llu bytes in %4llu transfers, %llu errors, %llu interrupts\n",
		       d->name, (unsigned long long)d->bytes, (unsigned long long)d->transfers,
		       (unsigned long long)d->errors, (unsigned long long)d->irqs);
	}
	for (unsigned int n = 0; n < NR_CHANS; n++) {
		const struct stream *s = &streams[n];

		bad += s->bad_words + s->src_changed;
		failed += s->failures;
		total += s->moved;
		if (s->bad_words || s->src_changed)
			printf("dmademo: channel %u (%s buffers %p -> %p): %lu words wrong, %lu source "
			       "words changed\n", n, s->order < 0 ? "kmalloc" : "page", s->src, s->dst,
			       s->bad_words, s->src_changed);
	}
	if (omit == OMIT_WAIT)
		printf("dmademo: the CPU rewrote the victim's source during %u of its %u copies\n",
		       overlapped, rounds * VICTIM_COPIES);
	printf("dmademo: %llu bytes moved and %s, %lu bad words, %lu failed transfers, "
	       "%u allocator steps (%lu bad), %llu us simulated\n", (unsigned long long)total,
	       no_check || no_dma ? "not checked" : "checked", bad,
	       failed, step, churn_bad, (unsigned long long)(t1 - t0));
	bad += churn_bad;
	for (unsigned int k = 0; k < CHURN_SLOTS; k++) {
		kfree(slot[k]);
		if (pages[k])
			__free_pages(pages[k], churn_order[k]);
	}
	for (unsigned int n = 0; n < NR_CHANS; n++)
		teardown_stream(&streams[n]);
	pl08x_exit();
	if (dma_debug_check_leaks(NULL))
		bad++;
	printf("dmademo: %s\n", bad || failed ? "DATA MISMATCH" : "OK");
	return bad || failed ? 1 : 0;
}
