/*
 * Inside the browser: the state shared by the views and the ops every
 * view fills in.  Views read the model and change it only through
 * browse_*(); tui.c owns the loop, the windows and the terminal.
 */
#ifndef SD_TUI_VIEW_H
#define SD_TUI_VIEW_H

#include <curses.h>
#include <stdio.h>

#include "browse/browse.h"
#include "catalogue/catalog.h"
#include "tui/action.h"

struct options;
struct pasteio;
struct tbox;
struct tpaste;
struct tresult;
struct tsum;
struct tui;

/*
 * One view: where it draws, how, and what it does with an action.  A new
 * view (the paste box, say) is a view_<name>.c exporting one of these, a
 * VIEW_ id below, a pane for its window and a keymap in action.c.
 */
struct view {
	const char	*name;
	enum keymap	 keymap;
	int		 pane;			/* enum pane */
	/* Where it goes on screen, from tui.lay; h == 0 hides it. */
	void		(*layout)(struct tui *, struct rect *);
	void		(*draw)(struct tui *, WINDOW *, const struct rect *);
	/* Returns 1 when the view handled the action. */
	int		(*key)(struct tui *, enum action, int key);
	/*
	 * Scroll, or move the selection, by n lines (up when negative;
	 * SCROLL_TOP and SCROLL_BOTTOM go to the ends: scroll.h), and the
	 * lines a page key moves.  NULL for a view that does not scroll:
	 * then the moving actions go to key().  (Not "scroll": curses has
	 * a macro of that name.)
	 */
	void		(*motion)(struct tui *, long n);
	long		(*page)(struct tui *);
	/* A key bound to no action is text for key() (the paste box). */
	int		 text;
	/* A click or wheel event at y, x inside the view's rect. */
	void		(*mouse)(struct tui *, const struct rect *, int y, int x,
			    mmask_t);
	const enum action *hints;		/* for the status line */
};

enum view_id {
	VIEW_LIST,
	VIEW_DETAIL,
	VIEW_HELP,
	VIEW_MENU,
	VIEW_PASTE,	/* the paste box: whole bounce messages */
	VIEW_RESULT,	/* their diagnosis */
	VIEW_SUMMARY,	/* the summary of a mail log given */
	VIEW__COUNT
};

enum pane {
	PANE_TITLE,
	PANE_LIST,
	PANE_SEP,
	PANE_DETAIL,
	PANE_STATUS,
	PANE_OVERLAY,
	PANE_BODY,	/* the paste box or its result: all but the bars */
	PANE__COUNT
};

struct pane_win {
	WINDOW		*win;
	struct rect	 r;
};

enum menu_kind {
	MENU_CLASS,
	MENU_CATEGORY
};

struct tui {
	struct catalog		*cat;
	struct browse		 b;
	struct layout		 lay;
	struct pane_win		 panes[PANE__COUNT];

	/* VIEW_LIST, VIEW_DETAIL, VIEW_PASTE or VIEW_RESULT */
	enum view_id		 focus;
	int			 detail_open;	/* narrow: detail on screen */
	int			 overlay;	/* VIEW_HELP, VIEW_MENU or -1 */
	int			 prompting;	/* the filter prompt is open */

	int			 color;		/* colours in use */
	int			 utf8;		/* the locale is UTF-8 */
	int			 quit;
	int			 exit_status;
	int			 redraw_all;	/* clear the screen first */
	char			 msg[256];	/* one-shot status message */

	size_t			 help_top;
	size_t			 help_lines;
	enum menu_kind		 menu_kind;
	int			 menu_sel;

	struct tpaste		*paste;		/* the paste session (tpaste.c) */
	struct tbox		*box;		/* view_paste.c's own state */
	struct tresult		*result;	/* view_result.c's (tresult.h) */
	struct pasteio		*pio;		/* paste_io.c's own state */
	struct tsum		*sum;		/* view_summary.c's, or NULL */
	int			 from_result;	/* the detail came from it */
	char			*datadir;	/* where the rules are */
	char			*resolver;	/* --resolver, or NULL */
	char			*check_ip;	/* --ip, or NULL */
	int			 check_ms;	/* a DNS query's timeout */
	int			 in_fd, out_fd;	/* the terminal */

	SCREEN			*screen;
	int			 headless;	/* benchmarks: no signals */
};

extern const struct view view_list;
extern const struct view view_detail;
extern const struct view view_help;
extern const struct view view_menu;
extern const struct view view_paste;
extern const struct view view_result;
extern const struct view view_summary;
extern const struct view *const views[VIEW__COUNT];

/* tui.c */
/* 0, -1 when curses cannot use the terminal, -2 when it cannot place
 * the cursor (TERM=dumb). */
int	 tui_open(struct tui *, struct catalog *, const struct options *,
	    FILE *in, FILE *out, int headless);
void	 tui_close(struct tui *);
void	 tui_frame(struct tui *);
void	 tui_key(struct tui *, int key);
void	 tui_message(struct tui *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 tui_open_detail(struct tui *);
void	 tui_back(struct tui *);

/* The view owning the screen between the bars, and how keys reach it. */
int	 tui_body_mode(const struct tui *);

/* term.c: the terminal's description, signals, suspend and resume. */
/* 0; -1 when TERM is unknown, -2 when it cannot place the cursor. */
int	 term_check(int fd);
void	 term_signals(void);
int	 term_pending(struct tui *);
int	 term_check_size(void);

/* prompt.c: the readline filter prompt. */
void	 prompt_open(struct tui *, int first_key);
void	 prompt_key(struct tui *, int key);
void	 prompt_draw(struct tui *, WINDOW *, const struct rect *);
void	 prompt_cleanup(void);

/* keys.c */
/* A key code no action has: an unknown sequence read and dropped. */
#define KEY_IGNORED	(KEY_MAX + 3)
/* Bytes of a CSI sequence read at most before it is given up. */
#define KEYS_MAX_CSI	32
void	 keys_init(void);
int	 keys_filter(int key);

/* history.c: the files of $XDG_STATE_HOME/smtp-doctor */
char	*state_path(const char *name);
/* Atomic: 0, or -1 with errno set. */
int	 state_save(const char *name, const char *text, size_t len);
char	*state_load(const char *name, size_t max);
char	*history_path(void);
void	 history_load(void);
/* Returns 0, or -1 with errno set. */
int	 history_save(void);

/* view_menu.c */
void	 menu_open(struct tui *, enum menu_kind);

/* view_summary.c: a mail log given, summed up as it is read. */
/* Read the files in a thread and show their summary: 0, or -1, errno. */
int	 tsum_open(struct tui *, char *const *paths, size_t n);
void	 tsum_free(struct tui *);
/* The diagnosis of a group is on screen, not the list. */
int	 tsum_detail(const struct tui *);
/* The reading goes on (a load, or following): poll often. */
int	 tsum_busy(const struct tui *);
/* New sums are taken: 1 when the screen should be drawn again. */
int	 tsum_poll(struct tui *);
/* The filter of the summary, which the prompt edits. */
const char *tsum_query(const struct tui *);
void	 tsum_set_query(struct tui *, const char *);
/* " 12/40 ": failures shown of all. */
void	 tsum_counts(const struct tui *, char *, size_t);
/* The right of the status line: following, reading, or the counts. */
void	 tsum_status(const struct tui *, char *, size_t);

/* view_help.c */
void	 help_open(struct tui *);

#endif
