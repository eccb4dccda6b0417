/*
 * The diagnosis of the pasted text: the decoded text with each kind of
 * part in its own style under a legend, and the verdict per recipient
 * beside it (or, on a narrow terminal, instead of it: Tab shows the
 * other).  The verdict's catalogue entries open in the detail view,
 * from which Backspace or Esc comes back here.
 */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "paste_wrap.h"
#include "tui/draw.h"
#include "tui/tpaste.h"
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

/* Where everything goes, relative to the body window. */
struct geom {
	struct paste_layout	 pl;
	int			 legend;	/* rows under the text header */
	int			 text_y, text_h, text_w;
	int			 ver_h, ver_w;
};

void
tresult_reset(struct tui *t)
{
	struct tpaste	*p = t->paste;

	p->ttop = 0;
	p->ttop_width = 0;
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

	if (res == NULL || res->kinds == 0 || w < 8)
		return (0);
	x = x0 + MARGIN;
	if (win != NULL)
		draw_str(win, y0, x, w - MARGIN, title, A_BOLD);
	x += draw_width(title) + 1;
	for (k = 0; k < SPAN__COUNT; k++) {
		if (!(res->kinds & (1u << k)))
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

static void
geom(struct tui *t, struct geom *g)
{
	struct tpaste	*p = t->paste;
	struct rect	 body, rel;

	memset(g, 0, sizeof *g);
	result_layout(t, &body);
	rel = (struct rect){ 0, 0, body.h, body.w };
	paste_layout_compute(&g->pl, &rel, p->pane);
	if (g->pl.text.h > 0) {
		g->legend = legend(p->res, NULL, g->pl.text.x, 1,
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
text_wrap(struct tui *t, const struct geom *g, struct wrap *w)
{
	struct tpaste	*p = t->paste;
	struct buf	*text = &p->res->doc.text;

	wrap_init(w, text->data, text->len, g->text_w, t->utf8);
	wrap_use_marks(w, &p->text_marks);
	if (p->ttop_width != g->text_w) {
		/* After a resize: the row that holds the old first byte. */
		p->ttop = wrap_row_start(w, p->ttop);
		p->ttop_width = g->text_w;
	}
}

static size_t
block_lines(const struct presult *r, size_t b, int width)
{
	struct rdoc	 d;
	size_t		 n;

	rdoc_init(&d);
	presult_render(r, b, (size_t)width, &d);
	n = d.n;
	rdoc_free(&d);
	return (n);
}

/* The first line of the verdict's last screenful. */
static void
verdict_bottom(const struct presult *r, int width, size_t h, size_t *b,
    size_t *l)
{
	size_t	 L;

	*b = presult_blocks(r) - 1;
	L = block_lines(r, *b, width);
	while (L < h && *b > 0) {
		h -= L;
		(*b)--;
		L = block_lines(r, *b, width);
	}
	*l = L > h ? L - h : 0;
}

static int
before(size_t b1, size_t l1, size_t b2, size_t l2)
{
	return (b1 < b2 || (b1 == b2 && l1 < l2));
}

static void
verdict_scroll(struct tui *t, const struct geom *g, long n)
{
	struct tpaste	*p = t->paste;
	size_t		 b = p->vblock, l = p->vline, L, m, bb, bl;
	size_t		 nb = presult_blocks(p->res);

	if (n > 0) {
		m = (size_t)n;
		while (m > 0) {
			L = block_lines(p->res, b, g->ver_w);
			if (l + m < L) {
				l += m;
				break;
			}
			if (b + 1 >= nb) {
				l = L > 0 ? L - 1 : 0;
				break;
			}
			m -= L - l;
			b++;
			l = 0;
		}
	} else {
		m = (size_t)-n;
		while (m > 0) {
			if (l >= m) {
				l -= m;
				break;
			}
			if (b == 0) {
				l = 0;
				break;
			}
			m -= l;
			b--;
			l = block_lines(p->res, b, g->ver_w);
		}
	}
	verdict_bottom(p->res, g->ver_w, (size_t)g->ver_h, &bb, &bl);
	if (before(bb, bl, b, l)) {
		b = bb;
		l = bl;
	}
	p->vblock = b;
	p->vline = l;
}

/* The line of the selected entry in its block, or -1. */
static long
link_line(const struct tui *t, int width)
{
	const struct tpaste	*p = t->paste;
	struct rdoc		 d;
	long			 at = -1;
	size_t			 i;

	rdoc_init(&d);
	presult_render(p->res, p->lblock, (size_t)width, &d);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].style == RS_RELATED && d.v[i].link == p->llink) {
			at = (long)i;
			break;
		}
	}
	rdoc_free(&d);
	return (at);
}

/* Scroll the verdict so that the selected entry is on screen. */
static void
show_link(struct tui *t, const struct geom *g)
{
	struct tpaste	*p = t->paste;
	size_t		 b, seen, L, line;
	long		 at;

	if (p->llink < 0 || g->ver_h <= 0 ||
	    (at = link_line(t, g->ver_w)) < 0)
		return;
	line = (size_t)at;
	if (before(p->lblock, line, p->vblock, p->vline)) {
		p->vblock = p->lblock;
		p->vline = line;
		return;
	}
	/* Count the lines down to it, up to a screenful. */
	seen = 0;
	for (b = p->vblock; b < p->lblock && seen < (size_t)g->ver_h; b++) {
		L = block_lines(p->res, b, g->ver_w);
		seen += L - (b == p->vblock ? p->vline : 0);
	}
	if (b == p->lblock) {
		seen += line - (b == p->vblock ? p->vline : 0);
		if (seen < (size_t)g->ver_h)
			return;
	}
	p->vblock = p->lblock;
	p->vline = line;
	verdict_scroll(t, g, -(long)(g->ver_h - 1));
}

/* Select the next (dir > 0) or previous catalogue entry; 0 or -1. */
static int
select_link(struct tui *t, int dir)
{
	struct tpaste		*p = t->paste;
	const struct presult	*r = p->res;
	size_t			 b = p->lblock;
	long			 k = p->llink + dir;

	if (r == NULL || r->nv == 0)
		return (-1);
	for (;;) {
		if (b >= r->nv)
			return (-1);
		if (k >= 0 && (size_t)k < r->v[b].ncodes) {
			p->lblock = b;
			p->llink = (int)k;
			return (0);
		}
		if (dir > 0) {
			if (++b >= r->nv)
				return (-1);
			k = 0;
		} else {
			if (b == 0)
				return (-1);
			b--;
			k = (long)r->v[b].ncodes - 1;
		}
	}
}

int
tresult_poll(struct tui *t)
{
	struct tpaste	*p = t->paste;
	struct presult	*res;

	if (p == NULL || !p->analysing)
		return (0);
	if ((res = pjob_take(p->job)) == NULL)
		return (t->focus == VIEW_RESULT);	/* the clock moves */
	p->analysing = 0;
	p->took = tpaste_elapsed(&p->started);
	presult_free(p->res);
	p->res = res;
	wrap_marks_reset(&p->text_marks);
	tresult_reset(t);
	/* A new verdict is what the user waits for: it has the focus. */
	p->pane = PP_VERDICT;
	select_link(t, 1);
	return (1);
}

static void
draw_header(WINDOW *win, int y, int x, int w, const char *text, int focused)
{
	attr_t	 a = focused ? draw_attr(TS_SELECTED) : A_BOLD | A_UNDERLINE;

	draw_fill(win, y, x, w, a);
	draw_str(win, y, x + MARGIN, w - MARGIN, text, a);
}

static void
draw_text_pane(struct tui *t, WINDOW *win, const struct geom *g)
{
	struct tpaste		*p = t->paste;
	const struct presult	*r = p->res;
	const struct rect	*pr = &g->pl.text;
	struct wrap		 w;
	char			 head[160];
	size_t			 row, end, next = WRAP_NONE, pos, k, to;
	int			 i, col;
	attr_t			 a;

	text_wrap(t, g, &w);
	snprintf(head, sizeof head, _("Text, line %1$zu of %2$zu (%3$d%%)"),
	    presult_line(r, p->ttop) + 1, r->nlines, r->doc.text.len == 0 ?
	    100 : (int)(p->ttop * 100 / r->doc.text.len));
	draw_header(win, 0, pr->x, pr->w, head, !g->pl.wide ||
	    p->pane == PP_TEXT);
	legend(r, win, pr->x, 1, pr->w);
	row = p->ttop;
	for (i = 0; i < g->text_h; i++) {
		end = wrap_row(&w, row, &next);
		col = 0;
		/* The row in runs of one style: a flat span, or plain text. */
		for (pos = row, k = presult_seg(r, row); pos < end; pos = to) {
			if (k < r->nsegs && r->segs[k].off <= pos) {
				to = r->segs[k].off + r->segs[k].len;
				a = draw_span_attr(r->segs[k].kind);
				k++;
			} else {
				to = k < r->nsegs ? r->segs[k].off : end;
				a = A_NORMAL;
			}
			if (to > end)
				to = end;
			col += draw_wrapped(win, g->text_y + i, pr->x + MARGIN +
			    col, col, g->text_w - col, &w, pos, to, a);
		}
		if (next == WRAP_NONE)
			break;
		row = next;
	}
	if (next != WRAP_NONE && g->text_h > 0)
		draw_str(win, g->text_y + g->text_h - 1, pr->x + pr->w - 1, 1,
		    t->utf8 ? "\xe2\x86\x93" : "v", A_BOLD);
}

static attr_t
verdict_attr(struct tui *t, const struct geom *g, size_t b,
    const struct rline *l)
{
	struct tpaste		*p = t->paste;
	const struct verdict	*v;

	switch (l->style) {
	case RS_TITLE:
		return (A_BOLD);
	case RS_HEADING:
		return (draw_attr(TS_HEADING));
	case RS_META:
		return (draw_attr(TS_WARN));	/* only part was analysed */
	case RS_NOTE:
		if (b >= p->res->nv)
			return (A_BOLD);
		v = &p->res->v[b];
		if (v->rcpt->kind == MSG_AUTOREPLY ||
		    v->rcpt->kind == MSG_FEEDBACK ||
		    v->rcpt->kind == MSG_DELIVERED)
			return (A_BOLD);
		return (draw_attr(v->permanent ? TS_HARD : TS_SOFT));
	case RS_RELATED:
		if (b == p->lblock && l->link == p->llink)
			return (!g->pl.wide || p->pane == PP_VERDICT ?
			    draw_attr(TS_SELECTED) : draw_attr(TS_LINK) |
			    A_BOLD);
		return (draw_attr(TS_LINK));
	default:
		return (A_NORMAL);
	}
}

static void
draw_verdict_pane(struct tui *t, WINDOW *win, const struct geom *g)
{
	struct tpaste		*p = t->paste;
	const struct presult	*r = p->res;
	const struct rect	*pr = &g->pl.verdict;
	struct rdoc		 d;
	char			 head[160];
	size_t			 b = p->vblock, l = p->vline, nb;
	int			 y = 1, more = 0;
	attr_t			 a;

	if (r->nv == 0)
		snprintf(head, sizeof head, "%s", _("Verdict: not a bounce"));
	else
		snprintf(head, sizeof head, dngettext(PACKAGE,
		    "Verdict: %zu recipient", "Verdict: %zu recipients",
		    r->nv), r->nv);
	draw_header(win, 0, pr->x, pr->w, head, !g->pl.wide ||
	    p->pane == PP_VERDICT);
	nb = presult_blocks(r);
	while (y <= g->ver_h && b < nb) {
		rdoc_init(&d);
		presult_render(r, b, (size_t)g->ver_w, &d);
		for (; l < d.n && y <= g->ver_h; l++, y++) {
			a = verdict_attr(t, g, b, &d.v[l]);
			if (d.v[l].style == RS_RELATED && b == p->lblock &&
			    d.v[l].link == p->llink)
				draw_fill(win, y, pr->x, pr->w, a);
			draw_str(win, y, pr->x + MARGIN, g->ver_w, d.v[l].text,
			    a);
		}
		more = l < d.n || b + 1 < nb;
		rdoc_free(&d);
		if (y > g->ver_h)
			break;
		b++;
		l = 0;
	}
	if (y > g->ver_h && more && g->ver_h > 0)
		draw_str(win, g->ver_h, pr->x + pr->w - 1, 1,
		    t->utf8 ? "\xe2\x86\x93" : "v", A_BOLD);
}

static void
draw_busy(struct tui *t, WINDOW *win, const struct rect *r)
{
	static const char	*const spin[] = { "|", "/", "-", "\\" };
	struct tpaste		*p = t->paste;
	char			 line[160];
	double			 s = tpaste_elapsed(&p->started);

	snprintf(line, sizeof line, _("%1$s Analysing %2$zu bytes\xe2\x80\xa6 "
	    "%3$.1f s"), spin[(int)(s * 8) % 4], p->box.text.len, s);
	draw_str(win, 1, 2, r->w - 2, line, A_BOLD);
	draw_str(win, 3, 2, r->w - 2, _("Esc goes back to the box; the "
	    "other keys keep working."), A_NORMAL);
}

static void
result_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct tpaste	*p = t->paste;
	struct geom	 g;

	if (p == NULL)
		return;
	if (p->analysing) {
		draw_busy(t, win, r);
		return;
	}
	if (p->res == NULL) {
		draw_str(win, 1, 2, r->w - 2, _("Nothing diagnosed yet: p opens "
		    "the paste box."), A_NORMAL);
		return;
	}
	geom(t, &g);
	if (g.pl.text.h > 0)
		draw_text_pane(t, win, &g);
	if (g.pl.sep.h > 0)
		draw_vline_at(win, g.pl.sep.x, g.pl.sep.h);
	if (g.pl.verdict.h > 0)
		draw_verdict_pane(t, win, &g);
}

static void
text_scroll(struct tui *t, const struct geom *g, long n)
{
	struct tpaste	*p = t->paste;
	struct wrap	 w;
	size_t		 last;

	if (g->text_h <= 0)
		return;
	text_wrap(t, g, &w);
	last = wrap_last_page(&w, (size_t)g->text_h);
	if (n == LONG_MIN)
		p->ttop = 0;
	else if (n == LONG_MAX)
		p->ttop = last;
	else if (n < 0)
		p->ttop = wrap_up(&w, p->ttop, (size_t)-n);
	else
		p->ttop = wrap_down(&w, p->ttop, (size_t)n);
	if (p->ttop > last)
		p->ttop = last;
}

static void
result_scroll(struct tui *t, long n)
{
	struct tpaste	*p = t->paste;
	struct geom	 g;
	size_t		 bb, bl;

	geom(t, &g);
	if (p->pane == PP_TEXT) {
		text_scroll(t, &g, n);
		return;
	}
	if (g.ver_h <= 0)
		return;
	if (n == LONG_MIN) {
		p->vblock = p->vline = 0;
	} else if (n == LONG_MAX) {
		verdict_bottom(p->res, g.ver_w, (size_t)g.ver_h, &bb, &bl);
		p->vblock = bb;
		p->vline = bl;
	} else
		verdict_scroll(t, &g, n);
}

static long
page(struct tui *t)
{
	struct tpaste	*p = t->paste;
	struct geom	 g;
	int		 h;

	geom(t, &g);
	h = p->pane == PP_TEXT ? g.text_h : g.ver_h;
	return (h > 1 ? h - 1 : 1);
}

static void
open_entry(struct tui *t)
{
	struct tpaste		*p = t->paste;
	const struct entry	*e;

	if (p->llink < 0 || p->res == NULL || p->lblock >= p->res->nv) {
		tui_message(t, "%s", _("The verdict cites no catalogue entry."));
		return;
	}
	e = p->res->v[p->lblock].codes[p->llink];
	if (browse_select_entry(&t->b, (uint32_t)(e - t->cat->entries)) != 0)
		return;
	t->focus = VIEW_DETAIL;
	t->from_result = 1;
}

static int
result_key(struct tui *t, enum action a, int key)
{
	struct tpaste	*p = tpaste_get(t);
	struct geom	 g;

	(void)key;
	if (p->analysing || p->res == NULL) {
		switch (a) {
		case ACT_BACK:
		case ACT_EDIT:
		case ACT_PASTE:
			if (p->analysing)
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
	case ACT_UP:
		result_scroll(t, -1);
		return (1);
	case ACT_DOWN:
		result_scroll(t, 1);
		return (1);
	case ACT_PAGE_UP:
		result_scroll(t, -page(t));
		return (1);
	case ACT_PAGE_DOWN:
		result_scroll(t, page(t));
		return (1);
	case ACT_TOP:
		result_scroll(t, LONG_MIN);
		return (1);
	case ACT_BOTTOM:
		result_scroll(t, LONG_MAX);
		return (1);
	case ACT_RESULT_PANE:
		p->pane = p->pane == PP_TEXT ? PP_VERDICT : PP_TEXT;
		return (1);
	case ACT_NEXT_ENTRY:
	case ACT_PREV_ENTRY:
		if (select_link(t, a == ACT_NEXT_ENTRY ? 1 : -1) != 0) {
			tui_message(t, "%s", p->llink < 0 ?
			    _("The verdict cites no catalogue entry.") :
			    _("No more catalogue entries that way."));
			return (1);
		}
		p->pane = PP_VERDICT;
		geom(t, &g);
		show_link(t, &g);
		return (1);
	case ACT_OPEN_ENTRY:
		open_entry(t);
		return (1);
	case ACT_EDIT:
	case ACT_PASTE:
		tpaste_open(t);
		return (1);
	case ACT_BACK:
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
	struct tpaste	*p = t->paste;
	struct geom	 g;
	struct rdoc	 d;
	size_t		 b, l;
	int		 row;

	(void)r;
	if (p == NULL || p->res == NULL || p->analysing)
		return;
	geom(t, &g);
	if (g.pl.text.h > 0 && x >= g.pl.text.x && x < g.pl.text.x +
	    g.pl.text.w)
		p->pane = PP_TEXT;
	else if (g.pl.verdict.h > 0 && x >= g.pl.verdict.x)
		p->pane = PP_VERDICT;
	if (m & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		result_scroll(t, m & BUTTON4_PRESSED ? -3 : 3);
		return;
	}
	if (p->pane != PP_VERDICT || y < 1)
		return;
	/* A click on a catalogue entry opens it. */
	b = p->vblock;
	l = p->vline;
	for (row = 1; b < presult_blocks(p->res); b++, l = 0) {
		rdoc_init(&d);
		presult_render(p->res, b, (size_t)g.ver_w, &d);
		if (l + (size_t)(y - row) < d.n) {
			const struct rline *rl = &d.v[l + (size_t)(y - row)];

			if (rl->style == RS_RELATED && rl->link >= 0) {
				p->lblock = b;
				p->llink = rl->link;
				rdoc_free(&d);
				open_entry(t);
				return;
			}
			rdoc_free(&d);
			return;
		}
		row += (int)(d.n - l);
		rdoc_free(&d);
	}
}

static const enum action result_hints[] = {
	ACT_NEXT_ENTRY, ACT_OPEN_ENTRY, ACT_RESULT_PANE, ACT_EDIT, ACT_BACK,
	ACT_HELP, ACT_QUIT, ACT_NONE
};

const struct view view_result = {
	.name = "result",
	.keymap = KM_RESULT,
	.pane = PANE_BODY,
	.layout = result_layout,
	.draw = result_draw,
	.key = result_key,
	.mouse = result_mouse,
	.hints = result_hints,
};
