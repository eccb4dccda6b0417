/*
 * The summary of a mail log: its failures by reason, then domain, as a
 * foldable list that fills in while a thread reads the log
 * (diagnose/sumlive.h), filtered as the user types; Enter on a domain
 * shows the diagnosis of its example and its log lines, Esc comes back.
 * F follows the log as it grows.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/datadir.h"
#include "base/i18n.h"
#include "catalogue/render.h"
#include "diagnose/analysis.h"
#include "diagnose/rules.h"
#include "diagnose/sumlive.h"
#include "diagnose/verdict_render.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/view.h"

#define MARGIN		1
/* Rows above the list: the progress or totals, the column names. */
#define HEAD_ROWS	2
#define MAX_QUERY	256

struct tsum {
	struct sumlive		*live;
	struct rules		 rules;
	int			 have_rules;
	char			*label;		/* the first file's name */
	size_t			 nfiles;
	struct sumlive_snap	 snap;
	struct sumlive_row	*rows;
	size_t			 nrows;
	size_t			 sel, top;
	char			 query[MAX_QUERY];
	char			**folded;	/* reasons folded */
	size_t			 nfolded, foldcap;
	int			 error_said, gz_said, cut_said;

	/* The diagnosis of a group's example, with its lines. */
	int			 detail;
	size_t			 did;		/* the group's id */
	const char		*dlabel;	/* its domain, or NULL */
	struct analysis		 a;
	struct rdoc		 doc;
	int			 doc_width;
	int			 doc_stale;	/* the group has new lines */
	size_t			 dtop;
};

static const char *
title_of(const char *untranslated)
{
	return (C_(untranslated));
}

static void
folded_clear(struct tsum *s)
{
	size_t	 i;

	for (i = 0; i < s->nfolded; i++)
		free(s->folded[i]);
	s->nfolded = 0;
}

/* What the selected row stands for, to find it again in new rows. */
struct rowkey {
	int		 header;
	const char	*reason;	/* in the summary's arena: stable */
	size_t		 id;
};

static void
row_key(const struct tsum *s, struct rowkey *k)
{
	const struct sumlive_row	*r;

	memset(k, 0, sizeof *k);
	if (s->sel >= s->nrows)
		return;
	r = &s->rows[s->sel];
	k->header = r->header;
	k->reason = s->snap.g[r->header ? r->first : r->group].reason;
	k->id = r->header ? 0 : s->snap.id[r->group];
}

static void
rows_build(struct tsum *s, const struct rowkey *k)
{
	const struct sumlive_row	*r;
	size_t				 i;

	free(s->rows);
	s->nrows = sumlive_rows(&s->snap, (const char *const *)s->folded,
	    s->nfolded, s->query, title_of, &s->rows);
	if (k == NULL || k->reason == NULL)
		goto clamp;
	for (i = 0; i < s->nrows; i++) {
		r = &s->rows[i];
		if (r->header != k->header)
			continue;
		if (r->header ? s->snap.g[r->first].reason == k->reason :
		    s->snap.id[r->group] == k->id) {
			s->sel = i;
			return;
		}
	}
	/* Its group was folded away: its header. */
	for (i = 0; i < s->nrows; i++) {
		r = &s->rows[i];
		if (r->header && s->snap.g[r->first].reason == k->reason) {
			s->sel = i;
			return;
		}
	}
clamp:
	if (s->sel >= s->nrows)
		s->sel = s->nrows != 0 ? s->nrows - 1 : 0;
}

static void
rows_rebuild(struct tsum *s)
{
	struct rowkey	 k;

	row_key(s, &k);
	rows_build(s, &k);
}

