/* The moving actions as one motion, shared by every view that scrolls. */
#include "config.h"

#include "tui/scroll.h"

int
scroll_motion(enum action a, long page, long *n)
{
	if (page < 1)
		page = 1;
	switch (a) {
	case ACT_UP:
		*n = -1;
		return (1);
	case ACT_DOWN:
		*n = 1;
		return (1);
	case ACT_PAGE_UP:
		*n = -page;
		return (1);
	case ACT_PAGE_DOWN:
		*n = page;
		return (1);
	case ACT_TOP:
		*n = SCROLL_TOP;
		return (1);
	case ACT_BOTTOM:
		*n = SCROLL_BOTTOM;
		return (1);
	default:
		return (0);
	}
}

size_t
scroll_to(size_t pos, long n, size_t last)
{
	if (n == SCROLL_TOP)
		return (0);
	if (n == SCROLL_BOTTOM)
		return (last);
	if (n < 0)
		return ((size_t)-n >= pos ? 0 : pos - (size_t)-n);
	if ((size_t)n >= last || pos >= last - (size_t)n)
		return (last);
	return (pos + (size_t)n);
}
