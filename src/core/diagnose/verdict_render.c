/* A verdict as styled, wrapped lines: what the pane and --diagnose show. */
#include "config.h"

#include <string.h>

#include "base/i18n.h"
#include "base/utf8.h"
#include "diagnose/verdict_render.h"

/* What one report is laid out with. */
struct layout {
	struct rdoc	*d;
	size_t		 width;
	size_t		 max_string;
	struct buf	 tmp;		/* the string being cut and escaped */
};

/* s escaped, newlines too, and cut to max_string bytes if that is set. */
static const char *
outside(struct layout *l, const char *s)
{
	size_t	 len = strlen(s);
	int	 cut = 0;

	if (l->max_string != 0 && len > l->max_string) {
		len = l->max_string;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
		cut = 1;
	}
	buf_reset(&l->tmp);
	utf8_sanitize(s, len, &l->tmp, 0, 0);
	if (cut)
		buf_adds(&l->tmp, "\xe2\x80\xa6");
	return (l->tmp.data != NULL ? l->tmp.data : "");
}

static void
line(struct layout *l, enum rstyle st, const char *label, const char *text)
{
	render_wrap(l->d, st, label, text, l->width);
}

/* A field whose value came from outside. */
static void
field(struct layout *l, const char *label, const char *value)
{
	if (value != NULL)
		line(l, RS_TEXT, label, outside(l, value));
}

static void
title(struct layout *l, const char *label, const char *what)
{
	struct buf	 b;

	/* One text, so that a long label wraps rather than being cut. */
	buf_init(&b);
	utf8_sanitize(label, strlen(label), &b, 0, 0);
	buf_adds(&b, what);
	line(l, RS_TITLE, "", b.data);
	buf_free(&b);
}

void
verdict_render_truncation(struct rdoc *d, const struct bounce_doc *doc,
    size_t width)
{
	struct buf	 b;

	if (!doc->truncated)
		return;
	if (width < VERDICT_MIN_WIDTH)
		width = VERDICT_MIN_WIDTH;
	buf_init(&b);
	buf_adds(&b, _("a limit was reached: not all of it was read"));
	if (doc->cut != 0) {
		buf_adds(&b, " (");
		bounce_cut_describe(doc->cut, NULL, &b);
		buf_addc(&b, ')');
	}
	buf_addc(&b, '.');
	render_wrap(d, RS_META, _("Truncated: "), b.data, width);
	buf_free(&b);
}

/* An auto-reply, a feedback report or a delivery is no failure. */
static const char *
severity(const struct verdict *v)
{
	switch (v->rcpt->kind) {
	case MSG_AUTOREPLY:
	case MSG_FEEDBACK:
	case MSG_DELIVERED:
		return (_("Not a bounce"));
	default:
		if (v->delayed)
			return (_("Delayed: not a bounce yet; the sending "
			    "server is still retrying"));
		if (v->permanence_unknown)
			return (_("Bounce: the report does not say whether the "
			    "failure is permanent"));
		return (v->permanent ? _("Hard bounce: a permanent failure") :
		    _("Soft bounce: a temporary failure"));
	}
}

static void
what_happened(struct layout *l, const struct verdict *v, struct buf *b)
{
	buf_reset(b);
	if (v->reason_title != NULL)
		buf_printf(b, "%s (%s)", C_(v->reason_title), v->reason);
	else
		buf_adds(b, v->reason);
	line(l, RS_TEXT, _("What happened: "), b->data);
	line(l, RS_NOTE, "", severity(v));
}

static void
retry(struct layout *l, const struct verdict *v, struct buf *b)
{
	buf_reset(b);
	/* The advice is interface text (catalog.c), the note data. */
	buf_adds(b, _(retry_text(v->retry)));
	if (v->retry_note != NULL) {
		if (b->len > 0 && b->data[b->len - 1] != '.')
			buf_addc(b, '.');
		buf_printf(b, " %s", C_(v->retry_note));
	}
	line(l, RS_TEXT, _("Retry: "), b->data);
}

/* "reply 550  5.1.1 (derived)  after RCPT": as a server sends them. */
static void
codes(struct layout *l, const struct verdict *v, struct buf *b)
{
	const struct bounce_rcpt	*rc = v->rcpt;

	buf_reset(b);
	if (v->reply_code != 0)
		buf_printf(b, _("reply %d"), v->reply_code);
	if (v->status[0] != '\0')
		buf_printf(b, "%s%s%s", b->len != 0 ? "  " : "", v->status,
		    v->status_derived ? _(" (derived)") : "");
	if (rc->command != NULL)
		buf_printf(b, _("%safter %s"), b->len != 0 ? "  " : "",
		    rc->command);
	if (b->len != 0)
		line(l, RS_TEXT, _("Codes: "), outside(l, b->data));
}

