/* Helpers of the diagnosis tests: samples and one-call parsing. */
#ifndef SD_DIAGUTIL_H
#define SD_DIAGUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "base/buf.h"

/* Read tests/diag/samples/name into b. */
static inline void
sample_read(const char *name, struct buf *b)
{
	char	 path[1024], chunk[4096];
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof path, "%s/diag/samples/%s", TEST_SRCDIR, name);
	if ((f = fopen(path, "rb")) == NULL)
		ck_abort_msg("cannot open %s", path);
	buf_init(b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	fclose(f);
}

static inline size_t
parse_sample(const char *name, struct bounce_doc *d, int flags)
{
	struct buf	 b;
	size_t		 n;

	sample_read(name, &b);
	bounce_doc_init(d);
	n = bounce_parse(d, b.data, b.len, NULL, flags);
	buf_free(&b);
	return (n);
}

/* Is there a span of kind k whose text is s? */
static inline int
has_span(const struct bounce_doc *d, enum span_kind k, const char *s)
{
	size_t	 i, n = strlen(s);

	for (i = 0; i < d->nspans; i++)
		if (d->spans[i].kind == k && d->spans[i].len == n &&
		    memcmp(d->text.data + d->spans[i].off, s, n) == 0)
			return (1);
	return (0);
}

#endif
