-- expect-status: 125
-- expect-stderr: (^|/)error_badarg\.lua:7: bad argument #1 \(at: a cycle count >= 0 is needed, got string\)
-- golden: none
-- A wrong argument names the argument and the function.
scenario{ image = "hello.elf" }

at("soon", function() end)
