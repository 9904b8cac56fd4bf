/* SPDX-License-Identifier: MIT */
/*
 * native_host.c - the host decoder run over the natively built guest mm's
 * memory; only plain types leave this file.
 */
#include "native_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/metrics.h"
#include "mm/pagestate.h"

static struct pagestate ps;

static void capture(char *buf, void (*fn)(FILE *, const struct mm_metrics *),
		    const struct mm_metrics *mt)
{
	FILE *f = fmemopen(buf, NH_TEXT, "w");

	fn(f, mt);
	fclose(f);
}

int native_view(const void *abi, const uint8_t *ram, uint32_t base, uint32_t size,
		struct native_view *v)
{
	struct ps_mem mem = { ram, base, size };
	struct mm_metrics mt;

	if (ps.nframes != size >> 12) {
		pagestate_destroy(&ps);
		if (pagestate_init(&ps, base >> 12, size >> 12) != 0)
			return -1;
	}
	pagestate_decode_abi(&ps, &mem, abi, 0, 0);
	metrics_compute(&mt, &ps);
	memset(v, 0, sizeof(*v));
	v->frames = ps.nframes;
	v->inconsistent = ps.count[PS_INCONSISTENT];
	v->first_bad_pfn = ps.first_bad_pfn;
	v->pcp_frames = ps.count[PS_FREE_PCP];
	v->consistent = mt.consistent;
	for (unsigned z = 0; z < 4; z++)
		memcpy(v->nr_free[z], mt.zone[z].nr_free, sizeof(v->nr_free[z]));
	capture(v->buddyinfo, metrics_print_buddyinfo, &mt);
	capture(v->pagetypeinfo, metrics_print_pagetypeinfo, &mt);
	capture(v->unusable, metrics_print_unusable_index, &mt);
	capture(v->extfrag, metrics_print_extfrag_index, &mt);
	return ps.abi_ok ? 0 : -1;
}

const char *native_frame_state(uint32_t pfn)
{
	if (pfn < ps.pfn0 || pfn - ps.pfn0 >= ps.nframes)
		return "outside";
	return pagestate_state_name(ps.frame[pfn - ps.pfn0].state);
}

unsigned native_frame_mt(uint32_t pfn)
{
	return ps.frame[pfn - ps.pfn0].mt;
}

void native_view_free(void)
{
	pagestate_destroy(&ps);
}
