/* Placeholder until the browser lands (issue 3). */
#include "config.h"

#include <stdio.h>

#include "options.h"
#include "tui/tui.h"

int
tui_main(const struct options *o)
{
	(void)o;
	fputs("smtp-doctor: the browser is not built yet\n", stderr);
	return (2);
}
