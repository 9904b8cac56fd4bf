/* SPDX-License-Identifier: MIT */
/*
 * wbuf.c - the write buffer: entries, merging, draining (see wbuf.h).
 */
#include "soc/arm1176/wbuf.h"

#include <string.h>

#include "emu/report.h"

void wbuf_init(struct wbuf *wb, unsigned entries)
{
	memset(wb, 0, sizeof(*wb));
	wb->entries = entries;
	wbuf_reset(wb);
}

void wbuf_reset(struct wbuf *wb)
{
	memset(wb->done, 0, sizeof(wb->done));
	wb->head = 0;
	wb->last = 0;
	wb->line = 1;
}

cycle_t wbuf_push(struct wbuf *wb, struct dmc *port, uint32_t pa, uint32_t bytes, bool device,
		  cycle_t device_cycles, cycle_t now)
{
	cycle_t oldest = wb->done[wb->head], stall = 0, done;

	if (!device && wbuf_merge(wb, port, pa, bytes, now))
		return 0;
	if (oldest > now) {
		/* Full: the oldest entry must drain first. */
		stall = oldest - now;
		wb->st.full_stalls++;
		now = oldest;
	}
	if (device)
		done = (wb->last > now ? wb->last : now) + device_cycles;
	else
		done = dmc_access(port, BUS_WRITE_BUFFER, pa, bytes, true, now, NULL);
	if (done < wb->last)
		done = wb->last; /* FIFO: never before the entries ahead of it */
	wb->done[wb->head] = done;
	if (++wb->head == wb->entries)
		wb->head = 0;
	wb->last = done;
	wb->line = device || bytes >= 32 ? 1u : pa & ~31u; /* 1: never a line address */
	wb->st.writes++;
	return stall;
}

void wbuf_report(const struct wbuf *wb, struct report *r)
{
	report_object(r, "write_buffer");
	report_u64(r, "writes", wb->st.writes);
	report_u64(r, "merged", wb->st.merged);
	report_u64(r, "full_stalls", wb->st.full_stalls);
	report_u64(r, "barriers", wb->st.barriers);
	report_end(r);
}

void wbuf_print_stats(const struct wbuf *wb, FILE *f)
{
	fprintf(f, "write buffer       %llu writes (+%llu merged), %llu full stalls, %llu "
		"barriers\n", (unsigned long long)wb->st.writes,
		(unsigned long long)wb->st.merged, (unsigned long long)wb->st.full_stalls,
		(unsigned long long)wb->st.barriers);
}
