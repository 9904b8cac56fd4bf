-- Host-programmed memory-to-memory copy on each of the four PL080S
-- controllers while hello.elf runs, registers written as a driver would.
scenario{ image = "hello.elf", model = "timing", seed = 7 }

-- PL080S registers (S3C6410 user's manual, DMA chapter; Linux amba/pl080.h)
local CONFIG, EN_CHAN, INT_TC_STATUS = 0x030, 0x01c, 0x004
local function CH(n) return 0x100 + 0x20 * n end
local SRC, DST, LLI, CONTROL0, CONTROL1, CCONFIG = 0x00, 0x04, 0x08, 0x0c, 0x10, 0x14
local function control0(sbsize, dbsize, swidth, dwidth, si, di, irq)
  return sbsize << 12 | dbsize << 15 | swidth << 18 | dwidth << 21 |
         (si and 1 << 26 or 0) | (di and 1 << 27 or 0) | (irq and 1 << 31 or 0)
end

local SIZE = 4096
for i, name in ipairs{ "dma0", "dma1", "sdma0", "sdma1" } do
  local base = device(name)
  expect(base ~= nil, name .. " is on the bus")
  local src, dst = 0x5f000000 + (i - 1) * 0x10000, 0x5f800000 + (i - 1) * 0x10000
  local data = {}
  for k = 1, SIZE // 4 do data[k] = string.pack("<I4", math.random(0, 0xffffffff)) end
  data = table.concat(data)
  write_bytes(src, data)
  at(1000000 * i, function()
    reg_write(base + CONFIG, 1)                         -- controller on
    reg_write(base + CH(0) + SRC, src)
    reg_write(base + CH(0) + DST, dst)
    reg_write(base + CH(0) + LLI, 0)
    reg_write(base + CH(0) + CONTROL0, control0(3, 3, 2, 2, true, true, false)) -- 16-beat, 32-bit
    reg_write(base + CH(0) + CONTROL1, SIZE // 4)      -- in source-width units
    reg_write(base + CH(0) + CCONFIG, 1)                -- enable, memory to memory
  end)
  run_until(1000000 * i + 1)
  local started = now()
  expect(run_until(function() return reg_read(base + EN_CHAN) & 1 == 0 end,
                   { every = 100, max = started + 10000000 }), name .. " channel 0 finishes")
  print(name, "copied 4 KiB in", now() - started, "cycles")
  expect_mem{ pa = dst, bytes = data }
  expect_counter{ path = "board." .. name .. ".bytes", min = SIZE }
end
run_until("exit")
expect_exit(0)