int
tsum_open(struct tui *t, char *const *paths, size_t n)
{
	struct tsum		*s;
	struct load_error	 err;
	char			 msg[LOAD_ERROR_TEXT_MAX];
	int			 saved;

	tsum_free(t);
	s = xcalloc(1, sizeof *s);
	sumlive_snap_init(&s->snap);
	analysis_init(&s->a);
	rdoc_init(&s->doc);
	rules_init(&s->rules);
	if (rules_load_dir(&s->rules, t->datadir, &err) == 0)
		s->have_rules = 1;
	else {
		load_error_format(&err, NULL, msg, sizeof msg);
		tui_message(t, "%s", msg);
		rules_free(&s->rules);
	}
	s->live = sumlive_new(s->have_rules ? &s->rules : NULL, t->cat);
	s->label = xstrdup(paths[0]);
	s->nfiles = n;
	t->sum = s;
	if (sumlive_start(s->live, (const char *const *)paths, n) != 0) {
		saved = errno;
		tsum_free(t);
		errno = saved;
		return (-1);
	}
	t->focus = VIEW_SUMMARY;
	t->overlay = -1;
	return (0);
}

void
tsum_free(struct tui *t)
{
	struct tsum	*s = t->sum;

	if (s == NULL)
		return;
	sumlive_free(s->live);
	sumlive_snap_free(&s->snap);
	free(s->rows);
	folded_clear(s);
	free(s->folded);
	analysis_free(&s->a);
	rdoc_free(&s->doc);
	if (s->have_rules)
		rules_free(&s->rules);
	free(s->label);
	free(s);
	t->sum = NULL;
	if (t->focus == VIEW_SUMMARY)
		t->focus = VIEW_LIST;
}

int
tsum_detail(const struct tui *t)
{
	return (t->sum != NULL && t->sum->detail);
}

int
tsum_busy(const struct tui *t)
{
	struct sumlive_state	 st;

	if (t->sum == NULL)
		return (0);
	sumlive_state(t->sum->live, &st);
	return (st.loading || st.following);
}

/* A limit reached is said once, as --summary says it. */
static void
cut_say(struct tui *t)
{
	struct tsum	*s = t->sum;

	if (s->cut_said || t->msg[0] != '\0')
		return;
	if (s->snap.cut_records != 0)
		tui_message(t, _("%1$zu failures of domains past the first "
		    "%2$d are summed up under (other domains)"),
		    s->snap.cut_records, SUMMARY_MAX_GROUPS);
	else if (s->snap.inputs_cut != 0)
		tui_message(t, "%s", _("A limit cut part of the log (a line "
		    "over 64 KiB, say): what it cut is not summed up"));
	else
		return;
	s->cut_said = 1;
}

int
tsum_poll(struct tui *t)
{
	struct tsum		*s = t->sum;
	struct sumlive_state	 st;
	struct rowkey		 k;

	if (s == NULL)
		return (0);
	sumlive_state(s->live, &st);
	if (st.error != 0 && !s->error_said) {
		tui_message(t, "%s: %s", st.path != NULL ? st.path : s->label,
		    strerror(st.error));
		s->error_said = 1;
	}
	if (st.gz_error && !s->gz_said) {
		tui_message(t, _("%s: the compressed data ends early or is "
		    "damaged: only what came before it was read"), s->label);
		s->gz_said = 1;
	}
	/* What is selected, read from the rows of the old snapshot. */
	row_key(s, &k);
	if (!sumlive_snap(s->live, &s->snap))
		return (st.loading && t->focus == VIEW_SUMMARY);
	rows_build(s, &k);
	cut_say(t);
	if (s->detail)
		s->doc_stale = 1;
	return (t->focus == VIEW_SUMMARY);
}

const char *
tsum_query(const struct tui *t)
{
	return (t->sum != NULL ? t->sum->query : "");
}

void
tsum_set_query(struct tui *t, const char *q)
{
	struct tsum	*s = t->sum;

	if (s == NULL || strcmp(s->query, q) == 0)
		return;
	snprintf(s->query, sizeof s->query, "%s", q);
	s->sel = 0;
	rows_build(s, NULL);
	/* The first group that matches, not its header. */
	if (q[0] != '\0' && s->nrows > 1)
		s->sel = 1;
}

