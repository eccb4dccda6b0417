/*
 * The document being built: its life, and the records and spans the
 * scanners add to it, within the limits.  The scanners call this file,
 * never bounce.c, so that the entry point and its helpers do not
 * include each other.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "parse/bounce_int.h"
#include "parse/maillog.h"

void
bounce_doc_init(struct bounce_doc *d)
{
	memset(d, 0, sizeof *d);
	buf_init(&d->text);
	arena_init(&d->arena);
	textdec_init(&d->td);
}

void
bounce_doc_free(struct bounce_doc *d)
{
	size_t	 i;

	buf_free(&d->text);
	free(d->spans);
	free(d->hblocks);
	free(d->rcpts);
	free(d->msgs);
	maillog_free(d->log);
	arena_free(&d->arena);
	textdec_free(&d->td);
	for (i = 0; i < sizeof d->scratch / sizeof d->scratch[0]; i++)
		buf_free(&d->scratch[i]);
	memset(d, 0, sizeof *d);
}

void
parser_add_span(struct parser *P, enum span_kind k, size_t off, size_t len)
{
	struct bounce_doc	*d = P->doc;

	if (len == 0)
		return;
	if (d->nspans >= P->lim->max_spans) {
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_SPANS;
		return;
	}
	d->spans = xgrow(d->spans, &d->span_cap, d->nspans + 1,
	    sizeof *d->spans);
	d->spans[d->nspans].off = off;
	d->spans[d->nspans].len = len;
	d->spans[d->nspans].kind = k;
	d->nspans++;
}

int
parser_field_line(const char *p, const char *e)
{
	const char	*s = p;

	while (s < e && *s > 32 && *s < 127 && *s != ':')
		s++;
	return (s > p && s < e && *s == ':' && s - p <= 76);
}

int
prefix_in(const char *p, size_t n, const char *const *names, size_t nnames)
{
	size_t	i, l;

	for (i = 0; i < nnames; i++) {
		l = strlen(names[i]);
		if (n > l && strncasecmp(p, names[i], l) == 0)
			return (1);
	}
	return (0);
}

void
parser_add_hblock(struct parser *P, size_t off, size_t end, int returned)
{
	struct bounce_doc	*d = P->doc;
	struct bounce_hblock	*h;
	const char		*t = d->text.data, *nl;
	size_t			 lines = 0, at;

	if (!(P->flags & BOUNCE_SPANS) || (P->flags & BOUNCE_BRIEF) ||
	    off >= end || end > d->text.len)
		return;
	if (d->nhblocks >= P->lim->max_spans) {
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_SPANS;
		return;
	}
	for (at = off; at < end && (nl = memchr(t + at, '\n', end - at)) !=
	    NULL; at = (size_t)(nl - t) + 1)
		lines++;
	d->hblocks = xgrow(d->hblocks, &d->hblock_cap, d->nhblocks + 1,
	    sizeof *d->hblocks);
	h = &d->hblocks[d->nhblocks++];
	h->off = off;
	h->end = end;
	h->lines = lines;
	h->returned = returned;
}

static int
hblock_order(const void *a, const void *b)
{
	const struct bounce_hblock	*x = a, *y = b;

	if (x->off != y->off)
		return (x->off < y->off ? -1 : 1);
	return (x->end > y->end ? -1 : x->end < y->end);
}

void
parser_settle_hblocks(struct bounce_doc *d)
{
	size_t	 i, n = 0;

	if (d->nhblocks > 1)
		qsort(d->hblocks, d->nhblocks, sizeof *d->hblocks,
		    hblock_order);
	/* A block inside another (a marker line in a header) goes. */
	for (i = 0; i < d->nhblocks; i++) {
		if (n > 0 && d->hblocks[i].off < d->hblocks[n - 1].end)
			continue;
		d->hblocks[n++] = d->hblocks[i];
	}
	d->nhblocks = n;
}

struct bounce_rcpt *
parser_add_rcpt(struct parser *P, size_t msgi, const char *addr, size_t len)
{
	struct bounce_doc	*d = P->doc;
	struct bounce_rcpt	*r;

	if (d->nrcpts >= P->lim->max_rcpts) {
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_RCPTS;
		return (NULL);
	}
	d->rcpts = xgrow(d->rcpts, &d->rcpt_cap, d->nrcpts + 1,
	    sizeof *d->rcpts);
	r = &d->rcpts[d->nrcpts++];
	memset(r, 0, sizeof *r);
	r->recipient = arena_strndup(&d->arena, addr, len);
	r->msg = msgi;
	r->kind = MSG_BOUNCE;
	r->log_unix = -1;
	return (r);
}
