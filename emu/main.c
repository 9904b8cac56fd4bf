/* SPDX-License-Identifier: MIT */
/*
 * main.c - the s3c6410-emu command: parse options, build the machine, attach
 * the front ends, run, report.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/log.h"
#include "emu/machine.h"
#include "emu/options.h"
#include "emu/session.h"
#include "emu/status.h"
#include "scenario/scenario.h"

static struct machine *running;

static void on_sigint(int sig)
{
	(void)sig;
	if (running)
		machine_interrupt(running);
}

int main(int argc, char **argv)
{
	struct options opt;
	struct machine *m;
	FILE *report_file;
	int status, r;

	r = options_parse(&opt, argc, argv);
	if (r != 0)
		return r > 0 ? 0 : EXIT_EMU_ERROR;
	log_set_quiet(opt.quiet);
	if (opt.scenario_path)
		return scenario_main(&opt);

	if (session_open_report(&opt, &report_file) != 0)
		return EXIT_EMU_ERROR;
	m = machine_create(&opt.machine);
	/* Front ends and models attach here (memory path, heatmap, trace). */
	if (!m || session_attach(m, &opt) != 0) {
		machine_destroy(m);
		if (report_file) {
			fclose(report_file);
			remove(opt.report_path);
		}
		return EXIT_EMU_ERROR;
	}

	running = m;
	signal(SIGINT, on_sigint);
	status = machine_run(m);
	running = NULL;
	fflush(stdout);
	session_print_outcome(m);
	/* The report keeps the guest's exit_code; the shell gets 123. */
	if (opt.fail_on_coherency && memsys_coherency_findings(m) && status < EXIT_CYCLE_LIMIT) {
		log_info("--fail-on-coherency: %llu coherency finding(s): exit status %d",
			 (unsigned long long)memsys_coherency_findings(m), EXIT_COHERENCY);
		status = EXIT_COHERENCY;
	}
	/* A report that did not reach the disk is an error, not a success. */
	if (session_finish(m, &opt, report_file, NULL, NULL) != 0)
		status = EXIT_EMU_ERROR;
	machine_destroy(m);
	return status;
}
