-- A soak of 10^8 cycles of seeded random DMA traffic while hello.elf runs:
-- every 50,000 cycles an idle channel of a random controller copies a
-- random-sized block (4..4096 bytes, random width and burst) of fresh random
-- data; when the channel is next picked, the previous copy must have landed.
scenario{ image = "hello.elf", model = "timing", seed = 100000000 }

local names = { "dma0", "dma1", "sdma0", "sdma1" }
local base = {}
for i, n in ipairs(names) do base[i] = device(n) end
local pending, copies, checked, bad = {}, 0, 0, 0

local function slot(k, ch) return 0x5e000000 + ((k - 1) * 8 + ch) * 0x4000 end

every(50000, function()
  local k, ch = math.random(1, 4), math.random(0, 7)
  local c = base[k] + 0x100 + 0x20 * ch
  if reg_read(base[k] + 0x01c) & (1 << ch) ~= 0 then return end   -- still busy
  local p = pending[k * 8 + ch]
  if p then
    checked = checked + 1
    if read_bytes(p.dst, #p.data) ~= p.data then bad = bad + 1 end
  end
  local w = math.random(0, 2)                 -- 8, 16, 32-bit beats
  local n = math.random(1, 4096 >> w)         -- beats
  local src, dst = slot(k, ch), slot(k, ch) + 0x200000
  local data = {}
  for i = 1, (n << w) // 4 + 1 do data[i] = string.pack("<I4", math.random(0, 0xffffffff)) end
  data = table.concat(data):sub(1, n << w)
  write_bytes(src, data)
  reg_write(base[k] + 0x030, 1)
  reg_write(c + 0x00, src)
  reg_write(c + 0x04, dst)
  reg_write(c + 0x08, 0)
  reg_write(c + 0x0c, math.random(0, 7) << 12 | math.random(0, 7) << 15 | w << 18 | w << 21 |
                      1 << 26 | 1 << 27)
  reg_write(c + 0x10, n)
  reg_write(c + 0x14, 1)
  pending[k * 8 + ch] = { dst = dst, data = data }
  copies = copies + 1
end)

run_until(100000000)
print(string.format("%d copies started, %d checked, %d bad", copies, checked, bad))
expect(copies > 1500, "more than 1500 random transfers")
expect(checked > 1000 and bad == 0, "every checked copy landed intact")
expect_counter{ path = "board.dma0.errors", value = 0 }
expect_counter{ path = "board.sdma1.errors", value = 0 }
