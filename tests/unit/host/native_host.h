/* SPDX-License-Identifier: MIT */
/*
 * native_host.h - the host decoder's view of the natively built guest mm.
 *
 * The guest mm's headers and the host's (mm/pagestate.h ...) are compiled
 * in separate files, so only plain types cross this interface.
 */
#ifndef NATIVE_HOST_H
#define NATIVE_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NH_TEXT 16384

struct native_view {
	uint32_t frames, inconsistent, first_bad_pfn, pcp_frames;
	uint32_t nr_free[4][11];      /* host: free blocks per zone and order */
	bool consistent;              /* host counts == the descriptor's nr_free */
	char buddyinfo[NH_TEXT], pagetypeinfo[NH_TEXT], unusable[NH_TEXT], extfrag[NH_TEXT];
};

/* Decode the guest's RAM (host buffer `ram` for [base, base + size)) with the
 * descriptor `abi` (the guest's struct mm_abi). Returns -1 on ENOMEM. */
int native_view(const void *abi, const uint8_t *ram, uint32_t base, uint32_t size,
		struct native_view *v);
/* State of a frame in the last view: "movable", "free", "slab", ... */
const char *native_frame_state(uint32_t pfn);
unsigned native_frame_mt(uint32_t pfn);
void native_view_free(void);

#endif /* NATIVE_HOST_H */
