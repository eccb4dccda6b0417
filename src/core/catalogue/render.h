/*
 * An entry laid out as styled, wrapped lines for a given width.  The CLI
 * prints them plainly; the browser's detail pane draws them with colour.
 */
#ifndef SD_RENDER_H
#define SD_RENDER_H

#include <stddef.h>

struct catalog;
struct entry;

enum rstyle {
	RS_BLANK,
	RS_TITLE,	/* code and title */
	RS_META,	/* class, category, kind, source */
	RS_HEADING,	/* "Meaning", "What to do" ... */
	RS_TEXT,
	RS_ITEM,	/* a cause or a fix step */
	RS_RETRY,
	RS_EXAMPLE,	/* a reply line as servers send it */
	RS_RELATED,	/* a related code; link is its index in related */
	RS_NOTE,	/* folklore corrections */
	RS_PROVIDER,
	RS_CHECK_FAIL,	/* a DNS check that failed (paste_result.c) */
	RS_CHECK_UNKNOWN	/* one with no answer or not evaluated */
};

struct rline {
	enum rstyle	 style;
	char		*text;	/* sanitized UTF-8, fits the width */
	int		 link;	/* RS_RELATED: index into entry.related */
	int		 indent;/* leading columns already in text */
};

struct rdoc {
	struct rline	*v;
	size_t		 n;
	size_t		 cap;
};

void	rdoc_init(struct rdoc *);
void	rdoc_free(struct rdoc *);
void	render_entry(const struct catalog *, const struct entry *,
	    size_t width, struct rdoc *);
/*
 * Wrap text (sanitized on the way) to width columns: the first line
 * starts with first_prefix, the others with an equally wide indent.
 */
void	render_wrap(struct rdoc *, enum rstyle, const char *first_prefix,
	    const char *text, size_t width);
/* Short class description: "5 (permanent failure)". */
const char *class_text(int klass);

#endif
