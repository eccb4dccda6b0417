/* Drawing helpers shared by the views. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "parse/bounce.h"
#include "base/buf.h"
#include "paste/paste_wrap.h"
#include "browse/browse.h"
#include "tui/draw.h"
#include "base/utf8.h"

enum {
	PAIR_GREEN = 1,
	PAIR_CYAN,
	PAIR_YELLOW,
	PAIR_RED,
	PAIR_BLUE,
	PAIR_MAGENTA
};

static void	 span_init(int);

static attr_t	 styles[TS__COUNT];
static attr_t	 span_styles[SPAN__COUNT];
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
	draw_vline_at(w, 0, n);
}

void
draw_vline_at(WINDOW *w, int x, int n)
{
	cchar_t	 bar;
	wchar_t	 wc[2] = { 0x2502, 0 };
	int	 y;

	if (!utf8_locale) {
		mvwvline(w, 0, x, ACS_VLINE, n);
		return;
	}
	setcchar(&bar, wc, A_NORMAL, 0, NULL);
	for (y = 0; y < n; y++)
		mvwadd_wch(w, y, x, &bar);
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
	span_init(color);

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
	styles[TS_HARD] = A_BOLD | A_REVERSE;
	styles[TS_SOFT] = A_BOLD | A_UNDERLINE;
	styles[TS_DIM] = A_DIM;
	if (color) {
		styles[TS_CLASS2] = COLOR_PAIR(PAIR_GREEN);
		styles[TS_CLASS3] = COLOR_PAIR(PAIR_CYAN);
		styles[TS_CLASS4] = COLOR_PAIR(PAIR_YELLOW);
		styles[TS_CLASS5] = COLOR_PAIR(PAIR_RED);
		styles[TS_CATEGORY] = A_BOLD | COLOR_PAIR(PAIR_BLUE);
		styles[TS_EXAMPLE] = COLOR_PAIR(PAIR_MAGENTA);
		styles[TS_MARK] = A_BOLD | COLOR_PAIR(PAIR_YELLOW);
		styles[TS_HARD] = A_BOLD | COLOR_PAIR(PAIR_RED);
		styles[TS_SOFT] = A_BOLD | COLOR_PAIR(PAIR_YELLOW);
	} else {
		/* Without colour the worst class still stands out. */
		styles[TS_CLASS2] = A_NORMAL;
		styles[TS_CLASS3] = A_NORMAL;
		styles[TS_CLASS4] = A_NORMAL;
		styles[TS_CLASS5] = A_BOLD;
	}
	return (color);
}

/*
 * A style per span kind of a bounce: a colour each, and without colour
 * (NO_COLOR, monochrome) a distinct mix of bold, underline, reverse,
 * dim and italic, so that the legend still tells them apart.  Where
 * italics do not show, the two containers (field values and returned
 * headers) stay plain: their parts inside are what matters.
 */
