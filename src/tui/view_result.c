/*
 * The diagnosis of the pasted text: the decoded text with each kind of
 * part in its own style under a legend, and the verdict per recipient
 * (result_verdict.c) beside it, or on a narrow terminal instead of it:
 * Tab shows the other.  The verdict's catalogue entries open in the
 * detail view, from which Backspace or Esc comes back here.  The text's
 * header blocks are folded, one line each (paste_fold.h): Enter in the
 * text, or a click on one, unfolds or folds it.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "paste/paste_wrap.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/tpaste.h"
#include "tui/tresult.h"
#include "tui/view.h"

#define MARGIN		1
#define LEGEND_ROWS	4

static const char *const span_labels[SPAN__COUNT] = {
	[SPAN_REPLY] = N_("reply code"),
	[SPAN_STATUS] = N_("status code"),
	[SPAN_RECIPIENT] = N_("recipient"),
	[SPAN_SENDER] = N_("sender"),
	[SPAN_HOST] = N_("host"),
	[SPAN_IP] = N_("IP address"),
	[SPAN_URL] = N_("URL"),
	[SPAN_TAG] = N_("provider tag"),
	[SPAN_BLOCKLIST] = N_("blocklist"),
	[SPAN_FIELD_NAME] = N_("report field"),
	[SPAN_FIELD_VALUE] = N_("field value"),
	[SPAN_QUOTED] = N_("returned header"),
	[SPAN_DIAGNOSTIC] = N_("server's words"),
};

struct tresult *
tresult_get(struct tui *t)
{
	struct tresult	*p = t->result;

	if (p != NULL)
		return (p);
	p = xcalloc(1, sizeof *p);
	wrap_marks_init(&p->text_marks);
	folds_init(&p->folds);
	p->ttop.fold = FOLD_NONE;
	p->llink = -1;
	p->pane = PP_VERDICT;
	t->result = p;
	return (p);
}

const struct presult *
tresult_shown(const struct tui *t)
{
	return (tpaste_result(t->paste));
}

void
tresult_free(struct tui *t)
{
	if (t->result == NULL)
		return;
	wrap_marks_free(&t->result->text_marks);
	folds_free(&t->result->folds);
	free(t->result);
	t->result = NULL;
}

int
tresult_has_link(const struct tui *t)
{
	return (t->result != NULL && t->result->llink >= 0);
}

void
tresult_reset(struct tui *t)
{
	struct tresult	*p = tresult_get(t);

	p->ttop.off = 0;
	p->ttop.fold = FOLD_NONE;
	p->ttop_width = 0;
	folds_free(&p->folds);
	p->vblock = p->vline = 0;
	p->lblock = 0;
	p->llink = -1;
}

static void
result_layout(struct tui *t, struct rect *r)
{
	*r = (struct rect){ 0, 0, 0, 0 };
	if (t->focus == VIEW_RESULT && !t->lay.too_small)
		*r = (struct rect){ t->lay.title.h, 0,
		    t->lay.status.y - t->lay.title.h, t->lay.cols };
}

/* Lay the legend out (and draw it when win is not NULL); returns rows. */
static int
legend(const struct presult *res, WINDOW *win, int x0, int y0, int w)
{
	const char	*label, *title = _("Parts:");
	int		 k, x, y = 0, lw;

	if (res == NULL || res->an.kinds == 0 || w < 8)
		return (0);
	x = x0 + MARGIN;
	if (win != NULL)
		draw_str(win, y0, x, w - MARGIN, title, A_BOLD);
	x += draw_width(title) + 1;
	for (k = 0; k < SPAN__COUNT; k++) {
		if (!(res->an.kinds & (1u << k)))
			continue;
		label = _(span_labels[k]);
		lw = draw_width(label);
		if (x + lw > x0 + w && x > x0 + MARGIN + 2) {
			if (y + 1 == LEGEND_ROWS)
				break;
			y++;
			x = x0 + MARGIN + 2;
		}
		if (win != NULL)
			draw_str(win, y0 + y, x, x0 + w - x, label,
			    draw_span_attr(k));
		x += lw + 2;
	}
	return (y + 1);
}

