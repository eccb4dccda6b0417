/* --summary's sums: failures grouped by reason and domain, bounded. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diagnose/summary.h"
#include "base/when.h"

void
summary_init(struct summary *s, const struct summary_filter *f,
    size_t max_groups)
{
	memset(s, 0, sizeof *s);
	if (f != NULL)
		s->filter = *f;
	s->max_groups = max_groups != 0 ? max_groups : SUMMARY_MAX_GROUPS;
	s->first = s->last = -1;
	arena_init(&s->arena);
}

void
summary_free(struct summary *s)
{
	free(s->groups);
	free(s->table);
	arena_free(&s->arena);
	memset(s, 0, sizeof *s);
}

long long
summary_record_time(const struct bounce_doc *d, size_t i)
{
	const struct bounce_rcpt	*r = &d->rcpts[i];

	if (r->log_unix >= 0)
		return (r->log_unix);
	if (r->msg < d->nmsgs)
		return (when_header_date(d->msgs[r->msg].headers));
	return (-1);
}

/*
 * The domain of an address, lower case, into buf: after the last '@',
 * without the '>' or the trailing dot an address may end with.  "" when
 * there is no '@'.
 */
static size_t
rcpt_domain(const char *addr, char *buf, size_t size)
{
	const char	*at = strrchr(addr, '@'), *e;
	size_t		 n = 0;

	if (at == NULL) {
		buf[0] = '\0';
		return (0);
	}
	for (e = at + 1 + strlen(at + 1); e > at + 1 &&
	    (e[-1] == '>' || e[-1] == '.' || e[-1] == ' ' || e[-1] == '\t');
	    e--)
		;
	for (at++; at < e && n < size - 1; at++)
		buf[n++] = *at >= 'A' && *at <= 'Z' ? *at - 'A' + 'a' : *at;
	buf[n] = '\0';
	return (n);
}

/* The filter's domain or one of its subdomains, any case. */
static int
domain_matches(const char *want, const char *dom, size_t n)
{
	size_t	 w;

	while (*want == '@' || *want == '.')
		want++;
	w = strlen(want);
	if (w == 0 || n < w || strcasecmp(dom + n - w, want) != 0)
		return (w == 0);
	return (n == w || dom[n - w - 1] == '.');
}

/* Deliveries, auto-replies and feedback reports are no failure. */
static int
is_failure(const struct bounce_rcpt *r)
{
	if (r->kind == MSG_NOT_BOUNCE || r->kind == MSG_AUTOREPLY ||
	    r->kind == MSG_FEEDBACK || r->kind == MSG_DELIVERED)
		return (0);
	return (r->action == NULL || (strcasecmp(r->action, "delivered") != 0 &&
	    strcasecmp(r->action, "relayed") != 0 &&
	    strcasecmp(r->action, "expanded") != 0));
}

int
summary_want(struct summary *s, const struct bounce_doc *d, size_t i,
    long long *when)
{
	const struct bounce_rcpt	*r = &d->rcpts[i];
	const struct summary_filter	*f = &s->filter;
	char				 dom[SUMMARY_MAX_DOMAIN + 1];
	size_t				 n;

	if (!is_failure(r)) {
		s->not_failures++;
		return (0);
	}
	if (f->domain != NULL) {
		n = rcpt_domain(r->recipient, dom, sizeof dom);
		if (!domain_matches(f->domain, dom, n)) {
			s->outside_domain++;
			return (0);
		}
	}
	*when = summary_record_time(d, i);
	if (!f->has_since && !f->has_until)
		return (1);
	if (*when < 0) {
		s->untimed_out++;
		return (0);
	}
	if ((f->has_since && *when < f->since) ||
	    (f->has_until && *when > f->until)) {
		s->outside_time++;
		return (0);
	}
	return (1);
}

