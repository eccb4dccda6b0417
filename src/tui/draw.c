/* Drawing helpers shared by the views. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "buf.h"
#include "tui/draw.h"
#include "utf8.h"

enum {
	PAIR_GREEN = 1,
	PAIR_CYAN,
	PAIR_YELLOW,
	PAIR_RED,
	PAIR_BLUE,
	PAIR_MAGENTA
};

static attr_t	 styles[TS__COUNT];
static int	 utf8_locale = 1;

void
draw_set_utf8(int on)
{
	utf8_locale = on;
}

const char *
draw_glyph_open(void)
{
	return (utf8_locale ? "\xe2\x96\xbe" : "-");
}

const char *
draw_glyph_closed(void)
{
	return (utf8_locale ? "\xe2\x96\xb8" : "+");
}

/*
 * The pane separator.  In a UTF-8 locale draw U+2502 itself: terminals
 * whose TERM lacks a working alternate charset (tmux under an xterm
 * TERM, for one) would otherwise show ACS_VLINE as a letter 'x'.
 */
void
draw_vline(WINDOW *w, int n)
{
	cchar_t	 bar;
	wchar_t	 wc[2] = { 0x2502, 0 };
	int	 y;

	if (!utf8_locale) {
		mvwvline(w, 0, 0, ACS_VLINE, n);
		return;
	}
	setcchar(&bar, wc, A_NORMAL, 0, NULL);
	for (y = 0; y < n; y++)
		mvwadd_wch(w, y, 0, &bar);
}

static const char *
ellipsis(int *w)
{
	*w = utf8_locale ? 1 : 3;
	return (utf8_locale ? "\xe2\x80\xa6" : "...");
}

int
draw_init(void)
{
	const char	*nc = getenv("NO_COLOR");
	int		 color, bg = -1;

	color = has_colors() && (nc == NULL || nc[0] == '\0');
	if (color && start_color() == OK && COLORS >= 8) {
		/* The terminal's own background, as htop and tig do. */
		if (use_default_colors() != OK)
			bg = COLOR_BLACK;
		init_pair(PAIR_GREEN, COLOR_GREEN, (short)bg);
		init_pair(PAIR_CYAN, COLOR_CYAN, (short)bg);
		init_pair(PAIR_YELLOW, COLOR_YELLOW, (short)bg);
		init_pair(PAIR_RED, COLOR_RED, (short)bg);
		init_pair(PAIR_BLUE, COLOR_BLUE, (short)bg);
		init_pair(PAIR_MAGENTA, COLOR_MAGENTA, (short)bg);
	} else
		color = 0;

	styles[TS_NORMAL] = A_NORMAL;
	styles[TS_BAR] = A_REVERSE;
	styles[TS_GROUP] = A_BOLD;
	styles[TS_CATEGORY] = A_BOLD;
	styles[TS_SELECTED] = A_REVERSE;
	styles[TS_SELECTED_DIM] = A_UNDERLINE;
	styles[TS_MATCH] = A_BOLD | A_UNDERLINE;
	styles[TS_HEADING] = A_BOLD | A_UNDERLINE;
	styles[TS_META] = A_NORMAL;
	styles[TS_EXAMPLE] = A_NORMAL;
	styles[TS_LINK] = A_UNDERLINE;
	styles[TS_NOTE] = A_BOLD;
	styles[TS_MARK] = A_BOLD;
	styles[TS_WARN] = A_BOLD | A_REVERSE;
	if (color) {
		styles[TS_CLASS2] = COLOR_PAIR(PAIR_GREEN);
		styles[TS_CLASS3] = COLOR_PAIR(PAIR_CYAN);
		styles[TS_CLASS4] = COLOR_PAIR(PAIR_YELLOW);
		styles[TS_CLASS5] = COLOR_PAIR(PAIR_RED);
		styles[TS_CATEGORY] = A_BOLD | COLOR_PAIR(PAIR_BLUE);
		styles[TS_EXAMPLE] = COLOR_PAIR(PAIR_MAGENTA);
		styles[TS_MARK] = A_BOLD | COLOR_PAIR(PAIR_YELLOW);
	} else {
		/* Without colour the worst class still stands out. */
		styles[TS_CLASS2] = A_NORMAL;
		styles[TS_CLASS3] = A_NORMAL;
		styles[TS_CLASS4] = A_NORMAL;
		styles[TS_CLASS5] = A_BOLD;
	}
	return (color);
}

