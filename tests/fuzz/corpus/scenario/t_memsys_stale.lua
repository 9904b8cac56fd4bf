-- t_memsys's stale-TLB scenario under --model full: a descriptor changed
-- without a TLB invalidate is used once (stale_tlb = 1).
scenario{ image = "t_memsys.elf", args = { "stale_bad" }, model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ kind = "stale_tlb", count = 1 }
expect_findings{ kind = "walker_coherency", count = 0 }
