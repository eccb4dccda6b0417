/* Exim, Sendmail, OpenSMTPD and qmail log lines that say a delivery failed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "parse/maillog_int.h"

static const char *
skip_spaces(const char *p, const char *end)
{
	while (p < end && *p == ' ')
		p++;
	return (p);
}

static const char *
word_end(const char *p, const char *end)
{
	while (p < end && *p != ' ')
		p++;
	return (p);
}

/* "<a@b>" or "a@b" up to stop: without the brackets. */
static struct ml_str
bare_addr(const char *p, const char *end)
{
	struct ml_str	 r;

	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == ','))
		end--;
	if (p < end && *p == '<' && end[-1] == '>' && end - p >= 2) {
		p++;
		end--;
	}
	r.p = p;
	r.n = (size_t)(end - p);
	return (r);
}

/* The ": " that ends Exim's fields, not one inside DN="..." or C="...". */
static const char *
exim_colon(const char *p, const char *end)
{
	int	 quoted = 0;

	for (; p + 1 < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && p[0] == ':' && p[1] == ' ')
			return (p);
	}
	return (NULL);
}

/* "H=mx.example.com [192.0.2.1]:25" among Exim's fields. */
static void
exim_host(struct maillog_entry *e, const char *p, const char *end)
{
	const char	*h, *q, *b;

	if ((h = ml_find(p, end, " H=")) == NULL)
		return;
	h += 3;
	q = word_end(h, end);
	if (h < end && *h != '(' && *h != '[') {
		e->relay.p = h;
		e->relay.n = (size_t)(q - h);
	}
	if ((b = memchr(h, '[', (size_t)(end - h))) != NULL && b - h < 300 &&
	    (q = memchr(b, ']', (size_t)(end - b))) != NULL) {
		e->relay_ip.p = b + 1;
		e->relay_ip.n = (size_t)(q - b - 1);
	}
}

/*
 * "SMTP error from remote mail server after RCPT TO:<a@b>: 550 5.1.1
 * ...": the stage and the reply; any other words are Exim's own.
 */
static void
exim_message(struct maillog_entry *e, const char *p, const char *end)
{
	const char	*a, *c;

	e->reply.p = p;
	e->reply.n = (size_t)(end - p);
	if ((a = ml_find(p, end, " after ")) != NULL &&
	    (c = ml_find(a + 7, end, ": ")) != NULL) {
		e->command = ml_stage(a + 7, (size_t)(c - a - 7));
		c += 2;
		/* Older Exim: "...: host mx [ip]: 550 ...". */
		if (ml_starts(c, end, "host ") && ml_find(c, end, ": ") != NULL)
			c = ml_find(c, end, ": ") + 2;
		e->reply.p = c;
		e->reply.n = (size_t)(end - c);
	} else
		e->command = ml_stage(p, (size_t)(end - p));
	e->reply_code = ml_reply_code(e->reply.p, e->reply.n);
}

/*
 * "defer (111)" ends the fields when the deferral has a system errno:
 * Exim's deliver.c then writes its strerror() text, the host tried and
 * any message ("defer (111): Connection refused H=mx [ip]: text").  A
 * negative errno is Exim's own (-53: retry time not reached) and has
 * no strerror text.
 */
static int
exim_errno(const char *p, const char *c)
{
	const char	*d = c;

	if (d == p || d[-1] != ')')
		return (0);
	for (d--; d > p && d[-1] >= '0' && d[-1] <= '9'; d--)
		;
	return (d - p >= 8 && d < c - 1 && memcmp(d - 7, "defer (", 7) == 0);
}

/* The strerror() text and the host after "defer (N): ". */
static void
exim_defer(struct maillog_entry *e, const char *p, const char *end)
{
	const char	*h, *m;

	if ((h = ml_find(p, end, " H=")) == NULL) {
		exim_message(e, p, end);
		return;
	}
	exim_host(e, h, end);
	if ((m = exim_colon(h, end)) != NULL)
		exim_message(e, m + 2, end);
	else
		exim_message(e, p, h);
}

