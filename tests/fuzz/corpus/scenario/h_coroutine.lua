scenario{ image = "hello.elf", max_cycles = 200000 }
local co = coroutine.wrap(function() run_until(1000) end)
print(pcall(co))
local c2 = coroutine.create(function() while true do coroutine.yield(now()) end end)
at(100, function() print(coroutine.resume(c2)); run_until(5) end)
every(50, function() coroutine.wrap(function() at(10, print) end)() end)
print(run_until("exit"))
