-- expect-status: 125
-- expect-stderr: (^|/)error_sandbox.lua:10: unknown name 'os'
-- golden: none
-- A scenario is data: the host's os, io, package and file loading are not
-- there.
for _, name in ipairs{ "io", "os", "package", "debug", "dofile", "loadfile", "load", "require" } do
  assert(rawget(_G, name) == nil, name)
end
scenario{ image = "hello.elf" }
os.exit(0)