attr_t
draw_attr(enum tstyle s)
{
	return (styles[s]);
}

attr_t
draw_class_attr(int klass)
{
	if (klass >= 2 && klass <= 5)
		return (styles[TS_CLASS2 + klass - 2]);
	return (A_NORMAL);
}

/*
 * Make s safe and measure it: escape controls, and replace what the
 * locale cannot show.  Appends to out; returns the columns.
 */
static int
prepare(const char *s, size_t len, struct buf *out, size_t *cut_at,
    int maxw, int *cut_cols)
{
	struct buf	 clean;
	mbstate_t	 st;
	wchar_t		 wc;
	size_t		 i = 0, n;
	int		 w, cols = 0;

	buf_init(&clean);
	utf8_sanitize(s, len, &clean, 0, 0);
	memset(&st, 0, sizeof st);
	*cut_at = (size_t)-1;
	while (i < clean.len) {
		const char	*p = clean.data + i;
		size_t		 plen;

		n = mbrtowc(&wc, p, clean.len - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			/* Not in this locale's charset: one '?' a character. */
			memset(&st, 0, sizeof st);
			n = 1;
			while (i + n < clean.len &&
			    ((unsigned char)p[n] & 0xc0) == 0x80)
				n++;
			p = "?";
			plen = 1;
			w = 1;
		} else if ((w = wcwidth(wc)) < 0) {
			p = "?";
			plen = 1;
			w = 1;
		} else
			plen = n;
		if (cols + w > maxw && *cut_at == (size_t)-1) {
			*cut_at = out->len;
			*cut_cols = cols;
		}
		buf_add(out, p, plen);
		cols += w;
		i += n;
	}
	buf_free(&clean);
	return (cols);
}

int
draw_text(WINDOW *win, int y, int x, int maxw, const char *s, size_t len,
    attr_t attr, int flags)
{
	struct buf	 out;
	const char	*ell;
	size_t		 cut;
	int		 cols, ew, cut_cols = 0, room;

	if (win == NULL || s == NULL || len == 0)
		return (0);
	room = getmaxx(win) - x;
	if (maxw > room)
		maxw = room;
	if (maxw <= 0 || y < 0 || y >= getmaxy(win))
		return (0);
	buf_init(&out);
	cols = prepare(s, len, &out, &cut, maxw, &cut_cols);
	if (cols > maxw) {
		ell = ellipsis(&ew);
		if ((flags & DT_ELLIPSIS) && maxw > ew) {
			/* Cut again, leaving room for the mark. */
			struct buf again;
			buf_init(&again);
			prepare(s, len, &again, &cut, maxw - ew, &cut_cols);
			buf_free(&out);
			out = again;
			out.len = cut;
			buf_adds(&out, ell);
			cols = cut_cols + ew;
		} else {
			out.len = cut;
			cols = cut_cols;
		}
	}
	if (out.len != 0) {
		wattrset(win, attr);
		mvwaddnstr(win, y, x, out.data, (int)out.len);
		wattrset(win, A_NORMAL);
	}
	buf_free(&out);
	return (cols);
}

int
draw_str(WINDOW *win, int y, int x, int maxw, const char *s, attr_t attr)
{
	return (draw_text(win, y, x, maxw, s, s != NULL ? strlen(s) : 0, attr,
	    DT_ELLIPSIS));
}

int
draw_width(const char *s)
{
	struct buf	 out;
	size_t		 cut;
	int		 cols, cc;

	buf_init(&out);
	cols = prepare(s, strlen(s), &out, &cut, 1 << 30, &cc);
	buf_free(&out);
	return (cols);
}

void
draw_fill(WINDOW *win, int y, int x, int w, attr_t attr)
{
	int	 room = getmaxx(win) - x;

	if (w > room)
		w = room;
	if (w <= 0)
		return;
	wattrset(win, attr);
	mvwhline(win, y, x, ' ', w);
	wattrset(win, A_NORMAL);
}