void
tsum_counts(const struct tui *t, char *buf, size_t size)
{
	const struct tsum	*s = t->sum;
	size_t			 i, n = 0;

	buf[0] = '\0';
	if (s == NULL)
		return;
	for (i = 0; i < s->nrows; i++)
		if (s->rows[i].header)
			n += s->rows[i].count;
	snprintf(buf, size, " %zu/%zu ", n, s->snap.failures);
}

/* "120.0 MB" */
static void
bytes_text(long long n, char *buf, size_t size)
{
	if (n < 1000)
		snprintf(buf, size, _("%lld bytes"), n);
	else if (n < 1000000)
		snprintf(buf, size, _("%.1f kB"), n / 1e3);
	else if (n < 1000000000)
		snprintf(buf, size, _("%.1f MB"), n / 1e6);
	else
		snprintf(buf, size, _("%.1f GB"), n / 1e9);
}

void
tsum_status(const struct tui *t, char *buf, size_t size)
{
	struct sumlive_state	 st;

	buf[0] = '\0';
	if (t->sum == NULL)
		return;
	sumlive_state(t->sum->live, &st);
	if (st.following)
		snprintf(buf, size, "%s", _(" following "));
	else if (st.loading)
		snprintf(buf, size, "%s", _(" reading\xe2\x80\xa6 "));
	else
		tsum_counts(t, buf, size);
}

static void
summary_layout(struct tui *t, struct rect *r)
{
	*r = (struct rect){ 0, 0, 0, 0 };
	if (t->focus == VIEW_SUMMARY && !t->lay.too_small)
		*r = (struct rect){ t->lay.title.h, 0,
		    t->lay.status.y - t->lay.title.h, t->lay.cols };
}

static int
list_height(const struct tui *t)
{
	int	 h = t->lay.status.y - t->lay.title.h - HEAD_ROWS;

	return (h > 0 ? h : 0);
}

/* The first line: how far the reading is, or what was found. */
static void
draw_progress(struct tui *t, WINDOW *win, int w)
{
	struct tsum		*s = t->sum;
	struct sumlive_state	 st;
	char			 line[512], got[32], size[32];
	const char		*path;

	sumlive_state(s->live, &st);
	path = st.path != NULL ? st.path : s->label;
	bytes_text(st.got, got, sizeof got);
	if (st.loading && st.size > 0) {
		bytes_text(st.size, size, sizeof size);
		snprintf(line, sizeof line, _("Reading %1$s: read %2$s of %3$s "
		    "(%4$d%%), %5$zu failures so far"), path, got, size,
		    (int)(st.got * 100 / st.size), s->snap.failures);
	} else if (st.loading)
		snprintf(line, sizeof line, _("Reading %1$s: read %2$s, "
		    "%3$zu failures so far"), path, got, s->snap.failures);
	else
		snprintf(line, sizeof line, _("%1$s: %2$zu failures (%3$zu "
		    "bounced, %4$zu deferred)%5$s"), s->label,
		    s->snap.failures, s->snap.bounced, s->snap.deferred,
		    st.following ? _(", following") : "");
	draw_str(win, 0, MARGIN, w - MARGIN, line, st.loading ? A_BOLD :
	    A_NORMAL);
}

