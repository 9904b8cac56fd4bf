-- dmademo with dirty destination lines left in the D-cache during the copy
-- (--omit=wb): their write-back destroys what DMA wrote, writeback_over_dma.
scenario{ image = "dmademo.elf", args = { "--omit=wb" }, model = "full" }

run_until("exit")
expect_exit(0)
expect_findings{ kind = "writeback_over_dma", min = 1 }
