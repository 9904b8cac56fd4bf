-- Two channels of DMA0 started together: channel 0 (higher priority, the
-- lower number) wins every arbitration and finishes first; together they
-- take about the time of both transfers back to back (one AHB master).
scenario{ image = "hello.elf", model = "timing" }

local dma0 = device("dma0")
local SIZE = 16384
local function start(ch, src, dst)
  local c = dma0 + 0x100 + 0x20 * ch
  reg_write(c + 0x00, src)
  reg_write(c + 0x04, dst)
  reg_write(c + 0x08, 0)
  reg_write(c + 0x0c, 3 << 12 | 3 << 15 | 2 << 18 | 2 << 21 | 1 << 26 | 1 << 27)
  reg_write(c + 0x10, SIZE // 4)
  reg_write(c + 0x14, 1)
end
local done = {}
at(2000000, function()
  reg_write(dma0 + 0x030, 1)
  start(1, 0x5f000000, 0x5f800000)           -- the lower priority first
  start(0, 0x5f100000, 0x5f900000)
end)
every(100, function(now)
  local en = reg_read(dma0 + 0x01c)
  for ch = 0, 1 do
    if now > 2000000 and not done[ch] and en & (1 << ch) == 0 then done[ch] = now end
  end
  if done[0] and done[1] then return false end
end, 2000000)
run_until(function() return done[0] ~= nil and done[1] ~= nil end, { every = 1000, max = 20000000 })
print("channel 0 done at", done[0], "channel 1 at", done[1])
expect(done[0] < done[1], "channel 0 (higher priority) finishes first")
expect(done[1] - 2000000 < 2 * (done[0] - 2000000) + 2000, "both take about twice one transfer")
expect_counter{ path = "board.dma0.channels.0.bytes", value = SIZE }
expect_counter{ path = "board.dma0.channels.1.bytes", value = SIZE }
run_until("exit")
expect_exit(0)
