/* Rows of long text found on demand, for the paste box and its result. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/buf.h"
#include "paste/paste_wrap.h"
#include "base/utf8.h"

/* Row starts remembered per pass when moving up. */
#define UP_CHUNK	4096

void
wrap_init(struct wrap *w, const char *s, size_t len, int width, int utf8)
{
	w->s = s != NULL ? s : "";
	w->len = s != NULL ? len : 0;
	w->width = width > 0 ? width : 1;
	w->utf8 = utf8;
	w->marks = NULL;
}

void
wrap_marks_init(struct wrap_marks *m)
{
	memset(m, 0, sizeof *m);
}

void
wrap_marks_free(struct wrap_marks *m)
{
	size_t	 i;

	for (i = 0; i < WRAP_MARK_SETS; i++)
		free(m->set[i].v);
	memset(m, 0, sizeof *m);
}

void
wrap_marks_reset(struct wrap_marks *m)
{
	wrap_marks_cut(m, 0);
}

void
wrap_marks_cut(struct wrap_marks *m, size_t len)
{
	struct wrap_markset	*ms;
	size_t			 i;

	for (i = 0; i < WRAP_MARK_SETS; i++) {
		ms = &m->set[i];
		while (ms->n > 0 && ms->v[ms->n - 1] >= len)
			ms->n--;
	}
}

size_t
wrap_marks_count(const struct wrap_marks *m)
{
	size_t	 i, n = 0;

	for (i = 0; i < WRAP_MARK_SETS; i++)
		n += m->set[i].n;
	return (n);
}

/* The index of the last mark at or before off, or ms->n when none. */
static size_t
mark_before(const struct wrap_markset *ms, size_t off)
{
	size_t	 lo = 0, hi = ms->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ms->v[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo > 0 ? lo - 1 : ms->n);
}

void
wrap_use_marks(struct wrap *w, struct wrap_marks *m)
{
	struct wrap_markset	*ms = NULL;
	size_t			 i;

	for (i = 0; i < WRAP_MARK_SETS; i++) {
		if (m->set[i].width == w->width && m->set[i].utf8 == w->utf8) {
			ms = &m->set[i];
			break;
		}
		if (ms == NULL || m->set[i].used < ms->used)
			ms = &m->set[i];
	}
	if (ms->width != w->width || ms->utf8 != w->utf8) {
		ms->n = 0;
		ms->width = w->width;
		ms->utf8 = w->utf8;
	}
	ms->used = ++m->clock;
	/* The text may be shorter than when they were made. */
	while (ms->n > 0 && ms->v[ms->n - 1] >= w->len)
		ms->n--;
	w->marks = ms;
}

/* Row k of a pass that started at a row start: remember every so often. */
static void
note(const struct wrap *w, size_t row, size_t k)
{
	struct wrap_markset	*m = w->marks;
	size_t			 i;

	if (m == NULL || k == 0 || k % WRAP_MARK_EVERY != 0 || row >= w->len)
		return;
	i = mark_before(m, row);
	if (i < m->n && m->v[i] == row)
		return;
	i = i < m->n ? i + 1 : 0;
	if (m->n == m->cap) {
		m->cap = m->cap == 0 ? 256 : m->cap * 2;
		m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
	}
	memmove(m->v + i + 1, m->v + i, (m->n - i) * sizeof *m->v);
	m->v[i] = row;
	m->n++;
}

/* Columns of utf8_sanitize's "<U+202E>" for a code point. */
static int
escape_width(uint32_t cp)
{
	int	 digits = 0;

	if (cp < 0x20 || cp == 0x7f)
		return (2);		/* ^[ */
	do {
		digits++;
		cp >>= 4;
	} while (cp != 0);
	return (4 + (digits < 4 ? 4 : digits));
}

size_t
wrap_char(const struct wrap *w, size_t off, int col, int *cw)
{
	unsigned char	 c = (unsigned char)w->s[off];
	uint32_t	 cp;
	size_t		 n;
	int		 x;

	if (c >= 0x20 && c < 0x7f) {
		*cw = 1;
		return (1);
	}
	if (c == '\t') {
		*cw = WRAP_TAB - col % WRAP_TAB;
		return (1);
	}
	if (c < 0x80) {
		*cw = 2;
		return (1);
	}
	n = utf8_decode(w->s + off, w->len - off, &cp);
	if (cp == UTF8_REPLACEMENT && n == 1)
		*cw = 4;		/* \xff */
	else if (utf8_cp_dangerous(cp))
		*cw = escape_width(cp);
	else if (!w->utf8)
		*cw = 1;		/* drawn as '?' */
	else {
		x = wcwidth((wchar_t)cp);
		*cw = x < 0 ? 1 : x;
	}
	return (n);
}

