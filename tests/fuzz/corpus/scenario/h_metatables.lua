scenario{ image = "hello.elf", max_cycles = 100000 }
local evil = setmetatable({}, { __index = function() error("boom") end, __len = function() return 1e15 end,
  __tostring = function() return {} end, __eq = function() return true end })
print(pcall(table.concat, evil))
print(pcall(table.insert, evil, 1, 2))
print(pcall(table.remove, evil, 1))
print(pcall(table.move, {}, 1, math.maxinteger, 2))
print(pcall(table.sort, evil))
print(pcall(expect_counter, evil))
print(pcall(scenario, evil))
print(pcall(run_until, evil))
print(pcall(at, evil, evil))
debug = nil
setmetatable(_G, nil)
print(undefined_name)
