-- dmademo writing the source while the transfer from it is in flight
-- (--omit=wait): cpu_write_in_flight (start_copy); the guest's own check
-- sees the race too and exits 1.
scenario{ image = "dmademo.elf", args = { "--omit=wait" }, model = "full" }

run_until("exit")
expect_exit(1)
expect_findings{ kind = "cpu_write_in_flight", min = 1 }
