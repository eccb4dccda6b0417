/* The class and category menus: a small box of filter choices. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "browse/browse.h"
#include "catalogue/category.h"
#include "base/i18n.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/view.h"

#define MENU_WIDTH	52

static const char *class_items[] = {
	N_("Every class"),
	N_("2xx success"),
	N_("3xx intermediate"),
	N_("4xx transient failure"),
	N_("5xx permanent failure"),
};
#define NCLASS_ITEMS	(int)(sizeof class_items / sizeof class_items[0])

static int
menu_items(const struct tui *t)
{
	return (t->menu_kind == MENU_CLASS ? NCLASS_ITEMS :
	    (int)ncategories + 1);
}

/* The item that stands for the filter in force. */
static int
menu_current(const struct tui *t)
{
	if (t->menu_kind == MENU_CLASS)
		return (t->b.klass == 0 ? 0 : t->b.klass - 1);
	return (t->b.category + 1);
}

static void
menu_label(struct tui *t, int i, char *buf, size_t size)
{
	if (t->menu_kind == MENU_CLASS) {
		snprintf(buf, size, "%s", _(class_items[i]));
		return;
	}
	if (i == 0)
		snprintf(buf, size, "%s", _("Every category"));
	else
		snprintf(buf, size, "%s (%zu)", C_(categories[i - 1].title),
		    browse_count_category(&t->b, i - 1));
}

static void
menu_layout(struct tui *t, struct rect *r)
{
	layout_center(&t->lay, menu_items(t) + 2, MENU_WIDTH, r);
}

static void
menu_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	char	 label[256];
	int	 i, n = menu_items(t), body = r->h - 2, first = 0, y;
	attr_t	 a;

	if (r->h < 3 || r->w < 8)
		return;
	box(win, 0, 0);
	draw_str(win, 0, 2, r->w - 4, t->menu_kind == MENU_CLASS ?
	    _(" Show the class ") : _(" Show the category "), A_BOLD);
	if (t->menu_sel >= body)
		first = t->menu_sel - body + 1;
	for (i = first; i < n && i - first < body; i++) {
		y = i - first + 1;
		a = i == t->menu_sel ? draw_attr(TS_SELECTED) : A_NORMAL;
		if (a != A_NORMAL)
			draw_fill(win, y, 1, r->w - 2, a);
		draw_str(win, y, 2, 2, i == menu_current(t) ?
		    (t->utf8 ? "\xe2\x97\x8f" : "*") : " ", a);
		menu_label(t, i, label, sizeof label);
		draw_str(win, y, 4, r->w - 5, label,
		    a | (t->menu_kind == MENU_CLASS && i > 0 ?
		    draw_class_attr(i + 1) : A_NORMAL));
	}
}

static void
menu_choose(struct tui *t)
{
	if (t->menu_kind == MENU_CLASS)
		browse_set_class(&t->b, t->menu_sel == 0 ? 0 : t->menu_sel + 1);
	else
		browse_set_category(&t->b, t->menu_sel - 1);
	t->overlay = -1;
}

/* The motions move the selection, from the first item to the last. */
static void
menu_scroll(struct tui *t, long n)
{
	t->menu_sel = (int)scroll_to((size_t)t->menu_sel, n,
	    (size_t)menu_items(t) - 1);
}

static long
menu_page(struct tui *t)
{
	long	 h = t->panes[PANE_OVERLAY].r.h - 2;

	return (h > 1 ? h - 1 : 1);
}

static int
menu_key(struct tui *t, enum action a, int key)
{
	(void)key;
	switch (a) {
	case ACT_SELECT:
		menu_choose(t);
		return (1);
	case ACT_BACK:
		t->overlay = -1;
		return (1);
	default:
		return (0);
	}
}

static void
menu_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	int	 body = r->h - 2, first = 0, i;

	(void)x;
	/* A wheel's turn moves one item: the menus are short. */
	if (m & BUTTON4_PRESSED) {
		menu_scroll(t, -1);
		return;
	}
	if (m & BUTTON5_PRESSED) {
		menu_scroll(t, 1);
		return;
	}
	if (t->menu_sel >= body)
		first = t->menu_sel - body + 1;
	i = first + y - 1;
	if (y >= 1 && y <= body && i < menu_items(t)) {
		t->menu_sel = i;
		menu_choose(t);
	}
}

void
menu_open(struct tui *t, enum menu_kind kind)
{
	t->menu_kind = kind;
	t->menu_sel = menu_current(t);
	t->overlay = VIEW_MENU;
}

static const enum action menu_hints[] = { ACT_SELECT, ACT_BACK, ACT_NONE };

const struct view view_menu = {
	.name = "menu",
	.keymap = KM_MENU,
	.pane = PANE_OVERLAY,
	.layout = menu_layout,
	.draw = menu_draw,
	.key = menu_key,
	.motion = menu_scroll,
	.page = menu_page,
	.mouse = menu_mouse,
	.hints = menu_hints,
};
