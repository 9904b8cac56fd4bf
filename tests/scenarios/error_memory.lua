-- expect-status: 125
-- expect-stderr: (^|/)error_memory\.lua: the scenario's Lua code needed more than 512 MiB, its limit
-- golden: none
-- The Lua state's memory is bounded: a runaway table is an error, not the
-- host's memory.
local t = {}
for i = 1, 1e9 do t[i] = ("x"):rep(100000) .. i end