/* "Dec  2 15:06" local time, or "-" */
static void
time_text(long long when, char *buf, size_t size)
{
	time_t		 tt = (time_t)when;
	struct tm	 tm;

	if (when < 0 || localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%b %e %H:%M", &tm) == 0)
		snprintf(buf, size, "-");
}

/* The columns on the right that fit: counts, then times. */
struct cols {
	int	 counts;	/* count, bounced, deferred */
	int	 times;
	int	 x;		/* where they start */
};

#define COUNT_W		9
#define TIME_W		14

static void
cols_fit(int w, struct cols *c)
{
	c->counts = w >= 40 + 3 * COUNT_W;
	c->times = c->counts && w >= 40 + 3 * COUNT_W + 2 * TIME_W + 2;
	c->x = w - (c->counts ? 3 * COUNT_W : COUNT_W) -
	    (c->times ? 2 * TIME_W + 2 : 0) - MARGIN;
}

static void
draw_numbers(WINDOW *win, int y, const struct cols *c,
    const struct sumlive_row *r, attr_t a)
{
	char	 buf[64];
	int	 x = c->x;

	snprintf(buf, sizeof buf, "%*zu", COUNT_W, r->count);
	x += draw_str(win, y, x, COUNT_W, buf, a);
	if (c->counts) {
		snprintf(buf, sizeof buf, "%*zu", COUNT_W, r->bounced);
		x += draw_str(win, y, x, COUNT_W, buf, a);
		snprintf(buf, sizeof buf, "%*zu", COUNT_W, r->deferred);
		x += draw_str(win, y, x, COUNT_W, buf, a);
	}
	if (c->times) {
		x += 2;
		time_text(r->tfirst, buf, sizeof buf);
		draw_str(win, y, x, TIME_W, buf, a);
		time_text(r->tlast, buf, sizeof buf);
		draw_str(win, y, x + TIME_W, TIME_W, buf, a);
	}
}

static void
draw_heads(WINDOW *win, const struct cols *c, int w)
{
	char	 buf[64];
	int	 x = c->x;

	draw_fill(win, 1, 0, w, A_UNDERLINE);
	draw_str(win, 1, MARGIN, c->x - MARGIN, _("Reason / domain"),
	    A_UNDERLINE | A_BOLD);
	snprintf(buf, sizeof buf, "%*s", COUNT_W, _("count"));
	x += draw_str(win, 1, x, COUNT_W, buf, A_UNDERLINE | A_BOLD);
	if (c->counts) {
		snprintf(buf, sizeof buf, "%*s", COUNT_W, _("bounced"));
		x += draw_str(win, 1, x, COUNT_W, buf, A_UNDERLINE | A_BOLD);
		snprintf(buf, sizeof buf, "%*s", COUNT_W, _("deferred"));
		x += draw_str(win, 1, x, COUNT_W, buf, A_UNDERLINE | A_BOLD);
	}
	if (c->times) {
		x += 2;
		draw_str(win, 1, x, TIME_W, _("first"), A_UNDERLINE | A_BOLD);
		draw_str(win, 1, x + TIME_W, TIME_W, _("last"),
		    A_UNDERLINE | A_BOLD);
	}
}

static void
draw_row(struct tui *t, WINDOW *win, int y, int w, const struct cols *c,
    const struct sumlive_row *r, attr_t sel)
{
	struct tsum			*s = t->sum;
	const struct summary_group	*g;
	char				 name[600];
	int				 x = MARGIN, folded;
	attr_t				 a;

	if (r->header) {
		g = &s->snap.g[r->first];
		folded = s->query[0] == '\0' && sumlive_folded(
		    (const char *const *)s->folded, s->nfolded, g->reason);
		a = draw_attr(TS_GROUP) | sel;
		x += draw_str(win, y, x, c->x - x, folded ?
		    draw_glyph_closed() : draw_glyph_open(), a) + 1;
		snprintf(name, sizeof name, "%s", g->reason_title != NULL ?
		    C_(g->reason_title) : g->reason);
	} else {
		g = &s->snap.g[r->group];
		a = sel;
		x += w >= 30 ? 3 : 2;
		if (g->domain == NULL)
			snprintf(name, sizeof name, "%s", _("(other domains)"));
		else if (g->provider != NULL)
			snprintf(name, sizeof name, "%s (%s)", g->domain,
			    g->provider);
		else
			snprintf(name, sizeof name, "%s", g->domain);
	}
	if (c->x - x > 1)
		draw_text(win, y, x, c->x - x - 1, name, strlen(name), a,
		    DT_ELLIPSIS);
	draw_numbers(win, y, c, r, a);
}

static void
draw_list(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct tsum		*s = t->sum;
	struct sumlive_state	 st;
	struct cols		 c;
	int			 h = list_height(t), i;
	attr_t			 sel, a;

	draw_progress(t, win, r->w);
	if (h <= 0)
		return;
	if (s->nrows == 0) {
		sumlive_state(s->live, &st);
		draw_str(win, HEAD_ROWS, MARGIN, r->w - MARGIN,
		    s->query[0] != '\0' ?
		    _("No group matches the filter (Esc clears it).") :
		    st.loading ? _("No failure found yet.") :
		    _("No failure in this log: deliveries and other lines "
		    "are not counted."), draw_attr(TS_WARN));
		return;
	}
	cols_fit(r->w, &c);
	draw_heads(win, &c, r->w);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + (size_t)h)
		s->top = s->sel - (size_t)h + 1;
	if (s->top + (size_t)h > s->nrows)
		s->top = s->nrows > (size_t)h ? s->nrows - (size_t)h : 0;
	sel = t->overlay < 0 ? draw_attr(TS_SELECTED) :
	    draw_attr(TS_SELECTED_DIM);
	for (i = 0; i < h && s->top + (size_t)i < s->nrows; i++) {
		a = s->top + (size_t)i == s->sel ? sel : A_NORMAL;
		if (a != A_NORMAL)
			draw_fill(win, HEAD_ROWS + i, 0, r->w, a);
		draw_row(t, win, HEAD_ROWS + i, r->w, &c,
		    &s->rows[s->top + (size_t)i], a);
	}
}