void
result_geom(struct tui *t, struct rgeom *g)
{
	struct tresult	*p = tresult_get(t);
	struct rect	 body, rel;

	memset(g, 0, sizeof *g);
	result_layout(t, &body);
	rel = (struct rect){ 0, 0, body.h, body.w };
	paste_layout_compute(&g->pl, &rel, p->pane);
	if (g->pl.text.h > 0) {
		g->legend = legend(tresult_shown(t), NULL, g->pl.text.x, 1,
		    g->pl.text.w);
		g->text_y = 1 + g->legend;
		g->text_h = g->pl.text.h - g->text_y;
		g->text_w = g->pl.text.w - 2 * MARGIN;
	}
	if (g->pl.verdict.h > 0) {
		g->ver_h = g->pl.verdict.h - 1;
		g->ver_w = g->pl.verdict.w - 2 * MARGIN;
	}
	if (g->text_h < 0)
		g->text_h = 0;
	if (g->ver_h < 0)
		g->ver_h = 0;
	if (g->text_w < 1)
		g->text_w = 1;
	if (g->ver_w < 1)
		g->ver_w = 1;
}

/* The text pane's rows, with the first row made a row start. */
static void
text_wrap(struct tui *t, const struct rgeom *g, struct wrap *w)
{
	struct tresult		*p = tresult_get(t);
	const struct buf	*text = &tresult_shown(t)->an.doc.text;

	wrap_init(w, text->data, text->len, g->text_w, t->utf8);
	wrap_use_marks(w, &p->text_marks);
	if (p->ttop_width != g->text_w) {
		/* After a resize: the row that holds the old first byte. */
		if (p->ttop.fold == FOLD_NONE)
			p->ttop = frow_at(w, &p->folds, p->ttop.off);
		p->ttop_width = g->text_w;
	}
}

/* Findings that came in are put on screen under their verdict. */
static int
check_poll(struct tui *t)
{
	struct rgeom	 g;
	long		 block;
	int		 waiting = tpaste_checking(t->paste);

	if ((block = tpaste_check_take(t)) < 0)
		return (waiting && t->focus == VIEW_RESULT);	/* the clock */
	if (t->focus == VIEW_RESULT) {
		result_geom(t, &g);
		verdict_show_checks(t, &g, (size_t)block);
	}
	return (1);
}

int
tresult_poll(struct tui *t)
{
	struct tresult	*p;
	int		 changed;

	changed = check_poll(t);
	if (!tpaste_analysing(t->paste))
		return (changed);
	if (!tpaste_take(t))
		return (t->focus == VIEW_RESULT);	/* the clock moves */
	p = tresult_get(t);
	wrap_marks_reset(&p->text_marks);
	tresult_reset(t);
	/* Open on the words that explain the failure, headers folded. */
	folds_build(&p->folds, tresult_shown(t));
	p->ttop = fold_focus(tresult_shown(t), &p->folds);
	/* A new verdict is what the user waits for: it has the focus. */
	p->pane = PP_VERDICT;
	verdict_select(t, 1);
	return (1);
}

/* "▸ Header, 14 lines": a fold's line. */
static void
draw_fold(struct tui *t, WINDOW *win, int y, int x, int w,
    const struct fold *f, attr_t a)
{
	char		 line[160];
	unsigned long	 n = (unsigned long)f->lines;

	snprintf(line, sizeof line, f->returned ? dngettext(PACKAGE,
	    "%1$s Returned message header, %2$lu line",
	    "%1$s Returned message header, %2$lu lines", n) :
	    dngettext(PACKAGE, "%1$s Header, %2$lu line",
	    "%1$s Header, %2$lu lines", n), f->open ?
	    (t->utf8 ? "\xe2\x96\xbe" : "v") : (t->utf8 ? "\xe2\x96\xb8" : ">"),
	    n);
	draw_str(win, y, x, w, line, a);
}

/* A text row in runs of one style: a flat span, or plain text. */
static void
draw_text_row(WINDOW *win, const struct rgeom *g, int y, const struct wrap *w,
    const struct presult *r, size_t row, size_t end)
{
	size_t	 pos, k, to;
	int	 col = 0;
	attr_t	 a;

	for (pos = row, k = presult_seg(r, row); pos < end; pos = to) {
		if (k < r->an.nsegs && r->an.segs[k].off <= pos) {
			to = r->an.segs[k].off + r->an.segs[k].len;
			a = draw_span_attr(r->an.segs[k].kind);
			k++;
		} else {
			to = k < r->an.nsegs ? r->an.segs[k].off : end;
			a = A_NORMAL;
		}
		if (to > end)
			to = end;
		col += draw_wrapped(win, y, g->pl.text.x + MARGIN + col, col,
		    g->text_w - col, w, pos, to, a);
	}
}

