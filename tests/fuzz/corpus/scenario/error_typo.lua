-- expect-status: 125
-- expect-stderr: (^|/)error_typo\.lua:8: unknown name 'expect_exitt'
-- golden: none
-- A misspelt API name is an error naming it, not a silent nil.
scenario{ image = "hello.elf" }

run_until("exit")
expect_exitt(0)
