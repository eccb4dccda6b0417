/* SPF records: syntax and check_host() over a dns_source (RFC 7208). */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "check/spf.h"

/* An address to match: family and bytes. */
struct addr {
	int		 v6;
	unsigned char	 b[16];
};

/* One evaluation: the limits are counted across includes. */
struct eval {
	const struct dns_source	*src;
	struct arena		*arena;
	struct addr		 ip;
	int			 lookups;
	int			 voids;
	struct buf		*why;
};

static const char *const result_names[] = {
	"none", "neutral", "pass", "fail", "softfail", "temperror",
	"permerror", "unknown"
};

const char *
spf_result_name(enum spf_result r)
{
	return (result_names[r]);
}

void
spf_eval_init(struct spf_eval *e)
{
	memset(e, 0, sizeof *e);
	buf_init(&e->why);
}

void
spf_eval_free(struct spf_eval *e)
{
	buf_free(&e->why);
}

static int
is_spf(const char *s)
{
	return (strncasecmp(s, "v=spf1", 6) == 0 &&
	    (s[6] == '\0' || s[6] == ' '));
}

size_t
spf_pick(const struct dns_answer *a, const char **rec)
{
	size_t	 i, n = 0;

	*rec = NULL;
	if (a->rc != DNS_FOUND)
		return (0);
	for (i = 0; i < a->n; i++) {
		if (!is_spf(a->rr[i]))
			continue;
		if (n++ == 0)
			*rec = a->rr[i];
	}
	return (n);
}

static int
parse_addr(const char *s, struct addr *a)
{
	memset(a, 0, sizeof *a);
	if (inet_pton(AF_INET, s, a->b) == 1)
		return (0);
	a->v6 = 1;
	return (inet_pton(AF_INET6, s, a->b) == 1 ? 0 : -1);
}

/* The first bits of a and b agree. */
static int
prefix_match(const struct addr *a, const struct addr *b, int bits)
{
	int	 full = bits / 8, rest = bits % 8;

	if (a->v6 != b->v6)
		return (0);
	if (memcmp(a->b, b->b, (size_t)full) != 0)
		return (0);
	if (rest == 0)
		return (1);
	return (((a->b[full] ^ b->b[full]) & (0xff << (8 - rest)) & 0xff) ==
	    0);
}

/* A prefix length "/N" at *s, at most max; -1 when malformed. */
static int
cidr(const char **s, const char *end, int max)
{
	int	 n = 0, digits = 0;

	if (*s >= end || **s != '/')
		return (max);
	for ((*s)++; *s < end && isdigit((unsigned char)**s); (*s)++) {
		n = n * 10 + (**s - '0');
		if (++digits > 3)
			return (-1);
	}
	if (digits == 0 || n > max || (digits > 1 && n == 0))
		return (-1);
	return (n);
}

/* A term, its parts: qualifier, name, ":" or "=" argument. */
struct term {
	const char	*start;		/* the term as written */
	char		 qual;		/* + - ~ ? */
	const char	*name;
	size_t		 namelen;
	char		 sep;		/* ':', '=', '/' or 0 */
	const char	*arg;		/* after sep, to end */
	const char	*end;
};

static int
term_is(const struct term *t, const char *name)
{
	return (t->namelen == strlen(name) &&
	    strncasecmp(t->name, name, t->namelen) == 0);
}

static void
split_term(const char *s, const char *end, struct term *t)
{
	memset(t, 0, sizeof *t);
	t->start = s;
	t->qual = '+';
	if (s < end && strchr("+-~?", *s) != NULL)
		t->qual = *s++;
	t->name = s;
	while (s < end && (isalnum((unsigned char)*s) || *s == '-' ||
	    *s == '_' || *s == '.'))
		s++;
	t->namelen = (size_t)(s - t->name);
	if (s < end)
		t->sep = *s++;
	t->arg = s;
	t->end = end;
}

/* A domain-spec: printable ASCII; labels checked by DNS itself. */
static int
domain_ok(const char *s, const char *end)
{
	if (s == end)
		return (0);
	for (; s < end; s++)
		if (*s <= ' ' || *s > '~')
			return (0);
	return (1);
}

/* A term quoted in a reason: its first bytes, a record may be long. */
#define TERM_QUOTE_MAX	120

