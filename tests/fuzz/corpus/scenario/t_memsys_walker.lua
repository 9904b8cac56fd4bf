-- t_memsys's walker scenarios under --model full: a page-table store left
-- dirty in the D-cache is found exactly once (walker_bad); cleaned, never
-- (walker_ok).  The finding names the walk's address and the code.
scenario{ image = "t_memsys.elf", args = { "walker_bad" }, model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ kind = "walker_coherency", count = 1 }
expect_findings{ kind = "stale_tlb", count = 0 }
local n, list = findings("walker_coherency")
expect(n == 1 and list[1].symbol ~= nil, "the finding names a symbol")
