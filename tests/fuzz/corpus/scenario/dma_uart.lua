-- A UART-paced transfer: DMA0 channel 0 feeds UART1's transmitter in
-- peripheral-flow mode (memory to peripheral, request line 2 of pair 0:
-- UART1 TX, routed to DMA0 by SDMA_SEL).  The UART asks for each byte as its
-- FIFO empties, so the transfer takes the line's time, not the bus's.
scenario{ image = "hello.elf", model = "timing" }

local uart0, uart1, dma0 = device("uart0"), device("uart1"), device("dma0")
local TEXT = "DMA to UART1, paced by the UART.\n"
local BUF = 0x5f000000
write_bytes(BUF, TEXT)

run_until(1000000)                                   -- the guest has set up UART0's clock
reg_write(uart1 + 0x28, reg_read(uart0 + 0x28))      -- UBRDIV: UART0's baud rate
reg_write(uart1 + 0x2c, reg_read(uart0 + 0x2c))      -- UDIVSLOT
reg_write(uart1 + 0x00, 0x03)                        -- ULCON: 8N1
reg_write(uart1 + 0x08, 0x00)                        -- UFCON: no FIFO, one byte at a time
reg_write(0x7e00f110, 0xffffff)                      -- SDMA_SEL: requests to DMA0/DMA1
reg_write(dma0 + 0x030, 1)
local c = dma0 + 0x100
reg_write(c + 0x00, BUF)
reg_write(c + 0x04, uart1 + 0x20)                    -- UTXH1
reg_write(c + 0x08, 0)
reg_write(c + 0x0c, 0 << 18 | 0 << 21 | 1 << 26)     -- bytes, single beats, source increments
reg_write(c + 0x10, #TEXT)
reg_write(c + 0x14, 1 | 2 << 6 | 1 << 11)            -- enable, destination peripheral 2, m2p
local started = now()
reg_write(uart1 + 0x04, 2 << 2)                      -- UCON: transmit by DMA
expect(run_until(function() return reg_read(dma0 + 0x01c) & 1 == 0 end,
                 { every = 1000, max = started + 100000000 }), "the transfer ends")
local took = now() - started
print(string.format("%d bytes in %d cycles", #TEXT, took))
expect_counter{ path = "board.dma0.channels.0.bytes", value = #TEXT }
-- At 115200 baud a byte (10 bits) takes ~46,000 cycles of 533 MHz: the
-- transfer is paced by the line, hundreds of times slower than the bus.
expect(took > (#TEXT - 2) * 40000, "the UART paces the transfer")
run_until("exit")
expect_exit(0)
