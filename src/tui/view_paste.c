/*
 * The paste box: a bounce message or an SMTP reply, pasted or typed,
 * up to PASTE_MAX bytes.  Editing is deliberately small (type at the
 * end, Backspace, erase the line, clear): the box is for receiving text
 * to diagnose, not for writing it.  Readline, which the filter prompt
 * keeps, would fit badly here: its buffer is one line whose Enter
 * accepts, its redisplay and undo list are per character (a 10 MB paste
 * would be copied and kept twice), and its keymaps and the user's
 * ~/.inputrc could turn pasted bytes into commands.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "paste/paste_wrap.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/tpaste.h"
#include "tui/view.h"

/* Columns kept free on each side of the text. */
#define MARGIN	1

/* The box view's own: where it shows the text, and the cursor. */
struct tbox {
	int			 follow;	/* the box shows its end */
	size_t			 top;		/* else its first row */
	int			 cur_y, cur_x;	/* where the cursor goes, */
	int			 cur_ok;	/* when it is on screen */
	struct wrap_marks	 marks;		/* row starts of the text */
};

static struct tbox *
tbox_get(struct tui *t)
{
	struct tbox	*b = t->box;

	if (b != NULL)
		return (b);
	b = xcalloc(1, sizeof *b);
	wrap_marks_init(&b->marks);
	b->follow = 1;
	t->box = b;
	return (b);
}

void
tbox_free(struct tui *t)
{
	if (t->box == NULL)
		return;
	wrap_marks_free(&t->box->marks);
	free(t->box);
	t->box = NULL;
}

void
tbox_follow(struct tui *t)
{
	tbox_get(t)->follow = 1;
}

int
tbox_cursor(const struct tui *t, int *y, int *x)
{
	if (t->box == NULL || !t->box->cur_ok)
		return (0);
	*y = t->box->cur_y;
	*x = t->box->cur_x;
	return (1);
}

static struct paste *
text(struct tui *t)
{
	return (tpaste_text(tpaste_get(t)));
}

static void
paste_layout(struct tui *t, struct rect *r)
{
	*r = (struct rect){ 0, 0, 0, 0 };
	if (t->focus == VIEW_PASTE && !t->lay.too_small)
		*r = (struct rect){ t->lay.title.h, 0,
		    t->lay.status.y - t->lay.title.h, t->lay.cols };
}

/* The rows above the text: the invitation and any warnings. */
static int
header_rows(struct tui *t)
{
	return (1 + (text(t)->dropped != 0) + (pasteio_receiving(t) != 0));
}

/* The text area of the box: its first row, height and width. */
static void
text_area(struct tui *t, const struct rect *r, int *y, int *h, int *w)
{
	*y = header_rows(t);
	*h = r->h - *y;
	*w = r->w - 2 * MARGIN;
	if (*h < 0)
		*h = 0;
	if (*w < 1)
		*w = 1;
}

static void
box_wrap(struct tui *t, struct wrap *w, int width)
{
	struct paste	*box = text(t);

	wrap_init(w, box->text.data, box->text.len, width, t->utf8);
	wrap_use_marks(w, &tbox_get(t)->marks);
}

static size_t
first_row(struct tui *t, const struct wrap *w, int h)
{
	struct tbox	*b = tbox_get(t);

	if (b->follow)
		return (wrap_last_page(w, (size_t)h));
	return (wrap_row_start(w, b->top));
}

static void
paste_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	struct tbox	*p;
	struct paste	*box;
	struct wrap	 w;
	char		 line[256], size[32];
	size_t		 row, end, next;
	int		 y, h, width, i, cols;

	if (t->paste == NULL)
		return;
	p = tbox_get(t);
	box = text(t);
	p->cur_ok = 0;
	draw_str(win, 0, MARGIN, r->w - MARGIN, _("Paste a bounce message or "
	    "an SMTP reply here, or type one."), draw_attr(TS_HEADING));
	y = 1;
	if (box->dropped != 0) {
		snprintf(line, sizeof line, _("The box is full (%1$u MiB): "
		    "%2$zu bytes were not taken."), PASTE_MAX >> 20,
		    box->dropped);
		draw_str(win, y++, MARGIN, r->w - MARGIN, line,
		    draw_attr(TS_WARN));
	}
	if (pasteio_receiving(t)) {
		snprintf(size, sizeof size, "%.1f",
		    pasteio_received(t) / 1048576.0);
		snprintf(line, sizeof line, _("Receiving a paste: %s MiB so "
		    "far\xe2\x80\xa6"), size);
		draw_str(win, y++, MARGIN, r->w - MARGIN, line, A_BOLD);
	}
	text_area(t, r, &y, &h, &width);
	if (h == 0)
		return;
	if (box->text.len == 0) {
		draw_str(win, y, MARGIN, width, _("(empty: paste here; Enter "
		    "starts a new line, Ctrl-D diagnoses, Esc closes)"),
		    draw_attr(TS_DIM));
		p->cur_y = y;
		p->cur_x = MARGIN;
		p->cur_ok = 1;
		return;
	}
	box_wrap(t, &w, width);
	row = first_row(t, &w, h);
	if (!p->follow)
		p->top = row;
	for (i = 0; i < h; i++) {
		end = wrap_row(&w, row, &next);
		cols = draw_wrapped(win, y + i, MARGIN, 0, width, &w, row, end,
		    A_NORMAL);
		if (next == WRAP_NONE) {
			p->cur_y = y + i;
			p->cur_x = MARGIN + (cols < width ? cols : width);
			p->cur_ok = 1;
			break;
		}
		row = next;
	}
}

