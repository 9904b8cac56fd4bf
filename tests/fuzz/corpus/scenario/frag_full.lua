-- frag.elf under --model full: high-order allocations fail without compaction
-- and succeed with it.  At exit the Normal zone still has an order-6 block
-- or larger and little unusable free space at that order; no finding.
scenario{ image = "frag.elf", model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ count = 0 }
expect_metric{ name = "largest_order", min = 6 }
expect_metric{ name = "unusable_index", order = 6, max = 700 }   -- thousandths (634 with
-- the default board's 16 MiB CMA area taken, 390 without one)
expect_metric{ name = "free_pages", min = 1000 }
expect_cycles{ max = 1000000000 }
-- Virtual addresses through the guest's page tables: the lowmem alias at
-- 0xC0000000 maps the descriptor mm_abi to its physical address.
local pa = symbol_pa("mm_abi")
local va = 0xc0000000 + (pa - 0x50000000)
expect(virt_to_phys(va) == pa, "virt_to_phys(lowmem alias of mm_abi) = its pa")
expect(vread32(va) == read32(pa), "vread32 and read32 agree")
expect_mem{ va = va, bytes = read_bytes(pa, 64) }
