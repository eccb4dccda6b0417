/* The bounce parser's entry point: messages, recipients, their kinds. */
#include "config.h"

#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "parse/bounce_int.h"
#include "base/i18n.h"
#include "parse/maillog.h"

static const char *const span_names[SPAN__COUNT] = {
	"reply", "status", "recipient", "sender", "host", "ip", "url", "tag",
	"blocklist", "field-name", "field-value", "quoted", "diagnostic",
};

static const char *const msg_names[MSG__COUNT] = {
	"not-bounce", "bounce", "autoreply", "feedback", "delivered", "reply",
};

const char *
span_kind_name(enum span_kind k)
{
	return ((unsigned)k < SPAN__COUNT ? span_names[k] : "?");
}

const char *
msg_kind_name(enum msg_kind k)
{
	return ((unsigned)k < MSG__COUNT ? msg_names[k] : "?");
}

static const char *const cut_names[BOUNCE_CUT__COUNT] = {
	"input", "text", "parts", "depth", "recipients", "spans", "messages",
	"line",
};

size_t
bounce_cut_names(unsigned cut, const char **names, size_t max)
{
	size_t	 i, n = 0;

	for (i = 0; i < BOUNCE_CUT__COUNT && n < max; i++)
		if (cut & (1u << i))
			names[n++] = cut_names[i];
	return (n);
}

static void
cut_phrase(unsigned bit, const struct bounce_limits *l, struct buf *out)
{
	switch (bit) {
	case BOUNCE_CUT_INPUT:
		buf_printf(out, _("input past %zu MiB"),
		    l->max_input >> 20);
		break;
	case BOUNCE_CUT_TEXT:
		buf_printf(out, _("decoded text past %zu MiB"),
		    l->max_text >> 20);
		break;
	case BOUNCE_CUT_PARTS:
		buf_printf(out, _("MIME parts past %zu"), l->max_parts);
		break;
	case BOUNCE_CUT_DEPTH:
		buf_printf(out, _("MIME nesting past %zu levels"),
		    l->max_depth);
		break;
	case BOUNCE_CUT_RCPTS:
		buf_printf(out, _("recipients past %zu"), l->max_rcpts);
		break;
	case BOUNCE_CUT_SPANS:
		buf_printf(out, _("highlighted parts past %zu"), l->max_spans);
		break;
	case BOUNCE_CUT_MSGS:
		buf_printf(out, _("messages past %zu"), l->max_msgs);
		break;
	case BOUNCE_CUT_LINE:
		buf_printf(out, _("log lines read to %u KiB only"),
		    (unsigned)(MAILLOG_MAX_LINE >> 10));
		break;
	}
}

void
bounce_cut_describe(unsigned cut, const struct bounce_limits *lim,
    struct buf *out)
{
	struct bounce_limits	 deflim;
	size_t			 i, n = 0;

	if (lim == NULL) {
		bounce_limits_default(&deflim);
		lim = &deflim;
	}
	for (i = 0; i < BOUNCE_CUT__COUNT; i++) {
		if (!(cut & (1u << i)))
			continue;
		if (n++ > 0)
			buf_adds(out, ", ");
		cut_phrase(1u << i, lim, out);
	}
}

void
bounce_limits_default(struct bounce_limits *l)
{
	l->max_input = 64u << 20;
	l->max_text = 64u << 20;
	l->max_parts = 1000;
	l->max_depth = 16;
	l->max_quoted = 64u << 10;
	l->max_rcpts = 10000;
	l->max_spans = 1000000;
	l->max_msgs = 100000;
}

static int
is_field_line(const char *p, const char *e)
{
	const char	*s = p;

	while (s < e && *s > 32 && *s < 127 && *s != ':')
		s++;
	return (s > p && s < e && *s == ':');
}

/* A header block that names at least one field every mail has. */
static int
looks_like_mail(const char *p, const char *end)
{
	static const char *const names[] = {
		"from:", "to:", "subject:", "date:", "received:",
		"return-path:", "message-id:", "mime-version:",
		"content-type:", "delivered-to:",
	};
	const char	*q;
	size_t		 i;
	int		 lines = 0;

	while (p < end && lines++ < 500) {
		q = memchr(p, '\n', (size_t)(end - p));
		if (q == NULL)
			q = end;
		if (q == p)
			return (0);
		if (*p != ' ' && *p != '\t') {
			if (!is_field_line(p, q))
				return (0);
			for (i = 0; i < sizeof names / sizeof names[0]; i++) {
				if ((size_t)(q - p) >= strlen(names[i]) &&
				    strncasecmp(p, names[i],
				    strlen(names[i])) == 0)
					return (1);
			}
		} else if (lines == 1)
			return (0);
		p = q < end ? q + 1 : end;
	}
	return (0);
}

