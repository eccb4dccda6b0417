/* --diagnose: a report or a JSON line per recipient of each bounce. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bounce.h"
#include "catalog.h"
#include "cli.h"
#include "datadir.h"
#include "diagnose.h"
#include "i18n.h"
#include "json.h"
#include "options.h"
#include "pool.h"
#include "rules.h"
#include "utf8.h"
#include "verdict_out.h"

/*
 * Inputs bigger than this are diagnosed one at a time, whatever the
 * number of threads: a worker holds three or four times its input
 * (the bytes, their LF form, the decoded text), and sixteen workers on
 * sixteen files of 256 MB would want gigabytes.
 */
#define BIG_INPUT	(16u << 20)

/* Open path ("-": stdin); *size is a regular file's size, else -1. */
static int
input_open(const char *path, off_t *size)
{
	struct stat	 st;
	int		 fd;

	*size = -1;
	if (strcmp(path, "-") == 0)
		return (STDIN_FILENO);
	if ((fd = open(path, O_RDONLY)) < 0)
		return (-1);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		*size = st.st_size;
	return (fd);
}

/* Read fd whole into b, up to max bytes, and close it (not stdin). */
static int
input_read(int fd, off_t size, struct buf *b, size_t max)
{
	ssize_t		 n;
	int		 rc = 0;

	buf_reset(b);
	/* A regular file's size is known: one read, no EOF probe. */
	if (size >= 0 && (size_t)size < max &&
	    buf_reserve(b, (size_t)size + 1) == 0) {
		n = read(fd, b->data, (size_t)size);
		if (n == (ssize_t)size) {
			b->len = (size_t)n;
			b->data[b->len] = '\0';
			close(fd);
			return (0);
		}
		/* Short (the file shrank, or a signal): read on from there. */
		if (n > 0)
			b->len = (size_t)n;
	}
	for (;;) {
		if (buf_reserve(b, 65536) != 0)
			break;
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
		b->len += (size_t)n;
		if (b->len >= max)
			break;
	}
	if (b->data != NULL)
		b->data[b->len] = '\0';
	if (fd != STDIN_FILENO) {
		n = errno;
		close(fd);
		errno = (int)n;
	}
	return (rc);
}

/* Load the rules from the directory options_rules_dir() picks. */
static int
load_rules(const struct options *o, struct rules *rs)
{
	struct load_error	 err;
	char			 msg[1024];

	if (rules_load_dir(rs, options_rules_dir(o), &err) != 0) {
		load_error_format(&err, PACKAGE, msg, sizeof msg);
		utf8_eprintf("%s\n", msg);
		return (2);
	}
	return (0);
}

/* Diagnose one input; returns the number of records printed. */
static size_t
diagnose_one(const struct options *o, const struct catalog *c,
    const struct rules *rs, struct rule_state *st, struct bounce_doc *d,
    const char *source, const struct buf *in, size_t width, struct buf *out)
{
	struct verdict	 v;
	struct arena	 scratch;
	size_t		 i;

	bounce_parse(d, in->data != NULL ? in->data : "", in->len, NULL,
	    BOUNCE_BRIEF);
	arena_init(&scratch);
	for (i = 0; i < d->nrcpts; i++) {
		diagnose_r(rs, st, c, d, i, &v, &scratch);
		if (o->json)
			verdict_json(out, source, &v, d);
		else
			verdict_text(out, source, &v, d, width);
	}
	arena_free(&scratch);
	if (d->nrcpts == 0 && !o->json)
		verdict_none_text(out, source, d, width);
	return (d->nrcpts);
}

/* What every worker shares, read-only but for the totals emit() keeps. */
struct run {
	const struct options	*o;
	const struct catalog	*c;
	const struct rules	*rs;
	struct bounce_limits	 lim;
	size_t			 width;
	size_t			 found;	/* records printed */
	int			 rc;
	pthread_mutex_t		 big;	/* held for a BIG_INPUT */
};