/* "1tXyZa-000123-AB": Exim's message ID, old form or 4.97's. */
static size_t
exim_id(const char *p, const char *end)
{
	const char	*q = p;
	int		 dashes = 0;

	while (q < end && q - p < 32 && *q != ' ') {
		if (*q == '-')
			dashes++;
		else if (!((*q >= '0' && *q <= '9') || (*q >= 'A' &&
		    *q <= 'Z') || (*q >= 'a' && *q <= 'z')))
			return (0);
		q++;
	}
	return (dashes == 2 && q - p >= 16 && q < end ? (size_t)(q - p) : 0);
}

/* "H=(helo) [ip] F=<s> rejected RCPT <r>: text" (Exim's acl.c). */
static size_t
exim_reject(struct maillog_entry *e, const char *p, const char *end,
    maillog_cb *cb, void *arg)
{
	const char	*r, *q, *f;

	if ((r = ml_find(p, end, "rejected RCPT ")) == NULL)
		return (0);
	exim_host(e, p - 1, r);
	if ((f = ml_find(p, r, "F=<")) != NULL &&
	    (q = memchr(f, '>', (size_t)(r - f))) != NULL)
		e->sender = bare_addr(f + 2, q + 1);
	r += 14;
	if ((q = ml_find(r, end, ": ")) == NULL)
		q = end;
	e->rcpt = bare_addr(r, q);
	e->key_rcpt.p = r - 5;
	e->key_rcpt.n = 4;
	e->command = "RCPT";
	e->action = "failed";
	if (q < end) {
		e->reply.p = q + 2;
		e->reply.n = (size_t)(end - e->reply.p);
		e->reply_code = ml_reply_code(e->reply.p, e->reply.n);
	}
	cb(arg, e);
	return (1);
}

/*
 * "== a@b ... defer (-44): SMTP error ...: 451 4.7.1 Try later", then
 * "** a@b: retry timeout exceeded": the deferral is remembered, and the
 * failure that only says Exim gave up takes its reply, as Exim's bounce
 * does ("451 4.7.1 Try later: retry timeout exceeded").
 */
static void
exim_retry_reply(struct maillog *ml, struct maillog_entry *e,
    struct ml_id *id)
{
	int	 n;

	if (*e->action == 'd') {
		if (e->reply_code != 0 && (id != NULL || (id = ml_id_get(ml,
		    e->queue_id.p, e->queue_id.n)) != NULL)) {
			ml_copy(id->rcpt, sizeof id->rcpt, e->rcpt.p,
			    e->rcpt.n);
			ml_copy(id->reply, sizeof id->reply, e->reply.p,
			    e->reply.n);
			id->command = e->command;
		}
		return;
	}
	if (id == NULL || id->reply[0] == '\0' || e->reply_code != 0 ||
	    e->reply.n != 22 || memcmp(e->reply.p, "retry timeout exceeded",
	    22) != 0 || strlen(id->rcpt) != e->rcpt.n ||
	    strncasecmp(id->rcpt, e->rcpt.p, e->rcpt.n) != 0)
		return;
	n = snprintf(ml->scratch, sizeof ml->scratch, "%s: %.*s", id->reply,
	    (int)e->reply.n, e->reply.p);
	if (n < 0 || (size_t)n >= sizeof ml->scratch)
		return;
	e->reply.p = ml->scratch;
	e->reply.n = (size_t)n;
	e->reply_code = ml_reply_code(e->reply.p, e->reply.n);
	if (e->command == NULL)
		e->command = id->command;
}

