/* The list view: group and category headers, and one row per entry. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "browse/browse.h"
#include "catalogue/catalog.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/view.h"

/* Enough for the words of any title; more are simply not highlighted. */

static void
list_layout(struct tui *t, struct rect *r)
{
	*r = t->lay.show_list ? t->lay.list : (struct rect){ 0, 0, 0, 0 };
}

static attr_t
group_attr(int group)
{
	if (group <= GROUP_5XX)
		return (draw_attr(TS_GROUP) | draw_class_attr(group + 2));
	return (draw_attr(TS_GROUP));
}

static void
draw_header(struct tui *t, WINDOW *win, int y, int w, const struct brow *r,
    attr_t sel)
{
	char		 count[32];
	const char	*title;
	int		 x, cw;
	attr_t		 attr;

	if (r->kind == BROW_GROUP) {
		x = 0;
		title = _(browse_group_title(r->group));
		attr = group_attr(r->group);
	} else {
		x = w >= 30 ? 2 : 1;
		title = C_(categories[r->category].title);
		attr = draw_attr(TS_CATEGORY);
	}
	attr |= sel;
	x += draw_str(win, y, x, w - x, r->folded ? draw_glyph_closed() :
	    draw_glyph_open(), attr);
	x++;
	snprintf(count, sizeof count, " (%u)", r->count);
	cw = (int)strlen(count);
	x += draw_matched(&t->b, t->utf8, win, y, x, w - x - cw, title, attr);
	draw_str(win, y, x, w - x, count, sel);
}

static void
draw_entry(struct tui *t, WINDOW *win, int y, int w, const struct brow *r,
    attr_t sel)
{
	const struct entry	*e = &t->cat->entries[r->entry];
	int			 x, codew, cw;

	if (w >= 40)
		x = r->category >= 0 ? 4 : 2;
	else
		x = r->category >= 0 ? 2 : 1;
	codew = w >= 40 ? 10 : 8;
	cw = draw_matched(&t->b, t->utf8, win, y, x, w - x, e->code,
	    draw_class_attr(e->klass) | sel);
	x += cw < codew ? codew : cw + 1;
	if (x >= w)
		return;
	if (e->kind == KIND_NONSTANDARD)
		draw_str(win, y, x, w - x, "*", draw_attr(TS_MARK) | sel);
	x += 2;
	if (x < w)
		draw_matched(&t->b, t->utf8, win, y, x, w - x, C_(e->title), sel);
}

static void
list_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct browse	*b = &t->b;
	size_t		 top, i;
	attr_t		 sel;

	top = browse_view(b, (size_t)r->h);
	if (b->nrows == 0) {
		draw_str(win, 0, 1, r->w - 1, browse_filtered(b) ?
		    _("No entry matches the filters (Esc clears them).") :
		    _("The catalogue is empty."), draw_attr(TS_WARN));
		return;
	}
	sel = t->focus == VIEW_LIST && t->overlay < 0 ?
	    draw_attr(TS_SELECTED) : draw_attr(TS_SELECTED_DIM);
	for (i = 0; i < (size_t)r->h && top + i < b->nrows; i++) {
		const struct brow *row = &b->rows[top + i];
		attr_t a = top + i == b->sel ? sel : A_NORMAL;

		if (a != A_NORMAL)
			draw_fill(win, (int)i, 0, r->w, a);
		if (row->kind == BROW_ENTRY)
			draw_entry(t, win, (int)i, r->w, row, a);
		else
			draw_header(t, win, (int)i, r->w, row, a);
	}
}

static long
list_page(struct tui *t)
{
	return (t->lay.list.h > 1 ? t->lay.list.h - 1 : 1);
}

/* The motions move the selection. */
static void
list_scroll(struct tui *t, long n)
{
	if (n == SCROLL_TOP)
		browse_home(&t->b);
	else if (n == SCROLL_BOTTOM)
		browse_end(&t->b);
	else
		browse_move(&t->b, n);
}

static int
list_key(struct tui *t, enum action a, int key)
{
	struct browse		*b = &t->b;
	const struct brow	*r = browse_row(b);

	(void)key;
	switch (a) {
	case ACT_ENTER:
		if (r != NULL && r->kind == BROW_ENTRY)
			tui_open_detail(t);
		else
			browse_toggle(b);
		return (1);
	case ACT_TOGGLE:
		if (r == NULL || r->kind != BROW_ENTRY)
			browse_toggle(b);
		else if (t->lay.wide)
			browse_detail_scroll(b, t->lay.detail.h > 1 ?
			    t->lay.detail.h - 1 : 1, (size_t)t->lay.detail.h);
		else
			tui_open_detail(t);
		return (1);
	case ACT_FOLD:
		browse_fold(b);
		return (1);
	case ACT_UNFOLD:
		if (!browse_unfold(b) && r != NULL && r->kind == BROW_ENTRY)
			tui_open_detail(t);
		return (1);
	case ACT_FOLD_ALL:
		browse_fold_all(b, !browse_all_folded(b));
		return (1);
	default:
		return (0);
	}
}

static void
list_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	struct browse	*b = &t->b;
	size_t		 row;

	(void)x;
	if (m & BUTTON4_PRESSED) {
		browse_scroll(b, -3, (size_t)r->h);
		return;
	}
	if (m & BUTTON5_PRESSED) {
		browse_scroll(b, 3, (size_t)r->h);
		return;
	}
	t->focus = VIEW_LIST;
	row = b->top + (size_t)y;
	if (row >= b->nrows)
		return;
	if (row == b->sel) {
		/* A second click acts: fold a header, open an entry. */
		if (b->rows[row].kind != BROW_ENTRY)
			browse_toggle(b);
		else if (!t->lay.wide)
			tui_open_detail(t);
		return;
	}
	browse_select_row(b, row);
}

static const enum action list_hints[] = {
	ACT_FILTER, ACT_CLASS_MENU, ACT_CATEGORY_MENU, ACT_ENTER, ACT_BACK, ACT_HELP,
	ACT_QUIT, ACT_NONE
};

const struct view view_list = {
	.name = "list",
	.keymap = KM_LIST,
	.pane = PANE_LIST,
	.layout = list_layout,
	.draw = list_draw,
	.key = list_key,
	.motion = list_scroll,
	.page = list_page,
	.mouse = list_mouse,
	.hints = list_hints,
};
