/*
 * The browser's entry point: load the data, open the terminal, then the
 * one event loop (key, dispatch, frame) until q, Ctrl-C or a signal.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "catalog.h"
#include "i18n.h"
#include "options.h"
#include "search.h"
#include "tui/tui.h"
#include "tui/view.h"

/* Errors in a row from wgetch() that mean the terminal is gone. */
#define MAX_READ_ERRORS	64

int
tui_main(const struct options *o)
{
	struct catalog	 c;
	struct tui	 t;
	int		 rc, key, errors = 0;

	catalog_init(&c);
	/* A data error is printed before the screen is touched. */
	if ((rc = options_load_catalog(o, &c)) != 0) {
		catalog_free(&c);
		return (rc);
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("%s: the browser needs a terminal; try "
		    "'%s --list' or '%s CODE'\n"), PACKAGE, PACKAGE, PACKAGE);
		catalog_free(&c);
		return (2);
	}
	if (tui_open(&t, &c, o, stdin, stdout, 0) != 0) {
		fprintf(stderr, _("%s: cannot use the terminal '%s'\n"),
		    PACKAGE, getenv("TERM") != NULL ? getenv("TERM") : "");
		catalog_free(&c);
		return (2);
	}
	tui_frame(&t);
	/* Build the search index while the user reads the first frame. */
	catalog_index(&c);
	while (!t.quit) {
		if (term_pending(&t)) {
			if (!t.quit)
				tui_frame(&t);
			continue;
		}
		errno = 0;
		if ((key = wgetch(stdscr)) == ERR) {
			if (errno != EINTR && ++errors > MAX_READ_ERRORS) {
				t.quit = 1;
				t.exit_status = 1;
			}
			continue;
		}
		errors = 0;
		tui_key(&t, key);
		if (!t.quit)
			tui_frame(&t);
	}
	rc = t.exit_status;
	tui_close(&t);
	catalog_free(&c);
	return (rc);
}