/*
 * Bytes that are no text: a NUL in the first 64 KiB, or more than one
 * byte in 32 a control that no text file holds (tab, line ends, form
 * feed and the ESC of ISO-2022 are text).  This is the test of git and
 * grep for binary files, with a margin for the odd stray control; mail
 * is 7-bit or 8-bit text (RFC 5322, RFC 6152), so an input that fails
 * it is no bounce, whatever words its bytes happen to spell.
 */
static int
looks_binary(const char *p, const char *end)
{
	size_t			 n = (size_t)(end - p), i, ctl = 0;
	const unsigned char	*u = (const unsigned char *)p;

	if (n > 65536)
		n = 65536;
	if (memchr(p, '\0', n) != NULL)
		return (1);
	for (i = 0; i < n; i++)
		ctl += (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' &&
		    u[i] != '\r' && u[i] != '\f' && u[i] != '\v' &&
		    u[i] != 0x1b) || u[i] == 0x7f;
	return (ctl > n / 32);
}

/* The end of the mbox message starting at p ("From " line). */
static const char *
mbox_next(const char *p, const char *end)
{
	const char	*q = p;

	while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
		q++;
		if (end - q > 5 && memcmp(q, "From ", 5) == 0 &&
		    q >= p + 2 && q[-2] == '\n')
			return (q);
	}
	return (end);
}

static int
has(const char *v, const char *needle)
{
	return (v != NULL && memcasemem(v, strlen(v), needle,
	    strlen(needle)) != NULL);
}

