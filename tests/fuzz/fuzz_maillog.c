/*
 * Fuzz target: mail log lines, one by one through maillog_line() and as
 * a whole log through bounce_parse() in both modes and with tight
 * limits, then the diagnosis of every record.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "catalogue/catalog.h"
#include "base/datadir.h"
#include "diagnose/diagnose.h"
#include "fuzz.h"
#include "parse/maillog.h"
#include "diagnose/rules.h"
#include "base/utf8.h"

static struct catalog	 cat;
static struct rules	 rules;
static int		 loaded;

struct span_check {
	const char	*line;
	size_t		 len;
};

/* Each field lies in the line, or is a NUL-ended string of the state. */
static void
check_str(const struct span_check *c, struct ml_str s)
{
	if (s.n == 0)
		return;
	if (s.p == NULL)
		abort();
	if (s.p >= c->line && s.p < c->line + c->len) {
		if (s.p + s.n > c->line + c->len)
			abort();
	} else if (strlen(s.p) < s.n)
		abort();
}

static void
on_entry(void *arg, const struct maillog_entry *e)
{
	const struct span_check	*c = arg;

	if (e->agent == NULL || e->action == NULL)
		abort();
	check_str(c, e->time);
	check_str(c, e->host);
	check_str(c, e->queue_id);
	check_str(c, e->rcpt);
	check_str(c, e->orig);
	check_str(c, e->sender);
	check_str(c, e->relay);
	check_str(c, e->relay_ip);
	check_str(c, e->delay);
	check_str(c, e->dsn);
	check_str(c, e->reply);
	check_str(c, e->key_rcpt);
	check_str(c, e->key_status);
}

static void
check_doc(const struct bounce_doc *d)
{
	size_t	 i, last = 0;

	if (!utf8_valid(d->text.data != NULL ? d->text.data : "", d->text.len,
	    NULL))
		abort();
	for (i = 0; i < d->nspans; i++) {
		if (d->spans[i].off + d->spans[i].len > d->text.len ||
		    d->spans[i].off < last)
			abort();
		last = d->spans[i].off;
	}
	for (i = 0; i < d->nrcpts; i++) {
		const struct bounce_rcpt *r = &d->rcpts[i];

		if (r->recipient == NULL || r->diag_off + r->diag_len >
		    d->text.len || r->msg >= d->nmsgs)
			abort();
		if (r->log_line == 0 || r->log_time == NULL)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*p = (const char *)data, *end = p + size, *q;
	struct load_error	 err;
	struct bounce_limits	 lim;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 scratch;
	struct span_check	 c;
	struct maillog		*ml;
	long long		 t;
	size_t			 i;
	int			 pass;

	if (!loaded) {
		catalog_init(&cat);
		rules_init(&rules);
		if (catalog_load_path(&cat, FUZZ_DATADIR, &err) != 0 ||
		    rules_load_dir(&rules, FUZZ_DATADIR, &err) != 0)
			abort();
		loaded = 1;
	}
	ml = maillog_new();
	while (p < end) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		c.line = p;
		c.len = (size_t)(q - p);
		maillog_line(ml, p, c.len, 1796230800LL, on_entry, &c);
		if (maillog_stamp(p, c.len, 1796230800LL, &t) > c.len)
			abort();
		p = q + 1;
	}
	maillog_free(ml);
	maillog_looks_like((const char *)data, size);

	bounce_doc_init(&d);
	d.log_now = 1796230800LL;
	for (pass = 0; pass < 3; pass++) {
		bounce_limits_default(&lim);
		if (pass == 2) {
			lim.max_rcpts = 3;
			lim.max_spans = 16;
			lim.max_text = 4096;
			lim.max_msgs = 2;
		}
		/* BOUNCE_LOG_MORE: read as a log whatever its first lines. */
		bounce_parse(&d, (const char *)data, size, &lim,
		    BOUNCE_LOG_MORE | (pass == 1 ? BOUNCE_BRIEF :
		    BOUNCE_SPANS));
		check_doc(&d);
		arena_init(&scratch);
		for (i = 0; i < d.nrcpts; i++) {
			diagnose(&rules, &cat, &d, i, &v, &scratch);
			if (v.reason == NULL || v.ncodes > VERDICT_MAX_CODES)
				abort();
		}
		arena_free(&scratch);
	}
	bounce_doc_free(&d);
	return (0);
}
