-- expect-status: 125
-- expect-stderr: (^|/)error_finalizer\.lua:7: setmetatable: a scenario cannot have finalizers
-- golden: none
-- Lua runs __gc with hooks off (and every pending one at the end): an
-- endless loop there would escape the budget, so finalizers are refused.
scenario{ image = "hello.elf" }
setmetatable({}, { __gc = function() while true do end end })
