local s = string.rep("a", 5000)
print(pcall(string.find, s, ".-.-.-.-.-.-b"))
print(pcall(string.match, s, "(a*)*b"))
print(pcall(string.gsub, s, "a-a-a-a-$", "x"))
print(pcall(string.find, s, string.rep("a?", 100) .. string.rep("a", 100)))
for w in s:gmatch("%ba.-.-.-b") do end
print(pcall(string.find, s, "[%a-z]+%f[%z]%1"))
