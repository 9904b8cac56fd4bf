-- golden: none
-- Before the first run_until the core is not made yet: looking at memory by
-- virtual address sees the reset state (MMU off, so virtual = physical)
-- instead of crashing the emulator, and the library's bounded string and
-- table functions still do their ordinary work.
scenario{ image = "hello.elf", model = "none" }
local pa = symbol_pa("main")
expect(vread32(pa) == read32(pa), "vread32 before the first run reads physical memory")
expect(virt_to_phys(pa) == pa, "virt_to_phys before the first run is the identity")
expect(("x = 12, y = 34"):gsub("(%w+) = (%d+)", "%2=%1") == "12=x, 34=y", "gsub")
expect(select(2, string.find("hello world", "o w", 1, true)) == 7, "plain find")
local t = { 3, 1, 2 }
table.sort(t)
table.insert(t, 1, 0)
expect(table.concat(t, ",") == "0,1,2,3", "table functions")
expect(#string.rep("ab", 1000, ",") == 2999, "string.rep")
run_until("exit")
expect_exit(0)
