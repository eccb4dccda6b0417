/* MIME walking: a message's headers and parts into decoded text. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "base/bytes.h"
#include "parse/bounce_int.h"
#include "base/utf8.h"

#define MAX_HDR_VALUE	(16u * 1024)	/* a kept header value */
#define MAX_HDR_DIGEST	(8u * 1024)	/* the top-level header, for rules */
#define MAX_BOUNDARY	200
#define MAX_LEVELS	64		/* hard cap over limits.max_depth */

/* What the headers of one entity (message or part) say. */
struct ent {
	char	 type[64];	/* "text/plain", lower case */
	char	 boundary[MAX_BOUNDARY + 1];
	char	 charset[40];
	char	 cte[24];
	size_t	 blen;
};

struct level {
	const char	*b;
	size_t		 blen;
	int		 alt;		/* multipart/alternative */
	int		 plain;		/* its text/plain is out */
};

#define KEPT(name, id)	{ name, sizeof name - 1, id }
static const struct {
	const char	*name;
	size_t		 len;
	enum hdr_id	 id;
} kept[] = {
	KEPT("from", H_FROM), KEPT("to", H_TO), KEPT("subject", H_SUBJECT),
	KEPT("content-type", H_CONTENT_TYPE),
	KEPT("auto-submitted", H_AUTO_SUBMITTED),
	KEPT("x-failed-recipients", H_X_FAILED),
	KEPT("precedence", H_PRECEDENCE), KEPT("x-autoreply", H_X_AUTOREPLY),
	KEPT("x-autorespond", H_X_AUTORESPOND), KEPT("x-mailer", H_X_MAILER),
	KEPT("return-path", H_RETURN_PATH), KEPT("x-ses-outgoing", H_X_SES),
	KEPT("x-original-to", H_X_ORIGINAL_TO),
	KEPT("delivered-to", H_DELIVERED_TO),
	KEPT("x-mlserver", H_X_MLSERVER),
	KEPT("x-hmxmroriginalrecipient", H_X_HMXMR_RCPT),
};

/*
 * Decode s into the text, never past max_text.  Decoding may triple the
 * size (an invalid byte becomes U+FFFD), so the input is taken in runs
 * that fit even at worst, each cut on a character boundary: text.len
 * never passes max_text, and what is cut is said (truncated).
 */
void
parser_emit(struct parser *P, const char *s, size_t n)
{
	struct bounce_doc	*d = P->doc;
	size_t			 room, run, back;

	if (P->full || P->quiet)
		return;
	while (n > 0) {
		room = P->lim->max_text - d->text.len;
		if (n <= room / 3) {
			textdec_utf8(s, n, &d->text);
			return;
		}
		run = room / 3;
		for (back = 0; back < 3 && run > back &&
		    ((unsigned char)s[run - back] & 0xc0) == 0x80; back++)
			;
		run -= back;
		if (run == 0)
			break;
		textdec_utf8(s, run, &d->text);
		s += run;
		n -= run;
	}
	if (n > 0) {
		P->full = 1;
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_TEXT;
	}
}

/* Emit already-valid UTF-8 from a scratch buffer. */
void
parser_emit_raw(struct parser *P, const char *s, size_t n)
{
	struct bounce_doc	*d = P->doc;

	if (P->full || P->quiet)
		return;
	if (d->text.len + n > P->lim->max_text) {
		/* Cut on a character boundary. */
		n = P->lim->max_text - d->text.len;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		P->full = 1;
		d->truncated = 1;
		d->cut |= BOUNCE_CUT_TEXT;
	}
	buf_add(&d->text, s, n);
}

static const char *
eol(const char *p, const char *end)
{
	const char	*q = memchr(p, '\n', (size_t)(end - p));

	return (q != NULL ? q : end);
}