size_t
ml_exim(struct maillog *ml, const struct ml_line *L, maillog_cb *cb,
    void *arg)
{
	struct maillog_entry	 e;
	const char		*p = L->msg, *end = L->end, *a, *c;
	struct ml_id		*id;
	size_t			 n;

	ml_entry_init(&e, L);
	e.agent = "exim";
	/* log_selector +pid: "[1234] " after the stamp. */
	if (p < end && *p == '[' && (c = memchr(p, ']', (size_t)(end - p))) !=
	    NULL && c - p < 16)
		p = skip_spaces(c + 1, end);
	if ((n = exim_id(p, end)) == 0)
		return (exim_reject(&e, p, end, cb, arg));
	e.queue_id.p = p;
	e.queue_id.n = n;
	p += n + 1;
	if (ml_starts(p, end, "<= ")) {
		a = p + 3;
		c = word_end(a, end);
		if ((id = ml_id_get(ml, e.queue_id.p, n)) != NULL)
			ml_copy(id->sender, sizeof id->sender, a,
			    (size_t)(c - a));
		return (0);
	}
	if (ml_starts(p, end, "** "))
		e.action = "failed";
	else if (ml_starts(p, end, "== "))
		e.action = "delayed";
	else
		return (0);
	e.key_status.p = p;
	e.key_status.n = 2;
	a = p + 3;
	if ((c = exim_colon(a, end)) == NULL)
		c = end;
	/* "a@b <orig@c> R=..." or "a@b: Unrouteable address". */
	p = word_end(a, c);
	e.rcpt = bare_addr(a, p);
	e.key_rcpt = e.rcpt;
	e.key_rcpt.n = 0;
	p = skip_spaces(p, c);
	if (p < c && *p == '<') {
		const char *q = memchr(p, '>', (size_t)(c - p));

		if (q != NULL) {
			e.orig = bare_addr(p, q + 1);
			p = q + 1;
		}
	}
	exim_host(&e, p, c);
	if (c < end && exim_errno(a, c))
		exim_defer(&e, c + 2, end);
	else if (c < end)
		exim_message(&e, c + 2, end);
	if ((id = ml_id_find(ml, e.queue_id.p, n)) != NULL &&
	    id->sender[0] != '\0' && strcmp(id->sender, "<>") != 0)
		e.sender = ml_s(id->sender);
	exim_retry_reply(ml, &e, id);
	cb(arg, &e);
	return (1);
}

/* Sendmail's "key=value, " fields: the value of key, or n 0. */
static struct ml_str
sm_field(const char *p, const char *end, const char *key)
{
	struct ml_str	 r = { NULL, 0 };
	const char	*k = p, *v, *c;
	size_t		 kl = strlen(key);

	while ((k = ml_find(k, end, key)) != NULL) {
		if (k == p || (k >= p + 2 && k[-1] == ' ' && k[-2] == ',')) {
			v = k + kl;
			/*
			 * stat= and reject= run to the end of the line; reply=
			 * holds the server's words, commas too, up to stat=.
			 */
			if (strcmp(key, "reply=") == 0)
				c = ml_find(v, end, ", stat=");
			else if (strcmp(key, "stat=") == 0 ||
			    strcmp(key, "reject=") == 0)
				c = NULL;
			else
				c = ml_find(v, end, ", ");
			if (c == NULL)
				c = end;
			r.p = v;
			r.n = (size_t)(c - v);
			return (r);
		}
		k += kl;
	}
	return (r);
}

/*
 * Sendmail's recipient records (deliver.c logdelivery): "QID: to=<a>,<b>,
 * ctladdr=, delay=, xdelay=, mailer=, pri=, relay=host. [ip], dsn=,
 * stat=Deferred: ..."; and the check_* rulesets' "reject=550 ...".
 */
