/*
 * A verdict laid out as styled, wrapped lines for a given width: the one
 * presentation of a diagnosis.  The browser's verdict pane draws the
 * lines in colour; --diagnose prints their text (verdict_out.h).
 *
 * A record's report is, in this order: the title (the caller's label,
 * then the recipient), the truncation of the document if a limit cut
 * it, what happened, how bad it is (hard, soft, or not a bounce), the
 * retry advice, the provider, the remote MTA, the codes ("reply 550
 * 5.1.1  after RCPT", in the order a server sends them), what the
 * server said, then the evidence, the next steps and the catalogue
 * entries under headings.  A catalogue entry's lines are RS_RELATED
 * with link the index in verdict.codes.
 *
 * Every string from outside (the label, the bounce, the data files) is
 * escaped for a terminal on the way: no control character, newline
 * included, reaches a line.
 */
#ifndef SD_VERDICT_RENDER_H
#define SD_VERDICT_RENDER_H

#include <stddef.h>

#include "parse/bounce.h"
#include "diagnose/diagnose.h"
#include "catalogue/render.h"

/* Narrower widths are laid out at this one. */
#define VERDICT_MIN_WIDTH	16

/*
 * The report of one record of doc.  Strings from outside longer than
 * max_string bytes are cut at a character, with an ellipsis; 0 keeps
 * them whole.
 */
void	verdict_render(struct rdoc *, const char *label,
	    const struct verdict *, const struct bounce_doc *, size_t width,
	    size_t max_string);
/* "Truncated: a limit was reached..." when one cut doc, else nothing. */
void	verdict_render_truncation(struct rdoc *, const struct bounce_doc *,
	    size_t width);
/* The report of a document that gave no record: not a bounce. */
void	verdict_render_none(struct rdoc *, const char *label,
	    const struct bounce_doc *, size_t width);

#endif
