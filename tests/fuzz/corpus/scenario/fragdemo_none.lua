-- fragdemo.elf's first 3*10^8 cycles without the memory model: memory
-- fills; the metrics are read while it runs, from a condition and at a
-- fixed cycle, and the heatmap of that instant is written.
scenario{ image = "fragdemo.elf", model = "none" }

-- Wait until the buddy allocator is up and a quarter of RAM is in use.
local function filling()
  local mt = metrics()
  return mt.valid and mt.zones.Normal and mt.zones.Normal.free_pages < 3 * 65536 // 4
end
expect(run_until(filling, { every = 5000000, max = 300000000 }), "RAM fills within 3*10^8 cycles")
local filled_at = now()
expect_cycles{ max = 300000000 }

run_until(300000000)
expect(not exited(), "fragdemo still runs at cycle 3*10^8")
expect_metric{ name = "free_pages", max = 3 * 65536 // 4 }
expect(frames().movable > 0, "movable pages exist")
heatmap_png("fragdemo-3e8.png")
print(string.format("filled at cycle %d", filled_at))
