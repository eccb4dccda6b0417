/* smtp-doctor: pick the front end, the browser or the command line. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "base/datadir.h"
#include "base/i18n.h"
#include "options.h"
#include "tui/tui.h"

/* The front end for the options: the browser or the command line. */
static int
run(struct options *o)
{
	/* Files: their diagnosis in the browser, or printed. */
	if (o->files && o->mode == MODE_DEFAULT) {
		if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
		    strcmp(o->args[0], "-") != 0 && o->nargs == 1)
			return (tui_main(o));
		o->mode = MODE_DIAGNOSE;
		return (cli_main(o));
	}
	if (o->mode == MODE_BROWSE ||
	    (o->mode == MODE_DEFAULT && o->nargs == 0 &&
	    isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)))
		return (tui_main(o));
	return (cli_main(o));
}

int
main(int argc, char **argv)
{
	struct options	 o;
	const char	*localedir;
	int		 rc;

	/*
	 * The two categories the program uses: characters (curses,
	 * readline, widths) and messages.  LC_ALL would load a dozen
	 * locale files the program never reads, a fifth of a
	 * millisecond at every start.
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	localedir = datadir_localedir(options_exe_path());
	bindtextdomain(PACKAGE, localedir);
	bindtextdomain(CATALOG_DOMAIN, localedir);
	textdomain(PACKAGE);

	if ((rc = options_parse(argc, argv, &o)) != 0) {
		options_free(&o);
		return (rc);
	}
	rc = run(&o);
	options_free(&o);
	return (rc);
}
