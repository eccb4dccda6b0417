/*
 * The paste box and its result inside the browser: the state shared by
 * view_paste.c (the box), view_result.c (the diagnosis) and paste_io.c
 * (the terminal's bracketed-paste mode and the raw reads of a paste).
 */
#ifndef SD_TUI_TPASTE_H
#define SD_TUI_TPASTE_H

#include <curses.h>
#include <time.h>

#include "paste.h"
#include "paste_job.h"
#include "paste_result.h"
#include "paste_wrap.h"

struct tui;

/* Key codes ncurses gives for the start and end of a bracketed paste. */
#define KEY_PASTE_START	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)

/* Keys read past the end of a paste, handed out before wgetch()'s. */
#define PASTE_KEYQ	512

struct tpaste {
	struct paste		 box;
	int			 follow;	/* the box shows its end */
	size_t			 box_top;	/* else its first row */
	int			 cur_y, cur_x;	/* where the cursor goes, */
	int			 cur_ok;	/* when it is on screen */
	struct wrap_marks	 box_marks;

	/* A bracketed paste coming in, read straight from the terminal. */
	int			 receiving;
	struct paste_end	 end;
	struct timespec		 last_read;
	size_t			 received;	/* raw bytes, for progress */
	size_t			 box_before;	/* box size at its start */
	size_t			 dropped_before; /* box.dropped at its start */
	int			 mode_on;	/* the terminal's paste mode */

	/* The analysis. */
	struct pjob		*job;
	int			 analysing;
	struct timespec		 started;
	struct presult		*res;
	double			 took;		/* seconds, for the status line */

	/* The result view. */
	enum paste_pane		 pane;		/* focused (wide) or shown */
	size_t			 ttop;		/* text: first row's offset */
	int			 ttop_width;	/* it is a row start at this width */
	struct wrap_marks	 text_marks;
	size_t			 vblock;	/* verdict: first line shown, */
	size_t			 vline;		/* as block and line in it */
	size_t			 lblock;	/* selected catalogue entry */
	int			 llink;		/* in lblock's codes, or -1 */

	int			 keyq[PASTE_KEYQ];
	size_t			 keyq_at, keyq_n;
};

/* view_paste.c */
struct tpaste	*tpaste_get(struct tui *);
void		 tpaste_free(struct tui *);
void		 tpaste_open(struct tui *);
void		 tpaste_analyse(struct tui *);
double		 tpaste_elapsed(const struct timespec *);

/* Where the result's panes go, relative to the body window. */
struct rgeom {
	struct paste_layout	 pl;
	int			 legend;	/* rows under the text header */
	int			 text_y, text_h, text_w;
	int			 ver_h, ver_w;	/* the verdict's lines */
};

/* view_result.c */
/* A finished analysis is shown; returns 1 when the screen changed. */
int		 tresult_poll(struct tui *);
void		 tresult_reset(struct tui *);
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

/* paste_io.c */
void		 pasteio_init(struct tui *);
/* Turn the terminal's paste mode on or off (no-op when it is already). */
void		 pasteio_mode(struct tui *, int on);
/* The mode follows the focus: on in the box, off elsewhere. */
void		 pasteio_sync(struct tui *);
void		 pasteio_begin(struct tui *);
/*
 * Read what has come of the paste, for at most a few milliseconds.
 * Returns 1 when the screen should be redrawn.
 */
int		 pasteio_pump(struct tui *);
int		 pasteio_receiving(const struct tui *);
/* A key left over from the last paste's read, or ERR. */
int		 pasteio_next_key(struct tui *);

#endif
