/* The checks a verdict's reason calls for, and their findings' output. */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "catalogue/render.h"
#include "check/dnscheck.h"
#include "base/i18n.h"
#include "base/json.h"
#include "check/spf.h"
#include "base/utf8.h"

/* A quoted record in a detail line is cut here. */
#define QUOTE_MAX	160
/* The header of a DKIM-Signature read for its tags, at most. */
#define DKIM_HEADER_MAX	4096

static const char *const result_names[] = { "ok", "fail", "unknown" };

const char *
dnscheck_result_name(enum dnscheck_result r)
{
	return (result_names[r]);
}

void
dnscheck_list_init(struct dnscheck_list *l)
{
	memset(l, 0, sizeof *l);
	arena_init(&l->arena);
}

void
dnscheck_list_free(struct dnscheck_list *l)
{
	arena_free(&l->arena);
	dnscheck_list_init(l);
}

/* --- the plan -------------------------------------------------------- */

static int
domain_char(int c)
{
	return (isalnum(c) || c == '.' || c == '-' || c == '_');
}

/* The domain after the last '@' of s, up to the first other byte. */
static const char *
domain_of(const char *s, struct arena *arena)
{
	const char	*at, *e;

	if (s == NULL || (at = strrchr(s, '@')) == NULL)
		return (NULL);
	for (e = ++at; domain_char((unsigned char)*e); e++)
		;
	while (e > at && e[-1] == '.')
		e--;
	if (e == at || e - at > 253)
		return (NULL);
	return (arena_strndup(arena, at, (size_t)(e - at)));
}

/* The value of header name in a header block, or NULL. */
static const char *
header_line(const char *h, const char *name, size_t *len)
{
	size_t		 n = strlen(name);
	const char	*p = h, *e;

	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			e = strchr(p, '\n');
			*len = e != NULL ? (size_t)(e - p) : strlen(p);
			return (p);
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return (NULL);
}

/* A bracketed IPv6 literal of s ("[IPv6:2001:db8::1]", "[2001:db8::1]"). */
static const char *
ip6_of(const char *s, const char *not, struct arena *arena)
{
	unsigned char	 a[16];
	char		 tmp[INET6_ADDRSTRLEN];
	const char	*p, *q;
	size_t		 n;

	for (p = s; p != NULL && (p = strchr(p, '[')) != NULL; p = q) {
		p++;
		if (strncasecmp(p, "IPv6:", 5) == 0)
			p += 5;
		for (q = p; isxdigit((unsigned char)*q) || *q == ':' ||
		    *q == '.'; q++)
			;
		n = (size_t)(q - p);
		if (*q != ']' || n == 0 || n >= sizeof tmp)
			continue;
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		if (inet_pton(AF_INET6, tmp, a) != 1 ||
		    (not != NULL && strstr(not, tmp) != NULL))
			continue;
		return (arena_strdup(arena, tmp));
	}
	return (NULL);
}

/*
 * The first IPv4 literal of s that is not in not (the remote MTA), else
 * the first bracketed IPv6 one.
 */
static const char *
ip_of(const char *s, const char *not, struct arena *arena)
{
	unsigned char	 a[4];
	char		 tmp[16];
	const char	*p, *q;
	size_t		 n;

	for (p = s; p != NULL && *p != '\0'; p = q) {
		for (q = p; isdigit((unsigned char)*q) || *q == '.'; q++)
			;
		if (q == p) {
			q++;
			continue;
		}
		n = (size_t)(q - p);
		if (n >= sizeof tmp || (p > s && isalnum((unsigned char)p[-1])))
			continue;
		memcpy(tmp, p, n);
		tmp[n] = '\0';
		if (inet_pton(AF_INET, tmp, a) != 1)
			continue;
		if (not != NULL && strstr(not, tmp) != NULL)
			continue;
		return (arena_strdup(arena, tmp));
	}
	return (ip6_of(s, not, arena));
}