/* The value of parameter name in a Content-Type value, unquoted. */
static void
param_get(const char *v, size_t len, const char *name, char *out, size_t size)
{
	size_t		 nl = strlen(name), i = 0, j;
	const char	*end = v + len;

	out[0] = '\0';
	while (v < end) {
		const char *semi = memchr(v, ';', (size_t)(end - v));
		if (semi == NULL)
			return;
		v = semi + 1;
		while (v < end && (*v == ' ' || *v == '\t' || *v == '\n'))
			v++;
		if ((size_t)(end - v) > nl && strncasecmp(v, name, nl) == 0 &&
		    (v[nl] == '=' || v[nl] == '*')) {
			v += nl;
			while (v < end && *v != '=')
				v++;
			if (v < end)
				v++;
			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			if (v < end && *v == '"') {
				v++;
				for (j = 0; v + j < end && v[j] != '"'; j++)
					;
			} else {
				for (j = 0; v + j < end && v[j] != ';' &&
				    v[j] != ' ' && v[j] != '\t' &&
				    v[j] != '\n'; j++)
					;
			}
			for (i = 0; i < j && i + 1 < size; i++)
				out[i] = v[i];
			out[i] = '\0';
			return;
		}
	}
}

static void
lower_copy(char *out, size_t size, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	out[i] = '\0';
}

/* One complete field: name and unfolded value in P->tmp. */
static void
field_done(struct parser *P, const char *name, size_t nl, struct ent *e,
    const char **keep)
{
	const char	*v = P->tmp.data;
	size_t		 vl = P->tmp.len, i, n;

	while (vl > 0 && (v[vl - 1] == '\n' || v[vl - 1] == ' ' ||
	    v[vl - 1] == '\t'))
		vl--;

	if (nl == 12 && strncasecmp(name, "content-type", nl) == 0) {
		while (vl > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			vl--;
		}
		for (n = 0; n < vl && v[n] != ';' && v[n] != ' ' &&
		    v[n] != '\t' && v[n] != '\n'; n++)
			;
		lower_copy(e->type, sizeof e->type, v, n);
		param_get(v, vl, "boundary", e->boundary, sizeof e->boundary);
		e->blen = strlen(e->boundary);
		param_get(v, vl, "charset", e->charset, sizeof e->charset);
	} else if (nl == 25 &&
	    strncasecmp(name, "content-transfer-encoding", nl) == 0) {
		while (vl > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			vl--;
		}
		lower_copy(e->cte, sizeof e->cte, v, vl);
	}
	if (keep == NULL)
		return;
	/* Every header of every message comes here: length first. */
	for (i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		if (kept[i].len == nl && (name[0] | 0x20) == kept[i].name[0] &&
		    strncasecmp(kept[i].name, name, nl) == 0)
			break;
	}
	if (i == sizeof kept / sizeof kept[0] || keep[kept[i].id] != NULL)
		return;
	buf_reset(&P->tmp2);
	textdec_header(P->td, v, vl, &P->tmp2);
	/* Trim and turn folding into single spaces. */
	for (n = 0; n < P->tmp2.len; n++)
		if (P->tmp2.data[n] == '\n' || P->tmp2.data[n] == '\t')
			P->tmp2.data[n] = ' ';
	v = P->tmp2.data;
	vl = P->tmp2.len;
	while (vl > 0 && *v == ' ') {
		v++;
		vl--;
	}
	while (vl > 0 && v[vl - 1] == ' ')
		vl--;
	keep[kept[i].id] = arena_strndup(&P->doc->arena, v, vl);
}

/*
 * A Content-Type whose value ends with ';' and a next line that opens
 * with "name=" unindented: its parameter, folded without the leading
 * blank RFC 5322 asks for (Java mailers write "boundary=" so).
 */
