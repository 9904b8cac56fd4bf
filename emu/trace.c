/* SPDX-License-Identifier: MIT */
/*
 * trace.c - the Chrome/Perfetto trace writer (see trace.h).
 *
 * Events are formatted when they happen and kept in a ring of strings; the
 * file is written once, when the machine stops.  Counters of the memory
 * model are read from its report data (machine_report_string + json.h)
 * every interval, and only the ones that changed are recorded.
 */
#define _GNU_SOURCE /* vasprintf */
#include "emu/trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/elf.h"
#include "emu/json.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/number.h"

#define TRACE_PID 1
#define TRACE_MAX_TRACKS 64
#define TID_CPU 1            /* exceptions, findings */

/* Memory-model counters sampled from its report section. */
static const struct {
	const char *name, *path;
} sampled[] = {
	{ "D-cache fills", "memory_model.dcache.fills" },
	{ "D-cache write-backs", "memory_model.dcache.writebacks" },
	{ "I-cache fills", "memory_model.icache.fills" },
	{ "TLB walks (data)", "memory_model.tlb.walks.data" },
	{ "TLB walks (insn)", "memory_model.tlb.walks.insn" },
	{ "DRAM busy cycles", "memory_model.bus.busy_cycles" },
	{ "write-buffer full stalls", "memory_model.write_buffer.full_stalls" },
};
#define NR_SAMPLED (sizeof(sampled) / sizeof(sampled[0]))

struct trace {
	struct machine *m;
	struct trace_options o;
	FILE *f;
	char **ring;              /* formatted events, oldest at `head` */
	uint64_t nr, cap, head, dropped, outside;
	char *track_name[TRACE_MAX_TRACKS];
	unsigned nr_tracks;
	struct event sample_ev;
	int64_t last[NR_SAMPLED], last_delta[NR_SAMPLED];
	unsigned findings_seen;
	int64_t findings_total;
	uint64_t last_insns;   /* records of memory_model.findings.first emitted */
	bool written;
};

static const struct machine_model trace_ops;

void trace_options_init(struct trace_options *o)
{
	memset(o, 0, sizeof(*o));
	o->window_end = CYCLE_NEVER;
	o->max_events = TRACE_DEFAULT_MAX_EVENTS;
	o->interval = TRACE_DEFAULT_INTERVAL;
}

bool trace_parse_window(struct trace_options *o, const char *arg)
{
	const char *colon = strchr(arg, ':');
	char start[32];
	uint64_t s = 0, e = CYCLE_NEVER;
	size_t n;

	if (!colon || (n = (size_t)(colon - arg)) >= sizeof(start))
		return false;
	memcpy(start, arg, n);
	start[n] = 0;
	if (n && !parse_count(start, &s))
		return false;
	if (colon[1] && !parse_count(colon + 1, &e))
		return false;
	if (s >= e)
		return false;
	o->window_start = s;
	o->window_end = e;
	return true;
}

struct trace *trace_find(struct machine *m)
{
	return machine_find_model(m, &trace_ops);
}

/* Simulated microseconds with nanosecond digits, from ARMCLK. */
static void fmt_ts(struct trace *t, cycle_t at, char *buf, size_t len)
{
	uint64_t hz = machine_clock(t->m)->hz[CLK_ARM] ? machine_clock(t->m)->hz[CLK_ARM] : 1;
	unsigned __int128 ns = (unsigned __int128)at * 1000000000u / hz;

	snprintf(buf, len, "%" PRIu64 ".%03u", (uint64_t)(ns / 1000), (unsigned)(ns % 1000));
}