/* The value of tag in a tag=value; list (DKIM, DMARC), or NULL. */
static const char *
tag_value(const char *s, size_t len, const char *tag, size_t *vlen,
    const char **next)
{
	const char	*e = s + len, *p = s, *n, *v, *ve;
	size_t		 tl = strlen(tag);

	while (p < e) {
		if ((n = memchr(p, ';', (size_t)(e - p))) == NULL)
			n = e;
		while (p < n && isspace((unsigned char)*p))
			p++;
		if ((size_t)(n - p) > tl && strncasecmp(p, tag, tl) == 0) {
			for (v = p + tl; v < n && isspace((unsigned char)*v);
			    v++)
				;
			if (v < n && *v == '=') {
				for (v++; v < n && isspace((unsigned char)*v);
				    v++)
					;
				for (ve = n; ve > v &&
				    isspace((unsigned char)ve[-1]); ve--)
					;
				*vlen = (size_t)(ve - v);
				if (next != NULL)
					*next = n;
				return (v);
			}
		}
		p = n + 1;
	}
	return (NULL);
}

/* s= and d= of the first DKIM-Signature in the record's message. */
static void
dkim_of(struct dnscheck_plan *p, const struct bounce_doc *d, size_t msg,
    struct arena *arena)
{
	const char	*t, *end, *h, *e, *v;
	size_t		 vlen, hl;

	if (msg >= d->nmsgs || d->text.data == NULL)
		return;
	t = d->text.data + d->msgs[msg].off;
	end = t + d->msgs[msg].len;
	for (h = t; h < end; h++) {
		if ((*h == 'D' || *h == 'd') && (size_t)(end - h) > 15 &&
		    strncasecmp(h, "DKIM-Signature:", 15) == 0 &&
		    (h == t || h[-1] == '\n' || h[-1] == ' '))
			break;
	}
	if (h >= end)
		return;
	/* The header with its folded lines, bounded. */
	h += 15;
	for (e = h; e < end && (size_t)(e - h) < DKIM_HEADER_MAX; e++)
		if (*e == '\n' && (e + 1 >= end || (e[1] != ' ' &&
		    e[1] != '\t')))
			break;
	hl = (size_t)(e - h);
	if ((v = tag_value(h, hl, "s", &vlen, NULL)) != NULL && vlen != 0 &&
	    vlen < 64)
		p->dkim_selector = arena_strndup(arena, v, vlen);
	if ((v = tag_value(h, hl, "d", &vlen, NULL)) != NULL && vlen != 0 &&
	    vlen < 254)
		p->dkim_domain = arena_strndup(arena, v, vlen);
}

void
dnscheck_plan_make(struct dnscheck_plan *p, const struct verdict *v,
    const struct bounce_doc *d, const char *ip, struct arena *arena)
{
	const struct bounce_rcpt	*r = v->rcpt;
	const struct bounce_msg		*m = NULL;
	const char			*to;
	size_t				 len;

	memset(p, 0, sizeof *p);
	p->reason = v->reason;
	p->rcpt_domain = domain_of(r->recipient, arena);
	if (r->msg < d->nmsgs)
		m = &d->msgs[r->msg];
	if (m != NULL)
		p->sender_domain = domain_of(m->orig_from, arena);
	if (p->sender_domain == NULL)
		p->sender_domain = domain_of(r->log_sender, arena);
	if (p->sender_domain == NULL && m != NULL && m->headers != NULL &&
	    (to = header_line(m->headers, "To", &len)) != NULL)
		p->sender_domain = domain_of(arena_strndup(arena, to, len),
		    arena);
	p->ip = ip != NULL ? arena_strdup(arena, ip) :
	    ip_of(r->diagnostic, r->remote_mta, arena);
	dkim_of(p, d, r->msg, arena);
	if (p->dkim_selector != NULL && p->dkim_domain == NULL)
		p->dkim_domain = p->sender_domain;
}

/* --- findings -------------------------------------------------------- */