static void
heading(struct layout *l, const char *text)
{
	line(l, RS_HEADING, "", text);
}

static void
evidence(struct layout *l, const struct verdict *v)
{
	size_t	 i;

	if (v->nevidence == 0)
		return;
	heading(l, _("Evidence"));
	for (i = 0; i < v->nevidence; i++)
		line(l, RS_ITEM, "  - ", outside(l, v->evidence[i]));
}

static void
steps(struct layout *l, const struct verdict *v, struct buf *b)
{
	size_t	 i;

	if (v->nsteps == 0)
		return;
	heading(l, _("Next steps"));
	for (i = 0; i < v->nsteps; i++) {
		buf_reset(b);
		buf_printf(b, "  %zu. ", i + 1);
		line(l, RS_ITEM, b->data, C_(v->steps[i]));
	}
}

static void
entries(struct layout *l, const struct verdict *v, struct buf *b)
{
	size_t	 i, first;

	if (v->ncodes == 0)
		return;
	heading(l, _("Catalogue entries"));
	for (i = 0; i < v->ncodes; i++) {
		first = l->d->n;
		buf_reset(b);
		buf_printf(b, "  %s  ", outside(l, v->codes[i]->code));
		line(l, RS_RELATED, b->data, C_(v->codes[i]->title));
		for (; first < l->d->n; first++)
			l->d->v[first].link = (int)i;
	}
}

/* "Log: line 2, Dec  2 15:06:04 mx1, queue 4F2A81234B, from <a@b>". */
static void
log_fields(struct layout *l, const struct bounce_rcpt *r, struct buf *b)
{
	if (r->log_line == 0)
		return;
	buf_reset(b);
	buf_printf(b, _("line %zu"), r->log_line);
	if (r->log_time != NULL)
		buf_printf(b, ", %s", r->log_time);
	if (r->log_host != NULL)
		buf_printf(b, " %s", r->log_host);
	if (r->queue_id != NULL) {
		buf_adds(b, ", ");
		buf_printf(b, _("queue %s"), r->queue_id);
	}
	if (r->log_sender != NULL) {
		buf_adds(b, ", ");
		buf_printf(b, _("from <%s>"), r->log_sender);
	}
	if (r->delay != NULL) {
		buf_adds(b, ", ");
		buf_printf(b, _("delay %s"), r->delay);
	}
	field(l, _("Log: "), b->data);
}

/* The relay by name and address when the log gives both. */
static void
remote_mta(struct layout *l, const struct bounce_rcpt *r, struct buf *b)
{
	if (r->remote_mta != NULL && r->relay_ip != NULL) {
		buf_reset(b);
		buf_printf(b, "%s [%s]", r->remote_mta, r->relay_ip);
		field(l, _("Remote MTA: "), b->data);
	} else
		field(l, _("Remote MTA: "), r->remote_mta != NULL ?
		    r->remote_mta : r->relay_ip);
}

static void
layout_init(struct layout *l, struct rdoc *d, size_t width, size_t max)
{
	l->d = d;
	l->width = width < VERDICT_MIN_WIDTH ? VERDICT_MIN_WIDTH : width;
	l->max_string = max;
	buf_init(&l->tmp);
}

void
verdict_render(struct rdoc *d, const char *label, const struct verdict *v,
    const struct bounce_doc *doc, size_t width, size_t max_string)
{
	const struct bounce_rcpt	*rc = v->rcpt;
	struct layout			 l;
	struct buf			 b;

	layout_init(&l, d, width, max_string);
	buf_init(&b);
	title(&l, label, rc->recipient[0] != '\0' ?
	    outside(&l, rc->recipient) : _("(no recipient named)"));
	verdict_render_truncation(d, doc, l.width);
	log_fields(&l, rc, &b);
	what_happened(&l, v, &b);
	retry(&l, v, &b);
	field(&l, _("Provider: "), v->provider);
	remote_mta(&l, rc, &b);
	codes(&l, v, &b);
	field(&l, _("Server said: "), rc->diagnostic);
	evidence(&l, v);
	steps(&l, v, &b);
	entries(&l, v, &b);
	buf_free(&b);
	buf_free(&l.tmp);
}

void
verdict_render_none(struct rdoc *d, const char *label,
    const struct bounce_doc *doc, size_t width)
{
	struct layout	 l;

	layout_init(&l, d, width, 0);
	title(&l, label, _("Not a bounce"));
	verdict_render_truncation(d, doc, l.width);
	line(&l, RS_TEXT, "", _("No failed recipient was found: this text is "
	    "neither a bounce report nor an SMTP reply that smtp-doctor "
	    "recognises."));
	buf_free(&l.tmp);
}
