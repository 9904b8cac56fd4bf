-- Peripheral flow: a memory-to-peripheral channel of DMA0 moves data only
-- when its peripheral (request line 3, routed to DMA0 by SDMA_SEL) asks: the
-- scenario raises burst requests every 20,000 cycles, 8 times, and each
-- moves exactly one 4-beat burst of bytes.
scenario{ image = "hello.elf", model = "timing" }

local dma0 = device("dma0")
local SDMA_SEL = 0x7e00f110
local FIFO = 0x5f200000                     -- stands for the peripheral's data register
at(2000000, function()
  reg_write(SDMA_SEL, 0xffffff)              -- every request to DMA0/DMA1, as Linux does
  reg_write(dma0 + 0x030, 1)
  local c = dma0 + 0x100
  reg_write(c + 0x00, 0x5f000000)
  reg_write(c + 0x04, FIFO)
  reg_write(c + 0x08, 0)
  reg_write(c + 0x0c, 1 << 12 | 1 << 15 | 0 << 18 | 0 << 21 | 1 << 26)  -- 4-beat bursts of bytes, SI
  reg_write(c + 0x10, 4096)
  reg_write(c + 0x14, 1 | 3 << 6 | 1 << 11) -- enable, destination peripheral 3, memory to peripheral
end)
local raised = 0
every(20000, function()
  dma_request(0, 3, "burst", true)
  after(2000, function() dma_request(0, 3, "burst", false) end)
  raised = raised + 1
  return raised < 8
end, 2010000)
run_until(2010000 + 8 * 20000 + 5000)
expect(raised == 8, "8 burst requests raised")
expect_counter{ path = "board.dma0.channels.0.bytes", value = 8 * 4 }
expect(reg_read(dma0 + 0x01c) & 1 == 1, "the channel waits for more requests")
run_until("exit")
expect_exit(0)
