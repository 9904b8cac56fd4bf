-- A soak: while hello.elf runs to its exit under --model timing, every
-- 10,000 cycles a seeded random word is written to a random place of an
-- unused 1 MiB of RAM; at the end the region must hold exactly what was
-- written, and the run must be the same as without the traffic.
scenario{ image = "hello.elf", model = "timing", seed = 20261203 }

local BASE, SIZE = 0x5f000000, 0x100000
local shadow, writes = {}, 0
every(10000, function()
  local off = math.random(0, SIZE // 4 - 1) * 4
  local v = math.random(0, 0xffffffff)
  write32(BASE + off, v)
  shadow[off] = v
  writes = writes + 1
end)

run_until("exit")
expect_exit(0)
expect(writes > 50000, "more than 50,000 random writes")
local bad = 0
for off, v in pairs(shadow) do
  if read32(BASE + off) ~= v then bad = bad + 1 end
end
expect(bad == 0, "every random word reads back")
expect_mem{ pa = BASE + 0, u32 = shadow[0] or 0 }
expect_findings{ count = 0 }
expect_cycles{ min = 500000000, max = 600000000 }
