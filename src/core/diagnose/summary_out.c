/* --summary's output: a table that fits the width, or JSON Lines. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/json.h"
#include "diagnose/summary.h"
#include "base/utf8.h"
#include "base/when.h"

#define ELLIPSIS	"\xe2\x80\xa6"
#define INDENT		2
#define GAP		2
#define TIME_COLS	16	/* "2026-12-02 15:06" */
#define TIME_SHORT	11	/* "12-02 15:06", the year in the heading */
/* What a domain and a provider keep before the time columns shrink. */
#define WANT_DOMAIN	20
#define MIN_PROVIDER	10
#define MAX_PROVIDER	20

/* The bytes of safe (escaped already) that fit in cols columns. */
static size_t
fit_bytes(const char *safe, size_t len, size_t cols, size_t *used)
{
	size_t		 i = 0, w = 0, n, cw;
	uint32_t	 cp;
	int		 c;

	while (i < len) {
		n = utf8_decode(safe + i, len - i, &cp);
		c = utf8_cp_width(cp);
		cw = c < 0 ? 1 : (size_t)c;
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	*used = w;
	return (i);
}

/*
 * s escaped for the terminal into out, in at most cols columns: cut
 * with an ellipsis when longer; padded to cols when pad is set (on the
 * left when right is set).
 */
static void
cell(struct buf *out, const char *s, size_t cols, int pad, int right)
{
	struct buf	 safe;
	size_t		 n, used, w;

	buf_init(&safe);
	utf8_sanitize(s, strlen(s), &safe, 0, 0);
	w = utf8_display_width(safe.data, safe.len);
	if (w > cols) {
		n = fit_bytes(safe.data, safe.len, cols > 0 ? cols - 1 : 0,
		    &used);
		safe.len = n;
		if (cols > 0) {
			buf_adds(&safe, ELLIPSIS);
			used++;
		}
		w = used;
	}
	if (pad && right)
		buf_printf(out, "%*s", (int)(cols - w), "");
	buf_add(out, safe.data, safe.len);
	if (pad && !right)
		buf_printf(out, "%*s", (int)(cols - w), "");
	buf_free(&safe);
}

static void
line(struct buf *out, const char *s, size_t width)
{
	cell(out, s, width, 0, 0);
	buf_addc(out, '\n');
}

/* s word-wrapped to width, escaped; a word wider than a line is cut. */
static void
wrapped(struct buf *out, const char *s, size_t width)
{
	struct buf	 safe, word;
	size_t		 i = 0, j, w, col = 0;

	buf_init(&safe);
	buf_init(&word);
	utf8_sanitize(s, strlen(s), &safe, 0, 0);
	while (i < safe.len && safe.data[i] == ' ')
		i++;
	while (i < safe.len) {
		for (j = i; j < safe.len && safe.data[j] != ' '; j++)
			;
		w = utf8_display_width(safe.data + i, j - i);
		if (col != 0 && col + 1 + w > width) {
			buf_addc(out, '\n');
			col = 0;
		} else if (col != 0) {
			buf_addc(out, ' ');
			col++;
		}
		buf_reset(&word);
		buf_add(&word, safe.data + i, j - i);
		cell(out, word.data, width - col, 0, 0);
		col += w < width - col ? w : width - col;
		for (i = j; i < safe.len && safe.data[i] == ' '; i++)
			;
	}
	buf_addc(out, '\n');
	buf_free(&word);
	buf_free(&safe);
}

static size_t
swidth(const char *s)
{
	struct buf	 safe;
	size_t		 w;

	buf_init(&safe);
	utf8_sanitize(s, strlen(s), &safe, 0, 0);
	w = utf8_display_width(safe.data, safe.len);
	buf_free(&safe);
	return (w);
}

static size_t
digits(size_t n)
{
	size_t	 d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return (d);
}

static const char *
domain_label(const struct summary_group *g)
{
	if (g->domain == NULL)
		return (_("(other domains)"));
	return (g->domain[0] != '\0' ? g->domain : _("(no domain)"));
}

/* The columns of the table, fitted to the width once for all groups. */
struct layout {
	size_t	 domain, provider, bounced, deferred;
	size_t	 times;		/* TIME_COLS, TIME_SHORT or 0 */
	int	 one_year;	/* all times in one year: short ones drop it */
};

static void
layout_fit(const struct summary_group **v, size_t n, size_t width,
    struct layout *L)
{
	size_t	 i, maxdom, maxprov, fixed, rest, need;

	maxdom = swidth(_("domain"));
	maxprov = swidth(_("provider"));
	L->bounced = swidth(_("bounced"));
	L->deferred = swidth(_("deferred"));
	for (i = 0; i < n; i++) {
		if ((fixed = swidth(domain_label(v[i]))) > maxdom)
			maxdom = fixed;
		if (v[i]->provider != NULL &&
		    (fixed = swidth(v[i]->provider)) > maxprov)
			maxprov = fixed;
		if (digits(v[i]->bounced) > L->bounced)
			L->bounced = digits(v[i]->bounced);
		if (digits(v[i]->deferred) > L->deferred)
			L->deferred = digits(v[i]->deferred);
	}
	if (maxprov > MAX_PROVIDER)
		maxprov = MAX_PROVIDER;
	fixed = INDENT + GAP + L->bounced + GAP + L->deferred + GAP;
	rest = width > fixed ? width - fixed : 0;
	/*
	 * The domain comes first: times in full only when the domains
	 * still fit (or get WANT_DOMAIN columns), short ones next.
	 */
	need = (maxdom < WANT_DOMAIN ? maxdom : WANT_DOMAIN) +
	    (maxprov < MIN_PROVIDER ? maxprov : MIN_PROVIDER);
	if (rest >= 2 * (GAP + TIME_COLS) + need)
		L->times = TIME_COLS;
	else if (rest >= 2 * (GAP + TIME_SHORT) + need)
		L->times = TIME_SHORT;
	else
		L->times = 0;
	if (L->times != 0)
		rest -= 2 * (GAP + L->times);
	L->provider = rest / 3 > MIN_PROVIDER ? rest / 3 : MIN_PROVIDER;
	if (L->provider > maxprov)
		L->provider = maxprov;
	L->domain = rest > L->provider ? rest - L->provider : 0;
	if (L->domain > maxdom) {
		/* What the domains leave goes to the providers' names. */
		L->provider += L->domain - maxdom;
		L->domain = maxdom;
		if (L->provider > maxprov)
			L->provider = maxprov;
	}
}

/*
 * A time in its column; a short column drops the year when all times
 * are of one year (the heading says which), else the hour.
 */
static void
time_cell(struct buf *out, const struct layout *L, long long t)
{
	char	 when[32];
	size_t	 skip = 0;

	if (t < 0)
		snprintf(when, sizeof when, "-");
	else
		when_format_local(t, when, sizeof when);
	if (L->times < TIME_COLS && t >= 0) {
		if (L->one_year)
			skip = 5;
		else
			when[10] = '\0';
	}
	buf_printf(out, "%*s", GAP, "");
	cell(out, when + skip, L->times, 1, 0);
}

static void
row(struct buf *out, const struct layout *L, const char *dom,
    const char *prov, const char *b, const char *d, long long first,
    long long last, const char *hfirst, const char *hlast, size_t width)
{
	struct buf	 r;

	buf_init(&r);
	buf_printf(&r, "%*s", INDENT, "");
	cell(&r, dom, L->domain, 1, 0);
	buf_printf(&r, "%*s", GAP, "");
	cell(&r, prov, L->provider, 1, 0);
	buf_printf(&r, "%*s", GAP, "");
	cell(&r, b, L->bounced, 1, 1);
	buf_printf(&r, "%*s", GAP, "");
	cell(&r, d, L->deferred, 1, 1);
	if (L->times != 0 && hfirst != NULL) {
		buf_printf(&r, "%*s", GAP, "");
		cell(&r, hfirst, L->times, 1, 0);
		buf_printf(&r, "%*s", GAP, "");
		cell(&r, hlast, L->times, 1, 0);
	} else if (L->times != 0) {
		time_cell(&r, L, first);
		time_cell(&r, L, last);
	}
	/* No trailing blanks. */
	while (r.len > 0 && r.data[r.len - 1] == ' ')
		r.data[--r.len] = '\0';
	/* Too narrow for even the counts: cut like any other line. */
	line(out, r.len != 0 ? r.data : "", width);
	buf_free(&r);
}

/* Where the example is: "mail.log:1234" or "x.mbox, message 3". */
static void
example_where(struct buf *b, const struct summary_group *g)
{
	if (g->ex_line != 0)
		buf_printf(b, "%s:%zu", g->ex_source, g->ex_line);
	else
		buf_printf(b, _("%1$s, message %2$zu"), g->ex_source,
		    g->ex_message);
}

static void
example_text(struct buf *out, const struct summary_group *g, size_t width)
{
	struct buf	 b;

	buf_init(&b);
	buf_printf(&b, "%*s", 2 * INDENT, "");
	example_where(&b, g);
	buf_adds(&b, ": ");
	if (g->ex_diagnostic != NULL)
		buf_adds(&b, g->ex_diagnostic);
	else if (g->ex_status[0] != '\0')
		buf_adds(&b, g->ex_status);
	else
		buf_adds(&b, _("(no reply quoted)"));
	line(out, b.data, width);
	buf_free(&b);
}

static void
counts(struct buf *b, size_t total, size_t bounced, size_t deferred)
{
	buf_printf(b, _("%1$zu (bounced %2$zu, deferred %3$zu)"), total,
	    bounced, deferred);
}

static void
heading(struct buf *out, const struct summary *s, size_t width)
{
	struct buf	 b;
	char		 t0[32], t1[32];

	buf_init(&b);
	buf_adds(&b, _("Failures: "));
	counts(&b, s->failures, s->bounced, s->deferred);
	line(out, b.data, width);
	if (s->first >= 0) {
		when_format_local(s->first, t0, sizeof t0);
		when_format_local(s->last, t1, sizeof t1);
		buf_reset(&b);
		buf_printf(&b, _("From %1$s to %2$s"), t0, t1);
		line(out, b.data, width);
	}
	buf_free(&b);
}

/* Reason i's heading with its counts, the groups i.. of that reason. */
static size_t
reason_heading(struct buf *out, const struct summary_group **v, size_t n,
    size_t i, size_t width)
{
	struct buf	 b;
	size_t		 j, total = 0, bounced = 0, deferred = 0;

	for (j = i; j < n && strcmp(v[j]->reason, v[i]->reason) == 0; j++) {
		total += v[j]->count;
		bounced += v[j]->bounced;
		deferred += v[j]->deferred;
	}
	buf_init(&b);
	buf_adds(&b, v[i]->reason);
	if (v[i]->reason_title != NULL)
		buf_printf(&b, " \xe2\x80\x94 %s", C_(v[i]->reason_title));
	buf_adds(&b, ": ");
	counts(&b, total, bounced, deferred);
	buf_addc(out, '\n');
	line(out, b.data, width);
	buf_free(&b);
	return (j);
}

/* What was left out or cut, each said once at the end. */
static void
notes(struct buf *out, const struct summary *s, size_t width)
{
	struct buf	 b;

	buf_init(&b);
	if (s->cut_records != 0) {
		buf_printf(&b, _("%1$zu failures of domains past the first "
		    "%2$zu are counted under \"%3$s\"."), s->cut_records,
		    s->max_groups, _("(other domains)"));
		wrapped(out, b.data, width);
		buf_reset(&b);
	}
	if (s->outside_domain != 0) {
		buf_printf(&b, _("%zu failures of other domains were left "
		    "out (--domain)."), s->outside_domain);
		wrapped(out, b.data, width);
		buf_reset(&b);
	}
	if (s->outside_time != 0) {
		buf_printf(&b, _("%zu failures outside --since and --until "
		    "were left out."), s->outside_time);
		wrapped(out, b.data, width);
		buf_reset(&b);
	}
	if (s->untimed_out != 0) {
		buf_printf(&b, _("%zu failures with no time were left out "
		    "(--since, --until)."), s->untimed_out);
		wrapped(out, b.data, width);
		buf_reset(&b);
	}
	if (s->not_failures != 0) {
		buf_printf(&b, _("%zu records were no failure (a delivery, "
		    "an auto-reply, a feedback report) and are not counted."),
		    s->not_failures);
		wrapped(out, b.data, width);
		buf_reset(&b);
	}
	if (s->inputs_cut != 0) {
		buf_printf(&b, _("Truncated: a limit was reached in %zu "
		    "inputs, not all was read: "), s->inputs_cut);
		bounce_cut_describe(s->cut, NULL, &b);
		buf_addc(&b, '.');
		wrapped(out, b.data, width);
	}
	buf_free(&b);
}

static int
same_year(long long a, long long b)
{
	char	 x[32], y[32];

	when_format_local(a, x, sizeof x);
	when_format_local(b, y, sizeof y);
	return (strncmp(x, y, 4) == 0);
}

void
summary_text(const struct summary *s, struct buf *out, size_t width)
{
	const struct summary_group	**v = summary_sorted(s);
	struct layout			  L;
	char				  nb[32], nd[32];
	size_t				  i, j, end;

	if (width < 20)
		width = 20;
	if (s->failures == 0)
		line(out, _("No failure found."), width);
	else
		heading(out, s, width);
	if (v != NULL) {
		layout_fit(v, s->ngroups, width, &L);
		L.one_year = same_year(s->first, s->last);
	}
	for (i = 0; i < s->ngroups; i = end) {
		end = reason_heading(out, v, s->ngroups, i, width);
		row(out, &L, _("domain"), _("provider"), _("bounced"),
		    _("deferred"), -1, -1, _("first"), _("last"), width);
		for (j = i; j < end; j++) {
			snprintf(nb, sizeof nb, "%zu", v[j]->bounced);
			snprintf(nd, sizeof nd, "%zu", v[j]->deferred);
			row(out, &L, domain_label(v[j]),
			    v[j]->provider != NULL ? v[j]->provider : "-", nb,
			    nd, v[j]->first, v[j]->last, NULL, NULL, width);
			example_text(out, v[j], width);
		}
	}
	if (s->ngroups != 0)
		buf_addc(out, '\n');
	notes(out, s, width);
	free(v);
}

static void
json_time(struct buf *out, int *first, const char *key, long long t)
{
	char	 when[32];

	json_key(out, first, key);
	if (t < 0) {
		buf_adds(out, "null");
		return;
	}
	when_format_utc(t, when, sizeof when);
	json_cstring(out, when);
}

static void
json_number(struct buf *out, int *first, const char *key, long long n)
{
	json_key(out, first, key);
	if (n < 0)
		buf_adds(out, "null");
	else
		buf_printf(out, "%lld", n);
}

static void
json_example(struct buf *out, const struct summary_group *g)
{
	int	 first = 1;

	buf_addc(out, '{');
	json_str(out, &first, "recipient", g->ex_recipient);
	json_str(out, &first, "status",
	    g->ex_status[0] != '\0' ? g->ex_status : NULL);
	json_number(out, &first, "reply_code",
	    g->ex_reply_code != 0 ? g->ex_reply_code : -1);
	json_str(out, &first, "diagnostic", g->ex_diagnostic);
	json_str(out, &first, "source", g->ex_source);
	json_number(out, &first, "line",
	    g->ex_line != 0 ? (long long)g->ex_line : -1);
	/* A log is read in blocks: its line says where, not a message. */
	json_number(out, &first, "message",
	    g->ex_line == 0 ? (long long)g->ex_message : -1);
	buf_addc(out, '}');
}

static void
json_group(struct buf *out, const struct summary_group *g)
{
	int	 first = 1;

	buf_addc(out, '{');
	json_str(out, &first, "type", "group");
	json_str(out, &first, "reason", g->reason);
	json_str(out, &first, "domain", g->domain);
	json_bool(out, &first, "other_domains", g->domain == NULL);
	json_str(out, &first, "provider", g->provider);
	json_number(out, &first, "count", (long long)g->count);
	json_number(out, &first, "bounced", (long long)g->bounced);
	json_number(out, &first, "deferred", (long long)g->deferred);
	json_time(out, &first, "first", g->first);
	json_time(out, &first, "last", g->last);
	json_number(out, &first, "first_unix", g->first);
	json_number(out, &first, "last_unix", g->last);
	json_key(out, &first, "example");
	json_example(out, g);
	buf_adds(out, "}\n");
}

static void
json_totals(struct buf *out, const struct summary *s)
{
	const char	*cut[BOUNCE_CUT__COUNT];
	size_t		 ncut;
	int		 first = 1;

	buf_addc(out, '{');
	json_str(out, &first, "type", "totals");
	/* The filters in force, so that a stored line says what it sums. */
	json_time(out, &first, "since", s->filter.has_since ?
	    s->filter.since : -1);
	json_time(out, &first, "until", s->filter.has_until ?
	    s->filter.until : -1);
	json_str(out, &first, "domain", s->filter.domain);
	json_number(out, &first, "failures", (long long)s->failures);
	json_number(out, &first, "bounced", (long long)s->bounced);
	json_number(out, &first, "deferred", (long long)s->deferred);
	json_number(out, &first, "groups", (long long)s->ngroups);
	json_time(out, &first, "first", s->first);
	json_time(out, &first, "last", s->last);
	json_number(out, &first, "no_time", (long long)s->no_time);
	json_number(out, &first, "max_domains", (long long)s->max_groups);
	json_number(out, &first, "other_domains", (long long)s->cut_records);
	json_number(out, &first, "not_failures", (long long)s->not_failures);
	json_number(out, &first, "outside_domain",
	    (long long)s->outside_domain);
	json_number(out, &first, "outside_time", (long long)s->outside_time);
	json_number(out, &first, "untimed_out", (long long)s->untimed_out);
	json_bool(out, &first, "truncated", s->inputs_cut != 0);
	json_number(out, &first, "inputs_cut", (long long)s->inputs_cut);
	json_key(out, &first, "cut");
	ncut = bounce_cut_names(s->cut, cut, BOUNCE_CUT__COUNT);
	json_string_array(out, cut, ncut);
	buf_adds(out, "}\n");
}

void
summary_json(const struct summary *s, struct buf *out)
{
	const struct summary_group	**v = summary_sorted(s);
	size_t				  i;

	for (i = 0; i < s->ngroups; i++)
		json_group(out, v[i]);
	json_totals(out, s);
	free(v);
}
