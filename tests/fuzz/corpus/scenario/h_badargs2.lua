scenario{ image = "hello.elf", model = "full", max_cycles = 50000, seed = -3, args = { "a", 2 } }
for _, f in ipairs{ read8, read16, read32, write8, write32, vread32, vwrite8, read_bytes, write_bytes,
    vread_bytes, virt_to_phys, symbol, symbol_pa, symbolize, reg_read, reg_write, device,
    dma_request, report, counters, findings, frames, metrics, heatmap_png, expect, expect_exit,
    expect_stop, expect_findings, expect_cycles, expect_metric, expect_counter, expect_mem,
    at, after, every, cancel, run_until, now, ns, exited, stop_reason, exit_code, seed } do
  print(pcall(f))
  print(pcall(f, -1, {}, "x"))
  print(pcall(f, 0x7fffffff, 0xffffffff, 1e300))
  print(pcall(f, { pa = 0x50000000, u32 = 1, min = 1, max = 0, kind = 3 }))
  print(pcall(f, "uart0", 16, function() end))
end
print(pcall(read_bytes, 0x50000000, 0x1000000))
print(pcall(heatmap_png, "/tmp/x.png"))
print(pcall(run_until, function() return now() > 1000 end, { every = 1, max = 20000 }))
print(pcall(cancel, 99))