size_t
wrap_row(const struct wrap *w, size_t off, size_t *next)
{
	const char	*s = w->s;
	size_t		 i = off, n;
	int		 col = 0, cw, width = w->width;
	unsigned char	 c;

	for (;;) {
		if (i >= w->len) {
			*next = WRAP_NONE;
			return (w->len);
		}
		c = (unsigned char)s[i];
		if (c == '\n') {
			*next = i + 1;
			return (i);
		}
		/* A full row keeps the newline right after it, as less does. */
		if (col >= width) {
			*next = i;
			return (i);
		}
		if (c >= 0x20 && c < 0x7f) {
			col++;
			i++;
			continue;
		}
		n = wrap_char(w, i, col, &cw);
		if (c == '\t' && col + cw > width)
			cw = width - col;
		/* Every row takes one character, however wide. */
		if (col + cw > width && col > 0) {
			*next = i;
			return (i);
		}
		col += cw;
		i += n;
	}
}

/*
 * Where to wrap from to find the row holding off: just after the last
 * newline before off, or the last mark before it when that is nearer
 * (a mark is a row start of the same line).
 */
static size_t
line_start(const struct wrap *w, size_t off)
{
	size_t	 base = 0, i;

	if (w->marks != NULL &&
	    (i = mark_before(w->marks, off)) < w->marks->n)
		base = w->marks->v[i];
	while (off > base && w->s[off - 1] != '\n')
		off--;
	return (off);
}

size_t
wrap_row_start(const struct wrap *w, size_t off)
{
	size_t	 r, next, k;

	if (off > w->len)
		off = w->len;
	r = line_start(w, off);
	for (k = 0;; k++) {
		note(w, r, k);
		wrap_row(w, r, &next);
		if (next == WRAP_NONE || next > off)
			return (r);
		r = next;
	}
}

size_t
wrap_down(const struct wrap *w, size_t row, size_t n)
{
	size_t	 next;

	while (n-- > 0) {
		wrap_row(w, row, &next);
		if (next == WRAP_NONE)
			break;
		row = next;
	}
	return (row);
}

/*
 * Up to UP_CHUNK rows up: the rows of a line are only known from its
 * start, so wrap the line forward and keep the last n row starts.
 */
static size_t
up_some(const struct wrap *w, size_t row, size_t n, size_t *ring)
{
	size_t	 ls, r, next, k;

	while (n > 0 && row > 0) {
		ls = line_start(w, row - 1);
		k = 0;
		for (r = ls; r < row; r = next) {
			note(w, r, k);
			ring[k++ % n] = r;
			wrap_row(w, r, &next);
			if (next == WRAP_NONE)
				break;
		}
		if (k >= n)
			return (ring[(k - n) % n]);
		n -= k;
		row = ls;
	}
	return (row);
}

size_t
wrap_up(const struct wrap *w, size_t row, size_t n)
{
	size_t	*ring, step;

	if (n == 0 || row == 0)
		return (row);
	ring = xreallocarray(NULL, n < UP_CHUNK ? n : UP_CHUNK, sizeof *ring);
	while (n > 0 && row > 0) {
		step = n < UP_CHUNK ? n : UP_CHUNK;
		row = up_some(w, row, step, ring);
		n -= step;
	}
	free(ring);
	return (row);
}

/* One pass over the last line keeps its last h row starts. */
size_t
wrap_last_page(const struct wrap *w, size_t h)
{
	size_t	*ring, ls, r, next, k = 0, top;

	if (h <= 1 || h > UP_CHUNK) {
		top = wrap_row_start(w, w->len);
		return (h > 1 ? wrap_up(w, top, h - 1) : top);
	}
	ring = xreallocarray(NULL, h, sizeof *ring);
	ls = line_start(w, w->len);
	for (r = ls;; r = next) {
		note(w, r, k);
		ring[k++ % h] = r;
		wrap_row(w, r, &next);
		if (next == WRAP_NONE)
			break;
	}
	top = k >= h ? ring[(k - h) % h] : wrap_up(w, ls, h - k);
	free(ring);
	return (top);
}

size_t
wrap_distance(const struct wrap *w, size_t a, size_t b, size_t max)
{
	size_t	 k = 0, next;

	while (a < b && k < max) {
		wrap_row(w, a, &next);
		if (next == WRAP_NONE)
			break;
		a = next;
		k++;
	}
	return (k);
}