static struct dnscheck_finding *
add(struct dnscheck_list *l, const char *name, const char *target,
    enum dnscheck_result res, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static struct dnscheck_finding *
add(struct dnscheck_list *l, const char *name, const char *target,
    enum dnscheck_result res, const char *fmt, ...)
{
	static struct dnscheck_finding	 spare;
	struct dnscheck_finding		*f;
	struct buf			 b;
	va_list				 ap;

	if (l->n == CHECK_MAX_FINDINGS) {
		l->cut = 1;
		memset(&spare, 0, sizeof spare);
		return (&spare);
	}
	f = &l->f[l->n++];
	memset(f, 0, sizeof *f);
	f->name = name;
	f->target = target != NULL ? arena_strdup(&l->arena, target) : "";
	f->result = res;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	f->detail = arena_strndup(&l->arena, b.data != NULL ? b.data : "",
	    b.len);
	buf_free(&b);
	return (f);
}

static void
add_raw(struct dnscheck_finding *f, const struct dns_answer *a)
{
	size_t	 i;

	f->cut |= a->cut;
	for (i = 0; i < a->n && f->nraw < CHECK_MAX_RAW; i++)
		f->raw[f->nraw++] = a->rr[i];
}

/*
 * The finding for a lookup that got no usable answer: unknown, and why.
 * 1 if it was so, 0 when the answer can be read.
 */
static int
no_answer(struct dnscheck_list *l, const struct dns_source *src,
    const char *name, const char *target, const struct dns_answer *a)
{
	if (a->rc == DNS_TIMEOUT) {
		add(l, name, target, CHECK_UNKNOWN,
		    _("no answer from the resolver in %d s"),
		    (src->timeout_ms + 999) / 1000);
		return (1);
	}
	if (a->rc == DNS_FAILED) {
		add(l, name, target, CHECK_UNKNOWN,
		    _("the resolver answered with an error"));
		return (1);
	}
	return (0);
}

static const char *
join(struct arena *arena, const char *a, const char *b)
{
	struct buf	 n;
	const char	*s;

	buf_init(&n);
	buf_printf(&n, "%s%s", a, b);
	s = arena_strndup(arena, n.data, n.len);
	buf_free(&n);
	return (s);
}

static void
check_spf(const struct dnscheck_plan *p, const struct dns_source *src,
    struct dnscheck_list *l)
{
	struct dns_answer	 a;
	struct dnscheck_finding	*f;
	struct spf_eval		 e;
	struct buf		 why;
	const char		*rec, *dom = p->sender_domain;
	size_t			 n;

	if (dom == NULL) {
		add(l, "spf", NULL, CHECK_UNKNOWN,
		    _("the bounce names no sender domain"));
		return;
	}
	dns_query(src, dom, DNS_TXT, &a, &l->arena);
	if (no_answer(l, src, "spf", dom, &a))
		return;
	if ((n = spf_pick(&a, &rec)) == 0) {
		add(l, "spf", dom, CHECK_FAIL, _("no SPF record"));
		return;
	}
	if (n > 1) {
		f = add(l, "spf", dom, CHECK_FAIL, _("%zu SPF records: "
		    "receivers take that as a permanent error (RFC 7208 4.5)"),
		    n);
		add_raw(f, &a);
		return;
	}
	buf_init(&why);
	if (spf_syntax(rec, &why) != 0) {
		f = add(l, "spf", dom, CHECK_FAIL, _("SPF record invalid: %s"),
		    why.data);
		add_raw(f, &a);
		buf_free(&why);
		return;
	}
	buf_free(&why);
	if (p->ip == NULL) {
		f = add(l, "spf", dom, CHECK_UNKNOWN, _("one valid SPF "
		    "record; the bounce names no sending IP to check (--ip)"));
		f->raw[f->nraw++] = rec;
		return;
	}
	spf_eval_init(&e);
	spf_check(src, dom, p->ip, &e, &l->arena);
	/* The finding is about a's records, whatever spf_check asked. */
	switch (e.result) {
	case SPF_PASS:
		f = add(l, "spf", dom, CHECK_OK, _("%s is permitted: %s"),
		    p->ip, e.why.data);
		break;
	case SPF_FAIL:
	case SPF_SOFTFAIL:
	case SPF_NEUTRAL:
		f = add(l, "spf", dom, CHECK_FAIL, _("%s is not permitted "
		    "(%s): %s"), p->ip, spf_result_name(e.result), e.why.data);
		break;
	case SPF_PERMERROR:
		f = add(l, "spf", dom, CHECK_FAIL, _("permanent error: %s"),
		    e.why.data);
		break;
	default:
		f = add(l, "spf", dom, CHECK_UNKNOWN, _("not evaluated "
		    "(%s): %s"), spf_result_name(e.result), e.why.data);
		break;
	}
	f->raw[f->nraw++] = rec;
	f->cut |= a.cut;
	spf_eval_free(&e);
}

static void
check_dkim(const struct dnscheck_plan *p, const struct dns_source *src,
    struct dnscheck_list *l)
{
	struct dns_answer	 a;
	struct dnscheck_finding	*f;
	const char		*name, *rec = NULL, *v;
	size_t			 i, vlen;

	if (p->dkim_selector == NULL || p->dkim_domain == NULL) {
		add(l, "dkim", p->sender_domain, CHECK_UNKNOWN,
		    _("no DKIM-Signature in the returned message: the "
		    "selector is not known"));
		return;
	}
	name = join(&l->arena, p->dkim_selector, "._domainkey.");
	name = join(&l->arena, name, p->dkim_domain);
	dns_query(src, name, DNS_TXT, &a, &l->arena);
	if (no_answer(l, src, "dkim", name, &a))
		return;
	for (i = 0; i < a.n && rec == NULL; i++)
		if (tag_value(a.rr[i], strlen(a.rr[i]), "p", &vlen, NULL) !=
		    NULL)
			rec = a.rr[i];
	if (a.rc != DNS_FOUND) {
		add(l, "dkim", name, CHECK_FAIL, _("no DKIM key at this "
		    "selector"));
		return;
	}
	if (rec == NULL) {
		f = add(l, "dkim", name, CHECK_FAIL, _("the record has no "
		    "p= tag: not a DKIM key"));
	} else if (tag_value(rec, strlen(rec), "p", &vlen, NULL) != NULL &&
	    vlen == 0) {
		f = add(l, "dkim", name, CHECK_FAIL, _("the key is revoked "
		    "(empty p=, RFC 6376 3.6.1)"));
	} else {
		v = tag_value(rec, strlen(rec), "k", &vlen, NULL);
		f = add(l, "dkim", name, CHECK_OK, _("key present (k=%.*s)"),
		    v != NULL ? (int)(vlen > 16 ? 16 : vlen) : 3,
		    v != NULL ? v : "rsa");
	}
	add_raw(f, &a);
}

/* The v=DMARC1 records of an answer: their count, the first in *rec. */
static size_t
dmarc_pick(const struct dns_answer *a, const char **rec)
{
	size_t	 i, n = 0;

	*rec = NULL;
	for (i = 0; a->rc == DNS_FOUND && i < a->n; i++) {
		if (strncasecmp(a->rr[i], "v=DMARC1", 8) != 0 ||
		    (a->rr[i][8] != ';' && a->rr[i][8] != ' ' &&
		    a->rr[i][8] != '\0'))
			continue;
		if (n++ == 0)
			*rec = a->rr[i];
	}
	return (n);
}

static void
dmarc_tag(struct buf *b, const char *rec, const char *tag, const char *dflt)
{
	const char	*v;
	size_t		 vlen;

	v = tag_value(rec, strlen(rec), tag, &vlen, NULL);
	buf_printf(b, "%s%s=%.*s", b->len != 0 ? ", " : "", tag,
	    v != NULL ? (int)(vlen > 16 ? 16 : vlen) : (int)strlen(dflt),
	    v != NULL ? v : dflt);
}

static void
check_dmarc(const struct dnscheck_plan *p, const struct dns_source *src,
    struct dnscheck_list *l)
{
	struct dns_answer	 a;
	struct dnscheck_finding	*f;
	struct buf		 b;
	const char		*name, *rec, *v, *dot, *org = NULL;
	size_t			 n, vlen;

	if (p->sender_domain == NULL) {
		add(l, "dmarc", NULL, CHECK_UNKNOWN,
		    _("the bounce names no sender domain"));
		return;
	}
	name = join(&l->arena, "_dmarc.", p->sender_domain);
	dns_query(src, name, DNS_TXT, &a, &l->arena);
	if (no_answer(l, src, "dmarc", name, &a))
		return;
	/*
	 * No record: the organizational domain's applies (RFC 7489 6.6.3);
	 * without the public suffix list, its last two labels stand in.
	 */
	if (dmarc_pick(&a, &rec) == 0 &&
	    (dot = strrchr(p->sender_domain, '.')) != NULL) {
		while (dot > p->sender_domain && dot[-1] != '.')
			dot--;
		if (dot != p->sender_domain) {
			org = dot;
			name = join(&l->arena, "_dmarc.", org);
			dns_query(src, name, DNS_TXT, &a, &l->arena);
			if (no_answer(l, src, "dmarc", name, &a))
				return;
		}
	}
	if ((n = dmarc_pick(&a, &rec)) == 0) {
		add(l, "dmarc", name, CHECK_FAIL, _("no DMARC record"));
		return;
	}
	if (n > 1) {
		f = add(l, "dmarc", name, CHECK_FAIL, _("%zu DMARC records: "
		    "receivers apply none (RFC 7489 6.6.3)"), n);
		add_raw(f, &a);
		return;
	}
	v = tag_value(rec, strlen(rec), "p", &vlen, NULL);
	if (v == NULL || !((vlen == 4 && strncasecmp(v, "none", 4) == 0) ||
	    (vlen == 10 && strncasecmp(v, "quarantine", 10) == 0) ||
	    (vlen == 6 && strncasecmp(v, "reject", 6) == 0))) {
		f = add(l, "dmarc", name, CHECK_FAIL, _("no valid p= tag"));
		add_raw(f, &a);
		return;
	}
	buf_init(&b);
	dmarc_tag(&b, rec, "p", "none");
	dmarc_tag(&b, rec, "adkim", "r");
	dmarc_tag(&b, rec, "aspf", "r");
	if (org != NULL)
		f = add(l, "dmarc", name, CHECK_OK, _("%s (the "
		    "organizational domain's record)"), b.data);
	else
		f = add(l, "dmarc", name, CHECK_OK, "%s", b.data);
	buf_free(&b);
	f->raw[f->nraw++] = rec;
}

/* Whether host has an A or AAAA record: 1, 0, or -1 (no answer). */
static int
resolves(const struct dns_source *src, const char *host, struct arena *arena,
    struct dns_answer *a)
{
	dns_query(src, host, DNS_A, a, arena);
	if (a->rc == DNS_FOUND)
		return (1);
	if (a->rc == DNS_TIMEOUT || a->rc == DNS_FAILED)
		return (-1);
	dns_query(src, host, DNS_AAAA, a, arena);
	if (a->rc == DNS_FOUND)
		return (1);
	return (a->rc == DNS_NONE ? 0 : -1);
}

static void
check_mx(const struct dnscheck_plan *p, const struct dns_source *src,
    struct dnscheck_list *l)
{
	struct dns_answer	 a, h;
	struct dnscheck_finding	*f;
	const char		*dom = p->rcpt_domain, *host;
	size_t			 i;
	int			 r;

	if (dom == NULL) {
		add(l, "mx", NULL, CHECK_UNKNOWN,
		    _("the recipient has no domain"));
		return;
	}
	dns_query(src, dom, DNS_MX, &a, &l->arena);
	if (no_answer(l, src, "mx", dom, &a))
		return;
	if (a.rc != DNS_FOUND) {
		r = resolves(src, dom, &l->arena, &h);
		if (r < 0)
			no_answer(l, src, "mx", dom, &h);
		else if (r == 0)
			add(l, "mx", dom, CHECK_FAIL, _("no MX and no "
			    "address: the domain cannot receive mail"));
		else
			add_raw(add(l, "mx", dom, CHECK_OK, _("no MX: mail "
			    "goes to the domain's own address (RFC 5321 "
			    "5.1)")), &h);
		return;
	}
	if (a.n == 1 && (host = strchr(a.rr[0], ' ')) != NULL &&
	    strcmp(host, " .") == 0) {
		add_raw(add(l, "mx", dom, CHECK_FAIL, _("null MX: the domain "
		    "accepts no mail (RFC 7505)")), &a);
		return;
	}
	f = add(l, "mx", dom, CHECK_OK, _("%zu MX record(s)"), a.n);
	add_raw(f, &a);
	for (i = 0; i < a.n && i < CHECK_MAX_MX; i++) {
		if ((host = strchr(a.rr[i], ' ')) == NULL)
			continue;
		host++;
		r = resolves(src, host, &l->arena, &h);
		if (r < 0)
			no_answer(l, src, "mx", host, &h);
		else if (r == 0)
			add(l, "mx", host, CHECK_FAIL, _("the MX host has no "
			    "address"));
		else
			add_raw(add(l, "mx", host, CHECK_OK,
			    _("the MX host resolves")), &h);
	}
	if (a.n > CHECK_MAX_MX)
		add(l, "mx", dom, CHECK_UNKNOWN, _("MX hosts past the first "
		    "%d are not looked up"), CHECK_MAX_MX);
}

static int
has_addr(const struct dns_answer *a, const char *ip)
{
	unsigned char	 x[16], y[16];
	int		 af = strchr(ip, ':') != NULL ? AF_INET6 : AF_INET;
	size_t		 i;

	if (inet_pton(af, ip, x) != 1)
		return (0);
	for (i = 0; i < a->n; i++)
		if (inet_pton(af, a->rr[i], y) == 1 &&
		    memcmp(x, y, af == AF_INET ? 4 : 16) == 0)
			return (1);
	return (0);
}

static void
check_ptr(const struct dnscheck_plan *p, const struct dns_source *src,
    struct dnscheck_list *l)
{
	struct dns_answer	 a, fw;
	size_t			 i;

	if (p->ip == NULL) {
		add(l, "ptr", NULL, CHECK_UNKNOWN, _("the bounce names no "
		    "sending IP (give it with --ip)"));
		return;
	}
	dns_query(src, p->ip, DNS_PTR, &a, &l->arena);
	if (no_answer(l, src, "ptr", p->ip, &a))
		return;
	if (a.rc != DNS_FOUND) {
		add(l, "ptr", p->ip, CHECK_FAIL, _("no PTR record"));
		return;
	}
	/* Forward confirmation: a name of the PTR resolves back. */
	for (i = 0; i < a.n && i < 3; i++) {
		dns_query(src, a.rr[i], strchr(p->ip, ':') != NULL ?
		    DNS_AAAA : DNS_A, &fw, &l->arena);
		if (no_answer(l, src, "ptr", p->ip, &fw))
			return;
		if (has_addr(&fw, p->ip)) {
			add_raw(add(l, "ptr", p->ip, CHECK_OK, _("%.*s, which "
			    "resolves back to it"), QUOTE_MAX, a.rr[i]), &a);
			return;
		}
	}
	add_raw(add(l, "ptr", p->ip, CHECK_FAIL, _("%.*s does not resolve "
	    "back to it (no forward confirmation)"), QUOTE_MAX, a.rr[0]), &a);
}

static void
check_dnsbl(const struct dnscheck_plan *p, const struct dns_source *src,
    const struct dnsbl_list *bl, struct dnscheck_list *l)
{
	struct dns_answer	 a;
	struct buf		 q;
	unsigned char		 x[4];
	size_t			 i, j;
	int			 listed, refused;

	if (p->ip == NULL) {
		add(l, "dnsbl", NULL, CHECK_UNKNOWN, _("the bounce names no "
		    "sending IP (give it with --ip)"));
		return;
	}
	buf_init(&q);
	for (i = 0; bl != NULL && i < bl->n; i++) {
		buf_reset(&q);
		if (dns_reverse(p->ip, bl->v[i].zone, &q) != 0)
			break;
		dns_query(src, q.data, DNS_A, &a, &l->arena);
		if (no_answer(l, src, "dnsbl", bl->v[i].zone, &a))
			continue;
		if (a.rc != DNS_FOUND) {
			add(l, "dnsbl", bl->v[i].zone, CHECK_OK, _("not "
			    "listed on %s"), bl->v[i].name);
			continue;
		}
		listed = refused = 0;
		for (j = 0; j < a.n; j++) {
			if (inet_pton(AF_INET, a.rr[j], x) != 1 || x[0] != 127)
				continue;
			if (x[1] == 255 && x[2] == 255)
				refused = 1;
			else
				listed = 1;
		}
		if (listed)
			add_raw(add(l, "dnsbl", bl->v[i].zone, CHECK_FAIL,
			    _("listed on %s; removal: %s"), bl->v[i].name,
			    bl->v[i].removal), &a);
		else if (refused)
			add_raw(add(l, "dnsbl", bl->v[i].zone, CHECK_UNKNOWN,
			    _("%s refused the query (127.255.255.x): it "
			    "refuses public resolvers"), bl->v[i].name), &a);
		else
			add_raw(add(l, "dnsbl", bl->v[i].zone, CHECK_UNKNOWN,
			    _("%s gave an answer outside 127.0.0.0/8"),
			    bl->v[i].name), &a);
	}
	buf_free(&q);
}

/* A TXT record that starts with version, at prefix + the domain. */
static void
check_txt(const struct dnscheck_plan *p, const struct dns_source *src,
    struct dnscheck_list *l, const char *check, const char *prefix,
    const char *version)
{
	struct dns_answer	 a;
	struct dnscheck_finding	*f;
	const char		*name, *rec = NULL;
	size_t			 i, n = 0, vl = strlen(version);

	if (p->rcpt_domain == NULL) {
		add(l, check, NULL, CHECK_UNKNOWN,
		    _("the recipient has no domain"));
		return;
	}
	name = join(&l->arena, prefix, p->rcpt_domain);
	dns_query(src, name, DNS_TXT, &a, &l->arena);
	if (no_answer(l, src, check, name, &a))
		return;
	for (i = 0; a.rc == DNS_FOUND && i < a.n; i++)
		if (strncmp(a.rr[i], version, vl) == 0 &&
		    (a.rr[i][vl] == ';' || a.rr[i][vl] == ' ' ||
		    a.rr[i][vl] == '\0') && n++ == 0)
			rec = a.rr[i];
	if (n == 0)
		add(l, check, name, CHECK_FAIL, _("no %s record"), version);
	else if (n > 1)
		add_raw(add(l, check, name, CHECK_FAIL, _("%zu %s records: "
		    "receivers use none"), n, version), &a);
	else {
		f = add(l, check, name, CHECK_OK, _("%s record present"),
		    version);
		f->raw[f->nraw++] = rec;
	}
}

static int
reason_is(const char *r, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(r, *names) == 0)
			return (1);
	return (0);
}

