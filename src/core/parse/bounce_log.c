/* Mail log input: each failing delivery a record of its own. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "parse/bounce_int.h"
#include "parse/maillog.h"

/* What the entry callback needs to know of the line it came from. */
struct logctx {
	struct parser	*P;
	size_t		 off;		/* the line in text */
	size_t		 len;
	size_t		 lineno;
};

static const char *
str_dup(struct parser *P, struct ml_str s)
{
	return (s.n != 0 ? arena_strndup(&P->doc->arena, s.p, s.n) : NULL);
}

/* The span of s if it lies in the line (not in the join table). */
static void
span(struct logctx *c, enum span_kind k, struct ml_str s)
{
	const char	*line = c->P->doc->text.data + c->off;

	if (s.n != 0 && s.p >= line && s.p + s.n <= line + c->len)
		parser_add_span(c->P, k, c->off + (size_t)(s.p - line), s.n);
}

static void
spans_add(struct logctx *c, const struct maillog_entry *e, int code)
{
	struct ml_str	 r = e->reply;

	span(c, SPAN_FIELD_NAME, e->key_rcpt);
	span(c, SPAN_FIELD_NAME, e->key_status);
	span(c, SPAN_RECIPIENT, e->rcpt);
	span(c, SPAN_RECIPIENT, e->orig);
	span(c, SPAN_SENDER, e->sender);
	span(c, SPAN_HOST, e->relay);
	span(c, SPAN_IP, e->relay_ip);
	span(c, SPAN_STATUS, e->dsn);
	if (code != 0 && r.n >= 3) {
		struct ml_str rc = { r.p, 3 };

		span(c, SPAN_REPLY, rc);
	}
	span(c, SPAN_DIAGNOSTIC, r);
}

static struct bounce_msg *
msg_add(struct parser *P)
{
	struct bounce_doc	*d = P->doc;
	struct bounce_msg	*bm;

	if (d->nmsgs >= P->lim->max_msgs) {
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_MSGS;
		return (NULL);
	}
	if (d->nmsgs == d->msg_cap) {
		d->msg_cap = d->msg_cap ? d->msg_cap * 2 : 4;
		d->msgs = xreallocarray(d->msgs, d->msg_cap, sizeof *d->msgs);
	}
	bm = &d->msgs[d->nmsgs++];
	memset(bm, 0, sizeof *bm);
	return (bm);
}

/* "5.1.1": class, subject and detail, as RFC 3463 writes them. */
static int
status_ok(struct ml_str s)
{
	char	 code[STATUS_MAX];
	size_t	 at;

	return (s.n > 0 && s.n < 12 && (s.p[0] == '2' || s.p[0] == '4' ||
	    s.p[0] == '5') && status_find(s.p, s.n, code, &at) && at == 0 &&
	    strlen(code) == s.n);
}

/*
 * One record per entry, with a message of its own: the diagnosis reads
 * a record's message ('in: message') and must see its line, not the
 * whole log.
 */
