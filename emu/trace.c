/* SPDX-License-Identifier: MIT */
/*
 * trace.c - the Chrome/Perfetto trace writer (see trace.h).
 *
 * Events are formatted when they happen and kept in a ring of strings; the
 * file is written once, when the machine stops.  Counters of the memory
 * model are read from its parts (memsys_counters) every interval, and only
 * the ones that changed are recorded; the kept finding records are read from
 * its report data (machine_report_string + json.h), only when the number of
 * findings changed.  The soc layer tells of DMA lines (board_set_dma_tracer)
 * and DRAM port grants (dmc_set_tracer) through hooks connected here.
 */
#define _GNU_SOURCE /* vasprintf */
#include "emu/trace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu/alloc.h"
#include "emu/elf.h"
#include "emu/json.h"
#include "emu/log.h"
#include "emu/machine.h"
#include "emu/number.h"
#include "soc/arm1176/memsys.h"
#include "soc/s3c6410/board.h"
#include "soc/s3c6410/dmc.h"
#include "soc/s3c6410/pl080s.h"

#define TRACE_PID 1
#define TRACE_MAX_TRACKS 256
#define TID_CPU 1            /* exceptions, findings */
#define NR_DMACS 4           /* DMA0, DMA1, SDMA0, SDMA1 (BUS_DMA0 + n) */

/* Memory-model counters, from its parts. */
static const struct {
	const char *name;
	size_t off;
} sampled[] = {
	{ "D-cache fills", offsetof(struct memsys_counters, dcache_fills) },
	{ "D-cache write-backs", offsetof(struct memsys_counters, dcache_writebacks) },
	{ "I-cache fills", offsetof(struct memsys_counters, icache_fills) },
	{ "TLB walks (data)", offsetof(struct memsys_counters, tlb_walks_data) },
	{ "TLB walks (insn)", offsetof(struct memsys_counters, tlb_walks_insn) },
	{ "DRAM busy cycles", offsetof(struct memsys_counters, dram_busy_cycles) },
	{ "write-buffer full stalls", offsetof(struct memsys_counters, wb_full_stalls) },
};
#define NR_SAMPLED (sizeof(sampled) / sizeof(sampled[0]))

/* Finding records the model keeps, per list of its report section. */
static const char *const finding_lists[] = {
	"memory_model.findings.first",   /* the memory model's own kinds */
	"memory_model.coherency.first",  /* the DMA coherency checker's */
};
#define NR_FINDING_LISTS (sizeof(finding_lists) / sizeof(finding_lists[0]))

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
	unsigned findings_seen[NR_FINDING_LISTS]; /* records of each list emitted */
	int64_t findings_total;
	uint64_t last_insns;
	bool written;

	/* DRAM port ownership: the slice being extended (one per run of grants) */
	int bus_track;
	bool bus_open;
	const char *bus_who;
	cycle_t bus_start, bus_end;
	/* DMA lines: a track per controller, signal and channel/line (0: none yet) */
	int sig_track[NR_DMACS][PL080S_SIG_NR][PL080S_NR_LINES];
	uint32_t sig_high[NR_DMACS][PL080S_SIG_NR];
	cycle_t sig_since[NR_DMACS][PL080S_SIG_NR][PL080S_NR_LINES];
	unsigned nr_active;    /* channels whose active slice is open */
	uint64_t untracked;    /* line changes with no track left for them */
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

