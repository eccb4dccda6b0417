/*
 * Bytes to verdicts: the one pipeline behind the paste box and
 * --diagnose.  The bytes are parsed into a document, each of its
 * records diagnosed and, when the spans were asked for (BOUNCE_SPANS),
 * the spans made flat for drawing: no overlap, the innermost wins.
 *
 * An analysis is reused from one input to the next, so that a thousand
 * files cost one growth; what it holds lasts until the next run.
 */
#ifndef SD_ANALYSIS_H
#define SD_ANALYSIS_H

#include <stddef.h>

#include "parse/bounce.h"
#include "base/buf.h"
#include "catalogue/catalog.h"
#include "diagnose/diagnose.h"
#include "diagnose/rules.h"

/* How to analyse: the same for every input of a run. */
struct analyser {
	const struct rules		*rules;	  /* NULL: no verdicts */
	struct rule_state		*state;	  /* NULL: the rules' own */
	const struct catalog		*catalog; /* may be NULL */
	const struct bounce_limits	*limits;  /* NULL: the defaults */
	int				 flags;	  /* BOUNCE_* bits */
	/* Polled between the steps: non-zero gives up.  May be NULL. */
	int				(*cancel)(void *);
	void				*arg;
};

struct analysis {
	struct bounce_doc	 doc;
	struct verdict		*v;		/* one per doc.rcpts */
	size_t			 nv;
	struct arena		 scratch;	/* strings of the verdicts */
	struct span		*segs;		/* sorted, disjoint */
	size_t			 nsegs;
	unsigned		 kinds;		/* bit per span_kind present */
	size_t			 vcap, segcap;
};

void	analysis_init(struct analysis *);
void	analysis_free(struct analysis *);
/*
 * Analyse len bytes of in, in place of what the analysis held.  Returns
 * the number of verdicts, or -1 when cancel gave up (what the analysis
 * then holds is of no use but to be run again or freed).  Without rules
 * there is the document and its spans, but no verdict.
 */
long	analysis_run(struct analysis *, const struct analyser *,
	    const char *in, size_t len);

/*
 * Flatten spans into disjoint ones, sorted by offset: at every byte the
 * span that started last in span_order() (bounce.h: the shorter on a
 * tie, a container losing to what it contains) wins.  Spans already in
 * that order, as a parsed document's are, are not sorted again.
 * Returns the count written to out, which holds at least 2n - 1
 * entries.
 */
size_t	spans_flatten(const struct span *, size_t n, struct span *out);

#endif
