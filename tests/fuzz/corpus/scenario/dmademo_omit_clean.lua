-- dmademo without the clean before DMA reads the source (--omit=clean): the
-- device reads stale DRAM, missing_clean on DMA0 channel 0, naming the store
-- that dirtied the line (fill_source).
scenario{ image = "dmademo.elf", args = { "--omit=clean" }, model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ kind = "missing_clean", min = 1 }