/* FNV-1a of the reason, a NUL, and the domain (none: nothing). */
static unsigned
group_hash(const char *reason, const char *domain)
{
	unsigned	 h = 2166136261u;
	const char	*p;

	for (p = reason; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0xffu) * 16777619u;
	if (domain != NULL)
		for (p = domain; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * 16777619u;
	return (h);
}

static int
group_is(const struct summary_group *g, unsigned h, const char *reason,
    const char *domain)
{
	if (g->hash != h || strcmp(g->reason, reason) != 0)
		return (0);
	if (g->domain == NULL || domain == NULL)
		return (g->domain == domain);
	return (strcmp(g->domain, domain) == 0);
}

/* The slot of (reason, domain) in the table: its group's, or an empty one. */
static size_t *
table_slot(const struct summary *s, unsigned h, const char *reason,
    const char *domain)
{
	size_t	 i = h & (s->tcap - 1);

	while (s->table[i] != 0 &&
	    !group_is(&s->groups[s->table[i] - 1], h, reason, domain))
		i = (i + 1) & (s->tcap - 1);
	return (&s->table[i]);
}

/* Keep the table at most half full: lookups stay short. */
static void
table_grow(struct summary *s)
{
	size_t	 i, j, ncap;
	size_t	*nt;

	if (s->tcap != 0 && (s->ngroups + 1) * 2 <= s->tcap)
		return;
	ncap = s->tcap != 0 ? s->tcap * 2 : 64;
	nt = xcalloc(ncap, sizeof *nt);
	for (i = 0; i < s->ngroups; i++) {
		j = s->groups[i].hash & (ncap - 1);
		while (nt[j] != 0)
			j = (j + 1) & (ncap - 1);
		nt[j] = i + 1;
	}
	free(s->table);
	s->table = nt;
	s->tcap = ncap;
}

static struct summary_group *
group_new(struct summary *s, unsigned h, const struct verdict *v,
    const char *domain)
{
	struct summary_group	*g;

	table_grow(s);
	if (s->ngroups == s->cap) {
		s->cap = s->cap != 0 ? s->cap * 2 : 64;
		s->groups = xreallocarray(s->groups, s->cap, sizeof *s->groups);
	}
	g = &s->groups[s->ngroups++];
	memset(g, 0, sizeof *g);
	g->hash = h;
	g->reason = arena_strdup(&s->arena, v->reason);
	if (v->reason_title != NULL)
		g->reason_title = arena_strdup(&s->arena, v->reason_title);
	if (domain != NULL) {
		g->domain = arena_strdup(&s->arena, domain);
		s->nnamed++;
	}
	g->first = g->last = -1;
	*table_slot(s, h, g->reason, g->domain) = s->ngroups;
	return (g);
}

/* The group of (reason, domain), made if there is room, else "other". */
static struct summary_group *
group_get(struct summary *s, const struct verdict *v, const char *domain)
{
	size_t		*slot;
	unsigned	 h = group_hash(v->reason, domain);

	if (s->tcap != 0 && *(slot = table_slot(s, h, v->reason, domain)) != 0)
		return (&s->groups[*slot - 1]);
	if (s->nnamed < s->max_groups)
		return (group_new(s, h, v, domain));
	s->cut_records++;
	h = group_hash(v->reason, NULL);
	if (*(slot = table_slot(s, h, v->reason, NULL)) != 0)
		return (&s->groups[*slot - 1]);
	return (group_new(s, h, v, NULL));
}

/* The first SUMMARY_MAX_EXAMPLE bytes of s, cut on a character. */
static const char *
example_copy(struct arena *a, const char *s)
{
	size_t	 len = strlen(s);

	if (len > SUMMARY_MAX_EXAMPLE) {
		len = SUMMARY_MAX_EXAMPLE;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	return (arena_strndup(a, s, len));
}

static void
example_set(struct summary *s, struct summary_group *g,
    const struct verdict *v, const char *source, size_t message)
{
	const struct bounce_rcpt	*r = v->rcpt;

	g->ex_recipient = example_copy(&s->arena, r->recipient);
	if (r->diagnostic != NULL)
		g->ex_diagnostic = example_copy(&s->arena, r->diagnostic);
	memcpy(g->ex_status, v->status, sizeof g->ex_status);
	g->ex_status[sizeof g->ex_status - 1] = '\0';
	g->ex_reply_code = v->reply_code;
	g->ex_source = source;
	g->ex_line = r->log_line;
	g->ex_message = message;
}

static void
span_add(long long *first, long long *last, long long when)
{
	if (when < 0)
		return;
	if (*first < 0 || when < *first)
		*first = when;
	if (*last < 0 || when > *last)
		*last = when;
}

void
summary_add(struct summary *s, const struct verdict *v,
    const struct bounce_doc *d, long long when, const char *source,
    size_t message)
{
	const struct bounce_rcpt	*r = v->rcpt;
	struct summary_group		*g;
	char				 dom[SUMMARY_MAX_DOMAIN + 1];
	int				 deferred;

	(void)d;
	rcpt_domain(r->recipient, dom, sizeof dom);
	g = group_get(s, v, dom);
	s->last_group = (size_t)(g - s->groups);
	if (g->count == 0)
		example_set(s, g, v, source, message);
	if (g->provider == NULL && v->provider != NULL)
		g->provider = arena_strdup(&s->arena, v->provider);
	deferred = r->action != NULL && strcasecmp(r->action, "delayed") == 0;
	g->count++;
	s->failures++;
	if (deferred) {
		g->deferred++;
		s->deferred++;
	} else {
		g->bounced++;
		s->bounced++;
	}
	if (when < 0)
		s->no_time++;
	span_add(&g->first, &g->last, when);
	span_add(&s->first, &s->last, when);
}

void
summary_note_cut(struct summary *s, const struct bounce_doc *d)
{
	if (!d->truncated)
		return;
	s->inputs_cut++;
	s->cut |= d->cut;
}

/* A group and the total of its reason, to sort by. */
struct ranked {
	const struct summary_group	*g;
	size_t				 total;
};

static int
by_reason(const void *a, const void *b)
{
	const struct ranked	*x = a, *y = b;

	return (strcmp(x->g->reason, y->g->reason));
}

static int
by_rank(const void *a, const void *b)
{
	const struct ranked		*x = a, *y = b;
	const struct summary_group	*g = x->g, *h = y->g;
	int				 c;

	if (x->total != y->total)
		return (x->total > y->total ? -1 : 1);
	if ((c = strcmp(g->reason, h->reason)) != 0)
		return (c);
	if ((g->domain == NULL) != (h->domain == NULL))
		return (g->domain == NULL ? 1 : -1);
	if (g->count != h->count)
		return (g->count > h->count ? -1 : 1);
	if (g->domain == NULL)
		return (0);
	return (strcmp(g->domain, h->domain));
}

const struct summary_group **
summary_sorted(const struct summary *s)
{
	const struct summary_group	**out;
	struct ranked			 *rk;
	size_t				  i, j, k, total;

	if (s->ngroups == 0)
		return (NULL);
	rk = xcalloc(s->ngroups, sizeof *rk);
	for (i = 0; i < s->ngroups; i++)
		rk[i].g = &s->groups[i];
	qsort(rk, s->ngroups, sizeof *rk, by_reason);
	for (i = 0; i < s->ngroups; i = j) {
		total = 0;
		for (j = i; j < s->ngroups &&
		    strcmp(rk[j].g->reason, rk[i].g->reason) == 0; j++)
			total += rk[j].g->count;
		for (k = i; k < j; k++)
			rk[k].total = total;
	}
	qsort(rk, s->ngroups, sizeof *rk, by_rank);
	out = xcalloc(s->ngroups, sizeof *out);
	for (i = 0; i < s->ngroups; i++)
		out[i] = rk[i].g;
	free(rk);
	return (out);
}