static void
span_init(int color)
{
	static const struct {
		int	 kind;
		short	 pair;
		attr_t	 color;	/* with the pair */
		attr_t	 mono;
		attr_t	 plain;	/* mono where italics do not show */
	} map[] = {
		{ SPAN_REPLY, PAIR_RED, A_BOLD, A_REVERSE | A_BOLD,
		    A_REVERSE | A_BOLD },
		{ SPAN_STATUS, PAIR_YELLOW, A_BOLD, A_REVERSE, A_REVERSE },
		{ SPAN_RECIPIENT, PAIR_GREEN, A_BOLD, A_BOLD | A_UNDERLINE,
		    A_BOLD | A_UNDERLINE },
		{ SPAN_SENDER, PAIR_GREEN, 0, A_UNDERLINE | A_ITALIC,
		    A_UNDERLINE | A_DIM },
		{ SPAN_HOST, PAIR_CYAN, 0, A_BOLD, A_BOLD },
		{ SPAN_IP, PAIR_CYAN, A_BOLD, A_BOLD | A_ITALIC,
		    A_BOLD | A_UNDERLINE | A_REVERSE },
		{ SPAN_URL, PAIR_BLUE, A_UNDERLINE, A_UNDERLINE | A_DIM,
		    A_UNDERLINE | A_REVERSE },
		{ SPAN_TAG, PAIR_MAGENTA, 0, A_REVERSE | A_ITALIC,
		    A_REVERSE | A_DIM },
		{ SPAN_BLOCKLIST, PAIR_RED, A_REVERSE, A_REVERSE | A_UNDERLINE,
		    A_REVERSE | A_UNDERLINE | A_DIM },
		{ SPAN_FIELD_NAME, PAIR_BLUE, A_BOLD, A_DIM | A_ITALIC, A_DIM },
		{ SPAN_FIELD_VALUE, PAIR_BLUE, 0, A_ITALIC, A_NORMAL },
		{ SPAN_QUOTED, 0, A_DIM, A_DIM, A_NORMAL },
		{ SPAN_DIAGNOSTIC, PAIR_YELLOW, 0, A_UNDERLINE, A_UNDERLINE },
	};
	size_t	 i;
	int	 italic = (term_attrs() & A_ITALIC) != 0;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (!color)
			span_styles[map[i].kind] = italic ? map[i].mono :
			    map[i].plain;
		else
			span_styles[map[i].kind] = map[i].color |
			    (map[i].pair != 0 ? COLOR_PAIR(map[i].pair) : 0);
	}
}

attr_t
draw_span_attr(int kind)
{
	if (kind < 0 || kind >= SPAN__COUNT)
		return (A_NORMAL);
	return (span_styles[kind]);
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

int
draw_wrapped(WINDOW *win, int y, int x, int col, int maxw,
    const struct wrap *w, size_t from, size_t to, attr_t attr)
{
	const char	*tab;
	size_t		 i = from, j;
	int		 used = 0, cw;

	while (i < to && used < maxw) {
		if (w->s[i] == '\t') {
			cw = WRAP_TAB - (col + used) % WRAP_TAB;
			if (cw > maxw - used)
				cw = maxw - used;
			draw_fill(win, y, x + used, cw, attr);
			used += cw;
			i++;
			continue;
		}
		tab = memchr(w->s + i, '\t', to - i);
		j = tab != NULL ? (size_t)(tab - w->s) : to;
		used += draw_text(win, y, x + used, maxw - used, w->s + i, j - i,
		    attr, 0);
		i = j;
	}
	return (used);
}

/* A pane's title row: reversed when the pane has the keys. */
void
draw_pane_title(WINDOW *win, int y, int x, int w, const char *text,
    int focused)
{
	attr_t	 a = focused ? draw_attr(TS_SELECTED) : A_BOLD | A_UNDERLINE;

	draw_fill(win, y, x, w, a);
	draw_str(win, y, x + 1, w - 1, text, a);
}

/* Draw text with the words matching the filter highlighted. */
int
draw_matched(const struct browse *b, int utf8, WINDOW *win, int y, int x,
    int maxw, const char *s, attr_t attr)
{
	size_t	 spans[2 * DRAW_MAX_SPANS], n, i, at = 0;
	int	 used = 0, total;

	n = browse_match_spans(b, s, spans, DRAW_MAX_SPANS);
	if (n == 0)
		return (draw_str(win, y, x, maxw, s, attr));
	total = draw_width(s);
	for (i = 0; i <= n && used < maxw; i++) {
		size_t start = i < n ? spans[2 * i] : strlen(s);

		if (start > at)
			used += draw_text(win, y, x + used, maxw - used, s + at,
			    start - at, attr, 0);
		if (i == n)
			break;
		used += draw_text(win, y, x + used, maxw - used, s + start,
		    spans[2 * i + 1], attr | draw_attr(TS_MATCH), 0);
		at = start + spans[2 * i + 1];
	}
	if (total > maxw && maxw > 0)
		draw_str(win, y, x + maxw - 1, 1, utf8 ? "\xe2\x80\xa6" :
		    ">", attr);
	return (used);
}
