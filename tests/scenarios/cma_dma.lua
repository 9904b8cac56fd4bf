-- CMA allocation under fragmenting load while DMA runs.  cma.elf --dma
-- under --model full: page-cache pages (movable) spread over the 16 MiB CMA
-- pool, every other one is then dropped, while DMA1 channel 0 copies 64 KiB
-- buffers back to back; four dma_alloc_coherent() calls take 1 MiB each
-- from the pool, cma_alloc() migrating the page cache out of each range with
-- a copy running; the last copy lands in a coherent buffer.  Every copy and
-- every page-cache page must arrive intact, with no coherency finding.
-- (--leave=8000: the kernel's own allocations leave 8000 free pages for the
-- page cache, half the default: the same story in fewer cycles.)
-- expect-stdout: ^cma: [1-9][0-9]* page-cache pages migrated out of the pool's ranges$
-- expect-stdout: ^cma: [0-9]+ DMA copies checked \([0-9]+ KiB\), 0 bad words, 0 failed, [4-9] ran during cma_alloc\(\)$
-- expect-stdout: ^cma: PASS
scenario{ image = "cma.elf", args = { "--dma", "--leave=8000" }, model = "full" }

-- struct compact_stats (guest/mm/include/mm/compaction.h): pgmigrate_success
-- is its seventh unsigned long, as /proc/vmstat's pgmigrate_success.
local PGMIGRATE_SUCCESS = symbol_pa("compact_stats") + 6 * 4

-- The load: wait until movable pages hold a quarter of the pool.
local function pool_used()
  return frames()["CMA allocated"]
end
expect(run_until(function() return pool_used() >= 1024 end,
                 { every = 2000000, max = 400000000 }), "page cache spreads over the CMA pool")
local dma_then = report().board.dma1.bytes
expect(dma_then > 0, "DMA copies run while the pool fills")
local migrated_then = read32(PGMIGRATE_SUCCESS)
print(string.format("cycle %d: %d CMA frames allocated, %d DMA bytes so far", now(), pool_used(),
                    dma_then))

run_until("exit")
expect_exit(0)
expect_findings{ count = 0 }                           -- neither memory-model nor DMA kinds
local migrated = read32(PGMIGRATE_SUCCESS) - migrated_then
print("pages migrated since:", migrated)
expect(migrated >= 256, "cma_alloc() migrated at least 256 pages (got " .. migrated .. ")")
expect_counter{ path = "board.dma1.bytes", min = dma_then + 1048576 }   -- 16 copies more at least
expect_counter{ path = "board.dma1.errors", value = 0 }
expect_counter{ path = "board.dma1.tc_interrupts", min = 32 }
-- The copies and the CPU's migration traffic meet at the DRAM port.
expect_counter{ path = "memory_model.bus.masters.dma1.wait_cycles", min = 1 }
-- Three 1 MiB buffers stay allocated in the pool until exit.
expect(pool_used() >= 3 * 256, "the kept buffers are CMA frames")
expect_cycles{ max = 1500000000 }
