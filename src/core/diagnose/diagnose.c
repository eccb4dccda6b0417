/* The diagnosis: rules over a record's text and codes give a verdict. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diagnose/diagnose.h"
#include "base/utf8.h"

/* What a rule may look at, prepared once per record. */
struct subject {
	const char	*text[RF__COUNT];
	size_t		 len[RF__COUNT];
	struct buf	 remote;
	const char	*agent;		/* the report format, or NULL */
	int		 agent_known;	/* else the format rules may tell */
	const struct bounce_doc	*doc;
	const struct bounce_rcpt *rcpt;
	struct rule_state	*st;
	const char		*status;	/* the one rules see */
};

static const char *format_find(const struct rules *,
    const struct bounce_doc *, const struct bounce_rcpt *,
    struct subject *);

static void
subject_prepare(struct subject *s, const struct rules *rs,
    struct rule_state *st, const struct bounce_doc *d,
    const struct bounce_rcpt *r)
{
	const struct bounce_msg	*m = &d->msgs[r->msg];
	size_t			 i;

	s->text[RF_DIAGNOSTIC] = r->diagnostic != NULL ? r->diagnostic : "";
	s->text[RF_SUBJECT] = m->subject != NULL ? m->subject : "";
	s->text[RF_FROM] = m->from != NULL ? m->from : "";
	buf_init(&s->remote);
	buf_adds(&s->remote, r->remote_mta != NULL ? r->remote_mta : "");
	buf_addc(&s->remote, ' ');
	buf_adds(&s->remote, r->reporting_mta != NULL ? r->reporting_mta :
	    "");
	s->text[RF_REMOTE] = s->remote.data;
	s->text[RF_HEADERS] = m->headers != NULL ? m->headers : "";
	s->text[RF_DSN] = r->dsn_extra != NULL ? r->dsn_extra : "";
	s->agent = r->agent;
	/* A format told by the header outranks the generic RFC 3464. */
	s->agent_known = r->agent != NULL && strcmp(r->agent, "rfc3464") != 0;
	s->doc = d;
	s->rcpt = r;
	s->text[RF_MESSAGE] = "";
	for (i = 0; i < RF__COUNT; i++)
		s->len[i] = strlen(s->text[i]);
	/* A stretch of the text: not NUL-terminated, its length told. */
	if (m->text_len > 0 && m->text_off + m->text_len <= d->text.len) {
		s->text[RF_MESSAGE] = d->text.data + m->text_off;
		s->len[RF_MESSAGE] = m->text_len;
	}
	s->st = st;
	rule_candidates(rs, st, s->text[RF_DIAGNOSTIC], s->len[RF_DIAGNOSTIC]);
}

/* 5.1.* against 5.1.1; '*' and 'x' match one number (or digit). */
static int
code_match(const char *pat, const char *code, int enhanced)
{
	const char	*p = pat, *c = code;

	if (*code == '\0')
		return (0);
	if (!enhanced) {
		for (; *p != '\0' && *c != '\0'; p++, c++)
			if (*p != '*' && *p != 'x' && *p != 'X' && *p != *c)
				return (0);
		return (*p == '\0' && *c == '\0');
	}
	while (*p != '\0') {
		if (*p == '*' || *p == 'x' || *p == 'X') {
			p++;
			while (*c >= '0' && *c <= '9')
				c++;
		} else {
			const char *pe = p, *ce = c;
			while (*pe >= '0' && *pe <= '9')
				pe++;
			while (*ce >= '0' && *ce <= '9')
				ce++;
			if (pe - p != ce - c || strncmp(p, c,
			    (size_t)(pe - p)) != 0)
				return (0);
			p = pe;
			c = ce;
		}
		if (*p != *c)
			return (0);
		if (*p == '.') {
			p++;
			c++;
		}
	}
	return (*c == '\0');
}

static int
agent_in(const struct rule *ru, const char *agent)
{
	size_t	 i;

	for (i = 0; i < ru->nagent; i++)
		if (agent != NULL && strcmp(agent, ru->agent[i]) == 0)
			return (1);
	return (0);
}

/*
 * The 'agent' condition, last: the format rules run only when a rule
 * that asks for a format holds otherwise (they reuse the match data).
 * Checking it before the pattern was measured slower: the format rules
 * read the whole header.
 */