size_t
ml_sendmail(struct maillog *ml, const struct ml_line *L, maillog_cb *cb,
    void *arg)
{
	struct maillog_entry	 e;
	const char		*p = L->msg, *end = L->end, *q, *a;
	struct ml_str		 to, st, rel, f, rs, rp;
	struct ml_id		*id;
	size_t			 n = 0, count = 0;

	ml_entry_init(&e, L);
	e.agent = "sendmail";
	if ((q = ml_find(p, end, ": ")) == NULL || q - p > 31 || q == p)
		return (0);
	e.queue_id.p = p;
	e.queue_id.n = (size_t)(q - p);
	p = q + 2;
	if (ml_starts(p, end, "from=")) {
		f = sm_field(p, end, "from=");
		f = bare_addr(f.p, f.p + f.n);
		if ((id = ml_id_get(ml, e.queue_id.p, e.queue_id.n)) != NULL)
			ml_copy(id->sender, sizeof id->sender, f.p, f.n);
		return (0);
	}
	rel = sm_field(p, end, "relay=");
	if (rel.n != 0)
		ml_host_ip(rel.p, rel.p + rel.n, &e.relay, &e.relay_ip);
	if ((id = ml_id_find(ml, e.queue_id.p, e.queue_id.n)) != NULL &&
	    id->sender[0] != '\0')
		e.sender = ml_s(id->sender);
	if (ml_starts(p, end, "ruleset=")) {
		st = sm_field(p, end, "reject=");
		rs = sm_field(p, end, "ruleset=");
		if (st.n == 0)
			return (0);
		if (rs.n >= 10 && memcmp(rs.p, "check_rcpt", 10) == 0)
			e.command = "RCPT";
		else if (rs.n >= 10 && memcmp(rs.p, "check_mail", 10) == 0)
			e.command = "MAIL";
		else if (rs.n >= 11 && memcmp(rs.p, "check_relay", 11) == 0)
			e.command = "CONN";
		to = sm_field(p, end, "arg1=");
		if (to.n == 0 || e.command == NULL)
			;
		else if (strcmp(e.command, "RCPT") == 0)
			e.rcpt = bare_addr(to.p, to.p + to.n);
		else if (strcmp(e.command, "MAIL") == 0)
			e.sender = bare_addr(to.p, to.p + to.n);
		e.relay.n = e.relay_ip.n = 0;
		rel = sm_field(p, end, "relay=");
		if (rel.n != 0)
			ml_host_ip(rel.p, rel.p + rel.n, &e.relay,
			    &e.relay_ip);
		e.reply = st;
		e.reply_code = ml_reply_code(st.p, st.n);
		e.key_status.p = st.p - 7;
		e.key_status.n = 7;
		e.action = "failed";
		cb(arg, &e);
		return (1);
	}
	if (!ml_starts(p, end, "to="))
		return (0);
	st = sm_field(p, end, "stat=");
	if (st.n == 0 || ml_starts(st.p, end, "Sent") ||
	    ml_starts(st.p, end, "queued"))
		return (0);
	e.dsn = sm_field(p, end, "dsn=");
	if (e.dsn.n > 0 && e.dsn.p[0] == '2')
		return (0);
	e.delay = sm_field(p, end, "delay=");
	e.key_status.p = st.p - 5;
	e.key_status.n = 5;
	e.action = "failed";
	e.reply = st;
	if (ml_starts(st.p, end, "Deferred")) {
		e.action = "delayed";
		e.reply.p += 8;
		if (ml_starts(e.reply.p, end, ": "))
			e.reply.p += 2;
		e.reply.n = (size_t)(end - e.reply.p);
		if (e.reply.n == 0)
			e.reply = st;
	}
	/*
	 * Sendmail 8.17 logs the server's own reply as reply= (deliver.c,
	 * logdelivery()); stat= is Sendmail's summary of it ("User
	 * unknown", "Service unavailable").
	 */
	rp = sm_field(p, end, "reply=");
	if (rp.n >= 3 && rp.p[0] >= '2' && rp.p[0] <= '5')
		e.reply = rp;
	e.reply_code = ml_reply_code(e.reply.p, e.reply.n);
	e.command = ml_stage(e.reply.p, e.reply.n);
	to = sm_field(p, end, "to=");
	e.key_rcpt.p = to.p - 3;
	e.key_rcpt.n = 3;
	/* "to=<a@b>,<c@d>": one entry each. */
	for (a = to.p; a < to.p + to.n && n < 64; a = q + 1, n++) {
		if ((q = memchr(a, ',', (size_t)(to.p + to.n - a))) == NULL)
			q = to.p + to.n;
		e.rcpt = bare_addr(a, q);
		if (e.rcpt.n != 0) {
			cb(arg, &e);
			count++;
		}
		e.key_rcpt.n = 0;
		e.key_status.n = 0;
	}
	return (count);
}

