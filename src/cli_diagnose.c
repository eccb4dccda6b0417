/* --diagnose: a report or a JSON line per recipient of each bounce. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diagnose/analysis.h"
#include "parse/bounce.h"
#include "catalogue/catalog.h"
#include "check/dnscheck.h"
#include "cli.h"
#include "cli_io.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "base/json.h"
#include "options.h"
#include "base/pool.h"
#include "diagnose/rules.h"
#include "base/utf8.h"
#include "parse/msgstream.h"
#include "diagnose/verdict_out.h"

/*
 * Inputs bigger than this, and inputs of unknown size, are diagnosed
 * one at a time and in their turn, whatever the number of threads: a
 * worker holds three or four times a message (the bytes, their LF
 * form, the decoded text), and sixteen workers on sixteen messages of
 * 64 MiB would want gigabytes.  In its turn an input's records go out
 * as they are made, so an mbox of any size holds only FLUSH_AT of them.
 */
#define BIG_INPUT	(16u << 20)
#define FLUSH_AT	(1u << 20)

/* worker_run's result for a gzip input that ends early or is damaged. */
#define RESULT_GZ_CUT	(-(long)INT_MAX)

/*
 * Records are written out once this much has gathered (and at the end);
 * see cli_output_write() for why not stdio.  As many bytes as a Linux
 * pipe holds: fewer system calls than stdio's 4 kB, and little memory.
 */
#define OUTPUT_BATCH	(64u << 10)

/* What every worker shares, read-only but for the totals emit() keeps. */
struct run {
	const struct options	*o;
	const struct catalog	*c;
	const struct rules	*rs;
	struct bounce_limits	 lim;
	size_t			 width;
	size_t			 found;	/* records printed */
	int			 rc;
	struct buf		 pending; /* whole inputs' records, unwritten */
	size_t			 batch;	/* write when pending is this long */
	atomic_int		 write_error; /* errno of a failed write */
	/* --check: the resolver and the blocklists, or NULL. */
	struct dns_resolver	*dns;
	struct dnsbl_list	 dnsbl;
	/*
	 * The file of a directory operand that emit() is told about: set
	 * only by the item holding the pool's turn, around its pool_flush.
	 */
	const char		*item_path;
};

/* A worker's own: the analysis, the input and the match state. */
struct worker {
	struct analysis		 a;
	struct analyser		 an;
	struct msgstream	 ms;
	struct rule_state	 st;
};

static const char *
input_path(const struct run *run, size_t i)
{
	return (run->o->nargs == 0 ? "-" : run->o->args[i]);
}

static const char *
emit_path(const struct run *run, size_t i)
{
	return (run->item_path != NULL ? run->item_path : input_path(run, i));
}

static void *
worker_new(void *arg)
{
	struct worker	*w = xmalloc(sizeof *w);
	struct run	*run = arg;

	analysis_init(&w->a);
	msgstream_init(&w->ms, run->lim.max_input);
	w->ms.wait = cli_input_wait;
	rule_state_init(&w->st);
	memset(&w->an, 0, sizeof w->an);
	w->an.rules = run->rs;
	w->an.state = &w->st;
	w->an.catalog = run->c;
	w->an.limits = &run->lim;
	/* The checks read the returned message's DKIM-Signature. */
	w->an.flags = (run->o->check ? 0 : BOUNCE_BRIEF) | BOUNCE_LOG_RESUME;
	return (w);
}

static void
worker_free(void *state, void *arg)
{
	struct worker	*w = state;

	(void)arg;
	analysis_free(&w->a);
	msgstream_free(&w->ms);
	rule_state_free(&w->st);
	free(w);
}

/*
 * --check: the findings of verdict v after its report.  In the JSON the
 * record's closing brace gives way to a "checks" member; in the text a
 * "Checks" block goes before the report's blank line.
 */
static void
output_checks(const struct run *run, const struct verdict *v,
    const struct bounce_doc *d, struct buf *out)
{
	struct dns_source	 src;
	struct dnscheck_plan	 plan;
	struct dnscheck_list	 l;
	struct arena		 scratch;

	arena_init(&scratch);
	dnscheck_list_init(&l);
	dns_resolver_source(run->dns, &src);
	dnscheck_plan_make(&plan, v, d, run->o->ip, &scratch);
	dnscheck_run(&plan, &src, &run->dnsbl, &l);
	if (run->o->json && out->len >= 2 &&
	    memcmp(out->data + out->len - 2, "}\n", 2) == 0) {
		out->len -= 2;
		buf_adds(out, ",\"checks\":");
		dnscheck_json(out, &l);
		buf_adds(out, "}\n");
	} else if (!run->o->json && out->len >= 1) {
		out->len--;
		dnscheck_text(out, &l, run->width);
		buf_addc(out, '\n');
	}
	dnscheck_list_free(&l);
	arena_free(&scratch);
}

/* The records of the message analysed into out; returns their count. */
static size_t
output_records(struct worker *w, const struct run *run, const char *source,
    struct buf *out)
{
	size_t	 i;

