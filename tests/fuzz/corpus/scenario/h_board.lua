scenario{ board = "/dev/zero.dtb", image = "../../../../etc/passwd" }
