-- expect-status: 125
-- expect-stderr: (^|/)error_move_bomb\.lua:7: the scenario's Lua code ran [0-9]+ instructions, over its budget
-- golden: none
-- table.remove shifts as many slots as __len claims, inside one call.
local t = setmetatable({}, { __len = function() return 1 << 50 end })
table.move({}, 1, 10, 2) -- small: fine
table.remove(t, 1)