static size_t
doc_width(const struct rect *r)
{
	return (r->w > 2 * MARGIN ? (size_t)(r->w - 2 * MARGIN) : 1);
}

/* The example's diagnosis, then the group's log lines, at width. */
static void
detail_build(struct tui *t, size_t width)
{
	struct tsum	*s = t->sum;
	struct buf	 lines;
	char		 text[128], label[300], *p, *nl;
	size_t		 n, more;
	long		 nv;

	rdoc_free(&s->doc);
	rdoc_init(&s->doc);
	s->doc_width = (int)width;
	s->doc_stale = 0;
	snprintf(label, sizeof label, "%s: ", s->dlabel != NULL ? s->dlabel :
	    _("(other domains)"));
	nv = sumlive_diagnose(s->live, s->did, &s->a);
	if (nv > 0)
		verdict_render(&s->doc, label, &s->a.v[0], &s->a.doc, width, 0);
	else if (nv == 0)
		verdict_render_none(&s->doc, label, &s->a.doc, width);
	render_wrap(&s->doc, RS_BLANK, "", "", width);
	buf_init(&lines);
	n = sumlive_lines(s->live, s->did, &lines, &more);
	snprintf(text, sizeof text, ngettext("Log line of this group (%zu)",
	    "Log lines of this group (%zu)", n + more), n + more);
	render_wrap(&s->doc, RS_HEADING, "", text, width);
	for (p = lines.data; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
		render_wrap(&s->doc, RS_EXAMPLE, "", p, width);
	}
	if (more != 0) {
		snprintf(text, sizeof text, ngettext("%zu more line not shown",
		    "%zu more lines not shown", more), more);
		render_wrap(&s->doc, RS_META, "", text, width);
	}
	buf_free(&lines);
}

static attr_t
doc_attr(const struct tsum *s, const struct rline *l)
{
	switch (l->style) {
	case RS_TITLE:
		return (A_BOLD);
	case RS_HEADING:
		return (draw_attr(TS_HEADING));
	case RS_META:
		return (draw_attr(TS_WARN));
	case RS_NOTE:
		if (s->a.nv == 0 || s->a.v[0].permanence_unknown)
			return (A_BOLD);
		return (draw_attr(s->a.v[0].permanent ? TS_HARD : TS_SOFT));
	case RS_EXAMPLE:
		return (draw_attr(TS_EXAMPLE));
	case RS_RELATED:
		return (draw_attr(TS_LINK));
	default:
		return (A_NORMAL);
	}
}

