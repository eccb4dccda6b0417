/* The verdict on one bounced recipient: reason, retry, steps, evidence. */
#ifndef SD_DIAGNOSE_H
#define SD_DIAGNOSE_H

#include <stddef.h>

#include "parse/bounce.h"
#include "catalogue/catalog.h"
#include "diagnose/rules.h"

#define VERDICT_MAX_CODES	8
#define VERDICT_MAX_EVIDENCE	8
#define VERDICT_MAX_STEPS	12
/*
 * The bytes of the matched text an evidence line quotes, at most (cut at
 * a character boundary): enough to recognise the words, short enough
 * for one line of a report.
 */
#define VERDICT_QUOTE_MAX	120

struct verdict {
	const struct bounce_rcpt *rcpt;
	const char		*reason;	/* a REASONS.md name */
	const char		*reason_title;
	int			 permanent;
	int			 delayed;	/* a delay notice: still retried */
	int			 permanence_unknown; /* nothing tells it */
	enum retry_advice	 retry;
	const char		*retry_note;
	const char		*provider;	/* or NULL */
	const char		*format;	/* report format, if looked for */
	char			 status[STATUS_MAX]; /* reported, or derived */
	int			 status_derived; /* X.0.9NN from the reason */
	int			 reply_code;	/* 0 when none */
	const struct entry	*codes[VERDICT_MAX_CODES];
	size_t			 ncodes;
	const char		*evidence[VERDICT_MAX_EVIDENCE];
	size_t			 nevidence;
	const char		*steps[VERDICT_MAX_STEPS];
	size_t			 nsteps;
	const struct rule	*rule;		/* the deciding rule, or NULL */
	size_t			 match_off;	/* in rcpt->diagnostic */
	size_t			 match_len;
};

/*
 * Diagnose record i of doc.  Strings of the verdict live in doc, rules,
 * catalogue or scratch (an arena the caller frees).  catalog may be NULL.
 * diagnose() matches with the rules' own state, so one thread at a time;
 * diagnose_r() takes a state of the caller's, one per thread.
 */
void	diagnose(const struct rules *, const struct catalog *,
	    const struct bounce_doc *, size_t i, struct verdict *,
	    struct arena *scratch);
void	diagnose_r(const struct rules *, struct rule_state *,
	    const struct catalog *, const struct bounce_doc *, size_t i,
	    struct verdict *, struct arena *scratch);

#endif
