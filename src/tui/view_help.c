/* The help overlay: the key tables of action.c, drawn in a box. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/view.h"

#define HELP_WIDTH	78
#define KEYS_WIDTH	20

struct help_line {
	char	*keys;		/* NULL on a section title */
	char	*text;
};

struct help_doc {
	struct help_line	*v;
	size_t			 n;
	size_t			 cap;
};

static void
add_line(void *arg, const char *keys, const char *text)
{
	struct help_doc	*h = arg;

	if (h->n == h->cap) {
		h->cap = h->cap == 0 ? 64 : h->cap * 2;
		h->v = xreallocarray(h->v, h->cap, sizeof *h->v);
	}
	h->v[h->n].keys = keys != NULL ? xstrdup(keys) : NULL;
	h->v[h->n].text = xstrdup(text);
	h->n++;
}

/* The whole help text, from the key tables plus the mouse and legend. */
static void
help_build(struct help_doc *h)
{
	memset(h, 0, sizeof *h);
	add_line(h, NULL, _("Reading the list"));
	add_line(h, "*", _("The code is defined by no standard"));
	add_line(h, "(12)", _("Entries in the group, after the filters"));
	keymap_each(add_line, h);
	add_line(h, NULL, _("Mouse"));
	add_line(h, _("Click"), _("Select a row; click again to open or "
	    "fold it"));
	add_line(h, _("Click a code"), _("Follow a related code in the "
	    "detail"));
	add_line(h, _("Wheel"), _("Scroll the pane under the pointer"));
}

static void
help_free(struct help_doc *h)
{
	size_t	 i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].keys);
		free(h->v[i].text);
	}
	free(h->v);
}

static void
help_layout(struct tui *t, struct rect *r)
{
	struct help_doc	 h;

	if (t->help_lines == 0) {
		help_build(&h);
		t->help_lines = h.n;
		help_free(&h);
	}
	layout_center(&t->lay, (int)t->help_lines + 2, HELP_WIDTH, r);
}

static size_t
body_height(const struct tui *t)
{
	int	 h = t->panes[PANE_OVERLAY].r.h - 2;

	return (h > 0 ? (size_t)h : 0);
}

static void
clamp_top(struct tui *t)
{
	size_t	 h = body_height(t);

	if (t->help_lines <= h)
		t->help_top = 0;
	else if (t->help_top > t->help_lines - h)
		t->help_top = t->help_lines - h;
}

static void
help_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct help_doc	 h;
	size_t		 i, body;
	int		 y, kw = 0, w;

	if (r->h < 3 || r->w < 6) {
		draw_str(win, 0, 0, r->w, _("Help"), A_BOLD);
		return;
	}
	help_build(&h);
	t->help_lines = h.n;
	body = (size_t)(r->h - 2);
	clamp_top(t);
	box(win, 0, 0);
	draw_str(win, 0, 2, r->w - 4, _(" Keys (? or Esc closes) "), A_BOLD);
	for (i = 0; i < h.n; i++) {
		if (h.v[i].keys != NULL && draw_width(h.v[i].keys) > kw)
			kw = draw_width(h.v[i].keys);
	}
	if (kw > KEYS_WIDTH)
		kw = KEYS_WIDTH;
	if (kw > (r->w - 4) / 3)
		kw = (r->w - 4) / 3;
	w = r->w - 3;
	for (i = 0; i < body && t->help_top + i < h.n; i++) {
		const struct help_line *l = &h.v[t->help_top + i];

		y = (int)i + 1;
		if (l->keys == NULL) {
			draw_str(win, y, 2, w - 1, l->text, draw_attr(TS_HEADING));
			continue;
		}
		draw_str(win, y, 3, kw, l->keys, A_BOLD);
		draw_str(win, y, 3 + kw + 2, w - kw - 4, l->text, A_NORMAL);
	}
	if (t->help_top + body < h.n)
		draw_str(win, r->h - 1, r->w - 8, 6, t->utf8 ?
		    " \xe2\x86\x93 " : " v ", A_BOLD);
	help_free(&h);
}

static long
help_page(struct tui *t)
{
	return (body_height(t) > 1 ? (long)body_height(t) - 1 : 1);
}

static void
help_scroll(struct tui *t, long n)
{
	t->help_top = scroll_to(t->help_top, n, t->help_lines);
	clamp_top(t);
}

static int
help_key(struct tui *t, enum action a, int key)
{
	(void)key;
	if (a != ACT_BACK)
		return (0);
	t->overlay = -1;
	return (1);
}

static void
help_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	(void)r;
	(void)y;
	(void)x;
	if (m & BUTTON4_PRESSED)
		help_scroll(t, -SCROLL_WHEEL);
	else if (m & BUTTON5_PRESSED)
		help_scroll(t, SCROLL_WHEEL);
}

void
help_open(struct tui *t)
{
	t->overlay = VIEW_HELP;
	t->help_top = 0;
}

static const enum action help_hints[] = { ACT_BACK, ACT_NONE };

const struct view view_help = {
	.name = "help",
	.keymap = KM_HELP,
	.pane = PANE_OVERLAY,
	.layout = help_layout,
	.draw = help_draw,
	.key = help_key,
	.motion = help_scroll,
	.page = help_page,
	.mouse = help_mouse,
	.hints = help_hints,
};
