-- expect-status: 125
-- expect-stderr: (^|/)error_runtime\.lua:9: attempt to perform arithmetic on a nil value
-- golden: none
-- A runtime error inside an at() callback stops the run: status 125 and the
-- callback's FILE:LINE.
scenario{ image = "hello.elf" }

at(100000, function()
  local x = nil + 1
end)
run_until("exit")
expect_exit(0)