/* OpenSMTPD's key=value: "<...>", "\"...\"" or a word; n 0 if absent. */
static struct ml_str
os_field(const char *p, const char *end, const char *key, int last)
{
	struct ml_str	 r = { NULL, 0 };
	const char	*k, *v, *c;
	size_t		 kl = strlen(key);

	for (k = p; (k = ml_find(k, end, key)) != NULL; k += kl)
		if (k > p && k[-1] == ' ')
			break;
	if (k == NULL)
		return (r);
	v = k + kl;
	if (v < end && (*v == '<' || *v == '"')) {
		int close = *v == '<' ? '>' : '"';

		v++;
		if (last) {
			c = end;
			if (c > v && c[-1] == close)
				c--;
		} else if ((c = memchr(v, close, (size_t)(end - v))) == NULL)
			c = end;
	} else
		c = last ? end : word_end(v, end);
	r.p = v;
	r.n = (size_t)(c - v);
	return (r);
}

/*
 * OpenSMTPD (mta.c mta_log, mda.c mda_log): "SID mta delivery evpid=E
 * from=<> to=<> rcpt=<> source=\"\" relay=\"ip (host)\" delay=
 * result=\"PermFail\" stat=\"550 ...\"", and smtp_session.c's "SID smtp
 * failed-command command=\"RCPT TO:<a>\" result=\"550 ...\"".
 */
size_t
ml_opensmtpd(struct maillog *ml, const struct ml_line *L, maillog_cb *cb,
    void *arg)
{
	struct maillog_entry	 e;
	const char		*p = L->msg, *end = L->end, *c, *b;
	struct ml_str		 res, rel, cmd;

	(void)ml;
	ml_entry_init(&e, L);
	e.agent = "opensmtpd";
	if ((c = ml_find(p, end, " failed-command ")) != NULL && c - p < 24) {
		cmd = os_field(c, end, "command=", 0);
		res = os_field(c, end, "result=", 1);
		if (res.n == 0 || cmd.n == 0)
			return (0);
		e.queue_id.p = p;
		e.queue_id.n = (size_t)(word_end(p, end) - p);
		e.command = ml_stage(cmd.p, cmd.n);
		if (e.command != NULL && strcmp(e.command, "RCPT") == 0 &&
		    (b = memchr(cmd.p, '<', cmd.n)) != NULL)
			e.rcpt = bare_addr(b, cmd.p + cmd.n);
		e.reply = res;
		e.reply_code = ml_reply_code(res.p, res.n);
		e.key_status.p = res.p - 8;
		e.key_status.n = 7;
		e.action = "failed";
		cb(arg, &e);
		return (1);
	}
	if (ml_find(p, end, " delivery evpid=") == NULL)
		return (0);
	res = os_field(p, end, "result=", 0);
	if (res.n == 8 && memcmp(res.p, "PermFail", 8) == 0)
		e.action = "failed";
	else if (res.n == 8 && memcmp(res.p, "TempFail", 8) == 0)
		e.action = "delayed";
	else if (res.n == 4 && memcmp(res.p, "Loop", 4) == 0)
		e.action = "failed";
	else
		return (0);
	e.key_status.p = res.p - (res.p[-1] == '"' ? 8 : 7);
	e.key_status.n = 7;
	e.queue_id = os_field(p, end, "evpid=", 0);
	e.sender = os_field(p, end, "from=", 0);
	e.rcpt = os_field(p, end, "to=", 0);
	if (e.rcpt.n != 0) {
		e.key_rcpt.p = e.rcpt.p - 4;
		e.key_rcpt.n = 3;
	}
	e.orig = os_field(p, end, "rcpt=", 0);
	if (e.orig.n == 1 && *e.orig.p == '-')
		e.orig.n = 0;
	e.delay = os_field(p, end, "delay=", 0);
	rel = os_field(p, end, "relay=", 0);
	if (rel.n != 0) {
		/* "192.0.2.1 (mx.example.com)". */
		c = word_end(rel.p, rel.p + rel.n);
		e.relay_ip.p = rel.p;
		e.relay_ip.n = (size_t)(c - rel.p);
		if ((b = memchr(c, '(', (size_t)(rel.p + rel.n - c))) != NULL) {
			e.relay.p = b + 1;
			e.relay.n = (size_t)(rel.p + rel.n - b - 1);
			if (e.relay.n > 0 && e.relay.p[e.relay.n - 1] == ')')
				e.relay.n--;
		}
	}
	e.reply = os_field(p, end, "stat=", 1);
	e.reply_code = ml_reply_code(e.reply.p, e.reply.n);
	e.command = ml_stage(e.reply.p, e.reply.n);
	cb(arg, &e);
	return (1);
}