static void
say_term(struct buf *why, const char *what, const struct term *t)
{
	size_t	 n = (size_t)(t->end - t->start);

	buf_printf(why, "%s \"%.*s%s\"", what,
	    (int)(n > TERM_QUOTE_MAX ? TERM_QUOTE_MAX : n), t->start,
	    n > TERM_QUOTE_MAX ? "..." : "");
}

/* The syntax of one term: 0, or -1 with why set. */
static int
term_syntax(const struct term *t, struct buf *why)
{
	const char	*p = t->arg;
	struct buf	 ip;
	struct addr	 a;
	int		 bad = 0, max;

	if (t->sep == '=') {
		/* A modifier: redirect and exp need a domain-spec. */
		if ((term_is(t, "redirect") || term_is(t, "exp")) &&
		    !domain_ok(t->arg, t->end))
			bad = 1;
		else if (t->qual != '+' || t->namelen == 0 ||
		    !isalpha((unsigned char)t->name[0]))
			bad = 1;
	} else if (term_is(t, "all")) {
		bad = t->sep != 0;
	} else if (term_is(t, "include") || term_is(t, "exists")) {
		bad = t->sep != ':' || !domain_ok(t->arg, t->end);
	} else if (term_is(t, "a") || term_is(t, "mx") || term_is(t, "ptr")) {
		if (t->sep == ':') {
			while (p < t->end && *p != '/')
				p++;
			bad = !domain_ok(t->arg, p);
		} else if (t->sep == '/')
			p = t->arg - 1;
		else
			bad = t->sep != 0;
		if (!bad && !term_is(t, "ptr")) {
			if (cidr(&p, t->end, 32) < 0)
				bad = 1;
			else if (p < t->end && p[0] == '/' && (p++,
			    cidr(&p, t->end, 128) < 0))
				bad = 1;
			else if (p != t->end)
				bad = 1;
		} else if (!bad && p != t->end && t->sep != ':')
			bad = 1;
	} else if (term_is(t, "ip4") || term_is(t, "ip6")) {
		max = term_is(t, "ip4") ? 32 : 128;
		while (p < t->end && *p != '/')
			p++;
		buf_init(&ip);
		buf_add(&ip, t->arg, (size_t)(p - t->arg));
		bad = t->sep != ':' || parse_addr(ip.data != NULL ?
		    ip.data : "", &a) != 0 || a.v6 != (max == 128) ||
		    cidr(&p, t->end, max) < 0 || p != t->end;
		buf_free(&ip);
	} else
		bad = 1;
	if (bad)
		say_term(why, _("bad term"), t);
	return (bad ? -1 : 0);
}

/* Call fn on each term of rec; stops at fn's non-zero return. */
static int
each_term(const char *rec, int (*fn)(const struct term *, void *), void *arg)
{
	const char	*p = rec + 6, *s;
	struct term	 t;
	int		 rc;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return (0);
		for (s = p; *p != '\0' && *p != ' '; p++)
			;
		split_term(s, p, &t);
		if ((rc = fn(&t, arg)) != 0)
			return (rc);
	}
}

static int
syntax_fn(const struct term *t, void *arg)
{
	return (term_syntax(t, arg));
}

int
spf_syntax(const char *rec, struct buf *why)
{
	if (!is_spf(rec)) {
		buf_adds(why, _("not a v=spf1 record"));
		return (-1);
	}
	return (each_term(rec, syntax_fn, why));
}

static enum spf_result	check_host(struct eval *, const char *domain,
			    const char **record);

/* Count a DNS-querying term; -1 past the limit. */
static int
count_lookup(struct eval *e)
{
	if (++e->lookups > SPF_MAX_LOOKUPS) {
		buf_printf(e->why, _("more than %d DNS-querying terms "
		    "(RFC 7208 4.6.4)"), SPF_MAX_LOOKUPS);
		return (-1);
	}
	return (0);
}

/* An A/AAAA lookup of name against the ip: 1 match, 0 none, or an error. */
static int
match_host(struct eval *e, const char *name, int bits4, int bits6,
    enum spf_result *err)
{
	struct dns_answer	 ans;
	struct addr		 a;
	size_t			 i;

