/* SPDX-License-Identifier: MIT */
/*
 * options.c - the command line: getopt_long over our options and the
 * heatmap's, one line per mistake.
 */
#include "emu/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emu/log.h"
#include "emu/number.h"
#include "emu/status.h"
#include "soc/s3c6410/board.h"

#ifndef S3C6410_EMU_VERSION
#define S3C6410_EMU_VERSION "unknown"
#endif

enum {
	OPT_WATCHDOG = 0x100,
	OPT_TRACE_EXCEPTIONS,
	OPT_MODEL,
	OPT_SCENARIO,
	OPT_TRACE,
	OPT_TRACE_WINDOW,
	OPT_TRACE_MAX,
	OPT_TRACE_INTERVAL,
	OPT_NO_UC_FASTPATH,
	OPT_SEMIHOSTING_ROOT,
	OPT_KERNEL,
	OPT_INITRD,
	OPT_APPEND,
	OPT_SYMBOLS,
	OPT_COHERENCY,
	OPT_FAIL_ON_COHERENCY,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "board", required_argument, NULL, 'b' },
	{ "dtb", required_argument, NULL, 'd' },
	{ "max-cycles", required_argument, NULL, 'm' },
	{ "stats", no_argument, NULL, 's' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "report", required_argument, NULL, 'r' },
	{ "watchdog", required_argument, NULL, OPT_WATCHDOG },
	{ "trace-exceptions", no_argument, NULL, OPT_TRACE_EXCEPTIONS },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "scenario", required_argument, NULL, OPT_SCENARIO },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "trace-window", required_argument, NULL, OPT_TRACE_WINDOW },
	{ "trace-max-events", required_argument, NULL, OPT_TRACE_MAX },
	{ "trace-interval", required_argument, NULL, OPT_TRACE_INTERVAL },
	{ "no-uc-fastpath", no_argument, NULL, OPT_NO_UC_FASTPATH },
	{ "semihosting-root", required_argument, NULL, OPT_SEMIHOSTING_ROOT },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "append", required_argument, NULL, OPT_APPEND },
	{ "symbols", required_argument, NULL, OPT_SYMBOLS },
	{ "coherency", required_argument, NULL, OPT_COHERENCY },
	{ "fail-on-coherency", no_argument, NULL, OPT_FAIL_ON_COHERENCY },
	HEATMAP_LONG_OPTIONS, /* mm/heatmap.h */
	{ NULL, 0, NULL, 0 },
};