static void
on_entry(void *arg, const struct maillog_entry *e)
{
	struct logctx		*c = arg;
	struct parser		*P = c->P;
	struct bounce_doc	*d = P->doc;
	struct bounce_msg	*bm;
	struct bounce_rcpt	*r;
	const char		*line = d->text.data + c->off;
	char			 code[STATUS_MAX];
	size_t			 at;

	if (d->nrcpts >= P->lim->max_rcpts) {
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_RCPTS;
		return;
	}
	if ((bm = msg_add(P)) == NULL)
		return;
	bm->off = c->off;
	bm->len = c->len;
	bm->kind = MSG_BOUNCE;
	bm->agent = e->agent;
	bm->text_off = c->off;
	bm->text_len = c->len < MSG_TEXT_MAX ? c->len : MSG_TEXT_MAX;
	if ((r = parser_add_rcpt(P, d->nmsgs - 1, e->rcpt.p != NULL ?
	    e->rcpt.p : "", e->rcpt.n)) == NULL) {
		d->nmsgs--;
		return;
	}
	r->original = str_dup(P, e->orig);
	r->action = e->action;
	r->agent = e->agent;
	r->command = e->command;
	r->reply_code = e->reply_code;
	r->diag_type = "smtp";
	r->remote_mta = str_dup(P, e->relay);
	r->diagnostic = str_dup(P, e->reply);
	if (e->reply.n != 0 && e->reply.p >= line &&
	    e->reply.p + e->reply.n <= line + c->len) {
		r->diag_off = c->off + (size_t)(e->reply.p - line);
		r->diag_len = e->reply.n;
	}
	if (status_ok(e->dsn)) {
		memcpy(r->status, e->dsn.p, e->dsn.n);
		/* A dsn= field, not qmail's "(#5.1.1)" inside the reply. */
		r->status_logged = !(e->dsn.p >= e->reply.p &&
		    e->dsn.p < e->reply.p + e->reply.n);
	} else if (r->diagnostic != NULL && status_find(r->diagnostic,
	    strlen(r->diagnostic), code, &at) && at < 8)
		memcpy(r->status, code, sizeof code);
	/* Postfix's dsn=4.0.0 of "451 timeout (#4.4.2)": the 4.4.2. */
	rcpt_refine_status(r);
	if (r->diagnostic != NULL)
		r->diagnostic = reply_unescape_utf8(P,
		    reply_join(P, r->diagnostic));
	r->log_time = str_dup(P, e->time);
	r->log_unix = e->epoch;
	r->log_host = str_dup(P, e->host);
	r->queue_id = str_dup(P, e->queue_id);
	r->relay_ip = str_dup(P, e->relay_ip);
	r->delay = str_dup(P, e->delay);
	r->log_sender = str_dup(P, e->sender);
	r->log_line = c->lineno;
	if (P->flags & BOUNCE_SPANS)
		spans_add(c, e, e->reply_code);
}

static size_t
count_lines(const char *p, const char *end)
{
	size_t	 n = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return (n);
}

void
log_scan(struct parser *P, const char *in, size_t len)
{
	struct bounce_doc	*d = P->doc;
	struct logctx		 c;
	size_t			 pos = 0, s, e, last = 0, counted = 0, n;
	int			 all = !(P->flags & BOUNCE_BRIEF);
	long long		 now = d->log_now > 0 ? d->log_now :
				    (long long)time(NULL);

	if (d->log == NULL)
		d->log = maillog_new();
	if (!(P->flags & BOUNCE_LOG_MORE)) {
		maillog_reset(d->log);
		d->log_lines = 0;
	}
	maillog_scan_begin(d->log, in, len);
	memset(&c, 0, sizeof c);
	c.P = P;
	c.lineno = d->log_lines + 1;
	while (!P->full && maillog_scan_next(d->log, in, len, &pos, &s, &e)) {
		/* (Only after a record: a block always moves on.) */
		if ((P->flags & BOUNCE_LOG_RESUME) && d->nrcpts > 0 &&
		    d->nrcpts >= P->lim->max_rcpts) {
			/* The next block starts at this line. */
			d->log_unread = len - s;
			len = s;
			break;
		}
		c.lineno += count_lines(in + counted, in + s);
		counted = s;
		if (all)
			parser_emit(P, in + last, s - last);
		else if (d->text.len != 0)
			parser_emit(P, "\n", 1);
		/* syslog's own bound is 8 KiB; a longer line is cut. */
		if (e - s > MAILLOG_MAX_LINE) {
			e = s + MAILLOG_MAX_LINE;
			d->truncated = 1;
			d->cut |= BOUNCE_CUT_LINE;
		}
		c.off = d->text.len;
		parser_emit(P, in + s, e - s);
		c.len = d->text.len - c.off;
		n = maillog_line(d->log, d->text.data + c.off, c.len, now,
		    on_entry, &c);
		/* Batch diagnosis keeps only the lines records came from. */
		if (!all && n == 0) {
			d->text.len = c.off > 0 ? c.off - 1 : 0;
			d->text.data[d->text.len] = '\0';
		}
		last = e;
	}
	if (all && last < len)
		parser_emit(P, in + last, len - last);
	d->log_lines = c.lineno - 1 + count_lines(in + counted, in + len);
}