	for (i = 0; i < w->a.nv; i++) {
		if (run->o->json)
			verdict_json(out, source, &w->a.v[i], &w->a.doc);
		else
			verdict_text(out, source, &w->a.v[i], &w->a.doc,
			    run->width);
		if (run->dns != NULL)
			output_checks(run, &w->a.v[i], &w->a.doc, out);
	}
	return (w->a.nv);
}

/*
 * Input i, a message at a time: its records into out, or -errno when
 * it cannot be read.  An input that gives no record at all is said to
 * be none, with whatever limit cut any of its messages.
 */
static long
diagnose_fd(struct worker *w, struct run *run, int fd, off_t size,
    const char *path, struct buf *out)
{
	const char	*source = strcmp(path, "-") == 0 ? "(stdin)" : path;
	const char	*msg;
	size_t		 len, total = 0, unflushed = 0;
	unsigned	 cut_any = 0;
	int		 big, cut, rc, err = 0, truncated = 0, more = 0;
	struct analyser	 an;

	/*
	 * Standard input may be any size: it counts as big, and so does a
	 * gzip file, whose size says nothing of what it inflates to (told
	 * by its first block below: a look at every file first cost a
	 * system call each).
	 */
	big = size < 0 || size > (off_t)BIG_INPUT;
	if (big && pool_turn(out) != 0) {
		if (fd != STDIN_FILENO)
			close(fd);
		return (0);
	}
	msgstream_start(&w->ms, fd, (long long)size);
	while ((rc = msgstream_next(&w->ms, &msg, &len, &cut)) == 1) {
		if (!big && w->ms.gz) {
			big = 1;
			if (pool_turn(out) != 0)
				break;
		}
		/* A big log comes in blocks: one log, joined across them. */
		an = w->an;
		if (more)
			an.flags |= BOUNCE_LOG_MORE;
		analysis_run(&w->a, &an, msg, len);
		more = w->ms.log == 1;
		/* A block of mass bounces met the limit: the rest comes next. */
		msgstream_unread(&w->ms, w->a.doc.log_unread);
		if (cut) {
			w->a.doc.truncated = 1;
			w->a.doc.cut |= BOUNCE_CUT_INPUT;
		}
		truncated |= w->a.doc.truncated;
		cut_any |= w->a.doc.cut;
		unflushed += output_records(w, run, source, out);
		total += w->a.nv;
		if (cli_signal() != 0)
			break;
		if (big && out->len >= FLUSH_AT) {
			if (pool_flush(out, (long)unflushed) != 0)
				break;
			unflushed = 0;
		}
	}
	if (rc < 0)
		err = errno != 0 ? errno : EIO;
	if (fd != STDIN_FILENO)
		close(fd);
	if (err != 0) {
		/* What was read is reported, then the error after it. */
		if (unflushed != 0 && pool_flush(out, (long)unflushed) != 0)
			return (0);
		return (-err);
	}
	if (total == 0 && !run->o->json) {
		w->a.doc.truncated = truncated;
		w->a.doc.cut = cut_any;
		verdict_none_text(out, source, &w->a.doc, run->width);
	}
	if (w->ms.gz_error && cli_signal() == 0) {
		/* The records read come first, then what cut them short. */
		if (pool_flush(out, (long)unflushed) != 0)
			return (0);
		unflushed = 0;
		err = 1;
	}
	if (big) {
		/* Let go of the big buffers before the next one may grow. */
		msgstream_free(&w->ms);
		msgstream_init(&w->ms, run->lim.max_input);
			w->ms.wait = cli_input_wait;
		analysis_free(&w->a);
		analysis_init(&w->a);
	}
	return (err != 0 ? RESULT_GZ_CUT : (long)unflushed);
}

/*
 * A directory stands for its files (options_dir_files: a rotated log's
 * oldest first), diagnosed here in turn as if each had been named: its
 * output goes out file by file, and a file's error names that file.
 */
static long
diagnose_dir(struct worker *w, struct run *run, const char *dir,
    struct buf *out)
{
	struct arena	 names;
	char		**files = NULL;
	size_t		 n = 0, k;
	off_t		 size;
	long		 result = 0, file_result;
	int		 fd;

	if (pool_turn(out) != 0)
		return (0);
	arena_init(&names);
	if (options_dir_files(dir, &names, &files, &n) != 0)
		result = errno != 0 ? -errno : -EIO;
	for (k = 0; k < n && result == 0 && cli_signal() == 0; k++) {
		if ((fd = cli_input_open(files[k], &size, NULL)) < 0)
			file_result = errno != 0 ? -errno : -EIO;
		else
			file_result = diagnose_fd(w, run, fd, size, files[k],
			    out);
		/* The turn is held: emit() is ours, and names this file. */
		run->item_path = files[k];
		if (pool_flush(out, file_result) != 0)
			k = n;		/* the run is stopping */
		run->item_path = NULL;
	}
	free(files);
	arena_free(&names);
	return (result);
}

static long
worker_run(void *state, size_t i, struct buf *out, void *arg)
{
	struct worker	*w = state;
	struct run	*run = arg;
	const char	*path = input_path(run, i);
	off_t		 size;
	int		 fd, is_dir;

	if ((fd = cli_input_open(path, &size, &is_dir)) < 0)
		return (errno != 0 ? -errno : -EIO);
	if (is_dir) {
		close(fd);
		return (diagnose_dir(w, run, path, out));
	}
	return (diagnose_fd(w, run, fd, size, path, out));
}

