scenario{ image = "hello.elf", lua_budget = 100000000000 }
every(1, function() while true do end end)
run_until("exit")
