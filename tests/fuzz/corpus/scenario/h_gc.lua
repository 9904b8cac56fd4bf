local t = setmetatable({}, { __gc = function() while true do end end, __mode = "k" })
t = nil
local x = {}
for i = 1, 1e5 do x[i] = setmetatable({}, { __gc = function(o) x[#x + 1] = o end }) end
