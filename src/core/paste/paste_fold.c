/* The text pane's rows with its header blocks folded. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "paste/paste_fold.h"

void
folds_init(struct folds *f)
{
	memset(f, 0, sizeof *f);
}

void
folds_free(struct folds *f)
{
	free(f->v);
	memset(f, 0, sizeof *f);
}

void
folds_build(struct folds *f, const struct presult *r)
{
	const struct bounce_doc		*d = &r->an.doc;
	const struct bounce_hblock	*h;
	size_t				 i, n = 0;

	folds_free(f);
	if (d->nhblocks == 0)
		return;
	f->v = xreallocarray(NULL, d->nhblocks, sizeof *f->v);
	for (i = 0; i < d->nhblocks; i++) {
		h = &d->hblocks[i];
		if (h->lines < FOLD_MIN_LINES || h->end > d->text.len)
			continue;
		f->v[n].off = h->off;
		f->v[n].end = h->end;
		f->v[n].lines = h->lines;
		f->v[n].returned = h->returned;
		f->v[n].open = 0;
		n++;
	}
	f->n = n;
}

size_t
folds_find(const struct folds *f, size_t off)
{
	size_t	 lo = 0, hi = f->n, mid;

	/* The first fold ending after off. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (f->v[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < f->n && f->v[lo].off <= off ? lo : FOLD_NONE);
}

void
folds_set(struct folds *f, size_t k, int open)
{
	size_t	 i;

	if (k != FOLD_NONE) {
		if (k < f->n)
			f->v[k].open = open;
		return;
	}
	for (i = 0; i < f->n; i++)
		f->v[i].open = open;
}

int
frow_cmp(struct frow a, struct frow b)
{
	if (a.off != b.off)
		return (a.off < b.off ? -1 : 1);
	if ((a.fold != FOLD_NONE) != (b.fold != FOLD_NONE))
		return (a.fold != FOLD_NONE ? -1 : 1);
	return (0);
}

/* The fold line of a folded block holding off, if any. */
static int
hidden(const struct folds *f, size_t off, struct frow *head)
{
	size_t	 k = folds_find(f, off);

	if (k == FOLD_NONE || f->v[k].open)
		return (0);
	head->off = f->v[k].off;
	head->fold = k;
	return (1);
}

/* The fold starting at off, or FOLD_NONE. */
static size_t
starting(const struct folds *f, size_t off)
{
	size_t	 k = folds_find(f, off);

	return (k != FOLD_NONE && f->v[k].off == off ? k : FOLD_NONE);
}

struct frow
frow_at(const struct wrap *w, const struct folds *f, size_t off)
{
	struct frow	 r;

	if (off > w->len)
		off = w->len;
	if (hidden(f, off, &r))
		return (r);
	r.off = wrap_row_start(w, off);
	r.fold = FOLD_NONE;
	return (r);
}

struct frow
frow_valid(const struct folds *f, struct frow r)
{
	struct frow	 head;

	if (r.fold != FOLD_NONE) {
		if (r.fold < f->n && f->v[r.fold].off == r.off)
			return (r);
		r.fold = FOLD_NONE;
	}
	return (hidden(f, r.off, &head) ? head : r);
}

/* The row at a text row start off: a fold starting there shows its line. */
static struct frow
row_or_head(const struct folds *f, size_t off)
{
	struct frow	 r;

	r.off = off;
	r.fold = starting(f, off);
	return (r);
}

struct frow
frow_first(const struct folds *f)
{
	return (row_or_head(f, 0));
}

int
frow_next(const struct wrap *w, const struct folds *f, struct frow r,
    struct frow *next)
{
	const struct fold	*k;
	size_t			 nx;

	if (r.fold != FOLD_NONE) {
		k = &f->v[r.fold];
		if (k->open) {
			next->off = k->off;
			next->fold = FOLD_NONE;
		} else
			*next = row_or_head(f, k->end);
		return (0);
	}
	wrap_row(w, r.off, &nx);
	if (nx == WRAP_NONE)
		return (-1);
	*next = row_or_head(f, nx);
	return (0);
}

int
frow_prev(const struct wrap *w, const struct folds *f, struct frow r,
    struct frow *prev)
{
	size_t	 k, from;

	if (r.fold != FOLD_NONE)
		from = f->v[r.fold].off;
	else if ((k = starting(f, r.off)) != FOLD_NONE) {
		/* The first row of an unfolded block: its fold line. */
		prev->off = r.off;
		prev->fold = k;
		return (0);
	} else
		from = r.off;
	if (from == 0)
		return (-1);
	prev->off = wrap_up(w, from, 1);
	prev->fold = FOLD_NONE;
	*prev = frow_valid(f, *prev);
	return (0);
}

struct frow
frow_down(const struct wrap *w, const struct folds *f, struct frow r,
    size_t n)
{
	while (n-- > 0 && frow_next(w, f, r, &r) == 0)
		;
	return (r);
}

struct frow
frow_up(const struct wrap *w, const struct folds *f, struct frow r, size_t n)
{
	while (n-- > 0 && frow_prev(w, f, r, &r) == 0)
		;
	return (r);
}

struct frow
frow_last_page(const struct wrap *w, const struct folds *f, size_t h)
{
	struct frow	 r;

	/* Without folds, wrap_last_page() keeps its one pass. */
	if (f->n == 0) {
		r.off = wrap_last_page(w, h);
		r.fold = FOLD_NONE;
		return (r);
	}
	r = frow_at(w, f, w->len);
	return (h > 1 ? frow_up(w, f, r, h - 1) : r);
}

struct frow
fold_focus(const struct presult *r, struct folds *f)
{
	struct frow	 row;
	size_t		 off, k;

	row.fold = FOLD_NONE;
	/* No line to open on: the first row. */
	if (!presult_focus_at(r, &off))
		return (frow_first(f));
	row.off = off;
	if ((k = folds_find(f, off)) != FOLD_NONE)
		f->v[k].open = 1;
	return (row);
}

/*
 * A part's row: its fold line when folded, else its line's start, or
 * the fold line above it when it is an unfolded block's first line
 * (the line says what the block is).
 */
static struct frow
part_row(const struct presult *r, const struct folds *f, size_t off)
{
	struct frow	 row;

	if (hidden(f, off, &row))
		return (row);
	return (row_or_head(f, r->lines[presult_line(r, off)]));
}

struct frow
fold_next_part(const struct presult *r, const struct folds *f,
    struct frow row, int dir)
{
	const struct buf	*t = &r->an.doc.text;
	const struct fold	*k = row.fold != FOLD_NONE ? &f->v[row.fold] :
				    NULL;
	const char		*eol;
	size_t			 from, i;

	if (dir > 0) {
		/* The first part starting at or past from. */
		/* An unfolded block's fold line shows its first line too. */
		if (k != NULL && !k->open)
			from = k->end;
		else if (row.off < t->len && (eol = memchr(t->data + row.off,
		    '\n', t->len - row.off)) != NULL)
			from = (size_t)(eol - t->data) + 1;
		else
			return (row);
		i = presult_seg(r, from);
		while (i < r->an.nsegs && r->an.segs[i].off < from)
			i++;
		return (i < r->an.nsegs ? part_row(r, f, r->an.segs[i].off) :
		    row);
	}
	/* The last part that ends before this row's line starts. */
	from = k != NULL ? k->off : r->lines[presult_line(r, row.off)];
	i = presult_seg(r, from);
	return (i > 0 ? part_row(r, f, r->an.segs[i - 1].off) : row);
}
