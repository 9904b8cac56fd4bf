/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the TLB model (soc/arm1176/tlb.c): memory types, MicroTLB
 * and main-TLB lookup and replacement, ASIDs and global entries, the c8
 * operations, lockdown, and the descriptor watch behind stale-entry reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "soc/arm1176/tlb.h"

static struct tlb t;

/* An entry as a walk of `va` would make it. */
static struct tlb_entry entry(uint32_t va, uint32_t pa, enum mmu_map_kind kind, uint32_t size,
			      bool ng, uint8_t asid, uint32_t l1_pa)
{
	struct mmu_result w;
	struct tlb_entry e;

	memset(&w, 0, sizeof(w));
	w.pa = pa | (va & (size - 1));
	w.kind = kind;
	w.size = size;
	w.ng = ng;
	w.tex = 1;
	w.c = w.b = 1;
	w.ap = 1;
	w.nr_reads = kind == MAP_SMALL || kind == MAP_LARGE ? 2 : 1;
	w.desc_pa[0] = l1_pa;
	w.desc[0] = 0x11;
	w.desc_pa[1] = l1_pa + 0x1000;
	w.desc[1] = 0x22;
	tlb_entry_from_walk(&e, &w, va, asid, false);
	return e;
}

static int setup(void **state)
{
	tlb_init(&t, 0x1176);
	return 0;
}

static void test_memtype(void **state)
{
	assert_int_equal(tlb_memtype(0, 0, 0, false), MT_STRONGLY_ORDERED);
	assert_int_equal(tlb_memtype(0, 0, 1, false), MT_DEVICE);
	assert_int_equal(tlb_memtype(0, 1, 0, false), MT_WT);
	assert_int_equal(tlb_memtype(0, 1, 1, false), MT_WB);
	assert_int_equal(tlb_memtype(1, 0, 0, false), MT_NORMAL_NC);
	assert_int_equal(tlb_memtype(1, 1, 1, false), MT_WB);       /* WBWA: read-allocate */
	assert_int_equal(tlb_memtype(2, 0, 0, false), MT_DEVICE);   /* non-shared device */
	assert_int_equal(tlb_memtype(5, 1, 0, false), MT_WT);       /* TEX[2]: inner = C,B */
	assert_int_equal(tlb_memtype(6, 0, 0, false), MT_NORMAL_NC);
	assert_int_equal(tlb_memtype(1, 1, 1, true), MT_NORMAL_NC); /* shared: not cached in L1 */
	assert_int_equal(tlb_memtype(0, 0, 1, true), MT_DEVICE);
}

static void test_entry_and_lookup(void **state)
{
	struct tlb_entry e = entry(0xc0123456u, 0x50100000u, MAP_SECTION, 1u << 20, false, 0,
				   0x50004000u);
	struct tlb_entry *m, *u;

	assert_int_equal(e.va, 0xc0100000u);
	assert_int_equal(e.pa, 0x50100000u);
	assert_int_equal(e.memtype, MT_WB);
	assert_true(e.flags & TLBE_GLOBAL);
	assert_null(tlb_main_lookup(&t, 0xc0100000u, 0));
	m = tlb_main_insert(&t, &e);
	assert_ptr_equal(tlb_main_lookup(&t, 0xc01fffffu, 7), m);   /* global: any ASID */
	assert_null(tlb_main_lookup(&t, 0xc0200000u, 0));
	u = tlb_utlb_insert(&t, TLB_D, m);
	assert_ptr_equal(tlb_utlb_lookup(&t, TLB_D, 0xc01abcdeu, 3), u);
	assert_null(tlb_utlb_lookup(&t, TLB_I, 0xc01abcdeu, 3));   /* the other side */
}

static void test_asid(void **state)
{
	struct tlb_entry a = entry(0x00400000u, 0x51000000u, MAP_SMALL, 4096, true, 1, 0x50004000u);
	struct tlb_entry b = entry(0x00400000u, 0x52000000u, MAP_SMALL, 4096, true, 2, 0x50008000u);

	tlb_main_insert(&t, &a);
	tlb_main_insert(&t, &b);
	assert_int_equal(tlb_main_lookup(&t, 0x00400010u, 1)->pa, 0x51000000u);
	assert_int_equal(tlb_main_lookup(&t, 0x00400010u, 2)->pa, 0x52000000u);
	assert_null(tlb_main_lookup(&t, 0x00400010u, 3));
	tlb_invalidate_asid(&t, 1);
	assert_null(tlb_main_lookup(&t, 0x00400010u, 1));
	assert_non_null(tlb_main_lookup(&t, 0x00400010u, 2));
	/* by MVA: ASID 2's entry goes only when the operation names ASID 2 */
	tlb_invalidate_mva(&t, 0x00400000u, 5);
	assert_non_null(tlb_main_lookup(&t, 0x00400010u, 2));
	tlb_invalidate_mva(&t, 0x00400000u, 2);
	assert_null(tlb_main_lookup(&t, 0x00400010u, 2));
	assert_int_equal(t.st.inv_asid, 1);
	assert_int_equal(t.st.inv_mva, 2);
}