/* qmail writes a space as '_' and a line end as '/': undo it, bounded. */
static struct ml_str
qmail_words(struct maillog *ml, const char *p, const char *end)
{
	struct ml_str	 r;
	size_t		 n = 0;

	while (end > p && (end[-1] == '/' || end[-1] == ' '))
		end--;
	/* A NUL would end the string early: the words end there. */
	for (; p < end && *p != '\0' && n + 1 < ML_SCRATCH; p++)
		ml->scratch[n++] = *p == '_' || *p == '/' ? ' ' : *p;
	ml->scratch[n] = '\0';
	r.p = ml->scratch;
	r.n = n;
	return (r);
}

/* "(#5.1.1)" in qmail's words: the status. */
static void
qmail_status(struct maillog_entry *e)
{
	const char	*h = ml_find(e->reply.p, e->reply.p + e->reply.n, "(#");
	const char	*c;

	if (h != NULL && (c = memchr(h, ')', (size_t)(e->reply.p +
	    e->reply.n - h))) != NULL && c - h < 16) {
		e->dsn.p = h + 2;
		e->dsn.n = (size_t)(c - h - 2);
	}
}

static struct ml_str
number(const char *p, const char *end)
{
	struct ml_str	 r;

	r.p = p;
	while (p < end && *p >= '0' && *p <= '9' && p - r.p < 20)
		p++;
	r.n = (size_t)(p - r.p);
	return (r);
}

/*
 * qmail-send (qmail-send.c, qmail-log(5)): "info msg M: bytes B from
 * <s> qp Q uid U", "starting delivery N: msg M to remote a@b",
 * "delivery N: failure: words/" and "delivery N: deferral: words/".
 * Joined by the delivery and message numbers.
 */
