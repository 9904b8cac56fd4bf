/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the load/store decoder (emu/arm_decode.c).  Encodings come
 * from arm-none-eabi-as; the comment beside each is the instruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "emu/arm_decode.h"

#define PC 0x50008000u
#define CPSR_C (1u << 29)
#define CPSR_Z (1u << 30)

static uint32_t r[16];

static void regs(void)
{
	for (int i = 0; i < 16; i++)
		r[i] = 0x1000u * (uint32_t)i;
	r[13] = 0x5000f000u;
}

static int dec(uint32_t insn, bool thumb, struct arm_access *a)
{
	return arm_decode_accesses(insn, thumb, PC, r, 0, a);
}

static void expect(struct arm_access *a, int i, uint32_t addr, unsigned size, bool write)
{
	assert_int_equal(a[i].addr, addr);
	assert_int_equal(a[i].size, size);
	assert_int_equal(a[i].write, write);
}

static void test_single(void **state)
{
	struct arm_access a[ARM_MAX_ACCESSES];

	regs();
	assert_int_equal(dec(0xe5912004, false, a), 1); /* ldr r2, [r1, #4] */
	expect(a, 0, 0x1004, 4, false);
	assert_int_equal(dec(0xe5012004, false, a), 1); /* str r2, [r1, #-4] */
	expect(a, 0, 0x0ffc, 4, true);
	assert_int_equal(dec(0xe4912004, false, a), 1); /* ldr r2, [r1], #4: post-index */
	expect(a, 0, 0x1000, 4, false);
	assert_int_equal(dec(0xe7d12103, false, a), 1); /* ldrb r2, [r1, r3, lsl #2] */
	expect(a, 0, 0x1000 + (0x3000u << 2), 1, false);
	assert_int_equal(dec(0xe59f2010, false, a), 1); /* ldr r2, [pc, #16] */
	expect(a, 0, PC + 8 + 16, 4, false);
	assert_int_equal(dec(0xe1d120b2, false, a), 1); /* ldrh r2, [r1, #2] */
	expect(a, 0, 0x1002, 2, false);
	assert_int_equal(dec(0xe1c120b6, false, a), 1); /* strh r2, [r1, #6] */
	expect(a, 0, 0x1006, 2, true);
	assert_int_equal(dec(0xe1d120d1, false, a), 1); /* ldrsb r2, [r1, #1] */
	expect(a, 0, 0x1001, 1, false);
	assert_int_equal(dec(0xe1c120d8, false, a), 2); /* ldrd r2, r3, [r1, #8] */
	expect(a, 0, 0x1008, 4, false);
	expect(a, 1, 0x100c, 4, false);
	assert_int_equal(dec(0xe1912f9f, false, a), 1); /* ldrex r2, [r1] */
	expect(a, 0, 0x1000, 4, false);
	assert_int_equal(dec(0xe1812f93, false, a), 1); /* strex r2, r3, [r1] */
	expect(a, 0, 0x1000, 4, true);
	assert_int_equal(dec(0xe1012093, false, a), 2); /* swp r2, r3, [r1] */
	expect(a, 0, 0x1000, 4, false);
	expect(a, 1, 0x1000, 4, true);
}

static void test_block(void **state)
{
	struct arm_access a[ARM_MAX_ACCESSES];

	regs();
	assert_int_equal(dec(0xe891000c, false, a), 2); /* ldm r1, {r2, r3} (IA) */
	expect(a, 0, 0x1000, 4, false);
	expect(a, 1, 0x1004, 4, false);
	assert_int_equal(dec(0xe991000c, false, a), 2); /* ldmib r1, {r2, r3} */
	expect(a, 0, 0x1004, 4, false);
	assert_int_equal(dec(0xe811000c, false, a), 2); /* ldmda r1, {r2, r3} */
	expect(a, 0, 0x0ffc, 4, false);
	expect(a, 1, 0x1000, 4, false);
	assert_int_equal(dec(0xe92d4030, false, a), 3); /* push {r4, r5, lr} = stmdb sp! */
	expect(a, 0, 0x5000f000u - 12, 4, true);
	expect(a, 2, 0x5000f000u - 4, 4, true);
	assert_int_equal(dec(0xe8bd8030, false, a), 3); /* pop {r4, r5, pc} */
	expect(a, 0, 0x5000f000u, 4, false);
	assert_int_equal(dec(0xed912b02, false, a), 2); /* vldr d2, [r1, #8] */
	expect(a, 0, 0x1008, 4, false);
	assert_int_equal(dec(0xed812a01, false, a), 1); /* vstr s4, [r1, #4] */
	expect(a, 0, 0x1004, 4, true);
	assert_int_equal(dec(0xecb12b04, false, a), 4); /* vldmia r1!, {d2-d3} */
	expect(a, 3, 0x100c, 4, false);
}

