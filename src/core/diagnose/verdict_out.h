/*
 * A verdict as text for a person and as a JSON line for a script: what
 * --diagnose prints, and what the output fuzzer checks.
 *
 * Everything that came from outside (the input's name, the bounce, the
 * data files) is escaped on the way out: the text holds no control
 * character but newline, no C1 control and no bidi control, and each
 * JSON record is one line that parses.  The doc's truncation is said
 * in both: a line in the text, "truncated" and "cut" in the JSON.
 */
#ifndef SD_VERDICT_OUT_H
#define SD_VERDICT_OUT_H

#include <stddef.h>

#include "parse/bounce.h"
#include "base/buf.h"
#include "diagnose/diagnose.h"

/* Narrower widths are laid out at this one. */
#define VERDICT_TEXT_MIN	40

/*
 * The report of one record, wrapped to width columns: verdict_render()'s
 * lines, the title at the margin and the rest indented by two, then a
 * blank line.
 */
void	verdict_text(struct buf *out, const char *source,
	    const struct verdict *, const struct bounce_doc *, size_t width);
/* One JSON line, newline included. */
void	verdict_json(struct buf *out, const char *source,
	    const struct verdict *, const struct bounce_doc *);
/* The text report of an input that gave no record. */
void	verdict_none_text(struct buf *out, const char *source,
	    const struct bounce_doc *, size_t width);

#endif
