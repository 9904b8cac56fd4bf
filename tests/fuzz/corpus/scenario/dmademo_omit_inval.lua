-- dmademo without the destination's invalidations (--omit=inval): the CPU
-- reads lines DMA overwrote, missing_invalidate (finish_copy).
scenario{ image = "dmademo.elf", args = { "--omit=inval" }, model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ kind = "missing_invalidate", min = 1 }
