-- frag.elf on a board given as a DTS (compiled with dtc when the scenario
-- starts): the OK6410A with a 976 MiB vmalloc area, so lowmem shrinks and
-- the page allocator gets a HighMem zone.  frag still passes.
scenario{ board = "../guest/ok6410a-highmem.dts", image = "frag.elf", model = "none" }

run_until("exit")
expect_exit(0)
local zones = metrics().zones
expect(zones.HighMem ~= nil and zones.HighMem.present > 0, "a populated HighMem zone")
expect_metric{ name = "free_pages", zone = "HighMem", min = 1 }
