-- expect-status: 125
-- expect-stderr: (^|/)error_loop\.lua:9: the scenario's Lua code ran [0-9]+ instructions, over its budget
-- golden: none
-- An endless loop in a callback is reported with its line, not a hang.
scenario{ image = "hello.elf", lua_budget = 1000000 }

every(1000, function()
  local i = 0
  while true do i = i + 1 end
end)
run_until("exit")
