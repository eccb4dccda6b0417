/* RFC 3464 delivery status fields and RFC 5965 feedback reports. */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "parse/bounce_int.h"

#define MAX_FIELD	(8u * 1024)
#define MAX_EXTRA	1024u	/* a group's other fields kept for rules */
/*
 * A typed value's type ("smtp", "x-unix", "rfc822") is one short word:
 * a ';' further on belongs to the text, not to a type.
 */
#define MAX_TYPE	16

enum dsn_field {
	D_FINAL, D_ORIGINAL, D_ACTION, D_STATUS, D_REMOTE, D_DIAG,
	D_REPORTING, D_LAST_ATTEMPT, D_ARRIVAL, D_RECEIVED_FROM,
	D_FEEDBACK_TYPE, D_RCPT_TO, D_MAIL_FROM, D_X_ACTUAL, D_OTHER
};

static const struct {
	const char	*name;
	enum dsn_field	 id;
} dsn_names[] = {
	{ "final-recipient", D_FINAL }, { "original-recipient", D_ORIGINAL },
	{ "action", D_ACTION }, { "status", D_STATUS },
	{ "remote-mta", D_REMOTE }, { "diagnostic-code", D_DIAG },
	{ "reporting-mta", D_REPORTING },
	{ "last-attempt-date", D_LAST_ATTEMPT },
	{ "arrival-date", D_ARRIVAL }, { "received-from-mta", D_RECEIVED_FROM },
	{ "feedback-type", D_FEEDBACK_TYPE },
	{ "original-rcpt-to", D_RCPT_TO },
	{ "original-mail-from", D_MAIL_FROM },
	{ "x-actual-recipient", D_X_ACTUAL },
};

/* A recipient group being read. */
struct group {
	const char	*final, *original, *action, *remote, *diag, *diag_type;
	const char	*xactual;
	char		 status[STATUS_MAX];
	size_t		 diag_off, diag_len;
	int		 used;
	int		 past_final;	/* a field read after Final-Recipient */
	char		 extra[MAX_EXTRA];	/* other fields: "name: value\n" */
	size_t		 nextra;
};

struct dsn_state {
	struct bmsg	*m;
	const char	*reporting, *feedback_type, *mail_from;
	const char	*rcpt_to[64];
	size_t		 nrcpt_to;
	struct group	 g;
};

static enum dsn_field
field_id(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < sizeof dsn_names / sizeof dsn_names[0]; i++) {
		if (strlen(dsn_names[i].name) == n &&
		    strncasecmp(dsn_names[i].name, s, n) == 0)
			return (dsn_names[i].id);
	}
	return (D_OTHER);
}

/* Drop "rfc822;" or "dns;" and blanks; keep the type when asked. */
static const char *
typed_value(struct parser *P, const char *v, size_t n, const char **type)
{
	const char	*semi = memchr(v, ';', n);
	size_t		 tl;

	if (type != NULL)
		*type = NULL;
	if (semi != NULL && semi - v < MAX_TYPE) {
		tl = (size_t)(semi - v);
		while (tl > 0 && v[tl - 1] == ' ')
			tl--;
		if (type != NULL)
			*type = arena_strndup(&P->doc->arena, v, tl);
		n -= (size_t)(semi + 1 - v);
		v = semi + 1;
	}
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	return (arena_strndup(&P->doc->arena, v, n));
}

static const char *
clean_addr(struct parser *P, const char *v)
{
	size_t		 n;
	const char	*a = addr_find(v, strlen(v), &n);

	if (a == NULL)
		return (NULL);
	return (arena_strndup(&P->doc->arena, a, n));
}

/*
 * "5.1.0 - Unknown address error 550-'5.7.1 <a@b>... Access denied'
 * (delivery attempts: 0)": a relay's own class, then the reply it got,
 * quoted.  The quoted reply is the server's words: "550 5.7.1 <a@b>...
 * Access denied".  Returns NULL when the text is not of that form.
 */
