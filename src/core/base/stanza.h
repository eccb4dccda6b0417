/* The one reader of the data files' format: "field: value" stanzas. */
#ifndef SD_STANZA_H
#define SD_STANZA_H

#include <stddef.h>

#include "base/buf.h"

struct load_error;

/*
 * The format the catalogue and the rules share (data/README):
 *
 * - Stanzas of "field: value" lines, separated by empty lines or lines
 *   of blanks (spaces and tabs).
 * - A line starting with '#' is a comment, also inside a stanza.
 * - A line starting with a blank continues the field above, joined with
 *   one space; with paragraphs set, a continuation holding only "."
 *   is a line break instead.
 * - CRLF line ends read as LF; blanks around a value go.
 * - The bytes are checked first (datafile_check: UTF-8, no NUL), and a
 *   file whose last line has no end inside a stanza is refused as
 *   truncated.
 *
 * Every mistake is a "file:line: message" load_error, the same text
 * whichever loader reads the file.  What a field's name means is the
 * loader's business: the reader only splits the line at its first ':'.
 */
struct stanza_format {
	int		 paragraphs;	/* a "." continuation is a break */
	size_t		 max_value;	/* bytes in one value */
	size_t		 max_fields;	/* fields in one stanza */
};

/* One complete field, or the end of a stanza (name == NULL). */
struct stanza_item {
	const char	*name;		/* in the text, not NUL-terminated */
	size_t		 namelen;	/* [qualifier] included */
	const char	*value;		/* NUL-terminated, never empty */
	size_t		 len;
	unsigned	 line;		/* of the field's first line */
};

struct stanza_reader {
	const struct stanza_format *fmt;
	const char		*name;	/* what errors call the file */
	struct load_error	*err;
	const char		*p, *end;
	unsigned		 lineno;	/* lines consumed */
	size_t			 nfields;	/* in the current stanza */
	struct buf		 value;
};

/*
 * Start reading text (len bytes, name in errors) after its byte check.
 * 0, or -1 with err set; the reader needs stanza_close() either way.
 */
int	stanza_open(struct stanza_reader *, const struct stanza_format *,
	    const char *name, const char *text, size_t len,
	    struct load_error *err);
/*
 * The next field of the stanza, or its end (item->name NULL, once per
 * stanza, also at the end of the file).  1, 0 at the end of the file,
 * or -1 with err set.  The item lives until the next call.
 */
int	stanza_next(struct stanza_reader *, struct stanza_item *);
void	stanza_close(struct stanza_reader *);

/* What a loader does with the items; each returns 0, or -1 with err set. */
struct stanza_ops {
	int	(*field)(void *arg, const struct stanza_item *);
	int	(*end)(void *arg);	/* the stanza read is complete */
};
/*
 * The items of an open reader to ops, up to the end of the text or the
 * first error: 0, or -1 with err set.
 */
int	stanza_read(struct stanza_reader *, const struct stanza_ops *,
	    void *arg);
/* Set the reader's error at line; returns -1. */
int	stanza_fail(struct stanza_reader *, unsigned line, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
/* The loaders' common refusal of a name they do not know. */
int	stanza_unknown(struct stanza_reader *, const struct stanza_item *);

#endif
