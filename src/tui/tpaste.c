/* The paste session: the box's text and its analysis, for every view. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "check/check_job.h"
#include "parse/msgstream.h"
#include "tui/tpaste.h"
#include "tui/view.h"

/*
 * What the views share, and nothing else: each view keeps its own
 * scroll and cursor state (view_paste.c, view_result.c, paste_io.c).
 */
struct tpaste {
	struct paste		 box;		/* the text */
	struct pjob		*job;		/* its worker, once started */
	int			 analysing;
	struct timespec		 started;
	struct presult		*res;		/* the last result, or NULL */
	double			 took;		/* seconds it took */

	/* The DNS checks of one verdict of res (check_job.h). */
	struct cjob		*cjob;
	int			 checking;
	int			 net_told;	/* the first c said it */
	int			 show_records;	/* r: the records read */
	unsigned long		 check_version;	/* of the result checked */
	struct timespec		 check_started;
};

double
tpaste_elapsed(const struct timespec *then)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((double)(now.tv_sec - then->tv_sec) +
	    (now.tv_nsec - then->tv_nsec) / 1e9);
}

struct tpaste *
tpaste_get(struct tui *t)
{
	struct tpaste	*p = t->paste;

	if (p != NULL)
		return (p);
	p = xcalloc(1, sizeof *p);
	paste_init(&p->box, PASTE_MAX);
	t->paste = p;
	return (p);
}

void
tpaste_free(struct tui *t)
{
	struct tpaste	*p = t->paste;

	/* Paste mode off and the worker joined, before the screen goes. */
	pasteio_free(t);
	tbox_free(t);
	tresult_free(t);
	if (p == NULL)
		return;
	pjob_free(p->job);
	cjob_free(p->cjob);
	presult_free(p->res);
	paste_free(&p->box);
	free(p);
	t->paste = NULL;
}

struct paste *
tpaste_text(struct tpaste *p)
{
	return (&p->box);
}

const struct presult *
tpaste_result(const struct tpaste *p)
{
	return (p != NULL ? p->res : NULL);
}

int
tpaste_analysing(const struct tpaste *p)
{
	return (p != NULL && p->analysing);
}

double
tpaste_seconds(const struct tpaste *p)
{
	return (p->analysing ? tpaste_elapsed(&p->started) : p->took);
}

void
tpaste_open(struct tui *t)
{
	struct tpaste	*p = tpaste_get(t);

	if (p->analysing) {
		pjob_cancel(p->job);
		p->analysing = 0;
	}
	tpaste_check_cancel(t);
	t->overlay = -1;
	t->focus = VIEW_PASTE;
	tbox_follow(t);
}

void
tpaste_analyse(struct tui *t)
{
	struct tpaste	*p = tpaste_get(t);
	char		*copy;
	size_t		 len = p->box.text.len;

	if (len == 0) {
		tui_message(t, "%s", _("Nothing to diagnose: paste or type a "
		    "bounce first."));
		return;
	}
	/*
	 * The same text as last time: its result is still good, unless
	 * the rules failed to load then (the file may be fixed since).
	 */
	if (p->res != NULL && p->res->version == p->box.version &&
	    p->res->rules_error == NULL) {
		t->focus = VIEW_RESULT;
		return;
	}
	if (p->job == NULL)
		p->job = pjob_new(t->cat, t->datadir);
	/* A copy: the box may be edited again while the job still runs. */
	copy = xmalloc(len + 1);
	memcpy(copy, p->box.text.data, len);
	copy[len] = '\0';
	if (pjob_submit(p->job, copy, len, p->box.version) != 0) {
		free(copy);
		tui_message(t, "%s", _("Cannot start the analysis: no thread."));
		return;
	}
	presult_free(p->res);
	p->res = NULL;
	p->analysing = 1;
	clock_gettime(CLOCK_MONOTONIC, &p->started);
	t->focus = VIEW_RESULT;
	tresult_reset(t);
}

int
tpaste_take(struct tui *t)
{
	struct tpaste	*p = t->paste;
	struct presult	*res;

	if (p == NULL || !p->analysing || (res = pjob_take(p->job)) == NULL)
		return (0);
	p->analysing = 0;
	p->took = tpaste_elapsed(&p->started);
	presult_free(p->res);
	p->res = res;
	return (1);
}

/*
 * A file given on the command line, as if pasted: the box holds its
 * text (gzip inflated, at most PASTE_MAX, the rest counted as
 * dropped, which the box says) and its diagnosis is shown.
 */
int
tpaste_load_file(struct tui *t, const char *path)
{
	struct tpaste		*p = tpaste_get(t);
	struct msgstream	 ms;
	struct stat		 st;
	const char		*msg;
	size_t			 len;
	int			 fd, rc, cut, saved;

	if ((fd = open(path, O_RDONLY)) == -1)
		return (-1);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		saved = S_ISDIR(st.st_mode) ? EISDIR : errno;
		close(fd);
		errno = saved != 0 ? saved : EINVAL;
		return (-1);
	}
	tpaste_open(t);
	paste_clear(&p->box);
	msgstream_init(&ms, PASTE_MAX);
	msgstream_start(&ms, fd, (long long)st.st_size);
	while ((rc = msgstream_next(&ms, &msg, &len, &cut)) == 1) {
		if (paste_add(&p->box, msg, len) != 0)
			break;
	}
	saved = errno;
	msgstream_free(&ms);
	close(fd);
	if (rc < 0) {
		errno = saved;
		return (-1);
	}
	tpaste_analyse(t);
	return (0);
}