static void push(struct trace *t, cycle_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void push(struct trace *t, cycle_t at, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (at < t->o.window_start || at >= t->o.window_end) {
		t->outside++;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		return;
	if (t->nr == t->cap && t->cap < t->o.max_events) {
		/* Grow while nothing was dropped yet (head is still 0). */
		uint64_t cap = t->cap * 2 < t->o.max_events ? t->cap * 2 : t->o.max_events;
		t->ring = xrealloc(t->ring, cap, sizeof(*t->ring), "trace events");
		t->cap = cap;
	}
	if (t->nr == t->o.max_events) {
		/* The ring is full: the oldest event goes. */
		free(t->ring[t->head]);
		t->ring[t->head] = s;
		t->head = (t->head + 1) % t->o.max_events;
		t->dropped++;
		return;
	}
	t->ring[(t->head + t->nr) % t->o.max_events] = s;
	t->nr++;
}

/* JSON string contents (names come from the guest's symbols and models). */
static void escape(const char *in, char *out, size_t len)
{
	size_t o = 0;

	for (; *in && o + 7 < len; in++) {
		unsigned char c = (unsigned char)*in;

		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c < 0x20) {
			o += (size_t)snprintf(out + o, len - o, "\\u%04x", c);
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = 0;
}

int trace_track(struct trace *t, const char *name)
{
	if (t->nr_tracks == TRACE_MAX_TRACKS)
		return TID_CPU;
	t->track_name[t->nr_tracks] = xstrdup(name, "trace track name");
	return (int)(TID_CPU + ++t->nr_tracks);
}

void trace_begin(struct trace *t, int track, const char *name, cycle_t at)
{
	char ts[48], n[128];

	fmt_ts(t, at, ts, sizeof(ts));
	escape(name, n, sizeof(n));
	push(t, at, "{\"ph\":\"B\",\"pid\":%d,\"tid\":%d,\"ts\":%s,\"name\":\"%s\"}", TRACE_PID, track,
	     ts, n);
}

void trace_end(struct trace *t, int track, cycle_t at)
{
	char ts[48];

	fmt_ts(t, at, ts, sizeof(ts));
	push(t, at, "{\"ph\":\"E\",\"pid\":%d,\"tid\":%d,\"ts\":%s}", TRACE_PID, track, ts);
}

void trace_instant(struct trace *t, int track, const char *name, cycle_t at, const char *args_json)
{
	char ts[48], n[128];

	fmt_ts(t, at, ts, sizeof(ts));
	escape(name, n, sizeof(n));
	push(t, at, "{\"ph\":\"i\",\"s\":\"t\",\"pid\":%d,\"tid\":%d,\"ts\":%s,\"name\":\"%s\","
	     "\"args\":{\"cycle\":%" PRIu64 "%s%s}}", TRACE_PID, track, ts, n, (uint64_t)at,
	     args_json ? "," : "", args_json ? args_json : "");
}

void trace_counter(struct trace *t, const char *name, cycle_t at, double value)
{
	char ts[48], n[128];

	fmt_ts(t, at, ts, sizeof(ts));
	escape(name, n, sizeof(n));
	push(t, at, "{\"ph\":\"C\",\"pid\":%d,\"ts\":%s,\"name\":\"%s\",\"args\":{\"value\":%.17g}}",
	     TRACE_PID, ts, n, value);
}

/* ---- what the machine tells us ---- */

static void on_cpu_line(void *opaque, int line, int level)
{
	struct trace *t = opaque;

	trace_counter(t, line ? "nFIQ" : "nIRQ", machine_clock(t->m)->now, level ? 1 : 0);
}

static void on_exception(void *opaque, enum arm_exception e, uint32_t lr)
{
	static const char *const names[EXC_NR] = {
		"reset", "undefined instruction", "SVC", "prefetch abort", "data abort",
		"reserved", "IRQ", "FIQ",
	};
	struct trace *t = opaque;
	char args[200], sym[96], esc[120];

	escape(elf_symbolize(machine_elf(t->m), lr, sym, sizeof(sym)), esc, sizeof(esc));
	snprintf(args, sizeof(args), "\"lr\":\"0x%08x\",\"lr_symbol\":\"%s\"", lr, esc);
	trace_instant(t, TID_CPU, names[e], machine_clock(t->m)->now, args);
}

static const struct machine_tracer tracer = {
	.cpu_line = on_cpu_line,
	.exception = on_exception,
};

/* Counters and new findings from the memory model's report data. */
static void sample(struct trace *t)
{
	cycle_t now = machine_clock(t->m)->now;
	size_t len;
	char *text = machine_report_string(t->m, "memsys", &len), err[96];
	struct json *j;
	const struct json *first;

	if (!text)
		return;
	j = json_parse(text, len, err, sizeof(err));
	free(text);
	if (!j)
		return;
	/* Per interval, so bursts stand out; recorded when the rate changes. */
	for (unsigned k = 0; k < NR_SAMPLED; k++) {
		int64_t v = json_int(json_path(j, sampled[k].path), -1), d;

		if (v < 0)
			continue;
		d = t->last[k] < 0 ? 0 : v - t->last[k];
		if (d != t->last_delta[k] || t->last[k] < 0)
			trace_counter(t, sampled[k].name, now, (double)d);
		t->last_delta[k] = d;
		t->last[k] = v;
	}
	/* Every finding is counted; the first ones (kept by the model) are events too. */
	{
		const struct json *counts = json_path(j, "memory_model.findings.counts");
		int64_t total = 0;

		for (size_t k = 0; counts && k < counts->len; k++)
			total += json_int(&counts->item[k], 0);
		if (counts && total != t->findings_total) {
			trace_counter(t, "memory-model findings", now, (double)total);
			t->findings_total = total;
		}
	}
	first = json_path(j, "memory_model.findings.first");
	for (; first && t->findings_seen < first->len; t->findings_seen++) {
		const struct json *f = &first->item[t->findings_seen];
		const struct json *kind = json_member(f, "kind"), *pa = json_member(f, "pa"),
				  *sym = json_member(f, "symbol"), *detail = json_member(f, "detail");
		char args[512], d[300], s[120];

		escape(detail && detail->str ? detail->str : "", d, sizeof(d));
		escape(sym && sym->str ? sym->str : "-", s, sizeof(s));
		snprintf(args, sizeof(args), "\"pa\":\"%s\",\"symbol\":\"%s\",\"detail\":\"%s\"",
			 pa && pa->str ? pa->str : "?", s, d);
		trace_instant(t, TID_CPU, kind && kind->str ? kind->str : "finding",
			      (cycle_t)json_int(json_member(f, "cycle"), (int64_t)now), args);
	}
	json_free(j);
}

static void sample_event(void *opaque, cycle_t late)
{
	struct trace *t = opaque;
	bool idle = machine_stats(t->m)->insns == t->last_insns;

	sample(t);
	t->last_insns = machine_stats(t->m)->insns;
	/* Alone on the clock with the core idle, sampling would hide a deadlock
	 * (WFI with nothing due): then stop. */
	if (!idle || clock_next(machine_clock(t->m)) != CYCLE_NEVER)
		clock_schedule_at(machine_clock(t->m), &t->sample_ev,
				  machine_clock(t->m)->now - late + t->o.interval);
}

static int trace_start(struct machine *m, void *opaque)
{
	struct trace *t = opaque;

	if (!event_pending(&t->sample_ev))
		clock_schedule_at(machine_clock(m), &t->sample_ev, machine_clock(m)->now);
	return 0;
}

static void write_file(struct trace *t)
{
	FILE *f = t->f;

	/* window_end: the end of the run when no window end was given. */
	fprintf(f, "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"emulator\":\"s3c6410-emu\","
		"\"time\":\"simulated\",\"armclk_hz\":%u,\"window_start\":%" PRIu64
		",\"window_end\":%" PRIu64 ",\"events\":%" PRIu64 ",\"dropped\":%" PRIu64
		",\"outside_window\":%" PRIu64 "},\n\"traceEvents\":[\n",
		machine_clock(t->m)->hz[CLK_ARM], (uint64_t)t->o.window_start,
		(uint64_t)(t->o.window_end == CYCLE_NEVER ? machine_clock(t->m)->now : t->o.window_end),
		t->nr, t->dropped, t->outside);
	fprintf(f, "{\"ph\":\"M\",\"pid\":%d,\"name\":\"process_name\",\"args\":{\"name\":\"%s\"}},\n",
		TRACE_PID, "s3c6410-emu (simulated time)");
	fprintf(f, "{\"ph\":\"M\",\"pid\":%d,\"tid\":%d,\"name\":\"thread_name\",\"args\":{\"name\":"
		"\"ARM1176 core\"}}", TRACE_PID, TID_CPU);
	for (unsigned k = 0; k < t->nr_tracks; k++) {
		char n[128];

		escape(t->track_name[k], n, sizeof(n));
		fprintf(f, ",\n{\"ph\":\"M\",\"pid\":%d,\"tid\":%u,\"name\":\"thread_name\",\"args\":"
			"{\"name\":\"%s\"}}", TRACE_PID, TID_CPU + 1 + k, n);
	}
	for (uint64_t k = 0; k < t->nr; k++)
		fprintf(f, ",\n%s", t->ring[(t->head + k) % t->o.max_events]);
	fprintf(f, "\n]}\n");
}

static void trace_stop(struct machine *m, void *opaque)
{
	struct trace *t = opaque;

	sample(t);
	if (t->written)
		return;
	t->written = true;
	write_file(t);
	if (fclose(t->f) != 0)
		log_error("--trace: writing %s failed", t->o.path);
	t->f = NULL;
}

static void trace_destroy(void *opaque)
{
	struct trace *t = opaque;

	if (t->f)
		fclose(t->f);
	for (uint64_t k = 0; k < t->nr; k++)
		free(t->ring[(t->head + k) % t->o.max_events]);
	for (unsigned k = 0; k < t->nr_tracks; k++)
		free(t->track_name[k]);
	free(t->ring);
	free(t);
}

static const struct machine_model trace_ops = {
	.name = "trace",
	.start = trace_start,
	.stop = trace_stop,
	.destroy = trace_destroy,
};

int trace_attach(struct machine *m, const struct trace_options *o)
{
	struct trace *t;

	if (!o->path)
		return 0;
	t = xcalloc(1, sizeof(*t), "trace");
	t->m = m;
	t->o = *o;
	/* The ring grows as events come: a short run does not pay for a big maximum. */
	t->cap = o->max_events < 4096 ? o->max_events : 4096;
	t->ring = xcalloc(t->cap, sizeof(char *), "trace events");
	t->f = fopen(o->path, "w");
	if (!t->f) {
		log_error("--trace: cannot write %s: %s", o->path, strerror(errno));
		trace_destroy(t);
		return -1;
	}
	for (unsigned k = 0; k < NR_SAMPLED; k++)
		t->last[k] = -1;
	t->last_insns = UINT64_MAX; /* the first sample never counts as idle */
	event_init(&t->sample_ev, "trace-sample", sample_event, t);
	if (machine_attach(m, &trace_ops, t) != 0) {
		log_error("--trace: too many models attached");
		trace_destroy(t);
		return -1;
	}
	machine_set_tracer(m, &tracer, t);
	return 0;
}
