/*
 * The result view's own state, shared by its two files only:
 * view_result.c (the panes, the text) and result_verdict.c (the
 * verdict's lines and the selected catalogue entry).
 */
#ifndef SD_TUI_TRESULT_H
#define SD_TUI_TRESULT_H

#include <stddef.h>

#include "paste.h"
#include "paste_result.h"
#include "paste_wrap.h"

struct tui;

struct tresult {
	enum paste_pane		 pane;		/* focused (wide) or shown */
	size_t			 ttop;		/* text: first row's offset */
	int			 ttop_width;	/* it is a row start at this width */
	struct wrap_marks	 text_marks;
	size_t			 vblock;	/* verdict: first line shown, */
	size_t			 vline;		/* as block and line in it */
	size_t			 lblock;	/* selected catalogue entry */
	int			 llink;		/* in lblock's codes, or -1 */
};

/* The state, made on first use. */
struct tresult		*tresult_get(struct tui *);
/* The result shown: the session's, or NULL. */
const struct presult	*tresult_shown(const struct tui *);

#endif