void trace_slice(struct trace *t, int track, const char *name, cycle_t start, cycle_t end)
{
	char ts[48], dur[48], n[128];

	fmt_ts(t, start, ts, sizeof(ts));
	fmt_ts(t, end - start, dur, sizeof(dur));
	escape(name, n, sizeof(n));
	push(t, start, "{\"ph\":\"X\",\"pid\":%d,\"tid\":%d,\"ts\":%s,\"dur\":%s,\"name\":\"%s\"}",
	     TRACE_PID, track, ts, dur, n);
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

/* ---- what the soc layer tells us: DRAM port grants, DMA lines ---- */

/* The CPU side's masters (fetches, loads, walks, the write buffer) are one owner. */
static const char *owner_name(enum bus_master who)
{
	return who >= BUS_DMA0 && who <= BUS_SDMA1 ? bus_master_name(who) : "CPU";
}

static void bus_flush(struct trace *t)
{
	if (t->bus_open && t->bus_end > t->bus_start)
		trace_slice(t, t->bus_track, t->bus_who, t->bus_start, t->bus_end);
	t->bus_open = false;
}

/*
 * Back-to-back grants of one owner make one slice; a gap or another owner
 * ends it.  The CPU's grants come only while a DMA channel is active (see
 * listen_to_port): alone on the port the CPU would make a slice per cache
 * miss (a 17 MB trace of frag.elf), and its load shows in the DRAM busy
 * cycles counter anyway.
 */
static void on_grant(void *opaque, enum bus_master who, cycle_t start, cycle_t done)
{
	struct trace *t = opaque;
	bool dma = who >= BUS_DMA0 && who <= BUS_SDMA1;
	const char *name = owner_name(who);

	if (t->bus_open && name == t->bus_who && start <= t->bus_end) {
		if (done > t->bus_end)
			t->bus_end = done;
		return;
	}
	if (t->bus_open && start < t->bus_end)
		t->bus_end = start; /* the port was reset under it: no overlap on the track */
	bus_flush(t);
	if (!dma && !t->nr_active)
		return;
	t->bus_open = true;
	t->bus_who = name;
	t->bus_start = start;
	t->bus_end = done;
}

#define DMA_MASTERS (1u << BUS_DMA0 | 1u << BUS_DMA1 | 1u << BUS_SDMA0 | 1u << BUS_SDMA1)

/* The DMA controllers' grants always; everyone's while a channel is active. */
static void listen_to_port(struct trace *t, uint32_t masters)
{
	const struct dmc_tracer grants = { on_grant, t, masters };
	struct board *b = machine_board(t->m);

	if (b)
		dmc_set_tracer(board_dram_port(b), &grants);
}

static const char *const signal_names[PL080S_SIG_NR] = {
	[PL080S_SIG_ACTIVE] = "active",
	[PL080S_SIG_TC] = "TC",
	[PL080S_SIG_ERR] = "error",
	[PL080S_SIG_REQ] = "request",
};

/* A level is a slice from its rise to its fall, on a track of its own. */
static void on_signal(void *opaque, const struct pl080s *d, enum pl080s_signal s, unsigned i,
		      bool level, cycle_t at)
{
	struct trace *t = opaque;
	unsigned n = (unsigned)(d->master - BUS_DMA0);
	int *track;

	if (n >= NR_DMACS || s >= PL080S_SIG_NR || i >= PL080S_NR_LINES)
		return;
	track = &t->sig_track[n][s][i];
	if (level) {
		if (!*track) {
			char name[64];

			snprintf(name, sizeof(name), s == PL080S_SIG_REQ ? "%s line %u %s" :
				 "%s ch%u %s", d->name, i, signal_names[s]);
			*track = trace_track(t, name);
		}
		if (*track == TID_CPU) {
			t->untracked++;
			return;
		}
		trace_begin(t, *track, signal_names[s], at);
		t->sig_high[n][s] |= 1u << i;
		if (s == PL080S_SIG_ACTIVE && !t->nr_active++)
			listen_to_port(t, ~0u);
		t->sig_since[n][s][i] = at;
	} else if (t->sig_high[n][s] >> i & 1) {
		/* a step's due time may lie before the last register write's cycle */
		trace_end(t, *track, at > t->sig_since[n][s][i] ? at : t->sig_since[n][s][i]);
		t->sig_high[n][s] &= ~(1u << i);
		if (s == PL080S_SIG_ACTIVE && !--t->nr_active) {
			listen_to_port(t, DMA_MASTERS);
			bus_flush(t);
		}
	}
}

/* The run ended: close what is open, so every slice has its end. */
static void close_open(struct trace *t, cycle_t now)
{
	bus_flush(t);
	for (unsigned n = 0; n < NR_DMACS; n++)
		for (unsigned s = 0; s < PL080S_SIG_NR; s++)
			for (unsigned i = 0; i < PL080S_NR_LINES; i++)
				if (t->sig_high[n][s] >> i & 1)
					trace_end(t, t->sig_track[n][s][i], now);
	memset(t->sig_high, 0, sizeof(t->sig_high));
	t->nr_active = 0;
	listen_to_port(t, DMA_MASTERS);
}

static void hook_soc(struct trace *t, bool on)
{
	struct board *b = machine_board(t->m);
	const struct pl080s_tracer lines = { on_signal, t };

	if (!b)
		return;
	if (on)
		listen_to_port(t, DMA_MASTERS);
	else
		dmc_set_tracer(board_dram_port(b), NULL);
	board_set_dma_tracer(b, on ? &lines : NULL);
}

/* The kept finding records not emitted yet, from the model's report data. */
static void new_findings(struct trace *t, cycle_t now)
{
	size_t len;
	char *text = machine_report_string(t->m, "memsys", &len), err[96];
	struct json *j;

	if (!text)
		return;
	j = json_parse(text, len, err, sizeof(err));
	free(text);
	if (!j)
		return;
	for (unsigned l = 0; l < NR_FINDING_LISTS; l++) {
		const struct json *first = json_path(j, finding_lists[l]);

		for (; first && t->findings_seen[l] < first->len; t->findings_seen[l]++) {
			const struct json *f = &first->item[t->findings_seen[l]];
			const struct json *kind = json_member(f, "kind"), *pa = json_member(f, "pa"),
					  *sym = json_member(f, "symbol"),
					  *detail = json_member(f, "detail");
			char args[512], d[300], s[120];

			escape(detail && detail->str ? detail->str : "", d, sizeof(d));
			escape(sym && sym->str ? sym->str : "-", s, sizeof(s));
			snprintf(args, sizeof(args), "\"pa\":\"%s\",\"symbol\":\"%s\",\"detail\":\"%s\"",
				 pa && pa->str ? pa->str : "?", s, d);
			trace_instant(t, TID_CPU, kind && kind->str ? kind->str : "finding",
				      (cycle_t)json_int(json_member(f, "cycle"), (int64_t)now), args);
		}
	}
	json_free(j);
}

/* The memory model's counters, straight from its parts. */
static void sample(struct trace *t)
{
	cycle_t now = machine_clock(t->m)->now;
	struct memsys *ms = memsys_find(t->m);
	struct memsys_counters c;

	if (!ms)
		return;
	memsys_counters(ms, &c);
	/* Per interval, so bursts stand out; recorded when the rate changes. */
	for (unsigned k = 0; k < NR_SAMPLED; k++) {
		int64_t v = (int64_t)*(const uint64_t *)((const char *)&c + sampled[k].off), d;

		d = t->last[k] < 0 ? 0 : v - t->last[k];
		if (d != t->last_delta[k] || t->last[k] < 0)
			trace_counter(t, sampled[k].name, now, (double)d);
		t->last_delta[k] = d;
		t->last[k] = v;
	}
	/* Every finding is counted; the first ones (kept by the model) are events too. */
	if ((int64_t)c.findings != t->findings_total) {
		trace_counter(t, "memory-model findings", now, (double)c.findings);
		t->findings_total = (int64_t)c.findings;
		new_findings(t, now);
	}
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
		",\"outside_window\":%" PRIu64 ",\"untracked_lines\":%" PRIu64 "},\n"
		"\"traceEvents\":[\n",
		machine_clock(t->m)->hz[CLK_ARM], (uint64_t)t->o.window_start,
		(uint64_t)(t->o.window_end == CYCLE_NEVER ? machine_clock(t->m)->now : t->o.window_end),
		t->nr, t->dropped, t->outside, t->untracked);
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
	close_open(t, machine_clock(m)->now);
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

	/* The board outlives the models: no hook may call into freed state. */
	if (t->bus_track)
		hook_soc(t, false);
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
	t->bus_track = trace_track(t, "DRAM port owner");
	hook_soc(t, true);
	return 0;
}
