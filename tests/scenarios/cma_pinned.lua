-- CMA allocation refused by a pinned page, while DMA runs.  cma.elf --dma
-- --pin under --model full: with page cache spread over the pool and
-- DMA1 copying, one page-cache page in the middle of the pool is pinned
-- (a reference and PG_pinned, as pin_user_pages() leaves it) and a 12 MiB
-- coherent buffer asked for.  Every 1 MiB-aligned candidate range holds the
-- page: cma_alloc() fails with -EBUSY, reported as Linux reports it (the
-- busy PFN range and the page dumped per attempt, then the failure with
-- the request size and errno, and the pool's free ranges).  Unpinned, the
-- same request succeeds by migrating; the 1 MiB buffers follow as usual.
-- (--leave=8000 as in cma_dma.lua.)
-- expect-stdout: ^alloc_contig_range: \[[0-9a-f]+, [0-9a-f]+\) PFNs busy$
-- expect-stdout: ^page dumped because: pinned$
-- expect-stdout: ^cma_alloc: linux,cma: alloc failed, req-size: 3072 pages, ret: -16$
-- expect-stdout: ^number of available pages: .*=> [0-9]+ free of 4096 total pages$
-- expect-stdout: ^ok [0-9]+ - a 12 MiB buffer over the pinned page is refused$
-- expect-stdout: ^ok [0-9]+ - unpinned, the 12 MiB buffer is allocated
-- expect-stdout: ^cma: PASS
scenario{ image = "cma.elf", args = { "--dma", "--pin", "--leave=8000" }, model = "full" }

local PGMIGRATE_SUCCESS = symbol_pa("compact_stats") + 6 * 4

run_until("exit")
expect_exit(0)
expect_findings{ count = 0 }
-- The refused attempts migrate too (as Linux's do before the range test
-- fails), and the unpinned 12 MiB request moves most of the pool's page cache.
expect(read32(PGMIGRATE_SUCCESS) >= 1000, "at least 1000 pages migrated (got " ..
       read32(PGMIGRATE_SUCCESS) .. ")")
expect_counter{ path = "board.dma1.bytes", min = 2 * 1048576 }
expect_counter{ path = "board.dma1.errors", value = 0 }
expect_counter{ path = "memory_model.bus.masters.dma1.wait_cycles", min = 1 }
expect_cycles{ max = 2000000000 }