static int
param_unfolded(struct parser *P, const char *name, size_t nl, const char *p,
    const char *q)
{
	const char	*v = P->tmp.data;
	size_t		 n = P->tmp.len;
	const char	*c;

	if (name == NULL || nl != 12 || strncasecmp(name, "content-type",
	    12) != 0)
		return (0);
	while (n > 0 && (v[n - 1] == '\n' || v[n - 1] == ' ' ||
	    v[n - 1] == '\t'))
		n--;
	if (n == 0 || v[n - 1] != ';')
		return (0);
	for (c = p; c < q && ((*c >= 'a' && *c <= 'z') || (*c >= 'A' &&
	    *c <= 'Z') || *c == '-' || *c == '*'); c++)
		;
	return (c > p && c < q && *c == '=');
}

/*
 * Parse a header block at p, emitting its lines decoded.  Returns where
 * the body starts, and sets *lines_end to the end of its lines in text
 * (before the blank line).  quoted marks the lines as the returned
 * message's.
 */
static const char *
headers_parse(struct parser *P, const char *p, const char *end,
    struct ent *e, const char **keep, int quoted, size_t *lines_end)
{
	const char	*name = NULL, *q, *colon;
	size_t		 nl = 0, at;
	int		 first = 1, brief;

	memset(e, 0, sizeof *e);
	buf_reset(&P->tmp);
	brief = (P->flags & BOUNCE_BRIEF) != 0;
	P->quiet = brief;
	*lines_end = P->doc->text.len;
	while (p < end) {
		q = eol(p, end);
		if (q == p) {		/* the blank line */
			if (name != NULL)
				field_done(P, name, nl, e, keep);
			parser_emit(P, "\n", 1);
			P->quiet = 0;
			return (q + 1 <= end ? q + 1 : end);
		}
		if ((*p == ' ' || *p == '\t' || param_unfolded(P, name, nl, p,
		    q)) && !first) {
			if (name != NULL && P->tmp.len < MAX_HDR_VALUE)
				buf_add(&P->tmp, p, (size_t)(q - p) <
				    MAX_HDR_VALUE ? (size_t)(q - p) :
				    MAX_HDR_VALUE);
			if (name != NULL)
				buf_addc(&P->tmp, '\n');
			at = P->doc->text.len;
			if (!brief) {
				buf_reset(&P->tmp2);
				textdec_header(P->td, p, (size_t)(q - p),
				    &P->tmp2);
				parser_emit_raw(P, P->tmp2.data, P->tmp2.len);
			}
		} else if (parser_field_line(p, q)) {
			if (name != NULL)
				field_done(P, name, nl, e, keep);
			colon = memchr(p, ':', (size_t)(q - p));
			name = p;
			nl = (size_t)(colon - p);
			buf_reset(&P->tmp);
			buf_add(&P->tmp, colon + 1, (size_t)(q - colon - 1) <
			    MAX_HDR_VALUE ? (size_t)(q - colon - 1) :
			    MAX_HDR_VALUE);
			buf_addc(&P->tmp, '\n');
			at = P->doc->text.len;
			if (!brief) {
				parser_emit(P, p, (size_t)(colon + 1 - p));
				buf_reset(&P->tmp2);
				textdec_header(P->td, colon + 1,
				    (size_t)(q - colon - 1), &P->tmp2);
				parser_emit_raw(P, P->tmp2.data, P->tmp2.len);
			}
		} else
			break;		/* no blank line: the body starts */
		if (quoted && (P->flags & BOUNCE_SPANS) && !P->full)
			parser_add_span(P, SPAN_QUOTED, at,
			    P->doc->text.len - at);
		parser_emit(P, "\n", 1);
		*lines_end = P->doc->text.len;
		first = 0;
		p = q < end ? q + 1 : end;
	}
	if (name != NULL)
		field_done(P, name, nl, e, keep);
	P->quiet = 0;
	return (p);
}

/*
 * The next "\n--" at or after p, or NULL.  glibc's memmem is generic
 * for a needle this short; a memchr for each '-' is vector code, and
 * bodies hold far fewer dashes than newlines.
 */
