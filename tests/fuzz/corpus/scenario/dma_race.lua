-- DMA racing the CPU under --model full.  A copy between buffers the CPU
-- never touched gives no finding (nothing to maintain).  A DMA read of the
-- guest's `jiffies`, which the timer interrupt keeps dirty in the D-cache,
-- is a missing clean (missing_clean); after a DMA write over it, the
-- next timer interrupt reads jiffies from its stale line (missing_invalidate).  Each finding
-- names the address, and the failure message of a wrong expectation names
-- the finding, the line and the code.
scenario{ image = "hello.elf", model = "full" }

local dma0 = device("dma0")
local function copy(ch, src, dst, bytes)
  local c = dma0 + 0x100 + 0x20 * ch
  reg_write(dma0 + 0x030, 1)
  reg_write(c + 0x00, src)
  reg_write(c + 0x04, dst)
  reg_write(c + 0x08, 0)
  reg_write(c + 0x0c, 2 << 18 | 2 << 21 | 1 << 26 | 1 << 27)   -- 32-bit single beats
  reg_write(c + 0x10, bytes // 4)
  reg_write(c + 0x14, 1)
end
local function idle()
  return reg_read(dma0 + 0x01c) == 0
end

-- 1. Clean buffers: no finding.
run_until(50000000)
copy(0, 0x5f000000, 0x5f100000, 4096)
expect(run_until(idle, { every = 100, max = now() + 1000000 }), "the clean copy ends")
expect_findings{ count = 0 }

-- 2. The CPU holds jiffies dirty: DMA reads stale memory.
local jiffies = symbol_pa("jiffies")
run_until(100000000)
copy(1, jiffies & ~31, 0x5f200000, 32)
expect(run_until(idle, { every = 100, max = now() + 1000000 }), "the read of jiffies ends")
expect_findings{ kind = "missing_clean", count = 1 }
local n, list = findings("missing_clean")
expect(n == 1 and list[1].pa == string.format("0x%08x", jiffies), "the finding names jiffies, the dirty word read")

-- 3. DMA writes over the cached line, and the CPU goes on reading it.
copy(2, 0x5f000000, jiffies & ~31, 32)
expect(run_until(idle, { every = 100, max = now() + 1000000 }), "the write over jiffies ends")
run_until(now() + 10000000)
expect_findings{ kind = "missing_invalidate", count = 1 }
n, list = findings("missing_invalidate")
expect(n == 1 and list[1].pa == string.format("0x%08x", jiffies), "the stale read is of jiffies")