void options_usage(FILE *f)
{
	fprintf(f,
		"Usage: s3c6410-emu [OPTIONS] IMAGE.elf [GUEST-ARGS...]\n"
		"       s3c6410-emu [OPTIONS] --scenario FILE.lua\n"
		"       s3c6410-emu [OPTIONS] --kernel zImage [--initrd FILE] [--append ARGS]\n"
		"Run an ARM1176 ELF image or a Linux kernel on an emulated Samsung S3C6410\n"
		"(Forlinx OK6410A).\n"
		"\n"
		"Linux boot (as Linux's boot loaders do; the device tree's /chosen says where):\n"
		"      --kernel FILE        boot a Linux zImage or Image, placed at RAM + 0x8000\n"
		"      --initrd FILE        initramfs, placed under the device tree at the top of RAM\n"
		"      --append ARGS        kernel command line (/chosen/bootargs)\n"
		"      --symbols FILE       name guest PCs from this ELF's symbols (a kernel's vmlinux)\n"
		"\n"
		"Board:\n"
		"  -b, --board NAME         built-in board: %s (default ok6410a)\n"
		"  -d, --dtb FILE           board device tree blob (overrides --board)\n"
		"      --watchdog ACTION    on watchdog expiry: reset (default) or exit\n"
		"\n"
		"Run control and output:\n"
		"  -m, --max-cycles N       stop after N ARMCLK cycles (k, M, G suffixes: 10^3, 10^6, 10^9)\n"
		"  -s, --stats              print statistics to stderr at exit\n"
		"  -r, --report FILE.json   write a machine-readable summary of the run\n"
		"  -q, --quiet              no informational messages (guest output and errors remain)\n"
		"      --trace-exceptions   log every exception the core takes\n"
		"      --no-uc-fastpath     let every guest store build Unicorn 2.0.1's page collection\n"
		"                             (as the library alone does; slower; also\n"
		"                             S3C6410_EMU_NO_UC_FASTPATH=1)\n"
		"      --model MODE         memory-path model (TLBs, caches, DRAM, cycle costs):\n"
		"                             none    no model: Unicorn and the machine's block hook\n"
		"                                     (1 cycle per instruction, timers) (default)\n"
		"                             timing  TLBs, L1 caches, write buffer, DRAM and their\n"
		"                                     cycles; counters in --stats and --report\n"
		"                             full    timing plus checks: stale TLB entries, table\n"
		"                                     walks reading dirty lines, DMA coherency\n"
		"                             verify  full plus a check of every load and abort\n"
		"                                     against the model (slow; for testing it)\n"
		"      --scenario FILE.lua  run a Lua scenario: it names board, image, model and\n"
		"                           drives the run (docs/scenarios.md); exit status 0 when\n"
		"                           every expectation holds, 120 when one fails\n"
		"      --trace FILE.json    Chrome/Perfetto trace: IRQ lines, exceptions, cache\n"
		"                           counters, findings (open in ui.perfetto.dev)\n"
		"      --trace-window S:E   keep trace events of cycles [S, E) only\n"
		"      --trace-max-events N keep at most N events, the newest (default 1M)\n"
		"      --trace-interval N   sample counters every N cycles (default 1M)\n"
		"      --semihosting-root DIR  the directory semihosting file calls are confined\n"
		"                           to (default: the current directory); '/' gives the\n"
		"                           guest the whole host filesystem, as QEMU does\n"
		"      --coherency MODE     DMA against the D-cache (needs --model full/verify):\n"
		"                             report  find missing cleans/invalidates, write-backs\n"
		"                                     over DMA data, CPU writes to buffers in flight\n"
		"                                     (default with --model full)\n"
		"                             strict  report, and DMA reads what DRAM holds, not the\n"
		"                                     CPU's dirty lines, as a real board does\n"
		"                             off     no coherency checks\n"
		"      --fail-on-coherency  exit with status 123 when there was any coherency finding\n"
		"  -h, --help               show this help\n"
		"  -V, --version            show the version\n"
		"\n",
		board_builtin_names());
	heatmap_usage(f); /* mm/heatmap.c */
	fprintf(f,
		"The guest console (UART0) and semihosting output go to stdout; the emulator's\n"
		"messages go to stderr. GUEST-ARGS form the guest's command line (SYS_GET_CMDLINE).\n"
		"\n"
		"Exit status:\n"
		"  0-123  the guest's own exit code (semihosting SYS_EXIT / SYS_EXIT_EXTENDED)\n"
		"  123    also: --fail-on-coherency and at least one coherency finding\n"
		"  124    --max-cycles reached before the guest exited\n"
		"  125    bad option, unreadable or invalid image or device tree, an output\n"
		"         that cannot be written, or the host out of memory\n"
		"  126    the guest crashed: exception without a handler, abort loop, deadlock\n"
		"  120    --scenario: an expectation failed (each is printed as FILE:LINE)\n"
		"  125    ... or a scenario script error (FILE:LINE: message)\n"
		"  127    the watchdog expired (with --watchdog=exit)\n");
}