static const char *
dashes_at_line_start(const char *p, const char *end)
{
	const char	*d;

	for (; p < end; p = d + 1) {
		if ((d = memchr(p, '-', (size_t)(end - p))) == NULL)
			return (NULL);
		if (d > p && d[-1] == '\n' && d + 1 < end && d[1] == '-')
			return (d - 1);
		/* Skip a run of dashes: "-----" lines are common. */
		while (d + 1 < end && d[1] == '-')
			d++;
	}
	return (NULL);
}

/*
 * The next delimiter line of any open level at or after p: its start,
 * level and whether it closes.  Returns end when there is none.
 */
static const char *
delim_find(const char *p, const char *end, const struct level *lv,
    size_t nlev, size_t *which, int *close)
{
	const char	*q, *s;
	size_t		 k;

	if (nlev == 0)
		return (end);
	/* Jump from one "--" at a line start to the next. */
	if (!(end - p >= 2 && p[0] == '-' && p[1] == '-')) {
		if ((p = dashes_at_line_start(p, end)) == NULL)
			return (end);
		p++;
	}
	while (p < end) {
		q = eol(p, end);
		for (k = nlev; k-- > 0;) {
			if ((size_t)(q - p) < lv[k].blen + 2 ||
			    memcmp(p + 2, lv[k].b, lv[k].blen) != 0)
				continue;
			s = p + 2 + lv[k].blen;
			*close = (q - s >= 2 && s[0] == '-' && s[1] == '-');
			if (*close)
				s += 2;
			while (s < q && (*s == ' ' || *s == '\t'))
				s++;
			if (s != q)
				continue;
			*which = k;
			return (p);
		}
		if (q >= end || (p = dashes_at_line_start(q, end)) == NULL)
			return (end);
		p++;
	}
	return (end);
}

static void
part_add(struct parser *P, struct bmsg *m, enum part_type t, size_t off,
    int returned)
{
	struct bpart	*bp;

	m->parts = xgrow(m->parts, &m->cap, m->nparts + 1, sizeof *m->parts);
	bp = &m->parts[m->nparts++];
	bp->type = t;
	bp->off = off;
	bp->len = P->doc->text.len - off;
	bp->returned = returned;
}

/* A crude HTML to text pass: tags dropped, block tags become newlines. */
static void
html_strip(const char *s, size_t n, struct buf *out)
{
	const char	*gt, *close;
	char		 tag[8];
	size_t		 i = 0, j, k;

	/*
	 * The text is never longer than the markup.  Reserving it also
	 * gives a part with no text an empty string rather than the NULL
	 * of an untouched buffer, which the charset decoders would get.
	 */
	buf_reserve(out, n);
	while (i < n) {
		/* Plain text goes over a run at a time. */
		for (j = i; j < n && s[j] != '<' && s[j] != '&' &&
		    s[j] != '\n'; j++)
			;
		if (j > i) {
			buf_add(out, s + i, j - i);
			i = j;
			continue;
		}
		if (s[i] == '<') {
			gt = memchr(s + i + 1, '>', n - i - 1);
			j = gt != NULL ? (size_t)(gt - s) : n;
			/* A block tag ends a line: <br>, <p>, </div>... */
			for (k = 0; k + 1 < sizeof tag && i + 1 + k < j; k++)
				tag[k] = (char)(s[i + 1 + k] | 0x20);
			tag[k] = '\0';
			if (k >= 1 && (tag[0] == 'p' ||
			    strncmp(tag, "br", 2) == 0 ||
			    strncmp(tag, "/p", 2) == 0 ||
			    strncmp(tag, "div", 3) == 0 ||
			    strncmp(tag, "/div", 4) == 0 ||
			    strncmp(tag, "tr", 2) == 0 ||
			    strncmp(tag, "li", 2) == 0))
				buf_addc(out, '\n');
			i = j + 1;
			/* A style sheet or a script is no text to read. */
			close = NULL;
			if (strncmp(tag, "style", 5) == 0 && i < n)
				close = memcasemem(s + i, n - i, "</style", 7);
			else if (strncmp(tag, "script", 6) == 0 && i < n)
				close = memcasemem(s + i, n - i, "</script", 8);
			if (close != NULL)
				i = (size_t)(close - s);
		} else if (s[i] == '&') {
			if (n - i >= 6 && strncmp(s + i, "&nbsp;", 6) == 0) {
				buf_addc(out, ' ');
				i += 6;
			} else if (n - i >= 4 && strncmp(s + i, "&lt;", 4) == 0) {
				buf_addc(out, '<');
				i += 4;
			} else if (n - i >= 4 && strncmp(s + i, "&gt;", 4) == 0) {
				buf_addc(out, '>');
				i += 4;
			} else if (n - i >= 5 && strncmp(s + i, "&amp;", 5) == 0) {
				buf_addc(out, '&');
				i += 5;
			} else
				buf_addc(out, s[i++]);
		} else if (i + 1 < n && s[i + 1] == '\n') {
			i++;		/* a blank line of markup, folded */
		} else
			buf_addc(out, s[i++]);
	}
}

