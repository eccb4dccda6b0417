/*
 * Fuzz target: the bounce parser and the diagnosis on arbitrary bytes,
 * in both modes (display spans, brief batch), with tight limits so that
 * the limit paths are exercised too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "parse/bounce.h"
#include "catalogue/catalog.h"
#include "base/datadir.h"
#include "diagnose/diagnose.h"
#include "fuzz.h"
#include "diagnose/rules.h"
#include "base/utf8.h"

static struct catalog	 cat;
static struct rules	 rules;
static int		 loaded;

static void
check_doc(const struct bounce_doc *d)
{
	size_t	 i, last = 0;

	/* The text is valid UTF-8 and every span lies inside it, in order. */
	if (!utf8_valid(d->text.data != NULL ? d->text.data : "", d->text.len,
	    NULL))
		abort();
	for (i = 0; i < d->nspans; i++) {
		if (d->spans[i].off + d->spans[i].len > d->text.len ||
		    d->spans[i].off < last)
			abort();
		last = d->spans[i].off;
	}
	for (i = 0; i < d->nrcpts; i++) {
		if (d->rcpts[i].recipient == NULL)
			abort();
		if (d->rcpts[i].diag_off + d->rcpts[i].diag_len > d->text.len)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_error	 err;
	struct bounce_limits	 lim;
	struct bounce_doc	 d;
	struct verdict		 v;
	struct arena		 scratch;
	size_t			 i;
	int			 pass;

	if (!loaded) {
		catalog_init(&cat);
		rules_init(&rules);
		if (catalog_load_path(&cat, FUZZ_DATADIR, &err) != 0 ||
		    rules_load_dir(&rules, FUZZ_DATADIR, &err) != 0)
			abort();
		loaded = 1;
	}
	bounce_doc_init(&d);
	for (pass = 0; pass < 3; pass++) {
		bounce_limits_default(&lim);
		if (pass == 2) {
			lim.max_parts = 4;
			lim.max_depth = 2;
			lim.max_rcpts = 3;
			lim.max_spans = 16;
			lim.max_text = 4096;
			lim.max_quoted = 256;
		}
		bounce_parse(&d, (const char *)data, size, &lim,
		    pass == 1 ? BOUNCE_BRIEF : BOUNCE_SPANS);
		check_doc(&d);
		arena_init(&scratch);
		for (i = 0; i < d.nrcpts; i++) {
			diagnose(&rules, &cat, &d, i, &v, &scratch);
			if (v.reason == NULL || v.ncodes > VERDICT_MAX_CODES)
				abort();
		}
		arena_free(&scratch);
	}
	bounce_doc_free(&d);
	return (0);
}
