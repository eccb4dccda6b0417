/*
 * The verdict pane of the diagnosis: one block per recipient, laid out
 * for the pane's width only when on screen (an mbox may hold thousands),
 * paged by block and line, and the catalogue entry selected in it.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "tui/draw.h"
#include "tui/tpaste.h"
#include "tui/tresult.h"
#include "tui/view.h"

#define MARGIN	1

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
void
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

void
verdict_scroll(struct tui *t, const struct rgeom *g, long n)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*res = tresult_shown(t);
	size_t			 b = p->vblock, l = p->vline, L, m, bb, bl;
	size_t			 nb = presult_blocks(res);

	if (n > 0) {
		m = (size_t)n;
		while (m > 0) {
			L = block_lines(res, b, g->ver_w);
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
			l = block_lines(res, b, g->ver_w);
		}
	}
	verdict_bottom(res, g->ver_w, (size_t)g->ver_h, &bb, &bl);
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
	const struct tresult	*p = t->result;
	struct rdoc		 d;
	long			 at = -1;
	size_t			 i;

	rdoc_init(&d);
	presult_render(tresult_shown(t), p->lblock, (size_t)width, &d);
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
void
verdict_show_link(struct tui *t, const struct rgeom *g)
{
	struct tresult	*p = tresult_get(t);
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
		L = block_lines(tresult_shown(t), b, g->ver_w);
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

void
verdict_clamp(struct tui *t, const struct rgeom *g)
{
	struct tresult	*p = tresult_get(t);
	size_t		 L;

	if (g->ver_h <= 0)
		return;
	L = block_lines(tresult_shown(t), p->vblock, g->ver_w);
	if (p->vline >= L)
		p->vline = L > 0 ? L - 1 : 0;
	verdict_scroll(t, g, 0);
}

/* The line of the last heading of block b, the Checks', or -1. */
static long
checks_line(const struct presult *r, size_t b, int width, size_t *n)
{
	struct rdoc	 d;
	long		 at = -1;
	size_t		 i;

	rdoc_init(&d);
	presult_render(r, b, (size_t)width, &d);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].style == RS_HEADING)
			at = (long)i;
	}
	*n = d.n;
	rdoc_free(&d);
	return (at);
}

void
verdict_show_checks(struct tui *t, const struct rgeom *g, size_t block)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*r = tresult_shown(t);
	size_t			 b, seen = 0, n;
	long			 at;

	if (r == NULL || g->ver_h <= 0 || block >= presult_blocks(r) ||
	    (at = checks_line(r, block, g->ver_w, &n)) < 0)
		return;
	/* All of the block's end on screen already: nothing moves. */
	if (!before(block, (size_t)at, p->vblock, p->vline)) {
		for (b = p->vblock; b <= block && seen <= (size_t)g->ver_h;
		    b++)
			seen += (b == block ? n : block_lines(r, b,
			    g->ver_w)) - (b == p->vblock ? p->vline : 0);
		if (seen <= (size_t)g->ver_h)
			return;
	}
	/* The heading on top, unless that is past the last screenful. */
	p->vblock = block;
	p->vline = (size_t)at;
	verdict_scroll(t, g, 0);
}

/* Select the next (dir > 0) or previous catalogue entry; 0 or -1. */
int
verdict_select(struct tui *t, int dir)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*r = tresult_shown(t);
	size_t			 b = p->lblock;
	long			 k = p->llink + dir;

	if (r == NULL || r->an.nv == 0)
		return (-1);
	for (;;) {
		if (b >= r->an.nv)
			return (-1);
		if (k >= 0 && (size_t)k < r->an.v[b].ncodes) {
			p->lblock = b;
			p->llink = (int)k;
			return (0);
		}
		if (dir > 0) {
			if (++b >= r->an.nv)
				return (-1);
			k = 0;
		} else {
			if (b == 0)
				return (-1);
			b--;
			k = (long)r->an.v[b].ncodes - 1;
		}
	}
}

static attr_t
verdict_attr(struct tui *t, const struct rgeom *g, size_t b,
    const struct rline *l)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*res = tresult_shown(t);
	const struct verdict	*v;

	switch (l->style) {
	case RS_TITLE:
		return (A_BOLD);
	case RS_HEADING:
		return (draw_attr(TS_HEADING));
	case RS_META:
		return (draw_attr(TS_WARN));	/* only part was analysed */
	case RS_NOTE:
		if (b >= res->an.nv)
			return (A_BOLD);
		v = &res->an.v[b];
		if (v->rcpt->kind == MSG_AUTOREPLY ||
		    v->rcpt->kind == MSG_FEEDBACK ||
		    v->rcpt->kind == MSG_DELIVERED || v->permanence_unknown)
			return (A_BOLD);
		return (draw_attr(v->permanent ? TS_HARD : TS_SOFT));
	case RS_CHECK_FAIL:
		return (draw_attr(TS_HARD));
	case RS_CHECK_UNKNOWN:
		return (draw_attr(TS_DIM));
	case RS_EXAMPLE:
		return (draw_attr(TS_EXAMPLE));	/* a record as DNS sent it */
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

void
verdict_draw(struct tui *t, WINDOW *win, const struct rgeom *g)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*r = tresult_shown(t);
	const struct rect	*pr = &g->pl.verdict;
	struct rdoc		 d;
	char			 head[160];
	size_t			 b = p->vblock, l = p->vline, nb;
	int			 y = 1, more = 0;
	attr_t			 a;

	if (r->an.nv == 0)
		snprintf(head, sizeof head, "%s", r->an.doc.nrcpts != 0 ?
		    _("Verdict: none, the rules did not load") :
		    _("Verdict: not a bounce"));
	else
		snprintf(head, sizeof head, dngettext(PACKAGE,
		    "Verdict: %zu recipient", "Verdict: %zu recipients",
		    r->an.nv), r->an.nv);
	draw_pane_title(win, 0, pr->x, pr->w, head, !g->pl.wide ||
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

int
verdict_select_at(struct tui *t, const struct rgeom *g, int y)
{
	struct tresult		*p = tresult_get(t);
	const struct presult	*res = tresult_shown(t);
	struct rdoc		 d;
	size_t			 b = p->vblock, l = p->vline, at;
	int			 row = 1, hit = 0;

	if (y < 1)
		return (0);
	for (; b < presult_blocks(res); b++, l = 0) {
		rdoc_init(&d);
		presult_render(res, b, (size_t)g->ver_w, &d);
		at = l + (size_t)(y - row);
		if (at < d.n) {
			if (d.v[at].style == RS_RELATED && d.v[at].link >= 0) {
				p->lblock = b;
				p->llink = d.v[at].link;
				hit = 1;
			}
			rdoc_free(&d);
			return (hit);
		}
		row += (int)(d.n - l);
		rdoc_free(&d);
	}
	return (0);
}