/* The text's first row never past the last page: a short text whole. */
static void
text_clamp(struct tui *t, const struct rgeom *g, const struct wrap *w)
{
	struct tresult	*p = tresult_get(t);
	struct frow	 last;

	p->ttop = frow_valid(&p->folds, p->ttop);
	if (g->text_h > 0 && frow_cmp(p->ttop, last = frow_last_page(w,
	    &p->folds, (size_t)g->text_h)) > 0)
		p->ttop = last;
}

/*
 * The fold Enter acts on: the first fold line on screen, FOLD_NONE if
 * there is none.
 */
static size_t
fold_on_screen(struct tui *t, const struct rgeom *g, const struct wrap *w)
{
	struct tresult	*p = tresult_get(t);
	struct frow	 row = p->ttop;
	int		 i;

	for (i = 0; i < g->text_h; i++) {
		if (row.fold != FOLD_NONE)
			return (row.fold);
		if (frow_next(w, &p->folds, row, &row) != 0)
			break;
	}
	return (FOLD_NONE);
}

static void
draw_text_pane(struct tui *t, WINDOW *win, const struct rgeom *g)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*r = tresult_shown(t);
	const struct rect	*pr = &g->pl.text;
	struct wrap		 w;
	struct frow		 row;
	char			 head[160];
	size_t			 end, next, sel;
	int			 i, more = 0;
	attr_t			 a;

	text_wrap(t, g, &w);
	text_clamp(t, g, &w);
	snprintf(head, sizeof head, _("Text, line %1$zu of %2$zu (%3$d%%)"),
	    presult_line(r, p->ttop.off) + 1, r->nlines,
	    r->an.doc.text.len == 0 ? 100 :
	    (int)(p->ttop.off * 100 / r->an.doc.text.len));
	draw_pane_title(win, 0, pr->x, pr->w, head, !g->pl.wide ||
	    p->pane == PP_TEXT);
	legend(r, win, pr->x, 1, pr->w);
	/* The fold Enter acts on stands out while the text has the keys. */
	sel = p->pane == PP_TEXT ? fold_on_screen(t, g, &w) : FOLD_NONE;
	row = p->ttop;
	for (i = 0; i < g->text_h; i++) {
		if (row.fold != FOLD_NONE) {
			a = A_BOLD | (row.fold == sel ? A_REVERSE : 0);
			draw_fold(t, win, g->text_y + i, pr->x + MARGIN,
			    g->text_w, &p->folds.v[row.fold], a);
		} else {
			end = wrap_row(&w, row.off, &next);
			draw_text_row(win, g, g->text_y + i, &w, r, row.off,
			    end);
		}
		if (frow_next(&w, &p->folds, row, &row) != 0)
			break;
		more = i + 1 == g->text_h;
	}
	if (more && g->text_h > 0)
		draw_str(win, g->text_y + g->text_h - 1, pr->x + pr->w - 1, 1,
		    t->utf8 ? "\xe2\x86\x93" : "v", A_BOLD);
}

static void
draw_busy(struct tui *t, WINDOW *win, const struct rect *r)
{
	static const char	*const spin[] = { "|", "/", "-", "\\" };
	char			 line[160];
	double			 s = tpaste_seconds(t->paste);

	snprintf(line, sizeof line, _("%1$s Analysing %2$zu bytes\xe2\x80\xa6 "
	    "%3$.1f s"), spin[(int)(s * 8) % 4],
	    tpaste_text(t->paste)->text.len, s);
	draw_str(win, 1, 2, r->w - 2, line, A_BOLD);
	draw_str(win, 3, 2, r->w - 2, _("Esc goes back to the box; the "
	    "other keys keep working."), A_NORMAL);
}

static void
result_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct rgeom	 g;

	if (t->paste == NULL)
		return;
	if (tpaste_analysing(t->paste)) {
		draw_busy(t, win, r);
		return;
	}
	if (tresult_shown(t) == NULL) {
		draw_str(win, 1, 2, r->w - 2, _("Nothing diagnosed yet: p opens "
		    "the paste box."), A_NORMAL);
		return;
	}
	result_geom(t, &g);
	if (g.pl.text.h > 0)
		draw_text_pane(t, win, &g);
	if (g.pl.sep.h > 0)
		draw_vline_at(win, g.pl.sep.x, g.pl.sep.h);
	if (g.pl.verdict.h > 0)
		verdict_draw(t, win, &g);
}

