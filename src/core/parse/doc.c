/*
 * The document being built: its life, and the records and spans the
 * scanners add to it, within the limits.  The scanners call this file,
 * never bounce.c, so that the entry point and its helpers do not
 * include each other.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
