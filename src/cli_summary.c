/* --summary: the failures of logs and mboxes grouped by reason and domain. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diagnose/analysis.h"
#include "parse/bounce.h"
#include "catalogue/catalog.h"
#include "cli.h"
#include "cli_io.h"
#include "diagnose/diagnose.h"
#include "base/i18n.h"
#include "parse/msgstream.h"
#include "options.h"
#include "diagnose/rules.h"
#include "diagnose/summary.h"
#include "base/utf8.h"

/*
 * The output is written in pieces of about this size, each ending on a
 * line, with a look at the signal flag between two: Ctrl-C while a big
 * summary goes out stops it on a whole line (a whole JSON record).
 */
#define WRITE_PIECE	(64u << 10)

/* What a run reads with: one analysis, one stream, one match state. */
struct sumrun {
	const struct options	*o;
	struct bounce_limits	 lim;
	struct analysis		 a;
	struct analyser		 an;
	struct msgstream	 ms;
	struct rule_state	 st;
	struct summary		 s;
	int			 rc;
};

/* The analysis gives up on a signal: a big block need not be finished. */
static int
stop_asked(void *arg)
{
	(void)arg;
	return (cli_signal() != 0);
}

/* The verdicts on the message analysed, into the sums. */
static void
sum_doc(struct sumrun *r, const char *source, size_t message)
{
	long long	 when;
	size_t		 i;

	summary_note_cut(&r->s, &r->a.doc);
	for (i = 0; i < r->a.nv; i++)
		if (summary_want(&r->s, &r->a.doc, i, &when))
			summary_add(&r->s, &r->a.v[i], &r->a.doc, when, source,
			    message);
}

/* One input, a message at a time; 0, or an errno when it cannot be read. */
static int
sum_input(struct sumrun *r, const char *path)
{
	const char	*source = strcmp(path, "-") == 0 ? "(stdin)" : path;
	const char	*msg;
	off_t		 size;
	size_t		 len, message = 0;
	struct analyser	 an;
	int		 fd, cut, rc, err = 0, more = 0;

	if ((fd = cli_input_open(path, &size, NULL)) < 0)
		return (errno != 0 ? errno : EIO);
	msgstream_start(&r->ms, fd, (long long)size);
	while ((rc = msgstream_next(&r->ms, &msg, &len, &cut)) == 1) {
		/* A big log comes in blocks: one log, its lines counted on. */
		an = r->an;
		if (more)
			an.flags |= BOUNCE_LOG_MORE;
		if (analysis_run(&r->a, &an, msg, len) < 0)
			break;		/* a signal */
		more = r->ms.log == 1;
		/* A block of mass bounces met the limit: the rest comes next. */
		msgstream_unread(&r->ms, r->a.doc.log_unread);
		if (cut) {
			r->a.doc.truncated = 1;
			r->a.doc.cut |= BOUNCE_CUT_INPUT;
		}
		sum_doc(r, source, ++message);
		if (cli_signal() != 0)
			break;
	}
	if (rc < 0 && cli_signal() == 0)
		err = errno != 0 ? errno : EIO;
	if (r->ms.gz_error && cli_signal() == 0) {
		/* What was read is summed up; the cut is said, as ever. */
		utf8_eprintf(_("%1$s: %2$s: the compressed data ends early or "
		    "is damaged: only what came before it was read\n"),
		    PACKAGE, path);
		r->rc = 2;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return (err);
}

/* p to standard output in whole lines, stopping between two on a signal. */
static int
write_lines(const char *p, size_t len)
{
	const char	*nl;
	size_t		 n;
	int		 err;

	while (len > 0 && cli_signal() == 0) {
		n = len < WRITE_PIECE ? len : WRITE_PIECE;
		if (n < len && (nl = memrchr(p, '\n', n)) != NULL)
			n = (size_t)(nl - p) + 1;
		if ((err = cli_output_write(p, n)) != 0)
			return (err);
		p += n;
		len -= n;
	}
	return (0);
}

static int
sum_write(struct sumrun *r, size_t width)
{
	struct buf	 out;
	int		 err;

	buf_init(&out);
	if (r->o->json)
		summary_json(&r->s, &out);
	else
		summary_text(&r->s, &out, width);
	/* Anything stdio holds goes first, in its order. */
	fflush(stdout);
	err = write_lines(out.data, out.len);
	buf_free(&out);
	if (err != 0 && err != EPIPE)
		utf8_eprintf("%s: %s: %s\n", PACKAGE, _("write error"),
		    strerror(err));
	return (err);
}

static void
sumrun_init(struct sumrun *r, const struct options *o,
    const struct catalog *c, const struct rules *rs)
{
	struct summary_filter	 f;

	memset(r, 0, sizeof *r);
	r->o = o;
	bounce_limits_default(&r->lim);
	analysis_init(&r->a);
	msgstream_init(&r->ms, r->lim.max_input);
	r->ms.wait = cli_input_wait;
	rule_state_init(&r->st);
	r->an.rules = rs;
	r->an.state = &r->st;
	r->an.catalog = c;
	r->an.limits = &r->lim;
	r->an.flags = BOUNCE_BRIEF | BOUNCE_LOG_RESUME;
	r->an.cancel = stop_asked;
	memset(&f, 0, sizeof f);
	f.has_since = o->has_since;
	f.since = o->since;
	f.has_until = o->has_until;
	f.until = o->until;
	f.domain = o->domain;
	summary_init(&r->s, &f, 0);
}

static void
sumrun_free(struct sumrun *r)
{
	analysis_free(&r->a);
	msgstream_free(&r->ms);
	rule_state_free(&r->st);
	summary_free(&r->s);
}

int
cli_summary(const struct options *o, struct catalog *c, struct rules *rs,
    size_t width)
{
	struct sigaction	 old[CLI_NSTOP];
	struct sumrun		 r;
	const char		*path;
	int			 i, rc, err, sig;
	int			 n = o->nargs == 0 ? 1 : o->nargs;

	cli_signals_catch(old);
	sumrun_init(&r, o, c, rs);
	for (i = 0; i < n && cli_signal() == 0; i++) {
		path = o->nargs == 0 ? "-" : o->args[i];
		if ((err = sum_input(&r, path)) != 0) {
			utf8_eprintf("%s: %s: %s\n", PACKAGE, path,
			    strerror(err));
			r.rc = 2;
		}
	}
	/* Stopped part way: a summary of part of the input would mislead. */
	err = cli_signal() == 0 ? sum_write(&r, width) : 0;
	cli_signals_restore(old);
	rc = r.rc;
	if (rc == 0)
		rc = r.s.failures != 0 ? 0 : 1;
	sumrun_free(&r);
	if ((sig = cli_signal()) != 0)
		return (cli_signals_raise(sig));
	if (err == EPIPE)
		return (128 + SIGPIPE);
	return (err != 0 ? 2 : rc);
}
