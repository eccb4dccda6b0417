/* Print the browser's keys as man(7) markup, for the manual page. */
#include "config.h"

#include <stdio.h>

#include "tui/tui.h"

int
main(void)
{
	tui_print_keys_man(stdout);
	return (ferror(stdout) ? 1 : 0);
}
