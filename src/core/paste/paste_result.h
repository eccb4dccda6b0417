/*
 * What the paste box's text turned out to be: its analysis (the parsed
 * document, a verdict per recipient, the spans made flat for drawing:
 * analysis.h) and the line starts, all built in one go off the input
 * path (paste_job.h).
 */
#ifndef SD_PASTE_RESULT_H
#define SD_PASTE_RESULT_H

#include <stddef.h>

#include "diagnose/analysis.h"
#include "catalogue/catalog.h"
#include "catalogue/render.h"
#include "diagnose/rules.h"

/*
 * Lines a front end adds under a verdict after the analysis (the DNS
 * checks' findings: check/dnscheck.h), laid out by its own function.
 */
struct presult_extra {
	void	(*render)(void *arg, size_t width, struct rdoc *);
	void	(*release)(void *arg);
	void	 *arg;
};

struct presult {
	struct analysis		 an;		/* the text, verdicts, spans */
	size_t			*lines;		/* where each line starts */
	size_t			 nlines;
	struct arena		 strings;	/* rules_error */
	const char		*rules_error;	/* no verdicts: why, or NULL */
	unsigned long		 version;	/* of the box text analysed */
	struct presult_extra	*extra;		/* per verdict, or NULL */
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
 * Where the text explains the failure, to open on: the line of the
 * server's own words, else of the report's text, else of its DSN
 * fields; 0 when there is none.  Headers come before all of these.
 */
size_t		 presult_focus(const struct presult *);
/* The same: 1 and *off, or 0 (and *off 0) when there is none. */
int		 presult_focus_at(const struct presult *, size_t *off);
/*
 * The line start of the next (dir > 0) or previous highlighted part
 * whose line is not that of off, or off itself when there is none.
 */
size_t		 presult_next_part(const struct presult *, size_t off, int dir);
/*
 * The verdict pane is one block per recipient (one "not a bounce" block
 * when there is none), laid out on demand for a width by verdict_render()
 * (verdict_render.h): a verdict's catalogue entries are RS_RELATED lines
 * whose link is the index in verdict.codes.
 */
size_t		 presult_blocks(const struct presult *);
void		 presult_render(const struct presult *, size_t block,
		    size_t width, struct rdoc *);
/*
 * Lines under verdict block: presult_render() calls render(arg, width,
 * d) after the verdict's own lines, and release(arg) when they are
 * replaced or r is freed (at once when there is no such block).
 */
void		 presult_set_extra(struct presult *, size_t block,
		    void (*render)(void *, size_t, struct rdoc *),
		    void (*release)(void *), void *arg);

#endif