/* A part not shown: one line saying what and how big, in its place. */
static void
part_skipped(struct parser *P, struct bmsg *m, const char *type, size_t n)
{
	size_t	 off = P->doc->text.len;

	buf_reset(&P->tmp2);
	buf_printf(&P->tmp2, "[%s part of %zu bytes, not shown]\n", type, n);
	parser_emit(P, P->tmp2.data, P->tmp2.len);
	part_add(P, m, PT_OTHER, off, 0);
}

static int
is_dsn_type(const char *t)
{
	return (strcmp(t, "message/delivery-status") == 0 ||
	    strcmp(t, "message/global-delivery-status") == 0);
}

/* The bytes of the returned message left within max_quoted, counted. */
static size_t
quoted_room(struct parser *P, struct bmsg *m, size_t n)
{
	if (m->quoted + n > P->lim->max_quoted)
		n = m->quoted < P->lim->max_quoted ?
		    P->lim->max_quoted - m->quoted : 0;
	m->quoted += n;
	return (n);
}

/* How a leaf of type t is read; 0 if it is not read at all. */
static int
leaf_type(const char *t, int dsn, enum part_type *pt)
{
	if (t[0] == '\0' || strncmp(t, "text/", 5) == 0)
		*pt = PT_TEXT;
	else if (dsn)
		*pt = PT_DSN;
	else if (strcmp(t, "message/feedback-report") == 0)
		*pt = PT_FEEDBACK;
	else if (strncmp(t, "message/", 8) == 0 ||
	    strncmp(t, "multipart/", 10) == 0)
		*pt = PT_TEXT;	/* a multipart without a boundary: its text */
	else
		return (0);
	return (1);
}

/* The body's transfer encoding undone, into P->tmp if it had one. */
static void
transfer_decode(struct parser *P, const struct ent *e, const char **p,
    size_t *n)
{
	buf_reset(&P->tmp);
	if (strcmp(e->cte, "base64") == 0)
		textdec_base64(*p, *n, &P->tmp);
	else if (strcmp(e->cte, "quoted-printable") == 0)
		textdec_qp(*p, *n, &P->tmp, 0);
	else
		return;
	*p = P->tmp.data;
	*n = P->tmp.len;
}

/* Decoded bytes may carry their own CRLF: LF, as the rest of the text. */
static void
tmp_crlf_to_lf(struct parser *P)
{
	char	*s = P->tmp.data;
	size_t	 i, j, n = P->tmp.len;

	if (memchr(s, '\r', n) == NULL)
		return;
	for (i = j = 0; i < n; i++) {
		if (s[i] == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			s[j++] = '\n';
		} else
			s[j++] = s[i];
	}
	P->tmp.len = j;
}

/*
 * Decoded text is seldom shorter than its bytes (UTF-16 is), so input
 * past the room left in the text would be cut later anyway: cut it now,
 * and the scratch buffers stay within max_text.  Returns the room.
 */
