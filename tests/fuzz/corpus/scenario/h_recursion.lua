scenario{ image = "hello.elf", max_cycles = 100000 }
local function f(n) return f(n + 1) + 1 end
print(pcall(f, 1))
local t = setmetatable({}, { __index = function(t, k) return t[k + 1] end })
print(pcall(function() return t[1] end))
local s = string.rep("(", 300) .. "1" .. string.rep(")", 300)
print(pcall(function() return #s end))
