-- hello.elf under --model full: the greeting, 100 timer interrupts, exit 0,
-- and no memory-model finding.
scenario{ image = "hello.elf", model = "full" }

run_until("exit")
expect_exit(0)
expect_counter{ path = "exceptions.irq", min = 100 }
expect_cycles{ min = 500000000, max = 600000000 }   -- 100 ticks at 100 Hz, ~1 s at 533 MHz
expect_findings{ count = 0 }
