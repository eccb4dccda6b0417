/* Fuzz target: search queries against the shipped catalogue. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "base/datadir.h"
#include "fuzz.h"
#include "catalogue/search.h"

static struct catalog	 cat;
static struct search_hit *hits;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_error	 err;
	char			*q;
	size_t			 n, i;

	if (hits == NULL) {
		catalog_init(&cat);
		if (catalog_load_path(&cat, FUZZ_DATADIR, &err) != 0)
			abort();
		hits = calloc(cat.n + 1, sizeof *hits);
	}
	q = xstrndup((const char *)data, size);
	n = catalog_search(&cat, q, hits);
	for (i = 1; i < n; i++) {
		/* Ranked best first, every hit a real entry. */
		if (hits[i].score > hits[i - 1].score || hits[i].entry >= cat.n)
			abort();
	}
	n = catalog_filter(&cat, q, hits);
	for (i = 1; i < n; i++) {
		if (hits[i].entry <= hits[i - 1].entry)
			abort();
	}
	free(q);
	return (0);
}