	dns_query(e->src, name, e->ip.v6 ? DNS_AAAA : DNS_A, &ans, e->arena);
	if (ans.rc == DNS_TIMEOUT || ans.rc == DNS_FAILED) {
		buf_printf(e->why, _("no answer for %s"), name);
		*err = SPF_TEMPERROR;
		return (-1);
	}
	for (i = 0; i < ans.n; i++)
		if (parse_addr(ans.rr[i], &a) == 0 &&
		    prefix_match(&a, &e->ip, e->ip.v6 ? bits6 : bits4))
			return (1);
	if (ans.rc == DNS_NONE && ++e->voids > SPF_MAX_VOID) {
		buf_printf(e->why, _("more than %d lookups found nothing "
		    "(RFC 7208 4.6.4)"), SPF_MAX_VOID);
		*err = SPF_PERMERROR;
		return (-1);
	}
	return (0);
}

static int
match_mx(struct eval *e, const char *name, int bits4, int bits6,
    enum spf_result *err)
{
	struct dns_answer	 ans;
	const char		*host;
	size_t			 i;
	int			 m;

	dns_query(e->src, name, DNS_MX, &ans, e->arena);
	if (ans.rc == DNS_TIMEOUT || ans.rc == DNS_FAILED) {
		buf_printf(e->why, _("no answer for MX %s"), name);
		*err = SPF_TEMPERROR;
		return (-1);
	}
	if (ans.n > SPF_MAX_MX) {
		buf_printf(e->why, _("more than %d MX names (RFC 7208 4.6.4)"),
		    SPF_MAX_MX);
		*err = SPF_PERMERROR;
		return (-1);
	}
	for (i = 0; i < ans.n; i++) {
		if ((host = strchr(ans.rr[i], ' ')) == NULL ||
		    strcmp(host + 1, ".") == 0)
			continue;
		if ((m = match_host(e, host + 1, bits4, bits6, err)) != 0)
			return (m);
	}
	return (0);
}

/*
 * Whether term t matches: 1, 0, or -1 with *err set (a limit, a
 * lookup that failed, or a term we leave unevaluated).
 */
static int
mechanism(struct eval *e, const struct term *t, const char *domain,
    enum spf_result *err)
{
	const char	*p, *target = domain, *rec;
	struct dns_answer ans;
	struct addr	 a;
	struct buf	 b;
	enum spf_result	 r;
	int		 bits4, bits6, m = 0, max;

	if (memchr(t->name, '%', (size_t)(t->end - t->name)) != NULL) {
		say_term(e->why, _("macros are not evaluated:"), t);
		*err = SPF_UNKNOWN;
		return (-1);
	}
	if (term_is(t, "all"))
		return (1);
	buf_init(&b);
	if (term_is(t, "ip4") || term_is(t, "ip6")) {
		max = term_is(t, "ip4") ? 32 : 128;
		for (p = t->arg; p < t->end && *p != '/'; p++)
			;
		buf_add(&b, t->arg, (size_t)(p - t->arg));
		bits4 = cidr(&p, t->end, max);
		m = parse_addr(b.data, &a) == 0 && prefix_match(&a, &e->ip,
		    bits4);
	} else if (term_is(t, "ptr")) {
		say_term(e->why, _("not evaluated:"), t);
		*err = SPF_UNKNOWN;
		m = -1;
	} else if (count_lookup(e) != 0) {
		*err = SPF_PERMERROR;
		m = -1;
	} else if (term_is(t, "include")) {
		buf_add(&b, t->arg, (size_t)(t->end - t->arg));
		r = check_host(e, b.data, &rec);
		if (r == SPF_PASS)
			m = 1;
		else if (r == SPF_TEMPERROR || r == SPF_UNKNOWN) {
			*err = r;
			m = -1;
		} else if (r == SPF_PERMERROR || r == SPF_NONE) {
			if (r == SPF_NONE)
				buf_printf(e->why, _("include:%s has no SPF "
				    "record"), b.data);
			*err = SPF_PERMERROR;
			m = -1;
		}
	} else if (term_is(t, "exists")) {
		buf_add(&b, t->arg, (size_t)(t->end - t->arg));
		/* Any A record: the name exists (RFC 7208 5.7). */
		dns_query(e->src, b.data, DNS_A, &ans, e->arena);
		if (ans.rc == DNS_TIMEOUT || ans.rc == DNS_FAILED) {
			*err = SPF_TEMPERROR;
			m = -1;
		} else
			m = ans.rc == DNS_FOUND;
	} else {
		/* a or mx: [:domain][/cidr4][//cidr6] */
		p = t->sep == '/' ? t->arg - 1 : t->arg;
		if (t->sep == ':') {
			while (p < t->end && *p != '/')
				p++;
			buf_add(&b, t->arg, (size_t)(p - t->arg));
			target = b.data;
		}
		bits4 = cidr(&p, t->end, 32);
		bits6 = 128;
		if (p < t->end && *p == '/') {
			p++;
			bits6 = cidr(&p, t->end, 128);
		}
		m = term_is(t, "a") ? match_host(e, target, bits4, bits6, err) :
		    match_mx(e, target, bits4, bits6, err);
	}
	buf_free(&b);
	return (m);
}