size_t
ml_qmail(struct maillog *ml, const struct ml_line *L, maillog_cb *cb,
    void *arg)
{
	struct maillog_entry	 e;
	const char		*p = L->msg, *end = L->end, *q;
	struct ml_str		 num, msg;
	struct ml_id		*id, *m;
	char			 key[32];

	ml_entry_init(&e, L);
	e.agent = "qmail";
	/* splogger: "qmail: 1606920000.123456 delivery ...". */
	if (p < end && *p >= '0' && *p <= '9') {
		num = number(p, end);
		if (num.n >= 9 && p + num.n < end && p[num.n] == '.') {
			long long v = 0;
			size_t i;

			for (i = 0; i < num.n && i < 12; i++)
				v = v * 10 + (num.p[i] - '0');
			e.epoch = v;
			q = word_end(p, end);
			e.time.p = p;
			e.time.n = (size_t)(q - p);
			p = skip_spaces(q, end);
		}
	}
	if (ml_starts(p, end, "info msg ")) {
		num = number(p + 9, end);
		if (num.n == 0 || (q = ml_find(p, end, " from <")) == NULL)
			return (0);
		snprintf(key, sizeof key, "m%.*s", (int)num.n, num.p);
		msg = bare_addr(q + 6, word_end(q + 6, end));
		if ((id = ml_id_get(ml, key, strlen(key))) != NULL)
			ml_copy(id->sender, sizeof id->sender, msg.p, msg.n);
		return (0);
	}
	if (ml_starts(p, end, "starting delivery ")) {
		num = number(p + 18, end);
		if (num.n == 0 || (q = ml_find(p, end, ": msg ")) == NULL)
			return (0);
		msg = number(q + 6, end);
		snprintf(key, sizeof key, "d%.*s", (int)num.n, num.p);
		if ((id = ml_id_get(ml, key, strlen(key))) == NULL)
			return (0);
		ml_copy(id->ref, sizeof id->ref, msg.p, msg.n);
		if ((q = ml_find(q, end, " to remote ")) != NULL)
			q += 11;
		else if ((q = ml_find(p, end, " to local ")) != NULL)
			q += 10;
		if (q != NULL)
			ml_copy(id->rcpt, sizeof id->rcpt, q,
			    (size_t)(word_end(q, end) - q));
		snprintf(key, sizeof key, "m%.*s", (int)msg.n, msg.p);
		if ((m = ml_id_find(ml, key, strlen(key))) != NULL)
			memcpy(id->sender, m->sender, sizeof id->sender);
		return (0);
	}
	if (!ml_starts(p, end, "delivery "))
		return (0);
	num = number(p + 9, end);
	q = p + 9 + num.n;
	if (num.n == 0 || !ml_starts(q, end, ": "))
		return (0);
	q += 2;
	if (ml_starts(q, end, "failure: "))
		e.action = "failed";
	else if (ml_starts(q, end, "deferral: "))
		e.action = "delayed";
	else
		return (0);
	e.key_status.p = q;
	e.key_status.n = *e.action == 'f' ? 7 : 8;
	q += *e.action == 'f' ? 9 : 10;
	snprintf(key, sizeof key, "d%.*s", (int)num.n, num.p);
	if ((id = ml_id_find(ml, key, strlen(key))) != NULL) {
		e.rcpt = ml_s(id->rcpt);
		e.sender = ml_s(id->sender);
		e.queue_id = ml_s(id->ref);
	}
	e.reply = qmail_words(ml, q, end);
	e.reply_rewritten = 1;
	qmail_status(&e);
	/* "192.0.2.1 does not like recipient." names the remote's IP. */
	q = word_end(e.reply.p, e.reply.p + e.reply.n);
	if (q - e.reply.p >= 7 && q - e.reply.p < 46 &&
	    strspn(e.reply.p, "0123456789abcdefABCDEF.:") ==
	    (size_t)(q - e.reply.p)) {
		e.relay_ip.p = e.reply.p;
		e.relay_ip.n = (size_t)(q - e.reply.p);
	}
	e.command = ml_stage(e.reply.p, e.reply.n);
	if ((q = ml_find(e.reply.p, e.reply.p + e.reply.n,
	    "Remote host said: ")) != NULL) {
		e.reply.n -= (size_t)(q + 18 - e.reply.p);
		e.reply.p = q + 18;
	}
	e.reply_code = ml_reply_code(e.reply.p, e.reply.n);
	cb(arg, &e);
	return (1);
}
