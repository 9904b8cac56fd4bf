-- A DMA transfer into an address with nothing behind it: the AHB error sets
-- the channel's error status, disables the channel and is counted, one
-- message names controller, channel and address; the guest runs on.
scenario{ image = "hello.elf", model = "timing" }

local dma0 = device("dma0")
local CONFIG, EN_CHAN, RAW_ERR_STATUS = 0x030, 0x01c, 0x018
at(2000000, function()
  reg_write(dma0 + CONFIG, 1)
  reg_write(dma0 + 0x100, 0x50000000)        -- source: RAM
  reg_write(dma0 + 0x104, 0x40000000)        -- destination: nothing there
  reg_write(dma0 + 0x108, 0)
  reg_write(dma0 + 0x10c, 2 << 18 | 2 << 21 | 1 << 26 | 1 << 27)  -- 32-bit, single beats
  reg_write(dma0 + 0x110, 64)
  reg_write(dma0 + 0x114, 1 | 1 << 14)       -- enable, error interrupt unmasked
end)
run_until(2000001)
expect(run_until(function() return reg_read(dma0 + EN_CHAN) & 1 == 0 end,
                 { every = 100, max = 3000000 }), "the channel is disabled by the error")
expect(reg_read(dma0 + RAW_ERR_STATUS) & 1 == 1, "channel 0's raw error status is set")
expect_counter{ path = "board.dma0.errors", value = 1 }
expect_counter{ path = "board.dma0.channels.0.errors", value = 1 }
run_until("exit")
expect_exit(0)