/* Scroll by n rows (down when positive); at the end the box follows it. */
static void
scroll_box(struct tui *t, long n)
{
	struct tbox	*p = tbox_get(t);
	struct rect	 r;
	struct wrap	 w;
	size_t		 top, last;
	int		 y, h, width;

	paste_layout(t, &r);
	text_area(t, &r, &y, &h, &width);
	if (h == 0)
		return;
	box_wrap(t, &w, width);
	top = first_row(t, &w, h);
	last = wrap_last_page(&w, (size_t)h);
	if (n == SCROLL_TOP)
		top = 0;
	else if (n < 0)
		top = wrap_up(&w, top, (size_t)-n);
	else
		top = wrap_down(&w, top, (size_t)n);
	p->follow = top >= last;
	p->top = top;
}

/* At the bottom, the box follows its end as text comes in. */
static void
paste_scroll(struct tui *t, long n)
{
	if (n == SCROLL_BOTTOM)
		tbox_follow(t);
	else
		scroll_box(t, n);
}

static long
paste_page(struct tui *t)
{
	struct rect	 r;
	int		 y, h, w;

	paste_layout(t, &r);
	text_area(t, &r, &y, &h, &w);
	return (h > 1 ? h - 1 : 1);
}

/* Esc and a printable key at once is Meta-key: neither closes the box. */
static int
meta_key(void)
{
	int	 next;

	nodelay(stdscr, TRUE);
	next = wgetch(stdscr);
	nodelay(stdscr, FALSE);
	if (next >= ' ' && next < 127)
		return (1);
	if (next != ERR)
		ungetch(next);
	return (0);
}

static int
paste_key(struct tui *t, enum action a, int key)
{
	struct paste	*box = text(t);
	struct tbox	*b = tbox_get(t);
	char		 c;

	switch (a) {
	case ACT_ANALYSE:
		tpaste_analyse(t);
		return (1);
	case ACT_CLOSE_BOX:
		if (key == KEY_ESC && meta_key())
			return (1);
		t->focus = VIEW_LIST;
		if (box->text.len != 0)
			tui_message(t, "%s", _("The text stays in the box: p "
			    "brings it back."));
		return (1);
	case ACT_NEWLINE:
		paste_add(box, "\n", 1);
		break;
	case ACT_RUBOUT:
		/* Row marks hold up to where the text was cut. */
		paste_rubout(box);
		wrap_marks_cut(&b->marks, box->text.len);
		break;
	case ACT_ERASE_LINE:
		paste_erase_line(box);
		wrap_marks_cut(&b->marks, box->text.len);
		break;
	case ACT_CLEAR_BOX:
		paste_clear(box);
		wrap_marks_reset(&b->marks);
		break;
	case ACT_NONE:
		/* Text: printable bytes (UTF-8 comes a byte a key) and tabs. */
		if (key < 0 || key > 255 || (key < ' ' && key != '\t') ||
		    key == 127)
			return (1);
		c = (char)key;
		if (paste_add(box, &c, 1) != 0)
			tui_message(t, _("The box is full (%u MiB)."),
			    PASTE_MAX >> 20);
		break;
	default:
		return (0);	/* help, redraw */
	}
	b->follow = 1;
	return (1);
}

static void
paste_mouse(struct tui *t, const struct rect *r, int y, int x, mmask_t m)
{
	(void)r;
	(void)y;
	(void)x;
	if (m & BUTTON4_PRESSED)
		scroll_box(t, -SCROLL_WHEEL);
	else if (m & BUTTON5_PRESSED)
		scroll_box(t, SCROLL_WHEEL);
}

static const enum action paste_hints[] = {
	ACT_ANALYSE, ACT_CLOSE_BOX, ACT_CLEAR_BOX, ACT_HELP, ACT_NONE
};

const struct view view_paste = {
	.name = "paste",
	.keymap = KM_PASTE,
	.pane = PANE_BODY,
	.layout = paste_layout,
	.draw = paste_draw,
	.key = paste_key,
	.motion = paste_scroll,
	.page = paste_page,
	.mouse = paste_mouse,
	.text = 1,
	.hints = paste_hints,
};
