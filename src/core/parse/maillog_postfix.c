/* Postfix log lines: deliveries that failed, expiries, smtpd refusals. */
#include "config.h"

#include <string.h>

#include "parse/maillog_int.h"

/* "4F2A81234: " (hex, or the long form's base 52): the ID's length. */
static size_t
queue_id(const char *p, const char *end)
{
	const char	*q = p;

	while (q < end && q - p < 31 && ((*q >= '0' && *q <= '9') ||
	    (*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
		q++;
	if (q - p < 5 || end - q < 2 || q[0] != ':' || q[1] != ' ')
		return (0);
	return ((size_t)(q - p));
}

/* "<a@b>" at p: the address inside, and p moved past the '>'. */
static int
angle(const char **pp, const char *end, struct ml_str *out)
{
	const char	*p = *pp, *q;

	if (p >= end || *p != '<')
		return (0);
	if ((q = memchr(p, '>', (size_t)(end - p))) == NULL)
		return (0);
	out->p = p + 1;
	out->n = (size_t)(q - p - 1);
	*pp = q + 1;
	return (1);
}

/*
 * "(host mx[ip] said: 550-5.7.26 ... (in reply to end of DATA
 * command))": the remote's words and the stage; or Postfix's own
 * words ("connect to mx[ip]:25: Connection timed out") whole.
 */
static void
status_text(struct maillog_entry *e, const char *p, const char *end)
{
	const char	*said, *irt, *q;

	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '(') {
		p++;
		if (end > p && end[-1] == ')')
			end--;
	}
	irt = ml_find_last(p, end, " (in reply to ");
	if ((said = ml_find(p, irt != NULL ? irt : end, " said: ")) != NULL) {
		e->reply.p = said + 7;
		e->reply.n = (size_t)((irt != NULL ? irt : end) - e->reply.p);
	} else if ((said = ml_find(p, end, " refused to talk to me: ")) !=
	    NULL) {
		e->reply.p = said + 24;
		e->reply.n = (size_t)(end - e->reply.p);
		e->command = "CONN";
	} else {
		e->reply.p = p;
		e->reply.n = (size_t)(end - p);
	}
	if (irt != NULL) {
		q = irt + 14;
		e->command = ml_stage(q, (size_t)(end - q));
	} else if (e->command == NULL &&
	    ml_find(p, end, "Host or domain name not found") == NULL)
		e->command = ml_stage(p, (size_t)(end - p));
	e->reply_code = ml_reply_code(e->reply.p, e->reply.n);
}

/* The sender a queue ID's qmgr line named, joined to the entry. */
static void
join_sender(struct maillog *ml, struct maillog_entry *e)
{
	struct ml_id	*id;

	if (e->sender.n == 0 && (id = ml_id_find(ml, e->queue_id.p,
	    e->queue_id.n)) != NULL && id->sender[0] != '\0')
		e->sender = ml_s(id->sender);
}

/* "QID: to=<>, orig_to=<>, relay=, delay=, delays=, dsn=, status=". */
static size_t
delivery(struct maillog *ml, const struct ml_line *L, struct maillog_entry *e,
    const char *p, maillog_cb *cb, void *arg)
{
	const char	*end = L->end, *k, *v, *c;
	struct ml_str	 relay = { NULL, 0 }, word = { NULL, 0 };
	struct ml_id	*id;
	int		 fields = 0;

	while (p < end && fields++ < 32) {
		k = p;
		if ((v = memchr(p, '=', (size_t)(end - p))) == NULL)
			return (0);
		v++;
		if (ml_starts(k, end, "to=") || ml_starts(k, end, "orig_to=")) {
			struct ml_str *a = *k == 't' ? &e->rcpt : &e->orig;

			if (*k == 't') {
				e->key_rcpt.p = k;
				e->key_rcpt.n = 3;
			}
			p = v;
			if (!angle(&p, end, a))
				return (0);
		} else if (ml_starts(k, end, "status=")) {
			e->key_status.p = k;
			e->key_status.n = 7;
			word.p = v;
			for (c = v; c < end && *c != ' '; c++)
				;
			word.n = (size_t)(c - v);
			status_text(e, c, end);
			break;
		} else {
			if ((c = ml_find(v, end, ", ")) == NULL)
				c = end;
			if (ml_starts(k, end, "relay="))
				ml_host_ip(v, c, &relay, &e->relay_ip);
			else if (ml_starts(k, end, "delay=")) {
				e->delay.p = v;
				e->delay.n = (size_t)(c - v);
			} else if (ml_starts(k, end, "dsn=")) {
				e->dsn.p = v;
				e->dsn.n = (size_t)(c - v);
			}
			p = c;
		}
		if (p < end && *p == ',')
			p++;
		while (p < end && *p == ' ')
			p++;
	}
	if (word.n == 7 && memcmp(word.p, "bounced", 7) == 0)
		e->action = "failed";
	else if (word.n == 7 && memcmp(word.p, "expired", 7) == 0)
		e->action = "failed";
	else if (word.n == 13 && memcmp(word.p, "undeliverable", 13) == 0)
		e->action = "failed";
	else if (word.n == 8 && memcmp(word.p, "deferred", 8) == 0)
		e->action = "delayed";
	else
		return (0);
	if (relay.n != 0 && !(relay.n == 4 && memcmp(relay.p, "none", 4) == 0))
		e->relay = relay;
	join_sender(ml, e);
	/* A deferral is remembered: the message may expire later. */
	if (*e->action == 'd' && (id = ml_id_get(ml, e->queue_id.p,
	    e->queue_id.n)) != NULL) {
		ml_copy(id->rcpt, sizeof id->rcpt, e->rcpt.p, e->rcpt.n);
		ml_copy(id->reply, sizeof id->reply, e->reply.p, e->reply.n);
		ml_copy(id->dsn, sizeof id->dsn, e->dsn.p, e->dsn.n);
		id->command = e->command;
	}
	cb(arg, e);
	return (1);
}

/* "QID: from=<a@b>, size=, nrcpt=" or "..., status=expired, returned". */
static size_t
sender_line(struct maillog *ml, struct maillog_entry *e, const char *p,
    const char *end, maillog_cb *cb, void *arg)
{
	struct ml_str	 from;
	struct ml_id	*id;
	const char	*x;

	p += 5;
	if (!angle(&p, end, &from))
		return (0);
	if ((x = ml_find(p, end, ", status=expired")) == NULL) {
		if ((id = ml_id_get(ml, e->queue_id.p, e->queue_id.n)) != NULL)
			ml_copy(id->sender, sizeof id->sender, from.p, from.n);
		return (0);
	}
	e->sender = from;
	e->action = "failed";
	e->key_status.p = x + 2;
	e->key_status.n = 7;
	/* The expiry names no recipient: the last deferral does. */
	if ((id = ml_id_find(ml, e->queue_id.p, e->queue_id.n)) != NULL &&
	    id->rcpt[0] != '\0') {
		e->rcpt = ml_s(id->rcpt);
		e->reply = ml_s(id->reply);
		e->dsn = ml_s(id->dsn);
		e->command = id->command;
		e->reply_code = ml_reply_code(e->reply.p, e->reply.n);
	} else {
		e->reply.p = x + 2;
		e->reply.n = (size_t)(end - e->reply.p);
	}
	cb(arg, e);
	return (1);
}

/*
 * "reject: RCPT from host[ip]: 550 5.1.1 <a@b>: Recipient address
 * rejected: ...; from=<> to=<> proto=ESMTP helo=<>": smtpd refused
 * incoming mail (smtpd_check.c writes it so).
 */
static size_t
reject(struct maillog *ml, struct maillog_entry *e, const char *p,
    const char *end, maillog_cb *cb, void *arg)
{
	const char	*from, *colon, *semi, *q;

	(void)ml;
	p = memchr(p, ' ', (size_t)(end - p));
	if (p == NULL)
		return (0);
	p++;
	if ((from = ml_find(p, end, " from ")) == NULL || from - p > 20)
		return (0);
	e->command = ml_stage(p, (size_t)(from - p));
	if (ml_starts(p, end, "CONNECT"))
		e->command = "CONN";
	else if (ml_starts(p, end, "END-OF-MESSAGE") ||
	    ml_starts(p, end, "DATA"))
		e->command = "DATA";
	else if (ml_starts(p, end, "RCPT"))
		e->command = "RCPT";
	else if (ml_starts(p, end, "MAIL"))
		e->command = "MAIL";
	from += 6;
	if ((colon = ml_find(from, end, ": ")) == NULL)
		return (0);
	ml_host_ip(from, colon, &e->relay, &e->relay_ip);
	e->reply.p = colon + 2;
	if ((semi = ml_find_last(e->reply.p, end, "; from=<")) == NULL)
		semi = end;
	e->reply.n = (size_t)(semi - e->reply.p);
	e->reply_code = ml_reply_code(e->reply.p, e->reply.n);
	if (semi < end) {
		q = semi + 7;
		angle(&q, end, &e->sender);
		if ((q = ml_find(q, end, " to=<")) != NULL) {
			e->key_rcpt.p = q + 1;
			e->key_rcpt.n = 3;
			q += 4;
			angle(&q, end, &e->rcpt);
		}
	}
	e->action = "failed";
	cb(arg, e);
	return (1);
}

size_t
ml_postfix(struct maillog *ml, const struct ml_line *L, maillog_cb *cb,
    void *arg)
{
	struct maillog_entry	 e;
	const char		*p = L->msg, *end = L->end;
	size_t			 n;
	int			 noqueue;

	ml_entry_init(&e, L);
	e.agent = "postfix";
	noqueue = ml_starts(p, end, "NOQUEUE: ");
	if (noqueue)
		n = 7;
	else if ((n = queue_id(p, end)) == 0)
		return (0);
	e.queue_id.p = p;
	e.queue_id.n = noqueue ? 0 : n;
	p += n + 2;
	if (ml_starts(p, end, "to=<") && !noqueue)
		return (delivery(ml, L, &e, p, cb, arg));
	if (ml_starts(p, end, "from=<") && !noqueue)
		return (sender_line(ml, &e, p, end, cb, arg));
	if (ml_starts(p, end, "reject: ") ||
	    ml_starts(p, end, "milter-reject: "))
		return (reject(ml, &e, p, end, cb, arg));
	return (0);
}