static const char *
diag_unwrap(struct parser *P, const char *d)
{
	const char	*p = d, *q, *e, *end = d + strlen(d);
	struct buf	 b;
	const char	*out;
	int		 i;

	/* "D.D.D - " */
	if (!(*p == '4' || *p == '5') || p[1] != '.')
		return (NULL);
	for (p += 2, i = 0; *p >= '0' && *p <= '9' && i < 4; p++, i++)
		;
	if (i == 0 || *p++ != '.')
		return (NULL);
	for (i = 0; *p >= '0' && *p <= '9' && i < 4; p++, i++)
		;
	if (i == 0 || strncmp(p, " - ", 3) != 0)
		return (NULL);
	/* "... error NNN-'" within 80 bytes */
	q = memcasemem(p, (size_t)(end - p) < 80 ? (size_t)(end - p) : 80,
	    " error ", 7);
	if (q == NULL)
		return (NULL);
	q += 7;
	if (end - q < 6 || !(q[0] == '4' || q[0] == '5') ||
	    q[1] < '0' || q[1] > '9' || q[2] < '0' || q[2] > '9' ||
	    (q[3] != '-' && q[3] != ' ') || q[4] != '\'')
		return (NULL);
	/* The closing quote: the last one. */
	for (e = end; e > q + 5 && e[-1] != '\''; e--)
		;
	if (e <= q + 5)
		return (NULL);
	buf_init(&b);
	buf_add(&b, q, 3);
	buf_addc(&b, ' ');
	buf_add(&b, q + 5, (size_t)(e - 1 - (q + 5)));
	out = arena_strndup(&P->doc->arena, b.data, b.len);
	buf_free(&b);
	return (out);
}

static void
group_flush(struct parser *P, struct dsn_state *st, size_t msgi)
{
	struct group		*g = &st->g;
	struct bounce_rcpt	*r;
	const char		*addr;

	if (g->used && (g->final != NULL || g->original != NULL)) {
		addr = g->final != NULL ? clean_addr(P, g->final) : NULL;
		if (addr == NULL && g->xactual != NULL)
			addr = clean_addr(P, g->xactual);
		if (addr == NULL && g->original != NULL)
			addr = clean_addr(P, g->original);
		if (addr == NULL && st->m != NULL &&
		    st->m->orphan.n++ == 0) {
			memcpy(st->m->orphan.status, g->status,
			    sizeof g->status);
			st->m->orphan.action = g->action;
			st->m->orphan.remote = g->remote;
			st->m->orphan.reporting = st->reporting;
		}
		if (addr != NULL &&
		    (r = parser_add_rcpt(P, msgi, addr, strlen(addr))) != NULL) {
			r->from_dsn = 1;
			r->original = g->original;
			r->action = g->action;
			memcpy(r->status, g->status, sizeof r->status);
			r->remote_mta = g->remote;
			r->reporting_mta = st->reporting;
			r->diagnostic = g->diag != NULL && *g->diag != '\0' ?
			    g->diag : NULL;
			/*
			 * "Final-Recipient: rfc822;|/usr/bin/prog a@b": the
			 * mail went to a program (Exim's words: "pipe to").
			 */
			if (r->diagnostic == NULL && g->final != NULL &&
			    g->final[0] == '|') {
				struct buf b;

				buf_init(&b);
				buf_printf(&b, "pipe to %s", g->final);
				r->diagnostic = arena_strndup(&P->doc->arena,
				    b.data, b.len);
				buf_free(&b);
			}
			r->diag_type = g->diag_type;
			r->diag_off = g->diag_off;
			r->diag_len = g->diag_len;
			r->agent = "rfc3464";
			r->dsn_extra = g->nextra > 0 ? arena_strndup(
			    &P->doc->arena, g->extra, g->nextra) : NULL;
		}
	}
	memset(g, 0, offsetof(struct group, extra));
	g->nextra = 0;
}

/* Join a field's lines into one line in P->tmp. */
static void
join_value(struct parser *P, const char *v, size_t n)
{
	size_t	 i, start = 0;

	buf_reset(&P->tmp);
	if (n > MAX_FIELD)
		n = MAX_FIELD;
	for (i = 0; i < n; i++) {
		if (v[i] != '\n' && v[i] != '\t')
			continue;
		buf_add(&P->tmp, v + start, i - start);
		while (i + 1 < n && (v[i + 1] == ' ' || v[i + 1] == '\t' ||
		    v[i + 1] == '\n'))
			i++;
		buf_addc(&P->tmp, ' ');
		start = i + 1;
	}
	buf_add(&P->tmp, v + start, n - start);
	if (P->tmp.data == NULL) {
		buf_addc(&P->tmp, ' ');
		buf_reset(&P->tmp);
	}
}

/* Final-Recipient: a new recipient's group begins. */
static void
field_final(struct parser *P, struct dsn_state *st, size_t msgi,
    const char *s, size_t n, const char *v, size_t vn, size_t voff)
{
	struct group	*g = &st->g;
	const char	*a;
	size_t		 al;

	if (g->final != NULL)
		group_flush(P, st, msgi);
	g->final = typed_value(P, s, n, NULL);
	g->used = 1;
	if ((P->flags & BOUNCE_SPANS) && (a = addr_find(v, vn, &al)) != NULL)
		parser_add_span(P, SPAN_RECIPIENT, voff + (size_t)(a - v), al);
}

/*
 * Diagnostic-Code: the value unwrapped, and where its text after the
 * type is, for the diagnostic span.
 */
