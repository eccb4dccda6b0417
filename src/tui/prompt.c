/*
 * The '/' filter prompt: GNU readline in callback mode, fed one byte at
 * a time by the curses loop (STYLE.md, "readline inside ncurses").
 * Curses owns the terminal and decodes keys; readline only edits.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>
#include <readline/history.h>

#include "browse/browse.h"
#include "base/i18n.h"
#include "tui/draw.h"
#include "tui/scroll.h"
#include "tui/view.h"

/* Last: its capability macros (lines, columns...) clash with names. */
#include <term.h>

#define PROMPT	"/"

static struct tui	*cur;		/* readline's callbacks take no arg */
static int		 stash = -1;	/* the byte rl_getc hands over */
static FILE		*devnull;
static int		 ready;
static int		 accepted;
static char		*accepted_line;
static int		 warned;	/* history failure told once */

static void	finish(struct tui *, int keep);

static int
box_getc(FILE *f)
{
	int	 c = stash;

	(void)f;
	stash = -1;
	return (c >= 0 ? c : EOF);
}

static int
box_pending(void)
{
	return (stash >= 0);
}

/* The frame draws the line from rl_line_buffer: nothing to do here. */
static void
box_redisplay(void)
{
}

static void
box_accept(char *line)
{
	accepted = 1;
	free(accepted_line);
	accepted_line = line;
}

static void
setup(void)
{
	TERMINAL	*term;

	if (ready)
		return;
	rl_readline_name = PACKAGE;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
#if HAVE_DECL_RL_CHANGE_ENVIRONMENT
	/* Else readline exports LINES and COLUMNS and resizing breaks. */
	rl_change_environment = 0;
#endif
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	/* Bells and completion lists must never reach the screen. */
	devnull = fopen("/dev/null", "w");
	rl_outstream = devnull;
	rl_getc_function = box_getc;
	rl_input_available_hook = box_pending;
	rl_redisplay_function = box_redisplay;
	/*
	 * Readline looks the terminal up with tgetent(), which may make
	 * another terminal current in ncurses: keep the screen's own.
	 */
	term = cur_term;
	rl_initialize();
	if (cur_term != term)
		set_curterm(term);
	rl_variable_bind("disable-completion", "on");
	rl_variable_bind("bell-style", "none");
	rl_variable_bind("enable-bracketed-paste", "off");
	ready = 1;
}

static void
feed(int c)
{
	stash = c;
	rl_callback_read_char();
	stash = -1;
}

/* The prompt filters the summary of a log when it is on screen. */
static int
for_summary(const struct tui *t)
{
	return (t->focus == VIEW_SUMMARY);
}

static const char *
query_get(const struct tui *t)
{
	return (for_summary(t) ? tsum_query(t) : t->b.query);
}

static void
query_set(struct tui *t, const char *q)
{
	if (for_summary(t))
		tsum_set_query(t, q);
	else
		browse_set_query(&t->b, q);
}

/* Filter as you type: the model follows the line after every key. */
static void
sync_query(struct tui *t)
{
	if (rl_line_buffer != NULL && strcmp(rl_line_buffer, query_get(t)) != 0)
		query_set(t, rl_line_buffer);
}

void
prompt_open(struct tui *t, int first_key)
{
	setup();
	cur = t;
	accepted = 0;
	t->prompting = 1;
	t->overlay = -1;
	if (!for_summary(t))
		t->focus = VIEW_LIST;
	rl_callback_handler_install(PROMPT, box_accept);
	if (first_key > 0) {
		/* A digit starts a new query: the code being typed. */
		rl_replace_line("", 1);
		feed(first_key);
	} else {
		rl_replace_line(query_get(t), 1);
		rl_point = rl_end;
	}
	sync_query(t);
}

static int
is_rubout(int c)
{
	return (c == KEY_BACKSPACE || c == 127 || c == CTRL_KEY('h'));
}

static void
edit_key(int c)
{
	switch (c) {
	case KEY_LEFT:
		rl_backward_char(1, 0);
		break;
	case KEY_RIGHT:
		rl_forward_char(1, 0);
		break;
	case KEY_HOME:
		rl_beg_of_line(1, 0);
		break;
	case KEY_END:
		rl_end_of_line(1, 0);
		break;
	case KEY_BACKSPACE:
		rl_rubout(1, 0);
		break;
	case KEY_DC:
		rl_delete(1, 0);
		break;
	default:
		/* Other function keys mean nothing to a line editor. */
		break;
	}
}

/* After readline had a key: accept, or filter with the new line. */
static void
after_edit(struct tui *t)
{
	if (accepted)
		finish(t, accepted_line != NULL);
	else
		sync_query(t);
}