/* Headers and words of a non-delivery report. */
static int
looks_like_bounce(const struct bmsg *m, const char *body, size_t blen)
{
	static const char *const subjects[] = {
		"undeliver", "undelivered", "delivery status notification",
		"delivery failure", "failure notice", "returned mail",
		"mail delivery failed", "non-delivery", "nondeliverable",
		"non delivery", "delivery has failed", "could not be delivered",
		"delivery notification", "failed delivery", "mail system error",
		"delivery failed", "undeliverable", "returned to sender",
		"mail failure", "delivery problem", "not delivered",
		"rejected", "warning: could not send", "delayed mail",
		"delivery report", "bounce", "error sending",
		"message you sent", "unzustellbar", "no se puede entregar",
		"non recapitabile", "non remis", "mail could not",
		"undelivered mail", "delivery status",
	};
	static const char *const phrases[] = {
		"could not be delivered", "delivery to the following recipient",
		"this is a permanent error", "the following address",
		"permanent fatal errors", "undeliverable", "was not delivered",
		"delivery has failed", "user unknown", "mailbox unavailable",
		"message could not be delivered", "unable to deliver",
		"said:", "does not like recipient", "transcript of session",
		"delivery failed", "rejected your message",
		"could not deliver", "returned mail", "delivery errors",
		"not delivered", "failed recipient", "delivery notification",
		"mailbox is full", "no mailbox", "not member",
		"delivery status notification", "invalid user",
		"no such user", "rcpt to:", "unable to deliver",
	};
	const char	*f = m->h[H_FROM];
	size_t		 i;

	if (m->report || m->h[H_X_FAILED] != NULL)
		return (1);
	if (has(f, "mailer-daemon") || has(f, "postmaster") ||
	    has(f, "mail delivery") || has(f, "mmdf") ||
	    has(f, "mail administrator") || has(f, "mailer_daemon"))
		return (1);
	for (i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
		if (has(m->h[H_SUBJECT], subjects[i]))
			return (1);
	if (blen > 8192)
		blen = 8192;
	for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (memcasemem(body, blen, phrases[i], strlen(phrases[i])))
			return (1);
	return (0);
}

/*
 * The subject words of an automatic reply: the responders' own and the
 * prefix Outlook and Exchange put before an out-of-office reply in the
 * languages they ship ("Automatic reply:", "Automatische Antwort:",
 * "Réponse automatique :"...), whose Auto-Submitted is auto-generated,
 * not auto-replied.  The subject is decoded to UTF-8 by then.
 */
static const char *const autoreply_subjects[] = {
	"auto reply", "auto-reply", "autoreply", "automatic reply",
	"autorespons", "out of office", "out of the office", "vacation",
	"abwesenheit", "absence", "automatische antwort",
	"réponse automatique", "respuesta automática", "risposta automatica",
	"automatisch antwoord", "resposta automática", "odpowiedź automatyczna",
	"autosvar", "automatisk svar", "automaattinen vastaus",
	"automatická odpověď", "otomatik yanıt",
	"Автоматический ответ", "Автоответ", "自動応答", "自动回复",
	"自動回覆",
};

static int
looks_like_autoreply(const struct bmsg *m)
{
	const char	*s = m->h[H_SUBJECT];
	size_t		 i;

	if (m->h[H_X_AUTOREPLY] != NULL || m->h[H_X_AUTORESPOND] != NULL)
		return (1);
	for (i = 0; i < sizeof autoreply_subjects /
	    sizeof autoreply_subjects[0]; i++)
		if (has(s, autoreply_subjects[i]))
			return (1);
	if (s != NULL && strncasecmp(s, "auto:", 5) == 0)
		return (1);
	return (has(m->h[H_AUTO_SUBMITTED], "auto-replied") &&
	    !has(m->h[H_FROM], "mailer-daemon"));
}

/*
 * The reply code of a diagnostic.  In "554 <a@b>... 550 Host unknown"
 * the first code is the reporting MTA's own and the second the remote
 * server's: the remote's is the one that says what happened.
 */
static int
remote_reply(const char *d)
{
	size_t		 n = strlen(d), at;
	int		 code = reply_find(d, n, &at), inner;
	const char	*p;

	if (code == 0 || (p = strstr(d + at, ">... ")) == NULL ||
	    p - d > 320)
		return (code);
	p += 5;
	inner = reply_find(p, strlen(p) < 4 ? strlen(p) : 4, &at);
	if (inner / 100 == code / 100 && at == 0)
		return (inner);
	return (code);
}

/* A message's body into the document: MIME parts, or one text part. */
static void
message_body(struct parser *P, struct bmsg *m, const char *p, const char *end,
    int mail)
{
	struct bounce_doc	*d = P->doc;
	size_t			 off = d->text.len;

	if (mail) {
		mime_message(P, m, p, end);
		return;
	}
	parser_emit(P, p, (size_t)(end - p));
	m->parts = xcalloc(1, sizeof *m->parts);
	m->cap = m->nparts = 1;
	m->parts[0].type = PT_TEXT;
	m->parts[0].off = off;
	m->parts[0].len = d->text.len - off;
}

/* A new, zeroed message of the document. */
static struct bounce_msg *
doc_add_msg(struct bounce_doc *d)
{
	struct bounce_msg	*bm;

	if (d->nmsgs == d->msg_cap) {
		d->msg_cap = d->msg_cap ? d->msg_cap * 2 : 4;
		d->msgs = xreallocarray(d->msgs, d->msg_cap, sizeof *d->msgs);
	}
	bm = &d->msgs[d->nmsgs++];
	memset(bm, 0, sizeof *bm);
	return (bm);
}

/* The headers a message shows: its own and its returned message's. */
static void
msg_headers(struct bounce_msg *bm, const struct bmsg *m)
{
	bm->off = m->off;
	bm->from = m->h[H_FROM];
	bm->subject = m->h[H_SUBJECT];
	bm->orig_to = m->orig[H_TO];
	bm->orig_from = m->orig[H_FROM];
	bm->orig_subject = m->orig[H_SUBJECT];
	bm->headers = m->headers;
}

/*
 * The report's own words: from its first text part (a MIME preamble may
 * be one) to its last before the returned message.
 */
static void
msg_report_text(struct bounce_msg *bm, const struct bmsg *m)
{
	size_t	i, end;
	int	seen = 0;

	for (i = 0; i < m->nparts && !m->parts[i].returned; i++) {
		if (m->parts[i].type != PT_TEXT)
			continue;
		if (!seen)
			bm->text_off = m->parts[i].off;
		seen = 1;
		end = m->parts[i].off + m->parts[i].len;
		if (end > bm->text_off)
			bm->text_len = end - bm->text_off;
	}
	if (bm->text_len > MSG_TEXT_MAX)
		bm->text_len = MSG_TEXT_MAX;
}

/*
 * A delay notice, not a bounce: the MTA still retries the message.  A
 * report without a DSN says so only in its subject and words, the fixed
 * texts of the MTAs that send them.
 */
static int
is_delay_notice(const struct bounce_doc *d, const struct bounce_msg *bm)
{
	static const char *const subjects[] = {
		"delayed mail (still being retried)",	/* Postfix bounce(5) */
		"warning: could not send message for past", /* Sendmail */
		"delivery status notification (delay)",	/* Gmail, Exchange */
		"delivery delayed:",			/* Exchange 2007+ */
	};
	static const char *const phrases[] = {
		/* Exim deliver.c, the delay warning */
		"has not yet been delivered to one or more of its recipients",
		/* Postfix bounce(5), the default delay template */
		"this is a warning only",
		/* Sendmail savemail.c; Gmail's delay notice */
		"this is a warning message only",
		"you do not need to resend your message",
		/* Gmail; Exchange's delayed DSN */
		"following recipient has been delayed",
		"following recipients has been delayed",
	};
	const char	*s = bm->subject, *t = d->text.data + bm->text_off;
	size_t		 i;

	/* "PERMANENT fatal delivery errors" beside a warning: not only one. */
	if (memcasemem(t, bm->text_len, "permanent", 9) != NULL)
		return (0);
	for (i = 0; i < sizeof subjects / sizeof subjects[0]; i++)
		if (has(s, subjects[i]))
			return (1);
	/* Exim: "Warning: message 1xZ6oY-0001gf-0a delayed 24 hours". */
	if (s != NULL && strncasecmp(s, "warning: message ", 17) == 0 &&
	    has(s + 17, " delayed "))
		return (1);
	for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (memcasemem(t, bm->text_len, phrases[i],
		    strlen(phrases[i])) != NULL)
			return (1);
	return (0);
}

/*
 * The machine-readable formats, most specific first: the first that
 * finds a recipient is the message's format.
 */
static void
msg_structured_scan(struct parser *P, struct bmsg *m, size_t msgi, int mail)
{
	struct bounce_doc	*d = P->doc;
	size_t			 first = m->first_rcpt;

	dsn_scan(P, m, msgi);
	if (d->nrcpts == first)
		ses_scan(P, m, msgi);
	if (d->nrcpts == first && mail)
		ml_scan(P, m, msgi);
	if (d->nrcpts == first && mail)
		jmrp_scan(P, m, msgi);
}

/* An RFC 3834 auto-reply: its sender is the one record. */
static void
msg_add_autoreply(struct parser *P, const struct bmsg *m, size_t msgi)
{
	struct bounce_rcpt	*r;
	const char		*a;
	size_t			 al;

	if (m->h[H_FROM] == NULL)
		return;
	a = addr_find(m->h[H_FROM], strlen(m->h[H_FROM]), &al);
	if (a != NULL && (r = parser_add_rcpt(P, msgi, a, al)) != NULL) {
		r->kind = MSG_AUTOREPLY;
		r->agent = "rfc3834";
	}
}

/* A "bounce" whose Action or 2xx status says the mail went through. */
static int
rcpt_was_delivered(const struct bounce_rcpt *r)
{
	if (r->kind != MSG_BOUNCE)
		return (0);
	if (r->action != NULL)
		return (strncasecmp(r->action, "deliver", 7) == 0 ||
		    strncasecmp(r->action, "relayed", 7) == 0 ||
		    strncasecmp(r->action, "expanded", 8) == 0);
	return (r->status[0] == '2');
}

/* The reply code, unless the diagnostic is a program's exit status. */
static void
rcpt_reply_code(struct bounce_rcpt *r)
{
	/* "Diagnostic-Code: X-Unix; 255": a program's exit status. */
	if (r->reply_code == 0 && r->diagnostic != NULL &&
	    !(r->diag_type != NULL &&
	    strcasecmp(r->diag_type, "x-unix") == 0 &&
	    strspn(r->diagnostic, "0123456789") ==
	    strlen(r->diagnostic)))
		r->reply_code = remote_reply(r->diagnostic);
}

/*
 * The status code in the diagnostic's words: the first precise one (no
 * 0 in its subject or detail), else the first of all; returns whether
 * it is precise.
 */
static int
diagnostic_status(const char *diag, char code[STATUS_MAX])
{
	const char	*t = diag;
	size_t		 at, tl = strlen(t);
	int		 precise = 0;

	code[0] = '\0';
	while (status_find(t, tl, code, &at)) {
		precise = code[2] != '0' && code[4] != '0' &&
		    strlen(code) == 5;
		if (precise)
			break;
		t += at + 1;
		tl -= at + 1;
	}
	if (!precise)
		status_find(diag, strlen(diag), code, NULL);
	return (precise);
}

/* "550 5.3.0 ...", "550-5.7.1 ...": the enhanced code that opens a reply. */
static int
reply_lead_status(const char *diag, char code[STATUS_MAX])
{
	size_t	at;

	return (strlen(diag) > 5 && diag[0] >= '2' && diag[0] <= '5' &&
	    diag[1] >= '0' && diag[1] <= '9' && diag[2] >= '0' &&
	    diag[2] <= '9' && (diag[3] == ' ' || diag[3] == '-') &&
	    status_find(diag + 4, strlen(diag + 4), code, &at) && at == 0);
}

/*
 * The status a record keeps, from the Status field (or the log's dsn=)
 * and the server's words: a precise code in the words beats a vague
 * Status (5.0.0), as bounce processors agree, and the code that opens
 * the reply beats any other Status, if of the same class; a Status the
 * words give no code for is marked as the reporting MTA's translation.
 */
void
rcpt_refine_status(struct bounce_rcpt *r)
{
	char	code[STATUS_MAX];
	int	precise;

	if (r->diagnostic == NULL)
		return;
	precise = diagnostic_status(r->diagnostic, code);
	/*
	 * "Status: 5.1.1" beside "smtp; 550 go away": the server gave no
	 * enhanced code, the reporting MTA made one up from the 550.
	 */
	r->status_translated = (r->from_dsn || r->status_logged) &&
	    code[0] == '\0' &&
	    r->status[0] != '\0' && r->reply_code != 0 &&
	    strcmp(r->status + 1, ".0.0") != 0 &&
	    (r->diag_type == NULL || strcasecmp(r->diag_type, "smtp") == 0);
	if (code[0] != '\0' && (r->status[0] == '\0' ||
	    (code[0] == r->status[0] && (precise ||
	    (strcmp(r->status + 1, ".0.0") == 0 && code[2] != '0')))))
		memcpy(r->status, code, sizeof code);
	/*
	 * "550 5.3.0 Other or undefined mail system status" under
	 * "Status: 5.1.1": the code right after the reply code is the
	 * server's own (RFC 2034 puts it there); Sendmail, to a server that
	 * did not offer ENHANCEDSTATUSCODES, puts its own mapping of the
	 * 550 in the Status field instead.
	 */
	if (reply_lead_status(r->diagnostic, code) && code[0] == r->status[0])
		memcpy(r->status, code, sizeof code);
}

/* The diagnostic completed from the text that follows it and joined. */
static void
rcpt_finish_diagnostic(struct parser *P, struct bounce_rcpt *r, size_t msgoff,
    int complete)
{
	int	rc;

	if (r->diagnostic != NULL && complete)
		r->diagnostic = reply_complete(P, msgoff, r->diagnostic);
	if (r->diagnostic != NULL)
		r->diagnostic = reply_unescape_utf8(P,
		    reply_join(P, r->diagnostic));
	/* "554 4.4.7 expired <421 4.4.2 timed out>": the 421. */
	if (r->reply_code != 0 && r->status[0] != '\0' &&
	    r->diagnostic != NULL &&
	    r->reply_code / 100 != r->status[0] - '0') {
		rc = reply_find_class(r->diagnostic, strlen(r->diagnostic),
		    r->status[0]);
		if (rc != 0)
			r->reply_code = rc;
	}
}

/*
 * The message's records settled: delivered or not, reply code, status;
 * the message's kind is its first bounce's, else its first record's.
 */
static void
msg_settle_rcpts(struct parser *P, struct bounce_msg *bm, size_t msgoff,
    size_t first)
{
	struct bounce_doc	*d = P->doc;
	struct bounce_rcpt	*r;
	size_t			 i;
	int			 delay;

	bm->kind = MSG_NOT_BOUNCE;
	delay = d->nrcpts != first && is_delay_notice(d, bm);
	for (i = first; i < d->nrcpts; i++) {
		r = &d->rcpts[i];
		/* A DSN's own Action says it per recipient. */
		if (delay && r->kind == MSG_BOUNCE && r->action == NULL)
			r->action = "delayed";
		if (rcpt_was_delivered(r))
			r->kind = MSG_DELIVERED;
		if (bm->kind == MSG_NOT_BOUNCE || r->kind == MSG_BOUNCE)
			bm->kind = r->kind;
		rcpt_reply_code(r);
		rcpt_refine_status(r);
	}
	for (i = first; i < d->nrcpts; i++)
		rcpt_finish_diagnostic(P, &d->rcpts[i], msgoff,
		    i - first < MAX_COMPLETE);
}

/*
 * A message that forwards a bounce as an attachment (Mailman's
 * "Uncaught bounce notification", a customer's "forward as
 * attachment"): no report of its own, no recipient its text names, and
 * the attached message has a bounce's sender or subject.  The attached
 * bounce is then read as the message it is, once: never inside another
 * forward, never from a report, whose attachment is what it returned.
 */
static int
is_forwarded_bounce(const struct parser *P, const struct bmsg *m,
    size_t first)
{
	struct bmsg	 inner;

	if (P->forwarded || m->embedded == NULL || m->report ||
	    !m->has_headers || m->h[H_X_FAILED] != NULL ||
	    (P->doc->nrcpts != first && !m->weak_rcpts))
		return (0);
	memset(&inner, 0, sizeof inner);
	memcpy(inner.h, m->orig, sizeof inner.h);
	return (looks_like_bounce(&inner, "", 0));
}

/*
 * A report forwarded inline, as mail clients forward: the subject says
 * so ("Fwd:", Outlook's "FW:", German "WG:", French "TR:", Spanish "RV:")
 * and a rule line ("---------- Forwarded message ---------", "-----
 * Original Message-----", "Begin forwarded message:") heads the header
 * fields of the forwarded report.  Those fields are then the message's
 * own: the forwarder's headers say nothing of the failure, the report's
 * tell its format and, for an auto-reply, who is away.
 */
#define FORWARD_SCAN_MAX	4096	/* of the text, for the rule line */
#define FORWARD_FIELDS_MAX	12	/* header lines under it */

static int
is_forward_subject(const char *s)
{
	static const char *const prefixes[] = {
		"fwd:", "fw:", "wg:", "tr:", "rv:", "fwd :", "tr :",
	};

	if (s == NULL)
		return (0);
	while (*s == ' ' || *s == '\t')
		s++;
	/* Its NUL counted: a bare "Fwd:" is a forward too. */
	return (prefix_in(s, strlen(s) + 1, prefixes,
	    sizeof prefixes / sizeof prefixes[0]));
}

static int
is_forward_rule(const char *p, size_t n)
{
	static const char *const phrases[] = {
		"forwarded message", "original message",
		"begin forwarded message", "message transf", /* transféré */
		"weitergeleitete nachricht", "ursprüngliche nachricht",
		"message d'origine", "mensaje reenviado", "mensaje original",
		"messaggio inoltrato", "messaggio originale",
	};
	size_t	i;

	if (n > 80)
		return (0);
	for (i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (memcasemem(p, n, phrases[i], strlen(phrases[i])) != NULL)
			return (1);
	return (0);
}

/* The forwarded header block's fields that stand for the message's. */
static const char *const forward_from[] = { "from:", "von:", "de:", "de :" };
static const char *const forward_subject[] = { "subject:", "betreff:",
    "objet:" };

static const char *
forward_value(struct parser *P, const char *p, size_t n)
{
	const char	*c = memchr(p, ':', n);

	if (c == NULL)
		return (NULL);
	for (c++; c < p + n && (*c == ' ' || *c == '\t'); c++)
		;
	return (arena_strndup(&P->doc->arena, c, (size_t)(p + n - c)));
}

static void
inline_forward(struct parser *P, struct bmsg *m)
{
	const char	*t, *p, *q, *end, *block = NULL;
	size_t		 i, nlines = 0;
	int		 ruled = 0;

	if (P->forwarded || !m->has_headers || m->report ||
	    !is_forward_subject(m->h[H_SUBJECT]))
		return;
	for (i = 0; i < m->nparts; i++)
		if (m->parts[i].type == PT_TEXT && !m->parts[i].returned)
			break;
	if (i == m->nparts)
		return;
	t = P->doc->text.data + m->parts[i].off;
	end = t + (m->parts[i].len < FORWARD_SCAN_MAX ? m->parts[i].len :
	    FORWARD_SCAN_MAX);
	for (p = t; p < end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		while (p < q && (*p == ' ' || *p == '\t' || *p == '>'))
			p++;
		if (block != NULL) {
			if (p == q || !parser_field_line(p, q) ||
			    ++nlines > FORWARD_FIELDS_MAX)
				break;
			if (prefix_in(p, (size_t)(q - p), forward_subject,
			    sizeof forward_subject / sizeof forward_subject[0]))
				m->h[H_SUBJECT] = forward_value(P, p,
				    (size_t)(q - p));
		} else if (ruled && prefix_in(p, (size_t)(q - p), forward_from,
		    sizeof forward_from / sizeof forward_from[0])) {
			block = p;
			nlines = 1;
			m->h[H_FROM] = forward_value(P, p, (size_t)(q - p));
		} else if (ruled && p != q)
			return;
		else if (!ruled)
			ruled = is_forward_rule(p, (size_t)(q - p));
		if (q == end)
			break;
	}
	if (block != NULL)
		m->headers = arena_strndup(&P->doc->arena, block,
		    (size_t)(p - block));
}

static void
message_parse(struct parser *P, const char *p, const char *end, int mail)
{
	struct bounce_doc	*d = P->doc;
	struct bounce_msg	*bm;
	struct bmsg		 m;
	size_t			 msgi = d->nmsgs, first = d->nrcpts;
	int			 bounce, binary, forward;

	memset(&m, 0, sizeof m);
	m.off = d->text.len;
	binary = !mail && looks_binary(p, end);
	message_body(P, &m, p, end, mail);
	inline_forward(P, &m);
	bm = doc_add_msg(d);
	msg_headers(bm, &m);
	msg_report_text(bm, &m);

	m.first_rcpt = first;
	if (!binary)
		msg_structured_scan(P, &m, msgi, mail);
	bounce = !binary && (d->nrcpts != first || !mail ||
	    looks_like_bounce(&m, d->text.data + m.off, d->text.len - m.off));
	if (d->nrcpts == first && mail && !bounce && looks_like_autoreply(&m))
		msg_add_autoreply(P, &m, msgi);
	else if (bounce)
		text_scan(P, &m, msgi);
	forward = is_forwarded_bounce(P, &m, first);
	if (forward)
		d->nrcpts = first;
	msg_settle_rcpts(P, bm, m.off, first);
	if (P->flags & BOUNCE_SPANS)
		spans_scan(P, m.off, d->text.len - m.off);
	bm->len = d->text.len - m.off;
	free(m.parts);
	if (forward) {
		P->forwarded = 1;
		message_parse(P, m.embedded, end, 1);
		P->forwarded = 0;
	}
}

/* Containers lose to what they contain when both cover the same bytes. */
static int
container(enum span_kind k)
{
	return (k == SPAN_DIAGNOSTIC || k == SPAN_FIELD_VALUE ||
	    k == SPAN_QUOTED);
}

int
span_order(const void *a, const void *b)
{
	const struct span	*x = a, *y = b;

	if (x->off != y->off)
		return (x->off < y->off ? -1 : 1);
	if (x->len != y->len)
		return (x->len > y->len ? -1 : 1);
	if (container(x->kind) != container(y->kind))
		return (container(y->kind) - container(x->kind));
	return ((int)x->kind - (int)y->kind);
}

/* The document emptied for a new parse, its big buffers kept. */
static void
doc_reset(struct bounce_doc *d)
{
	/*
	 * Unique across documents and threads: a memo keyed on (doc, gen)
	 * must not mistake a new doc at a freed one's address for it.
	 */
	static atomic_ulong	 generation;

	d->gen = atomic_fetch_add_explicit(&generation, 1,
	    memory_order_relaxed) + 1;
	arena_free(&d->arena);
	arena_init(&d->arena);
	buf_reset(&d->text);
	d->nspans = d->nrcpts = d->nmsgs = d->nhblocks = 0;
	d->truncated = 0;
	d->log_unread = 0;
	d->cut = 0;
}

/* A parser for d, with the scratch buffers of the last parse, grown. */
static void
parser_start(struct parser *P, struct bounce_doc *d,
    const struct bounce_limits *lim, int flags, struct buf *norm)
{
	memset(P, 0, sizeof *P);
	P->doc = d;
	P->lim = lim;
	P->flags = flags;
	P->td = &d->td;
	P->tmp = d->scratch[0];
	P->tmp2 = d->scratch[1];
	*norm = d->scratch[2];
	buf_reset(&P->tmp);
	buf_reset(&P->tmp2);
	buf_reset(norm);
}

/* The scratch buffers kept in d for the next parse. */
static void
parser_end(struct parser *P, struct bounce_doc *d, struct buf *norm)
{
	d->scratch[0] = P->tmp;
	d->scratch[1] = P->tmp2;
	d->scratch[2] = *norm;
	free(P->rset);
}

/*
 * One line-end convention for everything that follows: a CR before LF
 * goes, a lone one becomes LF.  Returns the input, in norm if changed.
 */
static const char *
crlf_to_lf(const char *in, size_t *lenp, struct buf *norm)
{
	const char	*cr;
	size_t		 len = *lenp, i, j, c;

	if ((cr = memchr(in, '\r', len)) == NULL)
		return (in);
	buf_reserve(norm, len + 1);
	/* Copy from one CR to the next. */
	i = j = 0;
	for (;;) {
		c = (size_t)(cr - in);
		memcpy(norm->data + j, in + i, c - i);
		j += c - i;
		if (c == len)
			break;
		if (c + 1 == len || in[c + 1] != '\n')
			norm->data[j++] = '\n';
		i = c + 1;
		if ((cr = memchr(in + i, '\r', len - i)) == NULL)
			cr = in + len;
	}
	norm->len = j;
	*lenp = j;
	return (norm->data);
}

/*
 * A pasted bounce that a mail client quoted ("> " before each line, as
 * a customer forwards it): read as the bounce it quotes.  Only a paste,
 * never a message, whose quoted bounce is a copy and no report of its
 * own; nested quotes are taken off one level at a time.
 */
#define QUOTE_DEPTH_MAX		8
#define QUOTED_LINES_MIN	3
#define QUOTE_PREFACE_MAX	40	/* the paster's own lines before it */

static int
blank_line(const char *p, const char *q)
{
	while (p < q && (*p == ' ' || *p == '\t'))
		p++;
	return (p == q);
}

/*
 * Where the quoted block starts: from there to the end every line that
 * is not blank begins with '>', and not every one with the ">>> " of a
 * Sendmail transcript, whose "<<< " lines are not quoted.
 */
static int
quoted_block(const char *in, size_t len, size_t *start)
{
	const char	*p = in, *end = in + len, *q;
	size_t		 quoted = 0, lines = 0;
	int		 plain = 0;

	for (; p < end; p = q + 1) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		if (quoted == 0 && ++lines > QUOTE_PREFACE_MAX)
			return (0);
		if (*p == '>') {
			if (quoted++ == 0)
				*start = (size_t)(p - in);
			if (q - p < 4 || memcmp(p, ">>> ", 4) != 0)
				plain = 1;
		} else if (quoted > 0 && !blank_line(p, q))
			return (0);
		if (q == end)
			break;
	}
	return (quoted >= QUOTED_LINES_MIN && plain);
}

/* One level of quoting off the lines from start on, into out. */
static void
unquote_once(const char *in, size_t len, size_t start, struct buf *out)
{
	const char	*p = in + start, *end = in + len, *q;
	struct buf	 b;

	buf_init(&b);
	buf_add(&b, in, start);
	for (; p < end; p = q) {
		if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
			q = end;
		else
			q++;
		if (*p == '>')
			p += (q - p > 1 && p[1] == ' ') ? 2 : 1;
		buf_add(&b, p, (size_t)(q - p));
	}
	buf_free(out);
	*out = b;
}

static const char *
unquote_paste(const char *in, size_t *lenp, struct buf *out)
{
	size_t	start;
	int	depth;

	/* The quoting first: it stops within 40 lines of an unquoted text. */
	for (depth = 0; depth < QUOTE_DEPTH_MAX &&
	    quoted_block(in, *lenp, &start) &&
	    !looks_like_mail(in, in + *lenp); depth++) {
		unquote_once(in, *lenp, start, out);
		in = out->data;
		*lenp = out->len;
	}
	return (in);
}

/*
 * The messages of an mbox, or the input as one message, up to the
 * limit of messages.  Returns where the reading stopped.
 */
static const char *
messages_parse(struct parser *P, const char *p, const char *end)
{
	const char	*next, *q;

	while (p < end && P->doc->nmsgs < P->lim->max_msgs) {
		if (end - p > 5 && memcmp(p, "From ", 5) == 0) {
			next = mbox_next(p, end);
			/* The From_ line itself is shown but not parsed. */
			q = memchr(p, '\n', (size_t)(end - p));
			q = q != NULL ? q + 1 : end;
			parser_emit(P, p, (size_t)(q - p));
			message_parse(P, q, next, looks_like_mail(q, next));
			p = next;
			continue;
		}
		message_parse(P, p, end, looks_like_mail(p, end));
		break;
	}
	return (p);
}

/*
 * The last unread bytes of norm (orig with its CRLFs made LFs) are how
 * many of orig: as many lines from its end.  Rare (a CRLF log that met
 * the record limit), so one count of lines is cheap.
 */
static size_t
unread_of_input(const char *orig, size_t orig_len, const char *norm,
    size_t norm_len, size_t unread)
{
	const char	*p = norm, *end = norm + norm_len - unread;
	size_t		 lines = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	for (p = orig; lines > 0 && (p = memchr(p, '\n',
	    (size_t)(orig + orig_len - p))) != NULL; lines--)
		p++;
	return (p != NULL ? (size_t)(orig + orig_len - p) : 0);
}

size_t
bounce_parse(struct bounce_doc *d, const char *in, size_t len,
    const struct bounce_limits *lim, int flags)
{
	struct bounce_limits	 deflim;
	struct parser		 P;
	struct buf		 norm;
	const char		*p, *end, *orig;
	size_t			 orig_len;
	int			 log;

	/* Keep the big buffers from the last parse: many files, one doc. */
	doc_reset(d);
	if (lim == NULL) {
		bounce_limits_default(&deflim);
		lim = &deflim;
	}
	parser_start(&P, d, lim, flags, &norm);
	if (len > lim->max_input) {
		len = lim->max_input;
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_INPUT;
	}
	orig = in;
	orig_len = len;
	in = crlf_to_lf(in, &len, &norm);
	log = (flags & BOUNCE_LOG_MORE) || maillog_looks_like(in, len);
	if (!log && !(len > 5 && memcmp(in, "From ", 5) == 0))
		in = unquote_paste(in, &len, &d->scratch[3]);
	/* Batch diagnosis of a log keeps only its failing lines. */
	buf_reserve(&d->text, log && (flags & BOUNCE_BRIEF) ? 4096 :
	    len + len / 8 + 64);
	p = in;
	end = in + len;
	if (log) {
		log_scan(&P, in, len);
		p = end;
		if (d->log_unread != 0 && in != orig)
			d->log_unread = unread_of_input(orig, orig_len, in, len,
			    d->log_unread);
	}
	p = messages_parse(&P, p, end);
	if (p < end && d->nmsgs >= lim->max_msgs) {
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_MSGS;
	}
	if (d->text.data == NULL)
		buf_adds(&d->text, "");
	if (d->nspans > 1)
		qsort(d->spans, d->nspans, sizeof *d->spans, span_order);
	parser_settle_hblocks(d);
	parser_end(&P, d, &norm);
	return (d->nrcpts);
}
