print(pcall(string.rep, "", 1e18))
print(pcall(string.rep, "x", 1e9))
print(pcall(string.rep, "x", 1e5, ("y"):rep(1e5)))
