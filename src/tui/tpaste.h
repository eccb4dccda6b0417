/*
 * The paste box and its result inside the browser.  The session (the
 * text and its analysis) is tpaste.c's; each view keeps its own state
 * behind its own functions: view_paste.c (the box), view_result.c and
 * result_verdict.c (the diagnosis, tresult.h), paste_io.c (the
 * terminal's bracketed-paste mode and the raw reads of a paste).
 */
#ifndef SD_TUI_TPASTE_H
#define SD_TUI_TPASTE_H

#include <curses.h>
#include <time.h>

#include "paste/paste.h"
#include "paste/paste_job.h"
#include "paste/paste_result.h"
#include "paste/paste_wrap.h"

struct tui;

/* Key codes ncurses gives for the start and end of a bracketed paste. */
#define KEY_PASTE_START	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)

/*
 * The session: the box's text and its analysis, made on first use and
 * owned by tpaste.c; the views read it through these.
 */
struct tpaste;

struct tpaste		*tpaste_get(struct tui *);
/* The session and every view's state of it, paste mode off. */
void			 tpaste_free(struct tui *);
/* Focus the box, its end on screen; a running analysis is cancelled. */
void			 tpaste_open(struct tui *);
/* A file's text into the box, analysed: 0, or -1 with errno set. */
int			 tpaste_load_file(struct tui *, const char *path);
/* Analyse the box's text off the input path, and show the result. */
void			 tpaste_analyse(struct tui *);
/* Take a finished analysis: 1 when one came in. */
int			 tpaste_take(struct tui *);
struct paste		*tpaste_text(struct tpaste *);
/* The last result, or NULL (none yet, or one is being made). */
const struct presult	*tpaste_result(const struct tpaste *);
int			 tpaste_analysing(const struct tpaste *);
/* While analysing, the seconds so far; after, what it took. */
double			 tpaste_seconds(const struct tpaste *);
double			 tpaste_elapsed(const struct timespec *);
/*
 * The DNS checks of verdict block of the result, off the input path.
 * The first call of a session only says where the queries will go;
 * the next sends them.  One check at a time.
 */
void			 tpaste_check(struct tui *, size_t block);
int			 tpaste_checking(const struct tpaste *);
double			 tpaste_check_seconds(const struct tpaste *);
/* Stop waiting for the checks: their findings will be dropped. */
void			 tpaste_check_cancel(struct tui *);
/* Show the records the checks read, or hide them: 1 when shown. */
int			 tpaste_check_records(struct tui *);
/* Findings that came in join their verdict: its block, or -1. */
long			 tpaste_check_take(struct tui *);

/* view_paste.c: the box view. */
/* The box shows the end of its text, and follows it as it grows. */
void			 tbox_follow(struct tui *);
/* Where the cursor goes: 1 with y, x set, 0 when it is not on screen. */
int			 tbox_cursor(const struct tui *, int *y, int *x);
void			 tbox_free(struct tui *);

/* view_result.c: the result view. */
/* A finished analysis is shown; returns 1 when the screen changed. */
int		 tresult_poll(struct tui *);
/* Back to the top of both panes, no entry selected. */
void		 tresult_reset(struct tui *);
/* A catalogue entry of the verdict is selected. */
int		 tresult_has_link(const struct tui *);
void		 tresult_free(struct tui *);

/* paste_io.c: the terminal side of a paste. */
void		 pasteio_init(struct tui *);
/* Paste mode off, and the reader's state freed. */
void		 pasteio_free(struct tui *);
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
/* Bytes read of the paste coming in. */
size_t		 pasteio_received(const struct tui *);
/* A key left over from the last paste's read, or ERR. */
int		 pasteio_next_key(struct tui *);

#endif