static size_t
text_room(struct parser *P, size_t *n)
{
	size_t	room = P->full ? 0 : P->lim->max_text - P->doc->text.len;

	if (*n > room) {
		*n = room;
		P->doc->truncated = 1;
		P->doc->cut |= BOUNCE_CUT_TEXT;
	}
	return (room);
}

/* The text in its charset decoded into P->tmp2, HTML as plain text. */
static void
charset_decode(struct parser *P, const struct ent *e, const char *p,
    size_t n, size_t room)
{
	struct buf	 h;

	buf_reset(&P->tmp2);
	/* Past the room is cut anyway; a few bytes more say so. */
	P->td->max_out = room + 4;
	if (strcmp(e->type, "text/html") == 0) {
		buf_init(&h);
		html_strip(p, n, &h);
		textdec_charset(P->td, e->charset, h.data, h.len, &P->tmp2);
		buf_free(&h);
	} else
		textdec_charset(P->td, e->charset, p, n, &P->tmp2);
	P->td->max_out = 0;
}

/* Decode and emit a leaf body. */
static void
leaf_emit(struct parser *P, struct bmsg *m, const struct ent *e,
    const char *p, const char *q, int returned)
{
	size_t		 off = P->doc->text.len, n = (size_t)(q - p), room;
	enum part_type	 pt;
	int		 dsn = is_dsn_type(e->type);

	/*
	 * The returned message is quoted, except its own DSN part: a report
	 * that forwards another report (and names nobody itself) is read
	 * from that one.  Both count against max_quoted.
	 */
	if (returned && !dsn && (P->flags & BOUNCE_BRIEF))
		return;
	if (returned) {
		n = quoted_room(P, m, n);
		if (!dsn) {
			parser_emit(P, p, n);
			part_add(P, m, PT_QUOTED, off, 1);
			return;
		}
	}
	if (!leaf_type(e->type, dsn, &pt)) {
		part_skipped(P, m, e->type, n);
		return;
	}
	transfer_decode(P, e, &p, &n);
	if (p == P->tmp.data) {
		tmp_crlf_to_lf(P);
		n = P->tmp.len;
	}
	room = text_room(P, &n);
	charset_decode(P, e, p, n, room);
	parser_emit_raw(P, P->tmp2.data, P->tmp2.len);
	if (P->tmp2.len != 0 && P->tmp2.data[P->tmp2.len - 1] != '\n')
		parser_emit(P, "\n", 1);
	part_add(P, m, pt, off, returned);
}

/* Where the walk over a message's parts stands. */
struct walk {
	struct level	 lv[MAX_LEVELS];	/* the multiparts open */
	size_t		 nlev;
	size_t		 maxd;		/* how many may be open */
	size_t		 k;		/* the level of the last delimiter */
	int		 close;		/* it was a close delimiter */
	int		 returned;	/* in the returned message */
	size_t		 ret_level;	/* levels open when it began */
	int		 embedded;	/* next headers: a message/rfc822's */
	const char	**keep;		/* where those headers go, or NULL */
};

/* A multipart/report's report-type, from the message's own headers. */
static void
report_mark(struct parser *P, struct bmsg *m)
{
	const char	*ct = m->h[H_CONTENT_TYPE];

	m->report = 1;
	buf_reset(&P->tmp);
	if (ct != NULL)
		param_get(ct, strlen(ct), "report-type", m->report_type,
		    sizeof m->report_type);
}

/*
 * The headers of the message, of a part, or of a returned mail, read
 * into *e; returns where the body starts.
 */
