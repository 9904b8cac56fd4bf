-- expect-status: 125
-- expect-stderr: (^|/)error_pattern_bomb\.lua:7: the scenario's Lua code ran [0-9]+ instructions, over its budget
-- golden: none
-- A pattern that backtracks for hours inside one call is charged its bound
-- before it runs.
local s = ("a"):rep(20000)
print(s:find(".-.-.-.-b"))
