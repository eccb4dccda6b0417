/* The ncurses browser. */
#ifndef SD_TUI_H
#define SD_TUI_H

struct options;

/* Run the browser; returns the exit status. */
int	tui_main(const struct options *);

#endif
