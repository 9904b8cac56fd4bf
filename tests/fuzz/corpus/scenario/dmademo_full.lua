-- dmademo under --model full with every cache-maintenance call in place: 32
-- channels on the four PL080S controllers stream and verify data while the CPU
-- allocates and frees, with no coherency finding.  Leave one dma_sync or
-- dma_map call out of guest/workloads/dmademo.c and this scenario fails naming
-- the finding, its buffer (address and allocation) and the guest code.
scenario{ image = "dmademo.elf", model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ count = 0 }