static int
agent_ok(const struct rules *rs, const struct rule *ru, struct subject *s)
{
	const char	*f;

	if (ru->nagent == 0)
		return (1);
	if (!s->agent_known) {
		s->agent_known = 1;
		if ((f = format_find(rs, s->doc, s->rcpt, s)) != NULL)
			s->agent = f;
	}
	return (agent_in(ru, s->agent));
}

/* Some word of list (n of them) is s, in any case; 0 when s is NULL. */
static int
word_in(const char *const *list, size_t n, const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcasecmp(s, list[i]) == 0)
			return (1);
	return (0);
}

/*
 * A status code that says more than its class: not X.0.0, which an MTA
 * writes when the reply gave none (Postfix's smtp(8) makes "4.0.0" of a
 * bare 451), "other undefined status" (RFC 3463, section 3.1).
 */
static int
status_speaks(const char *status)
{
	return (status[0] != '\0' && strcmp(status + 1, ".0.0") != 0);
}

/* The SMTP stage is one of the rule's; "none" when the record has none. */
static int
command_in(const struct rule *ru, const char *command)
{
	size_t	 i;

	for (i = 0; i < ru->ncommand; i++)
		if (command != NULL ? strcmp(command, ru->command[i]) == 0 :
		    strcmp(ru->command[i], "none") == 0)
			return (1);
	return (0);
}

/* The status or reply code fits one of the rule's patterns. */
static int
code_in(const char *const *pats, size_t n, const char *code, int enhanced)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (code_match(pats[i], code, enhanced))
			return (1);
	return (0);
}

/* The rule's conditions on the record, its pattern and format aside. */
static int
conditions_hold(const struct rule *ru, const struct bounce_rcpt *r,
    const char *status, int reply, const struct subject *s)
{
	char	 rbuf[8];

	if (ru->kinds != 0 && !(ru->kinds & (1u << r->kind)))
		return (0);
	if (ru->no_status && status_speaks(status))
		return (0);
	if (ru->action != NULL && (r->action == NULL ||
	    strncasecmp(r->action, ru->action, strlen(ru->action)) != 0))
		return (0);
	if (ru->nagent != 0 && s->agent_known && !agent_in(ru, s->agent))
		return (0);
	if (ru->ndtype != 0 && !word_in(ru->dtype, ru->ndtype, r->diag_type))
		return (0);
	if (ru->ncommand != 0 && !command_in(ru, r->command))
		return (0);
	if (ru->nstatus != 0 && !code_in(ru->status, ru->nstatus, status, 1))
		return (0);
	if (ru->nreply != 0) {
		if (reply == 0)
			return (0);
		snprintf(rbuf, sizeof rbuf, "%d", reply);
		if (!code_in(ru->reply, ru->nreply, rbuf, 0))
			return (0);
	}
	return (1);
}

static int
rule_matches(const struct rules *rs, const struct rule *ru,
    const struct bounce_rcpt *r, const char *status, int reply,
    struct subject *s, size_t *moff, size_t *mlen)
{
	int		 rc;
	PCRE2_SIZE	*ov;

	/*
	 * The cheapest proofs that the rule cannot match come first: the
	 * prefilter's bit, then the text's length.
	 */
	if (ru->re != NULL && (!rule_candidate(rs, s->st,
	    (size_t)(ru - rs->v)) || s->len[ru->in] < ru->minlen))
		return (0);
	if (!conditions_hold(ru, r, status, reply, s))
		return (0);
	if (ru->re == NULL)
		return (agent_ok(rs, ru, s));
	rc = rule_match(rs, ru, s->text[ru->in], s->len[ru->in], s->st->md);
	if (rc < 0)
		return (0);
	ov = pcre2_get_ovector_pointer(s->st->md);
	*moff = ov[0];
	*mlen = ov[1] - ov[0];
	return (agent_ok(rs, ru, s));
}