static int
detail_height(const struct tui *t)
{
	int	 h = t->lay.status.y - t->lay.title.h - 1;

	return (h > 0 ? h : 0);
}

static void
draw_detail(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct tsum	*s = t->sum;
	int		 h = detail_height(t), i;
	size_t		 w = doc_width(r), old;

	if ((size_t)s->doc_width != w) {
		/* After a resize: about the same place in the longer text. */
		old = s->doc.n;
		detail_build(t, w);
		if (old != 0)
			s->dtop = s->dtop * s->doc.n / old;
	} else if (s->doc_stale)
		detail_build(t, w);
	draw_pane_title(win, 0, 0, r->w, _("Diagnosis of the group's example "
	    "and its log lines"), 1);
	if (s->dtop + (size_t)h > s->doc.n)
		s->dtop = s->doc.n > (size_t)h ? s->doc.n - (size_t)h : 0;
	for (i = 0; i < h && s->dtop + (size_t)i < s->doc.n; i++) {
		const struct rline *l = &s->doc.v[s->dtop + (size_t)i];

		draw_str(win, 1 + i, MARGIN, r->w - MARGIN, l->text,
		    doc_attr(s, l));
	}
	if (s->dtop + (size_t)h < s->doc.n && h > 0)
		draw_str(win, h, r->w - 1, 1, t->utf8 ? "\xe2\x86\x93" : "v",
		    A_BOLD);
}

static void
summary_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	if (t->sum == NULL)
		return;
	if (t->sum->detail)
		draw_detail(t, win, r);
	else
		draw_list(t, win, r);
}

static void
summary_motion(struct tui *t, long n)
{
	struct tsum	*s = t->sum;
	size_t		 h;

	if (s == NULL)
		return;
	if (s->detail) {
		h = (size_t)detail_height(t);
		s->dtop = scroll_to(s->dtop, n, s->doc.n > h ? s->doc.n - h :
		    0);
		return;
	}
	if (s->nrows != 0)
		s->sel = scroll_to(s->sel, n, s->nrows - 1);
}

static long
summary_page(struct tui *t)
{
	int	 h = t->sum != NULL && t->sum->detail ? detail_height(t) :
		    list_height(t);

	return (h > 1 ? h - 1 : 1);
}

static void
fold_set(struct tsum *s, const char *reason, int fold)
{
	size_t	 i;

	for (i = 0; i < s->nfolded; i++) {
		if (strcmp(s->folded[i], reason) != 0)
			continue;
		if (!fold) {
			free(s->folded[i]);
			s->folded[i] = s->folded[--s->nfolded];
		}
		return;
	}
	if (!fold)
		return;
	s->folded = xgrow(s->folded, &s->foldcap, s->nfolded + 1,
	    sizeof *s->folded);
	s->folded[s->nfolded++] = xstrdup(reason);
}

static const char *
sel_reason(const struct tsum *s)
{
	const struct sumlive_row	*r = &s->rows[s->sel];

	return (s->snap.g[r->header ? r->first : r->group].reason);
}

/* Fold every reason, or unfold them all when all are folded. */
static void
fold_all(struct tsum *s)
{
	size_t	 i, n = 0;

	for (i = 0; i < s->snap.n; i++)
		if (i == 0 || strcmp(s->snap.g[i].reason,
		    s->snap.g[i - 1].reason) != 0)
			n++;
	if (s->nfolded >= n) {
		folded_clear(s);
		return;
	}
	for (i = 0; i < s->snap.n; i++)
		fold_set(s, s->snap.g[i].reason, 1);
}