int options_parse(struct options *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof(*o));
	heatmap_options_init(&o->heatmap);
	trace_options_init(&o->trace);
	o->coherency = COHERENCY_REPORT;
	o->machine.watchdog = WATCHDOG_RESET;
	opterr = 0; /* our own one-line messages */
	optind = 1;
	/* '+': options stop at the image; what follows is the guest's. */
	while ((c = getopt_long(argc, argv, "+:hVb:d:m:sqr:", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			options_usage(stdout);
			return 1;
		case 'V': {
			unsigned major, minor;

			uc_version(&major, &minor);
			printf("s3c6410-emu %s (Unicorn Engine %u.%u)\n", S3C6410_EMU_VERSION, major,
			       minor);
			return 1;
		}
		case 'b':
			o->machine.board_name = optarg;
			break;
		case 'd':
			o->machine.dtb_path = optarg;
			break;
		case 'm':
			if (!parse_count(optarg, &o->machine.max_cycles) ||
			    !o->machine.max_cycles) {
				log_error("--max-cycles: '%s' is not a positive cycle count", optarg);
				return -1;
			}
			break;
		case 's':
			o->stats = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'r':
			o->report_path = optarg;
			break;
		case OPT_WATCHDOG:
			if (strcmp(optarg, "reset") == 0) {
				o->machine.watchdog = WATCHDOG_RESET;
			} else if (strcmp(optarg, "exit") == 0) {
				o->machine.watchdog = WATCHDOG_EXIT;
			} else {
				log_error("--watchdog: '%s' is neither 'reset' nor 'exit'", optarg);
				return -1;
			}
			break;
		case OPT_TRACE_EXCEPTIONS:
			o->machine.trace_exceptions = true;
			break;
		case OPT_NO_UC_FASTPATH:
			o->machine.no_uc_fastpath = true;
			break;
		case OPT_MODEL:
			if (!memsys_parse_mode(optarg, &o->model)) {
				log_error("--model: '%s' is not none, timing, full or verify", optarg);
				return -1;
			}
			o->model_given = true;
			break;
		case OPT_SCENARIO:
			o->scenario_path = optarg;
			break;
		case OPT_TRACE:
			o->trace.path = optarg;
			break;
		case OPT_TRACE_WINDOW:
			if (!trace_parse_window(&o->trace, optarg)) {
				log_error("--trace-window: '%s' is not START:END in cycles, START < END", optarg);
				return -1;
			}
			break;
		case OPT_TRACE_MAX:
			if (!parse_count(optarg, &o->trace.max_events) || !o->trace.max_events) {
				log_error("--trace-max-events: '%s' is not a positive count", optarg);
				return -1;
			}
			break;
		case OPT_TRACE_INTERVAL:
			if (!parse_count(optarg, &o->trace.interval) || !o->trace.interval) {
				log_error("--trace-interval: '%s' is not a positive cycle count", optarg);
				return -1;
			}
			break;
		case OPT_SEMIHOSTING_ROOT: {
			struct stat st;

			if (stat(optarg, &st) != 0 || !S_ISDIR(st.st_mode)) {
				log_error("--semihosting-root: '%s' is not a directory", optarg);
				return -1;
			}
			o->machine.semihosting_root = optarg;
			break;
		}
		case OPT_KERNEL:
			o->machine.image_path = optarg;
			o->machine.image_is_kernel = true;
			break;
		case OPT_INITRD:
			o->machine.initrd_path = optarg;
			break;
		case OPT_APPEND:
			o->machine.append = optarg;
			break;
		case OPT_SYMBOLS:
			o->machine.symbols_path = optarg;
			break;
		case OPT_COHERENCY:
			if (!coherency_parse_mode(optarg, &o->coherency)) {
				log_error("--coherency: '%s' is not report, strict or off", optarg);
				return -1;
			}
			o->coherency_given = true;
			break;
		case OPT_FAIL_ON_COHERENCY:
			o->fail_on_coherency = true;
			break;
		case HEATMAP_OPT_BASE ... HEATMAP_OPT_END - 1: /* mm/heatmap.c */
			if (heatmap_parse_option(&o->heatmap, c, optarg, argc, argv, &optind) != 0)
				return -1;
			break;
		case ':':
			log_error("option '%s' needs an argument (see --help)", argv[optind - 1]);
			return -1;
		default: {
			const char *arg = argv[optind - 1];
			const char *eq = strchr(arg, '=');

			/* A long option given "=value" it does not take: getopt sets optopt
			 * to its short letter, which the user never typed. */
			if (optopt && strncmp(arg, "--", 2) == 0 && eq)
				log_error("option '%.*s' takes no argument (see --help)",
					  (int)(eq - arg), arg);
			else if (optopt)
				log_error("unknown option '-%c' (see --help)", optopt);
			else
				log_error("unknown option '%s' (see --help)", arg);
			return -1;
		}
		}
	}
	if (o->scenario_path) {
		/* The scenario names board, image and arguments itself. */
		if (optind < argc) {
			log_error("--scenario: unexpected '%s': the scenario names the image and its "
				  "arguments", argv[optind]);
			return -1;
		}
		if (o->machine.board_name || o->machine.dtb_path || o->machine.max_cycles) {
			log_error("--scenario: --board, --dtb and --max-cycles belong in the scenario");
			return -1;
		}
		if (o->machine.image_is_kernel) {
			log_error("--scenario: the scenario names the image; --kernel is not for scenarios");
			return -1;
		}
		heatmap_options_finish(&o->heatmap, o->stats, o->report_path != NULL);
		return 0;
	}
	if (o->machine.image_is_kernel && optind < argc) {
		log_error("--kernel and '%s' both name an image: use one", argv[optind]);
		return -1;
	}
	if (optind >= argc && !o->machine.image_is_kernel) {
		log_error("no image given: usage: s3c6410-emu [OPTIONS] IMAGE.elf (see --help)");
		return -1;
	}
	if (o->machine.board_name && o->machine.dtb_path) {
		log_error("--board and --dtb both name a board: use one");
		return -1;
	}
	if ((o->coherency_given || o->fail_on_coherency) && o->model < MEMSYS_FULL) {
		log_error("--coherency and --fail-on-coherency need --model full or verify");
		return -1;
	}
	if (o->fail_on_coherency && o->coherency == COHERENCY_OFF) {
		log_error("--fail-on-coherency with --coherency=off would never fail");
		return -1;
	}
	heatmap_options_finish(&o->heatmap, o->stats, o->report_path != NULL);
	if (!o->machine.image_is_kernel)
		o->machine.image_path = argv[optind];
	o->machine.guest_argc = argc - optind;
	o->machine.guest_argv = argv + optind;
	return 0;
}
