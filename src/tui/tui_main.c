/*
 * The browser's entry point: load the data, open the terminal, then the
 * one event loop (key, dispatch, frame) until q, Ctrl-C or a signal.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalogue/catalog.h"
#include "check/dnscheck.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "options.h"
#include "catalogue/search.h"
#include "diagnose/sumlive.h"
#include "base/utf8.h"
#include "tui/tpaste.h"
#include "tui/tui.h"
#include "tui/view.h"

/* Errors in a row from wgetch() that mean the terminal is gone. */
#define MAX_READ_ERRORS	64
/*
 * How often the loop looks for a finished analysis or DNS check while
 * one runs.
 */
#define POLL_MS		40
/* How often an idle loop checks the size, for a SIGWINCH ncurses missed. */
#define IDLE_MS		500

/*
 * The next key: one left over from a paste's read, else wgetch(),
 * waiting at most POLL_MS while an analysis runs.  *timed_out tells an
 * ERR of that wait from one of a terminal that is gone.
 */
static int
next_key(struct tui *t, int *timed_out)
{
	struct timespec	 a, b;
	int		 key, busy = tpaste_analysing(t->paste) ||
			    tpaste_checking(t->paste) || tsum_busy(t);
	int		 wait_ms = busy ? POLL_MS : IDLE_MS;
	double		 ms;

	*timed_out = 0;
	if ((key = pasteio_next_key(t)) != ERR)
		return (key);
	wtimeout(stdscr, wait_ms);
	clock_gettime(CLOCK_MONOTONIC, &a);
	errno = 0;
	key = keys_filter(wgetch(stdscr));
	if (key == ERR) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
		*timed_out = ms >= wait_ms / 2;
	}
	return (key);
}

/*
 * A --resolver that does not parse is said before the screen opens, as
 * the CLI says it; opening the resolver sends nothing.
 */
static int
resolver_check(const struct options *o)
{
	struct dns_resolver	*r;
	const char		*why;

	if (o->resolver == NULL)
		return (0);
	if ((r = dns_resolver_open(o->resolver, CHECK_TIMEOUT_MS,
	    &why)) == NULL) {
		utf8_eprintf(_("%s: --resolver takes IP or IP:PORT, not "
		    "'%s'\n"), PACKAGE, o->resolver);
		return (-1);
	}
	dns_resolver_close(r);
	return (0);
}

/*
 * A file operand: a mail log (as --summary tells one) opens its
 * summary, with the other files of a directory after it; anything else
 * goes into the paste box, diagnosed.  0, or -1 with errno set.
 */
static int
open_files(struct tui *t, const struct options *o)
{
	int	 log = sumlive_is_log(o->args[0]);

	if (log < 0)
		return (-1);
	if (log == 1)
		return (tsum_open(t, o->args, (size_t)o->nargs));
	return (tpaste_load_file(t, o->args[0]));
}

int
tui_main(const struct options *o)
{
	struct catalog	 c;
	struct tui	 t;
	const char	*term;
	int		 rc, key, errors = 0, timed_out;

	catalog_init(&c);
	/* A data error is printed before the screen is touched. */
	if ((rc = options_load_catalog(o, &c)) != 0) {
		catalog_free(&c);
		return (rc);
	}
	if (resolver_check(o) != 0) {
		catalog_free(&c);
		return (2);
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		utf8_eprintf(_("%s: the browser needs a terminal; try "
		    "'%s --list' or '%s CODE'\n"), PACKAGE, PACKAGE, PACKAGE);
		catalog_free(&c);
		return (2);
	}
	if ((rc = tui_open(&t, &c, o, stdin, stdout, 0)) != 0) {
		term = getenv("TERM") != NULL ? getenv("TERM") : "";
		if (rc == -2)
			utf8_eprintf(_("%1$s: the terminal '%2$s' cannot "
			    "place the cursor; try '%1$s --list' or '%1$s "
			    "CODE'\n"), PACKAGE, term);
		else
			utf8_eprintf(_("%s: cannot use the terminal '%s'\n"),
			    PACKAGE, term);
		catalog_free(&c);
		return (2);
	}
	t.datadir = xstrdup(options_rules_dir(o));
	t.resolver = o->resolver != NULL ? xstrdup(o->resolver) : NULL;
	t.check_ip = o->ip != NULL ? xstrdup(o->ip) : NULL;
	t.check_ms = o->timeout != 0 ? o->timeout * 1000 : CHECK_TIMEOUT_MS;
	tui_frame(&t);
	/*
	 * Build the search index while the user reads the first frame; the
	 * paste analysis, which reads the catalogue from its own thread,
	 * cannot start before it is done.
	 */
	catalog_index(&c);
	if (o->files && open_files(&t, o) != 0)
		tui_message(&t, "%s: %s", o->args[0], strerror(errno));
	if (o->files)
		tui_frame(&t);
	while (!t.quit) {
		if (term_pending(&t)) {
			if (!t.quit)
				tui_frame(&t);
			continue;
		}
		if (pasteio_receiving(&t)) {
			if (pasteio_pump(&t))
				tui_frame(&t);
			continue;
		}
		if ((key = next_key(&t, &timed_out)) == ERR) {
			if (timed_out) {
				/* KEY_RESIZE is queued: the next read has it. */
				if (term_check_size())
					continue;
				if (tresult_poll(&t) | tsum_poll(&t))
					tui_frame(&t);
				continue;
			}
			if (errno != EINTR && ++errors > MAX_READ_ERRORS) {
				t.quit = 1;
				t.exit_status = 1;
			}
			continue;
		}
		errors = 0;
		tui_key(&t, key);
		if (!t.quit) {
			tresult_poll(&t);
			tsum_poll(&t);
			tui_frame(&t);
		}
	}
	rc = t.exit_status;
	tui_close(&t);
	catalog_free(&c);
	return (rc);
}
