/*
 * The result's text pane as rows with folds: each header block of the
 * document (bounce_doc.hblocks) is one row while folded, its fold line
 * ("> Header, 14 lines"), and that row followed by its own rows while
 * unfolded.  A row is a text row (paste_wrap.h) or a fold line, so
 * that scrolling, the last page and the jumps from part to part count
 * fold lines as the screen shows them, at any width.  Every move costs
 * what it costs without folds, whatever a fold's length: a folded
 * block of 10,000 lines is stepped over at once.
 */
#ifndef SD_PASTE_FOLD_H
#define SD_PASTE_FOLD_H

#include <stddef.h>

#include "paste/paste_result.h"
#include "paste/paste_wrap.h"

#define FOLD_NONE	((size_t)-1)
/* Shorter blocks are not folded: their fold line would save nothing. */
#define FOLD_MIN_LINES	2

/* Whole lines of the text, [off, end): end follows a newline. */
struct fold {
	size_t		 off, end;
	size_t		 lines;
	int		 returned;	/* the returned message's header */
	int		 open;
};

struct folds {
	struct fold	*v;		/* sorted, disjoint */
	size_t		 n;
};

/* A row: fold v[fold]'s line, or (fold FOLD_NONE) the text row at off. */
struct frow {
	size_t		 off;		/* a fold line: its fold's off */
	size_t		 fold;
};

void		 folds_init(struct folds *);
void		 folds_free(struct folds *);
/* The blocks of the result of FOLD_MIN_LINES lines or more, folded. */
void		 folds_build(struct folds *, const struct presult *);
/* The fold holding byte off, or FOLD_NONE. */
size_t		 folds_find(const struct folds *, size_t off);
/* Unfold (open 1) or fold (0) fold k, or every fold (k FOLD_NONE). */
void		 folds_set(struct folds *, size_t k, int open);

/* Order of rows: by offset, a fold line before the text row it heads. */
int		 frow_cmp(struct frow, struct frow);
/*
 * The row showing byte off: the fold line of a folded block holding
 * it, else the text row that holds it.  Also makes any row valid again
 * after a fold changed: a text row hidden by it gives its fold line.
 */
struct frow	 frow_at(const struct wrap *, const struct folds *, size_t off);
struct frow	 frow_valid(const struct folds *, struct frow);
/* The first row: a fold's line when a block starts the text. */
struct frow	 frow_first(const struct folds *);
/* The next or previous row: 0, or -1 at the end or the start. */
int		 frow_next(const struct wrap *, const struct folds *,
		    struct frow, struct frow *);
int		 frow_prev(const struct wrap *, const struct folds *,
		    struct frow, struct frow *);
/* n rows down or up, stopping at either end. */
struct frow	 frow_down(const struct wrap *, const struct folds *,
		    struct frow, size_t n);
struct frow	 frow_up(const struct wrap *, const struct folds *,
		    struct frow, size_t n);
/* The first row of the last screenful of h rows. */
struct frow	 frow_last_page(const struct wrap *, const struct folds *,
		    size_t h);

/*
 * Where the pane opens: presult_focus()'s line, its fold unfolded so
 * that the words explaining the failure are never hidden; the first
 * row when there is no such line.
 */
struct frow	 fold_focus(const struct presult *, struct folds *);
/*
 * The row of the next (dir > 0) or previous highlighted part, as
 * presult_next_part() but with folds: a folded block holding parts is
 * one stop, its fold line (the parts stay folded: a header is mostly
 * highlighted parts, every returned header line is one, and unfolding
 * on the way would undo the fold on the first n); an unfolded block's
 * first line is shown under its fold line; row itself when there is
 * none that way.
 */
struct frow	 fold_next_part(const struct presult *, const struct folds *,
		    struct frow, int dir);

#endif
