/* Drawing helpers: styles with or without colour, clipped safe text. */
#ifndef SD_TUI_DRAW_H
#define SD_TUI_DRAW_H

#include <curses.h>
#include <stddef.h>

struct browse;

/* Matches of the filter highlighted per line, at most. */
#define DRAW_MAX_SPANS	32

enum tstyle {
	TS_NORMAL,
	TS_BAR,		/* title bar and status line */
	TS_GROUP,	/* group header */
	TS_CATEGORY,	/* category header */
	TS_SELECTED,	/* the selected row of the focused pane */
	TS_SELECTED_DIM,/* the selected row of the other pane */
	TS_MATCH,	/* a word matching the filter */
	TS_CLASS2,
	TS_CLASS3,
	TS_CLASS4,
	TS_CLASS5,
	TS_HEADING,
	TS_META,
	TS_EXAMPLE,
	TS_LINK,
	TS_NOTE,
	TS_MARK,	/* the non-standard mark */
	TS_WARN,	/* a status message */
	TS_HARD,	/* a permanent failure */
	TS_SOFT,	/* a temporary failure */
	TS_DIM,		/* the empty paste box's invitation */
	TS__COUNT
};

/* Decide on colours (NO_COLOR, has_colors) and set the pairs up. */
int	 draw_init(void);
attr_t	 draw_attr(enum tstyle);
attr_t	 draw_class_attr(int klass);
/* The style of a span kind of a parsed bounce (enum span_kind). */
attr_t	 draw_span_attr(int kind);

/* Clipping flags. */
#define DT_ELLIPSIS	0x1	/* mark a cut with an ellipsis */

/*
 * Draw len bytes of UTF-8 at y, x, at most maxw columns: control
 * characters are escaped (utf8_sanitize) and characters the terminal
 * cannot show become '?'.  Returns the columns used.
 */
int	 draw_text(WINDOW *, int y, int x, int maxw, const char *s,
	    size_t len, attr_t, int flags);
int	 draw_str(WINDOW *, int y, int x, int maxw, const char *s, attr_t);
struct wrap;
/*
 * Draw bytes from .. to - 1 of wrapped text at y, x, where the row's
 * column col is: tabs as blanks to the next stop (paste_wrap.h), the
 * rest as draw_text() does.  Returns the columns used.
 */
int	 draw_wrapped(WINDOW *, int y, int x, int col, int maxw,
	    const struct wrap *, size_t from, size_t to, attr_t);
/* Columns s takes when drawn. */
int	 draw_width(const char *s);
/* Fill columns x .. x + w - 1 of line y with blanks in attr. */
void	 draw_fill(WINDOW *, int y, int x, int w, attr_t);
void	 draw_pane_title(WINDOW *, int y, int x, int w, const char *text,
	    int focused);
/* Glyphs that depend on the locale. */
const char *draw_glyph_open(void);
const char *draw_glyph_closed(void);
void	 draw_set_utf8(int);
void	 draw_vline(WINDOW *, int);
void	 draw_vline_at(WINDOW *, int x, int n);

/*
 * Draw s with the words matching the browser's filter highlighted;
 * returns the columns used.  The list and the detail both do.
 */
int	draw_matched(const struct browse *, int utf8, WINDOW *, int y, int x,
	    int maxw, const char *s, attr_t);

#endif
