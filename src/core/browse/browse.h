/*
 * The browser's model, free of curses: the grouped rows, folds, filters,
 * selection, scrolling, followed-link history, the detail document and
 * the screen layout.  Heights and widths are parameters, never globals.
 * Only browse.c writes these fields; the views read them.
 */
#ifndef SD_BROWSE_H
#define SD_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "catalogue/catalog.h"
#include "catalogue/render.h"
#include "catalogue/search.h"

enum brow_kind {
	BROW_GROUP,	/* an entry_group header */
	BROW_CATEGORY,	/* a category header inside a group */
	BROW_ENTRY
};

#define BROW_NONE	UINT32_MAX

/*
 * While words are typed, the best-scoring shown entries are listed
 * once more above the class groups, under this pseudo-group: a search
 * for "mailbox full" opens on 552 and 5.2.2, not on 2xx order.
 */
#define BROW_BEST	GROUP__COUNT
#define BROWSE_BEST_MAX	5

struct brow {
	uint8_t		 kind;		/* enum brow_kind */
	uint8_t		 group;		/* enum entry_group */
	uint8_t		 folded;	/* headers only */
	int16_t		 category;	/* -1 on group rows and flat groups */
	uint32_t	 entry;		/* BROW_ENTRY, else BROW_NONE */
	uint32_t	 count;		/* headers: entries under it, filtered */
};

struct browse {
	struct catalog		*cat;

	/* Filters: the query, a class (2..5) and a category (index). */
	char			*query;
	int			 klass;		/* 0: every class */
	int			 category;	/* -1: every category */
	struct search_terms	 words;		/* to highlight matches */

	struct search_hit	*hits;		/* the last filter's hits */
	size_t			 nhits;
	uint8_t			*matched;	/* per entry: matches the query */
	uint8_t			*shown;		/* per entry: passes filters */
	size_t			 nshown;

	uint8_t			 fold_group[GROUP__COUNT + 1];	/* + BROW_BEST */
	uint32_t		 best[BROWSE_BEST_MAX];	/* best first */
	size_t			 nbest;
	uint8_t			*fold_cat;	/* GROUP__COUNT x ncategories */

	struct brow		*rows;		/* the visible rows */
	size_t			 nrows;
	size_t			 sel;		/* selected row */
	size_t			 top;		/* first row on screen */

	uint32_t		*history;	/* entries links were followed from */
	size_t			 nhistory;
	size_t			 caphistory;

	/* The detail document of the selected entry, cached per width. */
	struct rdoc		 doc;
	uint32_t		 doc_entry;
	size_t			 doc_width;
	size_t			 dtop;		/* first line on screen */
	int			 dlink;		/* selected related code, or -1 */
};

/* A group header's title, untranslated: BROW_BEST's included. */
const char	*browse_group_title(int group);

void	browse_init(struct browse *, struct catalog *);
void	browse_free(struct browse *);

/* Filters.  Each returns 1 when the filter changed (and the rows were
 * rebuilt), else 0.  A query that is a known code also selects it. */
int	browse_set_query(struct browse *, const char *);
int	browse_set_class(struct browse *, int klass);
int	browse_set_category(struct browse *, int category);
int	browse_clear_filters(struct browse *);
int	browse_filtered(const struct browse *);

/* The selected row, and its entry or NULL on a header. */
const struct brow	*browse_row(const struct browse *);
const struct entry	*browse_entry(const struct browse *);
/* Entries of a category (-1: all) passing the other filters. */
size_t	browse_count_category(const struct browse *, int category);

/* Moving: by rows (clamped), to the ends, to a row. */
void	browse_move(struct browse *, long delta);
void	browse_home(struct browse *);
void	browse_end(struct browse *);
void	browse_select_row(struct browse *, size_t row);
/* Keep the selection on screen: adjusts and returns top. */
size_t	browse_view(struct browse *, size_t height);
/* Scroll the list (mouse wheel), dragging the selection along. */
void	browse_scroll(struct browse *, long delta, size_t height);

/* Folds: on a header, or on the header holding the selected entry. */
void	browse_toggle(struct browse *);
/* Fold: an open header closes; an entry or closed header goes up. */
void	browse_fold(struct browse *);
/* Unfold a closed header; returns 0 when nothing was folded. */
int	browse_unfold(struct browse *);
/* Fold (1) or unfold (0) every header. */
void	browse_fold_all(struct browse *, int fold);
int	browse_all_folded(const struct browse *);

/*
 * The first screen of a troubleshooting browser is about failures: the
 * success groups (2xx, 3xx) folded and the selection on the first
 * failure group's header.
 */
void	browse_open_on_failures(struct browse *);
/*
 * The folded groups as a line of short names ("2xx 3xx"), to keep with
 * the history, and the same line read back: unknown names are ignored,
 * so that a state file of another version still loads.  The caller
 * frees the line.
 */
char	*browse_folds_save(const struct browse *);
void	browse_folds_load(struct browse *, const char *line);

/*
 * Select an entry: its headers unfold and, when the filters hide it,
 * they are cleared.  Returns 0, or -1 when there is no such entry.
 */
int	browse_select_entry(struct browse *, uint32_t entry);
/* Select a code ("550", "5.7.26", "x.7.26"): 0, or -1 if unknown. */
int	browse_select_code(struct browse *, const char *code);
/* Step to the next (dir > 0) or previous shown entry, wrapping, even
 * inside folded groups.  Returns 0, or -1 when there is none. */
int	browse_next_match(struct browse *, int dir);

/* Links: follow a related code, remembering where from; go back. */
int	browse_follow(struct browse *, const char *code);
int	browse_back(struct browse *);

/*
 * Byte ranges of text that match the query words (a word starting with
 * one of them), for highlighting.  spans holds start, length pairs;
 * returns the number of ranges (at most max).
 */
size_t	browse_match_spans(const struct browse *, const char *text,
	    size_t *spans, size_t max);

/* The detail document of the selected entry laid out for width, or
 * NULL on a header.  Cached; rebuilt when the entry or width changes. */
const struct rdoc	*browse_doc(struct browse *, size_t width);
void	browse_detail_scroll(struct browse *, long delta, size_t height);
void	browse_detail_home(struct browse *);
void	browse_detail_end(struct browse *, size_t height);
/* Select the next (dir > 0) or previous related code and scroll to it;
 * returns 0, or -1 when the entry has none. */
int	browse_detail_link(struct browse *, int dir, size_t height);
/* Follow the selected related code (the first when none is). */
int	browse_detail_follow(struct browse *);

/* The screen layout, a pure function of the terminal size. */
#define LAYOUT_MIN_LINES	6
#define LAYOUT_MIN_COLS		20
#define LAYOUT_WIDE_COLS	80

struct rect {
	int	 y, x, h, w;
};

struct layout {
	int		 lines, cols;
	int		 too_small;	/* below the minimum: nothing fits */
	int		 wide;		/* list and detail side by side */
	int		 show_list;
	int		 show_detail;
	struct rect	 title, list, sep, detail, status;
};

/* detail_open: on a narrow terminal, the detail replaces the list. */
void	layout_compute(struct layout *, int lines, int cols, int detail_open);
/* A box of up to h x w, centred on the screen and inside it. */
void	layout_center(const struct layout *, int h, int w, struct rect *);

#endif
