-- expect-status: 125
-- expect-stderr: (^|/)error_rep_bomb\.lua:6: the scenario's Lua code ran [0-9]+ instructions, over its budget
-- golden: none
-- string.rep of an empty string loops once per copy inside one VM
-- instruction: the copies are charged to the budget, no hang.
local s = string.rep("", 1e18)
