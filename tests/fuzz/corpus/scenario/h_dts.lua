scenario{ board = "x.dts", image = "hello.elf" }
