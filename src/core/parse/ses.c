/* Amazon SES notifications: the JSON that SNS mails for each event. */
#include "config.h"

#include <string.h>

#include "parse/bounce_int.h"

/*
 * The first key in [p, end), looked for a window at a time: the
 * sanitizers' memmem checks the whole range it is given, so a loop over
 * many hits that handed over the rest of the text each time would be
 * quadratic in the builds that CI and the fuzzers run.
 */
#define FIND_WINDOW	4096

static const char *
find(const char *p, const char *end, const char *key, size_t kl)
{
	const char	*hit;
	size_t		 w;

	while ((size_t)(end - p) >= kl) {
		w = (size_t)(end - p) < FIND_WINDOW ? (size_t)(end - p) :
		    FIND_WINDOW;
		if ((hit = memmem(p, w, key, kl)) != NULL)
			return (hit);
		if (w == (size_t)(end - p))
			break;
		p += w - (kl - 1);
	}
	return (NULL);
}

/* The string value of "key" at or after s, copied to out; or NULL. */
static const char *
json_value(const char *s, const char *end, const char *key, struct buf *out)
{
	size_t		 kl = strlen(key);
	const char	*p = s, *q;

	buf_reset(out);
	while ((p = find(p, end, key, kl)) != NULL) {
		q = p + kl;
		p++;
		if (p - 2 < s || p[-2] != '"' || q >= end || *q != '"')
			continue;
		for (q++; q < end && (*q == ' ' || *q == ':'); q++)
			;
		if (q >= end || *q != '"')
			continue;
		for (q++; q < end && *q != '"'; q++) {
			if (*q == '\\' && q + 1 < end)
				q++;
			buf_addc(out, *q);
		}
		if (out->data == NULL)
			buf_adds(out, "");
		return (q);
	}
	return (NULL);
}

/* The span of the array or object that follows "key". */
static int
json_block(const char *s, const char *end, const char *key, const char **b,
    const char **e)
{
	const char	*p = find(s, end, key, strlen(key));
	int		 depth = 0, instr = 0;

	if (p == NULL)
		return (0);
	for (p += strlen(key); p < end && *p != '[' && *p != '{'; p++)
		;
	*b = p;
	for (; p < end; p++) {
		if (instr) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				instr = 0;
		} else if (*p == '"')
			instr = 1;
		else if (*p == '[' || *p == '{')
			depth++;
		else if ((*p == ']' || *p == '}') && --depth == 0) {
			*e = p + 1;
			return (1);
		}
	}
	*e = end;
	return (1);
}

static void
add(struct parser *P, size_t msgi, enum msg_kind kind, const char *addr,
    const char *obj, const char *oend)
{
	struct bounce_rcpt	*r;
	struct buf		 v;
	size_t			 al;
	const char		*a = addr_find(addr, strlen(addr), &al);

	if (a == NULL || (r = parser_add_rcpt(P, msgi, a, al)) == NULL)
		return;
	r->kind = kind;
	r->agent = "amazonses";
	buf_init(&v);
	if (obj != NULL && json_value(obj, oend, "status", &v) != NULL)
		status_find(v.data, v.len, r->status, NULL);
	if (obj != NULL && json_value(obj, oend, "action", &v) != NULL)
		r->action = arena_strndup(&P->doc->arena, v.data, v.len);
	if (obj != NULL && (json_value(obj, oend, "diagnosticCode", &v) !=
	    NULL || json_value(obj, oend, "smtpResponse", &v) != NULL)) {
		const char *d = v.data, *semi = strchr(d, ';');
		if (semi != NULL && semi - d < 16)
			d = semi + 1;
		while (*d == ' ')
			d++;
		r->diagnostic = arena_strdup(&P->doc->arena, d);
	}
	buf_free(&v);
}

/*
 * An SES notification delivered through Amazon SNS (an email-json or
 * HTTP subscription) is the SES JSON as a string, the "Message" of an
 * SNS envelope ({"Type" : "Notification", ..., "Message" : "{\"noti..."}):
 * the SNS developer guide, "Amazon SNS message and JSON formats", and
 * the SES developer guide, "Amazon SNS notification contents for Amazon
 * SES".  The string, unescaped, replaces the envelope in flat.
 */
