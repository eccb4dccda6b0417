/* The ncurses browser: the entry point and its key list. */
#ifndef SD_TUI_H
#define SD_TUI_H

#include <stdio.h>

struct options;

/* Run the browser; returns the exit status (130 after Ctrl-C). */
int	tui_main(const struct options *);
/* The browser's keys as plain text, one section per view. */
void	tui_print_keys(FILE *);
/* The same as man(7) markup (.SS, .TP), for the man page. */
void	tui_print_keys_man(FILE *);

#endif
