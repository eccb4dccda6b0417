/*
 * The terminal: its description checked before curses opens it, and the
 * signals.  The handlers only set flags; the loop acts on them between
 * two keys (quit on SIGINT/SIGTERM/SIGHUP, suspend on SIGTSTP, repaint
 * on SIGCONT).  SIGWINCH stays with ncurses, which turns it into
 * KEY_RESIZE.
 */
#include "config.h"

#include <curses.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tui/tpaste.h"
#include "tui/view.h"

/* Last: its capability macros (lines, columns...) clash with names. */
#include <term.h>

static volatile sig_atomic_t	 got_quit;	/* the signal number */
static volatile sig_atomic_t	 got_tstp;
static volatile sig_atomic_t	 got_cont;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGTSTP:
		got_tstp = 1;
		break;
	case SIGCONT:
		got_cont = 1;
		break;
	default:
		got_quit = sig;
		break;
	}
}

static void
catch_signal(int sig)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must wake the loop out of wgetch(). */
	sa.sa_flags = 0;
	sigaction(sig, &sa, NULL);
}

/*
 * Look the terminal up before curses does: newterm() leaks its screen
 * when TERM is unknown, and a terminal that cannot place the cursor
 * (dumb) would show a first frame and then nothing; refuse it before a
 * byte is written.
 */
int
term_check(int fd)
{
	TERMINAL	*tm;
	const char	*cup;
	int		 err = 0, rc;

	if (setupterm(NULL, fd, &err) != OK)
		return (-1);
	cup = tigetstr("cup");
	rc = cup == NULL || cup == (char *)-1 ? -2 : 0;
	tm = cur_term;
	set_curterm(NULL);
	del_curterm(tm);
	return (rc);
}

/* Installed before newterm(), so ncurses keeps its own away. */
void
term_signals(void)
{
	catch_signal(SIGINT);
	catch_signal(SIGTERM);
	catch_signal(SIGHUP);
	catch_signal(SIGTSTP);
	catch_signal(SIGCONT);
}

/*
 * After a stop the terminal may have another size, and a SIGWINCH that
 * came between ncurses' check and its read(2) waits for the next key:
 * the idle loop asks too.  Returns 1 when the size changed.
 */
int
term_check_size(void)
{
	struct winsize	 ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resizeterm(ws.ws_row, ws.ws_col);	/* queues KEY_RESIZE */
		return (1);
	}
	return (0);
}

static void
suspend(struct tui *t)
{
	struct sigaction	 sa, old;
	sigset_t		 set;

	/* The shell must not get pastes wrapped in ESC [ 200 ~. */
	pasteio_mode(t, 0);
	endwin();
	/* Stop for real: the default action, unblocked, then back. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &old);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	got_cont = 0;
	term_check_size();
	t->redraw_all = 1;
}

/*
 * Act on the signals that came in.  Returns 1 when one did (the caller
 * then redraws, or leaves when t->quit is set).
 */
int
term_pending(struct tui *t)
{
	if (got_quit != 0) {
		t->quit = 1;
		t->exit_status = 128 + got_quit;
		got_quit = 0;
		return (1);
	}
	if (got_tstp) {
		got_tstp = 0;
		suspend(t);
		return (1);
	}
	if (got_cont) {
		/* Stopped from outside (SIGSTOP): repaint what was lost. */
		got_cont = 0;
		term_check_size();
		t->redraw_all = 1;
		return (1);
	}
	return (0);
}
