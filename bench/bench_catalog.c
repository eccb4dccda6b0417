/*
 * Catalogue benchmarks: load, index and search times on the shipped
 * catalogue and on a generated 10,000-entry one.  Prints medians.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchutil.h"
#include "base/buf.h"
#include "catalogue/catalog.h"
#include "base/datadir.h"
#include "catalogue/search.h"

#define RUNS	21

static const char *queries[] = {
	"550", "5.7.26", "x.7.26", "550 5.7.1", "spf", "mailbox full",
	"relay denied", "s", "auth", "zzznothing"
};

/* A plausible catalogue of n entries with unique codes. */
static char *
generate(size_t n, size_t *len)
{
	struct buf	 b;
	unsigned	 seed = 42;
	size_t		 i;
	int		 k;

	buf_init(&b);
	for (i = 0; i < n; i++) {
		int klass = i % 2 ? 5 : 4;

		buf_printf(&b, "code: %d.%zu.%zu\nkind: nonstandard\n"
		    "category: policy\ntitle: ", klass, 10 + i / 500, i % 500);
		sentence(&b, &seed, 4);
		buf_adds(&b, "meaning: ");
		sentence(&b, &seed, 30);
		for (k = 0; k < 3; k++) {
			buf_adds(&b, "cause: ");
			sentence(&b, &seed, 12);
			buf_adds(&b, "fix: ");
			sentence(&b, &seed, 15);
		}
		buf_printf(&b, "retry: never\nfrequency: rare\nimportance: low\n"
		    "source: Not in any standard: generated\n"
		    "example: 550 %d.%zu.%zu ", klass, 10 + i / 500, i % 500);
		sentence(&b, &seed, 10);
		buf_addc(&b, '\n');
	}
	*len = b.len;
	return (buf_steal(&b));
}

static void
bench(const char *label, const char *path, const char *text, size_t len)
{
	struct catalog		 c;
	struct load_error	 err;
	struct search_hit	*hits;
	double			 load[RUNS], idx[RUNS], q[RUNS], t;
	size_t			 i, r, nhits = 0, arena = 0;

	for (r = 0; r < RUNS; r++) {
		catalog_init(&c);
		t = now_ms();
		if ((path != NULL ? catalog_load_path(&c, path, &err) :
		    (catalog_parse(&c, "gen", text, len, &err) ||
		    catalog_finish(&c, &err))) != 0) {
			fprintf(stderr, "%s:%u: %s\n", err.file, err.line,
			    err.message);
			exit(2);
		}
		load[r] = now_ms() - t;
		t = now_ms();
		catalog_index(&c);
		idx[r] = now_ms() - t;
		arena = c.arena.used;
		if (r + 1 < RUNS)
			catalog_free(&c);
	}
	printf("%s: %zu entries, %.1f KiB of strings\n", label, c.n,
	    arena / 1024.0);
	printf("  load (parse + sort + code index): %.3f ms\n",
	    median(load, RUNS));
	printf("  search index build (first search): %.3f ms\n",
	    median(idx, RUNS));
	hits = calloc(c.n + 1, sizeof *hits);
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		for (r = 0; r < RUNS; r++) {
			int rep;
			t = now_ms();
			for (rep = 0; rep < 10; rep++)
				nhits = catalog_search(&c, queries[i], hits);
			q[r] = (now_ms() - t) / 10;
		}
		printf("  search %-14s %6zu hits  %.4f ms\n", queries[i], nhits,
		    median(q, RUNS));
	}
	free(hits);
	catalog_free(&c);
}

int
main(int argc, char **argv)
{
	char	*text;
	size_t	 len;

	if (argc != 2) {
		fprintf(stderr, "usage: bench_catalog DATADIR\n");
		return (2);
	}
	bench("shipped catalogue", argv[1], NULL, 0);
	text = generate(10000, &len);
	printf("generated catalogue: %.1f MiB of text\n", len / 1048576.0);
	bench("generated catalogue", NULL, text, len);
	free(text);
	return (0);
}
