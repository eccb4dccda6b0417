/*
 * The paste box's model, free of curses: its bounded text, the end of a
 * bracketed paste found in a raw byte stream, and the layout of the
 * result screen.  The browser draws it; the unit tests drive it.
 */
#ifndef SD_PASTE_H
#define SD_PASTE_H

#include <stddef.h>

#include "browse/browse.h"
#include "base/buf.h"

/* The box holds at most this much; more is refused, and counted. */
#define PASTE_MAX	(16u << 20)

struct paste {
	struct buf	 text;
	size_t		 max;
	size_t		 dropped;	/* bytes refused since the last clear */
	int		 cr;		/* the last byte taken was a CR */
	unsigned long	 version;	/* changes with every edit */
};

void	paste_init(struct paste *, size_t max);
void	paste_free(struct paste *);
/*
 * Append bytes as they are, except that CR LF and a lone CR become LF
 * (terminals send pasted newlines as CR).  Past the limit nothing is
 * taken; returns the bytes refused, also added to dropped.
 */
size_t	paste_add(struct paste *, const char *, size_t);
/* Erase the last character (a UTF-8 sequence, or one invalid byte). */
void	paste_rubout(struct paste *);
/* Erase the last line's text, or the newline ending the text. */
void	paste_erase_line(struct paste *);
void	paste_clear(struct paste *);

/*
 * The end of a bracketed paste: the terminal sends ESC [ 2 0 0 ~, the
 * text, then ESC [ 2 0 1 ~.  The marker may be split between two reads,
 * so the scanner keeps how much of it it has seen.
 */
struct paste_end {
	size_t	 matched;	/* bytes of the end marker seen so far */
};

#define PASTE_START_SEQ	"\033[200~"
#define PASTE_END_SEQ	"\033[201~"

/*
 * Take n bytes of a paste into p.  Returns how many bytes of s were
 * consumed: all of them, or up to and including the end marker, which
 * sets *done (the rest are keys typed after the paste).
 */
size_t	paste_feed(struct paste *, struct paste_end *, const char *s,
	    size_t n, int *done);

/*
 * The result screen inside the body rectangle: the text and the verdict
 * side by side when wide enough; otherwise one of them, full size.
 */
#define PASTE_WIDE_COLS	100

enum paste_pane {
	PP_TEXT,
	PP_VERDICT
};

struct paste_layout {
	int		 wide;
	struct rect	 text, sep, verdict;	/* h == 0: not shown */
};

void	paste_layout_compute(struct paste_layout *, const struct rect *body,
	    enum paste_pane shown);

#endif
