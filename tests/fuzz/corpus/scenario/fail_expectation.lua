-- expect-status: 120
-- expect-stderr: (^|/)fail_expectation\.lua:11: expect_exit failed: expected exit 3, got exit 0$
-- expect-stderr: (^|/)fail_expectation\.lua:12: expect_cycles failed: expected <= 1000 cycles, got [0-9]+$
-- expect-stderr: (^|/)fail_expectation\.lua:14: expect_mem failed: expected pa 0x5f000000 u32 = 0x12345678, got 0x00000000$
--
-- A scenario whose expectations fail on purpose: the status is 120 and each
-- failure names this file and line, what was expected and what happened.
scenario{ image = "hello.elf" }

run_until("exit")
expect_exit(3)
expect_cycles{ max = 1000 }
expect_exit(0)            -- holds: still reported, with its outcome
expect_mem{ pa = 0x5f000000, u32 = 0x12345678 }