static void
field_diag(struct parser *P, struct group *g, const char *s, size_t n,
    const char *v, size_t vn, size_t voff)
{
	const char	*semi;
	size_t		 at;

	g->diag = typed_value(P, s, n, &g->diag_type);
	if ((s = diag_unwrap(P, g->diag)) != NULL)
		g->diag = s;
	semi = memchr(v, ';', vn);
	at = semi != NULL && semi - v < MAX_TYPE ? (size_t)(semi + 1 - v) : 0;
	while (at < vn && (v[at] == ' ' || v[at] == '\t'))
		at++;
	g->diag_off = voff + at;
	g->diag_len = vn - at;
	if (P->flags & BOUNCE_SPANS)
		parser_add_span(P, SPAN_DIAGNOSTIC, g->diag_off, g->diag_len);
}

/*
 * A product's own field (X-PowerMTA-BounceCategory): kept, bounded, for
 * rules 'in: dsn'.  Whole lines only.
 */
static void
field_extra(struct group *g, const char *name, size_t nl, const char *s,
    size_t n)
{
	if (g->nextra + nl + n + 3 > sizeof g->extra)
		return;
	memcpy(g->extra + g->nextra, name, nl);
	g->nextra += nl;
	g->extra[g->nextra++] = ':';
	g->extra[g->nextra++] = ' ';
	memcpy(g->extra + g->nextra, s, n);
	g->nextra += n;
	g->extra[g->nextra++] = '\n';
}

static void
field(struct parser *P, struct dsn_state *st, size_t msgi, const char *name,
    size_t nl, const char *v, size_t vn, size_t voff)
{
	struct group	*g = &st->g;
	enum dsn_field	 id = field_id(name, nl);
	const char	*s;
	size_t		 n;

	join_value(P, v, vn);
	s = P->tmp.data;
	n = P->tmp.len;
	switch (id) {
	case D_FINAL:
		field_final(P, st, msgi, s, n, v, vn, voff);
		break;
	case D_ORIGINAL:
		/*
		 * Original-Recipient may come before or after Final, and
		 * Action before either (Amazon SES's inbound DSN): only a
		 * group whose Final-Recipient is followed by its other
		 * fields is complete.
		 */
		if (g->original != NULL || (g->final != NULL && g->past_final))
			group_flush(P, st, msgi);
		g->original = typed_value(P, s, n, NULL);
		g->used = 1;
		break;
	case D_X_ACTUAL:
		g->xactual = typed_value(P, s, n, NULL);
		break;
	case D_ACTION:
		g->action = typed_value(P, s, n, NULL);
		g->used = 1;
		g->past_final |= g->final != NULL;
		break;
	case D_STATUS:
		if (!status_find(s, n, g->status, NULL))
			g->status[0] = '\0';
		g->used = 1;
		g->past_final |= g->final != NULL;
		break;
	case D_REMOTE:
		g->remote = typed_value(P, s, n, NULL);
		break;
	case D_DIAG:
		field_diag(P, g, s, n, v, vn, voff);
		g->past_final |= g->final != NULL;
		break;
	case D_REPORTING:
		st->reporting = typed_value(P, s, n, NULL);
		break;
	case D_FEEDBACK_TYPE:
		st->feedback_type = typed_value(P, s, n, NULL);
		break;
	case D_RCPT_TO:
		if (st->nrcpt_to < sizeof st->rcpt_to / sizeof st->rcpt_to[0])
			st->rcpt_to[st->nrcpt_to++] = typed_value(P, s, n,
			    NULL);
		break;
	case D_MAIL_FROM:
		st->mail_from = typed_value(P, s, n, NULL);
		break;
	case D_OTHER:
		field_extra(g, name, nl, s, n);
		break;
	default:
		break;
	}
}

