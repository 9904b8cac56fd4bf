-- t_memsys's sequential-read probe under --model timing: 8 KiB read twice
-- after clean+invalidate, 256 lines miss once (worked out in t_memsys.c).
scenario{ image = "t_memsys.elf", args = { "seq" }, model = "timing" }

run_until("exit")
expect_exit(0)
expect_counter{ path = "memory_model.probes.seq.reads", value = 4096 }
expect_counter{ path = "memory_model.probes.seq.read_misses", value = 256 }
expect_counter{ path = "memory_model.probes.seq.read_hits", value = 3840 }
