/*
 * What the paste box's text turned out to be: the parsed document, a
 * verdict per recipient, the spans made flat for drawing (no overlap:
 * the innermost wins) and the line starts, all built in one go off the
 * input path (paste_job.h).
 */
#ifndef SD_PASTE_RESULT_H
#define SD_PASTE_RESULT_H

#include <stddef.h>

#include "bounce.h"
#include "buf.h"
#include "catalog.h"
#include "diagnose.h"
#include "render.h"
#include "rules.h"

struct presult {
	struct bounce_doc	 doc;
	struct verdict		*v;		/* one per doc.rcpts */
	size_t			 nv;
	struct arena		 scratch;	/* strings of the verdicts */
	struct span		*segs;		/* sorted, disjoint */
	size_t			 nsegs;
	size_t			*lines;		/* where each line starts */
	size_t			 nlines;
	unsigned		 kinds;		/* bit per span_kind present */
	const char		*rules_error;	/* no verdicts: why, or NULL */
	unsigned long		 version;	/* of the box text analysed */
};

/*
 * Parse text, flatten its spans, index its lines and diagnose every
 * record (rules may be NULL: then no verdicts, rules_error says why).
 * cancel, when not NULL, is polled between the steps: a non-zero value
 * gives up and returns NULL.
 */
struct presult	*presult_build(const struct rules *, const char *rules_error,
		    const struct catalog *, const char *text, size_t len,
		    int (*cancel)(void *), void *arg);
void		 presult_free(struct presult *);
/* The 0-based line holding byte off of the text. */
size_t		 presult_line(const struct presult *, size_t off);
/* The first flat span ending after off, or nsegs. */
size_t		 presult_seg(const struct presult *, size_t off);
/*
 * Flatten spans sorted by offset into disjoint ones: at every byte the
 * span that started last (the shorter on a tie) wins.  Returns the
 * count written to out, which holds at least 2n - 1 entries.
 */
size_t		 spans_flatten(const struct span *, size_t n, struct span *out);

/*
 * The verdict pane is one block per recipient (one "not a bounce" block
 * when there is none), laid out on demand for a width: a verdict's
 * catalogue entries are RS_RELATED lines whose link is the index in
 * verdict.codes.
 */
size_t		 presult_blocks(const struct presult *);
void		 presult_render(const struct presult *, size_t block,
		    size_t width, struct rdoc *);

#endif