static void
text_scroll(struct tui *t, const struct rgeom *g, long n)
{
	struct tresult	*p = tresult_get(t);
	struct wrap	 w;

	if (g->text_h <= 0)
		return;
	text_wrap(t, g, &w);
	p->ttop = frow_valid(&p->folds, p->ttop);
	if (n == SCROLL_TOP)
		p->ttop = frow_first(&p->folds);
	else if (n == SCROLL_BOTTOM)
		p->ttop = frow_last_page(&w, &p->folds, (size_t)g->text_h);
	else if (n < 0)
		p->ttop = frow_up(&w, &p->folds, p->ttop, (size_t)-n);
	else
		p->ttop = frow_down(&w, &p->folds, p->ttop, (size_t)n);
	text_clamp(t, g, &w);
}

/* Fold or unfold fold k, the first row kept where it is. */
static void
fold_toggle(struct tui *t, size_t k)
{
	struct tresult	*p = tresult_get(t);

	folds_set(&p->folds, k, !p->folds.v[k].open);
	p->ttop = frow_valid(&p->folds, p->ttop);
}

/* Enter in the text: the first fold line on screen unfolds or folds. */
static void
fold_key(struct tui *t)
{
	struct rgeom	 g;
	struct wrap	 w;
	size_t		 k;

	result_geom(t, &g);
	if (g.text_h <= 0)
		return;
	text_wrap(t, &g, &w);
	text_clamp(t, &g, &w);
	if ((k = fold_on_screen(t, &g, &w)) == FOLD_NONE) {
		tui_message(t, "%s", _("No header on screen to fold or "
		    "unfold."));
		return;
	}
	fold_toggle(t, k);
}

/* A click on row y of the text: a fold line unfolds or folds. */
static void
fold_click(struct tui *t, const struct rgeom *g, int y)
{
	struct tresult	*p = tresult_get(t);
	struct wrap	 w;
	struct frow	 row;
	int		 i;

	if (y < g->text_y || y >= g->text_y + g->text_h)
		return;
	text_wrap(t, g, &w);
	text_clamp(t, g, &w);
	row = p->ttop;
	for (i = g->text_y; i < y; i++) {
		if (frow_next(&w, &p->folds, row, &row) != 0)
			return;
	}
	if (row.fold != FOLD_NONE)
		fold_toggle(t, row.fold);
}

static void
result_scroll(struct tui *t, long n)
{
	struct tresult	*p = tresult_get(t);
	struct rgeom	 g;
	size_t		 bb, bl;

	result_geom(t, &g);
	if (p->pane == PP_TEXT) {
		text_scroll(t, &g, n);
		return;
	}
	if (g.ver_h <= 0)
		return;
	if (n == SCROLL_TOP) {
		p->vblock = p->vline = 0;
	} else if (n == SCROLL_BOTTOM) {
		verdict_bottom(tresult_shown(t), g.ver_w, (size_t)g.ver_h,
		    &bb, &bl);
		p->vblock = bb;
		p->vline = bl;
	} else
		verdict_scroll(t, &g, n);
}

/* Nothing moves while there is no result to move in. */
static void
result_motion(struct tui *t, long n)
{
	if (!tpaste_analysing(t->paste) && tresult_shown(t) != NULL)
		result_scroll(t, n);
}

static long
result_page(struct tui *t)
{
	struct tresult	*p = tresult_get(t);
	struct rgeom	 g;
	int		 h;

	result_geom(t, &g);
	h = p->pane == PP_TEXT ? g.text_h : g.ver_h;
	return (h > 1 ? h - 1 : 1);
}

static void
open_entry(struct tui *t)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*res = tresult_shown(t);
	const struct entry	*e;

	if (p->llink < 0 || res == NULL || p->lblock >= res->an.nv) {
		tui_message(t, "%s", _("The verdict cites no catalogue entry."));
		return;
	}
	e = res->an.v[p->lblock].codes[p->llink];
	if (browse_select_entry(&t->b, (uint32_t)(e - t->cat->entries)) != 0)
		return;
	t->focus = VIEW_DETAIL;
	t->from_result = 1;
}