void
prompt_key(struct tui *t, int c)
{
	enum action	 a = keymap_lookup(KM_PROMPT, c);
	const struct view *list = for_summary(t) ? &view_summary : &view_list;
	long		 n;
	int		 next, searching;

	searching = RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH) != 0;
	if (searching) {
		/* Let readline end its own history search. */
		if (a == ACT_ACCEPT || a == ACT_CANCEL)
			a = ACT_NONE;
		if (c == KEY_ENTER)
			c = '\r';
	} else if (c == KEY_ESC) {
		/*
		 * Esc and a printable key at once is Meta-key (M-b, M-f...);
		 * anything else, a second Esc say, leaves Esc a cancel.
		 */
		nodelay(stdscr, TRUE);
		next = wgetch(stdscr);
		nodelay(stdscr, FALSE);
		if (next >= ' ' && next <= 127) {
			feed(KEY_ESC);
			feed(next);
			after_edit(t);
			return;
		}
		if (next != ERR)
			ungetch(next);
	}
	/* The moving keys move in the list, as they do there. */
	if (scroll_motion(a, list->page(t), &n)) {
		list->motion(t, n);
		return;
	}
	switch (a) {
	case ACT_ACCEPT:
		finish(t, 1);
		return;
	case ACT_CANCEL:
		finish(t, 0);
		return;
	case ACT_REDRAW:
		t->redraw_all = 1;
		return;
	default:
		break;
	}
	/* Backspace on an empty line closes the prompt, as in less. */
	if (is_rubout(c) && rl_end == 0 && !searching) {
		finish(t, 0);
		return;
	}
	if (c >= 0 && c < 256)
		feed(c);
	else
		edit_key(c);
	after_edit(t);
}

static void
remember(struct tui *t, const char *line)
{
	HIST_ENTRY	*old;
	char		*path;
	int		 i;

	if (line[0] == '\0' || t->headless)
		return;
	/* One copy of each filter, the newest last (bash's erasedups). */
	for (i = history_length - 1; i >= 0; i--) {
		old = history_get(history_base + i);
		if (old != NULL && strcmp(old->line, line) == 0 &&
		    (old = remove_history(i)) != NULL)
			free_history_entry(old);
	}
	add_history(line);
	if (history_save() != 0 && !warned) {
		/* Once: the session goes on without a saved history. */
		path = history_path();
		tui_message(t, _("Filter history not saved (%s: %s)"),
		    path != NULL ? path : "$HOME", strerror(errno));
		free(path);
		warned = 1;
	}
}

/* Close the prompt: keep the line as the filter, or clear it. */
static void
finish(struct tui *t, int keep)
{
	char	*line;

	if (keep) {
		line = xstrdup(accepted ? (accepted_line != NULL ?
		    accepted_line : "") : rl_line_buffer);
		query_set(t, line);
		remember(t, line);
		free(line);
	} else {
		rl_callback_sigcleanup();
		query_set(t, "");
	}
	free(accepted_line);
	accepted_line = NULL;
	accepted = 0;
	rl_replace_line("", 1);
	rl_callback_handler_remove();
	t->prompting = 0;
}

/* Columns from the start of s to byte off, as drawn. */
static int
width_to(const char *s, size_t off)
{
	char	*part = xstrndup(s, off);
	int	 w = draw_width(part);

	free(part);
	return (w);
}

void
prompt_draw(struct tui *t, WINDOW *win, const struct rect *r)
{
	const char	*prompt = rl_display_prompt != NULL ?
			    rl_display_prompt : PROMPT;
	const char	*line = rl_line_buffer != NULL ? rl_line_buffer : "";
	char		 counts[64];
	size_t		 start = 0, point = (size_t)rl_point;
	int		 pw, cw, avail, x;

	if (point > strlen(line))
		point = strlen(line);
	if (for_summary(t))
		tsum_counts(t, counts, sizeof counts);
	else
		snprintf(counts, sizeof counts, " %zu/%zu ", t->b.nshown,
		    t->cat->n);
	cw = (int)strlen(counts);
	if (cw > r->w / 3)
		cw = 0;
	else
		draw_str(win, 0, r->w - cw, cw, counts, draw_attr(TS_BAR));
	pw = draw_str(win, 0, 0, r->w - cw, prompt, A_BOLD);
	avail = r->w - cw - pw - 1;
	if (avail < 1) {
		wmove(win, 0, r->w - cw - 1 > 0 ? r->w - cw - 1 : 0);
		return;
	}
	/* Scroll sideways so that the cursor stays in the box. */
	while (width_to(line + start, point - start) > avail - 1 &&
	    start < point) {
		start++;
		while (start < point &&
		    ((unsigned char)line[start] & 0xc0) == 0x80)
			start++;
	}
	draw_text(win, 0, pw, avail, line + start, strlen(line + start),
	    A_NORMAL, 0);
	x = pw + width_to(line + start, point - start);
	wmove(win, 0, x < r->w ? x : r->w - 1);
}

void
prompt_cleanup(void)
{
	if (cur != NULL && cur->prompting)
		rl_callback_handler_remove();
	cur = NULL;
	free(accepted_line);
	accepted_line = NULL;
	clear_history();
	if (ready) {
		rl_free_line_state();
		rl_free_undo_list();
	}
	if (devnull != NULL) {
		fclose(devnull);
		devnull = NULL;
		rl_outstream = NULL;
	}
	ready = 0;
}