static void test_conditions_and_others(void **state)
{
	struct arm_access a[ARM_MAX_ACCESSES];

	regs();
	/* ldreq r2, [r1]: Z clear, condition fails, nothing is accessed */
	assert_int_equal(arm_decode_accesses(0x05912000, false, PC, r, 0, a), 0);
	assert_int_equal(arm_decode_accesses(0x05912000, false, PC, r, CPSR_Z, a), 1);
	assert_true(arm_condition_passed(0x2, CPSR_C));  /* CS */
	assert_false(arm_condition_passed(0x8, CPSR_C | CPSR_Z)); /* HI */
	/* data processing, multiply, branch: no memory */
	assert_int_equal(dec(0xe0812003, false, a), 0); /* add r2, r1, r3 */
	assert_int_equal(dec(0xe0020391, false, a), 0); /* mul r2, r1, r3 */
	assert_int_equal(dec(0xeafffffe, false, a), 0); /* b . */
	assert_int_equal(dec(0xee070f90, false, a), 0); /* mcr p15, 0, r0, c7, c0, 4 */
	/* RRX of r3 with carry set */
	assert_int_equal(arm_decode_accesses(0xe7912063, false, PC, r, CPSR_C, a), 1);
	expect(a, 0, 0x1000 + (0x80000000u | (0x3000u >> 1)), 4, false);
}

static void test_thumb(void **state)
{
	struct arm_access a[ARM_MAX_ACCESSES];

	regs();
	assert_int_equal(dec(0x684a, true, a), 1); /* ldr r2, [r1, #4] */
	expect(a, 0, 0x1004, 4, false);
	assert_int_equal(dec(0x70ca, true, a), 1); /* strb r2, [r1, #3] */
	expect(a, 0, 0x1003, 1, true);
	assert_int_equal(dec(0x88ca, true, a), 1); /* ldrh r2, [r1, #6] */
	expect(a, 0, 0x1006, 2, false);
	assert_int_equal(dec(0x58ca, true, a), 1); /* ldr r2, [r1, r3] */
	expect(a, 0, 0x4000, 4, false);
	assert_int_equal(dec(0x9a02, true, a), 1); /* ldr r2, [sp, #8] */
	expect(a, 0, 0x5000f008u, 4, false);
	assert_int_equal(dec(0x4a01, true, a), 1); /* ldr r2, [pc, #4] */
	expect(a, 0, ((PC + 4) & ~3u) + 4, 4, false);
	assert_int_equal(dec(0xb530, true, a), 3); /* push {r4, r5, lr} */
	expect(a, 0, 0x5000f000u - 12, 4, true);
	assert_int_equal(dec(0xbd30, true, a), 3); /* pop {r4, r5, pc} */
	expect(a, 2, 0x5000f008u, 4, false);
	assert_int_equal(dec(0xc90c, true, a), 2); /* ldmia r1!, {r2, r3} */
	expect(a, 1, 0x1004, 4, false);
	assert_int_equal(dec(0x1c4a, true, a), 0); /* adds r2, r1, #1 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single),
		cmocka_unit_test(test_block),
		cmocka_unit_test(test_conditions_and_others),
		cmocka_unit_test(test_thumb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