static void
open_group(struct tui *t)
{
	struct tsum			*s = t->sum;
	const struct sumlive_row	*r = &s->rows[s->sel];
	const char			*reason;

	if (r->header) {
		if (s->query[0] != '\0')
			return;
		reason = s->snap.g[r->first].reason;
		fold_set(s, reason, !sumlive_folded(
		    (const char *const *)s->folded, s->nfolded, reason));
		rows_rebuild(s);
		return;
	}
	s->did = s->snap.id[r->group];
	s->dlabel = s->snap.g[r->group].domain;
	s->detail = 1;
	s->dtop = 0;
	s->doc_width = 0;
}

static void
follow_toggle(struct tui *t, int on)
{
	struct tsum	*s = t->sum;

	if (sumlive_follow(s->live, on) != 0) {
		tui_message(t, _("%s cannot be followed: only a plain file "
		    "can, not a compressed one"), s->label);
		return;
	}
	tui_message(t, "%s", on ? _("Following the log: F or Esc stops.") :
	    _("Not following the log any more."));
}

static int
following(struct tui *t)
{
	struct sumlive_state	 st;

	sumlive_state(t->sum->live, &st);
	return (st.following);
}

static int
summary_key(struct tui *t, enum action a, int key)
{
	struct tsum	*s = t->sum;

	(void)key;
	if (s == NULL)
		return (0);
	switch (a) {
	case ACT_FOLLOW:
		follow_toggle(t, !following(t));
		return (1);
	case ACT_BACK:
		if (s->detail)
			s->detail = 0;
		else if (s->query[0] != '\0') {
			tsum_set_query(t, "");
			tui_message(t, "%s", _("Filter cleared."));
		} else if (following(t))
			follow_toggle(t, 0);
		else {
			t->focus = VIEW_LIST;
			tui_message(t, "%s", _("L brings the log's summary "
			    "back."));
		}
		return (1);
	case ACT_FOLD:
		if (s->detail) {
			s->detail = 0;
			return (1);
		}
		if (a == ACT_FOLD && s->nrows != 0 && s->query[0] == '\0') {
			fold_set(s, sel_reason(s), 1);
			rows_rebuild(s);
		}
		return (1);
	case ACT_UNFOLD:
		/* As in the code list: on a domain, its detail. */
		if (s->detail || s->nrows == 0)
			return (1);
		if (!s->rows[s->sel].header)
			open_group(t);
		else {
			fold_set(s, sel_reason(s), 0);
			rows_rebuild(s);
		}
		return (1);
	case ACT_FOLD_ALL:
		if (!s->detail && s->query[0] == '\0') {
			fold_all(s);
			rows_rebuild(s);
		}
		return (1);
	case ACT_OPEN_GROUP:
		if (!s->detail && s->nrows != 0)
			open_group(t);
		return (1);
	case ACT_FILTER:
		if (s->detail)
			return (1);
		prompt_open(t, 0);
		return (1);
	default:
		return (0);
	}
}

static void
summary_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	struct tsum	*s = t->sum;
	size_t		 row;

	(void)r;
	(void)x;
	if (s == NULL)
		return;
	if (m & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		summary_motion(t, m & BUTTON4_PRESSED ? -SCROLL_WHEEL :
		    SCROLL_WHEEL);
		return;
	}
	if (s->detail || y < HEAD_ROWS)
		return;
	row = s->top + (size_t)(y - HEAD_ROWS);
	if (row >= s->nrows)
		return;
	/* A click selects; a click on the selected row opens it. */
	if (row == s->sel)
		open_group(t);
	else
		s->sel = row;
}

static const enum action summary_hints[] = {
	ACT_OPEN_GROUP, ACT_FILTER, ACT_FOLLOW, ACT_BACK, ACT_HELP, ACT_QUIT,
	ACT_NONE
};

const struct view view_summary = {
	.name = "summary",
	.keymap = KM_SUMMARY,
	.pane = PANE_BODY,
	.layout = summary_layout,
	.draw = summary_draw,
	.key = summary_key,
	.motion = summary_motion,
	.page = summary_page,
	.mouse = summary_mouse,
	.hints = summary_hints,
};
