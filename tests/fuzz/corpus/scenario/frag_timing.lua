-- frag.elf under --model timing: high-order allocations fail without compaction
-- and succeed with it.  At exit the Normal zone still has an order-6 block
-- or larger and little unusable free space at that order; no finding.
scenario{ image = "frag.elf", model = "timing" }

run_until("exit")
expect_exit(0)
expect_findings{ count = 0 }
expect_metric{ name = "largest_order", min = 6 }
expect_metric{ name = "unusable_index", order = 6, max = 700 }   -- thousandths (634 with
-- the default board's 16 MiB CMA area taken, 390 without one)
expect_metric{ name = "free_pages", min = 1000 }
expect_cycles{ max = 1000000000 }
