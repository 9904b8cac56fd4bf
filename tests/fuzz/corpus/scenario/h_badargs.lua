scenario{ image = "hello.elf", max_cycles = -1 }
