-- hello.elf under --model none: the greeting, 100 timer interrupts, exit 0,
-- and no memory-model finding.
scenario{ image = "hello.elf", model = "none" }

run_until("exit")
expect_exit(0)
expect_counter{ path = "exceptions.irq", min = 100 }
expect_cycles{ min = 500000000, max = 600000000 }   -- 100 ticks at 100 Hz, ~1 s at 533 MHz
expect_findings{ count = 0 }
-- Device registers through the board's bus: the guest set UART0 to 8N1.
local uart0 = device("uart0")
expect(uart0 == 0x7f005000, "UART0 at 0x7f005000")
expect(reg_read(uart0 + 0x00) == 0x03, "ULCON0 reads 8N1 (0x03)")