/* Read "Name: value" fields from a stretch of text. */
static void
fields_read(struct parser *P, struct dsn_state *st, size_t msgi, size_t off,
    size_t len, int strict)
{
	const char	*t = P->doc->text.data, *p = t + off, *end = t + off + len;
	const char	*q, *name = NULL, *colon, *v = NULL;
	size_t		 nl = 0;

	while (p < end) {
		q = memchr(p, '\n', (size_t)(end - p));
		if (q == NULL)
			q = end;
		if (p < q && (*p == ' ' || *p == '\t') && name != NULL) {
			p = q < end ? q + 1 : end;
			continue;
		}
		if (name != NULL) {
			size_t vn = (size_t)(p - v);
			while (vn > 0 && (v[vn - 1] == '\n'))
				vn--;
			field(P, st, msgi, name, nl, v, vn,
			    (size_t)(v - t));
			name = NULL;
		}
		if (q == p) {
			/* A blank line ends a complete group. */
			if (st->g.final != NULL && st->g.action != NULL)
				group_flush(P, st, msgi);
			else if (!st->g.used)
				st->g.nextra = 0;	/* per-message */
		} else if ((colon = memchr(p, ':', (size_t)(q - p))) != NULL &&
		    colon - p < 40 && colon > p) {
			const char *c;
			for (c = p; c < colon && *c > 32 && *c < 127; c++)
				;
			if (c == colon && (!strict ||
			    field_id(p, (size_t)(colon - p)) != D_OTHER)) {
				name = p;
				nl = (size_t)(colon - p);
				v = colon + 1;
				while (v < q && (*v == ' ' || *v == '\t'))
					v++;
				if (P->flags & BOUNCE_SPANS) {
					parser_add_span(P, SPAN_FIELD_NAME,
					    (size_t)(p - t), nl);
					if (q > v)
						parser_add_span(P,
						    SPAN_FIELD_VALUE,
						    (size_t)(v - t),
						    (size_t)(q - v));
				}
			}
		}
		p = q < end ? q + 1 : end;
	}
	if (name != NULL) {
		size_t vn = (size_t)(end - v);
		while (vn > 0 && v[vn - 1] == '\n')
			vn--;
		field(P, st, msgi, name, nl, v, vn, (size_t)(v - t));
	}
	group_flush(P, st, msgi);
}

/* Does this text hold DSN fields at line starts? */
static int
has_dsn_fields(const char *s, size_t n)
{
	const char	*p = s, *end = s + n;

	while ((p = memcasemem(p, (size_t)(end - p), "final-recipient:",
	    16)) != NULL) {
		if (p == s || p[-1] == '\n')
			return (1);
		p++;
	}
	return (0);
}

void
dsn_scan(struct parser *P, struct bmsg *m, size_t msgi)
{
	struct dsn_state	 st;
	struct bounce_rcpt	*r;
	size_t			 i, j, n;
	int			 any = 0;
	const char		*a;

	memset(&st, 0, sizeof st);
	st.m = m;
	for (i = 0; i < m->nparts; i++) {
		struct bpart *bp = &m->parts[i];

		if (bp->type == PT_DSN && !bp->returned) {
			fields_read(P, &st, msgi, bp->off, bp->len, 0);
			any = 1;
		}
	}
	/* Some MTAs print the DSN fields inside the text part. */
	for (i = 0; !any && i < m->nparts; i++) {
		struct bpart *bp = &m->parts[i];

		if (bp->type == PT_TEXT && !bp->returned &&
		    has_dsn_fields(P->doc->text.data + bp->off, bp->len)) {
			fields_read(P, &st, msgi, bp->off, bp->len, 1);
			m->dsn_in_text = 1;
		}
	}
	/*
	 * A report that names nobody but returns another report: the
	 * returned one's fields (a gateway passing a bounce on).
	 */
	for (i = 0; P->doc->nrcpts == m->first_rcpt && i < m->nparts; i++) {
		struct bpart *bp = &m->parts[i];

		if (bp->type == PT_DSN && bp->returned) {
			memset(&st, 0, sizeof st);
			fields_read(P, &st, msgi, bp->off, bp->len, 0);
		}
	}
	for (i = 0; i < m->nparts; i++) {
		struct bpart *bp = &m->parts[i];

		if (bp->type != PT_FEEDBACK)
			continue;
		memset(&st, 0, sizeof st);
		fields_read(P, &st, msgi, bp->off, bp->len, 0);
		for (j = 0; j < st.nrcpt_to || j == 0; j++) {
			a = NULL;
			if (j < st.nrcpt_to)
				a = addr_find(st.rcpt_to[j],
				    strlen(st.rcpt_to[j]), &n);
			/*
			 * Outlook.com's reports in this format may omit
			 * Original-Rcpt-To; the copy's X-HmXmrOriginalRecipient
			 * names whom it was delivered to (jmrp.c).
			 */
			if (a == NULL && m->orig[H_X_HMXMR_RCPT] != NULL)
				a = addr_find(m->orig[H_X_HMXMR_RCPT],
				    strlen(m->orig[H_X_HMXMR_RCPT]), &n);
			if (a == NULL && m->orig[H_TO] != NULL)
				a = addr_find(m->orig[H_TO],
				    strlen(m->orig[H_TO]), &n);
			if (a == NULL) {
				a = "";
				n = 0;
			}
			if ((r = parser_add_rcpt(P, msgi, a, n)) == NULL)
				break;
			r->kind = MSG_FEEDBACK;
			r->feedback_type = st.feedback_type;
			r->agent = "arf";
		}
	}
}