/* A worker's own: the document, the input and the match state. */
struct worker {
	struct bounce_doc	 d;
	struct buf		 in;
	struct rule_state	 st;
};

static const char *
input_path(const struct run *run, size_t i)
{
	return (run->o->nargs == 0 ? "-" : run->o->args[i]);
}

static void *
worker_new(void *arg)
{
	struct worker	*w = xmalloc(sizeof *w);

	(void)arg;
	bounce_doc_init(&w->d);
	buf_init(&w->in);
	rule_state_init(&w->st);
	return (w);
}

static void
worker_free(void *state, void *arg)
{
	struct worker	*w = state;

	(void)arg;
	bounce_doc_free(&w->d);
	buf_free(&w->in);
	rule_state_free(&w->st);
	free(w);
}

/* Input i: its records into out, or -errno when it cannot be read. */
static long
worker_run(void *state, size_t i, struct buf *out, void *arg)
{
	struct worker	*w = state;
	struct run	*run = arg;
	const char	*path = input_path(run, i);
	const char	*source = strcmp(path, "-") == 0 ? "(stdin)" : path;

	off_t		 size;
	long		 n;
	int		 fd, big, err;

	if ((fd = input_open(path, &size)) < 0)
		return (errno != 0 ? -errno : -EIO);
	/* Standard input may be any size: it counts as big. */
	if ((big = size < 0 || size > (off_t)BIG_INPUT))
		pthread_mutex_lock(&run->big);
	if (input_read(fd, size, &w->in, run->lim.max_input) != 0) {
		err = errno;
		n = err != 0 ? -err : -EIO;
	} else
		n = (long)diagnose_one(run->o, run->c, run->rs, &w->st, &w->d,
		    source, &w->in, run->width, out);
	if (big) {
		/* Let go of the big buffers before the next one may grow. */
		buf_free(&w->in);
		bounce_doc_free(&w->d);
		bounce_doc_init(&w->d);
		pthread_mutex_unlock(&run->big);
	}
	return (n);
}

/* In input order, on the main thread: what one thread would print. */
static void
emit(size_t i, long result, struct buf *out, void *arg)
{
	struct run	*run = arg;

	if (result < 0) {
		fflush(stdout);
		utf8_eprintf("%s: %s: %s\n", PACKAGE, input_path(run, i),
		    strerror((int)-result));
		run->rc = 2;
		return;
	}
	run->found += (size_t)result;
	fwrite(out->data != NULL ? out->data : "", 1, out->len, stdout);
}

int
cli_diagnose(const struct options *o, struct catalog *c, size_t width)
{
	static const struct pool_ops ops = {
		worker_new, worker_free, worker_run, emit, NULL
	};
	struct rules	 rs;
	struct run	 run;
	size_t		 n = o->nargs == 0 ? 1 : (size_t)o->nargs;
	unsigned	 threads;
	int		 rc, i, stdins;

	rules_init(&rs);
	if ((rc = load_rules(o, &rs)) != 0) {
		rules_free(&rs);
		return (rc);
	}
	memset(&run, 0, sizeof run);
	run.o = o;
	run.c = c;
	run.rs = &rs;
	run.width = width;
	bounce_limits_default(&run.lim);
	pthread_mutex_init(&run.big, NULL);
	/*
	 * Files are read and diagnosed on every CPU, but printed in the
	 * order given; 64 ahead at most keeps memory bounded.  Standard
	 * input named twice is read twice in turn (the second time empty),
	 * never by two threads at once.
	 */
	threads = o->jobs > 0 ? (unsigned)o->jobs : pool_threads(n);
	for (i = 0, stdins = 0; i < o->nargs; i++)
		stdins += strcmp(o->args[i], "-") == 0;
	if (stdins > 1)
		threads = 1;
	pool_run(n, threads, 64, &ops, &run);
	pthread_mutex_destroy(&run.big);
	rules_free(&rs);
	if (run.rc != 0)
		return (run.rc);
	return (run.found != 0 ? 0 : 1);
}