static enum spf_result
qualified(char q)
{
	switch (q) {
	case '-':
		return (SPF_FAIL);
	case '~':
		return (SPF_SOFTFAIL);
	case '?':
		return (SPF_NEUTRAL);
	default:
		return (SPF_PASS);
	}
}

/* The terms' walk: the state each_term's callback keeps. */
struct walk {
	struct eval	*e;
	const char	*domain;
	enum spf_result	 result;
	const char	*redirect;
	size_t		 redirect_len;
};

static int
walk_fn(const struct term *t, void *arg)
{
	struct walk	*w = arg;
	enum spf_result	 err = SPF_PERMERROR;
	int		 m;

	if (t->sep == '=') {
		if (term_is(t, "redirect")) {
			w->redirect = t->arg;
			w->redirect_len = (size_t)(t->end - t->arg);
		}
		return (0);
	}
	if ((m = mechanism(w->e, t, w->domain, &err)) < 0) {
		w->result = err;
		return (1);
	}
	if (m == 1) {
		w->result = qualified(t->qual);
		buf_reset(w->e->why);
		say_term(w->e->why, _("matched"), t);
		return (1);
	}
	return (0);
}

static enum spf_result
check_host(struct eval *e, const char *domain, const char **record)
{
	struct dns_answer	 ans;
	struct walk		 w;
	const char		*rec;
	char			*redirect;
	size_t			 n;

	*record = NULL;
	dns_query(e->src, domain, DNS_TXT, &ans, e->arena);
	if (ans.rc == DNS_TIMEOUT || ans.rc == DNS_FAILED) {
		buf_printf(e->why, _("no answer for TXT %s"), domain);
		return (SPF_TEMPERROR);
	}
	if ((n = spf_pick(&ans, &rec)) == 0)
		return (SPF_NONE);
	*record = rec;
	if (n > 1) {
		buf_printf(e->why, _("%s has %zu SPF records"), domain, n);
		return (SPF_PERMERROR);
	}
	if (spf_syntax(rec, e->why) != 0)
		return (SPF_PERMERROR);
	memset(&w, 0, sizeof w);
	w.e = e;
	w.domain = domain;
	w.result = SPF_NEUTRAL;
	if (each_term(rec, walk_fn, &w) != 0)
		return (w.result);
	if (w.redirect == NULL) {
		buf_reset(e->why);
		buf_adds(e->why, _("no term matched"));
		return (SPF_NEUTRAL);
	}
	if (memchr(w.redirect, '%', w.redirect_len) != NULL) {
		buf_adds(e->why, _("macros in redirect= are not evaluated"));
		return (SPF_UNKNOWN);
	}
	if (count_lookup(e) != 0)
		return (SPF_PERMERROR);
	redirect = arena_strndup(e->arena, w.redirect, w.redirect_len);
	w.result = check_host(e, redirect, &rec);
	if (w.result == SPF_NONE) {
		buf_printf(e->why, _("redirect=%s has no SPF record"),
		    redirect);
		return (SPF_PERMERROR);
	}
	return (w.result);
}

enum spf_result
spf_check(const struct dns_source *src, const char *domain, const char *ip,
    struct spf_eval *out, struct arena *arena)
{
	struct eval	 e;

	memset(&e, 0, sizeof e);
	e.src = src;
	e.arena = arena;
	e.why = &out->why;
	buf_reset(&out->why);
	if (parse_addr(ip, &e.ip) != 0) {
		buf_adds(&out->why, _("not an IP address"));
		out->result = SPF_UNKNOWN;
		return (out->result);
	}
	out->result = check_host(&e, domain, &out->record);
	out->lookups = e.lookups;
	return (out->result);
}