/* 2-way sets: a third page of one set evicts the oldest; sizes live side by side. */
static void test_main_replacement(void **state)
{
	for (uint32_t k = 0; k < 3; k++) {
		struct tlb_entry e = entry(0x10000000u + k * (32u << 12), 0x50000000u + k * 4096,
					   MAP_SMALL, 4096, false, 0, 0x50004000u + 4 * k);

		tlb_main_insert(&t, &e);
	}
	assert_null(tlb_main_lookup(&t, 0x10000000u, 0));
	assert_non_null(tlb_main_lookup(&t, 0x10000000u + (32u << 12), 0));
	assert_non_null(tlb_main_lookup(&t, 0x10000000u + (64u << 12), 0));
	{
		struct tlb_entry s = entry(0x10000000u, 0x5a000000u, MAP_SUPERSECTION, 1u << 24,
					   false, 0, 0x50004400u);

		tlb_main_insert(&t, &s);
		/* the small page at 0x10020000 is found before the supersection over it */
		assert_int_equal(tlb_main_lookup(&t, 0x10020000u, 0)->size_log2, 12);
		assert_int_equal(tlb_main_lookup(&t, 0x10000000u, 0)->size_log2, 24);
	}
	tlb_invalidate_all(&t);
	assert_null(tlb_main_lookup(&t, 0x10020000u, 0));
	assert_int_equal(t.sizes_in_main, 0);
}

/* MicroTLB: 10 entries, round-robin; every main-TLB operation flushes it. */
static void test_utlb(void **state)
{
	struct tlb_entry *first = NULL;
	unsigned i, d, m, l;

	for (uint32_t k = 0; k < 11; k++) {
		struct tlb_entry e = entry(k << 20, 0x50000000u + (k << 20), MAP_SECTION, 1u << 20,
					   false, 0, 0x50004000u + 4 * k);
		struct tlb_entry *u = tlb_utlb_insert(&t, TLB_I, &e);

		if (k == 0)
			first = u;
		if (k == 10)
			assert_ptr_equal(u, first); /* the eleventh replaced the first */
	}
	assert_null(tlb_utlb_lookup(&t, TLB_I, 0, 0));
	assert_non_null(tlb_utlb_lookup(&t, TLB_I, 1u << 20, 0));
	tlb_count(&t, &i, &d, &m, &l);
	assert_int_equal(i, 10);
	tlb_invalidate_mva(&t, 0x7ff00000u, 0);  /* matches nothing, still flushes */
	tlb_count(&t, &i, &d, &m, &l);
	assert_int_equal(i, 0);
}

static void test_lockdown(void **state)
{
	struct tlb_entry e = entry(0xc0000000u, 0x50000000u, MAP_SECTION, 1u << 20, false, 0,
				   0x50007000u);
	struct tlb_entry *p;

	t.lockdown = (3u << 26) | 1u;   /* victim 3, preserve */
	p = tlb_main_insert(&t, &e);
	assert_ptr_equal(p, &t.lock[3]);
	assert_int_equal((t.lockdown >> 26) & 7, 4);
	t.lockdown = 0;
	tlb_invalidate_all(&t);          /* "entire unlocked TLB" */
	assert_ptr_equal(tlb_main_lookup(&t, 0xc0000000u, 0), &t.lock[3]);
	tlb_invalidate_mva(&t, 0xc0000000u, 0);
	assert_null(tlb_main_lookup(&t, 0xc0000000u, 0));
}

/* Stores over cached descriptors flag exactly the entries built from them. */
static void test_descriptor_watch(void **state)
{
	struct tlb_entry a = entry(0x00400000u, 0x51000000u, MAP_SMALL, 4096, false, 0,
				   0x50004000u);
	struct tlb_entry b = entry(0x00800000u, 0x52000000u, MAP_SECTION, 1u << 20, false, 0,
				   0x50004008u);
	struct tlb_entry *ma, *mb, *ua;

	ma = tlb_main_insert(&t, &a);
	mb = tlb_main_insert(&t, &b);
	ua = tlb_utlb_insert(&t, TLB_D, ma);
	assert_true(tlb_watch_hit(&t, 0x50005000u));      /* a's L2 descriptor */
	assert_false(tlb_watch_hit(&t, 0x50006000u));
	assert_int_equal(tlb_descriptor_store(&t, 0x50005002u, 1, 77), 2); /* main + MicroTLB */
	assert_true(ma->flags & TLBE_SUSPECT);
	assert_true(ua->flags & TLBE_SUSPECT);
	assert_false(mb->flags & TLBE_SUSPECT);
	assert_int_equal(ma->store_cycle, 77);
	assert_int_equal(ma->store_pa, 0x50005000u);
	assert_int_equal(tlb_descriptor_store(&t, 0x50004004u, 4, 78), 0); /* between them */
	tlb_invalidate_all(&t);
	assert_false(tlb_watch_hit(&t, 0x50005000u));     /* counts follow removal */
	assert_false(tlb_watch_hit(&t, 0x50004008u));
	tlb_mark_verify(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memtype),
		cmocka_unit_test_setup(test_entry_and_lookup, setup),
		cmocka_unit_test_setup(test_asid, setup),
		cmocka_unit_test_setup(test_main_replacement, setup),
		cmocka_unit_test_setup(test_utlb, setup),
		cmocka_unit_test_setup(test_lockdown, setup),
		cmocka_unit_test_setup(test_descriptor_watch, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