static void
sns_unwrap(struct buf *flat, struct buf *v)
{
	const char	*s = flat->data, *end = flat->data + flat->len, *p;
	struct buf	 msg;

	if (json_value(s, end, "Type", v) == NULL ||
	    strcmp(v->data, "Notification") != 0 ||
	    (p = find(s, end, "\"Message\"", 9)) == NULL)
		return;
	/* The string itself, its escapes undone: \" \\ \/ \n \t. */
	for (p += 9; p < end && (*p == ' ' || *p == ':'); p++)
		;
	if (p >= end || *p != '"')
		return;
	buf_init(&msg);
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			buf_addc(&msg, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
		} else
			buf_addc(&msg, *p);
	}
	if (msg.len != 0) {
		buf_free(flat);
		*flat = msg;
	} else
		buf_free(&msg);
}

void
ses_scan(struct parser *P, struct bmsg *m, size_t msgi)
{
	struct buf	 flat, v;
	const char	*s, *end, *b, *e, *p, *t;
	size_t		 i, j;
	enum msg_kind	 kind;

	for (i = 0; i < m->nparts; i++) {
		struct bpart *bp = &m->parts[i];

		if (bp->type != PT_TEXT || bp->returned ||
		    (memmem(P->doc->text.data + bp->off, bp->len,
		    "\"notificationType\"", 18) == NULL &&
		    memmem(P->doc->text.data + bp->off, bp->len,
		    "\\\"notificationType\\\"", 20) == NULL))
			continue;
		/* SNS folds the one-line JSON; unfold it first. */
		buf_init(&flat);
		buf_init(&v);
		s = P->doc->text.data + bp->off;
		for (j = 0; j < bp->len; j++) {
			if (s[j] == '\n' && j + 1 < bp->len && s[j + 1] == ' ')
				j++;
			else
				buf_addc(&flat, s[j]);
		}
		s = flat.data;
		end = s + flat.len;
		sns_unwrap(&flat, &v);
		s = flat.data;
		end = s + flat.len;
		json_value(s, end, "notificationType", &v);
		if (v.len == 0)
			kind = MSG_NOT_BOUNCE;
		else if (strcmp(v.data, "Bounce") == 0)
			kind = MSG_BOUNCE;
		else if (strcmp(v.data, "Complaint") == 0)
			kind = MSG_FEEDBACK;
		else if (strcmp(v.data, "Delivery") == 0)
			kind = MSG_DELIVERED;
		else
			kind = MSG_NOT_BOUNCE;
		if (kind == MSG_BOUNCE && json_block(s, end,
		    "\"bouncedRecipients\"", &b, &e)) {
			for (p = b; (t = json_value(p, e, "emailAddress", &v)) !=
			    NULL; p = t) {
				const char *ob = p, *oe = memchr(t, '}',
				    (size_t)(e - t));
				add(P, msgi, kind, v.data, ob, oe != NULL ? oe : e);
			}
		} else if (kind == MSG_FEEDBACK && json_block(s, end,
		    "\"complainedRecipients\"", &b, &e)) {
			for (p = b; (t = json_value(p, e, "emailAddress", &v)) !=
			    NULL; p = t)
				add(P, msgi, kind, v.data, NULL, NULL);
		} else if (kind == MSG_DELIVERED && json_block(s, end,
		    "\"delivery\"", &b, &e) && json_block(b, e,
		    "\"recipients\"", &p, &t)) {
			const char *q = p;
			while ((q = memchr(q, '"', (size_t)(t - q))) != NULL) {
				const char *qe = memchr(q + 1, '"',
				    (size_t)(t - q - 1));
				if (qe == NULL)
					break;
				buf_reset(&v);
				buf_add(&v, q + 1, (size_t)(qe - q - 1));
				add(P, msgi, kind, v.data, b, e);
				q = qe + 1;
			}
		}
		buf_free(&v);
		buf_free(&flat);
	}
}
