/*
 * The one way the views scroll.  The moving actions (move-up, move-down,
 * page-up, page-down, top, bottom) become a motion of n lines that
 * tui.c hands to the focused view's scroll op (view.h): no view has a
 * switch of its own for them.  scroll_to() is the arithmetic of a plain
 * list whose position is a number (the help's first line, a menu's
 * selection).
 */
#ifndef SD_TUI_SCROLL_H
#define SD_TUI_SCROLL_H

#include <limits.h>
#include <stddef.h>

#include "tui/action.h"

/* Motions to the ends, whatever the length. */
#define SCROLL_TOP	LONG_MIN
#define SCROLL_BOTTOM	LONG_MAX
/* Lines a turn of the mouse wheel moves. */
#define SCROLL_WHEEL	3

/*
 * The motion of action a for a page of page lines: 1 with *n set, or 0
 * when a does not move.
 */
int	scroll_motion(enum action a, long page, long *n);
/* pos moved by the motion n, kept within 0 and last. */
size_t	scroll_to(size_t pos, long n, size_t last);

#endif