static const char *
walk_headers(struct parser *P, struct bmsg *m, struct walk *w, const char *p,
    const char *end, struct ent *e)
{
	size_t		 off = P->doc->text.len, n, hend;
	const char	*q;

	q = headers_parse(P, p, end, e, w->keep, w->returned, &hend);
	n = (size_t)(q - p);
	/* The message's header and a returned one's fold; a part's not. */
	if (w->keep == m->h || w->embedded)
		parser_add_hblock(P, off, hend, w->embedded);
	/* As received: the rules read it with caseless ^...$. */
	if (w->keep == m->h)
		m->headers = arena_strndup(&P->doc->arena, p,
		    n < MAX_HDR_DIGEST ? n : MAX_HDR_DIGEST);
	if (w->embedded)
		part_add(P, m, PT_HEADERS, off, 1);
	if (w->keep == m->h && e->type[0] != '\0' &&
	    strcmp(e->type, "multipart/report") == 0)
		report_mark(P, m);
	w->keep = NULL;
	return (q);
}

/* One part more, unless the limit of parts or of text is reached. */
static int
part_count(struct parser *P)
{
	if (P->nparts++ >= P->lim->max_parts || P->full) {
		P->doc->truncated = 1;
		if (!P->full)
			P->doc->cut |= BOUNCE_CUT_PARTS;
		return (0);
	}
	return (1);
}

/* A preamble that says nothing of a failure: no address, no code. */
static int
preamble_only(const char *p, size_t n)
{
	char	code[STATUS_MAX];

	return (memchr(p, '@', n) == NULL && reply_find(p, n, NULL) == 0 &&
	    !status_find(p, n, code, NULL));
}

/* A multipart opens a level; returns the end of its preamble. */
static const char *
multipart_open(struct parser *P, struct bmsg *m, struct walk *w,
    const struct ent *e, const char *p, const char *end)
{
	struct level	*l = &w->lv[w->nlev++];
	const char	*d;
	size_t		 off;

	l->b = arena_strndup(&P->doc->arena, e->boundary, e->blen);
	l->blen = e->blen;
	l->alt = strcmp(e->type, "multipart/alternative") == 0;
	l->plain = 0;
	/*
	 * The preamble: "This is a MIME-encapsulated message", which RFC
	 * 2046 (5.1.1) has readers ignore, so shown but not read for a
	 * diagnosis; but a report cut short before its first delimiter, or
	 * a broken one that writes its words there, holds an address or a
	 * code, and is read.
	 */
	d = delim_find(p, end, w->lv, w->nlev, &w->k, &w->close);
	if (!w->returned) {
		off = P->doc->text.len;
		parser_emit(P, p, (size_t)(d - p));
		if (d == end || !preamble_only(p, (size_t)(d - p)))
			part_add(P, m, PT_TEXT, off, 0);
	} else if (!(P->flags & BOUNCE_BRIEF))
		parser_emit(P, p, (size_t)(d - p));
	return (d);
}

/* A message in a part, read part by part (not a base64 blob). */
static int
is_embedded_message(const struct ent *e)
{
	return ((strcmp(e->type, "message/rfc822") == 0 ||
	    strcmp(e->type, "message/global") == 0 ||
	    strcmp(e->type, "message/partial") == 0) &&
	    strcmp(e->cte, "base64") != 0);
}

/* Its headers come next, at p; the first such message is the returned one. */
static void
message_enter(struct bmsg *m, struct walk *w, const char *p)
{
	if (!w->returned) {
		w->returned = 1;
		w->ret_level = w->nlev;
		w->keep = m->orig;
		m->embedded = p;
	}
	w->embedded = 1;
}

static int
is_headers_part(const struct ent *e)
{
	return (strcmp(e->type, "text/rfc822-headers") == 0 ||
	    strcmp(e->type, "text/rfc822-header") == 0);
}

/*
 * The returned message's headers alone: kept as its headers unless a
 * part before gave them.  Returns the next delimiter.
 */
static const char *
headers_part(struct parser *P, struct bmsg *m, struct walk *w, const char *p,
    const char *end)
{
	struct ent	 he;
	const char	*q, *d;
	size_t		 off = P->doc->text.len, hend;

	q = headers_parse(P, p, end, &he,
	    m->orig[H_FROM] == NULL && m->orig[H_TO] == NULL ? m->orig : NULL,
	    1, &hend);
	parser_add_hblock(P, off, hend, 1);
	part_add(P, m, PT_HEADERS, off, 1);
	d = delim_find(q, end, w->lv, w->nlev, &w->k, &w->close);
	if (!(P->flags & BOUNCE_BRIEF))
		parser_emit(P, q, (size_t)(d - q));
	return (d);
}

