-- expect-status: 125
-- expect-stderr: (^|/)error_syntax\.lua:8: '\)' expected \(to close '\(' at line 7\) near 'expect_exit'
-- golden: none
-- A syntax error: status 125 and FILE:LINE: message.
scenario{ image = "hello.elf" }

run_until("exit"
expect_exit(0)
