-- hello.elf under --model timing: the greeting, 100 timer interrupts, exit 0,
-- and no memory-model finding.
scenario{ image = "hello.elf", model = "timing" }

run_until("exit")
expect_exit(0)
expect_counter{ path = "exceptions.irq", min = 100 }
expect_cycles{ min = 500000000, max = 600000000 }   -- 100 ticks at 100 Hz, ~1 s at 533 MHz
expect_findings{ count = 0 }
-- The caches work: the loop's lines hit far more often than they miss.
local c = counters()
expect(c.dcache.read_hits > 10 * c.dcache.read_misses, "D-cache hits > 10x misses")
expect_counter{ path = "memory_model.icache.fills", min = 1 }