static int
result_key(struct tui *t, enum action a, int key)
{
	struct tresult	*p = tresult_get(t);
	struct rgeom	 g;

	(void)key;
	if (tpaste_analysing(t->paste) || tresult_shown(t) == NULL) {
		switch (a) {
		case ACT_BACK:
		case ACT_EDIT:
		case ACT_PASTE:
			if (tpaste_analysing(t->paste))
				tui_message(t, "%s", _("Analysis cancelled."));
			tpaste_open(t);
			return (1);
		case ACT_QUIT:
		case ACT_HELP:
		case ACT_REDRAW:
			return (0);
		default:
			return (1);
		}
	}
	switch (a) {
	case ACT_RESULT_PANE:
		p->pane = p->pane == PP_TEXT ? PP_VERDICT : PP_TEXT;
		return (1);
	case ACT_NEXT_ENTRY:
	case ACT_PREV_ENTRY:
		if (verdict_select(t, a == ACT_NEXT_ENTRY ? 1 : -1) != 0) {
			tui_message(t, "%s", p->llink < 0 ?
			    _("The verdict cites no catalogue entry.") :
			    _("No more catalogue entries that way."));
			return (1);
		}
		p->pane = PP_VERDICT;
		result_geom(t, &g);
		verdict_show_link(t, &g);
		return (1);
	case ACT_NEXT_PART:
	case ACT_PREV_PART:
		p->ttop = fold_next_part(tresult_shown(t), &p->folds,
		    frow_valid(&p->folds, p->ttop), a == ACT_NEXT_PART ? 1 : -1);
		return (1);
	case ACT_OPEN_ENTRY:
		if (p->pane == PP_TEXT)
			fold_key(t);
		else
			open_entry(t);
		return (1);
	case ACT_EDIT:
	case ACT_PASTE:
		tpaste_open(t);
		return (1);
	case ACT_CHECK:
		tpaste_check(t, p->llink >= 0 ? p->lblock : p->vblock);
		return (1);
	case ACT_CHECK_RECORDS:
		tui_message(t, "%s", tpaste_check_records(t) ?
		    _("The checks' records are shown: r hides them.") :
		    _("The checks' records are hidden: r shows them."));
		/* The verdict's blocks changed length under the top line. */
		result_geom(t, &g);
		verdict_clamp(t, &g);
		return (1);
	case ACT_BACK:
		if (tpaste_checking(t->paste)) {
			tpaste_check_cancel(t);
			tui_message(t, "%s", _("DNS checks cancelled."));
			return (1);
		}
		t->focus = VIEW_LIST;
		tui_message(t, "%s", _("p, then Ctrl-D, brings the diagnosis "
		    "back."));
		return (1);
	default:
		return (0);
	}
}

static void
result_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	struct tresult	*p = tresult_get(t);
	struct rgeom	 g;

	(void)r;
	if (tresult_shown(t) == NULL || tpaste_analysing(t->paste))
		return;
	result_geom(t, &g);
	if (g.pl.text.h > 0 && x >= g.pl.text.x && x < g.pl.text.x +
	    g.pl.text.w)
		p->pane = PP_TEXT;
	else if (g.pl.verdict.h > 0 && x >= g.pl.verdict.x)
		p->pane = PP_VERDICT;
	if (m & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		result_scroll(t, m & BUTTON4_PRESSED ? -SCROLL_WHEEL :
		    SCROLL_WHEEL);
		return;
	}
	if (p->pane == PP_TEXT && (m & BUTTON1_PRESSED)) {
		fold_click(t, &g, y);
		return;
	}
	if (p->pane != PP_VERDICT || y < 1)
		return;
	/* A click on a catalogue entry opens it. */
	if (verdict_select_at(t, &g, y))
		open_entry(t);
}

static const enum action result_hints[] = {
	ACT_NEXT_ENTRY, ACT_OPEN_ENTRY, ACT_CHECK, ACT_RESULT_PANE, ACT_EDIT,
	ACT_BACK, ACT_HELP, ACT_QUIT, ACT_NONE
};

const struct view view_result = {
	.name = "result",
	.keymap = KM_RESULT,
	.pane = PANE_BODY,
	.layout = result_layout,
	.draw = result_draw,
	.key = result_key,
	.motion = result_motion,
	.page = result_page,
	.mouse = result_mouse,
	.hints = result_hints,
};
