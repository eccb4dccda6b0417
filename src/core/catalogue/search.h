/* Ranked search over the catalogue, through an inverted word index. */
#ifndef SD_SEARCH_H
#define SD_SEARCH_H

#include <stddef.h>
#include <stdint.h>

struct catalog;
struct search_index;

struct search_hit {
	uint32_t	entry;	/* index into catalog.entries */
	int		score;
	int		prominence; /* breaks ties: frequent, important first */
};

/* Field weights: an exact code beats a code prefix beats title words... */
#define SCORE_CODE_EXACT	1000
#define SCORE_CODE_PREFIX	500
#define SCORE_TITLE_EXACT	120
#define SCORE_TITLE_PREFIX	100
#define SCORE_META_EXACT	40
#define SCORE_META_PREFIX	30
#define SCORE_BODY_EXACT	12
#define SCORE_BODY_PREFIX	10
/* Bonus when every word of the query is in the title, or the examples. */
#define SCORE_TOGETHER_TITLE	150
#define SCORE_TOGETHER_META	100

#define SEARCH_MAX_TOKENS	16

/*
 * Search the catalogue: every word of the query must match (as a word or
 * the start of one, case-insensitively) somewhere in the entry.  out has
 * room for catalog.n hits; they come best first, ties broken by how
 * frequent and important the entry is, then catalogue order.  The index is built on the first call.  Returns the count.
 */
size_t	catalog_search(struct catalog *, const char *query,
	    struct search_hit *out);
/* Same, but hits are left in catalogue order (for a filtered list). */
size_t	catalog_filter(struct catalog *, const char *query,
	    struct search_hit *out);
/* Build the index now (the benchmarks time it on its own). */
void	catalog_index(struct catalog *);
void	search_index_free(struct search_index *);

/*
 * Split text into folded search words: calls fn for each one with its
 * byte offset and length in the original text.
 */
void	search_words(const char *text, size_t len,
	    void (*fn)(void *, const char *folded, size_t flen,
	    size_t off, size_t olen), void *arg);

/*
 * A query's folded words, each once ("spf spf" is "spf"); words past
 * SEARCH_MAX_TOKENS are not looked for.
 */
struct search_terms {
	char	*tok[SEARCH_MAX_TOKENS];
	size_t	 len[SEARCH_MAX_TOKENS];
	size_t	 n;
};

/* The words of text, replacing those terms held. */
void	search_terms_parse(struct search_terms *, const char *text);
void	search_terms_free(struct search_terms *);

#endif