void
dnscheck_run(const struct dnscheck_plan *p, const struct dns_source *src,
    const struct dnsbl_list *bl, struct dnscheck_list *l)
{
	static const char *const auth[] = { "authfailure", NULL };
	static const char *const mx[] = { "hostunknown", "notaccept",
	    "networkerror", NULL };
	static const char *const ip[] = { "blocked", "requireptr",
	    "badreputation", NULL };
	static const char *const tls[] = { "failedstarttls", NULL };

	dnscheck_list_free(l);
	if (p->reason == NULL)
		return;
	if (reason_is(p->reason, auth)) {
		check_spf(p, src, l);
		check_dkim(p, src, l);
		check_dmarc(p, src, l);
	} else if (reason_is(p->reason, mx))
		check_mx(p, src, l);
	else if (reason_is(p->reason, ip)) {
		check_ptr(p, src, l);
		check_dnsbl(p, src, bl, l);
	} else if (reason_is(p->reason, tls)) {
		check_txt(p, src, l, "mta-sts", "_mta-sts.", "v=STSv1");
		check_txt(p, src, l, "tls-rpt", "_smtp._tls.", "v=TLSRPTv1");
	}
}

/* --- output ---------------------------------------------------------- */

void
dnscheck_text(struct buf *out, const struct dnscheck_list *l, size_t width)
{
	struct rdoc	 d;
	size_t		 i;

	/* The browser's lines, indented as the report's: one renderer. */
	rdoc_init(&d);
	dnscheck_render(&d, l, width > 2 ? width - 2 : width, 0);
	for (i = 0; i < d.n; i++) {
		if (i == 0 && d.v[i].style == RS_BLANK)
			continue;
		if (d.v[i].text[0] != '\0')
			buf_adds(out, "  ");
		buf_adds(out, d.v[i].text);
		buf_addc(out, '\n');
	}
	rdoc_free(&d);
}

void
dnscheck_json(struct buf *out, const struct dnscheck_list *l)
{
	const struct dnscheck_finding	*f;
	size_t				 i;
	int				 first;

	buf_addc(out, '[');
	for (i = 0; i < l->n; i++) {
		f = &l->f[i];
		first = 1;
		if (i != 0)
			buf_addc(out, ',');
		buf_addc(out, '{');
		json_key(out, &first, "name");
		json_cstring(out, f->name);
		json_key(out, &first, "target");
		json_cstring(out, f->target);
		json_key(out, &first, "result");
		json_cstring(out, dnscheck_result_name(f->result));
		json_key(out, &first, "detail");
		json_cstring(out, f->detail);
		json_key(out, &first, "raw");
		json_string_array(out, f->raw, f->nraw);
		json_key(out, &first, "cut");
		buf_adds(out, f->cut ? "true" : "false");
		buf_addc(out, '}');
	}
	buf_addc(out, ']');
}
