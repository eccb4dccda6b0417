/* Fuzz target: the catalogue loader, lookup, search and layout. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalogue/catalog.h"
#include "fuzz.h"
#include "base/json.h"
#include "catalogue/entry_json.h"
#include "catalogue/render.h"
#include "catalogue/search.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct catalog		 c;
	struct load_error	 err;
	struct search_hit	*hits;
	struct rdoc		 d;
	struct buf		 b;
	const struct entry	*e[8];
	size_t			 i;

	catalog_init(&c);
	if (catalog_parse(&c, "fuzz", (const char *)data, size, &err) == 0 &&
	    catalog_finish(&c, &err) == 0) {
		hits = calloc(c.n + 1, sizeof *hits);
		catalog_search(&c, "mailbox 5.7 x.1.1 550", hits);
		free(hits);
		buf_init(&b);
		for (i = 0; i < c.n && i < 16; i++) {
			rdoc_init(&d);
			render_entry(&c, &c.entries[i], 20 + i * 7, &d);
			rdoc_free(&d);
			buf_reset(&b);
			json_entry(&b, &c.entries[i]);
			catalog_lookup(&c, c.entries[i].code, e, 8);
			catalog_fallback(&c, c.entries[i].code, e, 8);
		}
		buf_free(&b);
	} else if (err.message[0] == '\0' || err.line > size + 1)
		abort();	/* an error must always say where and what */
	catalog_free(&c);
	return (0);
}