/* Write out the records held back; after a failed write, drop them. */
static void
output_flush(struct run *run)
{
	int	 err;

	if (run->pending.len != 0 && atomic_load(&run->write_error) == 0 &&
	    (err = cli_output_write(run->pending.data, run->pending.len)) != 0) {
		atomic_store(&run->write_error, err);
		/* EPIPE with SIGPIPE ignored: the reader left, tell nobody. */
		if (err != EPIPE)
			utf8_eprintf("%s: %s: %s\n", PACKAGE,
			    _("write error"), strerror(err));
	}
	buf_reset(&run->pending);
}

/* In input order, one call at a time: what one thread would print. */
static void
emit(size_t i, long result, struct buf *out, void *arg)
{
	struct run	*run = arg;

	if (result == RESULT_GZ_CUT) {
		output_flush(run);
		utf8_eprintf(_("%1$s: %2$s: the compressed data ends early or "
		    "is damaged: only what came before it was read\n"),
		    PACKAGE, emit_path(run, i));
		run->rc = 2;
		return;
	}
	if (result < 0) {
		/* The message goes between the records before and after. */
		output_flush(run);
		utf8_eprintf("%s: %s: %s\n", PACKAGE, emit_path(run, i),
		    strerror((int)-result));
		run->rc = 2;
		return;
	}
	run->found += (size_t)result;
	buf_add(&run->pending, out->data, out->len);
	if (run->pending.len >= run->batch)
		output_flush(run);
}

/* The pool's stop hook: a signal came, or standard output failed. */
static int
want_stop(void *arg)
{
	struct run	*run = arg;

	return (cli_signal() != 0 ||
	    atomic_load(&run->write_error) != 0);
}

/* --check: the resolver and the blocklists; 0, or 2 after a message. */
static int
checks_open(const struct options *o, struct run *run)
{
	struct load_error	 err;
	const char		*why;
	int			 ms;

	if (dnsbl_load(&run->dnsbl, options_rules_dir(o), &err) != 0)
		return (options_data_error(&err));
	ms = o->timeout != 0 ? o->timeout * 1000 : CHECK_TIMEOUT_MS;
	if ((run->dns = dns_resolver_open(o->resolver, ms, &why)) == NULL) {
		dnsbl_free(&run->dnsbl);
		if (o->resolver != NULL)
			utf8_eprintf(_("%s: --resolver takes IP or IP:PORT, "
			    "not '%s'\n"), PACKAGE, o->resolver);
		else
			utf8_eprintf(_("%s: the DNS resolver cannot start\n"),
			    PACKAGE);
		return (2);
	}
	return (0);
}

int
cli_diagnose(const struct options *o, struct catalog *c, struct rules *rs,
    size_t width)
{
	static const struct pool_ops ops = {
		worker_new, worker_free, worker_run, emit, want_stop
	};
	struct sigaction	 old[CLI_NSTOP];
	struct run		 run;
	size_t			 n = o->nargs == 0 ? 1 : (size_t)o->nargs;
	unsigned		 threads;
	int			 rc, i, stdins, sig, err;

	cli_signals_catch(old);
	memset(&run, 0, sizeof run);
	if (o->check && (rc = checks_open(o, &run)) != 0) {
		cli_signals_restore(old);
		return (rc);
	}
	run.o = o;
	run.c = c;
	run.rs = rs;
	run.width = width;
	bounce_limits_default(&run.lim);
	buf_init(&run.pending);
	/* A terminal sees each input's reports as they come, as before. */
	run.batch = isatty(STDOUT_FILENO) ? 0 : OUTPUT_BATCH;
	atomic_init(&run.write_error, 0);
	/*
	 * Files are read and diagnosed on every CPU, but printed in the
	 * order given; 64 ahead at most keeps memory bounded.  Standard
	 * input named twice is read twice in turn (the second time empty),
	 * never by two threads at once.
	 */
	threads = o->jobs > 0 ? (unsigned)o->jobs : pool_threads(n);
	for (i = 0, stdins = 0; i < o->nargs; i++)
		stdins += strcmp(o->args[i], "-") == 0;
	/* The resolver is one channel: the checks ask one at a time. */
	if (stdins > 1 || run.dns != NULL)
		threads = 1;
	pool_run(n, threads, 64, &ops, &run);
	output_flush(&run);
	/* Flushed with the handlers still in: a late signal waits for it. */
	cli_signals_restore(old);
	buf_free(&run.pending);
	dns_resolver_close(run.dns);
	dnsbl_free(&run.dnsbl);
	if ((sig = cli_signal()) != 0)
		return (cli_signals_raise(sig));
	/* The reader went away: as quiet as SIGPIPE, with its status. */
	if ((err = atomic_load(&run.write_error)) == EPIPE)
		return (128 + SIGPIPE);
	if (err != 0 || run.rc != 0)
		return (2);
	return (run.found != 0 ? 0 : 1);
}