/* A leaf part, shown or skipped; returns the next delimiter. */
static const char *
leaf_part(struct parser *P, struct bmsg *m, struct walk *w,
    const struct ent *e, const char *p, const char *end)
{
	struct level	*in = w->nlev > 0 ? &w->lv[w->nlev - 1] : NULL;
	const char	*d;

	d = delim_find(p, end, w->lv, w->nlev, &w->k, &w->close);
	/*
	 * Alternatives say one thing several ways: once the plain text is
	 * out, an HTML copy would say it twice (and its markup feeds the
	 * rules words like "Denied" from its links).
	 */
	if (in != NULL && in->alt && in->plain) {
		part_skipped(P, m, e->type[0] != '\0' ? e->type :
		    "text/plain", (size_t)(d - p));
		return (d);
	}
	leaf_emit(P, m, e, p, d, w->returned);
	if (in != NULL && in->alt && (e->type[0] == '\0' ||
	    strcmp(e->type, "text/plain") == 0))
		in->plain = 1;
	return (d);
}

/*
 * From a delimiter: shown, and the levels it closes closed, up to the
 * start of the next part.  Returns NULL at the end of the input.
 */
static const char *
walk_delimiters(struct parser *P, struct walk *w, const char *d,
    const char *end)
{
	const char	*p, *q;

	for (;;) {
		if (d >= end)
			return (NULL);
		q = eol(d, end);
		if (!(P->flags & BOUNCE_BRIEF)) {
			parser_emit(P, d, (size_t)(q - d));
			parser_emit(P, "\n", 1);
		}
		p = q < end ? q + 1 : end;
		if (w->returned && w->k < w->ret_level)
			w->returned = 0;
		if (!w->close) {
			w->nlev = w->k + 1;
			return (p);
		}
		w->nlev = w->k;
		d = delim_find(p, end, w->lv, w->nlev, &w->k, &w->close);
		if (!(P->flags & BOUNCE_BRIEF))
			parser_emit(P, p, (size_t)(d - p)); /* epilogue */
	}
}

void
mime_message(struct parser *P, struct bmsg *m, const char *p, const char *end)
{
	struct walk	 w;
	struct ent	 e;
	const char	*d;
	int		 multipart;

	memset(&w, 0, sizeof w);
	w.maxd = P->lim->max_depth < MAX_LEVELS ? P->lim->max_depth :
	    MAX_LEVELS;
	w.keep = m->h;
	/*
	 * The part limit is per message: an mbox of 10,000 bounces has
	 * 40,000 parts, and each message's parts are freed before the next.
	 */
	P->nparts = 0;
	m->has_headers = 1;
	for (;;) {
		p = walk_headers(P, m, &w, p, end, &e);
		if (!part_count(P))
			return;
		multipart = strncmp(e.type, "multipart/", 10) == 0 &&
		    e.blen != 0;
		if (multipart && w.nlev >= w.maxd) {
			/* Nested too deep: read as text. */
			P->doc->truncated = 1;
			P->doc->cut |= BOUNCE_CUT_DEPTH;
		}
		if (multipart && w.nlev < w.maxd)
			d = multipart_open(P, m, &w, &e, p, end);
		else if (is_embedded_message(&e) && w.nlev < w.maxd) {
			message_enter(m, &w, p);
			continue;
		} else if (is_headers_part(&e))
			d = headers_part(P, m, &w, p, end);
		else
			d = leaf_part(P, m, &w, &e, p, end);
		w.embedded = 0;
		if ((p = walk_delimiters(P, &w, d, end)) == NULL)
			return;
	}
}
