/* The detail view: the selected entry laid out by render_entry(). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "browse/browse.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "catalogue/render.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/view.h"

/* Columns kept free on the left of the text. */
#define MARGIN	1

static void
detail_layout(struct tui *t, struct rect *r)
{
	*r = t->lay.show_detail ? t->lay.detail : (struct rect){ 0, 0, 0, 0 };
}

static size_t
text_width(const struct rect *r)
{
	return (r->w > 2 * MARGIN ? (size_t)(r->w - 2 * MARGIN) : 1);
}

static attr_t
line_attr(struct tui *t, const struct entry *e, const struct rline *l)
{
	switch (l->style) {
	case RS_TITLE:
		return (A_BOLD | draw_class_attr(e->klass));
	case RS_HEADING:
		return (draw_attr(TS_HEADING));
	case RS_META:
	case RS_PROVIDER:
		return (draw_attr(TS_META));
	case RS_EXAMPLE:
		return (draw_attr(TS_EXAMPLE));
	case RS_NOTE:
		return (draw_attr(TS_NOTE));
	case RS_RELATED:
		if (l->link == t->b.dlink)
			return (t->focus == VIEW_DETAIL ?
			    draw_attr(TS_SELECTED) : draw_attr(TS_LINK) |
			    A_BOLD);
		return (draw_attr(TS_LINK));
	default:
		return (A_NORMAL);
	}
}

/* What a header row stands for, while no entry is selected. */
static void
draw_summary(struct tui *t, WINDOW *win, const struct rect *r)
{
	const struct brow	*row = browse_row(&t->b);
	char			 line[256];
	int			 w = r->w - 2 * MARGIN;

	if (row == NULL) {
		draw_str(win, 0, MARGIN, w, browse_filtered(&t->b) ?
		    _("Nothing to show: no entry matches the filters.") :
		    _("Nothing to show."), A_NORMAL);
		return;
	}
	if (row->kind == BROW_GROUP)
		snprintf(line, sizeof line, "%s",
		    _(browse_group_title(row->group)));
	else
		snprintf(line, sizeof line, "%s \xe2\x80\x94 %s",
		    _(browse_group_title(row->group)),
		    C_(categories[row->category].title));
	draw_str(win, 0, MARGIN, w, line, draw_attr(TS_HEADING));
	snprintf(line, sizeof line, dngettext(PACKAGE, "%u entry",
	    "%u entries", row->count), row->count);
	draw_str(win, 2, MARGIN, w, line, A_NORMAL);
	draw_str(win, 4, MARGIN, w, row->folded ?
	    _("Enter or Right unfolds the group.") :
	    _("Enter or Left folds the group; move down to an entry to read "
	    "it."), A_NORMAL);
}

static void
detail_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	const struct rdoc	*d;
	const struct entry	*e;
	size_t			 i;

	d = browse_doc(&t->b, text_width(r));
	e = browse_entry(&t->b);
	if (d == NULL || e == NULL) {
		draw_summary(t, win, r);
		return;
	}
	/* The width may have grown since the last scroll. */
	browse_detail_scroll(&t->b, 0, (size_t)r->h);
	for (i = 0; i < (size_t)r->h && t->b.dtop + i < d->n; i++) {
		const struct rline *l = &d->v[t->b.dtop + i];

		/* Why the entry matched: the filter's words stand out. */
		draw_matched(&t->b, t->utf8, win, (int)i, MARGIN,
		    r->w - MARGIN, l->text, line_attr(t, e, l));
	}
	/* Say there is more below, as less does. */
	if (t->b.dtop + (size_t)r->h < d->n && r->h > 1)
		draw_str(win, r->h - 1, r->w - 1, 1, t->utf8 ?
		    "\xe2\x86\x93" : "v", A_BOLD);
}

static long
detail_page(struct tui *t)
{
	return (t->lay.detail.h > 1 ? t->lay.detail.h - 1 : 1);
}

static void
detail_scroll(struct tui *t, long n)
{
	size_t	 h = (size_t)t->lay.detail.h;

	if (n == SCROLL_TOP)
		browse_detail_home(&t->b);
	else if (n == SCROLL_BOTTOM)
		browse_detail_end(&t->b, h);
	else
		browse_detail_scroll(&t->b, n, h);
}

static int
detail_key(struct tui *t, enum action a, int key)
{
	struct browse	*b = &t->b;
	size_t		 h = (size_t)t->lay.detail.h;

	(void)key;
	switch (a) {
	case ACT_NEXT_LINK:
	case ACT_PREV_LINK:
		if (browse_detail_link(b, a == ACT_NEXT_LINK ? 1 : -1, h) != 0)
			tui_message(t, "%s", _("This entry lists no related "
			    "codes."));
		return (1);
	case ACT_FOLLOW_LINK:
		if (browse_detail_follow(b) != 0)
			tui_message(t, "%s", _("This entry lists no related "
			    "codes."));
		return (1);
	case ACT_BACK:
		tui_back(t);
		return (1);
	default:
		return (0);
	}
}

static void
detail_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	struct browse		*b = &t->b;
	const struct rdoc	*d;
	size_t			 line;

	(void)x;
	if (m & BUTTON4_PRESSED) {
		browse_detail_scroll(b, -3, (size_t)r->h);
		return;
	}
	if (m & BUTTON5_PRESSED) {
		browse_detail_scroll(b, 3, (size_t)r->h);
		return;
	}
	t->focus = VIEW_DETAIL;
	if ((d = browse_doc(b, text_width(r))) == NULL)
		return;
	line = b->dtop + (size_t)y;
	if (line < d->n && d->v[line].style == RS_RELATED &&
	    d->v[line].link >= 0) {
		b->dlink = d->v[line].link;
		browse_detail_follow(b);
	}
}

static const enum action detail_hints[] = {
	ACT_NEXT_LINK, ACT_FOLLOW_LINK, ACT_HISTORY_BACK, ACT_BACK, ACT_HELP, ACT_QUIT,
	ACT_NONE
};

const struct view view_detail = {
	.name = "detail",
	.keymap = KM_DETAIL,
	.pane = PANE_DETAIL,
	.layout = detail_layout,
	.draw = detail_draw,
	.key = detail_key,
	.motion = detail_scroll,
	.page = detail_page,
	.mouse = detail_mouse,
	.hints = detail_hints,
};
