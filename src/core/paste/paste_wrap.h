/*
 * Long text cut into screen rows, lazily: a position is the byte offset
 * where a row starts, and rows are found from the start of their line
 * when needed, so that a 10 MB paste needs no row index (and a resize
 * no rebuild).  Widths are those of utf8_sanitize's output as the
 * browser draws it: escapes such as ^[ and <U+202E> at their full
 * width, tabs to the next multiple of 8.
 */
#ifndef SD_PASTE_WRAP_H
#define SD_PASTE_WRAP_H

#include <stddef.h>

#define WRAP_TAB	8
#define WRAP_NONE	((size_t)-1)

/*
 * Row starts met on the way, every WRAP_MARK_EVERY rows, kept between
 * calls so that a line of megabytes is wrapped from its start once per
 * width, and later from the nearest mark before the place asked for.
 * A mark at m holds while the bytes up to m stay the same.  Marks are
 * kept for the last few widths, so that a resize back and forth does
 * not wrap everything again.
 */
#define WRAP_MARK_EVERY	256
#define WRAP_MARK_SETS	4

struct wrap_markset {
	size_t		*v;		/* sorted */
	size_t		 n, cap;
	int		 width, utf8;
	unsigned long	 used;		/* for least-recently-used reuse */
};

struct wrap_marks {
	struct wrap_markset	 set[WRAP_MARK_SETS];
	unsigned long		 clock;
};

struct wrap {
	const char		*s;
	size_t			 len;
	int			 width;	/* columns, at least 1 */
	int			 utf8;	/* UTF-8 locale: wcwidth(); else '?' */
	struct wrap_markset	*marks;	/* or NULL */
};

void	wrap_init(struct wrap *, const char *s, size_t len, int width,
	    int utf8);
void	wrap_marks_init(struct wrap_marks *);
void	wrap_marks_free(struct wrap_marks *);
/* Forget every mark: another text. */
void	wrap_marks_reset(struct wrap_marks *);
/* The text was cut to len bytes: forget the marks at or past it. */
void	wrap_marks_cut(struct wrap_marks *, size_t len);
/* Marks kept for every width, for the tests. */
size_t	wrap_marks_count(const struct wrap_marks *);
/* Use the marks of the wrap's width and locale. */
void	wrap_use_marks(struct wrap *, struct wrap_marks *);
/*
 * The character at off when it starts at column col: returns its bytes
 * and sets *w to its columns (a tab's run to the next stop).
 */
size_t	wrap_char(const struct wrap *, size_t off, int col, int *w);
/*
 * The row starting at off: returns where it ends (its newline, or the
 * first character that does not fit) and sets *next to where the next
 * row starts, or WRAP_NONE after the last row.
 */
size_t	wrap_row(const struct wrap *, size_t off, size_t *next);
/* The start of the row holding off. */
size_t	wrap_row_start(const struct wrap *, size_t off);
/* From a row start, n rows down or up, stopping at either end. */
size_t	wrap_down(const struct wrap *, size_t row, size_t n);
size_t	wrap_up(const struct wrap *, size_t row, size_t n);
/* The first row of the last screenful of h rows. */
size_t	wrap_last_page(const struct wrap *, size_t h);
/* Rows from row a down to row b (a <= b), counting at most max. */
size_t	wrap_distance(const struct wrap *, size_t a, size_t b, size_t max);

#endif