static void
evidence_add(struct verdict *v, struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
evidence_add(struct verdict *v, struct arena *a, const char *fmt, ...)
{
	char		 line[1024];
	va_list		 ap;
	int		 n;

	if (v->nevidence == VERDICT_MAX_EVIDENCE)
		return;
	/* A line quotes VERDICT_QUOTE_MAX bytes at most, and a file name. */
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	v->evidence[v->nevidence++] = arena_strndup(a, line,
	    (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void
step_add(struct verdict *v, const char *s)
{
	size_t	 i;

	for (i = 0; i < v->nsteps; i++)
		if (strcmp(v->steps[i], s) == 0)
			return;
	if (v->nsteps < VERDICT_MAX_STEPS)
		v->steps[v->nsteps++] = s;
}

static void
codes_add(struct verdict *v, const struct catalog *c, const char *code)
{
	const struct entry	*e[VERDICT_MAX_CODES];
	size_t			 n, i, j;

	if (c == NULL || code[0] == '\0')
		return;
	n = catalog_lookup(c, code, e, VERDICT_MAX_CODES);
	if (n == 0)
		n = catalog_fallback(c, code, e, VERDICT_MAX_CODES);
	for (i = 0; i < n; i++) {
		for (j = 0; j < v->ncodes; j++)
			if (v->codes[j] == e[i])
				break;
		if (j == v->ncodes && v->ncodes < VERDICT_MAX_CODES)
			v->codes[v->ncodes++] = e[i];
	}
}

/*
 * The report format the format rules name for message msg, once per
 * message: its records share it.
 */
static const char *
format_find(const struct rules *rs, const struct bounce_doc *d,
    const struct bounce_rcpt *r, struct subject *s)
{
	struct format_memo	*fm = &s->st->memo;
	const struct rule	*ru;
	size_t			 i, moff, mlen;

	if (rs->nformats == 0)
		return (NULL);
	if (fm->doc == d && fm->gen == d->gen && fm->msg == r->msg)
		return (fm->format);
	fm->doc = d;
	fm->gen = d->gen;
	fm->msg = r->msg;
	fm->format = NULL;
	for (i = rule_next(rs, s->st, 0); i < rs->n;
	    i = rule_next(rs, s->st, i + 1)) {
		ru = &rs->v[i];
		if (ru->format != NULL && rule_matches(rs, ru, r, "", 0, s,
		    &moff, &mlen)) {
			fm->format = ru->format;
			break;
		}
	}
	return (fm->format);
}

void
diagnose(const struct rules *rs, const struct catalog *c,
    const struct bounce_doc *d, size_t idx, struct verdict *v,
    struct arena *scratch)
{
	diagnose_r(rs, rs->own, c, d, idx, v, scratch);
}

/* How much of the len bytes at text a quote keeps: whole characters. */
static int
quote_len(const char *text, size_t len)
{
	if (len <= VERDICT_QUOTE_MAX)
		return ((int)len);
	len = VERDICT_QUOTE_MAX;
	while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
		len--;
	return ((int)len);
}

/* The deciding rule ru, which matched mlen bytes at moff, as evidence. */
static void
evidence_rule(struct verdict *v, struct arena *a, const struct rule *ru,
    const struct subject *s, size_t moff, size_t mlen)
{
	const char	*m = s->text[ru->in] + moff;

	if (ru->re != NULL && ru->in == RF_DIAGNOSTIC)
		evidence_add(v, a, "rule %s (%s:%u) matched \"%.*s\"", ru->id,
		    ru->file, ru->line, quote_len(m, mlen), m);
	else if (ru->re != NULL)
		evidence_add(v, a, "rule %s (%s:%u) matched the %s", ru->id,
		    ru->file, ru->line, ru->in == RF_SUBJECT ? "subject" :
		    ru->in == RF_FROM ? "sender" : "remote host");
	else
		evidence_add(v, a, "rule %s (%s:%u)", ru->id, ru->file,
		    ru->line);
}

/* The reason rule ru holds: it decides the reason and its steps. */
static void
reason_take(struct verdict *v, struct arena *a, const struct rule *ru,
    const struct subject *s, size_t moff, size_t mlen)
{
	size_t	 k;

	v->reason = ru->reason;
	v->rule = ru;
	if (ru->re != NULL && ru->in == RF_DIAGNOSTIC) {
		v->match_off = moff;
		v->match_len = mlen;
	}
	evidence_rule(v, a, ru, s, moff, mlen);
	if (ru->permanent >= 0)
		v->permanent = ru->permanent;
	for (k = 0; k < ru->nsteps; k++)
		step_add(v, ru->steps[k]);
}

/*
 * The rules in file order, strongest first: the first reason rule that
 * holds decides the reason, the first provider rule the provider.
 */
static void
rules_run(const struct rules *rs, const struct bounce_rcpt *r,
    struct subject *s, struct verdict *v, struct arena *a)
{
	const struct rule	*ru;
	size_t			 i, moff = 0, mlen = 0;

	for (i = rule_next(rs, s->st, 0); i < rs->n && (v->reason == NULL ||
	    v->provider == NULL); i = rule_next(rs, s->st, i + 1)) {
		ru = &rs->v[i];
		if ((ru->reason == NULL || v->reason != NULL) &&
		    (ru->provider == NULL || v->provider != NULL))
			continue;
		if (!rule_matches(rs, ru, r, s->status, r->reply_code, s,
		    &moff, &mlen))
			continue;
		if (ru->reason != NULL && v->reason == NULL)
			reason_take(v, a, ru, s, moff, mlen);
		if (ru->provider != NULL && v->provider == NULL) {
			v->provider = ru->provider;
			if (ru != v->rule)
				evidence_add(v, a, "provider from rule %s "
				    "(%s:%u)", ru->id, ru->file, ru->line);
		}
	}
}

/* The status class the report's codes give: 2, 4, 5, or 0 for none. */
static int
code_class(const struct bounce_rcpt *r)
{
	int	 klass;

	klass = r->status[0] != '\0' ? r->status[0] - '0' :
	    r->reply_code != 0 ? r->reply_code / 100 : 0;
	/*
	 * "450 5.7.0 ..." in the server's own words: the sender's MTA acts
	 * on the reply code (RFC 5321, 4.2.1: 4yz is transient), so the
	 * code's class, not the enhanced one, says whether it is retried.
	 */
	if (!r->from_dsn && !r->status_logged && r->reply_code / 100 >= 4 &&
	    r->reply_code / 100 <= 5 && klass >= 4 && klass <= 5 &&
	    klass != r->reply_code / 100)
		klass = r->reply_code / 100;
	if (r->action != NULL && strncasecmp(r->action, "delayed", 7) == 0)
		klass = 4;
	return (klass);
}

/*
 * No code at all: the words may still tell the class, as the class
 * rules of the data say ("this is a temporary error" 4, "this is a
 * permanent error" 5: the server gave up, and will not retry even a
 * reason that is usually transient).  The first class rule that holds.
 */
static int
wording_class(const struct rules *rs, const struct bounce_rcpt *r,
    struct subject *s, struct verdict *v, struct arena *a)
{
	const struct rule	*ru;
	const char		*m;
	size_t			 i, moff = 0, mlen = 0;

	for (i = rule_next(rs, s->st, 0); i < rs->n;
	    i = rule_next(rs, s->st, i + 1)) {
		ru = &rs->v[i];
		if (ru->klass == 0 || !rule_matches(rs, ru, r, s->status,
		    r->reply_code, s, &moff, &mlen))
			continue;
		m = s->text[ru->in] + moff;
		evidence_add(v, a, "class %d from rule %s (%s:%u) matched "
		    "\"%.*s\"", ru->klass, ru->id, ru->file, ru->line,
		    quote_len(m, mlen), m);
		return (ru->klass);
	}
	return (0);
}

/* Permanent: the deciding rule, else the status class, else the reason. */
static void
permanence_decide(struct verdict *v, const struct reason_def *rd, int klass)
{
	if (v->rule != NULL && v->rule->permanent >= 0)
		v->permanent = v->rule->permanent;
	else if (klass == 5)
		v->permanent = 1;
	else if (klass == 4 || klass == 2)
		v->permanent = 0;
	else if (rd != NULL) {
		v->permanent = rd->permanent;
		v->permanence_unknown = rd->permanent_unknown;
	} else
		v->permanent = 1;
}

/* What the reason says: its title, retry advice, steps, pseudo status. */
static void
reason_apply(struct verdict *v, const struct reason_def *rd,
    const struct bounce_rcpt *r, int klass)
{
	size_t	 i;

	v->reason_title = rd->title;
	v->retry = rd->retry;
	v->retry_note = rd->retry_note;
	if (!v->permanent && (rd->permanent || v->delayed ||
	    (rd->permanent_unknown && !v->permanence_unknown))) {
		v->retry = RETRY_AUTO;
		if (rd->retry_note_transient != NULL)
			v->retry_note = rd->retry_note_transient;
	}
	if (v->rule != NULL && v->rule->title != NULL &&
	    strcmp(v->rule->reason, v->reason) == 0)
		v->reason_title = v->rule->title;
	else if (v->delayed && rd->delayed_title != NULL)
		v->reason_title = rd->delayed_title;
	/*
	 * A permanent failure is never retried by the sending server on its
	 * own: "auto" becomes "after the cause is fixed".
	 */
	if (v->permanent && v->retry == RETRY_AUTO)
		v->retry = RETRY_AFTER_FIX;
	/*
	 * A rule's own steps are specific to the case and already cover the
	 * reason's generic ones: showing both repeats the same advice in
	 * other words.
	 */
	if (v->nsteps == 0 && v->delayed && rd->ndelayed_steps != 0)
		for (i = 0; i < rd->ndelayed_steps; i++)
			step_add(v, rd->delayed_steps[i]);
	else if (v->nsteps == 0)
		for (i = 0; i < rd->nsteps; i++)
			step_add(v, rd->steps[i]);
	if (r->status[0] == '\0' && rd->pseudo != 0) {
		/* No code in the report: the reason's own. */
		snprintf(v->status, sizeof v->status, "%d.0.%d",
		    klass == 4 && !rd->pseudo_perm ? 4 : 5, rd->pseudo);
		v->status_derived = 1;
	}
}

/* The report's own codes, as evidence. */
static void
evidence_codes(struct verdict *v, struct arena *a,
    const struct bounce_rcpt *r)
{
	if (r->status[0] != '\0')
		evidence_add(v, a, "status %s%s", r->status,
		    r->from_dsn ? " (Status field)" : r->status_logged ?
		    " (the log's dsn=)" : " (in the reply)");
	if (r->reply_code != 0)
		evidence_add(v, a, "reply code %d", r->reply_code);
}

/* The catalogue entries of the report's status and reply codes. */
static void
codes_attach(struct verdict *v, const struct catalog *c,
    const struct bounce_rcpt *r)
{
	char	 rbuf[8];

	codes_add(v, c, r->status);
	if (r->reply_code != 0) {
		snprintf(rbuf, sizeof rbuf, "%d", r->reply_code);
		codes_add(v, c, rbuf);
	}
}

void
diagnose_r(const struct rules *rs, struct rule_state *st,
    const struct catalog *c, const struct bounce_doc *d, size_t idx,
    struct verdict *v, struct arena *scratch)
{
	const struct bounce_rcpt	*r = &d->rcpts[idx];
	const struct reason_def		*rd;
	struct subject			*s;
	int				 klass;

	memset(v, 0, sizeof *v);
	v->rcpt = r;
	v->reply_code = r->reply_code;
	memcpy(v->status, r->status, sizeof v->status);
	s = arena_alloc(scratch, sizeof *s);
	subject_prepare(s, rs, st, d, r);
	/*
	 * A status the reporting MTA translated from a bare reply code is
	 * shown, but weighs no more than the reply code: the rules see none.
	 */
	s->status = r->status_translated ? "" : r->status;
	rules_run(rs, r, s, v, scratch);
	if (v->rule != NULL && v->rule->nagent != 0 && s->agent != NULL)
		evidence_add(v, scratch, "report format %s", s->agent);
	if (v->reason == NULL)
		v->reason = "undefined";
	rd = rules_reason(rs, v->reason);
	evidence_codes(v, scratch, r);
	if ((klass = code_class(r)) == 0)
		klass = wording_class(rs, r, s, v, scratch);
	v->format = s->agent_known ? s->agent : NULL;
	buf_free(&s->remote);
	/* A delay notice: the sending MTA still retries, whatever the words. */
	v->delayed = r->kind == MSG_BOUNCE && r->action != NULL &&
	    strncasecmp(r->action, "delayed", 7) == 0;
	permanence_decide(v, rd, klass);
	if (v->delayed)
		v->permanent = 0;
	if (rd != NULL)
		reason_apply(v, rd, r, klass);
	codes_attach(v, c, r);
}
