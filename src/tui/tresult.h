/*
 * The inside of the result view: its state and the functions its two
 * files share, view_result.c (the panes, the text) and result_verdict.c
 * (the verdict's lines and the selected catalogue entry).  No other
 * file includes it; the rest of the browser has tpaste.h.
 */
#ifndef SD_TUI_TRESULT_H
#define SD_TUI_TRESULT_H

#include <curses.h>
#include <stddef.h>

#include "paste/paste.h"
#include "paste/paste_fold.h"
#include "paste/paste_result.h"
#include "paste/paste_wrap.h"

struct tui;

struct tresult {
	enum paste_pane		 pane;		/* focused (wide) or shown */
	struct frow		 ttop;		/* text: the first row shown */
	int			 ttop_width;	/* it is a row start at this width */
	struct wrap_marks	 text_marks;
	struct folds		 folds;		/* the text's header blocks */
	size_t			 vblock;	/* verdict: first line shown, */
	size_t			 vline;		/* as block and line in it */
	size_t			 lblock;	/* selected catalogue entry */
	int			 llink;		/* in lblock's codes, or -1 */
};

/* The state, made on first use. */
struct tresult		*tresult_get(struct tui *);
/* The result shown: the session's, or NULL. */
const struct presult	*tresult_shown(const struct tui *);

/* Where the result's panes go, relative to the body window. */
struct rgeom {
	struct paste_layout	 pl;
	int			 legend;	/* rows under the text header */
	int			 text_y, text_h, text_w;
	int			 ver_h, ver_w;	/* the verdict's lines */
};

/* view_result.c */
void		 result_geom(struct tui *, struct rgeom *);

/* result_verdict.c */
void		 verdict_draw(struct tui *, WINDOW *, const struct rgeom *);
/* Scroll by n lines (up when negative), never past the last screenful. */
void		 verdict_scroll(struct tui *, const struct rgeom *, long n);
/* The first block and line of the last screenful of h lines. */
void		 verdict_bottom(const struct presult *, int width, size_t h,
		    size_t *block, size_t *line);
/* Select the next (dir > 0) or previous catalogue entry: 0, or -1. */
int		 verdict_select(struct tui *, int dir);
/* Select the entry on row y of the pane: 1, or 0 when there is none. */
int		 verdict_select_at(struct tui *, const struct rgeom *, int y);
/* Scroll so that the selected entry is on screen. */
void		 verdict_show_link(struct tui *, const struct rgeom *);
/* The top line back inside its block and above the last screenful. */
void		 verdict_clamp(struct tui *, const struct rgeom *);
/* Scroll so that the Checks section of block is on screen. */
void		 verdict_show_checks(struct tui *, const struct rgeom *,
		    size_t block);

#endif