int
tpaste_checking(const struct tpaste *p)
{
	return (p != NULL && p->checking);
}

double
tpaste_check_seconds(const struct tpaste *p)
{
	return (tpaste_elapsed(&p->check_started));
}

void
tpaste_check_cancel(struct tui *t)
{
	struct tpaste	*p = t->paste;

	if (p == NULL || !p->checking)
		return;
	cjob_cancel(p->cjob);
	p->checking = 0;
}

/*
 * The system's first server, as c-ares reads resolv.conf: 0 with its
 * address in out, or -1.  Opening a resolver sends nothing.
 */
static int
system_resolver(struct buf *out)
{
	struct dns_resolver	*r;
	const char		*why;
	int			 rc;

	if ((r = dns_resolver_open(NULL, CHECK_TIMEOUT_MS, &why)) == NULL)
		return (-1);
	rc = dns_resolver_server(r, out);
	dns_resolver_close(r);
	return (rc);
}

/* The first c says where the queries go; nothing is sent before the next. */
static int
check_told(struct tui *t, struct tpaste *p)
{
	struct buf	 name;

	buf_init(&name);
	if (p->net_told)
		return (1);
	p->net_told = 1;
	if (t->resolver != NULL)
		tui_message(t, _("The checks send DNS queries to %s: press c "
		    "again to go on."), t->resolver);
	else if (system_resolver(&name) == 0)
		tui_message(t, _("The checks send DNS queries to the system "
		    "resolver, %s: press c again to go on."), name.data);
	else
		tui_message(t, "%s", _("The checks send DNS queries to the "
		    "system resolver: press c again to go on."));
	buf_free(&name);
	return (0);
}

void
tpaste_check(struct tui *t, size_t block)
{
	struct tpaste		*p = tpaste_get(t);
	struct dnscheck_plan	 plan;
	struct arena		 scratch;
	int			 rc;

	if (p->res == NULL || p->analysing || block >= p->res->an.nv) {
		tui_message(t, "%s", _("No verdict to check."));
		return;
	}
	if (p->checking) {
		tui_message(t, "%s", _("The DNS checks are still running: Esc "
		    "cancels them."));
		return;
	}
	/* Checks cancelled but not finished yet cannot be stopped. */
	tpaste_check_take(t);
	if (cjob_busy(p->cjob)) {
		tui_message(t, "%s", _("The cancelled DNS checks are still "
		    "waiting for an answer: press c again in a moment."));
		return;
	}
	if (!check_told(t, p))
		return;
	if (p->cjob == NULL)
		p->cjob = cjob_new(t->resolver, t->check_ms > 0 ? t->check_ms :
		    CHECK_TIMEOUT_MS, t->datadir);
	arena_init(&scratch);
	dnscheck_plan_make(&plan, &p->res->an.v[block], &p->res->an.doc,
	    t->check_ip, &scratch);
	rc = cjob_start(p->cjob, &plan, block);
	arena_free(&scratch);
	if (rc != 0) {
		tui_message(t, "%s", _("Cannot start the DNS checks: no "
		    "thread."));
		return;
	}
	p->checking = 1;
	p->check_version = p->res->version;
	clock_gettime(CLOCK_MONOTONIC, &p->check_started);
}

/*
 * The findings as the verdict's extra lines (paste_result.h), with the
 * session's choice of records; the session outlives its results.
 */
struct checks_lines {
	struct dnscheck_list	*l;
	const int		*records;
};

static void
checks_render(void *arg, size_t width, struct rdoc *d)
{
	struct checks_lines	*c = arg;

	dnscheck_render(d, c->l, width, *c->records);
}

static void
checks_release(void *arg)
{
	struct checks_lines	*c = arg;

	dnscheck_list_free(c->l);
	free(c->l);
	free(c);
}

int
tpaste_check_records(struct tui *t)
{
	struct tpaste	*p = tpaste_get(t);

	p->show_records = !p->show_records;
	return (p->show_records);
}

long
tpaste_check_take(struct tui *t)
{
	struct tpaste		*p = t->paste;
	struct dnscheck_list	*l;
	struct checks_lines	*lines;
	const char		*error;
	unsigned long		 block;

	if (p == NULL || p->cjob == NULL)
		return (-1);
	/* A cancelled job is reaped here too: cjob_take() drops it. */
	if ((l = cjob_take(p->cjob, &block, &error)) == NULL)
		return (-1);
	p->checking = 0;
	/* The result checked may have been replaced meanwhile. */
	if (p->res == NULL || p->res->version != p->check_version ||
	    block >= p->res->an.nv) {
		dnscheck_list_free(l);
		free(l);
		return (-1);
	}
	if (error != NULL) {
		tui_message(t, _("DNS checks: %s."), _(error));
		dnscheck_list_free(l);
		free(l);
		return (-1);
	}
	tui_message(t, _("DNS checks done in %.1f s."),
	    tpaste_check_seconds(p));
	lines = xmalloc(sizeof *lines);
	lines->l = l;
	lines->records = &p->show_records;
	presult_set_extra(p->res, (size_t)block, checks_render, checks_release,
	    lines);
	return ((long)block);
}
